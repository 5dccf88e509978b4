"""Settings: every variable documented, bad values one line naming the variable, secrets redacted."""

from __future__ import annotations

import logging
import re

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.logs import RedactingFilter
from tests.conftest import ROOT


def test_env_example_documents_every_setting_and_loads() -> None:
    example = ROOT / ".env.example"
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example.read_text(), re.M))
    names = {f.validation_alias for f in Settings.model_fields.values()}
    assert documented == names
    settings = load_settings(example)
    assert not settings.llm_enabled and settings.slack_mode is None and not settings.telegram_enabled


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("TRADEBRIEF_RATE_LIMIT", "many", "integer"),
        ("TRADEBRIEF_DIGEST_TIME", "25:00", "HH:MM"),
        ("TRADEBRIEF_TIMEZONE", "Europe/Atlantis", "IANA"),
        ("TELEGRAM_ALLOWED_CHATS", "123,general", "numeric"),
        ("SLACK_COMMAND", "trade", "slash command"),
        ("TRADEBRIEF_HTTP_PORT", "70000", "65535"),
        ("TRADEBRIEF_DATABASE_URL", "mysql://db/tradebrief", "postgresql://"),
        ("TRADEBRIEF_DATABASE_URL", "postgresql://db.internal:5432", "names no database"),
        ("TRADEBRIEF_DATABASE_URL", "postgresql://db.internal:notaport/tb", "not a valid PostgreSQL URL"),
    ],
)
def test_bad_values_are_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, words: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings(None)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and words in message and "\n" not in message


def test_slack_token_without_a_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        load_settings(None)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    assert load_settings(None).slack_mode == "http"
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    assert load_settings(None).slack_mode == "socket"


def test_llm_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not load_settings(None).llm_enabled
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    assert load_settings(None).llm_enabled  # a local server needs no key
    monkeypatch.setenv("TRADEBRIEF_OFFLINE", "true")
    assert not load_settings(None).llm_enabled


def test_secrets_never_reach_the_log(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    token = "123456789:AAHk-secret-telegram-token-value-xyz0123"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-abcdefghijklmnop")
    settings = load_settings(None)
    redactor = RedactingFilter(settings.secrets())
    logger = logging.getLogger("tradebrief.test")
    handler = caplog.handler
    handler.addFilter(redactor)
    try:
        with caplog.at_level(logging.INFO, logger="tradebrief.test"):
            logger.info("calling https://api.telegram.org/bot%s/getMe", token)
            logger.warning("openai said: invalid key sk-live-abcdefghijklmnop")
            try:
                raise RuntimeError(f"boom with {token}")
            except RuntimeError:
                logger.exception("failed")
    finally:
        handler.removeFilter(redactor)
    text = caplog.text
    assert token not in text and "sk-live-abcdefghijklmnop" not in text
    assert text.count("***") >= 3
    assert token not in repr(settings)
