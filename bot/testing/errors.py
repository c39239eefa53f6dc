"""The Bot API's error answer: an HTTP status plus Telegram's own description."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer of the Bot API (status + Telegram's description)."""

    def __init__(
        self,
        status: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        *,
        html: str | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters
        # A proxy's HTML page answered instead of Telegram's JSON (a 502 from a load balancer).
        self.html = html

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body
