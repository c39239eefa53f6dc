"""Reading the habit's free text: "done" messages, reminder times, weekdays and time zones.

Pure functions only. Parsers never raise on user input: they return a value or a `ParseError`
that carries a friendly Fluent message, so a typo gets an explanation instead of a crash.
`parse_done` is deliberately conservative: a message counts as "done" only when it is short and
consists of a done word plus words from a small whitelist (minutes, "yesterday", "I have", …),
so "Ich bin fertig mit der Welt, mein Rücken tut weh" or "not done yet" never log a session.
Questions never match. Progress, streaks and replies live in `dialogs.habit.progress`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dialogs.common.reply import FluentArgs, Message
from dialogs.common.text import fold, tokens
from dialogs.habit.schedule import localize

# Minutes logged for a bare "done": one of the goal's 10-minute exercises (see
# `schedule.WEEKLY_GOAL` for where "3 × 10 minutes" comes from; the length is a product decision).
DEFAULT_MINUTES = 10
# More than 300 minutes (5 hours) in one go is taken for a typo (product decision).
MAX_MINUTES = 300
# A "done" message is short: longer text is a sentence about something else (product decisions).
MAX_DONE_CHARS = 60
MAX_DONE_WORDS = 8

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


@dataclass(frozen=True)
class ParseError:
    """A friendly parse failure: a Fluent id (habit-error-…) and its arguments."""

    key: str
    args: FluentArgs = field(default_factory=dict)

    @property
    def message(self) -> Message:
        """The error as a message to send (no buttons)."""
        return Message(self.key, self.args)


# --- "done" -------------------------------------------------------------------------------

_DONE_WORDS = {"done", "erledigt", "fertig", "geschafft", "finished"}
_CHECKMARKS = ("✅", "✔", "☑")
_YESTERDAY = {"gestern", "yesterday"}
_MINUTE_UNITS = {"m", "min", "mins", "minute", "minuten", "minutes", "minutn"}
_HOUR_UNITS = {"h", "std", "stunde", "stunden", "hour", "hours", "hr", "hrs"}
# pronouns, auxiliaries and small words that do not change "I did my session"
# fmt: off
_FILLER = frozenset({
    "ich", "i", "hab", "habe", "have", "has", "es", "it", "bin", "am", "im", "m", "all", "alles",
    "schon", "already", "auch", "also", "und", "and", "fuer", "for", "mit", "with", "wieder",
    "again", "gerade", "just", "jetzt", "now", "heute", "today", "ok", "okay", "super", "yay",
    "ja", "yes", "yeah", "juhu", "der", "die", "das", "the", "my", "meine", "mein", "meinen",
    "session", "sessions", "einheit", "uebung", "uebungen", "training", "workout", "exercise",
    "exercises", "bewegung", "runde", "sport", "is", "ist", "wars", "war", "a", "eine", "ein",
    "s", "ve", "hurra", "endlich", "finally", "wow",
})
# fmt: on
# A verb or question word first ("Is it done", "Bin ich fertig") makes a question even without "?".
# fmt: off
_QUESTION_STARTS = frozenset({
    "is", "ist", "bist", "are", "sind", "was", "wann", "wie", "when", "how", "what", "why",
    "warum", "wieso", "did", "does", "do", "can", "kann", "soll", "should",
})
# fmt: on
_VERB_FIRST = {"bin", "am", "hab", "habe", "have", "has"}
_SUBJECTS = {"ich", "i", "es", "it", "du", "you"}
_NUMBER_UNIT = re.compile(r"^(\d+)([a-z]*)$")


@dataclass(frozen=True)
class DoneCommand:
    """A recognised "done" message: whole minutes (hours are converted) and whether it was
    yesterday. `error` is a Fluent id when the minutes are outside 1–MAX_MINUTES; `minutes`
    then holds the absurd value, for the error text."""

    minutes: int = DEFAULT_MINUTES
    yesterday: bool = False
    error: str | None = None


def parse_done(text: str) -> DoneCommand | None:
    """Recognise "done", "erledigt 👍", "15 min erledigt", "gestern erledigt", "✅" …; else None."""
    if not text or len(text) > MAX_DONE_CHARS or "?" in text:
        return None
    words = tokens(text)
    if len(words) > MAX_DONE_WORDS or _is_question(words):
        return None
    has_done = any(mark in text for mark in _CHECKMARKS)
    yesterday = False
    numbers: list[int] = []
    pending_number = False
    for word in words:
        match = _NUMBER_UNIT.match(word)
        if match:
            amount, unit = int(match.group(1)), match.group(2)
            if unit in _HOUR_UNITS:
                amount *= 60
            elif unit and unit not in _MINUTE_UNITS:
                return None
            numbers.append(amount)
            pending_number = not unit
        elif word in _HOUR_UNITS and pending_number:
            numbers[-1] *= 60
            pending_number = False
        elif word in _MINUTE_UNITS and pending_number:
            pending_number = False
        elif word in _DONE_WORDS:
            has_done = True
        elif word in _YESTERDAY:
            yesterday = True
        elif word not in _FILLER:
            return None
    if not has_done or len(numbers) > 1:
        return None
    minutes = numbers[0] if numbers else DEFAULT_MINUTES
    if not 1 <= minutes <= MAX_MINUTES:
        return DoneCommand(minutes=minutes, yesterday=yesterday, error="habit-error-minutes")
    return DoneCommand(minutes=minutes, yesterday=yesterday)


def _is_question(words: list[str]) -> bool:
    if not words:
        return False
    if words[0] in _QUESTION_STARTS:
        return True
    return len(words) > 1 and words[0] in _VERB_FIRST and words[1] in _SUBJECTS


def done_instant(command: DoneCommand, now: datetime, tz: str) -> datetime:
    """When the exercise happened (aware UTC): now, or the same local time yesterday in `tz`
    (an IANA name; ZoneInfoNotFoundError otherwise). `now` must be aware: a naive one would be
    read as the machine's local time."""
    if not command.yesterday:
        return now.astimezone(UTC)
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    return localize(local.date() - timedelta(days=1), local.time().replace(tzinfo=None), zone)


