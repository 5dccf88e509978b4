"""Main text and metadata of a web page, through trafilatura.

trafilatura is the maintained extractor that separates the article from navigation, comments and
boilerplate and reads title, date and site name from the page's metadata.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura

from .text import ParsedArticle, guess_language

__all__ = ["parse_html"]


def parse_html(html: str | bytes, url: str | None = None) -> ParsedArticle:
    """Extract the article in `html`; raises ValueError when the page has no article text."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None:
        raise ValueError("no article text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].strip().lower() == title.lower():
        lines = lines[1:]  # the headline repeated as the first line of the text
    if not lines:
        raise ValueError("no article text found in the page")
    if not title:
        title = lines.pop(0) if len(lines) > 1 else lines[0][:120]
    source = (data.get("sitename") or data.get("hostname") or "").strip()
    if not source and url:
        source = (urlsplit(url).hostname or "").removeprefix("www.")
    body = "\n\n".join(lines)
    return ParsedArticle(
        title=title,
        body=body,
        source=source,
        url=url,
        published=(data.get("date") or None),
        author=(data.get("author") or "").strip(),
        language=data.get("language") or guess_language(body[:2000]),
    )
