#!/usr/bin/env python3
"""Store benchmark at 10k/50k/100k articles: ingest rate, open, one commit, ask p50/p99, RSS.

For each size, a scaled copy of the BBC business corpus (as ingest_bench.py makes it) is
ingested into a new store, then each measurement runs in a fresh process:
- ingest: articles/s and peak RSS of the whole ingest (offline fact extraction included);
- open: opening the store read-only, and its peak RSS;
- commit: adding one article to the open store (`add_article` + `commit_async`, as `/add` and the
  feed poller do): median and max wall time over 5 articles, and the longest the event loop was
  blocked meanwhile (a 1 ms ticker's largest gap);
- ask: the search index built from scratch (a new store: every part), then in-process answers to
  the evaluation questions: p50/p99; peak RSS;
- the index from its cache in a new process (time to ready, peak RSS);
- `tradebrief ask` process: wall time of the command, start-up included (median of 3);
- commit: five articles added in one process (above);
- add one article, then ask: one article committed by one process, then the next `tradebrief ask`
  process (wall time; it builds the open segment's changed index part), and, after another
  article, a process that only gets the index ready (time, parts built, peak RSS).
Targets at 100,000 articles (2 cores): ingest <= 5 min, open <= 2 s, commit <= 100 ms with the
loop blocked <= 20 ms, `tradebrief ask` <= 1.5 s, peak RSS <= 1 GB.

    python benchmarks/store_bench.py --articles 10000 [50000 100000] [--keep DIR] [--root CHECKOUT]

`--root` runs the phases against another checkout (e.g. the previous release) for before/after
figures. The corpus is read from ../shared/corpus/bbc_business (never copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_business"
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_bench import scaled_corpus  # noqa: E402

_PHASE = r"""
import asyncio, json, resource, statistics, sys, time
sys.path.insert(0, {root!r})
phase, db, arg = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
out = {{}}
from bot.store import Store
if phase == "ingest":
    from bot.ingest import Ingestor
    from bot.facts import extract_facts
    store = Store(db)
    report = asyncio.run(Ingestor(store, extractors=[extract_facts]).ingest([arg]))
    store.close()
    out = {{"stored": len(report.stored), "failed": len(report.failed)}}
elif phase == "open":
    store = Store(db, readonly=True)
    out = {{"articles": len(store)}}
elif phase == "commit":
    from bot.ingest import build_sentences, content_hash
    from bot.facts import extract_facts
    from bot.models import Article
    store = Store(db)
    out["open_writable"] = time.perf_counter() - t
    texts = json.loads(arg)
    async def main():
        gaps = []
        stop = asyncio.Event()
        async def ticker():
            last = time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now
        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        times, blocked = [], []
        for n, body in enumerate(texts):
            digest = content_hash(body)
            article = Article(id=digest[:12], title=f"Bench article {{n}}", source="bench", url=None,
                              published="2026-01-01", ingested_at="2026-01-01T00:00:00+00:00",
                              content_hash=digest, language="en", body=body)
            sentences = build_sentences(article.id, body)
            facts = extract_facts(article, sentences)
            await asyncio.sleep(0.02)
            gaps.clear()
            start = time.perf_counter()
            store.add_article(article, sentences, facts)
            await store.commit_async()
            times.append(time.perf_counter() - start)
            await asyncio.sleep(0.005)
            blocked.append(max(gaps, default=0.0))
        stop.set()
        await tick
        return times, blocked
    times, blocked = asyncio.run(main())
    store.close()
    out.update({{"commit_median": statistics.median(times), "commit_max": max(times),
                "loop_blocked_max": max(blocked)}})
