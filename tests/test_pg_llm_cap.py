"""The daily LLM cap on PostgreSQL: a counter in the database that every worker shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from adapters.compose import open_service
from bot.config import load_settings
from bot.llm.client import DailyLimitReached, SharedDailyCount
from bot.pg.store import PgStore


def test_workers_share_the_daily_llm_cap(pg_url: str) -> None:
    stores = [PgStore(pg_url) for _ in range(2)]
    try:
        counts = [SharedDailyCount(store) for store in stores]
        day = date(2025, 6, 1)
        counts[0].take(day, 3)
        counts[1].take(day, 3)
        counts[0].take(day, 3)
        with pytest.raises(DailyLimitReached, match="daily limit of 3"):
            counts[1].take(day, 3)  # the fourth call, on the other worker
        assert counts[0].today(day) == counts[1].today(day) == 3  # a refused call is not counted
        assert counts[1].today(date(2025, 6, 2)) == 0
    finally:
        for store in stores:
            store.close()


async def test_a_service_with_an_llm_on_postgresql_counts_calls_in_the_database(pg_url: str, tmp_path: Path) -> None:
    settings = load_settings(None, database_url=pg_url, db=tmp_path / "unused.json",
                             openai_base_url="http://127.0.0.1:9/v1", llm_daily_cap=5)
    service = open_service(settings)
    try:
        assert isinstance(service.llm.client._count, SharedDailyCount)  # type: ignore[union-attr]
        assert not (tmp_path / "unused.json").exists() and not list(tmp_path.glob("*.llm-calls.json"))
    finally:
        await service.aclose()
        service.store.close()
