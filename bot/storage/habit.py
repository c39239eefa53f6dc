"""Habit queries: plans, exercise logs, pain ratings, weekly reviews and reminder rows.

The database is the source of truth. Everything here takes an `AsyncSession` (one unit of
work) and converts between ORM rows and the pure `dialogs.habit.schedule.Plan` /
`dialogs.habit.progress.ExerciseLog` values the dialogs understand.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import upsert_insert
from bot.storage.models import (
    DialogStateRow,
    ExerciseLogRow,
    PainRatingRow,
    PlanRow,
    ReminderRow,
    UserRow,
    WeeklyReviewRow,
)
from dialogs.habit.progress import ExerciseLog
from dialogs.habit.schedule import Plan, localize, pause_end, pause_is_over, week_bounds

# A reminder row's life: due → sending (claimed by one process, `claimed_by`, at `claimed_at`,
# and committed right before the sendMessage call; `settle_due`) → sent. "claimed" (`claim_due`:
# the benchmark's claim step, and older versions) sits between due and sending. Beside it:
# skipped (nothing to say), dropped (too late, quiet hours, user gone or blocked), failed (an
# error of this row only, logged with its id), lost (found "sending" after its process died:
# it may or may not have arrived, so it is never sent again). Pending: not yet decided.
PENDING = ("due", "claimed", "sending")
# A stored zone the tz database no longer knows is reset; the person is told by a reminder row
# of this kind (sent once, at-most-once like every reminder).
TZ_RESET = "tz_reset"
# The guided routine's dialog, stored in dialog_states under its old name (existing rows).
GUIDED_ROUTINE_DIALOG = "session"


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
        paused_until=row.paused_until,
    )


async def get_plan(session: AsyncSession, user: UserRow) -> Plan | None:
    """The user's plan in their time zone, or None when they have none."""
    row = await session.get(PlanRow, user.id)
    return None if row is None else to_plan(row, user.timezone)


async def save_plan(session: AsyncSession, user: UserRow, plan: Plan, now: datetime) -> None:
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
    row.paused_until = plan.paused_until if plan.paused else None
    row.updated_at = now
    user.timezone = plan.tz
    await session.execute(
        delete(ReminderRow).where(
            ReminderRow.user_id == user.id,
            ReminderRow.status == "due",
            ReminderRow.kind.in_(("planned", "catchup", "summary")),
        )
    )


