"""The digest scheduler on a fake clock: local times in several zones, daylight-saving changes,
restarts within and outside the grace window, a crash between sending and recording, retries,
permanent failures, empty days, and stopping promptly."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models import Asker
from adapters.compose import background_jobs
from bot.scheduler import Scheduler, SentLog
from bot.service import Tradebrief
from bot.subscriptions import SubscriptionBook
from tests.fakes.digests import FakeClock, RecordingAdapter, permanent, transient
from tests.stores import Stores

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
KARACHI = ZoneInfo("Asia/Karachi")

ARTICLE = """date 2025-06-10
Source: Harbour Gazette
URL: https://harbour.example/{slug}
{title}

{title} after talks in Geneva on Monday, officials said.

The agreement cuts tariffs on steel & aluminium by 15% over three years.
"""


class ProcessKilled(BaseException):
    """Stands in for SIGKILL: nothing after it runs, no `except Exception` catches it."""


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


class World:
    """A service on the store named `db` (on the store under test), a fake clock and two recording adapters."""

    def __init__(self, stores: Stores, db: Path, clock: FakeClock, **settings: object) -> None:
        self.stores = stores
        self.db = db
        self.clock = clock
        self.settings = stores.settings(db, **settings)
        self.telegram = RecordingAdapter("telegram", clock=clock)
        self.slack = RecordingAdapter("slack", clock=clock)
        self.open()

    def open(self) -> None:
        self.store = self.stores.open(self.db)
        self.service = Tradebrief(self.settings, self.store, clock=self.clock)

    async def close(self) -> None:
        await self.service.aclose()
        self.store.close()

    def scheduler(self, **kwargs: object) -> Scheduler:
        kwargs.setdefault("max_pause", 3600.0)
        return Scheduler(self.service, [self.telegram, self.slack], clock=self.clock, sleep=self.clock.sleep,
                         **kwargs)  # type: ignore[arg-type]

    async def subscribe(self, place: str, spec: str, platform: str = "telegram") -> str:
        asker = Asker(platform=platform, user_id="u1", place=place, is_private=False, team="T1")
        return (await self.service.subscribe(asker, spec)).id

    async def article(self, folder: Path, slug: str, title: str) -> None:
        path = folder / f"{slug}.txt"
        path.write_text(ARTICLE.format(slug=slug, title=title), encoding="utf-8")
        report = await self.service.ingestor().ingest([str(path)])
        assert report.stored, report

    def record(self, sub_id: str, day: date) -> dict | None:  # type: ignore[type-arg]
        return SentLog(self.store).get(sub_id, day)

    def on_disk(self) -> list[dict]:  # type: ignore[type-arg]
        """The sent-digest log as a fresh handle on the store reads it (the file, on TinyDB)."""
        with self.stores.open(self.db, readonly=True) as fresh:
            return fresh.sent_records()


@pytest.fixture
async def world(tmp_path: Path, stores: Stores):  # type: ignore[no-untyped-def]
    w = World(stores, tmp_path / "store.json", FakeClock(datetime(2025, 3, 7, 0, 0, tzinfo=UTC)))
    yield w
    await w.close()


async def run_until(scheduler: Scheduler, clock: FakeClock, end: datetime) -> None:
    """Drive the real loop on fake time until `end` (the fake sleep sets the stop event)."""
    stop = asyncio.Event()
    clock.on_sleep = lambda: stop.set() if clock() >= end else None
    await asyncio.wait_for(scheduler.run(stop), timeout=30)


# ---- local times and daylight saving --------------------------------------------------------------
async def test_fires_at_local_time_in_each_zone_across_dst(world: World) -> None:
    await world.subscribe("-1", "08:00 America/New_York")  # DST starts 9 March 2025
    await world.subscribe("C1", "08:00 Europe/London", platform="slack")  # BST starts 30 March 2025
    await world.subscribe("-2", "08:00 Asia/Karachi")  # no DST
    await run_until(world.scheduler(), world.clock, datetime(2025, 4, 1, 0, 0, tzinfo=UTC))

    by_place: dict[str, list[datetime]] = {}
    for adapter in (world.telegram, world.slack):
        for d in adapter.delivered:
            by_place.setdefault(d.place, []).append(d.at)
    zones = {"-1": NEW_YORK, "C1": LONDON, "-2": KARACHI}
    for place, times in by_place.items():
        locals_ = [t.astimezone(zones[place]) for t in times]
        assert all((t.hour, t.minute) == (8, 0) for t in locals_), (place, locals_)
        days = [t.date() for t in locals_]
        assert len(days) == len(set(days))  # once a day
    # 7 March (08:00 local is after the midnight-UTC start everywhere) up to 31 March.
    assert len(by_place["-1"]) == len(by_place["C1"]) == len(by_place["-2"]) == 25
    utc_hours = {place: {t.date(): t.hour for t in times} for place, times in by_place.items()}
    assert utc_hours["-1"][date(2025, 3, 8)] == 13 and utc_hours["-1"][date(2025, 3, 10)] == 12
    assert utc_hours["C1"][date(2025, 3, 29)] == 8 and utc_hours["C1"][date(2025, 3, 31)] == 7
    assert set(utc_hours["-2"].values()) == {3}


async def test_autumn_change_fires_once_on_the_long_day(world: World) -> None:
    world.clock.set(datetime(2025, 10, 25, 0, 0, tzinfo=UTC))
    await world.subscribe("-1", "01:30 Europe/London")  # 01:30 happens twice on 26 October
    await run_until(world.scheduler(), world.clock, datetime(2025, 10, 28, 0, 0, tzinfo=UTC))
    days = [d.at.astimezone(LONDON) for d in world.telegram.delivered]
    assert [(t.day, t.hour, t.minute) for t in days] == [(25, 1, 30), (26, 1, 30), (27, 1, 30)]


async def test_a_new_subscription_does_not_fire_for_a_time_already_past(world: World) -> None:
    world.clock.set(local(LONDON, 2025, 6, 10, 9, 0))
    await world.subscribe("-1", "08:00 Europe/London")
    scheduler = world.scheduler()
    assert await scheduler.run_due() == []
    world.clock.set(local(LONDON, 2025, 6, 11, 8, 0))
    assert [r.status for r in await scheduler.run_due()] == ["sent"]


# ---- restarts -------------------------------------------------------------------------------------
async def test_restart_within_grace_sends_the_missed_digest_once(world: World, tmp_path: Path) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 10, 0))
    sub_id = await world.subscribe("-1", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 10, 7, 30))  # the process is down from 07:00 to 09:30
    await world.article(tmp_path, "steel", "Britain and Norway agree steel tariff cuts")
    world.clock.set(local(LONDON, 2025, 6, 10, 9, 30))

    await run_until(world.scheduler(grace_hours=6), world.clock, world.clock() + timedelta(seconds=5))  # start-up only
    assert len(world.telegram.delivered) == 1
    digest = world.telegram.pop().digest
    assert [i.headline for i in digest.items] == ["Britain and Norway agree steel tariff cuts"]
    assert digest.title == "Trade briefing for Tuesday 10 June 2025"
    assert world.record(sub_id, date(2025, 6, 10))["status"] == "sent"  # type: ignore[index]

    # Restarted again (and again): never a second copy.
    for _ in range(2):
        assert await world.scheduler(grace_hours=6).run_due() == []
    assert not world.telegram.delivered


async def test_restart_outside_grace_skips_and_the_next_digest_catches_up(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    world.clock.set(local(LONDON, 2025, 6, 8, 12, 0))
    sub_id = await world.subscribe("-1", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 9, 8, 0))
    assert [r.status for r in await world.scheduler().run_due()] == ["sent"]  # the 9 June digest
    world.telegram.delivered.clear()
    world.clock.set(local(LONDON, 2025, 6, 10, 6, 0))
    await world.article(tmp_path, "steel", "Britain and Norway agree steel tariff cuts")

    world.clock.set(local(LONDON, 2025, 6, 10, 15, 0))  # seven hours late, grace is six
    caplog.set_level(logging.INFO, logger="bot.scheduler")
    scheduler = world.scheduler(grace_hours=6)
    assert await scheduler.run_due() == []
    assert not world.telegram.delivered
    assert "missed while stopped" in caplog.text
    assert world.record(sub_id, date(2025, 6, 10))["status"] == "missed"  # type: ignore[index]

    world.clock.set(local(LONDON, 2025, 6, 11, 8, 0))
    assert [r.status for r in await scheduler.run_due()] == ["sent"]
    digest = world.telegram.pop().digest
    assert [i.headline for i in digest.items] == ["Britain and Norway agree steel tariff cuts"]


async def test_crash_between_send_and_record_never_sends_twice(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    sub_id = await world.subscribe("-1", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
    seen_on_disk: list[str] = []

    def check_then_die(_place: str, _digest: object) -> None:
        # The row is on disk as "sending" before the adapter is called...
        rows = world.on_disk()
        seen_on_disk.extend(r["status"] for r in rows if r["subscription_id"] == sub_id)
        raise ProcessKilled  # ...and the process dies after sending, before recording "sent"

    world.telegram.before_deliver = check_then_die
    with pytest.raises(ProcessKilled):
        await world.scheduler().run_due()
    assert seen_on_disk == ["sending"]
    await world.close()  # the next process opens the store file afresh

    world.open()
    world.telegram.before_deliver = None
    caplog.set_level(logging.INFO, logger="bot.scheduler")
    world.clock.advance(timedelta(minutes=3))
    await run_until(world.scheduler(), world.clock, world.clock() + timedelta(seconds=5))
    assert not world.telegram.delivered
    assert "was being sent when the last run stopped" in caplog.text
    assert world.record(sub_id, date(2025, 6, 10))["status"] == "interrupted"  # type: ignore[index]

    world.clock.set(local(LONDON, 2025, 6, 11, 8, 0))  # the next day is normal again
    assert [r.status for r in await world.scheduler().run_due()] == ["sent"]


async def test_a_sending_row_left_behind_blocks_a_resend(world: World) -> None:
    world.clock.set(local(NEW_YORK, 2025, 6, 9, 12, 0))
    sub_id = await world.subscribe("-1", "08:00 America/New_York")
    world.clock.set(local(NEW_YORK, 2025, 6, 10, 8, 1))
    await SentLog(world.store).begin(sub_id, date(2025, 6, 10), world.clock(), world.clock())
    assert await world.scheduler().run_due() == []
    assert not world.telegram.delivered


# ---- delivery failures ----------------------------------------------------------------------------
async def test_transient_failures_are_retried_with_backoff(world: World) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    await world.subscribe("-1", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
    world.telegram.fail_next(transient(), transient())
    results = await world.scheduler(backoff=2.0).run_due()
    assert [r.status for r in results] == ["sent"]
    assert world.telegram.attempts == 3 and len(world.telegram.delivered) == 1
    assert world.clock.sleeps[-2:] == [2.0, 4.0]


async def test_when_every_attempt_fails_it_is_tried_again_later(world: World, caplog: pytest.LogCaptureFixture) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    sub_id = await world.subscribe("-1", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
    world.telegram.fail_next(*(transient() for _ in range(3)))
    scheduler = world.scheduler(attempts=3, backoff=1.0, backoff_cap=1.5)
    assert [r.status for r in await scheduler.run_due()] == ["failed"]
    assert world.clock.sleeps[-2:] == [1.0, 1.5]  # bounded
    assert world.record(sub_id, date(2025, 6, 10))["status"] == "failed"  # type: ignore[index]
    assert "tried again in" in caplog.text
    assert await scheduler.run_due() == []  # not before the retry time
    world.clock.advance(timedelta(minutes=11))
    assert [r.status for r in await scheduler.run_due()] == ["sent"]
    assert await scheduler.run_due() == []
    assert len(world.telegram.delivered) == 1


async def test_a_permanent_failure_deactivates_the_subscription(world: World, caplog: pytest.LogCaptureFixture) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    sub_id = await world.subscribe("C9", "08:00 Europe/London", platform="slack")
    world.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
    world.slack.fail_next(permanent("channel_not_found"))
    assert [r.status for r in await world.scheduler().run_due()] == ["undeliverable"]
    assert world.slack.attempts == 1
    assert "deactivated" in caplog.text and "channel_not_found" in caplog.text
    assert SubscriptionBook(world.store).get(sub_id).active is False  # type: ignore[union-attr]
    world.clock.set(local(LONDON, 2025, 6, 11, 8, 0))
    assert await world.scheduler().run_due() == []


# ---- what is sent -----------------------------------------------------------------------------------
async def test_quiet_days_send_one_line_or_nothing(world: World) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    quiet = await world.subscribe("-1", "08:00 Europe/London empty:no")
    await world.subscribe("-2", "08:00 Europe/London")
    world.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
    results = {r.subscription_id: r.status for r in await world.scheduler().run_due()}
    assert results == {quiet: "skipped", "telegram:-2": "sent"}
    delivered = world.telegram.pop()
    assert delivered.place == "-2" and delivered.digest.empty and not world.telegram.delivered
    assert world.record(quiet, date(2025, 6, 10))["status"] == "skipped"  # type: ignore[index]


async def test_places_no_longer_allowed_and_missing_adapters_get_nothing(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    world.clock.set(local(LONDON, 2025, 6, 9, 12, 0))
    await world.subscribe("-1", "08:00 Europe/London")
    await world.subscribe("-2", "08:00 Europe/London")
    await world.close()
    locked = World(world.stores, world.db, world.clock, telegram_allowed_chats="-2")  # the allowlist changed since
    try:
        locked.clock.set(local(LONDON, 2025, 6, 10, 8, 0))
        results = {r.subscription_id: r.status for r in await locked.scheduler().run_due()}
        assert results == {"telegram:-1": "refused", "telegram:-2": "sent"}
        assert [d.place for d in locked.telegram.delivered] == ["-2"]
        assert "no longer on the allowlist" in caplog.text
        # Without a Telegram adapter in this process nothing is recorded, so a process that has one
        # still sends today's digest.
        locked.clock.set(local(LONDON, 2025, 6, 11, 8, 0))
        no_telegram = Scheduler(locked.service, [locked.slack], clock=locked.clock, sleep=locked.clock.sleep)
        assert {r.status for r in await no_telegram.run_due()} == {"refused", "no-adapter"}
        assert await no_telegram.run_due() == []  # logged once, not every round
        again = {r.subscription_id: r.status for r in await locked.scheduler().run_due()}
        assert again == {"telegram:-1": "refused", "telegram:-2": "sent"}
    finally:
        await locked.close()
        world.open()


async def test_background_jobs_stop_promptly(world: World) -> None:
    await world.subscribe("-1", "08:00 Europe/London")
    jobs = background_jobs(world.service, [world.telegram])
    # the scheduler and the feed poller; on PostgreSQL one job running both while it holds the lock
    assert len(jobs) == (1 if world.settings.database_url else 2)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(job(stop)) for job in jobs]
    await asyncio.sleep(0.05)
    assert not any(t.done() for t in tasks)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=2)
