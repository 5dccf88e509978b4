"""RSS/Atom feeds that `tradebrief run` polls on an interval, ingesting new entries.

Each feed's ETag and Last-Modified are kept in the "feeds" table and sent back on the next poll, so
an unchanged feed costs a 304 and no parsing. Feeds are fetched concurrently (every hop through the
SSRF-checked `Fetcher`) and ingested one after the other through the Foundation's `Ingestor`, which
skips entries already stored. A feed that fails (HTTP error, timeout, not a feed) gets a log line
and its `last_error`, and is simply tried again next round; it never holds up the others. An entry
whose page cannot be read waits longer after each failure and is left alone after a few.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit


from .errors import BadRequest, IngestError, StoreError
from .ingest import Fetched
from .ingest.feeds import looks_like_feed, parse_feed
from .storage_port import StoragePort as Store

if TYPE_CHECKING:
    from .config import Settings
    from .ingest import Ingestor
    from .ingest.fetch import Fetcher

__all__ = ["FEEDS", "Feed", "FeedList", "FeedPoller", "FeedSink", "PollResult", "normalise_feed_url", "pause"]

log = logging.getLogger(__name__)

FEEDS = "feeds"
MAX_ENTRIES = 100  # per feed and poll: a first poll of a huge archive feed stays bounded
FETCH_CONCURRENCY = 4
ENTRY_RETRY_FIRST = timedelta(hours=1)  # a failed entry is tried again after 1 h, 2 h, 4 h, 8 h …
ENTRY_RETRY_TRIES = 5  # … and left alone after this many failures, as long as the feed still lists it


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str = ""
    added_at: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_ok: str | None = None
    last_error: str = ""
    failures: int = 0  # consecutive failed polls
    stored: int = 0  # articles ingested from this feed so far
    # entries whose page could not be read: link -> {"tries", "retry_at" (ISO, "" = given up), "error"};
    # only entries the feed still lists are kept, so this stays as small as the feed
    entry_failures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PollResult:
    url: str
    status: Literal["new", "unchanged", "not-modified", "failed"]
    stored: int = 0
    failed: int = 0
    error: str = ""


def normalise_feed_url(url: str) -> str:
    """The feed URL as stored; BadRequest unless it is an http(s) address with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadRequest("Give the feed's web address, starting with http:// or https://")
    if len(url) > 2000:
        raise BadRequest("That feed address is too long.")
    return url


async def check_feed_url(fetcher: Fetcher, url: str) -> tuple[str, str]:
    """The feed URL as stored, after the fetcher's own check (http(s), a host whose addresses are
    all public): a feed pointing into the private network is refused when it is added. A host
    that does not resolve now is accepted with a note (the check runs again at every poll)."""
    from .ingest.fetch import UnresolvedHost

    url = normalise_feed_url(url)
    try:
        await fetcher.check_url(url)
    except UnresolvedHost as exc:
        return url, f"{exc} now; it is checked again at every poll"
    return url, ""


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


class FeedList:
    """The "feeds" table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> list[Feed]:
        return sorted((Feed(**_known(d)) for d in self.store.feeds()), key=lambda f: f.added_at)

    def get(self, url: str) -> Feed | None:
        doc = self.store.feed(url)
        return Feed(**_known(doc)) if doc else None  # type: ignore[arg-type]

    def add(self, url: str, now: datetime) -> tuple[Feed, bool]:
        """Add a feed; returns it and whether it is new."""
        url = normalise_feed_url(url)
        existing = self.get(url)
        if existing is not None:
            return existing, False
        feed = Feed(url=url, added_at=_stamp(now))
        self.store.put_feed(feed.to_dict())
        self.store.commit()
        return feed, True

    def remove(self, url: str) -> bool:
        removed = self.store.remove_feed(url.strip())
        if removed:
            self.store.commit()
        return bool(removed)

    def save(self, feed: Feed) -> None:
        """Update a feed's polling state; the caller commits."""
        self.store.put_feed(feed.to_dict())


def _entry_key(entry: Any) -> str:
    return entry.link or f"#{entry.position} {entry.title}"


def _due(record: dict[str, Any] | None, now: datetime) -> bool:
    """Whether an entry should be read this round: new, or failed and its wait is over."""
    if not record:
        return True
    retry_at = record.get("retry_at") or ""
    return bool(retry_at) and datetime.fromisoformat(retry_at) <= now


def _entry_failures(feed: Feed, listed: list[Any], due: list[Any], items: list[Any],
                    now: datetime) -> dict[str, dict[str, Any]]:
    """The feed's failed entries after this round. A dead link is not fetched (and logged) on every
    poll of a busy feed: it waits 1 h, 2 h, 4 h … and after ENTRY_RETRY_TRIES failures is left
    alone until the feed drops it. Entries the feed no longer lists are forgotten."""
    out: dict[str, dict[str, Any]] = {}
    tried = {_entry_key(entry): item for entry, item in zip(due, items, strict=True)}
    for entry in listed:
        key = _entry_key(entry)
        old = feed.entry_failures.get(key)
        item = tried.get(key)
        if item is None:
            if old:
                out[key] = old  # still waiting
            continue
        if item.status != "failed":
            continue
        tries = int(old["tries"]) + 1 if old else 1
        if tries >= ENTRY_RETRY_TRIES:
            retry_at = ""
            log.warning("%s: %s; failed %d times, not tried again while %s lists it",
                        item.target, item.error, tries, feed.url)
        else:
            retry_at = _stamp(now + ENTRY_RETRY_FIRST * 2 ** (tries - 1))
            if tries == 1:
                log.warning("%s: %s; tried again from %s", item.target, item.error, retry_at)
        out[key] = {"tries": tries, "retry_at": retry_at, "error": item.error[:300]}
    return out


