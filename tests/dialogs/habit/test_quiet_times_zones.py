"""Issue 12 §2 in the pure parts: time formats, quiet hours as a setting (and the offer to move
them), the holiday pause in the plan, city names for /timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from dialogs.habit.buttons import QuietMove
from dialogs.habit.parsing import ParseError, parse_time, parse_timezone, timezone_choices
from dialogs.habit.plan_dialog import (
    PlanState,
    answer_quiet_offer,
    parse_quiet,
    pause,
    plan_input,
    plan_quiet_answer,
    quiet_command,
    remind_command,
    resume,
    split_time_and_days,
    timezone_command,
)
from dialogs.habit.schedule import Plan, move_quiet_hours, next_occurrences, pause_is_over

NOW = datetime(2026, 3, 23, 17, 42, tzinfo=UTC)  # Monday 18:42 in Berlin


# --- times --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 Uhr", time(18, 0)),
        ("18h", time(18, 0)),
        ("6pm", time(18, 0)),
        ("6 pm", time(18, 0)),
        ("um 19 uhr", time(19, 0)),
        ("7.30pm", time(19, 30)),
        ("18 Uhr 30", time(18, 30)),
        # the clock face: the reading outside the default quiet hours 21:00–08:00
        ("halb sieben", time(18, 30)),
        ("viertel nach sechs", time(18, 15)),
        ("viertel vor sieben", time(18, 45)),
        ("dreiviertel sieben", time(18, 45)),
        ("halb 7", time(18, 30)),
        ("quarter to seven", time(18, 45)),
        ("half past six", time(18, 30)),
        ("halb elf", time(10, 30)),  # 22:30 is quiet
        ("halb sieben morgens", time(6, 30)),
        ("um 7 Uhr abends", time(19, 0)),
        ("7", time(7, 0)),  # digits are the 24-hour clock
    ],
)
def test_time_formats(text: str, expected: time) -> None:
    assert parse_time(text) == expected


def test_halb_sieben_asks_when_both_readings_are_possible() -> None:
    asked = parse_time("halb sieben", (time(22, 0), time(6, 0)))
    assert isinstance(asked, ParseError) and asked.key == "habit-error-time-ambiguous"
    assert parse_time("halb sieben", (time(0, 0), time(0, 0))) == asked  # no quiet hours


@pytest.mark.parametrize(
    ("args", "split"),
    [
        ("18 Uhr", ("18 Uhr", "")),
        ("18 Uhr mo-fr", ("18 Uhr", "mo-fr")),
        ("6:45 mo-fr", ("6:45", "mo-fr")),
        ("halb sieben mo,mi", ("halb sieben", "mo,mi")),
        ("6 pm mon wed", ("6 pm", "mon wed")),
        ("abc mo", ("abc", "mo")),
    ],
)
def test_remind_splits_time_and_days(args: str, split: tuple[str, str]) -> None:
    assert split_time_and_days(args) == split


def test_remind_18_uhr_works() -> None:
    plan, message = remind_command(Plan(), "18 Uhr", "de")
    assert message.key == "habit-plan-saved" and plan is not None and plan.at == time(18, 0)


# --- quiet hours --------------------------------------------------------------------------


def test_moving_quiet_hours_changes_the_nearer_side() -> None:
    default = (time(21, 0), time(8, 0))
    assert move_quiet_hours(time(6, 45), *default) == (time(21, 0), time(6, 45))
    assert move_quiet_hours(time(22, 30), *default) == (time(23, 30), time(8, 0))
    assert move_quiet_hours(time(18, 0), *default) == default  # not inside
    assert move_quiet_hours(time(7, 30), time(0, 30), time(8, 0)) == (time(0, 30), time(7, 30))


def test_remind_645_mo_fr_offers_to_move_the_quiet_hours() -> None:
    original = Plan()
    plan, offer = remind_command(original, "6:45 mo-fr", "de")
    assert plan is original and offer.key == "habit-quiet-offer"
    assert offer.args["new_start"] == "21:00" and offer.args["new_end"] == "06:45"
    yes, no = (QuietMove.parse(button.data) for button in offer.buttons[0])
    assert yes == QuietMove(True, "0645", "01234") and no == QuietMove(False, "0645", "01234")
    updated, messages = answer_quiet_offer(original, yes, "de")
    assert updated is not None
    assert (updated.at, updated.quiet_start, updated.quiet_end) == (
        time(6, 45),
        time(21, 0),
        time(6, 45),
    )
    assert updated.weekdays == frozenset(range(5))
    assert [m.key for m in messages] == ["habit-quiet-moved", "habit-plan-saved"]
    first = next_occurrences(updated, datetime(2026, 3, 23, 3, 0, tzinfo=UTC))[0]
    assert first == datetime(2026, 3, 23, 5, 45, tzinfo=UTC)  # 06:45 CET, not 08:00
    unchanged, said = answer_quiet_offer(original, no, "de")
    assert unchanged is None and said[0].key == "habit-quiet-kept"


def test_the_plan_dialogs_time_question_offers_the_same() -> None:
    state = PlanState("time", (0, 1, 2, 3, 4))
    offered = plan_input(state, "6:45", None, "de")
    assert offered.state == state and offered.messages[0].key == "habit-quiet-offer"
    tap = QuietMove.parse(offered.messages[0].buttons[0][0].data)
    assert tap == QuietMove(True, "0645")
    moved = plan_quiet_answer(state, tap, None)
    assert moved.plan is not None and moved.plan.quiet_end == time(6, 45)
    assert moved.plan.at == time(6, 45) and moved.plan.weekdays == frozenset(range(5))
    assert moved.state is not None and moved.state.step == "tz"
    refused = plan_quiet_answer(state, QuietMove(False, "0645"), None)
    assert refused.state == state and refused.plan is None
    assert [m.key for m in refused.messages] == ["habit-quiet-kept", "habit-plan-ask-time"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-06:30", (time(22, 0), time(6, 30))),
        ("22 bis 6:30", (time(22, 0), time(6, 30))),
        ("22 Uhr – 7 Uhr", (time(22, 0), time(7, 0))),
        ("halb elf bis halb sieben", (time(22, 30), time(6, 30))),
        ("10pm to 6am", (time(22, 0), time(6, 0))),
        ("aus", (time(0, 0), time(0, 0))),
    ],
)
def test_parse_quiet(text: str, expected: tuple[time, time]) -> None:
    assert parse_quiet(text) == expected


def test_quiet_command() -> None:
    plan = Plan()
    assert quiet_command(plan, "", "de")[1].key == "habit-quiet-show"
    updated, message = quiet_command(plan, "22:00-06:30", "de")
    assert message.key == "habit-quiet-saved" and updated is not None
    assert (updated.quiet_start, updated.quiet_end) == (time(22, 0), time(6, 30))
    same, refused = quiet_command(plan, "18:00-20:00", "de")  # the 18:30 reminder inside
    assert same is plan and refused.key == "habit-error-quiet-plan"
    assert quiet_command(plan, "quatsch", "de")[1].key == "habit-error-quiet-format"
    assert quiet_command(None, "22-6", "de")[1].key == "habit-quiet-no-plan"


# --- the holiday pause --------------------------------------------------------------------


def test_pause_with_an_end_date_and_plain_pause() -> None:
    today = date(2026, 3, 23)
    paused, message = pause(Plan(), "2 Wochen", today, "de")
    assert paused is not None and paused.paused and paused.paused_until == date(2026, 4, 5)
    assert message.key == "habit-paused-until"
    assert message.args == {"until": "So 05.04.", "resume": "Mo 06.04."}
    english, said = pause(Plan(), "until 15 May", today, "en")
    assert english is not None and english.paused_until == date(2026, 5, 15)
    assert said.args["until"] == "Fri 15 May"
    plain, message = pause(Plan(), "", today, "de")
    assert plain is not None and plain.paused and plain.paused_until is None
    assert message.key == "habit-paused"
    original = Plan()
    kept, error = pause(original, "bis gestern abend", today, "de")
    assert kept is original and error.key == "habit-error-pause"
    resumed, _ = resume(paused, "de")
    assert resumed is not None and not resumed.paused and resumed.paused_until is None


def test_a_pause_is_over_the_local_day_after_its_last() -> None:
    zone = Plan().zone
    last = date(2026, 3, 29)
    assert not pause_is_over(last, datetime(2026, 3, 29, 21, 59, tzinfo=UTC), zone)  # 23:59
    assert pause_is_over(last, datetime(2026, 3, 29, 22, 0, tzinfo=UTC), zone)  # 00:00 Mon
    assert not pause_is_over(None, NOW, zone)


# --- time zones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Chicago", "America/Chicago"),
        ("Wien", "Europe/Vienna"),
        ("Zürich", "Europe/Zurich"),
        ("New York", "America/New_York"),
        ("Los Angeles", "America/Los_Angeles"),
        ("Toronto", "America/Toronto"),
        ("Madrid", "Europe/Madrid"),
        ("Paris", "Europe/Paris"),
        ("Rome", "Europe/Rome"),
        ("Rom", "Europe/Rome"),
        ("München", "Europe/Berlin"),
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("new york city", "America/New_York"),
    ],
)
def test_city_names(text: str, zone: str) -> None:
    assert parse_timezone(text) == zone


@pytest.mark.parametrize("text", ["EST", "PST", "CET", "MEZ", "gmt"])
def test_misread_abbreviations_ask_which_city(text: str) -> None:
    result = parse_timezone(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-timezone-abbrev"
    assert timezone_choices(text)
    _, message = timezone_command(Plan(), text, "de", NOW)
    data = [button.data for row in message.buttons for button in row]
    assert data and all(item.startswith("plan:zone:") for item in data)


@pytest.mark.parametrize("text", ["Etc/GMT-3", "UTC+2"])
def test_fixed_offsets_are_refused(text: str) -> None:
    result = parse_timezone(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-timezone-offset"


def test_the_confirmation_shows_the_local_time_now() -> None:
    plan, message = timezone_command(Plan(), "Wien", "de", NOW)
    assert plan is not None and plan.tz == "Europe/Vienna"
    assert message.key == "habit-tz-saved-local" and message.args["now"] == "18:42"
    _, chicago = timezone_command(Plan(), "Chicago", "en", NOW)
    assert chicago.args["now"] == "12:42"  # CDT, UTC-5
