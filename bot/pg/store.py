"""The PostgreSQL store: the storage port over one database that several workers share.

Articles, sentences and facts are staged in memory by `add_article`/`add_facts` (reads see them at
once, like the embedded store) and written by `commit()` in one transaction; nothing else is held:
reads go to the database through a small connection pool, with bounded caches of immutable rows,
so a worker's memory does not grow with the corpus. The small tables (feeds, subscriptions, the
sent-digest log, counters) are written through at once, so every worker sees the same state;
counters are bumped atomically in the database. `commit_async()` runs the transaction in a worker
thread, off the event loop.

`revision` is the database's corpus version (grown by every worker's commit) plus this handle's
staged changes, so a worker's search index picks up what another worker ingested.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from ..caching import BoundedCache
from ..entities import collect_names
from ..errors import StoreError
from ..models import Article, Fact, Overview, Sentence
from . import migrate, migrations

__all__ = ["PgStore", "redact"]

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = "id, title, source, url, published, ingested_at, content_hash, language, body, teaser"
_VERSION_TTL = 0.5  # seconds a read of the corpus version is trusted


def redact(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://…"
    host = params.get("host", "")
    return f"postgresql://{params.get('user', '')}@{host if not host.startswith('/') else ''}/{params.get('dbname', '')}"


def _article(row: tuple[Any, ...]) -> Article:
    return Article(id=row[0], title=row[1], source=row[2], url=row[3], published=row[4], ingested_at=row[5],
                   content_hash=row[6], language=row[7], body=row[8], teaser=row[9])


def _fact(doc: dict[str, Any]) -> Fact:
    return Fact(id=doc["id"], article_id=doc["article_id"], type=doc["type"], value=doc["value"],
                sentence_ids=tuple(doc["sentence_ids"]), attrs=doc.get("attrs") or {},
                extractor=doc.get("extractor", "offline"))


def _fact_sets(facts: Iterable[Fact]) -> list[tuple[str, str, int, str]]:
    """(article id, extractor, count, JSON text) per article and extractor."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.article_id, fact.extractor)].append(fact)
    return [(a, e, len(g), orjson.dumps([f.to_dict() for f in g]).decode()) for (a, e), g in groups.items()]


def _count_lexemes(conn: psycopg.Connection[Any], article_ids: list[str]) -> None:
    """Add the new sentences' lexemes to the document frequencies (rows in a fixed order, so two
    workers committing at once wait for each other rather than deadlock)."""
    conn.execute(
        "INSERT INTO lexeme_df (lexeme, df) SELECT lexeme, count(*) FROM sentences s "
        "CROSS JOIN LATERAL unnest(tsvector_to_array(s.tsv)) AS lexeme WHERE s.article_id = ANY(%s) "
        "GROUP BY lexeme ORDER BY lexeme ON CONFLICT (lexeme) DO UPDATE SET df = lexeme_df.df + excluded.df",
        (article_ids,))


class _Tally:
    """Texts to count into the lexicon tables (entities.collect_names counts them)."""

    def __init__(self) -> None:
        self.sentences: list[tuple[str, str]] = []
        self.titles: dict[str, str] = {}

    def take(self, article_id: str, text: str, title: bool = False) -> None:
        if title:
            self.titles[article_id] = text
        else:
            self.sentences.append((f"{article_id}:0", text))


def _write_tally(conn: psycopg.Connection[Any], texts: _Tally) -> None:
    """Add the counts of `texts` to the lexicon tables (keys in a fixed order, see `_count_lexemes`)."""
    counts, lower, seen, inner, forms = collect_names(texts.sentences, texts.titles)
    words = sorted(counts)
    conn.execute(
        "INSERT INTO lexicon_words (word, total, lower) SELECT * FROM unnest(%s::text[], %s::bigint[], %s::bigint[]) "
        "ON CONFLICT (word) DO UPDATE SET total = lexicon_words.total + excluded.total, "
        "lower = lexicon_words.lower + excluded.lower",
        (words, [counts[w] for w in words], [lower[w] for w in words]))
    keys = sorted(seen)
    conn.execute(
        "INSERT INTO lexicon_names (key, inner_count, words) SELECT * FROM unnest(%s::text[], %s::bigint[], "
        "%s::int[]) ON CONFLICT (key) DO UPDATE SET inner_count = lexicon_names.inner_count + excluded.inner_count",
        (keys, [inner[k] for k in keys], [k.count(" ") + 1 for k in keys]))
    pairs = [(k, a) for k in keys for a in sorted(seen[k])]
    conn.execute(
        "INSERT INTO lexicon_name_articles (key, article_id) SELECT * FROM unnest(%s::text[], %s::text[]) "
        "ON CONFLICT DO NOTHING", ([k for k, _ in pairs], [a for _, a in pairs]))
    written = [(k, f, n) for k in keys for f, n in sorted(forms[k].items())]
    conn.execute(
        "INSERT INTO lexicon_name_forms (key, form, n) SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[]) "
        "ON CONFLICT (key, form) DO UPDATE SET n = lexicon_name_forms.n + excluded.n",
        ([k for k, _, _ in written], [f for _, f, _ in written], [n for _, _, n in written]))


