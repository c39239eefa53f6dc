"""The update queue: updates waiting for the bot, long polling (getUpdates) and settling.

Why: Telegram keeps an update until the bot confirms it with a higher ``offset``, ends an
older long poll with 409 when a newer one starts, and refuses getUpdates while a webhook is
set. Tests also need to know when an in-process bot has handled everything (``settled``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from bot.testing.errors import ApiError
from bot.testing.signals import Signal

MAX_POLL_TIMEOUT = 50.0
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


class Drainable(Protocol):
    """What ``UpdateQueue.attach`` follows: PTB's ``Application.update_queue`` (an
    ``asyncio.Queue``) or the bot's durable inbox (``bot.inbox.Inbox``); ``join`` returns once
    everything handed to it was handled."""

    async def join(self) -> None: ...


@dataclass
class Pending:
    """One queued update; ``delivered`` lets a redelivered id survive an older offset."""

    update: dict[str, Any]
    delivered: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class UpdateQueue:
    """Updates for one bot, in order, until confirmed (polling) or pushed (webhook)."""

    def __init__(self) -> None:
        self.signal = Signal()
        self.closing = False
        self.webhook_active = False
        self.pending: list[Pending] = []
        self._history: dict[int, dict[str, Any]] = {}
        self._consumers: list[Drainable] = []
        self._next_update_id = 1
        self._poll_generation = 0

    def continue_after(self, update_id: int) -> None:
        """Number the next new update above `update_id`, as Telegram does for a bot that ran
        before (its ids only ever grow)."""
        self._next_update_id = max(self._next_update_id, update_id + 1)

    def enqueue(self, payload: dict[str, Any]) -> int:
        """Queue ``{kind: object}`` as a new update and return its update_id."""
        update = {"update_id": self._next_update_id, **payload}
        self._next_update_id += 1
        return self._queue(update)

    def redeliver(self, update_id: int) -> int:
        """Queue the very same update again, as Telegram does after a missed confirmation."""
        if update_id not in self._history:
            raise KeyError(f"no update {update_id} was ever sent")
        return self._queue(json.loads(json.dumps(self._history[update_id])))

    def _queue(self, update: dict[str, Any]) -> int:
        self._history[int(update["update_id"])] = update
        self.pending.append(Pending(json.loads(json.dumps(update))))
        self.signal.fire()
        return int(update["update_id"])

    @property
    def pending_update_count(self) -> int:
        return len(self.pending)

    def confirm(self, offset: int) -> None:
        if offset < 0:
            self.pending = self.pending[offset:]
            return
        self.pending = [p for p in self.pending if not (p.delivered and p.update_id < offset)]

    def drop_pending(self) -> None:
        self.pending.clear()

    async def take_updates(self, limit: int, timeout: float) -> list[dict[str, Any]]:
        """Long poll; a newer getUpdates ends an older one with 409, as on Telegram."""
        self._poll_generation += 1
        generation = self._poll_generation
        self.signal.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(max(timeout, 0.0), MAX_POLL_TIMEOUT)
        while not self.pending and not self.closing and not self.webhook_active:
            remaining = deadline - loop.time()
            if remaining <= 0 or not await self.signal.wait(remaining):
                break
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
        if self.webhook_active:
            raise ApiError(409, WEBHOOK_ACTIVE)
        batch = self.pending[:limit]
        for item in batch:
            item.delivered = True
        return [item.update for item in batch]

    # ------------------------------------------------------------------ settling
    def attach(self, update_queue: Drainable) -> None:
        """Follow an in-process bot's update queue (or its inbox, which confirms an update
        only once it is stored), so tests can wait until it has handled every update instead
        of guessing from how long the bot has been silent."""
        self._consumers.append(update_queue)

    def detach(self, update_queue: Drainable) -> None:
        with contextlib.suppress(ValueError):
            self._consumers.remove(update_queue)

    async def settled(self, timeout: float) -> bool:
        """Wait until every queued update was confirmed by an attached bot and its handlers
        have finished; False at once without an attached bot, or after ``timeout``."""
        if not self._consumers:
            return False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.pending:
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.005)
        try:
            for queue in list(self._consumers):
                await asyncio.wait_for(queue.join(), max(deadline - loop.time(), 0.0))
        except TimeoutError:
            return False
        return True
