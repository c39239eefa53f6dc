"""Update throughput of the real bot against the local Bot API emulator, as a ratio to an echo bot.

`python -m benchmarks.throughput [--json PATH] [--mode closed|burst] [--latency MS]` (the last
step of `make bench`); `--profile` (`make profile`) runs the Rückenwind scenario once under
pyinstrument instead.

Scenario: 50 users each send 10 × "erledigt" (after one unmeasured warm-up message each). The
bot runs in this process and polls the emulator over loopback HTTP, as the end-to-end tests
run it (`tests/conftest.py`): the emulator and the simulated users share the process and its
event loop with the bot – the same for every bot measured, so the ratio compares like with
like; absolute figures depend on the machine and are only read next to the baseline.

- mode `closed` (the default): each user sends the next message only once the whole answer to
  the previous one has arrived (the echo bot's one message, Rückenwind's two: the count and the
  pain-rating question), so 50 messages are in flight at any time; `burst`: each user sends
  all 10 at once, then waits.
- updates/s: 500 / seconds from the first measured send to the last answer; latency: from a
  message's send until the last message of its answer reached the emulator (p50 / p95 / p99).
- baseline: `benchmarks.echo_bot`, a minimal python-telegram-bot echo bot (sequential, no rate
  limiter), run before and after the real bot; the ratio is against the mean of the two runs,
  and the two echo rows show how much the machine drifted meanwhile.
- Rückenwind: `bot.testing.harness.polling_bot` (the durable inbox; rate limiter off;
  REPEAT_LOG_WINDOW_MINUTES=0, so every "erledigt" is logged) on a fresh SQLite file, and on
  PostgreSQL when TEST_DATABASE_URL is set: in a scratch database created next to the given one
  and dropped afterwards (without the right to create one: the given database itself, only if it
  holds no tables; nothing else is ever dropped).
- each run is checked: every user got exactly the expected messages, and Rückenwind stored one
  exercise log per "erledigt". Log records (warnings, errors) go to the `.log` next to the JSON
  and are counted per run.
- `--latency MS` answers every Bot API call MS ms later, as Telegram's servers do at a
  distance. Over bare loopback no call waits for anything, so every bot is bound by CPU alone;
  with a round trip the sequential echo bot waits for each send, which a concurrent bot
  overlaps across users.

Goal (issue "performance"; read from the table, never asserted): Rückenwind ≥ 1.0× the echo
bot's updates/s – concurrency lets a real bot overlap what the sequential echo bot cannot.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from benchmarks.echo_bot import build_echo_bot
from bot.services import services
from bot.storage.models import ExerciseLogRow
from bot.testing import methods
from bot.testing.driver import User
from bot.testing.harness import emulator_settings, polling_bot
from bot.testing.ptb import polling
from bot.testing.server import BotApiEmulator

USERS = 50
MESSAGES = 10
WARM_UP = 1  # unmeasured messages per user first (connections, caches, each user's first log)
TEXT = "erledigt"
# Messages the bot sends per "erledigt": the count ("Diese Woche: 1/3" …) and the pain-rating
# question; the echo bot sends one.
ECHO_ANSWER = 1
ECHO = "echo (PTB, sequential)"
RUECKENWIND_ANSWER = 2
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_JSON = RESULTS / "throughput.json"
# Seconds a whole phase (onboarding, warm-up, measurement) may take before the run is called
# hung; far beyond what a working bot needs, short enough to fail a stuck `make bench` soon.
PHASE_TIMEOUT = 120.0
GOAL_RATIO = 1.0
PROFILE_LINES = 70  # lines of the call tree `make profile` prints


@dataclass
class Result:
    bot: str
    database: str | None
    mode: str
    users: int
    messages_per_user: int
    seconds: float
    updates_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    ratio_to_echo: float | None = None
    warm_up_seconds: float = 0.0  # the unmeasured first message of every user (cold start)
    warnings_logged: int = 0  # log records at WARNING and above during the run (see the .log)
    # The bot's database work per measured update, background jobs included.
    sql_statements_per_update: float | None = None
    commits_per_update: float | None = None


class Answers:
    """Futures that resolve (to `time.perf_counter()`) once a chat holds a given number of bot
    outputs. One watcher on the emulator's output signal, instead of 50 users each woken by
    every output of every chat."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self._emulator = emulator
        self._waiting: dict[int, deque[tuple[int, asyncio.Future[float]]]] = {}

    def expect(self, chat_id: int, outputs: int) -> asyncio.Future[float]:
        """Resolves once chat `chat_id` holds `outputs` outputs (in the order of the calls)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(chat_id, deque()).append((outputs, future))
        return future

    async def watch(self) -> None:
        while True:
            await self._emulator.outputs_signal.wait(None)
            now = time.perf_counter()
            for chat_id, queue in list(self._waiting.items()):
                outputs = len(self._emulator.chat(chat_id).outputs)
                while queue and outputs >= queue[0][0]:
                    _, future = queue.popleft()
                    if not future.done():
                        future.set_result(now)
                if not queue:
                    del self._waiting[chat_id]


def outputs(emulator: BotApiEmulator, user: User) -> int:
    return len(emulator.chat(user.id).outputs)


async def closed_loop(
    emulator: BotApiEmulator, answers: Answers, user: User, messages: int, per_answer: int
) -> list[tuple[float, float]]:
    """Send, wait for the whole answer, send the next: (sent, answered) per message."""
    times = []
    for _ in range(messages):
        answered = answers.expect(user.id, outputs(emulator, user) + per_answer)
        sent = time.perf_counter()
        await user.send(TEXT)
        times.append((sent, await answered))
    return times


async def burst(
    emulator: BotApiEmulator, answers: Answers, user: User, messages: int, per_answer: int
) -> list[tuple[float, float]]:
    """Send every message at once, then wait for all answers: (sent, answered) per message."""
    base = outputs(emulator, user)
    answered = [answers.expect(user.id, base + per_answer * (i + 1)) for i in range(messages)]
    sent = []
    for _ in range(messages):
        sent.append(time.perf_counter())
        await user.send(TEXT)
    return [(s, await a) for s, a in zip(sent, answered, strict=True)]


def percentile(points: list[float], cut: int) -> float:
    return statistics.quantiles(points, n=100, method="inclusive")[cut - 1]


async def drive(
    emulator: BotApiEmulator,
    users: list[User],
    per_answer: int,
    mode: str,
    *,
    bot: str,
    database: str | None,
    around_measurement: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> Result:
    """Warm up (WARM_UP messages per user, closed loop), then measure MESSAGES per user, and
    check that each user got exactly the expected messages."""
    answers = Answers(emulator)
    watcher = asyncio.create_task(answers.watch(), name="benchmark-answers")
    send = closed_loop if mode == "closed" else burst
    try:
        before = {user.id: outputs(emulator, user) for user in users}
        warming = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(
                *(closed_loop(emulator, answers, u, WARM_UP, per_answer) for u in users)
            ),
            PHASE_TIMEOUT,
        )
        warm_up = time.perf_counter() - warming
        gc.collect()
        with around_measurement():
            start = time.perf_counter()
            runs = await asyncio.wait_for(
                asyncio.gather(*(send(emulator, answers, u, MESSAGES, per_answer) for u in users)),
                PHASE_TIMEOUT,
            )
    except TimeoutError:
        raise SystemExit(
            f"{bot}: no answer within {PHASE_TIMEOUT:.0f} s; errors the emulator answered: "
            f"{emulator.errors[-5:]}"
        ) from None
    finally:
        watcher.cancel()
    await asyncio.sleep(0.3)  # an extra message would arrive now
    expected = (WARM_UP + MESSAGES) * per_answer
    wrong = {u.id: outputs(emulator, u) - before[u.id] for u in users}
    wrong = {user_id: got for user_id, got in wrong.items() if got != expected}
    if wrong:
        raise SystemExit(f"{bot}: expected {expected} messages per user, got {wrong}")
    times = [pair for run in runs for pair in run]
    latencies = [(answered - sent) * 1000 for sent, answered in times]
    seconds = max(answered for _, answered in times) - start
    return Result(
        bot=bot,
        database=database,
        mode=mode,
        users=len(users),
        messages_per_user=MESSAGES,
        seconds=round(seconds, 3),
        updates_per_second=round(len(times) / seconds, 1),
        p50_ms=round(percentile(latencies, 50), 1),
        p95_ms=round(percentile(latencies, 95), 1),
        p99_ms=round(percentile(latencies, 99), 1),
        max_ms=round(max(latencies), 1),
        warm_up_seconds=round(warm_up, 2),
    )


def people(emulator: BotApiEmulator) -> list[User]:
    return [emulator.user(f"Nutzer{i}", "de") for i in range(1, USERS + 1)]


@contextmanager
def round_trip(seconds: float) -> Iterator[None]:
    """Every Bot API call answered `seconds` later (half before the emulator handles it, half
    after), like Telegram's servers at a distance; 0 (the default): loopback only."""
    if not seconds:
        yield
        return
    original = dict(methods.HANDLERS)

    def delayed(handler: methods.Handler) -> methods.Handler:
        async def handle(api: methods.Backend, params: dict[str, Any]) -> Any:
            await asyncio.sleep(seconds / 2)
            result = await handler(api, params)
            await asyncio.sleep(seconds / 2)
            return result

        return handle

    methods.HANDLERS.update({name: delayed(handler) for name, handler in original.items()})
    try:
        yield
    finally:
        methods.HANDLERS.update(original)


