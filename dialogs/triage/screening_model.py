"""A trained second opinion for the safety net: which red flag, if any, a message sounds like.

Why: the rule screener (`dialogs.triage.screening`) is traceable and precise, but a
hand-written vocabulary keeps meeting words it has not seen ("my bum feels like it's made of
rubber", "I spür mein Oasch nimma gscheit"); on four blind held-out sets it caught about five
emergencies in six. This model, a scikit-learn logistic regression over character and word
n-grams (`dialogs.common.text_model`), learns from the labelled messages in
`data/triage_examples/` (7,702 with the everyday questions, December 2026), written by people
who had not seen the patterns, what each class of warning sign looks like.
`data/triage_classes.yaml` says which red flag each class stands for.

How the safety net uses it (`dialogs.triage.screening.screen`): only where the rules found
nothing or only weak evidence. Then, when the model finds a flag more urgent than that likely
enough, the bot **asks** that flag's check question (Ja / Nein / Weiß nicht) – it never raises
an alert on the model's word alone, so a wrong guess costs one question, and "Nein" ends it.
A likely crisis gets the crisis message, which carries no alarm and is warm either way.

Trained once per process, on first use (a few seconds, deterministic); `warm_up()` does it
ahead of the first message. Pure: no clock, no I/O after the examples are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sklearn.pipeline import FeatureUnion

from dialogs.common.build_cache import cached
from dialogs.common.content import data_path
from dialogs.common.text import fold
from dialogs.common.text_model import (
    classifier,
    ngram_features,
    probabilities,
    ready_for_prediction,
    transform,
)
from dialogs.triage.red_flags import Urgency, load_catalogue, load_reviewed_yaml

EXAMPLES_DIR = data_path("triage_examples")
CLASSES_FILE = data_path("triage_classes.yaml")
CRISIS = "crisis"
NONE = "none"
# scikit-learn's `C` for both regressions (product decision, chosen by leave-one-writer-out
# cross-validation over the example files: `python -m tools.triage_evaluation --cross-validate`).
REGULARISATION_C = 4.0


@dataclass(frozen=True)
class Example:
    """One labelled message: `label` is a red-flag id of `data/red_flags.yaml`, "crisis" or
    "none"; `about_other` is True when it is about someone else (or an animal); `source` is
    the file's stem."""

    text: str
    language: str
    label: str
    about_other: bool
    source: str


@lru_cache(maxsize=1)
def class_map() -> tuple[frozenset[str], dict[str, str]]:
    """(the crisis classes, class → red-flag id) from `data/triage_classes.yaml`. Raises
    KeyError for a missing key, ValueError for a flag id the catalogue does not know."""
    raw: dict[str, Any] = load_reviewed_yaml(CLASSES_FILE)
    flags = {str(name): str(flag) for name, flag in raw["flags"].items()}
    unknown = set(flags.values()) - set(load_catalogue().flags)
    if unknown:
        raise ValueError(f"unknown red flags in {CLASSES_FILE.name}: {sorted(unknown)}")
    return frozenset(raw["crisis"]), flags


def label_of(level: str, cls: str | None) -> str | None:
    """The model's label for a labelled message (level "crisis" … "none", class or None): the
    red flag its class stands for, "crisis" or "none"; None when a flagged message has no
    class that names a flag (the first, hand-written set): it cannot teach a flag."""
    crisis, flags = class_map()
    if level == NONE:
        return NONE
    if level == CRISIS or cls in crisis:
        return CRISIS
    return flags.get(cls or "")


def load_examples(path: Path) -> list[Example]:
    """The usable items of one labelled YAML file (keys text, lang, level, optional cls and
    about); items without a usable label are left out (see `label_of`). OSError if the file
    cannot be read, KeyError if an item lacks text, lang or level."""
    items: list[dict[str, Any]] = load_reviewed_yaml(path) or []
    examples = []
    for item in items:
        label = label_of(str(item["level"]), item.get("cls"))
        if label is not None:
            examples.append(
                Example(
                    str(item["text"]),
                    str(item["lang"]),
                    label,
                    item.get("about") == "other",
                    path.stem,
                )
            )
    return examples


def example_files() -> list[Path]:
    """The training files, sorted by name (so that training is reproducible)."""
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


