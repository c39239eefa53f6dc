"""Measure the activity reader on blind labelled messages: `python -m tools.activity_evaluation`.

Every labelled set was written by someone who had not seen the reader, each item labelled
`session` (true/false), `minutes` (stated, or null), `day`, `activity` and `felt`.

- The example files `data/activity_examples/activity_messages_{de,en}_{part}.yaml` (parts
  `dev` and `heldout` to `heldout31`: each was a blind held-out set once, measured once, then
  studied) are what the reader's model learns from. `--cross-validate` measures each part
  with a model trained on the other parts only (leave one part out), an honest figure for the
  rules plus model on text the model has not seen (the rules were built on these parts).
- `tests/data/activity_messages_{de,en}_heldout32.yaml` (`--part heldout32`) is the blind set by
  a new writer (messages whose text is already in the example files left out), measured once
  after the last change: the honest number (README). Once measured it is spent; a new
  measurement needs a new blind set by someone who has not seen the reader.

`--misses` lists the wrong items, `--asked` the sessions asked about rather than logged. A
session counts as *logged right* when the reader is sure and its minutes equal the label's
(`DEFAULT_MINUTES` for an unstated duration); *asked right* when the reader asks, showing the
right minutes (one tap on "Ja" logs it). A non-session counts as *logged* when the reader is
sure, *asked* when it asks.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dialogs.habit.activity import ActivityReport, read_activity
from dialogs.habit.parsing import DEFAULT_MINUTES
from dialogs.habit.session_model import (
    EXAMPLES_DIR,
    Example,
    SessionModel,
    load_examples,
)

HELD_OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
LANGUAGES = ("de", "en")
# The parts the model learns from (spent held-out sets: their misses were studied).
EXAMPLE_PARTS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
    "heldout30",
    "heldout31",
)
# The blind part, never learnt from.
HELD_OUT_PARTS = ("heldout32",)
PARTS = EXAMPLE_PARTS + HELD_OUT_PARTS


def set_path(language: str, part: str) -> Path:
    """The labelled file of one language ("de" | "en") and part (one of `PARTS`)."""
    folder = EXAMPLES_DIR if part in EXAMPLE_PARTS else HELD_OUT_DIR
    return folder / f"activity_messages_{language}_{part}.yaml"


def load(language: str, part: str) -> list[Example]:
    """The items of one file; KeyError if an item lacks a field."""
    return load_examples(set_path(language, part))


def expected_minutes(item: Example) -> int:
    """What the reader should log: the stated minutes, else the default."""
    return item.minutes if item.minutes is not None else DEFAULT_MINUTES


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

    def add(self, item: Example, report: ActivityReport | None) -> str | None:
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
        if report.minutes != expected_minutes(item):
            self.wrong_minutes += 1
            return f"minutes {report.minutes} ≠ {expected_minutes(item)}"
        if report.sure:
            self.logged_right += 1
            return None
        self.asked_right += 1
        return "asked"


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def measure(
    items: Sequence[Example],
    show_misses: bool = False,
    model: SessionModel | None = None,
    show_asked: bool = False,
) -> Tally:
    """Run the reader over `items` (with `model`, default: the one trained on every example
    file); print the misses (and the sessions asked about rather than logged) when asked."""
    tally = Tally()
    for item in items:
        report = read_activity(item.text, model)
        reason = tally.add(item, report)
        shown = show_asked if reason == "asked" else show_misses
        if shown and reason is not None:
            print(f"- [{item.language}] {reason}: {item.text!r} → {report}")
    return tally


def cross_validate(show_misses: bool = False, show_asked: bool = False) -> dict[str, Tally]:
    """Each example part measured with a model trained on the other example parts."""
    tallies: dict[str, Tally] = {}
    every = Tally()
    for part in EXAMPLE_PARTS:
        training = [
            item
            for other in EXAMPLE_PARTS
            if other != part
            for language in LANGUAGES
            for item in load(language, other)
        ]
        model = SessionModel(training)
        items = [item for language in LANGUAGES for item in load(language, part)]
        tallies[f"{part} (model without it)"] = measure(items, show_misses, model, show_asked)
        for name, value in vars(tallies[f"{part} (model without it)"]).items():
            setattr(every, name, getattr(every, name) + value)
    tallies["all parts, cross-validated"] = every
    return tallies


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
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="each example part with a model trained on the others (ignores --part)",
    )
    parser.add_argument("--misses", action="store_true", help="list the wrong items")
    parser.add_argument(
        "--asked", action="store_true", help="list the sessions asked about rather than logged"
    )
    args = parser.parse_args(argv)
    if args.cross_validate:
        print_table(cross_validate(args.misses, args.asked))
        return
    part = args.part
    tallies: dict[str, Tally] = {}
    every: list[Example] = []
    for language in LANGUAGES:
        items = load(language, part)
        every += items
        tallies[f"{part} {language}"] = measure(
            items, show_misses=args.misses, show_asked=args.asked
        )
    tallies[f"{part} both"] = measure(every)
    print_table(tallies)


if __name__ == "__main__":
    main()
