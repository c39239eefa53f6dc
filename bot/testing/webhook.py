"""Webhook delivery: push queued updates to the bot's webhook URL, as Telegram does.

Why: the bot can run in webhook mode; Telegram then pushes each update (with the secret
token header), retries a few times with back-off and finally drops an update it cannot
deliver, recording the last error in getWebhookInfo.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import aiohttp

from bot.testing.state import World

_WEBHOOK_ATTEMPTS = 3


class Webhook:
    """The webhook set with setWebhook (``info``) and the task pushing updates to it."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._updates = world.updates
        self.info: dict[str, Any] | None = None
        self.errors: list[tuple[int, str]] = []
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def set(self, info: dict[str, Any] | None) -> None:
        """Set (``info``) or delete (None) the webhook; getUpdates is refused while set."""
        await self.stop()
        self.info = info
        self._updates.webhook_active = info is not None
        self._updates.signal.fire()
        if info is not None:
            self._task = asyncio.create_task(self._push_loop())

    async def stop(self) -> None:
        """Stop pushing (the webhook stays set)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def close(self) -> None:
        """Stop pushing and close the HTTP client."""
        await self.stop()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _push_loop(self) -> None:
        """Push queued updates one by one; bounded retries, then the update is dropped."""
        updates = self._updates
        while not updates.closing and self.info is not None:
            if not updates.pending:
                await updates.signal.wait(None)
                continue
            item = updates.pending[0]
            error = await self._push(item.update)
            if updates.pending and updates.pending[0] is item:
                updates.pending.pop(0)
            if error and self.info is not None:
                self.errors.append((item.update_id, error))
                self.info["last_error_date"] = int(self._world.clock())
                self.info["last_error_message"] = error

    async def _push(self, update: dict[str, Any]) -> str | None:
        assert self.info is not None
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Content-Type": "application/json"}
        if self.info.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.info["secret_token"]
        error = "no attempt"
        for attempt in range(_WEBHOOK_ATTEMPTS):
            try:
                async with self._session.post(
                    self.info["url"],
                    data=json.dumps(update).encode(),
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=5),
                ) as resp:
                    if 200 <= resp.status < 300:
                        return None
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {exc!r}"
            await asyncio.sleep(0.05 * 2**attempt)
        return error
