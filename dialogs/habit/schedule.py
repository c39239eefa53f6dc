"""When to remind: pure time arithmetic for the movement plan, with the clock passed in.

The database is the source of truth for plans, reminders and exercise logs; the dispatcher (bot
side) asks this module *when* something is due and *whether* a due reminder should still go out.
Everything here takes aware datetimes, returns UTC instants and never reads the clock, so that
daylight-saving switches, quiet hours and late deliveries can be tested with a fixed clock.

Decisions documented here (and tested):
- Weekdays are 0 = Monday … 6 = Sunday; weeks are ISO weeks (Mon–Sun) in the user's timezone.
- A planned local time that does not exist (spring-forward gap, e.g. 02:30 in Berlin on the last
  Sunday of March) moves forward by the gap (→ 03:30 local). An ambiguous one (autumn, the hour
  happens twice) fires once, at its first occurrence (`fold=0`).
- Quiet hours (default 21:00–08:00, may wrap midnight; start == end means none) are never
  broken. A time inside them moves to the end of the quiet hours when that is still the same
  local day (07:00 → 08:00); otherwise the occurrence is dropped (a 22:00 reminder would land
  next morning, on a different day, so it is pointless). The plan dialog and /remind offer
  to move the quiet hours for such a time instead (`move_quiet_hours`).
- A reminder delivered late is still sent up to 2 hours after its due time and only on the same
  local day; after that it is stale and dropped (an 18:30 nudge at midnight helps nobody).
- Snoozing moves 1 hour ahead; if that lands in quiet hours, it moves to their end (next
  morning), which the bot announces as "tomorrow at 08:00".
- The catch-up nudge: once per week, on the day after the week's last planned day, at the plan
  time, only while fewer exercises than the goal are logged. No nudge if Sunday is planned (the
  weekly summary covers it).
- The weekly summary goes out on Sunday at 19:00 local (moved out of quiet hours if needed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dialogs.common.reply import Button, Message
from dialogs.habit.buttons import ReminderAction, ReminderButton, ReminderSnooze

# A new plan's defaults, product decisions: German is the bot's first language; Mon/Wed/Fri
# spreads the weekly goal over the week; 18:30 (local) is after a usual working day.
DEFAULT_TZ = "Europe/Berlin"
DEFAULT_DAYS: frozenset[int] = frozenset({0, 2, 4})
DEFAULT_TIME = time(18, 30)
# Quiet hours, local wall time: no reminder from 21:00 to 08:00 (product decision: not late in
# the evening, not before the day has begun).
DEFAULT_QUIET_START = time(21, 0)
DEFAULT_QUIET_END = time(8, 0)
# Exercises a week, of about 10 minutes each. "3 × 10 minutes a week" is the seed article's
# figure, citing Deutsche Rückenschulstiftung 2021 and DGSS 2020 (not verified in the originals;
# data/myths.yaml, entry `dose`). Hayden et al. (Cochrane 2021) support exercise therapy but set
# no minimum dose, so the number itself is a product decision.
WEEKLY_GOAL = 3
# A late reminder (the bot was down) is still sent up to 2 hours after its due time, a weekly
# summary up to 24 hours (product decisions: an 18:30 nudge at midnight helps nobody).
STALE_AFTER = timedelta(hours=2)
SUMMARY_STALE_AFTER = timedelta(hours=24)
SNOOZE = timedelta(hours=1)  # "⏰ Später": remind again an hour later (product decision)
# The snoozes offered after "⏰ Später", in minutes (product decision, issue 12: 30 min / 1 h /
# 2 h, and a typed time).
SNOOZE_CHOICES = (30, 60, 120)
# The weekly summary: Sunday (weekday 6; Monday is 0), the ISO week's last day, at 19:00 local
# (product decision).
SUMMARY_TIME = time(19, 0)
SUMMARY_WEEKDAY = 6


def hhmm(value: time | datetime) -> str:
    """A wall time as "18:30" (in messages, buttons and stored plans)."""
    return value.strftime("%H:%M")


@dataclass(frozen=True)
class Plan:
    """A user's movement plan: which weekdays, what local time, where, and when to stay quiet.

    `weekdays` 0 = Monday … 6 = Sunday; `at`, `quiet_start` and `quiet_end` naive local wall
    times in `tz` (an IANA name); `goal` exercises per ISO week; `paused_until` the last local
    day of a pause with an end date (None with `paused`: until /resume).
    """

    weekdays: frozenset[int] = DEFAULT_DAYS
    at: time = DEFAULT_TIME
    tz: str = DEFAULT_TZ
    quiet_start: time = DEFAULT_QUIET_START
    quiet_end: time = DEFAULT_QUIET_END
    paused: bool = False
    goal: int = WEEKLY_GOAL
    # the last local day of a holiday pause ("/pause 2 Wochen"); None: paused until /resume
    paused_until: date | None = None

    @property
    def zone(self) -> ZoneInfo:
        """The plan's time zone; ZoneInfoNotFoundError for an unknown name."""
        return ZoneInfo(self.tz)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")


