"""The outbox's SQL (the transactional outbox, see `bot.outbox`): the replies of a turn, written
in the turn's transaction, deleted once Telegram accepted them, kept with backoff while it
does not.

A row is `sending` while someone delivers it (until `next_attempt_at`, the lease: a row still
`sending` after that was held by a process that died, and is sent again), `pending` while it
waits for `next_attempt_at`, and `failed` when given up. Rows of one chat go out in id order:
a row is claimed only when no earlier row of its chat is still waiting (`claim_due`).

Every function takes the caller's database session; the caller commits (`Database.session`).
Payloads are rendered replies and may be about someone's health: they are never logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.storage.models import OutboxRow, UserRow

SENDING = "sending"
PENDING = "pending"
FAILED = "failed"
_WAITING = (SENDING, PENDING)


async def has_backlog(session: AsyncSession, user_id: int, chat_id: int) -> bool:
    """True when replies to the user's chat are still waiting (sending or pending): a new
    reply must queue behind them."""
    found = await session.scalar(
        select(OutboxRow.id)
        .where(
            OutboxRow.user_id == user_id,
            OutboxRow.chat_id == chat_id,
            OutboxRow.status.in_(_WAITING),
        )
        .limit(1)
    )
    return found is not None


async def add(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    payloads: Sequence[dict[str, Any]],
    status: str,
    now: datetime,
    next_attempt_at: datetime,
) -> list[int]:
    """Store the replies `payloads` (in order) for `chat_id`; returns their ids, in order.

    `status` SENDING claims them for the caller until `next_attempt_at`; PENDING leaves them
    to whoever delivers when they are due. `user_id` is kept only while the user exists (a
    reply to /delete's confirmation outlives the user row)."""
    owner = user_id if await session.get(UserRow, user_id) is not None else None
    rows = [
        {
            "user_id": owner,
            "chat_id": chat_id,
            "payload": payload,
            "created_at": now,
            "next_attempt_at": next_attempt_at,
            "attempts": 0,
            "status": status,
        }
        for payload in payloads
    ]
    # One INSERT … RETURNING for all of a turn's replies on PostgreSQL (SQLAlchemy's
    # "insertmanyvalues"; `sort_by_parameter_order` returns the ids in the order of `payloads`).
    # SQLite cannot tie new rowids to that order in one statement, so SQLAlchemy sends one
    # INSERT per reply there.
    statement = insert(OutboxRow).returning(OutboxRow.id, sort_by_parameter_order=True)
    return [int(row_id) for row_id in await session.scalars(statement, rows)]


async def wake(session: AsyncSession, chat_id: int, now: datetime) -> None:
    """The chat's pending replies are due now (the user wrote again: worth a try)."""
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.chat_id == chat_id, OutboxRow.status == PENDING)
        .values(next_attempt_at=now)
    )


def _due(now: datetime) -> Any:
    return OutboxRow.status.in_(_WAITING) & (OutboxRow.next_attempt_at <= now)


async def any_due(session: AsyncSession, now: datetime) -> bool:
    """True when some reply is due at `now` (a cheap read before `claim_due` writes)."""
    return await session.scalar(select(OutboxRow.id).where(_due(now)).limit(1)) is not None


async def claim_due(
    session: AsyncSession, now: datetime, *, lease_until: datetime, limit: int
) -> list[OutboxRow]:
    """Claim up to `limit` due replies until `lease_until`, earliest id first; only those with
    no earlier waiting reply of the same chat that is not yet due (so a chat's replies keep
    their order). One `UPDATE … RETURNING`; on PostgreSQL the candidates are locked with
    `FOR UPDATE SKIP LOCKED`, so two processes never claim the same row."""
    earlier = aliased(OutboxRow)
    blocked = exists().where(
        earlier.chat_id == OutboxRow.chat_id,
        earlier.id < OutboxRow.id,
        earlier.status.in_(_WAITING),
        earlier.next_attempt_at > now,
    )
    candidates = select(OutboxRow.id).where(_due(now), ~blocked).order_by(OutboxRow.id).limit(limit)
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(OutboxRow)
        .where(OutboxRow.id.in_(candidates.scalar_subquery()))
        .values(status=SENDING, next_attempt_at=lease_until)
        .returning(OutboxRow)
        .execution_options(synchronize_session=False)
    )
    rows = list((await session.execute(statement)).scalars())
    return sorted(rows, key=lambda row: row.id)


async def delete_sent(session: AsyncSession, ids: Iterable[int]) -> None:
    """Telegram accepted these replies: they go (their text is not kept)."""
    wanted = list(ids)
    if wanted:
        await session.execute(delete(OutboxRow).where(OutboxRow.id.in_(wanted)))


async def retry_later(
    session: AsyncSession, row_id: int, *, attempts: int, at: datetime, error: str
) -> None:
    """A transient failure: pending again at `at`, after `attempts` attempts."""
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id)
        .values(status=PENDING, attempts=attempts, next_attempt_at=at, last_error=error[:64])
    )


async def release(session: AsyncSession, ids: Iterable[int], at: datetime) -> None:
    """Claimed replies that were not tried (an earlier one of their chat failed): pending
    again, due at `at` (with the one they wait for)."""
    wanted = list(ids)
    if wanted:
        await session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(wanted))
            .values(status=PENDING, next_attempt_at=at)
        )


async def give_up(
    session: AsyncSession, ids: Iterable[int], *, error: str, attempts: int | None = None
) -> None:
    """These replies are not sent again (status failed, `error` the error class)."""
    wanted = list(ids)
    if not wanted:
        return
    values: dict[str, Any] = {"status": FAILED, "last_error": error[:64]}
    if attempts is not None:
        values["attempts"] = attempts
    await session.execute(update(OutboxRow).where(OutboxRow.id.in_(wanted)).values(**values))


async def give_up_chat(session: AsyncSession, chat_id: int, *, error: str) -> list[int]:
    """Every waiting reply to `chat_id` is given up (the user blocked the bot); their ids."""
    ids = list(
        await session.scalars(
            select(OutboxRow.id).where(OutboxRow.chat_id == chat_id, OutboxRow.status.in_(_WAITING))
        )
    )
    await give_up(session, ids, error=error)
    return ids


async def depth(session: AsyncSession) -> int:
    """How many replies wait (sending or pending)."""
    count = await session.scalar(
        select(func.count()).select_from(OutboxRow).where(OutboxRow.status.in_(_WAITING))
    )
    return int(count or 0)


async def prune_failed(session: AsyncSession, before: datetime) -> None:
    """Forget given-up replies created before `before` (aware UTC)."""
    await session.execute(
        delete(OutboxRow).where(and_(OutboxRow.status == FAILED, OutboxRow.created_at < before))
    )
