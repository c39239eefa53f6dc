"""Scale: reminder fan-out, memory, start-up and the dispatcher's tick with 100,000 users.

`python -m benchmarks.scale [--json PATH] [--users N] [--window SECONDS]` (the last step of
`make bench`); `--profile` runs one fan-out on SQLite with the bot under pyinstrument instead
(call tree and functions by own time in `benchmarks/results/scale-profile.txt`).

How: the bot runs as in production, `python -m bot run` in a child process (started as
`tests/e2e/people.bot_process` starts it: log level WARNING, its stderr appended to
`benchmarks/results/scale-bot.log`), polling the local Bot API emulator (`BotApiEmulator`, in
this process) over loopback. The emulator notes when the first getUpdates arrived and when it
accepted each sendMessage, and to whom (a second reminder to the same chat is counted).
REMINDER_TICK_SECONDS=1 (TICK_SECONDS, see there); everything else is the default. Users,
plans and, where said, pending reminder rows are written straight into the database, one
`INSERT … SELECT` over a number series per table (generate_series on PostgreSQL, a recursive
CTE on SQLite: about a second for 100,000). SQLite: a fresh temporary file per scenario.
PostgreSQL (only when TEST_DATABASE_URL is set): a scratch database created next to the given
one, emptied between scenarios, ANALYZEd after each seeding (autovacuum does that within a
minute on a live database; the bot never ANALYZEs SQLite, so neither does this), dropped at
the end. Every database is migrated before the bot starts: "empty" means the schema, no rows.

Why ratios: the absolute figures depend on this machine (2 cores shared by the bot, the
emulator with this script, PostgreSQL and whatever else runs), so each figure is either a ratio
to a baseline measured in the same run (0 users, 0 plans) or an absolute goal the product
states. The details under the table show how busy the machine was (cores used by the bot, by
the emulator, by everything else) while reminders went out.

1. Reminder fan-out (absolute goal ≥ 1,000 reminders/s: 100,000 people who chose the same
   time are reminded within about 100 s). N consented, active users, each with a plan for
   every weekday at the current local minute, in a time zone where it is now between 09:00
   and 18:00 (Europe/Berlin if it is day there), default quiet hours 21:00–08:00, nothing
   logged or skipped: `dialogs.habit.schedule.decide` sends every reminder (due, not stale,
   same local day, not in quiet hours, weekly goal not met). Each plan's reminder of that
   minute is seeded as a pending row, as the dispatcher materialises it in steady state (after
   the previous reminder, a day or more ahead), and the next weekly summary too: the first
   tick walks them at once ("first reminder after start"). (Rows are not left to the bot to
   create: it schedules a bounded window of plans per tick, so 100,000 plans without any row
   would take many ticks to be scheduled at all, which is not a fan-out.) reminders/s =
   (reminders − 1) / seconds from the first to the last sendMessage the emulator accepted
   within WINDOW seconds after the first (all N if they fit sooner). Rate limiter off
   (RATE_LIMIT_PER_SECOND=0). Then, on SQLite only (the limiter paces the sends whatever
   database is behind them), 600 users with RATE_LIMIT_PER_SECOND=30: goal 20–21 s from the
   first reminder to the last (600 at 30/s; fewer seconds: more than Telegram's bulk limit
   went out; more: the bot cannot keep up with the limit).
2. Memory: the bot process's peak RSS (VmHWM, /proc/<pid>/status: the peak since the
   process started, start-up's model training included) idle, IDLE_SECONDS after its first
   getUpdates (a few ticks done), with 100,000 users whose next reminders are all
   pending in the future, over the same with 0 users; and at the end of figure 1's fan-out
   window over the 0-user process's (nothing to send there). Goal: 100,000 users cost < 30 %
   more (ratio < 1.3): the database, not the process, holds the users.
3. Start-up: seconds from starting the process to its first getUpdates at the emulator
   (imports, migration check, two scikit-learn models trained, about 2 s, the command menu,
   the jobs), 100,000 users (figure 2's idle database) over an empty database: goal < 1.5×.
   The CPU seconds the process used by then are shown beside it: unlike the wall time, they
   hardly depend on what else the machine runs. The same with all 100,000 reminders due at
   once (figure 1's run) is shown, without a goal.
4. Dispatcher tick: one `bot.reminders.dispatch` in this process (a real Application from
   `build_application`, not started; nothing is due, nothing is sent) over 100,000 plans whose
   next reminders (planned, catch-up, summary) are all pending in the future: the median of
   TICKS ticks after one warm-up tick, over the same with 0 plans, with the slowest statements
   listed. Absolute goal on PostgreSQL: < 50 ms per tick (the tick runs every
   REMINDER_TICK_SECONDS, 10 s by default, in the event loop that also answers people).

The script exits 0 whether or not a goal is met (the table says which); 1 if a measurement
could not be taken (the bot did not start, sent nothing, …; the error is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import re
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Integer, String, event, func, insert, literal, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.sql import FromClause

from benchmarks.throughput import scratch_postgres
from bot.app import build_application
from bot.config import Settings, load_settings
from bot.reminders import dispatch, next_due
from bot.services import services
from bot.storage.database import Database
from bot.storage.models import Base, PlanRow, ReminderRow, UserRow, UTCDateTime
from bot.testing import methods
from bot.testing.server import BotApiEmulator
from dialogs.habit.schedule import Plan

USERS = 100_000
LIMITED_USERS = 600
LIMITED_RATE = 30
# Seconds of fan-out measured after the first reminder (all USERS if they fit): at the goal's
# 1,000/s, 100,000 take 100 s; more than this is not worth the time of `make bench`.
WINDOW = 30.0
# REMINDER_TICK_SECONDS of every bot process. Not the default 10 s: the job queue runs the
# first tick one interval after start-up (the job is added before the scheduler starts, and
# APScheduler's interval trigger then skips the missed start), so with 10 s every run would
# wait 10 s for its first tick. A fan-out is one tick either way (it walks every due row).
TICK_SECONDS = "1"
IDLE_SECONDS = 5.0  # idle: VmHWM this long after the first getUpdates (a few ticks done)
TICKS = 7  # measured dispatcher ticks (after one warm-up tick); the median is reported
START_TIMEOUT = 90.0  # seconds to the first getUpdates before the start counts as failed
FIRST_REMINDER_TIMEOUT = 120.0  # seconds from the first getUpdates to the first reminder
SETTLE = 1.0  # seconds to wait after the last expected reminder for one too many

GOAL_RATE = 1000.0
GOAL_LIMITED = (20.0, 21.0)
GOAL_MEMORY_RATIO = 1.3
GOAL_STARTUP_RATIO = 1.5
GOAL_TICK_MS = 50.0

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_JSON = RESULTS / "scale.json"
BOT_LOG = RESULTS / "scale-bot.log"
PROFILE_TEXT = RESULTS / "scale-profile.txt"
PROFILE_SESSION = RESULTS / "scale-profile.pyisession"
PROJECT = Path(__file__).resolve().parent.parent
# The code under measurement, by content hash in the JSON (this project is edited meanwhile).
MEASURED_FILES = (
    "bot/reminders.py",
    "bot/storage/habit.py",
    "bot/storage/database.py",
    "bot/app.py",
    "bot/runner.py",
)


def code_hashes() -> dict[str, str]:
    return {
        name: hashlib.sha256((PROJECT / name).read_bytes()).hexdigest()[:16]
        for name in MEASURED_FILES
    }


def code_version() -> str:
    """One short hash of MEASURED_FILES as they are now."""
    return hashlib.sha256(json.dumps(code_hashes()).encode()).hexdigest()[:8]


# What this process imported (the in-process ticks run it; each bot process imports the code
# as it is when it starts: each measurement notes its `code_version()`).
CODE_AT_START = code_hashes()
CODE_VERSION = code_version()
# For the in-process tick: a token of the right shape and an API nobody answers (a refused
# connection): the tick sends nothing when nothing is due.
TICK_TOKEN = "123456789:AAScaleBenchmarkTokenNeverUsedXXXXXXX"
TICK_API = "http://127.0.0.1:9/bot"
# Time zones by UTC offset (-11 … +14), Europe/Berlin first: the fan-out's users live in the
# first one where it is now between DAY_START and DAY_END, so the reminder is neither in quiet
# hours nor near midnight (`decide` drops a reminder whose local day has changed).
ZONES = (
    "Europe/Berlin",
    "Pacific/Pago_Pago",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Mexico_City",
    "America/Bogota",
    "America/La_Paz",
    "America/Sao_Paulo",
    "America/Noronha",
    "Atlantic/Cape_Verde",
    "Africa/Abidjan",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Brisbane",
    "Pacific/Noumea",
    "Pacific/Tarawa",
    "Pacific/Tongatapu",
    "Pacific/Kiritimati",
)
DAY_START, DAY_END = wall_time(9, 0), wall_time(18, 0)

T = TypeVar("T")


# ---------------------------------------------------------------------------- the emulator
class Probe:
    """What the emulator saw of one bot process: when the first getUpdates arrived, when each
    sendMessage was accepted (perf_counter), and sendMessages to a chat that had one already."""

    def __init__(self) -> None:
        self.first_poll: float | None = None
        self.polled = asyncio.Event()
        self.sends: list[float] = []
        self.recipients: set[int] = set()
        self.repeated = 0


@contextmanager
def probing(probe: Probe) -> Iterator[None]:
    """The emulator's getUpdates and sendMessage report to `probe` (they still do their work:
    a sendMessage to an unknown chat is refused as on Telegram, and not counted)."""
    original = dict(methods.HANDLERS)
    get_updates, send_message = original["getupdates"], original["sendmessage"]

    async def polled(api: methods.Backend, params: dict[str, Any]) -> Any:
        if probe.first_poll is None:
            probe.first_poll = time.perf_counter()
            probe.polled.set()
        return await get_updates(api, params)

    async def sent(api: methods.Backend, params: dict[str, Any]) -> Any:
        result = await send_message(api, params)
        probe.sends.append(time.perf_counter())
        chat = int(result["chat"]["id"])
        if chat in probe.recipients:
            probe.repeated += 1
        probe.recipients.add(chat)
        return result

    methods.HANDLERS.update({"getupdates": polled, "sendmessage": sent})
    try:
        yield
    finally:
        methods.HANDLERS.update(original)


def add_people(emulator: BotApiEmulator, users: int) -> None:
    """Private chats with user ids 1 … `users` (the ids seeded into the database)."""
    for user_id in range(1, users + 1):
        emulator.world.add_user(f"Nutzer{user_id}", "de", user_id)


# ---------------------------------------------------------------------------- the process
def vm_kib(pid: int, name: str) -> int:
    """A `Vm…` line of /proc/<pid>/status (VmHWM: peak resident set; VmRSS: now), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {name} for process {pid}")


