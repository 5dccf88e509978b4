#!/usr/bin/env python3
"""Slow and idle connections against the HTTP endpoint: does a signed `/trade` still get its ack?

`tradebrief run` runs in a child process in Slack HTTP mode (the sample briefs in a temporary
store), with the file-descriptor limit most systems give a service (1,024) and its Web API pointed
at a fake Slack in this process (`tests/fakes/slack_api.py`). For each count N, this process opens
N connections to it on 127.0.0.1 (a third say nothing, a third send headers that never end, a third
promise a body that never comes), waits a moment, then sends signed `/trade` commands and times
each acknowledgement. It reports how many of the N connections the server still holds open when
the commands go in, the ack times, `/healthz`'s time, and how many bytes the bot logged.
Slack wants the ack within 3 s. Only 127.0.0.1 is used; every loop is bounded.

    python benchmarks/slow_connections.py                    # N = 0, 100, 300, 1000
    python benchmarks/slow_connections.py --counts 1000 3000 --timeout 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlack, sign, slash_command  # noqa: E402

SLOW = (
    b"",
    b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nX-Slow: ",
    b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 9000\r\n\r\n{",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def limit_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))


async def wait_until_up(base: str, deadline: float) -> None:
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(base + "/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the bot did not start listening in time")


async def still_open(reader: asyncio.StreamReader) -> bool:
    if reader.at_eof():
        return False
    try:
        data = await asyncio.wait_for(reader.read(4096), timeout=0.01)
    except TimeoutError:
        return True
    except ConnectionError:
        return False
    return bool(data) and not reader.at_eof()


async def one_round(base: str, fake: FakeSlack, count: int, samples: int) -> dict[str, float]:
    host, port = base.removeprefix("http://").split(":")
    held: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    opened = time.monotonic()
    for n in range(count):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), timeout=5)
        except (OSError, TimeoutError):
            continue
        if SLOW[n % 3]:
            writer.write(SLOW[n % 3])
        held.append((reader, writer))
    await asyncio.sleep(2.0)  # the bot accepts them all meanwhile
    open_now = sum(await asyncio.gather(*(still_open(r) for r, _ in held)))
    acks: list[float] = []
    async with aiohttp.ClientSession() as http:
        for _ in range(samples):
            body = slash_command("what did the UK and India agree?", response_url=fake.response_url())
            started = time.monotonic()
            try:
                async with http.post(base + "/slack/events", data=body.encode(), timeout=aiohttp.ClientTimeout(total=30),
                                     headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)}) as r:
                    await r.read()
                    ok = r.status == 200
            except (aiohttp.ClientError, TimeoutError):
                ok = False
            acks.append(time.monotonic() - started if ok else float("inf"))
            await asyncio.sleep(0.2)
        started = time.monotonic()
        try:
            async with http.get(base + "/healthz", timeout=aiohttp.ClientTimeout(total=30)) as r:
                await r.read()
            healthz = time.monotonic() - started
        except (aiohttp.ClientError, TimeoutError):
            healthz = float("inf")
    for _, writer in held:
        writer.close()
    return {"count": count, "connected": len(held), "held": open_now, "ack_max": max(acks),
            "ack_median": statistics.median(acks), "healthz": healthz, "opened_in": time.monotonic() - opened}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[0, 100, 300, 1000])
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=10.0, help="TRADEBRIEF_HTTP_TIMEOUT for the bot")
    parser.add_argument("--show-log", action="store_true", help="print the end of the bot's log")
    parser.add_argument("--max-connections", type=int, default=256, help="TRADEBRIEF_HTTP_MAX_CONNECTIONS")
    args = parser.parse_args()
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(limit[0], min(limit[1], max(args.counts) * 2 + 256)), limit[1]))

    fake = await FakeSlack().start()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tb-slow-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRADEBRIEF_", "SLACK_", "TELEGRAM_", "OPENAI_"))}
        env.update({
            "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_BASE_URL": fake.api_url,
            "TRADEBRIEF_DB": str(Path(tmp) / "store.json"), "TRADEBRIEF_HTTP_HOST": "127.0.0.1",
            "TRADEBRIEF_HTTP_PORT": str(port), "TRADEBRIEF_HTTP_TIMEOUT": str(args.timeout),
            "TRADEBRIEF_HTTP_MAX_CONNECTIONS": str(args.max_connections),
        })
        log_path = Path(tmp) / "bot.log"
        with open(log_path, "wb") as log:
            bot = subprocess.Popen([sys.executable, "-m", "adapters.cli", "run", "--no-console"], cwd=ROOT, env=env,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=limit_descriptors)
            try:
                base = f"http://127.0.0.1:{port}"
                await wait_until_up(base, time.monotonic() + 120)
                await asyncio.sleep(3.0)  # start-up work (index, first feed and digest checks) settles
                print(f"bot up (fd limit 1024, read timeout {args.timeout:g} s, cap {args.max_connections}); "
                      f"log {log_path.stat().st_size} bytes at start")
                print(f"{'slow/idle':>9} {'connected':>9} {'held':>5} {'/trade ack median':>18} {'max':>7} "
                      f"{'/healthz':>9} {'log +bytes':>10}")
                for count in args.counts:
                    before = log_path.stat().st_size
                    result = await one_round(base, fake, count, args.samples)
                    grown = log_path.stat().st_size - before
                    print(f"{count:>9} {result['connected']:>9} {result['held']:>5} {result['ack_median']:>17.3f}s "
                          f"{result['ack_max']:>6.3f}s {result['healthz']:>8.3f}s {grown:>10}")
                    await asyncio.sleep(1.0)
            finally:
                bot.terminate()
                try:
                    bot.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    bot.kill()
                    bot.wait()
        print(f"bot exit status {bot.returncode}; log {log_path.stat().st_size} bytes in all")
        if args.show_log:
            print(log_path.read_text(errors="replace")[-3000:])
    await fake.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