async def add_exercise_log(
    session: AsyncSession,
    user: UserRow,
    *,
    done_at: datetime,
    minutes: int,
    source: str,
    update_key: str | None,
    activity: str | None = None,
    felt: str | None = None,
    message_id: int | None = None,
) -> bool:
    """Log an exercise; False if this update (or reminder) was already logged.

    `activity` ("walk", "yoga", …) and `felt` ("good" | "pain") as the activity reader found
    them; `message_id` the Telegram message that logged it (its edit corrects the entry)."""
    local = done_at.astimezone(ZoneInfo(user.timezone)).date()
    statement = (
        upsert_insert(session)(ExerciseLogRow)
        .values(
            user_id=user.id,
            done_at=done_at,
            local_date=local,
            minutes=minutes,
            source=source,
            update_key=update_key,
            activity=activity,
            felt=felt,
            message_id=message_id,
        )
        .on_conflict_do_nothing(index_elements=["update_key"])
        .returning(ExerciseLogRow.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def exercise_logs(
    session: AsyncSession, user_id: int, since: datetime | None = None
) -> list[ExerciseLog]:
    """Every exercise the user logged (at or after `since`, aware UTC, when given), oldest
    first (times aware UTC; minutes; the activity the reader found, None for a bare "done")."""
    statement = (
        select(
            ExerciseLogRow.done_at,
            ExerciseLogRow.minutes,
            ExerciseLogRow.source,
            ExerciseLogRow.activity,
        )
        .where(ExerciseLogRow.user_id == user_id)
        .order_by(ExerciseLogRow.done_at)
    )
    if since is not None:
        statement = statement.where(ExerciseLogRow.done_at >= since)
    rows = await session.execute(statement)
    return [ExerciseLog(at, minutes, source, activity) for at, minutes, source, activity in rows]


async def total_minutes(session: AsyncSession, user_id: int) -> int:
    """The minutes of every exercise the user logged, summed by the database."""
    total = await session.scalar(
        select(func.sum(ExerciseLogRow.minutes)).where(ExerciseLogRow.user_id == user_id)
    )
    return int(total or 0)


async def week_count(session: AsyncSession, user: UserRow, moment: datetime) -> int:
    """Exercises logged in the user's local ISO week of `moment` (aware; ValueError if naive)."""
    start, end = week_bounds(moment, ZoneInfo(user.timezone))
    count = await session.scalar(
        select(func.count())
        .select_from(ExerciseLogRow)
        .where(
            ExerciseLogRow.user_id == user.id,
            ExerciseLogRow.done_at >= start,
            ExerciseLogRow.done_at < end,
        )
    )
    return int(count or 0)


async def logged_on(session: AsyncSession, user_id: int, day: date) -> bool:
    """Whether an exercise was logged on `day`, a date in the user's time zone."""
    found = await session.scalar(
        select(ExerciseLogRow.id)
        .where(ExerciseLogRow.user_id == user_id, ExerciseLogRow.local_date == day)
        .limit(1)
    )
    return found is not None


async def last_exercise_log(session: AsyncSession, user_id: int) -> ExerciseLogRow | None:
    """The most recently logged exercise (by logging order), or None."""
    return await session.scalar(
        select(ExerciseLogRow)
        .where(ExerciseLogRow.user_id == user_id)
        .order_by(ExerciseLogRow.id.desc())
        .limit(1)
    )


async def delete_exercise_log(
    session: AsyncSession, user_id: int, log_id: int
) -> ExerciseLogRow | None:
    """Remove one of the user's exercise logs; None if it is gone already (or not theirs)."""
    row = await session.scalar(
        select(ExerciseLogRow).where(ExerciseLogRow.user_id == user_id, ExerciseLogRow.id == log_id)
    )
    if row is not None:
        await session.delete(row)
        await session.flush()
    return row


async def exercise_log_of_message(
    session: AsyncSession, user_id: int, message_id: int
) -> ExerciseLogRow | None:
    """The exercise logged by the user's typed message `message_id`, or None."""
    return await session.scalar(
        select(ExerciseLogRow).where(
            ExerciseLogRow.user_id == user_id, ExerciseLogRow.message_id == message_id
        )
    )


async def pain_rated_since(session: AsyncSession, user_id: int, since: datetime) -> bool:
    """Whether the user gave a pain rating at or after `since` (aware)."""
    found = await session.scalar(
        select(PainRatingRow.id)
        .where(PainRatingRow.user_id == user_id, PainRatingRow.at >= since)
        .limit(1)
    )
    return found is not None


async def undo_last(session: AsyncSession, user_id: int) -> ExerciseLogRow | None:
    """Remove the most recent exercise log (by logging order)."""
    row = await session.scalar(
        select(ExerciseLogRow)
        .where(ExerciseLogRow.user_id == user_id)
        .order_by(ExerciseLogRow.id.desc())
        .limit(1)
    )
    if row is not None:
        await session.delete(row)
        await session.flush()
    return row


async def remove_pain_after(session: AsyncSession, user_id: int, since: datetime) -> None:
    """Remove the pain ratings given after an exercise log the user took back: those at or
    after `since` (aware UTC, when the log was made: `dialogs.habit.parsing.logged_instant`)
    and before the next log still stored (a
    rating answers the log before it). One statement: the next log is a subquery."""
    later = (
        select(func.min(ExerciseLogRow.done_at))
        .where(ExerciseLogRow.user_id == user_id, ExerciseLogRow.done_at > since)
        .scalar_subquery()
    )
    await session.execute(
        delete(PainRatingRow)
        .where(
            PainRatingRow.user_id == user_id,
            PainRatingRow.at >= since,
            or_(later.is_(None), PainRatingRow.at < later),
        )
        .execution_options(synchronize_session=False)
    )


async def add_pain(session: AsyncSession, user_id: int, at: datetime, score: int) -> None:
    """Store a pain rating: `score` 0–10, `at` aware UTC."""
    session.add(PainRatingRow(user_id=user_id, at=at, score=score))


async def pain_history(session: AsyncSession, user_id: int) -> list[tuple[datetime, int]]:
    """(when, aware UTC; score 0–10) of every pain rating, oldest first."""
    rows = await session.execute(
        select(PainRatingRow.at, PainRatingRow.score)
        .where(PainRatingRow.user_id == user_id)
        .order_by(PainRatingRow.at)
    )
    return [(at, score) for at, score in rows]


async def record_review(
    session: AsyncSession, user_id: int, week_start: date, exercise_logs: int, barrier: str | None
) -> None:
    """One weekly review per user and week; a later barrier answer updates it."""
    statement = upsert_insert(session)(WeeklyReviewRow).values(
        user_id=user_id, week_start=week_start, sessions=exercise_logs, barrier=barrier
    )
    if barrier is None:
        statement = statement.on_conflict_do_nothing(index_elements=["user_id", "week_start"])
    else:
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "week_start"], set_={"barrier": barrier}
        )
    await session.execute(statement)