@dataclass(frozen=True)
class Opinion:
    """What the model makes of one message.

    `at_least`: for crisis, the probability (0.0–1.0) of a crisis; for emergency, urgent and
    soon, that of a red flag of that level or a more urgent one. A crisis is not counted
    towards the red flags: it is another kind of answer, and "I feel so alone with this pain"
    (mostly crisis-like to the model) must not become a question about numbness;
    `likeliest`: per level, the most probable red flag of exactly that level (crisis: "crisis");
    `about_other`: the probability that the message is about someone else.
    """

    at_least: dict[Urgency, float]
    likeliest: dict[Urgency, str]
    about_other: float


LEVELS = (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON)


class ScreeningModel:
    """Three logistic regressions over one set of n-gram features: the level (crisis,
    emergency, urgent, soon, none), which red flag (trained on the flagged examples), and
    whether the message is about someone else (trained on the flagged examples and crises).
    Not thread-safe to train; safe to call `opinion` from one event loop."""

    def __init__(self, examples: Sequence[Example]) -> None:
        """Train on `examples` (ValueError unless harmless messages, red flags, and flagged
        messages about the writer and about others all occur)."""
        catalogue = load_catalogue()

        def level_of(label: str) -> Urgency:
            if label in (CRISIS, NONE):
                return Urgency(label)
            return catalogue.flags[label].urgency

        levels = [level_of(example.label).value for example in examples]
        flagged = [i for i, example in enumerate(examples) if example.label not in (CRISIS, NONE)]
        concerning = [i for i, example in enumerate(examples) if example.label != NONE]
        others = {examples[i].about_other for i in concerning}
        if NONE not in levels or not flagged or others != {True, False}:
            raise ValueError("the examples need harmless messages, red flags, and both writers")
        self._features: FeatureUnion = ngram_features()
        matrix = self._features.fit_transform([fold(example.text) for example in examples])
        self._level = ready_for_prediction(
            classifier(REGULARISATION_C, fast=True).fit(matrix, levels)
        )
        self._flag = ready_for_prediction(
            classifier(REGULARISATION_C, fast=True).fit(
                matrix[flagged], [examples[i].label for i in flagged]
            )
        )
        self._other = ready_for_prediction(
            classifier(REGULARISATION_C, fast=True).fit(
                matrix[concerning], [examples[i].about_other for i in concerning]
            )
        )
        # Read once here, not per message: the columns of each regression's output.
        self._levels = [Urgency(str(name)) for name in self._level.classes_]
        self._other_column = list(self._other.classes_).index(True)
        flag_levels = [catalogue.flags[str(flag)].urgency for flag in self._flag.classes_]
        self._flags_by_level = {
            level: [i for i, flag_level in enumerate(flag_levels) if flag_level is level]
            for level in LEVELS[1:]
        }

    def opinion(self, text: str) -> Opinion:
        """The model's view of `text` (raw, any case, any length)."""
        return self.opinions([text])[0]

    def opinions(self, texts: Sequence[str]) -> list[Opinion]:
        """`opinion` for many texts at once (one transform and one product per regression:
        much faster than one by one)."""
        if not texts:
            return []
        rows = transform(self._features, [fold(text) for text in texts])
        result = []
        for level_p, flag_p, other_p in zip(
            probabilities(self._level, rows),
            probabilities(self._flag, rows),
            probabilities(self._other, rows),
            strict=True,
        ):
            by_level = list(zip(self._levels, level_p, strict=True))
            at_least = {
                level: float(sum(p for lv, p in by_level if _covers(lv, level))) for level in LEVELS
            }
            likeliest = {Urgency.CRISIS: CRISIS}
            for level, columns in self._flags_by_level.items():
                if columns:
                    best = max(columns, key=lambda i: flag_p[i])
                    likeliest[level] = str(self._flag.classes_[best])
            result.append(Opinion(at_least, likeliest, float(other_p[self._other_column])))
        return result


def _covers(level: Urgency, threshold: Urgency) -> bool:
    """Whether a message of `level` counts for `at_least[threshold]` (see `Opinion`)."""
    if threshold is Urgency.CRISIS or level is Urgency.CRISIS:
        return level is threshold
    return level.at_least(threshold)


def training_examples(exclude: Sequence[Path] = ()) -> list[Example]:
    """Every usable example of `data/triage_examples/`, without the files in `exclude`."""
    return [
        example
        for path in example_files()
        if path not in exclude
        for example in load_examples(path)
    ]


@lru_cache(maxsize=1)
def default_model() -> ScreeningModel:
    """The model trained on every file of `data/triage_examples/` (once per process, or
    loaded from the build cache, `dialogs.common.build_cache`, when the bot keeps one)."""
    return cached("screening-model", lambda: ScreeningModel(training_examples()))


def warm_up() -> None:
    """Train the default model now, so that the first message does not wait for it."""
    default_model()
