"""The TinyDB store: articles, sentences and facts, plus small tables later features add.

TinyDB is the file format and the persistence; look-ups go through in-memory indexes built once at
open time, because a TinyDB query scans every document. Article writes are buffered and committed
in batches (one `insert_multiple` per table, one atomic file write), so ingest stays linear.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .errors import StoreError
from .models import Article, Fact, Sentence, Overview
from .storage import AtomicJSONStorage, BufferedStorage, WriterLock

ARTICLES, SENTENCES, FACTS = "articles", "sentences", "facts"


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
    )


def _sentence(doc: dict[str, Any]) -> Sentence:
    return Sentence(
        id=doc["id"],
        article_id=doc["article_id"],
        position=doc["position"],
        text=doc["text"],
        start=doc["start"],
        end=doc["end"],
    )


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
        self.path = Path(path)
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

    # ---- opening -------------------------------------------------------------------------
    def _load_indexes(self) -> None:
        raw = self.db.storage.read() or {}
        self._articles: dict[str, Article] = {}
        self._by_url: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._sentences: dict[str, Sentence] = {}
        self._article_sentences: dict[str, list[str]] = defaultdict(list)
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for doc in (raw.get(ARTICLES) or {}).values():
            self._index_article(_article(doc))
        for doc in (raw.get(SENTENCES) or {}).values():
            self._index_sentence(_sentence(doc))
        for doc in (raw.get(FACTS) or {}).values():
            fact = _fact(doc)
            self._facts[fact.article_id].append(fact)

    def _index_article(self, article: Article) -> None:
        self._articles[article.id] = article
        self._by_hash[article.content_hash] = article.id
        if article.url:
            self._by_url[article.url] = article.id

    def _index_sentence(self, sentence: Sentence) -> None:
        self._sentences[sentence.id] = sentence
        self._article_sentences[sentence.article_id].append(sentence.id)

    # ---- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._articles)

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles(self) -> list[Article]:
        """All articles, newest first (by publication date, then ingestion time)."""
        return sorted(
            self._articles.values(),
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
        if prefix in self._articles:
            return prefix
        matches = [a for a in self._articles if a.startswith(prefix)] if len(prefix) >= 4 else []
        return matches[0] if len(matches) == 1 else None

    def sentence(self, sentence_id: str) -> Sentence | None:
        return self._sentences.get(sentence_id)

    def sentences(self, article_id: str | None = None) -> list[Sentence]:
        if article_id is None:
            return list(self._sentences.values())
        return [self._sentences[s] for s in self._article_sentences.get(article_id, [])]

    def iter_sentences(self) -> Iterator[Sentence]:
        return iter(self._sentences.values())

    def facts(self, article_id: str | None = None) -> list[Fact]:
        if article_id is not None:
            return list(self._facts.get(article_id, []))
        return [f for facts in self._facts.values() for f in facts]

    def overview(self) -> Overview:
        dates = sorted(a.published for a in self._articles.values() if a.published)
        sources = sorted({a.source for a in self._articles.values() if a.source})
        return Overview(
            articles=len(self._articles),
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
            if article.id in self._articles:
                raise StoreError(f"article {article.id} is already stored")
            sentences = list(sentences)
            facts = list(facts)
            self._pending[ARTICLES].append(article.to_dict())
            self._pending[SENTENCES].extend(s.to_dict() for s in sentences)
            self._pending[FACTS].extend(f.to_dict() for f in facts)
            self._index_article(article)
            for sentence in sentences:
                self._index_sentence(sentence)
            self._facts[article.id].extend(facts)
            self.revision += 1

    def add_facts(self, facts: Iterable[Fact]) -> None:
        """Stage facts for stored articles (a second extractor, run later)."""
        self._require_writable()
        with self._mutex:
            facts = list(facts)
            self._pending[FACTS].extend(f.to_dict() for f in facts)
            for fact in facts:
                self._facts[fact.article_id].append(fact)
            self.revision += 1

    def table(self, name: str) -> Table:
        """A small TinyDB table (subscriptions, feeds, ...). Call `commit()` after writing."""
        if name in (ARTICLES, SENTENCES, FACTS):
            raise StoreError(f"table {name} is managed by the store; use its methods")
        return self.db.table(name)

    def commit(self) -> None:
        """Write everything staged to disk in one atomic file replacement."""
        self._require_writable()
        with self._mutex:
            for name, docs in self._pending.items():
                if docs:
                    self.db.table(name).insert_multiple(docs)
            self._pending = {ARTICLES: [], SENTENCES: [], FACTS: []}
            self.db.storage.flush()

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
