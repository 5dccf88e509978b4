#!/usr/bin/env python3
"""Question latency on a large store, beside SQLite FTS5 on the same sentences.

Prints, for a store of ~10,000 articles (built by ingest_bench.py --keep DIR):
- in-process `ask` latency (offline mode): p50 / p99 over the evaluation questions, repeated;
- process-level `tradebrief ask` wall time, start-up included (median of 5, index cache warm);
- the same candidate retrieval done by SQLite FTS5 (bm25 ranking, top 12) and the ratio.
Targets: p50 < 10 ms, p99 < 50 ms, process-level < 1.5 s.

    python benchmarks/ingest_bench.py --keep /tmp/tb-bench      # once, builds the stores
    python benchmarks/ask_bench.py --store /tmp/tb-bench/scaled.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Answerer  # noqa: E402
from bot.question import analyse  # noqa: E402
from bot.retrieval import open_retriever  # noqa: E402
from bot.store import Store  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def questions() -> list[str]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text().splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


async def in_process(store: Store, qs: list[str], rounds: int) -> list[float]:
    retriever = open_retriever(store)
    t = time.perf_counter()
    retriever.warm()
    print(f"search index ready in {time.perf_counter() - t:.2f} s (loaded from cache or built)")
    answerer = Answerer(retriever)
    for q in qs:  # warm caches once
        await answerer.answer(q)
    times = []
    for _ in range(rounds):
        for q in qs:
            t = time.perf_counter()
            await answerer.answer(q)
            times.append((time.perf_counter() - t) * 1000)
    return times


def fts5(store: Store, qs: list[str], rounds: int) -> list[float]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, text, tokenize='porter')")
    ids = store.sentence_ids()
    t = time.perf_counter()
    db.executemany("INSERT INTO s VALUES (?, ?)", zip(ids, store.sentence_texts(ids), strict=True))
    db.commit()
    print(f"FTS5 index over {len(ids)} sentences built in {time.perf_counter() - t:.2f} s")
    times = []
    for _ in range(rounds):
        for q in qs:
            words = [w for w in analyse(q).terms if re.fullmatch(r"\w+", w)]  # stop words dropped, as ours
            match = " OR ".join(f'"{w}"' for w in words) or '"trade"'
            t = time.perf_counter()
            db.execute("SELECT id FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 12", (match,)).fetchall()
            times.append((time.perf_counter() - t) * 1000)
    return times


def process_level(store_path: Path, question: str, runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "adapters.cli", "--db", str(store_path), "ask", question],
                       check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="a store built by ingest_bench.py --keep")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    t = time.perf_counter()
    store = Store(args.store, readonly=True)
    print(f"store: {len(store)} articles, {store.sentence_count()} sentences, opened in {time.perf_counter() - t:.2f} s")
    qs = questions()
    ours = asyncio.run(in_process(store, qs, args.rounds))
    print(f"in-process ask ({len(ours)} questions): p50 {pct(ours, 0.5):.2f} ms, p99 {pct(ours, 0.99):.2f} ms, "
          f"mean {statistics.mean(ours):.2f} ms")
    theirs = fts5(store, qs, args.rounds)
    print(f"SQLite FTS5 retrieval only: p50 {pct(theirs, 0.5):.2f} ms, p99 {pct(theirs, 0.99):.2f} ms")
    print(f"ratio ours/FTS5 (full answer vs retrieval only): p50 {pct(ours, 0.5) / pct(theirs, 0.5):.2f}x, "
          f"p99 {pct(ours, 0.99) / pct(theirs, 0.99):.2f}x")
    store.close()
    cli = process_level(args.store, "which sectors were agreed?")
    print(f"process-level `tradebrief ask` (start-up included): median {statistics.median(cli):.2f} s, "
          f"max {max(cli):.2f} s over {len(cli)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
