#!/usr/bin/env python3
"""A 20-entry feed whose linked pages each take 2 s to answer, from a local server (issue 16).

    python benchmarks/feed_bench.py [--entries 20] [--delay 2] [--per-host 6] [--total 12]

Fetched one after another this took entries x delay (40 s); the ingestor fetches the links
concurrently, at most --per-host at once to one host (what browsers allow) and --total overall, all
under the feed's one deadline, so the figure to expect is ceil(entries / per-host) x delay (8 s).
Prints the wall time, the most requests the server saw at once, and what was stored.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiohttp import web  # noqa: E402

PARAGRAPHS = [
    "Port officials said on Monday that container traffic through the eastern terminal rose for the "
    "fourth month running, helped by new weekly services to ports across the region.",
    "Shipping lines added two more calls a week, and customs brokers said clearance times had fallen "
    "to under a day for most cargo since the new scanning equipment arrived.",
]


async def main(entries: int, delay: float, per_host: int, total: int) -> int:
    from bot.ingest import Ingestor
    from bot.ingest.fetch import Fetcher
    from bot.store import Store

    inflight = {"now": 0, "max": 0}

    async def story(request: web.Request) -> web.Response:
        inflight["now"] += 1
        inflight["max"] = max(inflight["max"], inflight["now"])
        await asyncio.sleep(delay)
        inflight["now"] -= 1
        n = request.match_info["n"]
        paras = "".join(f"<p>Story {n}. {p}</p>" for p in PARAGRAPHS)
        html = (f"<html><head><title>Terminal traffic, part {n}</title></head><body><article>"
                f"<h1>Terminal traffic, part {n}</h1>{paras}</article></body></html>")
        return web.Response(text=html, content_type="text/html")

    async def feed(request: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>Terminal traffic, part {n}</title><link>/story/{n}</link>"
            "<description>A short summary.</description></item>"
            for n in range(entries)
        )
        return web.Response(text=f'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Port Wire'
                                 f"</title>{items}</channel></rss>", content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/story/{n}", story)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "db.json")
        fetcher = Fetcher(user_agent="tradebrief-bench", timeout=30, allow_private=True)
        ingestor = Ingestor(store, fetcher=fetcher, max_fetches=total, max_fetches_per_host=per_host)
        t = time.perf_counter()
        report = await ingestor.ingest([f"http://127.0.0.1:{port}/feed.xml"])
        seconds = time.perf_counter() - t
        await fetcher.aclose()
        store.close()
    await runner.cleanup()
    print(f"{entries} entries, links answering in {delay:g} s each, per host {per_host}, total {total}")
    print(f"  ingested in {seconds:.2f} s (one after another: {entries * delay:.0f} s)")
    print(f"  most requests at once: {inflight['max']}")
    print(f"  stored {len(report.stored)}, failed {len(report.failed)}")
    for item in report.failed:
        print(f"    {item.target}: {item.error}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--delay", type=float, default=2.0)
    parser.add_argument("--per-host", type=int, default=6)
    parser.add_argument("--total", type=int, default=12)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.entries, args.delay, args.per_host, args.total)))
