"""Pain ratings taken back with their exercise log (`bot.storage.habit.remove_pain_after`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage import habit
from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, PainRatingRow, UserRow

T0 = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


async def test_only_the_ratings_between_the_removed_log_and_the_next_go(db: Database) -> None:
    async with db.session() as session:
        session.add(UserRow(id=1, language="de", timezone="Europe/Berlin", active=True))
        await session.flush()
        for minute, key in ((0, "u1"), (30, "u2")):
            session.add(
                ExerciseLogRow(
                    user_id=1,
                    done_at=T0 + timedelta(minutes=minute),
                    local_date=T0.date(),
                    minutes=10,
                    source="text",
                    update_key=key,
                )
            )
        for minute, score in ((1, 4), (31, 6)):  # one rating after each log
            session.add(PainRatingRow(user_id=1, at=T0 + timedelta(minutes=minute), score=score))
    async with db.session() as session:  # the first log is taken back (an older /undo button)
        first = await session.scalar(
            select(ExerciseLogRow).where(ExerciseLogRow.update_key == "u1")
        )
        assert first is not None
        await session.delete(first)
        await session.flush()
        await habit.remove_pain_after(session, 1, first.done_at)
    async with db.session() as session:
        assert list(await session.scalars(select(PainRatingRow.score))) == [6]
