"""Week progress, streaks, done replies, pain rating, weekly summary and barrier tips."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.i18n import Translator
from dialogs.habit.buttons import Answer, BarrierButton, LogButton, PainButton
from dialogs.habit.parsing import DoneCommand
from dialogs.habit.progress import (
    BARRIERS,
    ExerciseLog,
    Progress,
    barrier_tip,
    command_of,
    done_replies,
    log_question,
    progress,
    progress_message,
    streak,
    week_history,
    weekly_summary,
)

TZ = "Europe/Berlin"
NOW = datetime(2026, 4, 15, 10, 0, tzinfo=UTC)  # Wednesday of ISO week 16


def logs_in_week(monday: datetime, count: int, minutes: int = 10) -> list[ExerciseLog]:
    return [ExerciseLog(monday + timedelta(days=day, hours=16), minutes) for day in range(count)]


def monday_of(weeks_back: int) -> datetime:
    return datetime(2026, 4, 13, tzinfo=UTC) - timedelta(weeks=weeks_back)


def test_progress_counts_only_this_local_week() -> None:
    logs = logs_in_week(monday_of(0), 2, 15) + logs_in_week(monday_of(1), 3)
    current = progress(logs, NOW, TZ)
    assert (current.count, current.week_minutes, current.total_minutes) == (2, 30, 60)


def test_week_boundary_follows_the_users_timezone() -> None:
    # Sunday 22:30 UTC = Monday 00:30 in Berlin (new week) but still Sunday in New York.
    late_sunday = ExerciseLog(datetime(2026, 4, 12, 22, 30, tzinfo=UTC), 10)
    monday_noon = datetime(2026, 4, 13, 12, 0, tzinfo=UTC)
    assert progress([late_sunday], monday_noon, "Europe/Berlin").count == 1
    assert progress([late_sunday], monday_noon, "America/New_York").count == 0


def test_streak_counts_current_week_only_when_met() -> None:
    logs = (
        logs_in_week(monday_of(0), 3)
        + logs_in_week(monday_of(1), 3)
        + logs_in_week(monday_of(2), 4)
        + logs_in_week(monday_of(4), 3)  # week 3 is a gap
    )
    assert streak(logs, NOW, TZ) == 3


def test_streak_up_to_last_week_while_this_week_is_open() -> None:
    logs = logs_in_week(monday_of(0), 1) + logs_in_week(monday_of(1), 3)
    logs += logs_in_week(monday_of(2), 3)
    assert streak(logs, NOW, TZ) == 2


def test_streak_zero_when_last_week_missed() -> None:
    logs = logs_in_week(monday_of(0), 2) + logs_in_week(monday_of(2), 3)
    assert streak(logs, NOW, TZ) == 0
    assert streak([], NOW, TZ) == 0


def test_week_history_for_the_chart() -> None:
    logs = logs_in_week(monday_of(0), 2) + logs_in_week(monday_of(2), 3)
    history = week_history(logs, NOW, TZ, weeks=4)
    assert history == [("2026-03-23", 0), ("2026-03-30", 3), ("2026-04-06", 0), ("2026-04-13", 2)]


def after(count: int) -> Progress:
    return Progress(count=count, goal=3, streak=0, total_minutes=0, week_minutes=0)


def test_done_reply_progress_then_celebration_then_beyond() -> None:
    command = DoneCommand(minutes=15)
    first = done_replies(command, after(1))
    assert first[0].key == "habit-done-progress"
    assert (first[0].args["count"], first[0].args["goal"], first[0].args["minutes"]) == (1, 3, 15)
    assert done_replies(command, after(3))[0].key == "habit-done-goal-reached"
    assert done_replies(command, after(5))[0].key == "habit-done-beyond"


def test_done_reply_offers_pain_rating_buttons() -> None:
    replies = done_replies(DoneCommand(), after(2))
    assert replies[1].key == "habit-pain-ask"
    data = [button.data for row in replies[1].buttons for button in row]
    assert data == [f"pain:{n}" for n in range(11)]
    assert [PainButton.unpack(item).rating for item in data] == list(range(11))


# (language, days ago, what names the day): every reply to a log for an earlier day says which.
PAST_DAYS = [
    ("de", 1, "für gestern"),
    ("de", 3, "für vor 3 Tagen"),
    ("en", 1, "for yesterday"),
    ("en", 3, "for 3 days ago"),
]


@pytest.mark.parametrize(("language", "days", "named"), PAST_DAYS)
@pytest.mark.parametrize("count", [1, 3, 4])  # on the way, the goal reached, beyond it
def test_a_reply_to_an_earlier_days_log_names_that_day(
    language: str, days: int, named: str, count: int
) -> None:
    translate = Translator()
    reply = done_replies(DoneCommand(minutes=20, days_ago=days), after(count))[0]
    text = translate(reply.key, language, **reply.args)
    assert named in text and "20" in text
    sessions = "Einheiten" if language == "de" else "sessions"
    assert f"{count}/3" in text or f"{count} {sessions}" in text
    today = done_replies(DoneCommand(minutes=20), after(count))[0]
    assert named not in translate(today.key, language, **today.args)


@pytest.mark.parametrize(("language", "days", "named"), PAST_DAYS)
def test_an_earlier_weeks_log_names_its_day_and_neither_celebrates_nor_counts_it(
    language: str, days: int, named: str
) -> None:
    """On Monday, "am Sonntag 30 min gewandert" goes to last week: this week's 3/3 was not
    reached by it, so no 🎉, and the count shown is this week's."""
    reply = done_replies(DoneCommand(minutes=30, days_ago=days), after(3), this_week=False)[0]
    assert reply.key == "habit-done-earlier-week"
    text = Translator()(reply.key, language, **reply.args)
    assert named.split(" ", 1)[1] in text and "3/3" in text and "🎉" not in text


