"""Configuration from the environment and an optional `.env`, validated once at start-up.

A bad setting must stop the bot with one clear line that names the variable and never echoes
its value: the value might be the bot token.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SUPPORTED_LANGUAGES = ("de", "en")
# A @BotFather token's shape ("123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11" in the Bot API docs);
# the minimum lengths are a loose product decision, only to catch a pasted wrong value.
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable, never its value."""


class StartupError(Exception):
    """Start-up failed for a reason the operator can fix (token, API, database)."""


class Settings(BaseSettings):
    """Every setting the bot reads; `.env.example` documents each with its default."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str | None = None
    database_url: str = "sqlite+aiosqlite:///var/rueckenwind.db"
    default_timezone: str = "Europe/Berlin"
    default_language: str = "de"
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    # Overrides for every user; unset (the default): each user gets their country's numbers.
    emergency_number: str | None = None
    urgent_care_number: str | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    # 8443 is one of the ports Telegram sends webhooks to (Bot API, setWebhook: 443, 80, 88,
    # 8443); behind a proxy any port works.
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    log_level: str = "INFO"
    # Seconds between reminder ticks, at most an hour (product decision: 10 s keeps reminders
    # and guided-routine steps within seconds of their time).
    reminder_tick_seconds: float = Field(default=10.0, gt=0, le=3600)
    # Due reminders a tick decides and sends at the same time, 1–50 (product decision: 8
    # overlaps the waits for Telegram and the database while leaving most of the database
    # pool of 5 + 10 overflow to the inbox's senders; raise it with the pool for a
    # paid-broadcast bot).
    reminder_senders: int = Field(default=8, ge=1, le=50)
    # A second typed session within this many minutes of the last one is asked about before it
    # counts ("Noch eine zählen?"), at most a day; 0 never asks (product decision: 10 minutes
    # catch a message sent twice, not a second exercise).
    repeat_log_window_minutes: int = Field(default=10, ge=0, le=1440)
    # Messages per second through python-telegram-bot's AIORateLimiter; 0 leaves the limiter
    # out (benchmarks, or a paid-broadcast bot that paces itself). 30 is Telegram's limit for
    # bulk sends (Bot API FAQ: about 30 messages per second).
    rate_limit_per_second: int = Field(default=30, ge=0)
    # Where each process keeps the trained text models and the myth matcher for the next one
    # (`dialogs.common.build_cache`: start-up about 16 s → 5.5 s here); relative to the working
    # directory; empty: build them in every process.
    model_cache_dir: str = "var/cache"

    @field_validator(
        "telegram_bot_token",
        "webhook_secret",
        "telegram_api_file_url",
        "emergency_number",
        "urgent_care_number",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`KEY=` in .env (as in .env.example) means "not set", not "set to nothing"."""
        return None if value == "" else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_SHAPE.match(value.get_secret_value()):
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError("is not a database URL (e.g. sqlite+aiosqlite:///var/x.db)") from None
        driver = _ASYNC_DRIVERS.get(url.drivername)
        if driver is None:
            raise ValueError(
                "must use SQLite (sqlite+aiosqlite) or PostgreSQL (postgresql+asyncpg)"
            )
        return url.set(drivername=driver).render_as_string(hide_password=False)

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("is not an IANA time zone such as Europe/Berlin") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return tuple(int(part) for part in value.replace(" ", "").split(",") if part)
            except ValueError:
                raise ValueError("must be Telegram user ids separated by commas") from None
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_webhook(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET must be set when WEBHOOK_URL is set")
        return self

    @property
    def token(self) -> str:
        """The bot token, or a ConfigError when `run` needs it and it is missing."""
        if self.telegram_bot_token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather and put it into .env"
            )
        return self.telegram_bot_token.get_secret_value()

    @property
    def sqlite_path(self) -> Path | None:
        """The file behind an SQLite URL, so its folder can be created before connecting."""
        url = make_url(self.database_url)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(url.database)


def load_settings(**overrides: object) -> Settings:
    """Read the settings (environment, then `.env`; `overrides` by field name win), turning
    pydantic's report into one ConfigError line that names the variable, without any values."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        reason = first["msg"].removeprefix("Value error, ")
        if not first["loc"]:
            raise ConfigError(reason) from None
        raise ConfigError(f"{str(first['loc'][0]).upper()} {reason}") from None
