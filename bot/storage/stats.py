"""Aggregate counts for the admins' `/stats`: never anything about a single person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ExerciseLogRow, PlanRow, TriageResultRow, UserRow


@dataclass(frozen=True)
class Stats:
    """Counts of people and of what they did since a given instant (the last week)."""

    users: int
    active: int  # not blocked the bot
    plans: int
    exercise_logs: int  # exercises logged since then
    checks: int  # triage results (checks, questionnaires, re-offers) since then


async def stats(session: AsyncSession, since: datetime) -> Stats:
    """All users, active ones and plans, and the exercises logged and triage results stored
    since `since` (aware UTC)."""
    count = session.scalar
    return Stats(
        users=await count(select(func.count()).select_from(UserRow)) or 0,
        active=await count(select(func.count()).where(UserRow.active.is_(True))) or 0,
        plans=await count(select(func.count()).select_from(PlanRow)) or 0,
        exercise_logs=await count(select(func.count()).where(ExerciseLogRow.done_at >= since)) or 0,
        checks=await count(select(func.count()).where(TriageResultRow.at >= since)) or 0,
    )