class _Staged:
    __slots__ = ("article", "spans", "fact_sets")

    def __init__(self, article: Article, spans: list[tuple[int, int]],
                 fact_sets: list[tuple[str, str, int, str]]) -> None:
        self.article, self.spans, self.fact_sets = article, spans, fact_sets


class PgStore:
    """The storage port on PostgreSQL. Open read-only to query; writers may be many."""

    def __init__(self, url: str, *, readonly: bool = False, index_dir: Path | None = None,
                 pool_size: int = 4) -> None:
        self.url = url
        self.readonly = readonly
        self.label = redact(url)
        try:
            conninfo = make_conninfo(url, application_name="tradebrief")
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"TRADEBRIEF_DATABASE_URL is not a valid PostgreSQL URL: {exc}") from None
        try:  # one direct connection first: a server that is down or refuses us fails at once, clearly
            with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
                if readonly:
                    self._check_schema(conn)
                else:
                    migrate(conn)
        except psycopg.OperationalError as exc:
            reason = (str(exc).strip().splitlines() or ["no reason given"])[0].strip()
            raise StoreError(f"cannot connect to the database {self.label}: {reason}") from None
        self.pool = ConnectionPool(conninfo, min_size=1, max_size=max(2, pool_size),
                                   kwargs={"autocommit": True}, open=False, name="tradebrief")
        self.pool.open(wait=False)
        self._index_dir = index_dir or self.default_index_dir(url)
        self._mutex = threading.RLock()
        self._staged: dict[str, _Staged] = {}
        self._staged_hashes: dict[str, str] = {}
        self._staged_urls: dict[str, str] = {}
        self._extra_facts: list[tuple[str, str, int, str]] = []  # add_facts for stored articles
        self._local = 0  # staged changes ever made through this handle
        self._rate_bumps = 0
        self._version = -1
        self._version_read = 0.0
        self._stats: tuple[int, int, int, int] | None = None  # version, articles, sentences, facts
        self._articles: BoundedCache[str, Article] = BoundedCache(2_000)
        self._spans: BoundedCache[str, list[tuple[int, int]]] = BoundedCache(20_000)
        self._facts: BoundedCache[str, list[Fact]] = BoundedCache(4_000)
        if not readonly:
            self.tally_backlog()

    @staticmethod
    def default_index_dir(url: str) -> Path:
        """Where a worker caches its search index for the database at `url` (local disk, one
        directory per host or socket, port and database)."""
        where = sorted((k, v) for k, v in conninfo_to_dict(url).items() if k != "password")
        digest = hashlib.sha1(repr(where).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"tradebrief-index-{digest}"

    def _check_schema(self, conn: psycopg.Connection[Any]) -> None:
        latest = len(migrations())
        try:
            row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except psycopg.errors.UndefinedTable:
            row = None
        if row is None or row[0] != latest:
            raise StoreError(f"the database {self.label} has no current Tradebrief schema "
                             f"(found version {row[0] if row else 0}, need {latest}); start a writer once to migrate it")

    # ---- plumbing ------------------------------------------------------------------------
    def _query(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        try:
            with self.pool.connection() as conn:
                return conn.execute(sql, params).fetchall()
        except psycopg.OperationalError as exc:
            raise StoreError(f"database {self.label}: {exc}".strip()) from None

    def _one(self, sql: str, params: Any = None) -> tuple[Any, ...] | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"store {self.label} was opened read-only")

    def _db_version(self, fresh: bool = False) -> int:
        now = time.monotonic()
        if fresh or now - self._version_read > _VERSION_TTL:
            row = self._one("SELECT version FROM corpus_version")
            version = int(row[0]) if row else 0
            if version != self._version:
                self._facts.clear()  # another worker may have added facts
                self._version = version
            self._version_read = now
        return self._version

    @property
    def revision(self) -> int:
        return self._db_version() + self._local

    def _counts(self) -> tuple[int, int, int]:
        version = self._db_version()
        if self._stats is None or self._stats[0] != version:
            row = self._one("SELECT (SELECT count(*) FROM articles), (SELECT sentences FROM corpus_version),"
                            " (SELECT coalesce(sum(count), 0) FROM fact_sets)")
            assert row is not None
            self._stats = (version, int(row[0]), int(row[1]), int(row[2]))
        return self._stats[1], self._stats[2], self._stats[3]

    def sentence_stats(self) -> tuple[int, float]:
        """(stored sentences, their average length in characters), kept in the database at commit."""
        row = self._one("SELECT sentences, sentence_chars FROM corpus_version")
        n, chars = (int(row[0]), int(row[1])) if row else (0, 0)
        return n, (chars / n if n else 1.0)

    @property
    def persisted_count(self) -> int:
        return self._counts()[0]

    @property
    def index_dir(self) -> Path:
        return self._index_dir

    # ---- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._counts()[0] + len(self._staged)

    def article(self, article_id: str) -> Article | None:
        staged = self._staged.get(article_id)
        if staged is not None:
            return staged.article
        article = self._articles.get(article_id)
        if article is None:
            row = self._one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,))
            if row is None:
                return None
            article = self._articles[article_id] = _article(row)
        return article

    def articles(self) -> list[Article]:
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles "
                           "ORDER BY published DESC NULLS LAST, ingested_at DESC, seq")
        found = [_article(row) for row in rows]
        if self._staged:
            found += [s.article for s in list(self._staged.values())]
            found.sort(key=lambda a: (a.published or "", a.ingested_at), reverse=True)
        return found

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> str | None:
        if url:
            if url in self._staged_urls:
                return self._staged_urls[url]
            row = self._one("SELECT id FROM articles WHERE url = %s ORDER BY seq DESC LIMIT 1", (url,))
            if row:
                return str(row[0])
        if content_hash:
            if content_hash in self._staged_hashes:
                return self._staged_hashes[content_hash]
            row = self._one("SELECT id FROM articles WHERE content_hash = %s ORDER BY seq DESC LIMIT 1",
                            (content_hash,))
            if row:
                return str(row[0])
        return None

    def resolve_article_id(self, prefix: str) -> str | None:
        prefix = prefix.strip()
        if not prefix:
            return None
        if prefix in self._staged or self._one("SELECT 1 FROM articles WHERE id = %s", (prefix,)):
            return prefix
        if len(prefix) < 4:
            return None
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matches = [r[0] for r in self._query("SELECT id FROM articles WHERE id LIKE %s LIMIT 2", (escaped + "%",))]
        matches += [a for a in list(self._staged) if a.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def on_disk(self, article_id: str) -> bool:
        if article_id in self._staged:
            return False
        return self._one("SELECT 1 FROM articles WHERE id = %s", (article_id,)) is not None

    def _article_spans(self, article_id: str) -> list[tuple[int, int]]:
        staged = self._staged.get(article_id)
        if staged is not None:
            return staged.spans
        spans = self._spans.get(article_id)
        if spans is None:
            rows = self._query("SELECT start_at, end_at FROM sentences WHERE article_id = %s ORDER BY position",
                               (article_id,))
            spans = [(int(a), int(b)) for a, b in rows]
            if spans or self._one("SELECT 1 FROM articles WHERE id = %s", (article_id,)):
                self._spans[article_id] = spans
        return spans

    def sentence(self, sentence_id: str) -> Sentence | None:
        article_id, _, position = sentence_id.rpartition(":")
        if not position.isdigit():
            return None
        spans = self._article_spans(article_id)
        n = int(position)
        if not 1 <= n <= len(spans):
            return None
        article = self.article(article_id)
        if article is None:
            return None
        start, end = spans[n - 1]
        return Sentence(sentence_id, article_id, n, article.body[start:end], start, end)

    def sentences(self, article_id: str | None = None) -> list[Sentence]:
        if article_id is None:
            return list(self.iter_sentences())
        article = self.article(article_id)
        if article is None:
            return []
        return [Sentence(f"{article_id}:{n}", article_id, n, article.body[a:b], a, b)
                for n, (a, b) in enumerate(self._article_spans(article_id), start=1)]

    def iter_sentences(self) -> Iterator[Sentence]:
        """Every sentence, streamed from the database (a server-side cursor), then the staged ones."""
        try:
            with self.pool.connection() as conn, conn.transaction():
                with conn.cursor(name="tradebrief_sentences") as cursor:
                    cursor.itersize = 5000
                    cursor.execute("SELECT s.article_id, s.position, s.start_at, s.end_at, s.text FROM sentences s "
                                   "JOIN articles a ON a.id = s.article_id ORDER BY a.seq, s.position")
                    for article_id, position, start, end, text in cursor:
                        yield Sentence(f"{article_id}:{position}", article_id, position, text, start, end)
        except psycopg.OperationalError as exc:
            raise StoreError(f"database {self.label}: {exc}") from None
        for article_id in list(self._staged):
            yield from self.sentences(article_id)

    def sentence_count(self) -> int:
        return self._counts()[1] + sum(len(s.spans) for s in list(self._staged.values()))

    def sentence_counts(self) -> dict[str, int]:
        rows = self._query("SELECT a.id, count(s.position) FROM articles a LEFT JOIN sentences s "
                           "ON s.article_id = a.id GROUP BY a.id, a.seq ORDER BY a.seq")
        counts = {str(a): int(n) for a, n in rows}
        counts.update({a: len(s.spans) for a, s in list(self._staged.items())})
        return counts

    def sentence_ids(self) -> list[str]:
        return [f"{a}:{n}" for a, count in self.sentence_counts().items() for n in range(1, count + 1)]

    def sentence_texts(self, ids: Iterable[str]) -> list[str]:
        ids = list(ids)
        texts: list[str | None] = [None] * len(ids)
        wanted_articles: list[str] = []
        wanted_positions: list[int] = []
        wanted_at: list[int] = []
        for i, sentence_id in enumerate(ids):
            article_id, _, position = sentence_id.rpartition(":")
            staged = self._staged.get(article_id)
            if staged is not None:
                start, end = staged.spans[int(position) - 1]
                texts[i] = staged.article.body[start:end]
            else:
                wanted_articles.append(article_id)
                wanted_positions.append(int(position))
                wanted_at.append(i)
        for chunk in range(0, len(wanted_at), 50_000):
            part = slice(chunk, chunk + 50_000)
            rows = self._query(
                "SELECT q.o, s.text FROM unnest(%s::text[], %s::int[]) WITH ORDINALITY AS q(a, p, o) "
                "JOIN sentences s ON s.article_id = q.a AND s.position = q.p",
                (wanted_articles[part], wanted_positions[part]),
            )
            for ordinal, text in rows:
                texts[wanted_at[chunk + int(ordinal) - 1]] = text
        missing = [ids[i] for i, t in enumerate(texts) if t is None]
        if missing:
            raise StoreError(f"no sentence {missing[0]} in {self.label}")
        return texts  # type: ignore[return-value]

    def _fact_texts(self, article_id: str) -> list[str]:
        texts = [r[0] for r in self._query("SELECT facts FROM fact_sets WHERE article_id = %s ORDER BY seq",
                                           (article_id,))]
        staged = self._staged.get(article_id)
        if staged is not None:
            texts += [fs[3] for fs in staged.fact_sets]
        texts += [fs[3] for fs in list(self._extra_facts) if fs[0] == article_id]
        return texts

    def facts(self, article_id: str | None = None) -> list[Fact]:
        if article_id is None:
            found: list[Fact] = []
            for (text,) in self._query("SELECT facts FROM fact_sets ORDER BY seq"):
                found += [_fact(doc) for doc in orjson.loads(text)]
            for staged in list(self._staged.values()):
                found += [_fact(doc) for fs in staged.fact_sets for doc in orjson.loads(fs[3])]
            found += [_fact(doc) for fs in list(self._extra_facts) for doc in orjson.loads(fs[3])]
            return found
        self._db_version()  # clears the cache when another worker changed the corpus
        cached = self._facts.get(article_id)
        if cached is None:
            cached = [_fact(doc) for text in self._fact_texts(article_id) for doc in orjson.loads(text)]
            if article_id not in self._staged and not any(fs[0] == article_id for fs in self._extra_facts):
                self._facts[article_id] = cached
        return list(cached)

    def fact_json(self, article_id: str) -> list[str]:
        return self._fact_texts(article_id)

    def fact_count(self) -> int:
        staged = sum(fs[2] for s in list(self._staged.values()) for fs in s.fact_sets)
        return self._counts()[2] + staged + sum(fs[2] for fs in list(self._extra_facts))

    def overview(self) -> Overview:
        row = self._one("SELECT count(*), min(published), max(published) FROM articles")
        assert row is not None
        sources = {r[0] for r in self._query("SELECT DISTINCT source FROM articles WHERE source <> ''")}
        dates = [d for d in (row[1], row[2]) if d]
        staged = [s.article for s in list(self._staged.values())]
        sources |= {a.source for a in staged if a.source}
        dates += [a.published for a in staged if a.published]
        return Overview(articles=int(row[0]) + len(staged), first_date=min(dates) if dates else None,
                        last_date=max(dates) if dates else None, sources=tuple(sorted(sources)))

    # ---- writing -------------------------------------------------------------------------
    def add_article(self, article: Article, sentences: Iterable[Sentence], facts: Iterable[Fact] = ()) -> None:
        self._require_writable()
        with self._mutex:
            if article.id in self._staged or self.on_disk(article.id):
                raise StoreError(f"article {article.id} is already stored")
            sentences = list(sentences)
            for n, sentence in enumerate(sentences, start=1):
                if (sentence.id != f"{article.id}:{n}" or sentence.position != n
                        or article.body[sentence.start:sentence.end] != sentence.text):
                    raise StoreError(f"sentence {sentence.id} does not match article {article.id}")
            self._staged[article.id] = _Staged(article, [(s.start, s.end) for s in sentences], _fact_sets(facts))
            self._staged_hashes[article.content_hash] = article.id
            if article.url:
                self._staged_urls[article.url] = article.id
            self._local += 1

    def add_facts(self, facts: Iterable[Fact]) -> None:
        self._require_writable()
        with self._mutex:
            for fact_set in _fact_sets(facts):
                staged = self._staged.get(fact_set[0])
                if staged is not None:
                    staged.fact_sets.append(fact_set)
                else:
                    self._extra_facts.append(fact_set)
                self._facts.pop(fact_set[0])
            self._local += 1

    @property
    def dirty(self) -> bool:
        return bool(self._staged or self._extra_facts)

    def commit(self) -> None:
        """Write everything staged in one transaction (visible to every worker whole, or not at all)."""
        self._require_writable()
        with self._mutex:
            batch = list(self._staged.values())
            extra = list(self._extra_facts)
        if not batch and not extra:
            return
        try:
            with self.pool.connection() as conn, conn.transaction():
                inserted, sentences, chars = self._insert(conn, batch, extra)
                conn.execute("UPDATE corpus_version SET version = version + 1, sentences = sentences + %s, "
                             "sentence_chars = sentence_chars + %s", (sentences, chars))
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to the database {self.label}: {exc}".strip()) from None
        with self._mutex:
            for staged in batch:
                self._staged.pop(staged.article.id, None)
                self._staged_hashes.pop(staged.article.content_hash, None)
                if staged.article.url:
                    self._staged_urls.pop(staged.article.url, None)
            del self._extra_facts[:len(extra)]
        if len(inserted) < len(batch):
            log.info("%d article(s) were stored by another worker meanwhile", len(batch) - len(inserted))
        self._db_version(fresh=True)

    @staticmethod
    def _insert(conn: psycopg.Connection[Any], batch: list[_Staged],
                extra: list[tuple[str, str, int, str]]) -> tuple[set[str], int, int]:
        """Insert the batch; (ids inserted, their sentences, those sentences' characters). The
        articles are counted in the retrieval tables (lexeme frequencies, lexicon) in the same
        transaction, so what a worker searches is always what is stored."""
        inserted: set[str] = set()
        if batch:
            columns = list(zip(*[(a.id, a.title, a.source, a.url, a.published, a.ingested_at, a.content_hash,
                                  a.language, a.body, a.teaser) for a in (s.article for s in batch)]))
            rows = conn.execute(
                "INSERT INTO articles (id, title, source, url, published, ingested_at, content_hash, language, "
                "body, teaser, lexicon) SELECT *, true FROM unnest(%s::text[], %s::text[], %s::text[], "
                "%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                "ON CONFLICT (id) DO NOTHING RETURNING id",
                [list(c) for c in columns],
            ).fetchall()
            inserted = {r[0] for r in rows}
        fact_sets = list(extra)
        tally = _Tally()
        sentences = chars = 0
        with conn.cursor() as cursor:
            with cursor.copy("COPY sentences (article_id, position, start_at, end_at, text) FROM STDIN") as copy:
                for staged in batch:
                    article = staged.article
                    if article.id not in inserted:
                        continue
                    fact_sets += staged.fact_sets
                    tally.take(article.id, article.title, title=True)
                    for n, (start, end) in enumerate(staged.spans, start=1):
                        text = article.body[start:end]
                        copy.write_row((article.id, n, start, end, text))
                        tally.take(article.id, text)
                        sentences += 1
                        chars += end - start
            if fact_sets:
                with cursor.copy("COPY fact_sets (article_id, extractor, count, facts) FROM STDIN") as copy:
                    for row in fact_sets:
                        copy.write_row(row)
        if inserted:
            _count_lexemes(conn, sorted(inserted))
            _write_tally(conn, tally)
        return inserted, sentences, chars

    def tally_backlog(self, batch: int = 500) -> int:
        """Count articles stored before schema version 3 into the lexicon tables (a batch per
        transaction; workers doing it at once take different batches). Returns how many."""
        done = 0
        while True:
            try:
                with self.pool.connection() as conn, conn.transaction():
                    rows = conn.execute("SELECT id, title FROM articles WHERE NOT lexicon ORDER BY seq LIMIT %s "
                                        "FOR UPDATE SKIP LOCKED", (batch,)).fetchall()
                    if not rows:
                        return done
                    if not done:
                        log.info("counting the stored articles into the lexicon tables (once)")
                    ids = [r[0] for r in rows]
                    tally = _Tally()
                    for article_id, title in rows:
                        tally.take(article_id, title, title=True)
                    for article_id, text in conn.execute("SELECT article_id, text FROM sentences "
                                                         "WHERE article_id = ANY(%s)", (ids,)):
                        tally.take(article_id, text)
                    _write_tally(conn, tally)
                    conn.execute("UPDATE articles SET lexicon = true WHERE id = ANY(%s)", (ids,))
            except psycopg.Error as exc:
                raise StoreError(f"cannot write to the database {self.label}: {exc}".strip()) from None
            done += len(rows)

    def prefetch(self, article_ids: Iterable[str]) -> None:
        """Read the articles, sentence spans and facts of `article_ids` not cached yet, in three
        queries (the retriever's candidates: one round trip each, not one per candidate)."""
        self._db_version()
        wanted = [a for a in dict.fromkeys(article_ids) if a not in self._staged]
        missing = [a for a in wanted if self._articles.get(a) is None]
        if missing:
            for row in self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)", (missing,)):
                self._articles[row[0]] = _article(row)
        missing = [a for a in wanted if self._spans.get(a) is None]
        if missing:
            rows = self._query("SELECT article_id, array_agg(start_at ORDER BY position), "
                               "array_agg(end_at ORDER BY position) FROM sentences WHERE article_id = ANY(%s) "
                               "GROUP BY article_id", (missing,))
            for article_id, starts, ends in rows:
                self._spans[article_id] = list(zip(starts, ends))
        missing = [a for a in wanted if self._facts.get(a) is None
                   and not any(fs[0] == a for fs in self._extra_facts)]
        if missing:
            texts: dict[str, list[str]] = {a: [] for a in missing if self._articles.get(a) is not None}
            for article_id, text in self._query("SELECT article_id, facts FROM fact_sets WHERE article_id = ANY(%s) "
                                                "ORDER BY seq", (missing,)):
                texts.setdefault(article_id, []).append(text)
            for article_id, found in texts.items():
                self._facts[article_id] = [_fact(doc) for text in found for doc in orjson.loads(text)]

    def open_retriever(self) -> Any:
        """The retriever for this store: full-text candidates from the database, then the core's
        re-ranking (`bot.pg.retrieval.PgRetriever`)."""
        from .retrieval import PgRetriever

        return PgRetriever(self)

    async def commit_async(self) -> None:
        """Like `commit`, in a worker thread: the event loop goes on while the database writes."""
        if self.dirty:
            await asyncio.to_thread(self.commit)

    @contextmanager
    def batch(self) -> Iterator[PgStore]:
        try:
            yield self
        finally:
            self.commit()

    def close(self) -> None:
        try:
            if not self.readonly and self.dirty:
                self.commit()
        finally:
            self.pool.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- small tables: written through at once --------------------------------------------
    def _write(self, sql: str, params: Any) -> list[tuple[Any, ...]]:
        self._require_writable()
        try:
            with self.pool.connection() as conn:
                cursor = conn.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        except psycopg.OperationalError as exc:
            raise StoreError(f"database {self.label}: {exc}".strip()) from None

    def feeds(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._query("SELECT doc FROM feeds ORDER BY seq")]

    def feed(self, url: str) -> dict[str, Any] | None:
        row = self._one("SELECT doc FROM feeds WHERE url = %s", (url,))
        return dict(row[0]) if row else None

    def put_feed(self, doc: dict[str, Any]) -> None:
        self._write("INSERT INTO feeds (url, doc) VALUES (%s, %s) ON CONFLICT (url) DO UPDATE SET doc = excluded.doc",
                    (doc["url"], Jsonb(dict(doc))))

    def remove_feed(self, url: str) -> bool:
        return bool(self._write("DELETE FROM feeds WHERE url = %s RETURNING url", (url,)))

    def subscriptions(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._query("SELECT doc FROM subscriptions ORDER BY seq")]

    def subscription(self, sub_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT doc FROM subscriptions WHERE id = %s", (sub_id,))
        return dict(row[0]) if row else None

    def put_subscription(self, doc: dict[str, Any]) -> None:
        self._write("INSERT INTO subscriptions (id, doc) VALUES (%s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", (doc["id"], Jsonb(dict(doc))))

    def sent_record(self, key: str) -> dict[str, Any] | None:
        row = self._one("SELECT doc FROM digests_sent WHERE key = %s", (key,))
        return dict(row[0]) if row else None

    def put_sent_record(self, doc: dict[str, Any]) -> None:
        self._write("INSERT INTO digests_sent (key, day, status, doc) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET day = excluded.day, status = excluded.status, doc = excluded.doc",
                    (doc["key"], str(doc.get("date", "")), str(doc.get("status", "")), Jsonb(dict(doc))))

    def claim_sent_record(self, doc: dict[str, Any], retry_from: Iterable[str] = ("failed",)) -> bool:
        """Insert the record unless its key exists (or exists with a status in `retry_from`, which
        it replaces): True when this call claimed it. One statement on the key's unique
        constraint, so of several workers exactly one wins."""
        rows = self._write(
            "INSERT INTO digests_sent (key, day, status, doc) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET day = excluded.day, status = excluded.status, doc = excluded.doc "
            "WHERE digests_sent.status = ANY(%s) RETURNING key",
            (doc["key"], str(doc.get("date", "")), str(doc.get("status", "")), Jsonb(dict(doc)), list(retry_from)),
        )
        return bool(rows)

    def sent_records(self, status: str | None = None) -> list[dict[str, Any]]:
        if status is None:
            rows = self._query("SELECT doc FROM digests_sent ORDER BY seq")
        else:
            rows = self._query("SELECT doc FROM digests_sent WHERE status = %s ORDER BY seq", (status,))
        return [dict(r[0]) for r in rows]

    def prune_sent_records(self, before: str) -> int:
        return len(self._write("DELETE FROM digests_sent WHERE day < %s RETURNING key", (before,)))

    def counter(self, name: str) -> int:
        row = self._one("SELECT value FROM counters WHERE name = %s", (name,))
        return int(row[0]) if row else 0

    def bump_counter(self, name: str, by: int = 1) -> int:
        rows = self._write("INSERT INTO counters (name, value) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE "
                           "SET value = counters.value + excluded.value, updated_at = now() RETURNING value",
                           (name, by))
        if name.startswith("rate|"):
            self._rate_bumps += 1
            if self._rate_bumps % 1000 == 1:  # rate-limit windows are per minute: old ones go
                self._write("DELETE FROM counters WHERE name LIKE 'rate|%%' "
                            "AND updated_at < now() - interval '10 minutes'", None)
        return int(rows[0][0])
