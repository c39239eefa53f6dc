"""The activity reader's trained second opinion (scikit-learn over the example files)."""

from __future__ import annotations

import pytest

from dialogs.habit.session_model import (
    Example,
    SessionModel,
    default_model,
    example_files,
    load_examples,
)


def _example(text: str, session: bool) -> Example:
    return Example(text, "en", session, None, None, None, None, source="test")


def test_examples_are_two_languages_and_both_labels() -> None:
    examples = [item for path in example_files() for item in load_examples(path)]
    assert len(examples) >= 1500
    assert {item.language for item in examples} == {"de", "en"}
    assert {item.session for item in examples} == {True, False}


def test_the_default_model_tells_reports_from_everything_else() -> None:
    model = default_model()
    reports = ["bin heute 30 min spazieren gewesen", "did my back exercises this morning"]
    others = ["ich will morgen joggen", "what should I eat for dinner"]
    assert min(model.probabilities(reports)) > 0.5
    assert max(model.probabilities(others)) < 0.5
    assert model.probabilities([]) == []


def test_training_is_deterministic() -> None:
    examples = [
        _example("went for a walk", True),
        _example("did yoga", True),
        _example("want to swim tomorrow", False),
        _example("hello there", False),
    ]
    first, second = SessionModel(examples), SessionModel(examples)
    assert first.probability("walked today") == second.probability("walked today")
    assert 0.0 <= first.probability("walked today") <= 1.0


def test_one_label_only_is_refused() -> None:
    with pytest.raises(ValueError, match="both"):
        SessionModel([_example("went for a walk", True)])
