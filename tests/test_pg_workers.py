"""Two `tradebrief run` workers on one PostgreSQL database behind a load balancer (Telegram in
webhook mode, against a fake Bot API): every update answered once, each subscription's digest sent
once, and killing the worker that holds the scheduler lock hands the schedule to the other."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import psycopg

from bot.config import load_settings
from bot.pg.store import PgStore
from bot.service import Tradebrief
from tests.conftest import ROOT, SEED
from tests.fakes.telegram_api import TOKEN, FakeTelegram, make_message_update

SECRET = "two-workers_secret-1"
QUESTIONS = 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Worker:
    def __init__(self, name: str, url: str, tg: FakeTelegram, tmp: Path) -> None:
        self.name = name
        self.port = _free_port()
        self.log = tmp / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRADEBRIEF_", "OPENAI_", "TELEGRAM_", "SLACK_"))}
        env.update({
            "TRADEBRIEF_DATABASE_URL": url, "TRADEBRIEF_DB": str(tmp / f"{name}-unused.json"),
            "TRADEBRIEF_LOAD_SAMPLES": "false", "TRADEBRIEF_LOCK_POLL_SECONDS": "0.2",
            "TRADEBRIEF_HTTP_PORT": str(self.port), "TRADEBRIEF_LOG_LEVEL": "INFO",
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": tg.base_url,
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook",  # the load balancer
            "TELEGRAM_WEBHOOK_SECRET": SECRET, "PYTHONPATH": str(ROOT),
        })
        self.process = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", "run", "--no-console"], cwd=tmp, env=env,
            stdin=subprocess.DEVNULL, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram/webhook"

    async def ready(self, session: aiohttp.ClientSession) -> None:
        async with asyncio.timeout(60):
            while True:
                assert self.process.poll() is None, self.log.read_text()
                try:
                    async with session.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _leader_pid(url: str) -> int | None:
    """The OS pid of the worker holding the scheduler lock (its lock connection's application name)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted").fetchone()
    return int(row[0].rsplit("-", 1)[1]) if row else None


async def _until(predicate, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


def _subscribe(store: PgStore, chat_ids: range, now: datetime) -> None:
    for chat in chat_ids:
        store.put_subscription({
            "id": f"telegram:{chat}", "platform": "telegram", "place": str(chat), "user_id": "7",
            "time": now.strftime("%H:%M"), "timezone": "UTC", "send_empty": True, "active": True,
            "created_at": (now - timedelta(hours=1)).isoformat(timespec="seconds"),
        })


async def _seed(url: str, tmp: Path) -> None:
    settings = load_settings(None, database_url=url, db=tmp / "seed-unused.json", load_samples=False)
    store = PgStore(url)
    service = Tradebrief(settings, store)
    report = await service.ingestor().ingest([str(SEED)])
    assert report.stored and not report.failed, report
    await service.aclose()
    store.close()


async def test_two_workers_share_questions_digests_and_the_schedule(pg_url: str, tmp_path: Path) -> None:
    await _seed(pg_url, tmp_path)
    now = datetime.now(UTC)
    first_round = range(-2001, -2007, -1)
    with PgStore(pg_url) as store:
        _subscribe(store, first_round, now)

    async with FakeTelegram() as tg, aiohttp.ClientSession() as session:
        workers = [Worker("a", pg_url, tg, tmp_path), Worker("b", pg_url, tg, tmp_path)]
        try:
            await asyncio.gather(*(w.ready(session) for w in workers))

            # 200 questions spread over both workers, as a load balancer would
            async def ask(n: int) -> int:
                update = make_message_update("which sectors were agreed?", chat_id=10_000 + n, user_id=10_000 + n)
                update["update_id"] = 50_000 + n
                headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
                async with session.post(workers[n % 2].webhook, json=update, headers=headers) as response:
                    return response.status

            statuses = await asyncio.gather(*(ask(n) for n in range(QUESTIONS)))
            assert set(statuses) == {200}
            asked = {10_000 + n for n in range(QUESTIONS)}
            await _until(lambda: asked <= {c.chat_id for c in tg.sent(method="sendMessage")}, "every answer")

            # the digest round: with both workers up, each subscription gets one digest
            digests = set(first_round)
            await _until(lambda: digests <= {c.chat_id for c in tg.sent(method="sendMessage")}, "the digests")

            # the lock holder dies: frozen first (so it cannot send), new subscriptions due, then killed
            leader = _leader_pid(pg_url)
            holder = next(w for w in workers if w.process.pid == leader)
            survivor = next(w for w in workers if w is not holder)
            holder.process.send_signal(signal.SIGSTOP)
            second_round = range(-3001, -3004, -1)
            with PgStore(pg_url) as store:
                _subscribe(store, second_round, now)
            holder.process.kill()
            holder.process.wait()
            await _until(lambda: _leader_pid(pg_url) == survivor.process.pid, "the survivor to take the lock")
            late = set(second_round)
            await _until(lambda: late <= {c.chat_id for c in tg.sent(method="sendMessage")}, "the survivor's digests")
            survivor.stop()
            assert survivor.process.returncode == 0, survivor.log.read_text()[-3000:]
        finally:
            for worker in workers:
                worker.stop()

        per_chat = Counter(c.chat_id for c in tg.sent(method="sendMessage"))
        assert all(per_chat[chat] == 1 for chat in asked), [c for c in asked if per_chat[c] != 1][:5]
        assert {chat: per_chat[chat] for chat in (*first_round, *second_round)} == {
            chat: 1 for chat in (*first_round, *second_round)}
        answers = [c.text for c in tg.sent(method="sendMessage") if c.chat_id in asked]
        assert all("bus" in text and "tractor" in text for text in answers)
        with PgStore(pg_url, readonly=True) as store:
            sent = {r["key"].split("|")[0]: r["status"] for r in store.sent_records()}
        assert sent == {f"telegram:{chat}": "sent" for chat in (*first_round, *second_round)}
        both = [w for w in workers if "digest for telegram:" in w.log.read_text()]
        assert len(both) == 2  # each worker sent digests: the first holder, then the survivor