@pytest.mark.parametrize(("language", "days", "named"), PAST_DAYS)
def test_already_logged_and_corrected_name_the_day_too(
    language: str, days: int, named: str
) -> None:
    translate = Translator()
    for key in ("habit-done-already", "habit-edit-corrected"):
        text = translate(key, language, minutes=25, count=2, goal=3, days=days)
        assert named in text and "2/3" in text, key
        assert named not in translate(key, language, minutes=25, count=2, goal=3, days=0)


@pytest.mark.parametrize("rating", [0, 4, 8])
def test_a_rating_said_with_the_report_is_thanked_for_not_asked(rating: int) -> None:
    replies = done_replies(DoneCommand(minutes=30, pain=rating), after(1))
    assert replies[0].key == "habit-done-progress"
    assert replies[1].key == ("habit-pain-high" if rating >= 7 else "habit-pain-thanks")
    assert replies[1].args["rating"] == rating
    assert not any(key.startswith("habit-pain-ask") for key in (r.key for r in replies))


def test_an_unsure_reports_rating_rides_on_the_question_and_ja_keeps_it() -> None:
    question = log_question(DoneCommand(minutes=20, activity="yoga", pain=3), origin=42)
    yes = LogButton.unpack(question.buttons[0][0].data)
    assert (yes.answer, yes.origin, yes.pain) == (Answer.YES, 42, 3)
    assert command_of(yes) == DoneCommand(minutes=20, activity="yoga", pain=3)
    without = LogButton.unpack(log_question(DoneCommand(), origin=42).buttons[0][0].data)
    assert without.pain is None and command_of(without).pain is None


def test_done_reply_with_absurd_minutes_is_only_the_error() -> None:
    replies = done_replies(DoneCommand(minutes=0, error="habit-error-minutes"), after(1))
    assert [reply.key for reply in replies] == ["habit-error-minutes"]


@pytest.mark.parametrize("data", ["pain:11", "pain:-1", "pain:", "pain:x", "bar:3", ""])
def test_bad_pain_callbacks(data: str) -> None:
    assert PainButton.parse(data) is None


def test_progress_message_carries_all_numbers() -> None:
    logs = logs_in_week(monday_of(0), 3, 12) + logs_in_week(monday_of(1), 3)
    message = progress_message(progress(logs, NOW, TZ))
    assert message.key == "habit-progress"
    assert message.args == {
        "count": 3,
        "goal": 3,
        "streak": 2,
        "total_minutes": 66,
        "week_minutes": 36,
    }


def test_weekly_summary_praises_or_asks_about_barriers() -> None:
    monday = date(2026, 3, 23)
    assert weekly_summary(after(3), monday).key == "habit-summary-met"
    assert weekly_summary(after(3), monday).buttons == ()
    missed = weekly_summary(after(1), monday)
    assert missed.key == "habit-summary-missed"
    data = [button.data for row in missed.buttons for button in row]
    assert [BarrierButton.unpack(item).barrier for item in data] == list(BARRIERS)
    assert BarrierButton.parse("bar:laziness") is None


@pytest.mark.parametrize("barrier", BARRIERS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_barrier_has_a_tip_in_both_languages(barrier: str, lang: str) -> None:
    tip = barrier_tip(barrier, lang)
    assert tip.key == "habit-barrier-tip" and len(tip.args["tip"]) > 40


@pytest.mark.parametrize("lang", ["de", "en"])
def test_pain_tip_points_to_check(lang: str) -> None:
    assert "/check" in barrier_tip("pain", lang).args["tip"]


def test_tips_differ_by_language() -> None:
    assert barrier_tip("time", "de").args["tip"] != barrier_tip("time", "en").args["tip"]


@pytest.mark.parametrize("met", [1, 3])
def test_weekly_summary_names_the_week_it_is_about(met: int) -> None:
    """A summary sent late (on Monday) must not call the week just begun "this week": it
    names its week by the Monday's day and month (and the ISO week)."""
    summary = weekly_summary(after(met), date(2026, 3, 23))
    assert summary.args["week_day"] == 23 and summary.args["week_month"] == 3
    assert summary.args["week"] == 13
