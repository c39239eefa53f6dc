"""The routing table: every command, button and typed text, and the handler it goes to.

Read top to bottom, this is the whole bot from the outside. `register` adds the handlers to
python-telegram-bot in this order (PTB tries them in order, the first match wins): group chats
first (group -1: only safety answers there; a button pressed outside the presser's own private
chat, which only a forged query can do, only gets an "out of date" notice), then the commands,
the menu and feature buttons, and the catch-alls last, so that nothing a user sends falls
through to silence.

Features call each other's entry points directly where the flow needs it: accepting the
disclaimer starts the red-flag check (`core.on_consent` → `triage.begin_check`); a clear
check leads to the plan (`triage` → `habit.plan_command`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.handlers import (
    admin,
    checkin,
    core,
    exercise_log,
    habit,
    messages,
    myths,
    report,
    safety_net,
    triage,
)
from bot.handlers.common import Context, TextStage, Turn, open_turn
from bot.handlers.welcome import require_consent
from dialogs.common.buttons import (
    ConsentButton,
    CountryButton,
    DeleteButton,
    LanguageButton,
    MenuButton,
)
from dialogs.common.callback_data import pattern_of
from dialogs.common.reply import Message
from dialogs.habit.buttons import (
    GUIDED_BUTTONS,
    PLAN_BUTTONS,
    REMINDER_BUTTONS,
    BarrierButton,
    CheckinAnswer,
    CheckinSwitch,
    LogButton,
    PainButton,
    QuietMove,
    UndoButton,
)
from dialogs.myths.buttons import MYTH_BUTTONS, QUIZ_BUTTONS
from dialogs.triage.buttons import CHECK_BUTTONS, STARTBACK_BUTTONS, AskButton

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Command:
    """A /command: its name, what it runs in its turn, and whether it works before consent."""

    name: str  # /name; its /help and menu text is the Fluent message `cmd-<name>`
    run: Callable[[Turn], Awaitable[None]]
    open: bool = False  # works before the disclaimer is accepted
    # A look-up (help, settings, data) keeps the open dialog; every other command finishes or
    # replaces it, so the dialog is closed before the command runs (issue 12 §3: after
    # `/remind 18:30 mo,mi,fr` the plan's time question no longer reads "hallo").
    keeps_dialog: bool = False
    # Its German name ([a-z0-9_], Telegram's rule: "/loeschen", not "/löschen"), an alias that
    # works in every language and the name in the German command menu.
    german: str | None = None
    # It ends the open dialog itself, the log question too, and says what it ended (/cancel).
    ends_dialogs: bool = False
    # Dialogs it completes rather than cuts short: closed without "… habe ich abgebrochen"
    # (/remind sets the plan the plan dialog was asking for).
    finishes: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and the German alias, as python-telegram-bot registers them."""
        return (self.name,) if self.german is None else (self.name, self.german)


# Commands, in /help and setMyCommands order. Every command first ends the safety net's
# interruptions (`safety_net.end_on_command`); the closed ones then need the disclaimer; then,
# unless it `keeps_dialog`, the open dialog is closed (the command finishes or replaces it).
COMMANDS: tuple[Command, ...] = (
    Command("start", core.start, open=True, keeps_dialog=True),  # a welcome back, a menu
    Command("help", core.help_command, open=True, keeps_dialog=True, german="hilfe"),
    Command("language", core.language_command, open=True, keeps_dialog=True),
    Command("export", core.export_command, open=True, keeps_dialog=True, german="daten"),
    Command("delete", core.delete_command, open=True, keeps_dialog=True, german="loeschen"),
    Command("country", safety_net.country_command, open=True, keeps_dialog=True),  # the numbers
    Command("check", triage.begin_check, open=True),  # safety never waits for the disclaimer
    Command("myths", myths.myths_command, keeps_dialog=True),
    Command("quiz", myths.quiz_command),
    Command("plan", habit.plan_command),
    Command("remind", habit.remind, german="erinnerung", finishes=(habit.PLAN_DIALOG,)),
    Command("session", habit.guided_routine_command, german="einheit"),
    Command("progress", habit.progress_command, keeps_dialog=True, german="fortschritt"),
    Command("checkin", checkin.checkin_command, keeps_dialog=True),  # the weekly PEG-3
    Command("report", report.report_command, keeps_dialog=True, german="bericht"),  # the PDF
    Command("undo", exercise_log.undo, keeps_dialog=True),
    Command("pause", habit.pause_command, keeps_dialog=True),  # settings keep the dialog
    Command("resume", habit.resume_command, keeps_dialog=True),
    Command("timezone", habit.timezone, keeps_dialog=True),
    Command("quiet", habit.quiet_command_handler, keeps_dialog=True),
    # ends the open dialog itself, saying what it ended
    Command(
        "cancel",
        core.cancel_command,
        open=True,
        keeps_dialog=True,
        german="abbrechen",
        ends_dialogs=True,
    ),
)
# Only for ADMIN_IDS, and not in /help: for everyone else it is an unknown command.
ADMIN_COMMANDS: tuple[tuple[str, Handler], ...] = (("stats", admin.on_stats),)

