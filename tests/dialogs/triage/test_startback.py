"""Keele STarT Back: the published scoring, the questionnaire flow and its persistence."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import Translator
from dialogs.common import state_codec
from dialogs.triage.buttons import StartBackAnswer
from dialogs.triage.red_flag_check import RECHECK_AFTER
from dialogs.triage.startback import (
    AGREE,
    DISAGREE,
    RESCREEN_AFTER,
    Risk,
    StartBackResult,
    StartBackState,
    load_tool,
    rescreen_due,
    rescreen_message,
    score,
    start,
    step,
)

TOOL = load_tool()


def through_json(state: StartBackState) -> StartBackState:
    return state_codec.load(StartBackState, json.loads(json.dumps(state_codec.dump(state))))


@pytest.mark.parametrize(
    ("answers", "total", "distress", "risk"),
    [
        ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, Risk.LOW),
        ((1, 1, 1, 0, 0, 0, 0, 0, 2), 3, 0, Risk.LOW),  # "moderately" scores no point
        ((1, 1, 1, 1, 0, 0, 0, 0, 0), 4, 0, Risk.MEDIUM),
        ((0, 0, 0, 0, 1, 1, 1, 0, 2), 3, 3, Risk.LOW),  # total <= 3 is low whatever the distress
        ((1, 0, 0, 0, 1, 1, 1, 0, 0), 4, 3, Risk.MEDIUM),
        ((1, 0, 0, 0, 1, 1, 1, 0, 3), 5, 4, Risk.HIGH),  # "very much" scores
        ((0, 0, 0, 0, 1, 1, 1, 1, 4), 5, 5, Risk.HIGH),
    ],
)
def test_published_scoring(answers: tuple[int, ...], total: int, distress: int, risk: Risk) -> None:
    result = score(answers)
    assert (result.total, result.distress, result.risk) == (total, distress, risk)


def test_the_tool_has_nine_items_in_both_languages_and_its_notice() -> None:
    assert [item.number for item in TOOL.items] == list(range(1, 10))
    assert all(set(item.text) == {"de", "en"} for item in TOOL.items)
    assert TOOL.items[-1].options == 5
    assert all("© Keele University" in notice for notice in TOOL.copyright.values())
    assert "inoffizielle Übersetzung" in TOOL.copyright["de"]


def test_item_five_says_not_really_safe_in_both_languages() -> None:
    """The tool's item 5 is "It's not really safe …" (fear avoidance), not "really not safe"."""
    item = TOOL.items[4]
    assert item.number == 5
    assert "not really safe" in item.text["en"] and "really not" not in item.text["en"]
    assert "nicht wirklich sicher" in item.text["de"]
    assert "wirklich nicht" not in item.text["de"]


def test_the_notice_keeps_keeles_funding_statement_and_points_to_start_g() -> None:
    for notice in TOOL.copyright.values():
        assert "Arthritis Research UK" in notice and "Versus Arthritis" in notice
        assert not notice.lstrip().startswith("⚠")
    assert "STarT-G" in TOOL.copyright["de"]


def test_the_intro_carries_the_notice_and_item_one() -> None:
    _, message = start("de")
    assert message.key == "triage-sb-intro"
    assert message.args["notice"] == TOOL.copyright["de"]
    assert [b.data for row in message.buttons for b in row] == ["sb:1:1", "sb:1:0"]


def test_item_nine_has_five_options() -> None:
    state, _ = start("en")
    for number in range(1, 9):
        state, messages, _ = step(state, number, DISAGREE)
    data = [b.data for row in messages[0].buttons for b in row]
    assert data == [f"sb:9:{value}" for value in range(5)]


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ((0,) * 8 + (0,), "triage-sb-result-low"),
        ((1, 1, 1, 1, 0, 0, 0, 0, 0), "triage-sb-result-medium"),
        ((1,) * 8 + (4,), "triage-sb-result-high"),
    ],
)
def test_results_recommend_by_risk(answers: tuple[int, ...], key: str) -> None:
    state, _ = start("de")
    for number, value in enumerate(answers, start=1):
        state, messages, result = step(through_json(state), number, value)
    assert result is not None and messages[0].key == key
    assert messages[0].args["copyright"] == TOOL.copyright["de"]


