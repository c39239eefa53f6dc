"""The outbox's and the button presses' SQL on the real database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import outbox
from bot.storage.buttons import first_press
from bot.storage.database import Database
from bot.storage.models import OutboxRow, UserRow

NOW = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


@pytest.fixture
async def database(db: Database) -> AsyncIterator[Database]:
    async with db.session() as session:
        for user_id in (1, 2):
            session.add(UserRow(id=user_id, language="de", timezone="Europe/Berlin", active=True))
    yield db


async def add(db: Database, chat: int, count: int, due: datetime) -> list[int]:
    async with db.session() as session:
        return await outbox.add(
            session,
            user_id=chat,
            chat_id=chat,
            payloads=[{"method": "sendMessage", "params": {"n": n}} for n in range(count)],
            status=outbox.PENDING,
            now=NOW,
            next_attempt_at=due,
        )


async def claim(db: Database, now: datetime) -> list[int]:
    async with db.session() as session:
        rows = await outbox.claim_due(session, now, lease_until=now + LEASE, limit=10)
    return [row.id for row in rows]


async def test_a_chat_keeps_its_order_and_a_claim_its_lease(database: Database) -> None:
    first = await add(database, 1, 2, NOW)
    waiting = await add(database, 2, 1, NOW + timedelta(seconds=30))
    behind = await add(database, 2, 1, NOW)  # due, but behind a reply of its chat that is not
    assert await claim(database, NOW) == first
    assert await claim(database, NOW) == []  # claimed: not twice
    assert await claim(database, NOW + timedelta(seconds=30)) == waiting + behind
    # A sender that died: after the lease its replies are sent again (at least once).
    assert await claim(database, NOW + LEASE + timedelta(seconds=1)) == first


async def test_a_turns_replies_are_stored_at_once_with_their_ids_in_order(
    database: Database,
) -> None:
    ids = await add(database, 1, 5, NOW)
    assert len(set(ids)) == 5
    async with database.session() as session:
        stored = {row_id: await session.get(OutboxRow, row_id) for row_id in ids}
    assert [stored[row_id].payload["params"]["n"] for row_id in ids] == [0, 1, 2, 3, 4]  # type: ignore[union-attr]


async def test_backlog_wake_give_up_and_delete(database: Database) -> None:
    ids = await add(database, 1, 2, NOW + timedelta(minutes=5))
    async with database.session() as session:
        assert await outbox.has_backlog(session, 1, 1)
        assert not await outbox.has_backlog(session, 2, 2)
        await outbox.wake(session, 1, NOW)
    assert await claim(database, NOW) == ids
    async with database.session() as session:
        await outbox.delete_sent(session, ids[:1])
        assert await outbox.give_up_chat(session, 1, error="Forbidden") == ids[1:]
        assert await outbox.depth(session) == 0
        assert not await outbox.has_backlog(session, 1, 1)
        await outbox.prune_failed(session, NOW + timedelta(days=8))


async def test_the_same_press_counts_once(database: Database) -> None:
    async def press(version: int, at: datetime, again: timedelta | None = None) -> bool:
        async with database.session() as session:
            return await first_press(
                session,
                user_id=1,
                chat_id=1,
                message_id=10,
                version=version,
                data="pain:3",
                now=at,
                again_after=again,
            )

    assert await press(0, NOW)
    assert not await press(0, NOW + timedelta(days=1))  # the same press, however late
    assert await press(1774285200, NOW)  # the message was edited since: a new press
    window = timedelta(seconds=5)
    assert await press(7, NOW, window)
    assert not await press(7, NOW + timedelta(seconds=1), window)  # a double tap
    assert await press(7, NOW + timedelta(seconds=7), window)  # pressed again on purpose


async def test_forged_press_data_is_stored_safely(database: Database) -> None:
    """A modified client may send anything: NUL, a lone surrogate, more than 64 characters."""
    forged = "rem:done:\x00\ud800" + "9" * 100
    for expected in (True, False):
        async with database.session() as session:
            pressed = await first_press(
                session, user_id=2, chat_id=2, message_id=1, version=0, data=forged, now=NOW
            )
        assert pressed is expected
