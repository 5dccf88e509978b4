#!/usr/bin/env python3
"""Load: simulated Telegram users asking at once, through the real adapter and a fake Bot API.

The fake Bot API (`tests/fakes/telegram_api.py`) runs in a child process, as Telegram's servers
would run elsewhere, so the bot's process carries only the bot (in the same process the fake
would share the bot's GIL and its costs would show up as the bot's). The real `TelegramAdapter`
(python-telegram-bot, long polling) answers from a store holding the sample briefs, the seed
article and the BBC business corpus (read from ../shared/corpus, never copied), started the way
`tradebrief run` starts it (search index warmed off the loop, heap settled).

Every user sits in a group of their own and sends `/ask <question>` (questions drawn from
eval/questions.jsonl); all updates are queued in the fake at the same instant. Group answers carry
`reply_parameters`, so each answer is matched to the exact message that asked it. Latency is
"update queued in the fake" -> "the bot's first sendMessage for it received by the fake". Unless
`--no-writes`, every user also sends one `/subscribe`, so the store is written while questions
are being answered; afterwards the store is reopened to check it loads and holds what was written.

A monitor coroutine sleeps 10 ms in a loop on the bot's event loop and records how late it wakes:
the overshoot is how long something held the loop. Target: never more than 100 ms.
`--find-blocking 50` samples the loop thread's stack whenever the loop is held over 50 ms (the
sampling thread takes the GIL too, so figures run a little higher with it). Exit status 0 when
every question was answered, the lag stayed under the target and the store reopened intact.

    python benchmarks/load_telegram.py                       # 20 users, 200 questions
    python benchmarks/load_telegram.py --users 50 --questions 500 --keep /tmp/tb-load
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from adapters.telegram import TelegramAdapter  # noqa: E402
from adapters.telegram.handlers import APOLOGY  # noqa: E402
from bot.app import sample_paths, settle_heap  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.errors import StoreError  # noqa: E402
from bot.service import DENIED_MESSAGE, Tradebrief  # noqa: E402
from bot.store import Store, copy_store  # noqa: E402
from bot.subscriptions import SubscriptionBook  # noqa: E402
from tests.fakes.telegram_api import TOKEN, FakeTelegram, make_message_update  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"
LAG_TARGET_MS = 100.0
TICK = 0.010


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# ---- the fake Bot API, in a process of its own -------------------------------------------------
@dataclass(frozen=True)
class Reply:
    """What the bot sent, as the fake recorded it (only what the figures need)."""

    method: str
    status: int
    chat_id: int | None
    reply_to: int | None
    text: str
    has_markup: bool
    at: float  # time.monotonic() in the fake's process: the same clock on Linux


def _serve_fake(conn: Connection) -> None:
    """The child process: serve `FakeTelegram` and obey the parent's commands over the pipe."""

    async def main() -> None:
        loop = asyncio.get_running_loop()
        async with FakeTelegram() as fake:
            conn.send(fake.base_url)
            seen = 0
            while True:
                command, payload = await loop.run_in_executor(None, conn.recv)
                if command == "push":  # queue every update at once; answer when each was queued
                    queued = {}
                    for update in payload:
                        message = update["message"]
                        queued[(message["chat"]["id"], message["message_id"])] = time.monotonic()
                        await fake.push_update(update)
                    conn.send(queued)
                elif command == "calls":  # the calls recorded since the last time asked
                    calls, seen = fake.calls[seen:], len(fake.calls)
                    conn.send([
                        Reply(c.method, c.status, c.chat_id,
                              (c.params.get("reply_parameters") or {}).get("message_id"),
                              c.text, bool(c.params.get("reply_markup")), c.at)
                        for c in calls
                    ])
                else:
                    conn.send(None)
                    return

    asyncio.run(main())