# Inline buttons: the families of typed callback data (`dialogs/*/buttons.py`) → handler. Each
# pattern matches exactly its families' data, so the order does not matter, and data no family
# reads (forged, garbled) falls through to `messages.on_stale_button`. `MenuButton`
# (`menu:<command>`) runs the command of that name, as if typed; it is wired before these.
BUTTONS: tuple[tuple[str, Handler], ...] = (
    (ConsentButton.pattern, core.on_consent),
    (LanguageButton.pattern, core.on_language),
    (DeleteButton.pattern, core.on_delete),
    (AskButton.pattern, safety_net.on_ask_button),
    (CountryButton.pattern, safety_net.on_country_button),
    (pattern_of(*CHECK_BUTTONS), triage.on_triage_button),  # these work before consent too
    (pattern_of(*STARTBACK_BUTTONS), triage.on_startback_button),
    (pattern_of(*MYTH_BUTTONS), myths.on_myth_button),
    (pattern_of(*QUIZ_BUTTONS), myths.on_quiz_button),
    (pattern_of(*PLAN_BUTTONS), habit.on_plan_button),
    (pattern_of(*REMINDER_BUTTONS), habit.on_reminder),
    (QuietMove.pattern, habit.on_quiet_move),
    (PainButton.pattern, habit.on_pain),
    (LogButton.pattern, exercise_log.on_log_button),
    (UndoButton.pattern, exercise_log.on_undo_button),
    (BarrierButton.pattern, habit.on_barrier),
    (CheckinAnswer.pattern, checkin.on_checkin_answer),
    (CheckinSwitch.pattern, checkin.on_checkin_switch),
    (pattern_of(*GUIDED_BUTTONS), habit.on_guided),
)

# Text typed while a dialog is open: dialog name → its stage (True: answered). A stage that
# returns False leaves the text to the rest of the pipeline, so nobody is trapped in a dialog.
DIALOG_TEXT: dict[str, TextStage] = {
    triage.TRIAGE_DIALOG: triage.triage_text,  # "ja" / "nein" / "weiß nicht", "abbrechen"
    triage.STARTBACK_DIALOG: triage.startback_text,  # "abbrechen" (answers are buttons)
    myths.QUIZ_DIALOG: myths.quiz_text,  # "Mythos" / "Fakt", "stopp"
    habit.PLAN_DIALOG: habit.plan_text,  # days, a time, a time zone
    habit.GUIDED_ROUTINE_DIALOG: habit.guided_text,  # "weiter", "stopp", "aua" (pauses it)
}
# Dialogs whose typed answers work before the disclaimer too (the red-flag check).
OPEN_DIALOGS = frozenset({triage.TRIAGE_DIALOG})
# Dialogs that take a bare number as an answer (STarT Back's 1–5 scale): there "3" is theirs,
# elsewhere a number is a pain rating and passes the dialog by (`messages.belongs_elsewhere`).
NUMBER_DIALOGS = frozenset({triage.STARTBACK_DIALOG})
# Dialogs that free words are said to: "keine Zeit mehr" during a guided routine is about the
# routine (its hint says how to stop); elsewhere news of a missed session passes a dialog by.
WORD_DIALOGS = frozenset({habit.GUIDED_ROUTINE_DIALOG})

