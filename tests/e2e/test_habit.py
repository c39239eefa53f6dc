"""The movement habit end to end: the real bot, the emulator, a real database, a movable clock."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import (
    ExerciseLogRow,
    PainRatingRow,
    PlanRow,
    ReminderRow,
    UserRow,
    WeeklyReviewRow,
)
from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from tests.e2e.people import MONDAY_18, ManualClock, ready, say_no_to_everything

pytestmark = pytest.mark.e2e


async def make_plan(person: Person) -> None:
    await person.send("/plan")
    days = await person.reply()
    assert "Tagen" in days.text and "Mo, Mi, Fr" in days.text
    await person.press("Weiter")
    assert "Uhrzeit" in (await person.reply()).text
    await person.press("18:30")
    assert "Europe/Berlin" in (await person.reply()).text
    await person.press("Passt so")
    saved = await person.reply()
    assert "Mo, Mi, Fr um 18:30" in saved.text


async def planned(bot_api: BotApiEmulator, name: str) -> Person:
    """A German user who has accepted the disclaimer and saved the offered plan (Mon, Wed, Fri
    at 18:30 Berlin time)."""
    person = await ready(bot_api, "de", name)
    await make_plan(person)
    return person


async def exercise_logs(db: Database, user_id: int) -> int:
    async with db.session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(ExerciseLogRow)
            .where(ExerciseLogRow.user_id == user_id)
        )
    return int(count or 0)


async def test_plan_reminder_done_one_of_three(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    anna = await planned(bot_api, "Anna")
    assert await anna.replies(timeout=0.8, allow_none=True) == []  # nothing due yet

    clock.set(MONDAY_18 + timedelta(minutes=31))  # 18:31 local
    reminder = await anna.reply()
    assert "Zeit für deine 10 Minuten" in reminder.text and "0/3" in reminder.text
    labels = [label for row in reminder.buttons for label in row]
    assert {"✅ Erledigt", "⏰ Später", "Heute auslassen"} <= set(labels)
    assert any("10-Minuten-Einheit" in label for label in labels)

    await anna.press("✅ Erledigt")
    replies = await anna.replies()
    assert "1/3" in replies[0].text
    assert replies[1].button_data[0][0] == "pain:0"
    assert await exercise_logs(db, anna.id) == 1

    await anna.press("✅ Erledigt")  # the same button again: only answered, not counted twice
    assert await anna.replies(timeout=1.0, allow_none=True) == []
    assert await exercise_logs(db, anna.id) == 1

    await anna.press("3")  # pain rating, one tap
    rated = await anna.reply()
    assert rated.edited and "3/10" in rated.text
    async with db.session() as session:
        assert (
            await session.scalar(
                select(PainRatingRow.score).where(PainRatingRow.user_id == anna.id)
            )
            == 3
        )


async def test_done_text_redelivery_and_celebration(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    clock.set(MONDAY_18 + timedelta(days=2))  # Wednesday: "yesterday" is still this week
    ben = await ready(bot_api, "de", "Ben")
    update_id = await ben.send("erledigt 👍")
    # The first free text of a process may wait for the myth matcher (built on first need).
    assert "1/3" in (await ben.replies(timeout=60))[0].text
    bot_api.redeliver(update_id)
    assert await ben.replies(timeout=1.0, allow_none=True) == []
    assert await exercise_logs(db, ben.id) == 1

    await ben.send("15 min erledigt")
    assert "2/3" in (await ben.replies())[0].text
    await ben.send("gestern erledigt")
    third = (await ben.replies())[0]
    assert "🎉" in third.text and "3/3" in third.text and "für gestern" in third.text
    await ben.send("Done!")
    assert "4 Einheiten" in (await ben.replies())[0].text

    await ben.send("Ich bin fertig mit der Welt, mein Rücken tut weh")
    answer = (await ben.replies())[0].text
    assert "/3" not in answer
    await ben.send("erledigt 700")
    assert "1 bis 600" in (await ben.reply()).text
    assert await exercise_logs(db, ben.id) == 4

    await ben.send("/undo")
    assert "Soll ich diese Einheit löschen" in (await ben.reply()).text
    await ben.press("Ja")
    assert "Zurückgenommen" in (await ben.reply()).text
    assert await exercise_logs(db, ben.id) == 3


async def test_timezone_without_a_plan_names_no_reminder_time(
    bot_api: BotApiEmulator, app: Any
) -> None:
    """A new-user trial was told "Reminders come at 18:30" before it had any plan."""
    tia = await ready(bot_api, "en", "Tia")
    await tia.send("/timezone London")
    replies = await tia.replies()
    saved = next(reply for reply in replies if "Europe/London" in reply.text)
    assert "once you have a plan (/plan)" in saved.text and "Reminders come at" not in saved.text


async def test_remind_timezone_pause_resume(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    john = await ready(bot_api, "en", "John")
    await john.send("/remind 25:00")
    assert "can't read the time" in (await john.reply()).text
    await john.send("/remind 18:45 mon,xyz")
    assert "can't find days" in (await john.reply()).text
    await john.send("/remind 22:30")
    assert "quiet hours" in (await john.reply()).text
    await john.send("/remind 18:45 tue-thu")
    assert "Tue, Wed, Thu at 18:45" in (await john.reply()).text
    await john.send("/timezone Mars/Base")
    assert "don't know the timezone" in (await john.reply()).text
    await john.send("/timezone")
    assert any(
        "plan:zone:Europe/Vienna" in d for row in (await john.reply()).button_data for d in row
    )
    await john.press("America/New_York")
    saved, country_note = await john.replies()
    assert "America/New_York" in saved.text and "Reminders come at 18:45" in saved.text
    assert "local emergency number" in country_note.text  # the helplines follow the zone
    async with db.session() as session:
        user = await session.get(UserRow, john.id)
        plan = await session.get(PlanRow, john.id)
        assert user is not None and user.timezone == "America/New_York"
        assert plan is not None and plan.weekdays == "2,3,4" and plan.local_time == "18:45"

    await john.send("/plan")
    shown = await john.reply()
    assert "Your plan: Tue, Wed, Thu at 18:45 (America/New_York)" in shown.text
    assert shown.button_data == [["plan:edit", "plan:pause"]]
    await john.send("/pause")
    assert "paused" in (await john.reply()).text
    # Tuesday 18:45 in New York (EDT, UTC-4) = 22:45 UTC: paused, so silence.
    clock.set(datetime(2026, 3, 24, 22, 46, tzinfo=UTC))
    assert await john.replies(timeout=1.0, allow_none=True) == []
    await john.send("/resume")
    assert "Tue, Wed, Thu at 18:45" in (await john.reply()).text
    clock.set(datetime(2026, 3, 25, 22, 46, tzinfo=UTC))  # Wednesday 18:46 in New York
    assert "Time for your 10 minutes" in (await john.reply()).text


async def test_snooze_and_skip(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    eva = await planned(bot_api, "Eva")
    clock.set(MONDAY_18 + timedelta(minutes=30))
    await eva.reply()
    await eva.press("⏰ Später")
    later = await eva.reply()
    assert [data.split(":")[:2] for data in later.button_data[0]] == [["rem", "in"]] * 3
    await eva.press("In 1 Stunde")
    assert "heute um 19:30" in (await eva.reply()).text
    clock.set(MONDAY_18 + timedelta(minutes=91))
    again = await eva.reply()
    assert "Zeit für deine 10 Minuten" in again.text
    await eva.press("Heute auslassen")
    assert "lassen wir aus" in (await eva.reply()).text
    async with db.session() as session:
        statuses = (
            await session.scalars(
                select(ReminderRow.status).where(
                    ReminderRow.user_id == eva.id, ReminderRow.kind == "snooze"
                )
            )
        ).all()
    assert statuses == ["skipped"]


async def test_catch_up_and_weekly_summary_with_barrier_tip(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    mia = await planned(bot_api, "Mia")
    await mia.send("erledigt")
    await mia.replies()  # 1/3 on Monday: no reminder that day
    clock.set(MONDAY_18 + timedelta(minutes=45))
    assert await mia.replies(timeout=1.0, allow_none=True) == []
    clock.set(datetime(2026, 3, 28, 17, 31, tzinfo=UTC))  # Saturday 18:31, after Wed/Fri missed
    nudge = await mia.reply()
    assert "Kleiner Anstoß" in nudge.text and "1/3" in nudge.text
    clock.set(datetime(2026, 3, 29, 17, 1, tzinfo=UTC))  # Sunday 19:01 CEST
    summary = await mia.reply()
    assert "Wochenrückblick: 1/3" in summary.text
    await mia.press("Schmerzen")
    tip = await mia.reply()
    assert "/check" in tip.text
    async with db.session() as session:
        review = await session.scalar(
            select(WeeklyReviewRow).where(WeeklyReviewRow.user_id == mia.id)
        )
    assert review is not None and review.barrier == "pain" and review.sessions == 1


async def test_progress_chart_is_a_png(bot_api: BotApiEmulator, clocked_app: Any) -> None:
    leo = await ready(bot_api, "en", "Leo")
    await leo.send("done 20")
    await leo.replies()
    await leo.press("7")
    await leo.replies()
    await leo.send("/progress")
    chart = await leo.reply()
    assert chart.photo is not None and "This week: 1/3" in chart.text and "20 minutes" in chart.text
    image = Image.open(io.BytesIO(chart.photo))
    assert image.format == "PNG" and image.size == (960, 1200)  # portrait, for a phone


async def test_guided_routine_by_timer_and_next(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    ida = await ready(bot_api, "de", "Ida")
    await ida.send("/session")
    menu = await ida.reply()
    assert [row[0] for row in menu.button_data] == [
        "gs:start:gentle",
        "gs:start:active",
        "gs:start:office",
    ]
    await ida.press(data="gs:start:office")
    first = await ida.replies()
    assert "1/8" in first[-1].text and "⚠️" in first[-1].text
    clock.set(MONDAY_18 + timedelta(seconds=61))  # the first step (60 s) is over: timer moves on
    assert "2/8" in (await ida.reply()).text
    for step in range(3, 9):
        await ida.press("Weiter")
        assert f"{step}/8" in (await ida.reply()).text
    await ida.press("Weiter")
    finished = await ida.replies()
    assert "Fertig – 10 Minuten" in finished[0].text and "1/3" in finished[1].text
    async with db.session() as session:
        row = await session.scalar(select(ExerciseLogRow).where(ExerciseLogRow.user_id == ida.id))
    assert row is not None and row.source == "guided" and row.minutes == 10


async def test_blocked_user_is_deactivated(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    ole = await planned(bot_api, "Ole")
    bot_api.block(ole)
    clock.set(MONDAY_18 + timedelta(minutes=31))
    # Two commits: the user is marked blocked as soon as Telegram answers 403, the reminder's
    # outcome right after; wait for both.
    for _ in range(50):
        async with db.session() as session:
            user = await session.get(UserRow, ole.id, populate_existing=True)
            status = await session.scalar(
                select(ReminderRow.status).where(
                    ReminderRow.user_id == ole.id, ReminderRow.kind == "planned"
                )
            )
        if user is not None and not user.active and status != "sending":
            break
        await asyncio.sleep(0.1)
    assert user is not None and not user.active
    assert status == "dropped"


async def test_429_storm_neither_loses_nor_doubles(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock
) -> None:
    kai = await planned(bot_api, "Kai")
    bot_api.fail("sendMessage", 429, times=4, retry_after=1)
    clock.set(MONDAY_18 + timedelta(minutes=31))
    reminder = await kai.reply(timeout=15)
    assert "Zeit für deine 10 Minuten" in reminder.text
    assert await kai.replies(timeout=1.5, allow_none=True) == []
    texts = [m.text for m in kai.messages if "Zeit für deine" in m.text]
    assert len(texts) == 1


async def test_clear_check_leads_into_the_plan(bot_api: BotApiEmulator, clocked_app: Any) -> None:
    pia = await ready(bot_api, "de", "Pia")
    replies = await say_no_to_everything(pia)  # a clear check hands over to the plan dialog
    days = next(reply for reply in replies if "An welchen Tagen" in reply.text)
    assert "Mo, Mi, Fr" in days.text
    await pia.send("di,do,sa")
    assert "Uhrzeit" in (await pia.reply()).text
    await pia.send("abc")
    assert "verstehe ich nicht" in (await pia.replies())[0].text
    await pia.send("18.30")
    await pia.reply()
    await pia.send("Europe/Vienna")
    saved, country_note = await pia.replies()
    assert "Di, Do, Sa um 18:30 (Europe/Vienna)" in saved.text
    assert "Österreich" in country_note.text and "144" in country_note.text
