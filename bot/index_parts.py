"""The search index in parts that follow the store's segments.

Each part indexes the sentences of one group of articles: a sealed segment of the TinyDB store
(built once, never rebuilt: a sealed segment never changes), or a slice of the open segment (a
few hundred articles; only the slice an article was added to is built again). A part is cached
beside the store (`<db>.index/parts/<key>/`) as plain numpy arrays, memory-mapped when loaded, so a
process holds in memory only the pages its questions touch.

A part keeps raw counts, not scores, so the parts together score exactly as one index built over
every sentence at once:
- BM25 (bm25s's "lucene" variant, which the index used before): each part keeps the term
  frequencies of its sentences (a sparse column per stem), their lengths and its document
  frequencies; a question's scores use the document frequencies and average length of all parts,
  computed the way bm25s computes them (same float32/float64 steps), so the figures are the same.
- names (bot.entities): each part keeps the raw name and word counts of its articles; whether a
  capitalised run is a name is decided on the counts of all parts (`MergedLexicon`).

Look-ups into a part go through sorted 64-bit hashes (`np.searchsorted`) of its stems, words and
names, so loading a part reads no vocabulary into Python objects.
"""

from __future__ import annotations

import hashlib
import logging
import math
import mmap
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import Stemmer
from bm25s.tokenization import Tokenizer

from .entities import collect_names, keeps_name, written_lower

__all__ = ["Bm25Part", "MergedLexicon", "PartedIndex", "part_key"]

log = logging.getLogger(__name__)

PART_FORMAT = "tradebrief-part-v8"  # v3: persons named after a title are names too; v4: "eBay" is a name;
# v5: a portfolio before "minister" ("German Economy minister") is no part of a name; v6: a name without its legal form
# ("RetailMetrics LLC" is RetailMetrics too); v7: "Flight International's Mr Learmount" is two names; v8: so is
# "India's United Breweries" (a country owning a name)
K1, B = 1.5, 0.75  # bm25s.BM25()'s defaults, as the index used them
_STEMMER = Stemmer.Stemmer("english")
_MASK = (1 << 64) - 1


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def part_key(prefix: str, article_ids: Sequence[str]) -> str:
    """A part's cache name: what it covers (a segment, a slice of the open one) and its articles."""
    digest = hashlib.sha1(PART_FORMAT.encode())
    for article_id in article_ids:
        digest.update(article_id.encode() + b"\n")
    return f"{prefix}-{digest.hexdigest()[:20]}"


