"""Replies that survive faults, and buttons pressed twice, end to end (issue 11, items 2 and 6):
the real bot, the emulator with injected faults, a real database (SQLite, or PostgreSQL with
TEST_DATABASE_URL).

After the turn's commit a reply is retried (429 after its retry_after, 5xx, network errors),
kept in the outbox while it fails and sent by the outbox job later, in order; the user is never
told to try again for work that was stored. The same button pressed twice does nothing more.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, OutboxRow, PainRatingRow, UserRow
from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from tests.e2e.people import MONDAY_18, ManualClock, press_forged, ready

# serial: timing under crashes and kills; `make test` runs these alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.serial]

ERROR_TEXTS = ("schiefgelaufen", "went wrong")
BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


async def count(db: Database, table: Any, user_id: int) -> int:
    async with db.session() as session:
        found = await session.scalar(
            select(func.count()).select_from(table).where(table.user_id == user_id)
        )
    return int(found or 0)


async def outbox_rows(db: Database) -> list[OutboxRow]:
    async with db.session() as session:
        return list(await session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def collect(person: Person, *needles: str, timeout: float = 20.0) -> list[BotMessage]:
    """Read the person's new messages until every needle was in one (in this order)."""
    seen: list[BotMessage] = []
    deadline = time.monotonic() + timeout
    wanted = list(needles)
    while wanted:
        left = deadline - time.monotonic()
        assert left > 0, f"never answered with {wanted!r}; got {[m.text[:40] for m in seen]}"
        batch = await person.replies(timeout=min(left, 2.0), allow_none=True)
        seen.extend(batch)
        for message in batch:
            if wanted and wanted[0] in message.text:
                wanted.pop(0)
    return seen


def no_error_text(messages: list[BotMessage]) -> bool:
    return not any(error in message.text for message in messages for error in ERROR_TEXTS)


def sends_to(bot_api: BotApiEmulator, chat_id: int, since: int = 0) -> int:
    return sum(
        1
        for method, params in bot_api.calls[since:]
        if method.lower() == "sendmessage" and str(params.get("chat_id")) == str(chat_id)
    )


def edits(bot_api: BotApiEmulator) -> int:
    return sum(1 for method, _ in bot_api.calls if method.lower() == "editmessagetext")


# --- replies after the commit --------------------------------------------------------------


