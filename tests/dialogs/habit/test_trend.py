"""Weeks at a glance for /progress and /report: grouping, the first week, activities, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.habit import trend
from dialogs.habit.checkin import Checkin
from dialogs.habit.progress import ExerciseLog, Progress
from dialogs.habit.trend import WeekSummary, long_date, short_date, weekly_trend, weeks_shown

TZ = "Europe/Berlin"
NOW = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)  # Wednesday of the week of Monday 23 March
THIS_MONDAY = date(2026, 3, 23)


def test_dates_follow_the_language() -> None:
    day = date(2026, 1, 19)
    assert short_date(day, "de") == "19.01." and long_date(day, "de") == "19.01.2026"
    assert short_date(day, "en") == "19/01" and long_date(day, "en") == "19/01/2026"
    assert short_date(date(2026, 3, 2), "de") == "02.03."


def test_the_weeks_start_at_the_first_one_instead_of_empty_weeks() -> None:
    assert weeks_shown(None, NOW, TZ, 12) == [THIS_MONDAY]
    two_weeks_ago = THIS_MONDAY - timedelta(weeks=2)
    assert weeks_shown(two_weeks_ago, NOW, TZ, 12) == [
        two_weeks_ago,
        two_weeks_ago + timedelta(weeks=1),
        THIS_MONDAY,
    ]
    long_ago = weeks_shown(date(2025, 1, 6), NOW, TZ, 12)
    assert len(long_ago) == 12 and long_ago[-1] == THIS_MONDAY
    assert weeks_shown(THIS_MONDAY + timedelta(weeks=1), NOW, TZ, 12) == [THIS_MONDAY]


@given(st.integers(0, 60), st.integers(1, 20))
def test_weeks_shown_are_consecutive_mondays_ending_this_week(back: int, limit: int) -> None:
    weeks = weeks_shown(THIS_MONDAY - timedelta(weeks=back), NOW, TZ, limit)
    assert weeks[-1] == THIS_MONDAY and len(weeks) == min(back + 1, limit)
    assert all(b - a == timedelta(weeks=1) for a, b in pairwise(weeks))
    assert all(monday.weekday() == 0 for monday in weeks)


def test_weekly_trend_groups_by_the_users_local_week() -> None:
    last_monday = THIS_MONDAY - timedelta(weeks=1)
    logs = [
        # Sunday 22 March 23:30 UTC is already Monday 23 March in Berlin: this week
        ExerciseLog(datetime(2026, 3, 22, 23, 30, tzinfo=UTC), 20, "text", "walk"),
        ExerciseLog(datetime(2026, 3, 17, 17, 0, tzinfo=UTC), 15, "text", "yoga"),
        ExerciseLog(datetime(2026, 3, 18, 17, 0, tzinfo=UTC), 10, "button"),
    ]
    ratings = [(datetime(2026, 3, 17, 17, 5, tzinfo=UTC), 6), (NOW, 3), (NOW, 4)]
    checkins = [Checkin(last_monday, 6, 5, 4)]
    weeks = weekly_trend(logs, ratings, checkins, NOW, TZ)
    assert weeks == [
        WeekSummary(last_monday, 2, 25, 6.0, checkins[0]),
        WeekSummary(THIS_MONDAY, 1, 20, 3.5, None),
    ]
    # in New York the Sunday log stays in the week before
    new_york = weekly_trend(logs, [], [], NOW, "America/New_York")
    assert [(week.sessions, week.minutes) for week in new_york] == [(3, 45), (0, 0)]


def test_a_check_in_alone_starts_the_weeks() -> None:
    weeks = weekly_trend([], [], [Checkin(date(2026, 3, 9), 3, 3, 3)], NOW, TZ)
    assert [week.monday for week in weeks] == [date(2026, 3, 9), date(2026, 3, 16), THIS_MONDAY]
    assert weeks[0].checkin is not None and weeks[1].checkin is None


def test_minutes_by_activity_most_first_and_the_rest_summed() -> None:
    at = NOW - timedelta(hours=1)
    logs = [
        ExerciseLog(at, 30, "text", "walk"),
        ExerciseLog(at, 20, "text", "yoga"),
        ExerciseLog(at, 15, "text", None),
        ExerciseLog(at, 10, "text", "swim"),
        ExerciseLog(at, 10, "text", "walk"),
        ExerciseLog(at - timedelta(weeks=3), 99, "text", "run"),  # before `since`
    ]
    assert trend.minutes_by_activity(logs, THIS_MONDAY, TZ) == [
        ("walk", 40),
        ("yoga", 20),
        ("none", 15),
        ("swim", 10),
    ]
    assert trend.minutes_by_activity(logs, THIS_MONDAY, TZ, top=2) == [
        ("walk", 40),
        ("yoga", 20),
        ("more", 25),
    ]
    messages = trend.activity_messages([("walk", 40)])
    assert messages[0].key == "habit-activity-minutes" and messages[0].args["minutes"] == 40


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_progress_caption_names_the_latest_peg(language: str) -> None:
    current = Progress(1, 3, 0, 20, 20)
    empty = trend.progress_caption(
        current, [WeekSummary(THIS_MONDAY, 0, 0, None, None)], "", language
    )
    assert empty.args["checkins"] == "none" and empty.args["activities"] == "none"
    assert empty.args["pain"] == "none"
    weeks = [
        WeekSummary(
            THIS_MONDAY - timedelta(weeks=1), 1, 20, None, Checkin(date(2026, 3, 16), 6, 6, 6)
        ),
        WeekSummary(THIS_MONDAY, 1, 20, 4.0, Checkin(THIS_MONDAY, 3, 3, 3)),
    ]
    caption = trend.progress_caption(current, weeks, "Yoga 20 Min.", language)
    assert caption.args["checkins"] == "more"
    assert (caption.args["peg_before"], caption.args["peg"]) == (6, 3)
    assert caption.args["peg_week"] == short_date(THIS_MONDAY, language)
    assert caption.args["since"] == short_date(THIS_MONDAY - timedelta(weeks=1), language)
    assert caption.args["pain"] == "one" and caption.args["pain_now"] == 4.0


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_progress_caption_compares_pain_after_sessions_first_and_latest(
    language: str,
) -> None:
    weeks = [
        WeekSummary(THIS_MONDAY - timedelta(weeks=3), 2, 20, 6.5, None),
        WeekSummary(THIS_MONDAY - timedelta(weeks=2), 1, 10, None, None),  # no rating: skipped
        WeekSummary(THIS_MONDAY - timedelta(weeks=1), 3, 30, 5.0, None),
        WeekSummary(THIS_MONDAY, 0, 0, None, None),
    ]
    caption = trend.progress_caption(Progress(0, 3, 0, 0, 60), weeks, "", language)
    assert caption.args["pain"] == "more"
    assert (caption.args["pain_first"], caption.args["pain_now"]) == (6.5, 5.0)
    assert caption.args["pain_first_week"] == short_date(weeks[0].monday, language)
    assert caption.args["pain_week"] == short_date(weeks[2].monday, language)
