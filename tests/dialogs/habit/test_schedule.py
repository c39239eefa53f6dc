"""Reminder time computation: timezones, DST, quiet hours, staleness, snooze, catch-up, summary.

Expected instants are worked out by hand from the offsets (CET +1, CEST +2, EST −5, EDT −4,
AEST +10, AEDT +11), not computed with the code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.common.callback_data import parse_any
from dialogs.habit.buttons import REMINDER_BUTTONS, ReminderAt, ReminderButton
from dialogs.habit.schedule import (
    STALE_AFTER,
    Action,
    Kind,
    Plan,
    catch_up_at,
    decide,
    in_quiet_hours,
    later_options,
    next_local_time,
    next_occurrences,
    reminder_message,
    snooze_until,
    snoozed_message,
    week_bounds,
    week_key,
    weekly_summary_at,
)

NO_QUIET: dict[str, Any] = {"quiet_start": time(0, 0), "quiet_end": time(0, 0)}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_berlin_default_plan_mon_wed_fri() -> None:
    plan = Plan()  # Mon/Wed/Fri 18:30 Europe/Berlin
    got = next_occurrences(plan, utc(2026, 3, 23, 12, 0), count=4)
    assert got == [
        utc(2026, 3, 23, 17, 30),  # Mon, CET
        utc(2026, 3, 25, 17, 30),
        utc(2026, 3, 27, 17, 30),
        utc(2026, 3, 30, 16, 30),  # Mon after the switch: CEST
    ]


def test_occurrence_is_strictly_after() -> None:
    plan = Plan()
    assert next_occurrences(plan, utc(2026, 3, 23, 17, 30))[0] == utc(2026, 3, 25, 17, 30)


def test_vienna_matches_berlin_offsets() -> None:
    plan = Plan(tz="Europe/Vienna", weekdays=frozenset({1}), at=time(12, 0))
    assert next_occurrences(plan, utc(2026, 10, 20, 0, 0), count=2) == [
        utc(2026, 10, 20, 10, 0),  # Tue CEST
        utc(2026, 10, 27, 11, 0),  # Tue CET
    ]


def test_new_york_across_its_own_dst_switch() -> None:
    plan = Plan(tz="America/New_York", weekdays=frozenset({0}), at=time(18, 30))
    assert next_occurrences(plan, utc(2026, 3, 1, 0, 0), count=2) == [
        utc(2026, 3, 2, 23, 30),  # EST
        utc(2026, 3, 9, 22, 30),  # EDT (switch on 8 March 2026)
    ]


def test_sydney_southern_hemisphere_and_date_line() -> None:
    plan = Plan(tz="Australia/Sydney", weekdays=frozenset({0}), at=time(18, 30))
    assert next_occurrences(plan, utc(2026, 3, 28, 0, 0), count=2) == [
        utc(2026, 3, 30, 7, 30),  # AEDT +11
        utc(2026, 4, 6, 8, 30),  # AEST +10 (switch on 5 April 2026)
    ]
    morning = Plan(tz="Australia/Sydney", weekdays=frozenset({0}), at=time(8, 30))
    # Monday 08:30 in Sydney is still Sunday in UTC.
    assert next_occurrences(morning, utc(2026, 4, 10, 0, 0)) == [utc(2026, 4, 12, 22, 30)]


def test_spring_forward_gap_moves_forward() -> None:
    plan = Plan(weekdays=frozenset(range(7)), at=time(2, 30), **NO_QUIET)
    got = next_occurrences(plan, utc(2026, 3, 28, 12, 0), count=2)
    # 29 March 2026: 02:30 does not exist in Berlin → 03:30 CEST = 01:30 UTC.
    assert got == [utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30)]
    assert got[0].astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "03:30"


def test_fall_back_ambiguous_time_fires_once() -> None:
    plan = Plan(weekdays=frozenset(range(7)), at=time(2, 30), **NO_QUIET)
    got = next_occurrences(plan, utc(2026, 10, 24, 12, 0), count=3)
    # 25 October 2026: 02:30 happens twice; only the first (CEST, 00:30 UTC) is used.
    assert got == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30), utc(2026, 10, 27, 1, 30)]


def test_quiet_hours_wrap_midnight() -> None:
    start, end = time(21, 0), time(8, 0)
    assert in_quiet_hours(time(21, 0), start, end)
    assert in_quiet_hours(time(3, 0), start, end)
    assert not in_quiet_hours(time(8, 0), start, end)
    assert not in_quiet_hours(time(20, 59), start, end)
    assert not in_quiet_hours(time(3, 0), time(0, 0), time(0, 0))
    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))


def test_planned_time_in_morning_quiet_moves_to_quiet_end() -> None:
    plan = Plan(weekdays=frozenset({0}), at=time(7, 0))
    assert next_occurrences(plan, utc(2026, 3, 22, 0, 0)) == [utc(2026, 3, 23, 7, 0)]  # 08:00


def test_planned_time_in_evening_quiet_is_never_sent() -> None:
    assert next_occurrences(Plan(at=time(22, 0)), utc(2026, 3, 22, 0, 0), count=3) == []


def test_paused_or_empty_plan_has_no_occurrences() -> None:
    assert next_occurrences(Plan(paused=True), utc(2026, 3, 22)) == []
    assert next_occurrences(Plan(weekdays=frozenset()), utc(2026, 3, 22)) == []


def test_week_bounds_and_key_in_local_time() -> None:
    start, end = week_bounds(utc(2026, 3, 29, 12, 0), ZoneInfo("Europe/Berlin"))
    assert start == utc(2026, 3, 22, 23, 0)  # Mon 00:00 CET
    assert end == utc(2026, 3, 29, 22, 0)  # next Mon 00:00 CEST
    assert end - start == timedelta(hours=167)
    # Sunday 23:30 UTC is already Monday in Berlin: a new ISO week.
    assert week_key(utc(2026, 3, 29, 22, 30), ZoneInfo("Europe/Berlin")) == "2026-W14"
    assert week_key(utc(2026, 3, 29, 22, 30), ZoneInfo("America/New_York")) == "2026-W13"
    assert week_key(utc(2026, 4, 12, 22, 30), ZoneInfo("Australia/Sydney")) == "2026-W16"


DUE = utc(2026, 3, 23, 17, 30)  # Monday 18:30 Berlin


def test_due_reminder_is_sent() -> None:
    decision = decide(Kind.REMINDER, DUE, DUE, Plan(), week_count=0, logged_today=False)
    assert decision.action is Action.SEND


def test_goal_met_means_no_reminder() -> None:
    decision = decide(Kind.REMINDER, DUE, DUE, Plan(), week_count=3, logged_today=False)
    assert (decision.action, decision.reason) == (Action.SKIP, "goal-met")


def test_logged_today_means_no_reminder() -> None:
    decision = decide(Kind.REMINDER, DUE, DUE, Plan(), week_count=1, logged_today=True)
    assert (decision.action, decision.reason) == (Action.SKIP, "logged-today")


def test_skipped_today_silences_a_snooze() -> None:
    later = DUE + timedelta(hours=1)
    decision = decide(Kind.SNOOZE, later, later, Plan(), 1, False, skipped_today=True)
    assert (decision.action, decision.reason) == (Action.SKIP, "skipped-today")


def test_paused_plan_skips_reminders() -> None:
    decision = decide(Kind.REMINDER, DUE, DUE, Plan(paused=True), 0, False)
    assert (decision.action, decision.reason) == (Action.SKIP, "paused")


def test_early_job_is_deferred_to_its_time() -> None:
    decision = decide(Kind.REMINDER, DUE, DUE - timedelta(minutes=5), Plan(), 0, False)
    assert (decision.action, decision.at) == (Action.DEFER, DUE)


def test_late_reminder_within_two_hours_is_sent_then_stale() -> None:
    plan = Plan(at=time(18, 0))
    due = utc(2026, 3, 23, 17, 0)  # 18:00 local
    assert decide(Kind.REMINDER, due, due + timedelta(minutes=119), plan, 0, False).action is (
        Action.SEND
    )
    late = decide(Kind.REMINDER, due, due + timedelta(minutes=121), plan, 0, False)
    assert (late.action, late.reason) == (Action.DROP, "stale")


def test_reminder_is_stale_once_the_local_day_is_over() -> None:
    plan = Plan(at=time(23, 0), **NO_QUIET)
    due = utc(2026, 3, 23, 22, 0)  # Mon 23:00 CET
    decision = decide(Kind.REMINDER, due, due + timedelta(minutes=90), plan, 0, False)
    assert (decision.action, decision.reason) == (Action.DROP, "stale")


def test_late_reminder_landing_in_quiet_hours_is_dropped() -> None:
    plan = Plan(at=time(20, 30))
    due = utc(2026, 3, 23, 19, 30)  # 20:30 CET
    decision = decide(Kind.REMINDER, due, due + timedelta(minutes=40), plan, 0, False)
    assert (decision.action, decision.reason) == (Action.DROP, "quiet-hours")


def test_summary_in_quiet_hours_waits_until_morning() -> None:
    due = utc(2026, 3, 29, 17, 0)  # Sunday 19:00 CEST
    decision = decide(Kind.SUMMARY, due, due + timedelta(hours=3, minutes=30), Plan(), 3, True)
    assert (decision.action, decision.at) == (Action.DEFER, utc(2026, 3, 30, 6, 0))
    assert decide(Kind.SUMMARY, due, due, Plan(), 3, True).action is Action.SEND
    assert decide(Kind.SUMMARY, due, due + timedelta(hours=25), Plan(), 0, False).action is (
        Action.DROP
    )


def test_snooze_one_hour_and_never_into_quiet_hours() -> None:
    plan = Plan()
    assert snooze_until(plan, DUE) == DUE + timedelta(hours=1)
    evening = utc(2026, 3, 23, 19, 30)  # 20:30 local → 21:30 would be quiet
    until = snooze_until(plan, evening)
    assert until == utc(2026, 3, 24, 7, 0)  # Tue 08:00 CET
    assert snoozed_message(plan, evening, until).args == {"time": "08:00", "day": "tomorrow"}
    assert snoozed_message(plan, DUE, DUE + timedelta(hours=1)).args["day"] == "today"


def test_snooze_to_a_chosen_local_time() -> None:
    plan = Plan()
    assert next_local_time(plan, DUE, time(19, 45)) == utc(2026, 3, 23, 18, 45)
    assert next_local_time(plan, DUE, time(9, 0)) == utc(2026, 3, 24, 8, 0)  # tomorrow
    assert next_local_time(plan, DUE, time(22, 0)) is None  # quiet hours


def test_later_options_are_30_min_1_h_2_h_and_a_typed_time() -> None:
    message = later_options("42")
    data = [[button.data for button in row] for row in message.buttons]
    assert data == [["rem:in:42:30", "rem:in:42:60", "rem:in:42:120"], ["rem:time:42"]]


def test_catch_up_is_the_day_after_the_last_planned_day() -> None:
    plan = Plan()  # Mon/Wed/Fri 18:30
    monday = utc(2026, 3, 23, 9, 0)
    assert catch_up_at(plan, monday) == utc(2026, 3, 28, 17, 30)  # Sat 18:30 CET


def test_no_catch_up_when_sunday_is_planned() -> None:
    assert catch_up_at(Plan(weekdays=frozenset({2, 6})), utc(2026, 3, 23)) is None


def test_weekly_summary_sunday_evening_local() -> None:
    plan = Plan()
    assert weekly_summary_at(plan, utc(2026, 3, 25, 12, 0)) == utc(2026, 3, 29, 17, 0)  # CEST
    assert weekly_summary_at(plan, utc(2026, 3, 29, 17, 0)) == utc(2026, 4, 5, 17, 0)
    sydney = Plan(tz="Australia/Sydney")
    assert weekly_summary_at(sydney, utc(2026, 4, 1, 0, 0)) == utc(2026, 4, 5, 9, 0)  # AEST


def test_reminder_buttons_and_callbacks_roundtrip() -> None:
    message = reminder_message(Kind.REMINDER, 1234567890, week_count=1, goal=3)
    data = [button.data for row in message.buttons for button in row]
    assert data == ["rem:done:1234567890", "rem:later:1234567890", "rem:skip:1234567890"]
    assert message.args["missing"] == 2
    assert reminder_message(Kind.CATCH_UP, 1, 1, 3).key == "habit-catch-up"
    for item in data:
        tap = ReminderButton.parse(item)
        assert tap is not None and tap.reminder == 1234567890
    at = ReminderAt.parse("rem:at:7:1930")
    assert at is not None and at.at == time(19, 30)
    for bad in ("rem:at:7:2560", "rem:done:", "rem:nope:1", "pain:3", "rem", ""):
        assert parse_any(bad, *REMINDER_BUTTONS) is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        next_occurrences(Plan(), datetime(2026, 3, 23, 12, 0))


ZONES = ["Europe/Berlin", "Europe/Vienna", "America/New_York", "Australia/Sydney"]
instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=200)
@given(
    after=instants,
    tz=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
)
def test_daily_plan_fires_once_per_local_day_at_the_wall_time(
    after: datetime, tz: str, hour: int, minute: int
) -> None:
    plan = Plan(weekdays=frozenset(range(7)), at=time(hour, minute), tz=tz, **NO_QUIET)
    got = next_occurrences(plan, after, count=10)
    days = [moment.astimezone(ZoneInfo(tz)).date() for moment in got]
    assert len(got) == 10 and got == sorted(got) and got[0] > after
    assert all((b - a).days == 1 for a, b in pairwise(days))
    for moment in got:
        wall = moment.astimezone(ZoneInfo(tz))
        shift = (wall.hour * 60 + wall.minute) - (hour * 60 + minute)
        assert shift in (0, 60)  # exact, or pushed forward across a DST gap


@settings(max_examples=200)
@given(now=instants, tz=st.sampled_from(ZONES))
def test_snooze_never_lands_in_quiet_hours(now: datetime, tz: str) -> None:
    plan = Plan(tz=tz)
    until = snooze_until(plan, now)
    wall = until.astimezone(ZoneInfo(tz)).time().replace(tzinfo=None)
    assert until >= now + timedelta(hours=1) - timedelta(seconds=1)
    assert not in_quiet_hours(wall, plan.quiet_start, plan.quiet_end)


# --- outages and notices (issue 11) --------------------------------------------------------


def test_a_reminder_decided_after_a_long_outage_is_dropped_not_sent_late() -> None:
    """Due 18:31, decided at 21:45 when the API is back: 3 h late and in quiet hours."""
    due = utc(2026, 3, 23, 17, 31)  # Monday 18:31 Berlin
    decision = decide(Kind.REMINDER, due, utc(2026, 3, 23, 20, 45), Plan(), 0, False)
    assert decision.action is Action.DROP


def test_a_notice_waits_for_quiet_hours_to_end_and_is_never_stale() -> None:
    due = utc(2026, 3, 23, 21, 0)  # Monday 22:00 CET: quiet
    decision = decide(Kind.NOTICE, due, due, Plan(paused=True), 3, True, True)
    assert (decision.action, decision.at) == (Action.DEFER, utc(2026, 3, 24, 7, 0))
    days_later = utc(2026, 3, 27, 10, 0)
    late = decide(Kind.NOTICE, due, days_later, Plan(paused=True), 3, True)
    assert late.action is Action.SEND
    early = decide(Kind.NOTICE, days_later, days_later - timedelta(minutes=1), Plan(), 0, False)
    assert (early.action, early.at) == (Action.DEFER, days_later)


@settings(max_examples=300)
@given(
    due=instants,
    delay=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=30)),
    tz=st.sampled_from(ZONES),
    kind=st.sampled_from([Kind.REMINDER, Kind.SNOOZE, Kind.CATCH_UP]),
)
def test_a_reminder_is_never_sent_stale_or_in_quiet_hours(
    due: datetime, delay: timedelta, tz: str, kind: Kind
) -> None:
    """Whenever the decision is made (an outage of any length), SEND means: at most
    STALE_AFTER late, on the same local day, outside quiet hours."""
    plan = Plan(tz=tz)
    now = due + delay
    if decide(kind, due, now, plan, 0, False).action is Action.SEND:
        zone = ZoneInfo(tz)
        assert now - due <= STALE_AFTER
        assert now.astimezone(zone).date() == due.astimezone(zone).date()
        wall = now.astimezone(zone).time().replace(tzinfo=None)
        assert not in_quiet_hours(wall, plan.quiet_start, plan.quiet_end)
