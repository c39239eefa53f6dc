"""The Bot API's message methods (send, edit, delete, callback answers, files) on the world.

Why: these are the calls that change what a person sees, so they copy Telegram's rules:
"message is not modified", an edit without ``reply_markup`` drops the inline keyboard,
``callback_data`` over 64 bytes, blocked users (403), unknown chats and messages.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any

from bot.testing.errors import ApiError
from bot.testing.formatting import CAPTION_LIMIT, TEXT_LIMIT, checked_text
from bot.testing.params import UploadedFile, int_param
from bot.testing.state import World, keyboard_labels

MessageMethod = Callable[[World, dict[str, Any]], Awaitable[Any]]

_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _target_chat(world: World, p: dict[str, Any]) -> int:
    if p.get("inline_message_id"):
        raise ApiError(400, "Bad Request: inline messages are not supported by the emulator")
    try:
        chat_id = int_param(p, "chat_id")
    except ApiError:
        raise ApiError(400, "Bad Request: chat not found") from None
    if chat_id not in world.chats:
        raise ApiError(400, "Bad Request: chat not found")
    if chat_id in world.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat_id


def _markup(p: dict[str, Any]) -> dict[str, Any] | None:
    markup = p.get("reply_markup")
    if markup is None:
        return None
    if isinstance(markup, str):
        try:
            markup = json.loads(markup)
        except ValueError:
            markup = None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not any(key in button for key in _BUTTON_ACTIONS):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup and markup.get("inline_keyboard"):
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


def _post(
    world: World,
    chat_id: int,
    p: dict[str, Any],
    content: dict[str, Any],
    markup: dict[str, Any] | None,
    raw_text: str | None,
) -> dict[str, Any]:
    state = world.chat(chat_id)
    reply_params = p.get("reply_parameters") or {}
    reply_id = reply_params.get("message_id") if isinstance(reply_params, dict) else None
    reply_id = reply_id or p.get("reply_to_message_id")
    if reply_id:
        original = state.messages.get(int(reply_id))
        if original is not None:
            content["reply_to_message"] = {
                k: v for k, v in original.items() if k != "reply_to_message"
            }
        elif not reply_params.get("allow_sending_without_reply"):
            raise ApiError(400, "Bad Request: message to be replied not found")
    inline = _inline(markup)
    if inline:
        content["reply_markup"] = inline
    msg = world.new_message(chat_id, world.bot_user, **content)
    if markup and "keyboard" in markup:
        state.reply_keyboard = keyboard_labels(markup)
    elif markup and markup.get("remove_keyboard"):
        state.reply_keyboard = None
    world.emit(
        chat_id, msg, "message", markup=markup, raw_text=raw_text, parse_mode=p.get("parse_mode")
    )
    return msg


def _file_param(world: World, p: dict[str, Any], key: str) -> tuple[str, str, bytes]:
    value = p.get(key)
    if isinstance(value, UploadedFile):
        name = value.filename or key
        return world.store_file(name, value.data), name, value.data
    if isinstance(value, str) and value in world.files:
        name, data = world.files[value]
        return value, name, data
    if isinstance(value, str) and value:
        name = value.rsplit("/", 1)[-1] or key
        return world.store_file(name, b""), name, b""
    raise ApiError(400, f"Bad Request: there is no {key} in the request")


def _image_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 1, 1


async def _send_message(world: World, p: dict[str, Any]) -> Any:
    chat_id = _target_chat(world, p)
    raw, visible = checked_text(p, "text", TEXT_LIMIT, required=True)
    return _post(world, chat_id, p, {"text": visible}, _markup(p), raw)


def _send_file(
    world: World,
    p: dict[str, Any],
    key: str,
    describe: Callable[[str, str, bytes], Any],
) -> Any:
    """sendPhoto/sendDocument: the file under ``key``, described as Telegram shows it by
    ``describe(file_id, name, data)``, with an optional caption."""
    chat_id = _target_chat(world, p)
    raw, caption = checked_text(p, "caption", CAPTION_LIMIT, required=False)
    markup = _markup(p)
    file_id, name, data = _file_param(world, p, key)
    content: dict[str, Any] = {key: describe(file_id, name, data)}
    if caption:
        content["caption"] = caption
    return _post(world, chat_id, p, content, markup, raw)


def _photo_sizes(file_id: str, name: str, data: bytes) -> list[dict[str, Any]]:
    width, height = _image_size(data)
    return [
        {
            "file_id": file_id,
            "file_unique_id": "U" + file_id,
            "width": width,
            "height": height,
            "file_size": len(data),
        }
    ]


def _document(file_id: str, name: str, data: bytes) -> dict[str, Any]:
    return {
        "file_id": file_id,
        "file_unique_id": "U" + file_id,
        "file_name": name,
        "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream",
        "file_size": len(data),
    }


async def _send_photo(world: World, p: dict[str, Any]) -> Any:
    return _send_file(world, p, "photo", _photo_sizes)


async def _send_document(world: World, p: dict[str, Any]) -> Any:
    return _send_file(world, p, "document", _document)


def _bot_message(world: World, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    chat_id = _target_chat(world, p)
    msg = world.chat(chat_id).messages.get(int_param(p, "message_id"))
    if msg is None:
        raise ApiError(400, "Bad Request: message to edit not found")
    if msg["from"]["id"] != world.bot_user["id"]:
        raise ApiError(400, "Bad Request: message can't be edited")
    return chat_id, msg


def _apply_edit(
    world: World,
    chat_id: int,
    msg: dict[str, Any],
    p: dict[str, Any],
    changes: dict[str, Any],
    raw_text: str | None,
) -> Any:
    """Telegram semantics: an edit without reply_markup removes the inline keyboard, and an
    edit that changes nothing is an error."""
    markup = _markup(p)
    inline = _inline(markup)
    if all(msg.get(k) == v for k, v in changes.items()) and msg.get("reply_markup") == inline:
        raise ApiError(
            400,
            "Bad Request: message is not modified: specified new message content "
            "and reply markup are exactly the same as a current content and reply "
            "markup of the message",
        )
    msg.update(changes)
    if inline:
        msg["reply_markup"] = inline
    else:
        msg.pop("reply_markup", None)
    msg["edit_date"] = int(world.clock())
    world.emit(
        chat_id, msg, "edit", markup=markup, raw_text=raw_text, parse_mode=p.get("parse_mode")
    )
    return msg


async def _edit_message_text(world: World, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(world, p)
    if "text" not in msg:
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    raw, visible = checked_text(p, "text", TEXT_LIMIT, required=True)
    return _apply_edit(world, chat_id, msg, p, {"text": visible}, raw)


async def _edit_message_caption(world: World, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(world, p)
    if "text" in msg:
        raise ApiError(400, "Bad Request: there is no caption in the message to edit")
    raw, caption = checked_text(p, "caption", CAPTION_LIMIT, required=False)
    return _apply_edit(world, chat_id, msg, p, {"caption": caption}, raw)


async def _edit_message_reply_markup(world: World, p: dict[str, Any]) -> Any:
    chat_id, msg = _bot_message(world, p)
    return _apply_edit(world, chat_id, msg, p, {}, None)


async def _delete_message(world: World, p: dict[str, Any]) -> Any:
    chat_id = _target_chat(world, p)
    msg = world.chat(chat_id).messages.pop(int_param(p, "message_id"), None)
    if msg is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    world.emit(chat_id, msg, "delete")
    return True


async def _answer_callback_query(world: World, p: dict[str, Any]) -> Any:
    user_id = world.open_callback_queries.pop(str(p.get("callback_query_id")), None)
    if user_id is None:
        raise ApiError(
            400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    if p.get("text"):
        world.answers.setdefault(user_id, []).append(str(p["text"]))
    return True


async def _send_chat_action(world: World, p: dict[str, Any]) -> Any:
    _target_chat(world, p)
    return True


async def _get_file(world: World, p: dict[str, Any]) -> Any:
    file_id = str(p.get("file_id"))
    if file_id not in world.files:
        raise ApiError(400, "Bad Request: invalid file_id")
    return {
        "file_id": file_id,
        "file_unique_id": "U" + file_id,
        "file_size": len(world.files[file_id][1]),
        "file_path": f"files/{file_id}",
    }


MESSAGE_METHODS: dict[str, MessageMethod] = {
    "sendmessage": _send_message,
    "sendphoto": _send_photo,
    "senddocument": _send_document,
    "editmessagetext": _edit_message_text,
    "editmessagecaption": _edit_message_caption,
    "editmessagereplymarkup": _edit_message_reply_markup,
    "deletemessage": _delete_message,
    "answercallbackquery": _answer_callback_query,
    "sendchataction": _send_chat_action,
    "getfile": _get_file,
}
