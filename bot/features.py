"""How a feature (triage, myths, habit) plugs into the bot without the core knowing its insides.

A feature registers its own PTB handlers, names its commands (for /help and setMyCommands),
may claim free text (a stage in the text pipeline, or the text of its own active dialog), and
may react to hooks such as "the user accepted the disclaimer".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import Application

if TYPE_CHECKING:
    from bot.handlers.common import Turn

# A text stage gets the turn and the text; True means "handled, stop here".
TextStage = Callable[["Turn", str], Awaitable[bool]]
Hook = Callable[["Turn"], Awaitable[None]]
Command = Callable[["Turn"], Awaitable[None]]


@dataclass(frozen=True)
class Feature:
    name: str
    # Command name → the turn-level callback; the core wires CommandHandler and menu buttons.
    commands: dict[str, Command] = field(default_factory=dict)
    # Extra PTB handlers (callback queries, ...) added to the application.
    register: Callable[[Application], None] | None = None
    # Free-text stages with their order (lower runs first; the safety net is always first).
    text_stages: tuple[tuple[int, TextStage], ...] = ()
    # Text typed while the user is in one of this feature's dialogs (dialog name → stage).
    dialog_text: dict[str, TextStage] = field(default_factory=dict)
    # Named hooks: "after_consent", "after_check_clear", ...
    hooks: dict[str, Hook] = field(default_factory=dict)
    # Commands that work without accepting the disclaimer (safety must never wait).
    open_commands: frozenset[str] = frozenset()
    # Runs once the schema is migrated, before updates flow (e.g. start the reminder job).
    on_startup: Callable[[Application], Awaitable[None]] | None = None
