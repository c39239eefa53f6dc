"""Starting and stopping the bot: polling or webhook, with start-up failures made plain.

We drive the Application ourselves (initialize → start → updater) instead of `run_polling`, so
that a wrong token, an unreachable API or a broken database each become one clear line.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import reminders
from bot.app import build_application, on_startup
from bot.config import Settings, StartupError
from bot.inbox import Inbox
from bot.services import Services, services
from bot.webhook import WebhookServer

log = logging.getLogger(__name__)
_WEBHOOK_SERVER = "webhook_server"


def _api_host(settings: Settings) -> str:
    parts = urlsplit(settings.telegram_api_base_url)
    return f"{parts.scheme}://{parts.netloc}"


def _safe_database(settings: Settings) -> str:
    return make_url(settings.database_url).render_as_string(hide_password=True)


async def migrate(settings: Settings) -> None:
    """Bring the schema up to date; any database failure becomes a StartupError."""
    from bot.storage.database import Database

    folder = settings.sqlite_path.parent if settings.sqlite_path else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StartupError(
                f"cannot open the database {_safe_database(settings)}: "
                f"cannot create {folder} ({error.strerror})"
            ) from None
    database = Database(settings.database_url)
    try:
        await database.migrate()
    except Exception as error:  # SQLAlchemy, OS and driver errors (asyncpg has its own)
        reason = str(getattr(error, "orig", None) or error) or type(error).__name__
        await database.dispose()
        await asyncio.sleep(0.1)  # let a failed aiosqlite worker thread finish quietly
        raise StartupError(
            f"cannot open the database {_safe_database(settings)}: {reason.splitlines()[0][:200]}"
        ) from None
    await database.dispose()


async def start_bot(
    application: Application,
    *,
    poll_interval: float = 0.0,
    polling_timeout: int = 10,
) -> None:
    """Migrate, connect to the Bot API and start receiving updates (polling or webhook).

    `poll_interval` (seconds between polls) and `polling_timeout` (getUpdates' long-poll
    timeout in seconds; 10 is a product decision) apply to polling. Raises StartupError for a
    broken database, a rejected token, an unreachable or refusing Bot API.
    """
    settings = services(application).settings
    await migrate(settings)
    try:
        await application.initialize()
    except InvalidToken:
        raise StartupError(
            "TELEGRAM_BOT_TOKEN was rejected by the Bot API (Unauthorized): check the token "
            "from @BotFather"
        ) from None
    except NetworkError as error:
        raise StartupError(
            f"cannot reach the Telegram Bot API at {_api_host(settings)} ({type(error).__name__}); "
            "check TELEGRAM_API_BASE_URL and the network"
        ) from None
    except TelegramError as error:
        raise StartupError(f"the Bot API refused to start the bot: {error.message}") from None
    await on_startup(application)
    await application.start()
    try:
        await _start_receiving(application, poll_interval, polling_timeout)
    except BaseException:
        await _stop_receiving(application)
        await application.stop()
        raise


async def _start_receiving(
    application: Application, poll_interval: float, polling_timeout: int
) -> None:
    """Updates go through the durable inbox (`bot.inbox`), not python-telegram-bot's updater:
    each is committed before Telegram is told it arrived."""
    settings = services(application).settings
    inbox = Inbox.attach(application)
    inbox.start()
    try:
        if settings.webhook_url:
            server = WebhookServer(application, inbox)
            application.bot_data[_WEBHOOK_SERVER] = server
            await server.start()
        else:
            await inbox.start_polling(timeout=polling_timeout, poll_interval=poll_interval)
    except OSError as error:  # the webhook port is taken, or the address is not ours
        raise StartupError(
            f"cannot listen on {settings.webhook_listen}:{settings.webhook_port} "
            f"for the webhook ({error.strerror or type(error).__name__})"
        ) from None
    except TelegramError as error:
        raise StartupError(f"the Bot API refused to start the bot: {error.message}") from None


async def _stop_receiving(application: Application) -> None:
    """Stop the webhook server or the polling, and let the inbox finish (`Inbox.stop`)."""
    server = application.bot_data.pop(_WEBHOOK_SERVER, None)
    if server is not None:
        await server.stop()
    inbox = Inbox.detach(application)
    if inbox is not None:
        await inbox.stop()


async def stop_bot(application: Application) -> None:
    """Stop cleanly (SIGTERM): stop receiving, finish the updates in hand (`Inbox.stop`),
    stop the jobs, give back the reminders this process claimed but did not send, then close
    the database."""
    await _stop_receiving(application)
    svc = services(application)
    # Before `Application.stop()` (which waits for a running reminder tick): the tick then
    # sends no row it has not begun; after it again, for a claim committed meanwhile.
    await _release_claims(svc)
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await _release_claims(svc)
    await application.shutdown()
    await svc.db.dispose()


async def _release_claims(svc: Services) -> None:
    try:
        await reminders.release_claims(svc)
    except Exception as error:  # they are taken over after the lease instead
        log.warning("could not release reminder claims (%s)", type(error).__name__)


async def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM, then stop cleanly; StartupError (see `start_bot`) or
    ConfigError (no token) when it cannot start."""
    application = build_application(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await start_bot(application)
    except BaseException:
        await application.shutdown()
        await services(application).db.dispose()
        raise
    try:
        await stop.wait()
    finally:
        await stop_bot(application)
