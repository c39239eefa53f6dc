"""Old crisis states end by themselves: the dialog they paused resumes, else the row goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.handlers.safety_net import CRISIS_DIALOG, CRISIS_HOURS
from bot.storage import users
from bot.storage.database import Database
from bot.storage.models import DialogStateRow, UserRow

NOW = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


def crisis(since: datetime | str, paused: dict[str, object] | None = None) -> dict[str, object]:
    at = since.isoformat() if isinstance(since, datetime) else since
    return {"since": at, "who": "self", users.PAUSED_KEY: paused}


async def test_old_crisis_states_end_and_resume_what_they_paused(db: Database) -> None:
    check = {"language": "de", "answers": [["q_bladder_bowel", "no"]], "outcome": None}
    rows = {
        1: ("crisis", crisis(NOW - timedelta(hours=25))),  # old: goes
        2: ("crisis", crisis(NOW - timedelta(hours=25), {"dialog": "triage", "state": check})),
        3: ("crisis", crisis(NOW - timedelta(hours=2))),  # fresh: stays
        4: ("crisis", crisis("not a time")),  # damaged: treated as old
        5: ("plan", {"step": "days"}),  # another dialog: untouched
    }
    async with db.session() as session:
        for user_id in rows:
            session.add(UserRow(id=user_id, language="de", timezone="Europe/Berlin"))
        await session.flush()
        for user_id, (dialog, state) in rows.items():
            session.add(DialogStateRow(user_id=user_id, dialog=dialog, state=state))

    async with db.session() as session:
        ended = await users.end_interruptions(session, CRISIS_DIALOG, NOW - CRISIS_HOURS)
    assert ended == 3

    async with db.session() as session:
        left = {
            user_id: (row.dialog, row.state)
            for user_id in rows
            if (row := await session.get(DialogStateRow, user_id)) is not None
        }
    assert left == {
        2: ("triage", check),
        3: rows[3],
        5: rows[5],
    }
