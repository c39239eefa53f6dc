"""The plan dialog (days → time → timezone) and the quick commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

from dialogs.common import state_codec
from dialogs.habit.plan_dialog import (
    PlanState,
    pause,
    plan_args,
    plan_input,
    remind_command,
    resume,
    show_plan,
    start_plan,
    timezone_command,
)
from dialogs.habit.schedule import Plan

NOW = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)  # Monday 18:00 in Berlin


def roundtrip(state: PlanState | None) -> PlanState:
    assert state is not None
    return state_codec.load(PlanState, json.loads(json.dumps(state_codec.dump(state))))


def test_full_dialog_with_buttons_defaults_mon_wed_fri() -> None:
    result = start_plan(None, "de")
    assert result.messages[0].key == "habit-plan-ask-days"
    assert result.messages[0].args["days"] == "Mo, Mi, Fr"
    result = plan_input(roundtrip(result.state), "plan:days:ok", None, "de")
    assert result.messages[0].key == "habit-plan-ask-time"
    result = plan_input(roundtrip(result.state), "plan:time:1830", None, "de")
    assert result.messages[0].key == "habit-plan-ask-tz"
    result = plan_input(roundtrip(result.state), "plan:tz:keep", None, "de")
    assert result.state is None
    assert result.plan == Plan(weekdays=frozenset({0, 2, 4}), at=time(18, 30))
    assert result.messages[0].key == "habit-plan-saved"


def test_toggle_days_and_type_time_and_zone() -> None:
    state = start_plan(None, "en").state
    assert state is not None
    for data in ("plan:day:0", "plan:day:1", "plan:day:3"):  # Mon off, Tue on, Thu on
        state = plan_input(state, data, None, "en").state
        assert state is not None
    assert state.days == (1, 2, 3, 4)
    buttons = start_plan(Plan(weekdays=frozenset({1})), "en").messages[0].buttons
    states = [b.args["on"] for row in buttons[:2] for b in row]
    assert states == ["no", "yes", "no", "no", "no", "no", "no"]
    state = plan_input(state, "plan:days:ok", None, "en").state
    assert state is not None
    state = plan_input(state, "18.45", None, "en").state
    assert state is not None
    result = plan_input(state, "America/New_York", None, "en")
    assert result.plan is not None
    assert (result.plan.tz, result.plan.at) == ("America/New_York", time(18, 45))


def test_typed_days_skip_the_toggles() -> None:
    state = start_plan(None, "de").state
    assert state is not None
    result = plan_input(state, "di,do,sa", None, "de")
    assert result.state is not None and result.state.step == "time"
    assert result.state.days == (1, 3, 5)


def test_errors_repeat_the_question_and_keep_the_state() -> None:
    state = start_plan(None, "de").state
    assert state is not None
    bad = plan_input(state, "quatsch", None, "de")
    assert [m.key for m in bad.messages] == ["habit-error-days", "habit-plan-ask-days"]
    assert bad.state == state
    none_left = state
    for day in (0, 2, 4):
        none_left = plan_input(none_left, f"plan:day:{day}", None, "de").state or none_left
    empty = plan_input(none_left, "plan:days:ok", None, "de")
    assert empty.messages[0].key == "habit-error-no-days"
    timed = plan_input(state, "plan:days:ok", None, "de").state
    assert timed is not None
    for text, key in (("25:00", "habit-error-time"), ("22:00", "habit-quiet-offer")):
        result = plan_input(timed, text, None, "de")
        assert result.messages[0].key == key and result.state == timed
    zoned = plan_input(timed, "18:30", None, "de").state
    assert zoned is not None
    result = plan_input(zoned, "Atlantis/Nowhere", None, "de")
    assert result.messages[0].key == "habit-error-timezone" and result.plan is None


def test_cancel_keeps_everything() -> None:
    state = start_plan(None, "de").state
    assert state is not None
    result = plan_input(state, "plan:cancel", None, "de")
    assert result.state is None and result.plan is None
    assert result.messages[0].key == "habit-plan-cancelled"


def test_replanning_keeps_quiet_hours_and_unpauses() -> None:
    current = Plan(paused=True, quiet_start=time(22, 0), quiet_end=time(7, 0))
    state = start_plan(current, "de").state
    assert state is not None
    state = plan_input(state, "plan:days:ok", current, "de").state
    assert state is not None
    state = plan_input(state, "07:30", current, "de").state  # allowed: quiet ends at 07:00
    assert state is not None
    result = plan_input(state, "plan:tz:Europe/Vienna", current, "de")
    assert result.plan is not None
    assert result.plan.quiet_start == time(22, 0) and not result.plan.paused
    assert result.plan.tz == "Europe/Vienna"


def test_remind_quick_form() -> None:
    plan, message = remind_command(None, "18:30 mo,mi,fr", "de")
    assert plan == Plan(weekdays=frozenset({0, 2, 4}), at=time(18, 30))
    assert message.args["days"] == "Mo, Mi, Fr"
    plan, _ = remind_command(plan, "7:45pm", "en")
    assert plan is not None and plan.at == time(19, 45) and plan.weekdays == frozenset({0, 2, 4})
    plan, _ = remind_command(plan, "12:00 täglich", "de")
    assert plan is not None and plan.weekdays == frozenset(range(7))


def test_remind_errors_leave_the_plan_unchanged() -> None:
    original = Plan()
    for args, key in (
        ("25:00", "habit-error-time"),
        ("abc mo", "habit-error-time"),
        ("18:30 xyz", "habit-error-days"),
        ("23:00", "habit-quiet-offer"),  # an offer to move the quiet hours (issue 12 §2)
        ("", "habit-remind-usage"),
    ):
        plan, message = remind_command(original, args, "de")
        assert plan is original and message.key == key


def test_timezone_command_and_buttons() -> None:
    plan, message = timezone_command(None, "", "de", NOW)
    assert plan is None and message.key == "habit-tz-ask"
    data = [b.data for row in message.buttons for b in row]
    assert "plan:zone:Europe/Vienna" in data
    plan, message = timezone_command(Plan(), "europe/vienna", "de", NOW)
    assert plan is not None and plan.tz == "Europe/Vienna"
    assert message.key == "habit-tz-saved-local"
    unchanged, message = timezone_command(plan, "Nowhere/City", "de", NOW)
    assert unchanged is plan and message.key == "habit-error-timezone"
    sydney, _ = timezone_command(Plan(), "Australia/Sydney", "en", NOW)  # a `plan:zone:` button
    assert sydney is not None and sydney.tz == "Australia/Sydney"
    _, with_plan = timezone_command(Plan(), "Europe/Vienna", "en", NOW)
    _, without_plan = timezone_command(None, "Europe/Vienna", "en", NOW, has_plan=False)
    assert (with_plan.args["plan"], without_plan.args["plan"]) == ("yes", "no")


def test_pause_resume_and_show() -> None:
    paused, _ = pause(Plan())
    assert paused is not None and paused.paused
    shown = show_plan(paused, "de")
    assert shown.args["paused"] == "yes"
    assert [b.data for row in shown.buttons for b in row] == ["plan:edit", "plan:resume"]
    resumed, _ = resume(paused, "de")
    assert resumed is not None and not resumed.paused
    plan, message = pause(None)
    assert plan is None and message.key == "habit-plan-none"
    assert message.buttons  # "Plan erstellen": never a dead end


def test_questions_and_long_sentences_are_not_plan_input() -> None:
    from dialogs.habit.plan_dialog import looks_like_plan_input

    assert looks_like_plan_input("mo, mi, fr")
    assert looks_like_plan_input("18:30")
    assert looks_like_plan_input("Europe/Vienna")
    assert not looks_like_plan_input("Soll ich mich schonen?")
    assert not looks_like_plan_input("ich habe heute leider gar keine Zeit gehabt mich zu bewegen")


def test_a_plan_with_fewer_days_than_the_goal_says_so() -> None:
    """The trial's plan of two days for a goal of three was saved without a word about it."""
    two = plan_args(Plan(weekdays=frozenset({0, 2})), "de")
    assert two["fewer_days"] == "yes" and two["day_count"] == 2 and two["goal"] == 3
    assert plan_args(Plan(), "de")["fewer_days"] == "no"  # Mo, Mi, Fr: three days


def test_an_earlier_steps_button_asks_the_open_question_again() -> None:
    """The trial: at the zone question, a tap on an old message's time button answered "Die
    Zeitzone „plan:time:1230“ kenne ich nicht" – its callback data read as typed text."""
    state = start_plan(None, "de").state
    assert state is not None
    state = plan_input(state, "plan:days:ok", None, "de").state
    assert state is not None
    state = plan_input(state, "19 uhr", None, "de").state
    assert state is not None and state.step == "tz"
    again = plan_input(state, "plan:time:1230", None, "de")
    assert again.state == state and again.plan is None
    assert all("plan:time" not in str(m.args) for m in again.messages)
    assert [m.key for m in again.messages] == [plan_input(state, "?", None, "de").messages[-1].key]
