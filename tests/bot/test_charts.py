"""The /progress chart and the /report PDF as matplotlib draws them."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import Image

from bot.charts import ChartText, ReportText, TrendText, progress_chart, report_pdf, tick_positions
from dialogs.habit.checkin import Checkin
from dialogs.habit.trend import WeekSummary
from tests.pdf import page_count, pdf_text

TREND = TrendText(
    "Schmerz und PEG", "Schmerz danach", "PEG-Wert", "Schmerz Check-in", "Noch nichts"
)
MONDAY = date(2026, 1, 19)
WEEKS = [
    WeekSummary(MONDAY + timedelta(weeks=index), index % 4, 10 * index, 4.5, None)
    for index in range(9)
]
WEEKS[-1] = WeekSummary(WEEKS[-1].monday, 3, 40, 3.0, Checkin(WEEKS[-1].monday, 5, 4, 3))
LABELS = [f"{week.monday.day:02d}.{week.monday.month:02d}." for week in WEEKS]


def test_week_labels_are_few_and_include_this_week() -> None:
    assert tick_positions(1) == [0]
    assert tick_positions(6) == [0, 1, 2, 3, 4, 5]
    assert tick_positions(12) == [1, 3, 5, 7, 9, 11]
    assert all(len(tick_positions(count)) <= 6 for count in range(1, 40))
    assert all(tick_positions(count)[-1] == count - 1 for count in range(1, 40))


def test_the_progress_chart_is_a_portrait_png() -> None:
    png = progress_chart(WEEKS, LABELS, 3, ChartText("Einheiten", "Ziel: 3", TREND))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (960, 1200)
    lonely = [WeekSummary(MONDAY, 0, 0, None, None)]
    assert progress_chart(lonely, ["19.01."], 3, ChartText("Einheiten", "Ziel", TREND))


def test_the_report_is_a_two_page_pdf_with_its_texts() -> None:
    text = ReportText(
        title="Rückenwind – Verlauf",
        period="Zeitraum: 19.01.2026 – 23.03.2026",
        sections=[("Warnzeichen-Check", ["02.03.2026: keine Warnzeichen angegeben"])],
        trend=TREND,
        table_heading="Bewegung pro Woche",
        table_header=["Woche ab", "Einheiten", "Minuten", "Schmerz", "PEG"],
        table_rows=[[label, "1/3", "10", "4,5", "–"] for label in LABELS],
        activities="Minuten nach Aktivität: Yoga 40 Min.",
        notes=["PEG: Mittelwert aus drei Fragen."],
        disclaimer="Hinweis: Rückenwind ist kein Arzt und stellt keine Diagnose.",
        pages={1: "Seite 1 von 2", 2: "Seite 2 von 2"},
    )
    pdf = report_pdf(WEEKS, LABELS, text)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 2
    content = pdf_text(pdf)
    for words in (
        "Rückenwind",
        "keine Warnzeichen angegeben",
        "Schmerz und PEG",  # the chart's title and legend
        "PEG-Wert",
        "19.01.",
        "Woche ab",
        "Yoga 40 Min.",
        "stellt keine Diagnose",
    ):
        assert words in content, words
