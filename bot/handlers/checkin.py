"""The weekly check-in in the bot: /checkin (on, off, or this week's questions), the 0–10
buttons and the on/off switch (also under the Sunday summary).

What to ask and say is `dialogs.habit.checkin`'s; this module loads and stores rows. The
answers travel in the buttons, so the third tap stores the week's row – once: a double tap, a
redelivered update or an old message's buttons find it stored and only show it.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from telegram import Update

from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.welcome import expired_button, require_consent
from bot.storage import checkins as store
from bot.storage import habit as habit_store
from dialogs.common.reply import Message
from dialogs.habit.buttons import CheckinAnswer, CheckinSwitch
from dialogs.habit.checkin import (
    Switch,
    already,
    answer,
    checkin_week,
    question,
    read_switch,
    status,
    switched,
    thanks,
    week_is_open,
)

log = logging.getLogger(__name__)


async def checkin_command(turn: Turn) -> None:
    """/checkin: turned on, this week's questions (or the week's stored answers); otherwise
    what it is and a button to turn it on. `/checkin an|on` and `/checkin aus|off` switch."""
    match read_switch(" ".join(turn.args)):
        case Switch.ON:
            await _switch(turn, True)
        case Switch.OFF:
            await _switch(turn, False)
        case Switch.SHOW if turn.user.weekly_checkin:
            await ask_this_week(turn)
        case Switch.SHOW:
            turn.say(status(turn.user.weekly_checkin))


async def ask_this_week(turn: Turn) -> None:
    """The first question for the week a check-in is about now (`checkin_week`: this week on
    a Sunday, else the last full week), or – answered already – the stored values."""
    monday = checkin_week(turn.now, ZoneInfo(turn.user.timezone))
    stored = await store.checkin_of_week(turn.session, turn.user.id, monday)
    turn.say(already(stored) if stored is not None else question(monday, (), turn.language))


async def _switch(turn: Turn, on: bool) -> None:
    turn.user.weekly_checkin = on
    has_plan = await habit_store.get_plan(turn.session, turn.user) is not None
    turn.say(switched(on, has_plan))
    log.info("weekly check-in turned %s (user %s)", "on" if on else "off", turn.user.id)
    if on:
        await ask_this_week(turn)


async def on_checkin_switch(update: Update, context: Context) -> None:
    """`ci:1` / `ci:0`: turn the weekly check-in on (and ask this week's questions) or off."""
    query = update.callback_query
    tap = CheckinSwitch.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        await _switch(turn, tap.on)


async def on_checkin_answer(update: Update, context: Context) -> None:
    """`peg:<week>:<answers>`: the next question in place of the tapped one, or after the third
    answer the week stored once and the thanks with last week's values. A week that is no
    longer open (`checkin.week_is_open`) or forged data gets the "out of date" answer."""
    query = update.callback_query
    tap = CheckinAnswer.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None or not week_is_open(tap.monday, turn.now, turn.user.timezone):
            turn.say(expired_button(turn))
            return
        stored = await store.checkin_of_week(turn.session, turn.user.id, tap.monday)
        if stored is not None:
            turn.edit(already(stored))
            return
        result = answer(tap, turn.language)
        if isinstance(result, Message):
            turn.edit(result)
            return
        previous = await store.previous_checkin(turn.session, turn.user.id, result.week)
        if not await store.add_checkin(turn.session, turn.user.id, result, turn.now):
            # another tap of this week was stored first (in another process): show that one
            stored = await store.checkin_of_week(turn.session, turn.user.id, result.week)
            turn.edit(already(stored or result))
            return
        log.info("weekly check-in stored (user %s, week %s)", turn.user.id, result.week)
        turn.edit(thanks(result, previous))
