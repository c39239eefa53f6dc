"""The connection options of `bot.storage.database.Database` on PostgreSQL (skipped on SQLite,
run by `make test-postgres`): every prepared statement is planned for its own parameters, so a
generic plan never turns the dispatcher's `due_at <= $2` into a read of every reminder."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.storage.database import Database


async def test_postgres_plans_each_statement_for_its_parameters(db: Database) -> None:
    if db.dialect != "postgresql":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    for _ in range(2):  # a fresh connection and a pooled one
        async with db.session() as session:
            mode = await session.scalar(text("SHOW plan_cache_mode"))
        assert mode == "force_custom_plan"
