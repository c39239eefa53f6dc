"""Core conversation: welcome and disclaimer, help, language, export, delete.

The welcome itself, the consent gate and the menu are `bot.handlers.welcome`'s; once the
disclaimer is accepted, the red-flag check comes first (`bot.handlers.triage.begin_check`).
"""

from __future__ import annotations

import json

from telegram import Update

from bot import export
from bot.config import SUPPORTED_LANGUAGES
from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.safety_net import country_menu
from bot.handlers.triage import TRIAGE_DIALOG, begin_check
from bot.handlers.welcome import expired_button, menu_buttons, welcome
from bot.storage import users
from dialogs.common.buttons import DeleteAnswer, DeleteButton, LanguageButton
from dialogs.common.language_names import language_named
from dialogs.common.reply import Button, Message
from dialogs.common.yes_no import typed_agreement


async def start(turn: Turn) -> None:
    """The welcome with the disclaimer; once it is accepted, a short welcome-back and the menu."""
    if turn.user.consent_at is None:
        turn.say(welcome(turn))
        return
    person = turn.update.effective_user
    name = (person.first_name if person else "") or "none"
    turn.say(Message("welcome-back", {"name": name}, menu_buttons(turn)))


async def help_command(turn: Turn) -> None:
    """/help: every command in /help order with its description, and the user's helplines."""
    german = turn.services.german_names if turn.language == "de" else {}
    lines = [
        f"/{german[name]} (/{name}) – {turn.text(f'cmd-{name}')}"
        if name in german
        else f"/{name} – {turn.text(f'cmd-{name}')}"
        for name in turn.services.command_names
    ]
    args = {"commands": "\n".join(lines), **turn.helplines.args(turn.language)}
    turn.say(Message("help", args))


async def cancel_command(turn: Turn) -> None:
    """/cancel (/abbrechen): ends whatever dialog is open (the check, the plan, STarT Back, the
    quiz, a guided session) and says so; with nothing open, says that instead. An unfinished
    check gets its reminder that /check is always there (never ended without a word)."""
    names = await turn.dialog_names()
    if not names:
        turn.say(Message("cancel-nothing"))
        return
    if TRIAGE_DIALOG in names:
        turn.say(Message("triage-check-left"))
    await turn.clear_dialog()
    # What ended, by the dialog's name ("triage", "plan", "startback", "quiz", "session");
    # the Fluent text has a generic wording for any other.
    turn.say(Message("cancel-done", {"what": names[-1]}))


async def language_command(turn: Turn) -> None:
    """/language: Deutsch / English buttons (`lang:de`, `lang:en`)."""
    turn.say_key(
        "language-choose",
        (
            Button("button-lang-de", LanguageButton("de").pack()),
            Button("button-lang-en", LanguageButton("en").pack()),
        ),
    )


async def export_command(turn: Turn) -> None:
    """/export: everything stored about the user as an indented UTF-8 JSON file, labelled in
    their language, "rueckenwind-export-<local date>.json" (its shape: `bot.export`)."""
    data = await export.export(
        turn.session,
        turn.user,
        translate=turn.services.translate,
        language=turn.language,
        now=turn.now,
    )
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    day = turn.now.astimezone(export.zone_of(turn.user.timezone)).date()
    turn.send_document(
        f"rueckenwind-export-{day.isoformat()}.json", content, Message("export-caption")
    )


async def delete_command(turn: Turn) -> None:
    """/delete: asks to confirm (`del:yes` / `del:no`); nothing is deleted yet."""
    turn.say_key(
        "delete-confirm",
        (
            Button("button-delete-yes", DeleteButton(DeleteAnswer.YES).pack()),
            Button("button-cancel", DeleteButton(DeleteAnswer.NO).pack()),
        ),
    )


async def on_consent(update: Update, context: Context) -> None:
    """`consent:yes`: store the consent time (aware UTC) and start the red-flag check; once
    accepted, a second tap only shows the menu."""
    async with open_turn(update, context) as turn:
        if turn.user.consent_at is not None:
            turn.say(Message("consent-already", {}, menu_buttons(turn)))
            return
        await _accept(turn)


async def typed_language(turn: Turn, text: str) -> bool:
    """A message that is just a language's name ("English", "Deutsch") switches to it, like
    /language's buttons; before the disclaimer the welcome comes again in that language."""
    language = language_named(text)
    if language is None or language not in SUPPORTED_LANGUAGES:
        return False
    turn.user.language = turn.language = language
    turn.say(welcome(turn) if turn.user.consent_at is None else Message("language-set"))
    return True


async def typed_consent(turn: Turn, text: str) -> bool:
    """Before the disclaimer is accepted, a typed "ja", "ok", "verstanden" or "I agree"
    accepts it like its button (the welcome asks "Bist du einverstanden?")."""
    if turn.user.consent_at is not None or not typed_agreement(text):
        return False
    await _accept(turn)
    return True


async def _accept(turn: Turn) -> None:
    """Store the consent time (aware UTC) and start the red-flag check."""
    turn.user.consent_at = turn.now
    # The thanks asks where the user is: the time zone is only DEFAULT_TIMEZONE's until they
    # set one, and an English speaker in the UK must not be given German crisis lines.
    turn.say(country_menu(turn, "consent-thanks"))
    await begin_check(turn)  # the red-flag check comes first, before any plan


async def on_language(update: Update, context: Context) -> None:
    """`lang:<de|en>`: switch the user's language; before consent the welcome is redrawn in
    it. An unsupported language gets the stale-button answer."""
    query = update.callback_query
    tap = LanguageButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if tap is None or tap.language not in SUPPORTED_LANGUAGES:
            turn.say(expired_button(turn))
            return
        turn.user.language = turn.language = tap.language
        if turn.user.consent_at is None:
            turn.edit(welcome(turn))  # the welcome itself switches language
        else:
            turn.say(Message("language-set"))


async def on_delete(update: Update, context: Context) -> None:
    """`del:yes` removes every row about the user; `del:no` cancels."""
    query = update.callback_query
    tap = DeleteButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if tap is None:
            turn.say(expired_button(turn))
            return
        if tap.answer is not DeleteAnswer.YES:
            turn.edit(Message("delete-cancelled"))
            return
        await users.delete_user(turn.session, turn.user.id)
        turn.edit(Message("delete-done"))
