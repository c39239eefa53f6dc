"""Issue 12 §3 in the triage dialogs: "zurück" in the check, hints, typed STarT Back answers."""

from __future__ import annotations

import pytest

from dialogs.common.helplines import helplines_for
from dialogs.triage import red_flag_check, startback
from dialogs.triage.buttons import CheckBack
from dialogs.triage.red_flag_check import Answer, TriageState

HELPLINES = helplines_for("DE", "Europe/Berlin")


def test_back_takes_the_last_answer_back_and_asks_it_again() -> None:
    state, _ = red_flag_check.start("de")
    first = state.current_question
    assert first is not None
    unchanged, message = red_flag_check.back(state)
    assert unchanged == state and message.key == "triage-back-none"
    state, _, _ = red_flag_check.step(state, Answer.NO, first.id, helplines=HELPLINES)
    second = state.current_question
    assert second is not None and second.id != first.id
    previous, message = red_flag_check.back(state)
    assert previous.answers == () and previous.current_question == first
    assert message.key == "triage-back" and message.args["number"] == 1


def test_a_back_tap_under_an_older_question_only_shows_the_open_one() -> None:
    state, _ = red_flag_check.start("de")
    first = state.current_question
    assert first is not None
    state, _, _ = red_flag_check.step(state, Answer.NO, first.id, helplines=HELPLINES)
    state, _, _ = red_flag_check.step(state, Answer.NO, None, helplines=HELPLINES)
    same, message = red_flag_check.back(state, first.id)
    assert same == state and message.key == "triage-question"


def test_the_back_button_is_shown_from_the_second_question_on() -> None:
    state, message = red_flag_check.start("en")
    assert not any(b.data.startswith("tri:back") for row in message.buttons for b in row)
    first = state.current_question
    assert first is not None
    state, (question,), _ = red_flag_check.step(state, Answer.NO, first.id, helplines=HELPLINES)
    backs = [b for row in question.buttons for b in row if b.data.startswith("tri:back")]
    assert [CheckBack.parse(b.data) for b in backs] == [CheckBack(state.current_question.id)]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "back"),
    [("zurück", True), ("Zurueck", True), ("back", True), ("go back", True),
     ("back pain", False), ("mein Rücken", False), ("nein", False)],
)  # fmt: skip
def test_typed_back(text: str, back: bool) -> None:
    assert red_flag_check.is_back(text) is back


def test_hint_repeats_the_open_question() -> None:
    state = TriageState("de")
    hint, question = red_flag_check.hint(state)
    assert hint.key == "triage-check-hint" and question.args["number"] == 1


def _at_item(number: int) -> startback.StartBackState:
    return startback.StartBackState("de", tuple([0] * (number - 1)))


@pytest.mark.parametrize(
    ("text", "value"),
    [("ja", 1), ("Stimme zu", 1), ("yes", 1), ("agree", 1),
     ("nein", 0), ("stimme nicht zu", 0), ("no", 0), ("disagree", 0),
     ("vielleicht", None), ("3", None)],
)  # fmt: skip
def test_startback_yes_no_items_take_typed_answers(text: str, value: int | None) -> None:
    assert startback.answer_from_text(_at_item(1), text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", 0), ("3", 2), ("5", 4), ("gar nicht", 0), ("ein wenig", 1), ("mäßig", 2),
     ("stark", 3), ("extrem", 4), ("not at all", 0), ("slightly", 1), ("moderately", 2),
     ("very much", 3), ("extremely", 4), ("0", None), ("6", None), ("ja", None)],
)  # fmt: skip
def test_startback_last_item_takes_the_scale_in_words_or_numbers(
    text: str, value: int | None
) -> None:
    assert startback.answer_from_text(_at_item(9), text) == value


def test_startback_hint_names_the_scale_only_for_the_last_item() -> None:
    hint, item = startback.hint(_at_item(9))
    assert hint.args == {"scale": "yes"} and item.args["number"] == 9
    hint, _ = startback.hint(_at_item(2))
    assert hint.args == {"scale": "no"}
