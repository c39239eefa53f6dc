"""`python -m bot chat`: the real bot against the built-in Bot API emulator, in this terminal.

No token, no network: the emulator listens on loopback, the bot polls it as it would poll
Telegram, and the person at the keyboard is one emulated user. A newcomer sees the welcome
dialog within seconds.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bot.app import build_application
from bot.config import load_settings
from bot.logging_setup import configure_logging
from bot.runner import start_bot, stop_bot
from bot.testing.server import BotApiEmulator
from bot.testing.terminal import run_terminal_chat


async def chat(*, language: str = "de", database_url: str | None = None) -> int:
    """Chat in this terminal until /quit or end of input; returns the exit code 0.

    `language` is the emulated user's Telegram language; `database_url` None means a temporary
    SQLite file, removed afterwards. Raises ConfigError / StartupError as `run` does.
    """
    configure_logging("WARNING")
    logging.getLogger("bot").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="rueckenwind-chat-") as folder:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'chat.db'}"
        async with BotApiEmulator() as emulator:
            settings = load_settings(
                telegram_bot_token=emulator.token,
                telegram_api_base_url=emulator.base_url,
                telegram_api_file_url=emulator.base_file_url,
                database_url=url,
                webhook_url=None,
            )
            application = build_application(settings)
            await start_bot(application, polling_timeout=1)
            try:
                person = emulator.user(
                    first_name="Du" if language == "de" else "You", language_code=language
                )
                print(
                    "Rückenwind – local chat. Type text, a number to press a button, /quit to end."
                )
                await person.send("/start")
                await run_terminal_chat(emulator, person)
            finally:
                await stop_bot(application)
    return 0
