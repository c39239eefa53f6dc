"""Pictures and documents, drawn with matplotlib: the /progress chart as a portrait PNG for a
phone, and the /report PDF (A4, two pages, matplotlib's PdfPages, so no new dependency). Bare
`Figure`s, no pyplot: no display and no state shared between turns.

It draws what it is given: the weeks come from `dialogs.habit.trend` / `dialogs.report`, every
text already rendered in the user's language (dates too: "19.01." in German).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogs.habit.trend import WeekSummary

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn: it costs half a second
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

GOAL_MET = "#2e7d32"
GOAL_OPEN = "#90caf9"
GOAL_LINE = "#e65100"
PEG_COLOUR = "#6a1b9a"
PEG_PAIN_COLOUR = "#c62828"
PAIN_COLOUR = "#616161"
# The /progress chart: 6 × 7.5 inches at 160 dpi = 960 × 1200 pixels, portrait, fonts from 13
# points – legible on a phone without zooming (product decision). At most MAX_TICKS week labels.
CHART_SIZE = (6.0, 7.5)
CHART_DPI = 160
MAX_TICKS = 6
A4 = (8.27, 11.69)  # inches


@dataclass(frozen=True)
class TrendText:
    """The pain/PEG panel's texts: title, the series' legend entries and the note shown when
    there are no values yet."""

    title: str
    pain: str  # pain ratings after sessions, weekly mean
    peg: str  # the check-in's PEG score
    peg_pain: str  # the check-in's pain item
    empty: str


@dataclass(frozen=True)
class ChartText:
    """The /progress chart's texts: the sessions panel's title and goal label, and the trend
    panel's (`TrendText`)."""

    sessions: str
    goal: str
    trend: TrendText


def tick_positions(count: int, most: int = MAX_TICKS) -> list[int]:
    """Indexes of the week labels to show among `count` weeks: at most `most`, evenly spaced,
    always including the last (this week)."""
    step = max(1, math.ceil(count / most))
    return sorted(range(count - 1, -1, -step))


def _weeks_axis(axis: Axes, labels: Sequence[str], size: float) -> None:
    shown = tick_positions(len(labels))
    axis.set_xticks(shown, [labels[index] for index in shown], fontsize=size)
    axis.set_xlim(-0.6, len(labels) - 0.4)


def _sessions_panel(
    axis: Axes, weeks: Sequence[WeekSummary], labels: Sequence[str], goal: int, text: ChartText
) -> None:
    counts = [week.sessions for week in weeks]
    colours = [GOAL_MET if count >= goal else GOAL_OPEN for count in counts]
    bars = axis.bar(range(len(weeks)), counts, color=colours, width=0.7)
    axis.bar_label(bars, [str(count) if count else "" for count in counts], fontsize=13)
    axis.axhline(goal, color=GOAL_LINE, linestyle="--", linewidth=2, label=text.goal)
    axis.set_ylim(0, max([goal + 1, *counts]) + 0.8)
    from matplotlib.ticker import MaxNLocator

    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title(text.sessions, fontsize=16, loc="left")
    axis.legend(loc="upper left", fontsize=13, frameon=False)
    axis.tick_params(labelsize=13)
    axis.spines[["top", "right"]].set_visible(False)
    _weeks_axis(axis, labels, 13)


def trend_panel(
    axis: Axes, weeks: Sequence[WeekSummary], labels: Sequence[str], text: TrendText, size: float
) -> None:
    """Pain and PEG per week on a 0–10 axis: the check-in's PEG score (thick) and its pain item,
    and the mean pain rating after sessions; points of weeks without a value are left out and
    the line joins the others. Without any value: `text.empty` in the panel."""
    series = (
        ([w.checkin.peg if w.checkin else None for w in weeks], text.peg, PEG_COLOUR, "-", 3.0),
        (
            [w.checkin.pain if w.checkin else None for w in weeks],
            text.peg_pain,
            PEG_PAIN_COLOUR,
            "--",
            1.8,
        ),
        ([w.pain for w in weeks], text.pain, PAIN_COLOUR, ":", 1.8),
    )
    drawn = False
    for values, label, colour, style, width in series:
        points = [(index, value) for index, value in enumerate(values) if value is not None]
        if not points:
            continue
        drawn = True
        axis.plot(
            [index for index, _ in points],
            [value for _, value in points],
            color=colour,
            linestyle=style,
            linewidth=width,
            marker="o",
            markersize=7,
            label=label,
        )
    axis.set_ylim(-0.3, 10.3)
    axis.set_yticks([0, 5, 10])
    axis.set_title(text.title, fontsize=size + 2, loc="left")
    axis.tick_params(labelsize=size)
    axis.spines[["top", "right"]].set_visible(False)
    axis.grid(axis="y", alpha=0.3)
    _weeks_axis(axis, labels, size)
    if drawn:
        axis.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            fontsize=size - 1,
            frameon=False,
            ncol=1,
        )
    else:
        axis.text(
            0.5,
            0.5,
            "\n".join(textwrap.wrap(text.empty, 34)),
            ha="center",
            va="center",
            fontsize=size,
            transform=axis.transAxes,
            color=PAIN_COLOUR,
        )


