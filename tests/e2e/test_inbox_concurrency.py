"""Different people served in parallel, each person's updates strictly in order (the durable
inbox, `bot.inbox`), end to end: the real bot polling the emulator, a real database (SQLite, or
PostgreSQL with TEST_DATABASE_URL).

- Under load: 20 people each send "11 min erledigt", "12 min erledigt", "/undo", "14 min
  erledigt" as fast as they can, without waiting for answers. Each person's answers tell the
  order the bot saw: the week's count after each log, and the minutes of the log /undo offers
  to take back (12: the one just before it). Every person's answers come in the order sent;
  the logs stored are exactly the three, and "Ja" takes back the 12. Several people's updates
  were in hand at once, never more than `MAX_CONCURRENT_USERS`.
- Parallel for real, without timing: one person's reply is held (the test holds
  `bot.outbox.deliver` for that chat until it lets go); another person's message, stored in
  the same batch, is answered meanwhile, while the held person's next message waits in the
  inbox. Let go, the held person's answers come, in order.
- A retry keeps the order: a person's first message fails once (nothing committed) and is
  handled again after the pause; the /undo behind it waits for it (and then offers that log),
  while another person's message in the same batch is answered; nobody is told of an error.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import inbox as inbox_module
from bot import outbox
from bot.inbox import Inbox
from bot.storage import inbox as inbox_store
from bot.storage import users
from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, InboxRow
from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from dialogs.triage import screening_model
from tests.e2e.people import ready

# serial: timing under crashes and kills; `make test` runs these alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.serial]

PEOPLE = 20
BURST = ("11 min erledigt", "12 min erledigt", "/undo", "14 min erledigt")
# What each person must be told, in this order: a log's minutes and the week's count, and the
# minutes of the log /undo offers to take back (the pain questions in between say neither).
TOLD = ["log 11 1/3", "log 12 2/3", "undo 12", "log 14 3/3"]


@pytest.fixture(autouse=True)
async def trained_screening() -> None:
    """The red-flag screening's model trained beforehand (once per process): trained on its
    first use, it holds up the event loop for seconds, which is not what is tested here."""
    await asyncio.to_thread(screening_model.warm_up)


async def until(
    check: Callable[[], bool],
    seen: Callable[[], object] = lambda: None,
    timeout: float = 30.0,
) -> None:
    """Wait for `check`; `seen` says what there was instead when it never came (the timeout
    is a failure guard only: nothing here measures how long anything took)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"not reached in time; seen: {seen()!r}"
        await asyncio.sleep(0.02)


def told(bot_api: BotApiEmulator, person: User, since: int = 0) -> list[str]:
    """The person's answers since output `since`, each as "log <minutes> <n>/3" or "undo
    <minutes>"; answers naming no minutes (the pain question) are left out."""
    story: list[str] = []
    for output in bot_api.chat(person.id).outputs[since:]:
        minutes = re.search(r"(\d+) Minuten", output.text)
        if minutes is None:
            continue
        if "löschen" in output.text:
            story.append(f"undo {minutes[1]}")
            continue
        week = re.search(r"(\d+)/3", output.text)
        assert week is not None, output.text
        story.append(f"log {minutes[1]} {week[1]}/3")
    return story


