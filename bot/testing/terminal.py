"""Chat with the bot in a terminal through the emulator (``python -m bot chat``).

Why: lets a person try dialogs end to end without Telegram. Typing a number taps that button
of the newest message with buttons; ``/quit`` or EOF ends the chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage

QUIT = "/quit"


def format_output(message: BotMessage, first_number: int = 1) -> str:
    """Render one bot output for the terminal; inline buttons numbered from ``first_number``."""
    if message.kind == "delete":
        return f"🗑 (message {message.message_id} deleted)"
    lines: list[str] = []
    prefix = "✏️ " if message.edited else ""
    if message.document is not None:
        name, data = message.document
        lines.append(f"{prefix}📎 {name} ({len(data)} bytes)")
        prefix = ""
    if message.photo is not None:
        lines.append(f"{prefix}🖼 image ({len(message.photo)} bytes)")
        prefix = ""
    if message.text:
        lines.append(prefix + message.text)
    elif prefix:
        lines.append(prefix.strip())
    number = first_number
    for row in message.buttons:
        cells = []
        for label in row:
            cells.append(f"[{number}] {label}")
            number += 1
        lines.append("  ".join(cells))
    if message.reply_keyboard:
        lines.append("⌨ " + " | ".join(label for row in message.reply_keyboard for label in row))
    return "\n".join(lines)


async def stdin_line(prompt: str = "> ") -> str | None:
    """Default reader: one line from stdin without blocking the event loop; EOF → None."""
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_terminal_chat(
    emu: BotApiEmulator,
    user: User,
    *,
    read_line: Callable[[], Awaitable[str | None]] = stdin_line,
    write: Callable[[str], None] = print,
    reply_timeout: float = 3.0,
    quiet: float = 0.3,
) -> None:
    """Loop: show the bot's new outputs, read a line, send it (or tap the numbered button)."""
    newest_buttons: BotMessage | None = None
    wait = reply_timeout  # the caller may just have sent /start
    while True:
        for message in await user.replies(wait, quiet, allow_none=True):
            write(format_output(message))
            if message.buttons:
                newest_buttons = message
        line = await read_line()
        if line is None or line.strip() == QUIT:
            return
        text = line.strip()
        wait = reply_timeout
        if not text:
            wait = quiet
            continue
        if text.isdigit() and newest_buttons is not None:
            labels = [data for row in newest_buttons.button_data for data in row]
            index = int(text) - 1
            if 0 <= index < len(labels):
                try:
                    await user.press(data=labels[index])
                except LookupError as exc:
                    write(f"(cannot press that button: {exc})")
                    wait = quiet
                continue
            write(f"(no button {text}; choose 1–{len(labels)})")
            wait = quiet
            continue
        await user.send(text)
