"""Retrieval in PostgreSQL: the database finds the candidates, the core re-ranks them.

A worker on PostgreSQL holds no index of the corpus. For a question, the stemmed query words
(`Retriever.query_words`, the same as on the embedded store) are looked up in `lexeme_df` (each
lexeme's document frequency, kept at commit) and one SQL statement scores the sentences holding
any of them through the GIN index on `sentences.tsv`: per sentence, the sum of its terms' IDF
times BM25's length factor (k1 1.5, b 0.75, term frequency taken as one; sentence length in
characters). The best `CANDIDATES` go to `Retriever.search`, whose re-ranking (coverage, parties,
fact types, figures) is the one the embedded store uses. The work per question is bounded the way
MaxScore bounds it: the rarest terms are searched through the index until their sentences would
pass `ROW_BUDGET` (20,000; always at least one term), and the commoner terms only add their weight
to the best of those sentences. Below the budget (a corpus of some thousands of articles, or a
question of rare words) the scores are exact; above it, a sentence holding only common words of
the question is not a candidate, which BM25 would rank low anyway.

Names and words (`bot/entities.py`'s lexicon, which the question reading, focus and spelling use)
come from the lexicon tables, looked up per key with bounded caches: the word counts and, per name
key, its articles, forms and how often it is seen inside a sentence. Whether a key is a name is
decided when asked, by `entities.keeps_name`, on the counts the tables hold then. The speller lists
the words seen twice or more and the name keys, once per corpus version and only when a question
has a word the store lacks: those lists grow with the corpus's vocabulary, not with its articles.

Articles staged and not yet committed are not searched (the embedded store's retriever sees them):
on PostgreSQL a question finds what is committed, which is what every other worker finds too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..caching import BoundedCache
from ..entities import Lexicon, keeps_name, written_lower
from ..retrieval import Retriever

if TYPE_CHECKING:
    from .store import PgStore

__all__ = ["PgLexicon", "PgRetriever"]

_K1, _B = 1.5, 0.75  # bm25s's defaults


class _Display(Mapping[str, str]):
    """name key -> the name as most often written (only for keys that are names)."""

    def __init__(self, lexicon: PgLexicon) -> None:
        self.lexicon = lexicon

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.lexicon.is_name(key)

    def __getitem__(self, key: str) -> str:
        if not self.lexicon.is_name(key):
            raise KeyError(key)
        shown = self.lexicon._display.get(key)
        if shown is None:
            row = self.lexicon.store._one("SELECT form FROM lexicon_name_forms WHERE key = %s "
                                          "ORDER BY n DESC, form LIMIT 1", (key,))
            shown = self.lexicon._display[key] = row[0] if row else key
        return shown

    def __iter__(self) -> Iterator[str]:
        return iter(self.lexicon.name_keys())

    def __len__(self) -> int:
        return len(self.lexicon.name_keys())


class _Names(Mapping[str, list[str]]):
    """name key -> its article ids; looked up per key, listed only when asked to."""

    def __init__(self, lexicon: PgLexicon) -> None:
        self.lexicon = lexicon

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.lexicon.is_name(key)

    def __getitem__(self, key: str) -> list[str]:
        if not self.lexicon.is_name(key):
            raise KeyError(key)
        return self.lexicon.articles_of(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.lexicon.name_keys())

    def __len__(self) -> int:
        return len(self.lexicon.name_keys())


class _Words(Mapping[str, list[int]]):
    """word -> [occurrences, occurrences in lower case]; `items()` lists the spelling vocabulary's
    candidates: the words seen at least twice (it grows with the language of the corpus, not its size),
    and those seen once in lower case or as a name (the speller keeps the English ones and longer names)."""

    def __init__(self, lexicon: PgLexicon) -> None:
        self.lexicon = lexicon

    def __getitem__(self, word: str) -> list[int]:
        total, lower = self.lexicon.word_counts(word)
        if not total:
            raise KeyError(word)
        return [total, lower]

    def __iter__(self) -> Iterator[str]:
        return (word for word, _ in self.items())

    def items(self):  # type: ignore[override]
        rows = self.lexicon.store._query(
            "SELECT word, total, lower FROM lexicon_words WHERE total >= 2 OR lower = total "
            "OR word IN (SELECT key FROM lexicon_names WHERE words = 1)")
        return [(word, [int(total), int(lower)]) for word, total, lower in rows]

    def __len__(self) -> int:
        row = self.lexicon.store._one("SELECT count(*) FROM lexicon_words")
        return int(row[0]) if row else 0


class PgLexicon(Lexicon):
    """The lexicon of a PostgreSQL store, read from its tables as keys are asked about. One
    instance per corpus version (the retriever makes a new one when the corpus changes)."""

    def __init__(self, store: PgStore) -> None:  # no super().__init__: nothing is held
        self.store = store
        self._words: BoundedCache[str, tuple[int, int]] = BoundedCache(50_000)
        self._names: BoundedCache[str, bool] = BoundedCache(50_000)
        self._articles: BoundedCache[str, list[str]] = BoundedCache(1_000)
        self._display: BoundedCache[str, str] = BoundedCache(10_000)
        self._all_names: list[str] | None = None
        self.display = _Display(self)  # type: ignore[assignment]
        self.words = _Words(self)  # type: ignore[assignment]
        row = store._one("SELECT coalesce(max(words), 1) FROM lexicon_names")
        self.max_name_words = int(row[0]) if row else 1

    @property
    def names(self) -> Mapping[str, list[str]]:  # type: ignore[override]
        return _Names(self)

    def name_keys(self) -> list[str]:
        """Every name key (what listing `names` gives): read once per corpus version, when the
        speller first needs whole names, with the counts of the words they are made of."""
        if self._all_names is None:
            rows = self.store._query("SELECT key, inner_count FROM lexicon_names")
            counts = {w: (int(t), int(lo)) for w, t, lo in self.store._query(
                "SELECT word, total, lower FROM lexicon_words WHERE word IN "
                "(SELECT DISTINCT unnest(string_to_array(key, ' ')) FROM lexicon_names)")}
            self._all_names = [key for key, inner in rows
                               if keeps_name(key, int(inner), lambda w: counts.get(w, (0, 0))[0],
                                             lambda w: counts.get(w, (0, 0))[1])]
        return self._all_names

    def word_counts(self, word: str) -> tuple[int, int]:
        found = self._words.get(word)
        if found is None:
            row = self.store._one("SELECT total, lower FROM lexicon_words WHERE word = %s", (word,))
            found = self._words[word] = (int(row[0]), int(row[1])) if row else (0, 0)
        return found

    def is_name(self, key: str) -> bool:
        found = self._names.get(key)
        if found is None:
            row = self.store._one("SELECT inner_count FROM lexicon_names WHERE key = %s", (key,))
            found = self._names[key] = row is not None and keeps_name(key, int(row[0]), self.count, self.lower_count)
        return found

    def articles_of(self, key: str) -> list[str]:
        if not self.is_name(key):
            return []
        found = self._articles.get(key)
        if found is None:
            rows = self.store._query("SELECT article_id FROM lexicon_name_articles WHERE key = %s "
                                     "ORDER BY article_id", (key,))
            found = self._articles[key] = [r[0] for r in rows]
        return found

    def count(self, word: str) -> int:
        return self.word_counts(word)[0]

    def lower_count(self, word: str) -> int:
        return self.word_counts(word)[1]

    def mostly_lower(self, word: str) -> bool:
        return written_lower(*self.word_counts(word))


class PgRetriever(Retriever):
    """`Retriever` whose candidates, document frequencies and lexicon come from the database."""

    CANDIDATES = 150
    ROW_BUDGET = 20_000  # sentences the index may give for one question's searched terms, in all

    def __init__(self, store: PgStore) -> None:
        super().__init__(store, index_dir=store.index_dir)  # nothing is written there
        self.pg = store
        self._lexicon: PgLexicon | None = None
        self._df: dict[str, int] = {}
        self._stats: tuple[int, float] = (0, 1.0)
        self._profiles = BoundedCache(4_000)  # a worker's caches stay small: the database has the rest
        self._stem_cache = BoundedCache(20_000)

    # ---- keeping up with the database: a version read, nothing to build ------------------------
    def warm(self) -> None:
        self._ensure()

    def refresh(self) -> None:
        self._ensure()

    async def refresh_async(self) -> None:
        self._ensure()

    def _ensure(self) -> None:
        revision = self.store.revision
        if revision == self._seen_revision and self._lexicon is not None:
            return
        with self._lock:
            self._profiles.clear()  # facts may have been added by another worker
            self._df = {}
            self._stats = self.pg.sentence_stats()
            self._lexicon = PgLexicon(self.pg)
            self._seen_revision = revision

    @property
    def lexicons(self) -> list[Lexicon]:
        self._ensure()
        assert self._lexicon is not None
        return [self._lexicon]

    # ---- scoring in the database ---------------------------------------------------------------
    def _doc_freqs(self, words: Sequence[str]) -> dict[str, int]:
        missing = [w for w in dict.fromkeys(words) if w not in self._df]
        if missing:
            found = dict(self.pg._query("SELECT lexeme, df FROM lexeme_df WHERE lexeme = ANY(%s)", (missing,)))
            self._df.update({w: int(found.get(w, 0)) for w in missing})
        return self._df

    def stem_df(self, stem: str) -> int:
        return self._doc_freqs([stem])[stem]

    def idf(self, word: str) -> float:
        n = max(self._stats[0], 1)
        df = self._doc_freqs([word])[word]
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def candidates(self, search_words: Sequence[str]) -> list[tuple[str, float]]:
        n, average = self._stats
        dfs = self._doc_freqs(search_words)
        terms = [w for w in dict.fromkeys(search_words) if dfs.get(w)]
        if not terms:
            return []
        # MaxScore-like: the rarest terms are searched through the index, up to ROW_BUDGET matching
        # rows in all (at least one term); the commoner ones only add to those sentences' scores.
        searched: list[str] = []
        rows = 0
        for word in sorted(terms, key=lambda w: (dfs[w], w)):
            if searched and rows + dfs[word] > self.ROW_BUDGET:
                break
            searched.append(word)
            rows += dfs[word]
        common = [w for w in terms if w not in searched]
        params: dict[str, object] = {"average": max(average, 1.0), "k": self.CANDIDATES, "pre": self.CANDIDATES * 10}
        branches = []
        for i, word in enumerate(searched):
            branches.append(f"SELECT article_id, position, end_at - start_at AS len, %(w{i})s::float8 AS w "
                            f"FROM sentences WHERE tsv @@ %(q{i})s::tsquery")
            params[f"w{i}"], params[f"q{i}"] = self.idf(word), _lexeme_query(word)
        matched = (f"SELECT article_id, position, max(len) AS len, sum(w) AS w FROM ({' UNION ALL '.join(branches)}) t "
                   "GROUP BY article_id, position")
        length = f"{1 + _K1} / (1 + {_K1} * ({1 - _B} + {_B} * m.len / %(average)s::float8))"
        if common:
            extra = []
            for i, word in enumerate(common):
                extra.append(f"CASE WHEN s.tsv @@ %(cq{i})s::tsquery THEN %(cw{i})s::float8 ELSE 0 END")
                params[f"cq{i}"], params[f"cw{i}"] = _lexeme_query(word), self.idf(word)
            sql = (f"SELECT m.article_id, m.position, (m.w + {' + '.join(extra)}) * {length} AS score "
                   f"FROM ({matched} ORDER BY w DESC LIMIT %(pre)s) m JOIN sentences s USING (article_id, position) ")
        else:
            sql = f"SELECT m.article_id, m.position, m.w * {length} AS score FROM ({matched}) m "
        sql += "ORDER BY score DESC, m.article_id, m.position LIMIT %(k)s"
        rows = self.pg._query(sql, params)
        self.pg.prefetch(r[0] for r in rows)
        return [(f"{article_id}:{position}", float(score)) for article_id, position, score in rows]


    def article_words(self, article_ids: Iterable[str], words: Sequence[str]) -> dict[str, int]:
        ids = list(dict.fromkeys(article_ids))
        found = dict.fromkeys(ids, 0)
        if ids and words:
            rows = self.pg._query(
                "SELECT DISTINCT s.article_id, lexeme FROM sentences s "
                "CROSS JOIN LATERAL unnest(tsvector_to_array(s.tsv)) AS lexeme "
                "WHERE s.article_id = ANY(%s) AND lexeme = ANY(%s)", (ids, list(words)))
            bit = {w: 1 << j for j, w in enumerate(words)}
            for article_id, lexeme in rows:
                found[article_id] |= bit[lexeme]
        return found


def _lexeme_query(word: str) -> str:
    """A one-lexeme tsquery (the word is already stemmed like the stored `tsvector`)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
