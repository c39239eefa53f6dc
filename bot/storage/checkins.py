"""Weekly check-ins (PEG-3): one row per user and local week, stored once.

Takes the caller's `AsyncSession` and converts rows to the pure `dialogs.habit.checkin.Checkin`.
The opt-in itself is a column of the user row (`UserRow.weekly_checkin`), set by the handler.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import WeeklyCheckinRow
from dialogs.habit.checkin import Checkin


def _checkin(row: WeeklyCheckinRow) -> Checkin:
    return Checkin(row.week_start, row.pain, row.enjoyment, row.activity)


async def add_checkin(
    session: AsyncSession, user_id: int, checkin: Checkin, answered_at: datetime
) -> bool:
    """Store the week's answers (0–10 each; `answered_at` aware UTC); False when the user has
    one for that week already (a double tap, a redelivered update, an old message's buttons),
    which is then left as it was."""
    statement = (
        upsert_insert(session)(WeeklyCheckinRow)
        .values(
            user_id=user_id,
            week_start=checkin.week,
            pain=checkin.pain,
            enjoyment=checkin.enjoyment,
            activity=checkin.activity,
            answered_at=answered_at,
        )
        .on_conflict_do_nothing(index_elements=["user_id", "week_start"])
        .returning(WeeklyCheckinRow.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def checkin_of_week(session: AsyncSession, user_id: int, week: date) -> Checkin | None:
    """The user's check-in for the week of Monday `week` (local), or None."""
    row = await session.scalar(
        select(WeeklyCheckinRow).where(
            WeeklyCheckinRow.user_id == user_id, WeeklyCheckinRow.week_start == week
        )
    )
    return None if row is None else _checkin(row)


async def previous_checkin(session: AsyncSession, user_id: int, week: date) -> Checkin | None:
    """The user's latest check-in for a week before Monday `week`, or None."""
    row = await session.scalar(
        select(WeeklyCheckinRow)
        .where(WeeklyCheckinRow.user_id == user_id, WeeklyCheckinRow.week_start < week)
        .order_by(WeeklyCheckinRow.week_start.desc())
        .limit(1)
    )
    return None if row is None else _checkin(row)


async def checkins(session: AsyncSession, user_id: int) -> list[Checkin]:
    """Every check-in of the user, oldest week first."""
    rows = await session.scalars(
        select(WeeklyCheckinRow)
        .where(WeeklyCheckinRow.user_id == user_id)
        .order_by(WeeklyCheckinRow.week_start)
    )
    return [_checkin(row) for row in rows]
