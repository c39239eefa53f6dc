"""Core conversation: welcome and disclaimer, help, language, export, delete.

The welcome itself, the consent gate and the menu are `bot.handlers.welcome`'s; once the
disclaimer is accepted, the red-flag check comes first (`bot.handlers.triage.begin_check`).
"""

from __future__ import annotations

import json

from telegram import Update

from bot.config import SUPPORTED_LANGUAGES
from bot.handlers.common import Context, Turn, turn
from bot.handlers.triage import begin_check
from bot.handlers.welcome import expired_button, menu_buttons, welcome
from bot.storage import users
from dialogs.common.buttons import DeleteAnswer, DeleteButton, LanguageButton
from dialogs.common.reply import Button, Message


async def start(turn_: Turn) -> None:
    """The welcome with the disclaimer; once it is accepted, a short welcome-back and the menu."""
    if turn_.user.consent_at is None:
        turn_.say(welcome(turn_))
        return
    person = turn_.update.effective_user
    name = (person.first_name if person else "") or "none"
    turn_.say(Message("welcome-back", {"name": name}, menu_buttons(turn_)))


async def help_command(turn_: Turn) -> None:
    lines = [f"/{name} – {turn_.text(f'cmd-{name}')}" for name in turn_.services.command_names]
    args = {"commands": "\n".join(lines), **turn_.helplines.args(turn_.language)}
    turn_.say(Message("help", args))


async def language_command(turn_: Turn) -> None:
    turn_.say_key(
        "language-choose",
        (
            Button("button-lang-de", LanguageButton("de").pack()),
            Button("button-lang-en", LanguageButton("en").pack()),
        ),
    )


async def export_command(turn_: Turn) -> None:
    data = await users.export_user(turn_.session, turn_.user.id)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    filename = f"rueckenwind-export-{turn_.now.date().isoformat()}.json"
    turn_.send_document(filename, content, Message("export-caption"))


async def delete_command(turn_: Turn) -> None:
    turn_.say_key(
        "delete-confirm",
        (
            Button("button-delete-yes", DeleteButton(DeleteAnswer.YES).pack()),
            Button("button-cancel", DeleteButton(DeleteAnswer.NO).pack()),
        ),
    )


async def on_consent(update: Update, context: Context) -> None:
    async with turn(update, context) as turn_:
        if turn_.user.consent_at is not None:
            turn_.say(Message("consent-already", {}, menu_buttons(turn_)))
            return
        turn_.user.consent_at = turn_.now
        turn_.say(Message("consent-thanks"))
        await begin_check(turn_)  # the red-flag check comes first, before any plan


async def on_language(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = LanguageButton.parse(query.data if query else None)
    async with turn(update, context) as turn_:
        if tap is None or tap.language not in SUPPORTED_LANGUAGES:
            turn_.say(expired_button(turn_))
            return
        turn_.user.language = turn_.language = tap.language
        if turn_.user.consent_at is None:
            turn_.edit(welcome(turn_))  # the welcome itself switches language
        else:
            turn_.say(Message("language-set"))


async def on_delete(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = DeleteButton.parse(query.data if query else None)
    async with turn(update, context) as turn_:
        if tap is None:
            turn_.say(expired_button(turn_))
            return
        if tap.answer is not DeleteAnswer.YES:
            turn_.edit(Message("delete-cancelled"))
            return
        await users.delete_user(turn_.session, turn_.user.id)
        turn_.edit(Message("delete-done"))
