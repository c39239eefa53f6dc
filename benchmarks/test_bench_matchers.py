"""Matchers run on every free-text message: they must stay in the low milliseconds.

Goals (checked by reading `make bench`, never asserted in timed tests): the safety net screens a
typical message in under 2 ms and a maximal 4096-character message in under 50 ms (issue
"Safety net v2"); the myth matcher answers a question in under 10 ms. The `tokens` rows are the
baseline of the same run: folding and splitting the same text, the least any matcher must do;
read the screen rows as a ratio to it (measured here, with the trained second opinion: 173×
for a typical message and 132× for 4096 characters on 2026-12-02 before the patterns were
indexed by their first atoms, 120× and 54× after; README "Measured quality").
"""

from __future__ import annotations

import pytest

from dialogs.myths import matcher
from dialogs.triage import red_flags, screening

TYPICAL = "Seit gestern habe ich starke Rückenschmerzen nach der Gartenarbeit, was kann ich tun?"
MAXIMAL = ("Mein Rücken tut weh und ich weiß nicht, ob ich mich schonen soll. " * 70)[:4096]


MIDDLE = MAXIMAL[:2000] + " Seit heute kann ich den Urin nicht mehr halten. " + MAXIMAL[:2000]


@pytest.mark.parametrize("text", [TYPICAL, MAXIMAL], ids=["typical", "4096-chars"])
def test_baseline_tokens(benchmark, text: str) -> None:  # type: ignore[no-untyped-def]
    from dialogs.common.text import tokens

    assert benchmark(tokens, text)


@pytest.mark.parametrize("text", [TYPICAL, MAXIMAL], ids=["typical", "4096-chars"])
def test_safety_screen(benchmark, text: str) -> None:  # type: ignore[no-untyped-def]
    screening.screen(text, "de")  # compile and cache the patterns outside the measurement
    result = benchmark(screening.screen, text, "de")
    assert result.level is red_flags.Urgency.NONE


def _every_twentieth_example() -> list[tuple[str, str]]:
    """Every 20th labelled message of `data/triage_examples/` (about 550, all levels, both
    languages): real chat messages rather than one chosen sentence."""
    from dialogs.triage.screening_model import example_files, load_examples

    examples = [example for path in example_files() for example in load_examples(path)]
    return [(example.text, example.language) for example in examples[::20]]


def test_safety_screen_examples(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The whole batch per round: divide the time by the `messages` in `extra_info` for the
    mean per message (2-ms goal)."""
    messages = _every_twentieth_example()
    screening.screen("Seit gestern tut mir der Rücken weh, ich war beim Arzt", "de")  # warm up

    def screen_all() -> int:
        return sum(screening.screen(text, lang).flagged for text, lang in messages)

    benchmark.extra_info["messages"] = len(messages)
    assert 0 < benchmark.pedantic(screen_all, rounds=5, iterations=1) < len(messages)


def test_safety_screen_red_flag(benchmark) -> None:  # type: ignore[no-untyped-def]
    result = benchmark(screening.screen, "Seit heute kann ich den Urin nicht mehr halten", "de")
    assert result.level is red_flags.Urgency.EMERGENCY


def test_safety_screen_red_flag_inside_4096_chars(benchmark) -> None:  # type: ignore[no-untyped-def]
    result = benchmark(screening.screen, MIDDLE, "de")
    assert result.level is red_flags.Urgency.EMERGENCY


def test_safety_screen_crisis(benchmark) -> None:  # type: ignore[no-untyped-def]
    result = benchmark(screening.screen, "Ich will nicht mehr leben", "de")
    assert result.level is red_flags.Urgency.CRISIS


def test_myth_match(benchmark) -> None:  # type: ignore[no-untyped-def]

    question = "Brauche ich bei Rückenschmerzen ein MRT?"
    matcher.match(question, "de")  # build the index outside the measurement
    result = benchmark(matcher.match, question, "de")
    assert result is not None and result.entry_id == "imaging"
