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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, ApplicationBuilder

if TYPE_CHECKING:
    from bot.testing.emulator import BotApiEmulator

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


def keyboard_labels(markup: dict[str, Any]) -> list[list[str]]:
    """The labels of a reply keyboard (``markup["keyboard"]``), row by row."""
    return [
        [b["text"] if isinstance(b, dict) else str(b) for b in row] for row in markup["keyboard"]
    ]


def view(
    emu: BotApiEmulator,
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
        document = (doc.get("file_name", ""), emu.files.get(doc["file_id"], ("", b""))[1])
    photo = None
    if msg.get("photo"):
        photo = emu.files.get(msg["photo"][-1]["file_id"], ("", b""))[1]
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
        from_bot=msg["from"]["id"] == emu.bot_user["id"],
        raw_text=raw_text if raw_text is not None else text,
        reply_to=(msg.get("reply_to_message") or {}).get("message_id"),
    )


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


@dataclass(frozen=True)
class Group:
    """A group chat; pass it as ``chat=`` to ``User`` methods."""

    id: int
    title: str


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

    def __init__(self, emu: BotApiEmulator, data: dict[str, Any]) -> None:
        self._emu = emu
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
        if chat_id not in self._emu.chats:
            raise LookupError(f"unknown chat {chat_id}")
        return chat_id

    # ------------------------------------------------------------------ sending
    async def _message(self, chat: Group | int | None, content: dict[str, Any]) -> Sent:
        msg = self._emu.new_message(self._chat(chat), self.data, **content)
        self.last_message_id = msg["message_id"]
        update_id = self._emu.enqueue({"message": msg})
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
        file_id = self._emu.store_file(name, data)
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
        msg = self._emu.chat(self._chat(chat)).messages.get(message_id)
        if msg is None or msg["from"]["id"] != self.id:
            raise LookupError(f"message {message_id} is not mine or does not exist")
        msg["text"] = text
        msg["edit_date"] = int(self._emu.clock())
        entities = _command_entities(text)
        if entities:
            msg["entities"] = entities
        else:
            msg.pop("entities", None)
        update_id = self._emu.enqueue({"edited_message": dict(msg)})
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
            "id": self._emu.new_callback_id(self.id),
            "from": self.data,
            "message": dict(msg),
            "chat_instance": f"ci{chat_id}",
            "data": button["callback_data"],
        }
        update_id = self._emu.enqueue({"callback_query": query})
        await asyncio.sleep(0)
        return Sent(update_id, msg["message_id"])

    def _find_button(
        self, chat_id: int, label: str | None, data: str | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        bot_id = self._emu.bot_user["id"]
        messages = [
            m
            for _, m in sorted(self._emu.chat(chat_id).messages.items(), reverse=True)
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
        keyboard = self._emu.chat(self._chat(chat)).reply_keyboard
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
        outputs = self._emu.chat(chat_id).outputs
        start = self._cursors.get(chat_id, 0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        await self._emu.settled(timeout)
        while len(outputs) <= start and loop.time() < deadline:
            await self._emu.outputs_signal.wait(deadline - loop.time())
        if len(outputs) <= start:
            if allow_none:
                return []
            raise AssertionError(self._silence_report(chat_id, timeout))
        hard_stop = loop.time() + max(timeout, 20 * quiet)
        seen = len(outputs)
        while loop.time() < hard_stop:
            await self._emu.outputs_signal.wait(quiet)
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
        calls = ", ".join(m for m, _ in self._emu.calls[-8:]) or "none"
        errors = "; ".join(f"{m} -> {s} {d}" for m, s, d in self._emu.errors[-5:]) or "none"
        return (
            f"the bot did not answer in chat {chat_id} within {timeout}s. Last API calls: "
            f"{calls}. Errors answered: {errors}. Pending updates: "
            f"{self._emu.pending_update_count}"
        )

    @property
    def answers(self) -> list[str]:
        """Texts the bot showed via answerCallbackQuery (toasts/alerts), oldest first."""
        return list(self._emu.answers.get(self.id, []))

    @property
    def messages(self) -> list[BotMessage]:
        """All current (not deleted) messages of my private chat, both sides, oldest first."""
        stored = self._emu.chat(self.id).messages
        return [view(self._emu, stored[k], "message") for k in sorted(stored)]


# ----------------------------------------------------------- PTB wiring for tests
def application_builder(emu: BotApiEmulator) -> ApplicationBuilder:
    """An ApplicationBuilder pointed at the emulator (add handlers/persistence as usual)."""
    return (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
    )


@asynccontextmanager
async def polling(
    app: Application,
    *,
    emulator: BotApiEmulator | None = None,
    poll_timeout: int = 1,
) -> AsyncIterator[Application]:
    """Run ``app`` in polling mode for the duration of the block and shut it down cleanly;
    with ``emulator``, replies wait for the app to finish each update."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout)
    if emulator is not None:
        emulator.attach(app.update_queue)
    try:
        yield app
    finally:
        if emulator is not None:
            emulator.detach(app.update_queue)
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
