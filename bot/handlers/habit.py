"""The movement habit in the bot: plan dialog and commands, "done" logging, reminder buttons,
pain ratings, weekly barriers, guided routines and /progress (the chart is `bot.charts`'s).

All decisions live in `dialogs/` (habit, plan, schedule, guided); this module only loads and
stores rows, calls the dialogs and queues their messages on the turn. Sending happens after the
commit, so "1/3" is only shown once the exercise is durably logged.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot.charts import ChartText, TrendText, progress_chart
from bot.exercises import finish_guided_routine, log_exercise
from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.safety_net import note_country_change, with_country_button
from bot.handlers.welcome import expired_button, require_consent
from bot.storage import checkins as checkin_store
from bot.storage import habit as store
from bot.storage.habit import GUIDED_ROUTINE_DIALOG
from dialogs.common import state_codec
from dialogs.common.callback_data import parse_any
from dialogs.common.reply import Message
from dialogs.habit import guided_routine
from dialogs.habit.buttons import (
    GUIDED_BUTTONS,
    PLAN_BUTTONS,
    REMINDER_BUTTONS,
    BarrierButton,
    GuidedButton,
    GuidedStart,
    PainButton,
    PlanAction,
    PlanButton,
    QuietMove,
    ReminderAction,
    ReminderAt,
    ReminderButton,
    ReminderSnooze,
    TimezoneButton,
)
from dialogs.habit.guided_routine import GuidedRoutineState
from dialogs.habit.parsing import DoneCommand, ParseError, parse_done
from dialogs.habit.plan_dialog import (
    PlanState,
    answer_quiet_offer,
    ask_again,
    check_time,
    looks_like_plan_input,
    pause,
    plan_input,
    plan_quiet_answer,
    quiet_command,
    remind_command,
    resume,
    show_plan,
    start_plan,
    timezone_command,
)
from dialogs.habit.progress import barrier_tip, pain_reply, progress
from dialogs.habit.progress_question import asks_own_progress
from dialogs.habit.reminder_reply import REPLY_WINDOW, ReplyKind, read_reply, reply_time
from dialogs.habit.schedule import (
    SNOOZE,
    Plan,
    later_options,
    local_date,
    next_local_time,
    snooze_until,
    snoozed_message,
    week_start,
)
from dialogs.habit.trend import (
    CHART_WEEKS,
    activity_messages,
    minutes_by_activity,
    progress_caption,
    short_date,
    weekly_trend,
)
from dialogs.triage.red_flags import Urgency

log = logging.getLogger(__name__)
PLAN_DIALOG = "plan"


# --- plan ---------------------------------------------------------------------------------


async def _plan_or_default(turn: Turn) -> tuple[Plan | None, Plan]:
    current = await store.get_plan(turn.session, turn.user)
    return current, current or Plan(tz=turn.user.timezone)


async def begin_plan(turn: Turn) -> None:
    """Open the plan dialog, pre-filled from the current plan (or the defaults)."""
    _, base = await _plan_or_default(turn)
    result = start_plan(base, turn.language)
    if result.state is not None:
        await turn.set_dialog(PLAN_DIALOG, state_codec.dump(result.state))
    turn.say(*result.messages)


async def _advance_plan(turn: Turn, state: PlanState, data: str) -> None:
    _current, base = await _plan_or_default(turn)
    country_before = turn.helplines.country
    result = plan_input(state, data, base, turn.language)
    if result.state is None:
        await turn.clear_dialog(PLAN_DIALOG)
    else:
        await turn.set_dialog(PLAN_DIALOG, state_codec.dump(result.state))
    if result.plan is not None:
        await store.save_plan(turn.session, turn.user, result.plan, turn.now)
    turn.say(*result.messages)
    note_country_change(turn, country_before)


async def _open_plan_dialog(turn: Turn) -> PlanState | None:
    return await turn.open_dialog(PLAN_DIALOG, partial(state_codec.load, PlanState))


async def plan_text(turn: Turn, text: str) -> bool:
    """Typed days, time or zone in the open plan dialog (True: answered); "erledigt" and
    questions go on to the other stages."""
    state = await _open_plan_dialog(turn)
    if state is None:
        return False
    if parse_done(text) is not None:
        return False  # "erledigt" mid-dialog still logs an exercise (`done_stage`)
    if not looks_like_plan_input(text):  # too long for days, a time or a zone: ask again
        current, _base = await _plan_or_default(turn)
        turn.say(*ask_again(state, current, turn.language))
        return True
    await _advance_plan(turn, state, text)
    return True


async def plan_command(turn: Turn) -> None:
    """/plan: show the plan with change / pause buttons, or start the dialog when there is none."""
    current = await store.get_plan(turn.session, turn.user)
    if current is None:
        await begin_plan(turn)
    else:
        turn.say(show_plan(current, turn.language))


async def _store_change(turn: Turn, had_plan: bool, updated: Plan | None) -> None:
    if updated is None:
        return
    if had_plan or updated.weekdays:
        await store.save_plan(turn.session, turn.user, updated, turn.now)


async def remind(turn: Turn) -> None:
    """/remind <time> [days]: set time (and days) at once; stored only when it was valid. A
    time inside the quiet hours gets the offer to move them (`on_quiet_move`)."""
    _current, base = await _plan_or_default(turn)
    updated, message = remind_command(base, " ".join(turn.args), turn.language)
    if message.key == "habit-plan-saved":
        await _store_change(turn, True, updated)
    turn.say(message)


async def timezone(turn: Turn) -> None:
    """/timezone [IANA name]: set the zone, or offer the common ones as buttons."""
    await _apply_timezone(turn, " ".join(turn.args))


async def _apply_timezone(turn: Turn, args: str) -> None:
    current, base = await _plan_or_default(turn)
    country_before = turn.helplines.country
    updated, message = timezone_command(
        base, args, turn.language, turn.now, has_plan=current is not None
    )
    if message.key == "habit-tz-saved-local" and updated is not None:
        if current is not None:
            await store.save_plan(turn.session, turn.user, updated, turn.now)
        else:
            turn.user.timezone = updated.tz
    if message.key in ("habit-tz-ask", "habit-tz-saved-local"):
        message = with_country_button(message)  # the numbers' country is a setting nearby
    turn.say(message)
    note_country_change(turn, country_before)


async def pause_command(turn: Turn) -> None:
    """/pause: no reminders until /resume (plan and exercise logs stay); /pause 2 Wochen,
    /pause bis 15.5.: until that local day, then the reminders come back by themselves."""
    current = await store.get_plan(turn.session, turn.user)
    today = local_date(turn.now, ZoneInfo(turn.user.timezone))
    updated, message = pause(current, " ".join(turn.args), today, turn.language)
    if message.key in ("habit-paused", "habit-paused-until"):
        await _store_change(turn, current is not None, updated)
    turn.say(message)


async def quiet_command_handler(turn: Turn) -> None:
    """/quiet [22:00-06:30 | aus]: show or set the quiet hours (no reminders in them)."""
    current = await store.get_plan(turn.session, turn.user)
    updated, message = quiet_command(current, " ".join(turn.args), turn.language)
    if message.key == "habit-quiet-saved":
        await _store_change(turn, current is not None, updated)
    turn.say(message)


async def on_quiet_move(update: Update, context: Context) -> None:
    """`quiet:<1|0>:<HHMM>[:<days>]`: the answer to "move the quiet hours?" after /remind (with
    days: "Ja" saves the moved quiet hours and the plan) or in the plan dialog's time question
    (without: "Ja" saves them with the plan so far and asks for the zone)."""
    query = update.callback_query
    tap = QuietMove.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        _current, base = await _plan_or_default(turn)
        if tap.weekdays is not None:
            updated, messages = answer_quiet_offer(base, tap, turn.language)
            await _store_change(turn, True, updated)
            turn.say(*messages)
            return
        state = await _open_plan_dialog(turn)
        if state is None:
            turn.say(expired_button(turn))
            return
        result = plan_quiet_answer(state, tap, base)
        if result.plan is not None:
            await store.save_plan(turn.session, turn.user, result.plan, turn.now)
        if result.state is not None and result.state != state:
            await turn.set_dialog(PLAN_DIALOG, state_codec.dump(result.state))
        turn.say(*result.messages)


async def resume_command(turn: Turn) -> None:
    """/resume: reminders again, as planned."""
    current = await store.get_plan(turn.session, turn.user)
    updated, message = resume(current, turn.language)
    await _store_change(turn, current is not None, updated)
    turn.say(message)


async def on_plan_button(update: Update, context: Context) -> None:
    """`plan:…` buttons: edit, pause, resume, a /timezone zone, or a step of the open plan
    dialog (without one: a stale button). Needs the disclaimer."""
    data = update.callback_query.data or "" if update.callback_query else ""
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        match parse_any(data, *PLAN_BUTTONS):
            case PlanButton(action=PlanAction.EDIT):
                await begin_plan(turn)
            case PlanButton(action=PlanAction.PAUSE):
                await pause_command(turn)
            case PlanButton(action=PlanAction.RESUME):
                await resume_command(turn)
            case TimezoneButton(zone=zone):
                await _apply_timezone(turn, zone)
            case None:
                turn.say(expired_button(turn))
            case _:  # a step of the plan dialog (days, time, zone, cancel)
                state = await _open_plan_dialog(turn)
                if state is None:
                    turn.say(expired_button(turn))
                    return
                await _advance_plan(turn, state, data)


# --- exercise logs ------------------------------------------------------------------------


async def on_pain(update: Update, context: Context) -> None:
    """`pain:<0-10>`: store the rating and thank for it in place of the question."""
    query = update.callback_query
    tap = PainButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        await store.add_pain(turn.session, turn.user.id, turn.now, tap.rating)
        turn.edit(pain_reply(tap.rating))


async def on_barrier(update: Update, context: Context) -> None:
    """`bar:<barrier>`: record it on the latest weekly review (else this week's) and send the
    matching tip."""
    query = update.callback_query
    tap = BarrierButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        barrier = tap.barrier.value
        week = await store.latest_review_week(turn.session, turn.user.id)
        if week is None:
            week = week_start(turn.now, ZoneInfo(turn.user.timezone))
        count = await store.week_count(turn.session, turn.user, turn.now)
        await store.record_review(turn.session, turn.user.id, week, count, barrier)
        turn.say(barrier_tip(barrier, turn.language))


# --- reminder buttons ---------------------------------------------------------------------


async def on_reminder(update: Update, context: Context) -> None:
    """The buttons under a reminder: ✅ logs once per reminder, ⏰ offers later times (30 min,
    1 h, 2 h, a typed time), snooze (a delay or a chosen time), skip today. Another user's or
    a deleted reminder is stale."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *REMINDER_BUTTONS)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if not isinstance(
            tap, ReminderButton | ReminderAt | ReminderSnooze
        ) or not await store.is_users_reminder(turn.session, turn.user.id, tap.reminder):
            turn.say(expired_button(turn))
            return
        reminder_id = tap.reminder
        match tap:
            case ReminderButton(action=ReminderAction.DONE):
                key = f"rem:{reminder_id}"  # the reminder's ✅ logs once, however often tapped
                turn.say(
                    *await log_exercise(
                        turn.session,
                        turn.user,
                        DoneCommand(),
                        now=turn.now,
                        source="button",
                        update_key=key,
                    )
                )
            case ReminderButton(action=ReminderAction.LATER):
                turn.say(later_options(reminder_id))
            case ReminderButton(action=ReminderAction.TIME):
                turn.say(Message("habit-later-type-time"))
            case ReminderSnooze(minutes=minutes):
                _, plan = await _plan_or_default(turn)
                await _snooze(turn, plan, None, timedelta(minutes=minutes))
            case ReminderButton(action=ReminderAction.SNOOZE) | ReminderAt():
                _, plan = await _plan_or_default(turn)
                await _snooze(turn, plan, tap.at if isinstance(tap, ReminderAt) else None)
            case ReminderButton(action=ReminderAction.SKIP):
                await _skip_today(turn, reminder_id)


