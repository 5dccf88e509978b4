"""Retrieval in PostgreSQL: full-text candidates from the database, the core's re-ranking, and the
lexicon kept in tables; a worker holds no index of the corpus."""

from __future__ import annotations

import gc
import types
from pathlib import Path
from typing import Any

import bm25s
import psycopg

from bot.config import load_settings
from bot.entities import Lexicon, collect_names, keeps_name
from bot.ingest import build_sentences, content_hash
from bot.models import Article, Asker
from bot.pg.retrieval import PgRetriever
from bot.pg.store import PgStore
from bot.question import analyse
from bot.index_parts import Bm25Part, PartedIndex
from bot.retrieval import Retriever, open_retriever
from bot.service import Tradebrief
from bot.storage_port import open_store

ME = Asker("console", "me", "console", one_shot=True)

# Our own small wire stories: firms named inside and at the start of sentences, a common word
# that starts sentences ("Shares"), and a rare word only one sentence holds ("molybdenum").
STORIES = [
    ("Harbour Freight Lines doubles its Baltic sailings",
     "Harbour Freight Lines said on Monday it would double its sailings to the Baltic ports. "
     "Shares in the carrier rose 4% after the announcement. "
     "The chief executive of Harbour Freight Lines, Mara Lindqvist, said demand for grain cargo was strong."),
    ("Quarry group Stenvik buys a rival",
     "Stenvik agreed to buy its smaller rival Ostmark Minerals for 310 million euros. "
     "Shares in Ostmark jumped 18% on the news. "
     "Ostmark Minerals mines molybdenum and feldspar in two northern valleys."),
    ("Port of Kalsund handles record grain",
     "The Port of Kalsund handled a record 2.1 million tonnes of grain last year. "
     "Harbour Freight Lines carried about a third of that cargo, the port authority said. "
     "shares of regional hauliers were mixed."),
]


def _article(n: int, title: str, body: str) -> Article:
    digest = content_hash(body)
    return Article(id=digest[:10], title=title, source="Baltic Desk", url=f"https://example.org/b/{n}",
                   published=f"2025-03-{n + 1:02d}", ingested_at="2025-03-30T00:00:00+00:00",
                   content_hash=digest, language="en", body=body)


def _fill(store: Any, stories: list[tuple[str, str]] = STORIES, first: int = 0) -> list[Article]:
    articles = [_article(first + n, title, body) for n, (title, body) in enumerate(stories)]
    for article in articles:
        store.add_article(article, build_sentences(article.id, article.body))
    store.commit()
    return articles


def store_id(story: tuple[str, str], n: int) -> str:
    return _article(n, *story).id


_CODE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType, types.FrameType)


def _reachable(root: object, kinds: tuple[type, ...]) -> list[object]:
    """Objects of `kinds` that `root` holds (its data, followed reference by reference; not into
    classes, functions or modules, whose globals would reach everything the process has)."""
    seen: set[int] = set()
    found: list[object] = []
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, _CODE):
            continue
        seen.add(id(obj))
        if isinstance(obj, kinds):
            found.append(obj)
        todo.extend(gc.get_referents(obj))
    return found


def test_the_store_chooses_its_retriever(pg_url: str, tmp_path: Path) -> None:
    with open_store(pg_url) as store:
        assert type(open_retriever(store)) is PgRetriever
    with open_store(tmp_path / "store.json") as store:
        assert type(open_retriever(store)) is Retriever


async def test_a_pg_worker_answers_without_an_index_of_the_corpus(pg_url: str, tmp_path: Path) -> None:
    settings = load_settings(None, db=tmp_path / "store.json", database_url=pg_url, load_samples=False)
    store = open_store(pg_url)
    _fill(store)
    service = Tradebrief(settings, store)
    try:
        service.retriever.warm()
        answer = await service.ask("Which company mines molybdenum?", ME)
        assert not answer.abstained and "molybdenum" in answer.citations[0].quote
        # The in-process BM25 index (what the embedded store searches) was never built: nothing
        # the worker holds is one, and no index directory was written for this database.
        assert _reachable(service, (PartedIndex, Bm25Part, bm25s.BM25)) == []
        assert not store.index_dir.exists()
    finally:
        await service.aclose()
        store.close()
    # the same walk finds the embedded store's index, so it can tell
    with open_store(tmp_path / "tiny.json") as tiny:
        _fill(tiny)
        retriever = open_retriever(tiny)
        retriever.warm()
        assert _reachable(retriever, (PartedIndex, Bm25Part))


