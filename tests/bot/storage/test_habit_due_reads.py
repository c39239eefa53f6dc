"""The reminder walk's reads ahead (`bot.storage.habit`): a page of due rows in (due_at, id)
order, the facts of a whole page in a few grouped queries, each equal to the one-person query
it replaces, and the statement that claims a row with its decision, once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import update

from benchmarks.test_bench_reminders import NOW, fresh_database
from bot.storage import habit as store
from bot.storage.models import ReminderRow, UserRow
from dialogs.habit.schedule import week_bounds

CHICAGO = (4, 5, 6)  # users in another zone: their week and day have other bounds
LATER = NOW + timedelta(hours=3)


def test_the_page_facts_equal_the_one_person_queries(tmp_path: Path) -> None:
    async def scenario() -> None:
        svc = await fresh_database(tmp_path / "facts.db", 6)
        async with svc.db.session() as session:
            await session.execute(
                update(UserRow).where(UserRow.id.in_(CHICAGO)).values(timezone="America/Chicago")
            )
            people = await store.users_by_id(session, range(1, 8))  # 7 does not exist
            assert sorted(people) == [1, 2, 3, 4, 5, 6]
            logs = {1: [0, 2], 2: [9], 4: [0, 1], 5: [30]}  # hours before NOW
            for user_id, hours in logs.items():
                for hour in hours:
                    await store.add_exercise_log(
                        session,
                        people[user_id],
                        done_at=NOW - timedelta(hours=hour),
                        minutes=10,
                        source="text",
                        update_key=f"{user_id}-{hour}",
                    )
            await store.add_reminder(session, 3, "snooze", NOW - timedelta(hours=1))
            await session.execute(
                update(ReminderRow).where(ReminderRow.user_id == 3).values(status="skipped")
            )
        async with svc.db.session() as session:
            weeks = {
                (user.id, week_bounds(NOW, ZoneInfo(user.timezone))) for user in people.values()
            }
            counts = await store.week_counts(session, weeks)
            zones = {user.id: ZoneInfo(user.timezone) for user in people.values()}
            logged = await store.logged_on_days(
                session, {i: NOW.astimezone(zone).date() for i, zone in zones.items()}
            )
            skipped = await store.skipped_in(
                session, {i: store.day_bounds(NOW, user.timezone) for i, user in people.items()}
            )
            for user in people.values():
                start, end = store.day_bounds(NOW, user.timezone)
                key = (user.id, week_bounds(NOW, zones[user.id]))
                assert counts.get(key, 0) == await store.week_count(session, user, NOW), user.id
                today = NOW.astimezone(zones[user.id]).date()
                assert (user.id in logged) == await store.logged_on(session, user.id, today)
                assert (user.id in skipped) == await store.skipped_between(
                    session, user.id, start, end
                )
        # NOW is Monday 07:00 in Berlin, Monday 00:00 in Chicago: an hour before it is this
        # week in Berlin (user 1) but last week in Chicago (user 4); nine hours before it is
        # last week in Berlin too (user 2)
        assert counts == {
            (1, week_bounds(NOW, zones[1])): 2,
            (4, week_bounds(NOW, zones[4])): 1,
        }
        assert logged == {1, 4}
        assert skipped == {3}
        await svc.db.dispose()

    asyncio.run(scenario())


def test_a_page_is_read_in_order_and_a_row_is_claimed_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        svc = await fresh_database(tmp_path / "page.db", 7)
        async with svc.db.session() as session:
            for user_id in range(1, 8):  # two rows due at one instant: ordered by id
                due = NOW + timedelta(minutes=user_id // 2)
                await store.add_reminder(session, user_id, "planned", due)
        async with svc.db.session() as session:
            first = await store.due_page(session, LATER, after=None, limit=4)
            rest = await store.due_page(session, LATER, after=first[-1].cursor, limit=4)
            assert await store.due_page(session, NOW, after=None, limit=4) == first[:1]
        rows = first + rest
        assert [row.user_id for row in rows] == list(range(1, 8))
        assert [(row.due_at, row.id) for row in rows] == sorted((r.due_at, r.id) for r in rows)
        assert len(rest) == 3 and {row.kind for row in rows} == {"planned"}

        async with svc.db.session() as session:
            assert await store.settle_due(
                session, rows[0].id, "sending", claimed_by="a:1", claimed_at=LATER
            )
        async with svc.db.session() as session:  # another process read the same page
            assert not await store.settle_due(
                session, rows[0].id, "sending", claimed_by="b:1", claimed_at=LATER
            )
            assert await store.settle_due(session, rows[1].id, "due", due_at=LATER)
            again = await store.due_page(session, LATER, after=None, limit=10)
        # the claimed row is gone; the deferred one moved to the end
        assert [row.id for row in again] == [row.id for row in rows[2:]] + [rows[1].id]
        assert again[-1].due_at == LATER
        await svc.db.dispose()

    asyncio.run(scenario())
