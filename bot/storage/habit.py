"""Habit queries: plans, logged sessions, pain ratings, weekly reviews and reminder rows.

The database is the source of truth. Everything here takes an `AsyncSession` (one unit of
work) and converts between ORM rows and the pure `dialogs.habit.schedule.Plan` /
`dialogs.habit.progress.SessionLog` values the dialogs understand.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import (
    DialogState,
    ExerciseSession,
    PainRating,
    Reminder,
    User,
    WeeklyReview,
)
from bot.storage.models import Plan as PlanRow
from dialogs.habit.progress import Progress, SessionLog, progress
from dialogs.habit.schedule import Plan, localize, week_bounds

PENDING = ("due", "claimed")
SESSION_DIALOG = "session"  # the guided session's dialog in dialog_states


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def to_plan(row: PlanRow, tz: str) -> Plan:
    """ORM row (ISO weekdays 1..7) + the user's timezone → the pure plan (weekdays 0..6)."""
    days = frozenset(int(day) - 1 for day in row.weekdays.split(",") if day)
    return Plan(
        weekdays=days,
        at=_hhmm(row.local_time),
        tz=tz,
        quiet_start=_hhmm(row.quiet_start),
        quiet_end=_hhmm(row.quiet_end),
        paused=row.paused,
    )


async def get_plan(session: AsyncSession, user: User) -> Plan | None:
    row = await session.get(PlanRow, user.id)
    return None if row is None else to_plan(row, user.timezone)


async def save_plan(session: AsyncSession, user: User, plan: Plan, now: datetime) -> None:
    """Store the plan and its timezone; future reminders are re-materialised from it.

    `updated_at` is the (injected) clock's now: reminders are only scheduled after it, so a
    new plan never produces a reminder or summary for a time before it existed.
    """
    row = await session.get(PlanRow, user.id)
    weekdays = ",".join(str(day + 1) for day in sorted(plan.weekdays))
    if row is None:
        row = PlanRow(user_id=user.id)
        session.add(row)
    row.weekdays = weekdays
    row.local_time = plan.at.strftime("%H:%M")
    row.quiet_start = plan.quiet_start.strftime("%H:%M")
    row.quiet_end = plan.quiet_end.strftime("%H:%M")
    row.paused = plan.paused
    row.updated_at = now
    user.timezone = plan.tz
    await session.execute(
        delete(Reminder).where(
            Reminder.user_id == user.id,
            Reminder.status == "due",
            Reminder.kind.in_(("planned", "catchup", "summary")),
        )
    )


async def add_session(
    session: AsyncSession,
    user: User,
    *,
    done_at: datetime,
    minutes: int,
    source: str,
    update_key: str | None,
) -> bool:
    """Log a session; False if this update (or reminder) was already logged."""
    local = done_at.astimezone(ZoneInfo(user.timezone)).date()
    statement = (
        upsert_insert(session)(ExerciseSession)
        .values(
            user_id=user.id,
            done_at=done_at,
            local_date=local,
            minutes=minutes,
            source=source,
            update_key=update_key,
        )
        .on_conflict_do_nothing(index_elements=["update_key"])
        .returning(ExerciseSession.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def session_logs(session: AsyncSession, user_id: int) -> list[SessionLog]:
    rows = await session.execute(
        select(ExerciseSession.done_at, ExerciseSession.minutes, ExerciseSession.source)
        .where(ExerciseSession.user_id == user_id)
        .order_by(ExerciseSession.done_at)
    )
    return [SessionLog(at, minutes, source) for at, minutes, source in rows]


async def current_progress(session: AsyncSession, user: User, now: datetime) -> Progress:
    """This week's progress (count, streak, minutes) from every logged session."""
    return progress(await session_logs(session, user.id), now, user.timezone)


async def week_count(session: AsyncSession, user: User, moment: datetime) -> int:
    start, end = week_bounds(moment, ZoneInfo(user.timezone))
    count = await session.scalar(
        select(func.count())
        .select_from(ExerciseSession)
        .where(
            ExerciseSession.user_id == user.id,
            ExerciseSession.done_at >= start,
            ExerciseSession.done_at < end,
        )
    )
    return int(count or 0)


async def logged_on(session: AsyncSession, user_id: int, day: date) -> bool:
    found = await session.scalar(
        select(ExerciseSession.id)
        .where(ExerciseSession.user_id == user_id, ExerciseSession.local_date == day)
        .limit(1)
    )
    return found is not None


async def undo_last(session: AsyncSession, user_id: int) -> ExerciseSession | None:
    """Remove the most recently logged session (by logging order)."""
    row = await session.scalar(
        select(ExerciseSession)
        .where(ExerciseSession.user_id == user_id)
        .order_by(ExerciseSession.id.desc())
        .limit(1)
    )
    if row is not None:
        await session.delete(row)
        await session.flush()
    return row


async def add_pain(session: AsyncSession, user_id: int, at: datetime, score: int) -> None:
    session.add(PainRating(user_id=user_id, at=at, score=score))


async def pain_history(session: AsyncSession, user_id: int) -> list[tuple[datetime, int]]:
    rows = await session.execute(
        select(PainRating.at, PainRating.score)
        .where(PainRating.user_id == user_id)
        .order_by(PainRating.at)
    )
    return [(at, score) for at, score in rows]


async def record_review(
    session: AsyncSession, user_id: int, week_start: date, sessions: int, barrier: str | None
) -> None:
    """One weekly review per user and week; a later barrier answer updates it."""
    statement = upsert_insert(session)(WeeklyReview).values(
        user_id=user_id, week_start=week_start, sessions=sessions, barrier=barrier
    )
    if barrier is None:
        statement = statement.on_conflict_do_nothing(index_elements=["user_id", "week_start"])
    else:
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "week_start"], set_={"barrier": barrier}
        )
    await session.execute(statement)


