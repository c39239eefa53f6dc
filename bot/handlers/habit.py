"""The movement habit in the bot: plan dialog and commands, "done" logging, reminder buttons,
pain ratings, weekly barriers, guided sessions and the progress chart.

All decisions live in `dialogs/` (habit, plan, schedule, guided); this module only loads and
stores rows, calls the dialogs and queues their messages on the turn. Sending happens after the
commit, so "1/3" is only shown once the session is durably logged.
"""

from __future__ import annotations

import io
import logging
from datetime import time
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot.exercises import current_progress, finish_guided, log_exercise
from bot.handlers.common import Context, Turn, turn
from bot.handlers.safety_net import note_country_change, with_country_button
from bot.handlers.welcome import expired_button, require_consent
from bot.storage import habit as store
from bot.storage.habit import SESSION_DIALOG
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
    ReminderAction,
    ReminderAt,
    ReminderButton,
    TimezoneButton,
)
from dialogs.habit.guided_routine import SessionState
from dialogs.habit.parsing import DoneCommand, ParseError, parse_done
from dialogs.habit.plan_dialog import (
    PlanState,
    check_time,
    looks_like_plan_input,
    pause,
    plan_input,
    remind_command,
    resume,
    show_plan,
    start_plan,
    timezone_command,
)
from dialogs.habit.progress import (
    barrier_tip,
    pain_reply,
    progress,
    progress_message,
    week_history,
)
from dialogs.habit.schedule import (
    Plan,
    later_options,
    next_local_time,
    snooze_until,
    snoozed_message,
    week_start,
)

log = logging.getLogger(__name__)
PLAN_DIALOG = "plan"


# --- plan ---------------------------------------------------------------------------------


async def _plan_or_default(t: Turn) -> tuple[Plan | None, Plan]:
    current = await store.get_plan(t.session, t.user)
    return current, current or Plan(tz=t.user.timezone)


async def begin_plan(t: Turn) -> None:
    _, base = await _plan_or_default(t)
    result = start_plan(base, t.language)
    if result.state is not None:
        await t.set_dialog(PLAN_DIALOG, state_codec.dump(result.state))
    t.say(*result.messages)


async def _advance_plan(t: Turn, state: PlanState, data: str) -> None:
    _current, base = await _plan_or_default(t)
    country_before = t.helplines.country
    result = plan_input(state, data, base, t.language)
    if result.state is None:
        await t.clear_dialog(PLAN_DIALOG)
    else:
        await t.set_dialog(PLAN_DIALOG, state_codec.dump(result.state))
    if result.plan is not None:
        await store.save_plan(t.session, t.user, result.plan, t.now)
    t.say(*result.messages)
    note_country_change(t, country_before)


async def _open_plan_dialog(t: Turn) -> PlanState | None:
    return await t.open_dialog(PLAN_DIALOG, partial(state_codec.load, PlanState))


async def plan_text(t: Turn, text: str) -> bool:
    state = await _open_plan_dialog(t)
    if state is None:
        return False
    if parse_done(text) is not None:
        return False  # "erledigt" mid-dialog is still a logged session (`done_stage`)
    if not looks_like_plan_input(text):
        return False
    await _advance_plan(t, state, text)
    return True


async def plan_command(t: Turn) -> None:
    current = await store.get_plan(t.session, t.user)
    if current is None:
        await begin_plan(t)
    else:
        t.say(show_plan(current, t.language))


async def _store_change(t: Turn, had_plan: bool, updated: Plan | None) -> None:
    if updated is None:
        return
    if had_plan or updated.weekdays:
        await store.save_plan(t.session, t.user, updated, t.now)


async def remind(t: Turn) -> None:
    _current, base = await _plan_or_default(t)
    updated, message = remind_command(base, " ".join(t.args), t.language)
    if message.key == "habit-plan-saved":
        await _store_change(t, True, updated)
    t.say(message)


async def timezone(t: Turn) -> None:
    await _apply_timezone(t, " ".join(t.args))


async def _apply_timezone(t: Turn, args: str) -> None:
    current, base = await _plan_or_default(t)
    country_before = t.helplines.country
    updated, message = timezone_command(base, args, t.language)
    if message.key == "habit-tz-saved" and updated is not None:
        if current is not None:
            await store.save_plan(t.session, t.user, updated, t.now)
        else:
            t.user.timezone = updated.tz
    if message.key in ("habit-tz-ask", "habit-tz-saved"):
        message = with_country_button(message)  # the numbers' country is a setting nearby
    t.say(message)
    note_country_change(t, country_before)


