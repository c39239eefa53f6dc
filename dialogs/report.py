"""The report for the doctor or physiotherapist (/report): what it says, as messages.

Pure: from the stored rows (red-flag checks, STarT Back results, exercise logs, pain ratings,
weekly check-ins) it decides the report's content – title, period, the check results with
their dates, the STarT Back group with its date, the pain and PEG trend per week, sessions and
minutes per week, notes on the values and the disclaimer – as Fluent messages and chart data.
The bot renders them in the user's language and draws the PDF (`bot.charts.report_pdf`).

It stores and shows nothing about the person beyond their own entries: no name (the title is
"Rückenwind – Verlauf"). It brings the triage and habit features together, so it sits beside
them, not in either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from dialogs.common import state_codec
from dialogs.common.reply import Message
from dialogs.habit.checkin import Checkin, wording_note
from dialogs.habit.progress import ExerciseLog
from dialogs.habit.schedule import WEEKLY_GOAL, local_date
from dialogs.habit.trend import (
    REPORT_WEEKS,
    PainRating,
    WeekSummary,
    activity_messages,
    long_date,
    minutes_by_activity,
    short_date,
    weekly_trend,
)
from dialogs.triage.red_flag_check import Outcome
from dialogs.triage.red_flags import load_catalogue
from dialogs.triage.startback import load_tool

# The newest results listed (product decision: the report stays at two pages; /export has all).
MAX_CHECKS = 8
MAX_STARTBACK = 4
CHART_LABELS = ("title", "pain", "peg", "peg-pain", "none")  # `Report.chart_labels`' keys


class StoredResult(NamedTuple):
    """A `triage_results` row as the report reads it: when (aware UTC), its outcome ("clear",
    a level, a risk group) and its answers JSON (`state_codec`'s Outcome / StartBackResult)."""

    at: datetime
    outcome: str
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class Report:
    """The report's content in reading order. `weeks` (oldest first) feed the pain/PEG chart
    and the table; `week_labels` are their Mondays as short local dates; `chart_labels` the
    title ("title"), legend texts by series ("pain", "peg", "peg-pain") and "none" for an
    empty chart."""

    title: Message
    period: Message
    checks_heading: Message
    checks: tuple[Message, ...]
    startback_heading: Message
    startback: tuple[Message, ...]
    chart_heading: Message
    chart_labels: Mapping[str, Message]
    weeks: tuple[WeekSummary, ...]
    week_labels: tuple[str, ...]
    table_heading: Message
    table_header: tuple[Message, ...]
    table_rows: tuple[tuple[Message, ...], ...]
    activities: tuple[Message, ...]
    notes: tuple[Message, ...]
    disclaimer: Message


def _check_line(result: StoredResult, zone: ZoneInfo, language: str) -> Message:
    """One red-flag check: its local date and outcome, with the signs it raised (those only a
    "not sure" raised named apart)."""
    day = long_date(local_date(result.at, zone), language)
    try:
        outcome = state_codec.load(Outcome, result.answers)
    except ValueError:  # a damaged row: the stored outcome alone
        args = {"date": day, "outcome": result.outcome, "signs": "none", "unsure": "none"}
        return Message("report-check", args)
    catalogue = load_catalogue()

    def named(flags: Sequence[str]) -> str:
        signs = [
            catalogue.flags[flag].sign.get(language, catalogue.flags[flag].sign["en"])
            for flag in dict.fromkeys(flags)
            if flag in catalogue.flags
        ]
        return ", ".join(signs) or "none"

    unsure = set(outcome.unsure_flag_ids)
    sure = [flag for flag in outcome.flags if flag not in unsure]
    args = {
        "date": day,
        "outcome": result.outcome,
        "signs": named(sure),
        "unsure": named([flag for flag in outcome.flags if flag in unsure]),
    }
    return Message("report-check", args)


def _startback_line(result: StoredResult, zone: ZoneInfo, language: str) -> Message:
    answers = result.answers
    return Message(
        "report-startback",
        {
            "date": long_date(local_date(result.at, zone), language),
            "risk": result.outcome,
            "total": int(answers.get("total", 0)),
            "distress": int(answers.get("distress", 0)),
        },
    )


def _listed(
    results: Sequence[StoredResult], limit: int, line: Any, zone: ZoneInfo, language: str
) -> tuple[Message, ...]:
    """The newest `limit` results, oldest first, and a note on how many earlier ones /export
    holds; "none" alone when there are none."""
    if not results:
        return (Message("report-none-yet"),)
    shown = sorted(results, key=lambda result: result.at)[-limit:]
    lines = tuple(line(result, zone, language) for result in shown)
    earlier = len(results) - len(shown)
    return (*lines, Message("report-earlier", {"count": earlier})) if earlier else lines


def _decimal(value: float | None) -> Message:
    return Message("report-none") if value is None else Message("report-decimal", {"value": value})


def _peg_cell(checkin: Checkin | None) -> Message:
    if checkin is None:
        return Message("report-none")
    return Message(
        "report-peg-cell",
        {
            "peg": checkin.peg,
            "pain": checkin.pain,
            "enjoyment": checkin.enjoyment,
            "activity": checkin.activity,
        },
    )


def _row(week: WeekSummary, goal: int, language: str) -> tuple[Message, ...]:
    return (
        Message("report-cell", {"text": short_date(week.monday, language)}),
        Message("report-sessions-cell", {"count": week.sessions, "goal": goal}),
        Message("report-cell", {"text": str(week.minutes)}),
        _decimal(week.pain),
        _peg_cell(week.checkin),
    )


def build_report(
    *,
    language: str,
    now: datetime,
    tz: str,
    checks: Sequence[StoredResult],
    startback: Sequence[StoredResult],
    logs: Sequence[ExerciseLog],
    ratings: Sequence[PainRating],
    checkins: Sequence[Checkin],
    goal: int = WEEKLY_GOAL,
) -> Report:
    """The report at `now` (aware UTC; ValueError if naive) for a user in `tz` (IANA) writing
    `language` ("de"/"en"): the weeks from their first one, at most the last REPORT_WEEKS (16);
    the newest MAX_CHECKS (8) red-flag checks and MAX_STARTBACK (4) STarT Back results with
    their local dates; pain ratings 0–10 after sessions (weekly means) and check-ins 0–10."""
    zone = ZoneInfo(tz)
    weeks = tuple(weekly_trend(logs, ratings, checkins, now, tz, REPORT_WEEKS))
    today = local_date(now, zone)
    dates = [weeks[0].monday] + [local_date(r.at, zone) for r in (*checks, *startback)]
    first = min(dates)
    activities = minutes_by_activity(logs, weeks[0].monday, tz, top=8)
    notes = [
        Message("report-about-peg", {"note": wording_note(language)}),
        Message("report-about-pain"),
    ]
    if startback:
        copyright_text: Mapping[str, str] = load_tool().copyright
        notes.append(
            Message(
                "report-startback-copyright",
                {"text": copyright_text.get(language, copyright_text["en"])},
            )
        )
    return Report(
        title=Message("report-title"),
        period=Message(
            "report-period",
            {
                "first": long_date(first, language),
                "last": long_date(today, language),
                "created": long_date(today, language),
            },
        ),
        checks_heading=Message("report-checks-heading"),
        checks=_listed(checks, MAX_CHECKS, _check_line, zone, language),
        startback_heading=Message("report-startback-heading"),
        startback=_listed(startback, MAX_STARTBACK, _startback_line, zone, language),
        chart_heading=Message("report-chart-heading"),
        chart_labels={
            key: Message(f"report-chart-{key}")
            for key in ("title", "pain", "peg", "peg-pain", "none")
        },
        weeks=weeks,
        week_labels=tuple(short_date(week.monday, language) for week in weeks),
        table_heading=Message("report-weeks-heading", {"goal": goal}),
        table_header=tuple(
            Message(f"report-column-{key}")
            for key in ("week", "sessions", "minutes", "pain", "peg")
        ),
        table_rows=tuple(_row(week, goal, language) for week in weeks),
        activities=tuple(activity_messages(activities)),
        notes=tuple(notes),
        disclaimer=Message("report-disclaimer"),
    )
