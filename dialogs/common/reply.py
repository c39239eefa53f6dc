"""What a dialog asks the bot to say: Fluent message ids and arguments, never Telegram objects.

Dialogs decide *what* to say; the Telegram adapter (`bot/`) renders these values in the user's
language (Fluent catalogues in `data/locales/`) and turns buttons into inline keyboards. Content
from `data/` (a myth's answer, an exercise) travels as a Fluent argument so that the catalogue
still owns the framing words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dialogs.common.callback_data import MAX_BYTES

FluentArgs = dict[str, Any]


@dataclass(frozen=True)
class Button:
    """An inline button: a Fluent id for its label and the callback data it sends (≤ 64 bytes,
    the Bot API's limit; built with a `dialogs.common.callback_data` family's `pack()`).

    Raises ValueError when `data` is longer than 64 UTF-8 bytes."""

    key: str
    data: str
    args: FluentArgs = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long for Telegram: {self.data!r}")


@dataclass(frozen=True)
class Message:
    """One message to send: a Fluent id, its arguments and rows of inline buttons (rows top to
    bottom, each row left to right)."""

    key: str
    args: FluentArgs = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()


def literal_button(text: str, data: str) -> Button:
    """A button whose label is content text (e.g. a myth's title), rendered as is."""
    return Button("button-literal", data, {"text": text})
