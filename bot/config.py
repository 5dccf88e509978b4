"""Settings from the environment and `.env`, validated once at start-up.

Every name here is documented in `.env.example`. A bad value becomes one `ConfigError` line that
names the variable, never a pydantic traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import ConfigError

CommaList = Annotated[tuple[str, ...], NoDecode]


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


class Settings(BaseSettings):
    """All of Tradebrief's configuration. Field names are short; env names are in the aliases."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # Store and ingestion
    db: Path = Field(Path("data/tradebrief.json"), validation_alias="TRADEBRIEF_DB")
    # PostgreSQL for several workers (postgresql://user:password@host:5432/dbname); empty: the TinyDB file
    database_url: str = Field("", validation_alias="TRADEBRIEF_DATABASE_URL", repr=False)
    load_samples: bool = Field(True, validation_alias="TRADEBRIEF_LOAD_SAMPLES")
    log_level: str = Field("INFO", validation_alias="TRADEBRIEF_LOG_LEVEL")
    # Library DEBUG lines carry request bodies and Socket Mode payloads (response URLs): only with
    # TRADEBRIEF_LOG_LEVEL=DEBUG and this set too.
    log_libraries: bool = Field(False, validation_alias="TRADEBRIEF_LOG_LIBRARIES")
    user_agent: str = Field(
        "Tradebrief/0.1 (+trade news briefings bot)", validation_alias="TRADEBRIEF_USER_AGENT"
    )
    fetch_timeout: float = Field(15.0, gt=0, le=300, validation_alias="TRADEBRIEF_FETCH_TIMEOUT")
    fetch_max_bytes: int = Field(
        5_000_000, gt=0, validation_alias="TRADEBRIEF_FETCH_MAX_BYTES"
    )
    allow_private_urls: bool = Field(False, validation_alias="TRADEBRIEF_ALLOW_PRIVATE_URLS")

    # Questions
    rate_limit_per_minute: int = Field(10, ge=1, validation_alias="TRADEBRIEF_RATE_LIMIT")
    max_question_chars: int = Field(500, ge=20, validation_alias="TRADEBRIEF_MAX_QUESTION_CHARS")

    # LLM (optional)
    openai_api_key: str = Field("", validation_alias="OPENAI_API_KEY", repr=False)
    openai_base_url: str = Field("", validation_alias="OPENAI_BASE_URL")
    llm_model: str = Field("gpt-4o-mini", validation_alias="TRADEBRIEF_LLM_MODEL")
    llm_timeout: float = Field(30.0, gt=0, le=600, validation_alias="TRADEBRIEF_LLM_TIMEOUT")
    offline: bool = Field(False, validation_alias="TRADEBRIEF_OFFLINE")
    llm_daily_cap: int = Field(1000, ge=0, validation_alias="TRADEBRIEF_LLM_DAILY_CAP")

    # Telegram (optional)
    telegram_token: str = Field("", validation_alias="TELEGRAM_BOT_TOKEN", repr=False)
    telegram_base_url: str = Field(
        "https://api.telegram.org/bot", validation_alias="TELEGRAM_API_BASE_URL"
    )
    telegram_webhook_url: str = Field("", validation_alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: str = Field(
        "", validation_alias="TELEGRAM_WEBHOOK_SECRET", repr=False
    )
    telegram_allowed_chats: CommaList = Field((), validation_alias="TELEGRAM_ALLOWED_CHATS")
    telegram_admin_ids: CommaList = Field((), validation_alias="TELEGRAM_ADMIN_IDS")

    # Slack (optional)
    slack_bot_token: str = Field("", validation_alias="SLACK_BOT_TOKEN", repr=False)
    slack_app_token: str = Field("", validation_alias="SLACK_APP_TOKEN", repr=False)
    slack_signing_secret: str = Field("", validation_alias="SLACK_SIGNING_SECRET", repr=False)
    slack_base_url: str = Field("https://slack.com/api/", validation_alias="SLACK_API_BASE_URL")
    slack_allowed_channels: CommaList = Field((), validation_alias="SLACK_ALLOWED_CHANNELS")
    slack_allowed_teams: CommaList = Field((), validation_alias="SLACK_ALLOWED_TEAMS")
    slack_admin_ids: CommaList = Field((), validation_alias="SLACK_ADMIN_IDS")
    slack_command: str = Field("/trade", validation_alias="SLACK_COMMAND")
    slack_share_by_default: bool = Field(False, validation_alias="SLACK_SHARE_BY_DEFAULT")
    http_host: str = Field("127.0.0.1", validation_alias="TRADEBRIEF_HTTP_HOST")
    http_port: int = Field(3000, ge=1, le=65535, validation_alias="TRADEBRIEF_HTTP_PORT")
    http_timeout: float = Field(10.0, gt=0, le=10, validation_alias="TRADEBRIEF_HTTP_TIMEOUT")
    http_max_connections: int = Field(256, ge=8, le=10_000, validation_alias="TRADEBRIEF_HTTP_MAX_CONNECTIONS")

    # Digests and feeds
    digest_time: str = Field("08:00", validation_alias="TRADEBRIEF_DIGEST_TIME")
    timezone: str = Field("UTC", validation_alias="TRADEBRIEF_TIMEZONE")
    digest_grace_hours: float = Field(
        6.0, ge=0, le=48, validation_alias="TRADEBRIEF_DIGEST_GRACE_HOURS"
    )
    feed_interval_minutes: float = Field(
        30.0, gt=0, validation_alias="TRADEBRIEF_FEED_INTERVAL_MINUTES"
    )
    # With PostgreSQL: how often a worker tries the scheduler lock (and its holder checks it holds it)
    lock_poll_seconds: float = Field(15.0, ge=0.05, le=300, validation_alias="TRADEBRIEF_LOCK_POLL_SECONDS")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL (or empty for the embedded TinyDB store)")
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict

        try:
            params = conninfo_to_dict(value)
        except ProgrammingError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "cannot be parsed"
            raise ValueError(f"not a valid PostgreSQL URL ({first})") from None
        if not all(p.isdigit() for p in str(params.get("port") or "5432").split(",")):
            raise ValueError(f"not a valid PostgreSQL URL (port {params['port']!r} is not a number)")
        if not params.get("dbname"):
            raise ValueError("names no database (postgresql://user:password@host:5432/DBNAME)")
        return value

    @property
    def store_location(self) -> str | Path:
        """Where the store is: the PostgreSQL URL when one is set, else the TinyDB file."""
        return self.database_url or self.db

    @field_validator(
        "telegram_allowed_chats",
        "telegram_admin_ids",
        "slack_allowed_channels",
        "slack_allowed_teams",
        "slack_admin_ids",
        mode="before",
    )
    @classmethod
    def _comma_list(cls, value: Any) -> tuple[str, ...]:
        return _split(value)

    @field_validator("telegram_allowed_chats", "telegram_admin_ids")
    @classmethod
    def _telegram_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not re.fullmatch(r"-?\d+", item):
                raise ValueError(f"expected comma-separated numeric ids, got {item!r}")
        return value

    @field_validator("digest_time")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
            raise ValueError(f"expected HH:MM (24-hour), got {value!r}")
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {value!r} (try e.g. Europe/Berlin)") from None
        return value

    @field_validator("slack_command")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not re.fullmatch(r"/[a-z0-9_-]{1,31}", value):
            raise ValueError(f"expected a slash command such as /trade, got {value!r}")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"expected DEBUG, INFO, WARNING or ERROR, got {value!r}")
        return level

    # What is configured, derived once so adapters need not repeat the rules.
    @property
    def llm_enabled(self) -> bool:
        return not self.offline and bool(self.openai_api_key or self.openai_base_url)

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_token)

    @property
    def slack_mode(self) -> str | None:
        """'socket', 'http' or None. Socket Mode wins when both are possible."""
        if not self.slack_bot_token:
            return None
        if self.slack_app_token:
            return "socket"
        if self.slack_signing_secret:
            return "http"
        return None

    def secrets(self) -> list[str]:
        """Every secret value set, so logging can redact them."""
        values = [
            self.openai_api_key,
            self.telegram_token,
            self.telegram_webhook_secret,
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
        ]
        if self.database_url:
            from psycopg.conninfo import conninfo_to_dict

            values.append(str(conninfo_to_dict(self.database_url).get("password") or ""))
        return [v for v in values if v and len(v) >= 4]


def _field_env_name(field_name: str) -> str:
    alias = Settings.model_fields[field_name].validation_alias
    if isinstance(alias, str):
        return alias
    return field_name.upper()


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Read and validate settings once; raise `ConfigError` with one line naming the variable."""
    try:
        settings = Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{env_file}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{env_file}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc") or ("?",)
        name = str(loc[0])
        if name in Settings.model_fields:
            name = _field_env_name(name)
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}") from None
    if settings.slack_bot_token and settings.slack_mode is None:
        raise ConfigError(
            "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor "
            "SLACK_SIGNING_SECRET (HTTP mode) is"
        )
    return settings
