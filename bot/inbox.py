"""The durable inbox (the transactional-inbox pattern): an update is committed to the `inbox`
table before Telegram is told it arrived, and handled from there.

Why: python-telegram-bot's own polling confirms fetched updates (the next `getUpdates` offset)
before they are handled, and its webhook server answers 200 when an update is queued; a crash
then loses what was in memory, and Telegram has nothing left to send again.

- Receiving: `Inbox.receive` inserts (idempotently, by `update_id`) and commits. Polling
  (`Inbox.start_polling`, our own `getUpdates` loop) asks for the next offset only after
  that commit; the webhook server (`bot.webhook`) answers 200 only after it.
- Handling: the worker reads the rows in `update_id` order, a batch at a time, and groups
  them by conversation (the chat's id in the stored JSON, else `from.id`; an update with
  neither is a group of its own; a private chat is its person's, a group chat one
  conversation). Each sender's rows are handled strictly one after another, in
  `update_id` order; different senders' at the same time, at most `MAX_CONCURRENT_USERS` at
  once. Why: one person's slow turn (waiting for Telegram, a retry) used to hold up everybody
  behind it; now the others of its batch go on meanwhile, while that person's "erledigt" and
  the "/undo" after it still can never swap. For each row: count an attempt (committed), run
  `Application.process_update`, delete the row (in the turn's own transaction, together with
  its work: `remove_in_turn`; by the worker for updates that never reach a turn). The next
  batch is read once every sender of this one is done (so updates arriving meanwhile wait for
  the slowest sender of the batch in hand). Rows left by a crash come first, since their ids
  are lower. A second handling of the same update does nothing: the turn records its `update_id` in
  `processed_updates` in the same transaction as its work (`bot.handlers.common.open_turn`),
  so every update is handled exactly once.
- Several processes on one database (webhook mode behind a load balancer): each process's
  worker reads every stored row, so a row may be handled by two processes at once; the
  `processed_updates` key lets one commit and makes the other's turn do nothing. A worker
  looks at the inbox when its own process stores an update, and every `RECHECK_SECONDS`
  besides, so an update whose process died after storing it is handled by another.
- Failure: an update whose handling raised (before its work was committed) is handled again
  after a pause; its sender's later updates wait for it (they are read again with it), other
  senders' go on. The user hears about the error only on the last attempt. After
  `MAX_ATTEMPTS` attempts (a crash in the middle counts too) the update is dropped and logged
  by its id only, so one poisonous update cannot stop the rest.
- Stopping (`Inbox.stop`): no more fetching; the worker finishes the updates in hand and what
  is already stored, for at most `DRAIN_SECONDS`; anything left waits for the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import RetryAfter, TelegramError, TimedOut
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.services import services
from bot.storage import inbox as store
from bot.storage.database import Session

log = logging.getLogger(__name__)

# The update kinds the routing table handles (`bot.routing.register`); Telegram sends nothing
# else (getUpdates and setWebhook `allowed_updates`).
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "my_chat_member")
# Handling attempts before an update is dropped (product decision: enough for a passing
# database or network fault and a crash or two in the middle, few enough that a poisonous
# update holds the others up for seconds only).
MAX_ATTEMPTS = 5
# Seconds before attempt n + 1 of an update whose handling raised: RETRY_PAUSE * n (product
# decision; its sender's updates behind it wait, so that each user's messages stay in order).
RETRY_PAUSE = 0.5
# Senders whose updates are handled at the same time (product decision: enough to overlap the
# waits for Telegram of a busy moment; few enough that, each holding at most one database
# connection, they leave room in PostgreSQL's pool of 5 + 10 overflow (`bot.storage.database`)
# for the poller, the reminders and the outbox job. On SQLite the writes serialise anyway (one
# writer at a time); what overlaps there is the waiting for Telegram).
MAX_CONCURRENT_USERS = 10
# Seconds the worker goes on handling stored updates after a stop was asked for (product
# decision: within the 10 s container runtimes wait between SIGTERM and SIGKILL).
DRAIN_SECONDS = 5.0
# Rows read per query, and the pause after the database or the Bot API failed (product
# decisions; the pause doubles up to MAX_PAUSE while the failure lasts).
BATCH = 50
PAUSE = 0.5
MAX_PAUSE = 30.0
# Seconds between looks at an empty inbox when nothing woke the worker (product decision: with
# several processes on one database, an update another process stored and then died before
# handling waits at most this long; one indexed query on an empty table per look).
RECHECK_SECONDS = 5.0
# Seconds a long poll may take beyond its own `timeout` before it counts as timed out (product
# decision; python-telegram-bot adds its default read timeout of 5 s the same way).
READ_MARGIN = 5.0
_KEY = "inbox"


@dataclass
class _Handling:
    """The update this task is handling now, for the error handler (`retry_later`). A
    ContextVar: each sender's rows run in their own task, so each sees its own."""

    update_id: int
    final: bool
    active: bool = True
    failed: bool = False
    retry: bool = False
    removed: bool = False  # the turn's own transaction deleted the row (`remove_in_turn`)


