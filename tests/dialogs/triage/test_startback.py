"""Keele STarT Back: the published scoring, the questionnaire flow and its persistence."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.common import state_codec
from dialogs.triage.buttons import StartBackAnswer
from dialogs.triage.startback import (
    AGREE,
    DISAGREE,
    Risk,
    StartBackResult,
    StartBackState,
    load_tool,
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
