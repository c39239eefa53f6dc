"""Logging exercise in people's own words: typed sessions, the questions before logging, typed
pain ratings, corrections by editing, and /undo with a confirmation.

The activity reader (`dialogs.habit.activity`) decides what a message says; this module loads
and stores rows and queues the replies. Logging itself goes through `bot.exercises.log_exercise`
(one path for typed text, the ✅ under a reminder and guided routines).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot.exercises import current_progress, log_exercise
from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.welcome import expired_button, require_consent
from bot.storage import habit as store
from dialogs.common.reply import Message
from dialogs.common.yes_no import TypedAnswer, typed_answer
from dialogs.habit.activity import (
    ActivityReport,
    read_activity,
    read_mention,
    read_pain_rating,
    session_date,
)
from dialogs.habit.buttons import Answer, LogButton, UndoButton
from dialogs.habit.pain_talk import back_hurts_reply, says_back_hurts
from dialogs.habit.parsing import MAX_MINUTES, DoneCommand, logged_instant
from dialogs.habit.progress import command_of, log_question, pain_reply, undo_question

# A typed number answers the pain question for this long after an exercise log, and only
# once (product decision: later, "7" is more likely something else).
PAIN_ANSWER_WINDOW = timedelta(hours=2)
# The open Ja/Nein question before logging ("Soll ich 20 Minuten Yoga eintragen?", the repeat
# question), kept as an interruption (`Turn.interrupt`) so that the next typed "ja" / "nein"
# answers it like its buttons, even while another dialog (a plan's time question) is open below
# it; that dialog gets every later message back. State: the "Ja" button's callback data.
# (/undo's question takes its buttons only: kept open the same way, it made the crash storm
# fail on SQLite in 3 of 3 runs, for a reason not found yet.)
CONFIRM_DIALOG = "confirm"


def _command(report: ActivityReport, turn: Turn) -> DoneCommand:
    """The exercise a report describes, its day counted back from the user's local today."""
    today = turn.now.astimezone(ZoneInfo(turn.user.timezone)).date()
    days_ago = (today - session_date(report.day, today)).days
    return DoneCommand(
        minutes=report.minutes,
        days_ago=days_ago,
        activity=report.activity,
        felt=report.felt,
        pain=report.pain,
    )


def _message_id(turn: Turn) -> int | None:
    message = turn.update.effective_message
    return message.message_id if message is not None else None


async def _ask(turn: Turn, question: Message) -> None:
    """Send a Ja/Nein question before logging and keep it open for a typed answer (its first
    button is "Ja")."""
    turn.say(question)
    await turn.interrupt(CONFIRM_DIALOG, {"yes": question.buttons[0][0].data})


def _open_confirmation(state: dict[str, Any]) -> LogButton:
    """The "Ja" of the open question; ValueError when the stored data is no log button."""
    tap = LogButton.parse(state["yes"])
    if tap is None:
        raise ValueError("the open question's button is damaged")
    return tap


async def close_confirmation(turn: Turn) -> None:
    """A command, or a press of the question's own buttons, closes the typed answer's way."""
    await turn.clear_dialog(CONFIRM_DIALOG)


async def typed_confirmation(turn: Turn, text: str) -> bool:
    """A typed "ja" / "nein" right after "Soll ich … eintragen?" answers it like its buttons.
    The question is open for that one next message: anything else (also "weiß nicht") closes
    it, its buttons keep working, and the text goes on."""
    yes = await turn.open_dialog(CONFIRM_DIALOG, _open_confirmation)
    if yes is None:
        return False
    await close_confirmation(turn)
    typed = typed_answer(text)
    if typed is None or typed is TypedAnswer.UNSURE:
        return False
    await _answer_log(turn, yes if typed is TypedAnswer.YES else replace(yes, answer=Answer.NO))
    return True


