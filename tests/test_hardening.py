"""Hardening (issue 8): digests under SIGKILL, and secrets kept out of logs, errors and chats.

The digest test runs the real scheduler in a child process that is killed with SIGKILL at random
moments and started again, many times; what reached the "chat" is what its delivery double
appended (and fsynced) to a file. The secrets tests run the Telegram adapter, the Slack adapter
(HTTP mode) and the LLM client against their fakes with real-looking tokens, logging configured by
`bot.logs.setup_logging` at DEBUG into a captured stream, and go through the error paths.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.telegram import TelegramAdapter
from adapters.telegram.handlers import APOLOGY
from adapters.telegram.sending import RetryPolicy
from bot.answers import Answerer
from bot.config import load_settings
from bot.llm import LLMClient, OpenAIAnswerer
from bot.logs import setup_logging
from bot.models import Answer, Asker, Filters
from bot.retrieval import Retriever
from bot.scheduler import SentLog
from bot.service import Tradebrief
from bot.store import Store
from bot.subscriptions import SubscriptionBook
from tests.fakes.openai_api import FakeOpenAI, status
from tests.fakes.running import slack_bot
from tests.fakes.slack_api import FakeSlack, app_mention, slash_command
from tests.fakes.telegram_api import FakeTelegram, make_message_update
from tests.stores import Stores
from bot.storage_port import open_store

ROOT = Path(__file__).resolve().parent.parent


# ---- a digest is never sent twice, whatever moment the process dies -------------------------------

SUBSCRIPTIONS = 24  # six each at 06:00, 07:00, 08:00 and 09:00 UTC: due well inside one UTC day
START = datetime(2025, 6, 2, 5, 58, tzinfo=UTC)

_DIGEST_CHILD = textwrap.dedent(
    """
    import asyncio, json, os, sys
    from datetime import datetime, timedelta
    from bot.config import load_settings
    from bot.scheduler import Scheduler
    from bot.service import Tradebrief
    from bot.storage_port import open_store

    db, deliveries, clock_file = sys.argv[1:4]  # on PostgreSQL, TRADEBRIEF_DATABASE_URL names the store

    class Clock:
        # Fake time that runs on across restarts: each process starts where the last one stopped.
        def __init__(self):
            with open(clock_file) as f:
                self.now = datetime.fromisoformat(f.read().strip())
        def __call__(self):
            return self.now
        async def sleep(self, seconds):
            self.now += timedelta(seconds=seconds)
            tmp = clock_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(self.now.isoformat())
            os.replace(tmp, clock_file)
            await asyncio.sleep(0.002)

    class AppendingChat:
        # A chat platform: the request takes a while to arrive, the chat then has the digest (one
        # fsynced line), and the reply takes a while to come back. A kill can land in either wait.
        name = "telegram"
        def __init__(self, clock):
            self.clock = clock
            self.fd = os.open(deliveries, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        async def deliver(self, place, digest):
            await asyncio.sleep(0.01)
            line = json.dumps({"sub": digest.subscription_id, "day": self.clock().date().isoformat()})
            os.write(self.fd, (line + "\\n").encode())
            os.fsync(self.fd)
            await asyncio.sleep(0.01)

    async def main():
        clock = Clock()
        settings = load_settings(None, db=db)
        service = Tradebrief(settings, open_store(settings.store_location), clock=clock)
        scheduler = Scheduler(service, [AppendingChat(clock)], clock=clock, sleep=clock.sleep, max_pause=3600)
        print("ready", flush=True)
        await scheduler.run(asyncio.Event())

    asyncio.run(main())
    """
)


async def _subscribe_all(stores: Stores, db: Path) -> None:
    settings = stores.settings(db, load_samples=False)
    with stores.open(db) as store:
        service = Tradebrief(settings, store, clock=lambda: START.replace(hour=0))
        for n in range(SUBSCRIPTIONS):
            asker = Asker("telegram", "u1", str(-1000 - n), is_private=False)
            await service.subscribe(asker, f"{6 + n % 4:02d}:00 UTC")
        await service.aclose()


def test_digests_survive_sigkill_at_random_moments_and_are_never_sent_twice(tmp_path: Path, stores: Stores) -> None:
    db = tmp_path / "store.json"
    deliveries = tmp_path / "delivered.jsonl"
    clock_file = tmp_path / "clock.txt"
    clock_file.write_text(START.isoformat())
    asyncio.run(_subscribe_all(stores, db))

    rng = random.Random(8)
    kills = 0
    cut_short = 0  # digests a kill caught between "sending" and "sent" (reported by the next process)

    def delivered_now() -> Counter[tuple[str, str]]:
        lines = deliveries.read_text().splitlines() if deliveries.exists() else []
        return Counter((d["sub"], d["day"]) for d in map(json.loads, lines))

    # At least 10 rounds, and more (up to 40) until kills have landed between "sending" and "sent"
    # twice: on a loaded machine a child may send little before its kill. The last process then runs
    # until every digest is out, so "restarts carried on sending" does not depend on the machine's speed.
    for round_ in range(41):
        last = round_ == 40 or (round_ >= 10 and cut_short >= 2)
        child = subprocess.Popen(
            [sys.executable, "-c", _DIGEST_CHILD, str(db), str(deliveries), str(clock_file)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "ready", child.communicate()[1][-2000:]
        if last:
            deadline = time.monotonic() + 120
            while len(delivered_now()) < SUBSCRIPTIONS and time.monotonic() < deadline:
                time.sleep(0.05)
        else:
            time.sleep(rng.uniform(0.05, 0.45))  # the scheduler is sending: kill it anywhere
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        kills += child.returncode == -signal.SIGKILL
        assert "Traceback" not in err, err[-2000:]
        with stores.open(db, readonly=True) as store:  # loads after every kill, with all it held
            assert len(SubscriptionBook(store).active()) == SUBSCRIPTIONS
            cut_short = len(SentLog(store).records("interrupted"))
        if last:
            break

    delivered = delivered_now()
    twice = [key for key, count in delivered.items() if count > 1]
    assert not twice, f"digests delivered more than once: {twice[:5]}"
    assert kills >= 8, "the child stopped on its own; the kills proved nothing"
    assert len(delivered) >= SUBSCRIPTIONS, len(delivered)  # restarts carried on sending

    with stores.open(db, readonly=True) as store:
        log = SentLog(store)
        # Every digest a chat received was recorded before it was sent: its row is on disk.
        for sub_id, day in delivered:
            record = log.get(sub_id, date.fromisoformat(day))
            assert record is not None and record["status"] in {"sent", "sending", "interrupted"}, (sub_id, day, record)
        # Kills landed between "sending" on disk and "sent" on disk (the moment that matters), and
        # the next process reported those digests instead of sending them again.
        interrupted = log.records("interrupted")
        assert len(interrupted) >= 2, [r["status"] for r in log.records()][:40]


# ---- secrets never reach logs, error messages or chats --------------------------------------------

TG_TOKEN = "7261934058:AAHq3v8Xw-kT9pZr2LmN4sB7dQ1yF6cJ0eU"
SLACK_TOKEN = "xoxb-2750135604-8800114422-Zq7XwV3pLm9sT2rK5yH8uJ4d"
SLACK_SECRET = "7d3f9a0c1b2e4d5f8a6b3c9e0f1d2a4b"
OPENAI_KEY = "sk-proj-Jx8Kq2Lm7Np4Rs9Tv3Wy6Zb1Cd5Fg0Hh"
SECRETS = (TG_TOKEN, SLACK_TOKEN, SLACK_SECRET, OPENAI_KEY)
NOISY = ("httpx", "httpcore", "telegram.ext", "slack_bolt", "slack_sdk", "apscheduler")


def leaked(text: str) -> list[str]:
    """The secrets (or their distinctive tails) found in `text`."""
    return [s for s in SECRETS if s in text or s[-16:] in text]


@pytest.fixture
def real_logging() -> Iterator[Any]:
    """`setup_logging` at DEBUG with its own handler writing into a StringIO (not caplog)."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, {name: logging.getLogger(name).level for name in NOISY})
    stream = io.StringIO()

    def configure(secrets: list[str]) -> io.StringIO:
        original = sys.stderr
        sys.stderr = stream  # setup_logging's handler writes to the stderr of the moment
        try:
            setup_logging("DEBUG", secrets)
        finally:
            sys.stderr = original
        return stream

    yield configure
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


class CrashingAnswerer(Answerer):
    """The real answerer, except that a question saying "explode" fails the way a library might,
    with the bot's URL (token and all) in the exception text."""

    def __init__(self, store: Store, url: str, llm: OpenAIAnswerer | None = None) -> None:
        super().__init__(Retriever(store), llm)
        self.url = url

    async def answer(self, question: str, filters: Filters | None = None, *,
                     conversation: str | None = None) -> Answer:
        if "explode" in question:
            raise RuntimeError(f"connection reset while calling {self.url}/sendMessage")
        return await super().answer(question, filters)


async def test_telegram_and_llm_errors_leak_no_secret(tmp_path: Path, seed_path: Path, real_logging: Any, stores: Stores) -> None:
    openai_fake = FakeOpenAI(default=status(500, f"upstream rejected key {OPENAI_KEY}"))
    openai_fake.then(status(429, f"slow down, {OPENAI_KEY}", headers={"retry-after": "0.05"}))
    async with FakeTelegram(token=TG_TOKEN) as tg:
        settings = stores.settings(
            tmp_path / "store.json", load_samples=False, telegram_token=TG_TOKEN,
            telegram_base_url=tg.base_url, openai_api_key=OPENAI_KEY, openai_base_url=openai_fake.base_url,
            llm_timeout=1.0,
        )
        stream = real_logging(settings.secrets())
        store = open_store(settings.store_location)
        http = openai_fake.client()
        llm = OpenAIAnswerer(LLMClient(settings, http_client=http))
        service = Tradebrief(settings, store, llm=llm, answerer=CrashingAnswerer(store, tg.base_url + TG_TOKEN, llm))
        await service.ingestor().ingest([str(seed_path)])
        service.retriever.refresh()
        adapter = TelegramAdapter(service, settings, poll_timeout=1, request_timeout=5,
                                  retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05))
        try:
            await adapter.start()
            tg.fail("sendMessage", status=429, retry_after=1)  # flood control on the first answer
            tg.fail("sendChatAction", status=500)
            await tg.push_update(make_message_update("which sectors were agreed?", chat_id=501, user_id=501))
            await tg.push_update(make_message_update("explode, please", chat_id=502, user_id=502))
            [answer] = await tg.wait_sent(501, timeout=10)
            [apology] = await tg.wait_sent(502, timeout=10)
        finally:
            await adapter.stop()
            await service.aclose()
            await http.aclose()
            store.close()
    logs = stream.getvalue()
    assert "tractor" in answer.text and apology.text == APOLOGY
    # The errors happened and were logged, with the secret-bearing parts scrubbed.
    assert "ask command from telegram user 502 in 502 failed: RuntimeError" in logs and "***" in logs
    assert "answering offline" in logs and "flood control" in logs
    assert len(openai_fake.chat_requests) >= 2  # the 429, then at least one 500
    assert not leaked(logs), logs[-3000:]
    # Nothing the bot sent to Telegram or to the LLM carries a secret (the token rides in the URL
    # path and the key in the Authorization header, as the protocols require; neither is recorded).
    for call in tg.calls:
        assert not leaked(json.dumps(call.params, default=str)), call.method
    for request in openai_fake.requests:
        assert not leaked(json.dumps(request.body)), request.path
        assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"


