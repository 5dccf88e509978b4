"""What reaches the operator's terminal, and how `tradebrief` stops: escape sequences from articles
and users, a reader that goes away, Ctrl-C at the console prompt, SIGTERM while Slack is
unreachable. Real processes; a pseudo-terminal where a terminal is needed; waits are bounded
generously (a hang is what is tested, not a speed)."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import re
import signal
import socket
import subprocess
import sys
import time
from typing import Any
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.service import Tradebrief
from bot.store import Store
from bot.storage_port import open_store
from tests.conftest import ROOT
from tests.stores import Stores, child_env

HOSTILE = (
    "Peru \x1b]0;pwned\x07lifts \x1b[2Jquinoa\r export curbs\nSource: Lima \x9b31mFarm Wire\ndate 2025-09-03\n\n"
    "Peru lifted \x1b[31mall export curbs on quinoa\x1b[0m from September, the farm ministry said.\n\n"
    "Exporters \u202eexpect shipments\u202c to Bolivia and Chile to rise by a third.\n"
)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def environment(**extra: str) -> dict[str, str]:
    return child_env(extra)  # on the store under test


def tb(*args: str, db: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "adapters.cli", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, env=environment(), timeout=120, **kwargs)  # type: ignore[call-overload]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(process: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


def close_pipes(process: subprocess.Popen[bytes]) -> None:
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


# ---- escape sequences ---------------------------------------------------------------------------------
def test_escape_sequences_from_articles_and_users_never_reach_the_terminal(tmp_path: Path, stores: Stores) -> None:
    db = tmp_path / "store.json"
    article = tmp_path / "peru.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    assert tb("ingest", str(article), db=db).returncode == 0
    with stores.open(db, readonly=True) as store:
        article_id = store.articles()[0].id
    for args in (("articles",), ("show", article_id), ("ask", "did Peru lift \x1b[2J quinoa curbs?"),
                 ("facts", article_id)):
        result = tb(*args, db=db)
        assert result.returncode == 0, (args, result.stderr)
        assert not UNSAFE.search(result.stdout), (args, result.stdout)
        assert not UNSAFE.search(result.stderr), (args, result.stderr)
        assert "quinoa" in result.stdout or args[0] == "facts"

    # the console: a typed line with escape sequences, an article shown back
    settings = stores.settings(db, load_samples=False)
    service = Tradebrief(settings, open_store(settings.store_location))
    out = io.StringIO()
    stdin = io.StringIO(f"/sources\n/article {article_id}\ndid Peru lift quinoa \x1b]52;c;cHduZWQ=\x07curbs?\n/quit\n")

    async def chat() -> None:
        await ConsoleAdapter(service, stdin=stdin, stdout=out).run()
        await service.aclose()

    asyncio.run(chat())
    service.store.close()
    assert "quinoa" in out.getvalue() and not UNSAFE.search(out.getvalue())


# ---- a reader that goes away ------------------------------------------------------------------------
def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, stores: Stores) -> None:
    db = tmp_path / "store.json"
    article = tmp_path / "peru.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    assert tb("ingest", str(article), db=db).returncode == 0
    with stores.open(db, readonly=True) as store:
        article_id = store.articles()[0].id
    for args in (("articles",), ("show", article_id)):
        reader, writer = os.pipe()
        os.close(reader)  # `| head` that has already gone
        process = subprocess.Popen([sys.executable, "-m", "adapters.cli", "--db", str(db), *args], cwd=ROOT,
                                   env=environment(), stdout=writer, stderr=subprocess.PIPE)
        os.close(writer)
        try:
            _, err = process.communicate(timeout=120)
        finally:
            stop(process)
        assert process.returncode == 0 and err == b"", (args, err)


# ---- Ctrl-C at the console prompt --------------------------------------------------------------------------
def _console(args: list[str], db: Path, *, sigint: Any = signal.SIG_DFL) -> tuple[subprocess.Popen[bytes], int]:
    """`tradebrief ARGS` with a pseudo-terminal as stdin (so the console starts); waits for the prompt.
    The child starts with SIGINT as a terminal shell gives it (default), or as given (ignored, as a
    background job of a shell without job control gets it)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "adapters.cli", "--db", str(db), *args], cwd=ROOT,
                               env=environment(TRADEBRIEF_LOAD_SAMPLES="false"), stdin=terminal,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, sigint))
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    while b"> " not in seen and time.monotonic() < deadline and process.poll() is None:
        try:
            seen += os.read(process.stdout.fileno(), 4096)
        except BlockingIOError:
            time.sleep(0.05)
    assert b"> " in seen, (seen, process.poll())
    return process, controller


