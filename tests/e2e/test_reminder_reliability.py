"""Reminders that survive crashes, bad rows and outages (issue 11, items 3–5), end to end: the
real bot, the emulator, a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL) and a
clock moved by hand.

- at most once: a row found "sending" after a crash is never sent again (marked lost);
- a clean stop gives its claims back at once, a crash's claims come back after the lease;
- one user's unknown stored time zone stops nobody else's reminders and is reset, with one
  notice in their language; `/timezone localtime`, `Factory` and fixed offsets are refused;
- a Telegram outage: each row attempted at most once per tick, nothing delivered stale or in
  quiet hours afterwards, every decision made with the clock of its moment;
- a weekly summary sent late names the week it is about.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import reminders
from bot.services import services
from bot.storage.database import Database
from bot.storage.models import PlanRow, ReminderRow, UserRow
from bot.testing import methods
from bot.testing.server import BotApiEmulator
from tests.conftest import RunningBot
from tests.e2e.people import MONDAY_18, ManualClock, ready

pytestmark = pytest.mark.e2e
REMINDER = {"de": "Zeit für deine 10 Minuten", "en": "Time for your 10 minutes"}
RESET_NOTICE = {
    "de": "Zeitzone gibt es in der Zeitzonen-Datenbank nicht mehr",
    "en": "no longer exists in the timezone database",
}
# A tick interval far longer than a test: the test runs each dispatcher tick itself
# (`reminders.dispatch`), so it can count what one tick does.
BY_HAND = {"reminder_tick_seconds": 3600}


async def add_user(
    db: Database,
    bot_api: BotApiEmulator,
    *,
    language: str = "de",
    timezone: str = "Europe/Berlin",
    at: str | None = "18:30",
    quiet: tuple[str, str] = ("21:00", "08:00"),
) -> int:
    """A consented user (created an hour before MONDAY_18), with a Mon/Wed/Fri plan at `at`
    (none when `at` is None) in `timezone`, stored as it is (no validation)."""
    person = bot_api.user(first_name="R", language_code=language)
    created = MONDAY_18 - timedelta(hours=1)
    async with db.session() as session:
        session.add(
            UserRow(
                id=person.id,
                language=language,
                timezone=timezone,
                consent_at=created,
                active=True,
            )
        )
        await session.flush()
        if at is not None:
            session.add(
                PlanRow(
                    user_id=person.id,
                    weekdays="1,3,5",
                    local_time=at,
                    quiet_start=quiet[0],
                    quiet_end=quiet[1],
                    paused=False,
                    updated_at=created,
                )
            )
    return person.id


async def add_row(db: Database, user_id: int, due_at: datetime, **values: Any) -> int:
    """A snooze reminder row for `user_id` (status `due` unless given)."""
    async with db.session() as session:
        row = ReminderRow(user_id=user_id, kind="snooze", due_at=due_at, status="due")
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        await session.flush()
        return row.id


def texts(bot_api: BotApiEmulator, user_id: int, needle: str) -> int:
    """How many messages in the user's chat contain `needle`."""
    return sum(1 for message in bot_api.chat(user_id).outputs if needle in message.text)


def send_attempts(bot_api: BotApiEmulator, user_id: int) -> int:
    """sendMessage calls to the user's chat, failed ones included."""
    return sum(
        1
        for method, params in bot_api.calls
        if method.lower() == "sendmessage" and str(params.get("chat_id")) == str(user_id)
    )


async def statuses(db: Database, user_ids: list[int], kind: str | None = None) -> list[str]:
    async with db.session() as session:
        statement = select(ReminderRow.status).where(ReminderRow.user_id.in_(user_ids))
        if kind is not None:
            statement = statement.where(ReminderRow.kind == kind)
        return list(await session.scalars(statement.order_by(ReminderRow.id)))


