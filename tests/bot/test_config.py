"""Settings: defaults, clear one-line errors that never echo a value, token never logged."""

from __future__ import annotations

import logging

import pytest

from bot.config import ConfigError, load_settings
from bot.logging_setup import RedactingFormatter, redact

TOKEN = "123456789:AAHsecretsecretsecretsecretsecret12"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    for key in (
        "TELEGRAM_BOT_TOKEN",
        "DATABASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "ADMIN_IDS",
        "EMERGENCY_NUMBER",
        "URGENT_CARE_NUMBER",
        "RATE_LIMIT_PER_SECOND",
    ):
        monkeypatch.delenv(key, raising=False)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///var/rueckenwind.db"
    assert settings.default_timezone == "Europe/Berlin" and settings.default_language == "de"
    # Unset: every user gets the numbers of their country (data/helplines.yaml).
    assert (settings.emergency_number, settings.urgent_care_number) == (None, None)
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.webhook_url is None


def test_env_file_and_plain_urls(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nDATABASE_URL=postgresql://u:p@db/x\nADMIN_IDS=1, 2\n"
    )
    settings = load_settings()
    assert settings.token == TOKEN
    assert settings.database_url == "postgresql+asyncpg://u:p@db/x"
    assert settings.admin_ids == (1, 2)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("DATABASE_URL", "::::"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DEFAULT_LANGUAGE", "fr"),
        ("ADMIN_IDS", "12,abc"),
        ("WEBHOOK_PORT", "99999"),
        ("WEBHOOK_URL", "ftp://example.org/hook"),
        ("RATE_LIMIT_PER_SECOND", "-1"),
    ],
)
def test_bad_settings_name_the_variable_not_the_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(variable) and "\n" not in message
    if len(value) > 4:
        assert value not in message


def test_rate_limit_defaults_to_telegrams_bulk_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().rate_limit_per_second == 30
    monkeypatch.setenv("RATE_LIMIT_PER_SECOND", "0")  # off
    assert load_settings().rate_limit_per_second == 0
    monkeypatch.setenv("RATE_LIMIT_PER_SECOND", "-5")
    with pytest.raises(ConfigError, match=r"^RATE_LIMIT_PER_SECOND .*greater than or equal to 0"):
        load_settings()


def test_helpline_overrides_are_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMERGENCY_NUMBER", "")  # as in .env.example: empty means "by country"
    monkeypatch.setenv("URGENT_CARE_NUMBER", "116117")
    settings = load_settings()
    assert (settings.emergency_number, settings.urgent_care_number) == (None, "116117")


def test_webhook_requires_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        load_settings()
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret")
    assert load_settings().webhook_url == "https://bot.example.org/hook"


def test_missing_token_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN is not set"):
        load_settings().token  # noqa: B018


def test_token_is_not_in_repr() -> None:
    settings = load_settings(telegram_bot_token=TOKEN)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())


def test_redaction_of_messages_and_tracebacks() -> None:
    assert TOKEN not in redact(f"POST https://api.telegram.org/bot{TOKEN}/getMe")
    formatter = RedactingFormatter("%(message)s", secrets=(TOKEN,))
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", (TOKEN,), None)
        import sys

        record.exc_info = sys.exc_info()
    output = formatter.format(record)
    assert TOKEN not in output and "was rejected" in output
