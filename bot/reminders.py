"""The reminder dispatcher: a JobQueue tick that turns plans into due rows and sends each at
most once.

The database is the source of truth; nothing per user stays in memory between ticks. Each tick

1. gives rows "claimed" for longer than `LEASE` back (their process died before sending) and
   marks rows found "sending" for longer than `SENDING_LEASE` as "lost" (their process died
   during the send: the message may have arrived, so it is never sent again), logging the ids;
2. ends holiday pauses whose last local day is over (`plans.paused_until`: the plan is active
   again and the flag cleared), then materialises the next row of each kind (planned,
   catchup, summary) for plans that have no pending row of that kind — every plan on a
   process's first tick, then a window of `SCAN_WINDOW` plans plus the changed ones per tick,
   in keyset batches, idempotent through the unique (user_id, kind, due_at) key
   (`INSERT … ON CONFLICT DO NOTHING`). A plan that fails (a damaged row, a time zone the tz
   database no longer knows) is logged and skipped; an unknown zone is reset to
   DEFAULT_TIMEZONE and the person told once (a `tz_reset` row);
3. walks the due rows once, in (due_at, id) order, with `REMINDER_SENDERS` walkers at once
   (never two rows of one person side by side). The walk reads the due rows ahead a page
   (`PAGE`) at a time, with what deciding them needs (people, plans, week counts, sessions
   and "Skip today" of the day: a handful of queries per page instead of seven per row).
   Each row then takes one transaction: the previous send's outcome is recorded, the row is
   decided (`dialogs.habit.schedule.decide`) with the clock read right then, and the decision
   is committed by one `UPDATE … WHERE status = 'due'` that also claims the row — skipped,
   dropped, due later, or "sending"; then sendMessage is called. A row no longer due by then
   (another process took it, the plan changed) is left alone. A failed send goes back to
   `due` for the next tick (the walk notes it, so a tick tries each row at most once);
   403 marks the user inactive; a timeout marks the row "lost" (it may have arrived). An error
   in one row is logged with its id, the row marked "failed", and the walk goes on.

Why the claim is the decision's own statement: a claim is never committed on its own, so a
process that dies strands nothing but the rows it was sending, one per walker (lost, by
design: a lost reminder is better than a double one); no row waits for a lease.
`release_claims` stops the walk on a clean stop.

It also advances guided routines whose step time is up (their state lives in dialog_states, so
a restart continues them).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes

from bot import render
from bot.exercises import current_progress, finish_guided_routine
from bot.services import Services, services
from bot.storage import checkins as checkin_store
from bot.storage import habit as store
from bot.storage import users
from bot.storage.database import Session
from bot.storage.models import PlanRow, UserRow
from dialogs.common import state_codec
from dialogs.common.buttons import MenuButton
from dialogs.common.reply import Button, Message
from dialogs.habit import checkin, guided_routine, progress, schedule
from dialogs.habit.parsing import known_timezone

log = logging.getLogger(__name__)

# Plans (or guided routines) per query and transaction: product decision, so a tick's memory
# stays flat however many users there are (README.md, "Benchmarks").
BATCH = 200
# Plans a tick looks at for missing reminders, besides those changed since the previous tick
# (product decision: the tick's cost stays flat however many plans there are – README,
# "Benchmarks" – while every plan is still looked at once per ⌈plans / 2,000⌉ ticks, about
# 8 minutes for 100,000 plans at a tick per 10 s; the next reminder of a plan that just had
# one is hours away, and a new or changed plan is looked at on the next tick).
SCAN_WINDOW = 2_000
# Plans changed this long before the previous tick are looked at again: room for a handler's
# clock and the database's `updated_at` to differ a little (product decision).
CLOCK_SKEW = timedelta(minutes=1)
# Rows per `claim` (the claim step alone, committed as "claimed": the benchmark measures it).
# The dispatcher itself claims each row with the statement that commits its decision.
CLAIM_BATCH = 10
# Due rows a tick reads ahead per query, with what deciding them needs (product decision: a
# handful of queries serve 50 rows instead of seven per row; at the default 30 messages/s a
# page lasts under two seconds, so the facts read with it – week counts, "Skip today" – are
# seconds old at most when a row is decided; the clock is read for each decision).
PAGE = 50
# A row committed as "claimed" (by `claim`, or by an older version of the bot) and left longer
# than this goes back to `due`: nothing of it was sent (product decision: far longer than
# deciding a batch takes, short enough that a crash delays those rows by half a minute).
LEASE = timedelta(seconds=30)
# A row "sending" longer than this is marked "lost" (product decision: longer than any send
# with the rate limiter's 429 retries takes). The label is bookkeeping: a "sending" row is
# never sent again, whatever its age.
SENDING_LEASE = timedelta(minutes=5)
KINDS = {
    "planned": schedule.Kind.REMINDER,
    "snooze": schedule.Kind.SNOOZE,
    "catchup": schedule.Kind.CATCH_UP,
    "summary": schedule.Kind.SUMMARY,
    store.TZ_RESET: schedule.Kind.NOTICE,
}
# How far back materialising looks for a slot (after downtime): as far as a slot of that kind
# could still be sent (schedule.STALE_AFTER; summaries SUMMARY_STALE_AFTER).
WINDOW = {"planned": schedule.STALE_AFTER, "catchup": schedule.STALE_AFTER}
# A guided step overdue by this much (the bot was down) ends the routine without messages
# (product decision: the person has long moved on).
ABANDONED = timedelta(minutes=10)
GUIDED_ROUTINE_BUTTON = Button("button-session", MenuButton("session").pack())


def next_due(kind: str, plan: schedule.Plan, after: datetime) -> datetime | None:
    """The first instant (aware UTC) of `kind` ("planned", "summary", "catchup") strictly
    after `after` (aware; ValueError if naive); None: nothing to schedule."""
    if plan.paused:
        return None
    if kind == "planned":
        found = schedule.next_occurrences(plan, after)
        return found[0] if found else None
    if kind == "summary":
        return schedule.weekly_summary_at(plan, after)
    for weeks in (0, 1, 2):
        slot = schedule.catch_up_at(plan, after + timedelta(weeks=weeks))
        if slot is not None and slot > after:
            return slot
    return None


async def end_pauses(svc: Services, now: datetime) -> set[int]:
    """Holiday pauses whose last local day is over become active plans again (the flag
    cleared), in keyset batches, so the reminders resume without anyone doing anything;
    returns the user ids looked at (their plans are materialised in the same tick)."""
    seen: set[int] = set()
    last_user = store.FIRST_USER
    while True:
        async with svc.db.session() as session:
            page = await store.end_pauses(session, now, last_user, BATCH)
        seen.update(page)
        if len(page) < BATCH:
            return seen
        last_user = page[-1]


async def materialise(svc: Services, now: datetime, resumed: Collection[int] = ()) -> int:
    """Create the next due row per kind for plans without a pending one; returns rows added.

    A process's first tick looks at every plan (after a deployment or downtime, every plan gets
    its next row at once); each later tick at the next window of SCAN_WINDOW plans (in user-id
    order, wrapping round) and at the plans changed since the previous tick (new plans,
    changed plans, and `resumed`: holiday pauses that just ended), so its cost does not grow
    with the number of users. One multi-row INSERT per batch of plans: a few statements per
    200 users, not one per user. A plan that cannot be scheduled is logged with its user id
    and skipped; one whose time zone the tz database does not know is reset to
    DEFAULT_TIMEZONE (its owner is told once) and scheduled on the next tick.
    """
    scan = svc.plan_scan
    changed: store.Changed | None = None
    through: int | None = None  # None: to the last plan
    if scan.since is not None:  # the first tick of a process looks at every plan, once
        async with svc.db.session() as session:
            through = await store.plan_window_end(session, scan.after_user, SCAN_WINDOW)
        changed = store.Changed(min(scan.since, now) - CLOCK_SKEW, frozenset(resumed))
    added = 0
    for kind in ("planned", "catchup", "summary"):
        added += await _materialise_pages(svc, now, kind, scan.after_user, through_user=through)
        if changed is not None:
            added += await _materialise_pages(svc, now, kind, store.FIRST_USER, changed=changed)
    svc.plan_scan = store.PlanScan(store.FIRST_USER if through is None else through, now)
    return added


async def _materialise_pages(
    svc: Services,
    now: datetime,
    kind: str,
    after: int,
    through_user: int | None = None,
    changed: store.Changed | None = None,
) -> int:
    """`materialise` for one kind and one scope (a window of user ids, or changed plans)."""
    window = WINDOW.get(kind, schedule.SUMMARY_STALE_AFTER)
    added, last_user = 0, after
    while True:
        async with svc.db.session() as session:
            plans = await store.unscheduled_plans(
                session, kind, last_user, BATCH, through_user=through_user, changed=changed
            )
            due_rows = []
            unknown_zones = []
            for user_id, plan, updated_at, last_due in plans:
                if plan is None:
                    log.warning("plan of user %s cannot be read: skipped", user_id)
                elif not known_timezone(plan.tz):
                    unknown_zones.append((user_id, plan.tz))
                else:
                    after_time = max(now - window, last_due or now - window, updated_at)
                    due = _next_due_or_none(kind, plan, after_time, user_id)
                    if due is not None:
                        due_rows.append((user_id, kind, due))
            added += await store.add_reminders(session, due_rows)
            for user_id, zone in unknown_zones:
                await _reset_zone(svc, session, zone, now, user_id)
        if len(plans) < BATCH:
            return added
        last_user = plans[-1].user_id


def _next_due_or_none(
    kind: str, plan: schedule.Plan, after: datetime, user_id: int
) -> datetime | None:
    try:
        return next_due(kind, plan, after)
    except Exception:  # one plan's problem must not stop everyone's reminders
        log.exception("no %s reminder for user %s: scheduling failed, skipped", kind, user_id)
        return None


async def _reset_zone(
    svc: Services, session: Session, zone: str, now: datetime, user_id: int | None = None
) -> None:
    default = svc.settings.default_timezone
    changed = await store.reset_timezone(session, zone, default, now, user_id)
    if changed:
        log.warning(
            "time zone %r unknown to the tz database: reset to %s for user(s) %s (told once)",
            zone,
            default,
            ", ".join(map(str, changed[:20])) + (" …" if len(changed) > 20 else ""),
        )


async def reset_unknown_timezones(svc: Services) -> None:
    """Reset every stored time zone this process's tz database does not know (e.g. one removed
    from tzdata since it was stored) to DEFAULT_TIMEZONE; each person is told once by a
    `tz_reset` reminder. Run at start-up, when a new tz database comes into use; later bad
    rows are caught one by one by `materialise` and `_decide`."""
    async with svc.db.session() as session:
        for zone in await store.stored_timezones(session):
            if not known_timezone(zone):
                await _reset_zone(svc, session, zone, svc.clock())


async def claim(
    svc: Services,
    now: datetime,
    limit: int = CLAIM_BATCH,
    after: store.Cursor | None = None,
) -> list[store.Cursor]:
    """Atomically claim up to `limit` due rows (after `after`) for this process and commit
    them as "claimed"; returns their cursors (due_at, id), earliest first. The claim step
    alone, for the benchmark: the dispatcher claims inside its decision's transaction.
    `release_claims` gives such rows back; after a crash they return after `LEASE`."""
    async with svc.db.session() as session:
        return await store.claim_due(
            session, now, claimant=svc.instance_id, limit=limit, after=after
        )


async def release_claims(svc: Services) -> int:
    """For a clean stop (SIGTERM): this process claims no more reminders, and rows it holds
    as "claimed" go back to `due`, so another process sends them on its next tick instead of
    after `LEASE`. Returns how many rows were released.

    Call it before `Application.stop()`, which waits for the running tick: the tick then
    finishes only the row in hand (its decision, or its send and record) instead of walking
    every due row. Calling it afterwards is harmless. A row already "sending" is not touched
    (whether it arrived is unknown). Idempotent; a database error propagates (the claims then
    return after `LEASE` anyway).
    """
    svc.reminders_stopped = True
    async with svc.db.session() as session:
        released = await store.release_claims(session, svc.instance_id)
    if released:
        log.info("released %d reminder claim(s) of %s", released, svc.instance_id)
    return released


async def dispatch(application: Application) -> int:
    """One tick: stranded rows, materialise, then walk the due rows once in (due_at, id) order
    with several walkers at the same time (`REMINDER_SENDERS`: they overlap the waits for
    Telegram and the database). The walk reads the due rows a page at a time, with what
    deciding them needs (`_read_page`); each walker takes the next row, decides it with the
    clock read then, commits the outcome (claiming the row in the same statement) and sends.
    Returns the number of messages sent. An error in one row is logged with its id and the
    walk goes on; it stops taking rows once `release_claims` ran. A failure to read the due
    rows (the database) is raised once every walker has stopped."""
    svc = services(application)
    await _sweep_stranded(svc)
    resumed = await end_pauses(svc, svc.clock())
    await materialise(svc, svc.clock(), resumed)
    async with svc.db.session() as session:
        due = await store.anything_due(session, svc.clock())
    if not due:  # the usual tick: one query
        await advance_routines(application, svc.clock())
        return 0
    walk = _Walk()
    outcomes = await asyncio.gather(
        *(_walk_due(application, svc, walk) for _ in range(svc.settings.reminder_senders)),
        return_exceptions=True,
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    await advance_routines(application, svc.clock())
    return sum(outcome for outcome in outcomes if isinstance(outcome, int))


@dataclass(frozen=True)
class Outgoing:
    """A row committed as "sending": send `message` to `user_id` in `language`, once, and
    `follow_up` right after it (the weekly check-in's first question after the Sunday
    summary; the row's fate is the first message's)."""

    reminder_id: int
    user_id: int
    language: str
    message: Message
    follow_up: tuple[Message, ...] = ()


@dataclass(frozen=True)
class _Facts:
    """What deciding the rows of one page needs besides the clock, read for the whole page in
    a handful of queries (`_read_page`): the people (by user id; absent: deleted), their plan
    rows (absent: none), each row's week count (by reminder id: the week of the decision, or
    of its due time for a summary), and who logged or tapped "Skip today" on the local day
    the page was read."""

    users: dict[int, UserRow]
    plans: dict[int, PlanRow]
    week_counts: dict[int, int]
    logged_today: set[int]
    skipped_today: set[int]


@dataclass(frozen=True)
class _Finished:
    """A sent row's outcome (`finish_sending`'s status and values), written with the walker's
    next decision: one transaction per row instead of two."""

    reminder_id: int
    status: str
    values: dict[str, Any]


@dataclass
class _Walk:
    """What the walkers of one tick share: the rows read ahead and what deciding them needs,
    how far the reading got (later pages start after it), whose rows are in hand (a person's
    rows are decided one after another, never side by side) and the rows this tick gave back
    to `due` (a failed send, a deferral: not tried again in this tick)."""

    cursor: store.Cursor | None = None
    ahead: deque[tuple[store.DueRow, _Facts]] = field(default_factory=deque)
    done: bool = False
    in_hand: set[int] = field(default_factory=set)
    given_back: set[int] = field(default_factory=set)
    reading: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def take(self, svc: Services) -> tuple[store.DueRow, _Facts] | None:
        """The next row to decide, its person now in hand; None once no due row is left. A
        row of a person in hand (or given back) is left for the next tick."""
        async with self.reading:
            while True:
                while self.ahead:
                    row, facts = self.ahead.popleft()
                    if row.id in self.given_back or row.user_id in self.in_hand:
                        continue
                    self.in_hand.add(row.user_id)
                    return row, facts
                if self.done or svc.reminders_stopped:
                    return None
                rows, facts = await _read_page(svc, self.cursor)
                if len(rows) < PAGE:
                    self.done = True
                if rows:
                    self.cursor = rows[-1].cursor
                    self.ahead.extend((row, facts) for row in rows)


async def _read_page(
    svc: Services, after: store.Cursor | None
) -> tuple[list[store.DueRow], _Facts]:
    """The next `PAGE` due rows after `after` and the facts deciding them needs, in one read
    transaction: the rows, then one query each for their people and plans, and about one per
    time zone for week counts, sessions and skips of the day. Read, not claimed: each row is
    claimed by the statement that commits its decision (`store.settle_due`)."""
    now = svc.clock()
    async with svc.db.session() as session:
        rows = await store.due_page(session, now, after=after, limit=PAGE)
        ids = {row.user_id for row in rows}
        people = await store.users_by_id(session, ids)
        plans = await store.plan_rows(session, ids)
        known = {i: u.timezone for i, u in people.items() if known_timezone(u.timezone)}
        weeks = {
            row.id: (
                row.user_id,
                schedule.week_bounds(
                    row.due_at if row.kind == "summary" else now, ZoneInfo(known[row.user_id])
                ),
            )
            for row in rows
            if row.user_id in known
        }
        counts = await store.week_counts(session, set(weeks.values()))
        logged = await store.logged_on_days(
            session, {i: now.astimezone(ZoneInfo(tz)).date() for i, tz in known.items()}
        )
        skipped = await store.skipped_in(
            session, {i: store.day_bounds(now, tz) for i, tz in known.items()}
        )
    facts = _Facts(
        users=people,
        plans=plans,
        week_counts={row_id: counts.get(week, 0) for row_id, week in weeks.items()},
        logged_today=logged,
        skipped_today=skipped,
    )
    return rows, facts


async def _sweep_stranded(svc: Services) -> None:
    """Rows a dead process left: "claimed" past the lease back to `due`, "sending" past
    SENDING_LEASE to "lost" (logged by id, never sent again)."""
    async with svc.db.session() as session:
        now = svc.clock()
        await store.expire_claims(session, now - LEASE)
        lost = await store.sweep_lost(session, now - SENDING_LEASE)
    for reminder_id, user_id in lost:
        log.warning(
            "reminder %s (user %s) was being sent when its process stopped: marked lost, "
            "never sent again",
            reminder_id,
            user_id,
        )


async def _walk_due(application: Application, svc: Services, walk: _Walk) -> int:
    """One walker: take a row, decide it and commit (with the previous row's send outcome),
    send, until the walk has no row left; returns the messages it sent. A row whose decision
    raised is marked "failed" and the walk goes on."""
    sent = 0
    finished: _Finished | None = None
    try:
        while not svc.reminders_stopped:
            taken = await walk.take(svc)
            if taken is None:
                break
            row, facts = taken
            try:
                outgoing = await _settle(svc, row, facts, finished)
            except Exception:
                log.exception("reminder %s failed: skipped", row.id)
                await _record(svc, finished)
                await _mark_failed(svc, row.id)
                outgoing = None
            finished = None
            try:
                if outgoing is not None:
                    finished = await _send_row(application, svc, outgoing, walk)
                    sent += finished is not None and finished.status == "sent"
            finally:
                walk.in_hand.discard(row.user_id)
    finally:
        await _record(svc, finished)
    return sent


async def _settle(
    svc: Services, row: store.DueRow, facts: _Facts, finished: _Finished | None
) -> Outgoing | None:
    """One transaction: record the previous send's outcome, decide `row` with the clock read
    now, and commit the decision — skipped, dropped, due later (deferred) or "sending"; the
    last is returned, to be sent right after this commit. The statement that writes the
    decision also claims the row (`store.settle_due`): a row that is no longer due (another
    process took it; the plan changed) is left alone. A process that dies here rolls it all
    back, so no row waits for a lease."""
    now = svc.clock()
    async with svc.db.session() as session:
        await _write_finished(svc, session, finished)
        return await _decide(svc, session, row, facts, now)


async def _write_finished(svc: Services, session: Session, finished: _Finished | None) -> None:
    if finished is not None:
        await store.finish_sending(
            session, finished.reminder_id, svc.instance_id, finished.status, **finished.values
        )


async def _decide(
    svc: Services, session: Session, row: store.DueRow, facts: _Facts, now: datetime
) -> Outgoing | None:
    """Decide a due row at `now` and write the decision (see `_settle`)."""
    kind = KINDS.get(row.kind, schedule.Kind.REMINDER)
    user = facts.users.get(row.user_id)
    if user is not None and not known_timezone(user.timezone):
        log.warning("reminder %s: user %s has an unknown time zone: dropped", row.id, user.id)
        await _reset_zone(svc, session, user.timezone, now, user.id)
        await store.settle_due(session, row.id, "dropped")  # the next tick schedules anew
        return None
    plan_row = facts.plans.get(row.user_id)
    plan = store.to_plan(plan_row, user.timezone) if plan_row and user else None
    if plan is None and kind is schedule.Kind.NOTICE and user is not None:
        plan = schedule.Plan(tz=user.timezone)  # default quiet hours
    if user is None or plan is None or not user.active:
        await store.settle_due(session, row.id, "dropped")
        return None
    count = facts.week_counts.get(row.id, 0)
    decision = schedule.decide(
        kind,
        row.due_at,
        now,
        plan,
        count,
        user.id in facts.logged_today,
        user.id in facts.skipped_today,
    )
    if decision.action is schedule.Action.SKIP:
        await store.settle_due(session, row.id, "skipped")
        return None
    if decision.action is schedule.Action.DROP:
        log.info("reminder %s dropped: %s", row.id, decision.reason)
        await store.settle_due(session, row.id, "dropped")
        return None
    if decision.action is schedule.Action.DEFER:
        at = decision.at or now
        if await store.due_time_taken(session, row, at):
            await store.settle_due(session, row.id, "dropped")  # its twin is already due then
        else:
            await store.settle_due(session, row.id, "due", due_at=at)
        return None
    if not await store.settle_due(
        session, row.id, "sending", claimed_by=svc.instance_id, claimed_at=now
    ):
        return None  # committed "sending" before the call: at most once
    first, *follow_up = await _messages_for(session, row, user, kind, count)
    return Outgoing(row.id, user.id, user.language, first, tuple(follow_up))


async def _messages_for(
    session: Session, row: store.DueRow, user: UserRow, kind: schedule.Kind, count: int
) -> tuple[Message, ...]:
    if kind is schedule.Kind.NOTICE:
        return (Message("habit-tz-reset", {"tz": user.timezone}),)
    if kind is schedule.Kind.SUMMARY:
        week = await current_progress(session, user, row.due_at)
        monday = schedule.week_start(row.due_at, ZoneInfo(user.timezone))
        await store.record_review(session, user.id, monday, week.count, None)
        answered = bool(user.weekly_checkin) and (
            await checkin_store.checkin_of_week(session, user.id, monday) is not None
        )
        summary = progress.weekly_summary(week, monday)
        return checkin.with_summary(summary, monday, user.weekly_checkin, answered, user.language)
    message = schedule.reminder_message(kind, row.id, count, schedule.WEEKLY_GOAL)
    return (Message(message.key, message.args, (*message.buttons, (GUIDED_ROUTINE_BUTTON,))),)


async def _mark_failed(svc: Services, reminder_id: int) -> None:
    try:
        async with svc.db.session() as session:
            await store.mark_failed(session, reminder_id)
    except Exception:  # the database itself is failing: the row stays due for the next tick
        log.warning("reminder %s could not be marked failed", reminder_id, exc_info=True)


async def _record(svc: Services, finished: _Finished | None) -> None:
    """Write a send's outcome on its own (the walker's last, or after a failed decision). An
    error leaves the row "sending": it is marked lost later, never sent twice."""
    if finished is None:
        return
    try:
        async with svc.db.session() as session:
            await _write_finished(svc, session, finished)
    except Exception:
        log.exception("reminder %s: recording it failed", finished.reminder_id)


async def _send_row(
    application: Application, svc: Services, outgoing: Outgoing, walk: _Walk
) -> _Finished | None:
    """Send a row committed as "sending"; returns its outcome, to be recorded with the
    walker's next transaction (a row going back to `due` is noted in `walk` first). An error
    here leaves the row "sending" (None): it is marked lost later, never sent twice."""
    try:
        status, values = await _send(application, svc, outgoing)
    except Exception:
        log.exception("reminder %s: sending it failed", outgoing.reminder_id)
        return None
    if status == "due":
        walk.given_back.add(outgoing.reminder_id)
    return _Finished(outgoing.reminder_id, status, values)


async def _send(
    application: Application, svc: Services, outgoing: Outgoing
) -> tuple[str, dict[str, Any]]:
    """Send a row marked "sending"; returns its next status and values. Only a definite
    failure (Telegram answered with an error) goes back to `due`, for the next tick; a timeout
    may have been delivered, so that row is "lost"."""
    reminder_id, user_id = outgoing.reminder_id, outgoing.user_id
    try:
        result = await render.send(
            application.bot, user_id, outgoing.message, outgoing.language, svc.translate
        )
    except Forbidden:
        await svc.mark_blocked(user_id)
        return "dropped", {}
    except TimedOut:
        log.warning("reminder %s: send timed out and may have arrived: marked lost", reminder_id)
        return "lost", {}
    except BadRequest as error:  # permanent for this message (chat not found, …)
        log.warning("reminder %s rejected by Telegram (%s): failed", reminder_id, error.message)
        return "failed", {}
    except TelegramError as error:  # 5xx, network, 429 after the rate limiter's retries
        log.warning("reminder %s not sent (%s): next tick", reminder_id, error.message)
        return "due", {"claimed_by": None, "claimed_at": None}
    await _send_follow_up(application, svc, outgoing)
    return "sent", {"sent_at": svc.clock(), "message_id": result.message_id}


async def _send_follow_up(application: Application, svc: Services, outgoing: Outgoing) -> None:
    """The messages after a sent reminder (the check-in's question after the summary): at
    most once like the reminder; one that fails is logged by the row's id and not retried
    (/checkin asks it any time)."""
    for message in outgoing.follow_up:
        try:
            await render.send(
                application.bot, outgoing.user_id, message, outgoing.language, svc.translate
            )
        except Forbidden:
            await svc.mark_blocked(outgoing.user_id)
            return
        except TelegramError as error:
            log.warning("reminder %s: follow-up not sent (%s)", outgoing.reminder_id, error)
            return


async def advance_routines(application: Application, now: datetime) -> None:
    """Move guided routines on when their step's time is up (optimistic, once per step)."""
    svc = services(application)
    after = 0
    while True:
        async with svc.db.session() as session:
            states = await store.running_routines(session, after, BATCH)
            page = [(s.user_id, dict(s.state), s.updated_at) for s in states]
        for user_id, raw, version in page:
            try:
                await _advance_routine(application, svc, user_id, raw, version, now)
            except Exception:  # one routine's problem must not stop the others
                log.exception("guided routine of user %s failed: skipped", user_id)
        if len(page) < BATCH:
            return
        after = page[-1][0]


async def _advance_routine(
    application: Application,
    svc: Services,
    user_id: int,
    raw: dict[str, Any],
    version: datetime,
    now: datetime,
) -> None:
    """One guided routine's tick: next step, quiet end after long downtime, or nothing."""
    try:
        state = state_codec.load(guided_routine.GuidedRoutineState, raw).guided
    except ValueError:  # pydantic.ValidationError: a damaged row is left alone
        return
    due = guided_routine.step_due_at(state)
    if due is None or due > now:
        return
    if now - due > ABANDONED:
        async with svc.db.session() as session:  # long downtime: end it quietly
            await users.clear_dialog_if_unchanged(session, user_id, version)
        return
    async with svc.db.session() as session:
        user = await users.get_user(session, user_id)
        if user is None:
            return
        result = guided_routine.handle(state, "tick", now, user.language)
        if result.state == state:
            return
        new_state = (
            state_codec.dump(guided_routine.GuidedRoutineState(result.state))
            if result.state
            else raw
        )
        if not await users.replace_dialog_if_unchanged(session, user_id, version, new_state):
            return  # another process (or the user's tap) moved it first
        messages = await finish_guided_routine(session, user, state, result, now)
    await _send_all(application, svc, user, messages)


async def _send_all(
    application: Application, svc: Services, user: UserRow, messages: list[Message]
) -> None:
    try:
        for message in messages:
            await render.send(application.bot, user.id, message, user.language, svc.translate)
    except Forbidden:
        await svc.mark_blocked(user.id)
    except TelegramError:
        log.warning("guided routine step not delivered", exc_info=True)


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue job: one `dispatch`; an error is logged, and the next tick runs anyway."""
    try:
        await dispatch(context.application)
    except Exception:  # a failing tick must not stop the next one
        log.exception("reminder tick failed")


async def start_dispatcher(application: Application) -> None:
    """`on_startup`: reset stored time zones the tz database does not know, then run the
    tick every `reminder_tick_seconds`."""
    queue = application.job_queue
    if queue is None:
        log.error("no JobQueue: reminders are disabled (install python-telegram-bot[job-queue])")
        return
    svc = services(application)
    try:
        await reset_unknown_timezones(svc)
    except Exception:  # the tick catches the rest one row at a time
        log.exception("checking the stored time zones failed")
    interval = svc.settings.reminder_tick_seconds
    queue.run_repeating(tick, interval=interval, first=0.0, name="reminders")
