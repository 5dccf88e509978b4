"""Shared fixtures: a clean environment, the seed article, and one seeded store.

The suite is hermetic: every article a test reads is a fixture written for these tests under
`tests/fixtures/`. Nothing is skipped (a skip is reported as a failure), and a test that opens a
file in a folder beside the repository (a workspace's benchmark and evaluation data) fails.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# The seed: a Pakistan–Belarus talks report written for these tests, shaped like a news page
# copied as text (menu chrome, byline, repeated headline, dateline).
SEED = FIXTURES / "pakistan-belarus-talks.txt"
SEED_TITLE = "Pakistan And Belarus Set Out Trade & Industry Agenda: Jam Kamal Khan"
SEED_SOURCE = "Indus Business Wire / Trade Desk"
SEED_PUBLISHED = "2025-04-10"
SEED_SECTORS = ("bus production", "truck production", "tractor production", "manned dumpers", "agricultural technology")
# Fragments of the two sentences that answer "which sectors were agreed?".
SEED_SECTORS_QUOTE = "identified key areas for cooperation, such as bus, truck, and tractor production"
SEED_FORESTRY_QUOTE = "interested in tapping Belarus’s abundant forestry resources"

_OUR_VARS = ("TRADEBRIEF_", "OPENAI_", "TELEGRAM_", "SLACK_")


# ---- no reads outside the repository, no skips -----------------------------------------------


def folders_beside(root: Path, keep: Sequence[Path]) -> tuple[str, ...]:
    """The folders beside the repository `root` (a workspace's data, other checkouts): no test may
    read from them. A folder holding one of `keep` (the interpreter, the home or the temp directory)
    is not one of them, and nothing is when the repository sits right in /, the home or the temp
    directory, where "beside" means the whole system."""
    parent = root.parent
    kept = [k.resolve() for k in keep]
    if parent == Path(parent.anchor) or parent.resolve() in kept:
        return ()
    folders: list[str] = []
    for entry in parent.iterdir():
        real = entry.resolve()
        if not real.is_dir() or real == root or any(k == real or k.is_relative_to(real) for k in kept):
            continue
        folders.extend(dict.fromkeys((str(entry), str(real))))
    return tuple(folders)


class ReadOutsideRepository(RuntimeError):
    """A test opened a file in a folder beside the repository."""


def make_guard(folders: Sequence[str], seen: list[str]) -> Callable[[str, tuple[Any, ...]], None]:
    """An audit hook refusing every `open` under `folders`, noting each refused path in `seen`."""

    def guard(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not folders or not args or isinstance(args[0], int) or args[0] is None:
            return
        try:
            path = os.path.abspath(os.fsdecode(args[0]))
        except (TypeError, ValueError):
            return
        if any(path == f or path.startswith(f + os.sep) for f in folders):
            seen.append(path)
            raise ReadOutsideRepository(f"tests must not read {path}: write a fixture under tests/fixtures")

    return guard


_outside_reads: list[str] = []
_BESIDE = folders_beside(ROOT, [Path(sys.prefix), Path(sys.base_prefix), Path(tempfile.gettempdir()), Path.home()])
sys.addaudithook(make_guard(_BESIDE, _outside_reads))  # audit hooks cannot be removed: it holds all run


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Fail skipped tests, and tests that read beside the repository (even if the error was caught)."""
    if call.when == "setup":
        _outside_reads.clear()
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, and this suite allows no skips: {report.longrepr}"
    elif report.passed and _outside_reads and "guard_allows_this_read" not in item.keywords:
        report.outcome = "failed"
        report.longrepr = f"read outside the repository: {sorted(set(_outside_reads))}"
    elif report.passed and call.when == "call" and (made := _tinydb_stores_made(item)):
        report.outcome = "failed"
        report.longrepr = (f"made a TinyDB store ({made[0]}) without running on both stores: take `stores` "
                           "(tests/stores.py) or mark the test tinydb_only(reason)")


def _tinydb_stores_made(item: pytest.Item) -> list[str]:
    """TinyDB stores (a store file beside its writer lock) a test made in its tmp_path, when the
    test neither runs once per store, nor runs on PostgreSQL by itself (`pg_url`: a comparison of
    the two stores, a copy from one to the other), nor is marked tinydb_only."""
    names = getattr(item, "fixturenames", ())
    if "store_kind" in names or "pg_url" in names or item.get_closest_marker("tinydb_only"):
        return []
    tmp = getattr(item, "funcargs", {}).get("tmp_path")
    if not isinstance(tmp, Path):
        return []
    return sorted(str(lock.with_suffix("").relative_to(tmp)) for lock in tmp.rglob("*.lock")
                  if lock.with_suffix("").is_file())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "guard_allows_this_read: the test checks the read guard itself")
    config.addinivalue_line("markers", "install_check: slow packaging check, run under CI or TRADEBRIEF_INSTALL_TEST=1")
    config.addinivalue_line("markers", "tinydb_only(reason): a test about TinyDB files themselves runs on TinyDB only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes the store under test (`store_kind`, through `stores`, `seeded_db`,
    `settings` or `service`) runs once per store; one marked `tinydb_only("why")` on TinyDB only."""
    if "store_kind" not in metafunc.fixturenames:
        return
    from tests.stores import KINDS

    marker = metafunc.definition.get_closest_marker("tinydb_only")
    if marker is not None and not (marker.args and str(marker.args[0]).strip()):
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: tinydb_only needs a reason")
    metafunc.parametrize("store_kind", ["tinydb"] if marker else list(KINDS), indirect=True)


def _install_checks_wanted() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true") or bool(os.environ.get("TRADEBRIEF_INSTALL_TEST"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow install checks are deselected (counted in the summary, not skipped) outside CI."""
    if _install_checks_wanted():
        return
    slow = [item for item in items if "install_check" in item.keywords]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if "install_check" not in item.keywords]


