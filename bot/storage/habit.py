"""Habit queries: plans, logged sessions, pain ratings, weekly reviews and reminder rows.

The database is the source of truth. Everything here takes an `AsyncSession` (one unit of
work) and converts between ORM rows and the pure `dialogs.habit.schedule.Plan` /
`dialogs.habit.progress.SessionLog` values the dialogs understand.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
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
from dialogs.habit.progress import SessionLog
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


class Unscheduled(NamedTuple):
    """A plan with no pending reminder of some kind, as the dispatcher needs it."""

    user_id: int
    plan: Plan
    updated_at: datetime  # reminders are only scheduled after the plan's last change
    last_due: datetime | None  # the last reminder of that kind (None: never had one)


async def unscheduled_plans(
    session: AsyncSession, kind: str, after_user: int, limit: int
) -> list[Unscheduled]:
    """One keyset page (by user id, after `after_user`) of active, unpaused plans of active
    users that have no pending reminder of `kind` ("planned", "catchup", "summary")."""
    pending = exists().where(
        Reminder.user_id == PlanRow.user_id,
        Reminder.kind == kind,
        Reminder.status.in_(PENDING),
    )
    last_due = (
        select(func.max(Reminder.due_at))
        .where(Reminder.user_id == PlanRow.user_id, Reminder.kind == kind)
        .scalar_subquery()
    )
    statement = (
        select(PlanRow, User.timezone, last_due)
        .join(User, User.id == PlanRow.user_id)
        .where(
            PlanRow.user_id > after_user,
            PlanRow.paused.is_(False),
            PlanRow.weekdays != "",
            User.active.is_(True),
            ~pending,
        )
        .order_by(PlanRow.user_id)
        .limit(limit)
    )
    if kind == "catchup":  # Sunday planned (ISO 7): no catch-up slot, so never rescan those
        statement = statement.where(PlanRow.weekdays.not_like("%7%"))
    rows = (await session.execute(statement)).all()
    return [
        Unscheduled(row.user_id, to_plan(row, timezone), row.updated_at, due)
        for row, timezone, due in rows
    ]


async def claim_due(
    session: AsyncSession,
    now: datetime,
    *,
    claimant: str,
    stale_before: datetime,
    limit: int,
) -> list[int]:
    """Atomically claim up to `limit` due reminders for `claimant` (a process); returns their
    ids, earliest first. A claim made before `stale_before` (its process died before sending)
    is taken over. One `UPDATE … RETURNING`; on PostgreSQL the candidates are locked with
    `FOR UPDATE SKIP LOCKED`, so two processes never claim the same row."""
    candidates = (
        select(Reminder.id)
        .where(
            (Reminder.due_at <= now)
            & (
                (Reminder.status == "due")
                | ((Reminder.status == "claimed") & (Reminder.claimed_at < stale_before))
            )
        )
        .order_by(Reminder.due_at)
        .limit(limit)
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(Reminder)
        .where(Reminder.id.in_(candidates.scalar_subquery()))
        .values(status="claimed", claimed_by=claimant, claimed_at=now)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False)
    )
    return list((await session.execute(statement)).scalars())


async def claimed_reminder(
    session: AsyncSession, reminder_id: int, claimant: str
) -> Reminder | None:
    """The reminder row while `claimant` still holds its claim; None otherwise. Its `status`
    may be set ("skipped", "dropped") and is written with the session's commit."""
    row = await session.get(Reminder, reminder_id)
    if row is None or row.claimed_by != claimant or row.status != "claimed":
        return None
    return row


async def set_claimed_status(
    session: AsyncSession, reminder_id: int, claimant: str, status: str, **values: Any
) -> None:
    """Set a claimed reminder's status (and e.g. `sent_at`, `due_at`), only while `claimant`
    holds the claim."""
    await session.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id, Reminder.claimed_by == claimant)
        .values(status=status, **values)
    )


class DueTimeTaken(Exception):
    """The user already has a reminder of this kind due at that time (the unique key); the
    unit of work is spoilt and must be rolled back."""


async def reschedule_claimed(
    session: AsyncSession, reminder_id: int, claimant: str, due_at: datetime
) -> None:
    """Give a claimed reminder back as `due` at `due_at` (a deferred one); raises DueTimeTaken
    when its twin is already due then."""
    try:
        await set_claimed_status(
            session, reminder_id, claimant, "due", due_at=due_at, claimed_by=None, claimed_at=None
        )
    except IntegrityError as error:
        raise DueTimeTaken from error


async def is_users_reminder(session: AsyncSession, user_id: int, reminder_id: int) -> bool:
    """True when the reminder still exists and is the user's (a button of a deleted or forged
    reminder is a stale one)."""
    row = await session.get(Reminder, reminder_id)
    return row is not None and row.user_id == user_id


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
