"""Webhook mode: a small aiohttp server that answers Telegram's POST with 200 only after the
update is committed to the inbox (`bot.inbox`), and `GET /healthz` (`bot.health`).

python-telegram-bot's own webhook server answers as soon as an update is queued in memory, so
a crash after the 200 lost it; here Telegram keeps (and sends again) anything not yet stored:
a wrong or missing secret token gets 403, a body that is no update 400, a database failure
500.
"""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram.ext import Application

from bot import health
from bot.inbox import ALLOWED_UPDATES, Inbox
from bot.services import services

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small; 1 MiB is ample (product decision) and bounds a hostile body.
MAX_BODY = 1024 * 1024


class WebhookServer:
    """Serves `WEBHOOK_URL`'s path on `WEBHOOK_LISTEN`:`WEBHOOK_PORT` and registers it with
    setWebhook (with the secret and the allowed update kinds)."""

    def __init__(self, application: Application, inbox: Inbox) -> None:
        settings = services(application).settings
        assert settings.webhook_url and settings.webhook_secret is not None
        self.application = application
        self.inbox = inbox
        self.url = settings.webhook_url
        self.path = urlsplit(settings.webhook_url).path or "/"
        self._secret = settings.webhook_secret.get_secret_value().encode()
        self._listen = settings.webhook_listen
        self._port = settings.webhook_port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen, then tell Telegram where to send updates (pending ones are kept)."""
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(self.path, self._receive)
        app.router.add_get("/healthz", self._health)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._listen, self._port).start()
        await self.application.bot.set_webhook(
            self.url,
            secret_token=self._secret.decode(),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )

    async def stop(self) -> None:
        """Stop accepting (Telegram sends later what it could not deliver); the webhook stays
        registered, as with python-telegram-bot."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            return web.Response(status=403)
        try:
            payload = json.loads(await request.read())
        except ValueError:  # not JSON (a body over MAX_BODY is answered 413 by aiohttp)
            return web.Response(status=400)
        update_id = payload.get("update_id") if isinstance(payload, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return web.Response(status=400)
        try:
            await self.inbox.receive([(update_id, payload)])
        except Exception as error:  # not stored: Telegram sends it again
            log.error("could not store update %s (%s)", update_id, type(error).__name__)
            return web.Response(status=500)
        return web.Response(status=200)

    async def _health(self, request: web.Request) -> web.Response:
        found = await health.check(services(self.application).db, self.application.bot)
        return web.json_response(found.as_json(), status=200 if found.healthy else 503)
