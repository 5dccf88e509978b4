"""Main text and metadata of a web page, through trafilatura, and what the page really is.

trafilatura is the maintained extractor that separates the article from navigation, comments and
boilerplate and reads title, date and site name (og:site_name, else the canonical URL's host) from the
page's metadata. What it returns is then checked: a subscription prompt is not article text (it is
removed, and what is left is marked as a teaser, or refused when nothing is left), and a photo caption
alone is not an article.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura

from .text import ParsedArticle, guess_language

__all__ = ["parse_html", "PAYWALL_TEASER"]

PAYWALL_TEASER = "only the opening of the article is readable; the rest is behind a subscription prompt"


class _DropDiscardingData(logging.Filter):
    """trafilatura logs 'discarding data: None' at WARNING for every page it finds nothing in; we
    report that page ourselves, with its name, so the bare line only confuses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


logging.getLogger("trafilatura.core").addFilter(_DropDiscardingData())

_SUBSCRIBE = r"(?:subscri(?:be|ption|ber)s?|sign(?:ing)? in|log ?in|register)"
_FULL = (
    r"(?:(?:the|this) full (?:story|article)|continue reading|keep reading|read the rest"
    r"|rest of (?:this|the) (?:story|article)|(?:access|unlock) (?:to )?(?:this|the) (?:story|article)"
    r"|check access)"
)
_PROMPT = re.compile(
    rf"\b{_SUBSCRIBE}\b.{{0,120}}\b{_FULL}|\b{_FULL}\b.{{0,120}}\b{_SUBSCRIBE}\b"
    r"|\b(?:for|to) (?:paying |premium )?(?:subscribers|members) only\b|\bsubscriber[- ]only\b|\bsubscribers-only\b"
    r"|\bpreview of subscription content\b|\balready (?:a subscriber|subscribed|have an account)\b"
    r"|\bthis (?:article|story|content) is (?:only |exclusively )?(?:available|reserved) (?:to|for) (?:subscribers|members)",
    re.I,
)
# A photo credit: "Photo: AP", "(AP Photo/Jane Doe)", or an agency in brackets closing the text. An agency
# dateline opening a short wire story ("LONDON (Reuters) - ...") is not one.
_CREDIT = re.compile(
    r"\b(?:Photo|Photograph|Picture|Image|Foto|Credit)s?\s*(?::|by\b)\s*\S"
    r"|\([^)]{0,40}\b(?:Photo|Images)\b[^)]{0,40}\)"
    r"|\((?:AP|AFP|Reuters|Getty Images|EPA|File)\)\s*\.?\s*$",
    re.I,
)
_CAPTION_MAX = 300
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]+))?""", re.I)
_OG_LOCALE = re.compile(r"""<meta\b[^>]*property\s*=\s*["']og:locale["'][^>]*content\s*=\s*["']([A-Za-z]{2,3})""", re.I)
_LANGUAGES = {
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
    "pl": "Polish", "cs": "Czech", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "nb": "Norwegian",
    "fi": "Finnish", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "ar": "Arabic", "he": "Hebrew",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi", "bn": "Bengali", "th": "Thai",
    "el": "Greek", "hu": "Hungarian", "ro": "Romanian", "id": "Indonesian", "vi": "Vietnamese",
}


def page_language(html: str) -> str | None:
    """The page's declared language code (html lang or og:locale), lower-case, e.g. 'de'."""
    head = html[:20000]
    m = _HTML_LANG.search(head) or _OG_LOCALE.search(head)
    return m.group(1).lower() if m else None


def _no_text(html: str) -> ValueError:
    lang = page_language(html)
    if lang and lang != "en":
        name = _LANGUAGES.get(lang, f"'{lang}'")
        return ValueError(
            f"no article text found in the page: it is not English but {name} (lang={lang}), and Tradebrief "
            "is built for English trade news"
        )
    return ValueError("no article text found in the page")


def _without_prompts(lines: list[str]) -> tuple[list[str], bool]:
    """The lines with subscription prompts (and anything between two prompts) removed."""
    hits = [i for i, line in enumerate(lines) if len(line) < 300 and _PROMPT.search(line)]
    if not hits:
        return lines, False
    drop = set(range(hits[0], hits[-1] + 1)) if hits[-1] - hits[0] <= 3 else set(hits)
    return [line for i, line in enumerate(lines) if i not in drop], True


def _substantive(line: str) -> bool:
    """A line of prose, not a menu or link label ("Home", "Markets", "More news")."""
    return len(line) >= 40 or len(line.split()) >= 6


def _is_caption(lines: list[str]) -> bool:
    prose = [line for line in lines if _substantive(line)]
    text = " ".join(prose)
    return len(text) <= _CAPTION_MAX and len(prose) <= 2 and bool(_CREDIT.search(text))


def parse_html(html: str | bytes, url: str | None = None) -> ParsedArticle:
    """Extract the article in `html`; raises ValueError when the page has no article text."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text_html = html if isinstance(html, str) else html[:20000].decode("utf-8", "replace")
    if doc is None:
        raise _no_text(text_html)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].strip().lower() == title.lower():
        lines = lines[1:]  # the headline repeated as the first line of the text
    if not lines:
        raise _no_text(text_html)
    if not any(_substantive(line) for line in lines):
        raise _no_text(text_html)  # only menu or link labels ("Home", "Business", "More news")
    lines, prompted = _without_prompts(lines)
    if prompted and sum(len(line) for line in lines) < 80:
        raise ValueError("the page shows only a subscription prompt, not the article")
    if _is_caption(lines):
        size = len(" ".join(lines))
        raise ValueError(f"the page holds only a photo caption ({size} characters), not an article")
    if not title:
        title = lines.pop(0) if len(lines) > 1 else lines[0][:120]
    source = (data.get("sitename") or data.get("hostname") or "").strip()
    if not source and url:
        source = urlsplit(url).hostname or ""
    source = source.removeprefix("www.")
    body = "\n\n".join(lines)
    language = data.get("language") or page_language(text_html) or guess_language(body[:2000])
    return ParsedArticle(
        title=title,
        body=body,
        source=source,
        url=url,
        published=(data.get("date") or None),
        author=(data.get("author") or "").strip(),
        language=language,
        teaser=PAYWALL_TEASER if prompted else "",
    )
