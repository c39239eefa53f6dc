"""The guided 10-minute routine: a small state machine over the steps in `data/exercises.yaml`.

`/session` offers the routines (gentle / active / office, ~10 minutes each). Each step shows an
exercise with plain instructions, its duration and a "stop if" safety line. The bot moves on
when the step's time is up (it schedules a `tick` at `step_due_at`) or when the user taps
"next" (`gs:next`); `gs:stop` ends early. A finished routine reports an outcome so the bot can
log an exercise (source "guided", minutes = routine total). Why exercise: NICE NG59 and the NVL
Kreuzschmerz recommend staying active and exercise; Hayden et al., Cochrane 2021
(DOI 10.1002/14651858.CD009790.pub2) found exercise therapy helps chronic low back pain with no
single type clearly best — hence simple, varied routines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import yaml

from dialogs.common.buttons import MenuButton
from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message
from dialogs.common.state_codec import IsoDatetime
from dialogs.common.text import tokens
from dialogs.habit.buttons import GuidedAction, GuidedButton, GuidedStart

EXERCISES_PATH = data_path("exercises.yaml")
ROUTINES = ("gentle", "active", "office")
SOURCE = "guided"


@dataclass(frozen=True)
class Step:
    """One exercise of a routine: its id in data/exercises.yaml, its duration in seconds, and
    its name, instructions and "stop if" line per language."""

    exercise: str
    seconds: int
    name: dict[str, str]
    instructions: dict[str, str]
    stop_if: dict[str, str]


@dataclass(frozen=True)
class Routine:
    """A routine of data/exercises.yaml: its steps in order, about 10 minutes (600 s) in all,
    one of the goal's 10-minute exercises (see `schedule.WEEKLY_GOAL`: a product decision)."""

    id: str
    name: dict[str, str]
    description: dict[str, str]
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        """The steps' durations added up, in seconds."""
        return sum(step.seconds for step in self.steps)

    @property
    def minutes(self) -> int:
        """Minutes to log for the whole routine (rounded, at least 1)."""
        return max(1, round(self.total_seconds / 60))


@lru_cache(maxsize=1)
def _content() -> dict[str, Any]:
    with EXERCISES_PATH.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


@lru_cache(maxsize=8)
def routine(routine_id: str) -> Routine:
    """Build a routine from the YAML; KeyError for an unknown id."""
    content = _content()
    raw = content["routines"][routine_id]
    steps = []
    for entry in raw["steps"]:
        exercise = content["exercises"][entry["exercise"]]
        steps.append(
            Step(
                exercise=entry["exercise"],
                seconds=int(entry.get("seconds", exercise["seconds"])),
                name=exercise["name"],
                instructions=exercise["instructions"],
                stop_if=exercise["stop_if"],
            )
        )
    return Routine(routine_id, raw["name"], raw["description"], tuple(steps))


def _text(values: dict[str, str], lang: str) -> str:
    return values.get(lang) or values["en"]


def general_stop_if(lang: str) -> str:
    """The safety line of the routine menu in `lang` (English when the YAML lacks it)."""
    return _text(_content()["general_stop_if"], lang)


@dataclass(frozen=True)
class GuidedState:
    """Where a running routine stands (`step`: 0-based index; `step_started`: aware, the bot's
    UTC clock)."""

    routine: str
    step: int
    step_started: IsoDatetime
    status: str = "running"  # running | paused | finished | stopped


@dataclass(frozen=True)
class GuidedRoutineState:
    """What the guided routine's dialog (stored as "session") keeps, under "guided"."""

    guided: GuidedState


@dataclass(frozen=True)
class Outcome:
    """How a routine ended: finished → log it with `minutes` (whole minutes; 0 when stopped)
    and `source`."""

    finished: bool
    minutes: int
    source: str = SOURCE


@dataclass(frozen=True)
class GuidedResult:
    """A step's result: the next state (None: no routine was started), the messages in send
    order, and the outcome once the routine ended."""

    state: GuidedState | None
    messages: list[Message] = field(default_factory=list)
    outcome: Outcome | None = None


def routine_menu(lang: str) -> Message:
    """The `/session` question: which routine? Buttons `gs:start:<routine>`."""
    buttons = tuple(
        (
            Button(
                "habit-session-routine-button",
                GuidedStart(rid).pack(),
                {
                    "name": _text(routine(rid).name, lang),
                    "minutes": routine(rid).minutes,
                },
            ),
        )
        for rid in ROUTINES
    )
    return Message("habit-session-menu", {"stop_if": general_stop_if(lang)}, buttons)


def _step_message(state: GuidedState, lang: str) -> Message:
    current = routine(state.routine)
    step = current.steps[state.step]
    return Message(
        "habit-session-step",
        {
            "number": state.step + 1,
            "total": len(current.steps),
            "name": _text(step.name, lang),
            "instructions": _text(step.instructions, lang),
            "seconds": step.seconds,
            "stop_if": _text(step.stop_if, lang),
        },
        (
            (
                Button("habit-session-next", GuidedButton(GuidedAction.NEXT).pack()),
                Button("habit-session-stop", GuidedButton(GuidedAction.STOP).pack()),
            ),
        ),
    )


def step_due_at(state: GuidedState) -> datetime | None:
    """When the current step's time is up (aware UTC, for the bot's timer); None once the
    routine has ended. KeyError if the routine is no longer in the YAML."""
    if state.status != "running":
        return None
    return state.step_started + timedelta(seconds=routine(state.routine).steps[state.step].seconds)


