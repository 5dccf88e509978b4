"""Turn files, directories, pages and feeds into stored articles, sentences and facts.

Each input is handled on its own: a bad one becomes one `failed` line and the rest go on. Staged
articles are committed in batches and only reported `stored` once the batch is on disk, so what the
user was told is saved survives a crash.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import re
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import IngestError, StoreError
from ..models import Article, Fact, IngestItem, IngestReport, Sentence
from ..sentences import sentence_spans
from ..storage_port import StoragePort as Store
from .decode import decode
from .feeds import FeedEntry, looks_like_feed, parse_feed
from .text import ParsedArticle, parse_text

if TYPE_CHECKING:
    from .fetch import Fetcher

__all__ = ["Ingestor", "FactExtractor", "content_hash", "build_sentences"]

log = logging.getLogger(__name__)

FactExtractor = Callable[[Article, list[Sentence]], "list[Fact] | Awaitable[list[Fact]]"]
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
MIN_BODY_CHARS = 40
PROGRESS_DELAY = 2.0  # seconds of work before a progress bar appears


def content_hash(body: str) -> str:
    """Hash of the body with case, punctuation and spacing folded, so re-saves count as the same."""
    normalised = " ".join(re.sub(r"[^\w]+", " ", body.lower()).split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def build_sentences(article_id: str, body: str) -> list[Sentence]:
    return [
        Sentence(id=f"{article_id}:{n}", article_id=article_id, position=n, text=body[s:e], start=s, end=e)
        for n, (s, e) in enumerate(sentence_spans(body), start=1)
    ]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Ingestor:
    """Ingests inputs into one store. Fetching needs a `Fetcher`; local files do not."""

    def __init__(
        self,
        store: Store,
        *,
        fetcher: Fetcher | None = None,
        extractors: Sequence[FactExtractor] = (),
        max_file_bytes: int = 5_000_000,
        batch_size: int = 500,
        batch_seconds: float = 2.0,
        clock: Callable[[], datetime] = _utcnow,
        on_item: Callable[[IngestItem], None] | None = None,
        feed_deadline: float = 60.0,
        max_fetches: int = 12,
        max_fetches_per_host: int = 6,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.extractors = list(extractors)
        self.max_file_bytes = max_file_bytes
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.clock = clock
        self.on_item = on_item
        # A feed's linked pages are fetched concurrently: at most `max_fetches` at once, at most
        # `max_fetches_per_host` to one host (what browsers allow), all within one deadline per feed.
        self.feed_deadline = feed_deadline
        self._total_slots = asyncio.Semaphore(max_fetches)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self.max_fetches_per_host = max_fetches_per_host
        self._staged: list[IngestItem] = []
        self._done: list[IngestItem] = []
        self._last_commit = time.monotonic()
        self._store_error = ""  # the last failed commit's message
        self._commit_failed: set[str] = set()  # articles whose batch failed to commit

    # ---- public ------------------------------------------------------------------------------
    async def ingest(self, targets: Iterable[str], *, progress: bool = False) -> IngestReport:
        """Ingest every target (path, directory, URL); return one item per article or failure."""
        expanded = self._expand(targets)
        bar = None
        if progress and len(expanded) > 1:
            from tqdm import tqdm

            # On stderr, and only once the work has taken PROGRESS_DELAY seconds: quick runs stay quiet.
            bar = tqdm(total=len(expanded), unit="item", leave=False, file=sys.stderr, delay=PROGRESS_DELAY)
        try:
            for target in expanded:
                if isinstance(target, IngestItem):
                    self._emit(target)
                else:
                    await self._one(target)
                if bar:
                    bar.update(1)
                if len(self._staged) >= self.batch_size or (
                    self._staged and time.monotonic() - self._last_commit > self.batch_seconds
                ):
                    await self._commit()
        finally:
            await self._commit()
            if bar:
                bar.close()
        report = IngestReport(tuple(self._on_disk(item) for item in self._done))
        self._done = []
        return report

    def _on_disk(self, item: IngestItem) -> IngestItem:
        """The item as the disk has it: a later commit may have written an article whose batch
        failed, and a "duplicate" of an article that never reached the disk is not one."""
        if item.article_id is None or not self._store_error:
            return item
        on_disk = self.store.on_disk(item.article_id)
        if item.status != "failed" and not on_disk:
            return replace(item, status="failed", error=self._store_error)
        if item.status == "failed" and item.article_id in self._commit_failed and on_disk:
            return replace(item, status="stored", error="")
        return item

    async def add_parsed(self, parsed: ParsedArticle, target: str) -> IngestItem:
        """Stage one parsed article (deduplicated); it is reported when committed."""
        body = parsed.body.strip()
        if len(body) < MIN_BODY_CHARS:
            return self._fail(target, f"too little article text to store ({len(body)} characters)")
        digest = content_hash(body)
        existing = self.store.find_article(url=parsed.url, content_hash=digest)
        if existing:
            item = IngestItem(target, "duplicate", existing, self.store.article(existing).title)  # type: ignore[union-attr]
            self._duplicate(item)
            return item
        article_id = digest[:10]
        if self.store.article(article_id):  # a prefix collision with a different body
            article_id = digest[:16]
        article = Article(
            id=article_id,
            title=parsed.title.strip(),
            source=parsed.source or "unknown",
            url=parsed.url,
            published=parsed.published,
            ingested_at=self.clock().isoformat(timespec="seconds"),
            content_hash=digest,
            language=parsed.language,
            body=body,
            teaser=parsed.teaser,
        )
        sentences = build_sentences(article_id, body)
        facts: list[Fact] = []
        for extractor in self.extractors:
            try:
                result = extractor(article, sentences)
                if inspect.isawaitable(result):
                    result = await result
                facts.extend(result)
            except Exception as exc:  # one extractor failing must not lose the article
                log.warning("fact extractor %s failed on %s: %s", getattr(extractor, "__name__", extractor), target, exc)
        self.store.add_article(article, sentences, facts)
        note = f"teaser only: {parsed.teaser}" if parsed.teaser else ""
        item = IngestItem(target, "stored", article_id, article.title, sentences=len(sentences), facts=len(facts),
                          note=note)
        self._staged.append(item)
        return item

    # ---- inputs ------------------------------------------------------------------------------
    def _expand(self, targets: Iterable[str]) -> list[str | IngestItem]:
        expanded: list[str | IngestItem] = []
        for target in targets:
            if re.match(r"^https?://", target, re.I):
                expanded.append(target)
                continue
            path = Path(target)
            if path.is_dir():
                expanded.extend(self._walk(path))
            elif re.match(r"^[a-z][a-z0-9+.-]*://", target, re.I):
                expanded.append(IngestItem(target, "failed", error="only http and https URLs are supported"))
            else:
                expanded.append(target)
        return expanded

    @staticmethod
    def _walk(folder: Path) -> list[str | IngestItem]:
        """A folder's readable files; other files are reported as skipped, not failed, since a folder
        of articles often holds a PDF or a picture beside them that was never meant to be ingested."""
        found: list[str | IngestItem] = []
        for p in sorted(folder.rglob("*")):
            if any(part.startswith(".") for part in p.relative_to(folder).parts):
                continue
            if p.is_symlink() and not p.exists():
                found.append(IngestItem(str(p), "skipped", error="broken link"))
            elif not p.is_file():
                continue
            elif p.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES:
                found.append(IngestItem(str(p), "skipped",
                                        error=f"not a text, HTML or feed file ({p.suffix.lower() or 'no extension'})"))
            else:
                found.append(str(p))
        if not any(isinstance(f, str) for f in found):
            found.insert(0, IngestItem(str(folder), "failed", error="directory holds no .txt, .html or feed files"))
        return found

    async def _one(self, target: str) -> None:
        try:
            if re.match(r"^https?://", target, re.I):
                await self._url(target)
            else:
                await self._file(Path(target))
        except (IngestError, ValueError) as exc:
            self._fail(target, str(exc))

    async def _file(self, path: Path) -> None:
        if not path.exists():
            raise IngestError("no such file")
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES:
            raise IngestError(f"unsupported file type {suffix or '(none)'}; use .txt, .html or an RSS/Atom .xml")
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                raise IngestError(f"file is {size:,} bytes, over the {self.max_file_bytes:,} byte limit "
                                  "(TRADEBRIEF_FETCH_MAX_BYTES)")
            raw = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
        if not raw.strip():
            raise IngestError("empty file")
        text = decode(raw).text  # BOM, declaration, detection; IngestError for binary files
        if suffix in FEED_SUFFIXES or looks_like_feed(text):
            await self._feed(raw, str(path))
            return
        if suffix in HTML_SUFFIXES:
            # the source is the page's site (og:site_name, else the canonical URL's host), never the folder
            parsed = await asyncio.to_thread(parse_html, text, None)
        else:
            parsed = parse_text(text, default_source=path.parent.name or "local file")
        await self.add_parsed(parsed, str(path))

    async def _url(self, url: str) -> None:
        if self.fetcher is None:
            raise IngestError("fetching URLs is not configured")
        existing = self.store.find_article(url=url)
        if existing:
            self._duplicate(IngestItem(url, "duplicate", existing, self.store.article(existing).title))  # type: ignore[union-attr]
            return
        fetched = await self.fetcher.get(url)
        if looks_like_feed(fetched.content, fetched.content_type):
            await self._feed(fetched.content, url, content_type=fetched.content_type, base_url=fetched.url)
            return
        media = fetched.content_type.split(";")[0].strip().lower()
        text = fetched.text()
        if media == "text/plain":
            parsed = parse_text(text)
            parsed = _with_source(parsed, parsed.source or _host(fetched.url), url=url)
        else:
            parsed = await asyncio.to_thread(parse_html, text, fetched.url)
            parsed = _with_source(parsed, parsed.source or _host(fetched.url), url=url)
        await self.add_parsed(parsed, url)

    async def _feed(self, content: bytes, target: str, *, content_type: str = "", base_url: str | None = None) -> None:
        feed_title, entries = parse_feed(content, content_type=content_type, base_url=base_url)
        if not entries:
            named = f"the feed “{' '.join(feed_title.split())[:80]}”" if feed_title else "the feed"
            raise IngestError(f"{named} has no entries (no <item> or <entry> elements)")
        await self.ingest_entries(entries, feed_title or _host(base_url or "") or "feed", feed=target)

    async def ingest_entries(self, entries: Sequence[FeedEntry], source: str, *, feed: str = "") -> list[IngestItem]:
        """Ingest a feed's entries: linked pages fetched concurrently (bounded in total and per host)
        under one deadline, then stored one by one in the feed's order. `feed` names the feed (file or
        URL) in the messages."""
        deadline = asyncio.get_running_loop().time() + self.feed_deadline
        outcomes = await asyncio.gather(*(self._read_entry(entry, deadline) for entry in entries))
        items = []
        for entry, outcome in zip(entries, outcomes, strict=True):
            items.append(await self._store_entry(entry, outcome, source, feed))
        return items

    async def ingest_entry(self, entry: FeedEntry, source: str, *, feed: str = "") -> IngestItem:
        """Ingest one feed entry: its full content if the feed carries it, else its linked page."""
        return (await self.ingest_entries([entry], source, feed=feed))[0]

    async def _read_entry(self, entry: FeedEntry, deadline: float) -> ParsedArticle | str | IngestItem:
        """The entry's article, or why there is none (a one-line reason), or a duplicate item."""
        try:
            if entry.link and (existing := self.store.find_article(url=entry.link)):
                return IngestItem("", "duplicate", existing, self.store.article(existing).title)  # type: ignore[union-attr]
            if entry.full_content or not entry.link or (not entry.fetchable and urlsplit(entry.link).scheme):
                return await self._from_feed_text(entry)  # the feed's text is all there is (or all we need)
            if not entry.fetchable:
                return (f"the entry's link {entry.link!r} is relative and the feed has no address to resolve "
                        "it against; ingest the feed by its URL")
            if self.fetcher is None:
                return "fetching URLs is not configured"
            try:
                async with asyncio.timeout_at(deadline):
                    async with self._slot(entry.link):  # type: ignore[arg-type]
                        fetched = await self.fetcher.get(entry.link)  # type: ignore[arg-type]
                    return await asyncio.to_thread(parse_html, fetched.text(), fetched.url)
            except TimeoutError:
                error = f"timed out: the feed's {self.feed_deadline:g} s deadline passed before the page was read"
            except (IngestError, ValueError) as exc:
                error = str(exc)
            summary = len(_strip_tags(entry.content_html))
            if summary:
                return (f"{error}; the feed itself carries only a {summary}-character summary, which is not "
                        "stored as the article")
            return error
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one entry must never lose the rest of the feed
            log.warning("feed entry %s failed", entry.link or entry.title, exc_info=True)
            return f"unexpected error ({type(exc).__name__}: {exc})"

    async def _from_feed_text(self, entry: FeedEntry) -> ParsedArticle | str:
        text = " ".join(_strip_tags(entry.content_html).split())
        if not text:
            return "the entry has no text of its own and no link to fetch"
        page = (f"<html><body><article><h1>{_esc(entry.title)}</h1>{entry.content_html}</article></body></html>")
        try:
            return await asyncio.to_thread(parse_html, page, entry.link if entry.fetchable else None)
        except ValueError as exc:
            if str(exc).startswith("no article text found"):
                return f"the entry's own text is only {len(text)} characters, too little for an article, and it has no web link to fetch"
            return str(exc)

    async def _store_entry(self, entry: FeedEntry, outcome: ParsedArticle | str | IngestItem, source: str,
                           feed: str) -> IngestItem:
        target = _entry_target(entry, feed or source)
        if isinstance(outcome, IngestItem):
            item = IngestItem(target, outcome.status, outcome.article_id, outcome.title)
            self._emit(item)
            return item
        if isinstance(outcome, str):
            return self._fail(target, outcome)
        parsed = ParsedArticle(
            title=entry.title or outcome.title,
            body=outcome.body,
            source=source,
            url=entry.link if entry.fetchable else None,
            published=entry.published or outcome.published,
            author=outcome.author,
            language=outcome.language,
            teaser=outcome.teaser,
        )
        try:
            return await self.add_parsed(parsed, target)
        except StoreError:
            raise
        except Exception as exc:  # e.g. a fact extractor bug must not lose the other entries
            log.warning("feed entry %s failed", target, exc_info=True)
            return self._fail(target, f"unexpected error ({type(exc).__name__}: {exc})")

    @asynccontextmanager
    async def _slot(self, url: str) -> AsyncIterator[None]:
        """Wait for a fetch slot for `url`'s host, then for one of the overall slots."""
        host = (urlsplit(url).hostname or "").lower()
        per_host = self._host_slots.setdefault(host, asyncio.Semaphore(self.max_fetches_per_host))
        async with per_host, self._total_slots:
            yield

    # ---- reporting ---------------------------------------------------------------------------
    def _fail(self, target: str, error: str) -> IngestItem:
        item = IngestItem(target, "failed", error=error)
        self._emit(item)
        return item

    def _duplicate(self, item: IngestItem) -> None:
        """A duplicate of an article on disk is reported now; of one still staged (or left in
        memory by a failed commit), with the next commit: only what reached the disk counts."""
        if item.article_id and not self.store.on_disk(item.article_id):
            self._staged.append(item)
        else:
            self._emit(item)

    def _emit(self, item: IngestItem) -> None:
        self._done.append(item)
        if self.on_item:
            self.on_item(item)

    async def _commit(self) -> None:
        staged, self._staged = self._staged, []
        self._last_commit = time.monotonic()
        try:
            await self.store.commit_async()
        except StoreError as exc:
            self._store_error = str(exc)
            self._commit_failed.update(item.article_id for item in staged if item.article_id)
            for item in staged:
                self._emit(replace(item, status="failed", error=str(exc)))
            return
        for item in staged:
            self._emit(item)


def parse_html(html: str, url: str | None) -> ParsedArticle:
    """trafilatura is imported on first use: it costs 0.2 s that `ask` should not pay."""
    from .html import parse_html as extract

    return extract(html, url)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.")


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html or "")


def _entry_target(entry: FeedEntry, feed: str) -> str:
    """How messages name an entry: the feed (file or URL) and the entry's place, link or title."""
    if entry.fetchable:
        return entry.link  # type: ignore[return-value]
    if entry.link:
        return f"{feed}, entry {entry.position} ({entry.link})" if entry.position else f"{feed}: {entry.link}"
    what = f"“{entry.title[:60]}”" if entry.title else "(untitled)"
    return f"{feed}, entry {entry.position} {what}" if entry.position else f"{feed}: {what}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_source(parsed: ParsedArticle, source: str, *, url: str | None = None) -> ParsedArticle:
    return ParsedArticle(
        title=parsed.title,
        body=parsed.body,
        source=parsed.source or source,
        url=url or parsed.url,
        published=parsed.published,
        author=parsed.author,
        language=parsed.language,
        teaser=parsed.teaser,
    )
