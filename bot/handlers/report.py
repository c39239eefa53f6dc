"""/report (/bericht): the PDF for the doctor or physiotherapist, sent as a document.

The content is `dialogs.report.build_report`'s (check results, STarT Back, pain and PEG
trend, sessions and minutes per week, notes, disclaimer); this module loads the rows, renders
the messages in the user's language and has `bot.charts.report_pdf` draw it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot import charts
from bot.handlers.common import Turn
from bot.storage import checkins as checkin_store
from bot.storage import habit as habit_store
from bot.storage import triage as triage_store
from dialogs.common.reply import Message
from dialogs.habit.schedule import local_date
from dialogs.report import Report, StoredResult, build_report

log = logging.getLogger(__name__)


async def _results(turn: Turn, kind: str) -> list[StoredResult]:
    rows = await triage_store.results(turn.session, turn.user.id, kind)
    return [StoredResult(row.at, row.outcome, row.answers) for row in rows]


def render_report(report: Report, text: Callable[[Message], str]) -> charts.ReportText:
    """The report's messages as `text` renders them (the user's language), for
    `charts.report_pdf`."""
    labels = report.chart_labels
    activities = " · ".join(text(message) for message in report.activities)
    return charts.ReportText(
        title=text(report.title),
        period=text(report.period),
        sections=(
            (text(report.checks_heading), [text(line) for line in report.checks]),
            (text(report.startback_heading), [text(line) for line in report.startback]),
            (text(report.chart_heading), []),
        ),
        trend=charts.TrendText(
            title=text(labels["title"]),
            pain=text(labels["pain"]),
            peg=text(labels["peg"]),
            peg_pain=text(labels["peg-pain"]),
            empty=text(labels["none"]),
        ),
        table_heading=text(report.table_heading),
        table_header=[text(cell) for cell in report.table_header],
        table_rows=[[text(cell) for cell in row] for row in report.table_rows],
        activities=text(Message("report-activities", {"activities": activities}))
        if activities
        else "",
        notes=[text(note) for note in report.notes],
        disclaimer=text(report.disclaimer),
        pages={page: text(Message("report-page", {"page": page, "pages": 2})) for page in (1, 2)},
    )


async def report_command(turn: Turn) -> None:
    """/report: the two-page PDF ("rueckenwind-verlauf-<local date>.pdf" in German) with a
    caption that suggests bringing it to an appointment."""
    session, user_id = turn.session, turn.user.id
    report = build_report(
        language=turn.language,
        now=turn.now,
        tz=turn.user.timezone,
        checks=await _results(turn, triage_store.REDFLAGS),
        startback=await _results(turn, triage_store.STARTBACK),
        logs=await habit_store.exercise_logs(session, user_id),
        ratings=await habit_store.pain_history(session, user_id),
        checkins=await checkin_store.checkins(session, user_id),
    )
    rendered = render_report(report, lambda message: turn.text(message.key, **message.args))
    pdf = charts.report_pdf(report.weeks, report.week_labels, rendered)
    today = local_date(turn.now, ZoneInfo(turn.user.timezone))
    filename = f"{turn.text('report-filename')}-{today.isoformat()}.pdf"
    turn.send_document(filename, pdf, Message("report-caption"))
    log.info("report sent (user %s, %d bytes)", user_id, len(pdf))