async def _skip_today(turn: Turn, reminder_id: int) -> None:
    """No more reminders today: this one and the day's snoozes are skipped."""
    start, end = store.day_bounds(turn.now, turn.user.timezone)
    await store.skip_today(turn.session, turn.user.id, reminder_id, start, end)
    turn.say(Message("habit-skipped"))


async def reminder_reply_stage(turn: Turn, text: str) -> bool:
    """A reply to a reminder in words ("heute nicht", "später", "in 30 min", "um 19 Uhr",
    "not today", "snooze 1h"; `dialogs.habit.reminder_reply`), acted on as the reminder's
    buttons would: skip today, the snooze choices, a snooze by a delay or to a time. Only
    within REPLY_WINDOW (3 hours, product decision) of a reminder sent to this person and not
    skipped since; otherwise the text goes on to the next stages (True: answered)."""
    reply = read_reply(text)
    if reply is None:
        return False
    reminder_id = await store.recent_reminder(turn.session, turn.user.id, turn.now - REPLY_WINDOW)
    if reminder_id is None:
        return False
    _, plan = await _plan_or_default(turn)
    match reply.kind:
        case ReplyKind.SKIP:
            await _skip_today(turn, reminder_id)
        case ReplyKind.LATER:
            turn.say(later_options(reminder_id))
        case ReplyKind.SNOOZE_FOR:
            await _snooze(turn, plan, None, timedelta(minutes=reply.minutes))
        case ReplyKind.SNOOZE_AT:
            at = reply_time(reply, (plan.quiet_start, plan.quiet_end))
            if isinstance(at, ParseError):
                turn.say(at.message)
            else:
                await _snooze(turn, plan, at)
    return True


