"""The rough edges a new user hit in the first release (issue 12, item 6), each reproduced here.

Each test failed against the first release for the reason in its name."""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
import tomllib
from pathlib import Path

import pytest

from adapters.cli import build_parser, main
from adapters.console import ConsoleAdapter
from bot.models import CONSOLE_ASKER, Filters
from bot.storage_port import open_store
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.fakes.web import local_site
from tests.stores import Stores

PORTS = """date: 2025-03-0{n}
source: Harbour Gazette {n}

Harbour {n} widens its grain berth

Harbour {n} signed a grain berth accord with {n} inland carriers on Tuesday, officials said.
The accord lowers berth fees for grain barges by {n}0% over two seasons.
"""

UNDATED = """source: Walnut Growers Circular

Walnut tariff relief for orchard exporters

Orchard exporters will pay no walnut tariff on shipments to the coastal bloc, the growers' circular said.
"""

DATED = """date: 2025-02-14
source: Coastal Bloc Monitor

Coastal bloc trims olive duties

The coastal bloc cut its olive oil duty to 4%, the monitor reported on Friday.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ports(tmp_path: Path, stores: Stores) -> Path:
    """A store with nine short articles of our own (hex ids: several share a first character)."""
    folder = tmp_path / "ports"
    folder.mkdir()
    for n in range(1, 10):
        write(folder, f"port{n}.txt", PORTS.format(n=n))
    db = tmp_path / "ports.json"
    assert main(["ingest", "--db", str(db), str(folder)]) == 0
    return db


# ---- the command line ------------------------------------------------------------------------
@pytest.mark.tinydb_only("--db names a TinyDB file (a PostgreSQL URL comes from TRADEBRIEF_DATABASE_URL)")
def test_db_is_accepted_after_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path, "olive.txt", DATED)
    db = tmp_path / "after.json"
    assert main(["ingest", "--db", str(db), str(article)]) == 0
    assert db.exists()
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "other.json"), "articles", "--db", str(db)]) == 0  # the later one wins
    assert "Coastal bloc trims olive duties" in capsys.readouterr().out
    assert main(["feeds", "list", "--db", str(db)]) == 0


def _subparsers(parser: argparse.ArgumentParser, path: str = "tradebrief") -> list[tuple[str, argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((f"{path} {name}", sub))
                found += _subparsers(sub, f"{path} {name}")
    return found


def test_every_subcommand_help_describes_each_argument_and_shows_an_example() -> None:
    commands = _subparsers(build_parser())
    assert len(commands) >= 14
    for path, parser in commands:
        nested = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{path}: {action.dest} has no help"
        assert parser.epilog and f"  {path}" in parser.epilog, f"{path} shows no example"
        assert nested or parser.description


def test_ingest_help_lists_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "examples:\n  tradebrief ingest" in out and "RSS/Atom feed" in out


class Terminal(io.StringIO):
    """Stands in for stderr on a terminal (what `isatty` says is all the CLI and tqdm look at)."""

    def isatty(self) -> bool:
        return True


def test_quick_ingests_show_no_progress_bar_even_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stores: Stores
) -> None:
    folder = tmp_path / "few"
    folder.mkdir()
    for n in range(1, 4):
        write(folder, f"p{n}.txt", PORTS.format(n=n))
    for extra in ([], ["--json"]):
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["ingest", "--db", str(tmp_path / "tty.json"), *extra, str(folder)]) == 0
        assert "item" not in terminal.getvalue() and "%|" not in terminal.getvalue(), terminal.getvalue()
    assert main(["ingest", "--db", str(tmp_path / "pipe.json"), str(folder)]) == 0  # stderr not a terminal
    assert capsys.readouterr().err == ""


def test_ambiguous_id_prefixes_list_the_matches(ports: Path, capsys: pytest.CaptureFixture[str], stores: Stores) -> None:
    with stores.open(ports, readonly=True) as store:
        ids = [a.id for a in store.articles()]
    first = next(c for c in ids[0] + "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    matching = [i for i in ids if i.startswith(first)]
    capsys.readouterr()
    assert main(["show", "--db", str(ports), first]) == 2
    err = capsys.readouterr().err
    assert f"fits {len(matching)} articles" in err and all(i[:12] in err for i in matching[:5])
    assert "`tradebrief articles` lists them" in err and "/sources" not in err and err.count("\n") == 1

    unique = next(i for i in ids if sum(j.startswith(i[:2]) for j in ids) == 1)[:2]
    assert main(["show", "--db", str(ports), unique]) == 0  # a short prefix that fits one article works


def test_cli_errors_do_not_point_at_chat_commands(ports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--db", str(ports), "ffffffffff"]) == 2
    err = capsys.readouterr().err
    assert "No article with id 'ffffffffff'" in err and "/sources" not in err and "tradebrief articles" in err


def test_one_article_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str], stores: Stores) -> None:
    article = write(tmp_path, "olive.txt", DATED)
    assert main(["ingest", "--db", str(tmp_path / "one.json"), str(article)]) == 0
    out = capsys.readouterr().out
    assert "the store holds 1 article." in out


async def test_since_excludes_undated_articles_unless_asked(tmp_path: Path, stores: Stores) -> None:
    settings = stores.settings(tmp_path / "dates.json")
    with open_store(settings.store_location) as store:
        service = Tradebrief(settings, store)
        report = await service.ingestor().ingest(
            [str(write(tmp_path, "walnut.txt", UNDATED)), str(write(tmp_path, "olive.txt", DATED))]
        )
        assert len(report.stored) == 2
        service.retriever.refresh()
        question = "what walnut tariff will orchard exporters pay?"
        everything = await service.ask(question, CONSOLE_ASKER)
        assert any("walnut" in c.quote for c in everything.citations)
        since = await service.ask(question, CONSOLE_ASKER, Filters(since="2025-01-01"))
        assert not any("walnut" in c.quote for c in since.citations)
        asked = await service.ask(question, CONSOLE_ASKER, Filters(since="2025-01-01", include_undated=True))
        assert any("walnut" in c.quote for c in asked.citations)
        await service.aclose()
    assert build_parser().parse_args(["ask", "--since", "2025-01-01", "--include-undated", "q"]).include_undated


async def test_size_limit_errors_name_the_setting(tmp_path: Path, stores: Stores) -> None:
    settings = stores.settings(tmp_path / "big.json", fetch_max_bytes=100, allow_private_urls=True)
    with open_store(settings.store_location) as store:
        service = Tradebrief(settings, store)
        big = write(tmp_path, "big.txt", DATED * 5)
        from aiohttp import web

        async def huge(_request: web.Request) -> web.Response:
            return web.Response(text="<p>" + "grain " * 200 + "</p>", content_type="text/html")

        async with local_site({"/big.html": huge}) as base:
            report = await service.ingestor().ingest([str(big), f"{base}/big.html"])
        await service.aclose()
    assert len(report.failed) == 2
    for item in report.failed:
        assert "TRADEBRIEF_FETCH_MAX_BYTES" in (item.error or ""), item.error


# ---- the console ---------------------------------------------------------------------------------
async def test_the_console_is_not_rate_limited_and_keeps_info_lines_out_of_the_chat(tmp_path: Path, stores: Stores) -> None:
    settings = stores.settings(tmp_path / "console.json", rate_limit_per_minute=1)
    terminal_log = io.StringIO()
    handler = logging.StreamHandler(terminal_log)  # what setup_logging puts on stderr
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    saved_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with open_store(settings.store_location) as store:
            service = Tradebrief(settings, store)
            await service.ingestor().ingest([str(write(tmp_path, "olive.txt", DATED))])
            service.retriever.refresh()
            lines = ["what olive oil duty did the bloc set?"] * 3 + ["/subscribe 07:00", "/quit"]
            out = io.StringIO()
            await ConsoleAdapter(service, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out).run()
            await service.aclose()
            logging.getLogger("bot.service").info("after the chat")
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)
    chat = out.getvalue()
    assert chat.count("4%") >= 3 and "faster than" not in chat
    assert "Subscribed: daily at 07:00" in chat
    assert "subscribed by" not in terminal_log.getvalue()  # the INFO line stayed out of the chat
    assert "after the chat" in terminal_log.getvalue()  # and the level is back afterwards


# ---- packaging and Slack ---------------------------------------------------------------------------
def test_every_package_data_glob_matches_a_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for package, globs in config["tool"]["setuptools"]["package-data"].items():
        folder = ROOT.joinpath(*package.split("."))
        for pattern in globs:
            assert list(folder.glob(pattern)), f"{package}: {pattern} matches nothing"
    manifests = sorted(p.name for p in (ROOT / "adapters" / "slack").glob("*.json"))
    assert manifests == ["manifest.http.json", "manifest.json"]
    assert json.loads((ROOT / "adapters" / "slack" / "manifest.http.json").read_text())["settings"][
        "socket_mode_enabled"] is False
