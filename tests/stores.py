"""The store under test: the suite runs once per store where the store matters.

A test that takes the `stores` fixture (or `seeded_db`, `settings`, `service`, which take it) runs
twice, as `[tinydb]` and `[postgresql]`. It names each store it uses by a file path, as on TinyDB;
`Stores` turns the name into the store's location on the store under test:

- TinyDB: the path itself.
- PostgreSQL: a fresh database on the session's throwaway cluster, cloned from a template that was
  migrated (and, for a seeded store, ingested) once per session, and dropped after the test. The
  first name a test uses is the database in `TRADEBRIEF_DATABASE_URL`, so `load_settings`, the
  command line run in-process, and `stores.env()` given to a child process all open it; every
  other name gets a database of its own.

A test about TinyDB files themselves (segments, a SIGKILL on the file, the format migration, the
writer lock on a file) is marked `@pytest.mark.tinydb_only("why")` and runs once, on TinyDB.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "PgTemplates", "Stores"]

KINDS = ("tinydb", "postgresql")


class PgTemplates:
    """Template databases on one cluster: "empty" (migrated) and "seeded" (the seed article
    ingested), each built once; `clone()` makes a fresh database from one of them."""

    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster
        self.names: dict[str, str] = {}

    def add(self, kind: str, name: str) -> None:
        self.names[kind] = name

    def clone(self, kind: str, name: str) -> str:
        import psycopg

        with psycopg.connect(self.cluster.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.names[kind]}"')
        return self.cluster.url(name)

    def drop(self, names: list[str]) -> None:
        """Drop the databases `names`, and the search indexes workers cached for them."""
        import psycopg

        from bot.pg.store import PgStore

        with psycopg.connect(self.cluster.admin_url, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for name in names:
            index = PgStore.default_index_dir(self.cluster.url(name))
            for leftover in (index, index.with_name(index.name + ".tmp"), index.with_name(index.name + ".old")):
                shutil.rmtree(leftover, ignore_errors=True)


class Stores:
    """Where one test's stores live on the store under test (`kind`); see the module docstring."""

    def __init__(self, kind: str, templates: PgTemplates | None = None, prefix: str = "t") -> None:
        assert kind in KINDS, kind
        self.kind = kind
        self._templates = templates
        self._prefix = prefix
        self._count = 0
        self._databases: dict[Path, str] = {}  # name (resolved path) -> database name
        self._seeded: set[Path] = set()
        self.primary_url = ""

    @property
    def on_postgresql(self) -> bool:
        return self.kind == "postgresql"

    # ---- PostgreSQL plumbing -----------------------------------------------------------------
    def _new_database(self, template: str) -> str:
        assert self._templates is not None
        self._count += 1
        name = f"{self._prefix}_{self._count}"
        return self._templates.clone(template, name)

    def start(self, *, seeded: bool = False) -> str:
        """(PostgreSQL) Make the primary database; its URL goes in TRADEBRIEF_DATABASE_URL."""
        self.primary_url = self._new_database("seeded" if seeded else "empty")
        self._primary_seeded = seeded
        return self.primary_url

    def _dbname(self, url: str) -> str:
        from psycopg.conninfo import conninfo_to_dict

        return str(conninfo_to_dict(url)["dbname"])

    def _key(self, path: str | Path) -> Path:
        return Path(path).resolve()

    # ---- what tests use ------------------------------------------------------------------------
    def location(self, path: str | Path) -> str | Path:
        """The store named `path`: the path on TinyDB, a database URL on PostgreSQL."""
        if not self.on_postgresql:
            return Path(path)
        key = self._key(path)
        if key not in self._databases:
            if not self._databases and self.primary_url:
                self._databases[key] = self.primary_url
                if self._primary_seeded:
                    self._seeded.add(key)
            else:
                self._databases[key] = self._new_database("empty")
        return self._databases[key]

    def open(self, path: str | Path, *, readonly: bool = False) -> Any:
        """Open the store named `path` (a `StoragePort`)."""
        from bot.storage_port import open_store

        return open_store(self.location(path), readonly=readonly)

    def settings(self, path: str | Path, env_file: str | Path | None = None, **overrides: Any) -> Any:
        """`load_settings(env_file, db=path, **overrides)` on the store named `path`."""
        from bot.config import load_settings

        if self.on_postgresql:
            overrides.setdefault("database_url", self.location(path))
        return load_settings(env_file, db=Path(path), **overrides)

    def env(self, path: str | Path) -> dict[str, str]:
        """Environment variables for a child process to open the store named `path`."""
        if not self.on_postgresql:
            return {}
        return {"TRADEBRIEF_DATABASE_URL": str(self.location(path))}

    def seed(self, path: str | Path, seeded_store: Path) -> str | Path:
        """Make the store named `path` a fresh copy of the seeded store (`seeded_store` is the
        seeded TinyDB file); return its location."""
        if not self.on_postgresql:
            from bot.store import copy_store

            copy_store(seeded_store, path)
            return Path(path)
        key = self._key(path)
        url = self.location(path)
        if key not in self._seeded:
            assert isinstance(url, str)
            self._templates.clone("seeded", self._dbname(url))  # type: ignore[union-attr]
            self._seeded.add(key)
        return url

    def exists(self, path: str | Path) -> bool:
        """Whether the store named `path` was made (a file on TinyDB, a database on PostgreSQL)."""
        if not self.on_postgresql:
            return Path(path).exists()
        return self._key(path) in self._databases

    def cleanup(self) -> None:
        """Drop this test's databases and the search indexes workers cached for them."""
        if not self.on_postgresql:
            return
        assert self._templates is not None
        urls = {self.primary_url, *self._databases.values()} - {""}
        self._templates.drop([self._dbname(url) for url in urls])


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a child process: ours without any Tradebrief, LLM or chat setting,
    except the store under test (TRADEBRIEF_DATABASE_URL, which the `stores` fixture sets on the
    PostgreSQL run), plus `extra`."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRADEBRIEF_", "OPENAI_", "TELEGRAM_", "SLACK_"))}
    if os.environ.get("TRADEBRIEF_DATABASE_URL"):
        env["TRADEBRIEF_DATABASE_URL"] = os.environ["TRADEBRIEF_DATABASE_URL"]
    env.update(extra or {})
    return env


