"""Builds the python-telegram-bot Application: services, handlers in their order, start-up.

Handler order matters: group chats are answered before anything else (group -1); then every
feature's commands and buttons; the catch-alls (free text, unknown commands, media, edits,
stale buttons) come last so that nothing falls through to silence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import Any

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.features import Command, Feature
from bot.handlers import messages
from bot.handlers.common import Context, turn
from bot.handlers.core import CORE, require_consent
from bot.handlers.safety_net import FEATURE as SAFETY
from bot.i18n import translator
from bot.services import Services, services
from bot.storage.database import Database
from dialogs.triage import red_flag_patterns

log = logging.getLogger(__name__)
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def default_features() -> list[Feature]:
    """Every feature the bot offers, core and the safety net first (their order is the order
    in /help, and the safety net's buttons must come before the check's)."""
    features = [CORE, SAFETY]
    for module_name in ("bot.handlers.triage", "bot.handlers.myths", "bot.handlers.habit"):
        try:
            module = __import__(module_name, fromlist=["FEATURE"])
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        features.append(module.FEATURE)
    return features


def command_callback(name: str, command: Command, open_to_all: bool) -> Handler:
    """Wrap a feature command in a turn; most commands need the accepted disclaimer first."""

    async def handle(update: Update, context: Context) -> None:
        async with turn(update, context) as turn_:
            await turn_.hook("before_command")  # e.g. a command ends the safety net's dialogs
            if open_to_all or require_consent(turn_):
                await command(turn_)

    handle.__name__ = f"command_{name}"
    return handle


def build_application(
    settings: Settings,
    *,
    features: Sequence[Feature] | None = None,
    clock: Callable[[], datetime] | None = None,
    rate_limit: bool = True,
) -> Application:
    """The fully wired bot; `bot.runner.start_bot`/`stop_bot` run it."""
    builder = ApplicationBuilder().token(settings.token).base_url(settings.telegram_api_base_url)
    if settings.telegram_api_file_url:
        builder = builder.base_file_url(settings.telegram_api_file_url)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    application = builder.build()

    svc = Services(settings=settings, db=Database(settings.database_url), t=translator())
    svc.features = list(features if features is not None else default_features())
    if clock is not None:
        svc.clock = clock
    application.bot_data["services"] = svc

    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & ~filters.UpdateType.CHANNEL_POSTS, messages.on_group
        ),
        group=-1,
    )
    commands: dict[str, Handler] = {}
    for feature in svc.features:
        for name, command in feature.commands.items():
            callback = command_callback(name, command, name in feature.open_commands)
            commands[name] = callback
            application.add_handler(CommandHandler(name, callback, filters.ChatType.PRIVATE))
    application.add_handler(CallbackQueryHandler(_menu_callback(commands), pattern=r"^menu:"))
    for feature in svc.features:
        for pattern, on_button in feature.buttons.items():
            application.add_handler(CallbackQueryHandler(on_button, pattern=pattern))
        if feature.register is not None:
            feature.register(application)
    messages.register_catch_alls(application)
    return application


def _menu_callback(commands: dict[str, Handler]) -> Handler:
    """Menu buttons run the command of the same name, as if it had been typed."""

    async def on_menu(update: Update, context: Context) -> None:
        query = update.callback_query
        name = (query.data or "").removeprefix("menu:") if query else ""
        callback = commands.get(name)
        if callback is None:
            await messages.on_stale_button(update, context)
            return
        await callback(update, context)

    return on_menu


async def on_startup(application: Application) -> None:
    """Learn the bot's username, publish the command menu, start the features' jobs."""
    svc = services(application)
    svc.bot_username = application.bot.username or svc.bot_username
    # The safety net's patterns and word lists, loaded once now instead of on the first message.
    await asyncio.to_thread(red_flag_patterns.prepare)
    await publish_commands(application)
    for feature in svc.features:
        if feature.on_startup is not None:
            await feature.on_startup(application)


async def publish_commands(application: Application) -> None:
    """setMyCommands for each language, plus the default language for everyone else."""
    svc = services(application)
    names = [name for feature in svc.features for name in feature.commands]
    scope = BotCommandScopeAllPrivateChats()
    for language in SUPPORTED_LANGUAGES:
        menu = [BotCommand(name, svc.t(f"cmd-{name}", language)) for name in names]
        await application.bot.set_my_commands(menu, scope=scope, language_code=language)
    default = [
        BotCommand(name, svc.t(f"cmd-{name}", svc.settings.default_language)) for name in names
    ]
    await application.bot.set_my_commands(default, scope=scope)


async def on_shutdown(application: Application) -> None:
    await services(application).db.dispose()
