"""Triage in the bot: the red-flag check (/check, `TriageButton` and `CheckButton`), STarT Back
(`StartBackStart`, `StartBackAnswer`) and the four-weekly re-offer.

The decisions live in `dialogs.triage.red_flag_check` / `dialogs.triage.startback`; this module
loads and stores the dialog state (JSON in `dialog_states`, so a restart continues the check),
records finished results in `triage_results` and queues the messages. The safety net runs
first in the free-text pipeline (`bot/routing.py`), before anything here.
"""

from __future__ import annotations

from functools import partial

from telegram import Update

from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.habit import plan_command
from bot.handlers.safety_net import open_check
from bot.handlers.welcome import expired_button, welcome
from bot.storage import triage as store
from dialogs.common import state_codec
from dialogs.common.callback_data import parse_any
from dialogs.common.reply import Button, Message
from dialogs.common.text import tokens
from dialogs.triage import red_flag_check, startback
from dialogs.triage.alerts import START_CHECK, offer_message
from dialogs.triage.buttons import (
    CHECK_BUTTONS,
    STARTBACK_BUTTONS,
    CheckBack,
    CheckButton,
    StartBackAnswer,
    StartBackStart,
    TriageAction,
    TriageButton,
)
from dialogs.triage.red_flag_check import Answer
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


async def begin_check(turn: Turn) -> None:
    """A new check, emergencies first (replaces an unfinished one)."""
    state, message = red_flag_check.start(turn.language)
    await turn.set_dialog(TRIAGE_DIALOG, state_codec.dump(state))
    turn.say(message)


async def _finish(
    turn: Turn, dialog: str, kind: str, answers: dict[str, object], outcome: str
) -> None:
    """A finished check or questionnaire: its dialog ends and its result is kept for /export."""
    await turn.clear_dialog(dialog)
    await store.save_result(
        turn.session, turn.user.id, kind=kind, answers=answers, outcome=outcome, at=turn.now
    )


async def _answer(turn: Turn, answer: Answer, question_id: str | None) -> None:
    state = await open_check(turn)
    if state is None:
        turn.say(_stale())
        return
    state, messages, outcome = red_flag_check.step(
        state, answer, question_id, helplines=turn.helplines
    )
    if outcome is None:
        await turn.set_dialog(TRIAGE_DIALOG, state_codec.dump(state))
        turn.say(*messages)
        return
    await _finish(
        turn,
        TRIAGE_DIALOG,
        store.REDFLAGS,
        state_codec.dump(outcome),
        "clear" if outcome.clear else outcome.level.value,
    )
    turn.say(*messages)
    if outcome.clear:
        if turn.user.consent_at is None:
            turn.say(welcome(turn))  # the plan needs the disclaimer first; the check did not
        else:
            await plan_command(turn)  # no red flags: time to make a movement plan (or show it)


async def on_triage_button(update: Update, context: Context) -> None:
    """`tri:<start|later|plan>` and the check's answers `tri:<y|n|u>[:<question id>]` (they
    work before the disclaimer too); anything else is a stale button."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *CHECK_BUTTONS)
    async with open_turn(update, context) as turn:
        match tap:
            case TriageButton(action=TriageAction.START):
                await begin_check(turn)
            case TriageButton(action=TriageAction.LATER):
                turn.say(Message("triage-later"))
            case TriageButton(action=TriageAction.PLAN):
                await plan_command(turn)
            case CheckButton(code=code, question=question_id):
                await _answer(turn, Answer(code.answer), question_id)
            case CheckBack(question=question_id):
                await _back(turn, question_id)
            case _:
                turn.say(expired_button(turn))


async def _back(turn: Turn, question_id: str | None) -> None:
    """ "Zurück": the last answer is taken back and its question asked again."""
    state = await open_check(turn)
    if state is None or state.current_question is None:
        turn.say(_stale())
        return
    state, message = red_flag_check.back(state, question_id)
    await turn.set_dialog(TRIAGE_DIALOG, state_codec.dump(state))
    turn.say(message)


async def triage_text(turn: Turn, text: str) -> bool:
    """Typed answers during the check ("ja", "nein", "weiß nicht"), "zurück" to correct the
    last answer, or "abbrechen". Anything else (messages that belong elsewhere have passed
    the check by, see `messages.dialog_text`) gets a hint and the open question again; the
    question's buttons stay usable, and "abbrechen" or any command leaves the check."""
    state = await open_check(turn)
    if state is None:
        return False
    if _is_cancel(text):
        await turn.clear_dialog(TRIAGE_DIALOG)
        turn.say(Message("triage-cancelled", {}, (_START_ROW,)))
        return True
    if red_flag_check.is_back(text):
        await _back(turn, None)
        return True
    answer = red_flag_check.answer_from_text(text)
    if answer is not None and state.current_question is not None and not state.in_view:
        state, again = red_flag_check.typed_out_of_view(state)  # not counted: shown first
        await turn.set_dialog(TRIAGE_DIALOG, state_codec.dump(state))
        turn.say(again)
        return True
    if answer is not None:
        await _answer(turn, answer, None)
        return True
    if state.current_question is None:
        return False  # a finished check (an old state): nothing to ask again
    turn.say(*red_flag_check.hint(state))
    return True


