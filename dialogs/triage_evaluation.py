"""Measures the safety net on the labelled messages: `python -m dialogs.triage_evaluation`.

Why measure and not only unit-test: a screener is a trade-off. Per urgency we report the
sensitivity (messages of that urgency flagged at least that urgently — over-escalation is
safe, under-escalation is a miss) and the false-alarm rate (harmless messages flagged at all),
separately for the tuning part and the held-out part so that over-fitting shows.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from dialogs.safety import Urgency, screen

LABELLED_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "triage_messages.yaml"
FLAG_LEVELS = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON)


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    expected: Urgency
    note: str
    holdout: bool
    worsening: bool | None


@dataclass(frozen=True)
class Result:
    example: Example
    level: Urgency
    flag_id: str | None
    worsening: bool

    @property
    def detected(self) -> bool:
        """Flagged at least as urgently as labelled (for a flag), or not at all (for harmless)."""
        if self.example.expected is Urgency.NONE:
            return self.level is Urgency.NONE
        return self.level.at_least(self.example.expected)


@dataclass(frozen=True)
class Metrics:
    sensitivity: dict[Urgency, tuple[int, int]]  # level → (detected, total)
    false_alarms: tuple[int, int]  # (harmless flagged, harmless total)
    exact: tuple[int, int]  # level exactly as labelled
    worsening: tuple[int, int]  # worsening labels agreed

    @staticmethod
    def rate(pair: tuple[int, int]) -> float:
        hit, total = pair
        return hit / total if total else 1.0


def load_examples(path: Path = LABELLED_FILE) -> list[Example]:
    with path.open(encoding="utf-8") as handle:
        items = yaml.safe_load(handle)
    return [
        Example(
            item["text"],
            item["lang"],
            Urgency(item["level"]),
            item.get("note", ""),
            bool(item.get("holdout", False)),
            item.get("worsening"),
        )
        for item in items
    ]


def evaluate(examples: Iterable[Example]) -> list[Result]:
    results = []
    for example in examples:
        found = screen(example.text, example.language)
        results.append(Result(example, found.level, found.flag_id, found.worsening))
    return results


def metrics(results: Sequence[Result]) -> Metrics:
    sensitivity = {}
    for level in FLAG_LEVELS:
        subset = [result for result in results if result.example.expected is level]
        sensitivity[level] = (sum(result.detected for result in subset), len(subset))
    harmless = [result for result in results if result.example.expected is Urgency.NONE]
    labelled_worse = [result for result in results if result.example.worsening is not None]
    return Metrics(
        sensitivity,
        (sum(result.level is not Urgency.NONE for result in harmless), len(harmless)),
        (sum(result.level is result.example.expected for result in results), len(results)),
        (
            sum(result.worsening == result.example.worsening for result in labelled_worse),
            len(labelled_worse),
        ),
    )


def _cell(pair: tuple[int, int]) -> str:
    return f"{Metrics.rate(pair):.0%} ({pair[0]}/{pair[1]})"


def markdown_table(results: Sequence[Result]) -> str:
    parts = {
        "tuning": [result for result in results if not result.example.holdout],
        "held-out": [result for result in results if result.example.holdout],
        "all": list(results),
    }
    computed = {name: metrics(subset) for name, subset in parts.items()}
    lines = [
        "| measure | " + " | ".join(parts) + " |",
        "|---|" + "---|" * len(parts),
    ]
    for level in FLAG_LEVELS:
        cells = [_cell(m.sensitivity[level]) for m in computed.values()]
        lines.append(f"| sensitivity {level.value} | " + " | ".join(cells) + " |")
    lines.append(
        "| false alarms (harmless flagged) | "
        + " | ".join(_cell(m.false_alarms) for m in computed.values())
        + " |"
    )
    lines.append(
        "| level exactly right | " + " | ".join(_cell(m.exact) for m in computed.values()) + " |"
    )
    lines.append(
        "| 'getting worse' detected right | "
        + " | ".join(_cell(m.worsening) for m in computed.values())
        + " |"
    )
    return "\n".join(lines)


def misses(results: Sequence[Result]) -> list[str]:
    """Readable lines for every disagreement (to review the data, not to tune on held-out)."""
    lines = []
    for result in results:
        example = result.example
        if not result.detected or (
            example.worsening is not None and example.worsening != result.worsening
        ):
            part = "held-out" if example.holdout else "tuning"
            lines.append(
                f"- [{part}] {example.language} expected {example.expected.value}, got "
                f"{result.level.value} ({result.flag_id}), worsening {result.worsening}: "
                f"{example.text!r}"
            )
    return lines


def main(argv: Sequence[str] = ()) -> int:
    results = evaluate(load_examples())
    print(markdown_table(results))
    if "--misses" in argv:
        print()
        print("\n".join(misses(results)) or "no misses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