async def test_slack_errors_leak_no_secret(tmp_path: Path, seed_path: Path, real_logging: Any, stores: Stores) -> None:
    options: dict[str, Any] = dict(slack_bot_token=SLACK_TOKEN, slack_signing_secret=SLACK_SECRET)
    stream = real_logging(load_settings(None, **options).secrets())
    form, json_type = "application/x-www-form-urlencoded", "application/json"
    refused = await FakeSlack(bot_token="xoxb-0000-a-token-of-another-app").start()
    slack = await FakeSlack(bot_token=SLACK_TOKEN).start()

    def crashing(store: Store) -> CrashingAnswerer:
        return CrashingAnswerer(store, f"{slack.api_url}chat.postMessage?token={SLACK_TOKEN}")

    try:
        # A token Slack refuses: one line at start, and requests get Bolt's own refusal.
        async with slack_bot(refused, stores.location(tmp_path / "a.json"), [seed_path], **options) as bot:
            body = slash_command("help", response_url=refused.response_url())
            assert (await bot.post(body, form, secret=SLACK_SECRET))[0] == 200

        # The right token, and everything else that can go wrong.
        async with slack_bot(slack, stores.location(tmp_path / "b.json"), [seed_path], answerer=crashing, **options) as bot:
            slack.rate_limit("response", retry_after=1)
            slack.fail_channel("C0GONE", "channel_not_found")
            ok_url, crash_url = slack.response_url("ok"), slack.response_url("crash")
            for body, kind, secret, expected in [
                (slash_command("which sectors were agreed?", response_url=ok_url), form, SLACK_SECRET, 200),
                (slash_command("explode, please", response_url=crash_url), form, SLACK_SECRET, 200),
                (slash_command("help", response_url=ok_url), form, "forged", 401),
                (app_mention("which sectors were agreed?", channel="C0GONE"), json_type, SLACK_SECRET, 200),
            ]:
                assert (await bot.post(body, kind, secret=secret))[0] == expected
            await slack.wait_for("response", count=3, timeout=10)  # the 429, its retry, the apology
            await slack.wait_for("chat.postMessage", timeout=10)  # refused: channel_not_found
    finally:
        await refused.close()
        await slack.close()
    logs = stream.getvalue()
    assert "invalid_auth" in logs and "channel_not_found" in logs
    assert "ask command from slack user" in logs and "***" in logs  # the crash, its URL scrubbed
    assert not leaked(logs), logs[-3000:]
    for call in refused.calls + slack.calls:
        assert not leaked(json.dumps(call.body, default=str)), call.method
        if call.method in ("response", "socket.ack"):
            assert not leaked(json.dumps(call.headers)), "a response URL needs no token"
        else:
            assert call.headers.get("Authorization") == f"Bearer {SLACK_TOKEN}"  # where the protocol wants it
