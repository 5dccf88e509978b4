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
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IngestError, StoreError
from ..models import Article, Fact, IngestItem, IngestReport, Sentence
from ..sentences import sentence_spans
from ..store import Store
from .feeds import looks_like_feed, parse_feed
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
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.extractors = list(extractors)
        self.max_file_bytes = max_file_bytes
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.clock = clock
        self.on_item = on_item
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

            bar = tqdm(total=len(expanded), unit="item", leave=False)
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
            return self._fail(target, "too little article text to store")
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
        item = IngestItem(target, "stored", article_id, article.title, sentences=len(sentences), facts=len(facts))
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
                files = sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
                if not files:
                    expanded.append(IngestItem(target, "failed", error="directory holds no files"))
                expanded.extend(str(p) for p in files)
            elif re.match(r"^[a-z][a-z0-9+.-]*://", target, re.I):
                expanded.append(IngestItem(target, "failed", error="only http and https URLs are supported"))
            else:
                expanded.append(target)
        return expanded

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
                raise IngestError(f"file is {size:,} bytes, over the {self.max_file_bytes:,} byte limit")
            raw = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
        if not raw.strip():
            raise IngestError("empty file")
        if b"\x00" in raw[:8192]:
            raise IngestError("binary file, not text")
        if suffix in FEED_SUFFIXES or looks_like_feed(raw):
            await self._feed(raw, str(path))
            return
        text = _decode(raw)
        if suffix in HTML_SUFFIXES:
            parsed = await asyncio.to_thread(parse_html, text, None)
            if not parsed.source:
                parsed = _with_source(parsed, path.parent.name)
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
            await self._feed(fetched.content, url)
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

    async def _feed(self, content: bytes, target: str) -> None:
        feed_title, entries = parse_feed(content)
        if not entries:
            raise IngestError("the feed has no entries")
        for entry in entries:
            await self.ingest_entry(entry, feed_title or _host(target) or "feed")

    async def ingest_entry(self, entry, source: str) -> IngestItem:  # type: ignore[no-untyped-def]
        """Ingest one feed entry: its full content if the feed carries it, else its linked page."""
        target = entry.link or f"{source}: {entry.title}"
        if entry.link and self.store.find_article(url=entry.link):
            existing = self.store.find_article(url=entry.link)
            item = IngestItem(target, "duplicate", existing, self.store.article(existing).title)  # type: ignore[union-attr, arg-type]
            self._emit(item)
            return item
        parsed: ParsedArticle | None = None
        error = ""
        if not entry.full_content and entry.link and self.fetcher is not None:
            try:
                fetched = await self.fetcher.get(entry.link)
                parsed = await asyncio.to_thread(parse_html, fetched.text(), fetched.url)
            except (IngestError, ValueError) as exc:
                error = str(exc)
        if parsed is None and entry.content_html:
            try:
                parsed = await asyncio.to_thread(parse_html, f"<html><body><article><h1>{_esc(entry.title)}</h1>{entry.content_html}</article></body></html>", entry.link)
            except ValueError as exc:
                error = error or str(exc)
        if parsed is None:
            return self._fail(target, error or "the entry has no text and no reachable link")
        parsed = ParsedArticle(
            title=entry.title or parsed.title,
            body=parsed.body,
            source=source,
            url=entry.link,
            published=entry.published or parsed.published,
            author=parsed.author,
            language=parsed.language,
        )
        return await self.add_parsed(parsed, target)

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


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("cannot decode the file as UTF-8 text; save it as UTF-8")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.")


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
    )
