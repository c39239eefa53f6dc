"""The guided routine state machine and the routines."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from dialogs.common import state_codec
from dialogs.habit.buttons import GuidedButton
from dialogs.habit.guided_routine import (
    ROUTINES,
    GuidedState,
    handle,
    routine,
    routine_menu,
    start,
    step_due_at,
)

T0 = datetime(2026, 4, 15, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_every_routine_is_about_ten_minutes(routine_id: str) -> None:
    current = routine(routine_id)
    assert 540 <= current.total_seconds <= 660
    assert current.minutes == 10
    assert len(current.steps) >= 5


def test_menu_offers_each_routine() -> None:
    menu = routine_menu("de")
    assert [b.data for row in menu.buttons for b in row] == [f"gs:start:{r}" for r in ROUTINES]
    assert menu.args["stop_if"]


def test_step_shows_instructions_duration_and_stop_line() -> None:
    result = start("gentle", T0, "de")
    assert [m.key for m in result.messages] == ["habit-session-intro", "habit-session-step"]
    step = result.messages[1]
    assert step.args["number"] == 1 and step.args["total"] == len(routine("gentle").steps)
    assert step.args["instructions"] and step.args["stop_if"] and step.args["seconds"] > 0
    assert [b.data for row in step.buttons for b in row] == ["gs:next", "gs:stop"]
    english = start("gentle", T0, "en").messages[1]
    assert english.args["name"] != step.args["name"]


def test_timer_advances_only_when_the_step_is_due() -> None:
    state = start("office", T0, "de").state
    assert state is not None
    due = step_due_at(state)
    assert due == T0 + timedelta(seconds=routine("office").steps[0].seconds)
    early = handle(state, "tick", due - timedelta(seconds=1), "de")
    assert early.state == state and early.messages == []
    moved = handle(state, "tick", due, "de")
    assert moved.state is not None and moved.state.step == 1


def test_run_to_the_end_by_timer_reports_a_finished_routine() -> None:
    result = start("active", T0, "en")
    now = T0
    outcome = None
    for _ in range(len(routine("active").steps)):
        assert result.state is not None
        due = step_due_at(result.state)
        assert due is not None
        now = due
        stored = json.loads(json.dumps(state_codec.dump(result.state)))
        state = state_codec.load(GuidedState, stored)
        result = handle(state, "tick", now, "en")
        outcome = result.outcome or outcome
    assert outcome is not None and outcome.finished
    assert (outcome.minutes, outcome.source) == (routine("active").minutes, "guided")
    assert result.messages[-1].key == "habit-session-finished"
    assert result.state is not None and step_due_at(result.state) is None
    assert now - T0 == timedelta(seconds=routine("active").total_seconds)


def test_next_skips_ahead_and_stale_tick_is_ignored() -> None:
    state = start("gentle", T0, "de").state
    assert state is not None
    old_due = step_due_at(state)
    tap = GuidedButton.unpack("gs:next")
    after_next = handle(state, tap.action, T0 + timedelta(seconds=5), "de").state
    assert after_next is not None and after_next.step == 1
    assert old_due is not None
    stale = handle(after_next, "tick", old_due, "de")  # the first step's timer fires late
    assert stale.state == after_next


def test_stop_ends_without_logging_and_later_taps_are_harmless() -> None:
    state = start("gentle", T0, "de").state
    assert state is not None
    state = handle(state, "next", T0, "de").state
    assert state is not None
    stopped = handle(state, GuidedButton.unpack("gs:stop").action, T0 + timedelta(seconds=30), "de")
    assert stopped.outcome is not None and not stopped.outcome.finished
    assert stopped.messages[0].key == "habit-session-stopped"
    assert stopped.messages[0].args == {"done": 1, "total": len(routine("gentle").steps)}
    assert stopped.state is not None
    again = handle(stopped.state, "next", T0 + timedelta(seconds=40), "de")
    assert again.messages == [] and again.outcome is None


def test_unknown_routine_reoffers_the_menu() -> None:
    result = start("marathon", T0, "de")
    assert result.state is None and result.messages[0].key == "habit-session-menu"
