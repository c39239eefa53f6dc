"""How a feature (triage, myths, habit) plugs into the bot without the core knowing its insides.

A feature names its commands (for /help and setMyCommands) and its inline-button handlers, which
the core wires into PTB; it may add other PTB handlers of its own, claim free text (a stage in
the text pipeline, or the text of its own active dialog), and react to hooks such as "the user
accepted the disclaimer".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, ContextTypes

if TYPE_CHECKING:
    from bot.handlers.common import Turn

# A text stage gets the turn and the text; True means "handled, stop here".
TextStage = Callable[["Turn", str], Awaitable[bool]]
Hook = Callable[["Turn"], Awaitable[None]]
Command = Callable[["Turn"], Awaitable[None]]
# A PTB callback for inline-button presses.
ButtonHandler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Feature:
    name: str
    # Command name → the turn-level callback; the core wires CommandHandler and menu buttons.
    commands: dict[str, Command] = field(default_factory=dict)
    # Callback-data pattern (regex) → the handler of those inline buttons.
    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    # Extra PTB handlers that need more than a button pattern (e.g. admin-only commands).
    register: Callable[[Application], None] | None = None
    # Free-text stages with their order (lower runs first; the safety net is always first).
    text_stages: tuple[tuple[int, TextStage], ...] = ()
    # Text typed while the user is in one of this feature's dialogs (dialog name → stage).
    dialog_text: dict[str, TextStage] = field(default_factory=dict)
    # Named hooks: "after_consent", "after_check_clear", "before_command" (runs before every
    # command, also one from a menu button, and before the disclaimer check), ...
    hooks: dict[str, Hook] = field(default_factory=dict)
    # Commands that work without accepting the disclaimer (safety must never wait).
    open_commands: frozenset[str] = frozenset()
    # Dialogs whose typed answers work without the disclaimer too (the red-flag check).
    open_dialogs: frozenset[str] = frozenset()
    # Runs once the schema is migrated, before updates flow (e.g. start the reminder job).
    on_startup: Callable[[Application], Awaitable[None]] | None = None
