"""Recognise title, source, date and body in an article saved as plain text.

Two shapes are common: a news page copied as text (menu chrome, a byline with "Published April 10,
2025 | 06:50 PM", a dateline like "ISLAMABAD, (UrduPoint / Pakistan Point News - 10th Apr, 2025)"),
and the plain "title line, blank line, body" of news corpora. Chrome is dropped, metadata is lifted
out of the body, and what remains is the text sentences and citations are made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateutil import parser as dateparser

__all__ = ["ParsedArticle", "parse_text", "parse_date"]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str
    body: str
    source: str = ""
    url: str | None = None
    published: str | None = None  # ISO date
    author: str = ""
    language: str = "en"
    teaser: str = ""  # why this is not the whole article (e.g. the rest is behind a paywall); "" = whole


# Lines that are page furniture, not article text (compared lower-cased, punctuation stripped).
_CHROME_WORDS = {
    "open menu", "close menu", "menu", "home", "search", "share", "share this", "share this article",
    "subscribe", "sign in", "log in", "login", "register", "advertisement", "advertisements", "ad",
    "read more", "related", "related news", "related articles", "more news", "follow us", "tweet",
    "facebook", "twitter", "whatsapp", "linkedin", "email", "print", "comments", "skip to content",
    "skip to main content", "back to top", "top stories", "latest news", "trending", "newsletter",
    "cookie settings", "accept cookies", "copy link", "listen", "listen to this article", "x",
}
_META_DATE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b(.*)$", re.I)
_BYLINE = re.compile(
    r"^(?P<author>.{0,80}?)\s*\bPublished\s*(?:on\s*)?:?\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4}"
    r"|\d{1,2} [A-Z][a-z]+\.? \d{4}|\d{4}-\d{2}-\d{2})(?P<rest>.*)$"
)
_BY_AUTHOR = re.compile(r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$")
# "CITY, (Source / Other Source - 10th Apr, 2025) Text..." or "CITY (Source) - Text..."
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}),?\s*\((?P<source>[^()]{2,80}?)"
    r"(?:\s*[-–—]\s*(?P<date>[^()]{4,40}))?\)\s*[-–—:]?\s*(?P<rest>\S.*)$"
)
_SOURCE_LINE = re.compile(r"^\s*source[:\s]+(?P<source>\S.{1,80})$", re.I)
_URL_LINE = re.compile(r"^\s*(?:url|link)[:\s]+(?P<url>https?://\S+)\s*$", re.I)


def parse_date(value: str) -> str | None:
    """An ISO date from a human date ("10th Apr, 2025", "April 10, 2025"), or None."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value).replace("|", " ").strip(" ,.")
    if not re.search(r"\d{4}", cleaned):
        return None
    try:
        parsed = dateparser.parse(cleaned, fuzzy=True, default=_DEFAULT_DAY)
    except (ValueError, OverflowError):
        return None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat()


_DEFAULT_DAY = dateparser.parse("2000-01-01")


def _is_chrome(line: str) -> bool:
    key = re.sub(r"[^\w\s]", "", line).strip().lower()
    return not key or key in _CHROME_WORDS


def _norm(line: str) -> str:
    return re.sub(r"[^\w]+", " ", line).strip().lower()


def parse_text(raw: str, *, default_source: str = "") -> ParsedArticle:
    """Split a text article into title, metadata and body; raises ValueError when there is no text."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    published: str | None = None
    source = ""
    url: str | None = None
    author = ""
    title = ""
    body: list[str] = []

    for line in lines:
        if not line:
            continue
        meta = _META_DATE.match(line)
        if meta:
            published = published or meta.group(1)
            rest = meta.group(2).strip()
            if not rest or _is_chrome(rest):
                continue
            line = rest
        if _is_chrome(line):
            continue
        if m := _SOURCE_LINE.match(line):
            source = source or m.group("source").strip()
            continue
        if m := _URL_LINE.match(line):
            url = url or m.group("url")
            continue
        if not title:
            title = line
            continue
        if m := _BYLINE.match(line):
            published = published or parse_date(m.group("date"))
            author = author or m.group("author").strip()
            continue
        if _BY_AUTHOR.match(line) and not body:
            author = author or line[3:].strip()
            continue
        if len(line) == len(title) and _norm(line) == _norm(title):
            continue  # the headline repeated as a sub-heading
        if not body and (m := _DATELINE.match(line)):
            source = source or m.group("source").strip()
            if m.group("date"):
                published = published or parse_date(m.group("date"))
            line = m.group("rest")
        body.append(line)

    if not title:
        raise ValueError("no text found")
    if not body:
        raise ValueError("only a title, no article body")
    return ParsedArticle(
        title=title,
        body="\n\n".join(body),
        source=source or default_source,
        url=url,
        published=published,
        author=author,
        language=guess_language(" ".join(body[:5])),
    )


_EN_STOPWORDS = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "with", "said", "was"}


def guess_language(text: str) -> str:
    """'en' when English function words dominate, else 'und' (undetermined)."""
    words = re.findall(r"[a-z]+", text.lower())[:400]
    if not words:
        return "und"
    share = sum(w in _EN_STOPWORDS for w in words) / len(words)
    return "en" if share >= 0.08 else "und"
