"""The production topology, end to end: two `python -m bot run` processes in webhook mode
behind a round-robin proxy, sharing one PostgreSQL database, with the emulator pushing every
update to the proxy as Telegram pushes to a load balancer.

Why: with several processes nothing may live in one process's memory. A dialog's next step
arrives at the other process; Telegram sends an update again (to whichever process the
balancer picks) when it missed the 200; both processes read the same inbox rows and claim
from the same reminder table. The test proves that, under that load, every person gets every
answer once and in order, every session is stored once (a redelivered "erledigt" or undo
confirmation does nothing), a plan dialog completes although its steps alternate between
the processes, and every due reminder is sent exactly once.

The proxy (`RoundRobinProxy`) deals each conversation's updates to the processes in turn, so
consecutive steps of one person always land on different processes (the worst case for
dialog state); it delivers every third update of a conversation to both processes at once
(two processes handling the same update at the same moment), and sends an update it has seen
before (the emulator's `redeliver`) to the process that did not get it last time.
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, InboxRow, OutboxRow, ReminderRow
from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from bot.webhook import SECRET_HEADER
from tests.e2e.people import bot_process, free_port
from tests.e2e.test_habit_processes import add_reminder_user, expect, reminders_to, wait_until
from tests.e2e.test_inbox import webhook_settings

# serial: timing under crashes and kills; `make test` runs these alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.serial]

PEOPLE: tuple[tuple[str, str], ...] = (
    ("Anna", "de"),
    ("John", "en"),
    ("Jonas", "de"),
    ("Mary", "en"),
    ("Lena", "de"),
    ("Tom", "en"),
    ("Paul", "de"),
    ("Kate", "en"),
    ("Ida", "de"),
    ("Sam", "en"),
)
REMINDER_USERS = 20
# Every third update of a conversation (its 2nd, 5th, 8th, 11th) goes to both processes at once.
DUPLICATE_EVERY = 3
# Messages the bot sends by itself (not answers): left out of the in-order check, in case the
# test runs when a plan's reminder, nudge or summary falls due.
SCHEDULED = (
    "Zeit für deine 10 Minuten",
    "Time for your 10 minutes",
    "Kleiner Anstoß",
    "A gentle nudge",
    "Wochenrückblick",
    "Weekly summary",
)
# What a second handling of an update would show: an error, a session counted or undone again,
# a button "pressed again" (a toast).
NEVER = (
    "schiefgelaufen",
    "went wrong",
    "schon eingetragen",
    "already logged",
    "schon gelöscht",
    "already deleted",
    "Schon angekommen",
    "Got that already",
)


def conversation(update: dict[str, Any]) -> int:
    """The chat an update belongs to (a button press: its message's chat), else the sender,
    else the update itself."""
    for kind in ("message", "edited_message", "callback_query", "my_chat_member"):
        body = update.get(kind)
        if not isinstance(body, dict):
            continue
        chat = body.get("chat") or (body.get("message") or {}).get("chat")
        if isinstance(chat, dict):
            return int(chat["id"])
        return int(body["from"]["id"])
    return int(update["update_id"])


class RoundRobinProxy:
    """A load balancer in front of the bot processes' webhook servers (see module docstring).

    `accepted[i]`: updates process i answered 200; `deliveries[update_id]`: the processes it
    was posted to, in order; `duplicated`: the updates posted to every process at once;
    `refused`: (update_id, process, status) of every answer that was not 200.
    """

    def __init__(self, ports: Sequence[int]) -> None:
        self.backends = [f"http://127.0.0.1:{port}/hook" for port in ports]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.accepted = [0] * len(ports)
        self.deliveries: dict[int, list[int]] = defaultdict(list)
        self.duplicated: set[int] = set()
        self.refused: list[tuple[int, int, int]] = []
        self._turns: Counter[int] = Counter()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._http = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_post("/hook", self._receive)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    def targets(self, update: dict[str, Any]) -> list[int]:
        """Where to post `update`: a known one to the process after the one that got it last;
        a new one to its conversation's next process in turn, or every third to all."""
        update_id = int(update["update_id"])
        earlier = self.deliveries.get(update_id)
        if earlier:
            return [(earlier[-1] + 1) % len(self.backends)]
        chat = conversation(update)
        turn = self._turns[chat]
        self._turns[chat] += 1
        first = (chat + turn) % len(self.backends)
        if turn % DUPLICATE_EVERY == 1:
            self.duplicated.add(update_id)
            return [first, *(i for i in range(len(self.backends)) if i != first)]
        return [first]

    async def _receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        update = json.loads(body)
        update_id = int(update["update_id"])
        targets = self.targets(update)
        self.deliveries[update_id].extend(targets)
        headers = {
            "Content-Type": "application/json",
            SECRET_HEADER: request.headers.get(SECRET_HEADER, ""),
        }
        statuses = await asyncio.gather(*(self._post(i, body, headers) for i in targets))
        for target, status in zip(targets, statuses, strict=True):
            if status == 200:
                self.accepted[target] += 1
            else:
                self.refused.append((update_id, target, status))
        return web.Response(status=statuses[0])

    async def _post(self, target: int, body: bytes, headers: dict[str, str]) -> int:
        assert self._http is not None
        try:
            async with self._http.post(
                self.backends[target],
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=10),
            ) as response:
                return response.status
        except (aiohttp.ClientError, TimeoutError):
            return 502


