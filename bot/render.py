"""Turns a dialog's `Message` into Telegram text and an inline keyboard in the user's language."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Message as TelegramMessage

from bot.i18n import Translator
from dialogs.common.reply import Message

# Bot API, sendMessage `text`: "1-4096 characters after entities parsing".
TELEGRAM_TEXT_LIMIT = 4096


def keyboard(message: Message, language: str, translate: Translator) -> InlineKeyboardMarkup | None:
    """The message's button rows as an inline keyboard, labels in `language`; None without
    buttons."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    translate(button.key, language, **button.args), callback_data=button.data
                )
                for button in row
            ]
            for row in message.buttons
        ]
    )


def text(message: Message, language: str, translate: Translator) -> str:
    """The message's text in `language`, cut to TELEGRAM_TEXT_LIMIT characters (ending in "…")
    so that Telegram accepts it."""
    rendered = translate(message.key, language, **message.args)
    if len(rendered) > TELEGRAM_TEXT_LIMIT:
        rendered = rendered[: TELEGRAM_TEXT_LIMIT - 1] + "…"
    return rendered


async def send(
    bot: Bot, chat_id: int, message: Message, language: str, translate: Translator
) -> TelegramMessage:
    """Render `message` in `language` and send it with its buttons (turns and reminders alike).

    Raises telegram.error.TelegramError as sending does (Forbidden: the user blocked the bot).
    """
    return await bot.send_message(
        chat_id,
        text(message, language, translate),
        reply_markup=keyboard(message, language, translate),
    )