def type_now(bot_api: BotApiEmulator, person: User, text: str) -> int:
    """Queue a text message from `person` without giving the event loop a turn (unlike
    `User.send`), so that messages typed one after another reach the bot in one getUpdates
    and so in one inbox batch. Returns the update id."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        command = text.split()[0]
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    message = bot_api.new_message(person.id, person.data, **content)
    return bot_api.enqueue({"message": message})


async def minutes_logged(db: Database, person: User) -> list[int]:
    async with db.session() as session:
        found = await session.scalars(
            select(ExerciseLogRow.minutes)
            .where(ExerciseLogRow.user_id == person.id)
            .order_by(ExerciseLogRow.id)
        )
        return list(found)


async def waiting(db: Database) -> list[int]:
    """The update ids still in the inbox."""
    async with db.session() as session:
        return [row.update_id for row in await inbox_store.oldest(session, 1000)]


async def test_each_persons_answers_come_in_order_under_load(
    bot_api: BotApiEmulator,
    clocked_app: Any,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people: Sequence[User] = await asyncio.gather(
        *(ready(bot_api, "de", f"P{number:02}") for number in range(PEOPLE))
    )
    assert await bot_api.settled(30)
    before = {person.id: len(bot_api.chat(person.id).outputs) for person in people}

    in_hand = most_in_hand = 0
    handle = Inbox._handle

    async def counted(self: Inbox, row: inbox_store.Waiting) -> bool:
        nonlocal in_hand, most_in_hand
        in_hand += 1
        most_in_hand = max(most_in_hand, in_hand)
        try:
            return await handle(self, row)
        finally:
            in_hand -= 1

    monkeypatch.setattr(Inbox, "_handle", counted)

    async def burst(person: User) -> None:
        for text in BURST:
            await person.send(text)  # one turn of the event loop: the people's updates interleave

    await asyncio.gather(*(burst(person) for person in people))

    def all_told() -> bool:
        return all(len(told(bot_api, p, before[p.id])) >= len(TOLD) for p in people)

    await until(all_told, lambda: [told(bot_api, p, before[p.id]) for p in people], 90)
    assert await bot_api.settled(30)
    for person in people:
        assert told(bot_api, person, before[person.id]) == TOLD, person
        assert await minutes_logged(db, person) == [11, 12, 14], person
    assert await waiting(db) == []
    # Several people's updates were in hand at once, never more than the limit.
    assert 1 < most_in_hand <= inbox_module.MAX_CONCURRENT_USERS

    # /undo offered the log before it; "Ja" takes exactly that one back.
    for person in people:
        await person.press("Ja")
    assert await bot_api.settled(30)
    for person in people:
        assert await minutes_logged(db, person) == [11, 14], person
        undone = bot_api.chat(person.id).outputs[-1].text
        assert "Zurückgenommen" in undone and "12 Minuten" in undone and "2/3" in undone


async def test_a_held_person_does_not_hold_up_another(
    bot_api: BotApiEmulator,
    clocked_app: Any,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = await ready(bot_api, "de", "Sara")
    quick = await ready(bot_api, "de", "Quinn")
    assert await bot_api.settled(30)
    slow_from = len(bot_api.chat(slow.id).outputs)
    quick_from = len(bot_api.chat(quick.id).outputs)

    held = asyncio.Event()
    let_go = asyncio.Event()
    deliver = outbox.deliver

    async def holding(bot: Any, svc: Any, rows: Sequence[outbox.Claimed], *, inline: bool) -> None:
        """The slow person's first replies wait (after their turn's commit) until let go."""
        if inline and not let_go.is_set() and any(row.chat_id == slow.id for row in rows):
            held.set()
            await let_go.wait()
        await deliver(bot, svc, rows, inline=inline)

    monkeypatch.setattr(outbox, "deliver", holding)
    logged = type_now(bot_api, slow, "11 min erledigt")
    undo = type_now(bot_api, slow, "/undo")
    type_now(bot_api, quick, "13 min erledigt")  # after both of the slow person's

    await until(held.is_set)
    await until(
        lambda: told(bot_api, quick, quick_from) == ["log 13 1/3"],
        lambda: told(bot_api, quick, quick_from),
    )
    # Meanwhile the slow person's turn is committed but its reply is held, and the /undo
    # behind it waits: it may not overtake the log.
    assert told(bot_api, slow, slow_from) == []
    assert held.is_set() and not let_go.is_set()
    assert await minutes_logged(db, slow) == [11]
    assert undo in await waiting(db) and logged < undo
    # The log's row left the inbox with its turn's commit, before its reply went out.
    assert logged not in await waiting(db)

    let_go.set()
    await until(
        lambda: len(told(bot_api, slow, slow_from)) >= 2, lambda: told(bot_api, slow, slow_from)
    )
    assert await bot_api.settled(30)
    assert told(bot_api, slow, slow_from) == ["log 11 1/3", "undo 11"]
    assert told(bot_api, quick, quick_from) == ["log 13 1/3"]
    assert await minutes_logged(db, slow) == [11]
    assert await minutes_logged(db, quick) == [13]
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(InboxRow)) == 0


async def test_a_retry_keeps_its_senders_order(
    bot_api: BotApiEmulator,
    clocked_app: Any,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_module, "RETRY_PAUSE", 0.05)
    rita = await ready(bot_api, "de", "Rita")
    otto = await ready(bot_api, "de", "Otto")
    assert await bot_api.settled(30)
    rita_from = len(bot_api.chat(rita.id).outputs)
    otto_from = len(bot_api.chat(otto.id).outputs)

    ensure_user = users.ensure_user
    failed: list[int] = []

    async def failing_once(session: Any, user_id: int, *args: Any, **kwargs: Any) -> Any:
        if user_id == rita.id and not failed:
            failed.append(user_id)
            raise RuntimeError("the database went away")
        return await ensure_user(session, user_id, *args, **kwargs)

    monkeypatch.setattr(users, "ensure_user", failing_once)
    type_now(bot_api, rita, "11 min erledigt")
    type_now(bot_api, rita, "/undo")
    type_now(bot_api, otto, "13 min erledigt")

    await until(
        lambda: len(told(bot_api, rita, rita_from)) >= 2, lambda: told(bot_api, rita, rita_from)
    )
    assert await bot_api.settled(30)
    assert failed == [rita.id]
    assert told(bot_api, rita, rita_from) == ["log 11 1/3", "undo 11"]
    assert told(bot_api, otto, otto_from) == ["log 13 1/3"]
    for person in (rita, otto):
        outputs = bot_api.chat(person.id).outputs
        assert not any("schiefgelaufen" in output.text for output in outputs), person
    assert await minutes_logged(db, rita) == [11]
    assert await minutes_logged(db, otto) == [13]
    assert await waiting(db) == []