async def pause_command(t: Turn) -> None:
    current = await store.get_plan(t.session, t.user)
    updated, message = pause(current)
    await _store_change(t, current is not None, updated)
    t.say(message)


async def resume_command(t: Turn) -> None:
    current = await store.get_plan(t.session, t.user)
    updated, message = resume(current, t.language)
    await _store_change(t, current is not None, updated)
    t.say(message)


async def on_plan_button(update: Update, context: Context) -> None:
    data = update.callback_query.data or "" if update.callback_query else ""
    async with turn(update, context) as t:
        if not require_consent(t):
            return
        match parse_any(data, *PLAN_BUTTONS):
            case PlanButton(action=PlanAction.EDIT):
                await begin_plan(t)
            case PlanButton(action=PlanAction.PAUSE):
                await pause_command(t)
            case PlanButton(action=PlanAction.RESUME):
                await resume_command(t)
            case TimezoneButton(zone=zone):
                await _apply_timezone(t, zone)
            case None:
                t.say(expired_button(t))
            case _:  # a step of the plan dialog (days, time, zone, cancel)
                state = await _open_plan_dialog(t)
                if state is None:
                    t.say(Message("stale-button"))
                    return
                await _advance_plan(t, state, data)


# --- logging sessions ---------------------------------------------------------------------


async def done_stage(t: Turn, text: str) -> bool:
    """Typed "erledigt", "15 min erledigt", "gestern erledigt" …: a logged session."""
    command = parse_done(text)
    if command is None:
        return False
    t.say(
        *await log_exercise(
            t.session, t.user, command, now=t.now, source="text", update_key=t.update_key
        )
    )
    return True


async def undo(t: Turn) -> None:
    removed = await store.undo_last(t.session, t.user.id)
    if removed is None:
        t.say(Message("habit-undo-none"))
        return
    current = await current_progress(t.session, t.user, t.now)
    t.say(
        Message(
            "habit-undo-done",
            {"minutes": removed.minutes, "count": current.count, "goal": current.goal},
        )
    )


