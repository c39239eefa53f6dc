"""Fault injection: make the next calls of a Bot API method fail (429, 5xx, any status).

Why: the bot must survive Telegram's rate limits and outages; tests schedule them with
``BotApiEmulator.fail`` and the HTTP front answers the injected error instead of the method.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bot.testing.errors import ApiError

_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
}


@dataclass
class _Failure:
    status: int
    times: int
    retry_after: int | None
    description: str | None
    html: str | None = None


class Faults:
    """Scheduled failures per Bot API method (method names compared case-insensitively), in the
    order they were scheduled: a second ``fail`` for a method queues behind the first instead of
    replacing it, so faults injected by concurrent test steps are all served."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[_Failure]] = {}

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
        html: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (after the failures already queued for it)
        answer with this HTTP error (``html``: this page instead of Telegram's JSON, as a proxy
        in front of the Bot API answers)."""
        failure = _Failure(status, times, retry_after, description, html)
        self._failures.setdefault(method.lower(), deque()).append(failure)

    def take(self, method: str) -> ApiError | None:
        """The error to answer this call of ``method`` with, if one is scheduled (uses it up)."""
        queue = self._failures.get(method.lower())
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.popleft()
        status = failure.status
        parameters = None
        if status == 429:
            retry = failure.retry_after if failure.retry_after is not None else 1
            default = f"Too Many Requests: retry after {retry}"
            parameters = {"retry_after": retry}
        elif status >= 500:
            default = "Internal Server Error"
        else:
            default = _STATUS_TEXT.get(status, "Error")
        return ApiError(status, failure.description or default, parameters, html=failure.html)
