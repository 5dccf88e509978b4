"""Rough edges a new user met on main, each pinned by a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.cli import main
from adapters.console import format_facts
from bot.commands import Commands
from bot.config import load_settings
from bot.errors import ConfigError
from bot.models import CONSOLE_ASKER, Fact


def test_a_fact_detail_without_a_value_is_not_printed_as_none() -> None:
    period = Fact("f1", "a1", "date", "past six months", ("a1:3",), {"iso": None, "period": True})
    line = format_facts([period])
    assert "None" not in line
    assert line == "date    past six months  (period=True)  [s3]"


def test_a_settings_file_that_is_not_utf8_is_one_config_error(tmp_path: Path) -> None:
    env = tmp_path / "latin1.env"
    env.write_bytes("TRADEBRIEF_USER_AGENT=Caf\xe9 bot\n".encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    assert str(env) in str(caught.value) and "UTF-8" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_an_env_file_given_on_the_command_line_is_never_silently_ignored(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "settigns.env"  # a typo: the settings the user meant are not read
    if kind == "directory":
        given.mkdir()
    code = main(["--env-file", str(given), "--db", str(tmp_path / "t.json"), "articles"])
    err = capsys.readouterr().err
    assert code == 0  # the environment alone is a valid configuration
    assert err.count("\n") == 1 and f"--env-file {given} is {kind if kind == 'missing' else 'a directory'}" in err


async def test_a_chat_feed_pointing_into_the_private_network_is_refused_when_added(service) -> None:  # type: ignore[no-untyped-def]
    # `tradebrief feeds add` refused these; `/feeds add` in a chat (same words on every platform) stored them
    commands = Commands(service)
    for url in ("http://127.0.0.1/rss", "http://10.0.0.1/feed.xml", "http://[::ffff:7f00:1]/rss"):
        reply = await commands.handle(f"/feeds add {url}", CONSOLE_ASKER)
        assert reply.error == "user" and "non-public address" in reply.text and "\n" not in reply.text
    assert service.feeds(CONSOLE_ASKER) == []
    added = await commands.handle("/feeds add https://news.example/trade.rss", CONSOLE_ASKER)
    assert not added.failed and [f.url for f in added.feeds] == ["https://news.example/trade.rss"]


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_articles_limit_must_be_a_positive_count(tmp_path: Path, limit: str, capsys: pytest.CaptureFixture[str]) -> None:
    # --limit 0 listed every article and --limit -3 all but the last three
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(tmp_path / "t.json"), "articles", "--limit", limit])
    assert exited.value.code == 2
    assert f"--limit: expected a whole number of 1 or more, got {limit!r}" in capsys.readouterr().err
