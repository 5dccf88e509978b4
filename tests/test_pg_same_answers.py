"""The core on both stores: the same articles give the same answers, citations, filters and digests
(on PostgreSQL the candidates come from the database's full-text search, the re-ranking is shared)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import load_settings
from bot.digest import build_digest
from bot.models import Asker, Filters, Subscription
from bot.service import Tradebrief
from bot.storage_port import open_store
from tests.test_answers import BRIEFS

ME = Asker("console", "me", "console", one_shot=True)
QUESTIONS = [
    "which sectors were agreed?",
    "How much copper did Chile export to South Korea?",
    "Who is the trade minister in the Chile talks?",
    "How much fertiliser will Morocco ship to Ghana?",
    "What did Brazil and Japan agree on steel?",
    "what was agreed?",
]


async def _answers(location: str | Path, tmp: Path, seed: Path) -> list[tuple]:  # type: ignore[type-arg]
    folder = tmp / "briefs"
    folder.mkdir(exist_ok=True)
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = location if isinstance(location, str) else ""
    settings = load_settings(None, db=tmp / "store.json", database_url=url, load_samples=False)
    store = open_store(location)
    service = Tradebrief(settings, store)
    try:
        report = await service.ingestor().ingest([str(seed), str(folder)])
        assert len(report.stored) == 3 and not report.failed
        service.retriever.refresh()
        found: list[tuple] = []  # type: ignore[type-arg]
        for question in QUESTIONS:
            for filters in (None, Filters(countries=("Ghana",))):
                answer = await service.ask(question, ME, filters)
                found.append((question, answer.text, tuple((c.sentence_id, c.quote) for c in answer.citations)))
        sub = Subscription(id="console:me", platform="console", place="console", user_id="me")
        # until tomorrow: articles ingested a moment ago are in (until=now() raced their timestamps)
        digest = await build_digest(store, sub, since=datetime(2000, 1, 1, tzinfo=UTC),
                                    until=datetime.now(UTC) + timedelta(days=1))
        assert digest.items
        found.append(("digest", tuple((i.headline, i.article_id, i.summary) for i in digest.items), digest.more))
        return found
    finally:
        await service.aclose()
        store.close()


async def test_both_stores_answer_alike(tmp_path: Path, pg_url: str, seed_path: Path) -> None:
    (tmp_path / "tiny").mkdir()
    (tmp_path / "pg").mkdir()
    embedded = await _answers(tmp_path / "tiny" / "store.json", tmp_path / "tiny", seed_path)
    database = await _answers(pg_url, tmp_path / "pg", seed_path)
    assert any(citations for _, _, citations in embedded[:-1])  # real answers, not only abstentions
    assert database == embedded