@dataclass(frozen=True)
class Words:
    """What a person of one language writes and presses, and the answers they wait for."""

    welcome: str
    consent: str
    thanks: str
    done: tuple[str, str, str]  # 10 minutes (bare), 15 (undone later), 20
    logged: str  # a "done" answer: `{}` the minutes, then the weekly count
    plan_days: str
    next: str
    ask_time: str
    ask_zone: str
    keep_zone: str
    saved: str  # `{}` the time
    undo_ask: str
    yes: str
    undone: str


WORDS = {
    "de": Words(
        welcome="Bist du einverstanden?",
        consent="Verstanden",
        thanks="Danke! Schön, dass du da bist",
        done=("erledigt", "15 min erledigt", "erledigt 20"),
        logged="eingetragen: {} Minuten. Diese Woche: {}/3",
        plan_days="An welchen Tagen",
        next="Weiter",
        ask_time="Um welche Uhrzeit",
        ask_zone="Deine Zeitzone ist Europe/Berlin",
        keep_zone="Passt so",
        saved="Gespeichert: Mo, Mi, Fr um {} (Europe/Berlin)",
        undo_ask="Soll ich diese Einheit löschen",
        yes="Ja",
        undone="Zurückgenommen: die letzte Einheit (15 Minuten). Diese Woche: 1/3",
    ),
    "en": Words(
        welcome="Do you agree?",
        consent="Understood",
        thanks="Thank you! Glad you're here",
        done=("done", "done 15", "done 20"),
        logged="logged: {} minutes. This week: {}/3",
        plan_days="On which days",
        next="Next",
        ask_time="What time should I remind you",
        ask_zone="Your timezone is Europe/Berlin",
        keep_zone="That's right",
        saved="Saved: Mon, Wed, Fri at {} (Europe/Berlin)",
        undo_ask="Shall I delete this session",
        yes="Yes",
        undone="Undone: your last session (15 minutes). This week: 1/3",
    ),
}


@dataclass
class Journey:
    """One person's conversation: the answers expected in order, the sessions that must
    remain (update key → minutes), the plan dialog's updates and those sent again."""

    person: User
    answers: list[str] = field(default_factory=list)
    sessions: dict[str, int] = field(default_factory=dict)
    dialog: list[int] = field(default_factory=list)
    logging: list[int] = field(default_factory=list)
    redelivered: list[int] = field(default_factory=list)


def plan_time(now: datetime) -> str:
    """A reminder time outside the quiet hours (21:00–08:00) and at least 4 hours from now in
    Berlin, so that no planned reminder falls due during the test."""
    local = now.astimezone(ZoneInfo("Europe/Berlin"))
    minute = local.hour * 60 + local.minute

    def distance(candidate: int) -> int:
        gap = abs(candidate * 60 - minute)
        return min(gap, 24 * 60 - gap)

    return f"{max((9, 13, 17), key=distance):02d}:00"


