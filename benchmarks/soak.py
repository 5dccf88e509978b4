#!/usr/bin/env python3
"""Soak: ingest, ask and send digests in a loop for minutes; does the peak RSS stay flat?

One process, one event loop, started the way `tradebrief run` starts (index warmed, heap settled),
over a store holding the sample briefs, the seed article and the BBC business corpus (read from
../shared/corpus, never copied). Then, until `--minutes` have passed:

- questions without pause, from eval/questions.jsonl and about the articles the soak wrote, asked
  by a rotating pool of 50 users (offline answers);
- every `--ingest-every` seconds one new article (generated here, different every time, so the
  store grows as it would from feeds) and one article already stored (a duplicate, refused);
- every `--digest-every` seconds a digest round through the real scheduler for five
  subscriptions with different filters, delivered to a counting double (`digest --send --force`).

Every minute it prints the peak RSS of that minute (sampled every 0.1 s, and the kernel's
high-water mark, reset each minute, where /proc allows), the store's size and the work done; at
the end it compares the last minute's peak with the second minute's (the first includes start-up).
Growth beyond `--tolerance-mb` is reported as not flat, with the articles added meanwhile beside it.

    python benchmarks/soak.py                 # ten minutes
    python benchmarks/soak.py --minutes 3
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import sample_paths, settle_heap  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.models import Asker, Digest  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.service import Tradebrief  # noqa: E402
from bot.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"
PROC_STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")

PARTIES = ["Kenya", "Chile", "Vietnam", "Norway", "Morocco", "Peru", "Ghana", "Malaysia", "Poland",
           "Uruguay", "Jordan", "Bangladesh", "Canada", "Tanzania", "Oman", "Colombia"]
GOODS = ["cut flowers", "copper cathodes", "frozen shrimp", "cocoa beans", "wind turbine blades",
         "olive oil", "polyester yarn", "lithium carbonate", "cashew nuts", "steel coils", "tea", "rice"]
SUBSCRIPTIONS = ["08:00 UTC", "09:30 Europe/London Kenya", "07:00 Asia/Karachi textiles",
                 "06:15 America/Lima keyword:tariff", "12:00 UTC Chile Peru empty:no"]


def generated_article(n: int, rng: random.Random) -> str:
    """A short trade story, different for every `n` (so its content hash and id are new)."""
    a, b = rng.sample(PARTIES, 2)
    goods = rng.choice(GOODS)
    share = rng.randint(3, 40)
    value = rng.randint(12, 900)
    return (
        f"{a} and {b} cut tariffs on {goods} (soak story {n})\n"
        f"Source: Soak Wire\nURL: https://soak.example/story/{n}\ndate 2025-06-{1 + n % 28:02d}\n\n"
        f"{a} and {b} agreed on Tuesday to cut import tariffs on {goods} by {share}% from July, trade "
        f"officials said after talks in the capital, in round {n} of their negotiations.\n\n"
        f"Shipments of {goods} between the two countries were worth ${value}m last year, according to "
        f"customs figures published by the statistics office.\n\n"
        f"Exporters in {a} said the lower tariff & simpler paperwork would help smaller firms, while "
        f"producers in {b} asked for a review after twelve months.\n\n"
        f"The ministers also said a joint committee on {goods} standards would meet before the end of "
        f"the year to settle certification rules.\n"
    )


def rss_mb() -> float:
    """Resident set size now, in MB (0 where /proc is missing)."""
    return _status_kb("VmRSS") / 1024


def _status_kb(name: str) -> float:
    try:
        for line in PROC_STATUS.read_text().splitlines():
            if line.startswith(name + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def reset_high_water_mark() -> bool:
    """Reset the kernel's peak RSS (VmHWM) so the next reading is this minute's peak."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


@dataclass
class CountingDeliverer:
    """A delivery target that counts digests and keeps none of them (keeping them would grow)."""

    name: str = "telegram"
    digests: int = 0
    items: int = 0

    async def deliver(self, place: str, digest: Digest) -> None:
        self.digests += 1
        self.items += len(digest.items)


@dataclass
class Minute:
    peak_sampled: float = 0.0
    questions: int = 0
    stored: int = 0
    duplicates: int = 0
    digests: int = 0
    max_lag_ms: float = 0.0
    answered: dict[str, int] = field(default_factory=dict)


async def build_store(path: Path) -> None:
    settings = load_settings(None, db=path, load_samples=False)
    with Store(path) as store:
        service = Tradebrief(settings, store)
        await service.ingestor().ingest([*map(str, sample_paths()), str(SEED), str(CORPUS)])
        await asyncio.to_thread(service.retriever.warm)
        await service.aclose()


