"""The welcome with the disclaimer, the consent gate every feature passes, and the main menu.

Every feature shows or checks these, so they sit below all of them (and below `core`, which
calls into the features once the disclaimer is accepted).
"""

from __future__ import annotations

from bot.handlers.common import Turn
from dialogs.common.buttons import ConsentButton, LanguageButton, MenuButton
from dialogs.common.reply import Button, Message

MENU = (
    ("check", "button-check"),
    ("myths", "button-myths"),
    ("session", "button-session"),
    ("progress", "button-progress"),
    ("help", "button-help"),
)


def menu_buttons(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    """The main actions as buttons (`menu:<command>`), two a row, limited to the commands
    this bot actually has."""
    available = set(turn.services.command_names)
    buttons = [Button(label, MenuButton(name).pack()) for name, label in MENU if name in available]
    return tuple(tuple(buttons[index : index + 2]) for index in range(0, len(buttons), 2))


def expired_button(turn: Turn) -> Message:
    """The answer to a button that no longer works – its data is forged or garbled or names
    something gone, or its dialog has moved on: "this button is out of date", and the menu."""
    return Message("stale-button", {}, menu_buttons(turn))


def welcome(turn: Turn) -> Message:
    """The welcome with the user's first name and helplines; before consent with the accept
    (`consent:yes`) and other-language (`lang:<de|en>`) buttons."""
    other = "en" if turn.language == "de" else "de"
    first_name = turn.update.effective_user.first_name if turn.update.effective_user else ""
    rows: tuple[tuple[Button, ...], ...] = ()
    if turn.user.consent_at is None:
        rows = (
            (Button("button-consent", ConsentButton().pack()),),
            (Button("button-other-language", LanguageButton(other).pack()),),
        )
    args = {"name": first_name or "", **turn.helplines.args(turn.language)}
    return Message("welcome", args, rows)


def require_consent(turn: Turn) -> bool:
    """True when the disclaimer is accepted; otherwise show it again (in one place for all)."""
    if turn.user.consent_at is not None:
        return True
    turn.say(Message("consent-required"), welcome(turn))
    return False