# Free text (not a command), stage by stage until one has answered.
TEXT_PIPELINE: tuple[TextStage, ...] = (
    habit.pause_routine_for_safety,  # never answers: a guided routine pauses before an alert
    safety_net.screened_text,  # a crisis message, a red-flag alert or an "unsure" question
    safety_net.crisis_followup,  # in the hours after a crisis message: a warm, short answer
    safety_net.answer_pending_question,  # a typed "ja" / "nein" answers the open question
    exercise_log.typed_confirmation,  # … or "Soll ich 20 Minuten Yoga eintragen?", /undo's
    core.typed_language,  # "English", "Deutsch": like /language's buttons
    safety_net.typed_country,  # "I'm in the UK", "Österreich": like /country's buttons
    messages.too_long,  # over LONG_TEXT: only screened, not interpreted
    messages.getting_worse,  # "it is getting worse": the check is offered again
    messages.dialog_text(DIALOG_TEXT, OPEN_DIALOGS, NUMBER_DIALOGS, WORD_DIALOGS),  # the dialog's
    core.typed_consent,  # "ok", "ja", "verstanden" accept the disclaimer like its button
    messages.consent_required,  # below here only after the disclaimer
    triage.recheck_stage,  # four weeks on, the check is offered again (never answers)
    habit.reminder_reply_stage,  # after a reminder: "heute nicht", "später", "um 19 Uhr"
    exercise_log.pain_rating_stage,  # "7", "so ne 6" right after a logged session
    exercise_log.done_stage,  # "hab heute 20 min Yoga gemacht", "erledigt", "gestern 15 min"
    exercise_log.mention_stage,  # "ich will morgen joggen", "heute keine Übungen gemacht"
    habit.progress_question_stage,  # "wie viele hab ich diese Woche?": the /progress answer
    messages.small_talk_stage,  # "moin", "danke", "👍", "gute nacht": a short friendly answer
    myths.question_stage,  # a myth question, or an honest "I don't know" with the topics
    exercise_log.back_hurts_stage,  # "mein Rücken tut weh": a kind word, what usually helps
    messages.fallback,  # the menu
)


def register(application: Application, settings: Settings) -> None:
    """Add every handler to `application`, in the order above."""
    private = filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & ~filters.UpdateType.CHANNEL_POSTS, messages.on_group
        ),
        group=-1,
    )
    application.add_handler(CallbackQueryHandler(messages.on_foreign_button), group=-1)
    commands = {command.name: _command_handler(command) for command in COMMANDS}
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.names, commands[command.name], private))
    if settings.admin_ids:
        only_admins = filters.User(user_id=list(settings.admin_ids)) & private
        for name, handler in ADMIN_COMMANDS:
            application.add_handler(CommandHandler(name, handler, only_admins))
    application.add_handler(
        CallbackQueryHandler(_menu_handler(commands), pattern=MenuButton.pattern)
    )
    for pattern, handler in BUTTONS:
        application.add_handler(CallbackQueryHandler(handler, pattern=pattern))
    # The catch-alls.
    on_text = messages.text_handler(TEXT_PIPELINE)
    application.add_handler(
        MessageHandler(private & new_message & filters.TEXT & ~filters.COMMAND, on_text)
    )
    application.add_handler(
        MessageHandler(private & new_message & filters.COMMAND, messages.on_unknown_command)
    )
    application.add_handler(MessageHandler(private & filters.UpdateType.EDITED, messages.on_edited))
    # A photo or file with a caption is read like a text with that caption.
    application.add_handler(
        MessageHandler(private & new_message, messages.media_handler(TEXT_PIPELINE))
    )
    application.add_handler(CallbackQueryHandler(messages.on_stale_button))
    application.add_handler(
        ChatMemberHandler(messages.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(messages.on_error)


def _command_handler(command: Command) -> Handler:
    """A command in its own turn: it ends the safety net's interruptions (a paused dialog
    continues), then runs – the closed ones only after the disclaimer."""

    async def handle(update: Update, context: Context) -> None:
        async with open_turn(update, context) as turn:
            await safety_net.end_on_command(turn)
            if not command.ends_dialogs:
                await exercise_log.close_confirmation(turn)
            if command.open or require_consent(turn):
                if not command.keeps_dialog:
                    names = await turn.dialog_names()
                    if triage.TRIAGE_DIALOG in names and command.name != "check":
                        turn.say(Message("triage-check-left"))  # never end it without a word
                    others = [
                        name
                        for name in names
                        if name != triage.TRIAGE_DIALOG and name not in command.finishes
                    ]
                    if others:  # a half-done plan change, quiz … is not dropped silently
                        turn.say(Message("cancel-done", {"what": others[-1]}))
                    await turn.clear_dialog()  # finished or replaced by this command
                await command.run(turn)
                await safety_net.keep_check_in_view(turn)  # a kept check: out of view now

    handle.__name__ = f"command_{command.name}"
    return handle


def _menu_handler(commands: dict[str, Handler]) -> Handler:
    """Menu buttons (`menu:<command>`) run the command of that name, as if it had been typed."""

    async def on_menu(update: Update, context: Context) -> None:
        query = update.callback_query
        tap = MenuButton.parse(query.data if query else None)
        handler = commands.get(tap.command) if tap is not None else None
        if handler is None:
            await messages.on_stale_button(update, context)
            return
        await handler(update, context)

    return on_menu