elif phase == "ask":
    from bot.answers import Answerer
    from bot.retrieval import Retriever
    store = Store(db, readonly=True)
    retriever = Retriever(store)
    w = time.perf_counter()
    retriever.warm()
    out["index_ready"] = time.perf_counter() - w
    out["parts_built"] = getattr(retriever, "parts_built", -1)
    out["parts"] = len(getattr(getattr(retriever, "_index", None), "parts", ()))
    out["index_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answerer = Answerer(retriever)
    qs = json.loads(arg)
    if not qs:  # only the index: ready, and its memory
        print(json.dumps({{**out, "seconds": time.perf_counter() - t,
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
        sys.exit(0)
    failed = []
    async def one(q):
        try:
            await answerer.answer(q)
        except Exception as exc:  # counted and shown: a crash in answering is not the store's figure
            failed.append(f"{{q}}: {{type(exc).__name__}}: {{exc}}")
    async def run():
        for q in qs[:20]:
            await one(q)
        times = []
        for q in qs:
            s = time.perf_counter()
            await one(q)
            times.append((time.perf_counter() - s) * 1000)
        return sorted(times)
    times = asyncio.run(run())
    out.update({{"p50_ms": times[len(times) // 2], "p99_ms": times[min(len(times) - 1, int(0.99 * len(times)))],
                "ask_errors": len(set(failed))}})
    for line in sorted(set(failed)):
        print("ask failed:", line, file=sys.stderr)
out["seconds"] = time.perf_counter() - t
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def phase(root: Path, name: str, db: Path, arg: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", _PHASE.format(root=str(root)), name, str(db), arg],
                            capture_output=True, text=True, cwd=root)
    if result.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{result.stderr[-3000:]}")
    for line in result.stderr.splitlines():
        if line.startswith("ask failed:"):
            print(line, file=sys.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def disk_size(db: Path) -> float:
    files = [db, *db.with_name(db.name + ".segments").glob("*")] if db.exists() else []
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


def questions() -> list[str]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text().splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def ask_process(root: Path, db: Path, question: str, runs: int = 3) -> list[tuple[float, float]]:
    """(wall seconds, peak RSS in MB) of each `tradebrief ask` process."""
    import os

    runs_done = []
    for _ in range(runs):
        t = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "adapters.cli", "--db", str(db), "ask", question],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"tradebrief ask exited with {child.returncode}")
        runs_done.append((time.perf_counter() - t, usage.ru_maxrss / 1024))
    return runs_done


def additions(stamp: str, count: int, offset: int = 0) -> str:
    """Bodies of new articles (BBC texts with a line that makes them new each run)."""
    files = sorted(CORPUS.glob("*.txt"))[offset:offset + count]
    return json.dumps([f.read_text(encoding="utf-8").partition("\n")[2] + f"\nBench addition {offset + n} at {stamp}."
                       for n, f in enumerate(files)])


def bench(root: Path, count: int, work: Path, reuse: bool = False) -> dict[str, float]:
    scaled = work / f"corpus-{count}"
    db = work / f"store-{count}.json"
    if reuse and db.exists():  # measured before: only open, ask and commit are measured again
        ingest = {"stored": float(count), "seconds": float("nan"), "peak_rss_mb": 0.0}
    else:
        if not scaled.exists():
            scaled_corpus(scaled, count)
        for old in work.glob(f"store-{count}.json*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        ingest = phase(root, "ingest", db, str(scaled))
    size = disk_size(db)
    opened = phase(root, "open", db, "")
    ask = phase(root, "ask", db, json.dumps(questions()))  # builds the index once, or loads it
    again = phase(root, "ask", db, "[]")  # a new process: the index as cached
    cli = sorted(ask_process(root, db, "which sectors were agreed?"))
    stamp = time.strftime("%H%M%S")  # new articles each run
    commit = phase(root, "commit", db, additions(stamp, 5))
    # One article added (as `tradebrief ingest` of one page), then the next `tradebrief ask` process,
    # then (after another) a process that only gets its index ready: what adding costs the next ask.
    phase(root, "commit", db, additions(stamp, 1, offset=5))
    added_cli, added_cli_rss = ask_process(root, db, "which sectors were agreed?", runs=1)[0]
    phase(root, "commit", db, additions(stamp, 1, offset=6))
    added = phase(root, "ask", db, "[]")
    row = {
        "articles": ingest["stored"], "ingest_s": ingest["seconds"], "rate": ingest["stored"] / ingest["seconds"],
        "ingest_rss": ingest["peak_rss_mb"], "disk_mb": size, "open_s": opened["seconds"],
        "open_rss": opened["peak_rss_mb"], "open_writable_s": commit["open_writable"],
        "commit_ms": commit["commit_median"] * 1000, "commit_max_ms": commit["commit_max"] * 1000,
        "blocked_ms": commit["loop_blocked_max"] * 1000, "commit_rss": commit["peak_rss_mb"],
        "index_s": ask["index_ready"], "index_parts_built": ask.get("parts_built", -1),
        "index_build_rss": ask.get("index_rss_mb", 0.0), "p50_ms": ask["p50_ms"], "p99_ms": ask["p99_ms"],
        "ask_rss": ask["peak_rss_mb"], "ask_errors": ask.get("ask_errors", 0),
        "cached_index_s": again["index_ready"], "cached_index_rss": again["peak_rss_mb"],
        "cli_s": cli[len(cli) // 2][0], "cli_rss": max(rss for _, rss in cli),
        "added_cli_s": added_cli, "added_cli_rss": added_cli_rss,
        "added_index_s": added["index_ready"], "added_parts_built": added.get("parts_built", -1),
        "added_rss": added["peak_rss_mb"],
    }
    print(f"{count} articles: " + json.dumps({k: round(v, 3) for k, v in row.items()}), flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000])
    parser.add_argument("--keep", type=Path, help="build the corpora and stores here and keep them")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose store is measured")
    parser.add_argument("--reuse", action="store_true", help="with --keep: measure an existing store again "
                        "(open, ask, commit; its search index is rebuilt if the articles changed)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = [bench(args.root.resolve(), count, work, args.reuse) for count in args.articles]
    print()
    print("| articles | store on disk | ingest (peak RSS) | open (RSS) | commit one article (median / max) | "
          "event loop blocked | index from scratch (peak RSS) | index from cache (RSS) | ask p50 / p99 (RSS) | "
          "`tradebrief ask` process | add one article, then `tradebrief ask` | add one, then index ready (parts "
          "built, RSS) | peak RSS of any step |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        peak = max(r["ingest_rss"], r["open_rss"], r["commit_rss"], r["ask_rss"], r["cached_index_rss"],
                   r["added_rss"], r["cli_rss"], r["added_cli_rss"])
        print(f"| {r['articles']:,.0f} | {r['disk_mb']:.0f} MB | {r['ingest_s']:.0f} s, {r['rate']:.0f}/s "
              f"({r['ingest_rss']:.0f} MB) | {r['open_s']:.2f} s ({r['open_rss']:.0f} MB) | "
              f"{r['commit_ms']:.0f} / {r['commit_max_ms']:.0f} ms | {r['blocked_ms']:.0f} ms | "
              f"{r['index_s']:.1f} s, {r['index_parts_built']} parts ({r['index_build_rss']:.0f} MB) | "
              f"{r['cached_index_s']:.2f} s ({r['cached_index_rss']:.0f} MB) | "
              f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} ms ({r['ask_rss']:.0f} MB) | {r['cli_s']:.2f} s "
              f"({r['cli_rss']:.0f} MB) | {r['added_cli_s']:.2f} s ({r['added_cli_rss']:.0f} MB) | {r['added_index_s']:.2f} s ({r['added_parts_built']}, "
              f"{r['added_rss']:.0f} MB) | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