def test_a_stale_or_invalid_tap_re_asks() -> None:
    state, _ = start("de")
    state, _, _ = step(state, 1, AGREE)
    for number, value in ((1, AGREE), (2, 7), (9, 0)):
        same, messages, result = step(state, number, value)
        assert same == state and result is None and messages[0].args["number"] == 2


def test_parse_callback() -> None:
    assert StartBackAnswer.parse("sb:9:4") == StartBackAnswer(9, 4)
    assert StartBackAnswer.parse("sb:start") is None
    assert StartBackAnswer.parse("tri:y") is None


@settings(max_examples=200, deadline=None)
@given(
    taps=st.lists(st.tuples(st.integers(0, 10), st.integers(-1, 5)), max_size=40),
    language=st.sampled_from(["de", "en"]),
)
def test_the_questionnaire_never_gets_stuck(taps: list[tuple[int, int]], language: str) -> None:
    state, _ = start(language)
    result = None
    for number, value in taps:
        state, messages, result = step(state, number, value)
        state = through_json(state)
        assert result is not None or messages
    # whatever happened, answering the open items finishes it
    while result is None:
        item = state.current_item
        assert item is not None
        state, _, result = step(through_json(state), item.number, 0)
    assert result.risk in set(Risk)
    stored = json.loads(json.dumps(state_codec.dump(result)))
    assert state_codec.load(StartBackResult, stored) == result
    assert result == score(result.answers)


NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("result_age", "offer_age", "due"),
    [
        (None, None, False),  # no scored result: nothing to re-screen
        (timedelta(days=27), None, False),  # not 4 weeks old yet
        (timedelta(days=28), None, True),
        (timedelta(days=60), None, True),
        (timedelta(days=60), timedelta(days=3), False),  # already offered for this result
        (timedelta(days=60), timedelta(days=60), True),  # an offer as old as the result: not its
        (timedelta(days=30), timedelta(days=40), True),  # offered for an older result
        (timedelta(days=20), timedelta(days=10), False),  # offered, answered again, too recent
        (None, timedelta(days=10), False),
    ],
)
def test_a_rescreen_is_due_four_weeks_after_a_result_and_offered_once(
    result_age: timedelta | None, offer_age: timedelta | None, due: bool
) -> None:
    result_at = None if result_age is None else NOW - result_age
    offered_at = None if offer_age is None else NOW - offer_age
    assert rescreen_due(result_at, offered_at, NOW) is due


def test_the_rescreen_interval_matches_the_check_and_needs_aware_times() -> None:
    assert RESCREEN_AFTER == RECHECK_AFTER == timedelta(weeks=4)
    naive = datetime(2026, 11, 27, 12)
    for arguments in ((naive, None, NOW), (NOW, naive, NOW), (None, None, naive)):
        with pytest.raises(ValueError):
            rescreen_due(*arguments)


@pytest.mark.parametrize(
    ("language", "words", "label"),
    [
        ("de", ("STarT-Back", "4 Wochen", "9 Fragen"), "STarT Back"),
        ("en", ("STarT Back", "4 weeks", "9 questions"), "STarT Back"),
    ],
)
def test_the_rescreen_offer_in_both_languages(
    language: str, words: tuple[str, ...], label: str
) -> None:
    message = rescreen_message()
    ((button,),) = message.buttons
    assert button.data == "sb:start"  # the questionnaire's own start button
    translate = Translator()
    text = translate(message.key, language, **message.args)
    assert all(word in text for word in words), text
    assert not text.startswith("⚠")  # only emergency and urgent alerts start with ⚠️
    assert label in translate(button.key, language)
