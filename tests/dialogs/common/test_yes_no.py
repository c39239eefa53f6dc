"""The typed answer to any yes/no question (`dialogs.common.yes_no`)."""

from __future__ import annotations

import pytest

from dialogs.common.yes_no import TypedAnswer, typed_agreement, typed_answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja", TypedAnswer.YES),
        ("Ja!", TypedAnswer.YES),
        ("jo 👍", TypedAnswer.YES),
        ("Yes.", TypedAnswer.YES),
        ("yep", TypedAnswer.YES),
        ("nein", TypedAnswer.NO),
        ("Nö", TypedAnswer.NO),  # folded to "noe"
        ("NOPE", TypedAnswer.NO),
        ("no", TypedAnswer.NO),
        ("weiß nicht", TypedAnswer.UNSURE),
        ("weiss ich nicht genau", TypedAnswer.UNSURE),
        ("not sure", TypedAnswer.UNSURE),
        # the trial: natural answers with words that do not change them
        ("nein, eigentlich nicht", TypedAnswer.NO),
        ("nein danke", TypedAnswer.NO),
        ("no, not really", TypedAnswer.NO),
        ("ja leider", TypedAnswer.YES),
        ("yes I do", TypedAnswer.YES),
    ],
)
def test_one_word_or_an_unsure_phrase_answers(text: str, expected: TypedAnswer) -> None:
    assert typed_answer(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "ja, aber mein Bein ist taub",  # more than the answer: the safety net must read it
        "yes I did 20 min",
        "no I have numbness in my groin",
        "nein, aber meine Beine werden schwächer",
        "ja nicht",
        "hallo",
        "ok",
        "",
        "👍",
    ],
)
def test_anything_more_or_else_is_no_answer(text: str) -> None:
    assert typed_answer(text) is None


@pytest.mark.parametrize(
    "text", ["ok", "Okay!", "verstanden", "Ich bin einverstanden", "ja", "I agree", "got it 👍"]
)
def test_agreement_to_a_notice(text: str) -> None:
    assert typed_agreement(text)


@pytest.mark.parametrize(
    "text", ["hallo", "nein", "ok aber was machst du mit meinen Daten?", "not sure", ""]
)
def test_no_agreement(text: str) -> None:
    assert not typed_agreement(text)
