"""The labelled message sets: their shape, and floors that keep the safety net from regressing.

The floors are the issue's aims ("Safety net v2"): every emergency answered (alert or question),
urgent ≥ 95 %, soon ≥ 85 %, at most 3 % of harmless messages alerted and at most 5 % asked. They
are checked on the development data only (the first set, the blind development batches and the
spent held-out sets; the safety net's second opinion is trained on these too, so a last test
measures it on a writer it was not trained on); the blind held-out set is measured once with
`python -m tools.triage_evaluation --heldout`, its numbers are reported in the README, it is
never tuned or trained on, and it is part of no test.
"""

from __future__ import annotations

import pytest

from dialogs.triage.red_flags import Urgency
from dialogs.triage.screening_model import ScreeningModel, training_examples
from tools.triage_evaluation import (
    BLIND_HELDOUT_FILE,
    FLAG_LEVELS,
    SPENT_HELDOUT_FILES,
    development_examples,
    evaluate,
    held_out_examples,
    load_examples,
    markdown_table,
    metrics,
)

EXAMPLES = development_examples()
RESULTS = evaluate(EXAMPLES)
MEASURED = metrics(RESULTS)


def test_the_sets_cover_every_level_in_both_languages() -> None:
    assert len(EXAMPLES) >= 500
    for language in ("de", "en"):
        for level in (*FLAG_LEVELS, Urgency.NONE):
            count = sum(e.language == language and e.expected is level for e in EXAMPLES)
            assert count >= 10, (language, level)
    assert sum(example.about_other for example in EXAMPLES) >= 20


def test_the_held_out_set_exists_apart_and_is_not_development_data() -> None:
    # Counts only: a failure message must never print held-out sentences.
    kept, dropped = held_out_examples()
    assert len(load_examples(BLIND_HELDOUT_FILE, holdout=True)) >= 300
    assert len(kept) >= 300 and dropped <= 10, (len(kept), dropped)
    development = {example.text.casefold() for example in EXAMPLES}
    overlap = sum(example.text.casefold() in development for example in kept)
    assert overlap == 0, overlap


@pytest.mark.parametrize(
    ("level", "floor"),
    [(Urgency.CRISIS, 1.0), (Urgency.EMERGENCY, 1.0), (Urgency.URGENT, 0.95), (Urgency.SOON, 0.85)],
)
def test_sensitivity_floors(level: Urgency, floor: float) -> None:
    missed = [r.example.text for r in RESULTS if r.example.expected is level and not r.detected]
    assert MEASURED.rate(MEASURED.sensitivity[level]) >= floor, missed


def test_harmless_messages_are_rarely_alerted_or_asked() -> None:
    assert MEASURED.rate(MEASURED.harmless_alerted) <= 0.03
    assert MEASURED.rate(MEASURED.harmless_asked) <= 0.05


def test_the_table_reports_every_part() -> None:
    table = markdown_table({"development": RESULTS})
    assert "| measure | development |" in table
    assert "sensitivity emergency" in table and "harmless: question asked" in table


def test_the_second_opinion_helps_on_a_writer_it_has_not_seen() -> None:
    """Held-out 4 was measured once as a held-out set (rules alone: emergency 85 %, urgent 84 %);
    with a model trained without it, the net must catch clearly more of it than the rules
    alone, and ask on at most 5 % of its harmless messages (the issue's aim)."""
    path = SPENT_HELDOUT_FILES[3]
    examples = load_examples(path, holdout=False)
    model = ScreeningModel(training_examples(exclude=(path,)))
    measured = metrics(evaluate(examples, model=model))
    rules = metrics(evaluate(examples, rules_only=True))
    for level in (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.URGENT):
        assert measured.rate(measured.sensitivity[level]) >= rules.rate(rules.sensitivity[level])
    assert measured.rate(measured.sensitivity[Urgency.EMERGENCY]) >= 0.9
    assert measured.rate(measured.harmless_asked) <= 0.05
    assert measured.harmless_alerted == rules.harmless_alerted