class FakeTelegramProcess:
    """`FakeTelegram` in a child process, as Telegram's servers would be elsewhere: the bot's
    process then holds only the bot (a fake in the same process would share its GIL)."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve_fake, args=(child,), name="fake-telegram", daemon=True)
        self.base_url = ""

    async def _ask(self, command: str, payload: Any = None) -> Any:
        def exchange() -> Any:
            self.conn.send((command, payload))
            return self.conn.recv()

        return await asyncio.to_thread(exchange)

    async def start(self) -> str:
        self.process.start()
        self.base_url = await asyncio.to_thread(self.conn.recv)
        return self.base_url

    async def push(self, updates: list[dict[str, Any]]) -> dict[tuple[int, int], float]:
        return await self._ask("push", updates)

    async def calls(self) -> list[Reply]:
        return await self._ask("calls")

    async def stop(self) -> None:
        if self.process.is_alive():
            await self._ask("stop")
        await asyncio.to_thread(self.process.join, 10)


# ---- the event loop monitor -----------------------------------------------------------------------
class LoopMonitor:
    """Sleeps `tick` seconds over and over and records how late each wake-up was (in ms)."""

    def __init__(self, tick: float = TICK) -> None:
        self.tick = tick
        self.lags: list[tuple[float, float]] = []  # (time it woke, ms late)
        self.last_tick = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.tick)
            woke = time.perf_counter()
            self.last_tick = time.monotonic()
            self.lags.append((time.monotonic(), max(0.0, (woke - before - self.tick) * 1000)))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    def between(self, start: float, end: float) -> list[float]:
        return [ms for at, ms in self.lags if start <= at <= end]


class BlockingFinder:
    """A watchdog thread: when the loop has not ticked for `threshold` seconds, it samples the
    loop thread's stack, so the figures say where the loop was held (not only for how long)."""

    def __init__(self, monitor: LoopMonitor, threshold: float) -> None:
        self.monitor = monitor
        self.threshold = threshold
        self.samples: Counter[str] = Counter()
        self._loop_thread = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="blocking-finder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            if time.monotonic() - self.monitor.last_tick < self.threshold:
                continue
            frame = sys._current_frames().get(self._loop_thread)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            ours = [f for f in stack if "/site-packages/" not in f.filename and "/lib/python3" not in f.filename]
            where = ours[-3:] if ours else stack[-3:]
            lib = stack[-1]
            self.samples[" <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where))
                         + f"  [in {Path(lib.filename).name}:{lib.lineno} {lib.name}]"] += 1

    def report(self, top: int = 12) -> None:
        total = sum(self.samples.values())
        print(f"where the loop was held > {self.threshold * 1000:.0f} ms ({total} samples, 5 ms apart):")
        for where, count in self.samples.most_common(top):
            print(f"  {count:4d}  {where}")


# ---- the store --------------------------------------------------------------------------------------
async def build_store(path: Path) -> tuple[int, float]:
    """Ingest the sample briefs, the seed and the BBC corpus; return articles and seconds."""
    settings = load_settings(None, db=path, load_samples=False)
    store = Store(path)
    service = Tradebrief(settings, store)
    started = time.perf_counter()
    targets = [*map(str, sample_paths()), str(SEED), str(CORPUS)]
    report = await service.ingestor().ingest(targets)
    if report.failed:
        print(f"warning: {len(report.failed)} inputs failed, e.g. {report.failed[0].error}")
    await asyncio.to_thread(service.retriever.warm)  # saves the search index next to the store
    seconds = time.perf_counter() - started
    count = len(store)
    await service.aclose()
    store.close()
    return count, seconds


def usable(path: Path) -> bool:
    """Whether a kept store opens with this version of the code."""
    try:
        Store(path, readonly=True).close()
    except StoreError:
        return False
    return True


def questions(count: int, rng: random.Random) -> list[str]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    pool = [json.loads(line)["q"] for line in lines if line.strip()]
    return [rng.choice(pool) for _ in range(count)]


# ---- the run ----------------------------------------------------------------------------------------
def kind_of(call: Reply) -> str:
    text = call.text
    if call.has_markup or "[1]" in text:
        return "cited answer"
    if text.startswith("I found nothing"):
        return "abstention"
    if DENIED_MESSAGE in text or "faster than" in text:
        return "refusal"
    if APOLOGY in text:
        return "apology"
    return "other"