def test_candidates_come_from_the_database_and_rank_the_rare_word_first(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _fill(store)
        retriever = open_retriever(store)
        hits = retriever.search(analyse("Who mines molybdenum?"))
        assert hits and hits[0].sentence.id == f"{articles[1].id}:3"
        assert retriever.candidates(["nosuchword"]) == []
        # every candidate holds one of the searched stems
        found = retriever.candidates(["grain", "baltic"])
        assert found and all({"grain", "baltic"} & set(store.sentence(sid).text.lower().replace(".", " ").split())
                             for sid, _ in found)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_a_common_term_only_adds_to_what_rarer_terms_found(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _fill(store)
        retriever = open_retriever(store)
        retriever.warm()
        words = ["carrier", "jump", "share"]  # "share" is in three sentences, the others in one each
        exact = dict(retriever.candidates(words))  # nothing is common in nine sentences
        assert len(exact) == 3
        retriever.ROW_BUDGET = 2  # now only the two rare terms are searched through the index
        found = dict(retriever.candidates(words))
        assert set(found) == {f"{articles[0].id}:2", f"{articles[1].id}:2"}  # what the rare terms found
        assert found == {sid: exact[sid] for sid in found}  # ... scored with the common term too
        assert len(retriever.candidates(["share"])) == 3  # a common term alone is still searched


def test_the_lexicon_in_tables_agrees_with_the_embedded_lexicon(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _fill(store, STORIES[:2])
        _fill(store, STORIES[2:], first=2)  # a second commit adds to the tallies
        lexicons = open_retriever(store).lexicons
        assert len(lexicons) == 1
        pg = lexicons[0]
        by_id = {a.id: a for a in articles}
        by_id.update({a.id: a for a in store.articles()})
        texts = [(s.id, s.text) for a in by_id.values() for s in build_sentences(a.id, a.body)]
        embedded = Lexicon.build(texts, {a.id: a.title for a in by_id.values()})
        seen = collect_names(texts, {a.id: a.title for a in by_id.values()})[2]
        assert embedded.names  # the stories do name things
        for key in seen:
            assert pg.is_name(key) == (key in embedded.names), key
            assert pg.articles_of(key) == embedded.articles_of(key), key
            if key in embedded.names:
                assert pg.display[key] == embedded.display[key], key
        for word in ("shares", "molybdenum", "the", "kalsund", "absentword"):
            assert (pg.count(word), pg.mostly_lower(word)) == (embedded.count(word), embedded.mostly_lower(word))
        assert pg.is_name("harbour freight lines") and not pg.is_name("shares")
        # the spelling vocabulary's candidates: words seen twice, or once in lower case or as a one-word name
        assert dict(pg.words.items()) == {w: c for w, c in embedded.words.items()
                                          if c[0] >= 2 or c[1] == c[0] or w in seen}
        assert sorted(pg.names) == sorted(embedded.names) and sorted(pg.display) == sorted(embedded.display)
        assert dict(pg.names.items()) == embedded.names
        assert keeps_name("ostmark minerals", 1, pg.count, pg.lower_count)


def test_another_workers_commit_reaches_this_workers_lexicon_and_search(pg_url: str) -> None:
    reader, writer = PgStore(pg_url), PgStore(pg_url)
    try:
        _fill(writer, STORIES[:1])
        retriever = open_retriever(reader)
        assert not retriever.lexicons[0].is_name("stenvik") and not retriever.candidates(["ostmark"])
        _fill(writer, STORIES[1:2], first=1)
        reader._db_version(fresh=True)
        assert retriever.lexicons[0].is_name("stenvik")
        assert retriever.lexicons[0].articles_of("ostmark minerals") == [store_id(STORIES[1], 1)]
        assert len(retriever.candidates(["ostmark"])) == 3
    finally:
        reader.close()
        writer.close()


def test_articles_stored_before_the_lexicon_tables_are_counted_by_the_next_writer(pg_url: str) -> None:
    tables = ("lexicon_words", "lexicon_names", "lexicon_name_articles", "lexicon_name_forms")
    with PgStore(pg_url) as store:
        _fill(store)
    with psycopg.connect(pg_url) as conn:
        before = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        for table in tables:  # as a version-2 database had them: articles, no lexicon
            conn.execute(f"DELETE FROM {table}")
        conn.execute("UPDATE articles SET lexicon = false")
    with PgStore(pg_url, readonly=True) as reader:  # a reader does not write
        assert not open_retriever(reader).lexicons[0].is_name("stenvik")
    with PgStore(pg_url):
        pass
    with psycopg.connect(pg_url) as conn:
        after = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        assert conn.execute("SELECT count(*) FROM articles WHERE NOT lexicon").fetchone() == (0,)
    assert after == before and before["lexicon_names"]


def test_document_frequencies_and_sentence_stats_follow_commits(pg_url: str) -> None:
    with PgStore(pg_url) as store:
        _fill(store)
        with psycopg.connect(pg_url) as conn:
            expected = dict(conn.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM sentences')").fetchall())
            kept = dict(conn.execute("SELECT lexeme, df FROM lexeme_df").fetchall())
            count, chars = conn.execute("SELECT count(*), sum(end_at - start_at) FROM sentences").fetchone()
        assert kept == expected and kept["share"] == 3
        n, average = store.sentence_stats()
        assert n == count == store.sentence_count() and average == chars / count