def mib(kib: int) -> float:
    return round(kib / 1024, 1)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuMark:
    wall: float
    bot: float  # CPU seconds of the bot process
    this: float  # CPU seconds of this process (the emulator)
    busy: int  # the machine's busy jiffies (all cores)
    total: int


def cpu_mark(pid: int) -> CpuMark:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    bot = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    machine = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = machine[3] + machine[4]  # idle, iowait
    return CpuMark(time.perf_counter(), bot, time.process_time(), sum(machine) - idle, sum(machine))


def cpu_use(start: CpuMark, end: CpuMark) -> dict[str, float]:
    """Cores busy between two marks: the bot process, this process (the emulator), the whole
    machine (the rest: PostgreSQL, and whatever else runs on it)."""
    wall = max(end.wall - start.wall, 1e-9)
    cores = os.cpu_count() or 1
    return {
        "bot_cores": round((end.bot - start.bot) / wall, 2),
        "emulator_cores": round((end.this - start.this) / wall, 2),
        "machine_cores": round(
            cores * (end.busy - start.busy) / max(end.total - start.total, 1), 2
        ),
    }


def bot_environment(emulator: BotApiEmulator, database_url: str, **extra: str) -> dict[str, str]:
    """This process's environment without any bot setting, plus the emulator, the database
    and `extra`: what the `python -m bot run` child is started with."""
    environment = {k: v for k, v in os.environ.items() if k.lower() not in Settings.model_fields}
    environment.update(
        TELEGRAM_BOT_TOKEN=emulator.token,
        TELEGRAM_API_BASE_URL=emulator.base_url,
        TELEGRAM_API_FILE_URL=emulator.base_file_url,
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        REMINDER_TICK_SECONDS=TICK_SECONDS,
        **extra,
    )
    return environment


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    started: float  # perf_counter right before the process was started
    probe: Probe
    log_from: int  # where this run's part of BOT_LOG begins
    code: str = field(default_factory=code_version)  # MEASURED_FILES when it started

    @property
    def pid(self) -> int:
        return self.process.pid

    async def ready(self) -> tuple[float, float]:
        """Seconds from the start to the first getUpdates, and the CPU seconds the process had
        used by then (all its threads; far less sensitive than the former to other processes
        on the machine); RuntimeError if it exits first or takes longer than START_TIMEOUT."""
        await self.until(self.probe.polled.wait(), START_TIMEOUT, "its first getUpdates")
        cpu = cpu_mark(self.pid).bot
        assert self.probe.first_poll is not None
        return self.probe.first_poll - self.started, cpu

    async def until(self, waiting: Awaitable[Any], timeout: float, what: str) -> None:
        task = asyncio.ensure_future(waiting)
        exited = asyncio.ensure_future(self.process.wait())
        try:
            await asyncio.wait({task, exited}, timeout=timeout, return_when="FIRST_COMPLETED")
        finally:
            exited.cancel()
            if not task.done():
                task.cancel()
        if not task.done() or task.cancelled():
            state = "exited" if self.process.returncode is not None else "still running"
            raise RuntimeError(f"bot process {state} before {what}: {log_tail(self.log_from)}")

    def warnings(self) -> tuple[int, int]:
        """Log records at WARNING and above the bot wrote so far (its log level is WARNING):
        (APScheduler's notices of a tick skipped because the last one still runs, the rest)."""
        records = re.findall(r" (?:WARNING|ERROR|CRITICAL) .*", log_part(self.log_from))
        skipped = sum("maximum number of running instances reached" in r for r in records)
        return skipped, len(records) - skipped