async def converse(bot_api: BotApiEmulator, person: User, at: str) -> Journey:
    """/start and consent, three sessions in words (the second undone with /undo and its
    confirmation), the plan dialog in between; two updates are sent again by Telegram."""
    words = WORDS[person.language_code or "de"]
    journey = Journey(person)

    async def step(sent: Any, answer: str) -> int:
        journey.answers.append(answer)
        await expect(person, answer)
        return int(sent)

    await step(await person.send("/start"), words.welcome)
    await step(await person.press(words.consent), words.thanks)
    first = await step(await person.send(words.done[0]), words.logged.format(10, 1))
    bot_api.redeliver(first)  # Telegram missed the 200: the same "erledigt" again
    journey.redelivered.append(first)
    journey.dialog.append(await step(await person.send("/plan"), words.plan_days))
    journey.dialog.append(await step(await person.press(words.next), words.ask_time))
    journey.dialog.append(await step(await person.send(at), words.ask_zone))
    journey.dialog.append(await step(await person.press(words.keep_zone), words.saved.format(at)))
    second = await step(await person.send(words.done[1]), words.logged.format(15, 2))
    await step(await person.send("/undo"), words.undo_ask)
    confirm = await step(await person.press(words.yes), words.undone)
    bot_api.redeliver(confirm)  # the confirmation again: must not undo another session
    journey.redelivered.append(confirm)
    third = await step(await person.send(words.done[2]), words.logged.format(20, 2))
    journey.logging = [first, second, third]
    journey.sessions = {f"u{first}": 10, f"u{third}": 20}
    return journey


def answered_in_order(
    person: User, outputs: Sequence[BotMessage], answers: Sequence[str]
) -> list[str]:
    """The problems with a person's chat: every expected answer must come once, in order, and
    nothing that a second handling of an update would show."""
    texts = [m.text for m in outputs if not any(s in m.text for s in SCHEDULED)]
    problems = [
        f"{never!r} shown" for never in NEVER if any(never in t for t in [*texts, *person.answers])
    ]
    position = 0
    for answer in answers:
        found = next((i for i in range(position, len(texts)) if answer in texts[i]), None)
        if found is None:
            problems.append(f"{answer!r} missing or out of order")
        else:
            position = found + 1
    for answer in set(answers):
        want, got = answers.count(answer), sum(answer in text for text in texts)
        if got != want:
            problems.append(f"{answer!r} {got} times, expected {want}")
    return problems


async def ready(ports: Sequence[int], bot_api: BotApiEmulator, processes: Sequence[Any]) -> None:
    """Wait until both processes answer /healthz and both have set the webhook (each
    setWebhook restarts the emulator's pushing, so no update is sent before the last)."""

    async def healthy(http: aiohttp.ClientSession, port: int) -> bool:
        try:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                return response.status == 200
        except aiohttp.ClientError:
            return False

    async with aiohttp.ClientSession() as http:

        async def up() -> bool:
            for process in processes:
                assert process.returncode is None, "a bot process exited"
            set_webhook = sum(method == "setWebhook" for method, _ in bot_api.calls)
            return set_webhook >= len(ports) and all([await healthy(http, port) for port in ports])

        await wait_until(up, 60)  # each process trains its text models first (seconds)
    await asyncio.sleep(0.3)  # the last setWebhook's answer is on its way


async def settled(db: Database, bot_api: BotApiEmulator) -> bool:
    """Nothing waits anywhere: not at the emulator, in the inbox or in the outbox."""
    if bot_api.pending_update_count:
        return False
    async with db.session() as session:
        inbox = await session.scalar(select(func.count()).select_from(InboxRow))
        outbox = await session.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.status != "failed")
        )
    return inbox == 0 and outbox == 0


