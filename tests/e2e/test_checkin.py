"""The weekly check-in (PEG-3) end to end: opting in under the Sunday summary or with
/checkin, three taps, the thanks with last week's values, stored once – in both languages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import UserRow, WeeklyCheckinRow
from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from tests.e2e.people import ManualClock, press_forged, ready

pytestmark = pytest.mark.e2e

SUNDAY_19 = datetime(2026, 3, 29, 17, 1, tzinfo=UTC)  # Sunday 29 March, 19:01 CEST
NEXT_SUNDAY_19 = datetime(2026, 4, 5, 17, 1, tzinfo=UTC)


async def stored(db: Database, user_id: int) -> list[tuple[date, int, int, int]]:
    async with db.session() as session:
        rows = await session.scalars(
            select(WeeklyCheckinRow)
            .where(WeeklyCheckinRow.user_id == user_id)
            .order_by(WeeklyCheckinRow.week_start)
        )
        return [(row.week_start, row.pain, row.enjoyment, row.activity) for row in rows]


async def opted_in(db: Database, user_id: int) -> bool | None:
    async with db.session() as session:
        user = await session.get(UserRow, user_id)
        assert user is not None
        return user.weekly_checkin


def labels(message: BotMessage) -> list[str]:
    return [label for row in message.buttons for label in row]


async def answer(person: Person, *values: str) -> BotMessage:
    """Tap the values one after the other, each on the question it replaced; the last reply."""
    reply = None
    for value in values:
        await person.press(value)
        reply = await person.reply()
        assert reply.edited  # one message, asked in place
    assert reply is not None
    return reply


async def test_weekly_checkin_in_german_with_the_sunday_summary(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    lea = await ready(bot_api, "de", "Lea")
    await lea.send("/remind 18:30 mo,mi,fr")
    assert "Mo, Mi, Fr um 18:30" in (await lea.reply()).text

    clock.set(SUNDAY_19)
    summary = next(r for r in await lea.replies() if "Wochenrückblick" in r.text)
    assert "📋 Wöchentlichen Check-in einschalten" in labels(summary)
    assert "Keine Zeit" in labels(summary)  # the barrier question stays as it was
    assert await opted_in(db, lea.id) is None  # nobody gets it unasked

    await lea.press("Check-in einschalten")
    switched_on, first = await lea.replies()
    assert "Check-in ist an" in switched_on.text and "jeden Sonntag" in switched_on.text
    assert "Woche vom 23.3." in first.text and "1/3" in first.text
    assert "Durchschnitt" in first.text and "0 = keine Schmerzen" in first.text
    assert [len(row) for row in first.buttons] == [6, 5]  # 0–5 and 6–10
    assert await opted_in(db, lea.id) is True

    await lea.press("6")  # a double tap: the second press arrives before the answer
    await lea.press("6")
    second = await lea.reply()
    assert second.edited and "2/3" in second.text and "Freude am Leben" in second.text
    assert "Schon angekommen 👍" in lea.answers
    third = await answer(lea, "4")
    assert "3/3" in third.text and "alltäglichen Tätigkeiten" in third.text
    last = await lea.press("3")
    thanks = await lea.reply()
    assert "Schmerz 6/10" in thanks.text and "PEG-Wert (Mittel der drei): 4,3 von 10" in thanks.text
    assert "erster Check-in" in thanks.text and "/bericht" in thanks.text
    assert thanks.buttons == []
    assert await stored(db, lea.id) == [(date(2026, 3, 23), 6, 4, 3)]

    bot_api.redeliver(last)  # a redelivered update does nothing
    assert await lea.replies(timeout=1.0, allow_none=True) == []
    await press_forged(bot_api, lea, "peg:20260323:6:4:9")  # another last tap, an old message
    again = await lea.reply()
    assert "habe ich deinen Check-in schon" in again.text and "4,3" in again.text
    assert await stored(db, lea.id) == [(date(2026, 3, 23), 6, 4, 3)]  # stored once

    # an out-of-date week, no Monday, garbage: the friendly "out of date" answer
    for data in ("peg:20260302:5", "peg:20260324:5", "peg:20260323:5:99", "peg:x"):
        await press_forged(bot_api, lea, data)
        assert "nicht mehr aktuell" in (await lea.reply()).text, data
    assert await stored(db, lea.id) == [(date(2026, 3, 23), 6, 4, 3)]

    # Opted in: the next Sunday summary brings the first question by itself.
    clock.set(NEXT_SUNDAY_19)
    replies = await lea.replies()
    summary = next(r for r in replies if "Wochenrückblick" in r.text)
    assert not any("einschalten" in label for label in labels(summary))
    asked = replies[-1]
    assert "1/3" in asked.text and "Woche vom 30.3." in asked.text
    thanks = await answer(lea, "3", "2", "2")
    assert "PEG-Wert (Mittel der drei): 2,3 von 10" in thanks.text
    assert "Letzte Woche: Schmerz 6 · Lebensfreude 4 · Alltag 3 – PEG 4,3." in thanks.text
    assert await stored(db, lea.id) == [
        (date(2026, 3, 23), 6, 4, 3),
        (date(2026, 3, 30), 3, 2, 2),
    ]


async def test_weekly_checkin_in_english_by_command(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database
) -> None:
    tom = await ready(bot_api, "en", "Tom")
    await tom.send("/help")
    help_text = (await tom.reply()).text
    assert "/checkin – Weekly check-in" in help_text and "/report – Report (PDF)" in help_text

    await tom.send("/checkin")
    status = await tom.reply()
    assert "Weekly check-in: every Sunday" in status.text
    assert status.button_data == [["ci:1"]]
    await tom.send("/checkin on")
    switched_on, first = await tom.replies()
    assert "check-in is on" in switched_on.text and "movement plan (/plan)" in switched_on.text
    assert "1/3" in first.text and "week of 16/3" in first.text and "0 = no pain" in first.text

    thanks = await answer(tom, "2", "3", "4")
    assert "pain 2/10" in thanks.text and "enjoying life 3/10" in thanks.text
    assert "PEG score (the mean of the three): 3.0 out of 10" in thanks.text
    assert "first check-in" in thanks.text
    await tom.send("/checkin")  # once a week: the stored values again
    assert "I already have your check-in for the week of 16/3" in (await tom.reply()).text

    await tom.send("/checkin off")
    assert "check-in is off" in (await tom.reply()).text
    assert await opted_in(db, tom.id) is False
    await tom.send("/checkin")
    off = await tom.reply()
    assert "The weekly check-in is off" in off.text and off.button_data == [["ci:1"]]
    assert await stored(db, tom.id) == [(date(2026, 3, 16), 2, 3, 4)]

    await tom.send("/export")  # the check-ins and the choice are in the file
    document = next(r for r in await tom.replies() if r.document is not None).document
    assert document is not None
    data = json.loads(document[1])
    assert data["Profile"]["Weekly check-in on"] == "no"
    assert data["Weekly check-ins"] == [
        {
            "Week from": "Mon 2026-03-16",
            "Average pain (0–10)": 2,
            "Interference with enjoying life (0–10)": 3,
            "Interference with everyday activities (0–10)": 4,
            "Answered": "Mon 2026-03-23 18:00",
        }
    ]
    await tom.send("/delete")  # and /delete removes them
    await tom.reply()
    await tom.press("Yes, delete everything")
    await tom.reply()
    assert await stored(db, tom.id) == []


async def test_high_pain_in_the_checkin_offers_the_check_without_alarm(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    ida = await ready(bot_api, "de", "Ida")
    await ida.send("/checkin an")
    await ida.replies()
    thanks = await answer(ida, "8", "6", "7")
    assert not thanks.text.startswith("⚠️") and "Warnzeichen-Check" in thanks.text
    assert thanks.button_data == [["menu:check"]]
