"""RSS and Atom feeds through feedparser: which entries a feed holds and what they carry."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["FeedEntry", "looks_like_feed", "parse_feed"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    title: str
    link: str | None
    published: str | None  # ISO date
    content_html: str  # full content when the feed carries it, else the summary
    feed_title: str
    full_content: bool


_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    media = content_type.split(";")[0].strip().lower()
    if media in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    return bool(_FEED_START.match(content[:2048]))


def _iso(parsed: object) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(content: bytes) -> tuple[str, list[FeedEntry]]:
    """The feed's title and entries; raises ValueError when `content` is not a readable feed."""
    import feedparser  # imported on first use: 0.1 s that answering questions never needs

    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not an RSS or Atom feed")
    title = (parsed.feed.get("title") or "").strip()
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        contents = entry.get("content") or []
        full = max((c.get("value", "") for c in contents), key=len, default="")
        summary = entry.get("summary", "") or ""
        entries.append(
            FeedEntry(
                title=(entry.get("title") or "").strip(),
                link=entry.get("link"),
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                content_html=full or summary,
                feed_title=title,
                full_content=len(re.sub(r"<[^>]+>", "", full)) >= 400,
            )
        )
    return title, entries
