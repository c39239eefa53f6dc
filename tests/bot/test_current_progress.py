"""`bot.exercises.current_progress` reads a quarter of a user's logs and lets the database sum
the rest: its answer equals `dialogs.habit.progress.progress` over every log, whether the
streak ends inside the weeks it reads, runs on before them, or there is nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.test_bench_reminders import NOW, fresh_database
from bot.exercises import STREAK_WEEKS, current_progress
from bot.storage import habit as store
from dialogs.habit.progress import progress

# Weeks back from NOW's week (0 = this week) → exercise logs that week, each of 15 minutes.
SHAPES: dict[str, dict[int, int]] = {
    "nothing": {},
    "short streak after a gap, long history before": {
        **{week: 3 for week in range(1, 4)},
        **{week: 3 for week in range(6, 40)},
    },
    "streak longer than the weeks read": {week: 3 for week in range(0, STREAK_WEEKS + 6)},
    "streak exactly as long as the weeks read": {week: 3 for week in range(1, STREAK_WEEKS + 1)},
    "one week short of the goal right at the edge": {
        **{week: 3 for week in range(1, STREAK_WEEKS)},
        STREAK_WEEKS: 2,
        **{week: 3 for week in range(STREAK_WEEKS + 1, STREAK_WEEKS + 5)},
    },
}

# The streak each shape has: read from the quarter alone (0, 3, 12) or from every log.
STREAKS = {
    "nothing": 0,
    "short streak after a gap, long history before": 3,
    "streak longer than the weeks read": STREAK_WEEKS + 6,
    "streak exactly as long as the weeks read": STREAK_WEEKS,
    "one week short of the goal right at the edge": STREAK_WEEKS - 1,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_current_progress_equals_progress_over_every_log(tmp_path: Path, shape: str) -> None:
    async def scenario() -> None:
        svc = await fresh_database(tmp_path / "progress.db", 1)
        async with svc.db.session() as session:
            user = (await store.users_by_id(session, [1]))[1]
            for week, count in SHAPES[shape].items():
                for index in range(count):
                    await store.add_exercise_log(
                        session,
                        user,
                        done_at=NOW - timedelta(weeks=week, hours=index),
                        minutes=15,
                        source="text",
                        update_key=f"{week}-{index}",
                    )
        async with svc.db.session() as session:
            expected = progress(await store.exercise_logs(session, 1), NOW, user.timezone)
            assert await current_progress(session, user, NOW) == expected
        assert expected.streak == STREAKS[shape]
        assert expected.total_minutes == 15 * sum(SHAPES[shape].values())
        await svc.db.dispose()

    asyncio.run(scenario())