async def latest_review_week(session: AsyncSession, user_id: int) -> date | None:
    """The local Monday of the user's latest weekly review, or None."""
    return await session.scalar(
        select(func.max(WeeklyReviewRow.week_start)).where(WeeklyReviewRow.user_id == user_id)
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
        upsert_insert(session)(ReminderRow)
        .values(
            [
                {"user_id": user_id, "kind": kind, "due_at": due_at, "status": "due"}
                for user_id, kind, due_at in rows
            ]
        )
        .on_conflict_do_nothing(index_elements=["user_id", "kind", "due_at"])
        .returning(ReminderRow.id)
    )
    return len((await session.execute(statement)).all())


class Unscheduled(NamedTuple):
    """A plan with no pending reminder of some kind, as the dispatcher needs it."""

    user_id: int
    plan: Plan | None  # None: the stored plan does not parse (the dispatcher logs and skips it)
    updated_at: datetime  # reminders are only scheduled after the plan's last change
    last_due: datetime | None  # the last reminder of that kind (None: never had one)


async def unscheduled_plans(
    session: AsyncSession,
    kind: str,
    after_user: int,
    limit: int,
    *,
    through_user: int | None = None,
    changed: Changed | None = None,
) -> list[Unscheduled]:
    """One keyset page (by user id, after `after_user`, up to `through_user` when given) of
    active, unpaused plans of active users that have no pending reminder of `kind`
    ("planned", "catchup", "summary"); with `changed`, only plans changed since its time or of
    its users (an index range on `plans.updated_at`, not a scan of every plan)."""
    # The reminders' user ids bounded like the plans' (redundant for the result): PostgreSQL
    # then reads only the window's reminders through the (user_id, kind, due_at) key instead
    # of every reminder row (README, "Benchmarks": the tick with 100,000 plans).
    same_users = [ReminderRow.user_id == PlanRow.user_id, ReminderRow.user_id > after_user]
    if through_user is not None:
        same_users.append(ReminderRow.user_id <= through_user)
    pending = exists().where(
        *same_users,
        ReminderRow.kind == kind,
        ReminderRow.status.in_(PENDING),
    )
    last_due = (
        select(func.max(ReminderRow.due_at))
        .where(*same_users, ReminderRow.kind == kind)
        .scalar_subquery()
    )
    statement = (
        select(PlanRow, UserRow.timezone, last_due)
        .join(UserRow, UserRow.id == PlanRow.user_id)
        .where(
            PlanRow.user_id > after_user,
            PlanRow.paused.is_(False),
            PlanRow.weekdays != "",
            UserRow.active.is_(True),
            ~pending,
        )
        .order_by(PlanRow.user_id)
        .limit(limit)
    )
    if through_user is not None:
        statement = statement.where(PlanRow.user_id <= through_user)
    if changed is not None:
        recent = PlanRow.updated_at >= changed.since
        statement = statement.where(
            or_(recent, PlanRow.user_id.in_(list(changed.users))) if changed.users else recent
        )
    if kind == "catchup":  # Sunday planned (ISO 7): no catch-up slot, so never rescan those
        statement = statement.where(PlanRow.weekdays.not_like("%7%"))
    rows = (await session.execute(statement)).all()
    return [
        Unscheduled(row.user_id, _plan_or_none(row, timezone), row.updated_at, due)
        for row, timezone, due in rows
    ]


FIRST_USER = -(2**62)  # below every Telegram user id: a keyset scan from the start


class PlanScan(NamedTuple):
    """Where a process's look for plans without a next reminder is (`bot.reminders.
    materialise`): the last user id of its previous window (the next starts after it) and
    when it last looked (aware UTC; None: never, so nothing counts as changed yet)."""

    after_user: int = FIRST_USER
    since: datetime | None = None