# ---------------------------------------------------------------------------- the bots
async def run_echo(mode: str, name: str) -> Result:
    async with BotApiEmulator(record_calls=False) as emulator:
        users = people(emulator)
        async with polling(build_echo_bot(emulator), emulator=emulator):
            return await drive(emulator, users, ECHO_ANSWER, mode, bot=name, database=None)


async def onboard(user: User) -> None:
    """/start and accept the disclaimer, as `tests/e2e/people.accept_disclaimer` does, with
    time for 50 people at once; "erledigt" is logged from then on."""
    await user.send("/start")
    await user.replies(timeout=PHASE_TIMEOUT)
    await user.press("Verstanden")
    await user.replies(timeout=PHASE_TIMEOUT)


@asynccontextmanager
async def rueckenwind(emulator: BotApiEmulator, database_url: str) -> AsyncIterator[Any]:
    """The real application polling the emulator, as `tests/conftest.py` runs it."""
    settings = emulator_settings(
        emulator,
        database_url,
        rate_limit_per_second=0,  # the rate limiter is off
        repeat_log_window_minutes=0,  # every "erledigt" is logged, none is asked about
    )
    async with polling_bot(emulator, settings) as application:
        # `User.replies` (onboarding) waits until the bot handled everything
        yield application


class Statements:
    """Counts the SQL statements and commits of an engine while `measuring`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.statements = self.commits = 0
        self.on = False
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(engine.sync_engine, "commit", self._commit)

    def _statement(self, *_: object) -> None:
        self.statements += self.on

    def _commit(self, *_: object) -> None:
        self.commits += self.on

    def measuring(
        self, around: Callable[[], AbstractContextManager[Any]]
    ) -> Callable[[], AbstractContextManager[Any]]:
        @contextmanager
        def counting() -> Iterator[None]:
            with around():
                self.on = True
                try:
                    yield
                finally:
                    self.on = False

        return counting


async def run_rueckenwind(
    mode: str,
    database_url: str,
    database: str,
    around_measurement: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> Result:
    async with BotApiEmulator(record_calls=False) as emulator:
        users = people(emulator)
        async with rueckenwind(emulator, database_url) as application:
            await asyncio.wait_for(asyncio.gather(*(onboard(u) for u in users)), PHASE_TIMEOUT)
            await emulator.settled(PHASE_TIMEOUT)
            sql = Statements(services(application).db.engine)
            result = await drive(
                emulator,
                users,
                RUECKENWIND_ANSWER,
                mode,
                bot=f"rückenwind ({database})",
                database=database,
                around_measurement=sql.measuring(around_measurement),
            )
            async with services(application).db.session() as session:
                logged = await session.scalar(select(func.count()).select_from(ExerciseLogRow))
    expected = USERS * (WARM_UP + MESSAGES)
    if logged != expected:
        raise SystemExit(f"rückenwind ({database}): {logged} exercise logs, expected {expected}")
    updates = USERS * MESSAGES
    result.sql_statements_per_update = round(sql.statements / updates, 1)
    result.commits_per_update = round(sql.commits / updates, 1)
    return result


@asynccontextmanager
async def scratch_postgres(url: str, purpose: str = "throughput") -> AsyncIterator[str]:
    """A fresh, empty database next to the one `url` names (named after `purpose`, a
    benchmark), dropped afterwards; without the right to create one, the named database itself
    if it holds no tables (it is left as is)."""
    given = make_url(url).set(drivername="postgresql+asyncpg")
    stem = re.sub(r"[^a-z0-9_]", "_", (given.database or "postgres").lower())[:40]
    name = f"{stem}_{purpose}_{os.getpid()}"
    admin = create_async_engine(given, isolation_level="AUTOCOMMIT")
    created = False
    try:
        try:
            async with admin.connect() as connection:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
            created = True
        except DBAPIError:
            async with admin.connect() as connection:
                tables = await connection.scalar(
                    text(
                        "SELECT count(*) FROM information_schema.tables "
                        "WHERE table_schema = current_schema()"
                    )
                )
            if tables:
                raise SystemExit(
                    f"cannot create a scratch database, and {given.database} is not empty: "
                    "the PostgreSQL run needs an empty database or the CREATEDB right"
                ) from None
        target = given.set(database=name) if created else given
        yield target.render_as_string(hide_password=False)
    finally:
        if created:
            async with admin.connect() as connection:
                try:  # FORCE (PostgreSQL 13+) ends connections a crashed run may have left
                    await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                except DBAPIError:
                    await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        await admin.dispose()


# ---------------------------------------------------------------------------- reporting
class Tally(logging.Handler):
    """Counts the log records at WARNING and above (database lock errors, retries …)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def logged_to(path: Path) -> Iterator[Tally]:
    """Warnings and errors of every run go to `path` (not the terminal) and are counted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    file = logging.FileHandler(path, mode="w", encoding="utf-8")
    file.setLevel(logging.WARNING)
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    tally = Tally()
    root = logging.getLogger()
    root.addHandler(file)
    root.addHandler(tally)
    try:
        yield tally
    finally:
        root.removeHandler(tally)
        root.removeHandler(file)
        file.close()


def table(results: list[Result]) -> str:
    header = (
        f"{'bot':<32} {'updates/s':>10} {'× echo':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        f" {'warnings':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        ratio = f"{r.ratio_to_echo:.2f}" if r.ratio_to_echo is not None else "–"
        lines.append(
            f"{r.bot:<32} {r.updates_per_second:>10.1f} {ratio:>7} "
            f"{r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {r.p99_ms:>8.1f} {r.warnings_logged:>8}"
        )
    return "\n".join(lines)


def write_json(
    path: Path, results: list[Result], baseline: float, mode: str, latency_ms: float
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "benchmark": "throughput",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "scenario": {
            "users": USERS,
            "messages_per_user": MESSAGES,
            "warm_up_per_user": WARM_UP,
            "text": TEXT,
            "mode": mode,
            "rate_limiter": "off",
            "bot_api_round_trip_ms": latency_ms,
            "transport": "emulator in the same process, loopback HTTP, long polling",
        },
        "baseline_updates_per_second": baseline,
        "goal": {"ratio_to_echo": GOAL_RATIO},
        "results": [asdict(r) for r in results],
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


async def benchmark(mode: str, tally: Tally) -> tuple[list[Result], float]:
    """The echo bot, Rückenwind on SQLite (and PostgreSQL when TEST_DATABASE_URL is set), the
    echo bot again: the baseline is the mean of the two echo runs, which brackets any drift of
    the machine (other processes) during the run. Returns the results and the baseline."""
    results: list[Result] = []

    async def measure(run: Awaitable[Result]) -> None:
        before, began = tally.count, time.perf_counter()
        result = await run
        result.warnings_logged = tally.count - before
        results.append(result)
        sql = (
            f", {result.sql_statements_per_update} SQL statements and "
            f"{result.commits_per_update} commits per update"
            if result.sql_statements_per_update is not None
            else ""
        )
        print(
            f"  {result.bot}: {result.updates_per_second} updates/s{sql} "
            f"(warm-up, every user's first message: {result.warm_up_seconds} s; whole run: "
            f"{time.perf_counter() - began:.0f} s)",
            flush=True,
        )

    await measure(run_echo(mode, f"{ECHO}, before"))
    with tempfile.TemporaryDirectory(prefix="rw-throughput-") as folder:
        await measure(
            run_rueckenwind(mode, f"sqlite+aiosqlite:///{Path(folder) / 'b.db'}", "SQLite")
        )
    postgres = os.environ.get("TEST_DATABASE_URL")
    if postgres and make_url(postgres).get_backend_name() == "postgresql":
        async with scratch_postgres(postgres) as url:
            await measure(run_rueckenwind(mode, url, "PostgreSQL"))
    else:
        why = "is not a PostgreSQL URL" if postgres else "is not set"
        print(f"  PostgreSQL: skipped (TEST_DATABASE_URL {why})", flush=True)
    await measure(run_echo(mode, f"{ECHO}, after"))
    echo = [r.updates_per_second for r in results if r.bot.startswith(ECHO)]
    baseline = statistics.fmean(echo)
    for r in results:
        r.ratio_to_echo = round(r.updates_per_second / baseline, 3)
    return results, round(baseline, 1)


# ---------------------------------------------------------------------------- profiling
PROJECT = Path(__file__).resolve().parent.parent
# Where a sample's own time goes, by the package of its innermost frame outside the standard
# library (built-ins and stdlib helpers such as json or contextlib count for their caller).
LAYER_OF_PACKAGE = {
    "sqlalchemy": "database layer (SQLAlchemy, drivers)",
    "aiosqlite": "database layer (SQLAlchemy, drivers)",
    "asyncpg": "database layer (SQLAlchemy, drivers)",
    "greenlet": "database layer (SQLAlchemy, drivers)",
    "telegram": "Bot API client (python-telegram-bot, httpx)",
    "httpx": "Bot API client (python-telegram-bot, httpx)",
    "httpcore": "Bot API client (python-telegram-bot, httpx)",
    "h11": "Bot API client (python-telegram-bot, httpx)",
    "anyio": "Bot API client (python-telegram-bot, httpx)",
    "aiohttp": "emulator and simulated users (benchmark side)",
    "multidict": "emulator and simulated users (benchmark side)",
    "yarl": "emulator and simulated users (benchmark side)",
    "apscheduler": "jobs (APScheduler)",
}
EVENT_LOOP = "event loop (asyncio, epoll)"
OURS = "Rückenwind's own code (bot/, dialogs/)"
OTHER_LIBRARIES = "other libraries (fluent, babel, …)"


def layer_of(path: str | None) -> str | None:
    """The layer a frame's file belongs to; None for built-ins and the standard library's
    helpers (their time belongs to the caller)."""
    if not path or path.startswith("<"):
        return None
    if path.startswith((str(PROJECT / "bot" / "testing"), str(PROJECT / "benchmarks"))):
        return "emulator and simulated users (benchmark side)"
    if path.startswith((str(PROJECT / "bot"), str(PROJECT / "dialogs"))):
        return OURS
    parts = Path(path).parts
    if "site-packages" in parts:
        package = parts[parts.index("site-packages") + 1].split(".")[0]
        return LAYER_OF_PACKAGE.get(package, OTHER_LIBRARIES)
    if "asyncio" in parts or parts[-1] == "selectors.py":
        return EVENT_LOOP
    return None


def layers(root: Any) -> dict[str, float]:
    """Share of the samples (0..1) per layer, by each sample's innermost attributable frame."""
    totals: dict[str, float] = {}

    def visit(frame: Any, inherited: str) -> None:
        here = layer_of(frame.file_path) or inherited
        if not frame.children:
            totals[here] = totals.get(here, 0.0) + frame.time
        for child in frame.children:
            visit(child, here)
        own = frame.time - sum(child.time for child in frame.children)
        if frame.children and own > 0:
            totals[here] = totals.get(here, 0.0) + own

    visit(root, "other")
    whole = sum(totals.values()) or 1.0
    return {name: seconds / whole for name, seconds in sorted(totals.items(), key=lambda i: -i[1])}


