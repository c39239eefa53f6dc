"""The inbox's SQL (the transactional inbox, see `bot.inbox`): updates stored as they arrived,
handled in `update_id` order, removed once handled.

Every function takes the caller's database session; the caller commits (`Database.session`).
Payloads are Telegram's update JSON and may hold what someone wrote about their health: they
are read only to handle the update and never logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import InboxRow, ProcessedUpdateRow


class Waiting(NamedTuple):
    """One stored update: its id, Telegram's JSON, and the handling attempts that began."""

    update_id: int
    payload: dict[str, Any]
    attempts: int


async def add(
    session: AsyncSession, updates: Iterable[tuple[int, dict[str, Any]]], received_at: datetime
) -> None:
    """Store `(update_id, payload)` pairs; an id already stored is left as it is (Telegram
    sends an update again until its receipt was confirmed). `received_at`: aware UTC."""
    rows = [
        {"update_id": update_id, "payload": payload, "received_at": received_at, "attempts": 0}
        for update_id, payload in updates
    ]
    if not rows:
        return
    statement = (
        upsert_insert(session)(InboxRow)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["update_id"])
    )
    await session.execute(statement)


async def oldest(session: AsyncSession, limit: int) -> list[Waiting]:
    """Up to `limit` stored updates, lowest `update_id` (Telegram's order) first."""
    rows = await session.execute(
        select(InboxRow.update_id, InboxRow.payload, InboxRow.attempts)
        .order_by(InboxRow.update_id)
        .limit(limit)
    )
    return [Waiting(update_id, payload, attempts) for update_id, payload, attempts in rows]


async def begin_attempt(session: AsyncSession, update_id: int) -> int | None:
    """Count one more handling attempt of `update_id` and return the new count; None when the
    row is gone (handled meanwhile by another process)."""
    statement = (
        update(InboxRow)
        .where(InboxRow.update_id == update_id)
        .values(attempts=InboxRow.attempts + 1)
        .returning(InboxRow.attempts)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def remove(session: AsyncSession, update_id: int) -> None:
    """Forget a handled (or dropped) update."""
    await session.execute(delete(InboxRow).where(InboxRow.update_id == update_id))


async def depth(session: AsyncSession) -> int:
    """How many updates wait in the inbox (being handled included)."""
    return int(await session.scalar(select(func.count()).select_from(InboxRow)) or 0)


async def was_processed(session: AsyncSession, update_id: int) -> bool:
    """Whether the work of `update_id` was committed (its id is in `processed_updates`)."""
    statement = select(exists().where(ProcessedUpdateRow.update_id == update_id))
    return bool(await session.scalar(statement))
