"""Replies that survive faults: the transactional outbox.

A turn's replies are Bot API calls as data (`Outgoing`: the method and its JSON parameters,
text already rendered). `stage` writes them to the `outbox` table in the turn's own
transaction, claimed by the turn for `LEASE`; right after the commit `deliver` sends them in
order and deletes what Telegram accepted. So what the user is told is durable before they
read it, and the reply itself is durable too:

- a transient failure (429 flood control, 5xx, network errors and timeouts) is retried at
  once, after `RETRY_DELAYS` (a 429 after its `retry_after`, up to `MAX_INLINE_WAIT`);
- what still fails stays in the outbox, and the job `deliver_due` (every
  `REMINDER_TICK_SECONDS`) sends it again with backoff (`BACKOFF_FIRST` doubling up to
  `BACKOFF_MAX`), giving up after `MAX_ATTEMPTS` (status failed, logged by id);
- a process that dies between the commit and the send leaves its rows claimed; after the
  lease the job sends them (at least once: a reply may, rarely, arrive twice; never lost);
- 403 (the user blocked the bot) is not retried: the user is marked inactive and every
  waiting reply to that chat is given up;
- "message is not modified" (an edit that changes nothing, e.g. a double tap) is success; any
  other refused edit (the message is too old or gone) is sent as a new message instead;
- a chat's replies keep their order: a reply waits behind every earlier one of its chat
  (those of the same turn, and those of earlier turns still in the outbox).

Permanent errors (another 400) are logged by row id and given up; the rest of the turn goes on.
Only the error class is stored (`last_error`), never a reply's text.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.services import Services, services
from bot.storage import outbox as store
from bot.storage import users
from bot.storage.database import Session
from bot.storage.models import OutboxRow

log = logging.getLogger(__name__)

SEND_MESSAGE = "sendMessage"
EDIT_MESSAGE_TEXT = "editMessageText"
SEND_PHOTO = "sendPhoto"
SEND_DOCUMENT = "sendDocument"

# Inline retries of a turn's reply: after 0.5, 1 and 2 s (product decision: a short blip of
# Telegram's is bridged within about 4 s while the user waits; longer outages are the job's).
RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0)
# A 429's `retry_after` up to this many seconds is waited for inline; a longer one goes to
# the outbox, due after it (product decision).
MAX_INLINE_WAIT = 5.0
# How long a claimed reply belongs to its sender; a row still claimed after that was held by
# a process that died, and is sent again (product decision: far longer than a turn's inline
# retries take).
LEASE = timedelta(seconds=60)
# The job's backoff: 5 s, doubling, at most 10 minutes; given up after 12 attempts, about an
# hour after the first (product decision: a reply much later than that no longer helps).
BACKOFF_FIRST = timedelta(seconds=5)
BACKOFF_MAX = timedelta(minutes=10)
MAX_ATTEMPTS = 12
# Replies claimed per round of the job, and rounds per run (product decision).
BATCH = 50
ROUNDS = 10
# Given-up replies are kept this long for inspection, then pruned (`bot.handlers.admin`).
KEEP_FAILED = timedelta(days=7)


@dataclass(frozen=True)
class Outgoing:
    """One Bot API call: `method` (SEND_MESSAGE, EDIT_MESSAGE_TEXT, SEND_PHOTO, SEND_DOCUMENT)
    and its JSON parameters: `chat_id`, the rendered `text` or `caption`, `reply_markup` as
    Telegram's dict, an edit's `message_id`, a file as {"name", "base64"} under `file`."""

    method: str
    params: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        """The JSON stored in `OutboxRow.payload`."""
        return {"method": self.method, "params": self.params}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Outgoing:
        """The call stored by `payload()`."""
        return cls(str(payload["method"]), dict(payload["params"]))

    def as_new_message(self) -> Outgoing:
        """An edit sent as a new message instead (the message can no longer be edited)."""
        params = {key: value for key, value in self.params.items() if key != "message_id"}
        return Outgoing(SEND_MESSAGE, params)


def _markup(markup: InlineKeyboardMarkup | None) -> dict[str, Any]:
    return {} if markup is None else {"reply_markup": markup.to_dict()}


def message(chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> Outgoing:
    """sendMessage of `text` with inline buttons `markup`."""
    return Outgoing(SEND_MESSAGE, {"chat_id": chat_id, "text": text, **_markup(markup)})


def edit(chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None) -> Outgoing:
    """editMessageText: message `message_id` becomes `text` with `markup` (None: no buttons)."""
    params = {"chat_id": chat_id, "message_id": message_id, "text": text}
    return Outgoing(EDIT_MESSAGE_TEXT, {**params, **_markup(markup)})


def _file(name: str, content: bytes) -> dict[str, str]:
    return {"name": name, "base64": base64.b64encode(content).decode("ascii")}


def photo(chat_id: int, content: bytes, caption: str | None) -> Outgoing:
    """sendPhoto of the image bytes `content` (PNG) with an optional caption."""
    params = {"chat_id": chat_id, "file": _file("photo.png", content), "caption": caption}
    return Outgoing(SEND_PHOTO, params)


def document(chat_id: int, filename: str, content: bytes, caption: str | None) -> Outgoing:
    """sendDocument of `content`, shown as `filename`, with an optional caption."""
    params = {"chat_id": chat_id, "file": _file(filename, content), "caption": caption}
    return Outgoing(SEND_DOCUMENT, params)


def _input_file(params: dict[str, Any]) -> InputFile:
    stored = params["file"]
    return InputFile(base64.b64decode(stored["base64"]), filename=stored["name"])


async def call(bot: Bot, outgoing: Outgoing) -> None:
    """Make the call; raises what python-telegram-bot raises (TelegramError), ValueError for
    an unknown method."""
    params = outgoing.params
    stored_markup = params.get("reply_markup")
    markup = InlineKeyboardMarkup.de_json(stored_markup, bot) if stored_markup else None
    chat_id = params["chat_id"]
    if outgoing.method == SEND_MESSAGE:
        await bot.send_message(chat_id, params["text"], reply_markup=markup)
    elif outgoing.method == EDIT_MESSAGE_TEXT:
        await bot.edit_message_text(
            params["text"], chat_id=chat_id, message_id=params["message_id"], reply_markup=markup
        )
    elif outgoing.method == SEND_PHOTO:
        await bot.send_photo(chat_id, _input_file(params), caption=params.get("caption"))
    elif outgoing.method == SEND_DOCUMENT:
        await bot.send_document(chat_id, _input_file(params), caption=params.get("caption"))
    else:
        raise ValueError(f"not a method the outbox sends: {outgoing.method!r}")


class Verdict(Enum):
    """What one attempt came to."""

    SENT = "sent"
    RETRY = "retry"  # transient: 429, 5xx, network, timeout
    BLOCKED = "blocked"  # 403: the user blocked the bot
    FAILED = "failed"  # permanent: given up


@dataclass(frozen=True)
class Result:
    """An attempt's verdict, the error's class name, and a 429's wait in seconds."""

    verdict: Verdict
    error: str = ""
    retry_after: float | None = None