_HANDLING: ContextVar[_Handling | None] = ContextVar("inbox_handling", default=None)


async def retry_later(context: Any, update: object) -> bool:
    """For the error handler: True when the update whose handling just raised will be handled
    again (attempts are left and its work was not committed), so the user need not be told
    yet. False for updates not from the inbox, the last attempt, and errors after the commit
    (handling it again would do nothing)."""
    handling = _HANDLING.get()
    if (
        handling is None
        or not handling.active
        or not isinstance(update, Update)
        or update.update_id != handling.update_id
    ):
        return False
    handling.failed = True
    if handling.final:
        return False
    try:
        async with services(context).db.session() as session:
            committed = await store.was_processed(session, handling.update_id)
    except Exception:  # the database may be what failed; then nothing was committed either
        committed = False
    handling.retry = not committed
    return handling.retry


async def remove_in_turn(session: Session, update_id: int) -> bool:
    """For the turn (`bot.handlers.common.open_turn`): when `update_id` is the update this task
    is handling from the inbox, delete its row in `session`, the turn's own transaction, so the
    work and the row's removal commit together (one transaction less per update). Returns
    whether it did; the turn calls `turn_committed` once that transaction has committed."""
    handling = _HANDLING.get()
    if handling is None or not handling.active or handling.update_id != update_id:
        return False
    await store.remove(session, update_id)
    return True


def turn_committed(update_id: int) -> None:
    """The turn that ran `remove_in_turn` for `update_id` committed: the worker need not
    remove the row again."""
    handling = _HANDLING.get()
    if handling is not None and handling.update_id == update_id:
        handling.removed = True


def inbox_of(application: Application) -> Inbox:
    """The application's inbox (created by `Inbox.attach`); KeyError before that."""
    result: Inbox = application.bot_data[_KEY]
    return result


