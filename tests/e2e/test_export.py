"""A readable /export end to end: the real bot, the emulator, a real database, a movable clock.

The file is labelled in the person's language with weekday names and local times, round-trips
their exercise logs, and shows none of the bot's bookkeeping (the host that sent a reminder,
update keys, Telegram message ids) and no secret."""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, ReminderRow
from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from dialogs.triage.red_flags import load_catalogue
from tests.e2e.people import MONDAY_18, ManualClock, ready, say_no_to_everything

pytestmark = pytest.mark.e2e


async def download(person: Person) -> tuple[str, str, dict[str, Any]]:
    """/export: the file's name, its text and the parsed document."""
    await person.send("/export")
    sent = next(reply for reply in await person.replies() if reply.document is not None)
    assert sent.document is not None
    filename, content = sent.document
    text = content.decode("utf-8")
    return filename, text, json.loads(text)


async def test_a_readable_export_in_german(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    anna = await ready(bot_api, "de", "Anna")
    await say_no_to_everything(anna)  # the check, then the plan dialog
    await anna.press("Weiter")
    await anna.reply()
    await anna.press("18:30")
    await anna.reply()
    await anna.press("Passt so")
    await anna.replies()

    clock.set(MONDAY_18 + timedelta(minutes=31))  # 18:31 in Berlin: the reminder goes out
    assert "Zeit für deine 10 Minuten" in (await anna.reply()).text
    await anna.press("✅ Erledigt")
    await anna.replies()
    await anna.press("3")
    await anna.replies()
    clock.set(MONDAY_18 + timedelta(minutes=40))
    await anna.send("hab heute 20 min yoga gemacht")
    await anna.replies()
    await anna.send("6")
    assert "6/10" in (await anna.reply()).text

    filename, text, data = await download(anna)
    assert filename == "rueckenwind-export-2026-03-23.json"
    assert data["Format"] == "rueckenwind-export" and data["Version"] == 2
    assert data["Erstellt"] == "Mo 23.03.2026 18:40"

    profile = data["Profil"]
    assert profile["Telegram-ID"] == anna.id and profile["Sprache"] == "Deutsch"
    assert profile["Zeitzone"] == "Europe/Berlin"
    assert profile["Hinweis akzeptiert"].startswith("Mo 23.03.2026 ")
    assert data["Bewegungsplan"]["Tage"] == "Mo, Mi, Fr"
    assert data["Bewegungsplan"]["Uhrzeit"] == "18:30"
    sent = [r for r in data["Erinnerungen"] if r["Status"] == "gesendet"]
    assert sent == [
        {
            "Fällig": "Mo 23.03.2026 18:30",
            "Art": "Erinnerung laut Plan",
            "Status": "gesendet",
            "Gesendet": "Mo 23.03.2026 18:31",
        }
    ]

    logs = data["Eingetragene Bewegung"]
    assert [(log["Minuten"], log["Aktivität"]) for log in logs] == [(10, None), (20, "Yoga")]
    assert {log["Tag"] for log in logs} == {"Mo 23.03.2026"}
    assert [log["Zeitpunkt"] for log in logs] == ["Mo 23.03.2026 18:31", "Mo 23.03.2026 18:40"]
    assert [log["Eingetragen per"] for log in logs] == [
        "Knopf „Erledigt“ an einer Erinnerung",
        "Nachricht",
    ]
    assert [rating["Schmerz (0–10)"] for rating in data["Schmerzwerte"]] == [3, 6]
    (check,) = data["Checks und Fragebögen"]
    assert check["Art"] == "Warnzeichen-Check" and check["Ergebnis"] == "keine Warnzeichen"
    assert len(check["Antworten"]) == len(load_catalogue().questions)
    assert {answer["Antwort"] for answer in check["Antworten"]} == {"Nein"}

    # The logs round-trip: as many, as long and the same activities as stored.
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(ExerciseLogRow)
                .where(ExerciseLogRow.user_id == anna.id)
                .order_by(ExerciseLogRow.done_at)
            )
        )
        reminders = list(
            await session.scalars(select(ReminderRow).where(ReminderRow.user_id == anna.id))
        )
    assert len(rows) == len(logs) and [r.minutes for r in rows] == [10, 20]
    assert [r.activity for r in rows] == [None, "yoga"]

    # None of the bookkeeping: the host and process that sent the reminder, update keys,
    # Telegram message ids (short numbers here: their labels are checked); and no secret.
    claims = {r.claimed_by for r in reminders if r.claimed_by}
    assert claims and all(socket.gethostname() in claim for claim in claims)
    assert all(r.message_id for r in reminders if r.status == "sent")
    keys = [row.update_key for row in rows if row.update_key]
    assert len(keys) == 2
    for value in (*claims, *(json.dumps(key) for key in keys), bot_api.token):
        assert value not in text, value
    for column in ("claimed_by", "claimed_at", "update_key", "message_id", "user_id"):
        assert column not in text


async def test_a_readable_export_in_english(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock
) -> None:
    john = await ready(bot_api, "en", "John")
    await john.send("went for a 30 minute walk")
    await john.replies()
    clock.set(MONDAY_18 + timedelta(minutes=5))
    await john.send("done, but it hurt")
    await john.replies()
    await john.press("4")
    await john.replies()

    filename, text, data = await download(john)
    assert filename == "rueckenwind-export-2026-03-23.json"
    assert data["Version"] == 2 and data["Created"] == "Mon 2026-03-23 18:05"
    assert data["Profile"]["Language"] == "English"
    assert data["Profile"]["Country for emergency numbers"] == "by time zone (Germany)"
    logs = data["Logged exercise"]
    assert [(log["Minutes"], log["Activity"], log["How it felt"]) for log in logs] == [
        (30, "Walking", None),
        (10, None, "it hurt"),
    ]
    assert [log["When"] for log in logs] == ["Mon 2026-03-23 18:00", "Mon 2026-03-23 18:05"]
    assert {log["Day"] for log in logs} == {"Mon 2026-03-23"}
    assert data["Pain ratings"] == [{"When": "Mon 2026-03-23 18:05", "Pain (0–10)": 4}]
    assert data["Movement plan"] is None and data["Reminders"] == []
    # The check the disclaimer started is still open, with no answer yet.
    assert data["Open dialog"]["Dialog"] == "Warning-sign check"
    assert data["Open dialog"]["Answers"] == []
    assert "Minuten" not in text and "Sprache" not in text and " Mo " not in text