@pytest.mark.postgres
async def test_two_webhook_processes_behind_a_round_robin_proxy(
    tmp_path: Path, bot_api: BotApiEmulator, db: Database, database_url: str
) -> None:
    """Ten people (German and English) chat at once through the proxy while 20 reminders are
    due: each person gets every answer once and in order, keeps exactly the sessions they
    logged and did not undo (a redelivered "erledigt" or undo confirmation changes nothing),
    finishes the plan dialog whose steps alternate between the processes; each reminder is
    sent once; both processes took half the updates; no reply was given up."""
    assert database_url.startswith("postgresql")
    ports = [free_port(), free_port()]
    proxy = RoundRobinProxy(ports)
    await proxy.start()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    hooks = [{**webhook_settings(port), "WEBHOOK_URL": proxy.url} for port in ports]
    people = [bot_api.user(first_name=name, language_code=lang) for name, lang in PEOPLE]
    at = plan_time(datetime.now(UTC))
    try:
        async with (
            bot_process(
                tmp_path / "a", bot_api, database_url, stop=signal.SIGTERM, **hooks[0]
            ) as a,
            bot_process(
                tmp_path / "b", bot_api, database_url, stop=signal.SIGTERM, **hooks[1]
            ) as b,
        ):
            await ready(ports, bot_api, [a, b])
            now = datetime.now(UTC)
            due = [
                await add_reminder_user(db, bot_api, now - timedelta(seconds=i))
                for i in range(REMINDER_USERS)
            ]
            journeys = await asyncio.gather(*(converse(bot_api, p, at) for p in people))
            await wait_until(lambda: all(reminders_to(bot_api, uid) >= 1 for uid in due), 20)

            async def quiet() -> bool:
                return await settled(db, bot_api)

            await wait_until(quiet, 20)
            await asyncio.sleep(1.0)  # a few more reminder ticks: nothing may be sent again
            assert a.returncode is None and b.returncode is None
    finally:
        await proxy.stop()

    # Both processes took a real share of the updates; none was refused.
    assert proxy.refused == [] and bot_api.webhook_errors == []
    total = sum(proxy.accepted)
    assert min(proxy.accepted) >= 0.35 * total, proxy.accepted

    async with db.session() as session:
        rows = (
            await session.execute(
                select(ExerciseLogRow.user_id, ExerciseLogRow.update_key, ExerciseLogRow.minutes)
            )
        ).all()
        reminders = (
            await session.execute(
                select(ReminderRow.user_id, ReminderRow.status, ReminderRow.claimed_by).where(
                    ReminderRow.user_id.in_(due), ReminderRow.kind == "snooze"
                )
            )
        ).all()
        given_up = await session.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "failed")
        )
    assert given_up == 0
    stored: dict[int, dict[str, int]] = defaultdict(dict)
    for user_id, key, minutes in rows:
        assert key not in stored[user_id], (user_id, key)
        stored[user_id][key or ""] = minutes

    problems: dict[str, list[str]] = {}
    for journey in journeys:
        person = journey.person
        found = answered_in_order(person, bot_api.chat(person.id).outputs, journey.answers)
        if stored[person.id] != journey.sessions:
            found.append(f"sessions {stored[person.id]}, expected {journey.sessions}")
        # The plan dialog's steps were received by the processes in turn.
        receivers = [proxy.deliveries[update_id][0] for update_id in journey.dialog]
        if any(x == y for x, y in pairwise(receivers)):
            found.append(f"dialog steps received by {receivers}")
        # Sent again to the other process (and the "15 min" / "20" at once to both).
        for update_id in journey.redelivered:
            if len(set(proxy.deliveries[update_id])) != 2:
                found.append(f"update {update_id} went to {proxy.deliveries[update_id]}")
        if not set(journey.logging[1:]) <= proxy.duplicated:
            found.append(f"logging updates {journey.logging[1:]} not all duplicated")
        if found:
            problems[f"{person.first_name} ({person.id})"] = found
    assert problems == {}, problems
    assert not set(stored) - {j.person.id for j in journeys}  # no session for anyone else

    assert [reminders_to(bot_api, uid) for uid in due] == [1] * REMINDER_USERS
    assert len(reminders) == REMINDER_USERS and {s for _, s, _ in reminders} == {"sent"}
    print(
        "updates accepted per process:",
        proxy.accepted,
        "posted to both at once:",
        len(proxy.duplicated),
        "reminder claims:",
        Counter(c for _, _, c in reminders),
    )
