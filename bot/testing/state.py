"""The emulator's in-memory world: the bot, people, chats, messages, files and bot settings.

Why: the Bot API methods, webhook delivery and the person-side driver all read and change the
same Telegram world; keeping it in one place (with no HTTP in it) lets each of them depend on
it without depending on each other. ``BotMessage`` is how a person sees one bot output.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.testing.signals import Signal
from bot.testing.updates import UpdateQueue


@dataclass(frozen=True)
class BotMessage:
    """One thing that happened in a chat, as a person sees it.

    ``kind`` is "message" (new), "edit" (an earlier message now shows this) or "delete".
    ``text`` is the visible text (HTML tags removed) or the caption; ``raw_text`` what the bot sent.
    """

    message_id: int
    chat_id: int
    text: str
    buttons: list[list[str]]
    button_data: list[list[str]]
    reply_keyboard: list[list[str]] | None
    remove_keyboard: bool
    document: tuple[str, bytes] | None
    photo: bytes | None
    parse_mode: str | None
    edited: bool
    kind: str
    from_bot: bool
    raw_text: str
    reply_to: int | None


@dataclass(frozen=True)
class Group:
    """A group chat; pass it as ``chat=`` to ``User`` methods."""

    id: int
    title: str


@dataclass
class ChatState:
    """Everything the emulator knows about one chat."""

    chat: dict[str, Any]
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    outputs: list[BotMessage] = field(default_factory=list)
    reply_keyboard: list[list[str]] | None = None
    next_message_id: int = 1


def keyboard_labels(markup: dict[str, Any]) -> list[list[str]]:
    """The labels of a reply keyboard (``markup["keyboard"]``), row by row."""
    return [
        [b["text"] if isinstance(b, dict) else str(b) for b in row] for row in markup["keyboard"]
    ]


def scope_key(scope: dict[str, Any] | None) -> str:
    """The key a command list is stored under for a BotCommandScope (default scope if None)."""
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


class World:
    """Chats, people, files and settings of one bot, plus its update queue and call log."""

    def __init__(self, bot_user: dict[str, Any], clock: Callable[[], float] = time.time) -> None:
        self.bot_user = bot_user
        self.clock = clock
        self.updates = UpdateQueue()
        self.outputs_signal = Signal()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.blocked: set[int] = set()
        self.answers: dict[int, list[str]] = {}
        self.open_callback_queries: dict[str, int] = {}
        self.bot_settings: dict[str, Any] = {}
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._next_user_id = 10_000_001
        self._next_group_id = -4_000_000_001
        self._next_file = 1
        self._next_callback = 1

    # ------------------------------------------------------------ people & chats
    def add_user(
        self, first_name: str, language_code: str | None, user_id: int | None
    ) -> dict[str, Any]:
        """A person with a private chat to the bot (chat id = user id); their user dict."""
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
        return data

    def add_group(self, title: str) -> Group:
        chat_id = self._next_group_id
        self._next_group_id -= 1
        self.chats[chat_id] = ChatState(chat={"id": chat_id, "type": "group", "title": title})
        return Group(chat_id, title)

    def chat(self, chat_id: int) -> ChatState:
        return self.chats[chat_id]

    # ------------------------------------------------------------------ messages
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
        self.chats[chat_id].outputs.append(self.view(msg, kind, **extra))
        self.outputs_signal.fire()

    def view(
        self,
        msg: dict[str, Any],
        kind: str,
        *,
        markup: dict[str, Any] | None = None,
        raw_text: str | None = None,
        parse_mode: str | None = None,
    ) -> BotMessage:
        """Snapshot a stored Telegram message dict as a ``BotMessage``."""
        rows = (msg.get("reply_markup") or {}).get("inline_keyboard", [])
        keyboard = keyboard_labels(markup) if markup and "keyboard" in markup else None
        document = None
        if "document" in msg:
            doc = msg["document"]
            document = (doc.get("file_name", ""), self.files.get(doc["file_id"], ("", b""))[1])
        photo = None
        if msg.get("photo"):
            photo = self.files.get(msg["photo"][-1]["file_id"], ("", b""))[1]
        text = msg.get("text") or msg.get("caption") or ""
        return BotMessage(
            message_id=msg["message_id"],
            chat_id=msg["chat"]["id"],
            text=text,
            buttons=[[b["text"] for b in r] for r in rows],
            button_data=[[b.get("callback_data") or b.get("url") or "" for b in r] for r in rows],
            reply_keyboard=keyboard,
            remove_keyboard=bool(markup and markup.get("remove_keyboard")),
            document=document,
            photo=photo,
            parse_mode=parse_mode,
            edited=kind == "edit",
            kind=kind,
            from_bot=msg["from"]["id"] == self.bot_user["id"],
            raw_text=raw_text if raw_text is not None else text,
            reply_to=(msg.get("reply_to_message") or {}).get("message_id"),
        )

    # --------------------------------------------------------- files & callbacks
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

    # ------------------------------------------------------------------ commands
    def set_commands(
        self, scope: dict[str, Any] | None, language_code: str, commands: list[dict[str, str]]
    ) -> None:
        key = (scope_key(scope), language_code)
        if commands:
            self._commands[key] = commands
        else:
            self._commands.pop(key, None)

    def get_commands(
        self, scope: dict[str, Any] | None, language_code: str
    ) -> list[dict[str, str]]:
        return self._commands.get((scope_key(scope), language_code), [])