def _known(doc: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(doc).items() if k in Feed.__dataclass_fields__}


async def pause(sleep: Callable[[float], Awaitable[Any]], stop: asyncio.Event | None, seconds: float) -> None:
    """Sleep through the injected `sleep`, but return at once when `stop` is set."""
    if stop is None:
        await sleep(seconds)
        return
    if stop.is_set():
        return
    sleeper = asyncio.ensure_future(sleep(seconds))
    waiter = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({sleeper, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sleeper, waiter):
            if not task.done():
                task.cancel()
        await asyncio.gather(sleeper, waiter, return_exceptions=True)


class FeedSink(Protocol):
    """What the poller needs of the core (`Tradebrief` is one): fetch, ingest, refresh the index."""

    @property
    def settings(self) -> Settings: ...

    @property
    def store(self) -> Store: ...

    @property
    def fetcher(self) -> Fetcher: ...

    def clock(self) -> datetime: ...

    def ingestor(self) -> Ingestor: ...

    async def refresh_index(self) -> None: ...


class FeedPoller:
    """Polls every stored feed; one poll at a time (the scheduler may ask for one before digests)."""

    def __init__(
        self,
        service: FeedSink,
        *,
        interval_minutes: float | None = None,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.service = service
        minutes = service.settings.feed_interval_minutes if interval_minutes is None else interval_minutes
        self.interval = minutes * 60.0
        self.clock = clock or service.clock
        self.sleep = sleep
        self.max_entries = max_entries
        self.feeds = FeedList(service.store)
        self._lock = asyncio.Lock()
        self._last_started: datetime | None = None

    async def poll_all(self, *, max_age: float | None = None) -> list[PollResult]:
        """Poll every feed once; with `max_age`, skip when a poll started less than that ago."""
        async with self._lock:
            now = self.clock()
            recent = self._last_started is not None and (now - self._last_started).total_seconds() < (max_age or 0)
            if max_age is not None and recent:
                return []
            self._last_started = now
            feeds = self.feeds.all()
            if not feeds:
                return []
            gate = asyncio.Semaphore(FETCH_CONCURRENCY)

            async def fetch(feed: Feed) -> Fetched | str:
                async with gate:
                    try:
                        return await self.service.fetcher.get(
                            feed.url, etag=feed.etag, last_modified=feed.last_modified
                        )
                    except IngestError as exc:
                        return str(exc)

            fetched = await asyncio.gather(*(fetch(f) for f in feeds))
            results = []
            for feed, outcome in zip(feeds, fetched, strict=True):
                results.append(await self._handle(feed, outcome))
            if any(r.stored for r in results):
                await self.service.refresh_index()
            return results

    async def _handle(self, feed: Feed, outcome: Fetched | str) -> PollResult:
        now = self.clock()
        if isinstance(outcome, str):
            return await self._failed(feed, now, outcome)
        if outcome.not_modified:
            await self._save(replace(feed, last_polled=_stamp(now), last_ok=_stamp(now), last_error="", failures=0))
            return PollResult(feed.url, "not-modified")
        if not looks_like_feed(outcome.content, outcome.content_type):
            return await self._failed(feed, now, "the address did not return an RSS or Atom feed")
        try:
            title, entries = parse_feed(outcome.content, content_type=outcome.content_type, base_url=outcome.url)
        except ValueError as exc:
            return await self._failed(feed, now, str(exc))
        source = title or feed.title or (urlsplit(feed.url).hostname or "feed").removeprefix("www.")
        ingestor = self.service.ingestor()
        listed = entries[: self.max_entries]
        due = [e for e in listed if _due(feed.entry_failures.get(_entry_key(e)), now)]
        # linked pages fetched concurrently under one deadline; a bad entry never loses the others
        items = await ingestor.ingest_entries(due, source, feed=feed.url)
        stored = sum(item.status == "stored" for item in items)
        failed = sum(item.status == "failed" for item in items)
        failures = _entry_failures(feed, listed, due, items, now)
        try:
            await self.service.store.commit_async()
        except StoreError as exc:
            return await self._failed(feed, now, str(exc))
        await self._save(replace(
            feed, title=title or feed.title, etag=outcome.etag, last_modified=outcome.last_modified,
            last_polled=_stamp(now), last_ok=_stamp(now), last_error="", failures=0, stored=feed.stored + stored,
            entry_failures=failures,
        ))
        if stored:
            log.info("feed %s: %d new articles", feed.url, stored)
        if failed:
            log.warning("feed %s: %d entries could not be ingested", feed.url, failed)
        return PollResult(feed.url, "new" if stored else "unchanged", stored=stored, failed=failed)

    async def _failed(self, feed: Feed, now: datetime, error: str) -> PollResult:
        log.warning("feed %s failed: %s; tried again in %.0f min", feed.url, error, self.interval / 60)
        await self._save(replace(feed, last_polled=_stamp(now), last_error=error[:300], failures=feed.failures + 1))
        return PollResult(feed.url, "failed", error=error)

    async def _save(self, feed: Feed) -> None:
        self.feeds.save(feed)
        try:
            await self.service.store.commit_async()
        except StoreError as exc:
            log.warning("cannot record the state of feed %s: %s", feed.url, exc)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll at start and then every interval until `stop` is set."""
        while not stop.is_set():
            try:
                await self.poll_all()
            except Exception:  # the loop must outlive any one bad round
                log.exception("feed poll failed")
            await pause(self.sleep, stop, self.interval)
