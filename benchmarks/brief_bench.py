#!/usr/bin/env python3
"""Brief benchmark: `build_brief` on a store of ~10,000 articles (built by ingest_bench.py --keep DIR).

Prints, per topic, how many articles matched and the time to build the brief in a process that has
the store open (the bot's case): the median of 5 runs after one warm-up, and the first (cold) run.
Also the time to render it as Markdown and as HTML (the HTML page draws the chart, importing
matplotlib on first use) and the wall time of one `tradebrief brief` process, start-up included.
Target: a brief in under 1 s offline.

    python benchmarks/ingest_bench.py --keep /tmp/tb-bench      # once, builds the stores
    python benchmarks/brief_bench.py --store /tmp/tb-bench/scaled.json
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.brief import build_brief  # noqa: E402
from bot.brief_render import to_html, to_markdown  # noqa: E402
from bot.store import Store  # noqa: E402

TOPICS = ("United States", "China Japan", "oil", "EU steel", "Yukos", "Pakistan Kenya")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="a store built by ingest_bench.py --keep")
    parser.add_argument("--topic", action="append", help="topics to brief (default: a fixed mix)")
    args = parser.parse_args()
    if not args.store.exists():
        print(f"no store at {args.store}; run benchmarks/ingest_bench.py --keep DIR first", file=sys.stderr)
        return 2
    t = time.perf_counter()
    store = Store(args.store, readonly=True)
    print(f"store of {len(store)} articles opened in {time.perf_counter() - t:.2f} s")
    worst = 0.0
    for topic in args.topic or TOPICS:
        t = time.perf_counter()
        brief = build_brief(store, topic)
        cold = time.perf_counter() - t
        times = []
        for _ in range(5):
            t = time.perf_counter()
            brief = build_brief(store, topic)
            times.append(time.perf_counter() - t)
        median = statistics.median(times)
        worst = max(worst, median, cold)
        t = time.perf_counter()
        to_markdown(brief)
        md = time.perf_counter() - t
        t = time.perf_counter()
        to_html(brief)
        page = time.perf_counter() - t
        shown = "empty" if brief.empty else (
            f"{brief.articles} of {brief.matched} articles, {sum(len(s.lines) for s in brief.sections)} lines, "
            f"{len(brief.sources)} sources" + (", chart" if brief.chart else ""))
        print(f"{topic!r:>18}: build {median * 1000:6.0f} ms median (cold {cold * 1000:.0f} ms); "
              f"markdown {md * 1000:.0f} ms, html {page * 1000:.0f} ms  [{shown}]")
    store.close()
    # The chart is drawn only by renderers that show it (HTML, Telegram, Slack): time one in a fresh
    # process, matplotlib's import included, then a second one.
    code = (
        "import time; t = time.perf_counter()\n"
        "from bot.brief import BriefChart, ChartPoint\nfrom bot.brief_chart import chart_png\n"
        "points = tuple(ChartPoint(str(2020 + i), 40e6 + 9e6 * i, f'${40 + 9 * i}m', i + 1) for i in range(5))\n"
        "chart_png(BriefChart('Bilateral trade (USD)', 'bilateral trade', 'USD', points))\n"
        "first = time.perf_counter() - t; t = time.perf_counter()\n"
        "chart_png(BriefChart('Exports (USD)', 'exports', 'USD', points[:3]))\n"
        "print(f'{first * 1000:.0f} {(time.perf_counter() - t) * 1000:.0f}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode == 0:
        first, again = out.stdout.split()
        print(f"chart PNG: first {first} ms (matplotlib import included), then {again} ms")
    cli = ROOT / ".venv" / "bin" / "tradebrief"
    if cli.exists():
        t = time.perf_counter()
        out = subprocess.run([str(cli), "--db", str(args.store), "brief", "China Japan"],
                             capture_output=True, text=True)
        wall = time.perf_counter() - t
        status = "ok" if out.returncode == 0 else f"exit {out.returncode}: {out.stderr.strip()[:200]}"
        print(f"`tradebrief brief 'China Japan'` process wall time {wall:.2f} s ({status})")
    print(f"slowest in-process brief: {worst * 1000:.0f} ms (target < 1000 ms)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