# --- times, days, timezones ---------------------------------------------------------------

_TIME = re.compile(
    r"^(?:um\s+|at\s+)?(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(uhr|h|am|pm|a\.m\.|p\.m\.)?$"
)
_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})$")


def parse_time(text: str) -> time | ParseError:
    """Read "18:30", "18.30", "1830", "18 Uhr", "6pm", "6:30 pm" as a naive local wall time;
    a ParseError ("habit-error-time") for anything else."""
    cleaned = fold(text or "").strip()
    compact = _COMPACT_TIME.match(cleaned)
    match = _TIME.match(cleaned) if not compact else None
    if compact:
        hour, minute, suffix = int(compact.group(1)), int(compact.group(2)), ""
    elif match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(".", "")
    else:
        return ParseError("habit-error-time", {"input": (text or "")[:20]})
    if suffix in {"am", "pm"}:
        if not 1 <= hour <= 12:
            return ParseError("habit-error-time", {"input": text[:20]})
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return ParseError("habit-error-time", {"input": text[:20]})
    return time(hour, minute)


_DAY_ALIASES = {
    name: index
    for index, names in enumerate(
        (
            ("mo", "mon", "montag", "monday", "montags", "mondays"),
            ("di", "tu", "tue", "tues", "dienstag", "tuesday", "dienstags", "tuesdays"),
            ("mi", "we", "wed", "mittwoch", "wednesday", "mittwochs", "wednesdays"),
            ("do", "th", "thu", "thur", "thurs", "donnerstag", "thursday", "donnerstags"),
            ("fr", "fri", "freitag", "friday", "freitags", "fridays"),
            ("sa", "sat", "samstag", "saturday", "samstags", "saturdays", "sonnabend"),
            ("so", "su", "sun", "sonntag", "sunday", "sonntags", "sundays"),
        )
    )
    for name in names
}
_DAY_GROUPS = {
    "taeglich": range(7),
    "taglich": range(7),
    "daily": range(7),
    "everyday": range(7),
    "werktags": range(5),
    "weekdays": range(5),
    "wochenende": (5, 6),
    "weekend": (5, 6),
}
_DAY_FILLER = {"und", "and", "jeden", "every", "tag", "day", "an", "on"}
_DAY_RANGE = re.compile(r"\s*(?:-|–|bis|to)\s*")
_DAY_SEPARATORS = re.compile(r"[\s,;/+&]+")


