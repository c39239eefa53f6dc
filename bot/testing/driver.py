"""The person's side of the Bot API emulator: tests read like someone using Telegram.

``user.send("/start")``, ``await user.replies()``, ``await user.press("Ja")`` — each call turns
into the update Telegram would deliver, and each bot output comes back as a ``BotMessage``
with the text and buttons a person would see.
"""

from __future__ import annotations

import asyncio
import re
import struct
import zlib
from typing import Any

from bot.testing.state import BotMessage, Group, World

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def _tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


TINY_PNG = _tiny_png()


class Sent(int):
    """What ``send``/``press``/``edit`` return: the update id (an ``int``, for ``redeliver``)
    that also knows the message it concerns (``.message_id``, for ``edit``)."""

    message_id: int

    def __new__(cls, update_id: int, message_id: int) -> Sent:
        sent = super().__new__(cls, update_id)
        sent.message_id = message_id
        return sent

    @property
    def update_id(self) -> int:
        return int(self)


def _command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities as Telegram marks them (offsets in UTF-16 code units)."""
    entities = []
    for match in _COMMAND.finditer(text):
        offset = len(text[: match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        entities.append({"type": "bot_command", "offset": offset, "length": length})
    return entities


def _pick_stage(labels: list[str], wanted: str, stage: int) -> list[int]:
    """Stage 0 exact, 1 case-insensitive, 2 substring: the indexes of matching labels."""
    folded = wanted.casefold()
    tests = (
        lambda s: s == wanted,
        lambda s: s.casefold() == folded,
        lambda s: folded in s.casefold(),
    )
    return [i for i, label in enumerate(labels) if tests[stage](label)]


def _pick(labels: list[str], wanted: str) -> list[int]:
    """Hits of the first stage that matches anything (caller demands uniqueness)."""
    for stage in range(3):
        hits = _pick_stage(labels, wanted, stage)
        if hits:
            return hits
    return []


class User:
    """A person chatting with the bot; created by ``BotApiEmulator.user``."""

    def __init__(self, world: World, data: dict[str, Any]) -> None:
        self._world = world
        self.data = data
        self.id: int = data["id"]
        self.first_name: str = data["first_name"]
        self.language_code: str | None = data.get("language_code")
        self.last_message_id: int | None = None
        self._cursors: dict[int, int] = {}

    def __repr__(self) -> str:
        return f"User(id={self.id}, first_name={self.first_name!r})"

    @property
    def chat_id(self) -> int:
        return self.id

    def _chat(self, chat: Group | int | None) -> int:
        chat_id = self.id if chat is None else chat.id if isinstance(chat, Group) else chat
        if chat_id not in self._world.chats:
            raise LookupError(f"unknown chat {chat_id}")
        return chat_id

    # ------------------------------------------------------------------ sending
    async def _message(self, chat: Group | int | None, content: dict[str, Any]) -> Sent:
        msg = self._world.new_message(self._chat(chat), self.data, **content)
        self.last_message_id = msg["message_id"]
        update_id = self._world.updates.enqueue({"message": msg})
        await asyncio.sleep(0)
        return Sent(update_id, msg["message_id"])

    async def send(self, text: str, *, chat: Group | int | None = None) -> Sent:
        """Type and send a text; commands get bot_command entities. Returns the update id."""
        content: dict[str, Any] = {"text": text}
        entities = _command_entities(text)
        if entities:
            content["entities"] = entities
        return await self._message(chat, content)

    def _file(self, name: str, data: bytes) -> dict[str, Any]:
        file_id = self._world.store_file(name, data)
        return {"file_id": file_id, "file_unique_id": "U" + file_id, "file_size": len(data)}

    async def send_sticker(self, emoji: str = "👍", *, chat: Group | int | None = None) -> Sent:
        sticker = {
            **self._file("sticker.webp", b"RIFF\x00\x00\x00\x00WEBP"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return await self._message(chat, {"sticker": sticker})

    async def send_photo(
        self, data: bytes = TINY_PNG, *, caption: str | None = None, chat: Group | int | None = None
    ) -> Sent:
        size = {**self._file("photo.png", data), "width": 1, "height": 1}
        content: dict[str, Any] = {"photo": [size]}
        if caption:
            content["caption"] = caption
        return await self._message(chat, content)

    async def send_voice(
        self, data: bytes = b"OggS\x00voice", duration: int = 3, *, chat: Group | int | None = None
    ) -> Sent:
        voice = {**self._file("voice.ogg", data), "duration": duration, "mime_type": "audio/ogg"}
        return await self._message(chat, {"voice": voice})

    async def send_document(
        self,
        data: bytes = b"hello",
        filename: str = "notes.txt",
        *,
        caption: str | None = None,
        chat: Group | int | None = None,
    ) -> Sent:
        doc = {**self._file(filename, data), "file_name": filename, "mime_type": "text/plain"}
        content: dict[str, Any] = {"document": doc}
        if caption:
            content["caption"] = caption
        return await self._message(chat, content)

    async def edit(self, message_id: int, text: str, *, chat: Group | int | None = None) -> Sent:
        """Edit one of my own earlier messages (edited_message update); ``message_id`` may be
        the value an earlier ``send`` returned."""
        if isinstance(message_id, Sent):
            message_id = message_id.message_id
        msg = self._world.chat(self._chat(chat)).messages.get(message_id)
        if msg is None or msg["from"]["id"] != self.id:
            raise LookupError(f"message {message_id} is not mine or does not exist")
        msg["text"] = text
        msg["edit_date"] = int(self._world.clock())
        entities = _command_entities(text)
        if entities:
            msg["entities"] = entities
        else:
            msg.pop("entities", None)
        update_id = self._world.updates.enqueue({"edited_message": dict(msg)})
        await asyncio.sleep(0)
        return Sent(update_id, message_id)

    async def press(
        self, label: str | None = None, *, data: str | None = None, chat: Group | int | None = None
    ) -> Sent:
        """Tap an inline button on the newest bot message that has it (callback_query update)."""
        chat_id = self._chat(chat)
        msg, button = self._find_button(chat_id, label, data)
        if "callback_data" not in button:
            raise LookupError(f"button {button['text']!r} is not a callback button: {button}")
        query = {
            "id": self._world.new_callback_id(self.id),
            "from": self.data,
            "message": dict(msg),
            "chat_instance": f"ci{chat_id}",
            "data": button["callback_data"],
        }
        update_id = self._world.updates.enqueue({"callback_query": query})
        await asyncio.sleep(0)
        return Sent(update_id, msg["message_id"])

    def _find_button(
        self, chat_id: int, label: str | None, data: str | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        bot_id = self._world.bot_user["id"]
        messages = [
            m
            for _, m in sorted(self._world.chat(chat_id).messages.items(), reverse=True)
            if m["from"]["id"] == bot_id and (m.get("reply_markup") or {}).get("inline_keyboard")
        ]
        flat = [
            (m, [b for row in m["reply_markup"]["inline_keyboard"] for b in row]) for m in messages
        ]
        if data is not None:
            for msg, buttons in flat:
                for button in buttons:
                    if button.get("callback_data") == data:
                        return msg, button
        elif label is not None:
            for stage in range(3):
                for msg, buttons in flat:
                    hits = _pick_stage([b["text"] for b in buttons], label, stage)
                    if len(hits) == 1 or (hits and stage < 2):
                        return msg, buttons[hits[0]]
                    if hits:
                        names = [buttons[i]["text"] for i in hits]
                        raise LookupError(
                            f"{label!r} is ambiguous in message {msg['message_id']}: {names}"
                        )
        available = (
            "; ".join(
                f"message {m['message_id']}: " + ", ".join(repr(b["text"]) for b in bs)
                for m, bs in flat
            )
            or "no message with inline buttons"
        )
        wanted = f"data={data!r}" if data is not None else repr(label)
        raise LookupError(f"no inline button {wanted} in chat {chat_id}; available: {available}")

    async def tap(self, label: str, *, chat: Group | int | None = None) -> Sent:
        """Tap a reply-keyboard button: sends its text, like Telegram does."""
        keyboard = self._world.chat(self._chat(chat)).reply_keyboard
        labels = [label for row in keyboard or [] for label in row]
        hits = _pick(labels, label)
        if len(hits) != 1:
            raise LookupError(f"no unique reply-keyboard button {label!r}; keyboard: {labels}")
        return await self.send(labels[hits[0]], chat=chat)

    # ---------------------------------------------------------------- receiving
    async def replies(
        self,
        timeout: float = 5.0,
        quiet: float = 0.3,
        *,
        chat: Group | int | None = None,
        allow_none: bool = False,
    ) -> list[BotMessage]:
        """New bot outputs since the previous call: waits until an attached bot has handled
        every update (see ``BotApiEmulator.attach``), then for the first output (up to
        ``timeout``), then until the bot has been silent for ``quiet`` seconds, which
        catches messages sent from background jobs."""
        chat_id = self._chat(chat)
        outputs = self._world.chat(chat_id).outputs
        start = self._cursors.get(chat_id, 0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        await self._world.updates.settled(timeout)
        while len(outputs) <= start and loop.time() < deadline:
            await self._world.outputs_signal.wait(deadline - loop.time())
        if len(outputs) <= start:
            if allow_none:
                return []
            raise AssertionError(self._silence_report(chat_id, timeout))
        hard_stop = loop.time() + max(timeout, 20 * quiet)
        seen = len(outputs)
        while loop.time() < hard_stop:
            await self._world.outputs_signal.wait(quiet)
            if len(outputs) == seen:
                break
            seen = len(outputs)
        self._cursors[chat_id] = seen
        return list(outputs[start:seen])

    async def reply(
        self, timeout: float = 5.0, quiet: float = 0.3, *, chat: Group | int | None = None
    ) -> BotMessage:
        """The last of ``replies()``."""
        return (await self.replies(timeout, quiet, chat=chat))[-1]

    def _silence_report(self, chat_id: int, timeout: float) -> str:
        calls = ", ".join(m for m, _ in self._world.calls[-8:]) or "none"
        errors = "; ".join(f"{m} -> {s} {d}" for m, s, d in self._world.errors[-5:]) or "none"
        return (
            f"the bot did not answer in chat {chat_id} within {timeout}s. Last API calls: "
            f"{calls}. Errors answered: {errors}. Pending updates: "
            f"{self._world.updates.pending_update_count}"
        )

    @property
    def answers(self) -> list[str]:
        """Texts the bot showed via answerCallbackQuery (toasts/alerts), oldest first."""
        return list(self._world.answers.get(self.id, []))

    @property
    def messages(self) -> list[BotMessage]:
        """All current (not deleted) messages of my private chat, both sides, oldest first."""
        stored = self._world.chat(self.id).messages
        return [self._world.view(stored[k], "message") for k in sorted(stored)]
