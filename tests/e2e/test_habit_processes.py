"""Reminders across real processes: `python -m bot run` killed with SIGKILL and restarted, and
two processes sharing one PostgreSQL database. The clock is the real one, so due rows are
inserted relative to it (quiet hours switched off for these users).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, PlanRow, ReminderRow, UserRow
from bot.testing.server import BotApiEmulator
from tests.e2e.people import bot_process

# serial: timing under crashes and kills; `make test` runs these alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.serial]
REMINDER_TEXT = "Zeit für deine 10 Minuten"


async def add_reminder_user(db: Database, bot_api: BotApiEmulator, due_at: datetime) -> int:
    """A consented user with a quiet-hours-free plan and one due reminder row."""
    person = bot_api.user(first_name="R", language_code="de")
    async with db.session() as session:
        session.add(
            UserRow(
                id=person.id,
                language="de",
                timezone=midday_zone(due_at),
                consent_at=due_at - timedelta(days=1),
                active=True,
            )
        )
        await session.flush()
        session.add(
            PlanRow(
                user_id=person.id,
                weekdays="1,2,3,4,5,6,7",
                local_time=_far_from(due_at, midday_zone(due_at)),
                quiet_start="00:00",
                quiet_end="00:00",
                paused=False,
                updated_at=due_at - timedelta(days=1),
            )
        )
        session.add(ReminderRow(user_id=person.id, kind="snooze", due_at=due_at, status="due"))
    return person.id


def midday_zone(moment: datetime) -> str:
    """A fixed-offset zone in which `moment` is around noon.

    These tests use the real clock; a reminder due a few minutes before local midnight is
    rightly dropped as stale once the day has changed, so the users live where it is midday.
    """
    offset = 12 - moment.astimezone(UTC).hour  # hours east of UTC, -11 … +12
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # Etc/ signs are inverted


def _far_from(moment: datetime, zone: str) -> str:
    """A local plan time about 12 hours away, so planned reminders never fire during the test."""
    return (moment.astimezone(ZoneInfo(zone)) + timedelta(hours=12)).strftime("%H:%M")


async def expect(person: Any, needle: str, timeout: float = 30.0) -> None:
    """Read replies until one contains `needle` (a slow process may answer in several parts)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen: list[str] = []
    while loop.time() < deadline:
        replies = await person.replies(timeout=max(0.1, deadline - loop.time()), allow_none=True)
        seen += [reply.text for reply in replies]
        if any(needle in text for text in seen):
            return
    raise AssertionError(f"no reply containing {needle!r}; got {seen}")


def reminders_to(bot_api: BotApiEmulator, user_id: int) -> int:
    outputs = bot_api.chat(user_id).outputs
    return sum(1 for message in outputs if REMINDER_TEXT in message.text)


async def wait_until(condition: Callable[[], Any], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await condition() if asyncio.iscoroutinefunction(condition) else condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")


async def test_sigkill_and_restart_lose_nothing_and_send_nothing_twice(
    tmp_path: Path, bot_api: BotApiEmulator, db: Database, database_url: str
) -> None:
    now = datetime.now(UTC)
    early = [await add_reminder_user(db, bot_api, now - timedelta(seconds=30)) for _ in range(5)]
    anna = bot_api.user(first_name="Anna", language_code="de")

    async with bot_process(tmp_path, bot_api, database_url, stop=signal.SIGTERM) as first:
        await anna.send("/start")
        await expect(anna, "einverstanden")
        await anna.press("Verstanden")
        await expect(anna, "Danke")
        await anna.send("erledigt")
        await expect(anna, "1/3")
        await wait_until(lambda: all(reminders_to(bot_api, uid) == 1 for uid in early))

        async def all_marked() -> bool:
            async with db.session() as session:
                statuses = set(
                    (
                        await session.scalars(
                            select(ReminderRow.status).where(
                                ReminderRow.user_id.in_(early), ReminderRow.kind == "snooze"
                            )
                        )
                    ).all()
                )
            return statuses == {"sent"}

        await wait_until(all_marked)
        first.send_signal(signal.SIGKILL)
        await first.wait()

    # While the bot is down: a message arrives, more reminders fall due, and one reminder is
    # stranded as "claimed" by the dead process long enough ago for the lease to have run out.
    await anna.send("15 min erledigt")
    later = [await add_reminder_user(db, bot_api, datetime.now(UTC)) for _ in range(5)]
    stranded = await add_reminder_user(db, bot_api, datetime.now(UTC) - timedelta(minutes=5))
    async with db.session() as session:
        row = await session.scalar(select(ReminderRow).where(ReminderRow.user_id == stranded))
        assert row is not None
        row.status, row.claimed_by = "claimed", "dead-host:1"
        row.claimed_at = datetime.now(UTC) - timedelta(minutes=3)

    async with bot_process(tmp_path, bot_api, database_url, stop=signal.SIGTERM):
        await expect(anna, "2/3")
        await wait_until(lambda: all(reminders_to(bot_api, uid) >= 1 for uid in [*later, stranded]))
        await asyncio.sleep(1.5)  # a few more ticks: nothing may be sent again

    for uid in [*early, *later, stranded]:
        assert reminders_to(bot_api, uid) == 1, uid
    async with db.session() as session:
        logged = await session.scalar(
            select(func.count())
            .select_from(ExerciseLogRow)
            .where(ExerciseLogRow.user_id == anna.id)
        )
    assert logged == 2


@pytest.mark.postgres
async def test_two_processes_on_one_postgres_send_each_reminder_once(
    tmp_path: Path, bot_api: BotApiEmulator, db: Database, database_url: str
) -> None:
    assert database_url.startswith("postgresql")
    now = datetime.now(UTC)
    users = [await add_reminder_user(db, bot_api, now - timedelta(seconds=i)) for i in range(50)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    async with (
        bot_process(tmp_path / "a", bot_api, database_url, stop=signal.SIGTERM),
        bot_process(tmp_path / "b", bot_api, database_url, stop=signal.SIGTERM),
    ):
        await wait_until(lambda: all(reminders_to(bot_api, uid) >= 1 for uid in users), 60)
        await asyncio.sleep(2)
    assert [reminders_to(bot_api, uid) for uid in users] == [1] * 50
    async with db.session() as session:
        rows = (
            await session.execute(
                select(ReminderRow.status, ReminderRow.claimed_by).where(
                    ReminderRow.kind == "snooze"
                )
            )
        ).all()
    assert len(rows) == 50 and {status for status, _ in rows} == {"sent"}
    print("claims per process:", {c: sum(1 for _, x in rows if x == c) for _, c in rows})
