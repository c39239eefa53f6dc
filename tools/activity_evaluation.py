"""Measure the activity reader on blind labelled messages: `python -m tools.activity_evaluation`.

The sets `tests/data/activity_messages_{de,en}_{dev,heldout}.yaml` were written by someone who
had not seen the reader (one writer per language), each item labelled `session` (true/false),
`minutes` (stated, or null), `day`, `activity` and `felt`. `--part` picks the files: `dev`
(studied while building); `heldout` and `heldout2` (each measured once, then spent: their
misses were studied, so they are development data now); `heldout3` (a blind set by another
writer, measured once after the last change: the honest number; never tune on what it shows).
`--misses` lists the wrong items.

A session counts as *logged right* when the reader is sure and its minutes equal the label's
(`DEFAULT_MINUTES` for an unstated duration); *asked right* when the reader asks, showing the
right minutes (one tap on "Ja" logs it). A non-session counts as *logged* when the reader is
sure, *asked* when it asks.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from dialogs.habit.activity import ActivityReport, read_activity
from dialogs.habit.parsing import DEFAULT_MINUTES

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
LANGUAGES = ("de", "en")
PARTS = ("dev", "heldout", "heldout2", "heldout3")
# The parts whose misses were studied: development data now (a test keeps floors on them).
SPENT = ("dev", "heldout", "heldout2")


def set_path(language: str, part: str) -> Path:
    """The labelled file of one language ("de" | "en") and part ("dev" | "heldout")."""
    return DATA / f"activity_messages_{language}_{part}.yaml"


@dataclass(frozen=True)
class Labelled:
    """One labelled message; `minutes` is None when no duration was stated."""

    text: str
    language: str
    session: bool
    minutes: int | None
    day: str | None
    activity: str | None
    felt: str | None

    @property
    def expected_minutes(self) -> int:
        """What the reader should log: the stated minutes, else the default."""
        return self.minutes if self.minutes is not None else DEFAULT_MINUTES


def load(language: str, part: str) -> list[Labelled]:
    """The items of one file; KeyError if an item lacks a field."""
    with set_path(language, part).open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or []
    return [
        Labelled(
            text=str(item["text"]),
            language=str(item["lang"]),
            session=bool(item["session"]),
            minutes=item["minutes"],
            day=item["day"],
            activity=item["activity"],
            felt=item["felt"],
        )
        for item in raw
    ]


@dataclass
class Tally:
    """Counts over one group of messages (all numbers are message counts)."""

    sessions: int = 0
    logged_right: int = 0
    asked_right: int = 0
    wrong_minutes: int = 0
    missed: int = 0
    right_day: int = 0
    right_activity: int = 0
    labelled_activity: int = 0
    non_sessions: int = 0
    false_logged: int = 0
    false_asked: int = 0

    def add(self, item: Labelled, report: ActivityReport | None) -> str | None:
        """Count one item; returns a short reason when it went wrong, else None."""
        if not item.session:
            self.non_sessions += 1
            if report is not None and report.sure and report.error is None:
                self.false_logged += 1
                return "logged a non-session"
            if report is not None:
                self.false_asked += 1
                return "asked on a non-session"
            return None
        self.sessions += 1
        if item.activity is not None:
            self.labelled_activity += 1
        if report is None or report.error is not None:
            self.missed += 1
            return "missed"
        self.right_day += report.day == item.day
        self.right_activity += item.activity is not None and report.activity == item.activity
        if report.minutes != item.expected_minutes:
            self.wrong_minutes += 1
            return f"minutes {report.minutes} ≠ {item.expected_minutes}"
        if report.sure:
            self.logged_right += 1
            return None
        self.asked_right += 1
        return "asked"


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def measure(items: list[Labelled], show_misses: bool = False) -> Tally:
    """Run the reader over `items`; print the misses when asked."""
    tally = Tally()
    for item in items:
        report = read_activity(item.text)
        reason = tally.add(item, report)
        if show_misses and reason is not None and reason != "asked":
            print(f"- [{item.language}] {reason}: {item.text!r} → {report}")
    return tally


def print_table(tallies: dict[str, Tally]) -> None:
    """One Markdown row per group."""
    print(
        "| part | sessions | logged, right minutes | logged or asked, right minutes | "
        "right day | right activity | non-sessions | logged | asked |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, t in tallies.items():
        print(
            f"| {name} | {t.sessions} | {percent(t.logged_right, t.sessions)} | "
            f"{percent(t.logged_right + t.asked_right, t.sessions)} | "
            f"{percent(t.right_day, t.sessions)} | "
            f"{percent(t.right_activity, t.labelled_activity)} | {t.non_sessions} | "
            f"{percent(t.false_logged, t.non_sessions)} ({t.false_logged}) | "
            f"{percent(t.false_asked, t.non_sessions)} ({t.false_asked}) |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=PARTS, default="dev", help="which labelled files")
    parser.add_argument("--misses", action="store_true", help="list the wrong items")
    args = parser.parse_args(argv)
    part = args.part
    tallies: dict[str, Tally] = {}
    every: list[Labelled] = []
    for language in LANGUAGES:
        items = load(language, part)
        every += items
        tallies[f"{part} {language}"] = measure(items, show_misses=args.misses)
    tallies[f"{part} both"] = measure(every)
    print_table(tallies)


if __name__ == "__main__":
    main()
