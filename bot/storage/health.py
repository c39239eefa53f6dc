"""The figures `python -m bot health` and `/healthz` report, in one read-only unit of work:
how many updates wait in the inbox, how many replies wait in the outbox, and since when the
oldest reminder has been due. Counts only: nothing about any one person.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import inbox, outbox
from bot.storage.habit import PENDING
from bot.storage.models import ReminderRow


class Figures(NamedTuple):
    """`inbox_depth` (updates not yet handled), `outbox_depth` (replies not yet accepted by
    Telegram: pending or being sent) and `oldest_due` (aware UTC due time of the oldest
    reminder not yet sent that is due at `now`; None when none is)."""

    inbox_depth: int
    outbox_depth: int
    oldest_due: datetime | None


async def figures(session: AsyncSession, now: datetime) -> Figures:
    """Read the figures at `now` (aware UTC)."""
    oldest_due = await session.scalar(
        select(func.min(ReminderRow.due_at)).where(
            ReminderRow.status.in_(PENDING), ReminderRow.due_at <= now
        )
    )
    return Figures(await inbox.depth(session), await outbox.depth(session), oldest_due)
