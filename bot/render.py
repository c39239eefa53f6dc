"""Turns a dialog's `Message` into Telegram text and an inline keyboard in the user's language."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Message as TelegramMessage

from bot.i18n import Translator
from dialogs.common.reply import Message

TELEGRAM_TEXT_LIMIT = 4096


def keyboard(message: Message, language: str, t: Translator) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(button.key, language, **button.args), callback_data=button.data
                )
                for button in row
            ]
            for row in message.buttons
        ]
    )


def text(message: Message, language: str, t: Translator) -> str:
    rendered = t(message.key, language, **message.args)
    if len(rendered) > TELEGRAM_TEXT_LIMIT:
        rendered = rendered[: TELEGRAM_TEXT_LIMIT - 1] + "…"
    return rendered


async def send(
    bot: Bot, chat_id: int, message: Message, language: str, t: Translator
) -> TelegramMessage:
    """Render `message` in `language` and send it with its buttons (turns and reminders alike)."""
    return await bot.send_message(
        chat_id, text(message, language, t), reply_markup=keyboard(message, language, t)
    )
