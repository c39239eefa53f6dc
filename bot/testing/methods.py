"""The Bot API method table: which method name runs which implementation.

Bot-level methods live here (getMe, getUpdates, webhooks, commands, bot settings); the
message methods come from ``messages.py``. Every method takes the ``Backend`` and the
request parameters and returns the ``result`` (or raises ``ApiError``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.testing.errors import ApiError
from bot.testing.messages import MESSAGE_METHODS, MessageMethod
from bot.testing.params import int_param
from bot.testing.state import World
from bot.testing.updates import WEBHOOK_ACTIVE
from bot.testing.webhook import Webhook


@dataclass(frozen=True)
class Backend:
    """What the Bot API methods act on: the in-memory world and webhook delivery."""

    world: World
    webhook: Webhook


Handler = Callable[[Backend, dict[str, Any]], Awaitable[Any]]


async def _get_me(api: Backend, p: dict[str, Any]) -> Any:
    return {
        **api.world.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def _get_updates(api: Backend, p: dict[str, Any]) -> Any:
    updates = api.world.updates
    if api.webhook.info is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)
    if p.get("offset") is not None:
        updates.confirm(int_param(p, "offset"))
    limit = min(max(int_param(p, "limit", 100), 1), 100)
    timeout = float(p.get("timeout") or 0)
    return await updates.take_updates(limit, timeout)


async def _set_webhook(api: Backend, p: dict[str, Any]) -> Any:
    url = str(p.get("url") or "")
    secret = p.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise ApiError(400, "Bad Request: secret token contains unallowed characters")
    if p.get("drop_pending_updates"):
        api.world.updates.drop_pending()
    if not url:
        await api.webhook.set(None)
        return True
    if not url.startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    info: dict[str, Any] = {
        "url": url,
        "secret_token": secret,
        "max_connections": p.get("max_connections", 40),
    }
    if p.get("allowed_updates") is not None:
        info["allowed_updates"] = p["allowed_updates"]
    await api.webhook.set(info)
    return True


async def _delete_webhook(api: Backend, p: dict[str, Any]) -> Any:
    if p.get("drop_pending_updates"):
        api.world.updates.drop_pending()
    await api.webhook.set(None)
    return True


async def _get_webhook_info(api: Backend, p: dict[str, Any]) -> Any:
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": api.world.updates.pending_update_count,
    }
    if api.webhook.info is not None:
        info.update({k: v for k, v in api.webhook.info.items() if k != "secret_token"})
    return info


def _scope_lang(p: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    scope = p.get("scope")
    return (scope if isinstance(scope, dict) else None), str(p.get("language_code") or "")


async def _set_my_commands(api: Backend, p: dict[str, Any]) -> Any:
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise ApiError(400, "Bad Request: can't parse commands JSON object")
    cleaned = []
    for item in commands:
        command = str(item.get("command", "")).lstrip("/")
        description = str(item.get("description", ""))
        if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise ApiError(400, "Bad Request: command description must be 1-256 characters")
        cleaned.append({"command": command, "description": description})
    api.world.set_commands(*_scope_lang(p), cleaned)
    return True


async def _get_my_commands(api: Backend, p: dict[str, Any]) -> Any:
    return api.world.get_commands(*_scope_lang(p))


async def _delete_my_commands(api: Backend, p: dict[str, Any]) -> Any:
    api.world.set_commands(*_scope_lang(p), [])
    return True


def _store_setting(name: str) -> Handler:
    async def handler(api: Backend, p: dict[str, Any]) -> Any:
        api.world.bot_settings[name] = p
        return True

    return handler


async def _ok(api: Backend, p: dict[str, Any]) -> Any:
    return True


def _on_world(method: MessageMethod) -> Handler:
    """A message method (which needs only the world) as a ``Handler``."""

    async def handler(api: Backend, p: dict[str, Any]) -> Any:
        return await method(api.world, p)

    return handler


HANDLERS: dict[str, Handler] = {
    "getme": _get_me,
    "getupdates": _get_updates,
    "setwebhook": _set_webhook,
    "deletewebhook": _delete_webhook,
    "getwebhookinfo": _get_webhook_info,
    "setmycommands": _set_my_commands,
    "getmycommands": _get_my_commands,
    "deletemycommands": _delete_my_commands,
    **{name: _on_world(method) for name, method in MESSAGE_METHODS.items()},
    "setmydescription": _store_setting("description"),
    "setmyshortdescription": _store_setting("short_description"),
    "setmyname": _store_setting("name"),
    "setchatmenubutton": _store_setting("menu_button"),
    "close": _ok,
    "logout": _ok,
}
