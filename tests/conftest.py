"""Shared fixtures: a clean environment, a store with the seed article, and the seed's path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"

_OUR_VARS = ("TRADEBRIEF_", "OPENAI_", "TELEGRAM_", "SLACK_")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer setting leaks into a test (bolt's tests do the same)."""
    for name in list(os.environ):
        if name.startswith(_OUR_VARS):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from bot.config import load_settings

    return load_settings(None, db=tmp_path / "store.json")


@pytest.fixture
async def service(settings, seed_path):  # type: ignore[no-untyped-def]
    """A `Tradebrief` over a fresh store holding the seed article."""
    from bot.service import Tradebrief
    from bot.store import Store

    store = Store(settings.db)
    svc = Tradebrief(settings, store)
    report = await svc.ingestor().ingest([str(seed_path)])
    assert report.stored, report
    svc.retriever.refresh()
    yield svc
    await svc.aclose()
    store.close()
