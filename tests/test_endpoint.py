"""The shared HTTP endpoint under abuse: idle and trickling connections, unsigned and malformed
bodies, bodies in the log, forged log lines. Real sockets on 127.0.0.1, the real adapter and a
fake Slack API; the figures for 1,000 connections are in benchmarks/slow_connections.py."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.slack.adapter import ACK_TEXT
from bot.logs import setup_logging
from tests.fakes.running import RunningSlack, slack_bot
from tests.fakes.slack_api import FakeSlack, sign, slash_command
from tests.stores import Stores

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
ARTICLE = (
    "Chile and India widen their trade pact\nSource: Santiago Export Letter\ndate 2025-08-14\n\n"
    "Chile and India agreed to widen their partial trade agreement to cover copper and lithium.\n\n"
    "The new chapter cuts Indian tariffs on Chilean copper cathodes from 5% to zero.\n"
)


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """`setup_logging` as `tradebrief run` does it, writing into a StringIO; restored afterwards."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    names = ("httpx", "httpcore", "telegram.ext", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp")
    levels = {name: logging.getLogger(name).level for name in names}
    stream = io.StringIO()
    original, sys.stderr = sys.stderr, stream
    try:
        setup_logging("INFO")
    finally:
        sys.stderr = original
    yield stream
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
async def bot(tmp_path: Path, log_output: io.StringIO, stores: Stores) -> AsyncIterator[RunningSlack]:
    article = tmp_path / "chile.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fake = await FakeSlack().start()
    try:
        async with slack_bot(fake, stores.location(tmp_path / "store.json"), [article], http_timeout=1.0,
                             http_max_connections=32) as running:
            yield running
    finally:
        await fake.close()


async def post(bot: RunningSlack, body: str, content_type: str, headers: dict[str, str]) -> tuple[int, str]:
    async with bot.http.post(bot.base + "/slack/events", data=body.encode(),
                             headers={"Content-Type": content_type, **headers}) as response:
        return response.status, await response.text()


async def trade(bot: RunningSlack, question: str) -> tuple[int, str]:
    body = slash_command(question, response_url=bot.fake.response_url())
    return await post(bot, body, FORM, sign(body))


def lines(stream: io.StringIO, start: int) -> list[str]:
    return stream.getvalue()[start:].splitlines()