async def on_pain(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = PainButton.parse(query.data if query else None)
    async with turn(update, context) as t:
        if not require_consent(t):
            return
        if tap is None:
            t.say(expired_button(t))
            return
        await store.add_pain(t.session, t.user.id, t.now, tap.rating)
        t.edit(pain_reply(tap.rating))


async def on_barrier(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = BarrierButton.parse(query.data if query else None)
    async with turn(update, context) as t:
        if not require_consent(t):
            return
        if tap is None:
            t.say(expired_button(t))
            return
        barrier = tap.barrier.value
        week = await store.latest_review_week(t.session, t.user.id)
        if week is None:
            week = week_start(t.now, ZoneInfo(t.user.timezone))
        count = await store.week_count(t.session, t.user, t.now)
        await store.record_review(t.session, t.user.id, week, count, barrier)
        t.say(barrier_tip(barrier, t.language))


# --- reminder buttons ---------------------------------------------------------------------


async def on_reminder(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = parse_any(query.data if query else None, *REMINDER_BUTTONS)
    async with turn(update, context) as t:
        if not require_consent(t):
            return
        if not isinstance(tap, ReminderButton | ReminderAt) or not await store.is_users_reminder(
            t.session, t.user.id, tap.reminder
        ):
            t.say(expired_button(t))
            return
        reminder_id = tap.reminder
        match tap:
            case ReminderButton(action=ReminderAction.DONE):
                key = f"rem:{reminder_id}"  # the reminder's ✅ logs once, however often tapped
                t.say(
                    *await log_exercise(
                        t.session, t.user, DoneCommand(), now=t.now, source="button", update_key=key
                    )
                )
            case ReminderButton(action=ReminderAction.LATER):
                _, plan = await _plan_or_default(t)
                t.say(later_options(reminder_id, plan, t.now))
            case ReminderButton(action=ReminderAction.SNOOZE) | ReminderAt():
                _, plan = await _plan_or_default(t)
                await _snooze(t, plan, tap.at if isinstance(tap, ReminderAt) else None)
            case ReminderButton(action=ReminderAction.SKIP):
                start, end = store.day_bounds(t.now, t.user.timezone)
                await store.skip_today(t.session, t.user.id, reminder_id, start, end)
                t.say(Message("habit-skipped"))


async def _snooze(t: Turn, plan: Plan, at: time | None) -> None:
    """+1 hour (never into quiet hours) or a chosen local time (refused inside quiet hours)."""
    until = snooze_until(plan, t.now) if at is None else next_local_time(plan, t.now, at)
    if until is None:
        refused = check_time(plan, at) if at is not None else None
        t.say(refused.message if isinstance(refused, ParseError) else Message("stale-button"))
        return
    await store.add_reminder(t.session, t.user.id, "snooze", until)
    t.say(snoozed_message(plan, t.now, until))


# --- guided session -----------------------------------------------------------------------


async def session_command(t: Turn) -> None:
    t.say(guided_routine.routine_menu(t.language))


def _guided_state(state: dict[str, Any]) -> guided_routine.GuidedState:
    return state_codec.load(SessionState, state).guided


async def on_guided(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = parse_any(query.data if query else None, *GUIDED_BUTTONS)
    async with turn(update, context) as t:
        if not require_consent(t):
            return
        if not isinstance(tap, GuidedStart | GuidedButton):
            t.say(expired_button(t))
            return
        if isinstance(tap, GuidedStart):
            result = guided_routine.start(tap.routine, t.now, t.language)
            if result.state is not None:
                await t.set_dialog(SESSION_DIALOG, state_codec.dump(SessionState(result.state)))
            t.say(*result.messages)
            return
        state = await t.open_dialog(SESSION_DIALOG, _guided_state)
        if state is None:
            t.say(Message("stale-button"))
            return
        result = guided_routine.handle(state, tap.action, t.now, t.language)
        if result.state is not None and result.state.status == "running":
            await t.set_dialog(SESSION_DIALOG, state_codec.dump(SessionState(result.state)))
        t.say(*await finish_guided(t.session, t.user, state, result, t.now))


# --- progress -----------------------------------------------------------------------------


def progress_chart(
    weeks: list[tuple[str, int]],
    goal: int,
    pain: list[tuple[str, float]],
    labels: dict[str, str],
) -> bytes:
    """A PNG: sessions per week as bars against the goal line, weekly mean pain if known."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 3.6), dpi=100)
    try:
        names = [monday[5:].replace("-", ".") for monday, _ in weeks]
        counts = [count for _, count in weeks]
        colours = ["#2e7d32" if count >= goal else "#90caf9" for count in counts]
        axis.bar(names, counts, color=colours, label=labels["sessions"])
        axis.axhline(goal, color="#e65100", linestyle="--", label=labels["goal"])
        axis.set_ylim(0, max([goal + 1, *counts]) + 0.5)
        axis.set_title(labels["title"])
        axis.set_xlabel(labels["week"])
        axis.tick_params(axis="x", labelrotation=45, labelsize=8)
        if pain:
            index = {name: position for position, (name, _) in enumerate(weeks)}
            points = [(index[week], value) for week, value in pain if week in index]
            if points:
                twin = axis.twinx()
                twin.plot(
                    [x for x, _ in points], [y for _, y in points], color="#c62828", marker="o"
                )
                twin.set_ylim(0, 10)
                twin.set_ylabel(labels["pain"])
        axis.legend(loc="upper left", fontsize=8)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)


async def progress_command(t: Turn) -> None:
    logs = await store.session_logs(t.session, t.user.id)
    current = progress(logs, t.now, t.user.timezone)
    weeks = week_history(logs, t.now, t.user.timezone, weeks=10)
    zone = ZoneInfo(t.user.timezone)
    by_week: dict[str, list[int]] = {}
    for at, score in await store.pain_history(t.session, t.user.id):
        by_week.setdefault(week_start(at, zone).isoformat(), []).append(score)
    pain = [(week, sum(values) / len(values)) for week, values in by_week.items()]
    labels = {
        key: t.text(f"habit-chart-{key}") for key in ("title", "goal", "sessions", "pain", "week")
    }
    png = progress_chart(weeks, current.goal, pain, labels)
    t.send_photo(png, progress_message(current))
