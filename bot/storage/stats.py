"""Aggregate counts for the admins' `/stats`: never anything about a single person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ExerciseSession, Plan, TriageResult, User


@dataclass(frozen=True)
class Stats:
    """Counts of people and of what they did since a given instant (the last week)."""

    users: int
    active: int  # not blocked the bot
    plans: int
    sessions: int  # exercise sessions logged since then
    checks: int  # triage results (checks, questionnaires, re-offers) since then


async def stats(session: AsyncSession, since: datetime) -> Stats:
    count = session.scalar
    return Stats(
        users=await count(select(func.count()).select_from(User)) or 0,
        active=await count(select(func.count()).where(User.active.is_(True))) or 0,
        plans=await count(select(func.count()).select_from(Plan)) or 0,
        sessions=await count(select(func.count()).where(ExerciseSession.done_at >= since)) or 0,
        checks=await count(select(func.count()).where(TriageResult.at >= since)) or 0,
    )
