"""Everything that is not a command: free text (safety net first), media, edits, groups,
unknown commands, stale buttons and errors. Nothing a user sends is met with silence.

What the safety net answers (crisis message, question or alert) is `bot.handlers.safety_net`'s.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import Application, ApplicationHandlerStop

from bot.handlers import safety_net
from bot.handlers.common import Context, Turn, mark_blocked, turn, user_language
from bot.handlers.core import menu_buttons, require_consent
from bot.render import text as render_text
from bot.services import services
from dialogs.common.reply import Message
from dialogs.triage import alerts, screening

log = logging.getLogger(__name__)
# Longer than this, a message is only screened for red flags, not interpreted further.
LONG_TEXT = 1000


async def on_text(update: Update, context: Context) -> None:
    """Free text: the safety net first (a crisis, a question, an alert), then – in the hours
    after a crisis message – a warm answer, then the answer to an open safety question, then
    the user's open dialog, then the features, then help.

    "It is getting worse" re-offers the structured check before anything else. The check's
    typed answers work before the disclaimer, like its buttons (safety never waits).
    """
    message = update.effective_message
    text = (message.text if message else None) or ""
    async with turn(update, context) as turn_:
        result = screening.screen(text, turn_.language)
        if await safety_net.answer(turn_, result):
            return
        if await safety_net.answer_in_crisis(turn_):
            return
        if await safety_net.answer_pending_question(turn_, text):
            return
        if len(text) > LONG_TEXT:
            turn_.say(Message("too-long"))
            return
        if result.worsening:
            turn_.say(alerts.offer_message("worse"))  # re-offer the check (tri:start)
            return
        if await _dialog_text(turn_, text):
            return
        if not require_consent(turn_):
            return
        if await _route(turn_, text):
            return
        turn_.say(Message("fallback", {}, menu_buttons(turn_)))


async def _dialog_text(turn_: Turn, text: str) -> bool:
    """Text for the user's open dialog (or the one a safety question paused); before the
    disclaimer only for the dialogs a feature declares open (`Feature.open_dialogs`)."""
    consented = turn_.user.consent_at is not None
    for name in await turn_.dialog_names():
        for feature in turn_.services.features:
            stage = feature.dialog_text.get(name)
            if stage is None or not (consented or name in feature.open_dialogs):
                continue
            if await stage(turn_, text):
                return True
    return False


async def _route(turn_: Turn, text: str) -> bool:
    """The features' text stages, in their order (the open dialog had its say before)."""
    features = turn_.services.features
    stages = sorted(
        (order, index, stage)
        for feature in features
        for index, (order, stage) in enumerate(feature.text_stages)
    )
    for _order, _index, stage in stages:
        if await stage(turn_, text):
            return True
    return False


async def on_media(update: Update, context: Context) -> None:
    """Stickers, photos, voice, files: a friendly word; a caption is still screened."""
    message = update.effective_message
    caption = (message.caption if message else None) or ""
    async with turn(update, context) as turn_:
        if caption and await safety_net.answer(turn_, screening.screen(caption, turn_.language)):
            return
        if await safety_net.answer_in_crisis(turn_, media=not caption):
            return
        turn_.say(Message("unsupported-media", {}, menu_buttons(turn_)))


async def on_edited(update: Update, context: Context) -> None:
    """An edited message is screened again (the edit may add a red flag), else acknowledged."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    async with turn(update, context) as turn_:
        if not await safety_net.answer(turn_, screening.screen(text, turn_.language)):
            turn_.say(Message("edited-message"))


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
        await message.reply_text(render_text(found, language, svc.t))
    link = f"https://t.me/{svc.bot_username}"
    await message.reply_text(
        svc.t("group-private", language, link=link),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Rückenwind", url=link)]]),
    )
    raise ApplicationHandlerStop


async def on_unknown_command(update: Update, context: Context) -> None:
    message = update.effective_message
    command = ((message.text if message else None) or "/").split()[0].split("@")[0]
    async with turn(update, context) as turn_:
        turn_.say(Message("unknown-command", {"command": command[:40]}, menu_buttons(turn_)))


async def on_stale_button(update: Update, context: Context) -> None:
    """A button from an old message whose dialog has moved on: say so and offer the menu."""
    async with turn(update, context) as turn_:
        turn_.say(Message("stale-button", {}, menu_buttons(turn_)))


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The user blocked or unblocked the bot: stop or allow reminders accordingly."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    if change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        await mark_blocked(services(context), change.chat.id)


async def on_error(update: object, context: Context) -> None:
    """Log the error (the log filter masks the token) and tell the user, in their language."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    svc = services(context)
    language = user_language(update, svc.settings.default_language)
    helplines = await safety_net.helplines_for_update(svc, update)
    try:
        await context.bot.send_message(
            update.effective_chat.id, svc.t("error-generic", language, **helplines.args(language))
        )
    except Exception:
        log.warning("could not tell the user about the error", exc_info=True)


def register_catch_alls(application: Application) -> None:
    """Handlers that must come after every feature's own handlers."""
    from telegram.ext import (
        CallbackQueryHandler,
        ChatMemberHandler,
        MessageHandler,
        filters,
    )

    private = filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    application.add_handler(
        MessageHandler(private & new_message & filters.TEXT & ~filters.COMMAND, on_text)
    )
    application.add_handler(
        MessageHandler(private & new_message & filters.COMMAND, on_unknown_command)
    )
    application.add_handler(MessageHandler(private & filters.UpdateType.EDITED, on_edited))
    application.add_handler(MessageHandler(private & new_message, on_media))
    application.add_handler(CallbackQueryHandler(on_stale_button))
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_error_handler(on_error)