async def run(args: argparse.Namespace, db: Path) -> int:
    rng = random.Random(args.seed)

    server = FakeTelegramProcess()
    base_url = await server.start()
    per_user = math.ceil(args.questions / args.users) + (0 if args.no_writes else 1)
    settings = load_settings(
        None, db=db, load_samples=False, telegram_token=TOKEN, telegram_base_url=base_url,
        rate_limit_per_minute=max(10, per_user),
    )
    store = Store(db)
    articles_before = len(store)
    service = Tradebrief(settings, store)
    # Start-up as `tradebrief run` does it: index warmed off the loop, adapter built, heap settled.
    await asyncio.to_thread(service.retriever.warm)
    adapter = TelegramAdapter(service, settings)
    settle_heap()

    # Every update is built now and queued at once, in the fake's own loop.
    asked = questions(args.questions, rng)
    updates: list[tuple[dict[str, Any], str | None]] = []
    for n, question in enumerate(asked):
        user = n % args.users
        update = make_message_update(
            f"/ask {question}", chat_id=-(100_000 + user), user_id=10_000 + user, chat_type="group",
            message_id=1 + n,
        )
        updates.append((update, question))
    if not args.no_writes:
        for user in range(args.users):
            at = rng.randrange(len(updates) + 1)
            update = make_message_update(
                f"/subscribe 0{user % 10}:30 Europe/London", chat_id=-(100_000 + user), user_id=10_000 + user,
                chat_type="group", message_id=100_000 + user,
            )
            updates.insert(at, (update, None))
    keys = [(u["message"]["chat"]["id"], u["message"]["message_id"]) for u, q in updates if q is not None]
    writes = [(u["message"]["chat"]["id"], u["message"]["message_id"]) for u, q in updates if q is None]
    monitor = LoopMonitor()
    monitor.start()
    finder = BlockingFinder(monitor, args.find_blocking / 1000) if args.find_blocking else None
    if finder:
        finder.start()
    await adapter.start()
    await asyncio.sleep(0.3)  # the first getUpdates is waiting
    started = time.monotonic()
    queued = await server.push([u for u, _q in updates])

    # Replies are matched to the message they answer as they arrive.
    got: dict[tuple[int, int], Reply] = {}
    sent: list[Reply] = []
    expected = len(keys) + len(writes)
    deadline = started + args.timeout
    while len(got) < expected and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        for call in await server.calls():
            sent.append(call)
            if call.method == "sendMessage" and call.status == 200 and call.reply_to and call.chat_id:
                got.setdefault((call.chat_id, int(call.reply_to)), call)
    finished = max((c.at for c in got.values()), default=time.monotonic())
    await asyncio.sleep(0.2)
    await monitor.stop()
    if finder:
        finder.stop()
    await adapter.stop()
    await service.aclose()
    store.close()
    sent.extend(await server.calls())
    rejected = [c for c in sent if c.status != 200 and c.method != "getUpdates"]
    await server.stop()

    # ---- figures ----
    latencies = [(got[k].at - queued[k]) * 1000 for k in keys if k in got]
    kinds: dict[str, int] = {}
    for k in keys:
        if k in got:
            kinds[kind_of(got[k])] = kinds.get(kind_of(got[k]), 0) + 1
    lags = monitor.between(started, finished)
    all_lags = [ms for _, ms in monitor.lags]
    answered = len(latencies)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; the fake Bot API in its own process")
    print(f"store: {articles_before} articles; {args.users} users, {len(keys)} questions"
          + ("" if args.no_writes else f" + {len(writes)} /subscribe writes") + ", all queued at once")
    print(f"answered: {answered}/{len(keys)} in {finished - started:.2f} s "
          f"({answered / max(finished - started, 1e-9):.1f} questions/s); "
          + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))
    if latencies:
        print(f"latency (queued -> answer received): p50 {pct(latencies, 0.5):.0f} ms, "
              f"p95 {pct(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms, "
              f"mean {statistics.mean(latencies):.0f} ms")
    if not args.no_writes:
        print(f"subscribe replies: {sum(1 for k in writes if k in got)}/{len(writes)}")
    print(f"calls the fake rejected: {len(rejected)}"
          + (f" ({sorted({(c.method, c.status) for c in rejected})})" if rejected else ""))
    if lags:
        verdict = "OK" if max(lags) <= LAG_TARGET_MS else f"OVER the {LAG_TARGET_MS:.0f} ms target"
        print(f"event loop lag during the load ({len(lags)} samples of a {TICK * 1000:.0f} ms sleep): "
              f"max {max(lags):.1f} ms, p99 {pct(lags, 0.99):.1f} ms, p50 {pct(lags, 0.5):.1f} ms -> {verdict}")
        print(f"event loop lag over the whole run (start-up and shutdown included): max {max(all_lags):.1f} ms")

    if finder:
        finder.report()

    # ---- the store afterwards ----
    raw = orjson.loads(db.read_bytes())  # the file is whole JSON
    with Store(db, readonly=True) as reread:
        subscriptions = SubscriptionBook(reread).all()
        ok = len(reread) == articles_before and (args.no_writes or len(subscriptions) == len(writes))
        print(f"store reopened: {len(reread)} articles, {len(subscriptions)} subscriptions, "
              f"{len(raw)} tables -> {'intact' if ok else 'NOT as expected'}")
    good = answered == len(keys) and ok and (not lags or max(lags) <= LAG_TARGET_MS)
    return 0 if good else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--no-writes", action="store_true", help="questions only, no /subscribe")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for every answer")
    parser.add_argument("--seed", type=int, default=8, help="random seed for the question mix")
    parser.add_argument("--keep", type=Path, help="build the store here once and reuse it in later runs")
    parser.add_argument("--find-blocking", type=float, metavar="MS", default=0,
                        help="sample the loop thread's stack whenever the loop is held over MS ms")
    args = parser.parse_args()
    if not CORPUS.is_dir() or not SEED.exists():
        print(f"needs {CORPUS} and {SEED}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tb-load-"))
    try:
        built = (args.keep or work / "built") / "store.json"
        if built.exists() and not usable(built):
            print(f"{built} was built by another version of Tradebrief; building it again")
            built.unlink()
            shutil.rmtree(built.with_name(built.name + ".index"), ignore_errors=True)
        if not built.exists():
            built.parent.mkdir(parents=True, exist_ok=True)
            count, seconds = asyncio.run(build_store(built))
            print(f"built the store: {count} articles in {seconds:.1f} s (index included)")
        db = work / "run" / "store.json"
        db.parent.mkdir()
        copy_store(built, db)
        index = built.with_name(built.name + ".index")
        if index.is_dir():
            shutil.copytree(index, db.with_name(db.name + ".index"))
        return asyncio.run(run(args, db))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
