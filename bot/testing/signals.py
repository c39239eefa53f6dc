"""Wake-all notifications the emulator's waiters (long polls, ``User.replies``) sleep on."""

from __future__ import annotations

import asyncio


class Signal:
    """Wake-all notification without locks: each ``fire`` releases everyone waiting now."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float | None) -> bool:
        """True if fired within ``timeout`` seconds (None = forever)."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True