async def latest_review_week(session: AsyncSession, user_id: int) -> date | None:
    return await session.scalar(
        select(func.max(WeeklyReview.week_start)).where(WeeklyReview.user_id == user_id)
    )


# --- reminders ----------------------------------------------------------------------------


async def add_reminder(session: AsyncSession, user_id: int, kind: str, due_at: datetime) -> bool:
    """Insert a due reminder; idempotent through the (user, kind, due_at) unique key."""
    return await add_reminders(session, [(user_id, kind, due_at)]) == 1


async def add_reminders(session: AsyncSession, rows: list[tuple[int, str, datetime]]) -> int:
    """Insert many due reminders in one statement (idempotent); returns how many were new."""
    if not rows:
        return 0
    statement = (
        upsert_insert(session)(Reminder)
        .values(
            [
                {"user_id": user_id, "kind": kind, "due_at": due_at, "status": "due"}
                for user_id, kind, due_at in rows
            ]
        )
        .on_conflict_do_nothing(index_elements=["user_id", "kind", "due_at"])
        .returning(Reminder.id)
    )
    return len((await session.execute(statement)).all())


async def skip_today(
    session: AsyncSession, user_id: int, reminder_id: int | None, start: datetime, end: datetime
) -> None:
    """ "Skip today": this reminder and any pending snooze of the day are skipped."""
    conditions = [
        and_(Reminder.kind == "snooze", Reminder.due_at >= start, Reminder.due_at < end),
    ]
    if reminder_id is not None:
        conditions.append(Reminder.id == reminder_id)
    await session.execute(
        update(Reminder)
        .where(
            Reminder.user_id == user_id,
            or_(*conditions),
            Reminder.status.in_((*PENDING, "sent")),
        )
        .values(status="skipped")
    )


async def skipped_between(
    session: AsyncSession, user_id: int, start: datetime, end: datetime
) -> bool:
    found = await session.scalar(
        select(Reminder.id)
        .where(
            Reminder.user_id == user_id,
            Reminder.status == "skipped",
            Reminder.due_at >= start,
            Reminder.due_at < end,
        )
        .limit(1)
    )
    return found is not None


async def running_sessions(
    session: AsyncSession, after_user_id: int, limit: int
) -> list[DialogState]:
    """One page of guided sessions in progress, by user id: the tick walks every page, so
    no session waits behind others however many run at once."""
    rows = await session.scalars(
        select(DialogState)
        .where(DialogState.dialog == SESSION_DIALOG, DialogState.user_id > after_user_id)
        .order_by(DialogState.user_id)
        .limit(limit)
    )
    return list(rows)


def day_bounds(moment: datetime, tz: str) -> tuple[datetime, datetime]:
    """[start, end) of `moment`'s local day as UTC instants."""
    zone = ZoneInfo(tz)
    day = moment.astimezone(zone).date()
    return localize(day, time(0, 0), zone), localize(day + timedelta(days=1), time(0, 0), zone)