class Changed(NamedTuple):
    """Plans to look at besides a window: changed at or after `since` (aware UTC), or of
    `users` (e.g. holiday pauses just ended)."""

    since: datetime
    users: frozenset[int] = frozenset()


async def plan_window_end(session: AsyncSession, after_user: int, size: int) -> int | None:
    """The user id of the `size`-th plan after `after_user` in user-id order (an index range
    of `size` entries); None when fewer are left."""
    return await session.scalar(
        select(PlanRow.user_id)
        .where(PlanRow.user_id > after_user)
        .order_by(PlanRow.user_id)
        .offset(size - 1)
        .limit(1)
    )


def _plan_or_none(row: PlanRow, tz: str) -> Plan | None:
    try:
        return to_plan(row, tz)
    except ValueError:  # a damaged row ("1,x", "25:00"): one user's problem, not the batch's
        return None


class Cursor(NamedTuple):
    """Where a dispatcher tick is in the due rows, in (due_at, id) order: a tick claims only
    rows after it, so it attempts each row at most once however often sends fail."""

    due_at: datetime
    id: int
    user_id: int  # whose row it is (not part of the order: ids are unique)


async def anything_due(session: AsyncSession, now: datetime) -> bool:
    """Whether some reminder is due at `now` (one probe of the (status, due_at, id) index)."""
    statement = select(exists().where(ReminderRow.status == "due", ReminderRow.due_at <= now))
    return bool(await session.scalar(statement))


# A SELECT of any columns of `reminders` (`_due_in_order` narrows it, keeping its row type).
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


class DueRow(NamedTuple):
    """A due reminder as a walk reads it ahead of deciding it (plain values, no ORM row)."""

    due_at: datetime
    id: int
    user_id: int
    kind: str

    @property
    def cursor(self) -> Cursor:
        """Its place in the walk's (due_at, id) order."""
        return Cursor(self.due_at, self.id, self.user_id)


async def due_page(
    session: AsyncSession, now: datetime, *, after: Cursor | None, limit: int
) -> list[DueRow]:
    """Up to `limit` rows due at `now` (aware UTC), in (due_at, id) order after `after`: a read,
    no claim (`settle_due` claims each row as it is decided). One index range scan on
    (status, due_at, id)."""
    statement = _due_in_order(
        select(ReminderRow.due_at, ReminderRow.id, ReminderRow.user_id, ReminderRow.kind),
        now,
        after,
        limit,
    )
    return [DueRow(*row) for row in await session.execute(statement)]


def _due_in_order(statement: _Query, now: datetime, after: Cursor | None, limit: int) -> _Query:
    """`statement` narrowed to up to `limit` rows due at `now`, in (due_at, id) order after
    `after` (a keyset: the (status, due_at, id) index serves it without a sort)."""
    statement = (
        statement.where(ReminderRow.status == "due", ReminderRow.due_at <= now)
        .order_by(ReminderRow.due_at, ReminderRow.id)
        .limit(limit)
    )
    if after is None:
        return statement
    return statement.where(
        or_(
            ReminderRow.due_at > after.due_at,
            and_(ReminderRow.due_at == after.due_at, ReminderRow.id > after.id),
        )
    )


async def users_by_id(session: AsyncSession, user_ids: Collection[int]) -> dict[int, UserRow]:
    """The stored users among `user_ids` (one query), by id."""
    if not user_ids:
        return {}
    rows = await session.scalars(select(UserRow).where(UserRow.id.in_(list(user_ids))))
    return {row.id: row for row in rows}


async def plan_rows(session: AsyncSession, user_ids: Collection[int]) -> dict[int, PlanRow]:
    """The plan rows of `user_ids` that have one (one query), by user id; `to_plan` reads
    each (a damaged row raises there, for its person alone)."""
    if not user_ids:
        return {}
    rows = await session.scalars(select(PlanRow).where(PlanRow.user_id.in_(list(user_ids))))
    return {row.user_id: row for row in rows}


Span = tuple[datetime, datetime]
_Key = TypeVar("_Key")


def _users_by(pairs: Iterable[tuple[int, _Key]]) -> dict[_Key, list[int]]:
    """User ids grouped by their key (a span, a date): people in one time zone share it, so a
    page of rows needs about one query per zone, not one per person."""
    grouped: dict[_Key, list[int]] = {}
    for user_id, key in pairs:
        grouped.setdefault(key, []).append(user_id)
    return grouped