def log_part(offset: int) -> str:
    with BOT_LOG.open(encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        return log.read()


def log_tail(offset: int) -> str:
    lines = log_part(offset).strip().splitlines()
    return " | ".join(lines[-5:]) or "(nothing logged)"


@asynccontextmanager
async def bot_process(
    emulator: BotApiEmulator,
    database_url: str,
    label: str,
    *,
    command: tuple[str, ...] = ("-m", "bot", "run"),
    **settings: str,
) -> AsyncIterator[BotProcess]:
    """`python -m bot run` against the emulator, stopped with SIGTERM at the end (a clean stop;
    SIGKILL after 20 s)."""
    probe = Probe()
    BOT_LOG.parent.mkdir(parents=True, exist_ok=True)
    with BOT_LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n=== {datetime.now(UTC):%H:%M:%S} {label} (code {code_version()})\n")
        log.flush()
        offset = log.tell()
        with probing(probe), tempfile.TemporaryDirectory(prefix="rw-scale-cwd-") as folder:
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                *command,
                cwd=folder,  # no .env of this checkout is read
                env=bot_environment(emulator, database_url, **settings),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )
            try:
                yield BotProcess(process, started, probe, offset)
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(process.wait(), timeout=20)
                    except TimeoutError:
                        process.kill()
                        await process.wait()


# ---------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class Population:
    """`users` people (ids 1 … users, German, consented, active) with the same plan, and per
    person one reminder row of each kind in `pending` (kind, due_at; status due)."""

    users: int
    timezone: str
    weekdays: str  # ISO weekdays, "1,3,5"
    local_time: str  # "HH:MM"
    since: datetime  # created, consented and plan last changed
    pending: tuple[tuple[str, datetime], ...] = ()


def midday_zone(now: datetime) -> str:
    for zone in ZONES:
        local = now.astimezone(ZoneInfo(zone)).time()
        if DAY_START <= local <= DAY_END:
            return zone
    raise RuntimeError("no time zone in ZONES has day now")  # cannot happen: they span 25 h


def all_due(users: int, now: datetime) -> tuple[Population, datetime]:
    """Figure 1: a plan for every weekday at the current local minute, where it is day now,
    its reminder of that minute pending (as the dispatcher materialised it after the previous
    one) and the next weekly summary too; returns the population and the reminders' due
    instant (that minute, UTC)."""
    zone = midday_zone(now)
    minute = now.astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)
    plan = Plan(weekdays=frozenset(range(7)), at=minute.time(), tz=zone)
    due = minute.astimezone(UTC)
    summary = next_due("summary", plan, now)
    pending = (("planned", due),) + ((("summary", summary),) if summary else ())
    population = Population(
        users, zone, "1,2,3,4,5,6,7", f"{minute:%H:%M}", now - timedelta(days=1), pending
    )
    return population, due