def parse_days(text: str) -> frozenset[int] | ParseError:
    """Read "mo,mi,fr", "mon wed fri", "mo-fr", "täglich"/"daily" as weekdays 0=Mon…6=Sun."""
    cleaned = fold(text or "")
    cleaned = _DAY_RANGE.sub("-", cleaned)
    parts = [part for part in _DAY_SEPARATORS.split(cleaned) if part]
    days: set[int] = set()
    for part in parts:
        part = part.strip(".")
        if part in _DAY_GROUPS:
            days.update(_DAY_GROUPS[part])
        elif "-" in part:
            ends = part.split("-")
            if len(ends) != 2 or ends[0] not in _DAY_ALIASES or ends[1] not in _DAY_ALIASES:
                return ParseError("habit-error-days", {"input": (text or "")[:30]})
            start, stop = _DAY_ALIASES[ends[0]], _DAY_ALIASES[ends[1]]
            days.update((start + offset) % 7 for offset in range((stop - start) % 7 + 1))
        elif part in _DAY_ALIASES:
            days.add(_DAY_ALIASES[part])
        elif part not in _DAY_FILLER:
            return ParseError("habit-error-days", {"input": (text or "")[:30]})
    if not days:
        return ParseError("habit-error-days", {"input": (text or "")[:30]})
    return frozenset(days)


def format_days(days: Iterable[int], lang: str) -> str:
    """ "Mo, Mi, Fr" / "Mon, Wed, Fri" for messages (a list Fluent cannot build itself)."""
    names = _DAY_NAMES.get(lang, _DAY_NAMES["en"])
    return ", ".join(names[day] for day in sorted(set(days)))


# The zones offered as buttons (plan dialog, /timezone), product decision: the countries whose
# helplines the bot knows first, then two far-away zones; anything else is typed.
COMMON_TIMEZONES = (
    "Europe/Berlin",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
)
_TZ_ALIASES = {
    alias: zone
    for zone, aliases in {
        "Europe/Berlin": ("berlin", "deutschland", "germany"),
        "Europe/Vienna": ("wien", "vienna", "oesterreich", "austria"),
        "Europe/Zurich": ("zuerich", "zurich", "schweiz", "switzerland"),
        "Europe/London": ("london",),
        "America/New_York": ("new york", "newyork"),
        "Australia/Sydney": ("sydney",),
        "UTC": ("utc",),
    }.items()
    for alias in aliases
}


# The zones a person may choose (product decision): IANA region names ("Europe/Berlin"), whose
# rules follow the place through daylight-saving and law changes, and UTC for those who want
# no clock changes. Refused: the machine's own `localtime`, `Factory` (a placeholder zone),
# legacy aliases (`CET`, `US/Pacific`, `GB`) and fixed offsets (`Etc/GMT-2`, whose sign is
# inverted and which never switches to summer time: reminders would be an hour off for half
# the year).
REGIONS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
_UTC_NAMES = frozenset({"utc", "etc/utc", "etc/uct", "uct", "etc/universal", "universal", "zulu"})
_FIXED_OFFSET = re.compile(r"^(?:etc/)?(?:gmt|utc|ut)?\s*[+\-−]\s*\d{1,2}(?::?\d{2})?$")


def is_region_zone(name: str) -> bool:
    """Whether `name` has the shape of an IANA region zone ("Europe/Berlin",
    "America/Argentina/Salta"): a region prefix, then a place. Says nothing about whether the
    tz database knows it (`known_timezone`)."""
    region, _, place = name.partition("/")
    return region in REGIONS and bool(place)


def known_timezone(name: str) -> bool:
    """Whether this process's tz database can load `name` (a zone stored years ago may have
    been removed since, e.g. `US/Pacific-New` in 2020)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@lru_cache(maxsize=1)
def _zones_by_fold() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() if is_region_zone(name)}


def parse_timezone(text: str) -> str | ParseError:
    """An IANA region name ("Europe/Vienna", any case, spaces for underscores), UTC, or a
    common city alias, returned as the canonical IANA name. Anything else is a ParseError:
    "habit-error-timezone-offset" for a fixed offset ("Etc/GMT-2", "UTC+2"),
    "habit-error-timezone" for the rest ("localtime", "Factory", "CET", "Mars/Base")."""
    raw = (text or "").strip()
    alias = _TZ_ALIASES.get(fold(raw).replace("_", " ").strip())
    if alias:
        return alias
    folded = raw.replace(" ", "_").casefold()
    if folded in _UTC_NAMES:
        return "UTC"
    name = _zones_by_fold().get(folded)
    if name is not None:
        return name
    if _FIXED_OFFSET.match(folded.replace("_", "")):
        return ParseError("habit-error-timezone-offset", {"input": raw[:40]})
    return ParseError("habit-error-timezone", {"input": raw[:40]})