SENT = Result(Verdict.SENT)


def _retry_after(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # an int until PTB 23, then a timedelta
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def judge(error: Exception) -> Result:
    """Classify a failed call (see the module docstring)."""
    name = type(error).__name__
    if isinstance(error, BadRequest):
        if "message is not modified" in str(error).lower():
            return SENT
        return Result(Verdict.FAILED, name)
    if isinstance(error, Forbidden):
        return Result(Verdict.BLOCKED, name)
    if isinstance(error, RetryAfter):
        return Result(Verdict.RETRY, name, _retry_after(error))
    if isinstance(error, NetworkError):  # 5xx, connection errors, TimedOut
        return Result(Verdict.RETRY, name)
    return Result(Verdict.FAILED, name)


async def attempt(bot: Bot, outgoing: Outgoing) -> Result:
    """One try (an edit Telegram refuses is tried once more as a new message)."""
    try:
        await call(bot, outgoing)
    except Exception as error:
        result = judge(error)
        if not isinstance(error, TelegramError):
            log.error("a reply could not be sent", exc_info=error)
        elif result.verdict is Verdict.FAILED and outgoing.method == EDIT_MESSAGE_TEXT:
            return await attempt(bot, outgoing.as_new_message())
        return result
    return SENT


async def attempt_with_retries(bot: Bot, outgoing: Outgoing) -> Result:
    """Try, and retry a transient failure after each of RETRY_DELAYS (a 429 after its
    `retry_after`, unless that is longer than MAX_INLINE_WAIT)."""
    result = await attempt(bot, outgoing)
    for delay in RETRY_DELAYS:
        if result.verdict is not Verdict.RETRY:
            break
        wait = delay if result.retry_after is None else result.retry_after
        if wait > MAX_INLINE_WAIT:
            break
        await asyncio.sleep(wait)
        result = await attempt(bot, outgoing)
    return result


def backoff(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts: BACKOFF_FIRST doubling, at most BACKOFF_MAX."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


@dataclass(frozen=True)
class Claimed:
    """A reply claimed for sending: its row id, chat, user, the call and failed attempts."""

    id: int
    chat_id: int
    user_id: int | None
    outgoing: Outgoing
    attempts: int = 0

    @classmethod
    def of(cls, row: OutboxRow) -> Claimed:
        return cls(
            row.id, row.chat_id, row.user_id, Outgoing.from_payload(row.payload), row.attempts
        )


@dataclass(frozen=True)
class Staged:
    """A turn's replies in the outbox: `claimed` for the turn to send now, or `queued` behind
    earlier replies of the chat (the job sends them, in order)."""

    claimed: tuple[Claimed, ...] = ()
    queued: bool = False


async def stage(
    session: Session, *, user_id: int, chat_id: int, replies: Sequence[Outgoing], now: datetime
) -> Staged:
    """Write a turn's replies in its transaction (before the commit). Claimed by the turn for
    LEASE; but when earlier replies to the chat still wait, these queue behind them, and the
    waiting ones are due now (the user wrote again: worth a try)."""
    if not replies:
        return Staged()
    payloads = [reply.payload() for reply in replies]
    if await store.has_backlog(session, user_id, chat_id):
        await store.wake(session, chat_id, now)
        await store.add(
            session,
            user_id=user_id,
            chat_id=chat_id,
            payloads=payloads,
            status=store.PENDING,
            now=now,
            next_attempt_at=now,
        )
        return Staged(queued=True)
    ids = await store.add(
        session,
        user_id=user_id,
        chat_id=chat_id,
        payloads=payloads,
        status=store.SENDING,
        now=now,
        next_attempt_at=now + LEASE,
    )
    claimed = (
        Claimed(row_id, chat_id, user_id, reply) for row_id, reply in zip(ids, replies, strict=True)
    )
    return Staged(claimed=tuple(claimed))


@dataclass
class _Outcome:
    sent: list[int]
    later: list[tuple[int, int, datetime, str]]  # id, attempts, due, error
    released: list[tuple[list[int], datetime]]
    failed: list[tuple[int, int, str]]  # id, attempts, error
    blocked: list[tuple[int, int | None]]  # chat, user


def _by_chat(rows: Sequence[Claimed]) -> dict[int, list[Claimed]]:
    chats: dict[int, list[Claimed]] = {}
    for row in sorted(rows, key=lambda row: row.id):
        chats.setdefault(row.chat_id, []).append(row)
    return chats


async def _send_chat(
    bot: Bot, svc: Services, rows: list[Claimed], outcome: _Outcome, *, inline: bool
) -> None:
    for index, row in enumerate(rows):
        if inline:
            result = await attempt_with_retries(bot, row.outgoing)
        else:
            result = await attempt(bot, row.outgoing)
        if result.verdict is Verdict.SENT:
            outcome.sent.append(row.id)
            continue
        attempts = row.attempts + 1
        if result.verdict is Verdict.BLOCKED:
            outcome.blocked.append((row.chat_id, row.user_id))
            return
        if result.verdict is Verdict.FAILED or attempts >= MAX_ATTEMPTS:
            log.error(
                "outbox: reply %s given up after %s attempt(s) (%s)", row.id, attempts, result.error
            )
            outcome.failed.append((row.id, attempts, result.error))
            continue
        due = svc.clock() + max(backoff(attempts), timedelta(seconds=result.retry_after or 0))
        log.warning(
            "outbox: reply %s failed (%s), attempt %s; again at %s",
            row.id,
            result.error,
            attempts,
            due.isoformat(timespec="seconds"),
        )
        outcome.later.append((row.id, attempts, due, result.error))
        outcome.released.append(([behind.id for behind in rows[index + 1 :]], due))
        return


async def deliver(bot: Bot, svc: Services, rows: Sequence[Claimed], *, inline: bool) -> None:
    """Send claimed replies, each chat's in id order, and record the outcome in one
    transaction. `inline` (a turn's own replies): transient failures are retried at once
    (`attempt_with_retries`); the job tries each reply once per round."""
    if not rows:
        return
    outcome = _Outcome([], [], [], [], [])
    try:
        for chat_rows in _by_chat(rows).values():
            await _send_chat(bot, svc, chat_rows, outcome, inline=inline)
    finally:  # even when cancelled (shutdown): what went out is not sent again
        await _record(svc, outcome)


async def _record(svc: Services, outcome: _Outcome) -> None:
    now = svc.clock()
    async with svc.db.session() as session:
        await store.delete_sent(session, outcome.sent)
        for row_id, attempts, due, error in outcome.later:
            await store.retry_later(session, row_id, attempts=attempts, at=due, error=error)
        for ids, due in outcome.released:
            await store.release(session, ids, due)
        for row_id, attempts, error in outcome.failed:
            await store.give_up(session, [row_id], error=error, attempts=attempts)
        for chat_id, user_id in outcome.blocked:
            given_up = await store.give_up_chat(session, chat_id, error="Forbidden")
            log.info("outbox: chat blocked the bot; replies %s given up", given_up)
            if user_id is not None:
                await users.mark_blocked(session, user_id, now)


async def deliver_due(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: claim the replies that are due and send them, round by round (at most ROUNDS
    of BATCH) until none is due. A failure is logged; the next run tries again."""
    svc = services(context.application)
    try:
        for _ in range(ROUNDS):
            now = svc.clock()
            async with svc.db.session() as session:  # a cheap read before a write
                if not await store.any_due(session, now):
                    return
            async with svc.db.session() as session:
                rows = await store.claim_due(session, now, lease_until=now + LEASE, limit=BATCH)
            if not rows:
                return
            await deliver(context.bot, svc, [Claimed.of(row) for row in rows], inline=False)
    except Exception:
        log.exception("outbox: delivering due replies failed")


def wake_up(application: Application) -> None:
    """Run the job now (a turn queued replies behind earlier ones)."""
    if application.job_queue is not None:
        application.job_queue.run_once(deliver_due, 0.0, name="outbox-now")


async def start_delivery(application: Application) -> None:
    """`on_startup`: run `deliver_due` every `reminder_tick_seconds` (the reminders' tick)."""
    queue = application.job_queue
    if queue is None:
        log.error("no JobQueue: failed replies are not sent again")
        return
    interval = services(application).settings.reminder_tick_seconds
    queue.run_repeating(deliver_due, interval=interval, first=0.0, name="outbox")
