"""Button presses already handled (`ButtonPressRow`), so that the same press twice does nothing.

Every function takes the caller's database session; the caller commits (`Database.session`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import ButtonPressRow


async def first_press(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    message_id: int,
    version: int,
    data: str,
    now: datetime,
    again_after: timedelta | None = None,
) -> bool:
    """Record a press of `data` on message `message_id` (at `version`, its edit time) in
    `chat_id`; False when that press was recorded before (a second press of the same button).

    With `again_after`, a press recorded longer ago than that counts as a new one (buttons
    meant to be pressed again, such as the menu's): only a double tap is then recognised.
    """
    # Telegram's data is 1-64 bytes; a forged one may be anything: kept storable (no NUL, no
    # lone surrogate, at most 64 characters), which can only make two forged presses one.
    stored = data[:64].encode("utf-8", "replace").decode("utf-8").replace("\x00", "?")
    key = {"chat_id": chat_id, "message_id": message_id, "version": version, "data": stored}
    inserted = await session.execute(
        upsert_insert(session)(ButtonPressRow)
        .values(**key, user_id=user_id, pressed_at=now)
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(ButtonPressRow.chat_id)
    )
    if inserted.scalar_one_or_none() is not None:
        return True
    if again_after is None:
        return False
    renewed = await session.execute(
        update(ButtonPressRow)
        .where(
            *(getattr(ButtonPressRow, name) == value for name, value in key.items()),
            ButtonPressRow.pressed_at <= now - again_after,
        )
        .values(pressed_at=now)
        .returning(ButtonPressRow.chat_id)
        .execution_options(synchronize_session=False)
    )
    return renewed.scalar_one_or_none() is not None


async def prune_presses(session: AsyncSession, before: datetime) -> None:
    """Forget presses recorded before `before` (aware UTC)."""
    await session.execute(delete(ButtonPressRow).where(ButtonPressRow.pressed_at < before))
