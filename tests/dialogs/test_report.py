"""The report for the doctor (/report): what it says, and that every text renders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.i18n import Translator
from dialogs.common import state_codec
from dialogs.common.reply import Message
from dialogs.habit.checkin import Checkin
from dialogs.habit.progress import ExerciseLog
from dialogs.report import MAX_CHECKS, Report, StoredResult, build_report
from dialogs.triage.startback import score

NOW = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)
TZ = "Europe/Berlin"
CLEAR = {"level": "none", "flags": [], "answers": [["q_fever", "no"]]}
SOON = {
    "level": "soon",
    "flags": ["night_pain", "fever"],
    "answers": [["q_night_pain", "yes"], ["q_fever", "unsure"]],
}


def report(language: str = "de", **rows: object) -> Report:
    values: dict[str, object] = {
        "checks": [
            StoredResult(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "clear", CLEAR),
            StoredResult(datetime(2026, 3, 20, 23, 30, tzinfo=UTC), "soon", SOON),
        ],
        "startback": [
            StoredResult(
                datetime(2026, 3, 2, 9, 5, tzinfo=UTC),
                "medium",
                state_codec.dump(score((1, 1, 1, 1, 1, 0, 0, 0, 3))),
            )
        ],
        "logs": [ExerciseLog(NOW - timedelta(days=8), 20, "text", "yoga")],
        "ratings": [(NOW - timedelta(days=8), 5)],
        "checkins": [Checkin(date(2026, 3, 16), 6, 4, 3)],
    }
    values.update(rows)
    return build_report(language=language, now=NOW, tz=TZ, **values)  # type: ignore[arg-type]


def messages_of(content: Report) -> list[Message]:
    found = [
        content.title,
        content.period,
        content.checks_heading,
        *content.checks,
        content.startback_heading,
        *content.startback,
        content.chart_heading,
        *content.chart_labels.values(),
        content.table_heading,
        *content.table_header,
        *(cell for row in content.table_rows for cell in row),
        *content.activities,
        *content.notes,
        content.disclaimer,
    ]
    return found


def test_the_checks_with_their_local_dates_and_signs() -> None:
    content = report()
    clear, soon = content.checks
    assert clear.args == {
        "date": "02.03.2026",
        "outcome": "clear",
        "signs": "none",
        "unsure": "none",
    }
    # 23:30 UTC on 20 March is 21 March in Berlin; a "not sure" sign is named apart
    assert soon.args["date"] == "21.03.2026" and soon.args["outcome"] == "soon"
    assert "Nacht" in soon.args["signs"] and "Fieber" in soon.args["unsure"]
    assert "Fieber" not in soon.args["signs"]
    (startback,) = content.startback
    assert startback.args == {"date": "02.03.2026", "risk": "medium", "total": 6, "distress": 2}


def test_the_period_weeks_and_table() -> None:
    content = report()
    assert content.period.args == {
        "first": "02.03.2026",  # the first check, before the first logged week
        "last": "25.03.2026",
        "created": "25.03.2026",
    }
    assert [week.monday for week in content.weeks] == [date(2026, 3, 16), date(2026, 3, 23)]
    assert content.week_labels == ("16.03.", "23.03.")
    first_row = content.table_rows[0]
    assert first_row[0].args == {"text": "16.03."}
    assert first_row[1].args == {"count": 1, "goal": 3}
    assert first_row[3].args == {"value": 5.0}
    assert first_row[4].key == "report-peg-cell" and first_row[4].args["pain"] == 6
    assert content.table_rows[1][4].key == "report-none"
    assert [message.args["activity"] for message in content.activities] == ["yoga"]


def test_many_checks_list_the_newest_and_count_the_rest() -> None:
    many = [
        StoredResult(NOW - timedelta(days=day), "clear", CLEAR) for day in range(MAX_CHECKS + 3)
    ]
    content = report(checks=many)
    assert len(content.checks) == MAX_CHECKS + 1
    assert content.checks[-1] == Message("report-earlier", {"count": 3})
    assert content.checks[-2].args["date"] == "25.03.2026"  # newest last


def test_nothing_yet_and_a_damaged_row() -> None:
    content = report(checks=[], startback=[], logs=[], ratings=[], checkins=[])
    assert content.checks == (Message("report-none-yet"),) == content.startback
    assert [week.monday for week in content.weeks] == [date(2026, 3, 23)]
    assert not any(note.key == "report-startback-copyright" for note in content.notes)
    damaged = report(checks=[StoredResult(NOW, "urgent", {"level": "nonsense"})])
    assert damaged.checks[0].args["outcome"] == "urgent"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_text_renders_and_the_disclaimer_says_no_diagnosis(language: str) -> None:
    translate = Translator()
    content = report(language)
    for message in messages_of(content):
        text = translate(message.key, language, **message.args)
        assert text.strip() and "{" not in text and text != message.key, message
    disclaimer = translate(content.disclaimer.key, language)
    assert ("keine Diagnose" if language == "de" else "no diagnosis") in disclaimer
    title = translate(content.title.key, language)
    assert title.startswith("Rückenwind – ")
    assert translate("report-caption", language).count("📄") == 1
