"""People and their data: create on first contact, read every row for export, delete everything.

What `/export` shows of those rows, and how, is `bot.export`'s."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import (
    USER_TABLES,
    Base,
    DialogStateRow,
    InboxRow,
    ProcessedUpdateRow,
    UserRow,
    utcnow,
)


def language_from_code(language_code: str | None, default: str) -> str:
    """German for any German locale (de-AT, de-CH), English for English, else the default."""
    code = (language_code or "").lower()
    if code.startswith("de"):
        return "de"
    if code.startswith("en"):
        return "en"
    return default


async def ensure_user(
    session: AsyncSession, user_id: int, *, language: str, timezone: str
) -> UserRow:
    """The stored user, created on first contact; a user who had blocked us is active again."""
    user = await session.get(UserRow, user_id)
    if user is None:
        user = UserRow(id=user_id, language=language, timezone=timezone, active=True)
        session.add(user)
        await session.flush()
    elif not user.active:
        user.active = True
        user.blocked_at = None
    return user


async def get_user(session: AsyncSession, user_id: int) -> UserRow | None:
    """The stored user, or None for someone who never wrote (or deleted everything)."""
    return await session.get(UserRow, user_id)


async def mark_blocked(session: AsyncSession, user_id: int, at: datetime) -> None:
    """The user blocked the bot: inactive (no reminders) until they write again."""
    user = await session.get(UserRow, user_id)
    if user is not None:
        user.active = False
        user.blocked_at = at


async def first_delivery(session: AsyncSession, update_id: int) -> bool:
    """Record the update id; False when it was already handled (a redelivered update)."""
    statement = (
        upsert_insert(session)(ProcessedUpdateRow)
        .values(update_id=update_id, processed_at=utcnow())
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(ProcessedUpdateRow.update_id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def last_update_id(session: AsyncSession) -> int:
    """The highest update id this database has seen (handled or waiting in the inbox), 0 when
    none: where the local chat's emulator continues counting, so that a chat resumed on the
    same database is not mistaken for updates delivered again."""
    handled = await session.scalar(select(func.max(ProcessedUpdateRow.update_id)))
    waiting = await session.scalar(select(func.max(InboxRow.update_id)))
    return max(handled or 0, waiting or 0)


async def prune_processed_updates(session: AsyncSession, before: datetime) -> None:
    """Forget the update ids handled before `before` (aware UTC)."""
    await session.execute(
        delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
    )


async def user_rows(
    session: AsyncSession,
    table: type[Base],
    user_id: int,
    *,
    owner: str = "user_id",
    order_by: Sequence[str] = (),
) -> list[Base]:
    """The rows of `table` about the user (its column `owner` is `user_id`: "id" for
    `users`), sorted by the columns `order_by`, then by the primary key (for `/export`)."""
    columns = table.__table__.columns
    statement = (
        select(table)
        .where(columns[owner] == user_id)
        .order_by(*(columns[name] for name in order_by), *inspect(table).primary_key)
    )
    return list(await session.scalars(statement))


async def delete_user(session: AsyncSession, user_id: int) -> bool:
    """Remove every row about the user (explicitly, not trusting cascades on every backend);
    False when there was no such user."""
    user = await session.get(UserRow, user_id)
    if user is None:
        return False
    for table in USER_TABLES:
        await session.execute(delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
    await session.execute(delete(UserRow).where(UserRow.id == user_id))
    session.expunge(user)
    return True


async def get_dialog(session: AsyncSession, user_id: int) -> DialogStateRow | None:
    """The user's dialog row as stored (an interruption's "_paused" key included), or None."""
    return await session.get(DialogStateRow, user_id)


def still_stored(row: DialogStateRow) -> bool:
    """Whether a dialog row loaded earlier in this session is still stored: not deleted since
    (e.g. by `clear_dialog`, whose DELETE marks the rows it matched in the session)."""
    state = inspect(row)
    return not (state.deleted or state.was_deleted or state.detached)


async def set_dialog(
    session: AsyncSession, user_id: int, dialog: str, state: dict[str, Any]
) -> None:
    """Make `dialog` the user's current dialog with `state` (one dialog at a time)."""
    current = await session.get(DialogStateRow, user_id)
    if current is None:
        session.add(DialogStateRow(user_id=user_id, dialog=dialog, state=state))
    else:
        current.dialog = dialog
        current.state = dict(state)
        current.updated_at = utcnow()


# An interruption (a dialog opened on top of another, see `bot.handlers.common.Turn.interrupt`)
# keeps the dialog it paused under this key: {"dialog": name, "state": {...}} or None.
PAUSED_KEY = "_paused"


def paused_dialog(row: DialogStateRow) -> tuple[str, dict[str, Any]] | None:
    """The dialog an interruption paused, or None (also for a damaged entry)."""
    below = row.state.get(PAUSED_KEY) if isinstance(row.state, dict) else None
    if not isinstance(below, dict):
        return None
    name, state = below.get("dialog"), below.get("state")
    if not isinstance(name, str) or not isinstance(state, dict):
        return None
    return name, state


async def end_interruptions(
    session: AsyncSession, dialog: str, started_before: datetime, started: str = "since"
) -> int:
    """End every `dialog` interruption whose state's `started` time (ISO) lies before
    `started_before` (a damaged time counts as old): the dialog it paused resumes, else the
    row goes. Returns how many ended."""
    rows = list(
        await session.scalars(select(DialogStateRow).where(DialogStateRow.dialog == dialog))
    )
    ended = 0
    for row in rows:
        try:
            since = datetime.fromisoformat(str(row.state[started]))
            fresh = since.tzinfo is not None and since >= started_before
        except (KeyError, TypeError, ValueError):
            fresh = False
        if fresh:
            continue
        paused = paused_dialog(row)
        if paused is None:
            await session.delete(row)
        else:
            row.dialog, row.state = paused[0], dict(paused[1])
            row.updated_at = utcnow()
        ended += 1
    return ended


async def replace_dialog_if_unchanged(
    session: AsyncSession, user_id: int, version: datetime, state: dict[str, Any]
) -> bool:
    """Optimistic update: set the dialog's state only if it is still the one last changed at
    `version` (its `updated_at`); False when another process or the user moved it first."""
    changed = await session.execute(
        update(DialogStateRow)
        .where(DialogStateRow.user_id == user_id, DialogStateRow.updated_at == version)
        .values(state=state)
        .execution_options(synchronize_session=False)
    )
    return changed.rowcount == 1  # type: ignore[attr-defined]


async def clear_dialog_if_unchanged(session: AsyncSession, user_id: int, version: datetime) -> None:
    """End the dialog only if it is still the one last changed at `version` (`updated_at`)."""
    await session.execute(
        delete(DialogStateRow).where(
            DialogStateRow.user_id == user_id, DialogStateRow.updated_at == version
        )
    )


async def clear_dialog(session: AsyncSession, user_id: int, dialog: str | None = None) -> None:
    """End the current dialog (only if it is `dialog`, when given)."""
    statement = delete(DialogStateRow).where(DialogStateRow.user_id == user_id)
    if dialog is not None:
        statement = statement.where(DialogStateRow.dialog == dialog)
    await session.execute(statement)
