"""Health: is the database reachable, is the Bot API reachable (getMe), is the reminder
dispatcher keeping up, are updates or replies piling up? `python -m bot health` prints it
(exit code 0 healthy, 1 not); in webhook mode `GET /healthz` answers it as JSON (200 / 503).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram import Bot

from bot.config import Settings
from bot.storage import health as store
from bot.storage.database import Database

# The thresholds (product decisions). The dispatcher ticks every REMINDER_TICK_SECONDS (10 s
# by default): a reminder due five minutes ago and still not sent means it is not running or
# cannot keep up. The inbox empties within seconds; 100 waiting updates mean the worker is
# stuck or far behind. 100 replies waiting in the outbox mean Telegram has refused them for a
# while (or the outbox job is not running).
MAX_LAG_SECONDS = 300.0
MAX_INBOX_DEPTH = 100
MAX_OUTBOX_DEPTH = 100
# Seconds each check may take before it counts as failed (product decision).
CHECK_TIMEOUT = 10.0


@dataclass(frozen=True)
class Health:
    """What was found: `database` / `bot_api` reachable; `dispatcher_lag` seconds since the
    oldest due reminder was due (0 when none is), `inbox_depth` and `outbox_depth` (replies
    not yet accepted by Telegram). The figures are None when the database could not be read."""

    database: bool
    bot_api: bool
    dispatcher_lag: float | None
    inbox_depth: int | None
    outbox_depth: int | None

    @property
    def healthy(self) -> bool:
        """Both reachable and every figure within its threshold."""
        return (
            self.database
            and self.bot_api
            and self.dispatcher_lag is not None
            and self.dispatcher_lag <= MAX_LAG_SECONDS
            and self.inbox_depth is not None
            and self.inbox_depth <= MAX_INBOX_DEPTH
            and self.outbox_depth is not None
            and self.outbox_depth <= MAX_OUTBOX_DEPTH
        )

    def as_json(self) -> dict[str, Any]:
        """The `/healthz` body."""
        return {
            "healthy": self.healthy,
            "database": self.database,
            "bot_api": self.bot_api,
            "dispatcher_lag_seconds": self.dispatcher_lag,
            "inbox_depth": self.inbox_depth,
            "outbox_depth": self.outbox_depth,
        }

    def report(self) -> str:
        """A few lines for the terminal, the verdict last."""

        def figure(value: float | None, limit: float, unit: str = "") -> str:
            if value is None:
                return "unknown"
            shown = f"{value:.0f}{unit}"
            return f"{shown} (limit {limit:.0f}{unit})" + ("" if value <= limit else " TOO HIGH")

        lines = [
            f"database        {'ok' if self.database else 'UNREACHABLE'}",
            f"bot api         {'ok' if self.bot_api else 'UNREACHABLE'}",
            f"dispatcher lag  {figure(self.dispatcher_lag, MAX_LAG_SECONDS, ' s')}",
            f"inbox           {figure(self.inbox_depth, MAX_INBOX_DEPTH)}",
            f"outbox          {figure(self.outbox_depth, MAX_OUTBOX_DEPTH)}",
            "healthy" if self.healthy else "unhealthy",
        ]
        return "\n".join(lines)


async def check(database: Database, bot: Bot, now: datetime | None = None) -> Health:
    """Check with the running bot's (or a fresh) database and Bot API client; `now` aware UTC
    (default: the system clock). Never raises for an unreachable database or API."""
    moment = now or datetime.now(UTC)
    figures: store.Figures | None
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            async with database.session() as session:
                figures = await store.figures(session, moment)
    except Exception:  # any driver, OS or SQL error: not reachable (or not migrated)
        figures = None
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            await bot.get_me()
        bot_api = True
    except Exception:  # TelegramError, or the timeout
        bot_api = False
    if figures is None:
        return Health(False, bot_api, None, None, None)
    lag = 0.0 if figures.oldest_due is None else (moment - figures.oldest_due).total_seconds()
    return Health(True, bot_api, max(lag, 0.0), figures.inbox_depth, figures.outbox_depth)


async def check_settings(settings: Settings) -> Health:
    """`python -m bot health`: check with a database engine and Bot API client of its own
    (ConfigError when TELEGRAM_BOT_TOKEN is not set)."""
    file_url = settings.telegram_api_file_url or "https://api.telegram.org/file/bot"
    bot = Bot(settings.token, base_url=settings.telegram_api_base_url, base_file_url=file_url)
    database = Database(settings.database_url)
    try:
        return await check(database, bot)
    finally:
        await bot.shutdown()
        await database.dispose()
        await asyncio.sleep(0.1)  # let a failed aiosqlite worker thread finish quietly