def settings_at(location: str | Path, env_file: str | Path | None = None, **overrides: Any) -> Any:
    """`load_settings` on the store at `location`: a TinyDB path or a postgresql:// URL."""
    from bot.config import load_settings

    if isinstance(location, str) and location.startswith("postgresql://"):
        return load_settings(env_file, database_url=location, **overrides)
    return load_settings(env_file, db=Path(location), **overrides)


def run_main(location: str | Path, args: list[str]) -> int:
    """`adapters.cli.main(["--db", location, *args])` in this process on the store at `location`
    (a TinyDB path, or a postgresql:// URL given through TRADEBRIEF_DATABASE_URL)."""
    import pytest

    from adapters.cli import main

    with pytest.MonkeyPatch.context() as patch:
        if isinstance(location, str) and location.startswith("postgresql://"):
            patch.setenv("TRADEBRIEF_DATABASE_URL", location)
            return main(args)
        return main(["--db", str(location), *args])


def ingested_store(request: Any, tmp_path_factory: Any, name: str, targets: list[str]) -> Any:
    """(For a module-scoped fixture parametrised by KINDS) a store of `targets` ingested once by
    `tradebrief ingest`, on the store `request.param`; yields its location, dropped afterwards."""
    templates = None
    location: str | Path = tmp_path_factory.mktemp(name) / "store.json"
    if request.param == "postgresql":
        templates = request.getfixturevalue("pg_templates")
        location = templates.clone("empty", f"m_{name}")
    assert run_main(location, ["--env-file", "/nonexistent/.env", "ingest", *targets]) == 0
    yield location
    if templates is not None:
        templates.drop([f"m_{name}"])


def store_fixture(name: str, *folders: str | Path) -> Any:
    """A module-scoped `store` fixture, parametrised by KINDS: `folders` ingested once into a store named
    `name` (see `ingested_store`). In a test module: `store = store_fixture("lead_guards", GUARDS)`."""
    import pytest

    @pytest.fixture(scope="module", params=KINDS)
    def store(request: Any, tmp_path_factory: Any) -> Any:
        yield from ingested_store(request, tmp_path_factory, name, [str(f) for f in folders])

    return store


@contextmanager
def store_lexicons(location: str | Path) -> Iterator[Any]:
    """The name lexicons of the store at `location`, opened read-only for a test that checks how a question is
    read (`bot.focus.analyse_focus`), and closed after."""
    from bot.retrieval import open_retriever
    from bot.storage_port import open_store

    opened = open_store(location, readonly=True)
    try:
        yield open_retriever(opened).lexicons
    finally:
        opened.close()


@contextmanager
def store_retriever(location: str | Path) -> Iterator[Any]:
    """The retriever of the store at `location`, opened read-only for a test that checks what a search finds, and
    closed after."""
    from bot.retrieval import open_retriever
    from bot.storage_port import open_store

    opened = open_store(location, readonly=True)
    try:
        yield open_retriever(opened)
    finally:
        opened.close()


