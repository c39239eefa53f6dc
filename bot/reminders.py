"""The reminder dispatcher: a JobQueue tick that turns plans into due rows and sends them once.

The database is the source of truth; nothing per user stays in memory between ticks. Each tick

1. materialises the next row of each kind (planned, catchup, summary) for plans that have no
   pending row of that kind — in keyset batches, idempotent through the unique
   (user_id, kind, due_at) key (`INSERT … ON CONFLICT DO NOTHING`);
2. claims due rows atomically (`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
   RETURNING` on PostgreSQL, `UPDATE … RETURNING` in one statement on SQLite), so two
   processes never claim the same row; a claim older than `LEASE` (its process died before
   sending) may be taken over;
3. decides (`dialogs.habit.schedule.decide`) and sends, marking the row `sent` in its own small
   transaction right after Telegram accepted the message. A failed send puts the row back to
   `due` (429 storms: the rate limiter retries first, then the next tick); 403 marks the user
   inactive and the row `dropped`.

It also advances guided routines whose step time is up (their state lives in dialog_states, so
a restart continues them).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot import render
from bot.exercises import current_progress, finish_guided_routine
from bot.services import Services, services
from bot.storage import habit as store
from bot.storage import users
from bot.storage.database import Session
from bot.storage.models import ReminderRow, UserRow
from dialogs.common import state_codec
from dialogs.common.buttons import MenuButton
from dialogs.common.reply import Button, Message
from dialogs.habit import guided_routine, progress, schedule

log = logging.getLogger(__name__)

# Plans (or guided routines) per query and transaction: product decision, so a tick's memory
# stays flat however many users there are (README.md, "Benchmarks").
BATCH = 200
# Small claims: a process that dies strands at most this many rows until the lease runs out.
CLAIM_BATCH = 10  # product decision
# A claim older than this is taken over by another process (product decision: longer than
# sending a claim normally takes, short enough that a crash delays a reminder by minutes only).
LEASE = timedelta(minutes=2)
KINDS = {
    "planned": schedule.Kind.REMINDER,
    "snooze": schedule.Kind.SNOOZE,
    "catchup": schedule.Kind.CATCH_UP,
    "summary": schedule.Kind.SUMMARY,
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


async def materialise(svc: Services, now: datetime) -> int:
    """Create the next due row per kind for plans without a pending one; returns rows added.

    One multi-row INSERT per batch of plans: the cost is a few statements per 200 users, not
    one per user.
    """
    added = 0
    for kind in ("planned", "catchup", "summary"):
        window = WINDOW.get(kind, schedule.SUMMARY_STALE_AFTER)
        last_user = -(2**62)
        while True:
            async with svc.db.session() as session:
                plans = await store.unscheduled_plans(session, kind, last_user, BATCH)
                due_rows = []
                for user_id, plan, updated_at, last_due in plans:
                    after = max(now - window, last_due or now - window, updated_at)
                    due = next_due(kind, plan, after)
                    if due is not None:
                        due_rows.append((user_id, kind, due))
                added += await store.add_reminders(session, due_rows)
            if len(plans) < BATCH:
                break
            last_user = plans[-1].user_id
    return added


async def claim(svc: Services, now: datetime, limit: int = CLAIM_BATCH) -> list[int]:
    """Atomically take due rows for this process; returns their ids."""
    async with svc.db.session() as session:
        return await store.claim_due(
            session, now, claimant=svc.instance_id, stale_before=now - LEASE, limit=limit
        )


async def _set_status(svc: Services, reminder_id: int, status: str, **values: Any) -> None:
    async with svc.db.session() as session:
        await store.set_claimed_status(session, reminder_id, svc.instance_id, status, **values)


@dataclass(frozen=True)
class Outgoing:
    """A claimed row's fate: send `message` to `user_id`, or (when `defer_to`) wait."""

    user_id: int
    language: str
    message: Message | None = None
    defer_to: datetime | None = None


