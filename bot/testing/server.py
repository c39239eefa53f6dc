"""The Bot API emulator: an aiohttp server on loopback and the ``BotApiEmulator`` facade.

Why: end-to-end tests, ``python -m bot chat`` and benchmarks must run the real
python-telegram-bot ``Application`` unchanged, without network access or a real bot token.
This module owns the server's lifecycle and HTTP dispatch (token check, parameters, fault
injection, the method table, file downloads) and composes the other parts behind one object:
the world (``state.py``), updates and long polling (``updates.py``), webhook delivery
(``webhook.py``), the methods (``methods.py``) and the people tests play (``driver.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.testing.driver import User
from bot.testing.errors import ApiError
from bot.testing.faults import Faults
from bot.testing.methods import HANDLERS, Backend
from bot.testing.params import read_params
from bot.testing.state import BotMessage, ChatState, Group, World
from bot.testing.updates import Drainable
from bot.testing.webhook import Webhook

DEFAULT_TOKEN = "123456789:AAEmulatorLocalTestTokenXXXXXXXXXXX"


def _error(error: ApiError) -> web.Response:
    if error.html is not None:
        return web.Response(text=error.html, status=error.status, content_type="text/html")
    return web.json_response(error.body(), status=error.status)


class BotApiEmulator:
    """In-memory Telegram Bot API server for one bot token (see module docstring)."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "rueckenwind_bot",
        *,
        bot_first_name: str = "Rückenwind",
        clock: Callable[[], float] = time.time,
        record_calls: bool = True,
    ) -> None:
        self._token = token
        self.record_calls = record_calls
        self._host = host
        self._port = port
        self._bound_port: int | None = None
        self._runner: web.AppRunner | None = None
        bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.world = World(bot_user, clock)
        self.updates = self.world.updates
        self._webhook = Webhook(self.world)
        self._backend = Backend(self.world, self._webhook)
        self._faults = Faults()
        # The world's records, under the names tests use (the very same objects).
        self.bot_user = bot_user
        self.calls = self.world.calls
        self.errors = self.world.errors
        self.webhook_errors = self._webhook.errors
        self.chats = self.world.chats
        self.users = self.world.users
        self.files = self.world.files
        self.blocked = self.world.blocked
        self.answers = self.world.answers
        self.open_callback_queries = self.world.open_callback_queries
        self.bot_settings = self.world.bot_settings
        self.updates_signal = self.updates.signal
        self.outputs_signal = self.world.outputs_signal

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application(client_max_size=52 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._bound_port = int(self._runner.addresses[0][1])
        self.updates.closing = False

    async def stop(self) -> None:
        """Wake every long poll, stop webhook pushes, close the server."""
        self.updates.closing = True
        self.updates.signal.fire()
        self.world.outputs_signal.fire()
        await self._webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def token(self) -> str:
        return self._token

    @property
    def port(self) -> int:
        if self._bound_port is None:
            raise RuntimeError("emulator not started")
        return self._bound_port

    @property
    def base_url(self) -> str:
        """PTB ``base_url``: PTB appends the token and ``/method``."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._host}:{self.port}/file/bot"

    @property
    def clock(self) -> Callable[[], float]:
        return self.world.clock

    @clock.setter
    def clock(self, clock: Callable[[], float]) -> None:
        self.world.clock = clock

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook set with setWebhook (None when polling)."""
        return self._webhook.info

    # ------------------------------------------------------------ people & chats
    def user(
        self, first_name: str = "Anna", language_code: str | None = "de", user_id: int | None = None
    ) -> User:
        """A person with a private chat to the bot (chat id = user id)."""
        return User(self.world, self.world.add_user(first_name, language_code, user_id))

    def group(self, title: str = "Rücken-Gruppe") -> Group:
        return self.world.add_group(title)

    def block(self, user: User | int) -> None:
        """From now on sends to this user's chat answer 403 (bot was blocked)."""
        self.blocked.add(user if isinstance(user, int) else user.id)

    def unblock(self, user: User | int) -> None:
        self.blocked.discard(user if isinstance(user, int) else user.id)

    def commands(
        self, language_code: str | None = None, scope: dict[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        """The command list stored for exactly this scope and language (no fallback)."""
        stored = self.world.get_commands(scope, language_code or "")
        return [(c["command"], c["description"]) for c in stored]

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
        html: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method``, after failures already queued for it, answer
        with this HTTP error (``html``: this page instead of Telegram's JSON, as a proxy in
        front of the Bot API answers)."""
        self._faults.fail(
            method,
            status,
            times=times,
            retry_after=retry_after,
            description=description,
            html=html,
        )

    def chat(self, chat_id: int) -> ChatState:
        return self.world.chat(chat_id)

    def new_message(self, chat_id: int, sender: dict[str, Any], **content: Any) -> dict[str, Any]:
        """Create and store a message in a chat, with the next message id of that chat."""
        return self.world.new_message(chat_id, sender, **content)

    def emit(self, chat_id: int, msg: dict[str, Any], kind: str, **extra: Any) -> None:
        """Record a bot output so that ``User.replies`` sees it."""
        self.world.emit(chat_id, msg, kind, **extra)

    def view(self, msg: dict[str, Any], kind: str, **extra: Any) -> BotMessage:
        """Snapshot a stored Telegram message dict as a ``BotMessage``."""
        return self.world.view(msg, kind, **extra)

    def store_file(self, filename: str, data: bytes) -> str:
        return self.world.store_file(filename, data)

    def new_callback_id(self, user_id: int) -> str:
        return self.world.new_callback_id(user_id)

    def set_commands(
        self, scope: dict[str, Any] | None, language_code: str, commands: list[dict[str, str]]
    ) -> None:
        self.world.set_commands(scope, language_code, commands)

    def get_commands(
        self, scope: dict[str, Any] | None, language_code: str
    ) -> list[dict[str, str]]:
        return self.world.get_commands(scope, language_code)

    # ------------------------------------------------------------------- updates
    def enqueue(self, payload: dict[str, Any]) -> int:
        """Queue ``{kind: object}`` as a new update and return its update_id."""
        return self.updates.enqueue(payload)

    def redeliver(self, update_id: int) -> int:
        """Queue the very same update again, as Telegram does after a missed confirmation."""
        return self.updates.redeliver(update_id)

    def continue_after(self, update_id: int) -> None:
        """Number new updates above `update_id` (a bot that ran before on its database)."""
        self.updates.continue_after(update_id)

    @property
    def pending_update_count(self) -> int:
        return self.updates.pending_update_count

    def confirm(self, offset: int) -> None:
        self.updates.confirm(offset)

    async def take_updates(self, limit: int, timeout: float) -> list[dict[str, Any]]:
        """Long poll; a newer getUpdates ends an older one with 409, as on Telegram."""
        return await self.updates.take_updates(limit, timeout)

    def drop_pending(self) -> None:
        self.updates.drop_pending()

    def attach(self, update_queue: Drainable) -> None:
        """Follow an in-process bot's update queue or inbox (see ``UpdateQueue.attach``)."""
        self.updates.attach(update_queue)

    def detach(self, update_queue: Drainable) -> None:
        self.updates.detach(update_queue)

    async def settled(self, timeout: float) -> bool:
        """Wait until an attached bot has handled every update (see ``UpdateQueue.settled``)."""
        return await self.updates.settled(timeout)

    async def set_webhook(self, info: dict[str, Any] | None) -> None:
        await self._webhook.set(info)

    # ---------------------------------------------------------------------- HTTP
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._serve_file(path[len("/file/bot") :])
        if not path.startswith("/bot") or path.count("/") != 2:
            return _error(ApiError(404, "Not Found"))
        token, method = path[len("/bot") :].split("/", 1)
        if token != self._token:
            self.errors.append((method, 401, "Unauthorized"))
            return _error(ApiError(401, "Unauthorized"))
        params = await read_params(request)
        if self.record_calls:
            self.calls.append((method, params))
        try:
            fault = self._faults.take(method)
            if fault is not None:
                raise fault
            handler = HANDLERS.get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(self._backend, params)
        except ApiError as exc:
            self.errors.append((method, exc.status, exc.description))
            return _error(exc)
        return web.json_response({"ok": True, "result": result})

    def _serve_file(self, rest: str) -> web.Response:
        token, _, file_path = rest.partition("/")
        if token != self._token:
            return _error(ApiError(401, "Unauthorized"))
        file_id = file_path.rsplit("/", 1)[-1].split(".", 1)[0]
        if file_id not in self.files:
            return _error(ApiError(404, "Not Found"))
        return web.Response(body=self.files[file_id][1])