async def done_stage(turn: Turn, text: str) -> bool:
    """A session in the user's words ("hab heute 20 min Yoga gemacht", "done ✅", "gestern 15
    min"): logged; asked about first when the reading is unsure or a log came minutes ago."""
    report = read_activity(text)
    if report is None:
        return False
    if report.error:
        turn.say(Message(report.error, {"minutes": report.minutes, "max": MAX_MINUTES}))
        return True
    command = _command(report, turn)
    if not report.sure:
        await _ask(turn, log_question(command, turn.update.update_id))
        return True
    # A second session minutes after the last is asked about (`Settings.repeat_log_window_minutes`).
    window = timedelta(minutes=turn.services.settings.repeat_log_window_minutes)
    last = await store.last_exercise_log(turn.session, turn.user.id)
    if (
        last is not None
        and command.days_ago == 0  # catching up on yesterday is no repeat
        and last.update_key != turn.update_key
        and timedelta(0) <= turn.now - last.done_at < window
        and _maybe_same(last.activity, command.activity)
    ):
        minutes_ago = int((turn.now - last.done_at).total_seconds() // 60)
        await _ask(turn, log_question(command, turn.update.update_id, repeat_minutes=minutes_ago))
        return True
    turn.say(
        *await log_exercise(
            turn.session,
            turn.user,
            command,
            now=turn.now,
            source="text",
            update_key=turn.update_key,
            message_id=_message_id(turn),
        )
    )
    return True


def _maybe_same(before: str | None, now: str | None) -> bool:
    """Could two logs minutes apart be the same session sent twice? Not when both name an
    activity and the activities differ ("20 min Yoga", then "30 min spazieren")."""
    return before is None or now is None or before == now


async def mention_stage(turn: Turn, text: str) -> bool:
    """No session, but a plan ("ich will morgen joggen"), a missed one ("heute keine Übungen
    gemacht") or someone else's outing ("meine Eltern waren wandern"): a short friendly answer
    instead of "not understood"."""
    mention = read_mention(text)
    if mention is None:
        return False
    turn.say(Message(f"habit-mention-{mention}"))
    return True


async def back_hurts_stage(turn: Turn, text: str) -> bool:
    """ "Mein Rücken tut weh", "my back really hurts today" (a statement, after the safety net
    and the questions had their turn): a kind answer with what usually helps."""
    if not says_back_hurts(text):
        return False
    turn.say(back_hurts_reply())
    return True


async def on_log_button(update: Update, context: Context) -> None:
    """`log:<y|n>:…`: "Ja" logs the entry the button carries (once per button press), "Nein"
    logs nothing; both replace the question."""
    query = update.callback_query
    tap = LogButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        await _answer_log(turn, tap)


async def _answer_log(turn: Turn, tap: LogButton) -> None:
    """The answer to "Soll ich … eintragen?", pressed or typed: "Ja" logs the entry the
    question carries, "Nein" logs nothing."""
    await close_confirmation(turn)
    if tap.answer is Answer.NO:
        turn.edit(Message("habit-log-declined"))
        return
    # Logged under the message asked about: "Ja" typed, then pressed, counts once.
    key = turn.update_key if tap.origin is None else f"ask:{tap.origin}"
    turn.say(
        *await log_exercise(
            turn.session, turn.user, command_of(tap), now=turn.now, source="text", update_key=key
        )
    )


async def pain_rating_stage(turn: Turn, text: str) -> bool:
    """A typed pain rating ("7", "so ne 6", "7/10", "pretty bad, like a 6") within
    PAIN_ANSWER_WINDOW of the last exercise log, and before any other rating since, answers
    its pain question like the buttons; else the text goes on. The window counts from when
    the log was made, also for a session logged for an earlier day ("gestern 20 min
    spazieren": done yesterday, asked now)."""
    rating = read_pain_rating(text)
    if rating is None:
        return False
    last = await store.last_exercise_log(turn.session, turn.user.id)
    if last is None:
        return False
    asked_at = logged_instant(last.done_at, last.source, turn.now, turn.user.timezone)
    if not timedelta(0) <= turn.now - asked_at < PAIN_ANSWER_WINDOW:
        return False
    if await store.pain_rated_since(turn.session, turn.user.id, asked_at):
        return False
    await store.add_pain(turn.session, turn.user.id, turn.now, rating)
    turn.say(pain_reply(rating))
    return True


async def correct_edited(turn: Turn, text: str) -> bool:
    """An edited message that had logged a session ("done 10" → "done 25") corrects that entry
    (minutes, activity, how it felt); True when it did. An edit that no longer reads as a
    session leaves the entry alone (the user has /undo)."""
    message_id = _message_id(turn)
    if message_id is None:
        return False
    row = await store.exercise_log_of_message(turn.session, turn.user.id, message_id)
    if row is None:
        return False
    report = read_activity(text)
    if report is None or report.error:
        return False
    row.minutes = report.minutes
    row.activity = report.activity
    row.felt = report.felt
    await turn.session.flush()
    current = await current_progress(turn.session, turn.user, turn.now)
    today = turn.now.astimezone(ZoneInfo(turn.user.timezone)).date()
    args = {
        "minutes": report.minutes,
        "count": current.count,
        "goal": current.goal,
        "days": max((today - row.local_date).days, 0),  # the day it is logged for
    }
    turn.say(Message("habit-edit-corrected", args))
    return True


async def undo(turn: Turn) -> None:
    """/undo: show the last logged exercise (date, minutes, activity) and ask before removing."""
    last = await store.last_exercise_log(turn.session, turn.user.id)
    if last is None:
        turn.say(Message("habit-undo-none"))
        return
    turn.say(undo_question(last.id, last.local_date, last.minutes, last.activity))


async def on_undo_button(update: Update, context: Context) -> None:
    """`undo:<y|n>:<id>`: remove that exercise log (if it still exists) and say what is left
    this week, or keep it."""
    query = update.callback_query
    tap = UndoButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if not require_consent(turn):
            return
        if tap is None:
            turn.say(expired_button(turn))
            return
        await _answer_undo(turn, tap)


async def _answer_undo(turn: Turn, tap: UndoButton) -> None:
    """The answer to /undo's question, pressed or typed: "Ja" removes the log it names (if it
    still exists) and says what is left this week, "Nein" keeps it."""
    await close_confirmation(turn)
    if tap.answer is Answer.NO:
        turn.edit(Message("habit-undo-kept"))
        return
    removed = await store.delete_exercise_log(turn.session, turn.user.id, tap.log_id)
    if removed is None:
        turn.edit(Message("habit-undo-gone"))
        return
    # Its pain rating goes with it: /progress must not average a session that is gone. The
    # rating came after the log was made (for an earlier day's session: today, not that day).
    made = logged_instant(removed.done_at, removed.source, turn.now, turn.user.timezone)
    await store.remove_pain_after(turn.session, turn.user.id, made)
    current = await current_progress(turn.session, turn.user, turn.now)
    turn.edit(
        Message(
            "habit-undo-done",
            {"minutes": removed.minutes, "count": current.count, "goal": current.goal},
        )
    )
