"""The movement habit: counting weeks and streaks, and what the bot replies to progress.

Pure functions only, so the rules (what counts as a goal week, when a streak breaks, which
message follows a logged session) are tested without Telegram or a database. Reading the
user's free text ("done", times, days, time zones) lives in `dialogs.habit.parsing`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message, literal_button
from dialogs.habit.buttons import Barrier, BarrierButton, PainButton
from dialogs.habit.parsing import (
    MAX_MINUTES,
    DoneCommand,
)
from dialogs.habit.schedule import WEEKLY_GOAL, week_start

BARRIERS = tuple(barrier.value for barrier in Barrier)  # time, pain, motivation, forgot


# --- progress and streaks -----------------------------------------------------------------


@dataclass(frozen=True)
class SessionLog:
    """One logged session as the database knows it."""

    at: datetime
    minutes: int
    source: str = "manual"


@dataclass(frozen=True)
class Progress:
    """This week's count against the goal, the streak of goal weeks and the lifetime minutes."""

    count: int
    goal: int
    streak: int
    total_minutes: int
    week_minutes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "goal": self.goal,
            "streak": self.streak,
            "total_minutes": self.total_minutes,
            "week_minutes": self.week_minutes,
        }


def week_counts(sessions: Iterable[SessionLog], tz: str) -> Counter[str]:
    """Sessions per local ISO week, keyed by the Monday's ISO date."""
    zone = ZoneInfo(tz)
    return Counter(week_start(session.at, zone).isoformat() for session in sessions)


def streak(sessions: Iterable[SessionLog], now: datetime, tz: str, goal: int = WEEKLY_GOAL) -> int:
    """Consecutive ISO weeks with the goal met: this week counts if met, else up to last week."""
    counts = week_counts(sessions, tz)
    monday = week_start(now, ZoneInfo(tz))
    if counts[monday.isoformat()] < goal:
        monday -= timedelta(days=7)
    run = 0
    while counts[monday.isoformat()] >= goal:
        run += 1
        monday -= timedelta(days=7)
    return run


def progress(
    sessions: Sequence[SessionLog], now: datetime, tz: str, goal: int = WEEKLY_GOAL
) -> Progress:
    """Everything `/progress` and the done reply need, from the logged sessions."""
    zone = ZoneInfo(tz)
    monday = week_start(now, zone)
    this_week = [s for s in sessions if week_start(s.at, zone) == monday]
    return Progress(
        count=len(this_week),
        goal=goal,
        streak=streak(sessions, now, tz, goal),
        total_minutes=sum(s.minutes for s in sessions),
        week_minutes=sum(s.minutes for s in this_week),
    )


def week_history(
    sessions: Sequence[SessionLog], now: datetime, tz: str, weeks: int = 8
) -> list[tuple[str, int]]:
    """(Monday ISO date, count) for the last `weeks` weeks, oldest first: data for the chart."""
    counts = week_counts(sessions, tz)
    monday = week_start(now, ZoneInfo(tz))
    starts = [monday - timedelta(days=7 * back) for back in range(weeks - 1, -1, -1)]
    return [(start.isoformat(), counts[start.isoformat()]) for start in starts]


# --- replies ------------------------------------------------------------------------------


def pain_buttons() -> tuple[tuple[Button, ...], ...]:
    """0–10 one-tap pain rating, two rows."""
    return (
        tuple(literal_button(str(n), PainButton(n).pack()) for n in range(6)),
        tuple(literal_button(str(n), PainButton(n).pack()) for n in range(6, 11)),
    )


def done_replies(command: DoneCommand, after: Progress) -> list[Message]:
    """Answer a logged session: N/3 with encouragement, a celebration at 3, then the pain ask.

    `after` is the progress *including* the new session. Absurd minutes get only the error.
    """
    if command.error:
        return [Message(command.error, {"minutes": command.minutes, "max": MAX_MINUTES})]
    args = {
        "count": after.count,
        "goal": after.goal,
        "minutes": command.minutes,
        "yesterday": "yes" if command.yesterday else "no",
    }
    if after.count == after.goal:
        key = "habit-done-goal-reached"
    elif after.count > after.goal:
        key = "habit-done-beyond"
    else:
        key = "habit-done-progress"
    return [Message(key, args), Message("habit-pain-ask", {}, pain_buttons())]


def pain_reply(rating: int) -> Message:
    """Thank for the rating; a high one points to /check without alarm."""
    return Message("habit-pain-high" if rating >= 7 else "habit-pain-thanks", {"rating": rating})


def progress_message(current: Progress) -> Message:
    """The `/progress` text (the bot attaches the chart)."""
    return Message("habit-progress", current.to_dict())


def weekly_summary(last_week: Progress) -> Message:
    """Sunday evening: praise when the goal was met, else ask what got in the way."""
    args = last_week.to_dict()
    if last_week.count >= last_week.goal:
        return Message("habit-summary-met", args)
    buttons = (
        (
            Button("habit-barrier-time", BarrierButton(Barrier.TIME).pack()),
            Button("habit-barrier-pain", BarrierButton(Barrier.PAIN).pack()),
        ),
        (
            Button("habit-barrier-motivation", BarrierButton(Barrier.MOTIVATION).pack()),
            Button("habit-barrier-forgot", BarrierButton(Barrier.FORGOT).pack()),
        ),
    )
    return Message("habit-summary-missed", args, buttons)


TIPS_PATH = data_path("barrier_tips.yaml")


@lru_cache(maxsize=1)
def _tips() -> dict[str, Any]:
    with TIPS_PATH.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle)["barriers"])


def barrier_tip(barrier: str, lang: str) -> Message:
    """A short, evidence-informed tip for what got in the way (content from the YAML)."""
    entry = _tips()[barrier]
    language = lang if lang in entry["tip"] else "en"
    return Message(
        "habit-barrier-tip",
        {"barrier": barrier, "tip": entry["tip"][language].strip()},
    )
