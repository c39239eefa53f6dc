"""`users.still_stored`: the turn holds the dialog row it loaded (the session's identity map
holds unchanged rows only weakly) and must see when a DELETE elsewhere in the same
transaction removed it (a guided routine that ends clears its dialog)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from bot.storage import users
from bot.storage.database import Database
from bot.storage.models import UserRow


def test_a_dialog_row_cleared_by_a_statement_is_no_longer_stored(tmp_path: Path) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'dialog.db'}")
        await database.migrate()
        async with database.session() as session:
            session.add(
                UserRow(id=1, language="de", timezone="Europe/Berlin", created_at=datetime.now(UTC))
            )
        async with database.session() as session:
            await users.set_dialog(session, 1, "plan", {"step": "time"})
        async with database.session() as session:
            row = await users.get_dialog(session, 1)
            assert row is not None
            before = users.still_stored(row)
            await users.clear_dialog(session, 1, "other")  # another dialog's: stays
            kept = users.still_stored(row)
            await users.clear_dialog(session, 1, "plan")
            after = users.still_stored(row)
        await database.dispose()
        return before, kept, after

    assert asyncio.run(scenario()) == (True, True, False)