class _Table:
    """A read-only map from strings to rows: sorted 64-bit hashes and the row of each."""

    def __init__(self, hashes: np.ndarray, rows: np.ndarray) -> None:
        self.hashes, self.rows = hashes, rows

    @classmethod
    def build(cls, keys: Sequence[str]) -> _Table:
        hashed = np.fromiter((_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        order = np.argsort(hashed, kind="stable")
        return cls(hashed[order], order.astype(np.int32))

    def row(self, hashed: np.uint64) -> int:
        """The row of the key whose hash (`_hash`) is `hashed`, or -1."""
        hashes = self.hashes
        i = int(hashes.searchsorted(hashed))
        if i < len(hashes) and hashes[i] == hashed:
            return int(self.rows[i])
        return -1

    def rows_of(self, hashed: np.ndarray) -> np.ndarray:
        """The rows of several hashed keys at once (-1 where absent)."""
        hashes = self.hashes
        if not len(hashes):
            return np.full(len(hashed), -1, dtype=np.int64)
        at = np.minimum(hashes.searchsorted(hashed), len(hashes) - 1)
        return np.where(hashes[at] == hashed, self.rows[at], -1).astype(np.int64)


def hashed(key: str) -> np.uint64:
    return np.uint64(_hash(key))


class Bm25Part:
    """The index of one group of articles: term frequencies for BM25 and raw name/word counts."""

    def __init__(self, key: str, articles: list[str], counts: np.ndarray, *, stems: _Table, indptr: np.ndarray,
                 indices: np.ndarray, tf: np.ndarray, lengths: np.ndarray, words: _Table, word_counts: np.ndarray,
                 names: _Table, name_offsets: np.ndarray, name_blob: Any, max_name_words: int,
                 directory: Path | None = None) -> None:
        self.key = key
        self.articles = articles
        self.counts = counts  # sentences per article
        self.starts = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        self.n_docs = int(self.starts[-1])
        self.stems, self.indptr, self.indices, self.tf, self.lengths = stems, indptr, indices, tf, lengths
        self.total_length = int(np.asarray(lengths, dtype=np.int64).sum()) if self.n_docs else 0
        self.words, self.word_counts = words, word_counts  # word_counts[row] = (occurrences, in lower case)
        self.names, self.name_offsets, self.name_blob = names, name_offsets, name_blob
        self.max_name_words = max_name_words
        self.directory = directory
        self._word_list: dict[str, list[int]] | None = None
        self._name_list: dict[str, int] | None = None

    # ---- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, key: str, articles: list[str], counts: list[int], texts: list[str],
              titles: dict[str, str]) -> Bm25Part:
        """From the articles' sentence counts, the sentences' texts (in article order) and titles."""
        counts_array = np.asarray(counts, dtype=np.int32)
        if texts:
            tokenizer = Tokenizer(stemmer=_STEMMER, stopwords="en")
            ids, vocab = tokenizer.tokenize(texts, return_as="tuple", show_progress=False)
            lengths = np.fromiter((len(doc) for doc in ids), dtype=np.int32, count=len(ids))
            doc_of = np.repeat(np.arange(len(ids), dtype=np.int32), lengths)
            flat = np.fromiter((t for doc in ids for t in doc), dtype=np.int64, count=int(lengths.sum()))
            # (stem, document) pairs with their counts, grouped by stem: a CSC matrix of term frequencies
            pairs, tf = np.unique(flat * len(ids) + doc_of, return_counts=True)
            columns, indices = np.divmod(pairs, len(ids))
            indptr = np.searchsorted(columns, np.arange(len(vocab) + 1)).astype(np.int64)
            by_column = sorted(vocab, key=vocab.__getitem__)
            stems = _Table.build(by_column)
            indices = indices.astype(np.int32)
            tf = tf.astype(np.float32)
        else:
            lengths = np.zeros(0, dtype=np.int32)
            indptr = np.zeros(1, dtype=np.int64)
            indices = np.zeros(0, dtype=np.int32)
            tf = np.zeros(0, dtype=np.float32)
            stems = _Table.build([])
        sentence_ids = (f"{a}:{n}" for a, c in zip(articles, counts, strict=True) for n in range(1, c + 1))
        counts_of, lower, seen, inner, forms = collect_names(zip(sentence_ids, texts), titles)
        word_keys = list(counts_of)
        words = _Table.build(word_keys)
        word_counts = np.array([[counts_of[w], lower[w]] for w in word_keys], dtype=np.int64).reshape(-1, 2)
        name_keys = list(seen)
        names = _Table.build(name_keys)
        blobs = [orjson.dumps([k, inner[k], list(forms[k].items()), sorted(seen[k])]) for k in name_keys]
        offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in blobs], out=offsets[1:])
        part = cls(key, list(articles), counts_array, stems=stems, indptr=indptr, indices=indices, tf=tf,
                   lengths=lengths, words=words, word_counts=word_counts, names=names, name_offsets=offsets,
                   name_blob=b"".join(blobs), max_name_words=max((k.count(" ") + 1 for k in name_keys), default=1))
        part._word_list = {w: [counts_of[w], lower[w]] for w in word_keys}
        part._name_list = {k: inner[k] for k in name_keys}
        return part

    # ---- persistence -----------------------------------------------------------------------------
    def save(self, parts_dir: Path) -> None:
        """Write to a temporary directory, then rename it into place: a crash leaves no half part."""
        target = parts_dir / self.key
        tmp = parts_dir / f".tmp-{self.key}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir(parents=True)
            # every array in one file, 8-byte aligned, mapped once when loaded
            layout: dict[str, list[Any]] = {}
            position = 0
            with open(tmp / "arrays.bin", "wb") as out:
                for name, array in self._arrays().items():
                    array = np.ascontiguousarray(array)
                    pad = -position % 8
                    out.write(b"\0" * pad)
                    position += pad
                    layout[name] = [array.dtype.str, position, list(array.shape)]
                    out.write(array.tobytes())
                    position += array.nbytes
            (tmp / "words.json").write_bytes(orjson.dumps(self.word_list()))
            (tmp / "names.json").write_bytes(orjson.dumps(self.name_list()))
            # the meta file last: a part without it is not a part
            (tmp / "meta.json").write_bytes(orjson.dumps({
                "format": PART_FORMAT, "key": self.key, "arrays": layout, "articles": self.articles,
                "counts": [int(c) for c in self.counts], "max_name_words": self.max_name_words}))
            try:
                tmp.rename(target)
            except OSError:
                if not (target / "meta.json").exists():
                    raise
                shutil.rmtree(tmp, ignore_errors=True)  # another process saved the same part first
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, parts_dir: Path, key: str) -> Bm25Part | None:
        directory = parts_dir / key
        try:
            meta = orjson.loads((directory / "meta.json").read_bytes())
        except (OSError, ValueError):
            return None
        if meta.get("format") != PART_FORMAT or meta.get("key") != key:
            return None
        try:
            arrays: dict[str, np.ndarray] = {}
            with open(directory / "arrays.bin", "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            for name, (dtype, offset, shape) in meta["arrays"].items():
                count = math.prod(shape)
                arrays[name] = (np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=offset).reshape(shape)
                                if count else np.zeros(shape, dtype=np.dtype(dtype)))
            return cls(key, meta["articles"], np.asarray(meta["counts"], dtype=np.int32),
                       stems=_Table(arrays["stems.h"], arrays["stems.r"]), indptr=arrays["indptr"],
                       indices=arrays["indices"], tf=arrays["tf"], lengths=arrays["lengths"],
                       words=_Table(arrays["words.h"], arrays["words.r"]), word_counts=arrays["word_counts"],
                       names=_Table(arrays["names.h"], arrays["names.r"]), name_offsets=arrays["name_offsets"],
                       name_blob=arrays["name_blob"], max_name_words=int(meta["max_name_words"]),
                       directory=directory)
        except (OSError, ValueError, KeyError) as exc:
            log.info("index part %s not usable (%s); rebuilding it", directory, exc)
            return None

    def _arrays(self) -> dict[str, np.ndarray]:
        blob = self.name_blob
        return {"stems.h": self.stems.hashes, "stems.r": self.stems.rows, "words.h": self.words.hashes,
                "words.r": self.words.rows, "names.h": self.names.hashes, "names.r": self.names.rows,
                "indptr": self.indptr, "indices": self.indices, "tf": self.tf, "lengths": self.lengths,
                "word_counts": self.word_counts, "name_offsets": self.name_offsets,
                "name_blob": np.frombuffer(blob, dtype=np.uint8) if isinstance(blob, bytes) else np.asarray(blob)}

    # ---- reading ---------------------------------------------------------------------------------
    def column(self, stem: str) -> int:
        return self.stems.row(hashed(stem))

    def df(self, column: int) -> int:
        return int(self.indptr[column + 1] - self.indptr[column]) if column >= 0 else 0

    def sentence_id(self, doc: int) -> str:
        article = int(self.starts.searchsorted(doc, side="right")) - 1
        return f"{self.articles[article]}:{doc - int(self.starts[article]) + 1}"

    def word(self, word: np.uint64) -> tuple[int, int]:
        """[occurrences, occurrences in lower case] of a word, by its hash."""
        row = self.words.row(word)
        if row < 0:
            return 0, 0
        count, lower = self.word_counts[row]
        return int(count), int(lower)

    def name(self, key: str, key_hash: np.uint64) -> tuple[int, list[list[Any]], list[str]] | None:
        """(times seen away from a sentence start, [form, count] pairs, article ids) of a name key."""
        row = self.names.row(key_hash)
        if row < 0:
            return None
        start, end = int(self.name_offsets[row]), int(self.name_offsets[row + 1])
        found, inner, forms, articles = orjson.loads(bytes(self.name_blob[start:end]))
        return (inner, forms, articles) if found == key else None

    def _listed(self, name: str) -> Any:
        try:
            return orjson.loads((self.directory / name).read_bytes()) if self.directory else {}
        except (OSError, ValueError):
            return {}

    def word_list(self) -> dict[str, list[int]]:
        """Every word of the part with [occurrences, occurrences in lower case] (typo correction);
        read from the part's files each time (the merged list is what is kept)."""
        return self._word_list if self._word_list is not None else self._listed("words.json")

    def name_list(self) -> dict[str, int]:
        """Every capitalised run (name key) of the part with the times it was seen away from a
        sentence start (listing the store's names, for typo correction); read each time."""
        return self._name_list if self._name_list is not None else self._listed("names.json")


