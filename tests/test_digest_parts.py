"""A digest too long for one Telegram message, whose later part fails: the parts that arrived are
recorded and never sent again, within the round and in the next one. The real scheduler and the
real Telegram adapter against the fake Bot API; the clock is fake. Articles written here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import Asker
from bot.scheduler import Scheduler, SentLog
from tests.fakes.digests import FakeClock
from tests.fakes.running import telegram_bot
from tests.fakes.telegram_api import FakeTelegram
from tests.stores import Stores

USER = 5001
STORIES = [
    ("Peru", "Callao", "quinoa", "Peru lifts quinoa export curbs"),
    ("Norway", "Bergen", "salmon", "Norway and Vietnam sign salmon accord"),
    ("Ghana", "Tema", "cocoa", "Ghana cuts cocoa levy for Malaysian grinders"),
    ("Canada", "Halifax", "lobster", "Canada opens lobster quota to Korea"),
    ("Kazakhstan", "Aktau", "uranium", "Kazakhstan agrees uranium deliveries to France"),
    ("Morocco", "Tanger", "phosphate", "Morocco expands phosphate sales to Brazil"),
]
PORTS = [story[1] for story in STORIES]


def long_article(folder: Path, n: int) -> Path:
    country, port, good, title = STORIES[n]
    clauses = ", ".join(f"{good} loadings at {port} quay {k} climbed {k + 3}% year on year" for k in range(16))
    path = folder / f"story{n}.txt"
    path.write_text(
        f"{title}\nSource: {country} Trade Desk\ndate 2025-06-09\n\n"
        f"The {country} trade ministry said that {clauses}, and that the {good} terms start in July.\n\n"
        f"Exporters of {good} in {country} welcomed the decision.\n", encoding="utf-8")
    return path


async def test_a_digest_failing_part_way_never_resends_the_parts_that_arrived(tmp_path: Path, stores: Stores) -> None:
    clock = FakeClock(datetime(2025, 6, 9, 12, 0, tzinfo=UTC))
    articles = [long_article(tmp_path, n) for n in range(len(STORIES))]
    async with FakeTelegram() as tg, telegram_bot(tg, stores.location(tmp_path / "store.json"), []) as bot:
        bot.service.clock = clock  # articles are stamped, and digests cut, on the fake clock
        report = await bot.service.ingestor().ingest([str(a) for a in articles])
        assert len(report.stored) == len(PORTS)
        asker = Asker(platform="telegram", user_id=str(USER), place=str(USER), is_private=True)
        sub = await bot.service.subscribe(asker, "08:00 UTC")
        scheduler = Scheduler(bot.service, [bot.adapter], clock=clock, sleep=clock.sleep, attempts=2,
                              backoff=1.0, max_pause=3600.0)
        clock.set(datetime(2025, 6, 10, 8, 0, tzinfo=UTC))

        # the first part goes through; every try at the second fails this round (2 rounds x 3 tries)
        tg.fail("sendMessage", chat_id=USER, status=500, times=6, after=1)
        results = await scheduler.run_due()
        assert [r.status for r in results] == ["failed"], ([c.text[:300] for c in tg.sent(USER)], results)
        first_round = [c.text for c in tg.sent(USER)]
        assert len(first_round) == 1  # part 1, once: the scheduler's second try resumed at part 2
        record = SentLog(bot.service.store).get(sub.id, clock().date())
        assert record is not None and len(record["pending_parts"]) >= 2  # recorded: what is still to go

        clock.advance(timedelta(minutes=11))  # the next round
        assert [r.status for r in await scheduler.run_due()] == ["sent"]
        texts = [c.text for c in tg.sent(USER)]
        assert len(texts) == 1 + len(record["pending_parts"])
        assert len(set(texts)) == len(texts)  # no part twice
        assert texts[0].startswith("<b>") or "briefing" in texts[0].lower()
        assert all(port in "".join(texts) for port in PORTS)
        assert SentLog(bot.service.store).get(sub.id, clock().date())["pending_parts"] == []  # type: ignore[index]
        assert await scheduler.run_due() == []  # and nothing more