class Inbox:
    """Receives updates durably and hands them to the application: each sender's one at a
    time and in order, different senders' at the same time."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._idle = asyncio.Event()
        self._generation = 0
        self._drain_until: float | None = None
        self._worker: asyncio.Task[None] | None = None
        self._poller: asyncio.Task[None] | None = None

    @classmethod
    def attach(cls, application: Application) -> Inbox:
        """A new inbox for `application`, found again with `inbox_of`."""
        inbox = cls(application)
        application.bot_data[_KEY] = inbox
        return inbox

    @staticmethod
    def detach(application: Application) -> Inbox | None:
        """Forget `application`'s inbox (to stop it); None when it has none."""
        inbox: Inbox | None = application.bot_data.pop(_KEY, None)
        return inbox

    # ------------------------------------------------------------------ receiving
    async def receive(self, updates: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Commit `(update_id, payload)` pairs to the inbox, then wake the worker. When this
        returns, the updates are durable and may be confirmed to Telegram; database errors
        propagate (then they must not be confirmed)."""
        pairs = list(updates)
        svc = services(self.application)
        async with svc.db.session() as session:
            await store.add(session, pairs, svc.clock())
        self.wake()

    def wake(self) -> None:
        """New rows may be waiting: the worker looks again (and `join` waits for it)."""
        self._generation += 1
        self._idle.clear()
        self._wake.set()

    async def join(self) -> None:
        """Wait until the worker found the inbox empty after the last `wake` (tests use this
        to know every received update was handled; see `BotApiEmulator.attach`)."""
        await self._idle.wait()

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        """Start the worker (it handles what a crash left behind first)."""
        self._stop.clear()
        self._drain_until = None
        self._worker = asyncio.create_task(self._work(), name="inbox-worker")

    async def start_polling(self, *, timeout: int, poll_interval: float = 0.0) -> None:
        """Delete any webhook, then long-poll getUpdates (`timeout` seconds per poll,
        `poll_interval` seconds between polls), confirming an offset only once the updates
        before it are committed to the inbox."""
        await self.application.bot.delete_webhook(drop_pending_updates=False)
        self._poller = asyncio.create_task(self._poll(timeout, poll_interval), name="inbox-poller")

    async def stop(self) -> None:
        """Stop fetching, confirm what was fetched, and let the worker finish the updates in
        hand and the stored ones (for at most `DRAIN_SECONDS`)."""
        loop = asyncio.get_running_loop()
        self._drain_until = loop.time() + DRAIN_SECONDS
        self._stop.set()
        self._wake.set()
        for task in (self._poller, self._worker):
            if task is not None:
                try:
                    await asyncio.wait_for(asyncio.shield(task), DRAIN_SECONDS + 5)
                except TimeoutError:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
                except Exception:
                    log.exception("inbox task failed")
        self._poller = self._worker = None

    # ------------------------------------------------------------------ polling
    async def _poll(self, timeout: int, poll_interval: float) -> None:
        bot = self.application.bot
        offset: int | None = None
        pause = PAUSE
        stopping = asyncio.ensure_future(self._stop.wait())
        try:
            while not self._stop.is_set():
                fetch = asyncio.ensure_future(_fetch(bot, offset, timeout))
                await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if not fetch.done():
                    # Stopping: whatever this poll would bring stays unconfirmed at Telegram.
                    fetch.cancel()
                    with contextlib.suppress(asyncio.CancelledError, TelegramError):
                        await fetch
                    break
                try:
                    updates = fetch.result()
                    if updates:
                        await self.receive((int(u["update_id"]), u) for u in updates)
                        offset = int(updates[-1]["update_id"]) + 1  # committed: may be confirmed
                    pause = PAUSE
                except TimedOut:
                    continue
                except RetryAfter as error:
                    await self._sleep(_seconds(error.retry_after))
                    continue
                except TelegramError as error:  # Conflict, InvalidToken, NetworkError, …
                    log.warning("getUpdates failed (%s); retrying", type(error).__name__)
                    await self._sleep(pause)
                    pause = min(pause * 2, MAX_PAUSE)
                    continue
                except Exception as error:  # the database: nothing is confirmed
                    log.error("could not store updates (%s); retrying", type(error).__name__)
                    await self._sleep(pause)
                    pause = min(pause * 2, MAX_PAUSE)
                    continue
                if poll_interval:
                    await self._sleep(poll_interval)
        finally:
            stopping.cancel()
        if offset is not None:
            # Confirm the last stored batch, as python-telegram-bot does when it stops.
            with contextlib.suppress(TelegramError):
                await bot.get_updates(offset=offset, timeout=0, limit=1)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake at once for a stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    # ------------------------------------------------------------------ handling
    def _out_of_time(self) -> bool:
        return self._drain_until is not None and (
            asyncio.get_running_loop().time() >= self._drain_until
        )

    async def _work(self) -> None:
        svc = services(self.application)
        pause = PAUSE
        while not self._out_of_time():
            generation = self._generation
            self._wake.clear()
            try:
                async with svc.db.session() as session:
                    batch = await store.oldest(session, BATCH)
                pause = PAUSE
            except Exception as error:
                log.error("cannot read the inbox (%s); retrying", type(error).__name__)
                if self._stop.is_set():
                    break
                await self._sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
                continue
            if not batch:
                if self._stop.is_set():
                    break
                if generation == self._generation:
                    self._idle.set()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), RECHECK_SECONDS)
                continue
            await self._handle_batch(batch)

    async def _handle_batch(self, batch: Sequence[store.Waiting]) -> None:
        """Handle a batch: each sender's rows in order, in a task of their own, at most
        MAX_CONCURRENT_USERS at once; returns when every sender's rows are done or stopped."""
        slots = asyncio.Semaphore(MAX_CONCURRENT_USERS)
        await asyncio.gather(*(self._handle_in_order(rows, slots) for rows in _by_sender(batch)))

    async def _handle_in_order(
        self, rows: Sequence[store.Waiting], slots: asyncio.Semaphore
    ) -> None:
        """One sender's rows, strictly one after another. Stops at the first that must be
        read again (a retry is due, or the database failed): the rows behind it must not
        overtake it, so they wait for the next batch with it."""
        async with slots:
            for waiting in rows:
                if self._out_of_time():
                    return
                try:
                    if not await self._handle(waiting):
                        return
                except Exception as error:  # `_handle` catches what it expects; not this
                    log.error(
                        "update %s: the inbox failed (%s); retrying",
                        waiting.update_id,
                        type(error).__name__,
                    )
                    await self._sleep(PAUSE)
                    return

    async def _handle(self, waiting: store.Waiting) -> bool:
        """Handle one stored update; False when the batch must be read again (a retry is
        due, or the database failed)."""
        svc = services(self.application)
        update_id = waiting.update_id
        try:
            async with svc.db.session() as session:
                attempt = await store.begin_attempt(session, update_id)
            if attempt is None:
                return True  # handled and removed by another process
            if attempt > 1:  # the last attempt raised, or its process died in the middle
                log.warning("update %s: attempt %s of %s", update_id, attempt, MAX_ATTEMPTS)
            if attempt > MAX_ATTEMPTS:
                log.error("update %s dropped after %s attempts", update_id, MAX_ATTEMPTS)
                await self._remove(update_id)
                return True
        except Exception as error:
            log.error("cannot update the inbox (%s); retrying", type(error).__name__)
            await self._sleep(PAUSE)
            return False
        handling = _Handling(update_id, final=attempt >= MAX_ATTEMPTS)
        token = _HANDLING.set(handling)
        try:
            update = Update.de_json(waiting.payload, self.application.bot)
            await self.application.process_update(update)
        except Exception as error:  # outside the handlers (they report to the error handler)
            log.error(
                "update %s: handling raised %s (attempt %s of %s)",
                update_id,
                type(error).__name__,
                attempt,
                MAX_ATTEMPTS,
            )
            handling.failed, handling.retry = True, not handling.final
        finally:
            handling.active = False
            _HANDLING.reset(token)
        if handling.retry:
            await self._sleep(RETRY_PAUSE * attempt)
            return False
        if handling.failed and handling.final:
            log.error("update %s dropped after %s attempts", update_id, attempt)
        if handling.removed and not handling.failed:
            return True  # removed with the turn's work
        return await self._remove(update_id)

    async def _remove(self, update_id: int) -> bool:
        try:
            async with services(self.application).db.session() as session:
                await store.remove(session, update_id)
        except Exception as error:  # handled again later: `processed_updates` makes it a no-op
            log.error(
                "cannot remove update %s from the inbox (%s)", update_id, type(error).__name__
            )
            await self._sleep(PAUSE)
            return False
        return True


async def _fetch(bot: Any, offset: int | None, timeout: int) -> list[dict[str, Any]]:
    """One long poll (`getUpdates`), as the raw JSON updates Telegram sent.

    Raw on purpose: python-telegram-bot's `get_updates` parses the whole batch at once, so one
    update it cannot parse (a Bot API field newer than the library) would raise on every poll
    and stop the bot for good. Stored raw, such an update fails alone when it is handled and
    is dropped after MAX_ATTEMPTS. Raises what the Bot API call raises (TelegramError …).
    """
    kwargs: dict[str, Any] = {"timeout": timeout, "allowed_updates": list(ALLOWED_UPDATES)}
    if offset is not None:
        kwargs["offset"] = offset
    with warnings.catch_warnings():
        # do_api_request suggests `Bot.get_updates` for a known endpoint: see above for why not.
        warnings.simplefilter("ignore", PTBUserWarning)
        result = await bot.do_api_request(
            "getUpdates", api_kwargs=kwargs, read_timeout=timeout + READ_MARGIN
        )
    return [update for update in result or () if isinstance(update, dict)]


def _sender(waiting: store.Waiting) -> tuple[str, int]:
    """Whose conversation this update belongs to, read from the stored JSON (it is parsed into
    an `Update` once, when handled): the chat's id (a private chat's id is its person's id; a
    group is one conversation, whose messages are answered in order, whoever wrote them), else
    the sender's id (`from.id`), else the update's own id: an update from nobody waits for no
    one, and no one for it."""
    for kind in ALLOWED_UPDATES:
        body = waiting.payload.get(kind)
        if not isinstance(body, dict):
            continue
        message = body.get("message")  # a callback query's chat is its message's
        chat = body.get("chat", message.get("chat") if isinstance(message, dict) else None)
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return ("chat", chat["id"])
        sender = body.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return ("sender", sender["id"])
    return ("update", waiting.update_id)


def _by_sender(batch: Sequence[store.Waiting]) -> list[list[store.Waiting]]:
    """The batch's rows by sender (`_sender`), each sender's in the batch's (`update_id`)
    order; the senders in the order of their first row, so what a crash left comes first."""
    groups: dict[tuple[str, int], list[store.Waiting]] = {}
    for waiting in batch:
        groups.setdefault(_sender(waiting), []).append(waiting)
    return list(groups.values())


def _seconds(value: Any) -> float:
    """`RetryAfter.retry_after` as seconds (an int, or a timedelta in newer releases)."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)