async def test_one_502_on_the_reply_is_retried_and_counted_once(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    ada = await ready(bot_api, "de", "Ada")
    bot_api.fail("sendMessage", 502, times=1)
    await ada.send("erledigt")
    replies = await ada.replies()
    assert "1/3" in replies[0].text and no_error_text(replies)
    assert ("sendMessage", 502, "Internal Server Error") in bot_api.errors
    assert await count(db, ExerciseLogRow, ada.id) == 1
    assert await outbox_rows(db) == []  # what Telegram took is not kept


async def test_a_502_html_page_from_a_proxy_is_retried(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    """A load balancer's HTML page instead of JSON: python-telegram-bot raises NetworkError
    ("Bad Gateway (502). Parsing the server response … failed"), a transient failure."""
    bea = await ready(bot_api, "en", "Bea")
    bot_api.fail("sendMessage", 502, times=2, html=BAD_GATEWAY_PAGE)
    await bea.send("done")
    replies = await bea.replies()
    assert "1/3" in replies[0].text and no_error_text(replies)
    assert await count(db, ExerciseLogRow, bea.id) == 1


async def test_429_waits_for_retry_after(bot_api: BotApiEmulator, app: Any, db: Database) -> None:
    cem = await ready(bot_api, "de", "Cem")
    bot_api.fail("sendMessage", 429, times=1, retry_after=2)
    started = time.monotonic()
    await cem.send("erledigt")
    replies = await cem.replies()
    assert time.monotonic() - started >= 2.0  # Telegram's retry_after was honoured
    assert "1/3" in replies[0].text and no_error_text(replies)
    assert await count(db, ExerciseLogRow, cem.id) == 1


async def test_replies_that_keep_failing_come_later_from_the_outbox_in_order(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    """Every inline attempt fails: the turn's replies wait in the outbox (the first with its
    error class, the second behind it); a new message queues behind them; the job sends all
    of them, in order, once they are due; the exercise is counted once."""
    dan = await ready(bot_api, "de", "Dan")
    bot_api.fail("sendMessage", 502, times=6)  # 4 inline attempts, then 2 of the job's
    await dan.send("erledigt")
    await until(lambda: _attempts_at_least(db, 1))  # after the inline retries (about 4 s)
    assert await dan.replies(timeout=0.5, allow_none=True) == []
    rows = await outbox_rows(db)
    assert [row.status for row in rows] == ["pending", "pending"]
    assert rows[0].attempts == 1 and rows[0].last_error == "NetworkError"
    assert "1/3" in rows[0].payload["params"]["text"]

    clock.set(MONDAY_18 + timedelta(seconds=6))  # the first retry is due: it fails again

    async def tried_again() -> bool:
        return (await outbox_rows(db))[0].attempts == 2

    await until(tried_again)
    await dan.send("/help")  # queued behind the two; the job tries all now, and fails once more
    await until(lambda: _attempts_at_least(db, 3))
    assert await dan.replies(timeout=0.5, allow_none=True) == []

    clock.set(MONDAY_18 + timedelta(minutes=5))  # the API is back
    replies = await collect(dan, "1/3", "0 = gar nicht", "/export")
    assert no_error_text(replies)
    assert await count(db, ExerciseLogRow, dan.id) == 1
    await until(lambda: _outbox_empty(db))


async def _attempts_at_least(db: Database, attempts: int) -> bool:
    rows = await outbox_rows(db)
    return bool(rows) and rows[0].attempts >= attempts


async def _outbox_empty(db: Database) -> bool:
    return await outbox_rows(db) == []


async def test_a_blocked_user_gets_no_further_calls(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    eva = await ready(bot_api, "de", "Eva")
    await eva.send("erledigt")
    await eva.replies()
    bot_api.block(eva)
    mark = len(bot_api.calls)
    await eva.send("erledigt")  # stored; the reply gets 403 "bot was blocked by the user"
    assert await eva.replies(timeout=1.5, allow_none=True) == []
    assert sends_to(bot_api, eva.id, mark) == 1  # not retried; the pain question not tried
    async with db.session() as session:
        user = await session.get(UserRow, eva.id)
        assert user is not None and not user.active
    assert [row.status for row in await outbox_rows(db)] == ["failed", "failed"]
    assert {row.last_error for row in await outbox_rows(db)} == {"Forbidden"}
    await asyncio.sleep(1.0)  # the outbox job does not try again either
    assert sends_to(bot_api, eva.id, mark) == 1
    assert await count(db, ExerciseLogRow, eva.id) == 2


# --- buttons pressed twice -----------------------------------------------------------------


async def test_pain_button_tapped_twice_stores_one_rating(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    fay = await ready(bot_api, "de", "Fay")
    await fay.send("erledigt")
    await fay.replies()
    await fay.press("3")
    await fay.press("3")  # before the first tap's answer arrived: the same message, same data
    replies = await fay.replies()
    assert [reply.edited for reply in replies] == [True] and "3/10" in replies[0].text
    assert no_error_text(replies)
    assert await count(db, PainRatingRow, fay.id) == 1
    assert edits(bot_api) == 1  # the second press did nothing
    assert not bot_api.open_callback_queries  # but both were answered
    assert bot_api.answers[fay.id] == ["Schon angekommen 👍"]


async def test_next_page_twice_on_myths_is_no_error(bot_api: BotApiEmulator, app: Any) -> None:
    gus = await ready(bot_api, "de", "Gus")
    await gus.send("/myths")
    await gus.replies()
    await gus.press("▶")
    await gus.press("▶")
    replies = await gus.replies()
    assert len(replies) == 1 and "Seite 2/3" in replies[0].text and no_error_text(replies)
    assert edits(bot_api) == 1
    assert not any("not modified" in description for _, _, description in bot_api.errors)
    # The page came back after an edit: the same button counts anew (the message changed).
    await gus.press("◀")
    assert "Seite 1/3" in (await gus.reply()).text
    await gus.press("▶")
    assert "Seite 2/3" in (await gus.reply()).text


async def test_a_myth_can_be_read_again_from_the_same_list(
    bot_api: BotApiEmulator, app: Any
) -> None:
    """Repeatable buttons (menu, myths) work again later; only a double tap is dropped."""
    hal = await ready(bot_api, "de", "Hal")
    await hal.send("/myths")
    await hal.replies()
    await hal.press("Röntgen oder MRT?")
    await hal.press("Röntgen oder MRT?")  # double tap
    assert len(await hal.replies()) == 1
    await asyncio.sleep(5.5)  # DOUBLE_TAP later: read it again on purpose
    await hal.press("Röntgen oder MRT?")
    assert (await hal.reply()).text.startswith("❌ Mythos")


async def test_message_is_not_modified_is_success(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    ivo = await ready(bot_api, "de", "Ivo")
    await ivo.send("/myths")
    await ivo.replies()
    bot_api.fail("editMessageText", 400, description=NOT_MODIFIED)
    await ivo.press("▶")
    assert await ivo.replies(timeout=1.0, allow_none=True) == []  # no error text, no resend
    assert await outbox_rows(db) == []


async def test_an_edit_telegram_refuses_is_sent_as_a_new_message(
    bot_api: BotApiEmulator, app: Any
) -> None:
    jan = await ready(bot_api, "de", "Jan")
    await jan.send("/myths")
    await jan.replies()
    bot_api.fail("editMessageText", 400, description="Bad Request: message can't be edited")
    await jan.press("▶")
    (page,) = await jan.replies()
    assert not page.edited and "Seite 2/3" in page.text


async def test_forged_reminder_buttons_are_out_of_date(bot_api: BotApiEmulator, app: Any) -> None:
    kim = await ready(bot_api, "de", "Kim")
    for data in (
        "rem:done:" + "9" * 20,
        "rem:done:abc",
        "rem:done:4294967296",
        "rem:at:" + "9" * 20 + ":1830",
        "rem:snz:-1",
    ):
        await press_forged(bot_api, kim, data)
        reply = await kim.reply()
        assert "nicht mehr aktuell" in reply.text, (data, reply.text)


# --- a fault run ------------------------------------------------------------------------------


async def test_fault_run_every_message_answered_nothing_doubled(
    bot_api: BotApiEmulator, app: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four people log exercises, browse /myths and rate their pain while sends and edits fail:
    before each of their steps, the next sends or edits are set to fail with 429 (retry_after 1)
    or 502 (JSON or a proxy's HTML page), one to three times in a row (more than the inline
    retries: those replies come from the outbox job, whose backoff is shortened here to keep the
    run short; the order and the counts are what is tested). The faults follow the people's
    steps, not the clock, so a fast machine meets as many faults as a slow one."""
    monkeypatch.setattr("bot.outbox.BACKOFF_FIRST", timedelta(seconds=1))
    monkeypatch.setattr("bot.outbox.BACKOFF_MAX", timedelta(seconds=2))
    people = [await ready(bot_api, language, name) for language, name in PEOPLE]
    randomness = random.Random(11)

    def inject() -> None:
        method = randomness.choice(("sendMessage", "sendMessage", "editMessageText"))
        status = randomness.choice((429, 502, 502))
        times = randomness.randint(1, 2 if status == 429 else 3)
        bot_api.fail(
            method,
            status,
            times=times,
            retry_after=1 if status == 429 else None,
            html=BAD_GATEWAY_PAGE if status == 502 and randomness.random() < 0.5 else None,
        )

    async def chat(person: Person) -> None:
        german = person.language_code == "de"
        for number in (1, 2):
            inject()
            await person.send("erledigt" if german else "done")
            await collect(person, f"{number}/3", "10 = ", timeout=40)
        inject()
        await person.press("2")
        await collect(person, "2/10", timeout=40)
        inject()
        await person.send("/myths")
        await collect(person, "1/3", timeout=40)
        inject()
        await person.press("▶")
        await person.press("▶")
        await collect(person, "2/3", timeout=40)

    await asyncio.wait_for(asyncio.gather(*(chat(person) for person in people)), 120)
    served = [error for error in bot_api.errors if error[1] in (429, 502)]
    assert len(served) >= MIN_FAULTS_SERVED, served
    for person in people:
        assert no_error_text(person.messages)
        assert await count(db, ExerciseLogRow, person.id) == 2
        assert await count(db, PainRatingRow, person.id) == 1
    assert {status for _, status, _ in served} == {429, 502}


PEOPLE = (("de", "Lea"), ("en", "Max"), ("de", "Nia"), ("en", "Oli"))
MIN_FAULTS_SERVED = 12  # of 20 injected (5 steps x 4 people); some edits go unmet
