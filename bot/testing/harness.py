"""The real bot polling the local emulator, wired once for the tests, the benchmarks and the chat.

Why one place: the end-to-end tests (`tests/conftest.py`), the throughput benchmark
(`benchmarks/throughput.py`) and `python -m bot chat` all run the real application against
`BotApiEmulator` over loopback HTTP; they differ only in their settings.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings, load_settings
from bot.inbox import inbox_of
from bot.runner import start_bot, stop_bot
from bot.testing.server import BotApiEmulator


def emulator_settings(emulator: BotApiEmulator, database_url: str, **overrides: Any) -> Settings:
    """Settings that point the bot at `emulator` (polling, no webhook) and at `database_url`
    (a SQLAlchemy async URL); `overrides` are further settings by field name. Raises what
    `load_settings` raises for invalid values."""
    values: dict[str, Any] = {
        "telegram_bot_token": emulator.token,
        "telegram_api_base_url": emulator.base_url,
        "telegram_api_file_url": emulator.base_file_url,
        "database_url": database_url,
        "webhook_url": None,
        **overrides,
    }
    return load_settings(**values)


@asynccontextmanager
async def polling_bot(
    emulator: BotApiEmulator,
    settings: Settings,
    *,
    clock: Callable[[], datetime] | None = None,
) -> AsyncIterator[Application]:
    """Start the real bot with `settings` (and `clock`, an aware-UTC clock; default the
    system's), polling `emulator` every second through the durable inbox; stop it on exit.
    The emulator follows the inbox and the update queue, so a simulated user's `replies()`
    waits until the bot handled everything it was sent."""
    application = build_application(settings, clock=clock)
    await start_bot(application, polling_timeout=1)
    inbox = inbox_of(application)
    emulator.attach(inbox)
    emulator.attach(application.update_queue)
    try:
        yield application
    finally:
        emulator.detach(application.update_queue)
        emulator.detach(inbox)
        await stop_bot(application)
