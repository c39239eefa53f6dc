"""Shared fixtures: a real database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set),
the local Bot API emulator, and the real application polling it over loopback HTTP.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.config import Settings
from bot.storage.database import Database
from bot.testing.harness import emulator_settings, polling_bot
from bot.testing.server import BotApiEmulator
from dialogs.common import build_cache
from tests.e2e.people import MONDAY_18, SHARED_BUILD_CACHE, ManualClock


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist each worker process gets a database of its own next to the given one
    (`test` → `test_gw0`, `test_gw1`, …): every test drops and recreates its schema."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    given = make_url(url)
    return given.set(database=f"{given.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("TEST_DATABASE_URL"))

# The suite's processes share one build cache (`dialogs.common.build_cache`): this one and every
# `python -m bot` child load the text models instead of training them again.
build_cache.use_directory(SHARED_BUILD_CACHE)


async def reset_postgres(url: str) -> None:
    """Each test starts on an empty schema, so migrations run from scratch as in production."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    if POSTGRES_URL:
        await reset_postgres(POSTGRES_URL)
        return POSTGRES_URL
    return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """The same database the bot uses, for asserting what it stored."""
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def bot_api() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emulator:
        yield emulator


def settings_for(emulator: BotApiEmulator, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "reminder_tick_seconds": 0.2,
        # Tests log several sessions in a row on purpose (reliability, crash storms); the
        # question before a second one is tested where it is switched on again.
        "repeat_log_window_minutes": 0,
        "model_cache_dir": str(SHARED_BUILD_CACHE),
    }
    values.update(overrides)
    return emulator_settings(emulator, database_url, **values)


RunningBot = Callable[..., Any]


@pytest.fixture
def running_bot(bot_api: BotApiEmulator, database_url: str) -> RunningBot:
    """`async with running_bot(clock=...) as app:` — start (and later restart) the real bot,
    polling the emulator through the durable inbox (`bot.testing.harness.polling_bot`)."""

    @asynccontextmanager
    async def run(
        clock: Callable[[], datetime] | None = None, **overrides: Any
    ) -> AsyncIterator[Any]:
        settings = settings_for(bot_api, database_url, **overrides)
        async with polling_bot(bot_api, settings, clock=clock) as application:
            yield application

    return run


@pytest.fixture
async def app(running_bot: RunningBot) -> AsyncIterator[Any]:
    async with running_bot() as application:
        yield application


@pytest.fixture
def clock() -> ManualClock:
    """A clock the test moves by hand, starting on a Monday at 18:00 in Berlin."""
    return ManualClock(MONDAY_18)


@pytest.fixture
async def clocked_app(running_bot: RunningBot, clock: ManualClock) -> AsyncIterator[Any]:
    """The real bot reading `clock` for every turn and every reminder tick."""
    async with running_bot(clock=clock) as application:
        yield application


async def _create_worker_database(url: str) -> None:
    """CREATE DATABASE for this worker (once; PostgreSQL has no IF NOT EXISTS for it)."""
    target = make_url(url)
    engine = create_async_engine(
        os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        async with engine.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": target.database},
            )
            if not exists:
                await connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        await engine.dispose()


def _fill_build_cache() -> None:
    """Build what every bot process would build from `data/` (the two text models, the safety
    net's patterns and word lists, the myth matcher) into the shared cache once, before any
    test runs: a test's bot then loads it in milliseconds. Without this, the first bot of each
    worker after a change to `data/` builds it while a test waits for its first reply (tens of
    seconds of CPU on a slow machine, beyond a reply's timeout)."""
    from dialogs.habit import session_model
    from dialogs.myths.matcher import default_matcher
    from dialogs.triage import red_flag_patterns, screening_model

    red_flag_patterns.prepare()
    session_model.warm_up()
    screening_model.warm_up()
    default_matcher()


def pytest_sessionstart(session: pytest.Session) -> None:
    if POSTGRES_URL and os.environ.get("TEST_DATABASE_URL") != POSTGRES_URL:
        asyncio.run(_create_worker_database(POSTGRES_URL))
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        _fill_build_cache()  # the main process, before pytest-xdist starts its workers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`postgres`-marked tests need TEST_DATABASE_URL; in CI it is always set."""
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="TEST_DATABASE_URL is not set (PostgreSQL-only test)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
