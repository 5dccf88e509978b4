#!/usr/bin/env python3
"""The PostgreSQL store at growing sizes: ingest rate, open, one-article commit, ask latency, RSS.

Fills one database in steps (default 10,000 then 50,000 then 100,000 articles: copies of the BBC
business corpus read from ../shared, each with a distinct reference line) and after each step
measures, each in a fresh process so the figures do not hide each other:
- ingest: articles per second of the step, and the ingesting process's peak RSS;
- open: a read-only handle (connect, schema check, count);
- commit: adding one article then `commit()` (median of 5), and how long `commit_async()` holds
  the event loop (the transaction runs in a worker thread);
- ask: in-process p50/p99 over the evaluation questions (offline answers; building or loading the
  search index is reported apart; a question the core fails on is counted and left out) and that
  process's peak RSS;
- `tradebrief ask` as a process, start-up included (median of 3, index cache warm).

Without --database-url a throwaway cluster is started (tests/pgcluster.py: Debian's initdb/pg_ctl)
with fsync off, so the figures are the database's work, not the disk's. A database that already
holds a step's articles is measured without ingesting (so a stopped run resumes).

    python benchmarks/pg_bench.py [--steps 10000,50000,100000] [--database-url postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_business"

_PHASE = r"""
import asyncio, json, resource, statistics, sys, time
sys.path.insert(0, {root!r})
from bot.pg.store import PgStore
phase, url, src = sys.argv[1], sys.argv[2], sys.argv[3]
out = {{}}
t = time.perf_counter()
if phase == "ingest":
    from bot.ingest import Ingestor
    from bot.facts import extract_facts
    store = PgStore(url)
    report = asyncio.run(Ingestor(store, extractors=[extract_facts]).ingest([src]))
    store.close()
    out = {{"stored": len(report.stored), "failed": len(report.failed)}}
elif phase == "open":
    store = PgStore(url, readonly=True)
    out = {{"articles": len(store)}}
    out["open_s"] = time.perf_counter() - t
    out.update(sentences=store.sentence_count(), facts=store.fact_count())
elif phase == "commit":
    from bot.ingest import build_sentences, content_hash
    from bot.models import Article
    store = PgStore(url)
    out["open_s"] = time.perf_counter() - t
    commits, held = [], []
    for n in range(5):
        body = f"Bench commit {{n}} at {{time.time()}}: a port moved {{n}} more containers. Officials were pleased."
        digest = content_hash(body)
        article = Article(digest[:10], f"Bench {{n}}", "Bench wire", None, "2025-01-01",
                          "2025-01-01T00:00:00+00:00", digest, "en", body)
        store.add_article(article, build_sentences(article.id, body))
        if n % 2 == 0:
            c = time.perf_counter(); store.commit(); commits.append(time.perf_counter() - c)
        else:
            async def once():
                loop_held = []
                c = time.perf_counter()
                task = asyncio.ensure_future(store.commit_async())
                await asyncio.sleep(0)  # commit_async ran up to its thread hand-off
                loop_held.append(time.perf_counter() - c)
                await task
                return time.perf_counter() - c, loop_held[0]
            total, h = asyncio.run(once())
            commits.append(total); held.append(h)
    out.update(commit_median_ms=statistics.median(commits) * 1000, loop_held_max_ms=max(held) * 1000)
    store.close()
elif phase == "ask":
    from bot.answers import Answerer
    from bot.retrieval import open_retriever
    qs = [json.loads(l)["q"] for l in open({root!r} + "/eval/questions.jsonl") if l.strip()]
    store = PgStore(url, readonly=True)
    retriever = open_retriever(store)
    w = time.perf_counter(); retriever.warm(); out["index_ready_s"] = time.perf_counter() - w
    answerer = Answerer(retriever)
    failing = set()
    async def run():
        for q in qs:
            try:
                await answerer.answer(q)
            except Exception:
                failing.add(q)
        times = []
        for _ in range(3):
            for q in qs:
                if q in failing:
                    continue
                a = time.perf_counter(); await answerer.answer(q); times.append((time.perf_counter() - a) * 1000)
        return times
    times = sorted(asyncio.run(run()))
    out["core_errors"] = len(failing)
    out.update(p50_ms=times[len(times) // 2], p99_ms=times[min(len(times) - 1, int(0.99 * len(times)))])
out["seconds"] = time.perf_counter() - t
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def phase(name: str, url: str, src: Path | str = "-") -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", _PHASE.format(root=str(ROOT)), name, url, str(src)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_copies(target: Path, start: int, end: int) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    target.mkdir(parents=True, exist_ok=True)
    for n in range(start, end):
        title, _, body = files[n % len(files)].read_text(encoding="utf-8").partition("\n")
        (target / f"{n:06d}.txt").write_text(
            f"{title}\n{body.rstrip()}\n\nReference copy {n // len(files)} of item {n}.\n", encoding="utf-8")


def process_ask(url: str, question: str, runs: int = 3) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEBRIEF_")}
    env["TRADEBRIEF_DATABASE_URL"] = url
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "adapters.cli", "ask", question], check=True,
                       capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", default="10000,50000,100000", help="store sizes to measure at")
    parser.add_argument("--database-url", help="an empty database (default: a throwaway cluster)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    steps = [int(s) for s in args.steps.split(",")]
    cluster = None
    url = args.database_url
    if not url:
        from tests.pgcluster import PostgresCluster

        cluster = PostgresCluster().start()
        url = cluster.database("bench")
    try:
        from bot.pg.store import PgStore

        PgStore(url).close()  # a writer's open migrates the schema (the read-only open needs it)
        done = 0
        with tempfile.TemporaryDirectory() as tmp:
            for size in steps:
                folder = Path(tmp) / f"to-{size}"
                have = int(phase("open", url)["articles"])
                if have >= size:
                    ingest = {"stored": 0, "seconds": 1.0, "peak_rss_mb": 0.0}
                else:
                    write_copies(folder, have, size)
                    ingest = phase("ingest", url, folder)
                done = size
                opened = phase("open", url)
                commit = phase("commit", url)
                ask = phase("ask", url)
                proc = process_ask(url, "which sectors were agreed between Pakistan and Belarus?")
                row = {
                    "articles": opened["articles"], "sentences": opened["sentences"], "facts": opened["facts"],
                    "ingest_articles_per_s": round(ingest["stored"] / ingest["seconds"], 1),
                    "ingest_peak_rss_mb": round(ingest["peak_rss_mb"]),
                    "open_s": round(opened["open_s"], 3), "commit_ms": round(commit["commit_median_ms"], 1),
                    "loop_held_ms": round(commit["loop_held_max_ms"], 2),
                    "index_ready_s": round(ask["index_ready_s"], 2), "ask_p50_ms": round(ask["p50_ms"], 1),
                    "ask_p99_ms": round(ask["p99_ms"], 1), "core_errors": ask["core_errors"], "ask_peak_rss_mb": round(ask["peak_rss_mb"]),
                    "process_ask_s": round(proc, 2),
                }
                print(json.dumps(row), flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