class _Ids(Sequence[str]):
    """Every sentence id of a parted index, in order, computed when asked for."""

    def __init__(self, index: PartedIndex) -> None:
        self.index = index

    def __len__(self) -> int:
        return self.index.n_docs

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.index.sentence_id(i)

    def __iter__(self) -> Iterator[str]:
        for part in self.index.parts:
            for article, count in zip(part.articles, part.counts, strict=True):
                for n in range(1, int(count) + 1):
                    yield f"{article}:{n}"


class PartedIndex:
    """The parts together: BM25 scores over every sentence with the statistics of all parts."""

    def __init__(self, parts: list[Bm25Part]) -> None:
        self.parts = parts
        self.offsets = np.cumsum([0] + [p.n_docs for p in parts], dtype=np.int64)
        self.n_docs = int(self.offsets[-1])
        total = sum(p.total_length for p in parts)
        # as numpy's mean of the lengths: their (exact) sum over their number, in float64
        self.avg_length = np.float64(total) / np.float64(self.n_docs) if self.n_docs else np.float64(1.0)
        self.ids = _Ids(self)
        self.lexicon = MergedLexicon(parts)
        self._df: dict[str, int] = {}
        self._where: dict[str, tuple[int, int]] | None = None

    def df(self, stem: str) -> int:
        """In how many sentences of all parts `stem` occurs."""
        found = self._df.get(stem)
        if found is None:
            h = hashed(stem)
            found = self._df[stem] = sum(p.df(p.stems.row(h)) for p in self.parts)
        return found

    def article_words(self, article_ids: Iterable[str], words: Sequence[str]) -> dict[str, int]:
        """Which of `words` (stems) occur anywhere in each article's sentences, as a bit mask (bit j:
        words[j]): per part, two binary searches per word in its sorted postings, for all the asked
        articles of the part at once."""
        if self._where is None:
            self._where = {a: (p, i) for p, part in enumerate(self.parts) for i, a in enumerate(part.articles)}
        found: dict[str, int] = {}
        by_part: dict[int, dict[str, int]] = {}
        for article_id in article_ids:
            if article_id not in found:
                found[article_id] = 0
                at = self._where.get(article_id)
                if at is not None:
                    by_part.setdefault(at[0], {})[article_id] = at[1]
        if not by_part or not words:
            return found
        hashes = np.array([hashed(w) for w in words], dtype=np.uint64)
        for p, items in by_part.items():
            part = self.parts[p]
            rows = np.fromiter(items.values(), dtype=np.int64, count=len(items))
            bounds = np.stack((part.starts[rows], part.starts[rows + 1]), axis=1).ravel()  # start, end, start, …
            masks = np.zeros(len(rows), dtype=np.int64)
            indptr, indices = part.indptr, part.indices
            for bit, column in enumerate(part.stems.rows_of(hashes).tolist()):
                if column >= 0:
                    at = indices[indptr[column]:indptr[column + 1]].searchsorted(bounds)
                    masks |= (at[1::2] > at[::2]) * (1 << bit)
            found.update(zip(items, masks.tolist()))
        return found

    def sentence_id(self, i: int) -> str:
        n = int(self.offsets.searchsorted(i, side="right")) - 1
        return self.parts[n].sentence_id(i - int(self.offsets[n]))

    def sentence_ids(self, docs: np.ndarray) -> list[str]:
        """`sentence_id` of several documents at once, in their order (two binary searches for all)."""
        docs = np.asarray(docs, dtype=np.int64)
        which = self.offsets.searchsorted(docs, side="right") - 1
        found: list[str] = [""] * len(docs)
        for n in np.unique(which).tolist():
            at = np.flatnonzero(which == n)
            part = self.parts[n]
            local = docs[at] - self.offsets[n]
            article = part.starts.searchsorted(local, side="right") - 1
            positions = (local - part.starts[article] + 1).tolist()
            names = part.articles
            for i, a, position in zip(at.tolist(), article.tolist(), positions, strict=True):
                found[i] = f"{names[a]}:{position}"
        return found

    def scores(self, words: Sequence[str]) -> np.ndarray:
        """BM25 score of every sentence for the (already stemmed) query words, as bm25s scores
        them over one index of all sentences: idf from all parts' document frequencies, length
        normalised by the average of all parts, float32 sums in query order."""
        scores = np.zeros(self.n_docs, dtype=np.float32)
        if not self.n_docs:
            return scores
        n_docs, avg = self.n_docs, self.avg_length
        idf: dict[str, np.float32] = {}
        for word in dict.fromkeys(words):
            df = self.df(word)
            if df:
                idf[word] = np.float32(math.log(1 + (n_docs - df + 0.5) / (df + 0.5)))
        known = [w for w in words if w in idf]  # in the query's order, as bm25s adds them up
        if not known:
            return scores
        weights = np.array([idf[w] for w in known], dtype=np.float32).astype(np.float64)
        known_hashes = np.array([hashed(w) for w in known], dtype=np.uint64)
        for part, offset in zip(self.parts, self.offsets, strict=False):
            columns = part.stems.rows_of(known_hashes)
            present = columns >= 0
            if not present.any():
                continue
            columns = columns[present]
            starts, ends = part.indptr[columns], part.indptr[columns + 1]
            sizes = ends - starts
            # the postings of every query stem, one after another in query order
            at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
            docs = part.indices[at]
            tf = part.tf[at].astype(np.float64)
            length = part.lengths[docs].astype(np.float64)
            # bm25s: tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), times idf, stored as float32
            tfc = tf / (K1 * ((1 - B) + B * length / avg) + tf)
            contribution = (np.repeat(weights[present], sizes) * tfc).astype(np.float32)
            # added in order (np.add.at is unbuffered): each sentence sums its stems in query order
            np.add.at(scores, docs + int(offset), contribution)
        return scores


