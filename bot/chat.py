"""`python -m bot chat`: the real bot against the built-in Bot API emulator, in this terminal.

No token, no network: the emulator listens on loopback, the bot polls it as it would poll
Telegram, and the person at the keyboard is one emulated user. A newcomer sees the welcome
dialog within seconds.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from bot.config import StartupError
from bot.logging_setup import CHAT_LOG_FILE, configure_logging
from bot.services import services
from bot.storage import users
from bot.testing.harness import emulator_settings, polling_bot
from bot.testing.server import BotApiEmulator
from bot.testing.terminal import run_terminal_chat

log = logging.getLogger(__name__)


async def chat(
    *,
    language: str = "de",
    database_url: str | None = None,
    log_file: Path = CHAT_LOG_FILE,
    log_level: str = "INFO",
) -> int:
    """Chat in this terminal until /quit or end of input; returns the exit code 0.

    `language` is the emulated user's Telegram language; `database_url` None means a temporary
    SQLite file, removed afterwards. Every log line (and Python warning) is appended to
    `log_file` at `log_level`, so nothing but the chat reaches the terminal. Raises
    ConfigError / StartupError as `run` does.
    """
    try:
        configure_logging(log_level, log_file=log_file)
    except OSError as error:
        raise StartupError(f"cannot write the log file {log_file} ({error.strerror})") from None
    logging.captureWarnings(True)
    with tempfile.TemporaryDirectory(prefix="rueckenwind-chat-") as folder:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'chat.db'}"
        async with BotApiEmulator() as emulator:
            settings = emulator_settings(emulator, url)
            async with polling_bot(emulator, settings) as application:
                # A chat resumed on its database: Telegram's update ids only grow, and ids the
                # database has seen would be ignored as delivered again.
                async with services(application).db.session() as session:
                    emulator.continue_after(await users.last_update_id(session))
                log.info("chat started: the bot polls the local emulator (language %s)", language)
                person = emulator.user(
                    first_name="Du" if language == "de" else "You", language_code=language
                )
                # The bot remembers pressed buttons by message id: a resumed chat numbers its
                # messages after any earlier run's (seconds since the epoch; this chat never
                # sends more than one message a second for long), else a first tap would be
                # ignored as "pressed again".
                emulator.world.chat(person.id).next_message_id = int(time.time())
                print(
                    "Rückenwind – local chat. Type text, a number to press a button, /quit to end."
                    f" (Log: {log_file})"
                )
                await person.send("/start")
                await run_terminal_chat(emulator, person)
            log.info("chat ended")
    return 0
