"""Measures the safety net on labelled messages:
`python -m tools.triage_evaluation [--heldout] [--cross-validate] [--misses]`.

Why measure and not only unit-test: a screener is a trade-off. Per level we report the
sensitivity: messages of that level answered at least that urgently, by an alert or by the
check question that leads to one ("ask"); over-escalation is safe, under-escalation is a miss.
For harmless messages we report how many got an alert and how many got a question. General
questions about warning signs ("hypothetical") are reported apart: asking back is the wanted
answer there.

The labelled sets (README "Measured quality") live in `data/triage_examples/`, because the
safety net's second opinion (`dialogs.triage.screening_model`) is trained on them:
`triage_messages.yaml` (the first set), `triage_blind_dev*.yaml` (each written blind by a
helper who never saw the patterns; measured once as written, then tuned on) and
`triage_blind_heldout1.yaml` to `triage_blind_heldout8.yaml` (held-out sets, each measured once
as such, then spent and tuned on). The latest held-out set, `tests/data/
triage_blind_heldout9.yaml`, was written by another fresh helper; the model is never trained on
it. It is measured once with `--heldout`, after the last change (README); then it is spent and
moves to the examples when a new blind set replaces it. `--cross-validate` trains the
second opinion without one writer's file at a time and measures the net on that file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from dialogs.triage.red_flags import Urgency
from dialogs.triage.screening import screen, screen_rules
from dialogs.triage.screening_model import ScreeningModel, training_examples

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "triage_examples"
LABELLED_FILE = EXAMPLES_DIR / "triage_messages.yaml"
BLIND_DEV_FILE = EXAMPLES_DIR / "triage_blind_dev.yaml"
BLIND_DEV2_FILE = EXAMPLES_DIR / "triage_blind_dev2.yaml"
BLIND_DEV3_FILE = EXAMPLES_DIR / "triage_blind_dev3.yaml"
BLIND_DEV4A_FILE = EXAMPLES_DIR / "triage_blind_dev4a.yaml"
BLIND_DEV4B_FILE = EXAMPLES_DIR / "triage_blind_dev4b.yaml"
BLIND_DEV5_FILE = EXAMPLES_DIR / "triage_blind_dev5.yaml"
# Earlier held-out sets: each measured once (README), then, spent, used for development (and,
# with every file above, to train the safety net's second opinion).
SPENT_HELDOUT_FILES = tuple(EXAMPLES_DIR / f"triage_blind_heldout{n}.yaml" for n in range(1, 26))
# The current held-out set: written blind, never trained or tuned on, measured once.
BLIND_HELDOUT_FILE = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "triage_blind_heldout26.yaml"
)
HELDOUT_NAME = "held-out 26"
DEVELOPMENT_FILES = (
    LABELLED_FILE,
    BLIND_DEV_FILE,
    BLIND_DEV2_FILE,
    BLIND_DEV3_FILE,
    BLIND_DEV4A_FILE,
    BLIND_DEV4B_FILE,
    BLIND_DEV5_FILE,
    *SPENT_HELDOUT_FILES,
)
FLAG_LEVELS = (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON)


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    expected: Urgency
    note: str  # the blind sets' class ("retention", "hyperbole", "hypothetical" …)
    holdout: bool
    worsening: bool | None
    about_other: bool = False


@dataclass(frozen=True)
class Result:
    example: Example
    level: Urgency
    flag_id: str | None
    worsening: bool
    ask: bool = False

    @property
    def detected(self) -> bool:
        """A flag answered at least as urgently as labelled (alert or question), or a harmless
        message left alone."""
        if self.example.expected is Urgency.NONE:
            return self.level is Urgency.NONE
        if self.example.expected is Urgency.CRISIS:
            return self.level is Urgency.CRISIS
        return self.level.at_least(self.example.expected)

    @property
    def alerted(self) -> bool:
        return self.level is not Urgency.NONE and not self.ask

    @property
    def asked(self) -> bool:
        return self.level is not Urgency.NONE and self.ask


@dataclass(frozen=True)
class Metrics:
    sensitivity: dict[Urgency, tuple[int, int]]  # level → (detected, total)
    harmless_alerted: tuple[int, int]  # (harmless messages with an alert, harmless total)
    harmless_asked: tuple[int, int]  # (harmless messages with a question, harmless total)
    hypothetical_answered: tuple[int, int]  # general questions that got a question or alert
    exact: tuple[int, int]  # level exactly as labelled (alert or question)

    @staticmethod
    def rate(pair: tuple[int, int]) -> float:
        hit, total = pair
        return hit / total if total else 1.0


def load_examples(path: Path = LABELLED_FILE, *, holdout: bool | None = None) -> list[Example]:
    """The labelled messages of one file; `holdout` overrides the items' own flag."""
    with path.open(encoding="utf-8") as handle:
        items = yaml.safe_load(handle)
    return [
        Example(
            item["text"],
            item["lang"],
            Urgency(item["level"]),
            item.get("cls", item.get("note", "")),
            bool(item.get("holdout", False)) if holdout is None else holdout,
            item.get("worsening"),
            item.get("about") == "other",
        )
        for item in items
    ]


def development_examples() -> list[Example]:
    """Everything that may be looked at and tuned on (the first set's old held-out part too)."""
    return [example for path in DEVELOPMENT_FILES for example in load_examples(path, holdout=False)]