async def _prepare(svc: Services, reminder_id: int, now: datetime) -> Outgoing | None:
    """Decide what to do with a claimed row; skipped/dropped rows are marked here (None)."""
    async with svc.db.session() as session:
        row = await store.claimed_reminder(session, reminder_id, svc.instance_id)
        if row is None:
            return None
        user = await users.get_user(session, row.user_id)
        plan = await store.get_plan(session, user) if user is not None else None
        if user is None or plan is None or not user.active:
            row.status = "dropped"
            return None
        kind = KINDS.get(row.kind, schedule.Kind.REMINDER)
        moment = row.due_at if kind is schedule.Kind.SUMMARY else now
        count = await store.week_count(session, user, moment)
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        start, end = store.day_bounds(now, user.timezone)
        decision = schedule.decide(
            kind,
            row.due_at,
            now,
            plan,
            count,
            await store.logged_on(session, user.id, today),
            await store.skipped_between(session, user.id, start, end),
        )
        if decision.action is schedule.Action.SKIP:
            row.status = "skipped"
            return None
        if decision.action is schedule.Action.DROP:
            row.status = "dropped"
            return None
        if decision.action is schedule.Action.DEFER:
            return Outgoing(user.id, user.language, defer_to=decision.at)
        message = await _message_for(session, row, user, kind, count)
        return Outgoing(user.id, user.language, message)


async def _message_for(
    session: Session, row: ReminderRow, user: UserRow, kind: schedule.Kind, count: int
) -> Message:
    if kind is schedule.Kind.SUMMARY:
        week = await current_progress(session, user, row.due_at)
        monday = schedule.week_start(row.due_at, ZoneInfo(user.timezone))
        await store.record_review(session, user.id, monday, week.count, None)
        return progress.weekly_summary(week)
    message = schedule.reminder_message(kind, row.id, count, schedule.WEEKLY_GOAL)
    return Message(message.key, message.args, (*message.buttons, (GUIDED_ROUTINE_BUTTON,)))


async def _defer(svc: Services, reminder_id: int, at: datetime) -> None:
    """Back to `due` at `at`; dropped when a reminder of its kind is already due then."""
    try:
        async with svc.db.session() as session:
            await store.reschedule_claimed(session, reminder_id, svc.instance_id, at)
    except store.DueTimeTaken:
        await _set_status(svc, reminder_id, "dropped")


async def dispatch(application: Application, now: datetime | None = None) -> int:
    """One tick: materialise, claim, decide and send. Returns the number of messages sent."""
    svc = services(application)
    now = now or svc.clock()
    await materialise(svc, now)
    sent = 0
    while True:
        claimed = await claim(svc, now)
        for reminder_id in claimed:
            sent += await _deliver(application, svc, reminder_id, now)
        if len(claimed) < CLAIM_BATCH:
            break
    await advance_routines(application, now)
    return sent


async def _deliver(application: Application, svc: Services, reminder_id: int, now: datetime) -> int:
    prepared = await _prepare(svc, reminder_id, now)
    if prepared is None:
        return 0
    if prepared.defer_to is not None or prepared.message is None:
        await _defer(svc, reminder_id, prepared.defer_to or now)
        return 0
    user_id, language, message = prepared.user_id, prepared.language, prepared.message
    try:
        result = await render.send(application.bot, user_id, message, language, svc.translate)
    except Forbidden:
        await svc.mark_blocked(user_id)
        await _set_status(svc, reminder_id, "dropped")
        return 0
    except TelegramError:
        log.warning("reminder %s not sent; will retry", reminder_id, exc_info=True)
        await _set_status(svc, reminder_id, "due", claimed_by=None, claimed_at=None)
        return 0
    await _set_status(svc, reminder_id, "sent", sent_at=now, message_id=result.message_id)
    return 1


async def advance_routines(application: Application, now: datetime) -> None:
    """Move guided routines on when their step's time is up (optimistic, once per step)."""
    svc = services(application)
    after = 0
    while True:
        async with svc.db.session() as session:
            states = await store.running_routines(session, after, BATCH)
            page = [(s.user_id, dict(s.state), s.updated_at) for s in states]
        for user_id, raw, version in page:
            await _advance_routine(application, svc, user_id, raw, version, now)
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
    """`on_startup`: run the tick every `reminder_tick_seconds`."""
    queue = application.job_queue
    if queue is None:
        log.error("no JobQueue: reminders are disabled (install python-telegram-bot[job-queue])")
        return
    interval = services(application).settings.reminder_tick_seconds
    queue.run_repeating(tick, interval=interval, first=0.0, name="reminders")