def steady(users: int, now: datetime) -> Population:
    """Figures 2–4: Mon/Wed/Fri 18:30 in Berlin, each user's next reminder of every kind
    already pending, the earliest more than an hour ahead (nothing falls due meanwhile)."""
    plan = Plan(weekdays=frozenset({0, 2, 4}), at=wall_time(18, 30), tz="Europe/Berlin")
    after = now + timedelta(hours=1)
    pending = tuple(
        (kind, due)
        for kind in ("planned", "catchup", "summary")
        if (due := next_due(kind, plan, after)) is not None
    )
    return Population(users, plan.tz, "1,3,5", "18:30", now - timedelta(days=30), pending)


def number_series(dialect: str, count: int) -> FromClause:
    """1 … count as a table with column `i`."""
    if dialect == "postgresql":
        return func.generate_series(1, count).table_valued("i").render_derived()
    first = select(literal(1, Integer()).label("i")).cte("numbers", recursive=True)
    return first.union_all(select((first.c.i + 1).label("i")).where(first.c.i < count))


async def seed(url: str, population: Population) -> float:
    """Write `population` into the (migrated, empty) database; returns the seconds taken."""
    if not population.users:
        return 0.0
    engine = create_async_engine(url)
    began = time.perf_counter()
    since = literal(population.since, UTCDateTime())
    try:
        async with engine.begin() as connection:
            numbers = number_series(connection.dialect.name, population.users)
            i = numbers.c.i
            user_columns = ["id", "language", "timezone", "created_at", "consent_at", "active"]
            users = select(
                i,
                literal("de", String()),
                literal(population.timezone, String()),
                since,
                since,
                literal(True, Boolean()),
            )
            await connection.execute(insert(UserRow).from_select(user_columns, users))
            plan_columns = [
                "user_id",
                "weekdays",
                "local_time",
                "quiet_start",
                "quiet_end",
                "paused",
                "updated_at",
            ]
            plans = select(
                i,
                literal(population.weekdays, String()),
                literal(population.local_time, String()),
                literal("21:00", String()),
                literal("08:00", String()),
                literal(False, Boolean()),
                since,
            )
            await connection.execute(insert(PlanRow).from_select(plan_columns, plans))
            for kind, due in population.pending:
                rows = select(
                    i,
                    literal(kind, String()),
                    literal(due, UTCDateTime()),
                    literal("due", String()),
                )
                await connection.execute(
                    insert(ReminderRow).from_select(["user_id", "kind", "due_at", "status"], rows)
                )
        if engine.dialect.name == "postgresql":
            async with engine.connect() as connection:
                await connection.execute(text("ANALYZE"))
                await connection.commit()
    finally:
        await engine.dispose()
    return time.perf_counter() - began