def ask_json(location: str | Path, question: str, capsys: Any, *, max_citations: int | None = None) -> dict[str, Any]:
    """`tradebrief ask --json QUESTION` on the store at `location`, parsed; every [n] in the answer is
    one of its citations (and, with `max_citations`, there are no more than that: no padding)."""
    import json
    import re

    capsys.readouterr()
    assert run_main(location, ["--env-file", "/nonexistent/.env", "ask", "--json", question]) == 0
    answer: dict[str, Any] = json.loads(capsys.readouterr().out)
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers == {c["n"] for c in answer["citations"]}
    if max_citations is not None:
        assert len(answer["citations"]) <= max_citations
    return answer


def first_quote(location: str | Path, question: str, capsys: Any) -> str:
    """The sentence an answer cites first, asked through `tradebrief ask --json` (`ask_json`); the answer must not
    abstain."""
    answer = ask_json(location, question, capsys)
    assert not answer["abstained"], answer["answer"]
    return str(answer["citations"][0]["quote"])


def near_miss_said(location: str | Path, question: str, unsaid: str, capsys: Any) -> None:
    """Asked through `tradebrief ask --json`, the answer is a near miss saying what is not stored (`unsaid`, lower
    case: "no project price")."""
    answer = ask_json(location, question, capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert unsaid in answer["answer"].lower(), answer["answer"]


def measure_of(question: str) -> str:
    """The measure a question asks, read with no store (its names aside)."""
    from bot.focus import analyse_focus
    from bot.question import analyse

    return analyse_focus(analyse(question), []).measure


def ranked_stub(text: str, score: float, detail: float, attribute: bool, entity: float = 1.0,
                article: str | None = None) -> Any:
    """A ranked sentence as the ranking rules read it (`bot.ranking.Ranked`: its hit's sentence, article and detail,
    its score, entity share, attribute and scope conflict), for checking a rule with the realistic store's scores."""
    from types import SimpleNamespace

    hit = SimpleNamespace(article=SimpleNamespace(id=article or text[:5]), sentence=SimpleNamespace(text=text),
                          detail=detail)
    return SimpleNamespace(hit=hit, score=score, entity=entity, attribute=attribute, conflict="")


def stored_ranked(retriever: Any, opening_words: str, score: float, detail: float = 0.5) -> Any:
    """The stored sentence opening with `opening_words`, ranked with `score` as the realistic store ranks it (the small
    fixture store ranks it otherwise)."""
    from bot.ranking import Ranked
    from bot.retrieval import Hit

    store = retriever.store
    sentence = next(s for a in store.articles() for s in store.sentences(a.id) if s.text.startswith(opening_words))
    article = next(a for a in store.articles() if a.id == sentence.article_id)
    facts = [f for f in store.facts(article.id) if sentence.id in f.sentence_ids]
    hit = Hit(sentence, article, score, score, 0.6, 1.0, False, facts, detail=detail)
    return Ranked(hit, score, 1.0, True, "", "")


def offline_answer(retriever: Any, question: str, ranking: list[tuple[str, float]]) -> Any:
    """The answer `Answerer._offline` makes of `question` over stored sentences (each by its opening words) ranked with
    the realistic store's scores (`stored_ranked`): a ranking rule checked where answers run it, on the ranking the
    small fixture store does not reproduce."""
    from bot.answers import Answerer, Judgement
    from bot.focus import analyse_focus
    from bot.question import analyse

    answerer = Answerer(retriever)
    query = analyse(question)
    focus = answerer._spelled(analyse_focus(query, retriever.lexicons))
    ranked = [stored_ranked(retriever, words, score) for words, score in ranking]
    return answerer._offline(query, focus, ranked, Judgement(True, "ok", ranked[0].hit.article), "")


def quote_lacks_asked(question: str, quote: str, title: str = "A stored story") -> bool:
    """Whether `bot.answers._quote_lacks_asked` judges a lead quoting `quote` (one citation, from a story titled
    `title`) unable to hold what `question` asks: the rule checked on the quote the realistic store leads with."""
    from bot.answers import _quote_lacks_asked
    from bot.focus import analyse_focus
    from bot.models import Answer, Citation
    from bot.question import analyse

    query = analyse(question)
    cited = Citation(1, "s1", "a1", quote, title, "Harbour Wire", None, None)
    answer = Answer(question=query.text, text=f"{quote} [1]", citations=(cited,), mode="extractive", abstained=False,
                    lead=quote, lead_kind="quote")
    return _quote_lacks_asked(query, analyse_focus(query, []), answer)