async def week_counts(
    session: AsyncSession, wanted: Collection[tuple[int, Span]]
) -> dict[tuple[int, Span], int]:
    """Exercise logs per (user id, [start, end)) pair (aware UTC; a user's local ISO week, see
    `week_bounds`), one grouped query per distinct span; pairs without logs are absent."""
    counts: dict[tuple[int, Span], int] = {}
    for span, user_ids in _users_by(wanted).items():
        rows = await session.execute(
            select(ExerciseLogRow.user_id, func.count())
            .where(
                ExerciseLogRow.user_id.in_(user_ids),
                ExerciseLogRow.done_at >= span[0],
                ExerciseLogRow.done_at < span[1],
            )
            .group_by(ExerciseLogRow.user_id)
        )
        counts.update(((user_id, span), int(count)) for user_id, count in rows)
    return counts


async def logged_on_days(session: AsyncSession, days: dict[int, date]) -> set[int]:
    """The users among `days` (user id → a date in their time zone) who logged an exercise on
    that day; one query per distinct date."""
    found: set[int] = set()
    for day, user_ids in _users_by(days.items()).items():
        found.update(
            await session.scalars(
                select(ExerciseLogRow.user_id)
                .where(ExerciseLogRow.user_id.in_(user_ids), ExerciseLogRow.local_date == day)
                .distinct()
            )
        )
    return found


async def skipped_in(session: AsyncSession, days: dict[int, Span]) -> set[int]:
    """The users among `days` (user id → [start, end) of their local day, aware UTC) with a
    reminder due in it that was skipped ("Skip today"); one query per distinct span."""
    found: set[int] = set()
    for (start, end), user_ids in _users_by(days.items()).items():
        found.update(
            await session.scalars(
                select(ReminderRow.user_id)
                .where(
                    ReminderRow.user_id.in_(user_ids),
                    ReminderRow.status == "skipped",
                    ReminderRow.due_at >= start,
                    ReminderRow.due_at < end,
                )
                .distinct()
            )
        )
    return found


async def settle_due(session: AsyncSession, reminder_id: int, status: str, **values: Any) -> bool:
    """Claim a due row and give it its decided `status` in one statement ("sending" before
    the send, with `claimed_by` and `claimed_at` in `values`; or "skipped", "dropped", "due"
    with a later `due_at`). False when the row is no longer due: another process took it, or
    the person changed their plan or deleted their data meanwhile; it is then left alone. On
    PostgreSQL a second process's statement on the same row waits for the first's commit and
    then finds the row no longer due, so a row is settled once."""
    result = await session.execute(
        update(ReminderRow)
        .where(ReminderRow.id == reminder_id, ReminderRow.status == "due")
        .values(status=status, **values)
    )
    return _rowcount(result) == 1


async def expire_claims(session: AsyncSession, stale_before: datetime) -> int:
    """Rows claimed before `stale_before` and not yet sending (their process died between
    claiming and sending: nothing was sent) go back to `due`; returns how many. Safe while
    the old claimant lives on: it can no longer mark the row "sending"."""
    result = await session.execute(
        update(ReminderRow)
        .where(ReminderRow.status == "claimed", ReminderRow.claimed_at < stale_before)
        .values(status="due", claimed_by=None, claimed_at=None)
    )
    return _rowcount(result)


async def claim_due(
    session: AsyncSession,
    now: datetime,
    *,
    claimant: str,
    limit: int,
    after: Cursor | None = None,
) -> list[Cursor]:
    """Atomically claim up to `limit` due reminders for `claimant` (a process), in (due_at, id)
    order after `after`; returns their cursors, earliest first. One `UPDATE … RETURNING` (an
    index range scan on (status, due_at, id), in the claim's order); on PostgreSQL the
    candidates are locked with `FOR UPDATE SKIP LOCKED`, so two processes never claim the same
    row."""
    candidates = _due_in_order(select(ReminderRow.id), now, after, limit)
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(ReminderRow)
        .where(ReminderRow.id.in_(candidates.scalar_subquery()))
        .values(status="claimed", claimed_by=claimant, claimed_at=now)
        .returning(ReminderRow.due_at, ReminderRow.id, ReminderRow.user_id)
        .execution_options(synchronize_session=False)
    )
    return sorted(Cursor(*row) for row in await session.execute(statement))


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def finish_sending(
    session: AsyncSession, reminder_id: int, claimant: str, status: str, **values: Any
) -> bool:
    """sending → `status` ("sent", or "due"/"dropped"/"failed"/"lost" after an error), with
    e.g. `sent_at`, `message_id`. "sent" also overrides a "lost" that `sweep_lost` wrote while
    a slow send was still under way (it did arrive); nothing else leaves "lost"."""
    allowed = ("sending", "lost") if status == "sent" else ("sending",)
    result = await session.execute(
        update(ReminderRow)
        .where(
            ReminderRow.id == reminder_id,
            ReminderRow.claimed_by == claimant,
            ReminderRow.status.in_(allowed),
        )
        .values(status=status, **values)
    )
    return _rowcount(result) == 1


