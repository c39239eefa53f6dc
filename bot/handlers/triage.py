"""Triage in the bot: the red-flag check (/check, `tri:` buttons), STarT Back (`sb:` buttons)
and the four-weekly re-offer.

The decisions live in `dialogs.triage.red_flag_check` / `dialogs.triage.startback`; this module
loads and stores the dialog state (JSON in `dialog_states`, so a restart continues the check),
records finished results in `triage_results` and queues the messages. The free-text safety net
itself runs in the core (`bot/handlers/messages.py`) before anything here.
"""

from __future__ import annotations

from telegram import Update

from bot.features import Feature
from bot.handlers.common import Context, Turn, turn
from bot.handlers.core import welcome
from bot.storage import triage as store
from dialogs.common.reply import Button, Message
from dialogs.common.text import tokens
from dialogs.triage import red_flag_check, startback
from dialogs.triage.alerts import LATER, START_CHECK, TO_PLAN, offer_message
from dialogs.triage.red_flag_check import Answer, TriageState
from dialogs.triage.startback import StartBackState

TRIAGE_DIALOG = red_flag_check.DIALOG
STARTBACK_DIALOG = "startback"
_CANCEL = {"abbrechen", "abbruch", "stopp", "stop", "cancel", "beenden", "quit"}
_START_ROW = (Button("triage-button-start", START_CHECK),)


def _is_cancel(text: str) -> bool:
    words = tokens(text)
    return len(words) <= 2 and any(word in _CANCEL for word in words)


def _stale() -> Message:
    return Message("triage-stale", {}, (_START_ROW,))


# --- red-flag check -----------------------------------------------------------------------


async def begin_check(t: Turn) -> None:
    """A new check, emergencies first (replaces an unfinished one)."""
    state, message = red_flag_check.start(t.language)
    await t.set_dialog(TRIAGE_DIALOG, state.to_dict())
    t.say(message)


async def _open_check(t: Turn) -> TriageState | None:
    # A damaged state is treated like no check; the user can start again.
    return await t.open_dialog(TRIAGE_DIALOG, TriageState.from_dict)


async def _finish(
    t: Turn, dialog: str, kind: str, answers: dict[str, object], outcome: str
) -> None:
    """A finished check or questionnaire: its dialog ends and its result is kept for /export."""
    await t.clear_dialog(dialog)
    await store.save_result(
        t.session, t.user.id, kind=kind, answers=answers, outcome=outcome, at=t.now
    )


async def _answer(t: Turn, answer: Answer, question_id: str | None) -> None:
    state = await _open_check(t)
    if state is None:
        t.say(_stale())
        return
    state, messages, outcome = red_flag_check.step(
        state, answer, question_id, helplines=t.helplines
    )
    if outcome is None:
        await t.set_dialog(TRIAGE_DIALOG, state.to_dict())
        t.say(*messages)
        return
    await _finish(
        t,
        TRIAGE_DIALOG,
        store.REDFLAGS,
        outcome.to_dict(),
        "clear" if outcome.clear else outcome.level.value,
    )
    t.say(*messages)
    if outcome.clear:
        if t.user.consent_at is None:
            t.say(welcome(t))  # the plan needs the disclaimer first; the check did not
        else:
            await t.hook("after_check_clear")


async def on_triage_button(update: Update, context: Context) -> None:
    query = update.callback_query
    data = (query.data if query else None) or ""
    async with turn(update, context) as t:
        if data == START_CHECK:
            await begin_check(t)
        elif data == LATER:
            t.say(Message("triage-later"))
        elif data == TO_PLAN:
            await t.hook("after_check_clear")
        else:
            parsed = red_flag_check.parse_callback(data)
            if parsed is None:
                t.say(_stale())
            else:
                await _answer(t, *parsed)


async def triage_text(t: Turn, text: str) -> bool:
    """Typed answers during the check ("ja", "nein", "weiß nicht"), or "abbrechen".

    Anything else is left to the other features: the question's buttons stay usable above,
    and nobody is trapped in a questionnaire."""
    state = await _open_check(t)
    if state is None:
        return False
    if _is_cancel(text):
        await t.clear_dialog(TRIAGE_DIALOG)
        t.say(Message("triage-cancelled", {}, (_START_ROW,)))
        return True
    answer = red_flag_check.answer_from_text(text)
    if answer is None:
        return False  # not an answer: the other features (or the help fallback) reply
    await _answer(t, answer, None)
    return True


async def recheck_stage(t: Turn, text: str) -> bool:
    """Four weeks after the last check the check is offered again (once; the offer is recorded).

    Returns False so that whatever the user wrote is still answered by the other features.
    """
    if t.user.consent_at is None:
        return False
    last = await store.last_check_or_offer_at(t.session, t.user.id)
    # Never checked: the check was already offered at consent (and /check is in the menu).
    if last is not None and red_flag_check.check_due(last, t.now):
        await store.save_result(
            t.session, t.user.id, kind=store.OFFER, answers={}, outcome="due", at=t.now
        )
        t.say(offer_message("due"))
    return False


# --- STarT Back ---------------------------------------------------------------------------


async def _open_questionnaire(t: Turn) -> StartBackState | None:
    return await t.open_dialog(STARTBACK_DIALOG, StartBackState.from_dict)


async def on_startback_button(update: Update, context: Context) -> None:
    query = update.callback_query
    data = (query.data if query else None) or ""
    async with turn(update, context) as t:
        if data == startback.START:
            fresh, message = startback.start(t.language)
            await t.set_dialog(STARTBACK_DIALOG, fresh.to_dict())
            t.say(message)
            return
        parsed = startback.parse_callback(data)
        state = await _open_questionnaire(t)
        if parsed is None or state is None:
            t.say(
                Message(
                    "triage-sb-stale", {}, ((Button("triage-button-startback", startback.START),),)
                )
            )
            return
        state, messages, result = startback.step(state, *parsed)
        if result is None:
            await t.set_dialog(STARTBACK_DIALOG, state.to_dict())
        else:
            await _finish(t, STARTBACK_DIALOG, store.STARTBACK, result.to_dict(), result.risk.value)
        t.say(*messages)


async def startback_text(t: Turn, text: str) -> bool:
    state = await _open_questionnaire(t)
    if state is None:
        return False
    if _is_cancel(text):
        await t.clear_dialog(STARTBACK_DIALOG)
        t.say(Message("triage-cancelled"))
        return True
    return False  # answers come from the buttons; other text goes to the other features


FEATURE = Feature(
    name="triage",
    commands={"check": begin_check},
    buttons={r"^tri:": on_triage_button, r"^sb:": on_startback_button},
    text_stages=((10, recheck_stage),),
    dialog_text={TRIAGE_DIALOG: triage_text, STARTBACK_DIALOG: startback_text},
    hooks={"after_consent": begin_check},  # the check comes first, before any plan
    open_commands=frozenset({"check"}),  # safety never waits for the disclaimer
    open_dialogs=frozenset({TRIAGE_DIALOG}),  # nor do the check's typed answers
)
