"""The unit of work for one update: a `Turn` opens one database session, and sends only after
the commit, so that what the user is told ("1/3") is already durable when they read it.

Handlers and features speak in `dialogs.common.reply.Message`s; the turn renders them in the user's
language. Its replies are written to the outbox in the same transaction and sent after the
commit, retried and kept until Telegram takes them (`bot.outbox`): a failure after the commit
never tells the user to try again. A redelivered update (same `update_id`) and a second press
of the same button (same message and data) are recognised here and do nothing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import inbox, outbox, render
from bot.outbox import Outgoing
from bot.services import Services, services
from bot.storage import buttons, users
from bot.storage.database import Session
from bot.storage.models import DialogStateRow, UserRow
from dialogs.common.callback_data import is_repeatable
from dialogs.common.helplines import Helplines, with_local_numbers
from dialogs.common.reply import Button, Message
from dialogs.triage.red_flags import Screening
from dialogs.triage.screening import screen

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
# A queued reply, rendered when the turn's transaction is about to commit.
Reply = Callable[[], Outgoing]
T = TypeVar("T")
# A step of the free-text pipeline or a dialog's typed input (`bot.routing`): it gets the turn
# and the text; True means "answered, stop here".
TextStage = Callable[["Turn", str], Awaitable[bool]]


@dataclass
class Turn:
    """One update being handled: the user, the database session and what to send after commit.

    `now` is the clock's aware UTC time when the update's handling began; `language` the
    user's ("de"/"en").
    """

    update: Update
    context: Context
    services: Services
    session: Session
    user: UserRow
    now: datetime
    language: str
    outbox: list[Reply] = field(default_factory=list)
    # The messages queued with `say`, in order (what the user will read last decides whether
    # an open check must show its question again, `safety_net.keep_check_in_view`).
    said: list[Message] = field(default_factory=list)
    # The text last screened and what the safety net found in it (see `screening`).
    _screened: tuple[str, Screening] | None = field(default=None, init=False, repr=False)
    # The user's dialog row as last loaded (see `dialog`), held here because the session's
    # identity map holds unchanged rows only weakly: without it every stage of the pipeline
    # that looks would load the row again.
    _dialog_row: DialogStateRow | None = field(default=None, init=False, repr=False)
    _dialog_known: bool = field(default=False, init=False, repr=False)

    @property
    def chat_id(self) -> int:
        """The chat to answer in (the user's private chat when the update names none)."""
        chat = self.update.effective_chat
        return chat.id if chat is not None else self.user.id

    @property
    def update_key(self) -> str:
        """A stable key of this update, for idempotent writes (e.g. an exercise log)."""
        return f"u{self.update.update_id}"

    @property
    def args(self) -> list[str]:
        """A command's words after its name (`/remind 18:30 mo` → ["18:30", "mo"])."""
        return list(self.context.args or [])

    @property
    def helplines(self) -> Helplines:
        """The user's numbers: their chosen country, else the one of their time zone."""
        return self.services.helplines(self.user.country, self.user.timezone)

    def screening(self, text: str) -> Screening:
        """What the safety net finds in `text`, screened once per turn however many stages of
        the free-text pipeline ask (the alert, then "it is getting worse")."""
        if self._screened is None or self._screened[0] != text:
            self._screened = (text, screen(text, self.language))
        return self._screened[1]

    def text(self, key: str, **args: Any) -> str:
        """The Fluent message `key` in the user's language, with `args` filled in."""
        return self.services.translate(key, self.language, **args)

    def say(self, *messages: Message) -> None:
        """Queue messages; they are sent in order once the turn's transaction has committed."""
        helplines = self.helplines
        for message in messages:
            message = with_local_numbers(message, helplines)  # reviewed content's "112"
            self.said.append(message)
            self.outbox.append(partial(self._message, message))

    def say_key(self, key: str, *rows: tuple[Button, ...], **args: Any) -> None:
        """Queue one message by its Fluent id, with button rows and Fluent arguments."""
        self.say(Message(key, args, tuple(rows)))

    def edit(self, message: Message) -> None:
        """Replace the message whose button was pressed (paging, quiz steps)."""
        message = with_local_numbers(message, self.helplines)
        query = self.update.callback_query
        if query is None or query.message is None:
            self.say(message)
            return
        markup = render.keyboard(message, self.language, self.services.translate)
        body = render.text(message, self.language, self.services.translate)
        target = (query.message.chat.id, query.message.message_id)
        self.outbox.append(lambda: outbox.edit(*target, body, markup))

    def send_document(self, filename: str, content: bytes, caption: Message | None = None) -> None:
        """Queue a file: `content` bytes, shown as `filename`, with an optional caption."""
        caption_text = (
            render.text(caption, self.language, self.services.translate) if caption else None
        )

        self.outbox.append(lambda: outbox.document(self.chat_id, filename, content, caption_text))

    def send_photo(self, content: bytes, caption: Message | None = None) -> None:
        """Queue a photo (`content`: image bytes, e.g. the PNG chart) with an optional caption."""
        caption_text = (
            render.text(caption, self.language, self.services.translate) if caption else None
        )
        self.outbox.append(lambda: outbox.photo(self.chat_id, content, caption_text))

    async def dialog(self) -> DialogStateRow | None:
        """The stored dialog row as it is (an interruption, see `interrupt`, included), loaded
        once per turn and again only after the turn changed it."""
        row = self._dialog_row
        if not self._dialog_known or (row is not None and not users.still_stored(row)):
            self._dialog_row = await users.get_dialog(self.session, self.user.id)
            self._dialog_known = True
        return self._dialog_row

    async def _store_dialog(self, dialog: str, state: dict[str, Any]) -> None:
        await users.set_dialog(self.session, self.user.id, dialog, state)
        self._dialog_known = False  # a new row is the session's until it is loaded again

    async def dialog_names(self) -> tuple[str, ...]:
        """The current dialog's name, then the name of the dialog it paused (if any)."""
        current = await self.dialog()
        if current is None:
            return ()
        paused = users.paused_dialog(current)
        return (current.dialog,) if paused is None else (current.dialog, paused[0])

    async def open_dialog(self, dialog: str, load: Callable[[dict[str, Any]], T]) -> T | None:
        """The state of `dialog` if it is the user's current one, or the one an interruption
        paused (so its buttons keep working); None if not, or if damaged."""
        current = await self.dialog()
        if current is None:
            return None
        paused = users.paused_dialog(current)
        if current.dialog == dialog:
            state = current.state
        elif paused is not None and paused[0] == dialog:
            state = paused[1]
        else:
            return None
        try:
            return load(state)
        except (KeyError, TypeError, ValueError):
            return None

    async def set_dialog(self, dialog: str, state: dict[str, Any]) -> None:
        """Make `dialog` the current one; this also ends an interruption (the user moved on)."""
        await self._store_dialog(dialog, state)

    async def interrupt(self, dialog: str, state: dict[str, Any]) -> None:
        """Open `dialog` on top of the current one, which pauses until `dialog` is cleared.

        Used for the safety net's short dialogs (a question, the hours after a crisis
        message): the paused dialog's buttons keep working (`open_dialog` sees it), and
        clearing the interruption resumes it. A new interruption replaces an old one and
        keeps what that one had paused.
        """
        current = await self.dialog()
        paused: dict[str, Any] | None = None
        if current is not None:
            below = users.paused_dialog(current)
            if users.PAUSED_KEY in current.state:
                paused = None if below is None else {"dialog": below[0], "state": below[1]}
            else:
                paused = {"dialog": current.dialog, "state": dict(current.state)}
        await self._store_dialog(dialog, {**state, users.PAUSED_KEY: paused})

    async def clear_dialog(self, dialog: str | None = None) -> None:
        """End the current dialog (only if it is `dialog`, when given). Clearing an
        interruption resumes the dialog it paused; clearing the paused dialog ends both."""
        current = await self.dialog()
        if dialog is None or current is None:
            await self._delete_dialog()
            return
        paused = users.paused_dialog(current)
        if current.dialog == dialog and paused is not None:
            await self._store_dialog(*paused)
        elif current.dialog == dialog or (paused is not None and paused[0] == dialog):
            await self._delete_dialog()

    async def end_dialog(self, dialog: str) -> None:
        """End `dialog` whether it is the current one or the one an interruption paused; an
        interruption above it stays (and then resumes nothing)."""
        current = await self.dialog()
        if current is None:
            return
        paused = users.paused_dialog(current)
        if current.dialog == dialog:
            await self._delete_dialog()
        elif paused is not None and paused[0] == dialog:
            await self._store_dialog(current.dialog, {**current.state, users.PAUSED_KEY: None})

    async def _delete_dialog(self) -> None:
        await users.clear_dialog(self.session, self.user.id)
        self._dialog_row, self._dialog_known = None, True

    def _message(self, message: Message) -> Outgoing:
        translate = self.services.translate
        return outbox.message(
            self.chat_id,
            render.text(message, self.language, translate),
            render.keyboard(message, self.language, translate),
        )


def user_language(update: Update, default: str) -> str:
    """The sender's language from their Telegram `language_code` ("de…" → "de", "en…" →
    "en"), else `default`."""
    tg_user = update.effective_user
    return users.language_from_code(tg_user.language_code if tg_user else None, default)


@asynccontextmanager
async def open_turn(update: Update, context: Context) -> AsyncIterator[Turn]:
    """Handle one update: dedupe, load the user, commit (with the replies, in the outbox, and
    the update's removal from the durable inbox, `bot.inbox.remove_in_turn`), then send what
    was queued (`flush`).

    A redelivered update, a second press of the same button (`first_press`) and an update
    without a user stop the handler chain before anything is written or sent (they raise
    ApplicationHandlerStop; a button pressed again is still answered, with a short notice).
    An exception inside rolls the transaction back and sends nothing: only then does the
    user hear "please try again".
    """
    svc = services(context)
    tg_user = update.effective_user
    if tg_user is None:
        raise ApplicationHandlerStop
    async with svc.db.session() as session:
        if not await users.first_delivery(session, update.update_id):
            log.info("update %s was delivered again; ignored", update.update_id)
            await _answer(update, None)
            raise ApplicationHandlerStop
        user = await users.ensure_user(
            session,
            tg_user.id,
            language=user_language(update, svc.settings.default_language),
            timezone=svc.settings.default_timezone,
        )
        turn = Turn(update, context, svc, session, user, svc.clock(), user.language)
        if not await first_press(turn):
            log.info("update %s pressed the same button again; ignored", update.update_id)
            await _answer(update, turn.text("button-pressed-again"))
            raise ApplicationHandlerStop
        yield turn
        staged = await outbox.stage(
            session,
            user_id=user.id,
            chat_id=turn.chat_id,
            replies=[reply() for reply in turn.outbox],
            now=svc.clock(),
        )
        removed = await inbox.remove_in_turn(session, update.update_id)
    if removed:
        inbox.turn_committed(update.update_id)
    await flush(turn, staged)


# A second press of a repeatable button (the menu, a myth) within this time is a double tap,
# not a new request (product decision: a double tap takes well under a second; 5 s leaves
# room for a slow network).
DOUBLE_TAP = timedelta(seconds=5)


async def first_press(turn: Turn) -> bool:
    """Record a button press in the turn's transaction; False when the same button (same data)
    was already pressed on the same message as the user saw it (same chat, message id and
    edit time), e.g. pain "3" tapped twice before the first tap's answer arrived. A button
    declared `repeatable` (`dialogs.common.callback_data`) counts again after DOUBLE_TAP.
    Anything that is not a button press on a message is a first press."""
    query = turn.update.callback_query
    shown = query.message if query is not None else None
    if query is None or shown is None or query.data is None:
        return True
    edited = getattr(shown, "edit_date", None)
    return await buttons.first_press(
        turn.session,
        user_id=turn.user.id,
        chat_id=shown.chat.id,
        message_id=shown.message_id,
        version=int(edited.timestamp()) if edited is not None else 0,
        data=query.data,
        now=turn.now,
        again_after=DOUBLE_TAP if is_repeatable(query.data) else None,
    )


async def _answer(update: Update, text: str | None) -> None:
    """Answer the button press (if this update is one); an expired query is no error."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text)
    except Exception:  # an expired query must not hide the real outcome
        log.debug("could not answer callback query", exc_info=True)


async def flush(turn: Turn, staged: outbox.Staged) -> None:
    """After the commit: answer the button press, then send the
    turn's replies (`bot.outbox.deliver`: retried, kept in the outbox while they fail; a user
    who blocked the bot is marked inactive). Nothing here raises: the work is committed, and
    what could not be sent is the outbox job's."""
    await _answer(turn.update, None)
    try:
        if staged.claimed:
            await outbox.deliver(turn.context.bot, turn.services, staged.claimed, inline=True)
        if staged.queued:
            outbox.wake_up(turn.context.application)
    except Exception:
        log.exception("sending the replies failed; they stay in the outbox")
