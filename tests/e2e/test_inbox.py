"""The durable inbox, graceful shutdown and health, end to end: `python -m bot` processes
killed with SIGKILL or stopped with SIGTERM at a chosen moment, against the emulator and the
real database; plus the in-process bot retrying an update whose handling raised.

The moment is chosen inside the emulator: its sendMessage is wrapped (test-local, with
monkeypatch) so that the signal goes out while the bot waits for Telegram to accept the first
answer – the reply is recorded, the process has handled nothing after it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select

from bot import inbox as inbox_module
from bot.inbox import inbox_of
from bot.storage import inbox as inbox_store
from bot.storage import users
from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, InboxRow, ReminderRow
from bot.testing import methods
from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from tests.e2e.people import (
    accept_disclaimer,
    bot_environment,
    bot_process,
    free_port,
)

# serial: timing under crashes and kills; `make test` runs these alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.serial]
SECRET = "inbox-Secret_1"
# What the bot answers to the first … fifth "erledigt" of a week (German).
DONE_ANSWERS = ("1/3", "2/3", "3/3", "schon 4 Einheiten", "schon 5 Einheiten")


def webhook_settings(port: int) -> dict[str, str]:
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }


async def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def texts(bot_api: BotApiEmulator, person: User) -> list[str]:
    return [message.text for message in bot_api.chat(person.id).outputs]


async def expect_all(bot_api: BotApiEmulator, person: User, *needles: str) -> None:
    """Wait until every needle is in some output to `person`."""
    await wait_until(
        lambda: all(any(n in t for t in texts(bot_api, person)) for n in needles), timeout=25
    )


def on_answer(
    monkeypatch: pytest.MonkeyPatch,
    needle: str,
    action: Callable[[], Awaitable[None]],
    person: User | None = None,
) -> None:
    """When the bot sends a text containing `needle` (once; to `person`'s chat, if given):
    record it, then run `action` before the emulator answers the call – the bot waits for that
    answer meanwhile (and, since it handles a batch of updates to its end before reading the
    next, handles nothing stored after this call began)."""
    original = methods.HANDLERS["sendmessage"]
    fired = False

    async def send_message(api: methods.Backend, params: dict[str, Any]) -> Any:
        nonlocal fired
        result = await original(api, params)
        chat = params.get("chat_id")
        if (
            not fired
            and needle in str(params.get("text", ""))
            and (person is None or str(chat) == str(person.id))
        ):
            fired = True
            await action()
        return result

    monkeypatch.setitem(methods.HANDLERS, "sendmessage", send_message)


async def consent(bot_api: BotApiEmulator, person: User) -> None:
    await person.send("/start")
    await expect_all(bot_api, person, "einverstanden")
    await person.press("Verstanden")
    await expect_all(bot_api, person, "Danke")


async def stored(db: Database, person: User) -> tuple[list[str], int]:
    """The exercise logs' update keys of `person` and the inbox depth."""
    async with db.session() as session:
        keys = list(
            await session.scalars(
                select(ExerciseLogRow.update_key).where(ExerciseLogRow.user_id == person.id)
            )
        )
        depth = await session.scalar(select(func.count()).select_from(InboxRow))
    return [key or "" for key in keys], int(depth or 0)


async def test_sigkill_after_the_first_answer_loses_none_of_five_quick_messages(
    tmp_path: Path,
    bot_api: BotApiEmulator,
    db: Database,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's case: five quick "erledigt", SIGKILL once the first answer went out (and all
    five were fetched and confirmed to Telegram), restart: every message answered once, every
    exercise log stored once.

    The answer in flight is Bob's, and Anna's five are sent while it is: a reply in flight at a
    crash is resent after the outbox's lease (`bot.outbox.LEASE`, 60 s), and later replies to
    the same chat wait behind it; Anna's chat has none in flight, so the test stays short.
    (Different people are handled in parallel, so Anna's five wait only because they arrive
    while Bob's batch is in hand.)"""
    anna = bot_api.user(first_name="Anna", language_code="de")
    bob = bot_api.user(first_name="Bob", language_code="de")
    async with bot_process(tmp_path, bot_api, database_url) as first:

        async def kill() -> None:
            for _ in range(5):
                await anna.send("erledigt")
            await wait_until(lambda: bot_api.updates.pending_update_count == 0)
            first.send_signal(signal.SIGKILL)

        await consent(bot_api, anna)
        await consent(bot_api, bob)
        on_answer(monkeypatch, "1/3", kill, bob)
        await bob.send("erledigt")
        await asyncio.wait_for(first.wait(), 25)
    assert first.returncode == -signal.SIGKILL
    assert bot_api.updates.pending_update_count == 0  # Telegram would send none of them again
    assert [len((await stored(db, person))[0]) for person in (bob, anna)] == [1, 0]
    # Anna's five wait; Bob's row left the inbox with his turn's commit, before his answer
    # went out (`bot.inbox.remove_in_turn`).
    assert (await stored(db, anna))[1] == 5
    assert not any("/3" in text for text in texts(bot_api, anna))

    async with bot_process(tmp_path, bot_api, database_url):
        await expect_all(bot_api, anna, *DONE_ANSWERS)
        await asyncio.sleep(0.5)  # nothing more may come
    outputs = texts(bot_api, anna)
    for answer in DONE_ANSWERS:
        assert sum(answer in text for text in outputs) == 1, (answer, outputs)
    keys, depth = await stored(db, anna)
    assert len(keys) == len(set(keys)) == 5 and depth == 0
    assert len((await stored(db, bob))[0]) == 1


async def test_an_update_stored_by_a_process_that_died_is_handled_without_a_new_one(
    tmp_path: Path, bot_api: BotApiEmulator, db: Database, database_url: str
) -> None:
    """Several processes share one inbox: one stores an update (its webhook answered 200) and
    dies before handling it. No later update wakes the running process, yet it handles the
    row on its next look at the inbox (`RECHECK_SECONDS`), once."""
    anna = bot_api.user(first_name="Anna", language_code="de")
    async with bot_process(tmp_path, bot_api, database_url, stop=signal.SIGTERM):
        await consent(bot_api, anna)
        sender = {"id": anna.id, "is_bot": False, "first_name": "Anna", "language_code": "de"}
        payload = {
            "update_id": 9_000_000,
            "message": {
                "message_id": 9_000_000,
                "date": int(datetime.now(UTC).timestamp()),
                "chat": {"id": anna.id, "type": "private", "first_name": "Anna"},
                "from": sender,
                "text": "erledigt",
            },
        }
        async with db.session() as session:
            await inbox_store.add(session, [(9_000_000, payload)], datetime.now(UTC))
        await expect_all(bot_api, anna, DONE_ANSWERS[0])
        await asyncio.sleep(inbox_module.RECHECK_SECONDS + 0.5)  # another look: nothing more
    keys, depth = await stored(db, anna)
    assert len(keys) == 1 and depth == 0
    assert sum(DONE_ANSWERS[0] in text for text in texts(bot_api, anna)) == 1


async def test_webhook_answers_200_only_once_stored(
    tmp_path: Path,
    bot_api: BotApiEmulator,
    db: Database,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Webhook mode: an update accepted (200) while the bot is busy, the bot killed before it
    handles it: handled after the restart. /healthz answers on the same server."""
    port = free_port()
    hook = webhook_settings(port)
    ben = bot_api.user(first_name="Ben", language_code="de")
    uma = bot_api.user(first_name="Uma", language_code="de")
    async with bot_process(tmp_path, bot_api, database_url, **hook) as first:

        async def kill() -> None:
            await uma.send("erledigt")  # stored (200) while Ben's answer is in flight
            await wait_until(lambda: bot_api.updates.pending_update_count == 0)
            first.send_signal(signal.SIGKILL)

        await consent(bot_api, ben)
        await consent(bot_api, uma)
        healthz = f"http://127.0.0.1:{port}/healthz"
        async with aiohttp.ClientSession() as http, http.get(healthz) as response:
            assert response.status == 200
            body = await response.json()
        assert body["healthy"] is True and body["database"] is True and body["bot_api"] is True
        on_answer(monkeypatch, "1/3", kill, ben)
        await ben.send("erledigt")  # its answer is in flight at the kill (Ben's chat only)
        await asyncio.wait_for(first.wait(), 25)
    assert bot_api.webhook_errors == []  # both were answered 200
    assert not any("/3" in text for text in texts(bot_api, uma))
    keys, depth = await stored(db, uma)
    assert keys == [] and depth == 1  # Uma's; Ben's left with his turn's commit

    async with bot_process(tmp_path, bot_api, database_url, **hook):
        await expect_all(bot_api, uma, "1/3")
        await asyncio.sleep(0.5)
    assert sum("1/3" in text for text in texts(bot_api, uma)) == 1
    keys, depth = await stored(db, uma)
    assert len(keys) == 1 and depth == 0
    assert len((await stored(db, ben))[0]) == 1


async def test_sigterm_finishes_the_updates_in_hand_and_releases_claims(
    tmp_path: Path,
    bot_api: BotApiEmulator,
    db: Database,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGTERM while an answer is on its way and a second update is stored: both are handled,
    the process's reminder claim is given back, exit code 0."""
    cleo = bot_api.user(first_name="Cleo", language_code="de")
    async with bot_process(tmp_path, bot_api, database_url) as process:
        await consent(bot_api, cleo)
        async with db.session() as session:
            session.add(
                ReminderRow(
                    user_id=cleo.id,
                    kind="snooze",
                    due_at=datetime.now(UTC) - timedelta(minutes=1),
                    status="claimed",
                    claimed_by=f"{socket.gethostname()}:{process.pid}",
                    claimed_at=datetime.now(UTC),
                )
            )

        async def terminate() -> None:
            await wait_until(lambda: bot_api.updates.pending_update_count == 0)
            process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.5)  # the answer is slow: the update is still in hand

        on_answer(monkeypatch, "1/3", terminate)
        await cleo.send("erledigt")
        await cleo.send("erledigt")
        assert await asyncio.wait_for(process.wait(), 25) == 0
    assert sum("1/3" in text for text in texts(bot_api, cleo)) == 1
    assert sum("2/3" in text for text in texts(bot_api, cleo)) == 1
    keys, depth = await stored(db, cleo)
    assert len(keys) == 2 and depth == 0
    async with db.session() as session:
        statuses = list(await session.scalars(select(ReminderRow.status)))
    assert statuses == ["due"]


async def run_health(tmp_path: Path, env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "health",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode is not None
    return process.returncode, out.decode() + err.decode()


async def test_health_exit_codes(
    tmp_path: Path, bot_api: BotApiEmulator, db: Database, database_url: str
) -> None:
    code, out = await run_health(tmp_path, bot_environment(bot_api, database_url))
    assert code == 0, out
    assert out.strip().splitlines()[-1] == "healthy" and "database        ok" in out

    unreachable = f"postgresql+asyncpg://postgres:hunter2@127.0.0.1:{free_port()}/nothing"
    code, out = await run_health(tmp_path, bot_environment(bot_api, unreachable))
    assert code == 1, out
    assert "database        UNREACHABLE" in out and out.strip().endswith("unhealthy")
    assert "hunter2" not in out and "Traceback" not in out

    # A reminder due ten minutes ago and not sent: the dispatcher is not keeping up.
    person = bot_api.user(first_name="Lag", language_code="de")
    async with db.session() as session:
        await users.ensure_user(session, person.id, language="de", timezone="Europe/Berlin")
        session.add(
            ReminderRow(
                user_id=person.id, kind="snooze", due_at=datetime.now(UTC) - timedelta(minutes=10)
            )
        )
    code, out = await run_health(tmp_path, bot_environment(bot_api, database_url))
    assert code == 1 and "TOO HIGH" in out, out


async def test_a_failing_update_is_retried_and_a_poisonous_one_dropped(
    bot_api: BotApiEmulator,
    app: Any,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A handler that raises once (nothing committed): the update is handled again and the
    user gets the answer, not the error text. An update that can never be handled is dropped
    after MAX_ATTEMPTS, logged by its id only, and the updates behind it go on."""
    monkeypatch.setattr(inbox_module, "RETRY_PAUSE", 0.01)
    dora = bot_api.user(first_name="Dora", language_code="de")
    await accept_disclaimer(dora)

    real_ensure_user = users.ensure_user
    failures = iter([RuntimeError("database went away")])

    async def flaky_ensure_user(*args: Any, **kwargs: Any) -> Any:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return await real_ensure_user(*args, **kwargs)

    monkeypatch.setattr(users, "ensure_user", flaky_ensure_user)
    await dora.send("/help")
    answers = [reply.text for reply in await dora.replies()]
    assert any("/export" in text for text in answers)
    assert not any("schiefgelaufen" in text for text in answers)

    poison = {"update_id": 0, "message": {"text": "Geheimnis: Rückenschmerz seit gestern"}}
    caplog.set_level(logging.INFO)
    await inbox_of(app).receive([(0, json.loads(json.dumps(poison)))])
    await dora.send("/help")
    assert any("/export" in reply.text for reply in await dora.replies())
    assert "update 0 dropped after 5 attempts" in caplog.text
    assert "Geheimnis" not in caplog.text
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(InboxRow)) == 0


async def test_an_update_the_library_cannot_parse_does_not_stop_polling(
    bot_api: BotApiEmulator, app: object, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A Bot API update that python-telegram-bot cannot read (here: a message that is not an
    object, as a field newer than the library might be) is stored raw, fails alone and is
    dropped by id; polling goes on and the next update is answered."""
    anna = bot_api.user(first_name="Anna", language_code="de")
    broken = bot_api.enqueue({"message": "kaputt"})
    await anna.send("/start")
    welcome = await anna.reply(timeout=20)  # behind the broken one's retries (about 5 s)
    assert "Anna" in welcome.text
    assert f"update {broken} dropped after" in caplog.text
    assert "kaputt" not in caplog.text  # logged by id, never with what was written
    async with db.session() as session:
        assert await session.get(InboxRow, broken) is None
