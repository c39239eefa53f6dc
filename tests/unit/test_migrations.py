"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.storage.database import Database
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
