"""Telegram's formatting checks: HTML and MarkdownV2 parse modes, visible text and its length.

Why: the bot's texts must survive Telegram's parser; HTML that does not parse, reserved
MarkdownV2 characters or texts over the limit are refused with Telegram's own error.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from bot.testing.errors import ApiError

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_MDV2_RESERVED = "#+-={}.!"


class _HtmlText(HTMLParser):
    """Checks Telegram's HTML subset and collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
            )
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def render_text(text: str, parse_mode: str | None) -> str:
    """The text a person sees; raises ApiError where Telegram would refuse to parse it."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        stray = re.search(r"<(?!/?[A-Za-z])", text)
        if stray:
            raise ApiError(
                400,
                "Bad Request: can't parse entities: Unsupported start tag at byte offset "
                f"{len(text[: stray.start()].encode())}",
            )
        parser = _HtmlText()
        parser.feed(text)
        parser.close()
        if parser.stack:
            raise ApiError(
                400,
                "Bad Request: can't parse entities: Can't find end tag corresponding to start "
                f'tag "{parser.stack[-1]}"',
            )
        return "".join(parser.parts)
    if mode == "markdownv2":
        out: list[str] = []
        escaped = False
        for char in text:
            if escaped:
                out.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _MDV2_RESERVED:
                raise ApiError(
                    400,
                    f"Bad Request: can't parse entities: Character '{char}' is reserved and "
                    "must be escaped with the preceding '\\'",
                )
            elif char not in "*_~|`":
                out.append(char)
        return "".join(out)
    return text


def checked_text(
    p: dict[str, Any], key: str, limit: int, *, required: bool
) -> tuple[str | None, str]:
    """``(raw, visible)`` of the text or caption under ``key``, checked as Telegram does:
    it must parse in ``parse_mode``, be non-empty if ``required`` and fit ``limit``."""
    raw = p.get(key)
    if raw is None:
        if required:
            raise ApiError(400, "Bad Request: message text is empty")
        return None, ""
    visible = render_text(str(raw), p.get("parse_mode"))
    if required and not visible.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(visible.encode("utf-16-le")) // 2 > limit:  # Telegram counts UTF-16 code units
        what = "message is too long" if key == "text" else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return str(raw), visible