async def sweep_lost(session: AsyncSession, stale_before: datetime) -> list[tuple[int, int]]:
    """Rows "sending" since before `stale_before` (their process died during the send, or a
    send hangs far longer than any should) become "lost": they may have arrived, so they are
    never sent again. Returns (reminder id, user id) of each, for the log."""
    statement = (
        update(ReminderRow)
        .where(ReminderRow.status == "sending", ReminderRow.claimed_at < stale_before)
        .values(status="lost")
        .returning(ReminderRow.id, ReminderRow.user_id)
        .execution_options(synchronize_session=False)
    )
    return [(id_, user_id) for id_, user_id in await session.execute(statement)]


async def release_claims(session: AsyncSession, claimant: str) -> int:
    """Give back every row `claimant` has claimed but not begun sending (a clean stop), so
    another process takes them at once instead of after the lease; returns how many. Rows
    already "sending" stay as they are (whether they arrived is unknown)."""
    result = await session.execute(
        update(ReminderRow)
        .where(ReminderRow.claimed_by == claimant, ReminderRow.status == "claimed")
        .values(status="due", claimed_by=None, claimed_at=None)
    )
    return _rowcount(result)


async def due_time_taken(session: AsyncSession, row: DueRow, due_at: datetime) -> bool:
    """Whether another reminder of `row`'s user and kind is already due at `due_at` (the
    unique key): a deferred row is then dropped instead of moved there."""
    found = await session.scalar(
        select(ReminderRow.id)
        .where(
            ReminderRow.user_id == row.user_id,
            ReminderRow.kind == row.kind,
            ReminderRow.due_at == due_at,
            ReminderRow.id != row.id,
        )
        .limit(1)
    )
    return found is not None


async def mark_failed(session: AsyncSession, reminder_id: int) -> bool:
    """A due (or claimed) row whose decision raised: "failed", so it is neither retried nor
    blocking the next one (the error is logged with its id by the dispatcher)."""
    result = await session.execute(
        update(ReminderRow)
        .where(ReminderRow.id == reminder_id, ReminderRow.status.in_(("due", "claimed")))
        .values(status="failed")
    )
    return _rowcount(result) == 1


async def stored_timezones(session: AsyncSession) -> list[str]:
    """Every distinct time zone stored for a user (a handful of names, however many users)."""
    return list(await session.scalars(select(UserRow.timezone).distinct()))


async def reset_timezone(
    session: AsyncSession, zone: str, default: str, now: datetime, user_id: int | None = None
) -> list[int]:
    """Every user (or only `user_id`) whose stored time zone is `zone` gets `default` instead,
    plus a `TZ_RESET` reminder row due `now` that tells them so, once. Returns the ids of the
    users changed; one that another process reset first is not among them (the update
    compares the old zone), so nobody is told twice."""
    condition = UserRow.timezone == zone
    if user_id is not None:
        condition = condition & (UserRow.id == user_id)
    changed = list(
        await session.scalars(
            update(UserRow)
            .where(condition)
            .values(timezone=default)
            .returning(UserRow.id)
            .execution_options(synchronize_session=False)
        )
    )
    for start in range(0, len(changed), 1000):  # bound the statement's parameters
        chunk = changed[start : start + 1000]
        await add_reminders(session, [(changed_id, TZ_RESET, now) for changed_id in chunk])
    return changed


# Reminder kinds a person can answer in words ("später", "heute nicht").
ANSWERABLE = ("planned", "snooze", "catchup")


