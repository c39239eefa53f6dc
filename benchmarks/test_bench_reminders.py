"""The reminder dispatcher's database work for many users, and that its memory stays flat.

Goal (read from `make bench`): materialising and claiming the reminders of 2,000 users takes
under 10 s on SQLite on this 2-core machine (measured: about 5 s) – in steady state a tick only
touches plans without a pending reminder. That memory stays flat is a test
(`tests/bot/test_reminders_memory.py`), not a benchmark.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bot.config import load_settings
from bot.i18n import translator
from bot.reminders import claim, materialise
from bot.services import Services
from bot.storage.database import Database
from bot.storage.models import PlanRow, UserRow

# A Monday morning: every plan (Mon/Wed/Fri 08:30 Berlin) has a planned reminder due soon.
NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


async def fresh_database(path: Path, users: int) -> Services:
    url = f"sqlite+aiosqlite:///{path}"
    database = Database(url)
    await database.migrate()
    created = NOW - timedelta(days=1)
    async with database.session() as session:
        await session.execute(
            insert(UserRow),
            [
                {
                    "id": index,
                    "language": "de",
                    "timezone": "Europe/Berlin",
                    "created_at": created,
                    "consent_at": created,
                    "active": True,
                }
                for index in range(1, users + 1)
            ],
        )
        await session.execute(
            insert(PlanRow),
            [
                {
                    "user_id": index,
                    "weekdays": "1,3,5",
                    "local_time": "08:30",
                    "quiet_start": "21:00",
                    "quiet_end": "08:00",
                    "paused": False,
                    "updated_at": NOW,
                }
                for index in range(1, users + 1)
            ],
        )
    settings = load_settings(database_url=url, telegram_bot_token=None)
    return Services(settings=settings, db=database, translate=translator())


async def tick_without_sending(svc: Services) -> int:
    await materialise(svc, NOW)
    claimed = 0
    while batch := await claim(svc, NOW + timedelta(hours=3)):
        claimed += len(batch)
    return claimed


def test_materialise_and_claim_2000_users(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rounds = iter(range(100))

    def setup() -> tuple[tuple[Services], dict[str, object]]:
        path = tmp_path / f"bench-{next(rounds)}.db"
        return (asyncio.run(fresh_database(path, 2000)),), {}

    def run(svc: Services) -> int:
        return asyncio.run(tick_without_sending(svc))

    claimed = benchmark.pedantic(run, setup=setup, rounds=3, iterations=1)
    assert claimed == 2000  # one planned reminder per user, each claimed once
