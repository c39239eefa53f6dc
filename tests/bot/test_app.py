"""`build_application`: the rate limiter follows RATE_LIMIT_PER_SECOND (0 leaves it out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram.ext import AIORateLimiter, Application

from bot.app import build_application
from bot.config import load_settings
from bot.services import services

TOKEN = "123456789:AAHsecretsecretsecretsecretsecret12"


async def built(tmp_path: Path, **overrides: object) -> Application:
    settings = load_settings(
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'app.db'}",
        webhook_url=None,
        **overrides,
    )
    return build_application(settings)


async def dispose(application: Application) -> None:
    await services(application).db.engine.dispose()


async def test_zero_leaves_the_rate_limiter_out(tmp_path: Path) -> None:
    application = await built(tmp_path, rate_limit_per_second=0)
    try:
        assert application.bot.rate_limiter is None
    finally:
        await dispose(application)


@pytest.mark.parametrize("rate", [30, 5])
async def test_a_rate_builds_the_limiter_with_that_overall_rate(tmp_path: Path, rate: int) -> None:
    application = await built(tmp_path, rate_limit_per_second=rate)
    try:
        limiter = application.bot.rate_limiter
        assert isinstance(limiter, AIORateLimiter)
        # AIORateLimiter keeps the overall limit in an aiolimiter.AsyncLimiter: one message
        # per 1/rate seconds, so no burst of `rate` messages at once.
        assert limiter._base_limiter is not None
        assert limiter._base_limiter.max_rate == 1
        assert limiter._base_limiter.time_period == pytest.approx(1 / rate)
        assert limiter._max_retries == 3
    finally:
        await dispose(application)


async def test_the_default_is_telegrams_bulk_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RATE_LIMIT_PER_SECOND", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    application = await built(tmp_path)
    try:
        limiter = application.bot.rate_limiter
        assert isinstance(limiter, AIORateLimiter)
        assert limiter._base_limiter is not None
        assert limiter._base_limiter.time_period == pytest.approx(1 / 30)
    finally:
        await dispose(application)