def localize(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of local `day` `at`; gap times move forward, repeated times fire first.

    With `fold=0` zoneinfo reads a gap time with the offset from *before* the switch, so 02:30
    on a spring-forward day maps to 01:30 UTC = 03:30 summer time: forward by the gap.
    """
    local = datetime.combine(day, at, tzinfo=zone).replace(fold=0)
    return local.astimezone(UTC)


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day of `moment` in the user's timezone; ValueError for a naive `moment`."""
    _require_aware(moment)
    return moment.astimezone(zone).date()


def in_quiet_hours(at: time, start: time, end: time) -> bool:
    """Whether local wall time `at` lies in [start, end), which may wrap midnight."""
    if start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


def move_quiet_hours(at: time, start: time, end: time) -> tuple[time, time]:
    """New quiet hours (start, end; naive local) that leave the reminder time `at` outside,
    changing the side nearer to `at` (product decision): a morning time ends them at `at`
    (06:45 with 21:00–08:00 → 21:00–06:45), an evening time starts them an hour after it, room
    for the "in 1 hour" snooze (22:30 → 23:30–08:00), or ends them at `at` when that hour
    would reach their end. `(start, end)` unchanged when `at` is not inside them."""
    if not in_quiet_hours(at, start, end):
        return start, end

    def minutes(value: time) -> int:
        return value.hour * 60 + value.minute

    since_start = (minutes(at) - minutes(start)) % 1440
    to_end = (minutes(end) - minutes(at)) % 1440
    if to_end <= since_start or to_end <= 60:
        return start, at
    later = (minutes(at) + 60) % 1440
    return time(later // 60, later % 60), end


def pause_is_over(paused_until: date | None, now: datetime, zone: ZoneInfo) -> bool:
    """Whether a pause whose last local day is `paused_until` has ended at `now` (aware; its
    local day in `zone` is after `paused_until`). False for a pause without an end (None)."""
    return paused_until is not None and local_date(now, zone) > paused_until


def pause_end(paused_until: date, zone: ZoneInfo) -> datetime:
    """The instant (aware UTC) a pause ends: local midnight after its last day."""
    return localize(paused_until + timedelta(days=1), time(0, 0), zone)


def quiet_end_after(moment: datetime, plan: Plan) -> datetime:
    """`moment` itself (as UTC) if outside quiet hours, else the UTC instant their current run
    ends. `moment` must be aware (a naive one would be read as the machine's local time)."""
    zone = plan.zone
    local = moment.astimezone(zone)
    wall = local.time().replace(tzinfo=None)
    if not in_quiet_hours(wall, plan.quiet_start, plan.quiet_end):
        return moment.astimezone(UTC)
    day = local.date()
    if plan.quiet_start > plan.quiet_end and wall >= plan.quiet_start:
        day += timedelta(days=1)
    return localize(day, plan.quiet_end, zone)


def _occurrence_on(day: date, plan: Plan) -> datetime | None:
    """The planned instant on local `day`, moved out of quiet hours; None if it would leave it."""
    zone = plan.zone
    instant = quiet_end_after(localize(day, plan.at, zone), plan)
    if local_date(instant, zone) != day:
        return None
    return instant


def next_occurrences(plan: Plan, after: datetime, count: int = 1) -> list[datetime]:
    """The next `count` planned reminder instants (aware UTC, ascending) strictly after `after`.

    Paused plans and plans without weekdays have none. ValueError for a naive `after`.
    """
    _require_aware(after)
    if plan.paused or not plan.weekdays or count <= 0:
        return []
    found: list[datetime] = []
    day = local_date(after, plan.zone) - timedelta(days=1)
    for _ in range(7 * count + 14):
        if day.weekday() in plan.weekdays:
            instant = _occurrence_on(day, plan)
            if instant is not None and instant > after:
                found.append(instant)
                if len(found) == count:
                    break
        day += timedelta(days=1)
    return found


def week_start(moment: datetime, zone: ZoneInfo) -> date:
    """The local Monday of the ISO week containing `moment` (ValueError if naive)."""
    today = local_date(moment, zone)
    return today - timedelta(days=today.weekday())


def week_key(moment: datetime, zone: ZoneInfo) -> str:
    """A stable ISO-week label such as "2026-W13", in the user's timezone (ValueError if
    `moment` is naive)."""
    year, week, _ = local_date(moment, zone).isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(moment: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the local ISO week containing `moment`, as aware UTC instants (local
    Monday 00:00 to the next Monday 00:00); ValueError if `moment` is naive."""
    monday = week_start(moment, zone)
    return (
        localize(monday, time(0, 0), zone),
        localize(monday + timedelta(days=7), time(0, 0), zone),
    )


def catch_up_at(plan: Plan, moment: datetime) -> datetime | None:
    """The one catch-up slot of the week containing `moment`: the day after the last planned day.

    None when paused, nothing is planned, Sunday is planned, or the slot is in quiet hours.
    The slot is an aware UTC instant at the plan's local time; ValueError if `moment` is naive.
    """
    if plan.paused or not plan.weekdays:
        return None
    last = max(plan.weekdays)
    if last >= 6:
        return None
    return _occurrence_on(week_start(moment, plan.zone) + timedelta(days=last + 1), plan)


def weekly_summary_at(plan: Plan, after: datetime) -> datetime:
    """The next weekly summary instant (aware UTC) strictly after `after`: Sunday 19:00 local,
    moved out of quiet hours. ValueError for a naive `after`."""
    _require_aware(after)
    zone = plan.zone
    sunday = week_start(after, zone) + timedelta(days=SUMMARY_WEEKDAY)
    while True:
        instant = quiet_end_after(localize(sunday, SUMMARY_TIME, zone), plan)
        if instant > after:
            return instant
        sunday += timedelta(days=7)


def snooze_until(plan: Plan, now: datetime, delay: timedelta = SNOOZE) -> datetime:
    """`now + delay` (default SNOOZE, 1 hour) as aware UTC, moved to the end of quiet hours if
    it would fall inside them. ValueError for a naive `now`."""
    _require_aware(now)
    return quiet_end_after(now + delay, plan)


def next_local_time(plan: Plan, now: datetime, at: time) -> datetime | None:
    """The next instant (today or tomorrow) of local time `at`; None if `at` is in quiet hours.

    Used for "remind me at 19:30": a snooze to a chosen time. `at` is a naive local wall time;
    the result is aware UTC. ValueError for a naive `now`.
    """
    _require_aware(now)
    if in_quiet_hours(at, plan.quiet_start, plan.quiet_end):
        return None
    today = local_date(now, plan.zone)
    for day in (today, today + timedelta(days=1)):
        instant = localize(day, at, plan.zone)
        if instant > now:
            return instant
    return None


class Kind(StrEnum):
    """What a due job is, because each kind has its own reasons to stay quiet."""

    REMINDER = "reminder"
    SNOOZE = "snooze"
    CATCH_UP = "catch_up"
    SUMMARY = "summary"
    NOTICE = "notice"  # a one-off word from the bot (e.g. "your time zone was reset")


class Action(StrEnum):
    """What the dispatcher does with a due job (see `decide`)."""

    SEND = "send"
    SKIP = "skip"  # nothing to say any more (goal met, logged today, paused): mark done
    DROP = "drop"  # too late to be useful: mark dropped
    DEFER = "defer"  # try again at `Decision.at`


@dataclass(frozen=True)
class Decision:
    """What the dispatcher should do with a due job and why (`reason` is for logs and tests);
    `at` (aware UTC) is set for DEFER only."""

    action: Action
    reason: str
    at: datetime | None = field(default=None)


def decide(
    kind: Kind,
    due_at: datetime,
    now: datetime,
    plan: Plan,
    week_count: int,
    logged_today: bool,
    skipped_today: bool = False,
) -> Decision:
    """Decide whether a job due at `due_at` should be sent `now`.

    `week_count` is the number of exercise logs in `now`'s local ISO week, `logged_today` whether
    one was logged on `now`'s local day, `skipped_today` whether the user tapped "Skip today".
    Order matters: pausing beats everything, staleness beats content, quiet hours are checked
    last so that deferring never resurrects a useless message. Stale after STALE_AFTER (2 h)
    or the local day's end, a summary after SUMMARY_STALE_AFTER (24 h). A notice is never
    stale and ignores pausing (it must reach the person once), but waits for quiet hours to
    end. `now` is the moment of the decision: the caller reads the clock right before it
    decides, never once per batch. ValueError for a naive `due_at` or `now`.
    """
    _require_aware(due_at)
    _require_aware(now)
    zone = plan.zone
    if kind is Kind.NOTICE:
        allowed = quiet_end_after(max(now, due_at), plan)
        if allowed > now:
            return Decision(Action.DEFER, "quiet-hours" if allowed > due_at else "early", allowed)
        return Decision(Action.SEND, "ok")
    if plan.paused and kind is not Kind.SUMMARY:
        return Decision(Action.SKIP, "paused")
    if now < due_at:
        return Decision(Action.DEFER, "early", due_at.astimezone(UTC))
    limit = SUMMARY_STALE_AFTER if kind is Kind.SUMMARY else STALE_AFTER
    if now - due_at > limit:
        return Decision(Action.DROP, "stale")
    if kind is not Kind.SUMMARY:
        if local_date(now, zone) != local_date(due_at, zone):
            return Decision(Action.DROP, "stale")
        if week_count >= plan.goal:
            return Decision(Action.SKIP, "goal-met")
        if logged_today:
            return Decision(Action.SKIP, "logged-today")
        if skipped_today:
            return Decision(Action.SKIP, "skipped-today")
    allowed = quiet_end_after(now, plan)
    if allowed > now:
        if kind is not Kind.SUMMARY and local_date(allowed, zone) != local_date(due_at, zone):
            return Decision(Action.DROP, "quiet-hours")
        return Decision(Action.DEFER, "quiet-hours", allowed)
    return Decision(Action.SEND, "ok")


# --- what a reminder says -----------------------------------------------------------------


def reminder_message(kind: Kind, reminder_id: str | int, week_count: int, goal: int) -> Message:
    """A reminder (or catch-up nudge) with ✅ Done, ⏰ Later and Skip today. `reminder_id` is
    the reminder's row id (an int or its digits; ValueError otherwise or unless positive)."""
    rid = int(reminder_id)
    key = "habit-catch-up" if kind is Kind.CATCH_UP else "habit-reminder"
    return Message(
        key,
        {"count": week_count, "goal": goal, "missing": max(0, goal - week_count)},
        (
            (
                Button("habit-btn-done", ReminderButton(ReminderAction.DONE, rid).pack()),
                Button("habit-btn-later", ReminderButton(ReminderAction.LATER, rid).pack()),
            ),
            (Button("habit-btn-skip", ReminderButton(ReminderAction.SKIP, rid).pack()),),
        ),
    )


def later_options(reminder_id: str | int) -> Message:
    """After ⏰ Later: in 30 minutes, 1 hour or 2 hours (`SNOOZE_CHOICES`, `rem:in:<id>:<min>`),
    or a time the person types (`rem:time:<id>`: "um 19 Uhr", read by the reminder-reply stage).
    A snooze never lands in quiet hours (`snooze_until` moves it to their end)."""
    rid = int(reminder_id)
    choices = tuple(
        Button("habit-btn-snooze-minutes", ReminderSnooze(rid, n).pack(), {"minutes": n})
        for n in SNOOZE_CHOICES
    )
    typed = Button("habit-btn-snooze-time", ReminderButton(ReminderAction.TIME, rid).pack())
    return Message("habit-later-ask", {}, (choices, (typed,)))


def snoozed_message(plan: Plan, now: datetime, until: datetime) -> Message:
    """Confirm a snooze: "I'll remind you at 19:30" or "… tomorrow at 08:00"."""
    zone = plan.zone
    local = until.astimezone(zone)
    day = "today" if local.date() == now.astimezone(zone).date() else "tomorrow"
    return Message("habit-snoozed", {"time": hhmm(local), "day": day})
