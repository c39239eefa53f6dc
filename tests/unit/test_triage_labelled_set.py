"""The labelled message set: size, held-out share, and the two hard safety targets."""

from __future__ import annotations

from dialogs.safety import Urgency
from dialogs.triage_evaluation import evaluate, load_examples, markdown_table, metrics

EXAMPLES = load_examples()


def test_the_set_is_large_and_keeps_a_held_out_part() -> None:
    assert len(EXAMPLES) >= 150
    held_out = sum(example.holdout for example in EXAMPLES) / len(EXAMPLES)
    assert 0.25 <= held_out <= 0.4
    assert {example.language for example in EXAMPLES} == {"de", "en"}
    for level in Urgency:
        assert sum(example.expected is level for example in EXAMPLES) >= 20


def test_no_emergency_is_missed_and_false_alarms_stay_below_ten_percent() -> None:
    results = evaluate(EXAMPLES)
    measured = metrics(results)
    detected, total = measured.sensitivity[Urgency.EMERGENCY]
    assert detected == total, [r.example.text for r in results if not r.detected]
    assert measured.rate(measured.false_alarms) <= 0.10


def test_the_table_reports_every_part() -> None:
    table = markdown_table(evaluate(EXAMPLES))
    assert "| measure | tuning | held-out | all |" in table
    assert "sensitivity emergency" in table and "false alarms" in table