# ---- bodies that are not Slack requests ------------------------------------------------------------
async def test_unsigned_and_malformed_bodies_get_400_or_401_and_one_log_line(
    bot: RunningSlack, log_output: io.StringIO
) -> None:
    now = str(int(time.time()))
    cases = [
        ("[1,2]", JSON, {}, 401),
        ('"x"', JSON, {}, 401),
        ('{"type": "event_callback"}', JSON, {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"}, 401),
        ("[1,2]", JSON, {"X-Slack-Request-Timestamp": "１２３", "X-Slack-Signature": "v0=00"}, 401),
        ("[1,2]", JSON, {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "v0=00"}, 401),
        ("[1,2]", JSON, sign("[1,2]"), 400),
        ('"x"', JSON, sign('"x"'), 400),
        ("null", JSON, sign("null"), 400),
    ]
    for body, content_type, headers, expected in cases:
        start = len(log_output.getvalue())
        status, _ = await post(bot, body, content_type, headers)
        assert status == expected, (body, headers)
        logged = lines(log_output, start)
        assert len(logged) == 1 and "adapters.slack" in logged[0], (body, logged)
        assert "Traceback" not in log_output.getvalue()
    status, ack = await trade(bot, "what did Chile and India agree?")
    assert status == 200 and json.loads(ack)["text"] == ACK_TEXT  # a signed command still goes through


async def test_request_bodies_never_reach_the_log_and_control_characters_are_escaped(
    bot: RunningSlack, log_output: io.StringIO
) -> None:
    marker = "BODY-MARKER-7f3a"
    forged = f"token=x&text={marker}\n12:00:00 ERROR bot: forged line \x1b[2J" + "a" * 200_000
    start = len(log_output.getvalue())
    for _ in range(5):  # badly signed requests, as an attacker sends them
        status, _ = await post(bot, forged, FORM, {"X-Slack-Request-Timestamp": str(int(time.time())),
                                                   "X-Slack-Signature": "v0=" + "0" * 64})
        assert status == 401
    output = log_output.getvalue()[start:]
    assert marker not in output and "forged line" not in output
    assert len(output) < 2_000  # five short lines, not five bodies

    # our own lines carry text from outside: a newline or an escape sequence stays visible, inert
    logging.getLogger("adapters.slack").warning("question was %r", None)
    logging.getLogger("adapters.slack").warning("question was %s", "hi\n12:00:00 ERROR bot: forged\x1b]0;pwned\x07")
    last = log_output.getvalue().splitlines()[-1]
    assert last.endswith("question was hi\\n12:00:00 ERROR bot: forged\\x1b]0;pwned\\x07")
    assert "\x1b" not in log_output.getvalue()


def test_library_debug_lines_need_debug_and_an_explicit_opt_in() -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    payload = "socket mode payload response_url=https://hooks.slack.invalid/commands/T1/2/x"
    try:
        outputs = []
        for level, libraries in (("INFO", True), ("DEBUG", False), ("DEBUG", True)):
            stream, original = io.StringIO(), sys.stderr
            sys.stderr = stream
            try:
                setup_logging(level, libraries=libraries)
            finally:
                sys.stderr = original
            # a library logger configured as Bolt configures its own: with an explicit level
            library = logging.getLogger("slack_sdk.socket_mode.builtin.client")
            library.setLevel(logging.DEBUG)
            library.debug(payload)
            logging.getLogger("slack_bolt.AsyncApp").warning("a library warning always shows")
            try:
                raise ConnectionRefusedError("Connect call failed")
            except ConnectionRefusedError:  # as Socket Mode logs each reconnect try
                logging.getLogger("slack_bolt.tradebrief").exception("Failed to connect; Retrying...")
            outputs.append(stream.getvalue())
        assert [payload in out for out in outputs] == [False, False, True]
        assert all("a library warning always shows" in out for out in outputs)
        # a library's error: one line, unless library logging was opted into
        assert ["Traceback" in out for out in outputs] == [False, False, True]
        assert "Failed to connect; Retrying... (ConnectionRefusedError)" in outputs[0]
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        logging.getLogger("slack_sdk.socket_mode.builtin.client").setLevel(logging.NOTSET)
        for name in ("httpx", "httpcore", "telegram.ext", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp"):
            logging.getLogger(name).setLevel(logging.NOTSET)


# ---- connections that say nothing ------------------------------------------------------------------
async def _closed(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            while await reader.read(4096):
                pass  # a 408 answer, then the close
        return True
    except (TimeoutError, ConnectionError):
        return False


async def test_idle_and_trickling_connections_are_closed_and_a_signed_trade_is_still_acked(
    bot: RunningSlack, log_output: io.StringIO
) -> None:
    host, port = bot.base.removeprefix("http://").split(":")
    start = len(log_output.getvalue())
    held: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    for n in range(60):  # the cap is 32 in this test
        reader, writer = await asyncio.open_connection(host, int(port))
        if n % 3 == 1:  # headers that never end
            writer.write(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        elif n % 3 == 2:  # a body that never comes
            writer.write(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 5000\r\n\r\n{\"a\":")
        await writer.drain()
        held.append((reader, writer))
    async with asyncio.timeout(20):  # generous: the benchmark measures; this checks it is answered
        status, ack = await trade(bot, "what did Chile and India agree?")
    assert status == 200 and json.loads(ack)["text"] == ACK_TEXT
    async with bot.http.get(bot.base + "/healthz") as response:
        assert response.status == 200 and await response.json() == {"ok": True}

    # the cap closed the oldest idle ones at once; the read timeout (1 s here) closes the rest
    closed = await asyncio.gather(*(_closed(reader, within=8.0) for reader, _ in held))
    assert all(closed)
    for _, writer in held:
        writer.close()
    logged = lines(log_output, start)
    assert len(logged) <= 3, logged  # at most the one cap summary line and the answer's own lines
