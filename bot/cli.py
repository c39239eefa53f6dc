"""`python -m bot [run|migrate|health|chat|screen|myths match]`: every way to start Rückenwind.

Failures an operator can fix (bad settings, wrong token, unreachable API, broken database) end
with one line on stderr and exit code 1 or 2: no traceback, never the token.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, StartupError, load_settings
from bot.logging_setup import CHAT_LOG_FILE, configure_logging, redact
from dialogs.common import build_cache


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Rückenwind Telegram coach")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser(
        "run", help="start the bot (long polling, or webhook if WEBHOOK_URL is set)"
    )
    commands.add_parser("migrate", help="create or upgrade the database schema and exit")
    commands.add_parser(
        "health",
        help="check the database, the Bot API, reminder lag, inbox and outbox (exit 0 = healthy)",
    )
    chat = commands.add_parser("chat", help="chat with the bot in this terminal (no token needed)")
    chat.add_argument("--lang", choices=("de", "en"), default="de", help="your Telegram language")
    chat.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    chat.add_argument(
        "--log-file",
        type=Path,
        default=CHAT_LOG_FILE,
        help=f"where the bot's log goes during the chat (default: {CHAT_LOG_FILE})",
    )
    screen = commands.add_parser("screen", help="screen a text for red flags")
    screen.add_argument("text")
    screen.add_argument("--lang", choices=("de", "en"), default="de")
    myths = commands.add_parser("myths", help="the myths knowledge base")
    myth_commands = myths.add_subparsers(dest="myths_command", required=True)
    match = myth_commands.add_parser("match", help="which myth a question is about")
    match.add_argument("text")
    match.add_argument("--lang", choices=("de", "en"), default="de")
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"rueckenwind: {redact(message)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (`argv` None: sys.argv) and return the exit code: 0 done, 1 start-up
    failure or unexpected error, 2 configuration error, 130 Ctrl-C. argparse exits with 2 on
    bad arguments (SystemExit)."""
    arguments = _parser().parse_args(argv)
    command = arguments.command or "run"
    try:
        if command in ("screen", "myths"):  # content editors' tools: no token needed
            _use_build_cache()
            if command == "screen":
                return _screen(arguments.text, arguments.lang)
            return _myth_match(arguments.text, arguments.lang)
        settings = load_settings()
        if command == "chat":
            from bot.chat import chat

            return asyncio.run(
                chat(
                    language=arguments.lang,
                    database_url=arguments.database,
                    log_file=arguments.log_file,
                    log_level=settings.log_level,
                )
            )
        configure_logging(settings.log_level, secrets=_secrets(settings))
        if command == "migrate":
            from bot.runner import migrate

            asyncio.run(migrate(settings))
            print("database is up to date")
            return 0
        if command == "health":
            return _health(settings)
        from bot.runner import serve

        settings.token  # noqa: B018 - fail early and clearly when it is missing
        asyncio.run(serve(settings))
        return 0
    except ConfigError as error:
        return _fail(f"configuration error: {error}", 2)
    except KeyboardInterrupt:
        return 130
    except StartupError as error:
        return _fail(str(error))
    except Exception as error:
        import traceback

        print(redact(traceback.format_exc()), file=sys.stderr)
        return _fail(f"unexpected error: {type(error).__name__}")


def _use_build_cache() -> None:
    """The model cache of the settings (`MODEL_CACHE_DIR`); none when the settings cannot be
    read, since these commands need nothing else from them."""
    try:
        build_cache.use_directory(load_settings().model_cache_dir)
    except ConfigError:
        build_cache.use_directory(None)


def _secrets(settings: object) -> tuple[str, ...]:
    token = getattr(settings, "telegram_bot_token", None)
    return (token.get_secret_value(),) if token is not None else ()


def _health(settings: Settings) -> int:
    from bot.health import check_settings

    settings.token  # noqa: B018 - the Bot API check needs it: a clear ConfigError first
    found = asyncio.run(check_settings(settings))
    print(found.report())
    return 0 if found.healthy else 1


def _screen(text: str, language: str) -> int:
    from dialogs.triage import alerts, screening

    print(alerts.describe(screening.screen(text, language)))
    return 0


def _myth_match(text: str, language: str) -> int:
    from dialogs.myths import matcher

    print(matcher.format_match(matcher.match(text, language)))
    return 0
