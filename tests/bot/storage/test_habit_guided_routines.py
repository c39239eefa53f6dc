"""Guided-routine timers are driven by paging through every running routine, not the first N."""

from __future__ import annotations

from bot.storage import habit as store
from bot.storage.database import Database
from bot.storage.models import DialogStateRow, UserRow


async def test_pages_cover_every_running_routine_once(db: Database) -> None:
    async with db.session() as session:
        for user_id in (5, 1, 4, 2, 3):
            session.add(UserRow(id=user_id, language="de", timezone="Europe/Berlin"))
        await session.flush()
        for user_id in (5, 1, 4, 2):
            session.add(
                DialogStateRow(user_id=user_id, dialog=store.GUIDED_ROUTINE_DIALOG, state={})
            )
        session.add(DialogStateRow(user_id=3, dialog="check", state={}))

    seen: list[list[int]] = []
    after = 0
    while True:
        async with db.session() as session:
            page = [s.user_id for s in await store.running_routines(session, after, limit=2)]
        seen.append(page)
        if len(page) < 2:
            break
        after = page[-1]

    assert seen == [[1, 2], [4, 5], []]