async def profile(mode: str, folder: Path) -> None:
    """The Rückenwind scenario on SQLite once, its measured phase sampled by pyinstrument
    (every frame on the event loop's thread: the bot, python-telegram-bot, SQLAlchemy, and the
    emulator and users in the same loop; SQLite itself runs in aiosqlite's thread and shows up
    only as waiting). SQLAlchemy's synchronous half runs in greenlets: its frames appear as
    roots of their own in the tree, not under the `AsyncSession` call that started them."""
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    profiler = Profiler(interval=0.001, async_mode="disabled")

    @contextmanager
    def sampling() -> Iterator[None]:
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()

    with tempfile.TemporaryDirectory(prefix="rw-profile-") as scratch:
        url = f"sqlite+aiosqlite:///{Path(scratch) / 'bench.db'}"
        result = await run_rueckenwind(mode, url, "SQLite", around_measurement=sampling)
    session = profiler.last_session
    assert session is not None
    folder.mkdir(parents=True, exist_ok=True)
    tree = ConsoleRenderer(unicode=True, time="percent_of_total")
    flat = ConsoleRenderer(unicode=True, time="percent_of_total", flat=True, flat_time="self")
    tree_text, flat_text = tree.render(session), flat.render(session)
    share = layers(session.root_frame())
    summary = "\n".join(f"{100 * part:5.1f} %  {name}" for name, part in share.items())
    paths = [folder / name for name in ("profile.html", "profile.txt", "profile-flat.txt")]
    paths[0].write_text(profiler.output_html(), encoding="utf-8")
    paths[1].write_text(f"{tree_text}\nBy layer (own time):\n{summary}\n", encoding="utf-8")
    paths[2].write_text(flat_text, encoding="utf-8")
    paths.append(folder / "profile.pyisession")  # `pyinstrument --load FILE` renders it again
    session.save(paths[-1])
    print(
        f"{result.bot}, under the profiler (slower than without, not comparable): "
        f"{result.updates_per_second} updates/s, p50 {result.p50_ms} ms; "
        f"{result.sql_statements_per_update} SQL statements and "
        f"{result.commits_per_update} commits per update\n"
    )
    print("\n".join(tree_text.splitlines()[:PROFILE_LINES]))
    print("…\n\nOwn time by layer (the event loop's thread):")
    print(summary)
    print("\nOwn time by function, highest first:")
    print("\n".join(flat_text.splitlines()[7:32]))
    print("\nWritten: " + ", ".join(str(p.relative_to(PROJECT)) for p in paths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the figures go")
    parser.add_argument(
        "--mode",
        choices=("closed", "burst"),
        default="closed",
        help="closed: each user sends the next message after the answer (default); "
        "burst: all messages at once",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="answer every Bot API call MS milliseconds later, like Telegram at a distance "
        "(default 0: loopback only)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run Rückenwind on SQLite once under pyinstrument; the profile goes to "
        f"{RESULTS.relative_to(PROJECT)}/",
    )
    args = parser.parse_args(argv)
    if args.profile:
        with logged_to(RESULTS / "profile.log"), round_trip(args.latency / 1000):
            asyncio.run(profile(args.mode, RESULTS))
        return 0
    print(
        f"Throughput: {USERS} users × {MESSAGES} × {TEXT!r}, {args.mode} loop, rate limiter "
        f"off, emulator over loopback (Bot API round trip +{args.latency:g} ms)",
        flush=True,
    )
    log = args.json.with_suffix(".log")
    with logged_to(log) as tally, round_trip(args.latency / 1000):
        results, baseline = asyncio.run(benchmark(args.mode, tally))
    print()
    print(table(results))
    write_json(args.json, results, baseline, args.mode, args.latency)
    print(f"\n× echo: updates/s over the mean of the two echo runs ({baseline} updates/s)")
    for r in results:
        if not r.bot.startswith(ECHO):
            verdict = "met" if (r.ratio_to_echo or 0.0) >= GOAL_RATIO else "not met"
            print(f"Goal ≥ {GOAL_RATIO:.1f}× echo, {r.bot}: {verdict} ({r.ratio_to_echo:.2f}×)")
    print(f"Figures: {args.json}; warnings and errors logged meanwhile: {log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