def progress_chart(
    weeks: Sequence[WeekSummary], labels: Sequence[str], goal: int, text: ChartText
) -> bytes:
    """The /progress PNG, portrait (960 × 1200 pixels): sessions per week as bars against the
    goal line (green when met) above the pain and PEG trend (0–10). `weeks` oldest first (at
    least one), `labels` their Mondays as local short dates; `goal` sessions a week."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=(1, 1.15))
    _sessions_panel(top, weeks, labels, goal, text)
    trend_panel(bottom, weeks, labels, text.trend, 13)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@dataclass(frozen=True)
class ReportText:
    """The /report PDF's texts, rendered: title, period, the sections before the chart as
    (heading, lines), the chart's texts, the table (heading, header, rows), the activities
    line, notes, the disclaimer and the page label ("Seite {page}/{pages}" with both filled)."""

    title: str
    period: str
    sections: Sequence[tuple[str, Sequence[str]]]
    trend: TrendText
    table_heading: str
    table_header: Sequence[str]
    table_rows: Sequence[Sequence[str]]
    activities: str
    notes: Sequence[str]
    disclaimer: str
    pages: Mapping[int, str]  # page number → its footer


class _Page:
    """An A4 figure written top to bottom: `y` is the next line's position (figure fraction)."""

    LEFT = 0.08
    RIGHT = 0.92
    CHARACTERS = 90  # per line at 10 points between the margins (DejaVu Sans)

    def __init__(self, footer: str) -> None:
        from matplotlib.figure import Figure

        self.figure: Figure = Figure(figsize=A4)
        self.y = 0.94
        self.figure.text(0.5, 0.03, footer, ha="center", fontsize=8, color=PAIN_COLOUR)

    def line(self, text: str, size: float = 10, bold: bool = False, gap: float = 0.0) -> None:
        """`text` wrapped to the page width, `gap` (figure fraction) below what came before."""
        self.y -= gap
        width = int(self.CHARACTERS * 10 / size * (0.9 if bold else 1.0))
        for part in textwrap.wrap(text, width, break_on_hyphens=False) or [""]:
            weight = "bold" if bold else "normal"
            self.figure.text(self.LEFT, self.y, part, fontsize=size, fontweight=weight)
            self.y -= size * 1.45 / 72 / A4[1]  # line height: 1.45 × the font size

    def axes(self, height: float, indent: float = 0.0) -> Axes:
        """An axes of `height` (figure fraction) below the text so far, `indent` from the left
        margin (room for tick labels)."""
        bottom = self.y - height
        left = self.LEFT + indent
        axis = self.figure.add_axes((left, bottom, self.RIGHT - left, height))
        self.y = bottom - 0.015
        return axis


def report_pdf(weeks: Sequence[WeekSummary], labels: Sequence[str], text: ReportText) -> bytes:
    """The /report PDF, A4: page 1 the title, period, check results and STarT Back, and the pain
    and PEG chart; page 2 sessions and minutes per week as a table, minutes by activity, the
    notes on the values and the disclaimer. `weeks` oldest first (at least one), `labels` their
    Mondays as local short dates. Returns the PDF's bytes ("%PDF-…")."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.transforms import Bbox

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": text.title, "Creator": "Rückenwind"}) as pdf:
        first = _Page(text.pages[1])
        first.line(text.title, 20, bold=True)
        first.line(text.period, 10.5, gap=0.004)
        for heading, lines in text.sections:
            first.line(heading, 12.5, bold=True, gap=0.018)
            for entry in lines:
                first.line(entry, 10)
        first.y -= 0.03
        height = max(0.24, min(0.42, first.y - 0.2))  # room below for the legend
        trend_panel(first.axes(height, indent=0.04), weeks, labels, text.trend, 10.5)
        pdf.savefig(first.figure)

        second = _Page(text.pages[2])
        second.line(text.table_heading, 12.5, bold=True)
        second.y += 0.005
        rows = len(text.table_rows) + 1
        table_axis = second.axes(0.022 * rows)
        table_axis.axis("off")
        table = table_axis.table(
            cellText=[list(row) for row in text.table_rows],
            colLabels=list(text.table_header),
            cellLoc="center",
            colWidths=(0.16, 0.16, 0.16, 0.18, 0.34),
            bbox=Bbox.from_bounds(0.0, 0.0, 1.0, 1.0),  # the table fills its axes
        )
        table.auto_set_font_size(False)
        table.set_fontsize(9.5)
        for (row, _column), cell in table.get_celld().items():
            cell.set_edgecolor("#9e9e9e")
            if row == 0:
                cell.set_text_props(fontweight="bold")
                cell.set_facecolor("#eeeeee")
        if text.activities:
            second.line(text.activities, 10, gap=0.01)
        for note in text.notes:
            second.line(note, 9, gap=0.008)
        second.line(text.disclaimer, 10, bold=True, gap=0.02)
        pdf.savefig(second.figure)
    return buffer.getvalue()
