"""The TinyDB store: articles, sentences and facts, plus small tables later features add.

TinyDB is the file format and the persistence; look-ups go through in-memory indexes built once at
open time, because a TinyDB query scans every document. Article writes are buffered and committed
in batches (one `insert_multiple` per table, one atomic file write), so ingest stays linear.

Tables: `articles` (one document per article, with its body), `sentences` (one document per
article: `{"article_id", "count", "spans": "start:end start:end ..."}`; sentence n of article A has
the stable id "A:n" and its text is `body[start:end]`, so a quoted sentence is verbatim by
construction) and
`facts` (one document per article and extractor: `{"article_id", "extractor", "count", "facts":
"<JSON list of facts>"}`). A store of 10,000 articles holds ~170,000 sentences and ~150,000 facts;
one object per sentence or fact made opening it several times slower, so both are kept per
article as one string and turned into `Sentence`/`Fact` objects only when asked for.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB
from tinydb.table import Table

from .caching import BoundedCache
from .errors import StoreError
from .models import Article, Fact, Sentence, Overview
from .storage import AtomicJSONStorage, BufferedStorage, WriterLock

ARTICLES, SENTENCES, FACTS, META = "articles", "sentences", "facts", "meta"
FEEDS, SUBSCRIPTIONS, SENT, COUNTERS = "feeds", "subscriptions", "digests_sent", "counters"
FORMAT = 2  # bump when the shape of a table changes


def _article(doc: dict[str, Any]) -> Article:
    return Article(
        id=doc["id"],
        title=doc["title"],
        source=doc["source"],
        url=doc.get("url"),
        published=doc.get("published"),
        ingested_at=doc["ingested_at"],
        content_hash=doc["content_hash"],
        language=doc.get("language", "en"),
        body=doc["body"],
        teaser=doc.get("teaser", ""),
    )


def _fact_set(article_id: str, extractor: str, facts: list[Fact]) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "extractor": extractor,
        "count": len(facts),
        "facts": orjson.dumps([f.to_dict() for f in facts]).decode(),
    }


def _fact(doc: dict[str, Any]) -> Fact:
    return Fact(
        id=doc["id"],
        article_id=doc["article_id"],
        type=doc["type"],
        value=doc["value"],
        sentence_ids=tuple(doc["sentence_ids"]),
        attrs=doc.get("attrs") or {},
        extractor=doc.get("extractor", "offline"),
    )


class Store:
    """One TinyDB file. Open read-only to query; open for writing to take the writer lock."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        # The real file: a symlinked store path is locked and written where it points, so a
        # second writer through either name is stopped and the link stays a link.
        self.path = Path(path).resolve()
        self.readonly = readonly
        self._lock = WriterLock(self.path)
        if not readonly:
            self._lock.acquire()
        try:
            self._storage_inner = AtomicJSONStorage(self.path, readonly=readonly)
            self.db = TinyDB(self.path, storage=BufferedStorage(lambda *_a, **_k: self._storage_inner))
            self._load_indexes()
        except Exception:
            self._lock.release()
            raise
        self._pending: dict[str, list[dict[str, Any]]] = {ARTICLES: [], SENTENCES: [], FACTS: []}
        self.revision = 0
        self._mutex = threading.RLock()
        self._write_lock = threading.Lock()
        self._sequence = 0
        self._written = 0
        # What reached the disk: articles staged or written by a failed commit are in memory only.
        self._unsaved: set[str] = set()
        self._in_payload: dict[int, tuple[frozenset[str], int]] = {}
        self.persisted_count = len(self._article_docs)

    # ---- opening -------------------------------------------------------------------------
    def _load_indexes(self) -> None:
        """Index the raw documents by id. Dataclasses are built on access: opening a store of
        10,000 articles must not build 300,000 objects nobody asked for."""
        raw = self.db.storage.read() or {}
        self._check_format(raw)
        self._article_docs: dict[str, dict[str, Any]] = {}
        self._article_cache: dict[str, Article] = {}
        self._by_url: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._span_docs: dict[str, dict[str, Any]] = {}  # article id -> {"count", "spans": str}
        self._span_cache: BoundedCache[str, list[tuple[int, int]]] = BoundedCache(20_000)
        self._facts: dict[str, list[dict[str, Any]]] = defaultdict(list)  # fact-set documents
        self._fact_cache: BoundedCache[str, list[Fact]] = BoundedCache(20_000)
        for doc in (raw.get(ARTICLES) or {}).values():
            self._index_article(doc)
        for doc in (raw.get(SENTENCES) or {}).values():
            self._span_docs[doc["article_id"]] = doc
        for doc in (raw.get(FACTS) or {}).values():
            self._facts[doc["article_id"]].append(doc)

    def _check_format(self, raw: dict[str, Any]) -> None:
        formats = [doc.get("format") for doc in (raw.get(META) or {}).values()]
        if not raw.get(ARTICLES):
            if not self.readonly and not formats:
                self.db.table(META).insert({"format": FORMAT})
            return
        found = formats[0] if formats else 1
        if found != FORMAT:
            raise StoreError(
                f"store {self.path} has format {found}, this Tradebrief reads format {FORMAT}; "
                "ingest the articles into a new store (--db)"
            )

    def _index_article(self, doc: dict[str, Any]) -> None:
        article_id = doc["id"]
        self._article_docs[article_id] = doc
        self._by_hash[doc["content_hash"]] = article_id
        if doc.get("url"):
            self._by_url[doc["url"]] = article_id

    # ---- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._article_docs)

    def article(self, article_id: str) -> Article | None:
        article = self._article_cache.get(article_id)
        if article is None:
            doc = self._article_docs.get(article_id)
            if doc is None:
                return None
            article = self._article_cache[article_id] = _article(doc)
        return article

    def articles(self) -> list[Article]:
        """All articles, newest first (by publication date, then ingestion time)."""
        return sorted(
            (self.article(article_id) for article_id in list(self._article_docs)),  # type: ignore[misc]
            key=lambda a: (a.published or "", a.ingested_at),
            reverse=True,
        )

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> str | None:
        if url and url in self._by_url:
            return self._by_url[url]
        if content_hash and content_hash in self._by_hash:
            return self._by_hash[content_hash]
        return None

    def resolve_article_id(self, prefix: str) -> str | None:
        """An article id from a full id or an unambiguous prefix (people type short ids)."""
        prefix = prefix.strip()
        if prefix in self._article_docs:
            return prefix
        matches = [a for a in self._article_docs if a.startswith(prefix)] if len(prefix) >= 4 else []
        return matches[0] if len(matches) == 1 else None

    def _spans(self, article_id: str) -> list[tuple[int, int]]:
        spans = self._span_cache.get(article_id)
        if spans is None:
            doc = self._span_docs.get(article_id)
            if doc is None:
                return []
            spans = [(int(a), int(b)) for a, _, b in (p.partition(":") for p in doc["spans"].split())]
            self._span_cache[article_id] = spans
        return spans

    def sentence(self, sentence_id: str) -> Sentence | None:
        article_id, _, position = sentence_id.rpartition(":")
        spans = self._spans(article_id)
        if not position.isdigit() or not 1 <= int(position) <= len(spans):
            return None
        return self._make_sentence(article_id, int(position), spans[int(position) - 1])

    def _make_sentence(self, article_id: str, position: int, span: tuple[int, int]) -> Sentence:
        start, end = span
        body = self._article_docs[article_id]["body"]
        return Sentence(f"{article_id}:{position}", article_id, position, body[start:end], start, end)

    def sentences(self, article_id: str | None = None) -> list[Sentence]:
        if article_id is None:
            return list(self.iter_sentences())
        return [self._make_sentence(article_id, n, span)
                for n, span in enumerate(self._spans(article_id), start=1)]

    def iter_sentences(self) -> Iterator[Sentence]:
        for article_id in list(self._span_docs):
            for n, span in enumerate(self._spans(article_id), start=1):
                yield self._make_sentence(article_id, n, span)

    def sentence_count(self) -> int:
        return sum(doc["count"] for doc in self._span_docs.values())

    def sentence_counts(self) -> dict[str, int]:
        """Sentences per article id."""
        return {article_id: doc["count"] for article_id, doc in self._span_docs.items()}

    def sentence_ids(self) -> list[str]:
        return [f"{a}:{n}" for a, doc in self._span_docs.items() for n in range(1, doc["count"] + 1)]

    def sentence_texts(self, ids: Iterable[str]) -> list[str]:
        texts = []
        for sentence_id in ids:
            article_id, _, position = sentence_id.rpartition(":")
            start, end = self._spans(article_id)[int(position) - 1]
            texts.append(self._article_docs[article_id]["body"][start:end])
        return texts

    def facts(self, article_id: str | None = None) -> list[Fact]:
        if article_id is not None:
            cached = self._fact_cache.get(article_id)
            if cached is None:
                cached = [
                    _fact(doc) for fact_set in self._facts.get(article_id, [])
                    for doc in orjson.loads(fact_set["facts"])
                ]
                self._fact_cache[article_id] = cached
            return list(cached)
        return [fact for article_id in list(self._facts) for fact in self.facts(article_id)]

    def fact_json(self, article_id: str) -> list[str]:
        """An article's stored fact sets as their compact JSON text, not decoded: a cheap
        substring test (`"value":"Belarus"`) before `facts()` decodes them (briefs scan every
        article for a topic, and decoding all of 10,000 articles' facts takes over a second)."""
        return [fact_set["facts"] for fact_set in self._facts.get(article_id, ())]

    def fact_count(self) -> int:
        return sum(fact_set["count"] for sets in self._facts.values() for fact_set in sets)

    def overview(self) -> Overview:
        docs = self._article_docs.values()
        dates = sorted(d["published"] for d in docs if d.get("published"))
        sources = sorted({d["source"] for d in docs if d.get("source")})
        return Overview(
            articles=len(self._article_docs),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            sources=tuple(sources),
        )

    # ---- writing -------------------------------------------------------------------------
    def add_article(
        self, article: Article, sentences: Iterable[Sentence], facts: Iterable[Fact] = ()
    ) -> None:
        """Stage an article with its sentences and facts; it is on disk after `commit()`."""
        self._require_writable()
        with self._mutex:
            if article.id in self._article_docs:
                raise StoreError(f"article {article.id} is already stored")
            sentences = list(sentences)
            for n, sentence in enumerate(sentences, start=1):
                if (sentence.id != f"{article.id}:{n}" or sentence.position != n
                        or article.body[sentence.start:sentence.end] != sentence.text):
                    raise StoreError(f"sentence {sentence.id} does not match article {article.id}")
            spans = " ".join(f"{sentence.start}:{sentence.end}" for sentence in sentences)
            facts = list(facts)
            by_extractor: dict[str, list[Fact]] = defaultdict(list)
            for fact in facts:
                by_extractor[fact.extractor].append(fact)
            fact_docs = [_fact_set(article.id, name, group) for name, group in by_extractor.items()]
            article_doc = article.to_dict()
            self._pending[ARTICLES].append(article_doc)
            span_doc = {"article_id": article.id, "count": len(sentences), "spans": spans}
            self._pending[SENTENCES].append(span_doc)
            self._pending[FACTS].extend(fact_docs)
            self._index_article(article_doc)
            self._article_cache[article.id] = article
            self._span_docs[article.id] = span_doc
            self._facts[article.id].extend(fact_docs)
            self._fact_cache.pop(article.id)
            self._unsaved.add(article.id)
            self.revision += 1

    def on_disk(self, article_id: str) -> bool:
        """True when the article is in the store file (not only staged or in memory after a failed
        commit)."""
        return article_id in self._article_docs and article_id not in self._unsaved

    def add_facts(self, facts: Iterable[Fact]) -> None:
        """Stage facts for stored articles (a second extractor, run later)."""
        self._require_writable()
        with self._mutex:
            groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
            for fact in facts:
                groups[(fact.article_id, fact.extractor)].append(fact)
            for (article_id, extractor), group in groups.items():
                doc = _fact_set(article_id, extractor, group)
                self._pending[FACTS].append(doc)
                self._facts[article_id].append(doc)
                self._fact_cache.pop(article_id)
            self.revision += 1

    @property
    def index_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".index")

    # ---- small tables (the storage port's documents) ---------------------------------------
    def feeds(self) -> list[dict[str, Any]]:
        return [dict(d) for d in self.table(FEEDS).all()]

    def feed(self, url: str) -> dict[str, Any] | None:
        doc = self.table(FEEDS).get(Query().url == url)
        return dict(doc) if doc else None  # type: ignore[arg-type]

    def put_feed(self, doc: dict[str, Any]) -> None:
        self.table(FEEDS).upsert(dict(doc), Query().url == doc["url"])

    def remove_feed(self, url: str) -> bool:
        return bool(self.table(FEEDS).remove(Query().url == url))

    def subscriptions(self) -> list[dict[str, Any]]:
        return [dict(d) for d in self.table(SUBSCRIPTIONS).all()]

    def subscription(self, sub_id: str) -> dict[str, Any] | None:
        doc = self.table(SUBSCRIPTIONS).get(Query().id == sub_id)
        return dict(doc) if doc else None  # type: ignore[arg-type]

    def put_subscription(self, doc: dict[str, Any]) -> None:
        self.table(SUBSCRIPTIONS).upsert(dict(doc), Query().id == doc["id"])

    def sent_record(self, key: str) -> dict[str, Any] | None:
        doc = self.table(SENT).get(Query().key == key)
        return dict(doc) if doc else None  # type: ignore[arg-type]

    def put_sent_record(self, doc: dict[str, Any]) -> None:
        self.table(SENT).upsert(dict(doc), Query().key == doc["key"])

    def sent_records(self, status: str | None = None) -> list[dict[str, Any]]:
        table = self.table(SENT)
        docs = table.all() if status is None else table.search(Query().status == status)
        return [dict(d) for d in docs]

    def prune_sent_records(self, before: str) -> int:
        return len(self.table(SENT).remove(Query().date < before))

    def counter(self, name: str) -> int:
        doc = self.table(COUNTERS).get(Query().name == name)
        return int(doc["value"]) if doc else 0  # type: ignore[index]

    def bump_counter(self, name: str, by: int = 1) -> int:
        value = self.counter(name) + by
        self.table(COUNTERS).upsert({"name": name, "value": value}, Query().name == name)
        return value

    def table(self, name: str) -> Table:
        """A small TinyDB table (subscriptions, feeds, ...). Call `commit()` after writing."""
        if name in (ARTICLES, SENTENCES, FACTS, META):
            raise StoreError(f"table {name} is managed by the store; use its methods")
        return self.db.table(name)

    def _stage(self) -> tuple[int, bytes] | None:
        """Move staged documents into TinyDB and serialise the database (under the mutex)."""
        self._require_writable()
        with self._mutex:
            for name, docs in self._pending.items():
                if docs:
                    self.db.table(name).insert_multiple(docs)
            self._pending = {ARTICLES: [], SENTENCES: [], FACTS: []}
            payload = self.db.storage.snapshot()
            if payload is None:
                return None
            self._sequence += 1
            self._in_payload[self._sequence] = (frozenset(self._unsaved), len(self._article_docs))
            return self._sequence, payload

    def _write(self, staged: tuple[int, bytes]) -> None:
        """Write one serialised state; an older state never overwrites a newer one."""
        sequence, payload = staged
        with self._write_lock:
            if sequence <= self._written:
                return
            try:
                self._storage_inner.write_bytes(payload)
            except StoreError:
                with self._mutex:
                    self.db.storage.mark_dirty()  # still to be written by the next commit
                    self._in_payload.pop(sequence, None)
                raise
            self._written = sequence
            with self._mutex:
                written, count = self._in_payload.pop(sequence, (frozenset(), self.persisted_count))
                for older in [s for s in self._in_payload if s < sequence]:
                    del self._in_payload[older]
                self._unsaved -= written
                self.persisted_count = count

    def commit(self) -> None:
        """Write everything staged to disk in one atomic file replacement."""
        staged = self._stage()
        if staged:
            self._write(staged)

    async def commit_async(self) -> None:
        """Like `commit`, with the file write and fsync off the event loop (serialising the
        database still holds the loop for a moment: ~10 ms per 10 MB of store)."""
        staged = self._stage()
        if staged:
            await asyncio.to_thread(self._write, staged)

    @property
    def dirty(self) -> bool:
        return any(self._pending.values()) or self.db.storage.dirty

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Stage many writes, commit once at the end (even on error, what was staged is kept)."""
        try:
            yield self
        finally:
            self.commit()

    def close(self) -> None:
        try:
            if not self.readonly and self.dirty:
                self.commit()
        finally:
            self._lock.release()

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"store {self.path} was opened read-only")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
