"""The search index in parts that follow the store's segments: a sealed segment's part is built
once and reused when articles are added; the parts together score and name things exactly as one
index built over every sentence at once (bm25s over all sentences, one Lexicon over all texts)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import bm25s
import numpy as np
import pytest
import Stemmer
from bm25s.tokenization import Tokenizer

from bot.entities import Lexicon, name_key
from bot.ingest import build_sentences, content_hash
from bot.models import Article, Fact
from bot.question import analyse as parse_question
from bot.retrieval import Retriever, stems
from bot.store import Store
from tests.conftest import ROOT

pytestmark = pytest.mark.tinydb_only("the search index in parts that follow the TinyDB store's segment files")

# Made-up trade news in our own words: names that recur (some only at a sentence start), common
# words written in capitals at a start, figures, and one article with no sentence at all.
_PLACES = ["Norland", "Ostavia", "Kelmar", "Pradesh Vale", "Tarrow Isles"]
_FIRMS = ["Brightwater Mills", "Coldharbour Steel", "Anvil & Loom", "Quenby Freight", "Marrow Bank of Ostavia"]
_GOODS = ["cocoa", "copper", "wheat", "lithium", "coffee", "timber", "barley", "cotton"]


def _body(n: int) -> str:
    place, other = _PLACES[n % 5], _PLACES[(n * 3 + 1) % 5]
    firm, good = _FIRMS[(n * 2) % 5], _GOODS[n % 8]
    lines = [
        f"{firm} agreed to ship {good} from {place} to {other} under a deal signed on Monday.",
        f"Exports of {good} rose {n + 3}% as {firm} added a second line, officials in {place} said.",
        f"Shares in {firm} climbed after the {place} trade minister, Dana Voss, praised the agreement.",
        "Analysts expect tariffs on " + good + " to fall" + (" sharply" * (n % 3)) + " next year.",
    ]
    if n % 4 == 0:
        lines.append(f"{other} said the talks with {place} would resume in the spring.")
    if n % 5 == 2:
        lines.append(f"Coldharbour Steel cut {n * 10} jobs at its {other} plant.")
    return " ".join(lines[: 2 + n % 4]) if n % 7 else " ".join(lines)


def _article(n: int) -> tuple[Article, list]:  # type: ignore[type-arg]
    body = _body(n)
    digest = content_hash(body + str(n))
    article = Article(id=digest[:10], title=f"{_FIRMS[n % 5]} and the {_GOODS[n % 8]} trade of {_PLACES[n % 5]}",
                      source="Harbour wire", url=f"https://example.com/news/{n}", published=f"2025-04-{1 + n % 28:02d}",
                      ingested_at=f"2025-05-01T00:00:{n % 60:02d}+00:00", content_hash=digest, language="en", body=body)
    sentences = build_sentences(article.id, body)
    fact = Fact(f"{article.id}:f1", article.id, "figure", f"{n + 3}%", (sentences[0].id,), {"unit": "%"})
    return article, [sentences, [fact]]


def _fill(db: Path, numbers: range, segment_articles: int = 3) -> None:
    with Store(db, segment_articles=segment_articles) as store:
        for n in numbers:
            article, (sentences, facts) = _article(n)
            store.add_article(article, sentences, facts)
        store.commit()


QUERIES = ["copper exports from Norland", "who praised the agreement", "tariffs on cocoa next year",
           "Coldharbour Steel jobs", "talks resume spring", "Anvil & Loom deal", "sharply sharply fall"]


def _reference(store: Store) -> tuple[list[str], bm25s.BM25, Lexicon]:
    """One bm25s index and one Lexicon over every stored sentence, built from scratch (as the
    index was before it had parts)."""
    ids = store.sentence_ids()
    texts = store.sentence_texts(ids)
    tokenizer = Tokenizer(stemmer=Stemmer.Stemmer("english"), stopwords="en")
    model = bm25s.BM25()
    model.index(tokenizer.tokenize(texts, return_as="tuple", show_progress=False), show_progress=False)
    titles = {a: store.article(a).title for a in store.sentence_counts()}  # type: ignore[union-attr]
    return ids, model, Lexicon.build(zip(ids, texts), titles)


def _part_dirs(db: Path) -> dict[str, tuple[int, int]]:
    parts = db.with_name(db.name + ".index") / "parts"
    return {p.name: ((p / "meta.json").stat().st_ino, (p / "meta.json").stat().st_mtime_ns) for p in parts.iterdir()}


def test_the_parts_score_exactly_as_one_index_over_all_sentences(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    _fill(db, range(23))  # seven sealed segments of 3 articles, an open one of 2
    with Store(db, readonly=True) as store:
        retriever = Retriever(store)
        index = retriever.index
        assert len(index.parts) == 8
        ids, model, _ = _reference(store)
        assert list(index.ids) == ids and [index.ids[i] for i in range(len(ids))] == ids
        for query in QUERIES:
            words = list(dict.fromkeys(stems(query)))
            known = [w for w in words if w in model.vocab_dict]
            expected = model.get_scores(known) if known else np.zeros(len(ids), dtype=np.float32)
            got = index.scores(words)
            assert got.dtype == np.float32 and np.array_equal(got, expected), query
            for word in words:
                column = model.vocab_dict.get(word)
                df = int(np.diff(model.scores["indptr"])[column]) if column is not None else 0
                assert index.df(word) == df


def test_the_words_an_article_holds_are_read_from_the_parts_postings(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    _fill(db, range(23))  # eight parts: every article's sentences are in one of them
    with Store(db, readonly=True) as store:
        index = Retriever(store).index
        words = list(dict.fromkeys(stems("copper cocoa Norland Kelmar tariffs jobs spring sharply")))
        articles = list(store.sentence_counts())
        held = index.article_words([*articles, "no-such-article"], [*words, "zzzunknown"])
        assert held["no-such-article"] == 0
        assert sum(bool(found) for found in held.values()) > 20
        for article_id in articles:
            expected = set()
            for sentence in store.sentences(article_id):
                expected |= set(stems(sentence.text))
            assert {w for j, w in enumerate(words) if held[article_id] >> j & 1} == expected & set(words), article_id


def test_the_merged_name_index_is_the_one_built_over_all_texts(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    _fill(db, range(23))
    with Store(db, readonly=True) as store:
        merged = Retriever(store).lexicons[0]
        _, _, whole = _reference(store)
        assert whole.names and {"norland", "coldharbour steel", "anvil & loom", "dana voss"} <= whole.names.keys()
        candidates = set(whole.names) | {"shares", "analysts", "exports", "monday", "officials", "chief executive"}
        for key in candidates:
            assert merged.is_name(key) == whole.is_name(key), key
            assert merged.articles_of(key) == whole.articles_of(key), key
            if whole.is_name(key):
                assert merged.display[key] == whole.display[key] and key in merged.display
        for word in ["copper", "shares", "norland", "sharply", "the", "absent"]:
            assert merged.count(word) == whole.count(word) and merged.mostly_lower(word) == whole.mostly_lower(word)
        assert dict(merged.words.items()) == whole.words
        assert sorted(merged.names) == sorted(whole.names) and len(merged.display) == len(whole.display)
        assert merged.max_name_words >= whole.max_name_words


def test_search_answers_alike_from_one_segment_or_many(tmp_path: Path) -> None:
    """The same articles in one open segment and in seven sealed ones give the same hits."""
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    _fill(one, range(23), segment_articles=1000)
    _fill(many, range(23), segment_articles=3)
    with Store(one, readonly=True) as a, Store(many, readonly=True) as b:
        left, right = Retriever(a), Retriever(b)
        assert len(left.index.parts) == 1 and len(right.index.parts) == 8
        for question in QUERIES + ["What did Dana Voss say about Ostavia?", "How much did lithium exports rise?"]:
            query = parse_question(question)
            hits_a = [(h.sentence.id, round(h.score, 6)) for h in left.search(query)]
            hits_b = [(h.sentence.id, round(h.score, 6)) for h in right.search(query)]
            assert hits_a == hits_b and (hits_a or question == "sharply sharply fall"), question


def test_adding_an_article_rebuilds_only_the_open_segments_part(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    _fill(db, range(10), segment_articles=4)  # sealed 1-2, open 3 with two articles
    with Store(db, readonly=True) as store:
        first = Retriever(store)
        first.warm()
        assert first.parts_built == 3
    before = _part_dirs(db)
    sealed = {name: stamp for name, stamp in before.items() if name.startswith(("s000001.", "s000002."))}
    assert len(sealed) == 2

    with Store(db, segment_articles=4) as store:  # a writer adds articles; its retriever follows
        retriever = Retriever(store)
        retriever.warm()
        assert retriever.parts_built == 0  # every part came from the cache
        article, (sentences, facts) = _article(10)
        store.add_article(article, sentences, facts)
        store.commit()
        query = parse_question("Which firm shipped timber?")
        assert any(h.article.id == article.id for h in retriever.search(query))
        assert retriever.parts_built == 1  # the open segment's slice only
        article, (sentences, facts) = _article(11)
        store.add_article(article, sentences, facts)
        store.commit()  # the third segment is full: sealed
        retriever.refresh()
        assert retriever.parts_built == 2 and len(retriever.index.parts) == 3  # its part, built once

    with Store(db, readonly=True) as store:  # a new process: every part is read, none built
        later = Retriever(store)
        later.warm()
        assert later.parts_built == 0 and len(later.index.parts) == 3
        assert any(h.article.id == article.id for h in later.search(parse_question("Which firm shipped lithium?")))
    after = _part_dirs(db)
    assert {name: after[name] for name in sealed} == sealed  # the same files, never written again
    assert not {n for n in after if "o0" in n} and len(after) == 3  # the superseded slices are removed


def test_a_new_process_after_one_added_article_builds_one_small_part(tmp_path: Path) -> None:
    """`tradebrief ingest` of one article, then `tradebrief ask`: the ask builds one part."""
    db = tmp_path / "store.json"
    _fill(db, range(7), segment_articles=1000)  # all in the open segment: slices of 256 articles
    script = textwrap.dedent(
        """
        import json, sys
        from bot.retrieval import Retriever
        from bot.store import Store
        with Store(sys.argv[1], readonly=True) as store:
            retriever = Retriever(store)
            retriever.warm()
            print(json.dumps([retriever.parts_built, len(retriever.index.parts)]))
        """
    )

    def warm() -> list[int]:
        done = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return [int(x) for x in done.stdout.strip().strip("[]").split(",")]

    assert warm() == [1, 1]
    assert warm() == [0, 1]
    _fill(db, range(7, 8), segment_articles=1000)
    assert warm() == [1, 1]


@pytest.mark.parametrize("open_slice", [2, 256])
def test_only_the_last_slice_of_the_open_segment_is_rebuilt(tmp_path: Path, open_slice: int) -> None:
    db = tmp_path / "store.json"
    _fill(db, range(5), segment_articles=1000)
    with Store(db, segment_articles=1000) as store:
        retriever = Retriever(store)
        retriever.OPEN_SLICE = open_slice
        retriever.warm()
        built = retriever.parts_built
        assert built == (3 if open_slice == 2 else 1)
        article, (sentences, facts) = _article(5)
        store.add_article(article, sentences, facts)
        retriever.refresh()
        assert retriever.parts_built == built + 1
        assert sum(p.n_docs for p in retriever.index.parts) == store.sentence_count()
        assert name_key("Dana Voss") in {k for k in ["dana voss"] if retriever.lexicons[0].is_name(k)}


def test_a_store_without_segments_is_indexed_in_runs_whose_keys_survive_an_addition() -> None:
    """A store that has no segments of its own (PostgreSQL) is cut into runs of articles in the
    order it lists them; adding an article changes only the last run's slice."""
    from bot.index_parts import groups_of, plan_parts

    class Listing:  # the one storage-port call the grouping reads
        def __init__(self, ids: list[str]) -> None:
            self.ids = ids

        def sentence_counts(self) -> dict[str, int]:
            return {article_id: 2 for article_id in self.ids}

    ids = [f"a{n:04d}" for n in range(11)]
    before = plan_parts(groups_of(Listing(ids), 4), 3)
    after = plan_parts(groups_of(Listing(ids + ["a9999"]), 4), 3)
    assert [len(articles) for _, articles, _ in before] == [4, 4, 3]
    assert [sealed for _, _, sealed in before] == [True, True, False]
    assert before[:2] == after[:2] and before[2][0] != after[2][0] and after[2][1] == ids[8:] + ["a9999"]
