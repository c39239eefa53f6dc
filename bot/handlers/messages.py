"""Everything that is not a command: the free-text pipeline's own stages, media, edits,
groups, unknown commands, stale buttons and errors. Nothing a user sends is met with silence.

The pipeline's order is `bot.routing.TEXT_PIPELINE`; what the safety net answers (crisis
message, question or alert) is `bot.handlers.safety_net`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence, Set
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ApplicationHandlerStop

from bot.handlers import exercise_log, safety_net
from bot.handlers.common import Context, TextStage, Turn, open_turn, user_language
from bot.handlers.welcome import menu_buttons, require_consent
from bot.inbox import retry_later
from bot.render import text as render_text
from bot.services import services
from dialogs.common import small_talk
from dialogs.common.reply import Message
from dialogs.common.text import tokens
from dialogs.common.yes_no import typed_answer
from dialogs.habit.activity import read_activity, read_mention, read_pain_rating
from dialogs.habit.pain_talk import says_back_hurts
from dialogs.myths.matcher import match
from dialogs.triage import alerts, screening

log = logging.getLogger(__name__)
# Longer than this many characters, a message is only screened for red flags, not interpreted
# further (product decision: a chat question is far shorter, and the matchers are tuned on
# short messages; Telegram itself allows 4096).
LONG_TEXT = 1000
# In a group, the "write me privately" note goes out once per group and this long (product
# decision, issue 12 §3: a note per message drowns the group); alerts always go out.
GROUP_NOTE_EVERY = timedelta(hours=1)


def text_handler(
    pipeline: Sequence[TextStage],
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """The handler of free text: one turn, the stages in their order until one has answered
    (the last, `fallback`, always does)."""

    async def on_text(update: Update, context: Context) -> None:
        message = update.effective_message
        text = (message.text if message else None) or ""
        async with open_turn(update, context) as turn:
            await run_pipeline(pipeline, turn, text)

    return on_text


async def run_pipeline(pipeline: Sequence[TextStage], turn: Turn, text: str) -> None:
    """The stages in their order until one has answered (the last, `fallback`, always does);
    then an open check shows its question again if the answer was not its own
    (`safety_net.keep_check_in_view`)."""
    for stage in pipeline:
        if await stage(turn, text):
            break
    await safety_net.keep_check_in_view(turn)


async def too_long(turn: Turn, text: str) -> bool:
    """Longer than LONG_TEXT (1000) characters, a message is only screened for red flags (the
    stages before this one), not interpreted: a polite "too long". True: answered."""
    if len(text) <= LONG_TEXT:
        return False
    turn.say(Message("too-long"))
    return True


async def getting_worse(turn: Turn, text: str) -> bool:
    """A message saying "it is getting worse" re-offers the structured check (tri:start)."""
    if not turn.screening(text).worsening:
        return False
    turn.say(alerts.offer_message("worse"))
    return True


def dialog_text(
    stages: Mapping[str, TextStage],
    open_dialogs: Set[str],
    number_dialogs: Set[str] = frozenset(),
    word_dialogs: Set[str] = frozenset(),
) -> TextStage:
    """The stage that gives text to the user's open dialog (dialog name → its text stage),
    then to the one a safety question paused; before the disclaimer only to `open_dialogs`.

    A message that clearly belongs elsewhere (`belongs_elsewhere`: a session report, news of
    a missed or planned session – unless the dialog reads such words itself, see
    `word_dialogs` –, a question, a greeting, a pain rating – unless the dialog itself takes
    numbers, see `number_dialogs`) passes the dialog by: it stays open, and the message goes
    on to the other stages. Anything else is the dialog's: its stage answers it, or asks its
    question again with a hint."""

    async def to_open_dialog(turn: Turn, text: str) -> bool:
        consented = turn.user.consent_at is not None
        for name in await turn.dialog_names():
            stage = stages.get(name)
            if stage is None or not (consented or name in open_dialogs):
                continue
            await turn.services.ready_matcher()  # `belongs_elsewhere` asks it
            if belongs_elsewhere(
                text,
                turn.language,
                takes_numbers=name in number_dialogs,
                takes_words=name in word_dialogs,
            ):
                return False
            if await stage(turn, text):
                return True
        return False

    return to_open_dialog


def belongs_elsewhere(
    text: str, language: str, *, takes_numbers: bool = False, takes_words: bool = False
) -> bool:
    """A message an open dialog must not read as its answer: a session report ("gestern 15
    min spazieren gewesen"), news of a plan or a missed session ("hab heute keine Zeit
    gehabt", "ich will morgen joggen") unless such words are said to the dialog itself
    ("keine Zeit mehr" during a guided routine), a question of its own ("Soll ich mich
    schonen?", or one the myths know: "do i really need an MRI for my back"), a greeting or
    thanks ("hallo", "danke dir, echt hilfreich"), that the back hurts ("this pain is killing
    me", `pain_talk`; not after a yes or no: "ja, tut weh" answers), or a pain rating ("7",
    "7/10") unless the
    dialog takes numbers. "ok" and 👍 stay the dialog's
    (`small_talk.SmallTalk.leaves_dialog`)."""
    talk = small_talk.small_talk(text)
    if small_talk.is_question(text) or (talk is not None and talk.leaves_dialog):
        return True
    if len(tokens(text)) >= 3 and match(text, language) is not None:
        return True
    if is_session_report(text) or (not takes_words and is_movement_news(text)):
        return True
    if says_back_hurts(text) and not starts_with_yes_or_no(text):
        return True  # "this pain is killing me": a kind answer, not the question again
    return not takes_numbers and pain_rating(text) is not None


# The activity reader decides what "belongs elsewhere": a session report or a pain rating
# leaves an open dialog for the pipeline's exercise-log stages.


def is_session_report(text: str) -> bool:
    """The user reports a session ("erledigt", "hab heute 20 min Yoga gemacht"; also unsure
    readings, which the exercise-log stage asks about)."""
    return read_activity(text) is not None


def starts_with_yes_or_no(text: str) -> bool:
    """ "ja, tut weh", "no, my back hurts": an answer to the dialog's question first."""
    words = tokens(text)
    return bool(words) and typed_answer(words[0]) is not None


def is_movement_news(text: str) -> bool:
    """No session, but the user's plan, a missed session or someone else's outing ("ich will
    morgen joggen", "heute nicht geschafft"; `read_mention`), which the exercise-log stage
    answers kindly. Never what hurts or what one can no longer do ("ich kann nicht mehr
    laufen" stays an open check's answer). Asked after `is_session_report`: a report with
    a plan beside it ("20 min gelaufen, morgen schwimmen") is a report."""
    return read_mention(text) is not None


def pain_rating(text: str) -> int | None:
    """A typed pain rating 0–10 ("7", "so ne 6", "7/10"); None for anything else."""
    return read_pain_rating(text)


# ---------------------------------------------------------------------------------------------


async def small_talk_stage(turn: Turn, text: str) -> bool:
    """ "moin", "danke", "👍", "gute nacht": a short friendly answer instead of "not
    understood" (`dialogs.common.small_talk`). True: answered."""
    found = small_talk.small_talk(text)
    if found is None:
        return False
    turn.say(small_talk.reply(found, turn.helplines.args(turn.language)))
    return True


async def consent_required(turn: Turn, text: str) -> bool:
    """Every stage after this one needs the accepted disclaimer (else it is shown again)."""
    return not require_consent(turn)


async def fallback(turn: Turn, text: str) -> bool:
    """Nothing else answered: a friendly pointer to the menu."""
    turn.say(Message("fallback", {}, menu_buttons(turn)))
    return True


def media_handler(
    pipeline: Sequence[TextStage],
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Stickers, photos, voice, files. One with a caption is answered like a text message with
    that caption (the whole free-text pipeline, the safety net first); without one, a friendly
    word (after a crisis message, the warm answer)."""

    async def on_media(update: Update, context: Context) -> None:
        message = update.effective_message
        caption = (message.caption if message else None) or ""
        async with open_turn(update, context) as turn:
            if caption.strip():
                await run_pipeline(pipeline, turn, caption)
                return
            if await safety_net.answer_in_crisis(turn, media=True):
                return
            turn.say(Message("unsupported-media", {}, menu_buttons(turn)))

    return on_media


async def on_edited(update: Update, context: Context) -> None:
    """An edited message is screened again (the edit may add a red flag), else acknowledged."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    async with open_turn(update, context) as turn:
        if await safety_net.answer(turn, screening.screen(text, turn.language)):
            await safety_net.keep_check_in_view(turn)
            return
        if not await exercise_log.correct_edited(turn, text):
            turn.say(Message("edited-message"))


async def on_group(update: Update, context: Context) -> None:
    """In groups: no health conversations, only the crisis message or a red-flag alert, and a
    link to a private chat.

    Nothing is stored about group members; the reply goes to the group, with the numbers of
    EMERGENCY_NUMBER / URGENT_CARE_NUMBER or else of DEFAULT_TIMEZONE's country.
    """
    message = update.effective_message
    if message is None:
        raise ApplicationHandlerStop
    svc = services(context)
    language = user_language(update, svc.settings.default_language)
    text = message.text or message.caption or ""
    sender = update.effective_user.id if update.effective_user else None
    found = safety_net.group_answer(
        screening.screen(text, language), language, svc.helplines(), sender
    )
    if found is not None:
        await message.reply_text(render_text(found, language, svc.translate))
    if not _group_note_due(context, message.chat_id, svc.clock()):
        raise ApplicationHandlerStop
    link = f"https://t.me/{svc.bot_username}"
    await message.reply_text(
        svc.translate("group-private", language, link=link),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Rückenwind", url=link)]]),
    )
    raise ApplicationHandlerStop


def _group_note_due(context: Context, chat_id: int, now: datetime) -> bool:
    """True (and remembered) when this group has not had the private-chat note in the last
    GROUP_NOTE_EVERY. Kept in memory (`bot_data`), by design: nothing is stored about groups
    or their members in the database; after a restart (or in a second process) a group may get
    the note once more within the hour."""
    noted: dict[int, datetime] = context.bot_data.setdefault("group_notes", {})
    last = noted.get(chat_id)
    if last is not None and now - last < GROUP_NOTE_EVERY:
        return False
    noted[chat_id] = now
    if len(noted) > 10_000:  # a bound on memory: forget the notes older than the window
        for key in [key for key, at in noted.items() if now - at >= GROUP_NOTE_EVERY]:
            del noted[key]
    return True


async def on_unknown_command(update: Update, context: Context) -> None:
    """An unknown /command: says so (naming it, without "@bot", cut to 40 characters) and
    offers the menu."""
    message = update.effective_message
    command = ((message.text if message else None) or "/").split()[0].split("@")[0]
    async with open_turn(update, context) as turn:
        turn.say(Message("unknown-command", {"command": command[:40]}, menu_buttons(turn)))


async def on_foreign_button(update: Update, context: Context) -> None:
    """A button pressed on a message outside the presser's own private chat (a group, a
    channel, someone else's chat). The bot puts callback buttons only into private chats, so
    only a forged or replayed query comes here: it gets a short "out of date" notice on the
    button and nothing else – nothing is stored, and nothing of the presser's is sent where
    others read it. Every other press goes on to the button handlers."""
    query = update.callback_query
    shown = query.message if query is not None else None
    if query is None or shown is None or shown.chat.id == query.from_user.id:
        return
    svc = services(context)
    language = user_language(update, svc.settings.default_language)
    try:
        await query.answer(svc.translate("button-elsewhere", language))
    except Exception:  # an expired query must not turn into an error message
        log.debug("could not answer a button pressed elsewhere", exc_info=True)
    raise ApplicationHandlerStop


async def on_stale_button(update: Update, context: Context) -> None:
    """A button from an old message whose dialog has moved on: say so and offer the menu."""
    async with open_turn(update, context) as turn:
        turn.say(Message("stale-button", {}, menu_buttons(turn)))


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The user blocked or unblocked the bot: stop or allow reminders accordingly."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    if change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        await services(context).mark_blocked(change.chat.id)


async def on_error(update: object, context: Context) -> None:
    """Log the error (the log filter masks the token) and tell the user, in their language –
    unless the inbox handles the update again (nothing was stored; `bot.inbox.retry_later`)."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if await retry_later(context, update):
        return
    svc = services(context)
    language = user_language(update, svc.settings.default_language)
    helplines = await safety_net.helplines_for_update(svc, update)
    try:
        await context.bot.send_message(
            update.effective_chat.id,
            svc.translate("error-generic", language, **helplines.args(language)),
        )
    except Exception:
        log.warning("could not tell the user about the error", exc_info=True)
