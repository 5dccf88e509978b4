"""`tradebrief store migrate --to postgresql://…`, and the command line on a PostgreSQL store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pg.store import PgStore
from bot.store import Store, copy_store
from tests.conftest import SEED_SECTORS, SEED_SECTORS_QUOTE
from tests.test_cli import tb


@pytest.fixture
def seeded_db(tmp_path: Path, seeded_store: Path) -> Path:
    """`store migrate` copies from a TinyDB file: a copy of the seeded one (whichever store is under test)."""
    db = tmp_path / "store.json"
    copy_store(seeded_store, db)
    return db


def test_migrate_copies_the_store_and_the_bot_answers_from_postgresql(seeded_db: Path, pg_url: str) -> None:
    with Store(seeded_db) as store:
        store.put_feed({"url": "https://example.org/trade.rss", "added_at": "2025-04-01T00:00:00+00:00"})
        store.put_subscription({"id": "telegram:-7", "platform": "telegram", "place": "-7", "active": True})
        store.put_sent_record({"key": "telegram:-7|2025-04-02", "date": "2025-04-02", "status": "sent"})
        articles = len(store)
        sentences = store.sentence_count()
        facts = store.fact_count()
    result = tb("store", "migrate", "--to", pg_url, db=seeded_db)
    assert result.returncode == 0, result.stderr
    assert f"copied {articles} article" in result.stdout and "1 feed, 1 subscription" in result.stdout
    with PgStore(pg_url, readonly=True) as pg:
        assert (len(pg), pg.sentence_count(), pg.fact_count()) == (articles, sentences, facts)
        assert pg.feed("https://example.org/trade.rss") and pg.subscription("telegram:-7")["place"] == "-7"
        assert pg.sent_record("telegram:-7|2025-04-02")["status"] == "sent"

    again = tb("store", "migrate", "--to", pg_url, db=seeded_db)
    assert again.returncode == 0 and "copied 0 articles" in again.stdout and f"({articles} already there)" in again.stdout

    asked = tb("ask", "which sectors were agreed?", db=seeded_db.with_name("absent.json"),
               env={"TRADEBRIEF_DATABASE_URL": pg_url})
    assert asked.returncode == 0, asked.stderr
    answer, _, sources = " ".join(asked.stdout.split()).partition("Sources:")
    assert all(sector in answer for sector in SEED_SECTORS) and SEED_SECTORS_QUOTE in sources
    assert not seeded_db.with_name("absent.json").exists()  # nothing went to a TinyDB file


def test_a_bad_target_is_one_line(seeded_db: Path) -> None:
    result = tb("store", "migrate", "--to", "mysql://db/tradebrief", db=seeded_db)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--to: must be a postgresql:// URL" in result.stderr and "Traceback" not in result.stderr