async def recent_reminder(session: AsyncSession, user_id: int, since: datetime) -> int | None:
    """The id of the newest reminder (planned, snooze or catch-up) sent to the user at or after
    `since` (aware UTC) and still standing (not skipped since), or None."""
    return await session.scalar(
        select(ReminderRow.id)
        .where(
            ReminderRow.user_id == user_id,
            ReminderRow.kind.in_(ANSWERABLE),
            ReminderRow.status == "sent",
            ReminderRow.sent_at >= since,
        )
        .order_by(ReminderRow.sent_at.desc(), ReminderRow.id.desc())
        .limit(1)
    )


async def end_pauses(
    session: AsyncSession, now: datetime, after_user: int, limit: int
) -> list[int]:
    """One keyset page (by user id, after `after_user`) of holiday pauses that are over at
    `now` (aware): the plan's `paused_until` is before the user's local today. Those plans are
    active again (`paused` and `paused_until` cleared, `updated_at` the pause's end, so the
    first reminder after it is scheduled even if its time passed moments ago). Returns the
    page's candidate user ids (a page shorter than `limit` is the last); only pauses ending by
    the UTC date of `now` are candidates, since no local day is later than UTC's next day."""
    rows = await session.execute(
        select(PlanRow, UserRow.timezone)
        .join(UserRow, UserRow.id == PlanRow.user_id)
        .where(
            PlanRow.user_id > after_user,
            PlanRow.paused.is_(True),
            PlanRow.paused_until.is_not(None),
            PlanRow.paused_until <= now.astimezone(UTC).date(),
        )
        .order_by(PlanRow.user_id)
        .limit(limit)
    )
    seen = []
    for row, timezone in rows:
        seen.append(row.user_id)
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            continue  # the dispatcher resets unknown zones; the pause ends on a later tick
        if row.paused_until is not None and pause_is_over(row.paused_until, now, zone):
            row.updated_at = pause_end(row.paused_until, zone)
            row.paused, row.paused_until = False, None
    return seen


async def is_users_reminder(session: AsyncSession, user_id: int, reminder_id: int) -> bool:
    """True when the reminder still exists and is the user's (a button of a deleted or forged
    reminder is a stale one)."""
    row = await session.get(ReminderRow, reminder_id)
    return row is not None and row.user_id == user_id


async def skip_today(
    session: AsyncSession, user_id: int, reminder_id: int | None, start: datetime, end: datetime
) -> None:
    """ "Skip today": this reminder and any pending snooze of the day are skipped."""
    conditions = [
        and_(ReminderRow.kind == "snooze", ReminderRow.due_at >= start, ReminderRow.due_at < end),
    ]
    if reminder_id is not None:
        conditions.append(ReminderRow.id == reminder_id)
    await session.execute(
        update(ReminderRow)
        .where(
            ReminderRow.user_id == user_id,
            or_(*conditions),
            ReminderRow.status.in_((*PENDING, "sent")),
        )
        .values(status="skipped")
    )


async def skipped_between(
    session: AsyncSession, user_id: int, start: datetime, end: datetime
) -> bool:
    """Whether a reminder due in [start, end) (aware UTC) was skipped ("Skip today")."""
    found = await session.scalar(
        select(ReminderRow.id)
        .where(
            ReminderRow.user_id == user_id,
            ReminderRow.status == "skipped",
            ReminderRow.due_at >= start,
            ReminderRow.due_at < end,
        )
        .limit(1)
    )
    return found is not None


async def running_routines(
    session: AsyncSession, after_user_id: int, limit: int
) -> list[DialogStateRow]:
    """One page of guided routines in progress, by user id: the tick walks every page, so
    no routine waits behind others however many run at once."""
    rows = await session.scalars(
        select(DialogStateRow)
        .where(
            DialogStateRow.dialog == GUIDED_ROUTINE_DIALOG, DialogStateRow.user_id > after_user_id
        )
        .order_by(DialogStateRow.user_id)
        .limit(limit)
    )
    return list(rows)


def day_bounds(moment: datetime, tz: str) -> tuple[datetime, datetime]:
    """[start, end) of `moment`'s local day in `tz` (IANA) as aware UTC instants; `moment`
    must be aware (a naive one would be read as the machine's local time)."""
    zone = ZoneInfo(tz)
    day = moment.astimezone(zone).date()
    return localize(day, time(0, 0), zone), localize(day + timedelta(days=1), time(0, 0), zone)
