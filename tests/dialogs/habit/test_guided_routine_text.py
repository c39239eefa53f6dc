"""Issue 12 §3 in the guided routine: "it hurts" pauses it, typed "weiter"/"stopp", hints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dialogs.habit import guided_routine
from dialogs.habit.guided_routine import PAUSED

NOW = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "hurts"),
    [("aua das zieht ins Bein", True), ("it hurts", True), ("tut weh", True),
     ("Autsch!", True), ("ouch", True), ("das tut nicht weh", False),
     ("it doesn't hurt", False), ("weiter", False), ("läuft gut", False)],
)  # fmt: skip
def test_hurts(text: str, hurts: bool) -> None:
    assert guided_routine.hurts(text) is hurts


@pytest.mark.parametrize(
    ("text", "event"),
    [("weiter", "next"), ("Next", "next"), ("stopp", "stop"), ("Stop!", "stop"), ("hmm", None)],
)
def test_typed_events(text: str, event: str | None) -> None:
    assert guided_routine.text_event(text) == event


def test_a_paused_routine_waits_and_carries_on_with_the_same_step() -> None:
    running = guided_routine.start("office", NOW, "de").state
    assert running is not None
    paused = guided_routine.pause(running, NOW + timedelta(seconds=10))
    assert paused.state is not None and paused.state.status == PAUSED
    (message,) = paused.messages
    assert message.key == "habit-session-paused"
    assert "menu:check" in [button.data for row in message.buttons for button in row]
    assert guided_routine.step_due_at(paused.state) is None  # no ticks while paused
    later = NOW + timedelta(minutes=5)
    assert guided_routine.handle(paused.state, "tick", later, "de").state == paused.state
    resumed = guided_routine.handle(paused.state, "next", later, "de")
    assert resumed.state is not None and resumed.state.status == "running"
    assert resumed.state.step == running.step and resumed.state.step_started == later
    assert resumed.messages[0].key == "habit-session-step"
    stopped = guided_routine.handle(paused.state, "stop", later, "de")
    assert stopped.state is not None and stopped.state.status == "stopped"


def test_hints() -> None:
    running = guided_routine.start("gentle", NOW, "en").state
    assert running is not None
    hint, step = guided_routine.hint(running, "en")
    assert hint.key == "habit-session-hint" and step.key == "habit-session-step"
    paused = guided_routine.pause(running, NOW).state
    assert paused is not None
    (again,) = guided_routine.hint(paused, "en")
    assert again.key == "habit-session-paused-hint" and again.buttons
