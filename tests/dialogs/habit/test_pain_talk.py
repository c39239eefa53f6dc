"""Saying one's back hurts gets a kind answer (`dialogs.habit.pain_talk`)."""

from __future__ import annotations

import pytest

from dialogs.habit.pain_talk import back_hurts_reply, says_back_hurts


@pytest.mark.parametrize(
    "text",
    [
        "mein rücken tut weh",
        "Mein Rücken tut heute echt weh",
        "Kreuzschmerzen seit gestern",
        "my back really hurts today",
        "my lower back is killing me",
        "Hexenschuss 😩",
        "this pain is killing me",
        "die Schmerzen sind heute unerträglich",
        "mein rücken bringt mich heute um",
        "my back is killing me today",
        # Colloquial: "Rücken haben", a bad back, a back that plays up.
        "hab rücken",
        "ich hab wieder Rücken",
        "hab's im Kreuz",
        "I have a bad back",
        "mein Rücken spinnt",
        "my back is playing up again",
    ],
)
def test_a_statement_that_the_back_hurts(text: str) -> None:
    assert says_back_hurts(text)


@pytest.mark.parametrize(
    "text",
    [
        "was hilft bei rückenschmerzen?",  # a question: the myths and questions answer it
        "mein rücken tut nicht mehr weh",  # negated
        "my back feels better",
        "mein Knie tut weh",  # not the back
        "heute war ein schlechter tag, alles tut weh",
        "mein Rücken bringt mich zur Physio",  # "bringt … um" only
        "the pain is not terrible",  # negated
        "I could die of boredom with these exercises",
        "hatte letzte woche rückenschmerzen, bin heute trotzdem 30 min spazieren gegangen",
    ],
)
def test_no_such_statement(text: str) -> None:
    assert not says_back_hurts(text)


def test_the_answer_is_a_fluent_message() -> None:
    assert back_hurts_reply().key == "habit-back-hurts"


def test_no_such_statement_with_a_have_word_in_a_longer_story() -> None:
    assert not says_back_hurts("ich hab Rücken und Beine heute lange gedehnt")
