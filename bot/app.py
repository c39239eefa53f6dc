"""Builds the python-telegram-bot Application: services, the handlers of `bot.routing` in
their order, and start-up (the command menu, the jobs).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from telegram import BotCommand, BotCommandScopeAllPrivateChats, MenuButtonCommands
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot import outbox, reminders, routing
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.handlers import admin, safety_net
from bot.i18n import translator
from bot.services import Services, services
from bot.storage.database import Database
from dialogs.common import build_cache
from dialogs.habit import session_model
from dialogs.triage import red_flag_patterns, screening_model

log = logging.getLogger(__name__)
# Started once the schema is migrated, before updates flow: pruning old update ids, ending old
# crisis states, the reminder tick (which also moves guided routines on), and sending the
# replies that wait in the outbox.
JOBS: tuple[Callable[[Application], Awaitable[None]], ...] = (
    admin.start_housekeeping,
    safety_net.start_crisis_sweep,
    reminders.start_dispatcher,
    outbox.start_delivery,
)


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Application:
    """The fully wired bot; `bot.runner.start_bot`/`stop_bot` run it.

    `clock` replaces the system clock (it must return aware UTC; tests move time);
    `settings.rate_limit_per_second` 0 leaves out AIORateLimiter. ConfigError when the token
    is not set.
    """
    build_cache.use_directory(settings.model_cache_dir)
    builder = ApplicationBuilder().token(settings.token).base_url(settings.telegram_api_base_url)
    if settings.telegram_api_file_url:
        builder = builder.base_file_url(settings.telegram_api_file_url)
    if settings.rate_limit_per_second:
        # A 429 (flood control) is retried up to 3 times, after Telegram's retry_after, before
        # the send fails (product decision; a reminder then waits for the next tick). One
        # message per 1/rate seconds, not `rate` per second: aiolimiter's bucket holds as many
        # as its rate, so the latter lets a burst of 30 through at once, which is what
        # Telegram's flood control punishes (600 reminders: 19.0 s instead of 20 s).
        limiter = AIORateLimiter(
            overall_max_rate=1,
            overall_time_period=1 / settings.rate_limit_per_second,
            max_retries=3,
        )
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    application = builder.build()

    svc = Services(
        settings=settings,
        db=Database(settings.database_url),
        translate=translator(),
        command_names=tuple(command.name for command in routing.COMMANDS),
        german_names={c.name: c.german for c in routing.COMMANDS if c.german is not None},
    )
    if clock is not None:
        svc.clock = clock
    application.bot_data["services"] = svc
    routing.register(application, settings)
    return application


async def on_startup(application: Application) -> None:
    """Learn the bot's username, publish the command menu, start the jobs."""
    svc = services(application)
    svc.bot_username = application.bot.username or svc.bot_username
    # The safety net's patterns and word lists, loaded once now instead of on the first message.
    await asyncio.to_thread(red_flag_patterns.prepare)
    # The activity reader's model is trained once now (about a second), not on the first message.
    await asyncio.to_thread(session_model.warm_up)
    # So is the safety net's second opinion (a few seconds).
    await asyncio.to_thread(screening_model.warm_up)
    await publish_commands(application)
    for start_job in JOBS:
        await start_job(application)


async def publish_commands(application: Application) -> None:
    """setMyCommands for each language (the German menu shows the German names, e.g.
    /hilfe; every name works in every language), plus the default language for everyone else;
    and the chat's menu button as the command list (setChatMenuButton, MenuButtonCommands), so
    the commands are one tap away in every private chat."""
    svc = services(application)
    scope = BotCommandScopeAllPrivateChats()
    for language in SUPPORTED_LANGUAGES:
        await application.bot.set_my_commands(
            command_menu(svc, language), scope=scope, language_code=language
        )
    default = command_menu(svc, svc.settings.default_language)
    await application.bot.set_my_commands(default, scope=scope)
    await application.bot.set_chat_menu_button(menu_button=MenuButtonCommands())


def command_menu(svc: Services, language: str) -> list[BotCommand]:
    """The command menu in `language`: each command once, under its German name in German."""
    german = svc.german_names if language == "de" else {}
    return [
        BotCommand(german.get(name, name), svc.translate(f"cmd-{name}", language))
        for name in svc.command_names
    ]
