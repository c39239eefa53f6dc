"""The "Mythos oder Fakt?" quiz: deterministic order, scoring, stop, stale buttons, serialisable."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.common import state_codec
from dialogs.common.callback_data import parse_any
from dialogs.myths import quiz
from dialogs.myths.buttons import QUIZ_BUTTONS, QuizAction, QuizAnswer, QuizButton, QuizChoice
from dialogs.myths.knowledge_base import load_knowledge_base


def verdicts(state: quiz.QuizState) -> list[str]:
    knowledge_base = load_knowledge_base()
    return [knowledge_base.get(entry_id).verdict for entry_id in state.order]  # type: ignore[union-attr]


def test_the_seed_fixes_the_order() -> None:
    first, _ = quiz.start(seed=42, language="de")
    again, _ = quiz.start(seed=42, language="de")
    other, _ = quiz.start(seed=43, language="de")
    assert first.order == again.order
    assert first.order != other.order
    assert len(first.order) == quiz.QUIZ_LENGTH == len(set(first.order))


def test_start_shows_intro_and_first_statement_with_buttons() -> None:
    state, messages = quiz.start(seed=1, language="en")
    assert [m.key for m in messages] == ["myths-quiz-intro", "myths-quiz-question"]
    question = messages[1]
    assert question.args["number"] == 1 and question.args["total"] == len(state.order)
    data = [b.data for row in question.buttons for b in row]
    assert data == ["quiz:myth:1", "quiz:fact:1", "quiz:stop"]


def test_answering_everything_right_scores_full_marks() -> None:
    state, _ = quiz.start(seed=5, language="de")
    for number, verdict in enumerate(verdicts(state), start=1):
        state, messages = quiz.answer(state, verdict, number, "de")
        assert messages[0].key == "myths-quiz-feedback" and messages[0].args["result"] == "right"
        assert messages[0].args["source"]  # the evidence comes with the answer
    assert state.finished and state.correct == len(state.order)
    assert messages[-1].key == "myths-quiz-end"
    assert messages[-1].args == {"score": len(state.order), "total": len(state.order)}


def test_a_wrong_answer_is_explained_and_not_counted() -> None:
    state, _ = quiz.start(seed=5, language="de")
    wrong = "fact" if verdicts(state)[0] == "myth" else "myth"
    state, messages = quiz.answer(state, wrong, 1, "de")
    assert messages[0].args["result"] == "wrong" and state.correct == 0
    assert messages[1].key == "myths-quiz-question" and messages[1].args["number"] == 2


def test_double_tap_and_old_buttons_are_ignored() -> None:
    state, _ = quiz.start(seed=9, language="de")
    state, _ = quiz.answer(state, "myth", 1, "de")
    unchanged, messages = quiz.answer(state, "myth", 1, "de")
    assert unchanged == state and messages == []


def test_stop_at_any_time_reports_the_score_so_far() -> None:
    state, _ = quiz.start(seed=3, language="en")
    state, _ = quiz.answer(state, verdicts(state)[0], 1, "en")
    state, messages = quiz.stop(state)
    assert state.finished
    assert messages[0].key == "myths-quiz-stopped"
    assert messages[0].args == {"score": 1, "answered": 1}
    assert quiz.stop(state) == (state, [])
    assert quiz.answer(state, "myth", 2, "en") == (state, [])


def test_parse_callback() -> None:
    assert parse_any("quiz:myth:3", *QUIZ_BUTTONS) == QuizAnswer(QuizChoice.MYTH, 3)
    assert parse_any("quiz:fact:1", *QUIZ_BUTTONS) == QuizAnswer(QuizChoice.FACT, 1)
    assert parse_any("quiz:stop", *QUIZ_BUTTONS) == QuizButton(QuizAction.STOP)
    assert parse_any("quiz:again", *QUIZ_BUTTONS) == QuizButton(QuizAction.AGAIN)
    assert parse_any("quiz:maybe:1", *QUIZ_BUTTONS) is None
    assert parse_any("myth:rest", *QUIZ_BUTTONS) is None


def test_damaged_state_is_rejected() -> None:
    with pytest.raises(ValueError):
        state_codec.load(
            quiz.QuizState, {"order": ["rest"], "position": 0, "correct": 2, "finished": False}
        )
    with pytest.raises(ValueError):
        state_codec.load(quiz.QuizState, {})
    with pytest.raises(ValueError):
        quiz.QuizState(("rest",), position=2)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    choices=st.lists(st.sampled_from(["myth", "fact", "stop"]), max_size=8),
)
def test_state_survives_json_at_every_step(seed: int, choices: list[str]) -> None:
    state, _ = quiz.start(seed=seed, language="de")
    for choice in choices:
        if choice == "stop":
            state, _ = quiz.stop(state)
        else:
            state, _ = quiz.answer(state, choice, state.position + 1, "de")
        restored = state_codec.load(quiz.QuizState, json.loads(json.dumps(state_codec.dump(state))))
        assert restored == state
        assert 0 <= state.correct <= state.answered <= len(state.order)