async def soak(args: argparse.Namespace, db: Path, scratch: Path) -> int:
    rng = random.Random(args.seed)
    settings = load_settings(None, db=db, load_samples=False, rate_limit_per_minute=100_000)
    store = Store(db)
    service = Tradebrief(settings, store)
    await asyncio.to_thread(service.retriever.warm)
    deliverer = CountingDeliverer()
    users = [Asker("telegram", str(7000 + n), str(-(7000 + n)), is_private=False) for n in range(50)]
    for place, spec in enumerate(SUBSCRIPTIONS, start=1):
        await service.subscribe(Asker("telegram", "7000", str(-place), is_private=False), spec)
    scheduler = Scheduler(service, [deliverer])
    settle_heap()

    eval_questions = [json.loads(line)["q"] for line in
                      (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    own_questions = [f"What did {a} and {b} agree on {g}?" for a, b, g in
                     zip(PARTIES, reversed(PARTIES), itertools.cycle(GOODS), strict=False)]
    questions = itertools.cycle(eval_questions + own_questions)
    who = itertools.cycle(users)
    written: list[Path] = []
    minutes: list[Minute] = []
    current = Minute()
    can_reset = reset_high_water_mark()
    start = time.monotonic()
    end = start + args.minutes * 60
    next_ingest = start
    next_digest = start + args.digest_every
    next_minute = start + 60
    made = itertools.count(1)

    async def sample() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.1)
            lag = (time.perf_counter() - before - 0.1) * 1000
            current.peak_sampled = max(current.peak_sampled, rss_mb())
            current.max_lag_ms = max(current.max_lag_ms, lag)

    sampler = asyncio.create_task(sample())
    print(f"store: {len(store)} articles; soaking for {args.minutes:g} min "
          f"(peak RSS per minute{' + kernel high-water mark' if can_reset else ', sampled only'})")
    try:
        while (now := time.monotonic()) < end:
            if now >= next_ingest:
                next_ingest += args.ingest_every
                path = scratch / f"soak-{next(made)}.txt"
                path.write_text(generated_article(int(path.stem.split("-")[1]), rng), encoding="utf-8")
                targets = [str(path)] + ([str(rng.choice(written))] if written else [])
                written.append(path)
                report = await service.ingestor().ingest(targets)
                service.retriever.refresh()
                current.stored += len(report.stored)
                current.duplicates += sum(1 for item in report.items if item.status == "duplicate")
            if now >= next_digest:
                next_digest += args.digest_every
                results = await scheduler.send_all_now(force=True)
                current.digests += sum(1 for r in results if r.status == "sent")
            answer = await service.ask(next(questions), next(who))
            kind = "abstained" if answer.abstained else "cited"
            current.answered[kind] = current.answered.get(kind, 0) + 1
            current.questions += 1
            await asyncio.sleep(0)  # let the sampler in between questions, as other chats would be
            if time.monotonic() >= next_minute:
                next_minute += 60
                minutes.append(close_minute(current, len(minutes) + 1, len(store), can_reset))
                current = Minute()
    finally:
        sampler.cancel()
        await asyncio.gather(sampler, return_exceptions=True)
    part = time.monotonic() - (next_minute - 60)
    if current.questions and part > 30:  # a last part of a minute worth reporting
        minutes.append(close_minute(current, len(minutes) + 1, len(store), can_reset, seconds=part))
    await service.aclose()
    store.close()
    with Store(db, readonly=True) as reread:
        print(f"store reopened: {len(reread)} articles -> loads")
    return verdict(minutes, args.tolerance_mb)


def close_minute(minute: Minute, n: int, articles: int, can_reset: bool, seconds: float = 60.0) -> Minute:
    hwm = _status_kb("VmHWM") / 1024 if can_reset else 0.0
    minute.peak_sampled = max(minute.peak_sampled, hwm)
    reset_high_water_mark()
    answered = ", ".join(f"{v} {k}" for k, v in sorted(minute.answered.items()))
    label = f"minute {n:2d}" + (f" ({seconds:.0f} s)" if seconds < 59 else "")
    print(f"{label}: peak RSS {minute.peak_sampled:7.1f} MB | store {articles} articles "
          f"(+{minute.stored}, {minute.duplicates} duplicates refused) | {minute.questions} questions "
          f"({answered}) | {minute.digests} digests | max loop lag {minute.max_lag_ms:.0f} ms", flush=True)
    return minute


def verdict(minutes: list[Minute], tolerance_mb: float) -> int:
    if len(minutes) < 3:
        print("too short to judge: run at least three minutes")
        return 1
    second, last = minutes[1].peak_sampled, minutes[-1].peak_sampled
    growth = last - second
    flat = growth <= tolerance_mb
    print(f"peak RSS: minute 2 {second:.1f} MB, minute {len(minutes)} {last:.1f} MB, "
          f"growth {growth:+.1f} MB ({growth / second * 100:+.1f}%) -> "
          + ("flat" if flat else f"NOT flat (more than {tolerance_mb:g} MB)"))
    return 0 if flat else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--ingest-every", type=float, default=5.0, help="seconds between new articles")
    parser.add_argument("--digest-every", type=float, default=10.0, help="seconds between digest rounds")
    parser.add_argument("--tolerance-mb", type=float, default=10.0,
                        help="growth of the peak RSS still called flat")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if not CORPUS.is_dir() or not SEED.exists():
        print(f"needs {CORPUS} and {SEED}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tb-soak-"))
    try:
        db = work / "store.json"
        started = time.perf_counter()
        asyncio.run(build_store(db))
        print(f"built the store in {time.perf_counter() - started:.1f} s")
        scratch = work / "articles"
        scratch.mkdir()
        return asyncio.run(soak(args, db, scratch))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