async def eventually(condition: Callable[[], Any], timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        result = condition()
        if await result if asyncio.iscoroutine(result) else result:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


# --- at most once ---------------------------------------------------------------------------


async def test_a_row_found_sending_after_a_crash_is_never_sent_again(
    bot_api: BotApiEmulator,
    db: Database,
    running_bot: RunningBot,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A process died between committing "sending" and hearing back from Telegram: the
    message may have arrived, so the row is marked lost (logged by id), never sent again."""
    crashed, other = [await add_user(db, bot_api) for _ in range(2)]  # plans at 18:30
    due = MONDAY_18 - timedelta(minutes=20)
    stranded = await add_row(
        db,
        crashed,
        due,
        status="sending",
        claimed_by="dead-host:1",
        claimed_at=due + timedelta(seconds=1),
    )
    await add_row(db, other, due)
    caplog.set_level(logging.WARNING, logger="bot.reminders")
    async with running_bot(clock=clock):
        await eventually(lambda: texts(bot_api, other, REMINDER["de"]) == 1)
        clock.set(MONDAY_18 + timedelta(minutes=1))
        await asyncio.sleep(1.0)  # a few more ticks
    assert send_attempts(bot_api, crashed) == 0
    assert await statuses(db, [crashed], "snooze") == ["lost"]
    assert any(
        f"reminder {stranded} " in record.getMessage() and "lost" in record.getMessage()
        for record in caplog.records
    )


async def test_a_clean_stop_gives_its_claims_back_a_crash_after_the_lease(
    bot_api: BotApiEmulator, db: Database, running_bot: RunningBot, clock: ManualClock
) -> None:
    released_user, crashed_user = [await add_user(db, bot_api) for _ in range(2)]
    clock.set(MONDAY_18 + timedelta(minutes=5))
    async with running_bot(clock=clock, **BY_HAND) as first:
        svc = services(first)
        svc.instance_id = "clean-host:1"
        released_row = await add_row(db, released_user, MONDAY_18)
        assert [row.id for row in await reminders.claim(svc, clock())] == [released_row]
        # The other row: claimed by a process that was killed (no release ever comes).
        await add_row(
            db, crashed_user, MONDAY_18, status="claimed", claimed_by="dead:1", claimed_at=clock()
        )
        assert await reminders.release_claims(svc) == 1
        assert await reminders.dispatch(first) == 0  # a stopping process claims nothing more
        assert await statuses(db, [released_user], "snooze") == ["due"]

    async with running_bot(clock=clock):  # the next process, at the same moment
        await eventually(lambda: texts(bot_api, released_user, REMINDER["de"]) == 1)
        await asyncio.sleep(0.6)
        assert texts(bot_api, crashed_user, REMINDER["de"]) == 0  # the lease still runs
        clock.set(clock() + reminders.LEASE + timedelta(seconds=1))
        await eventually(lambda: texts(bot_api, crashed_user, REMINDER["de"]) == 1)
        await asyncio.sleep(0.6)
    assert texts(bot_api, released_user, REMINDER["de"]) == 1
    assert texts(bot_api, crashed_user, REMINDER["de"]) == 1


# --- one bad row stops nobody ----------------------------------------------------------------


async def test_an_unknown_stored_zone_stops_nobody_and_its_owner_is_told_once(
    bot_api: BotApiEmulator,
    db: Database,
    running_bot: RunningBot,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """`US/Pacific-New` left the tz database in 2020. Found at start-up, while materialising,
    or when a due row is decided: reset to DEFAULT_TIMEZONE, one notice, and everyone else's
    reminders go on."""
    good = [await add_user(db, bot_api) for _ in range(3)]
    at_start = await add_user(db, bot_api, timezone="US/Pacific-New")
    caplog.set_level(logging.WARNING, logger="bot.reminders")
    async with running_bot(clock=clock):
        await eventually(lambda: texts(bot_api, at_start, RESET_NOTICE["de"]) == 1)
        while_running = await add_user(db, bot_api, language="en", timezone="US/Pacific-New")
        without_plan = await add_user(db, bot_api, timezone="Mars/Olympus", at=None)
        snooze = await add_row(db, without_plan, MONDAY_18 - timedelta(minutes=1))
        await eventually(lambda: texts(bot_api, while_running, RESET_NOTICE["en"]) == 1)
        await eventually(lambda: texts(bot_api, without_plan, RESET_NOTICE["de"]) == 1)

        clock.set(MONDAY_18 + timedelta(minutes=31))  # 18:31 in Berlin: everyone's reminder
        await eventually(
            lambda: all(texts(bot_api, uid, REMINDER["de"]) == 1 for uid in [*good, at_start])
        )
        await eventually(lambda: texts(bot_api, while_running, REMINDER["en"]) == 1)
        await asyncio.sleep(1.0)  # more ticks: nothing twice

    for user_id in [*good, at_start]:
        assert texts(bot_api, user_id, REMINDER["de"]) == 1
    assert texts(bot_api, while_running, REMINDER["en"]) == 1
    for user_id, language in ((at_start, "de"), (while_running, "en"), (without_plan, "de")):
        assert texts(bot_api, user_id, RESET_NOTICE[language]) == 1
    assert texts(bot_api, without_plan, REMINDER["de"]) == 0
    async with db.session() as session:
        zones = set(await session.scalars(select(UserRow.timezone)))
        snoozed = await session.get(ReminderRow, snooze)
    assert zones == {"Europe/Berlin"}
    assert snoozed is not None and snoozed.status == "dropped"
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "'US/Pacific-New'" in logged and str(while_running) in logged
    assert f"reminder {snooze}:" in logged


async def test_a_damaged_plan_or_a_rejected_send_stops_nobody_else(
    bot_api: BotApiEmulator,
    db: Database,
    running_bot: RunningBot,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    people = [await add_user(db, bot_api) for _ in range(4)]
    damaged = await add_user(db, bot_api)
    async with db.session() as session:
        plan = await session.get(PlanRow, damaged)
        assert plan is not None
        plan.weekdays = "1,x,5"
    caplog.set_level(logging.WARNING, logger="bot.reminders")
    async with running_bot(clock=clock, **BY_HAND) as app:
        assert await reminders.dispatch(app) == 0  # 18:00: materialise
        clock.set(MONDAY_18 + timedelta(minutes=31))
        bot_api.fail("sendMessage", 400, times=1)  # the first row's send is refused for good
        assert await reminders.dispatch(app) == 3
        assert await reminders.dispatch(app) == 0  # a refused row is not tried again
    delivered = [texts(bot_api, user_id, REMINDER["de"]) for user_id in people]
    assert sorted(delivered) == [0, 1, 1, 1]
    assert sorted(await statuses(db, people, "planned")) == ["due"] * 4 + ["failed"] + ["sent"] * 3
    refused = people[delivered.index(0)]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert f"plan of user {damaged} cannot be read" in logged
    assert "rejected by Telegram" in logged
    assert texts(bot_api, damaged, REMINDER["de"]) == 0 and send_attempts(bot_api, refused) == 1


@pytest.mark.parametrize(
    ("language", "zone", "answer"),
    [
        ("de", "localtime", "kenne ich nicht"),
        ("de", "Factory", "kenne ich nicht"),
        ("en", "localtime", "don't know the timezone"),
        ("en", "Factory", "don't know the timezone"),
        ("de", "Etc/GMT-2", "fester Zeitabstand"),
        ("en", "UTC+2", "fixed offset"),
    ],
)
async def test_timezone_refuses_non_region_zones(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str, zone: str, answer: str
) -> None:
    person = await ready(bot_api, language, "Tom")
    await person.send(f"/timezone {zone}")
    assert answer in (await person.reply()).text
    async with db.session() as session:
        user = await session.get(UserRow, person.id)
    assert user is not None and user.timezone == "Europe/Berlin"


# --- outages ---------------------------------------------------------------------------------


async def test_an_outage_tries_each_row_once_per_tick_and_sends_nothing_stale_or_quiet(
    bot_api: BotApiEmulator, db: Database, running_bot: RunningBot, clock: ManualClock
) -> None:
    """12 reminders while sendMessage answers 500 (the issue's outage): every tick attempts
    each due row exactly once; when the API is back, 18:30 is 2 h stale and 20:00 would land
    in quiet hours (21:00–08:00): both are dropped, nothing is delivered late."""
    evening = [await add_user(db, bot_api, at="18:30") for _ in range(6)]
    later = [await add_user(db, bot_api, at="20:00") for _ in range(6)]
    everyone = evening + later
    async with running_bot(clock=clock, **BY_HAND) as app:
        assert await reminders.dispatch(app) == 0  # 18:00: materialises, nothing due yet
        bot_api.fail("sendMessage", 500, times=6 + 12 + 6)  # exactly the attempts below

        async def tick_at(hour: int, minute: int) -> list[int]:
            clock.set(datetime(2026, 3, 23, hour - 1, minute, tzinfo=UTC))  # CET = UTC+1
            assert await reminders.dispatch(app) == 0
            return [send_attempts(bot_api, user_id) for user_id in everyone]

        assert await tick_at(18, 31) == [1] * 6 + [0] * 6
        assert await tick_at(20, 1) == [2] * 6 + [1] * 6
        assert await tick_at(20, 31) == [2] * 6 + [2] * 6  # 18:30 is stale now: not tried
        assert await tick_at(21, 5) == [2] * 6 + [2] * 6  # API back, but quiet hours
    for user_id in everyone:
        assert texts(bot_api, user_id, REMINDER["de"]) == 0
    assert await monday_statuses(db, everyone) == ["dropped"] * 12


async def monday_statuses(db: Database, user_ids: list[int]) -> list[str]:
    """Statuses of the planned rows due on Monday 23 March (later days stay due)."""
    async with db.session() as session:
        rows = await session.scalars(
            select(ReminderRow.status)
            .where(
                ReminderRow.user_id.in_(user_ids),
                ReminderRow.kind == "planned",
                ReminderRow.due_at < datetime(2026, 3, 24, tzinfo=UTC),
            )
            .order_by(ReminderRow.user_id)
        )
        return list(rows)


_TICKING: ContextVar[bool] = ContextVar("ticking", default=False)


class TickingClock(ManualClock):
    """A clock that moves on by `step` each time the tick reads it: a slow tick. The tick's
    task (and the walker tasks it starts, which inherit its context) set `_TICKING`; other
    tasks — polling, other jobs — read the clock without moving it."""

    def __init__(self, now: datetime, step: timedelta) -> None:
        super().__init__(now)
        self.step = step

    def __call__(self) -> datetime:
        if _TICKING.get():
            self.now += self.step
        return self.now


async def test_each_decision_reads_the_clock_when_it_is_made(
    bot_api: BotApiEmulator, db: Database, running_bot: RunningBot
) -> None:
    """A slow tick that starts at 20:51 (reminders due 20:50) and runs past 21:00: the rows it
    reaches after 21:00 are dropped (quiet hours), not sent with the tick's start time. One
    walker, so that each clock read is one of its own steps (several walkers read the same
    clock in turn; each reads it for its own decision just the same)."""
    clock = TickingClock(MONDAY_18, timedelta(minutes=1))
    people = [await add_user(db, bot_api, at="20:50") for _ in range(12)]
    async with running_bot(clock=clock, reminder_senders=1, **BY_HAND) as app:
        assert await reminders.dispatch(app) == 0  # 18:00: materialises, nothing due yet
        clock.set(datetime(2026, 3, 23, 19, 51, tzinfo=UTC))  # 20:51 in Berlin
        ticking = _TICKING.set(True)
        sent = await reminders.dispatch(app)
        _TICKING.reset(ticking)
    async with db.session() as session:
        rows = (
            await session.execute(
                select(ReminderRow.status, ReminderRow.sent_at).where(
                    ReminderRow.user_id.in_(people),
                    ReminderRow.due_at < datetime(2026, 3, 24, tzinfo=UTC),
                )
            )
        ).all()
    quiet_start = datetime(2026, 3, 23, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    assert 0 < sent < 12
    assert sorted({status for status, _ in rows}) == ["dropped", "sent"]
    # sent_at is read right after the send, one minute after its decision
    sent_at = [at for status, at in rows if status == "sent"]
    assert all(at is not None and at - timedelta(minutes=1) < quiet_start for at in sent_at)


# --- a late summary -----------------------------------------------------------------------


async def test_a_late_summary_names_the_week_it_is_about(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock
) -> None:
    """The bot was down on Sunday evening; the summary of the week of 23 March arrives on
    Monday morning (within its 24 hours) and says which week it is about."""
    anna = await ready(bot_api, "de", "Anna")
    john = await ready(bot_api, "en", "John")
    for person in (anna, john):
        await person.send("/remind 18:30")
        await person.replies()
    clock.set(datetime(2026, 3, 30, 6, 30, tzinfo=UTC))  # Monday 08:30 CEST, 13.5 h late
    german = await anna.reply()
    english = await john.reply()
    assert "Wochenrückblick: 0/3 in der Woche vom 23.3." in german.text
    assert "diese Woche" not in german.text
    assert "Weekly summary: 0/3 in the week of 23 March" in english.text
    assert "this week" not in english.text


# --- fan-out ----------------------------------------------------------------------------------


class SendWatch:
    """Wraps the emulator's sendMessage (test infrastructure, not the bot): each call takes
    `seconds`, as at a distance from Telegram, and the watch records how many were in flight
    at once overall and whether one chat ever had two at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.in_flight: list[str] = []
        self.most = 0
        self.overlapping_chats: set[str] = set()

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        original = methods.HANDLERS["sendmessage"]

        async def watched(api: methods.Backend, params: dict[str, Any]) -> Any:
            chat = str(params.get("chat_id"))
            if chat in self.in_flight:
                self.overlapping_chats.add(chat)
            self.in_flight.append(chat)
            self.most = max(self.most, len(self.in_flight))
            try:
                await asyncio.sleep(self.seconds)
                return await original(api, params)
            finally:
                self.in_flight.remove(chat)

        methods.HANDLERS["sendmessage"] = watched
        try:
            yield
        finally:
            methods.HANDLERS["sendmessage"] = original


async def test_a_tick_sends_to_several_people_at_once_and_to_each_once(
    bot_api: BotApiEmulator, db: Database, running_bot: RunningBot, clock: ManualClock
) -> None:
    """24 reminders due at 18:30, each send taking 50 ms: a tick has several in flight (at
    most REMINDER_SENDERS = 4 here), every person gets exactly one, and a person with two rows
    due (a snooze beside the plan) never has two sends in flight at once; that second row
    waits for the next tick and is then decided on its own."""
    people = [await add_user(db, bot_api, at="18:30") for _ in range(24)]
    snoozed = people[:3]
    due = datetime(2026, 3, 23, 17, 30, tzinfo=UTC)  # 18:30 in Berlin
    for user_id in snoozed:
        await add_row(db, user_id, due)
    watch = SendWatch(0.05)
    async with running_bot(clock=clock, reminder_senders=4, **BY_HAND) as app:
        assert await reminders.dispatch(app) == 0  # 18:00: materialises, nothing due yet
        clock.set(datetime(2026, 3, 23, 17, 31, tzinfo=UTC))
        with watch.installed():
            first = await reminders.dispatch(app)
            second = await reminders.dispatch(app)
    assert 2 <= watch.most <= 4
    assert watch.overlapping_chats == set()
    assert first >= 24
    assert [texts(bot_api, user_id, REMINDER["de"]) >= 1 for user_id in people] == [True] * 24
    assert [send_attempts(bot_api, user_id) for user_id in people[3:]] == [1] * 21
    assert all(1 <= send_attempts(bot_api, user_id) <= 2 for user_id in snoozed)
    assert first + second == sum(send_attempts(bot_api, user_id) for user_id in people)
    assert "due" not in await statuses(db, snoozed, kind="snooze")