async def recheck_stage(turn: Turn, text: str) -> bool:
    """Four weeks after the last check the check is offered again (once; the offer is recorded),
    and in the same turn STarT Back, when its last result is as old and was not offered again
    yet (`startback.rescreen_due`): never two separate offers.

    Returns False so that whatever the user wrote is still answered by the other features.
    """
    if turn.user.consent_at is None:
        return False
    last = await store.last_check_or_offer_at(turn.session, turn.user.id)
    # Never checked: the check was already offered at consent (and /check is in the menu).
    if last is not None and red_flag_check.check_due(last, turn.now):
        await store.save_result(
            turn.session, turn.user.id, kind=store.OFFER, answers={}, outcome="due", at=turn.now
        )
        turn.say(offer_message("due"))
        await _offer_rescreen(turn)
    return False


async def _offer_rescreen(turn: Turn) -> None:
    """STarT Back again, once per result (the offer is recorded as an OFFER row)."""
    result_at = await store.last_at(turn.session, turn.user.id, store.STARTBACK)
    offered_at = await store.last_at(turn.session, turn.user.id, store.OFFER, store.STARTBACK_DUE)
    if startback.rescreen_due(result_at, offered_at, turn.now):
        await store.save_result(
            turn.session,
            turn.user.id,
            kind=store.OFFER,
            answers={},
            outcome=store.STARTBACK_DUE,
            at=turn.now,
        )
        turn.say(startback.rescreen_message())


# --- STarT Back ---------------------------------------------------------------------------


async def _open_questionnaire(turn: Turn) -> StartBackState | None:
    return await turn.open_dialog(STARTBACK_DIALOG, partial(state_codec.load, StartBackState))


async def on_startback_button(update: Update, context: Context) -> None:
    """`sb:start` starts STarT Back (again); `sb:<item>:<value>` answers it, and the scored
    result is stored in `triage_results` (kind "startback", outcome the risk group)."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *STARTBACK_BUTTONS)
    async with open_turn(update, context) as turn:
        if isinstance(tap, StartBackStart):
            fresh, message = startback.start(turn.language)
            await turn.set_dialog(STARTBACK_DIALOG, state_codec.dump(fresh))
            turn.say(message)
            return
        if not isinstance(tap, StartBackAnswer):
            turn.say(expired_button(turn))
            return
        state = await _open_questionnaire(turn)
        if state is None:
            turn.say(
                Message(
                    "triage-sb-stale", {}, ((Button("triage-button-startback", startback.START),),)
                )
            )
            return
        await _startback_step(turn, state, tap.item, tap.value)


async def _startback_step(turn: Turn, state: StartBackState, item: int, value: int) -> None:
    state, messages, result = startback.step(state, item, value)
    if result is None:
        await turn.set_dialog(STARTBACK_DIALOG, state_codec.dump(state))
    else:
        answers = state_codec.dump(result)
        await _finish(turn, STARTBACK_DIALOG, store.STARTBACK, answers, result.risk.value)
    turn.say(*messages)


async def startback_text(turn: Turn, text: str) -> bool:
    """Typed text during STarT Back: "ja"/"nein" (and the last item's scale in words or 1–5)
    answer the open item, "abbrechen" ends it; anything else gets a hint and the item again."""
    state = await _open_questionnaire(turn)
    if state is None:
        return False
    if _is_cancel(text):
        await turn.clear_dialog(STARTBACK_DIALOG)
        turn.say(Message("triage-cancelled"))
        return True
    item = state.current_item
    if item is None:
        return False  # answered in full (an old state): nothing to ask again
    value = startback.answer_from_text(state, text)
    if value is None:
        turn.say(*startback.hint(state))
    else:
        await _startback_step(turn, state, item.number, value)
    return True
