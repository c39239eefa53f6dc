"""One async engine per process, one session per update, and the schema kept current by Alembic.

SQLite runs in WAL mode with a busy timeout so that the dispatcher and the handlers can write
while the other reads; PostgreSQL needs nothing special. Migrations run under an advisory lock
on PostgreSQL so two bot processes starting together do not race to create the tables.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# The unit of work the layers above hold (one per update or job step) and hand to the storage
# functions; they name its type from here, and never write SQL themselves.
Session = AsyncSession
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_MIGRATION_LOCK = 0x52_55_45_43  # "RUEC": any constant shared by all bot processes


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration without an ini file, optionally bound to an open connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upsert_insert(session: AsyncSession) -> Any:
    """The backend's `insert` (PostgreSQL or SQLite), which has `on_conflict_do_*`."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    command.upgrade(alembic_config(connection), "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Milliseconds a writer waits for another's lock before "database is locked" (10 s: product
    # decision, far longer than the bot's short transactions need).
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# PostgreSQL: check a pooled connection before use, and plan every prepared statement for its
# own parameters. asyncpg prepares each statement; after five runs PostgreSQL may switch to a
# generic plan that ignores the values, and for "due_at <= $2" it then guessed a third of the
# reminders and read them all (the dispatcher tick with 100,000 plans went from about 45 ms to
# 85 ms from its sixth run on; README, "Benchmarks"). Planning these short statements anew
# costs a fraction of a millisecond.
_POSTGRES_OPTIONS: dict[str, object] = {
    "pool_pre_ping": True,
    "connect_args": {"server_settings": {"plan_cache_mode": "force_custom_plan"}},
}


class Database:
    """The engine and session factory; `session()` is the unit of work for one update.

    `url` is an async SQLAlchemy URL (sqlite+aiosqlite or postgresql+asyncpg, as
    `bot.config.Settings` normalises it); a malformed one raises sqlalchemy's ArgumentError.
    Both keep a pool of 5 connections (SQLAlchemy's default size, kept explicit) + 10 overflow.
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        is_sqlite = url.startswith("sqlite")
        if is_sqlite:
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                # A folder we cannot create surfaces as a clear error when connecting.
                with suppress(OSError):
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: AsyncEngine = create_async_engine(
            url,
            echo=echo,
            # Pooled on both backends (SQLAlchemy's default queue pool of 5 + 10 overflow):
            # opening a SQLite file costs a new connection thread and the pragmas each time, a
            # third of a short transaction's time (README, "Benchmarks"); a pooled connection
            # holds no lock between transactions.
            **({} if is_sqlite else _POSTGRES_OPTIONS),
            pool_size=5,
        )
        if is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """The backend's name: "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A transaction that commits on success and rolls back on any error."""
        async with self._sessions() as session, session.begin():
            yield session

    async def migrate(self) -> None:
        """Create or upgrade the schema to the newest Alembic revision."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_upgrade)

    async def dispose(self) -> None:
        """Close the engine's pooled connections (the object stays usable: it reconnects)."""
        await self.engine.dispose()
