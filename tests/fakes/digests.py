"""Test doubles for digests: a fake clock with a fake sleep, a recording adapter, a feed server.

The adapter is our own double of an adapter (a real object with `name` and `deliver`), not a patch of
our code; the feed server is a real HTTP server on 127.0.0.1 speaking conditional GET.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from bot.errors import DeliveryFailed
from bot.models import Digest


class FakeClock:
    """`clock()` returns fake time; `await clock.sleep(s)` moves it on instead of waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start.astimezone(UTC)
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[], None] | None = None

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta | float) -> None:
        self.now += delta if isinstance(delta, timedelta) else timedelta(seconds=delta)

    def set(self, when: datetime) -> None:
        self.now = when.astimezone(UTC)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds)
        if self.on_sleep:
            self.on_sleep()
        await asyncio.sleep(0)


@dataclass
class Delivery:
    place: str
    digest: Digest
    at: datetime


@dataclass
class RecordingAdapter:
    """A delivery-only adapter: pushes each digest onto a queue; can be told to fail first."""

    name: str
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    delivered: deque[Delivery] = field(default_factory=deque)
    failures: deque[BaseException] = field(default_factory=deque)
    attempts: int = 0
    before_deliver: Callable[[str, Digest], None] | None = None

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def fail_next(self, *errors: BaseException) -> None:
        self.failures.extend(errors)

    async def deliver(self, place: str, digest: Digest) -> None:
        self.attempts += 1
        if self.failures:
            raise self.failures.popleft()
        if self.before_deliver:
            self.before_deliver(place, digest)
        self.delivered.append(Delivery(place, digest, self.clock()))

    def pop(self) -> Delivery:
        return self.delivered.popleft()


def transient(message: str = "HTTP 502 from the chat API") -> DeliveryFailed:
    return DeliveryFailed(message, permanent=False)


def permanent(message: str = "Forbidden: bot was blocked by the user") -> DeliveryFailed:
    return DeliveryFailed(message, permanent=True)


# ---- a feed server speaking conditional GET -----------------------------------------------------
@dataclass
class FeedItem:
    title: str
    link: str
    body: str  # full article text, carried in content:encoded
    published: datetime = field(default_factory=lambda: datetime(2025, 3, 3, 8, 0, tzinfo=UTC))


def rss_with_content(title: str, items: list[FeedItem]) -> str:
    """RSS 2.0 whose items carry the full article (so the poller needs no page fetch)."""
    entries = "".join(
        "<item>"
        f"<title>{escape(i.title)}</title><link>{escape(i.link)}</link><guid>{escape(i.link)}</guid>"
        f"<pubDate>{format_datetime(i.published)}</pubDate>"
        f"<description>{escape(i.body[:120])}</description>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{escape(p)}</p>" for p in i.body.split("\n\n"))
        + "]]></content:encoded>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>Test desk</description>"
        f"{entries}</channel></rss>"
    )


class ConditionalFeed:
    """An aiohttp handler serving one feed with an ETag and Last-Modified that change per item.

    `requests` records the conditional headers of each request, so tests can see they were sent.
    """

    def __init__(self, title: str, items: list[FeedItem] | None = None) -> None:
        self.title = title
        self.items = list(items or [])
        self.requests: list[dict[str, str | None]] = []
        self.modified = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

    @property
    def etag(self) -> str:
        return f'"rev-{len(self.items)}"'

    def add(self, item: FeedItem) -> None:
        self.items.insert(0, item)
        self.modified += timedelta(hours=1)

    async def __call__(self, request: web.Request) -> web.Response:
        self.requests.append({
            "if-none-match": request.headers.get("If-None-Match"),
            "if-modified-since": request.headers.get("If-Modified-Since"),
        })
        headers = {"ETag": self.etag, "Last-Modified": format_datetime(self.modified, usegmt=True)}
        if request.headers.get("If-None-Match") == self.etag:
            return web.Response(status=304, headers=headers)
        return web.Response(
            text=rss_with_content(self.title, self.items), content_type="application/rss+xml", headers=headers
        )
