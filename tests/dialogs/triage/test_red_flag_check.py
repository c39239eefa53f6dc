"""The structured red-flag check: order, outcomes, stale buttons, persistence, re-offers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.common import state_codec
from dialogs.common.helplines import catalogue as helpline_catalogue
from dialogs.common.reply import Message
from dialogs.triage.buttons import AnswerCode, CheckButton
from dialogs.triage.red_flag_check import (
    Answer,
    Outcome,
    TriageState,
    after_other_answer,
    answer_from_text,
    asked_in_turn,
    check_due,
    question_message,
    shows_question,
    start,
    step,
    still_asks,
    typed_out_of_view,
    with_alert,
)
from dialogs.triage.red_flags import Urgency, load_catalogue

CATALOGUE = load_catalogue()
QUESTIONS = CATALOGUE.questions
GERMANY = helpline_catalogue()["DE"]


def through_json(state: TriageState) -> TriageState:
    """What the bot does between two steps: store as JSON, load again."""
    return state_codec.load(TriageState, json.loads(json.dumps(state_codec.dump(state))))


def answer_all(answers: list[Answer], language: str = "de"):
    state, _ = start(language)
    messages: tuple = ()
    outcome = None
    for answer in answers:
        question = state.current_question
        question_id = question.id if question else None
        state, messages, outcome = step(state, answer, question_id, helplines=GERMANY)
        state = through_json(state)
        if outcome:
            break
    return state, messages, outcome


def test_emergencies_are_asked_first() -> None:
    ranks = [CATALOGUE.question_urgency(question).rank for question in QUESTIONS]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] == Urgency.EMERGENCY.rank


def test_every_red_flag_is_asked() -> None:
    asked = {flag for question in QUESTIONS for flag in question.flags}
    assert asked == set(CATALOGUE.flags)


def test_the_first_question_has_yes_no_and_not_sure_buttons() -> None:
    _state, message = start("de")
    assert message.key == "triage-start"
    assert message.args["question"] == QUESTIONS[0].text["de"]
    keys = [button.key for row in message.buttons for button in row]
    assert keys == ["triage-button-yes", "triage-button-no", "triage-button-unsure"]
    for row in message.buttons:
        for button in row:
            assert CheckButton.unpack(button.data).question == QUESTIONS[0].id
            assert len(button.data.encode()) <= 64


def test_all_no_ends_clear_with_the_stay_active_advice() -> None:
    _state, messages, outcome = answer_all([Answer.NO] * len(QUESTIONS), "en")
    assert outcome is not None and outcome.clear and outcome.flags == ()
    assert len(outcome.answers) == len(QUESTIONS)
    (message,) = messages
    assert message.key == "triage-clear"
    assert message.args["advice"] == CATALOGUE.stay_active["en"]
    assert "Cochrane" in message.args["sources"]
    data = [button.data for row in message.buttons for button in row]
    assert data == ["sb:start"]


@pytest.mark.parametrize("answer", [Answer.YES, Answer.UNSURE])
def test_an_emergency_answer_stops_the_check_at_once(answer: Answer) -> None:
    state, messages, outcome = answer_all([answer])
    assert outcome is not None and outcome.level is Urgency.EMERGENCY
    assert outcome.flags == QUESTIONS[0].flags
    assert len(outcome.answers) == 1 and state.finished
    assert messages[0].key == "triage-alert-emergency"
    assert messages[0].args["emergency"] == "112"


def test_an_urgent_answer_finishes_the_check_and_keeps_every_flag() -> None:
    answers = [
        Answer.YES if CATALOGUE.question_urgency(q) is not Urgency.EMERGENCY else Answer.NO
        for q in QUESTIONS
    ]
    _, messages, outcome = answer_all(answers)
    assert outcome is not None and outcome.level is Urgency.URGENT
    soon = {f for f, flag in CATALOGUE.flags.items() if flag.urgency is Urgency.SOON}
    assert soon <= set(outcome.flags)
    assert messages[0].key == "triage-alert-urgent"


def test_a_soon_answer_gives_calm_advice_and_the_way_on() -> None:
    answers = [Answer.NO] * (len(QUESTIONS) - 1) + [Answer.YES]
    _, messages, outcome = answer_all(answers)
    assert outcome is not None and outcome.level is Urgency.SOON
    assert messages[0].key == "triage-alert-soon"
    assert messages[0].buttons[0][0].data == "tri:plan"


def test_the_same_answer_on_an_old_questions_button_re_asks_the_current_one() -> None:
    state, _ = start("de")
    state, _, _ = step(state, Answer.NO, QUESTIONS[0].id, helplines=GERMANY)
    same, messages, outcome = step(state, Answer.NO, QUESTIONS[0].id, helplines=GERMANY)
    assert same == state and outcome is None
    assert messages[0].args["question"] == QUESTIONS[1].text["de"]


def test_a_finished_check_returns_its_outcome_silently() -> None:
    state, _, outcome = answer_all([Answer.YES])
    again, messages, outcome_again = step(state, Answer.NO, helplines=GERMANY)
    assert again == state and messages == () and outcome_again == outcome


def test_numbers_are_passed_through() -> None:
    state, _ = start("en")
    uk = helpline_catalogue()["GB"]
    _, messages, _ = step(state, Answer.YES, helplines=uk)
    assert messages[0].args["emergency"] == "999" and messages[0].args["urgent"] == "111"


def test_outcome_round_trips_through_json() -> None:
    _, _, outcome = answer_all([Answer.NO, Answer.UNSURE])
    assert outcome is not None
    stored = json.loads(json.dumps(state_codec.dump(outcome)))
    assert state_codec.load(Outcome, stored) == outcome


def test_parse_callback() -> None:
    assert CheckButton.parse("tri:y:q_fever") == CheckButton(AnswerCode.YES, "q_fever")
    assert Answer(AnswerCode.YES.answer) is Answer.YES
    assert CheckButton.parse("tri:u") == CheckButton(AnswerCode.UNSURE, None)
    assert CheckButton.parse("tri:start") is None
    assert CheckButton.parse("sb:1:1") is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Ja", Answer.YES),
        ("nö", Answer.NO),
        ("Weiß nicht", Answer.UNSURE),
        ("not sure", Answer.UNSURE),
        ("no", Answer.NO),
        ("ich habe Rückenschmerzen", None),
    ],
)
def test_typed_answers(text: str, answer: Answer | None) -> None:
    assert answer_from_text(text) is answer


def test_check_is_due_every_four_weeks() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert check_due(None, now)
    assert not check_due(now - timedelta(days=27), now)
    assert check_due(now - timedelta(days=28), now)
    with pytest.raises(ValueError):
        check_due(None, datetime(2026, 11, 27))


answers_strategy = st.lists(st.sampled_from(list(Answer)), max_size=40)
stale_strategy = st.lists(st.booleans(), max_size=40)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy, stale=stale_strategy, language=st.sampled_from(["de", "en"]))
def test_the_check_never_gets_stuck(
    answers: list[Answer], stale: list[bool], language: str
) -> None:
    state, _ = start(language)
    outcome = None
    valid_steps = 0
    for index, answer in enumerate(answers):
        current = state.current_question
        wrong = stale[index] if index < len(stale) else False
        question_id = "q_old" if wrong else (current.id if current else None)
        state, messages, outcome = step(state, answer, question_id, helplines=GERMANY)
        state = through_json(state)
        valid_steps += 0 if wrong else 1
        assert outcome is not None or messages, "a step that does not finish must say something"
        if outcome is None:
            assert state.current_question is not None
    if valid_steps >= len(QUESTIONS):
        assert outcome is not None
    if outcome is not None:
        assert outcome.level in set(Urgency)
        expected = (
            Urgency.EMERGENCY
            if any(
                CATALOGUE.question_urgency(q) is Urgency.EMERGENCY and a.counts_as_yes
                for q in QUESTIONS
                for qid, a in outcome.answers
                if qid == q.id
            )
            else None
        )
        if expected:
            assert outcome.level is expected
        assert outcome.clear == (outcome.flags == ())


@settings(max_examples=100, deadline=None)
@given(
    answers=st.lists(
        st.sampled_from(list(Answer)), min_size=len(QUESTIONS), max_size=len(QUESTIONS)
    )
)
def test_valid_answers_always_end_in_an_outcome(answers: list[Answer]) -> None:
    _, _, outcome = answer_all(answers)
    assert outcome is not None
    assert outcome.level is (
        max((CATALOGUE.flags[f].urgency for f in outcome.flags), key=lambda u: u.rank)
        if outcome.flags
        else Urgency.CLEAR
    )


# --- "not sure" answers and weak evidence during the check ------------------------------------


def _index(question_id: str) -> int:
    return next(index for index, q in enumerate(QUESTIONS) if q.id == question_id)


def test_unsure_flags_are_those_only_a_not_sure_answer_raised() -> None:
    fever, weight = _index("q_fever"), _index("q_weight_loss")
    answers = [Answer.NO] * len(QUESTIONS)
    answers[fever] = Answer.UNSURE
    answers[weight] = Answer.YES
    *_, outcome = answer_all(answers)
    assert outcome is not None and outcome.level is Urgency.URGENT
    assert outcome.unsure_flag_ids == ("fever",)
    assert Outcome(Urgency.URGENT, ("fever",), (("q_fever", Answer.YES),)).unsure_flag_ids == ()


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_unsure_check_answer_is_not_stated_as_a_fact(language: str) -> None:
    from bot.i18n import Translator

    translate = Translator()
    _, messages, outcome = answer_all([Answer.UNSURE], language)
    assert outcome is not None and outcome.level is Urgency.EMERGENCY
    (alert,) = messages
    body = translate(alert.key, language, **alert.args)
    assert body.startswith("⚠️") and "112" in body.split("\n")[0]
    unsure = {"de": "Du warst dir nicht sicher bei:", "en": "You weren't sure about:"}[language]
    fact = {"de": "Deine Antwort weist", "en": "Your answer points"}[language]
    assert unsure in body and fact not in body
    _, messages, _ = answer_all([Answer.YES], language)
    sure = translate(messages[0].key, language, **messages[0].args)
    assert fact in sure and unsure not in sure


@pytest.mark.parametrize("language", ["de", "en"])
def test_sure_and_unsure_signs_of_one_level_are_named_apart(language: str) -> None:
    from bot.i18n import Translator

    fever, infection = _index("q_fever"), _index("q_infection_risk")
    answers = [Answer.NO] * len(QUESTIONS)
    answers[fever] = Answer.YES
    answers[infection] = Answer.UNSURE
    _, messages, outcome = answer_all(answers, language)
    assert outcome is not None and outcome.level is Urgency.URGENT
    body = Translator()(messages[0].key, language, **messages[0].args)
    fever_sign = CATALOGUE.flags["fever"].sign[language]
    infection_sign = CATALOGUE.flags["infection_risk"].sign[language]
    unsure = {"de": "Nicht sicher warst du bei:", "en": "You weren't sure about:"}[language]
    assert body.startswith("⚠️") and "116117" in body.split("\n")[0]
    assert fever_sign in body and f"{unsure} {infection_sign}" in body


def test_weak_evidence_about_a_sign_the_check_still_asks_is_pointed_to_its_turn() -> None:
    state, _ = start("de")
    message = asked_in_turn(state, "fever")
    assert message is not None and message.key == "triage-in-check"
    assert message.args["asks_at"] == _index("q_fever") + 1 and message.args["asked_now"] == "no"
    assert message.args["number"] == 1  # the open question comes again, with its buttons
    assert message.buttons[0][0].data == f"tri:y:{QUESTIONS[0].id}"
    now = asked_in_turn(state, "bladder_bowel_control")
    assert now is not None and now.args["asked_now"] == "yes"
    answered, *_ = answer_all([Answer.NO] * (_index("q_fever") + 1))
    assert asked_in_turn(answered, "fever") is None  # already asked: the bot asks on its own
    assert still_asks(answered, "fever") is None
    assert asked_in_turn(answered, "weight_loss") is not None


# --- the open question in view --------------------------------------------------------------


def test_after_a_safety_answer_the_open_question_comes_again() -> None:
    state, _ = start("de")
    for key in ("triage-alert-urgent", "small-talk-low_mood", "triage-ask-no"):
        kept, again = after_other_answer(state, Message(key))
        assert kept.in_view and again is not None and again.key == "triage-continue"
        assert shows_question(state, again)


def test_after_anything_else_the_question_is_out_of_view_until_shown_again() -> None:
    state, _ = start("en")
    kept, again = after_other_answer(state, Message("myths-answer"))
    assert again is None and not kept.in_view
    shown_state, shown = typed_out_of_view(kept)
    assert shown_state.in_view and shown.key == "triage-out-of-view"
    assert shows_question(kept, shown)
    # The question itself as the last message keeps it in view.
    in_view, nothing = after_other_answer(kept, question_message(kept))
    assert in_view.in_view and nothing is None


def test_the_in_view_flag_survives_the_stored_state_and_old_states_load() -> None:
    state, _ = start("de")
    out = after_other_answer(state, Message("fallback"))[0]
    assert state_codec.load(TriageState, state_codec.dump(out)) == out
    old = {key: value for key, value in state_codec.dump(state).items() if key != "in_view"}
    assert state_codec.load(TriageState, old).in_view


def test_another_answer_on_an_earlier_questions_button_changes_that_answer() -> None:
    """The trial: "No" to questions 1 and 2, then "Yes" on question 1's old message was
    dropped. A different answer there counts: back to that question, then onwards."""
    state, _ = start("en")
    first, second, third = QUESTIONS[0], QUESTIONS[1], QUESTIONS[2]
    state, _, _ = step(state, Answer.NO, first.id, helplines=GERMANY)
    state, _, _ = step(state, Answer.NO, second.id, helplines=GERMANY)
    same, (again,), outcome = step(state, Answer.NO, first.id, helplines=GERMANY)
    assert same == state and outcome is None and shows_question(state, again)
    assert state.current_question == third
    changed, _, outcome = step(state, Answer.NO, third.id, helplines=GERMANY)
    assert outcome is None and changed.current_question == QUESTIONS[3]
    # "Not sure" on the first (an emergency question) instead of "No": the check ends with it.
    ended, _, outcome = step(changed, Answer.UNSURE, first.id, helplines=GERMANY)
    assert outcome is not None and outcome.level is Urgency.EMERGENCY
    assert ended.answers == ((first.id, Answer.UNSURE),)
    # A non-emergency earlier question answered differently: asked again from the next one.
    fever = next(q for q in QUESTIONS if q.id == "q_fever")
    state, _ = start("de")
    while state.current_question is not None and state.current_question.id != "q_fever":
        state, _, _ = step(state, Answer.NO, state.current_question.id, helplines=GERMANY)
    state, _, _ = step(state, Answer.NO, fever.id, helplines=GERMANY)
    state, _, _ = step(state, Answer.NO, state.current_question.id, helplines=GERMANY)
    back_to, (asked,), outcome = step(state, Answer.YES, fever.id, helplines=GERMANY)
    assert outcome is None and asked.key == "triage-changed"
    assert back_to.answers[-1] == (fever.id, Answer.YES)
    assert back_to.current_question == QUESTIONS[QUESTIONS.index(fever) + 1]


def test_an_alert_given_during_the_check_still_stands_in_its_all_clear() -> None:
    state, _ = start("en")
    noted = with_alert(with_alert(state, Urgency.URGENT), Urgency.SOON)  # the more urgent stays
    assert noted.alerted == "urgent" and with_alert(state, Urgency.NONE) == state
    while noted.current_question is not None:
        noted, messages, outcome = step(noted, Answer.NO, helplines=GERMANY)
    assert outcome is not None and outcome.clear
    assert messages[0].key == "triage-clear" and messages[0].args["earlier"] == "urgent"
    plain = answer_all([Answer.NO] * len(QUESTIONS), "en")[1]
    assert plain[0].args["earlier"] == "none"