def pytest_report_header(config: pytest.Config) -> str:
    if _install_checks_wanted():
        return "install checks: selected"
    return "install checks: deselected (set CI=true or TRADEBRIEF_INSTALL_TEST=1 to run them)"


# ---- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer setting leaks into a test (bolt's tests do the same)."""
    for name in list(os.environ):
        if name.startswith(_OUR_VARS):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pg_cluster():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL cluster for the whole run (tests/pgcluster.py), stopped at the end.
    A machine without PostgreSQL fails here: `.ci/run` installs it."""
    from tests.pgcluster import PostgresCluster, PostgresMissing

    try:
        cluster = PostgresCluster().start()
    except PostgresMissing as exc:
        pytest.fail(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):  # type: ignore[no-untyped-def]
    """A fresh, empty database on the session's cluster (its URL); the search index a worker
    cached for it (in the temporary directory) is removed afterwards."""
    import shutil

    from bot.pg.store import PgStore

    url = pg_cluster.database()
    yield url
    index = PgStore.default_index_dir(url)
    for leftover in (index, index.with_name(index.name + ".tmp"), index.with_name(index.name + ".old")):
        shutil.rmtree(leftover, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_templates(pg_cluster, seeded_store: Path):  # type: ignore[no-untyped-def]
    """Template databases for the PostgreSQL run, built once: "empty" (migrated) and "seeded"
    (the seed ingested through the service, as `seeded_store` is on TinyDB)."""
    from psycopg.conninfo import conninfo_to_dict

    from bot.config import load_settings
    from bot.pg.store import PgStore
    from bot.service import Tradebrief
    from tests.stores import PgTemplates

    templates = PgTemplates(pg_cluster)
    empty = pg_cluster.database("tpl_empty")
    PgStore(empty).close()  # migrated
    templates.add("empty", conninfo_to_dict(empty)["dbname"])
    seeded = templates.clone("empty", "tpl_seeded")

    async def build() -> None:
        settings = load_settings(None, database_url=seeded, db=seeded_store.with_name("unused.json"),
                                 load_samples=False)
        store = PgStore(seeded)
        service = Tradebrief(settings, store)
        report = await service.ingestor().ingest([str(SEED)])
        assert report.stored and not report.failed, report
        await service.aclose()
        store.close()

    asyncio.run(build())
    templates.add("seeded", "tpl_seeded")
    return templates


_store_tests = iter(range(1, 1 << 30))


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """The store under test: "tinydb" or "postgresql" (parametrised in pytest_generate_tests)."""
    return str(request.param)


@pytest.fixture
def stores(store_kind: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The test's stores on the store under test (tests/stores.py). On PostgreSQL the first store
    is a fresh database in TRADEBRIEF_DATABASE_URL (seeded when the test takes `seeded_db`)."""
    from tests.stores import Stores

    if store_kind == "tinydb":
        yield Stores("tinydb")
        return
    templates = request.getfixturevalue("pg_templates")
    found = Stores("postgresql", templates, prefix=f"s{os.getpid()}_{next(_store_tests)}")
    monkeypatch.setenv("TRADEBRIEF_DATABASE_URL", found.start(seeded="seeded_db" in request.fixturenames))
    try:
        yield found
    finally:
        found.cleanup()


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.fail(f"fixture article missing: {SEED}")
    return SEED


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the seed, ingested once per run. Never open it: copy it (`seeded_db`)."""
    from bot.config import load_settings
    from bot.service import Tradebrief
    from bot.store import Store

    if not SEED.is_file():
        pytest.fail(f"fixture article missing: {SEED}")
    path = tmp_path_factory.mktemp("seeded") / "store.json"

    async def build() -> None:
        settings = load_settings(None, db=path, load_samples=False)
        store = Store(path)
        service = Tradebrief(settings, store)
        report = await service.ingestor().ingest([str(SEED)])
        assert report.stored and not report.failed, report
        await service.aclose()
        store.close()

    asyncio.run(build())
    return path


@pytest.fixture
def seeded_db(tmp_path: Path, seeded_store: Path, stores) -> Path:  # type: ignore[no-untyped-def]
    """A fresh copy of the seeded store for one test, named tmp_path/store.json: that file on
    TinyDB, the database in TRADEBRIEF_DATABASE_URL on PostgreSQL (`stores.location(seeded_db)`)."""
    db = tmp_path / "store.json"
    stores.seed(db, seeded_store)
    return db


@pytest.fixture
def settings(tmp_path: Path, stores):  # type: ignore[no-untyped-def]
    """Settings on the store named tmp_path/store.json (the store under test)."""
    return stores.settings(tmp_path / "store.json")


@pytest.fixture
async def service(settings, seeded_db):  # type: ignore[no-untyped-def]
    """A `Tradebrief` over a fresh copy of the seeded store."""
    from bot.service import Tradebrief
    from bot.storage_port import open_store

    assert settings.db == seeded_db
    store = open_store(settings.store_location)
    svc = Tradebrief(settings, store)
    svc.retriever.refresh()
    yield svc
    await svc.aclose()
    store.close()