async def planned_statuses(url: str, until: datetime) -> dict[str, int]:
    """Planned reminder rows due by `until`, by status (after the bot stopped)."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(ReminderRow.status, func.count())
                .where(ReminderRow.kind == "planned", ReminderRow.due_at <= until)
                .group_by(ReminderRow.status)
            )
            return {status: int(count) for status, count in rows}
    finally:
        await engine.dispose()


async def migrate(url: str) -> None:
    database = Database(url)
    try:
        await database.migrate()
    finally:
        await database.dispose()


class Databases:
    """Empty, migrated databases of one backend, one per scenario."""

    def __init__(self, name: str, folder: Path | None = None, url: str | None = None) -> None:
        self.name = name
        self._folder = folder
        self._url = url
        self._migrated = False

    async def fresh(self, scenario: str) -> str:
        if self._folder is not None:  # SQLite: a new file
            url = f"sqlite+aiosqlite:///{self._folder / f'{scenario}.db'}"
            await migrate(url)
            return url
        assert self._url is not None
        if not self._migrated:
            await migrate(self._url)
            self._migrated = True
        engine = create_async_engine(self._url)
        try:
            async with engine.begin() as connection:
                tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        finally:
            await engine.dispose()
        return self._url


# ---------------------------------------------------------------------------- measurements
@dataclass
class Idle:
    """A bot process with nothing due: start-up and peak RSS."""

    users: int
    startup_seconds: float
    startup_cpu_seconds: float  # CPU seconds the process used by its first getUpdates
    idle_hwm_mib: float  # IDLE_SECONDS after the first getUpdates
    rss_mib: float  # VmRSS at the end
    sends: int  # sendMessages meanwhile (expected 0)
    warnings: int  # log records at WARNING and above, skipped-tick notices aside
    skipped_ticks: int  # APScheduler: a tick skipped, the previous one still ran
    code: str  # `code_version()` when the process started


async def measure_idle(url: str, users: int, label: str) -> Idle:
    async with (
        BotApiEmulator(record_calls=False) as emulator,
        bot_process(emulator, url, label, RATE_LIMIT_PER_SECOND="0") as bot,
    ):
        startup, startup_cpu = await bot.ready()
        await asyncio.sleep(IDLE_SECONDS)
        idle = vm_kib(bot.pid, "VmHWM")
        rss = vm_kib(bot.pid, "VmRSS")
        return Idle(
            users=users,
            startup_seconds=round(startup, 2),
            startup_cpu_seconds=round(startup_cpu, 2),
            idle_hwm_mib=mib(idle),
            rss_mib=mib(rss),
            sends=len(bot.probe.sends),
            skipped_ticks=bot.warnings()[0],
            warnings=bot.warnings()[1],
            code=bot.code,
        )


@dataclass
class FanOut:
    """Reminders of `users` people due at once, as the emulator received them."""

    users: int
    rate_limit: int  # RATE_LIMIT_PER_SECOND (0: off)
    window_seconds: float
    startup_seconds: float  # process start → first getUpdates
    startup_cpu_seconds: float  # CPU seconds the process used by then
    first_reminder_seconds: float  # process start → first reminder (start-up, first tick)
    reminders: int  # accepted within the window
    seconds: float  # from the first to the last of those
    per_second: float  # (reminders − 1) / seconds
    complete: bool  # every user got one within the window
    repeated: int  # reminders to a chat that had one already (must be 0)
    send_errors: int  # sendMessages the emulator refused
    hwm_at_first_mib: float  # VmHWM when the first reminder arrived
    hwm_end_mib: float  # VmHWM at the end of the window
    cpu: dict[str, float]  # cores busy from the first to the last reminder
    statuses: dict[str, int] = field(default_factory=dict)  # the planned rows afterwards
    warnings: int = 0  # log records at WARNING and above, skipped-tick notices aside
    skipped_ticks: int = 0  # APScheduler: a tick skipped, the walk still ran
    seed_seconds: float = 0.0
    code: str = ""  # `code_version()` when the process started


async def measure_fan_out(
    url: str,
    users: int,
    due: datetime,
    rate_limit: int,
    window: float,
    label: str,
    command: tuple[str, ...] = ("-m", "bot", "run"),
) -> FanOut:
    async with BotApiEmulator(record_calls=False) as emulator:
        add_people(emulator, users)
        async with bot_process(
            emulator, url, label, command=command, RATE_LIMIT_PER_SECOND=str(rate_limit)
        ) as bot:
            probe = bot.probe
            startup, startup_cpu = await bot.ready()

            async def first_reminder() -> None:
                while not probe.sends:
                    await asyncio.sleep(0.01)

            await bot.until(first_reminder(), FIRST_REMINDER_TIMEOUT, "its first reminder")
            first = probe.sends[0]
            hwm_at_first = vm_kib(bot.pid, "VmHWM")
            start_mark = cpu_mark(bot.pid)
            deadline = first + window
            while (
                len(probe.sends) < users
                and time.perf_counter() < deadline
                and bot.process.returncode is None
            ):
                await asyncio.sleep(0.05)
            end_mark = cpu_mark(bot.pid)
            hwm_end = vm_kib(bot.pid, "VmHWM")
            complete = len(probe.sends) >= users
            if complete:
                await asyncio.sleep(SETTLE)  # a reminder sent twice would arrive now
            within = [t for t in probe.sends if t <= deadline]
            seconds = within[-1] - within[0]
            result = FanOut(
                users=users,
                rate_limit=rate_limit,
                window_seconds=window,
                startup_seconds=round(startup, 2),
                startup_cpu_seconds=round(startup_cpu, 2),
                first_reminder_seconds=round(first - bot.started, 2),
                reminders=len(within),
                seconds=round(seconds, 3),
                per_second=round((len(within) - 1) / seconds, 1) if seconds > 0 else 0.0,
                complete=complete,
                repeated=probe.repeated,
                send_errors=sum(1 for e in emulator.errors if e[0].lower() == "sendmessage"),
                hwm_at_first_mib=mib(hwm_at_first),
                hwm_end_mib=mib(hwm_end),
                cpu=cpu_use(start_mark, end_mark),
            )
        result.skipped_ticks, result.warnings = bot.warnings()
        result.code = bot.code
    result.statuses = await planned_statuses(url, due + timedelta(minutes=1))
    return result


@dataclass
class TickCost:
    """`bot.reminders.dispatch` in this process over plans with nothing due."""

    plans: int
    median_ms: float
    samples_ms: list[float]
    statements_per_tick: float
    warm_up_ms: float
    rows_added_on_warm_up: int  # reminder rows the warm-up tick materialised (steady: 0)
    sent: int  # messages the ticks sent (must be 0)
    # Where a tick's time goes: the slowest statements (their first SLOW_STATEMENT_CHARS
    # characters), milliseconds per tick from sending them to their result (incl. waiting for
    # aiosqlite's thread), summed over a tick (the walkers claim side by side: their times
    # overlap, so a sum can exceed its share of the tick's wall time).
    slowest_statements_ms: dict[str, float] = field(default_factory=dict)
    code: str = CODE_VERSION  # what this process imported


SLOW_STATEMENT_CHARS = 110


class StatementClock:
    """Counts an engine's statements and sums their time by statement text."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds: dict[str, float] = {}

    def attach(self, engine: Any) -> None:
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, connection: Any, *_: object) -> None:
        self.count += 1
        connection.info["scale_started"] = time.perf_counter()

    def _after(self, connection: Any, _cursor: object, statement: str, *_: object) -> None:
        elapsed = time.perf_counter() - connection.info.pop("scale_started")
        key = " ".join(statement.split())[:SLOW_STATEMENT_CHARS]
        self.seconds[key] = self.seconds.get(key, 0.0) + elapsed

    def slowest(self, ticks: int, top: int = 4) -> dict[str, float]:
        ranked = sorted(self.seconds.items(), key=lambda item: -item[1])[:top]
        return {key: round(1000 * seconds / ticks, 1) for key, seconds in ranked}


async def measure_ticks(url: str, plans: int) -> TickCost:
    settings = load_settings(
        database_url=url,
        telegram_bot_token=TICK_TOKEN,
        telegram_api_base_url=TICK_API,
        telegram_api_file_url=None,
        webhook_url=None,
        rate_limit_per_second=0,
    )
    application = build_application(settings)
    svc = services(application)
    clock = StatementClock()

    async def reminder_rows() -> int:
        async with svc.db.session() as session:
            return int(await session.scalar(select(func.count()).select_from(ReminderRow)) or 0)

    try:
        before = await reminder_rows()
        began = time.perf_counter()
        sent = await dispatch(application)
        warm_up = time.perf_counter() - began
        added = await reminder_rows() - before
        clock.attach(svc.db.engine.sync_engine)
        samples = []
        for _ in range(TICKS):
            began = time.perf_counter()
            sent += await dispatch(application)
            samples.append((time.perf_counter() - began) * 1000)
    finally:
        await svc.db.dispose()
    return TickCost(
        plans=plans,
        median_ms=round(statistics.median(samples), 1),
        samples_ms=[round(s, 1) for s in samples],
        statements_per_tick=round(clock.count / TICKS, 1),
        warm_up_ms=round(warm_up * 1000, 1),
        rows_added_on_warm_up=added,
        sent=sent,
        slowest_statements_ms=clock.slowest(TICKS),
    )


