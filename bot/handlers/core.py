"""Core conversation: welcome and disclaimer, help, language, export, delete, menu buttons."""

from __future__ import annotations

import json

from telegram import Update

from bot.features import Feature
from bot.handlers import admin
from bot.handlers.common import Context, Turn, turn
from bot.storage import users
from dialogs.common.reply import Button, Message

MENU = (
    ("check", "button-check"),
    ("myths", "button-myths"),
    ("session", "button-session"),
    ("progress", "button-progress"),
    ("help", "button-help"),
)


def menu_buttons(turn_: Turn) -> tuple[tuple[Button, ...], ...]:
    """The main actions as buttons, limited to the commands this bot actually has."""
    available = {name for feature in turn_.services.features for name in feature.commands}
    buttons = [Button(label, f"menu:{name}") for name, label in MENU if name in available]
    return tuple(tuple(buttons[index : index + 2]) for index in range(0, len(buttons), 2))


def welcome(turn_: Turn) -> Message:
    other = "en" if turn_.language == "de" else "de"
    first_name = turn_.update.effective_user.first_name if turn_.update.effective_user else ""
    rows: tuple[tuple[Button, ...], ...] = ()
    if turn_.user.consent_at is None:
        rows = (
            (Button("button-consent", "consent:yes"),),
            (Button("button-other-language", f"lang:{other}"),),
        )
    args = {"name": first_name or "", **turn_.helplines.args(turn_.language)}
    return Message("welcome", args, rows)


def require_consent(turn_: Turn) -> bool:
    """True when the disclaimer is accepted; otherwise show it again (in one place for all)."""
    if turn_.user.consent_at is not None:
        return True
    turn_.say(Message("consent-required"), welcome(turn_))
    return False


async def start(turn_: Turn) -> None:
    """The welcome with the disclaimer; once it is accepted, a short welcome-back and the menu."""
    if turn_.user.consent_at is None:
        turn_.say(welcome(turn_))
        return
    person = turn_.update.effective_user
    name = (person.first_name if person else "") or "none"
    turn_.say(Message("welcome-back", {"name": name}, menu_buttons(turn_)))


async def help_command(turn_: Turn) -> None:
    lines = [
        f"/{name} – {turn_.text(f'cmd-{name}')}"
        for feature in turn_.services.features
        for name in feature.commands
    ]
    args = {"commands": "\n".join(lines), **turn_.helplines.args(turn_.language)}
    turn_.say(Message("help", args))


async def language_command(turn_: Turn) -> None:
    turn_.say_key(
        "language-choose",
        (Button("button-lang-de", "lang:de"), Button("button-lang-en", "lang:en")),
    )


async def export_command(turn_: Turn) -> None:
    data = await users.export_user(turn_.session, turn_.user.id)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    filename = f"rueckenwind-export-{turn_.now.date().isoformat()}.json"
    turn_.send_document(filename, content, Message("export-caption"))


async def delete_command(turn_: Turn) -> None:
    turn_.say_key(
        "delete-confirm",
        (Button("button-delete-yes", "del:yes"), Button("button-cancel", "del:no")),
    )


async def on_consent(update: Update, context: Context) -> None:
    async with turn(update, context) as turn_:
        if turn_.user.consent_at is not None:
            turn_.say(Message("consent-already", {}, menu_buttons(turn_)))
            return
        turn_.user.consent_at = turn_.now
        turn_.say(Message("consent-thanks"))
        if any("after_consent" in feature.hooks for feature in turn_.services.features):
            await turn_.hook("after_consent")
        else:
            await help_command(turn_)


async def on_language(update: Update, context: Context) -> None:
    query = update.callback_query
    language = (query.data or "").removeprefix("lang:") if query else ""
    async with turn(update, context) as turn_:
        if language not in ("de", "en"):
            return
        turn_.user.language = turn_.language = language
        if turn_.user.consent_at is None:
            turn_.edit(welcome(turn_))  # the welcome itself switches language
        else:
            turn_.say(Message("language-set"))


async def on_delete(update: Update, context: Context) -> None:
    query = update.callback_query
    async with turn(update, context) as turn_:
        if query is None or query.data != "del:yes":
            turn_.edit(Message("delete-cancelled"))
            return
        await users.delete_user(turn_.session, turn_.user.id)
        turn_.edit(Message("delete-done"))


CORE = Feature(
    name="core",
    commands={
        "start": start,
        "help": help_command,
        "language": language_command,
        "export": export_command,
        "delete": delete_command,
    },
    open_commands=frozenset({"start", "help", "language", "export", "delete"}),
    buttons={r"^consent:": on_consent, r"^lang:": on_language, r"^del:": on_delete},
    register=admin.register,
    on_startup=admin.start_housekeeping,
)
