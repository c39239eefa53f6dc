"""The Alembic migrations build exactly the schema the models describe, and go down again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot.storage.database import Database, alembic_config
from bot.storage.models import Base


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": False})
    return list(compare_metadata(context, Base.metadata))


async def test_models_and_migrations_agree(database_url: str) -> None:
    database = Database(database_url)
    await database.migrate()
    await database.migrate()  # idempotent: a second start changes nothing
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(_differences)
    await database.dispose()
    assert differences == []


def _columns(connection: Connection, table: str) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns(table)}


def _to(revision: str, downgrade: bool = False) -> Callable[[Connection], None]:
    def run(connection: Connection) -> None:
        config = alembic_config(connection)
        if downgrade:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)

    return run


async def test_the_country_migration_goes_down_and_up_again(database_url: str) -> None:
    """0002 adds the nullable `users.country`, keeps existing users, and can be undone."""
    database = Database(database_url)
    async with database.engine.begin() as connection:
        await connection.run_sync(_to("0001"))
        await connection.execute(
            text(
                "INSERT INTO users (id, language, timezone, created_at, active) "
                "VALUES (1, 'de', 'Europe/Vienna', CURRENT_TIMESTAMP, true)"
            )
        )
        await connection.run_sync(_to("head"))
        assert "country" in await connection.run_sync(_columns, "users")
        kept = await connection.scalar(text("SELECT country FROM users WHERE id = 1"))
        assert kept is None  # existing users derive their country from the time zone
        await connection.execute(text("UPDATE users SET country = 'GB' WHERE id = 1"))
        await connection.run_sync(_to("0001", downgrade=True))
        assert "country" not in await connection.run_sync(_columns, "users")
        assert await connection.scalar(text("SELECT timezone FROM users WHERE id = 1"))
        await connection.run_sync(_to("head"))
        assert "country" in await connection.run_sync(_columns, "users")
    await database.dispose()


async def test_the_checkin_migration_goes_down_and_up_again(database_url: str) -> None:
    """0006 adds `weekly_checkins` (one row per user and week, answers 0–10) and the nullable
    opt-in `users.weekly_checkin`; existing users and their rows stay, and it can be undone."""
    database = Database(database_url)
    async with database.engine.begin() as connection:
        await connection.run_sync(_to("0005"))
        await connection.execute(
            text(
                "INSERT INTO users (id, language, timezone, created_at, active) "
                "VALUES (1, 'de', 'Europe/Berlin', CURRENT_TIMESTAMP, true)"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO sessions (user_id, done_at, local_date, minutes, source) "
                "VALUES (1, CURRENT_TIMESTAMP, '2026-03-23', 10, 'text')"
            )
        )
        await connection.run_sync(_to("head"))
        assert "weekly_checkin" in await connection.run_sync(_columns, "users")
        assert await connection.scalar(text("SELECT weekly_checkin FROM users")) is None
        insert = text(
            "INSERT INTO weekly_checkins (user_id, week_start, pain, enjoyment, activity, "
            "answered_at) VALUES (1, :week, :pain, 4, 3, CURRENT_TIMESTAMP)"
        )
        await connection.execute(insert, {"week": date(2026, 3, 23), "pain": 6})
        for week, pain in ((date(2026, 3, 23), 7), (date(2026, 3, 30), 11)):
            nested = await connection.begin_nested()  # the same week twice; a value over 10
            with pytest.raises(IntegrityError):
                await connection.execute(insert, {"week": week, "pain": pain})
            await nested.rollback()
        await connection.run_sync(_to("0005", downgrade=True))
        assert "weekly_checkin" not in await connection.run_sync(_columns, "users")
        assert "weekly_checkins" not in await connection.run_sync(_tables)
        assert await connection.scalar(text("SELECT count(*) FROM sessions")) == 1
        assert await connection.scalar(text("SELECT timezone FROM users WHERE id = 1"))
        await connection.run_sync(_to("head"))
        assert "weekly_checkins" in await connection.run_sync(_tables)
    await database.dispose()


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_the_plan_index_migration_goes_down_and_up_again(database_url: str) -> None:
    """0007 adds the dispatcher's indexes on `plans` and can be undone."""

    def plan_indexes(connection: Connection) -> set[str]:
        return {index["name"] or "" for index in inspect(connection).get_indexes("plans")}

    database = Database(database_url)
    async with database.engine.begin() as connection:
        await connection.run_sync(_to("head"))
        added = {"ix_plans_updated_at", "ix_plans_paused_until"}
        assert added <= await connection.run_sync(plan_indexes)
        await connection.run_sync(_to("0006", downgrade=True))
        assert not added & await connection.run_sync(plan_indexes)
        await connection.run_sync(_to("head"))
        assert added <= await connection.run_sync(plan_indexes)
    await database.dispose()
