"""The safety net in the bot: what a screened message gets, the answers to an "ask when unsure"
question, and the helplines of the user's country (/country).

The decisions live in `dialogs.safety` (crisis message, question or alert) and
`dialogs.helplines` (the numbers); this module stores the little state they need (the user's
country; the open question, so a typed "ja" answers it) and logs each event by its name and
the user id only – never the text, which may be about someone's health or life.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Update

from bot.features import Feature
from bot.handlers.common import Context, Turn, turn
from bot.handlers.core import menu_buttons
from bot.services import Services
from bot.storage.models import User
from dialogs import safety, triage
from dialogs.helplines import COUNTRIES, Helplines
from dialogs.reply import Button, Message
from dialogs.safety import AskAnswer, Experiencer, Screening, Urgency

log = logging.getLogger(__name__)
# The open "ask when unsure" question: {"flag": <red flag id>, "who": "self" | "other"}.
ASK_DIALOG = "ask"
COUNTRY_PREFIX = "country:"
COUNTRY_MENU = "country:ask"
COUNTRY_AUTO = "country:auto"


def log_event(event: str, user_id: int | None) -> None:
    """One line per safety event ("crisis", "alert-emergency-other", "ask-answer-no" …)."""
    log.info("safety net: %s (user %s)", event, user_id)


def event_name(screening: Screening) -> str:
    if screening.level is Urgency.CRISIS:
        return "crisis"
    name = f"{'ask' if safety.asks(screening) else 'alert'}-{screening.level.value}"
    return f"{name}-other" if screening.experiencer is Experiencer.OTHER else name


# --- screened messages ----------------------------------------------------------------------


async def answer(t: Turn, screening: Screening) -> bool:
    """Say what the safety net found in a private message; False when it found nothing.

    A question is remembered (when no other dialog is open) so that a typed answer works too;
    an open check, plan or quiz is never replaced by it – its buttons work in any case.
    """
    message = safety.reply_to(screening, t.language, t.helplines)
    if message is None:
        return False
    log_event(event_name(screening), t.user.id)
    if safety.asks(screening) and screening.flag_id is not None:
        current = await t.dialog()
        if current is None or current.dialog == ASK_DIALOG:
            state = {"flag": screening.flag_id, "who": screening.experiencer.value}
            await t.set_dialog(ASK_DIALOG, state)
    else:
        await t.clear_dialog(ASK_DIALOG)  # a newer answer: a typed "ja" no longer means the old one
    t.say(message)
    return True


def group_answer(
    screening: Screening, language: str, helplines: Helplines, user_id: int | None
) -> Message | None:
    """In a group only the crisis message or an alert is given, never a question (nothing is
    stored about group members, so there is no dialog to answer it in)."""
    if screening.level is Urgency.NONE:
        return None
    log_event(f"group-{event_name(replace(screening, ask=False))}", user_id)
    if screening.level is Urgency.CRISIS:
        return safety.crisis_message(language, helplines, where="group")
    return safety.alert_message(screening, language, helplines)


# --- ask when unsure: the answers -----------------------------------------------------------


def _pending_question(state: dict[str, object]) -> tuple[str, Experiencer]:
    """The open question's red flag and whose sign it is; ValueError when damaged."""
    flag = str(state["flag"])
    if flag not in safety.load_catalogue().flags:
        raise ValueError(f"unknown red flag {flag!r}")
    return flag, Experiencer(str(state["who"]))


async def _reply(t: Turn, tap: AskAnswer) -> None:
    log_event(f"ask-answer-{tap.answer}", t.user.id)
    t.say(safety.ask_answer_message(tap, t.language, t.helplines))


async def answer_pending_question(t: Turn, text: str) -> bool:
    """A typed "ja" / "nein" / "weiß nicht" right after a question answers it. The question is
    open for that one next message only: anything else goes on to the other dialogs."""
    pending = await t.open_dialog(ASK_DIALOG, _pending_question)
    if pending is None:
        return False
    await t.clear_dialog(ASK_DIALOG)
    typed = triage.answer_from_text(text)
    if typed is None:
        return False
    flag, who = pending
    await _reply(t, AskAnswer(flag, typed.value, who))
    return True


async def on_ask_button(update: Update, context: Context) -> None:
    """Ja / Nein / Weiß nicht under a question (`tri:ask:<flag>:<y|n|u>`); a forged or unknown
    flag id gets the stale-button answer."""
    query = update.callback_query
    data = (query.data if query else None) or ""
    async with turn(update, context) as t:
        tap = safety.parse_ask_callback(data)
        if tap is None:
            t.say(Message("stale-button", {}, menu_buttons(t)))
            return
        await t.clear_dialog(ASK_DIALOG)
        await _reply(t, tap)


# --- the user's country ---------------------------------------------------------------------


def _country_args(t: Turn) -> dict[str, str]:
    return {**t.helplines.args(t.language), "chosen": "yes" if t.user.country else "no"}


def country_menu(t: Turn) -> Message:
    """The country the numbers are for, and buttons to choose another (or the time zone's)."""
    buttons = [Button(f"button-country-{code}", f"{COUNTRY_PREFIX}{code}") for code in COUNTRIES]
    rows = (
        tuple(buttons[0:2]),
        tuple(buttons[2:4]),
        (buttons[4], Button("button-country-auto", COUNTRY_AUTO)),
    )
    return Message("country-ask", _country_args(t), rows)


async def country_command(t: Turn) -> None:
    t.say(country_menu(t))


async def on_country_button(update: Update, context: Context) -> None:
    query = update.callback_query
    data = (query.data if query else None) or ""
    choice = data.removeprefix(COUNTRY_PREFIX)
    async with turn(update, context) as t:
        if data == COUNTRY_MENU:
            t.say(country_menu(t))
        elif data == COUNTRY_AUTO:
            t.user.country = None
            t.edit(Message("country-auto", _country_args(t)))
        elif choice in COUNTRIES:
            t.user.country = choice
            t.edit(Message("country-set", _country_args(t)))
        else:
            t.say(Message("stale-button", {}, menu_buttons(t)))


def with_country_button(message: Message) -> Message:
    """A settings reply (e.g. the time zone's) with a way to the country of the numbers."""
    return replace(message, buttons=(*message.buttons, (Button("button-country", COUNTRY_MENU),)))


def note_country_change(t: Turn, before: str) -> None:
    """After a time-zone change: say so when the country of the numbers changed with it."""
    if t.user.country is None and t.helplines.country != before:
        t.say(Message("country-from-timezone", _country_args(t)))


async def helplines_for_update(svc: Services, update: Update) -> Helplines:
    """The numbers for whoever sent `update`, outside a turn (the error handler): the stored
    user's in a private chat, else DEFAULT_TIMEZONE's. Never fails: it runs after an error."""
    chat = update.effective_chat
    person = update.effective_user
    if chat is None or chat.type != "private" or person is None:
        return svc.helplines()
    try:
        async with svc.db.session() as session:
            user = await session.get(User, person.id)
            if user is not None:
                return svc.helplines(user.country, user.timezone)
    except Exception:
        log.warning("could not load the user's country; using the default", exc_info=True)
    return svc.helplines()


FEATURE = Feature(
    name="safety",
    commands={"country": country_command},
    # Before the triage feature's "^tri:" buttons, which would take these for stale ones.
    buttons={rf"^{safety.ASK_PREFIX}:": on_ask_button, rf"^{COUNTRY_PREFIX}": on_country_button},
    open_commands=frozenset({"country"}),  # the numbers matter before the disclaimer too
)
