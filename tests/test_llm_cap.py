"""The daily cap on language-model calls survives a restart: the count is kept beside the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.llm.client import DailyLimitReached, LLMClient
from tests.fakes.openai_api import FakeOpenAI, json_reply


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.tinydb_only("the count is a file beside the TinyDB store; tests/test_pg_llm_cap.py covers PostgreSQL's")
async def test_the_daily_cap_is_not_reset_by_a_restart(tmp_path: Path) -> None:
    fake = FakeOpenAI(default=json_reply({"ok": True}))
    settings = load_settings(None, db=tmp_path / "store.json", openai_api_key="sk-test-not-a-key",
                             openai_base_url=fake.base_url, llm_daily_cap=2)
    usage = tmp_path / "store.json.llm-calls.json"
    clock = Clock()

    def start() -> LLMClient:  # a new process: nothing in memory
        return LLMClient(settings, http_client=fake.client(), clock=clock, usage_path=usage)

    first = start()
    assert await first.complete_json("s", "u", purpose="test") == {"ok": True}
    second = start()  # restarted after one call
    assert second.calls_today == 1
    assert await second.complete_json("s", "u", purpose="test") == {"ok": True}
    third = start()
    with pytest.raises(DailyLimitReached):
        await third.complete_json("s", "u", purpose="test")
    with pytest.raises(DailyLimitReached):  # the first process, still running, sees the shared count
        await first.complete_json("s", "u", purpose="test")
    assert len(fake.chat_requests) == 2
    clock.now += timedelta(hours=2)  # a new UTC day
    assert await start().complete_json("s", "u", purpose="test") == {"ok": True}
    assert len(fake.chat_requests) == 3

    usage.write_text("{not json")  # a damaged count file costs the count, not the answer
    assert await start().complete_json("s", "u", purpose="test") == {"ok": True}
