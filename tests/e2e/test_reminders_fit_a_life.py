"""Issue 12 §2 end to end: the real bot, the emulator, a real database, a movable clock.

Quiet hours moved for an early reminder, a reminder answered in words, a holiday pause that
ends by itself, /remind with "18 Uhr", and /timezone with city names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import PlanRow, ReminderRow
from bot.testing.server import BotApiEmulator
from tests.e2e.people import MONDAY_18, ManualClock, ready
from tests.e2e.test_habit import planned

pytestmark = pytest.mark.e2e


async def test_early_reminder_moves_the_quiet_hours(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    mia = await ready(bot_api, "de", "Mia")
    await mia.send("/remind 6:45 mo-fr")
    offer = await mia.reply()
    assert "06:45 liegt in deiner Ruhezeit (21:00–08:00)" in offer.text
    assert "21:00–06:45" in offer.text
    assert [label for row in offer.buttons for label in row] == ["Ja", "Nein"]
    await mia.press("Ja")
    moved, saved = await mia.replies()
    assert "Ruhezeit verschoben: 21:00–06:45" in moved.text
    assert "Gespeichert: Mo, Di, Mi, Do, Fr um 06:45" in saved.text
    async with db.session() as session:
        plan = await session.get(PlanRow, mia.id)
        assert plan is not None
        assert (plan.local_time, plan.quiet_start, plan.quiet_end) == ("06:45", "21:00", "06:45")
    clock.set(datetime(2026, 3, 24, 5, 46, tzinfo=UTC))  # Tuesday 06:46 in Berlin
    assert "Zeit für deine 10 Minuten" in (await mia.reply()).text

    await mia.send("/quiet")
    assert "Deine Ruhezeit: 21:00–06:45" in (await mia.reply()).text
    await mia.send("/quiet 22:00-06:30")
    assert "Ruhezeit gespeichert: 22:00–06:30" in (await mia.reply()).text
    await mia.send("/remind 23:00")  # "Nein" keeps the quiet hours and the plan
    assert "Ruhezeit" in (await mia.reply()).text
    await mia.press("Nein")
    assert "bleibt 22:00–06:30" in (await mia.reply()).text
    async with db.session() as session:
        plan = await session.get(PlanRow, mia.id)
        assert plan is not None and plan.local_time == "06:45" and plan.quiet_start == "22:00"


async def test_reminders_answered_in_words(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    anna = await planned(bot_api, "Anna")  # Mon, Wed, Fri at 18:30 Berlin
    john = await ready(bot_api, "en", "John")
    await john.send("/remind 6:15pm mon")
    assert "Mon at 18:15" in (await john.reply()).text
    await anna.send("später")  # no reminder yet: not an answer to one
    assert "Wann soll ich dich" not in (await anna.reply()).text

    clock.set(MONDAY_18 + timedelta(minutes=31))  # 18:31: both reminded
    assert "Zeit für deine 10 Minuten" in (await anna.reply()).text
    assert "Time for your 10 minutes" in (await john.reply()).text
    await anna.send("später")
    later = await anna.reply()
    assert "Wann soll ich dich" in later.text
    assert later.buttons == [["In 30 Min.", "In 1 Stunde", "In 2 Stunden"], ["Andere Uhrzeit …"]]
    await anna.press("Andere Uhrzeit …")
    assert "um 19 Uhr" in (await anna.reply()).text
    await anna.send("in 30 min")
    assert "heute um 19:01" in (await anna.reply()).text
    await john.send("snooze 1h")
    assert "today at 19:31" in (await john.reply()).text

    clock.set(MONDAY_18 + timedelta(minutes=62))  # 19:02: the snooze is due
    assert "Zeit für deine 10 Minuten" in (await anna.reply()).text
    await anna.send("um 20 Uhr")
    assert "heute um 20:00" in (await anna.reply()).text
    await anna.send("heute nicht")
    assert "lassen wir aus" in (await anna.reply()).text
    clock.set(MONDAY_18 + timedelta(hours=3, minutes=1))  # 20:01: the skipped snooze stays quiet
    assert await anna.replies(timeout=1.0, allow_none=True) == []
    await john.send("not today")
    assert "skip today" in (await john.reply()).text
    async with db.session() as session:
        statuses = (
            await session.scalars(
                select(ReminderRow.status).where(
                    ReminderRow.user_id == anna.id, ReminderRow.kind == "snooze"
                )
            )
        ).all()
    assert statuses == ["skipped", "skipped"]  # "heute nicht": the day's snoozes, as the button

    clock.set(MONDAY_18 + timedelta(hours=4))  # 21:00 local: more than 3 hours after 18:31
    await anna.send("später")
    assert "Wann soll ich dich" not in (await anna.reply()).text


async def test_holiday_pause_ends_by_itself(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    anna = await planned(bot_api, "Anna")  # Mon, Wed, Fri at 18:30 Berlin
    await anna.send("/pause 1 Woche")
    paused = await anna.reply()
    assert "pausiert bis einschließlich So 29.03." in paused.text
    assert "ab Mo 30.03." in paused.text
    async with db.session() as session:
        plan = await session.get(PlanRow, anna.id)
        assert plan is not None and plan.paused and plan.paused_until == date(2026, 3, 29)

    clock.set(MONDAY_18 + timedelta(minutes=31))  # today 18:31: paused
    assert await anna.replies(timeout=1.0, allow_none=True) == []
    clock.set(MONDAY_18 + timedelta(days=2, minutes=31))  # Wednesday 18:31: paused
    assert await anna.replies(timeout=1.0, allow_none=True) == []
    # Monday 30 March 18:31 CEST (summer time since Sunday): the pause is over, nobody resumed
    clock.set(datetime(2026, 3, 30, 16, 31, tzinfo=UTC))
    assert "Zeit für deine 10 Minuten" in (await anna.reply()).text
    async with db.session() as session:
        plan = await session.get(PlanRow, anna.id)
        assert plan is not None and not plan.paused and plan.paused_until is None

    john = await ready(bot_api, "en", "John")
    await john.send("/remind 18:30 mon,wed,fri")
    await john.reply()
    await john.send("/pause until 15 May")
    assert "paused up to and including Fri 15 May" in (await john.reply()).text
    await john.send("/pause bis gestern abend")
    assert "end of a pause" in (await john.reply()).text
    await john.send("/pause")
    assert "Use /resume" in (await john.reply()).text
    async with db.session() as session:
        plan = await session.get(PlanRow, john.id)
        assert plan is not None and plan.paused and plan.paused_until is None


async def test_remind_18_uhr_and_timezone_cities(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    ben = await ready(bot_api, "de", "Ben")
    await ben.send("/remind 18 Uhr mo-fr")
    assert "Gespeichert: Mo, Di, Mi, Do, Fr um 18:00" in (await ben.reply()).text
    await ben.send("/remind halb sieben")
    assert "um 18:30" in (await ben.reply()).text
    await ben.send("/timezone Wien")
    vienna = (await ben.replies())[0]
    assert "Zeitzone: Europe/Vienna – bei dir ist es jetzt 18:00" in vienna.text
    await ben.send("/timezone Chicago")
    assert "America/Chicago – bei dir ist es jetzt 12:00" in (await ben.replies())[0].text
    await ben.send("/timezone EST")
    asked = await ben.reply()
    assert "Welche Stadt meinst du?" in asked.text
    assert asked.button_data == [["plan:zone:America/New_York", "plan:zone:America/Toronto"]]
    await ben.press("America/New_York")
    assert "America/New_York – bei dir ist es jetzt 13:00" in (await ben.replies())[0].text
    await ben.send("/timezone Etc/GMT-3")
    assert "fester Zeitabstand" in (await ben.reply()).text