# ---------------------------------------------------------------------------- one backend
@dataclass
class Backend:
    """Everything measured on one database backend; None where the measurement failed."""

    name: str
    users: int
    idle_empty: Idle | None = None
    idle_full: Idle | None = None
    ticks_empty: TickCost | None = None
    ticks_full: TickCost | None = None
    fan_out: FanOut | None = None
    limited: FanOut | None = None
    seed_seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)  # os.getloadavg() before


async def attempt(backend: Backend, what: str, work: Awaitable[T]) -> T | None:
    """Run one measurement; a failure is printed and recorded, and the next one runs."""
    began = time.perf_counter()
    try:
        result = await work
    except Exception as error:
        backend.errors[what] = f"{type(error).__name__}: {error}"[:500]
        print(f"  {backend.name}, {what}: FAILED ({backend.errors[what]})", flush=True)
        traceback.print_exc(limit=3)
        return None
    print(f"  {backend.name}, {what}: {time.perf_counter() - began:.0f} s", flush=True)
    return result


async def run_backend(databases: Databases, users: int, window: float, *, limited: bool) -> Backend:
    """Figures 1–4 on one backend; the limiter's run (figure 1, second part) only if `limited`
    (once per benchmark: the limiter paces sends whichever database is behind them)."""
    name = databases.name
    backend = Backend(name, users, load_average=os.getloadavg())
    print(f"{name} (load average before: {backend.load_average[0]:.1f}):", flush=True)
    url = await databases.fresh("empty")
    backend.idle_empty = await attempt(
        backend, "0 users, idle", measure_idle(url, 0, f"{name}: 0 users, idle")
    )
    backend.ticks_empty = await attempt(backend, "0 plans, ticks", measure_ticks(url, 0))

    url = await databases.fresh("steady")
    backend.seed_seconds["steady"] = round(await seed(url, steady(users, datetime.now(UTC))), 2)
    backend.idle_full = await attempt(
        backend,
        f"{users:,} users, idle",
        measure_idle(url, users, f"{name}: {users} users, idle"),
    )
    backend.ticks_full = await attempt(
        backend, f"{users:,} plans, ticks", measure_ticks(url, users)
    )

    runs = [("fan-out", users, 0)] + ([("limited", LIMITED_USERS, LIMITED_RATE)] if limited else [])
    for label, count, rate in runs:
        url = await databases.fresh(label)
        population, due = all_due(count, datetime.now(UTC))
        seeded = round(await seed(url, population), 2)
        backend.seed_seconds[label] = seeded
        result = await attempt(
            backend,
            f"{count:,} reminders, limiter {rate or 'off'}",
            measure_fan_out(
                url,
                count,
                due,
                rate,
                window if rate == 0 else max(window, 3 * count / rate),
                f"{name}: {count} due, RATE_LIMIT_PER_SECOND={rate}, {population.timezone} "
                f"{population.local_time}",
            ),
        )
        if result is not None:
            result.seed_seconds = seeded
        if rate == 0:
            backend.fan_out = result
        else:
            backend.limited = result
    return backend


# ---------------------------------------------------------------------------- reporting
@dataclass
class Row:
    figure: str
    database: str
    goal: str
    measured: str
    met: bool | None  # None: shown for context, no goal of its own


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 2) if denominator else float("inf")