class _Display(Mapping[str, str]):
    def __init__(self, lexicon: MergedLexicon) -> None:
        self.lexicon = lexicon

    def __getitem__(self, key: str) -> str:
        entry = self.lexicon._entry(key)
        if entry is None:
            raise KeyError(key)
        return entry[1]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.lexicon.is_name(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.lexicon._all_names())

    def __len__(self) -> int:
        return len(self.lexicon._all_names())


class _Names(_Display):
    def __getitem__(self, key: str) -> list[str]:  # type: ignore[override]
        entry = self.lexicon._entry(key)
        if entry is None:
            raise KeyError(key)
        return entry[2]


class _Words(Mapping[str, list[int]]):
    def __init__(self, lexicon: MergedLexicon) -> None:
        self.lexicon = lexicon

    def _all(self) -> dict[str, list[int]]:
        return self.lexicon._merged_words()

    def __getitem__(self, word: str) -> list[int]:
        count, lower = self.lexicon._word(word)
        if not count:
            raise KeyError(word)
        return [count, lower]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.lexicon._word(word)[0] > 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def items(self):  # type: ignore[no-untyped-def,override]
        return self._all().items()


class MergedLexicon:
    """The names and words of all parts, as `bot.entities.Lexicon` built over all of them at once
    would have them: counts are summed over the parts before a capitalised run is judged a name.
    Looked up per key (and remembered), never loaded whole, except the word list for typo
    correction, which is merged when first asked for."""

    def __init__(self, parts: Sequence[Bm25Part]) -> None:
        self.parts = list(parts)
        self.max_name_words = max((p.max_name_words for p in self.parts), default=1)
        self.display: Mapping[str, str] = _Display(self)
        self.names: Mapping[str, list[str]] = _Names(self)
        self.words: Mapping[str, list[int]] = _Words(self)
        self._words: dict[str, tuple[int, int]] = {}
        self._entries: dict[str, tuple[bool, str, list[str]] | None] = {}
        self._all_words: dict[str, list[int]] | None = None
        self._names_listed: list[str] | None = None

    def _all_names(self) -> list[str]:
        """Every name key kept as a name (merged once, when first listed: typo correction of names)."""
        if self._names_listed is None:
            inner: dict[str, int] = {}
            for part in self.parts:
                for key, n in part.name_list().items():
                    inner[key] = inner.get(key, 0) + n
            words = self._merged_words()
            zero = (0, 0)

            def count(w: str) -> int:
                return words.get(w, zero)[0]

            def lower(w: str) -> int:
                return words.get(w, zero)[1]

            self._names_listed = [key for key, n in inner.items() if keeps_name(key, n, count, lower)]
        return self._names_listed

    def _merged_words(self) -> dict[str, list[int]]:
        """Every word of every part with its summed counts (merged once, when first listed)."""
        if self._all_words is None:
            merged: dict[str, list[int]] = {}
            for part in self.parts:
                for word, (count, lower) in part.word_list().items():
                    entry = merged.get(word)
                    if entry is None:
                        merged[word] = [count, lower]
                    else:
                        entry[0] += count
                        entry[1] += lower
            self._all_words = merged
        return self._all_words

    def _word(self, word: str) -> tuple[int, int]:
        if self._all_words is not None:
            entry = self._all_words.get(word)
            return (entry[0], entry[1]) if entry else (0, 0)
        found = self._words.get(word)
        if found is None:
            count = lower = 0
            word_hash = hashed(word)
            for part in self.parts:
                c, lo = part.word(word_hash)
                count += c
                lower += lo
            found = self._words[word] = (count, lower)
            if len(self._words) > 200_000:
                self._words.clear()
        return found

    def _entry(self, key: str) -> tuple[bool, str, list[str]] | None:
        """(is a name, display form, article ids) of a name key kept as a name; None otherwise."""
        if key in self._entries:
            return self._entries[key]
        inner = 0
        key_hash = hashed(key)
        forms: Counter[str] = Counter()
        articles: set[str] = set()
        seen = False
        for part in self.parts:
            found = part.name(key, key_hash)
            if found is None:
                continue
            seen = True
            inner += found[0]
            for form, count in found[1]:
                forms[form] += count
            articles.update(found[2])
        entry = None
        if seen and keeps_name(key, inner, lambda w: self._word(w)[0], lambda w: self._word(w)[1]):
            entry = (True, forms.most_common(1)[0][0], sorted(articles))
        if len(self._entries) > 50_000:
            self._entries.clear()
        self._entries[key] = entry
        return entry

    def articles_of(self, key: str) -> list[str]:
        entry = self._entry(key)
        return entry[2] if entry else []

    def is_name(self, key: str) -> bool:
        return self._entry(key) is not None

    def count(self, word: str) -> int:
        return self._word(word)[0]

    def mostly_lower(self, word: str) -> bool:
        return written_lower(*self._word(word))


