"""Weeks at a glance: exercise logs, minutes, pain ratings and check-ins grouped by the user's
local week (Monday to Sunday), for the /progress chart and the /report PDF, and dates written
the way the user's language writes them ("19.01." in German, "19 Jan" in English).

Pure: the bot loads the rows (times aware UTC) and draws; here the weeks are counted. The
weeks shown start at the user's first week with anything in it – not at a fixed number of
empty weeks – and end with this week.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.common.reply import Message
from dialogs.habit.checkin import Checkin
from dialogs.habit.progress import ExerciseLog, Progress
from dialogs.habit.schedule import week_start

# /progress shows at most this many weeks (product decision: a quarter stays legible on a
# phone); /report at most REPORT_WEEKS (about four months, the time between two appointments,
# and one table page).
CHART_WEEKS = 12
REPORT_WEEKS = 16
# Activities named in the /progress caption; the rest are summed as "more" (product decision:
# the caption stays short).
TOP_ACTIVITIES = 5

PainRating = tuple[datetime, int]  # (when, aware UTC; score 0–10), as the bot stores it


def short_date(day: date, language: str) -> str:
    """A day without its year, as the language writes it: "19.01." (de); day/month, the
    British way, in English and any other language ("19/01", as the English messages write
    "week of 23/3")."""
    if language == "de":
        return f"{day.day:02d}.{day.month:02d}."
    return f"{day.day:02d}/{day.month:02d}"


def long_date(day: date, language: str) -> str:
    """A day with its year: "19.01.2026" (de), "19/01/2026" (en and any other language)."""
    if language == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class WeekSummary:
    """One local week: its Monday; exercise logs and their minutes; `pain` the mean of the pain
    ratings (0–10) given after sessions that week, None without any; `checkin` the week's
    PEG check-in (answers 0–10), None without one."""

    monday: date
    sessions: int
    minutes: int
    pain: float | None
    checkin: Checkin | None


def first_week(
    logs: Sequence[ExerciseLog],
    ratings: Sequence[PainRating],
    checkins: Sequence[Checkin],
    tz: str,
) -> date | None:
    """The Monday of the earliest week with an exercise log, a pain rating or a check-in in
    the user's time zone `tz` (IANA); None when there is nothing."""
    zone = ZoneInfo(tz)
    mondays = [week_start(log.at, zone) for log in logs]
    mondays += [week_start(at, zone) for at, _ in ratings]
    mondays += [checkin.week for checkin in checkins]
    return min(mondays, default=None)


def weeks_shown(first: date | None, now: datetime, tz: str, limit: int) -> list[date]:
    """The Mondays from `first` (None: only this week) to this week at `now` (aware;
    ValueError if naive), oldest first; at most the last `limit` (≥ 1) of them."""
    this_monday = week_start(now, ZoneInfo(tz))
    start = this_monday if first is None or first > this_monday else first
    start = max(start, this_monday - timedelta(weeks=limit - 1))
    count = (this_monday - start).days // 7 + 1
    return [start + timedelta(weeks=index) for index in range(count)]


def weekly_trend(
    logs: Sequence[ExerciseLog],
    ratings: Sequence[PainRating],
    checkins: Sequence[Checkin],
    now: datetime,
    tz: str,
    limit: int = CHART_WEEKS,
) -> list[WeekSummary]:
    """Every week from the user's first one (`first_week`) to this week at `now`, at most the
    last `limit`, oldest first: exercise logs, minutes, mean pain after sessions and the
    check-in of each. Weeks are local to `tz` (IANA); `now` is aware (ValueError if naive)."""
    zone = ZoneInfo(tz)
    mondays = weeks_shown(first_week(logs, ratings, checkins, tz), now, tz, limit)
    sessions: Counter[date] = Counter()
    minutes: Counter[date] = Counter()
    for log in logs:
        monday = week_start(log.at, zone)
        sessions[monday] += 1
        minutes[monday] += log.minutes
    scores: defaultdict[date, list[int]] = defaultdict(list)
    for at, score in ratings:
        scores[week_start(at, zone)].append(score)
    by_week = {checkin.week: checkin for checkin in checkins}
    return [
        WeekSummary(
            monday,
            sessions[monday],
            minutes[monday],
            sum(scores[monday]) / len(scores[monday]) if scores[monday] else None,
            by_week.get(monday),
        )
        for monday in mondays
    ]


def minutes_by_activity(
    logs: Sequence[ExerciseLog], since: date, tz: str, top: int = TOP_ACTIVITIES
) -> list[tuple[str, int]]:
    """Minutes per activity ("walk", "yoga", …; "none" for a bare "done") of the exercise logs
    from the week of Monday `since` on (local to `tz`), most minutes first (ties by name); at
    most `top` activities, the rest summed as "more"."""
    zone = ZoneInfo(tz)
    totals: Counter[str] = Counter()
    for log in logs:
        if week_start(log.at, zone) >= since:
            totals[log.activity or "none"] += log.minutes
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= top:
        return ranked
    return [*ranked[:top], ("more", sum(minutes for _, minutes in ranked[top:]))]


def activity_messages(pairs: Sequence[tuple[str, int]]) -> list[Message]:
    """One short text per (activity, minutes): "Yoga 40 Min." (the bot joins them)."""
    return [
        Message("habit-activity-minutes", {"activity": activity, "minutes": minutes})
        for activity, minutes in pairs
    ]


def progress_caption(
    current: Progress, weeks: Sequence[WeekSummary], activities: str, language: str
) -> Message:
    """The /progress text under the chart: this week N/goal, streak and minutes
    (`progress_message`'s), minutes by activity since the first week shown (`activities`, the
    rendered `activity_messages` joined; "" for none), the pain after sessions (NRS 0–10, the
    week's mean) of the first week shown that has ratings against the latest, and the latest
    PEG against the one before – or, without check-ins, how to turn them on."""
    checkins = [week.checkin for week in weeks if week.checkin is not None]
    rated = [week for week in weeks if week.pain is not None]
    args: dict[str, Any] = {
        **current.to_dict(),
        "since": short_date(weeks[0].monday, language) if weeks else "",
        "activities": activities or "none",
        "pain": "none" if not rated else "one" if len(rated) == 1 else "more",
        "checkins": "none" if not checkins else "one" if len(checkins) == 1 else "more",
    }
    if rated:
        args |= {
            "pain_first": rated[0].pain,
            "pain_first_week": short_date(rated[0].monday, language),
            "pain_now": rated[-1].pain,
            "pain_week": short_date(rated[-1].monday, language),
        }
    if checkins:
        latest = checkins[-1]
        args |= {"peg": latest.peg, "peg_week": short_date(latest.week, language)}
        args["peg_before"] = checkins[-2].peg if len(checkins) > 1 else latest.peg
    return Message("habit-progress-chart", args)