def rows_of(backend: Backend) -> list[Row]:
    db, users = backend.name, backend.users
    rows: list[Row] = []

    def failed(figure: str, goal: str) -> None:
        """A figure whose measurement failed (the error is printed above and in the JSON)."""
        rows.append(Row(figure, db, goal, "not measured (an error, see above)", False))

    fan, limited = backend.fan_out, backend.limited
    if fan is not None:
        sent = (
            f"all {fan.reminders:,} in {fan.seconds:.1f} s"
            if fan.complete
            else f"{fan.reminders:,} of {fan.users:,} in the first {fan.window_seconds:.0f} s"
        )
        rows.append(
            Row(
                f"1 fan-out, {users:,} due, limiter off",
                db,
                f"≥ {GOAL_RATE:,.0f} reminders/s",
                f"{fan.per_second:,.0f}/s ({sent})",
                fan.per_second >= GOAL_RATE,
            )
        )
        rows.append(
            Row(
                "  first reminder after start",
                db,
                "–",
                f"{fan.first_reminder_seconds:.1f} s (start {fan.startup_seconds:.1f} s, "
                f"the first tick {TICK_SECONDS} s later)",
                None,
            )
        )
    else:
        failed(f"1 fan-out, {users:,} due, limiter off", f"≥ {GOAL_RATE:,.0f} reminders/s")
    if limited is not None:
        low, high = GOAL_LIMITED
        got = (
            ""
            if limited.complete
            else f", only {limited.reminders} of {limited.users} within "
            f"{limited.window_seconds:.0f} s"
        )
        rows.append(
            Row(
                f"1 {LIMITED_USERS} due, limiter {LIMITED_RATE}/s",
                db,
                f"{low:.0f}–{high:.0f} s first→last",
                f"{limited.seconds:.2f} s ({limited.per_second:.1f}/s{got})",
                limited.complete and low <= limited.seconds <= high,
            )
        )
    elif any(what.endswith(f"limiter {LIMITED_RATE}") for what in backend.errors):
        failed(f"1 {LIMITED_USERS} due, limiter {LIMITED_RATE}/s", "20–21 s first→last")

    empty, full = backend.idle_empty, backend.idle_full
    memory = (
        ("idle", full.idle_hwm_mib if full is not None else None),
        ("fan-out", fan.hwm_end_mib if fan is not None else None),
    )
    for moment, peak_mib in memory:
        label, goal = f"2 peak RSS {moment}, {users:,} / 0 users", f"< {GOAL_MEMORY_RATIO:.2f}×"
        if empty is None or peak_mib is None:
            failed(label, goal)
            continue
        memory_ratio = ratio(peak_mib, empty.idle_hwm_mib)
        rows.append(
            Row(
                label,
                db,
                goal,
                f"{memory_ratio:.2f}× ({peak_mib:.0f} / {empty.idle_hwm_mib:.0f} MiB)",
                memory_ratio < GOAL_MEMORY_RATIO,
            )
        )
    if empty is not None and full is not None:
        start_ratio = ratio(full.startup_seconds, empty.startup_seconds)
        cpu_ratio = ratio(full.startup_cpu_seconds, empty.startup_cpu_seconds)
        rows.append(
            Row(
                f"3 start-up, {users:,} / 0 users",
                db,
                f"< {GOAL_STARTUP_RATIO:.1f}×",
                f"{start_ratio:.2f}× ({full.startup_seconds:.2f} / {empty.startup_seconds:.2f} s;"
                f" CPU used {cpu_ratio:.2f}×: {full.startup_cpu_seconds:.2f} / "
                f"{empty.startup_cpu_seconds:.2f} s)",
                start_ratio < GOAL_STARTUP_RATIO,
            )
        )
        if fan is not None:
            rows.append(
                Row(
                    f"  start-up, {users:,} all due / 0",
                    db,
                    "–",
                    f"{ratio(fan.startup_seconds, empty.startup_seconds):.2f}× "
                    f"({fan.startup_seconds:.2f} s; CPU used "
                    f"{ratio(fan.startup_cpu_seconds, empty.startup_cpu_seconds):.2f}×)",
                    None,
                )
            )
    else:
        failed(f"3 start-up, {users:,} / 0 users", f"< {GOAL_STARTUP_RATIO:.1f}×")
    t0, t1 = backend.ticks_empty, backend.ticks_full
    postgres = backend.name == "PostgreSQL"
    if t0 is not None and t1 is not None:
        rows.append(
            Row(
                f"4 tick, {users:,} plans nothing due",
                db,
                f"< {GOAL_TICK_MS:.0f} ms" if postgres else "– (goal: PostgreSQL)",
                f"{t1.median_ms:.1f} ms = {ratio(t1.median_ms, t0.median_ms):.1f}× 0 plans "
                f"({t0.median_ms:.1f} ms)",
                t1.median_ms < GOAL_TICK_MS if postgres else None,
            )
        )
    else:
        failed(f"4 tick, {users:,} plans nothing due", f"< {GOAL_TICK_MS:.0f} ms")
    return rows


def table(rows: list[Row]) -> str:
    widths = [max(len(getattr(r, name)) for r in rows) for name in ("figure", "database", "goal")]
    widths = [max(w, len(h)) for w, h in zip(widths, ("figure", "database", "goal"), strict=True)]
    header = (
        f"{'figure':<{widths[0]}}  {'database':<{widths[1]}}  {'goal':<{widths[2]}}  "
        f"{'met':<3}  measured"
    )
    lines = [header, "-" * (len(header) + 40)]
    for r in rows:
        met = "–" if r.met is None else ("yes" if r.met else "NO")
        lines.append(
            f"{r.figure:<{widths[0]}}  {r.database:<{widths[1]}}  {r.goal:<{widths[2]}}  "
            f"{met:<3}  {r.measured}"
        )
    return "\n".join(lines)


def details(backend: Backend) -> str:
    """What the table leaves out: CPU use, statuses, warnings, seeding."""
    lines = [
        f"{backend.name}: seeding {backend.seed_seconds} s; load average before "
        f"{backend.load_average[0]:.1f}"
    ]
    for label, fan in (("fan-out", backend.fan_out), ("limited", backend.limited)):
        if fan is not None:
            others = round(fan.cpu["machine_cores"] - fan.cpu["bot_cores"], 2)
            others = round(others - fan.cpu["emulator_cores"], 2)
            lines.append(
                f"  {label}: cores busy first→last {fan.cpu} (other processes"
                f"{', PostgreSQL among them' if backend.name == 'PostgreSQL' else ''}: "
                f"{others}); planned rows afterwards "
                f"{fan.statuses}; repeated {fan.repeated}, refused {fan.send_errors}, "
                f"bot warnings {fan.warnings} (+{fan.skipped_ticks} skipped ticks); VmHWM at "
                f"first reminder {fan.hwm_at_first_mib} MiB"
            )
    for label, idle in (("idle 0", backend.idle_empty), ("idle full", backend.idle_full)):
        if idle is not None:
            lines.append(
                f"  {label}: VmHWM {idle.idle_hwm_mib} MiB, VmRSS {idle.rss_mib} MiB, "
                f"sends {idle.sends}, bot warnings {idle.warnings} (+{idle.skipped_ticks} "
                "skipped ticks)"
            )
    for label, tick in (("ticks 0", backend.ticks_empty), ("ticks full", backend.ticks_full)):
        if tick is not None:
            lines.append(
                f"  {label}: {tick.samples_ms} ms, {tick.statements_per_tick} statements/tick, "
                f"warm-up {tick.warm_up_ms} ms adding {tick.rows_added_on_warm_up} rows, "
                f"sent {tick.sent}; slowest statements, ms per tick:"
            )
            lines.extend(
                f"      {ms:7.1f}  {sql}" for sql, ms in tick.slowest_statements_ms.items()
            )
    return "\n".join(lines)


