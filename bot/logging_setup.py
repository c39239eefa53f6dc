"""Logging that can never leak the bot token: every formatted line is scrubbed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

# Any Telegram bot token shape, plus the configured token itself (belt and braces). The shape
# is the Bot API's "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"; the minimum lengths are a
# product decision, loose enough to catch a token cut short.
_TOKEN_PATTERN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
# `python -m bot chat` logs to this file (in the working directory unless `--log-file` says
# otherwise), never between the bot's answers in the terminal.
CHAT_LOG_FILE = Path("rueckenwind-chat.log")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with each of `secrets` replaced by "***" and anything shaped like a bot token
    by "<token>"."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _TOKEN_PATTERN.sub("<token>", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes secrets from the message and any traceback."""

    def __init__(self, fmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def configure_logging(
    level: str = "INFO", secrets: tuple[str, ...] = (), log_file: Path | None = None
) -> None:
    """Root logging to stderr (or appended to `log_file`) through the redacting formatter, at
    `level` (a level name, any case; ValueError for an unknown one); chatty libraries log from
    WARNING only."""
    handler: logging.Handler = (
        logging.StreamHandler() if log_file is None else logging.FileHandler(log_file, "a", "utf-8")
    )
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
