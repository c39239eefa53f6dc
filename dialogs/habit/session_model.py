"""A trained second opinion for the activity reader: how likely a message reports a session.

The rule reader (`dialogs.habit.activity`) is precise but misses reports written in words it
does not know (dialects, "had a wee dander round the park", "hour in the garden today"). This
model, a scikit-learn logistic regression over character and word n-grams, learns what reports
look like from the labelled example messages in `data/activity_examples/` (1,540 messages in
German and English, written by four people who had not seen the reader). It decides one thing
only, session or not; minutes, day, activity and how it felt stay with the rules, which read
them exactly.

How the reader uses it (`read_activity`): a message the rules are sure of but the model doubts
is asked about instead of logged; a message the rules miss but the model finds likely is asked
about ("Soll ich 20 Minuten für heute eintragen?"). It never logs on its own.

The model is trained once per process, on first use (about half a second, deterministic:
the same examples give the same model); `warm_up()` does it ahead of the first message.
Pure: no clock, no I/O after the examples are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sklearn.pipeline import Pipeline

from dialogs.common.build_cache import cached
from dialogs.common.content import SAFE_LOADER, data_path
from dialogs.common.text import fold
from dialogs.common.text_model import ngram_classifier, ready_for_prediction

EXAMPLES_DIR = data_path("activity_examples")
# Regularisation strength of the logistic regression (scikit-learn's `C`; product decision,
# chosen by cross-validation over the example files, README "Logging in your own words").
REGULARISATION_C = 4.0


@dataclass(frozen=True)
class Example:
    """One labelled message of `data/activity_examples/`.

    `session`: whether the writer reports movement they did themself in the last week;
    `minutes`: the stated duration in whole minutes, or None; `day`: "today", "yesterday",
    "daybefore", a weekday code ("mon" … "sun") or None; `activity`: a key of the reader's
    activity types or None; `felt`: "good", "pain" or None; `language`: "de" | "en";
    `source`: the file's stem (e.g. "activity_messages_de_dev").
    """

    text: str
    language: str
    session: bool
    minutes: int | None
    day: str | None
    activity: str | None
    felt: str | None
    source: str


def load_examples(path: Path) -> list[Example]:
    """The items of one YAML file of labelled messages (a list of mappings with the keys text,
    lang, session, minutes, day, activity, felt). Raises KeyError if an item lacks a key,
    OSError if the file cannot be read."""
    with path.open(encoding="utf-8") as handle:  # libyaml's loader: ten times faster
        raw: list[dict[str, Any]] = yaml.load(handle, Loader=SAFE_LOADER) or []
    return [
        Example(
            text=str(item["text"]),
            language=str(item["lang"]),
            session=bool(item["session"]),
            minutes=item["minutes"],
            day=item["day"],
            activity=item["activity"],
            felt=item["felt"],
            source=path.stem,
        )
        for item in raw
    ]


def example_files() -> list[Path]:
    """The training files, sorted by name (so that training is reproducible)."""
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


class SessionModel:
    """P(session | message), trained on labelled examples. Not thread-safe to train; safe to
    call `probability` from one event loop."""

    def __init__(self, examples: Sequence[Example]) -> None:
        """Train on `examples` (both labels must occur; ValueError otherwise)."""
        labels = [example.session for example in examples]
        if len(set(labels)) < 2:
            raise ValueError("the examples need both sessions and non-sessions")
        self._pipeline: Pipeline = ngram_classifier(REGULARISATION_C)
        self._pipeline.fit([fold(example.text) for example in examples], labels)
        ready_for_prediction(self._pipeline[-1])

    def probability(self, text: str) -> float:
        """How likely `text` (raw, any case) reports a session: 0.0–1.0."""
        return float(self._pipeline.predict_proba([fold(text)])[0, 1])

    def probabilities(self, texts: Iterable[str]) -> list[float]:
        """`probability` for many texts at once (faster than one by one)."""
        folded = [fold(text) for text in texts]
        if not folded:
            return []
        return [float(p) for p in self._pipeline.predict_proba(folded)[:, 1]]


@lru_cache(maxsize=1)
def default_model() -> SessionModel:
    """The model trained on every file of `data/activity_examples/` (once per process, or
    loaded from the build cache, `dialogs.common.build_cache`, when the bot keeps one)."""
    return cached(
        "session-model",
        lambda: SessionModel([item for path in example_files() for item in load_examples(path)]),
    )


def warm_up() -> None:
    """Train the default model now, so that the first message does not wait for it."""
    default_model()
