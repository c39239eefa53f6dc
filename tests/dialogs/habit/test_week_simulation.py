"""A week simulated minute by minute-ish with a tiny fake dispatcher and a controllable clock.

The dispatcher here is deliberately naive (it re-asks the pure functions every 5 minutes), so
the test checks the *rules*: no reminder once the goal is met or after an exercise logged that day,
exactly one catch-up nudge when behind, one Sunday summary.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dialogs.habit.progress import ExerciseLog, progress
from dialogs.habit.schedule import (
    STALE_AFTER,
    Action,
    Kind,
    Plan,
    catch_up_at,
    decide,
    next_occurrences,
    week_key,
    weekly_summary_at,
)

TZ = "Europe/Berlin"
START = datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # Monday 00:00 CET, ISO week 13


# The naive dispatcher's own bookkeeping (the real one asks SQL for these facts).
def logged_on_day(exercise_logs: list[ExerciseLog], now: datetime, tz: str) -> bool:
    """Whether an exercise was logged on `now`'s local calendar day."""
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    return any(entry.at.astimezone(zone).date() == today for entry in exercise_logs)


def catch_up_due(
    plan: Plan, now: datetime, week_count: int, nudged_week: str | None
) -> datetime | None:
    """When to send this week's catch-up nudge, or None (goal met, already nudged, no slot)."""
    if week_count >= plan.goal or nudged_week == week_key(now, plan.zone):
        return None
    slot = catch_up_at(plan, now)
    if slot is None or slot + STALE_AFTER < now:
        return None
    return slot


def test_catch_up_only_once_and_only_when_behind() -> None:
    plan = Plan()
    saturday = datetime(2026, 3, 28, 17, 30, tzinfo=UTC)
    assert catch_up_due(plan, saturday, week_count=3, nudged_week=None) is None
    assert catch_up_due(plan, saturday, week_count=1, nudged_week="2026-W13") is None
    assert catch_up_due(plan, saturday, week_count=1, nudged_week="2026-W12") == saturday
    assert (
        catch_up_due(plan, datetime(2026, 3, 29, 12, 0, tzinfo=UTC), 1, None) is None
    )  # slot long past


def test_logged_on_day_uses_local_date() -> None:
    # 23:30 UTC on 14 April is 01:30 on 15 April in Berlin.
    logs = [ExerciseLog(datetime(2026, 4, 14, 23, 30, tzinfo=UTC), 10)]
    now = datetime(2026, 4, 15, 10, 0, tzinfo=UTC)
    assert logged_on_day(logs, now, "Europe/Berlin")
    assert not logged_on_day(logs, now, "America/New_York")


def simulate(plan: Plan, logged_at: list[datetime]) -> list[tuple[str, datetime]]:
    """Run one week; each exercise log shows from its time on. Returns (kind, sent_at)."""
    sent: list[tuple[str, datetime]] = []
    nudged_week: str | None = None
    pending: dict[Kind, datetime | None] = {
        Kind.REMINDER: next_occurrences(plan, START - timedelta(seconds=1))[0],
        Kind.SUMMARY: weekly_summary_at(plan, START),
    }
    now = START
    while now < START + timedelta(days=7):
        logs = [ExerciseLog(at, 10) for at in logged_at if at <= now]
        count = progress(logs, now, TZ).count
        today = logged_on_day(logs, now, TZ)
        catch_up = catch_up_due(plan, now, count, nudged_week)
        if catch_up is not None:
            pending[Kind.CATCH_UP] = catch_up
        for kind, due in list(pending.items()):
            if due is None or due > now:
                continue
            decision = decide(kind, due, now, plan, count, today)
            if decision.action is Action.SEND:
                sent.append((kind.value, now))
            if decision.action is Action.DEFER:
                pending[kind] = decision.at
                continue
            if kind is Kind.CATCH_UP:
                nudged_week = week_key(now, plan.zone)
                pending[kind] = None
            elif kind is Kind.REMINDER:
                pending[kind] = next_occurrences(plan, due)[0]
            else:
                pending[kind] = None
        now += timedelta(minutes=5)
    return sent


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """Day 0 = Monday 23 March 2026, Berlin winter time (UTC+1)."""
    return START + timedelta(days=day, hours=hour, minutes=minute)


def test_nothing_logged_three_reminders_one_catch_up_one_summary() -> None:
    sent = simulate(Plan(), [])
    assert sent == [
        ("reminder", local(0, 18, 30)),
        ("reminder", local(2, 18, 30)),
        ("reminder", local(4, 18, 30)),
        ("catch_up", local(5, 18, 30)),
        ("summary", local(6, 18, 0)),  # 19:00 CEST: the clocks went forward on Sunday
    ]


def test_logged_today_and_goal_met_silence_reminders() -> None:
    logged_at = [local(0, 7), local(1, 12), local(2, 9)]  # Mon, Tue, Wed: goal met on Wednesday
    sent = simulate(Plan(), logged_at)
    assert sent == [("summary", local(6, 18, 0))]


def test_behind_but_catching_up_before_saturday_means_no_nudge() -> None:
    logged_at = [local(0, 12), local(4, 12), local(5, 9)]  # the third one Saturday morning
    sent = simulate(Plan(), logged_at)
    assert sent == [("reminder", local(2, 18, 30)), ("summary", local(6, 18, 0))]


def test_catch_up_sent_once_even_if_still_behind() -> None:
    sent = simulate(Plan(weekdays=frozenset({0, 1})), [local(0, 12)])
    assert [kind for kind, _ in sent] == ["reminder", "catch_up", "summary"]
    assert sent[1] == ("catch_up", local(2, 18, 30))  # Wednesday, the day after Tuesday
