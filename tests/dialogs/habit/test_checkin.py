"""The weekly check-in (PEG-3): the score, the items, one tap each, and what is said."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dialogs.habit import checkin
from dialogs.habit.buttons import CheckinAnswer, CheckinSwitch, week_number
from dialogs.habit.checkin import Checkin, Switch, peg_score
from dialogs.habit.progress import HIGH_PAIN, weekly_summary
from dialogs.habit.progress import Progress as WeekProgress

MONDAY = date(2026, 3, 23)
TZ = "Europe/Berlin"
SCORE = st.integers(0, 10)


def test_the_peg_score_is_the_mean_of_the_three_answers() -> None:
    assert peg_score(6, 4, 3) == pytest.approx(13 / 3)
    assert peg_score(0, 0, 0) == 0 and peg_score(10, 10, 10) == 10
    assert Checkin(MONDAY, 7, 5, 3).peg == 5
    for bad in ((11, 0, 0), (0, -1, 0), (0, 0, 12)):
        with pytest.raises(ValueError):
            peg_score(*bad)
        with pytest.raises(ValueError):
            Checkin(MONDAY, *bad)


@given(SCORE, SCORE, SCORE)
def test_the_peg_score_stays_on_the_scale(pain: int, enjoyment: int, activity: int) -> None:
    score = peg_score(pain, enjoyment, activity)
    assert 0 <= score <= 10
    assert min(pain, enjoyment, activity) <= score <= max(pain, enjoyment, activity)


def test_the_items_have_both_languages_and_name_their_source() -> None:
    items = checkin.load_items()
    assert [item.id for item in items] == ["pain", "enjoyment", "activity"]
    assert [item.letter for item in items] == ["P", "E", "G"]
    for item in items:
        for text in (item.question, item.low, item.high):
            assert set(text) == {"de", "en"} and all(value.strip() for value in text.values())
    raw = yaml.safe_load(checkin.DATA_FILE.read_text(encoding="utf-8"))
    (source,) = raw["sources"]
    assert source["doi"] == "10.1007/s11606-009-0981-1" and source["year"] == 2009
    assert "733" in checkin.wording_note("de") and "eigene" in checkin.wording_note("de")
    assert "own" in checkin.wording_note("en")  # our wording, not the verbatim instrument


def test_one_tap_each_the_buttons_carry_the_answers_so_far() -> None:
    first = checkin.question(MONDAY, (), "de")
    assert first.args["number"] == 1 and "Durchschnitt" in first.args["question"]
    rows = [[button.data for button in row] for row in first.buttons]
    assert rows == [
        [f"peg:20260323:{value}" for value in range(6)],
        [f"peg:20260323:{value}" for value in range(6, 11)],
    ]
    tap = CheckinAnswer.parse("peg:20260323:6")
    assert tap is not None
    second = checkin.answer(tap, "en")
    assert isinstance(second, checkin.Message) and second.args["number"] == 2
    assert second.buttons[0][0].data == "peg:20260323:6:0"
    third = checkin.answer(CheckinAnswer(20260323, 6, 4), "en")
    assert isinstance(third, checkin.Message) and third.args["number"] == 3
    assert third.buttons[1][-1].data == "peg:20260323:6:4:10"
    done = checkin.answer(CheckinAnswer(20260323, 6, 4, 3), "en")
    assert done == Checkin(MONDAY, 6, 4, 3)
    with pytest.raises(ValueError):
        checkin.question(MONDAY, (1, 2, 3), "de")


def test_buttons_name_only_mondays_and_values_on_the_scale() -> None:
    assert week_number(MONDAY) == 20260323
    assert CheckinAnswer(20260323, 0).monday == MONDAY
    for bad in ("peg:20260324:1", "peg:20260323:11", "peg:20260323:1:2:3:4", "peg:2026032:1"):
        assert CheckinAnswer.parse(bad) is None
    with pytest.raises(ValueError):
        CheckinAnswer(20260323, 1, None, 3)  # no gap between the answers
    assert CheckinSwitch.parse("ci:1") == CheckinSwitch(True)


def test_a_button_answers_for_its_week_for_two_weeks() -> None:
    now = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)  # Wednesday
    assert checkin.week_is_open(MONDAY, now, TZ)
    assert checkin.week_is_open(MONDAY - timedelta(weeks=2), now, TZ)
    assert not checkin.week_is_open(MONDAY - timedelta(weeks=3), now, TZ)
    assert not checkin.week_is_open(MONDAY + timedelta(weeks=1), now, TZ)  # the future
    # Sunday 23:30 UTC is already Monday in Berlin, still Sunday in New York
    late_sunday = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    next_monday = MONDAY + timedelta(weeks=1)
    assert checkin.week_is_open(next_monday, late_sunday, TZ)
    assert not checkin.week_is_open(next_monday, late_sunday, "America/New_York")


def test_the_thanks_compare_with_last_week_or_the_latest_before() -> None:
    this_week = Checkin(MONDAY, 4, 3, 3)
    first = checkin.thanks(this_week, None)
    assert first.key == "habit-checkin-thanks" and first.args["previous"] == "none"
    assert first.args["peg"] == pytest.approx(10 / 3) and first.buttons == ()
    last_week = checkin.thanks(this_week, Checkin(MONDAY - timedelta(weeks=1), 6, 5, 4))
    assert last_week.args["previous"] == "last_week" and last_week.args["prev_peg"] == 5
    earlier = checkin.thanks(this_week, Checkin(MONDAY - timedelta(weeks=3), 6, 5, 4))
    assert earlier.args["previous"] == "earlier" and earlier.args["prev_day"] == 2
    high = checkin.thanks(Checkin(MONDAY, HIGH_PAIN, 2, 2), None)
    assert high.args["high"] == "yes" and high.buttons[0][0].data == "menu:check"


def test_the_switch_and_the_sunday_summary() -> None:
    assert checkin.read_switch("an") is Switch.ON and checkin.read_switch(" ON ") is Switch.ON
    assert checkin.read_switch("aus") is Switch.OFF and checkin.read_switch("off") is Switch.OFF
    assert checkin.read_switch("") is Switch.SHOW and checkin.read_switch("xyz") is Switch.SHOW
    summary = weekly_summary(WeekProgress(1, 3, 0, 10, 10), MONDAY)
    (offered,) = checkin.with_summary(summary, MONDAY, None, False, "de")
    assert offered.buttons[:-1] == summary.buttons  # the barrier buttons stay
    assert offered.buttons[-1][0].data == "ci:1"
    assert checkin.with_summary(summary, MONDAY, False, False, "de") == (summary,)
    summary_again, asked = checkin.with_summary(summary, MONDAY, True, False, "de")
    assert summary_again == summary and asked == checkin.question(MONDAY, (), "de")
    assert checkin.with_summary(summary, MONDAY, True, True, "de") == (summary,)
    assert checkin.status(None).buttons[0][0].data == "ci:1"
    assert checkin.switched(True, True).buttons[0][0].data == "ci:0"
    assert checkin.switched(False, True).buttons == ()


def test_the_check_in_is_about_the_week_now_ending_on_sunday_else_the_last_full_week() -> None:
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from dialogs.habit.checkin import checkin_week

    berlin = ZoneInfo("Europe/Berlin")
    sunday_evening = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    monday_midnight = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)  # 00:00 Monday in Berlin
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    assert checkin_week(sunday_evening, berlin) == date(2026, 11, 23)
    assert checkin_week(monday_midnight, berlin) == date(2026, 11, 23)
    assert checkin_week(saturday, berlin) == date(2026, 11, 23)
    assert checkin_week(datetime(2026, 12, 6, 9, 0, tzinfo=UTC), berlin) == date(2026, 11, 30)
