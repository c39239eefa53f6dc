"""Logging an exercise: one path for the three ways one gets done – a typed "erledigt"
/ "done", the ✅ under a reminder, and a guided routine that ran to its end (tapped through,
or finished by the reminder tick).

`log_exercise` stores the exercise log through `bot.storage.habit.add_exercise_log` (idempotent
by its `update_key`, so a redelivered update or a second tap counts once) and answers with this
week's N/3, computed here by `dialogs.habit.progress` from the stored exercise logs. It takes
the database session of the caller's unit of work: the answer is only sent after that commits.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.storage import habit as store
from bot.storage import users
from bot.storage.database import Session
from bot.storage.models import UserRow
from dialogs.common.reply import Message
from dialogs.habit import guided_routine
from dialogs.habit.parsing import EARLIER_SOURCE, YESTERDAY_SOURCE, DoneCommand, done_instant
from dialogs.habit.progress import Progress, done_replies, progress
from dialogs.habit.schedule import localize, week_start

# Weeks before this one whose exercise logs `current_progress` reads: a streak shorter than
# this is read from them alone, a longer one from every log (product decision: a quarter year
# covers almost every streak, and a user's logs of a quarter are a few dozen rows).
STREAK_WEEKS = 13


async def current_progress(session: Session, user: UserRow, now: datetime) -> Progress:
    """This week's progress at `now` (aware): count, goal, streak in weeks, minutes; weeks are
    the user's local ISO weeks. Reads the logs of the last `STREAK_WEEKS` weeks and lets the
    database sum the minutes of all time; every log only when the streak may reach back
    further (a user's whole history is not loaded for each "erledigt")."""
    zone = ZoneInfo(user.timezone)
    monday = week_start(now, zone) - timedelta(weeks=STREAK_WEEKS)
    since = localize(monday, time(0, 0), zone)
    recent = progress(await store.exercise_logs(session, user.id, since), now, user.timezone)
    if recent.streak >= STREAK_WEEKS:  # the run may go on before the weeks read
        return progress(await store.exercise_logs(session, user.id), now, user.timezone)
    return replace(recent, total_minutes=await store.total_minutes(session, user.id))


async def log_exercise(
    session: Session,
    user: UserRow,
    command: DoneCommand,
    *,
    now: datetime,
    source: str,
    update_key: str,
    message_id: int | None = None,
) -> list[Message]:
    """Log one exercise and say what it means: N/3 and the pain question, "already logged" for
    a repeat of the same `update_key`, or – absurd minutes – only the error, logging nothing.

    `source` is where it came from ("text", "button", a guided routine's); a command for an
    earlier day is logged at this local time that day, with source "yesterday" (one day ago)
    or "earlier" (`dialogs.habit.parsing.logged_instant` reads the logging time back from
    it). A pain rating said with the report (`command.pain`) is stored with the log, so the
    reply thanks for it instead of asking. `message_id` is the typed message that logged it
    (its edit corrects the entry). `now` is the turn's aware UTC time; returns the messages in
    send order.
    """
    if command.error:
        return done_replies(command, await current_progress(session, user, now))
    done_at = done_instant(command, now, user.timezone)
    added = await store.add_exercise_log(
        session,
        user,
        done_at=done_at,
        minutes=command.minutes,
        source=_source(command, source),
        update_key=update_key,
        activity=command.activity,
        felt=command.felt,
        message_id=message_id,
    )
    current = await current_progress(session, user, now)
    if not added:
        already = {"count": current.count, "goal": current.goal, "days": command.days_ago}
        return [Message("habit-done-already", already)]
    if command.pain is not None:
        await store.add_pain(session, user.id, now, command.pain)
    zone = ZoneInfo(user.timezone)
    this_week = week_start(done_at, zone) == week_start(now, zone)
    return done_replies(command, current, this_week=this_week)


def _source(command: DoneCommand, source: str) -> str:
    if command.days_ago == 1:
        return YESTERDAY_SOURCE
    return EARLIER_SOURCE if command.days_ago > 1 else source


async def finish_guided_routine(
    session: Session,
    user: UserRow,
    state: guided_routine.GuidedState,
    result: guided_routine.GuidedResult,
    now: datetime,
) -> list[Message]:
    """A guided routine's step (a tap or a tick): end its dialog when it stopped, log it when
    it ran to its end; returns the step's messages and, if logged, the N/3 answer."""
    messages = list(result.messages)
    if result.state is None or result.state.status != "running":
        await users.clear_dialog(session, user.id, store.GUIDED_ROUTINE_DIALOG)
    if result.outcome is not None and result.outcome.finished:
        # One routine run is one exercise log, whether the tap or the tick finished it.
        key = f"gs:{user.id}:{state.routine}:{int(state.step_started.timestamp())}"
        messages += await log_exercise(
            session,
            user,
            DoneCommand(minutes=result.outcome.minutes),
            now=now,
            source=result.outcome.source,
            update_key=key,
        )
    return messages