def groups_of(store: Any, chunk: int) -> list[tuple[str, list[str], bool]]:
    """(cache prefix, article ids, sealed) of each group of the store's articles, in the order of
    `store.sentence_counts()`: the store's own segments when it has them, else runs of `chunk`."""
    own = getattr(store, "index_groups", None)
    if callable(own):
        return [(prefix, ids, sealed) for prefix, ids, sealed in own()]
    ids = list(store.sentence_counts())
    groups = []
    for n, start in enumerate(range(0, len(ids), chunk)):
        piece = ids[start:start + chunk]
        groups.append((f"c{n:06d}", piece, len(piece) == chunk))
    return groups


def plan_parts(groups: Iterable[tuple[str, list[str], bool]], open_slice: int) -> list[tuple[str, list[str], bool]]:
    """(part key, article ids, sealed) of every part: one per sealed group, slices of
    `open_slice` articles of an open one (only the last slice changes as articles are added)."""
    plan = []
    for prefix, ids, sealed in groups:
        if sealed:
            plan.append((part_key(prefix, ids), ids, True))
            continue
        for n, start in enumerate(range(0, len(ids), open_slice)):
            piece = ids[start:start + open_slice]
            plan.append((part_key(f"{prefix}o{n:03d}", piece), piece, False))
    return plan
