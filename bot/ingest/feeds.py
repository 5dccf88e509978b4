"""RSS and Atom feeds through feedparser: which entries a feed holds and what they carry.

The bytes are decoded first the way `decode` reads pages (so a KOI8-R or Big5 feed with no declaration
gets the right script) and handed to feedparser as UTF-8, with the feed's own address so relative entry
links resolve against it. Broken XML that yields no entries is reported as malformed, with the parser's
reason and line.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from .decode import decode

__all__ = ["FeedEntry", "looks_like_feed", "parse_feed"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    title: str
    link: str | None  # absolute http(s) link when one could be made, else as the feed gave it
    published: str | None  # ISO date
    content_html: str  # full content when the feed carries it, else the summary
    feed_title: str
    full_content: bool
    position: int = 0  # 1-based place in the feed, for messages about entries without a link

    @property
    def fetchable(self) -> bool:
        return bool(self.link) and urlsplit(self.link).scheme in ("http", "https")  # type: ignore[arg-type]


_FEED_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_XML_DECL = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_HARMLESS = ("CharacterEncodingOverride", "CharacterEncodingUnknown", "NonXMLContentType")


def looks_like_feed(content: bytes | str, content_type: str = "") -> bool:
    media = content_type.split(";")[0].strip().lower()
    if media in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    if isinstance(content, bytes):
        try:
            content = decode(content[:4096]).text
        except Exception:  # binary or undecodable: not a feed
            return False
    return bool(_FEED_START.match(content[:4096].lstrip("\ufeff")))


def _iso(parsed: object) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _reason(exc: BaseException) -> str:
    """feedparser's bozo exception as 'line 5, column 37: not well-formed (invalid token)'."""
    text = str(exc).strip() or type(exc).__name__
    if m := re.match(r"^<unknown>:(\d+):(\d+):\s*(.*)$", text):
        return f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return text


def parse_feed(content: bytes, *, content_type: str = "", base_url: str | None = None) -> tuple[str, list[FeedEntry]]:
    """The feed's title and entries; raises ValueError when `content` is not a readable feed.

    `base_url` is the feed's own address: relative entry links are resolved against it (or against
    the feed's absolute <link> when the feed was read from a file)."""
    import feedparser  # imported on first use: 0.1 s that answering questions never needs

    text = decode(content, content_type=content_type).text
    text = _XML_DECL.sub(r"\1", text, count=1)  # the bytes handed over are UTF-8 now, whatever it said
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(text.encode("utf-8"), response_headers=headers)
    exc = parsed.get("bozo_exception")
    malformed = bool(parsed.get("bozo")) and exc is not None and type(exc).__name__ not in _HARMLESS
    if not parsed.entries:
        if not parsed.get("version"):
            raise ValueError("not an RSS or Atom feed" + (f" (malformed XML: {_reason(exc)})" if malformed else ""))
        if malformed:
            title = " ".join((parsed.feed.get("title") or "").split())[:80]
            named = f"the feed “{title}”" if title else "the feed"
            raise ValueError(f"{named} is malformed XML ({_reason(exc)}), and no entries could be read from it")
    title = (parsed.feed.get("title") or "").strip()
    site = parsed.feed.get("link") or ""
    base = base_url or (site if urlsplit(site).scheme in ("http", "https") else "")
    entries: list[FeedEntry] = []
    for n, entry in enumerate(parsed.entries, start=1):
        contents = entry.get("content") or []
        full = max((c.get("value", "") for c in contents), key=len, default="")
        summary = entry.get("summary", "") or ""
        link = (entry.get("link") or "").strip() or None
        if link and base and not urlsplit(link).scheme:
            link = urljoin(base, link)
        entries.append(
            FeedEntry(
                title=(entry.get("title") or "").strip(),
                link=link,
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                content_html=full or summary,
                feed_title=title,
                full_content=len(re.sub(r"<[^>]+>", "", full)) >= 400,
                position=n,
            )
        )
    return title, entries
