"""The baseline of `benchmarks.throughput`: the least a python-telegram-bot bot does per update.

A minimal echo bot as python-telegram-bot's examples write it: an `Application` with its
defaults (updates handled one at a time – `concurrent_updates` off –, no rate limiter, no
persistence, no database), polling getUpdates; every text message is answered with its own
text (one sendMessage). Run it with `bot.testing.ptb.polling(build_echo_bot(emulator))`.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.testing.ptb import application_builder
from bot.testing.server import BotApiEmulator


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await message.reply_text(message.text)


def build_echo_bot(emulator: BotApiEmulator) -> Application:
    """The echo bot, pointed at `emulator` (sequential processing, no rate limiter)."""
    application = application_builder(emulator).build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return application
