"""What several end-to-end tests need: a clock the test moves by hand, a new person who has
accepted the disclaimer (and answered the red-flag check), and what a `python -m bot` child
process needs (a free port, an environment without the caller's bot settings)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from dialogs.triage.red_flags import load_catalogue

# Monday 23 March 2026, 18:00 in Berlin: a planned day, the week before the DST switch.
MONDAY_18 = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


class ManualClock:
    """A clock the test moves by hand; the bot reads it for every turn and every tick."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now


async def accept_disclaimer(person: User) -> list[BotMessage]:
    """/start and accept the disclaimer; returns what came after (the check starts by itself)."""
    await person.send("/start")
    await person.replies()
    await person.press("Verstanden" if person.language_code == "de" else "Understood")
    return await person.replies()


async def ready(bot_api: BotApiEmulator, language: str = "de", name: str = "Anna") -> User:
    """A user who has accepted the disclaimer (whatever the welcome flow sends next is read)."""
    user = bot_api.user(first_name=name, language_code=language)
    await accept_disclaimer(user)
    return user


async def say_no_to_everything(person: User) -> list[BotMessage]:
    """Answer every red-flag question with no, waiting for each reply; returns the final
    replies (the all-clear advice, then the habit feature's first plan question)."""
    replies: list[BotMessage] = []
    for _ in load_catalogue().questions:
        await person.press("Nein" if person.language_code == "de" else "No")
        replies = await person.replies()
    return replies


async def press_forged(bot_api: BotApiEmulator, person: User, data: str) -> None:
    """A callback query with made-up `data` on the person's newest bot message, as a modified
    client could send it (the bot never offered that button)."""
    chat = bot_api.chat(person.id)
    bot_id = bot_api.bot_user["id"]
    newest = max(k for k, m in chat.messages.items() if m["from"]["id"] == bot_id)
    query = {
        "id": bot_api.new_callback_id(person.id),
        "from": person.data,
        "message": dict(chat.messages[newest]),
        "chat_instance": f"ci{person.id}",
        "data": data,
    }
    bot_api.enqueue({"callback_query": query})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The build cache every child process of the suite shares (the checkout's own, as for
# `make demo`): the first one builds the text models, the others load them.
SHARED_BUILD_CACHE = Path(__file__).resolve().parents[2] / "var" / "cache"


def child_environment(**settings: str) -> dict[str, str]:
    """This process's environment without its bot settings (TELEGRAM_*, DATABASE_*, WEBHOOK_*,
    TEST_*), with the suite's shared build cache, plus ``settings``: what a ``python -m bot``
    child process is started with."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "TEST_"))
    }
    environment["MODEL_CACHE_DIR"] = str(SHARED_BUILD_CACHE)
    environment.update(settings)
    return environment


def bot_environment(bot_api: BotApiEmulator, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a `python -m bot …` child process against the emulator."""
    return child_environment(
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_BASE_URL=bot_api.base_url,
        TELEGRAM_API_FILE_URL=bot_api.base_file_url,
        DATABASE_URL=database_url,
        REMINDER_TICK_SECONDS="0.2",
        REPEAT_LOG_WINDOW_MINUTES="0",  # as in tests/conftest.py: several logs in a row
        LOG_LEVEL="WARNING",
        **extra,
    )


@asynccontextmanager
async def bot_process(
    tmp_path: Path,
    bot_api: BotApiEmulator,
    database_url: str,
    *,
    stop: signal.Signals = signal.SIGKILL,
    **extra: str,
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bot run` against the emulator; at the end, if still running, sent `stop`
    (SIGTERM: a clean stop, SIGKILLed after 15 s; SIGKILL: a crash)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=bot_environment(bot_api, database_url, **extra),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(stop)
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                await process.wait()
