"""The TinyDB store: articles, sentences and facts in segment files, small tables in one file.

Layout of a store `<db>` (format 3):
- `<db>`: a TinyDB file with the small tables (subscriptions, feeds, the sent-digest log,
  counters) and, in `meta`, the manifest: which segment files, by generation, make up the corpus.
- `<db>.segments/`: the corpus in TinyDB segment files of up to `SEGMENT_ARTICLES` articles (or
  `SEGMENT_BYTES`). Each holds the tables `articles` (one document per article, with its body),
  `sentences` (one document per article: `{"article_id", "count", "spans": "start:end ..."}`;
  sentence n of article A has the id "A:n" and its text is `body[start:end]`, so a quoted sentence
  is verbatim by construction) and `facts` (one document per article and extractor, the facts as
  one JSON string). A full segment is sealed: written once with a catalog (`.cat`) of its
  articles and the byte range of every document, and never rewritten; its bodies and facts are
  read from the file when asked for. Only the open segment is held in memory.

A commit writes the open segment (and any newly sealed one) under new generation names, then
the main file, atomically, last (see `bot.storage`): the manifest switches to the new files in
one rename, so a commit is visible whole or not at all. Files no manifest names are removed
afterwards (and at the next open, after a crash). A format-2 store (one file holding everything)
is migrated on its first writable open, after a copy `<db>.format2.bak`.

Look-ups go through in-memory indexes built at open time from the catalogs; Article, Sentence and
Fact objects are built on access.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB
from tinydb.table import Table

from .caching import BoundedCache
from .errors import StoreError
from .models import Article, Fact, Overview, Sentence
from .segments import OpenSegment, build, catalog_name, file_name, offsets_of, read_range, segment_dir
from .storage import AtomicJSONStorage, BufferedStorage, WriterLock, _fsync_dir, _reason, _replace, backup_path

ARTICLES, SENTENCES, FACTS, META = "articles", "sentences", "facts", "meta"
FEEDS, SUBSCRIPTIONS, SENT, COUNTERS = "feeds", "subscriptions", "digests_sent", "counters"
FORMAT = 3  # 3: corpus in segment files; 2: everything in one file (migrated on open)
SEGMENT_ARTICLES = 2000
SEGMENT_BYTES = 4_000_000
_FIELDS = ("title", "source", "url", "published", "ingested_at", "content_hash", "language", "teaser")


# What the store keeps in memory of one article (no body, no facts): a list, as a catalog row
# loads, so opening a store of 100,000 articles builds no object per article.
(ID, TITLE, SOURCE, URL, PUBLISHED, INGESTED, HASH, LANGUAGE, TEASER, OFFSET, LENGTH, COUNT, SPANS, FACT_SETS,
 SEGMENT) = range(15)
# A catalog: one line of JSON {"format", "segment", "articles": [row, ...], "facts": [[article id,
# offset, length, count], ...] (fact sets of articles in other segments)}, then a line {"hashes": [...]}
# read only when content hashes are looked up. A catalog row is the first 14 fields, with HASH None,
# SPANS [offset, length] of the span document (read when needed) and FACT_SETS [[count, offset,
# length], ...] of its fact sets in the same segment.
CATALOG_FORMAT = 3


def _row(doc: dict[str, Any], count: int, spans: str) -> list[Any]:
    return [doc["id"], doc["title"], doc["source"], doc.get("url"), doc.get("published"), doc["ingested_at"],
            doc["content_hash"], doc.get("language", "en"), doc.get("teaser", ""), 0, 0, count, spans, [], -1]


class StoredArticle(Article):
    """An Article whose body (and, from a sealed segment, content hash) is read from the store
    when used: neither is held in memory."""

    __slots__ = ("_load", "_hash")

    def __init__(self, id: str, title: str, source: str, url: str | None, published: str | None,  # noqa: A002
                 ingested_at: str, content_hash: str | None, language: str, body: str | None = None,
                 teaser: str = "", *, load: Any = None, load_hash: Any = None) -> None:
        put = object.__setattr__
        for name, value in (("id", id), ("title", title), ("source", source), ("url", url),
                            ("published", published), ("ingested_at", ingested_at),
                            ("language", language), ("teaser", teaser)):
            put(self, name, value)
        put(self, "_load", load if load is not None else (lambda: body))
        put(self, "_hash", content_hash if content_hash is not None else load_hash)

    @property  # type: ignore[override]
    def body(self) -> str:
        return self._load()

    @property  # type: ignore[override]
    def content_hash(self) -> str:
        return self._hash if isinstance(self._hash, str) else self._hash()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = Article.__hash__


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


@dataclass(slots=True)
class _Staged:
    """One commit, serialised on the event loop, written by `_write` (possibly in a thread)."""

    sequence: int
    files: list[tuple[str, bytes]]  # segment and catalog files to write first, by name
    main: bytes  # the main file with the manifest, written last
    sealed: list[tuple[OpenSegment, dict[str, Any], list[tuple[int, int]], list[tuple[int, int]]]]
    open_entry: dict[str, Any] | None
    open_segment: OpenSegment
    unsaved: frozenset[str]
    count: int
    generation: int
    repaired: dict[int, dict[str, Any]]  # segment number -> its manifest item with a new catalog


class Store:
    """The TinyDB store. Open read-only to query; open for writing to take the writer lock."""

    BODY_CACHE = 512
    FREEZE_AT = 20_000  # articles; see __init__

    def __init__(self, path: str | Path, *, readonly: bool = False, segment_articles: int = SEGMENT_ARTICLES,
                 segment_bytes: int = SEGMENT_BYTES) -> None:
        # The real file: a symlinked store path is locked and written where it points, so a
        # second writer through either name is stopped and the link stays a link.
        self.path = Path(path).resolve()
        self.readonly = readonly
        self.segment_articles, self.segment_bytes = segment_articles, segment_bytes
        self.segments_dir = segment_dir(self.path)
        self._lock = WriterLock(self.path)
        if not readonly:
            self._lock.acquire()
        self._mutex = threading.RLock()
        self._write_lock = threading.Lock()
        self._fds: dict[int, int] = {}
        self._sealed_files: dict[int, str] = {}  # sealed segment number -> file name
        self.revision = 0
        self._sequence = 0
        self._written = 0
        # What reached the disk: articles staged or written by a failed commit are in memory only.
        self._unsaved: set[str] = set()
        try:
            self._storage_inner = AtomicJSONStorage(self.path, readonly=readonly)
            for attempt in range(5):  # a writer may replace the open segment while we read
                try:
                    self._open_store_quietly()
                    break
                except FileNotFoundError:
                    if attempt == 4 or not readonly:
                        raise StoreError(f"store {self.path} names a segment file that is missing; "
                                         "`tradebrief store check` says more") from None
            self._migrate_if_needed()
            if not readonly:
                self._collect_garbage()
        except Exception:
            self._close_files()
            self._lock.release()
            raise
        self.persisted_count = len(self._entries)
        if len(self._entries) >= self.FREEZE_AT:
            # Hundreds of thousands of catalog rows live as long as the store: moved out of the
            # cyclic garbage collector's sight, a full collection no longer walks them all (it
            # held the event loop ~100 ms at 100,000 articles, in whatever ran next).
            gc.freeze()

    # ---- opening -------------------------------------------------------------------------
    def _open_store_quietly(self) -> None:
        """Load without the cyclic garbage collector: it would walk every row loaded so far,
        again and again, while the rows are being loaded (none of them is garbage)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._open_store()
        finally:
            if enabled:
                gc.enable()

    def _open_store(self) -> None:
        self._close_files()
        self.db = TinyDB(self.path, storage=BufferedStorage(lambda *_a, **_k: self._storage_inner))
        raw = self.db.storage.read() or {}
        self._entries: dict[str, list[Any]] = {}
        self._by_url: dict[str, str] | None = None  # built when first asked for
        self._by_hash: dict[str, str] | None = None
        self._bodies: dict[str, str] = {}  # bodies of articles not in a sealed segment
        self._body_cache: BoundedCache[str, str] = BoundedCache(self.BODY_CACHE)
        self._span_cache: BoundedCache[str, list[tuple[int, int]]] = BoundedCache(20_000)
        self._fact_refs: dict[str, list[list[Any]]] = defaultdict(list)  # [count, segment, offset, length, text]
        self._fact_cache: BoundedCache[str, list[Fact]] = BoundedCache(10_000)
        self._article_objects: dict[str, StoredArticle] = {}
        self._sorted: tuple[int, list[str]] | None = None
        self._sealed_files = {}
        self._sealing: list[OpenSegment] = []
        self._repairs: dict[int, bytes] = {}  # segment number -> a catalog to write again
        self._legacy: list[dict[str, Any]] = []  # a format-2 store's documents, to migrate
        self._generation = 0
        self._open_entry: dict[str, Any] | None = None
        self._manifest: list[dict[str, Any]] = []  # sealed segments
        manifest = self._check_format(raw)
        if manifest is None:  # format 2 (or a new store): everything is in the main file
            self._open = OpenSegment(1)
            self._load_legacy(raw)
            return
        self._generation = int(manifest.get("generation", 0))
        for item in manifest.get("segments", []):
            self._load_sealed(item)
        self._manifest = list(manifest.get("segments", []))
        self._open_entry = manifest.get("open")
        numbers = [item["segment"] for item in self._manifest]
        self._open = OpenSegment(max(numbers, default=0) + 1)
        if self._open_entry:
            self._open.number = self._open_entry["segment"]
            self._load_open(self._open_entry)

    def _check_format(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        """The manifest of a format-3 store; None for a format-2 or new one."""
        meta = [doc for doc in (raw.get(META) or {}).values() if isinstance(doc, dict)]
        formats = [doc.get("format") for doc in meta]
        if not raw.get(ARTICLES) and not formats:
            if not self.readonly:  # a new store
                self.db.table(META).insert({"format": FORMAT, "generation": 0, "segments": [], "open": None})
            return None
        found = formats[0] if formats else 1
        if found == FORMAT:
            return meta[0]
        if found == 2:
            return None
        raise StoreError(
            f"store {self.path} has format {found}, this Tradebrief reads formats 2 and {FORMAT}; "
            "ingest the articles into a new store (--db)"
        )

    def _segment_file(self, name: str) -> Path:
        return self.segments_dir / name

    def _read_segment(self, name: str) -> bytes:
        try:
            return self._segment_file(name).read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot read store segment {self._segment_file(name)}: {_reason(exc)}") from None

    def _damaged(self, name: str, what: str) -> StoreError:
        return StoreError(f"store segment {self._segment_file(name)} {what}; `tradebrief store check` says more")

    def _load_sealed(self, item: dict[str, Any]) -> None:
        number, name = item["segment"], item["file"]
        rows = extras = None
        try:
            raw = self._segment_file(item["catalog"]).read_bytes()
            catalog = orjson.loads(raw[:raw.index(b"\n")])
            if catalog.get("format") == CATALOG_FORMAT:
                rows, extras = catalog["articles"], catalog["facts"]
        except FileNotFoundError:
            if not self._segment_file(name).exists():
                raise
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError):
            pass
        if rows is not None:
            try:
                size = os.stat(self._segment_file(name)).st_size
            except FileNotFoundError:
                raise
            except OSError as exc:
                raise StoreError(f"cannot read store segment {self._segment_file(name)}: {_reason(exc)}") from None
            if size != item["bytes"]:
                raise self._damaged(name, f"has {size} bytes, not {item['bytes']}")
        else:  # the catalog is lost, damaged or older: find the documents in the file again
            found = offsets_of(self._read_segment(name))
            if found is None:
                raise self._damaged(name, "does not match how it was written")
            data, article_ranges, fact_ranges, _span_ranges = found
            span_docs = {d["article_id"]: d for d in data["sentences"].values()}
            rows, by_id, listed = [], {}, []
            for doc, (offset, length) in zip(data["articles"].values(), article_ranges, strict=True):
                span = span_docs.get(doc["id"], {"count": 0, "spans": ""})
                row = _row(doc, span["count"], span["spans"])[:SEGMENT]  # spans and hash held
                row[OFFSET], row[LENGTH] = offset, length
                rows.append(row)
                by_id[row[ID]] = row
                listed.append(row[:])
            extras = []
            for d, (offset, length) in zip(data["facts"].values(), fact_ranges, strict=True):
                if d["article_id"] in by_id:
                    by_id[d["article_id"]][FACT_SETS].append([d["count"], offset, length])
                else:
                    extras.append([d["article_id"], offset, length, d["count"]])
            if not self.readonly:  # a writer writes the catalog again (the segment stays as it is)
                spans_at = {d["article_id"]: r for d, r in zip(data["sentences"].values(), _span_ranges, strict=True)}
                for copy in listed:
                    copy[FACT_SETS] = by_id[copy[ID]][FACT_SETS]
                self._repairs[number] = self._catalog(number, listed, extras, spans_at)
        self._sealed_files[number] = name
        entries = self._entries
        for row in rows:
            row.append(number)
            entries[row[ID]] = row
        for article_id, offset, length, count in extras:
            self._fact_refs[article_id].append([count, number, offset, length, None])

    @staticmethod
    def _catalog(number: int, rows: list[list[Any]], extras: list[list[Any]],
                 spans_at: dict[str, tuple[int, int]]) -> bytes:
        """A sealed segment's catalog from its rows (each with hash and span text)."""
        hashes = {row[ID]: row[HASH] for row in rows}
        light = []
        for row in rows:
            copy = row[:SEGMENT]
            copy[HASH], copy[SPANS] = None, list(spans_at[row[ID]])
            light.append(copy)
        return (orjson.dumps({"format": CATALOG_FORMAT, "segment": number, "articles": light, "facts": extras})
                + b"\n" + orjson.dumps({"hashes": hashes}) + b"\n")

    def _load_open(self, item: dict[str, Any]) -> None:
        raw = self._read_segment(item["file"])
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise self._damaged(item["file"], "is not valid JSON") from None
        self._load_documents(data, self._open)
        self._open.dirty = False

    def _load_legacy(self, raw: dict[str, Any]) -> None:
        if raw.get(ARTICLES):
            self._load_documents(raw, self._open)
            self._legacy = [raw]

    def _load_documents(self, data: dict[str, Any], segment: OpenSegment) -> None:
        """Hold a segment's documents in memory (the open segment, or a format-2 store)."""
        span_docs = {d["article_id"]: d for d in (data.get(SENTENCES) or {}).values()}
        for doc in (data.get(ARTICLES) or {}).values():
            span_doc = span_docs.get(doc["id"]) or {"article_id": doc["id"], "count": 0, "spans": ""}
            row = _row(doc, span_doc["count"], span_doc["spans"])
            self._index(row)
            self._bodies[row[ID]] = doc["body"]
            segment.add_article(row, orjson.dumps(doc), orjson.dumps(span_doc))
        for doc in (data.get(FACTS) or {}).values():
            ref = [doc["count"], -1, 0, 0, doc["facts"]]
            self._fact_refs[doc["article_id"]].append(ref)
            segment.add_facts(doc["article_id"], orjson.dumps(doc), ref)

    def _index(self, row: list[Any]) -> None:
        self._entries[row[ID]] = row
        if self._by_hash is not None:
            self._by_hash[row[HASH]] = row[ID]
            if row[URL]:
                self._by_url[row[URL]] = row[ID]  # type: ignore[index]

    def _migrate_if_needed(self) -> None:
        """A format-2 store opened for writing: copy it aside, then write it as segments."""
        if not self._legacy or self.readonly:
            return
        copy = self.path.with_name(self.path.name + ".format2.bak")
        try:
            if not _same_file_contents(copy, self.path):  # a copy of an older store is no backup of this one
                tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
                shutil.copyfile(self.path, tmp)
                with open(tmp, "rb") as handle:
                    os.fsync(handle.fileno())
                os.replace(tmp, copy)
                _fsync_dir(copy.parent)
        except OSError as exc:
            raise StoreError(f"cannot copy store {self.path} aside before migrating it: {_reason(exc)}") from None
        migrated, self._open = self._open, OpenSegment(1)
        for row, article_doc, span_doc in zip(migrated.entries, migrated.articles, migrated.spans, strict=True):
            self._open.add_article(row, article_doc, span_doc)
            self._seal_if_full()
        for article_id, doc, ref in zip(migrated.fact_articles, migrated.facts, migrated.fact_refs, strict=True):
            self._open.add_facts(article_id, doc, ref)
            self._seal_if_full()
        for name in (ARTICLES, SENTENCES, FACTS):
            (self.db.storage.cache or {}).pop(name, None)
        self.db.table(META).truncate()
        self.db.table(META).insert({"format": FORMAT, "generation": 0, "segments": [], "open": None})
        self._legacy = []
        self.commit()

    def _seal_if_full(self) -> None:
        if len(self._open) >= self.segment_articles or self._open.size >= self.segment_bytes:
            self._sealing.append(self._open)
            self._open = OpenSegment(self._open.number + 1)

    def _collect_garbage(self) -> None:
        """Remove segment files no manifest names (left by a crash or superseded): the current
        manifest's and the backup's are kept."""
        try:
            present = os.listdir(self.segments_dir)
        except FileNotFoundError:
            return
        except OSError:
            return
        keep = self._names(self._manifest, self._open_entry)
        try:
            backup = orjson.loads(backup_path(self.path).read_bytes())
            meta = next(iter(backup.get(META, {}).values()))
            keep |= self._names(meta.get("segments", []), meta.get("open"))
        except (OSError, orjson.JSONDecodeError, StopIteration, AttributeError, TypeError):
            pass
        for name in present:
            if name not in keep:
                try:
                    os.unlink(self.segments_dir / name)
                except OSError:
                    pass

    @staticmethod
    def _names(sealed: list[dict[str, Any]], open_entry: dict[str, Any] | None) -> set[str]:
        names = {item["file"] for item in sealed} | {item["catalog"] for item in sealed}
        if open_entry:
            names.add(open_entry["file"])
        return names

    # ---- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def _body(self, article_id: str) -> str:
        body = self._bodies.get(article_id)
        if body is not None:
            return body
        body = self._body_cache.get(article_id)
        if body is not None:
            return body
        row = self._entries[article_id]
        if row[SEGMENT] < 0:  # sealed meanwhile by a commit in another thread: read again
            return self._bodies[article_id]
        body = orjson.loads(self._read(row[SEGMENT], row[OFFSET], row[LENGTH]))["body"]
        self._body_cache[article_id] = body
        return body

    def _read(self, segment: int, offset: int, length: int) -> bytes:
        name = self._sealed_files[segment]
        try:
            fd = self._fds.get(segment)
            if fd is None:
                fd = self._fds[segment] = os.open(self._segment_file(name), os.O_RDONLY)
            return read_range(fd, offset, length)
        except OSError as exc:
            raise StoreError(f"cannot read store segment {self._segment_file(name)}: {_reason(exc)}") from None

    def article(self, article_id: str) -> Article | None:
        article = self._article_objects.get(article_id)
        if article is None:
            row = self._entries.get(article_id)
            if row is None:
                return None
            article = StoredArticle(
                row[ID], row[TITLE], row[SOURCE], row[URL], row[PUBLISHED], row[INGESTED], row[HASH],
                row[LANGUAGE], teaser=row[TEASER],
                load=lambda article_id=article_id: self._body(article_id),
                load_hash=lambda article_id=article_id: self._content_hash(article_id),
            )
            self._article_objects[article_id] = article
        return article

    def articles(self) -> list[Article]:
        """All articles, newest first (by publication date, then ingestion time)."""
        if self._sorted is None or self._sorted[0] != self.revision:
            rows = sorted(self._entries.values(), key=lambda r: (r[PUBLISHED] or "", r[INGESTED]), reverse=True)
            self._sorted = (self.revision, [r[ID] for r in rows])
        return [self.article(article_id) for article_id in self._sorted[1]]  # type: ignore[misc]

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> str | None:
        if self._by_hash is None or self._by_url is None:
            with self._mutex:
                self._load_hashes()
                self._by_hash = {r[HASH]: r[ID] for r in self._entries.values()}
                self._by_url = {r[URL]: r[ID] for r in self._entries.values() if r[URL]}
        if url and url in self._by_url:
            return self._by_url[url]
        if content_hash and content_hash in self._by_hash:
            return self._by_hash[content_hash]
        return None

    def _load_hashes(self) -> None:
        """Fill in the content hashes catalogs leave out of their rows (the second line)."""
        for item in self._manifest:
            try:
                raw = self._segment_file(item["catalog"]).read_bytes()
                hashes = orjson.loads(raw[raw.index(b"\n") + 1:])["hashes"]
            except (OSError, ValueError, KeyError, TypeError):
                continue  # rows from a rebuilt catalog hold their hashes already
            rows = [self._entries.get(article_id) for article_id in hashes]
            for row, content_hash in zip(rows, hashes.values(), strict=True):
                if row is not None and row[HASH] is None:
                    row[HASH] = content_hash
        for row in self._entries.values():
            if row[HASH] is None:  # not found in a catalog: read from the article itself
                row[HASH] = self._document(row)["content_hash"]

    def _document(self, row: list[Any]) -> dict[str, Any]:
        return orjson.loads(self._read(row[SEGMENT], row[OFFSET], row[LENGTH]))

    def _content_hash(self, article_id: str) -> str:
        row = self._entries[article_id]
        if row[HASH] is None:
            row[HASH] = self._document(row)["content_hash"]
        return row[HASH]

    def resolve_article_id(self, prefix: str) -> str | None:
        """An article id from a full id or an unambiguous prefix (people type short ids)."""
        prefix = prefix.strip()
        if prefix in self._entries:
            return prefix
        matches = [a for a in self._entries if a.startswith(prefix)] if len(prefix) >= 4 else []
        return matches[0] if len(matches) == 1 else None

    def _spans(self, article_id: str) -> list[tuple[int, int]]:
        spans = self._span_cache.get(article_id)
        if spans is None:
            row = self._entries.get(article_id)
            if row is None:
                return []
            text = row[SPANS]
            if not isinstance(text, str):  # a sealed segment's: read its span document
                text = orjson.loads(self._read(row[SEGMENT], text[0], text[1]))["spans"]
            spans = [(int(a), int(b)) for a, _, b in (p.partition(":") for p in text.split())]
            self._span_cache[article_id] = spans
        return spans

    def sentence(self, sentence_id: str) -> Sentence | None:
        article_id, _, position = sentence_id.rpartition(":")
        spans = self._spans(article_id)
        if not position.isdigit() or not 1 <= int(position) <= len(spans):
            return None
        return self._make_sentence(article_id, int(position), spans[int(position) - 1])

    def _make_sentence(self, article_id: str, position: int, span: tuple[int, int], body: str | None = None) -> Sentence:
        start, end = span
        body = self._body(article_id) if body is None else body
        return Sentence(f"{article_id}:{position}", article_id, position, body[start:end], start, end)

    def sentences(self, article_id: str | None = None) -> list[Sentence]:
        if article_id is None:
            return list(self.iter_sentences())
        body = self._body(article_id) if article_id in self._entries else ""
        return [self._make_sentence(article_id, n, span, body)
                for n, span in enumerate(self._spans(article_id), start=1)]

    def iter_sentences(self) -> Iterator[Sentence]:
        for article_id in list(self._entries):
            yield from self.sentences(article_id)

    def sentence_count(self) -> int:
        return sum(row[COUNT] for row in self._entries.values())

    def sentence_counts(self) -> dict[str, int]:
        """Sentences per article id."""
        return {article_id: row[COUNT] for article_id, row in self._entries.items()}

    def sentence_ids(self) -> list[str]:
        return [f"{a}:{n}" for a, row in self._entries.items() for n in range(1, row[COUNT] + 1)]

    def sentence_texts(self, ids: Iterable[str]) -> list[str]:
        texts = []
        last_id, body = "", ""
        for sentence_id in ids:
            article_id, _, position = sentence_id.rpartition(":")
            if article_id != last_id:
                last_id, body = article_id, self._body(article_id)
            start, end = self._spans(article_id)[int(position) - 1]
            texts.append(body[start:end])
        return texts

    def _fact_texts(self, article_id: str) -> list[str]:
        with self._mutex:  # not while a commit moves fact sets into a sealed segment
            row = self._entries.get(article_id)
            inline = [(row[SEGMENT], offset, length) for _count, offset, length in row[FACT_SETS]] if row else []
            refs = [(segment, offset, length, text) for _count, segment, offset, length, text
                    in self._fact_refs.get(article_id, ())]
        texts = [orjson.loads(self._read(segment, offset, length))["facts"] for segment, offset, length in inline]
        for segment, offset, length, text in refs:
            texts.append(text if text is not None else orjson.loads(self._read(segment, offset, length))["facts"])
        return texts

    def facts(self, article_id: str | None = None) -> list[Fact]:
        if article_id is not None:
            cached = self._fact_cache.get(article_id)
            if cached is None:
                cached = [_fact(doc) for text in self._fact_texts(article_id) for doc in orjson.loads(text)]
                self._fact_cache[article_id] = cached
            return list(cached)
        return [fact for article_id in list(self._entries) for fact in self.facts(article_id)]

    def fact_json(self, article_id: str) -> list[str]:
        """An article's stored fact sets as their compact JSON text, not decoded: a cheap
        substring test (`"value":"Belarus"`) before `facts()` decodes them (briefs scan every
        article for a topic, and decoding all of 10,000 articles' facts takes over a second)."""
        return self._fact_texts(article_id)

    def fact_count(self) -> int:
        inline = sum(ref[0] for row in self._entries.values() for ref in row[FACT_SETS])
        return inline + sum(ref[0] for refs in self._fact_refs.values() for ref in refs)

    def overview(self) -> Overview:
        rows = self._entries.values()
        dates = sorted(r[PUBLISHED] for r in rows if r[PUBLISHED])
        sources = sorted({r[SOURCE] for r in rows if r[SOURCE]})
        return Overview(
            articles=len(self._entries),
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
            if article.id in self._entries:
                raise StoreError(f"article {article.id} is already stored")
            sentences = list(sentences)
            for n, sentence in enumerate(sentences, start=1):
                if (sentence.id != f"{article.id}:{n}" or sentence.position != n
                        or article.body[sentence.start:sentence.end] != sentence.text):
                    raise StoreError(f"sentence {sentence.id} does not match article {article.id}")
            spans = " ".join(f"{sentence.start}:{sentence.end}" for sentence in sentences)
            by_extractor: dict[str, list[Fact]] = defaultdict(list)
            for fact in facts:
                by_extractor[fact.extractor].append(fact)
            article_doc = article.to_dict()
            span_doc = {"article_id": article.id, "count": len(sentences), "spans": spans}
            row = _row(article_doc, len(sentences), spans)
            self._index(row)
            self._bodies[article.id] = article.body
            self._open.add_article(row, orjson.dumps(article_doc), orjson.dumps(span_doc))
            for name, group in by_extractor.items():
                self._stage_fact_set(_fact_set(article.id, name, group))
            self._unsaved.add(article.id)
            self.revision += 1
            self._seal_if_full()

    def _stage_fact_set(self, doc: dict[str, Any]) -> None:
        ref = [doc["count"], -1, 0, 0, doc["facts"]]
        self._fact_refs[doc["article_id"]].append(ref)
        self._fact_cache.pop(doc["article_id"])
        self._open.add_facts(doc["article_id"], orjson.dumps(doc), ref)

    def on_disk(self, article_id: str) -> bool:
        """True when the article is in the store's files (not only staged or in memory after a
        failed commit)."""
        return article_id in self._entries and article_id not in self._unsaved

    def add_facts(self, facts: Iterable[Fact]) -> None:
        """Stage facts for stored articles (a second extractor, run later)."""
        self._require_writable()
        with self._mutex:
            groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
            for fact in facts:
                groups[(fact.article_id, fact.extractor)].append(fact)
            for (article_id, extractor), group in groups.items():
                self._stage_fact_set(_fact_set(article_id, extractor, group))
            self.revision += 1
            self._seal_if_full()

    @property
    def index_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".index")

    def index_groups(self) -> list[tuple[str, list[str], bool]]:
        """(name, article ids, sealed) of each segment, in the order of `sentence_counts()`: the
        search index keeps one part per sealed segment (whose articles never change) and rebuilds
        only what changed of the open one (see bot.index_parts)."""
        with self._mutex:
            by_segment: dict[int, list[str]] = defaultdict(list)
            for article_id, row in self._entries.items():
                if row[SEGMENT] >= 0:
                    by_segment[row[SEGMENT]].append(article_id)
            groups = [(item["file"].removesuffix(".json"), by_segment.get(item["segment"], []), True)
                      for item in self._manifest]
            groups += [(f"s{segment.number:06d}", [row[ID] for row in segment.entries], False)
                       for segment in (*self._sealing, self._open)]
        return [group for group in groups if group[1]]

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

    def claim_sent_record(self, doc: dict[str, Any], retry_from: Iterable[str] = ("failed",)) -> bool:
        """One writer process holds this store (the writer lock), so a look-up then a write is
        atomic here; the caller commits, as after `put_sent_record`."""
        current = self.sent_record(doc["key"])
        if current is not None and current.get("status") not in tuple(retry_from):
            return False
        self.put_sent_record(doc)
        return True

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

    # ---- committing ----------------------------------------------------------------------
    def _stage(self) -> _Staged | None:
        """Serialise what changed (under the mutex, on the caller's thread): newly sealed
        segments with their catalogs, the open segment, and the main file with the manifest."""
        self._require_writable()
        with self._mutex:
            if not (self._sealing or self._open.dirty or self.db.storage.dirty or self._repairs):
                return None
            self._generation += 1
            generation = self._generation
            sealed = []
            repaired = {number: {**item, "catalog": catalog_name(number, generation)}
                        for item in self._manifest if (number := item["segment"]) in self._repairs}
            files: list[tuple[str, bytes]] = [(repaired[n]["catalog"], payload) for n, payload in self._repairs.items()
                                              if n in repaired]
            manifest = [repaired.get(item["segment"], item) for item in self._manifest]
            for segment in self._sealing:
                payload, article_ranges, fact_ranges, span_ranges = build(segment)
                rows, by_id, hashes = [], {}, {}
                for row, (offset, length), span in zip(segment.entries, article_ranges, span_ranges, strict=True):
                    copy = row[:SEGMENT]
                    copy[OFFSET], copy[LENGTH], copy[FACT_SETS] = offset, length, []
                    copy[HASH], copy[SPANS] = None, list(span)
                    hashes[copy[ID]] = row[HASH]
                    rows.append(copy)
                    by_id[copy[ID]] = copy
                fact_rows = []
                for article_id, ref, (offset, length) in zip(segment.fact_articles, segment.fact_refs, fact_ranges,
                                                             strict=True):
                    if article_id in by_id:
                        by_id[article_id][FACT_SETS].append([ref[0], offset, length])
                    else:
                        fact_rows.append([article_id, offset, length, ref[0]])
                if segment.sealed_as is None:  # named once: a retried commit writes the same file
                    segment.sealed_as = (file_name(segment.number, generation),
                                         catalog_name(segment.number, generation))
                item = {"segment": segment.number, "file": segment.sealed_as[0], "catalog": segment.sealed_as[1],
                        "articles": len(segment), "bytes": len(payload)}
                files.append((item["file"], payload))
                files.append((item["catalog"], orjson.dumps({"format": CATALOG_FORMAT, "segment": segment.number,
                                                             "articles": rows, "facts": fact_rows})
                               + b"\n" + orjson.dumps({"hashes": hashes}) + b"\n"))
                manifest.append(item)
                sealed.append((segment, item, article_ranges, fact_ranges))
            open_entry = self._open_entry
            if self._open.dirty:
                if len(self._open.articles) or self._open.facts:
                    payload = build(self._open)[0]
                    open_entry = {"segment": self._open.number, "file": file_name(self._open.number, generation),
                                  "articles": len(self._open), "bytes": len(payload)}
                    files.append((open_entry["file"], payload))
                else:
                    open_entry = None
                self._open.dirty = False
            elif open_entry is not None and open_entry["segment"] != self._open.number:
                open_entry = None  # the segment it named was sealed
            cache = dict(self.db.storage.cache or {})
            cache[META] = {"1": {"format": FORMAT, "generation": generation, "segments": manifest,
                                 "open": open_entry}}
            self.db.storage.mark_clean()
            self._sequence += 1
            return _Staged(self._sequence, files, orjson.dumps(cache), sealed, open_entry, self._open,
                           frozenset(self._unsaved), len(self._entries), generation, repaired)

    def _write(self, staged: _Staged) -> None:
        """Write one staged commit: segment files first, the main file last; an older state never
        overwrites a newer one."""
        with self._write_lock:
            if staged.sequence <= self._written:
                return
            try:
                self._write_files(staged)
                self._storage_inner.write_bytes(staged.main)
            except StoreError:
                with self._mutex:  # still to be written by the next commit
                    self.db.storage.mark_dirty()
                    if staged.open_segment is self._open:
                        self._open.dirty = True
                raise
            self._written = staged.sequence
            with self._mutex:
                for segment, item, article_ranges, fact_ranges in staged.sealed:
                    self._seal(segment, item, article_ranges, fact_ranges)
                self._open_entry = staged.open_entry
                for number, item in staged.repaired.items():
                    self._repairs.pop(number, None)
                    self._manifest = [item if old["segment"] == number else old for old in self._manifest]
                self._unsaved -= staged.unsaved
                self.persisted_count = staged.count
            self._collect_garbage()

    def _write_files(self, staged: _Staged) -> None:
        if not staged.files:
            return
        try:
            self.segments_dir.mkdir(exist_ok=True)
            for name, payload in staged.files:
                path = self._segment_file(name)
                _replace(path, payload, sync_dir=False)
                if path.read_bytes() != payload:
                    raise StoreError(f"store segment {path} does not read back as written; nothing was "
                                     "changed on disk")
            _fsync_dir(self.segments_dir)
        except OSError as exc:
            raise StoreError(
                f"cannot write store {self.path}: {_reason(exc)}; nothing was changed on disk"
            ) from None

    def _seal(self, segment: OpenSegment, item: dict[str, Any], article_ranges: list[tuple[int, int]],
              fact_ranges: list[tuple[int, int]]) -> None:
        """A sealed segment reached the disk: its bodies and facts are read from the file now."""
        if segment not in self._sealing:
            return
        self._sealing.remove(segment)
        number = segment.number
        self._sealed_files[number] = item["file"]
        self._manifest.append(item)
        own = {row[ID]: row for row in segment.entries}
        for row, (offset, length) in zip(segment.entries, article_ranges, strict=True):
            row[OFFSET], row[LENGTH], row[SEGMENT] = offset, length, number
            self._bodies.pop(row[ID], None)
        for article_id, ref, (offset, length) in zip(segment.fact_articles, segment.fact_refs, fact_ranges,
                                                     strict=True):
            ref[2], ref[3], ref[1] = offset, length, number
            ref[4] = None
            row = own.get(article_id)
            if row is not None:  # kept in the article's row, as a reopened store has it
                row[FACT_SETS] = [*row[FACT_SETS], [ref[0], offset, length]]
                refs = self._fact_refs.get(article_id, [])
                self._fact_refs[article_id] = [r for r in refs if r is not ref]
                if not self._fact_refs[article_id]:
                    del self._fact_refs[article_id]
            self._fact_cache.pop(article_id)

    def commit(self) -> None:
        """Write everything staged to disk: visible whole or not at all."""
        staged = self._stage()
        if staged:
            self._write(staged)

    async def commit_async(self) -> None:
        """Like `commit`, with the file writes and fsyncs off the event loop (serialising holds
        the loop only for joining the open segment's documents)."""
        staged = self._stage()
        if staged:
            await asyncio.to_thread(self._write, staged)

    @property
    def dirty(self) -> bool:
        return bool(self._sealing or self._repairs) or self._open.dirty or self.db.storage.dirty

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Stage many writes, commit once at the end (even on error, what was staged is kept)."""
        try:
            yield self
        finally:
            self.commit()

    def _close_files(self) -> None:
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = {}

    def close(self) -> None:
        try:
            if not self.readonly and self.dirty:
                self.commit()
        finally:
            self._close_files()
            self._lock.release()

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"store {self.path} was opened read-only")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _same_file_contents(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as left, open(b, "rb") as right:
            while True:
                chunk = left.read(1 << 20)
                if chunk != right.read(1 << 20):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def copy_store(source: str | Path, target: str | Path) -> None:
    """Copy a closed store (its main file and its segment files) to a new place."""
    source, target = Path(source).resolve(), Path(target)
    shutil.copyfile(source, target)
    segments = segment_dir(source)
    if segments.is_dir():
        shutil.copytree(segments, segment_dir(target), dirs_exist_ok=True)