async def _snooze(turn: Turn, plan: Plan, at: time | None, delay: timedelta = SNOOZE) -> None:
    """`delay` on (default 1 hour; never into quiet hours: moved to their end) or a chosen
    local time (refused inside quiet hours)."""
    until = (
        snooze_until(plan, turn.now, delay) if at is None else next_local_time(plan, turn.now, at)
    )
    if until is None:
        refused = check_time(plan, at) if at is not None else None
        turn.say(refused.message if isinstance(refused, ParseError) else expired_button(turn))
        return
    await store.add_reminder(turn.session, turn.user.id, "snooze", until)
    turn.say(snoozed_message(plan, turn.now, until))


# --- guided routine -----------------------------------------------------------------------


async def guided_routine_command(turn: Turn) -> None:
    """/session: the choice of guided routines (about 10 minutes each)."""
    turn.say(guided_routine.routine_menu(turn.language))


def _guided_state(state: dict[str, Any]) -> guided_routine.GuidedState:
    return state_codec.load(GuidedRoutineState, state).guided


async def on_guided(update: Update, context: Context) -> None:
    """`gs:start:<routine>` starts a routine; `gs:next` / `gs:stop` move the running one on
    (a finished routine is logged as an exercise)."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *GUIDED_BUTTONS)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if not isinstance(tap, GuidedStart | GuidedButton):
            turn.say(expired_button(turn))
            return
        if isinstance(tap, GuidedStart):
            result = guided_routine.start(tap.routine, turn.now, turn.language)
            if result.state is not None:
                await turn.set_dialog(
                    GUIDED_ROUTINE_DIALOG, state_codec.dump(GuidedRoutineState(result.state))
                )
            turn.say(*result.messages)
            return
        state = await turn.open_dialog(GUIDED_ROUTINE_DIALOG, _guided_state)
        if state is None:
            turn.say(expired_button(turn))
            return
        result = guided_routine.handle(state, tap.action, turn.now, turn.language)
        if result.state is not None and result.state.status == "running":
            await turn.set_dialog(
                GUIDED_ROUTINE_DIALOG, state_codec.dump(GuidedRoutineState(result.state))
            )
        turn.say(*await finish_guided_routine(turn.session, turn.user, state, result, turn.now))


async def _store_routine(turn: Turn, state: guided_routine.GuidedState) -> None:
    await turn.set_dialog(GUIDED_ROUTINE_DIALOG, state_codec.dump(GuidedRoutineState(state)))


async def pause_routine_for_safety(turn: Turn, text: str) -> bool:
    """Before the safety net answers: a running guided routine pauses when the safety net finds
    something in the text or the user says it hurts, so no further step follows an alert.
    Says nothing and never answers (False): the safety net (or `guided_text`) answers."""
    state = await turn.open_dialog(GUIDED_ROUTINE_DIALOG, _guided_state)
    if state is None or state.status != "running":
        return False
    if turn.screening(text).level is Urgency.NONE and not guided_routine.hurts(text):
        return False
    paused = guided_routine.pause(state, turn.now).state
    if paused is not None:
        await _store_routine(turn, paused)
    return False


async def guided_text(turn: Turn, text: str) -> bool:
    """Typed text during a guided routine: "aua, das zieht ins Bein" / "it hurts" pauses it
    (thanks, and the check offered), "weiter" / "stopp" act as the buttons, anything else gets
    a hint and the current step again."""
    state = await turn.open_dialog(GUIDED_ROUTINE_DIALOG, _guided_state)
    if state is None:
        return False
    if guided_routine.hurts(text):
        result = guided_routine.pause(state, turn.now)
        if result.state is None:
            return False
        await _store_routine(turn, result.state)
        turn.say(*result.messages)
        return True
    event = guided_routine.text_event(text)
    if event is None:
        turn.say(*guided_routine.hint(state, turn.language))
        return True
    result = guided_routine.handle(state, event, turn.now, turn.language)
    if result.state is not None and result.state.status == "running":
        await _store_routine(turn, result.state)
    turn.say(*await finish_guided_routine(turn.session, turn.user, state, result, turn.now))
    return True


# --- progress -----------------------------------------------------------------------------


async def progress_question_stage(turn: Turn, text: str) -> bool:
    """ "wie viele hab ich diese Woche?", "3 sessions done this week?": a question about one's
    own progress (`dialogs.habit.progress_question`) gets the /progress answer (True)."""
    if not asks_own_progress(text):
        return False
    await progress_command(turn)
    return True


async def progress_command(turn: Turn) -> None:
    """/progress: this week N/goal, streak and minutes, minutes by activity and the latest PEG,
    under the chart (`bot.charts.progress_chart`) of the weeks since the user's first one (at
    most the last CHART_WEEKS, 12): sessions per week against the goal, and pain and PEG."""
    tz = turn.user.timezone
    logs = await store.exercise_logs(turn.session, turn.user.id)
    current = progress(logs, turn.now, tz)
    ratings = await store.pain_history(turn.session, turn.user.id)
    checkins = await checkin_store.checkins(turn.session, turn.user.id)
    weeks = weekly_trend(logs, ratings, checkins, turn.now, tz, CHART_WEEKS)
    pairs = minutes_by_activity(logs, weeks[0].monday, tz)
    activities = " · ".join(turn.text(m.key, **m.args) for m in activity_messages(pairs))
    text = ChartText(
        sessions=turn.text("habit-chart-sessions-title"),
        goal=turn.text("habit-chart-goal-line", goal=current.goal),
        trend=TrendText(
            title=turn.text("habit-chart-trend-title"),
            pain=turn.text("habit-chart-pain-after"),
            peg=turn.text("habit-chart-peg"),
            peg_pain=turn.text("habit-chart-peg-pain"),
            empty=turn.text("habit-chart-empty"),
        ),
    )
    labels = [short_date(week.monday, turn.language) for week in weeks]
    png = progress_chart(weeks, labels, current.goal, text)
    turn.send_photo(png, progress_caption(current, weeks, activities, turn.language))