@pytest.mark.tinydb_only("signals to the process; the TinyDB file's writer lock must be released after")
def test_ctrl_c_at_the_console_prompt_stops_it(tmp_path: Path) -> None:
    for args, presses, sigint in ((["chat"], 1, signal.SIG_DFL), (["run"], 1, signal.SIG_DFL),
                                  (["run"], 2, signal.SIG_DFL), (["chat"], 1, signal.SIG_IGN)):
        process, controller = _console(args, tmp_path / f"{args[0]}{presses}{sigint}.json", sigint=sigint)
        try:
            for _ in range(presses):
                process.send_signal(signal.SIGINT)
                time.sleep(0.05)
            status = wait_for(process, 20)  # a hang until Enter is the failure
            assert status in (0, 130), (args, presses, status)
        finally:
            stop(process)
            os.close(controller)
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
        close_pipes(process)
        Store(tmp_path / f"{args[0]}{presses}{sigint}.json").close()  # the writer lock was released


# ---- Slack unreachable, SIGTERM -------------------------------------------------------------------------------
def _socket_mode_run(db: Path) -> subprocess.Popen[bytes]:
    env = environment(SLACK_BOT_TOKEN="xoxb-1111-2222-notarealtoken", SLACK_APP_TOKEN="xapp-1-A111-2222-notreal",
                      SLACK_API_BASE_URL=f"http://127.0.0.1:{closed_port()}/api/", TRADEBRIEF_LOAD_SAMPLES="false")
    return subprocess.Popen([sys.executable, "-m", "adapters.cli", "--db", str(db), "run", "--no-console"], cwd=ROOT,
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.tinydb_only("signals to the process; the TinyDB file's writer lock must be released after")
def test_socket_mode_with_slack_unreachable_gives_up_with_one_line_per_attempt(tmp_path: Path) -> None:
    process = _socket_mode_run(tmp_path / "store.json")
    try:
        status = wait_for(process, 90)
        assert status == 2
        assert process.stderr is not None
        err = process.stderr.read().decode()
    finally:
        stop(process)
        close_pipes(process)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    attempts = [line for line in lines if "Socket Mode (attempt" in line]
    assert len(attempts) == 2 and "attempt 1 of 3" in attempts[0]
    assert lines[-1].startswith("tradebrief: Slack unreachable: Socket Mode gave up after 3 attempts")
    assert len(lines) <= 8, lines
    Store(tmp_path / "store.json").close()  # the writer lock was released


@pytest.mark.tinydb_only("signals to the process; the TinyDB file's writer lock must be released after")
def test_sigterm_stops_run_while_socket_mode_is_still_trying(tmp_path: Path) -> None:
    process = _socket_mode_run(tmp_path / "store.json")
    try:
        assert process.stderr is not None
        os.set_blocking(process.stderr.fileno(), False)
        seen = b""
        deadline = time.monotonic() + 60
        while b"unreachable" not in seen and time.monotonic() < deadline and process.poll() is None:
            try:
                seen += os.read(process.stderr.fileno(), 4096)
            except BlockingIOError:
                time.sleep(0.05)
        assert b"unreachable" in seen, seen  # it is trying to reach Slack now
        process.send_signal(signal.SIGTERM)
        status = wait_for(process, 20)
        assert status == 0, status
    finally:
        stop(process)
        close_pipes(process)
    Store(tmp_path / "store.json").close()