def start(routine_id: str, now: datetime, lang: str) -> GuidedResult:
    """Begin a routine at `now` (aware, the bot's UTC clock): the intro and the first step. An
    unknown id re-offers the menu instead of raising."""
    if routine_id not in ROUTINES:
        return GuidedResult(None, [routine_menu(lang)])
    current = routine(routine_id)
    state = GuidedState(routine_id, 0, now)
    intro = Message(
        "habit-session-intro",
        {
            "name": _text(current.name, lang),
            "description": _text(current.description, lang),
            "minutes": current.minutes,
            "steps": len(current.steps),
        },
    )
    return GuidedResult(state, [intro, _step_message(state, lang)])


def handle(state: GuidedState, event: str, now: datetime, lang: str) -> GuidedResult:
    """Apply "next" or "stop" (a `GuidedButton`'s action) or "tick" (timer) to a running routine.

    A tick before the step is due (a stale timer after "next") changes nothing; events after
    the routine has ended are ignored, so double taps are harmless.
    """
    if state.status == PAUSED and event == "next":  # carry on: the paused step from its start
        resumed = GuidedState(state.routine, state.step, now)
        return GuidedResult(resumed, [_step_message(resumed, lang)])
    if state.status not in ("running", PAUSED) or (state.status == PAUSED and event != "stop"):
        return GuidedResult(state)
    current = routine(state.routine)
    if event == "stop":
        stopped = GuidedState(state.routine, state.step, now, "stopped")
        return GuidedResult(
            stopped,
            [Message("habit-session-stopped", {"done": state.step, "total": len(current.steps)})],
            Outcome(finished=False, minutes=0),
        )
    if event == "tick":
        due = step_due_at(state)
        if due is None or now < due:
            return GuidedResult(state)
    elif event != "next":
        return GuidedResult(state)
    if state.step + 1 >= len(current.steps):
        finished = GuidedState(state.routine, state.step, now, "finished")
        return GuidedResult(
            finished,
            [Message("habit-session-finished", {"minutes": current.minutes})],
            Outcome(finished=True, minutes=current.minutes),
        )
    following = GuidedState(state.routine, state.step + 1, now)
    return GuidedResult(following, [_step_message(following, lang)])


# --- typed text during a routine (issue 12 §3) ----------------------------------------------

PAUSED = "paused"  # "it hurts": no ticks until "next" (carry on) or "stop"
_NEXT_PHRASES = {
    "weiter",
    "next",
    "naechste",
    "naechste uebung",
    "continue",
    "go on",
    "weiter bitte",
}
_STOP_PHRASES = {"stop", "stopp", "beenden", "ende", "abbrechen", "aufhoeren", "cancel", "quit"}
# Saying that it hurts (folded, whole words). Product decision: the session's own intro says to
# stop when it hurts, so these pause it; a negation ("tut nicht weh") does not.
_HURT_PHRASES = (
    "aua",
    "au",
    "autsch",
    "tut weh",
    "tuts weh",
    "weh tut",
    "schmerz",
    "schmerzen",
    "schmerzt",
    "zieht ins bein",
    "zieht in das bein",
    "zieht ins knie",
    "zieht in den fuss",
    "strahlt aus",
    "strahlt ins bein",
    "es zieht",
    "stechen",
    "sticht",
    "it hurts",
    "hurts",
    "that hurts",
    "ouch",
    "ow",
    "painful",
    "pain",
    "shooting",
    "down my leg",
    "into my leg",
)
_NEGATIONS = {"nicht", "kein", "keine", "keinen", "not", "no", "doesnt", "dont", "isnt", "never"}


def hurts(text: str) -> bool:
    """The user says that it hurts ("aua das zieht ins Bein", "it hurts", "tut weh"); False
    with a negation ("tut nicht weh", "it doesn't hurt")."""
    words = tokens(text)
    if any(word in _NEGATIONS for word in words):
        return False
    padded = f" {' '.join(words)} "
    return any(f" {phrase} " in padded for phrase in _HURT_PHRASES)


def text_event(text: str) -> str | None:
    """A typed "weiter" / "next" → "next", "stopp" / "stop" → "stop"; None for anything else."""
    folded = " ".join(tokens(text))
    if folded in _NEXT_PHRASES:
        return "next"
    return "stop" if folded in _STOP_PHRASES else None


def _paused_buttons() -> tuple[tuple[Button, ...], ...]:
    return (
        (Button("habit-session-paused-check", MenuButton("check").pack()),),
        (
            Button("habit-session-resume", GuidedButton(GuidedAction.NEXT).pack()),
            Button("habit-session-stop", GuidedButton(GuidedAction.STOP).pack()),
        ),
    )


def pause(state: GuidedState, now: datetime) -> GuidedResult:
    """ "It hurts": the routine pauses (no more steps by the timer), the user is thanked and
    offered the red-flag check (`menu:check`), carrying on or stopping. An ended routine
    returns None as state and says nothing."""
    if state.status not in ("running", PAUSED):
        return GuidedResult(None)
    paused = GuidedState(state.routine, state.step, now, PAUSED)
    return GuidedResult(paused, [Message("habit-session-paused", {}, _paused_buttons())])


def hint(state: GuidedState, lang: str) -> list[Message]:
    """A typed text the routine does not understand: the hint and the current step (or, when
    paused, what can be done now)."""
    if state.status == PAUSED:
        return [Message("habit-session-paused-hint", {}, _paused_buttons())]
    return [Message("habit-session-hint"), _step_message(state, lang)]
