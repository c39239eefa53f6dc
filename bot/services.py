"""What every handler needs, kept in `application.bot_data` so handlers stay thin."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.i18n import Translator
from bot.storage import users
from bot.storage.database import Database
from bot.storage.habit import PlanScan
from dialogs.common.helplines import Helplines, helplines_for
from dialogs.myths.matcher import default_matcher


def _system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """What every handler and job needs: settings, database, translator, command names, the
    clock (aware UTC) and this process's name for claiming reminders."""

    settings: Settings
    db: Database
    translate: Translator
    # The command names in /help and menu order (`bot.routing.COMMANDS`), for /help and the
    # menu buttons; the handlers themselves are wired in `bot.routing`.
    command_names: tuple[str, ...] = ()
    # A command's German name where it has one (`Command.german`: "help" → "hilfe"), for the
    # German /help and Telegram's German command menu.
    german_names: dict[str, str] = field(default_factory=dict)
    # Injected so tests can move time; always returns an aware UTC datetime.
    clock: Callable[[], datetime] = _system_clock
    # Names this process when it claims reminders, so two processes never send the same one.
    instance_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    # Set by `bot.reminders.release_claims` on a clean stop: the dispatcher claims no more rows.
    reminders_stopped: bool = False
    # Where the dispatcher's look for plans without a next reminder is (`bot.reminders`).
    plan_scan: PlanScan = field(default_factory=PlanScan)
    bot_username: str = "rueckenwind_bot"
    # The myth and question matcher's build, in a thread, started by the first turn that needs
    # it (`ready_matcher`).
    matcher_ready: asyncio.Future[Any] | None = None

    async def ready_matcher(self) -> None:
        """Make sure the myth and question matcher (`dialogs.myths.matcher.default_matcher`)
        is built before a turn asks it: the first call builds it in a thread (seconds of CPU;
        built on the event loop, it held every user's replies that long), later calls return
        at once. Not at start-up: most turns never need it, and every restart would pay."""
        if self.matcher_ready is None:
            self.matcher_ready = asyncio.ensure_future(asyncio.to_thread(default_matcher))
        if not self.matcher_ready.done():
            await asyncio.shield(self.matcher_ready)

    def helplines(self, country: str | None = None, timezone: str | None = None) -> Helplines:
        """The numbers every safety text needs: those of the user's chosen `country`, else of
        the country of their `timezone` (group chats and unknown people: DEFAULT_TIMEZONE),
        with the operator's EMERGENCY_NUMBER / URGENT_CARE_NUMBER as overrides."""
        return helplines_for(
            country,
            timezone or self.settings.default_timezone,
            emergency_override=self.settings.emergency_number,
            urgent_override=self.settings.urgent_care_number,
        )

    async def mark_blocked(self, user_id: int) -> None:
        """The user blocked the bot: inactive (no reminders) until they write again."""
        async with self.db.session() as session:
            await users.mark_blocked(session, user_id, self.clock())


def services(context: Any) -> Services:
    """The process's services from a PTB callback context (or an Application); KeyError when
    the application was not built by `bot.app.build_application`."""
    bot_data = context.bot_data
    result: Services = bot_data["services"]
    return result
