"""Dialog states as JSON: every shape already stored in users' databases still loads.

The literals below are what the bot wrote before `dialogs.common.state_codec` existed (each was
produced by the old hand-written `to_dict` or handler code, and read back by the old
`from_dict` / handler parsers). They must load into the equal state value, and dumping that value
must give the same dict back, so old and new processes can share a database.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from dialogs.common import state_codec
from dialogs.habit.guided_routine import ROUTINES, GuidedRoutineState, GuidedState
from dialogs.habit.plan_dialog import PlanState
from dialogs.myths.quiz import QuizState
from dialogs.triage.alerts import AskState, CrisisState
from dialogs.triage.red_flag_check import Answer, Outcome, TriageState
from dialogs.triage.red_flags import Experiencer, Urgency
from dialogs.triage.startback import Risk, StartBackResult, StartBackState

# --- as stored today ------------------------------------------------------------------------
# dialog "triage"
TRIAGE_NEW = {"language": "de", "answers": [], "outcome": None, "in_view": True, "alerted": None}
TRIAGE_HALFWAY = {
    "language": "en",
    "answers": [["q_saddle", "no"], ["q_bladder_bowel", "unsure"]],
    "outcome": None,
    "in_view": True,
    "alerted": None,
}
TRIAGE_EMERGENCY = {
    "language": "de",
    "answers": [["q_bladder_bowel", "no"], ["q_saddle", "yes"]],
    "outcome": {
        "level": "emergency",
        "flags": ["saddle_numbness", "sexual_function"],
        "answers": [["q_bladder_bowel", "no"], ["q_saddle", "yes"]],
    },
    "in_view": True,
    "alerted": None,
}
TRIAGE_CLEAR = {
    "language": "en",
    "answers": [["q_saddle", "no"]],
    "outcome": {"level": "none", "flags": [], "answers": [["q_saddle", "no"]]},
    "in_view": True,
    "alerted": None,
}
# triage_results.answers of kind "redflags"
OUTCOME_UNSURE = {
    "level": "urgent",
    "flags": ["leg_weakness"],
    "answers": [["q_saddle", "no"], ["q_leg_weakness", "unsure"]],
}
# dialog "startback"
STARTBACK_NEW = {"language": "de", "answers": [], "result": None}
STARTBACK_HALFWAY = {"language": "en", "answers": [1, 0, 1], "result": None}
STARTBACK_DONE = {
    "language": "de",
    "answers": [1, 1, 0, 1, 1, 1, 0, 1, 3],
    "result": {"answers": [1, 1, 0, 1, 1, 1, 0, 1, 3], "total": 7, "distress": 4, "risk": "high"},
}
# triage_results.answers of kind "startback"
STARTBACK_LOW = {"answers": [0, 0, 0, 0, 0, 0, 0, 0, 1], "total": 0, "distress": 0, "risk": "low"}
# dialog "quiz"
QUIZ_NEW = {"order": ["rest", "imaging", "posture"], "position": 0, "correct": 0, "finished": False}
QUIZ_HALFWAY = {
    "order": ["rest", "imaging", "posture"],
    "position": 2,
    "correct": 1,
    "finished": False,
}
QUIZ_STOPPED = {"order": ["serious", "hurt-harm"], "position": 1, "correct": 0, "finished": True}
# dialog "plan"
PLAN_DAYS = {"step": "days", "days": [0, 2, 4], "at": None, "tz": "Europe/Berlin"}
PLAN_TZ = {"step": "tz", "days": [1, 3, 6], "at": "18:30", "tz": "Europe/Vienna"}
# dialog "session" (the guided routine, stored under its old name)
ROUTINE_RUNNING = {
    "guided": {
        "routine": "gentle",
        "step": 2,
        "step_started": "2025-03-30T01:30:05.123456+00:00",
        "status": "running",
    }
}
ROUTINE_OFFSET = {
    "guided": {
        "routine": "office",
        "step": 0,
        "step_started": "2025-10-26T18:30:00+02:00",
        "status": "stopped",
    }
}
# dialog "crisis" (an interruption: `Turn.interrupt` adds the paused dialog)
CRISIS_SELF = {
    "since": "2026-01-05T17:00:00+00:00",
    "who": "self",
    "question": False,
    "safety": False,
    "_paused": None,
}
CRISIS_QUESTION = {
    "since": "2026-01-05T17:00:00+00:00",
    "who": "self",
    "question": True,
    "safety": False,
    "_paused": None,
}
CRISIS_OTHER = {
    "since": "2026-01-05T17:00:00.250000+00:00",
    "who": "other",
    "question": False,
    "safety": False,
    "_paused": {"dialog": "plan", "state": PLAN_DAYS},
}
# dialog "ask" (an interruption too)
ASK_SELF = {"flag": "saddle_numbness", "who": "self", "_paused": None}
ASK_OTHER = {
    "flag": "leg_weakness",
    "who": "other",
    "_paused": {"dialog": "triage", "state": TRIAGE_HALFWAY},
}

# --- what they mean -------------------------------------------------------------------------
EMERGENCY_ANSWERS = (("q_bladder_bowel", Answer.NO), ("q_saddle", Answer.YES))
STARTBACK_HIGH = StartBackResult((1, 1, 0, 1, 1, 1, 0, 1, 3), 7, 4, Risk.HIGH)
STORED: list[tuple[dict[str, Any], Any]] = [
    (TRIAGE_NEW, TriageState("de")),
    (
        TRIAGE_HALFWAY,
        TriageState("en", (("q_saddle", Answer.NO), ("q_bladder_bowel", Answer.UNSURE))),
    ),
    (
        TRIAGE_EMERGENCY,
        TriageState(
            "de",
            EMERGENCY_ANSWERS,
            Outcome(Urgency.EMERGENCY, ("saddle_numbness", "sexual_function"), EMERGENCY_ANSWERS),
        ),
    ),
    (
        TRIAGE_CLEAR,
        TriageState(
            "en",
            (("q_saddle", Answer.NO),),
            Outcome(Urgency.CLEAR, (), (("q_saddle", Answer.NO),)),
        ),
    ),
    (
        OUTCOME_UNSURE,
        Outcome(
            Urgency.URGENT,
            ("leg_weakness",),
            (("q_saddle", Answer.NO), ("q_leg_weakness", Answer.UNSURE)),
        ),
    ),
    (STARTBACK_NEW, StartBackState("de")),
    (STARTBACK_HALFWAY, StartBackState("en", (1, 0, 1))),
    (STARTBACK_DONE, StartBackState("de", STARTBACK_HIGH.answers, STARTBACK_HIGH)),
    (STARTBACK_LOW, StartBackResult((0, 0, 0, 0, 0, 0, 0, 0, 1), 0, 0, Risk.LOW)),
    (QUIZ_NEW, QuizState(("rest", "imaging", "posture"))),
    (QUIZ_HALFWAY, QuizState(("rest", "imaging", "posture"), 2, 1)),
    (QUIZ_STOPPED, QuizState(("serious", "hurt-harm"), 1, 0, finished=True)),
    (PLAN_DAYS, PlanState("days")),
    (PLAN_TZ, PlanState("tz", (1, 3, 6), "18:30", "Europe/Vienna")),
    (
        ROUTINE_RUNNING,
        GuidedRoutineState(GuidedState("gentle", 2, datetime(2025, 3, 30, 1, 30, 5, 123456, UTC))),
    ),
    (
        ROUTINE_OFFSET,
        GuidedRoutineState(
            GuidedState(
                "office",
                0,
                datetime(2025, 10, 26, 18, 30, tzinfo=timezone(timedelta(hours=2))),
                "stopped",
            )
        ),
    ),
    (CRISIS_SELF, CrisisState(datetime(2026, 1, 5, 17, 0, tzinfo=UTC))),
    (CRISIS_QUESTION, CrisisState(datetime(2026, 1, 5, 17, 0, tzinfo=UTC), question=True)),
    (
        CRISIS_OTHER,
        CrisisState(datetime(2026, 1, 5, 17, 0, 0, 250000, tzinfo=UTC), Experiencer.OTHER),
    ),
    (ASK_SELF, AskState("saddle_numbness", Experiencer.SELF)),
    (ASK_OTHER, AskState("leg_weakness", Experiencer.OTHER)),
]
# What an interruption adds is no part of its state.
NOT_STATE = {"_paused"}


def stored_id(case: tuple[dict[str, Any], Any]) -> str:
    return type(case[1]).__name__


@pytest.mark.parametrize("stored, value", STORED, ids=[stored_id(case) for case in STORED])
def test_every_stored_shape_loads_into_the_equal_value(stored: dict[str, Any], value: Any) -> None:
    assert state_codec.load(type(value), json.loads(json.dumps(stored))) == value


@pytest.mark.parametrize("stored, value", STORED, ids=[stored_id(case) for case in STORED])
def test_dumping_gives_the_stored_dict_back(stored: dict[str, Any], value: Any) -> None:
    dumped = state_codec.dump(value)
    assert dumped == {key: item for key, item in stored.items() if key not in NOT_STATE}
    assert list(dumped) == [key for key in stored if key not in NOT_STATE]  # same key order
    assert json.loads(json.dumps(dumped)) == dumped


def test_times_load_aware_and_keep_their_offset() -> None:
    routine = state_codec.load(GuidedRoutineState, ROUTINE_OFFSET)
    assert routine.guided.step_started.utcoffset() == timedelta(hours=2)
    crisis = state_codec.load(CrisisState, CRISIS_SELF)
    assert crisis.since.utcoffset() == timedelta(0)
    assert crisis.since == datetime(2026, 1, 5, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "kind, stored, value",
    [
        # fields the old loaders defaulted when missing
        (TriageState, {"language": "de"}, TriageState("de")),
        (StartBackState, {"language": "en", "answers": ["1", 0]}, StartBackState("en", (1, 0))),
        (PlanState, {"step": "time"}, PlanState("time")),
        (
            CrisisState,
            {"since": "2026-01-05T17:00:00+00:00"},
            CrisisState(datetime(2026, 1, 5, 17, tzinfo=UTC)),
        ),
        (
            GuidedRoutineState,
            {"guided": {"routine": "active", "step": 1, "step_started": "2026-01-05T17:00:00Z"}},
            GuidedRoutineState(GuidedState("active", 1, datetime(2026, 1, 5, 17, tzinfo=UTC))),
        ),
    ],
)
def test_what_the_old_loaders_tolerated_still_loads(
    kind: type, stored: dict[str, Any], value: Any
) -> None:
    assert state_codec.load(kind, stored) == value


@pytest.mark.parametrize(
    "kind, stored",
    [
        (TriageState, {}),
        (TriageState, {"language": "de", "answers": [["q_saddle", "maybe"]]}),
        (TriageState, {"language": "de", "answers": [["q_saddle"]]}),
        (Outcome, {"level": "dire", "flags": [], "answers": []}),
        (StartBackState, {"language": "de", "answers": ["x"]}),
        (StartBackResult, {"answers": [], "total": 0, "distress": 0, "risk": "extreme"}),
        (QuizState, {}),
        (QuizState, {"order": ["rest"], "position": 0, "correct": 2, "finished": False}),
        (QuizState, {"order": ["rest"], "position": 2, "correct": 0, "finished": True}),
        (PlanState, {"days": [0]}),
        (GuidedRoutineState, {"guided": {"routine": "gentle", "step": 0, "step_started": "soon"}}),
        (
            GuidedRoutineState,
            {"routine": "gentle", "step": 0, "step_started": "2026-01-05T17:00:00Z"},
        ),
        (CrisisState, {"since": "2026-01-05T17:00:00", "who": "self"}),  # naive: no zone
        (CrisisState, {"since": "2026-01-05T17:00:00+00:00", "who": "nobody"}),
        (AskState, {"flag": "saddle_numbness"}),
        (TriageState, None),
        (QuizState, ["rest"]),
        (PlanState, "plan"),
    ],
)
def test_a_damaged_row_raises_a_validation_error(kind: type, stored: Any) -> None:
    """A ValidationError is a ValueError: `Turn.open_dialog` and the guided-routine tick take
    it for "no such dialog", so a corrupt row never crashes a chat."""
    with pytest.raises(ValidationError) as raised:
        state_codec.load(kind, stored)
    assert isinstance(raised.value, ValueError)


# --- any value survives the trip ------------------------------------------------------------
ids = st.text(st.characters(codec="utf-8"), max_size=12)
answers = st.lists(st.tuples(ids, st.sampled_from(Answer)), max_size=4).map(tuple)
times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=2)), timezone(-timedelta(hours=5, minutes=30))]
    ),
)
outcomes = st.builds(
    Outcome, st.sampled_from(Urgency), st.lists(ids, max_size=3).map(tuple), answers
)
startback_results = st.builds(
    StartBackResult,
    st.lists(st.integers(0, 4), max_size=9).map(tuple),
    st.integers(0, 9),
    st.integers(0, 5),
    st.sampled_from(Risk),
)


@st.composite
def quizzes(draw: st.DrawFn) -> QuizState:
    order = tuple(draw(st.lists(ids, max_size=6)))
    position = draw(st.integers(0, len(order)))
    return QuizState(order, position, draw(st.integers(0, position)), draw(st.booleans()))


states = st.one_of(
    st.builds(TriageState, ids, answers, st.none() | outcomes),
    outcomes,
    st.builds(
        StartBackState,
        ids,
        st.lists(st.integers(0, 4), max_size=9).map(tuple),
        st.none() | startback_results,
    ),
    startback_results,
    quizzes(),
    st.builds(
        PlanState,
        st.sampled_from(["days", "time", "tz"]),
        st.lists(st.integers(0, 6), unique=True, max_size=7).map(tuple),
        st.none() | st.sampled_from(["07:15", "18:30"]),
        ids,
    ),
    st.builds(
        GuidedRoutineState,
        st.builds(
            GuidedState,
            st.sampled_from(ROUTINES),
            st.integers(0, 20),
            times,
            st.sampled_from(["running", "finished", "stopped"]),
        ),
    ),
    st.builds(CrisisState, times, st.sampled_from(Experiencer)),
    st.builds(AskState, ids, st.sampled_from(Experiencer)),
)
LEGACY_KEYS = {type(value): list(stored) for stored, value in STORED}


@settings(max_examples=300, deadline=None)
@given(states)
def test_every_state_round_trips_through_json(state: Any) -> None:
    stored = json.loads(json.dumps(state_codec.dump(state)))
    assert state_codec.load(type(state), stored) == state
    assert list(stored) == [key for key in LEGACY_KEYS[type(state)] if key not in NOT_STATE]
    if isinstance(state, CrisisState):
        assert stored["since"] == state.since.isoformat()  # as the old writer stored it
    if isinstance(state, GuidedRoutineState):
        assert stored["guided"]["step_started"] == state.guided.step_started.isoformat()
