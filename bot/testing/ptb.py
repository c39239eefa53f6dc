"""Wiring a python-telegram-bot ``Application`` to the emulator, for tests.

``application_builder(emu)`` points a builder at the emulator; ``polling(app, emulator=emu)``
runs the application for the duration of a block and lets ``User.replies`` wait for it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram.ext import Application, ApplicationBuilder

from bot.testing.server import BotApiEmulator


def application_builder(emu: BotApiEmulator) -> ApplicationBuilder:
    """An ApplicationBuilder pointed at the emulator (add handlers/persistence as usual)."""
    return (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
    )


@asynccontextmanager
async def polling(
    app: Application,
    *,
    emulator: BotApiEmulator | None = None,
    poll_timeout: int = 1,
) -> AsyncIterator[Application]:
    """Run ``app`` in polling mode for the duration of the block and shut it down cleanly;
    with ``emulator``, replies wait for the app to finish each update."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout)
    if emulator is not None:
        emulator.attach(app.update_queue)
    try:
        yield app
    finally:
        if emulator is not None:
            emulator.detach(app.update_queue)
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
