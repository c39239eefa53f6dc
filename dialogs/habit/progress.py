"""The movement habit: counting weeks and streaks, and what the bot replies to progress.

Pure functions only, so the rules (what counts as a goal week, when a streak breaks, which
message follows an exercise log) are tested without Telegram or a database. Reading the
user's free text ("done", times, days, time zones) lives in `dialogs.habit.parsing`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from dialogs.common.buttons import MenuButton
from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message, literal_button
from dialogs.habit.buttons import (
    NONE,
    Answer,
    Barrier,
    BarrierButton,
    LogButton,
    PainButton,
    UndoButton,
)
from dialogs.habit.parsing import (
    MAX_MINUTES,
    DoneCommand,
)
from dialogs.habit.schedule import WEEKLY_GOAL, week_start

BARRIERS = tuple(barrier.value for barrier in Barrier)  # time, pain, motivation, forgot


# --- progress and streaks -----------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseLog:
    """One exercise log as the database knows it: when (aware; the bot stores UTC), how many
    minutes, where it was logged from (the bot's "text", "button", "guided", "yesterday") and
    what was done ("walk", "yoga", …; None for a bare "done")."""

    at: datetime
    minutes: int
    source: str = "manual"
    activity: str | None = None


@dataclass(frozen=True)
class Progress:
    """This week's count against the goal, the streak of goal weeks and the lifetime minutes.

    `count`: exercises logged in the local ISO week; `goal`: exercises a week; `streak`: weeks;
    `total_minutes` (all time) and `week_minutes` (this week): minutes.
    """

    count: int
    goal: int
    streak: int
    total_minutes: int
    week_minutes: int

    def to_dict(self) -> dict[str, Any]:
        """The Fluent arguments of `/progress` and the weekly summary (field name → int)."""
        return {
            "count": self.count,
            "goal": self.goal,
            "streak": self.streak,
            "total_minutes": self.total_minutes,
            "week_minutes": self.week_minutes,
        }


def week_counts(exercise_logs: Iterable[ExerciseLog], tz: str) -> Counter[str]:
    """Exercise logs per local ISO week in `tz` (an IANA name), keyed by the Monday's ISO date
    ("2026-03-23"); ValueError for a naive time."""
    zone = ZoneInfo(tz)
    return Counter(week_start(entry.at, zone).isoformat() for entry in exercise_logs)


def streak(
    exercise_logs: Iterable[ExerciseLog], now: datetime, tz: str, goal: int = WEEKLY_GOAL
) -> int:
    """Consecutive ISO weeks with the goal met: this week counts if met, else up to last week.
    `now` is aware (ValueError if naive); weeks are local to `tz`."""
    counts = week_counts(exercise_logs, tz)
    monday = week_start(now, ZoneInfo(tz))
    if counts[monday.isoformat()] < goal:
        monday -= timedelta(days=7)
    run = 0
    while counts[monday.isoformat()] >= goal:
        run += 1
        monday -= timedelta(days=7)
    return run


def progress(
    exercise_logs: Sequence[ExerciseLog], now: datetime, tz: str, goal: int = WEEKLY_GOAL
) -> Progress:
    """Everything `/progress` and the done reply need, from the exercise logs, at `now` (aware;
    ValueError if naive) in `tz` (IANA; ZoneInfoNotFoundError for an unknown one)."""
    zone = ZoneInfo(tz)
    monday = week_start(now, zone)
    this_week = [s for s in exercise_logs if week_start(s.at, zone) == monday]
    return Progress(
        count=len(this_week),
        goal=goal,
        streak=streak(exercise_logs, now, tz, goal),
        total_minutes=sum(s.minutes for s in exercise_logs),
        week_minutes=sum(s.minutes for s in this_week),
    )


def week_history(
    exercise_logs: Sequence[ExerciseLog], now: datetime, tz: str, weeks: int = 8
) -> list[tuple[str, int]]:
    """(Monday ISO date, count) for the last `weeks` weeks including this one, oldest first:
    data for the chart (the bot shows 10)."""
    counts = week_counts(exercise_logs, tz)
    monday = week_start(now, ZoneInfo(tz))
    starts = [monday - timedelta(days=7 * back) for back in range(weeks - 1, -1, -1)]
    return [(start.isoformat(), counts[start.isoformat()]) for start in starts]


# --- replies ------------------------------------------------------------------------------


def pain_buttons() -> tuple[tuple[Button, ...], ...]:
    """0–10 one-tap pain rating (`pain:<n>`), two rows: 0–5 and 6–10."""
    return (
        tuple(literal_button(str(n), PainButton(n).pack()) for n in range(6)),
        tuple(literal_button(str(n), PainButton(n).pack()) for n in range(6, 11)),
    )


def done_replies(command: DoneCommand, after: Progress, *, this_week: bool = True) -> list[Message]:
    """Answer an exercise log: N/3 with encouragement, a celebration at 3, then the pain ask
    (or, when the report said it, "walked 30 min, pain 4", the thanks for the rating).

    `after` is the progress *including* the new exercise log. A log for an earlier day names
    that day in every reply ("für gestern"); one of an earlier week (`this_week` False: on
    Monday, "am Sonntag 30 min gewandert") did not change this week's count, so it neither
    celebrates nor counts beyond the goal, it says which week it went to. Absurd minutes get
    only the error. Returns the messages in send order.
    """
    if command.error:
        return [Message(command.error, {"minutes": command.minutes, "max": MAX_MINUTES})]
    args = {
        "count": after.count,
        "goal": after.goal,
        "minutes": command.minutes,
        "activity": command.activity or "none",  # named in the reply: the user sees what was logged
        "yesterday": "yes" if command.yesterday else "no",
        "days": command.days_ago,
    }
    if not this_week and command.days_ago:
        key = "habit-done-earlier-week"
    elif after.count == after.goal:
        key = "habit-done-goal-reached"
    elif after.count > after.goal:
        key = "habit-done-beyond"
    else:
        key = "habit-done-progress"
    if command.pain is not None:  # rated with the report: no question, the thanks at once
        return [Message(key, args), pain_reply(command.pain)]
    # It hurt: the question says so ("Tut mir leid, dass es wehgetan hat …").
    ask = "habit-pain-ask-hurt" if command.felt == "pain" else "habit-pain-ask"
    return [Message(key, args), Message(ask, {}, pain_buttons())]


# A pain rating from this value on is high (product decision, in line with the common NRS
# bands 7–10 = severe, e.g. Boonstra et al., Pain 2014): the reply offers the red-flag check.
HIGH_PAIN = 7


def pain_reply(rating: int) -> Message:
    """Thank for the 0–10 rating; from HIGH_PAIN on, without alarm, offer the check (a button
    that runs /check)."""
    if rating >= HIGH_PAIN:
        check = ((Button("habit-btn-check", MenuButton("check").pack()),),)
        return Message("habit-pain-high", {"rating": rating}, check)
    return Message("habit-pain-thanks", {"rating": rating})


def log_question(
    command: DoneCommand, origin: int, *, repeat_minutes: int | None = None
) -> Message:
    """Ask before logging: "Soll ich 20 Minuten Yoga für heute eintragen?" (an unsure reading),
    or – `repeat_minutes` after the last log – "Du hast vor 3 Minuten schon eine Einheit
    eingetragen. Noch eine eintragen?". The Ja/Nein buttons carry the whole entry and `origin`,
    the update id of the message asked about."""

    def button(answer: Answer, key: str) -> Button:
        data = LogButton(
            answer,
            command.minutes,
            command.days_ago,
            command.activity or NONE,
            command.felt or NONE,
            origin,
            command.pain,
        )
        return Button(key, data.pack())

    args = {
        "minutes": command.minutes,
        "activity": command.activity or "none",
        "days": command.days_ago,
        "ago": repeat_minutes if repeat_minutes is not None else 0,
    }
    key = "habit-log-repeat" if repeat_minutes is not None else "habit-log-confirm"
    buttons = ((button(Answer.YES, "habit-btn-yes"), button(Answer.NO, "habit-btn-no")),)
    return Message(key, args, buttons)


def undo_question(log_id: int, day: date, minutes: int, activity: str | None) -> Message:
    """/undo asks first, naming what it would remove: "Soll ich diese Einheit löschen: 23.3.,
    45 Minuten Schwimmen?" with Ja/Nein (`log_id` the exercise log's row id, `day` its local
    date)."""
    buttons = (
        (
            Button("habit-btn-yes", UndoButton(Answer.YES, log_id).pack()),
            Button("habit-btn-no", UndoButton(Answer.NO, log_id).pack()),
        ),
    )
    args = {
        "day": day.day,
        "month": day.month,
        "minutes": minutes,
        "activity": activity or "none",
    }
    return Message("habit-undo-ask", args, buttons)


def command_of(tap: LogButton) -> DoneCommand:
    """The exercise a pressed `LogButton` carries (minutes are clamped to 1–MAX_MINUTES, days
    to 0–6, so a forged button cannot log nonsense; its pain rating is 0–10 or None, checked
    when the button is read)."""
    return DoneCommand(
        minutes=min(max(tap.minutes, 1), MAX_MINUTES),
        days_ago=min(max(tap.days_ago, 0), 6),
        activity=None if tap.activity == NONE else tap.activity[:32],
        felt=tap.felt if tap.felt in {"good", "pain"} else None,
        pain=tap.pain,
    )


def progress_message(current: Progress) -> Message:
    """The `/progress` text (the bot attaches the chart)."""
    return Message("habit-progress", current.to_dict())


def weekly_summary(last_week: Progress, monday: date) -> Message:
    """Sunday evening: praise when the goal was met, else ask what got in the way.

    `monday` is the local Monday of the week the summary is about: the text names that week
    (`week_day`, `week_month`, ISO `week`), so a summary that arrives late, on Monday, does not
    call the week just begun "this week"."""
    args = {
        **last_week.to_dict(),
        "week_day": monday.day,
        "week_month": monday.month,
        "week": monday.isocalendar()[1],
    }
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
    """A short, evidence-informed tip for what got in the way (content and its sources in
    data/barrier_tips.yaml), in `lang` or else English; KeyError for an unknown barrier."""
    entry = _tips()[barrier]
    language = lang if lang in entry["tip"] else "en"
    return Message(
        "habit-barrier-tip",
        {"barrier": barrier, "tip": entry["tip"][language].strip()},
    )
