"""Segment files of the TinyDB store: the corpus in pieces of a few thousand articles.

A segment file is an ordinary TinyDB database with the tables `articles`, `sentences` and `facts`.
We write it ourselves, one serialised document after another, so we know where each document's
bytes start and end: a sealed segment gets a catalog beside it (the articles' titles, dates,
sentence spans, and the byte range of each article and fact set), and its bodies and facts are read
from the file on demand instead of being held in memory.

Files are named by segment number and generation (`s000007.g000000123.json`, `.cat` for the
catalog): a new generation is a new file, and the manifest in the main store file says which
generation of which segment is the store. Only the open (last) segment is written again, under a
new name each commit; sealed segments are written once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

__all__ = ["OpenSegment", "build", "catalog_name", "file_name", "segment_dir", "offsets_of"]


def segment_dir(db: Path) -> Path:
    return db.with_name(db.name + ".segments")


def file_name(number: int, generation: int) -> str:
    return f"s{number:06d}.g{generation:09d}.json"


def catalog_name(number: int, generation: int) -> str:
    return f"s{number:06d}.g{generation:09d}.cat"


@dataclass(eq=False)
class OpenSegment:
    """A segment still being filled: its documents held as serialised bytes, in order.

    `rows` are the catalog rows of its articles (filled with byte ranges when it is sealed);
    `fact_refs` the in-memory fact references of its fact sets, updated in place when sealed."""

    number: int
    articles: list[bytes] = field(default_factory=list)
    spans: list[bytes] = field(default_factory=list)
    facts: list[bytes] = field(default_factory=list)
    entries: list[Any] = field(default_factory=list)  # the store's entries of its articles
    fact_refs: list[list[Any]] = field(default_factory=list)  # [count, segment, offset, length, text]
    fact_articles: list[str] = field(default_factory=list)  # the article id of each fact set
    size: int = 0
    dirty: bool = False
    sealed_as: tuple[str, str] | None = None  # (segment file, catalog) once staged as sealed

    def __len__(self) -> int:
        return len(self.articles)

    def add_article(self, entry: Any, article_doc: bytes, span_doc: bytes) -> None:
        self.entries.append(entry)
        self.articles.append(article_doc)
        self.spans.append(span_doc)
        self.size += len(article_doc) + len(span_doc) + 16
        self.dirty = True

    def add_facts(self, article_id: str, doc: bytes, ref: list[Any]) -> None:
        self.facts.append(doc)
        self.fact_refs.append(ref)
        self.fact_articles.append(article_id)
        self.size += len(doc) + 8
        self.dirty = True


Ranges = list[tuple[int, int]]


def build(segment: OpenSegment) -> tuple[bytes, Ranges, Ranges, Ranges]:
    """The segment file's bytes (a TinyDB database), and the (offset, length) of each article
    document, each fact-set document and each sentence-span document in it."""
    parts: list[bytes] = []
    position = 0

    def put(chunk: bytes) -> int:
        nonlocal position
        parts.append(chunk)
        start = position
        position += len(chunk)
        return start

    def table(name: bytes, docs: list[bytes], ranges: list[tuple[int, int]] | None) -> None:
        put(b'"' + name + b'":{')
        for n, doc in enumerate(docs, start=1):
            put((b"," if n > 1 else b"") + b'"%d":' % n)
            start = put(doc)
            if ranges is not None:
                ranges.append((start, len(doc)))
        put(b"}")

    article_ranges: Ranges = []
    fact_ranges: Ranges = []
    span_ranges: Ranges = []
    put(b"{")
    table(b"articles", segment.articles, article_ranges)
    put(b",")
    table(b"sentences", segment.spans, span_ranges)
    put(b",")
    table(b"facts", segment.facts, fact_ranges)
    put(b"}")
    return b"".join(parts), article_ranges, fact_ranges, span_ranges


def offsets_of(raw: bytes) -> tuple[dict[str, Any], Ranges, Ranges, Ranges] | None:
    """Parse a segment file and find its documents' byte ranges again (for a lost catalog):
    the file is rebuilt from its parsed documents and must come out byte for byte the same."""
    data = orjson.loads(raw)
    segment = OpenSegment(0)
    segment.articles = [orjson.dumps(d) for d in (data.get("articles") or {}).values()]
    segment.spans = [orjson.dumps(d) for d in (data.get("sentences") or {}).values()]
    segment.facts = [orjson.dumps(d) for d in (data.get("facts") or {}).values()]
    rebuilt, articles, facts, spans = build(segment)
    if rebuilt != raw:
        return None
    return data, articles, facts, spans


def read_range(fd: int, offset: int, length: int) -> bytes:
    data = os.pread(fd, length, offset)
    if len(data) != length:
        raise OSError(f"short read at {offset}")
    return data
