"""The command line as an operator meets it: one clear line for every fixable start-up failure,
no traceback, never the token; and the terminal chat a newcomer starts with `make demo`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from bot.testing.server import BotApiEmulator
from tests.e2e.people import child_environment, free_port

pytestmark = pytest.mark.e2e
WRONG_TOKEN = "987654321:WrongTokenWrongTokenWrongTokenXYZ"


async def run_cli(
    tmp_path: Path, *args: str, stdin: bytes = b"", **env: str
) -> tuple[int, str, str]:
    environment = child_environment(
        **{"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", **env}
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env=environment,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def assert_one_clear_line(err: str, *needles: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


async def test_missing_token(tmp_path: Path) -> None:
    code, _, err = await run_cli(tmp_path, "run")
    assert code == 2
    assert_one_clear_line(err, "TELEGRAM_BOT_TOKEN")


async def test_malformed_token_is_not_echoed(tmp_path: Path) -> None:
    code, out, err = await run_cli(tmp_path, "run", TELEGRAM_BOT_TOKEN="secret-value-123")
    assert code == 2
    assert_one_clear_line(err, "TELEGRAM_BOT_TOKEN")
    assert "secret-value-123" not in out + err


async def test_wrong_token(tmp_path: Path, bot_api: BotApiEmulator) -> None:
    code, out, err = await run_cli(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=WRONG_TOKEN, TELEGRAM_API_BASE_URL=bot_api.base_url
    )
    assert code == 1
    assert_one_clear_line(err, "TELEGRAM_BOT_TOKEN", "rejected")
    assert WRONG_TOKEN not in out + err and WRONG_TOKEN.split(":")[1] not in out + err


async def test_unreachable_api(tmp_path: Path) -> None:
    code, out, err = await run_cli(
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN=WRONG_TOKEN,
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{free_port()}/bot",
    )
    assert code == 1
    assert_one_clear_line(err, "cannot reach the Telegram Bot API")
    assert WRONG_TOKEN.split(":")[1] not in out + err


async def test_malformed_database_url(tmp_path: Path) -> None:
    code, _, err = await run_cli(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=WRONG_TOKEN, DATABASE_URL="mysql://root@localhost/x"
    )
    assert code == 2
    assert_one_clear_line(err, "DATABASE_URL")


async def test_unreachable_database(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://postgres:hunter2@127.0.0.1:{free_port()}/nothing"
    code, out, err = await run_cli(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=WRONG_TOKEN, DATABASE_URL=url
    )
    assert code == 1
    assert_one_clear_line(err, "cannot open the database")
    assert "hunter2" not in out + err


async def test_migrate(tmp_path: Path) -> None:
    code, out, _ = await run_cli(tmp_path, "migrate")
    assert code == 0 and "up to date" in out
    assert (tmp_path / "cli.db").exists()


async def test_chat_shows_the_welcome_dialog(tmp_path: Path) -> None:
    code, out, err = await run_cli(tmp_path, "chat", stdin=b"1\n/quit\n")
    assert code == 0, err
    assert "Rückenwind" in out and "kein Arzt" in out
    assert "[1] ✅ Verstanden" in out
    assert "Danke" in out  # pressing button 1 accepted the disclaimer


async def test_a_chat_resumed_on_its_database_answers_every_message(tmp_path: Path) -> None:
    """The emulator counts update ids on from what the database has seen: before, a second
    chat on the same file started at 1 again and its first messages were ignored as
    "delivered again" (silence)."""
    database = f"sqlite+aiosqlite:///{tmp_path / 'kept.db'}"
    code, out, err = await run_cli(
        tmp_path, "chat", "--database", database, stdin=b"1\nabbrechen\nhallo\n/quit\n"
    )
    assert code == 0, err
    assert "Danke" in out and "Hallo" in out
    code, out, err = await run_cli(
        tmp_path, "chat", "--database", database, stdin=b"danke\nmoin\n/quit\n"
    )
    assert code == 0, err
    assert "Gern geschehen" in out and "Hallo!" in out
    log = (tmp_path / "rueckenwind-chat.log").read_text(encoding="utf-8")
    assert "delivered again" not in log


async def test_chat_logs_to_a_file_not_into_the_chat(tmp_path: Path) -> None:
    # DEBUG: every library's chatter too, and none of it may appear between the answers.
    code, out, err = await run_cli(tmp_path, "chat", stdin=b"1\n/quit\n", LOG_LEVEL="DEBUG")
    assert code == 0, err
    assert "rueckenwind-chat.log" in out.splitlines()[0]  # the first line says where
    log = (tmp_path / "rueckenwind-chat.log").read_text(encoding="utf-8")
    assert "INFO bot.chat: chat started" in log and "chat ended" in log
    assert " DEBUG " in log
    assert "chat started" not in out + err
    assert " DEBUG " not in out + err and " INFO " not in out + err
    assert err == ""
    assert "Danke" in out  # the chat itself went on as usual


async def test_chat_log_file_option(tmp_path: Path) -> None:
    code, out, err = await run_cli(
        tmp_path, "chat", "--log-file", "elsewhere.log", stdin=b"/quit\n"
    )
    assert code == 0, err
    assert "elsewhere.log" in out.splitlines()[0]
    assert "chat started" in (tmp_path / "elsewhere.log").read_text(encoding="utf-8")
    assert not (tmp_path / "rueckenwind-chat.log").exists()


async def test_sqlite_file_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    url = f"sqlite+aiosqlite:///{blocker / 'sub' / 'bot.db'}"
    code, _, err = await run_cli(tmp_path, "run", TELEGRAM_BOT_TOKEN=WRONG_TOKEN, DATABASE_URL=url)
    assert code == 1
    assert_one_clear_line(err, "cannot open the database")


async def test_screen_and_myth_match_for_content_editors(tmp_path: Path) -> None:
    code, out, _ = await run_cli(
        tmp_path, "screen", "Seit heute kann ich den Urin nicht mehr halten"
    )
    assert code == 0 and out.split()[0] == "emergency" and len(out.split()) == 2
    code, out, _ = await run_cli(tmp_path, "screen", "no fever, just a stiff back", "--lang", "en")
    assert (code, out.strip()) == (0, "none")
    code, out, _ = await run_cli(tmp_path, "screen", "Ist Taubheit im Po gefährlich?")
    assert (code, out.strip()) == (0, "emergency ask saddle_numbness")
    code, out, _ = await run_cli(tmp_path, "screen", "I want to die", "--lang", "en")
    assert (code, out.strip()) == (0, "crisis crisis")
    code, out, _ = await run_cli(tmp_path, "screen", "meine Frau spürt ihren Po nicht mehr")
    assert (code, out.strip()) == (0, "emergency saddle_numbness other")
    code, out, _ = await run_cli(tmp_path, "myths", "match", "Brauche ich ein MRT?")
    assert code == 0 and out.split()[0] == "imaging" and float(out.split()[1]) > 0
    code, out, _ = await run_cli(tmp_path, "myths", "match", "Wie wird das Wetter?")
    assert (code, out.strip()) == (0, "none")
