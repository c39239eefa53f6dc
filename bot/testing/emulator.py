"""A local stand-in for the Telegram Bot API, served over loopback HTTP.

Why: end-to-end tests, ``python -m bot chat`` and benchmarks must run the real
python-telegram-bot ``Application`` unchanged, without network access or a real bot token.
The emulator answers the Bot API methods the bot uses with real Telegram shapes, keeps the
chats in memory, and lets tests play the person (see ``driver.py``). It also copies the
Telegram behaviours that bite in production: "message is not modified", inline keyboards
vanishing when ``editMessageText`` omits ``reply_markup``, HTML that does not parse,
``callback_data`` over 64 bytes, blocked users, rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import aiohttp
from aiohttp import web

from bot.testing.driver import BotMessage, Group, User, keyboard_labels, view

DEFAULT_TOKEN = "123456789:AAEmulatorLocalTestTokenXXXXXXXXXXX"
_MAX_POLL_TIMEOUT = 50.0
_WEBHOOK_ATTEMPTS = 3
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)

_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "language_code",
        "ip_address",
        "inline_message_id",
        "description",
        "short_description",
        "name",
        "photo",
        "document",
        "file_id",
        "emoji",
        "business_connection_id",
        "message_effect_id",
    }
)
_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_MDV2_RESERVED = "#+-={}.!"


class ApiError(Exception):
    """An error answer of the Bot API (status + Telegram's description)."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class Signal:
    """Wake-all notification without locks: each ``fire`` releases everyone waiting now."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float | None) -> bool:
        """True if fired within ``timeout`` seconds (None = forever)."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (what PTB sends for InputFile)."""

    filename: str | None
    data: bytes
    content_type: str


def decode_param(key: str, value: str) -> Any:
    """PTB JSON-encodes every non-string value; strings stay raw, so only decode the others."""
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class _HtmlText(HTMLParser):
    """Checks Telegram's HTML subset and collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
            )
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def render_text(text: str, parse_mode: str | None) -> str:
    """The text a person sees; raises ApiError where Telegram would refuse to parse it."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        stray = re.search(r"<(?!/?[A-Za-z])", text)
        if stray:
            raise ApiError(
                400,
                "Bad Request: can't parse entities: Unsupported start tag at byte offset "
                f"{len(text[: stray.start()].encode())}",
            )
        parser = _HtmlText()
        parser.feed(text)
        parser.close()
        if parser.stack:
            raise ApiError(
                400,
                "Bad Request: can't parse entities: Can't find end tag corresponding to start "
                f'tag "{parser.stack[-1]}"',
            )
        return "".join(parser.parts)
    if mode == "markdownv2":
        out: list[str] = []
        escaped = False
        for char in text:
            if escaped:
                out.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _MDV2_RESERVED:
                raise ApiError(
                    400,
                    f"Bad Request: can't parse entities: Character '{char}' is reserved and "
                    "must be escaped with the preceding '\\'",
                )
            elif char not in "*_~|`":
                out.append(char)
        return "".join(out)
    return text


@dataclass
class _Pending:
    """One queued update; ``delivered`` lets a redelivered id survive an older offset."""

    update: dict[str, Any]
    delivered: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


@dataclass
class _Failure:
    status: int
    times: int
    retry_after: int | None
    description: str | None


@dataclass
class ChatState:
    """Everything the emulator knows about one chat."""

    chat: dict[str, Any]
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    outputs: list[BotMessage] = field(default_factory=list)
    reply_keyboard: list[list[str]] | None = None
    next_message_id: int = 1


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
        self.clock = clock
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.webhook_errors: list[tuple[int, str]] = []
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.blocked: set[int] = set()
        self.answers: dict[int, list[str]] = {}
        self.open_callback_queries: dict[str, int] = {}
        self.bot_settings: dict[str, Any] = {}
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._failures: dict[str, _Failure] = {}
        self._pending: list[_Pending] = []
        self._consumers: list[asyncio.Queue[object]] = []
        self._history: dict[int, dict[str, Any]] = {}
        self._next_update_id = 1
        self._next_user_id = 10_000_001
        self._next_group_id = -4_000_000_001
        self._next_file = 1
        self._next_callback = 1
        self.updates_signal = Signal()
        self.outputs_signal = Signal()
        self.webhook: dict[str, Any] | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._poll_generation = 0
        self._bound_port: int | None = None

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application(client_max_size=52 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._bound_port = int(self._runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Wake every long poll, stop webhook pushes, close the server."""
        self._closing = True
        self.updates_signal.fire()
        self.outputs_signal.fire()
        await self._stop_webhook_task()
        if self._session is not None:
            await self._session.close()
            self._session = None
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

    # ------------------------------------------------------------ people & chats
    def user(
        self, first_name: str = "Anna", language_code: str | None = "de", user_id: int | None = None
    ) -> User:
        """A person with a private chat to the bot (chat id = user id)."""
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        if user_id in self.users:
            raise ValueError(f"user id {user_id} already exists")
        data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            data["language_code"] = language_code
        self.users[user_id] = data
        chat = {"id": user_id, "type": "private", "first_name": first_name}
        self.chats[user_id] = ChatState(chat=chat)
        return User(self, data)

    def group(self, title: str = "Rücken-Gruppe") -> Group:
        chat_id = self._next_group_id
        self._next_group_id -= 1
        self.chats[chat_id] = ChatState(chat={"id": chat_id, "type": "group", "title": title})
        return Group(chat_id, title)

    def block(self, user: User | int) -> None:
        """From now on sends to this user's chat answer 403 (bot was blocked)."""
        self.blocked.add(user if isinstance(user, int) else user.id)

    def unblock(self, user: User | int) -> None:
        self.blocked.discard(user if isinstance(user, int) else user.id)

    def commands(
        self, language_code: str | None = None, scope: dict[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        """The command list stored for exactly this scope and language (no fallback)."""
        key = (_scope_key(scope), language_code or "")
        return [(c["command"], c["description"]) for c in self._commands.get(key, [])]

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` answer with this HTTP error."""
        self._failures[method.lower()] = _Failure(status, times, retry_after, description)

    # ------------------------------------------------------------------- updates
    def enqueue(self, payload: dict[str, Any]) -> int:
        """Queue ``{kind: object}`` as a new update and return its update_id."""
        update = {"update_id": self._next_update_id, **payload}
        self._next_update_id += 1
        return self._queue(update)

    def redeliver(self, update_id: int) -> int:
        """Queue the very same update again, as Telegram does after a missed confirmation."""
        if update_id not in self._history:
            raise KeyError(f"no update {update_id} was ever sent")
        return self._queue(json.loads(json.dumps(self._history[update_id])))

    def _queue(self, update: dict[str, Any]) -> int:
        self._history[int(update["update_id"])] = update
        self._pending.append(_Pending(json.loads(json.dumps(update))))
        self.updates_signal.fire()
        return int(update["update_id"])

    @property
    def pending_update_count(self) -> int:
        return len(self._pending)

    def confirm(self, offset: int) -> None:
        if offset < 0:
            self._pending = self._pending[offset:]
            return
        self._pending = [p for p in self._pending if not (p.delivered and p.update_id < offset)]

    async def take_updates(self, limit: int, timeout: float) -> list[dict[str, Any]]:
        """Long poll; a newer getUpdates ends an older one with 409, as on Telegram."""
        self._poll_generation += 1
        generation = self._poll_generation
        self.updates_signal.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(max(timeout, 0.0), _MAX_POLL_TIMEOUT)
        while not self._pending and not self._closing and self.webhook is None:
            remaining = deadline - loop.time()
            if remaining <= 0 or not await self.updates_signal.wait(remaining):
                break
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
        if self.webhook is not None:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        batch = self._pending[:limit]
        for item in batch:
            item.delivered = True
        return [item.update for item in batch]

    def drop_pending(self) -> None:
        self._pending.clear()

    # ------------------------------------------------------------------ settling
    def attach(self, update_queue: asyncio.Queue[object]) -> None:
        """Follow an in-process bot's update queue, so tests can wait until it has handled
        every update instead of guessing from how long the bot has been silent."""
        self._consumers.append(update_queue)

    def detach(self, update_queue: asyncio.Queue[object]) -> None:
        with contextlib.suppress(ValueError):
            self._consumers.remove(update_queue)

    async def settled(self, timeout: float) -> bool:
        """Wait until every queued update was confirmed by an attached bot and its handlers
        have finished; False at once without an attached bot, or after ``timeout``."""
        if not self._consumers:
            return False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._pending:
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.005)
        try:
            for queue in list(self._consumers):
                await asyncio.wait_for(queue.join(), max(deadline - loop.time(), 0.0))
        except TimeoutError:
            return False
        return True

    # ------------------------------------------------------------------- webhook
    async def set_webhook(self, info: dict[str, Any] | None) -> None:
        await self._stop_webhook_task()
        self.webhook = info
        self.updates_signal.fire()
        if info is not None:
            self._webhook_task = asyncio.create_task(self._push_loop())

    async def _stop_webhook_task(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _push_loop(self) -> None:
        """Push queued updates one by one; bounded retries, then the update is dropped."""
        while not self._closing and self.webhook is not None:
            if not self._pending:
                await self.updates_signal.wait(None)
                continue
            item = self._pending[0]
            error = await self._push(item.update)
            if self._pending and self._pending[0] is item:
                self._pending.pop(0)
            if error and self.webhook is not None:
                self.webhook_errors.append((item.update_id, error))
                self.webhook["last_error_date"] = int(self.clock())
                self.webhook["last_error_message"] = error

    async def _push(self, update: dict[str, Any]) -> str | None:
        assert self.webhook is not None
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Content-Type": "application/json"}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        error = "no attempt"
        for attempt in range(_WEBHOOK_ATTEMPTS):
            try:
                async with self._session.post(
                    self.webhook["url"],
                    data=json.dumps(update).encode(),
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=5),
                ) as resp:
                    if 200 <= resp.status < 300:
                        return None
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {exc!r}"
            await asyncio.sleep(0.05 * 2**attempt)
        return error

    # ------------------------------------------------------------------- outputs
    def chat(self, chat_id: int) -> ChatState:
        return self.chats[chat_id]

    def new_message(self, chat_id: int, sender: dict[str, Any], **content: Any) -> dict[str, Any]:
        """Create and store a message in a chat, with the next message id of that chat."""
        state = self.chats[chat_id]
        msg: dict[str, Any] = {
            "message_id": state.next_message_id,
            "date": int(self.clock()),
            "chat": dict(state.chat),
            "from": dict(sender),
            **content,
        }
        state.next_message_id += 1
        state.messages[msg["message_id"]] = msg
        return msg

    def emit(self, chat_id: int, msg: dict[str, Any], kind: str, **extra: Any) -> None:
        """Record a bot output so that ``User.replies`` sees it."""
        self.chats[chat_id].outputs.append(view(self, msg, kind, **extra))
        self.outputs_signal.fire()

    def store_file(self, filename: str, data: bytes) -> str:
        file_id = f"EMUFILE{self._next_file:06d}"
        self._next_file += 1
        self.files[file_id] = (filename, data)
        return file_id

    def new_callback_id(self, user_id: int) -> str:
        query_id = f"{self.bot_user['id']}{self._next_callback:08d}"
        self._next_callback += 1
        self.open_callback_queries[query_id] = user_id
        return query_id

    def set_commands(
        self, scope: dict[str, Any] | None, language_code: str, commands: list[dict[str, str]]
    ) -> None:
        key = (_scope_key(scope), language_code)
        if commands:
            self._commands[key] = commands
        else:
            self._commands.pop(key, None)

    def get_commands(
        self, scope: dict[str, Any] | None, language_code: str
    ) -> list[dict[str, str]]:
        return self._commands.get((_scope_key(scope), language_code), [])

    # ---------------------------------------------------------------------- HTTP
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._serve_file(path[len("/file/bot") :])
        if not path.startswith("/bot") or path.count("/") != 2:
            return _error(404, "Not Found")
        token, method = path[len("/bot") :].split("/", 1)
        if token != self._token:
            self.errors.append((method, 401, "Unauthorized"))
            return _error(401, "Unauthorized")
        params = await _read_params(request)
        if self.record_calls:
            self.calls.append((method, params))
        failure = self._failures.get(method.lower())
        if failure is not None:
            failure.times -= 1
            if failure.times <= 0:
                del self._failures[method.lower()]
            return self._injected(method, failure)
        handler = HANDLERS.get(method.lower())
        if handler is None:
            self.errors.append((method, 404, "Not Found: method not found"))
            return _error(404, "Not Found: method not found")
        try:
            result = await handler(self, params)
        except ApiError as exc:
            self.errors.append((method, exc.status, exc.description))
            return _error(exc.status, exc.description, exc.parameters)
        return web.json_response({"ok": True, "result": result})

    def _injected(self, method: str, failure: _Failure) -> web.Response:
        status = failure.status
        parameters = None
        if status == 429:
            retry = failure.retry_after if failure.retry_after is not None else 1
            default = f"Too Many Requests: retry after {retry}"
            parameters = {"retry_after": retry}
        elif status >= 500:
            default = "Internal Server Error"
        else:
            default = _STATUS_TEXT.get(status, "Error")
        description = failure.description or default
        self.errors.append((method, status, description))
        return _error(status, description, parameters)

    def _serve_file(self, rest: str) -> web.Response:
        token, _, file_path = rest.partition("/")
        if token != self._token:
            return _error(401, "Unauthorized")
        file_id = file_path.rsplit("/", 1)[-1].split(".", 1)[0]
        if file_id not in self.files:
            return _error(404, "Not Found")
        return web.Response(body=self.files[file_id][1])


_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
}


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _scope_key(scope: dict[str, Any] | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Parameters as PTB sends them: form fields with JSON-encoded values, files in multipart,
    or (other clients) a JSON body or query string."""
    params: dict[str, Any] = {k: decode_param(k, v) for k, v in request.query.items()}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    params[key] = UploadedFile(
                        value.filename, value.file.read(), value.content_type
                    )
                else:
                    params[key] = decode_param(key, str(value))
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value[len("attach://") :], value)
    return params


# ------------------------------------------------------------------ Bot API methods
Handler = Callable[[BotApiEmulator, dict[str, Any]], Awaitable[Any]]


def _int(p: dict[str, Any], key: str, default: int | None = None) -> int:
    value = p.get(key, default)
    if value is None:
        raise ApiError(400, f"Bad Request: {key} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {key}") from None


def _target_chat(emu: BotApiEmulator, p: dict[str, Any]) -> int:
    if p.get("inline_message_id"):
        raise ApiError(400, "Bad Request: inline messages are not supported by the emulator")
    try:
        chat_id = _int(p, "chat_id")
    except ApiError:
        raise ApiError(400, "Bad Request: chat not found") from None
    if chat_id not in emu.chats:
        raise ApiError(400, "Bad Request: chat not found")
    if chat_id in emu.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat_id


def _markup(p: dict[str, Any]) -> dict[str, Any] | None:
    markup = p.get("reply_markup")
    if markup is None:
        return None
    if isinstance(markup, str):
        try:
            markup = json.loads(markup)
        except ValueError:
            markup = None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    actions = (
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    )
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not any(key in button for key in actions):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup and markup.get("inline_keyboard"):
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


def _text(p: dict[str, Any], key: str, limit: int, *, required: bool) -> tuple[str | None, str]:
    raw = p.get(key)
    if raw is None:
        if required:
            raise ApiError(400, "Bad Request: message text is empty")
        return None, ""
    visible = render_text(str(raw), p.get("parse_mode"))
    if required and not visible.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(visible.encode("utf-16-le")) // 2 > limit:  # Telegram counts UTF-16 code units
        what = "message is too long" if key == "text" else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return str(raw), visible


def _post(
    emu: BotApiEmulator,
    chat_id: int,
    p: dict[str, Any],
    content: dict[str, Any],
    markup: dict[str, Any] | None,
    raw_text: str | None,
) -> dict[str, Any]:
    state = emu.chat(chat_id)
    reply_params = p.get("reply_parameters") or {}
    reply_id = reply_params.get("message_id") if isinstance(reply_params, dict) else None
    reply_id = reply_id or p.get("reply_to_message_id")
    if reply_id:
        original = state.messages.get(int(reply_id))
        if original is not None:
            content["reply_to_message"] = {
                k: v for k, v in original.items() if k != "reply_to_message"
            }
        elif not reply_params.get("allow_sending_without_reply"):
            raise ApiError(400, "Bad Request: message to be replied not found")
    inline = _inline(markup)
    if inline:
        content["reply_markup"] = inline
    msg = emu.new_message(chat_id, emu.bot_user, **content)
    if markup and "keyboard" in markup:
        state.reply_keyboard = keyboard_labels(markup)
    elif markup and markup.get("remove_keyboard"):
        state.reply_keyboard = None
    emu.emit(
        chat_id, msg, "message", markup=markup, raw_text=raw_text, parse_mode=p.get("parse_mode")
    )
    return msg


def _file_param(emu: BotApiEmulator, p: dict[str, Any], key: str) -> tuple[str, str, bytes]:
    value = p.get(key)
    if isinstance(value, UploadedFile):
        name = value.filename or key
        return emu.store_file(name, value.data), name, value.data
    if isinstance(value, str) and value in emu.files:
        name, data = emu.files[value]
        return value, name, data
    if isinstance(value, str) and value:
        name = value.rsplit("/", 1)[-1] or key
        return emu.store_file(name, b""), name, b""
    raise ApiError(400, f"Bad Request: there is no {key} in the request")


def _image_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 1, 1


async def _get_me(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    return {
        **emu.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def _get_updates(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    if emu.webhook is not None:
        raise ApiError(409, _WEBHOOK_ACTIVE)
    if p.get("offset") is not None:
        emu.confirm(_int(p, "offset"))
    limit = min(max(_int(p, "limit", 100), 1), 100)
    timeout = float(p.get("timeout") or 0)
    return await emu.take_updates(limit, timeout)


async def _set_webhook(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    url = str(p.get("url") or "")
    secret = p.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise ApiError(400, "Bad Request: secret token contains unallowed characters")
    if p.get("drop_pending_updates"):
        emu.drop_pending()
    if not url:
        await emu.set_webhook(None)
        return True
    if not url.startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    info: dict[str, Any] = {
        "url": url,
        "secret_token": secret,
        "max_connections": p.get("max_connections", 40),
    }
    if p.get("allowed_updates") is not None:
        info["allowed_updates"] = p["allowed_updates"]
    await emu.set_webhook(info)
    return True


async def _delete_webhook(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    if p.get("drop_pending_updates"):
        emu.drop_pending()
    await emu.set_webhook(None)
    return True


async def _get_webhook_info(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": emu.pending_update_count,
    }
    if emu.webhook is not None:
        info.update({k: v for k, v in emu.webhook.items() if k != "secret_token"})
    return info


def _scope_lang(p: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    scope = p.get("scope")
    return (scope if isinstance(scope, dict) else None), str(p.get("language_code") or "")


async def _set_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise ApiError(400, "Bad Request: can't parse commands JSON object")
    cleaned = []
    for item in commands:
        command = str(item.get("command", "")).lstrip("/")
        description = str(item.get("description", ""))
        if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise ApiError(400, "Bad Request: command description must be 1-256 characters")
        cleaned.append({"command": command, "description": description})
    emu.set_commands(*_scope_lang(p), cleaned)
    return True


async def _get_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    return emu.get_commands(*_scope_lang(p))


async def _delete_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    emu.set_commands(*_scope_lang(p), [])
    return True


async def _send_message(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    chat_id = _target_chat(emu, p)
    raw, visible = _text(p, "text", 4096, required=True)
    return _post(emu, chat_id, p, {"text": visible}, _markup(p), raw)


def _send_file(
    emu: BotApiEmulator,
    p: dict[str, Any],
    key: str,
    describe: Callable[[str, str, bytes], Any],
) -> Any:
    """sendPhoto/sendDocument: the file under ``key``, described as Telegram shows it by
    ``describe(file_id, name, data)``, with an optional caption."""
    chat_id = _target_chat(emu, p)
    raw, caption = _text(p, "caption", 1024, required=False)
    markup = _markup(p)
    file_id, name, data = _file_param(emu, p, key)
    content: dict[str, Any] = {key: describe(file_id, name, data)}
    if caption:
        content["caption"] = caption
    return _post(emu, chat_id, p, content, markup, raw)


def _photo_sizes(file_id: str, name: str, data: bytes) -> list[dict[str, Any]]:
    width, height = _image_size(data)
    return [
        {
            "file_id": file_id,
            "file_unique_id": "U" + file_id,
            "width": width,
            "height": height,
            "file_size": len(data),
        }
    ]


def _document(file_id: str, name: str, data: bytes) -> dict[str, Any]:
    return {
        "file_id": file_id,
        "file_unique_id": "U" + file_id,
        "file_name": name,
        "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream",
        "file_size": len(data),
    }


async def _send_photo(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    return _send_file(emu, p, "photo", _photo_sizes)


async def _send_document(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    return _send_file(emu, p, "document", _document)


def _bot_message(emu: BotApiEmulator, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    chat_id = _target_chat(emu, p)
    msg = emu.chat(chat_id).messages.get(_int(p, "message_id"))
    if msg is None:
        raise ApiError(400, "Bad Request: message to edit not found")
    if msg["from"]["id"] != emu.bot_user["id"]:
        raise ApiError(400, "Bad Request: message can't be edited")
    return chat_id, msg


def _apply_edit(
    emu: BotApiEmulator,
    chat_id: int,
    msg: dict[str, Any],
    p: dict[str, Any],
    changes: dict[str, Any],
    raw_text: str | None,
) -> Any:
    """Telegram semantics: an edit without reply_markup removes the inline keyboard, and an
    edit that changes nothing is an error."""
    markup = _markup(p)
    inline = _inline(markup)
    if all(msg.get(k) == v for k, v in changes.items()) and msg.get("reply_markup") == inline:
        raise ApiError(
            400,
            "Bad Request: message is not modified: specified new message content "
            "and reply markup are exactly the same as a current content and reply "
            "markup of the message",
        )
    msg.update(changes)
    if inline:
        msg["reply_markup"] = inline
    else:
        msg.pop("reply_markup", None)
    msg["edit_date"] = int(emu.clock())
    emu.emit(chat_id, msg, "edit", markup=markup, raw_text=raw_text, parse_mode=p.get("parse_mode"))
    return msg


async def _edit_message_text(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(emu, p)
    if "text" not in msg:
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    raw, visible = _text(p, "text", 4096, required=True)
    return _apply_edit(emu, chat_id, msg, p, {"text": visible}, raw)


async def _edit_message_caption(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(emu, p)
    if "text" in msg:
        raise ApiError(400, "Bad Request: there is no caption in the message to edit")
    raw, caption = _text(p, "caption", 1024, required=False)
    return _apply_edit(emu, chat_id, msg, p, {"caption": caption}, raw)


async def _edit_message_reply_markup(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(emu, p)
    return _apply_edit(emu, chat_id, msg, p, {}, None)


async def _delete_message(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    chat_id = _target_chat(emu, p)
    msg = emu.chat(chat_id).messages.pop(_int(p, "message_id"), None)
    if msg is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    emu.emit(chat_id, msg, "delete")
    return True


async def _answer_callback_query(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    user_id = emu.open_callback_queries.pop(str(p.get("callback_query_id")), None)
    if user_id is None:
        raise ApiError(
            400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    if p.get("text"):
        emu.answers.setdefault(user_id, []).append(str(p["text"]))
    return True


async def _send_chat_action(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    _target_chat(emu, p)
    return True


async def _get_file(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    file_id = str(p.get("file_id"))
    if file_id not in emu.files:
        raise ApiError(400, "Bad Request: invalid file_id")
    return {
        "file_id": file_id,
        "file_unique_id": "U" + file_id,
        "file_size": len(emu.files[file_id][1]),
        "file_path": f"files/{file_id}",
    }


def _store_setting(name: str) -> Handler:
    async def handler(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
        emu.bot_settings[name] = p
        return True

    return handler


async def _ok(emu: BotApiEmulator, p: dict[str, Any]) -> Any:
    return True


HANDLERS: dict[str, Handler] = {
    "getme": _get_me,
    "getupdates": _get_updates,
    "setwebhook": _set_webhook,
    "deletewebhook": _delete_webhook,
    "getwebhookinfo": _get_webhook_info,
    "setmycommands": _set_my_commands,
    "getmycommands": _get_my_commands,
    "deletemycommands": _delete_my_commands,
    "sendmessage": _send_message,
    "sendphoto": _send_photo,
    "senddocument": _send_document,
    "editmessagetext": _edit_message_text,
    "editmessagecaption": _edit_message_caption,
    "editmessagereplymarkup": _edit_message_reply_markup,
    "deletemessage": _delete_message,
    "answercallbackquery": _answer_callback_query,
    "sendchataction": _send_chat_action,
    "getfile": _get_file,
    "setmydescription": _store_setting("description"),
    "setmyshortdescription": _store_setting("short_description"),
    "setmyname": _store_setting("name"),
    "setchatmenubutton": _store_setting("menu_button"),
    "close": _ok,
    "logout": _ok,
}
