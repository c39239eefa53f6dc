"""A process's first dispatcher tick looks at every plan for a missing next reminder; each
later tick at a window of `SCAN_WINDOW` plans (wrapping round) plus every plan changed since
its previous tick: its cost stays flat in the number of users, and a changed plan is not kept
waiting for its window."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from benchmarks.test_bench_reminders import NOW, fresh_database
from bot.reminders import SCAN_WINDOW, materialise
from bot.services import Services
from bot.storage.models import PlanRow, ReminderRow

START = NOW + timedelta(minutes=5)  # the seeded plans were changed before the first tick


async def planned_users(svc: Services) -> set[int]:
    """The users with a planned reminder still to send."""
    async with svc.db.session() as session:
        rows = await session.scalars(
            select(ReminderRow.user_id)
            .where(ReminderRow.kind == "planned", ReminderRow.status == "due")
            .distinct()
        )
        return set(rows)


def test_a_tick_looks_at_a_window_of_plans_and_at_every_changed_one(tmp_path: Path) -> None:
    assert SCAN_WINDOW == 2_000

    async def scenario() -> list[set[int]]:
        svc = await fresh_database(tmp_path / "scan.db", 4_500)
        seen = []
        await materialise(svc, START)
        seen.append(await planned_users(svc))
        async with svc.db.session() as session:
            # the morning's reminders went out; then /remind by user 4,400 between two ticks
            await session.execute(update(ReminderRow).values(status="sent"))
            await session.execute(
                update(PlanRow)
                .where(PlanRow.user_id == 4_400)
                .values(local_time="09:00", updated_at=START + timedelta(minutes=1))
            )
        for minutes in (2, 3, 4, 5):
            await materialise(svc, START + timedelta(minutes=minutes))
            seen.append(await planned_users(svc))
        await svc.db.dispose()
        return seen

    first, second, third, fourth, fifth = asyncio.run(scenario())
    everyone = set(range(1, 4_501))
    assert first == everyone  # the first tick looks at every plan
    assert second == set(range(1, 2_001)) | {4_400}  # a window, and the changed plan
    assert third == set(range(1, 4_001)) | {4_400}  # the next window
    assert fourth == everyone  # the last window (500 plans)
    assert fifth == everyone  # wrapped round: nothing is missing
