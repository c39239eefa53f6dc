"""`/export`: everything Rückenwind stores about a person, as one JSON file they can read.

The file is one object, labelled in the person's language (Fluent `export-…` messages in
`data/locales/*/export.ftl`): first "Format" ("rueckenwind-export") and "Version"
(`FORMAT_VERSION`) – the same two keys in both languages, so a program knows what it reads –,
when it was made and a note, then one entry per table, in `SECTIONS` order: "Profil"/"Profile"
(`users`), "Bewegungsplan"/"Movement plan", … A table with at most one row per person is an
object (or null), any other a list of rows, oldest first. Each row is an object of labelled
fields: times in the person's time zone with the weekday ("Mo 19.01.2026 18:30" / "Mon
2026-01-19 18:30"), days likewise ("Mo 19.01.2026"), durations in whole minutes, codes as words
("Spazierengehen", "geringes Risiko", "ausgelassen"); a missing value is null.

Complete by construction: every table with a `user_id` column is either a `Section` here or in
`INTERNAL_TABLES` (bookkeeping, with the reason it is left out), and every column of a section
is either a field or one of its `internal` columns (host names, claim times, update keys,
Telegram message ids, row ids). `tests/bot/test_export.py` fails when a new table or column
is neither. A new per-user table: add its `Section` at the end of `SECTIONS` and its labels to
export.ftl; the README's /export section says what is in the file and what is not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.storage import users
from bot.storage.database import Session
from bot.storage.models import (
    Base,
    ButtonPressRow,
    DialogStateRow,
    ExerciseLogRow,
    InboxRow,
    OutboxRow,
    PainRatingRow,
    PlanRow,
    ProcessedUpdateRow,
    ReminderRow,
    TriageResultRow,
    UserRow,
    WeeklyCheckinRow,
    WeeklyReviewRow,
)
from dialogs.common import state_codec
from dialogs.common.helplines import catalogue as helplines
from dialogs.common.helplines import country_for_timezone
from dialogs.habit.guided_routine import GuidedRoutineState, routine
from dialogs.habit.plan_dialog import PlanState
from dialogs.myths.quiz import QuizState
from dialogs.triage.alerts import AskState, CrisisState
from dialogs.triage.red_flag_check import Outcome, TriageState
from dialogs.triage.red_flags import load_catalogue
from dialogs.triage.startback import StartBackResult, StartBackState, load_tool

FORMAT = "rueckenwind-export"
# 1: the raw table dump of old (column names, ISO times in UTC); 2: this labelled file.
FORMAT_VERSION = 2

Translate = Callable[..., str]  # (Fluent id, language, **args) → text: `bot.i18n.Translator`


@dataclass(frozen=True)
class Reader:
    """How one person reads their file: Fluent in their language, times in their zone."""

    translate: Translate
    language: str
    zone: ZoneInfo

    def text(self, key: str, **args: Any) -> str:
        return self.translate(key, self.language, **args)

    def word(self, key: str, value: object) -> str | None:
        """A stored code as a word (`key`'s select on `$value`); None stays None."""
        return None if value is None else self.text(key, value=str(value))

    def yes_no(self, value: object) -> str | None:
        return None if value is None else self.text("export-yes-no", value="yes" if value else "no")

    def day(self, value: date | None) -> str | None:
        """ "Mo 19.01.2026" / "Mon 2026-01-19"."""
        if value is None:
            return None
        return self.text(
            "export-date",
            weekday=self.text("export-weekday", day=value.isoweekday()),
            day=f"{value.day:02d}",
            month=f"{value.month:02d}",
            year=f"{value.year:04d}",
        )

    def moment(self, value: datetime | None) -> str | None:
        """ "Mo 19.01.2026 18:30" / "Mon 2026-01-19 18:30", in the person's time zone."""
        if value is None:
            return None
        local = value.astimezone(self.zone)
        return self.text("export-datetime", date=self.day(local.date()), time=f"{local:%H:%M}")

    def weekdays(self, days: list[int]) -> str:
        """ISO weekdays (1 = Monday) as "Mo, Mi, Fr" / "Mon, Wed, Fri" (another number as is)."""
        return ", ".join(
            self.text("export-weekday", day=day) if 1 <= day <= 7 else str(day)
            for day in sorted(set(days))
        )


# A field's value as the person reads it: (reader, stored value, the whole row) → JSON value.
Show = Callable[[Reader, Any, Any], Any]


def _as_is(reader: Reader, value: Any, row: Any) -> Any:
    return value


def _moment(reader: Reader, value: Any, row: Any) -> Any:
    return reader.moment(value)


def _day(reader: Reader, value: Any, row: Any) -> Any:
    return reader.day(value)


def _yes_no(reader: Reader, value: Any, row: Any) -> Any:
    return reader.yes_no(value)


def _word(key: str) -> Show:
    def show(reader: Reader, value: Any, row: Any) -> Any:
        return reader.word(key, value)

    return show


@dataclass(frozen=True)
class Field:
    """One column as a labelled field: `label` a Fluent id, `show` the readable value. With
    `label` None, `show` returns labelled fields of its own (a JSON column's contents)."""

    column: str
    label: str | None
    show: Show = _as_is


@dataclass(frozen=True)
class Section:
    """One table in the file: its title (a Fluent id), its fields in order, and the columns
    deliberately left out (`internal`; README, "Your data"). `owner` is the column holding the
    user id; `single`: at most one row per person (an object or null, not a list); `order_by`:
    the columns the rows are sorted by (then the primary key)."""

    table: type[Base]
    title: str
    fields: tuple[Field, ...]
    internal: frozenset[str] = frozenset({"id", "user_id"})
    owner: str = "user_id"
    single: bool = False
    order_by: tuple[str, ...] = ()


# ---------------------------------------------------------------- profile, plan, reminders


def _country(reader: Reader, value: Any, row: UserRow) -> Any:
    """The chosen country's name, or "by time zone (Germany)" when none was chosen."""
    countries = helplines()
    if value is None:
        derived = countries.get(country_for_timezone(row.timezone))
        name = derived.name.get(reader.language) if derived else None
        return reader.text("export-country-auto", country_name=name or "?")
    chosen = countries.get(str(value))
    return (chosen.name.get(reader.language) if chosen else None) or str(value)


def _plan_days(reader: Reader, value: Any, row: Any) -> Any:
    try:
        return reader.weekdays([int(day) for day in str(value).split(",") if day.strip()])
    except ValueError:
        return value


# ---------------------------------------------------------------- checks and questionnaires


def _red_flag_answers(reader: Reader, answers: Any) -> list[dict[str, Any]]:
    """[(question id, "yes"|"no"|"unsure"), …] as {"Frage": text, "Antwort": "Nein"}."""
    questions = {question.id: question.text for question in load_catalogue().questions}
    rows = []
    for question_id, answer in answers:
        text = questions.get(question_id, {}).get(reader.language) or question_id
        rows.append(
            {
                reader.text("export-field-question"): text,
                reader.text("export-field-answer"): reader.word("export-check-answer", answer),
            }
        )
    return rows


def _startback_answers(reader: Reader, answers: Any) -> list[dict[str, Any]]:
    """The raw STarT Back answers in item order as {"Frage": statement, "Antwort": word}."""
    items = load_tool().items
    rows = []
    for item, answer in zip(items, answers, strict=False):
        if item.options == 2:
            word = reader.text("triage-sb-agree" if answer else "triage-sb-disagree")
        else:
            word = reader.text("triage-sb-bother", option=int(answer))
        rows.append(
            {
                reader.text("export-field-question"): item.text.get(reader.language, ""),
                reader.text("export-field-answer"): word,
            }
        )
    return rows


def _check_details(reader: Reader, value: Any, row: TriageResultRow) -> dict[str, Any]:
    """A result's `answers` JSON: the warning signs and every answer of a check; the scores
    and answers of STarT Back; nothing for an offer. Unreadable: as stored."""
    answers = reader.text("export-field-answers")
    try:
        if row.kind == "redflags":
            outcome = state_codec.load(Outcome, value)
            catalogue = load_catalogue().flags
            return {
                reader.text("export-field-signs"): [
                    catalogue[flag].sign.get(reader.language, flag) if flag in catalogue else flag
                    for flag in outcome.flags
                ],
                answers: _red_flag_answers(reader, outcome.answers),
            }
        if row.kind == "startback":
            result = state_codec.load(StartBackResult, value)
            return {
                reader.text("export-field-total"): result.total,
                reader.text("export-field-distress"): result.distress,
                answers: _startback_answers(reader, result.answers),
            }
    except (ValueError, KeyError):
        pass
    return {answers: value} if value else {}


# ---------------------------------------------------------------- the open dialog

DialogDetails = Callable[[Reader, dict[str, Any]], dict[str, Any]]


def _triage_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    check = state_codec.load(TriageState, state)
    return {reader.text("export-field-answers"): _red_flag_answers(reader, check.answers)}


def _startback_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    questionnaire = state_codec.load(StartBackState, state)
    return {reader.text("export-field-answers"): _startback_answers(reader, questionnaire.answers)}


def _quiz_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    quiz = state_codec.load(QuizState, state)
    return {
        reader.text("export-field-quiz-statements"): len(quiz.order),
        reader.text("export-field-quiz-answered"): quiz.position,
        reader.text("export-field-quiz-right"): quiz.correct,
        reader.text("export-field-finished"): reader.yes_no(quiz.finished),
    }


def _plan_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    plan = state_codec.load(PlanState, state)  # days 0 = Monday … 6 = Sunday
    return {
        reader.text("export-field-step"): reader.word("export-plan-step", plan.step),
        reader.text("export-field-days"): reader.weekdays([day + 1 for day in plan.days]),
        reader.text("export-field-time"): plan.at,
        reader.text("export-field-timezone"): plan.tz,
    }


def _routine_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    guided = state_codec.load(GuidedRoutineState, state).guided
    try:
        name = routine(guided.routine).name.get(reader.language) or guided.routine
    except KeyError:
        name = guided.routine
    return {
        reader.text("export-field-routine"): name,
        reader.text("export-field-exercise-number"): guided.step + 1,
        reader.text("export-field-exercise-started"): reader.moment(guided.step_started),
        reader.text("export-field-status"): reader.word("export-routine-status", guided.status),
    }


def _crisis_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    crisis = state_codec.load(CrisisState, state)
    return {
        reader.text("export-field-since"): reader.moment(crisis.since),
        reader.text("export-field-who"): reader.word("export-who", crisis.who.value),
    }


def _ask_state(reader: Reader, state: dict[str, Any]) -> dict[str, Any]:
    ask = state_codec.load(AskState, state)
    flag = load_catalogue().flags.get(ask.flag)
    return {
        reader.text("export-field-sign-asked"): flag.sign.get(reader.language, ask.flag)
        if flag
        else ask.flag,
        reader.text("export-field-who"): reader.word("export-who", ask.who.value),
    }


# The dialogs `dialog_states` can hold, by their stored name (the handlers' *_DIALOG names;
# tests/bot/test_export.py checks they match).
DIALOGS: Mapping[str, DialogDetails] = {
    "triage": _triage_state,
    "startback": _startback_state,
    "quiz": _quiz_state,
    "plan": _plan_state,
    "session": _routine_state,
    "crisis": _crisis_state,
    "ask": _ask_state,
}
PAUSED_KEY = users.PAUSED_KEY  # an interruption keeps the dialog it paused under this key


def _dialog(reader: Reader, name: str, state: Any) -> dict[str, Any]:
    """Where a dialog stands, in words; a state that does not load (damaged, or a dialog this
    module does not know yet) is shown as stored. The dialog an interruption paused follows,
    named and in words, under "Darunter pausiert"."""
    fields: dict[str, Any] = {}
    details = DIALOGS.get(name)
    try:
        if details is None or not isinstance(state, dict):
            raise ValueError(name)
        fields.update(details(reader, state))
    except (ValueError, KeyError):
        fields[reader.text("export-field-state")] = (
            {key: value for key, value in state.items() if key != PAUSED_KEY}
            if isinstance(state, dict)
            else state
        )
    paused = state.get(PAUSED_KEY) if isinstance(state, dict) else None
    if isinstance(paused, dict) and isinstance(paused.get("dialog"), str):
        fields[reader.text("export-field-paused-dialog")] = {
            reader.text("export-field-dialog"): reader.word("export-dialog", paused["dialog"]),
            **_dialog(reader, paused["dialog"], paused.get("state")),
        }
    return fields


def _dialog_details(reader: Reader, value: Any, row: DialogStateRow) -> dict[str, Any]:
    return _dialog(reader, row.dialog, value)


# ---------------------------------------------------------------- the sections

SECTIONS: tuple[Section, ...] = (
    Section(
        UserRow,
        "export-section-profile",
        (
            Field("id", "export-field-telegram-id"),
            Field("language", "export-field-language", _word("export-language")),
            Field("timezone", "export-field-timezone"),
            Field("country", "export-field-country", _country),
            Field("created_at", "export-field-first-contact", _moment),
            Field("consent_at", "export-field-consent", _moment),
            Field("active", "export-field-reachable", _yes_no),
            Field("blocked_at", "export-field-blocked", _moment),
            Field("weekly_checkin", "export-field-weekly-checkin", _yes_no),  # null: not chosen
        ),
        internal=frozenset(),
        owner="id",
        single=True,
    ),
    Section(
        PlanRow,
        "export-section-plan",
        (
            Field("weekdays", "export-field-days", _plan_days),
            Field("local_time", "export-field-time"),
            Field("quiet_start", "export-field-quiet-start"),
            Field("quiet_end", "export-field-quiet-end"),
            Field("paused", "export-field-paused", _yes_no),
            Field("paused_until", "export-field-paused-until", _day),
            Field("updated_at", "export-field-changed", _moment),
        ),
        internal=frozenset({"user_id"}),
        single=True,
    ),
    Section(
        ReminderRow,
        "export-section-reminders",
        (
            Field("due_at", "export-field-due", _moment),
            Field("kind", "export-field-reminder-kind", _word("export-reminder-kind")),
            Field("status", "export-field-status", _word("export-reminder-status")),
            Field("sent_at", "export-field-sent", _moment),
        ),
        # claimed_by: "<server host name>:<process id>" that took the reminder to send it;
        # claimed_at: when; message_id: Telegram's number of the sent message.
        internal=frozenset({"id", "user_id", "claimed_by", "claimed_at", "message_id"}),
        order_by=("due_at",),
    ),
    Section(
        ExerciseLogRow,
        "export-section-exercise",
        (
            Field("done_at", "export-field-when", _moment),
            Field("local_date", "export-field-day", _day),
            Field("minutes", "export-field-minutes"),
            Field("activity", "export-field-activity", _word("export-activity")),
            Field("felt", "export-field-felt", _word("export-felt")),
            Field("source", "export-field-source", _word("export-source")),
        ),
        # update_key: the Telegram update that logged it (counts a redelivery once);
        # message_id: Telegram's number of the message that logged it (its edit corrects it).
        internal=frozenset({"id", "user_id", "update_key", "message_id"}),
        order_by=("done_at",),
    ),
    Section(
        PainRatingRow,
        "export-section-pain",
        (
            Field("at", "export-field-when", _moment),
            Field("score", "export-field-pain"),
        ),
        order_by=("at",),
    ),
    Section(
        TriageResultRow,
        "export-section-checks",
        (
            Field("at", "export-field-when", _moment),
            Field("kind", "export-field-check-kind", _word("export-check-kind")),
            Field("outcome", "export-field-outcome", _word("export-check-outcome")),
            Field("answers", None, _check_details),
        ),
        order_by=("at",),
    ),
    Section(
        WeeklyReviewRow,
        "export-section-weekly",
        (
            Field("week_start", "export-field-week", _day),
            Field("sessions", "export-field-sessions"),
            Field("barrier", "export-field-barrier", _word("export-barrier")),
        ),
        order_by=("week_start",),
    ),
    Section(
        DialogStateRow,
        "export-section-dialog",
        (
            Field("dialog", "export-field-dialog", _word("export-dialog")),
            Field("state", None, _dialog_details),
            Field("updated_at", "export-field-changed", _moment),
        ),
        internal=frozenset({"user_id"}),
        single=True,
    ),
    Section(  # the weekly check-in (PEG-3): one row per week, answers 0–10
        WeeklyCheckinRow,
        "export-section-checkins",
        (
            Field("week_start", "export-field-week", _day),
            Field("pain", "export-field-checkin-pain"),
            Field("enjoyment", "export-field-checkin-enjoyment"),
            Field("activity", "export-field-checkin-activity"),
            Field("answered_at", "export-field-answered", _moment),
        ),
        order_by=("week_start",),
    ),
)

# Every other table, and why it is not in the file (README, "Your data"): the
# bot's own bookkeeping, which says nothing about the person. `/delete` removes the first two
# with the person (`USER_TABLES`); the last two hold no user id and are pruned on their own.
INTERNAL_TABLES: Mapping[type[Base], str] = {
    OutboxRow: "the bot's own replies on their way to Telegram, deleted once Telegram has them "
    "(one it gave up on after 7 days)",
    ButtonPressRow: "which button on which message was already handled, so that a second tap "
    "does nothing; pruned after 7 days",
    ProcessedUpdateRow: "Telegram update numbers already handled; no user id; pruned after 7 days",
    InboxRow: "updates as Telegram sent them, for seconds until handled; no user id",
}


def _row(reader: Reader, section: Section, row: Base) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field in section.fields:
        value = field.show(reader, getattr(row, field.column), row)
        if field.label is None:
            fields.update(value)
        else:
            fields[reader.text(field.label)] = value
    return fields


def zone_of(timezone: str) -> ZoneInfo:
    """The person's zone; UTC for a name the zone database no longer knows."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def export(
    session: Session, user: UserRow, *, translate: Translate, language: str, now: datetime
) -> dict[str, Any]:
    """The person's file as a JSON-ready dict (see the module docstring)."""
    reader = Reader(translate, language, zone_of(user.timezone))
    document: dict[str, Any] = {
        "Format": FORMAT,
        "Version": FORMAT_VERSION,
        reader.text("export-created"): reader.moment(now),
        reader.text("export-field-note"): reader.text("export-note", tz=reader.zone.key),
    }
    for section in SECTIONS:
        rows = await users.user_rows(
            session, section.table, user.id, owner=section.owner, order_by=section.order_by
        )
        shown = [_row(reader, section, row) for row in rows]
        document[reader.text(section.title)] = (
            (shown[0] if shown else None) if section.single else shown
        )
    return document