def write_json(path: Path, backends: list[Backend], rows: list[Row], seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "benchmark": "scale",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "code_at_start": CODE_AT_START,
        "code_at_end": code_hashes(),
        "scenario": {
            "users": backends[0].users if backends else USERS,
            "limited_users": LIMITED_USERS,
            "limited_rate": LIMITED_RATE,
            "idle_seconds": IDLE_SECONDS,
            "fan_out_window_seconds": backends[0].fan_out.window_seconds
            if backends and backends[0].fan_out
            else None,
            "ticks": TICKS,
            "reminder_tick_seconds": float(TICK_SECONDS),
            "transport": "python -m bot run child process, emulator in this process, loopback",
        },
        "goals": {
            "reminders_per_second": GOAL_RATE,
            "limited_seconds": list(GOAL_LIMITED),
            "memory_ratio_below": GOAL_MEMORY_RATIO,
            "startup_ratio_below": GOAL_STARTUP_RATIO,
            "tick_ms_below_postgresql": GOAL_TICK_MS,
        },
        "table": [asdict(r) for r in rows],
        "results": [asdict(b) for b in backends],
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------- entry points
async def benchmark(users: int, window: float) -> list[Backend]:
    backends = []
    with tempfile.TemporaryDirectory(prefix="rw-scale-") as folder:
        sqlite = Databases("SQLite", folder=Path(folder))
        backends.append(await run_backend(sqlite, users, window, limited=True))
    postgres = os.environ.get("TEST_DATABASE_URL")
    if postgres and make_url(postgres).get_backend_name() == "postgresql":
        async with scratch_postgres(postgres, "scale") as url:
            postgres_run = Databases("PostgreSQL", url=url)
            backends.append(await run_backend(postgres_run, users, window, limited=False))
    else:
        why = "is not a PostgreSQL URL" if postgres else "is not set"
        print(f"PostgreSQL: skipped (TEST_DATABASE_URL {why})", flush=True)
    return backends


async def profile(users: int, window: float) -> None:
    """One fan-out on SQLite with the bot under pyinstrument (slower than without), sampling
    the bot's event-loop thread for the whole process (start-up, materialising, the walk);
    SQLite itself runs in aiosqlite's thread and shows up as waiting (epoll). The session goes
    to PROFILE_SESSION (`pyinstrument --load FILE` renders it again), the call tree and the
    functions by own time to PROFILE_TEXT."""
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session

    from benchmarks.throughput import layers

    PROFILE_TEXT.parent.mkdir(parents=True, exist_ok=True)
    command = (
        "-m",
        "pyinstrument",
        "--renderer",
        "pyisession",
        "--outfile",
        str(PROFILE_SESSION),
        "-m",
        "bot",
        "run",
    )
    with tempfile.TemporaryDirectory(prefix="rw-scale-profile-") as folder:
        databases = Databases("SQLite", folder=Path(folder))
        url = await databases.fresh("profile")
        population, due = all_due(users, datetime.now(UTC))
        await seed(url, population)
        fan = await measure_fan_out(
            url, users, due, 0, window, "profile: fan-out under pyinstrument", command
        )
    session = Session.load(str(PROFILE_SESSION))
    options = {"filter_threshold": 0.005}
    tree = ConsoleRenderer(unicode=True, time="percent_of_total", processor_options=options)
    flat = ConsoleRenderer(unicode=True, time="percent_of_total", flat=True, flat_time="self")
    share = layers(session.root_frame())
    summary = "\n".join(f"{100 * part:5.1f} %  {name}" for name, part in share.items())
    flat_text = flat.render(session)
    PROFILE_TEXT.write_text(
        f"{tree.render(session)}\nOwn time by layer:\n{summary}\n\n{flat_text}",
        encoding="utf-8",
    )
    print(
        f"under the profiler: {fan.per_second:,.0f} reminders/s ({fan.reminders:,} in "
        f"{fan.seconds:.1f} s); cores busy {fan.cpu}\n\nOwn time by layer (whole run):\n"
        f"{summary}\n\nOwn time by function, highest first:"
    )
    print("\n".join(flat_text.splitlines()[7:32]))
    print(f"\nCall tree: {PROFILE_TEXT}; session: {PROFILE_SESSION}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the figures go")
    parser.add_argument(
        "--users", type=int, default=USERS, help=f"users of the large runs (default {USERS:,})"
    )
    parser.add_argument(
        "--window",
        type=float,
        default=WINDOW,
        help=f"seconds of fan-out measured after the first reminder (default {WINDOW:.0f})",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help=f"one fan-out on SQLite with the bot under pyinstrument, into {PROFILE_TEXT.name}",
    )
    args = parser.parse_args(argv)
    if args.profile:
        asyncio.run(profile(args.users, args.window))
        return 0
    print(
        f"Scale: {args.users:,} users; fan-out window {args.window:.0f} s; the bot as "
        f"`python -m bot run` against the emulator (log: {BOT_LOG.relative_to(PROJECT)})",
        flush=True,
    )
    began = time.perf_counter()
    backends = asyncio.run(benchmark(args.users, args.window))
    seconds = time.perf_counter() - began
    rows = [row for backend in backends for row in rows_of(backend)]
    print()
    print(table(rows))
    print()
    for backend in backends:
        print(details(backend))
    write_json(args.json, backends, rows, seconds)
    if code_hashes() != CODE_AT_START:
        changed = [name for name, h in code_hashes().items() if CODE_AT_START[name] != h]
        print(
            f"\nNOTE: {', '.join(changed)} changed during the run: the figures mix versions "
            f"(each measurement's `code` in the JSON; this process's ticks: {CODE_VERSION})"
        )
    print(f"\nFigures: {args.json} ({seconds:.0f} s)")
    return 1 if any(backend.errors for backend in backends) else 0


if __name__ == "__main__":
    sys.exit(main())
