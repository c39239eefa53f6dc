"""Bot API request parameters: reading them from HTTP requests as PTB and others send them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.testing.errors import ApiError

_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "language_code",
        "ip_address",
        "inline_message_id",
        "description",
        "short_description",
        "name",
        "photo",
        "document",
        "file_id",
        "emoji",
        "business_connection_id",
        "message_effect_id",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (what PTB sends for InputFile)."""

    filename: str | None
    data: bytes
    content_type: str


def decode_param(key: str, value: str) -> Any:
    """PTB JSON-encodes every non-string value; strings stay raw, so only decode the others."""
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_params(request: web.Request) -> dict[str, Any]:
    """Parameters as PTB sends them: form fields with JSON-encoded values, files in multipart,
    or (other clients) a JSON body or query string."""
    params: dict[str, Any] = {k: decode_param(k, v) for k, v in request.query.items()}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    params[key] = UploadedFile(
                        value.filename, value.file.read(), value.content_type
                    )
                else:
                    params[key] = decode_param(key, str(value))
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value[len("attach://") :], value)
    return params


def int_param(p: dict[str, Any], key: str, default: int | None = None) -> int:
    """An integer parameter, refused as Telegram refuses a missing or malformed one."""
    value = p.get(key, default)
    if value is None:
        raise ApiError(400, f"Bad Request: {key} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {key}") from None
