"""/export's file: complete (every table and column decided), readable (labels in the person's
language, weekday names, local times, words for codes) and free of the bot's bookkeeping."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import export
from bot.handlers.habit import PLAN_DIALOG
from bot.handlers.myths import QUIZ_DIALOG
from bot.handlers.safety_net import ASK_DIALOG, CRISIS_DIALOG
from bot.handlers.triage import STARTBACK_DIALOG, TRIAGE_DIALOG
from bot.i18n import translator
from bot.storage.database import Database
from bot.storage.habit import GUIDED_ROUTINE_DIALOG
from bot.storage.models import (
    USER_TABLES,
    Base,
    ButtonPressRow,
    DialogStateRow,
    ExerciseLogRow,
    OutboxRow,
    PainRatingRow,
    PlanRow,
    ReminderRow,
    TriageResultRow,
    UserRow,
    WeeklyReviewRow,
)
from dialogs.common import state_codec
from dialogs.triage.red_flag_check import Answer, Outcome
from dialogs.triage.red_flags import Urgency, load_catalogue
from dialogs.triage.startback import score

# Monday 23 March 2026, 18:00 in Berlin (CET; summer time starts on the 29th).
MONDAY_18 = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)
USER = 4242001
# The bookkeeping the file must not show: a host name, claim, update keys, Telegram numbers.
HOST = "db-7.internal.example:4242"
INTERNAL_VALUES = (
    "db-7.internal",
    "u55501",
    "rem:31337",
    "987654321",
    "444555666",
    "222333444",
    "OUTBOX-PAYLOAD-77",
    "BUTTON-DATA-88",
)


# ------------------------------------------------------------------ complete by construction


def test_every_table_is_a_section_or_internal() -> None:
    """A new table in models.py fails here until it is exported (a `Section`) or listed as
    bookkeeping (`INTERNAL_TABLES`, with the reason; README)."""
    exported = {section.table.__table__.name for section in export.SECTIONS}
    internal = {table.__table__.name for table in export.INTERNAL_TABLES}
    assert not exported & internal
    assert set(Base.metadata.tables) == exported | internal, (
        f"neither exported nor internal: {set(Base.metadata.tables) - exported - internal}"
    )
    assert len(exported) == len(export.SECTIONS)  # one section per table


def test_every_per_user_table_is_exported_or_internal_and_deleted() -> None:
    """Every table with a `user_id` column: in the file or internal, and removed by /delete."""
    per_user = {name for name, table in Base.metadata.tables.items() if "user_id" in table.columns}
    sections = {s.table.__table__.name for s in export.SECTIONS if s.owner == "user_id"}
    internal = {table.__table__.name for table in export.INTERNAL_TABLES}
    assert per_user <= sections | internal, per_user - sections - internal
    assert per_user == {table.__table__.name for table in USER_TABLES}


@pytest.mark.parametrize("section", export.SECTIONS, ids=lambda s: s.table.__tablename__)
def test_every_column_is_a_field_or_internal(section: export.Section) -> None:
    """A new column of an exported table fails here until it is shown or left out on purpose."""
    columns = {column.name for column in section.table.__table__.columns}
    shown = [field.column for field in section.fields]
    assert len(shown) == len(set(shown))
    assert not set(shown) & section.internal
    assert set(shown) | section.internal == columns, columns - set(shown) - section.internal
    assert section.owner in columns


def test_the_bookkeeping_columns_are_left_out() -> None:
    left_out = {(s.table.__tablename__, column) for s in export.SECTIONS for column in s.internal}
    assert {
        ("reminders", "claimed_by"),
        ("reminders", "claimed_at"),
        ("reminders", "message_id"),
        ("sessions", "update_key"),
        ("sessions", "message_id"),
    } <= left_out


def test_every_dialog_the_bot_stores_is_read() -> None:
    names = {
        TRIAGE_DIALOG,
        STARTBACK_DIALOG,
        QUIZ_DIALOG,
        PLAN_DIALOG,
        GUIDED_ROUTINE_DIALOG,
        CRISIS_DIALOG,
        ASK_DIALOG,
    }
    assert set(export.DIALOGS) == names


# ------------------------------------------------------------------ one person's file


async def seed(db: Database, language: str) -> None:
    """A person with a row in every table (and the bot's bookkeeping about them)."""
    questions = load_catalogue().questions
    check = Outcome(Urgency.CLEAR, (), tuple((q.id, Answer.NO) for q in questions))
    startback = score((1, 0, 1, 0, 0, 0, 0, 0, 3))
    async with db.session() as session:
        session.add(
            UserRow(
                id=USER,
                language=language,
                timezone="Europe/Berlin",
                created_at=MONDAY_18 - timedelta(days=1),
                consent_at=MONDAY_18 - timedelta(days=1),
                active=True,
            )
        )
        await session.flush()
        session.add_all(
            [
                PlanRow(
                    user_id=USER,
                    weekdays="1,3,5",
                    local_time="18:30",
                    paused=True,
                    paused_until=date(2026, 4, 5),
                    updated_at=MONDAY_18,
                ),
                ReminderRow(
                    user_id=USER,
                    kind="planned",
                    due_at=MONDAY_18 + timedelta(minutes=30),
                    status="sent",
                    claimed_by=HOST,
                    claimed_at=MONDAY_18 + timedelta(minutes=30),
                    sent_at=MONDAY_18 + timedelta(minutes=30, seconds=2),
                    message_id=987654321,
                ),
                ReminderRow(
                    user_id=USER,
                    kind="summary",
                    due_at=datetime(2026, 3, 29, 17, 0, tzinfo=UTC),
                    status="due",
                ),
                ExerciseLogRow(
                    user_id=USER,
                    done_at=MONDAY_18,
                    local_date=date(2026, 3, 23),
                    minutes=20,
                    source="text",
                    update_key="u55501",
                    activity="yoga",
                    felt="good",
                    message_id=444555666,
                ),
                ExerciseLogRow(
                    user_id=USER,
                    done_at=MONDAY_18 + timedelta(days=1, minutes=30),
                    local_date=date(2026, 3, 24),
                    minutes=15,
                    source="button",
                    update_key="rem:31337",
                    activity=None,
                    felt="pain",
                ),
                PainRatingRow(user_id=USER, at=MONDAY_18 + timedelta(minutes=1), score=6),
                TriageResultRow(
                    user_id=USER,
                    at=MONDAY_18 - timedelta(days=1),
                    kind="redflags",
                    answers=state_codec.dump(check),
                    outcome="clear",
                ),
                TriageResultRow(
                    user_id=USER,
                    at=MONDAY_18 - timedelta(days=1, minutes=-5),
                    kind="startback",
                    answers=state_codec.dump(startback),
                    outcome=startback.risk.value,
                ),
                TriageResultRow(
                    user_id=USER,
                    at=MONDAY_18,
                    kind="offer",
                    answers={},
                    outcome="startback-due",
                ),
                WeeklyReviewRow(
                    user_id=USER, week_start=date(2026, 3, 23), sessions=2, barrier="time"
                ),
                DialogStateRow(
                    user_id=USER,
                    dialog="crisis",
                    state={
                        "since": MONDAY_18.isoformat(),
                        "who": "self",
                        "_paused": {
                            "dialog": "quiz",
                            "state": {
                                "order": ["rest", "posture", "imaging"],
                                "position": 1,
                                "correct": 1,
                                "finished": False,
                            },
                        },
                    },
                    updated_at=MONDAY_18,
                ),
                OutboxRow(
                    user_id=USER,
                    chat_id=USER,
                    payload={"method": "sendMessage", "text": "OUTBOX-PAYLOAD-77"},
                    status="failed",
                ),
                ButtonPressRow(
                    chat_id=USER,
                    message_id=222333444,
                    version=0,
                    data="BUTTON-DATA-88",
                    user_id=USER,
                    pressed_at=MONDAY_18,
                ),
            ]
        )


async def exported(db: Database, language: str) -> dict[str, Any]:
    async with db.session() as session:
        user = await session.get(UserRow, USER)
        assert user is not None
        return await export.export(
            session, user, translate=translator(), language=language, now=MONDAY_18
        )


def keys_and_strings(value: Any) -> tuple[set[str], set[str]]:
    """Every key and every string value anywhere in the document."""
    keys: set[str] = set()
    strings: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            keys.add(key)
            more_keys, more_strings = keys_and_strings(inner)
            keys |= more_keys
            strings |= more_strings
    elif isinstance(value, list):
        for inner in value:
            more_keys, more_strings = keys_and_strings(inner)
            keys |= more_keys
            strings |= more_strings
    elif isinstance(value, str):
        strings.add(value)
    return keys, strings


GERMAN = {
    "Profil": {
        "Telegram-ID": USER,
        "Sprache": "Deutsch",
        "Zeitzone": "Europe/Berlin",
        "Land für Notrufnummern": "nach Zeitzone (Deutschland)",
        "Erster Kontakt": "So 22.03.2026 18:00",
        "Hinweis akzeptiert": "So 22.03.2026 18:00",
        "Erreichbar (Bot nicht blockiert)": "ja",
        "Bot blockiert am": None,
        "Wöchentlicher Check-in an": None,
    },
    "Bewegungsplan": {
        "Tage": "Mo, Mi, Fr",
        "Uhrzeit": "18:30",
        "Ruhezeit ab": "21:00",
        "Ruhezeit bis": "08:00",
        "Pausiert": "ja",
        "Pausiert bis einschließlich": "So 05.04.2026",
        "Zuletzt geändert": "Mo 23.03.2026 18:00",
    },
    "Erinnerungen": [
        {
            "Fällig": "Mo 23.03.2026 18:30",
            "Art": "Erinnerung laut Plan",
            "Status": "gesendet",
            "Gesendet": "Mo 23.03.2026 18:30",
        },
        {
            "Fällig": "So 29.03.2026 19:00",  # summer time
            "Art": "Wochenrückblick",
            "Status": "geplant",
            "Gesendet": None,
        },
    ],
    "Eingetragene Bewegung": [
        {
            "Zeitpunkt": "Mo 23.03.2026 18:00",
            "Tag": "Mo 23.03.2026",
            "Minuten": 20,
            "Aktivität": "Yoga",
            "Wie es sich anfühlte": "gut",
            "Eingetragen per": "Nachricht",
        },
        {
            "Zeitpunkt": "Di 24.03.2026 18:30",
            "Tag": "Di 24.03.2026",
            "Minuten": 15,
            "Aktivität": None,
            "Wie es sich anfühlte": "hat wehgetan",
            "Eingetragen per": "Knopf „Erledigt“ an einer Erinnerung",
        },
    ],
    "Schmerzwerte": [{"Zeitpunkt": "Mo 23.03.2026 18:01", "Schmerz (0–10)": 6}],
    "Wochenrückblicke": [
        {"Woche ab": "Mo 23.03.2026", "Einheiten": 2, "Was im Weg war": "Keine Zeit"}
    ],
    "Offener Dialog": {
        "Dialog": "Zeit nach einer Krisennachricht",
        "Seit": "Mo 23.03.2026 18:00",
        "Worum es ging": "um dich",
        "Darunter pausiert": {
            "Dialog": "Mythen-Quiz",
            "Aussagen im Quiz": 3,
            "Beantwortet": 1,
            "Richtig": 1,
            "Beendet": "nein",
        },
        "Zuletzt geändert": "Mo 23.03.2026 18:00",
    },
}

ENGLISH = {
    "Profile": {
        "Telegram ID": USER,
        "Language": "English",
        "Time zone": "Europe/Berlin",
        "Country for emergency numbers": "by time zone (Germany)",
        "First contact": "Sun 2026-03-22 18:00",
        "Disclaimer accepted": "Sun 2026-03-22 18:00",
        "Reachable (bot not blocked)": "yes",
        "Bot blocked on": None,
        "Weekly check-in on": None,
    },
    "Movement plan": {
        "Days": "Mon, Wed, Fri",
        "Time": "18:30",
        "Quiet hours from": "21:00",
        "Quiet hours until": "08:00",
        "Paused": "yes",
        "Paused up to and including": "Sun 2026-04-05",
        "Last changed": "Mon 2026-03-23 18:00",
    },
    "Reminders": [
        {
            "Due": "Mon 2026-03-23 18:30",
            "Kind": "Reminder from your plan",
            "Status": "sent",
            "Sent": "Mon 2026-03-23 18:30",
        },
        {
            "Due": "Sun 2026-03-29 19:00",
            "Kind": "Weekly review",
            "Status": "scheduled",
            "Sent": None,
        },
    ],
    "Logged exercise": [
        {
            "When": "Mon 2026-03-23 18:00",
            "Day": "Mon 2026-03-23",
            "Minutes": 20,
            "Activity": "Yoga",
            "How it felt": "good",
            "Logged via": "message",
        },
        {
            "When": "Tue 2026-03-24 18:30",
            "Day": "Tue 2026-03-24",
            "Minutes": 15,
            "Activity": None,
            "How it felt": "it hurt",
            "Logged via": '"Done" button on a reminder',
        },
    ],
    "Pain ratings": [{"When": "Mon 2026-03-23 18:01", "Pain (0–10)": 6}],
    "Weekly reviews": [
        {"Week from": "Mon 2026-03-23", "Sessions": 2, "What got in the way": "No time"}
    ],
    "Open dialog": {
        "Dialog": "Time after a crisis message",
        "Since": "Mon 2026-03-23 18:00",
        "About whom": "about you",
        "Paused underneath": {
            "Dialog": "Myths quiz",
            "Statements in the quiz": 3,
            "Answered": 1,
            "Right": 1,
            "Finished": "no",
        },
        "Last changed": "Mon 2026-03-23 18:00",
    },
}


@pytest.mark.parametrize(("language", "expected"), [("de", GERMAN), ("en", ENGLISH)])
async def test_the_file_is_labelled_in_the_persons_language(
    db: Database, language: str, expected: dict[str, Any]
) -> None:
    await seed(db, language)
    document = await exported(db, language)
    assert document["Format"] == "rueckenwind-export" and document["Version"] == 2
    for title, section in expected.items():
        assert document[title] == section, title
    created, note = ("Erstellt", "Hinweis") if language == "de" else ("Created", "Note")
    assert document[created] == expected_moment(language)
    assert "Europe/Berlin" in document[note]
    # Every section, in order, after the header; nothing else.
    titles = [translator()(s.title, language) for s in export.SECTIONS]
    assert list(document) == ["Format", "Version", created, note, *titles]


def expected_moment(language: str) -> str:
    return "Mo 23.03.2026 18:00" if language == "de" else "Mon 2026-03-23 18:00"


async def test_check_results_and_startback_in_words(db: Database) -> None:
    await seed(db, "de")
    check, startback, offer = (await exported(db, "de"))["Checks und Fragebögen"]
    questions = load_catalogue().questions
    assert check["Zeitpunkt"] == "So 22.03.2026 18:00"
    assert check["Art"] == "Warnzeichen-Check" and check["Ergebnis"] == "keine Warnzeichen"
    assert check["Warnzeichen"] == []
    assert [a["Frage"] for a in check["Antworten"]] == [q.text["de"] for q in questions]
    assert {a["Antwort"] for a in check["Antworten"]} == {"Nein"}

    assert startback["Art"] == "STarT Back (9 Fragen)"
    assert startback["Ergebnis"] == "geringes Risiko"
    assert startback["Punkte gesamt (0–9)"] == 3 and startback["Punkte Belastung (0–5)"] == 1
    answers = [a["Antwort"] for a in startback["Antworten"]]
    assert answers[:3] == ["Stimme zu", "Stimme nicht zu", "Stimme zu"] and answers[8] == "Stark"

    assert offer == {
        "Zeitpunkt": "Mo 23.03.2026 18:00",
        "Art": "Erneutes Angebot",
        "Ergebnis": "STarT Back erneut angeboten",
    }

    english = (await exported(db, "en"))["Checks and questionnaires"]
    assert [row["Result"] for row in english] == [
        "no warning signs",
        "low risk",
        "STarT Back offered again",
    ]
    assert english[0]["Answers"][0]["Answer"] == "No"


@pytest.mark.parametrize("language", ["de", "en"])
async def test_no_bookkeeping_in_the_file(db: Database, language: str) -> None:
    await seed(db, language)
    document = await exported(db, language)
    text = json.dumps(document, ensure_ascii=False)
    for value in INTERNAL_VALUES:
        assert value not in text, value
    keys, strings = keys_and_strings(document)
    columns = {column.name for table in Base.metadata.tables.values() for column in table.columns}
    assert not keys & columns, keys & columns  # labels, never column names
    assert not strings & columns
    for name in ("claimed_by", "claimed_at", "update_key", "message_id", "user_id", "chat_id"):
        assert name not in text


async def test_the_sessions_round_trip(db: Database) -> None:
    await seed(db, "en")
    logs = (await exported(db, "en"))["Logged exercise"]
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(ExerciseLogRow)
                .where(ExerciseLogRow.user_id == USER)
                .order_by(ExerciseLogRow.done_at)
            )
        )
    assert len(logs) == len(rows) == 2
    assert [log["Minutes"] for log in logs] == [row.minutes for row in rows]
    assert sum(log["Minutes"] for log in logs) == 35
    activity = {"yoga": "Yoga", None: None}
    assert [log["Activity"] for log in logs] == [activity[row.activity] for row in rows]


async def test_a_damaged_or_unknown_dialog_is_shown_as_stored(db: Database) -> None:
    async with db.session() as session:
        session.add(UserRow(id=USER, language="en", timezone="Mars/Base", active=True))
        await session.flush()
        session.add(
            DialogStateRow(
                user_id=USER,
                dialog="checkin",
                state={"step": 2, "_paused": {"dialog": "quiz", "state": {"order": 5}}},
                updated_at=MONDAY_18,
            )
        )
    document = await exported(db, "en")
    assert document["Open dialog"] == {
        "Dialog": "checkin",
        "State (as stored)": {"step": 2},
        "Paused underneath": {"Dialog": "Myths quiz", "State (as stored)": {"order": 5}},
        "Last changed": "Mon 2026-03-23 17:00",  # an unknown zone: UTC
    }
    assert document["Movement plan"] is None and document["Logged exercise"] == []
    assert "UTC" in document["Note"]
