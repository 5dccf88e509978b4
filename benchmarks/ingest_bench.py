#!/usr/bin/env python3
"""Ingest benchmark: the BBC business corpus (510 articles) and a copy scaled to 10,000 articles.

Prints ingest time, store size on disk, time to open the store, and peak RSS of each phase, each
in a fresh process so the figures do not hide each other. Targets on a 2-core machine: 10,000
articles ingested in under 60 s, the store opened in under 2 s, peak RSS under 1 GB.

    python benchmarks/ingest_bench.py [--articles 10000] [--keep DIR]

The corpus is read from ../shared/corpus/bbc_business (research licence: never copied into the
repository); scaled copies are written to a temporary directory and differ by a reference line.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_business"

_PHASE = r"""
import asyncio, json, resource, sys, time
sys.path.insert(0, {root!r})
from bot.store import Store
phase, db, src = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
if phase == "ingest":
    from bot.ingest import Ingestor
    from bot.facts import extract_facts
    store = Store(db)
    report = asyncio.run(Ingestor(store, extractors=[extract_facts]).ingest([src]))
    store.close()
    extra = {{"stored": len(report.stored), "failed": len(report.failed)}}
else:
    store = Store(db, readonly=True)
    extra = {{"articles": len(store), "sentences": store.sentence_count(), "facts": store.fact_count()}}
elapsed = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "peak_rss_mb": rss, **extra}}))
"""


def phase(name: str, db: Path, src: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _PHASE.format(root=str(ROOT)), name, str(db), str(src)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def scaled_corpus(target: Path, count: int) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    target.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = files[n % len(files)]
        title, _, body = source.read_text(encoding="utf-8").partition("\n")
        copy = n // len(files)
        (target / f"{n:05d}.txt").write_text(
            f"{title}\n{body.rstrip()}\n\nReference copy {copy} of item {n}.\n", encoding="utf-8"
        )


def report(label: str, db: Path, src: Path) -> None:
    ingest = phase("ingest", db, src)
    size_mb = db.stat().st_size / 1e6
    opened = phase("open", db, src)
    print(f"{label}:")
    print(f"  ingested {ingest['stored']:.0f} articles ({ingest['failed']:.0f} failed) in {ingest['seconds']:.1f} s"
          f" = {ingest['stored'] / ingest['seconds']:.0f} articles/s; peak RSS {ingest['peak_rss_mb']:.0f} MB")
    print(f"  store on disk {size_mb:.1f} MB: {opened['articles']:.0f} articles, "
          f"{opened['sentences']:.0f} sentences, {opened['facts']:.0f} facts")
    print(f"  opened in {opened['seconds']:.2f} s; peak RSS {opened['peak_rss_mb']:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the stores in this directory (for ask_bench.py)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for old in work.glob("*.json*"):
            if old.is_file():
                old.unlink()
        report("BBC business corpus (510 files)", work / "bbc.json", CORPUS)
        scaled = Path(tmp) / "scaled"
        t = time.perf_counter()
        scaled_corpus(scaled, args.articles)
        print(f"(wrote {args.articles} scaled files in {time.perf_counter() - t:.1f} s)")
        report(f"Scaled corpus ({args.articles} files)", work / "scaled.json", scaled)
    print(f"benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