def held_out_examples() -> tuple[list[Example], int]:
    """The held-out set without any message that also stands, word for word, in the
    development data (different blind writers can hit the same short sentence); and how many
    were left out for that."""
    development = {example.text.casefold() for example in development_examples()}
    held_out = load_examples(BLIND_HELDOUT_FILE, holdout=True)
    kept = [example for example in held_out if example.text.casefold() not in development]
    return kept, len(held_out) - len(kept)


def evaluate(
    examples: Iterable[Example], *, model: ScreeningModel | None = None, rules_only: bool = False
) -> list[Result]:
    """Screen every example: the whole net (rules and `model`, default the trained default
    model), or with `rules_only` the rules alone."""
    results = []
    for example in examples:
        if rules_only:
            found = screen_rules(example.text, example.language)
        else:
            found = screen(example.text, example.language, model=model)
        results.append(Result(example, found.level, found.flag_id, found.worsening, found.ask))
    return results


def cross_validated() -> list[Result]:
    """Leave one writer out: for each example file, the whole net with a second opinion
    trained on the other files only – how it does on a writer it has not seen."""
    results = []
    for path in DEVELOPMENT_FILES:
        model = ScreeningModel(training_examples(exclude=(path,)))
        results += evaluate(load_examples(path, holdout=False), model=model)
    return results


def metrics(results: Sequence[Result]) -> Metrics:
    sensitivity = {}
    for level in FLAG_LEVELS:
        subset = [result for result in results if result.example.expected is level]
        sensitivity[level] = (sum(result.detected for result in subset), len(subset))
    harmless = [
        result
        for result in results
        if result.example.expected is Urgency.NONE and result.example.note != "hypothetical"
    ]
    general = [result for result in results if result.example.note == "hypothetical"]
    return Metrics(
        sensitivity,
        (sum(result.alerted for result in harmless), len(harmless)),
        (sum(result.asked for result in harmless), len(harmless)),
        (sum(result.level is not Urgency.NONE for result in general), len(general)),
        (sum(result.level is result.example.expected for result in results), len(results)),
    )


def _cell(pair: tuple[int, int]) -> str:
    return f"{Metrics.rate(pair):.1%} ({pair[0]}/{pair[1]})"


def markdown_table(parts: dict[str, Sequence[Result]]) -> str:
    """One column per named part ("first set", "blind dev", "blind held-out" …)."""
    computed = {name: metrics(subset) for name, subset in parts.items()}
    lines = [
        "| measure | " + " | ".join(parts) + " |",
        "|---|" + "---|" * len(parts),
    ]
    for level in FLAG_LEVELS:
        cells = [_cell(m.sensitivity[level]) for m in computed.values()]
        lines.append(f"| sensitivity {level.value} | " + " | ".join(cells) + " |")
    rows = (
        ("harmless: alert", "harmless_alerted"),
        ("harmless: question asked", "harmless_asked"),
        ("general questions answered", "hypothetical_answered"),
        ("level exactly right", "exact"),
    )
    for label, field in rows:
        cells = [_cell(getattr(m, field)) for m in computed.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(results: Sequence[Result]) -> list[str]:
    """Readable lines for every disagreement (to review development data only)."""
    lines = []
    for result in results:
        example = result.example
        wrong = not result.detected or (
            example.expected is Urgency.NONE and example.note != "hypothetical" and result.asked
        )
        if wrong:
            got = f"{result.level.value}{' ask' if result.ask else ''} ({result.flag_id})"
            lines.append(
                f"- {example.language} [{example.note}] expected {example.expected.value}, "
                f"got {got}: {example.text!r}"
            )
    return lines


def main(argv: Sequence[str] = ()) -> int:
    parts: dict[str, Sequence[Result]] = {
        "first set": evaluate(load_examples(LABELLED_FILE, holdout=False)),
        "blind dev": evaluate(load_examples(BLIND_DEV_FILE)),
        "blind dev 2": evaluate(load_examples(BLIND_DEV2_FILE)),
        "blind dev 3": evaluate(load_examples(BLIND_DEV3_FILE)),
        "blind dev 4a": evaluate(load_examples(BLIND_DEV4A_FILE)),
        "blind dev 4b": evaluate(load_examples(BLIND_DEV4B_FILE)),
        "blind dev 5": evaluate(load_examples(BLIND_DEV5_FILE)),
        **{
            f"held-out {number} (spent)": evaluate(load_examples(path))
            for number, path in enumerate(SPENT_HELDOUT_FILES, start=1)
        },
    }
    if "--cross-validate" in argv:
        parts = {
            "rules alone": evaluate(development_examples(), rules_only=True),
            "cross-validated (one writer left out)": cross_validated(),
        }
    if "--heldout" in argv:
        kept, dropped = held_out_examples()
        parts[HELDOUT_NAME] = evaluate(kept)
        print(
            f"{HELDOUT_NAME}: {len(kept)} messages ({dropped} left out: also in development data)"
        )
    print(markdown_table(parts))
    if "--misses" in argv:
        print()
        looked_at = [
            result for name, part in parts.items() if "held-out" not in name for result in part
        ]
        print("\n".join(misses(looked_at)) or "no misses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
