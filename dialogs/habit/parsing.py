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
from dialogs.habit.limits import MAX_MINUTES
from dialogs.habit.schedule import (
    DEFAULT_QUIET_END,
    DEFAULT_QUIET_START,
    hhmm,
    in_quiet_hours,
    localize,
)

# Minutes logged for a bare "done": one of the goal's 10-minute exercises (see
# `schedule.WEEKLY_GOAL` for where "3 × 10 minutes" comes from; the length is a product decision).
DEFAULT_MINUTES = 10
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
    """An exercise to log: whole minutes (hours are converted), how many local days ago (0 =
    today, 1 = yesterday, up to 6), and – when the activity reader found them – the activity
    ("walk", "yoga", …) and how it felt ("good" | "pain"). `error` is a Fluent id when the
    minutes are outside 1–MAX_MINUTES; `minutes` then holds the absurd value, for the error.
    `pain`: the 0–10 rating said with the report ("walked 30 min, pain 4"), stored with the
    log so that the pain question is not asked; None when not said."""

    minutes: int = DEFAULT_MINUTES
    days_ago: int = 0
    error: str | None = None
    activity: str | None = None
    felt: str | None = None
    pain: int | None = None

    @property
    def yesterday(self) -> bool:
        """Whether it was yesterday (the reply says "für gestern")."""
        return self.days_ago == 1


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
        return DoneCommand(minutes=minutes, days_ago=int(yesterday), error="habit-error-minutes")
    return DoneCommand(minutes=minutes, days_ago=int(yesterday))


def _is_question(words: list[str]) -> bool:
    if not words:
        return False
    if words[0] in _QUESTION_STARTS:
        return True
    return len(words) > 1 and words[0] in _VERB_FIRST and words[1] in _SUBJECTS


def done_instant(command: DoneCommand, now: datetime, tz: str) -> datetime:
    """When the exercise happened (aware UTC): now, or the same local time `days_ago` days
    earlier in `tz` (an IANA name; ZoneInfoNotFoundError otherwise). `now` must be aware: a
    naive one would be read as the machine's local time."""
    if not command.days_ago:
        return now.astimezone(UTC)
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=command.days_ago)
    return localize(day, local.time().replace(tzinfo=None), zone)


# Where an exercise log for an earlier day came from (`bot.exercises`): one day ago, or 2–6.
YESTERDAY_SOURCE = "yesterday"
EARLIER_SOURCE = "earlier"


def logged_instant(done_at: datetime, source: str, now: datetime, tz: str) -> datetime:
    """When an exercise log was made (aware UTC), which is when its pain question was asked.

    A log for an earlier day is stored at the local time of logging on that day
    (`done_instant`), so it was made at that local time one day later (`YESTERDAY_SOURCE`) or
    2–6 days later (`EARLIER_SOURCE`; the row does not say how many, so the latest of those
    instants not after `now` is taken: a log made a day after it was asked about reads as made
    on the later day). Any other log was made when it was done: `done_at`."""
    if source == YESTERDAY_SOURCE:
        later: Iterable[int] = (1,)
    elif source == EARLIER_SOURCE:
        later = range(2, 7)
    else:
        return done_at
    zone = ZoneInfo(tz)
    local = done_at.astimezone(zone)
    made = done_at
    for days in later:
        candidate = localize(local.date() + timedelta(days=days), local.time(), zone)
        if candidate <= now:
            made = max(made, candidate)
    return made


# --- times, days, timezones ---------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(uhr|h|am|pm|a\.m\.|p\.m\.)?$")
_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})$")
_UHR_MINUTES = re.compile(r"^(\d{1,2})\s*uhr\s*(\d{1,2})$")  # "18 Uhr 30"
# A time's own small words: "um 19 Uhr", "at 7pm", "gegen halb acht", "heute um 19 Uhr".
_TIME_PREFIX = re.compile(r"^(?:(?:heute|today|tonight|dann|then)\s+)?(?:um|at|gegen|around)\s+")
# Hours said as words, on the 12-hour dial of a clock face.
_HOUR_WORDS = {
    **dict.fromkeys(("ein", "eins", "one"), 1),
    **dict.fromkeys(("zwei", "two"), 2),
    **dict.fromkeys(("drei", "three"), 3),
    **dict.fromkeys(("vier", "four"), 4),
    **dict.fromkeys(("fuenf", "funf", "five"), 5),
    **dict.fromkeys(("sechs", "six"), 6),
    **dict.fromkeys(("sieben", "seven"), 7),
    **dict.fromkeys(("acht", "eight"), 8),
    **dict.fromkeys(("neun", "nine"), 9),
    **dict.fromkeys(("zehn", "ten"), 10),
    **dict.fromkeys(("elf", "eleven"), 11),
    **dict.fromkeys(("zwoelf", "zwolf", "twelve"), 12),
}
# Clock-face phrases → (minutes past the hour, hours to go back): "halb sieben" is 6:30,
# "viertel vor sieben" and "dreiviertel sieben" 6:45, "half past six" 6:30.
_DIAL = {
    "halb": (30, 1),
    "viertel nach": (15, 0),
    "viertel vor": (45, 1),
    "dreiviertel": (45, 1),
    "drei viertel": (45, 1),
    "half past": (30, 0),
    "quarter past": (15, 0),
    "quarter after": (15, 0),
    "quarter to": (45, 1),
    "quarter of": (45, 1),
}
_DIAL_TIME = re.compile(
    r"^(?:(" + "|".join(sorted(_DIAL, key=len, reverse=True)) + r")\s+)?([a-z]+|\d{1,2})"
    r"(?:\s*(?:uhr|o\s?'?\s?clock))?$"
)
_MORNING = ("morgens", "frueh", "vormittags", "in the morning", "am morgen")
_EVENING = (
    "abends", "nachmittags", "am abend", "am nachmittag", "in the evening", "in the afternoon",
)  # fmt: skip


def _clock_readings(cleaned: str) -> tuple[time, ...] | None:
    """The wall times `cleaned` (folded, without "um"/"at") can mean: one for digits on the
    24-hour clock ("18:30", "7" = 07:00) or with am/pm, two for a clock-face phrase without
    morning/evening ("halb sieben": 06:30 and 18:30); None when it is no time at all."""
    period = ""
    for words, name in ((_MORNING, "am"), (_EVENING, "pm")):
        for word in words:
            if cleaned.endswith(" " + word):
                cleaned, period = cleaned[: -len(word) - 1].strip(), name
    compact = _COMPACT_TIME.match(cleaned)
    match = _TIME.match(cleaned) if not compact else None
    uhr = _UHR_MINUTES.match(cleaned)
    if compact or uhr:
        found = compact or uhr
        assert found is not None
        hour, minute, suffix = int(found.group(1)), int(found.group(2)), ""
    elif match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(".", "")
    else:
        return _dial_readings(cleaned, period)
    half = suffix if suffix in {"am", "pm"} else period
    if suffix in {"am", "pm"} or (period and 1 <= hour <= 12):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return (time(hour, minute),)


def _dial_readings(cleaned: str, period: str) -> tuple[time, ...] | None:
    """ "halb sieben", "viertel nach 6", "quarter to seven", "sieben Uhr" (see `_DIAL`)."""
    match = _DIAL_TIME.match(cleaned)
    if not match:
        return None
    phrase, word = match.group(1), match.group(2)
    if word.isdigit():
        hour = int(word)
        if phrase is None or not 1 <= hour <= 24:
            return None  # a bare number is the 24-hour clock's (`_TIME`)
    elif word in _HOUR_WORDS:
        hour = _HOUR_WORDS[word]
    else:
        return None
    minute, back = _DIAL.get(phrase or "", (0, 0))
    hour -= back
    if hour > 12:  # "halb 19": the 24-hour clock, one reading
        return None if period else (time(hour % 24, minute),)
    dial = hour % 12  # 0 … 11: "halb eins" is 0:30 or 12:30
    morning, evening = time(dial, minute), time(dial + 12, minute)
    if period:
        return (morning,) if period == "am" else (evening,)
    return (morning, evening)


def looks_like_time(text: str) -> bool:
    """Whether `text` reads as a wall time at all (one or two readings)."""
    return _clock_readings(_clean_time(text)) is not None


def _clean_time(text: str) -> str:
    cleaned = re.sub(r"\s+", " ", fold(text or "").strip()).rstrip(".!")
    cleaned = _TIME_PREFIX.sub("", cleaned)
    return cleaned


def parse_time(
    text: str, quiet: tuple[time, time] = (DEFAULT_QUIET_START, DEFAULT_QUIET_END)
) -> time | ParseError:
    """A naive local wall time from "18:30", "18.30", "1830", "18 Uhr", "18h", "18 Uhr 30",
    "6pm", "6 pm", "7.30pm", "um 19 Uhr", "at 7pm", "halb sieben", "viertel nach sechs",
    "viertel vor sieben", "quarter to seven", "halb sieben abends"; a ParseError otherwise.

    Digits are the 24-hour clock ("7" is 07:00). A clock-face phrase without "morgens" /
    "abends" / am / pm has two readings ("halb sieben": 06:30 or 18:30); the rule (product
    decision): take the one outside the quiet hours `quiet` (start, end: naive local times,
    default 21:00–08:00); when both are outside, ask ("habit-error-time-ambiguous" with both
    readings); when both are inside, the evening one (the caller's quiet-hours check then
    explains or offers to move them). Errors: "habit-error-time" for no time at all.
    """
    readings = _clock_readings(_clean_time(text))
    if readings is None:
        return ParseError("habit-error-time", {"input": (text or "")[:20]})
    if len(readings) == 1:
        return readings[0]
    outside = [at for at in readings if not in_quiet_hours(at, *quiet)]
    if len(outside) == 1:
        return outside[0]
    if not outside:
        return readings[-1]
    morning, evening = readings
    return ParseError(
        "habit-error-time-ambiguous",
        {"input": (text or "")[:20], "morning": hhmm(morning), "evening": hhmm(evening)},
    )


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
# Place names that are not the tz database's own city names (those are derived from it, see
# `_city_names`): countries, German names of cities, big cities that share a zone with its
# named city (product decision: the cities people of our languages most likely type).
_TZ_ALIASES = {
    alias: zone
    for zone, aliases in {
        "Europe/Berlin": (
            "deutschland", "germany", "muenchen", "munich", "hamburg", "koeln", "cologne",
            "frankfurt", "stuttgart", "duesseldorf", "dresden", "leipzig", "hannover",
            "nuernberg", "nuremberg", "bremen", "bonn", "freiburg", "heidelberg",
        ),
        "Europe/Vienna": (
            "wien", "oesterreich", "austria", "graz", "salzburg", "innsbruck", "linz",
        ),
        "Europe/Zurich": (
            "zuerich", "schweiz", "switzerland", "bern", "basel", "genf", "geneva", "lausanne",
            "luzern", "lucerne",
        ),
        "Europe/Rome": (
            "rom", "italien", "italy", "mailand", "milan", "neapel", "naples", "florenz",
            "florence", "venedig", "venice",
        ),
        "Europe/Paris": ("frankreich", "france", "lyon", "marseille", "nizza", "nice"),
        "Europe/Madrid": ("spanien", "spain", "barcelona", "sevilla", "valencia"),
        "Europe/Lisbon": ("lissabon", "portugal", "porto"),
        "Europe/London": ("england", "uk", "grossbritannien", "manchester", "edinburgh"),
        "Europe/Amsterdam": ("niederlande", "holland", "netherlands", "den haag", "rotterdam"),
        "Europe/Brussels": ("bruessel", "belgien", "belgium"),
        "Europe/Luxembourg": ("luxemburg",),
        "Europe/Copenhagen": ("kopenhagen", "daenemark", "denmark"),
        "Europe/Prague": ("prag", "tschechien", "czechia"),
        "Europe/Warsaw": ("warschau", "polen", "poland"),
        "Europe/Athens": ("athen", "griechenland", "greece"),
        "Europe/Moscow": ("moskau",),
        "America/New_York": (
            "newyork", "new york city", "nyc", "boston", "washington", "philadelphia", "miami",
            "atlanta",
        ),
        "America/Chicago": ("houston", "dallas", "austin"),
        "America/Los_Angeles": ("san francisco", "seattle", "san diego", "las vegas"),
        "America/Toronto": ("montreal", "ottawa"),
        "Asia/Tokyo": ("tokio",),
        "Asia/Shanghai": ("peking", "beijing"),
        "Asia/Kolkata": ("indien", "india", "neu delhi", "new delhi", "mumbai", "bombay"),
        "Asia/Singapore": ("singapur",),
        "Africa/Cairo": ("kairo",),
        "UTC": ("utc",),
    }.items()
    for alias in aliases
}  # fmt: skip
# Abbreviations people misread (EST is winter time only; CET is not Berlin in summer; IST is
# India, Ireland and Israel): refused, with the cities they most likely mean as buttons.
_ABBREVIATIONS = {
    abbreviation: cities
    for abbreviations, cities in (
        (("est", "edt", "et"), ("America/New_York", "America/Toronto")),
        (("cst", "cdt", "ct"), ("America/Chicago", "America/Mexico_City")),
        (("mst", "mdt", "mt"), ("America/Denver", "America/Phoenix")),
        (("pst", "pdt", "pt"), ("America/Los_Angeles", "America/Vancouver")),
        (
            ("cet", "cest", "mez", "mesz"),
            ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Paris"),
        ),
        (("gmt", "bst", "wet", "west"), ("Europe/London", "Europe/Lisbon")),
        (("eet", "eest", "oez"), ("Europe/Athens", "Europe/Helsinki")),
        (("ist",), ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem")),
        (("jst",), ("Asia/Tokyo",)),
        (("aest", "aedt"), ("Australia/Sydney", "Australia/Melbourne")),
    )
    for abbreviation in abbreviations
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


@lru_cache(maxsize=1)
def _city_names() -> dict[str, str]:
    """The tz database's own city names, folded, underscores as spaces ("chicago" →
    America/Chicago, "buenos aires" → America/Argentina/Buenos_Aires). A name two zones share
    (an old link and its zone: America/Buenos_Aires, America/Argentina/Buenos_Aires) goes to
    the deeper name, the zone itself."""
    cities: dict[str, str] = {}
    by_depth = sorted(_zones_by_fold().values(), key=lambda zone: (-zone.count("/"), zone))
    for name in by_depth:
        cities.setdefault(fold(name.rsplit("/", 1)[1].replace("_", " ")), name)
    return cities


def timezone_choices(text: str) -> tuple[str, ...]:
    """The zones a misread abbreviation ("EST", "CET", "MEZ") most likely means, to offer as
    buttons; () for anything else."""
    return _ABBREVIATIONS.get(fold(text or "").strip(), ())


def parse_timezone(text: str) -> str | ParseError:
    """The canonical IANA name for an IANA region name ("Europe/Vienna", any case, spaces for
    underscores), UTC, a city of the tz database ("Chicago", "New York", "los angeles") or a
    German or common name (`_TZ_ALIASES`: "Wien", "Zürich", "München" → Europe/Berlin).
    Anything else is a ParseError: "habit-error-timezone-offset" for a fixed offset
    ("Etc/GMT-2", "UTC+2"), "habit-error-timezone-abbrev" for an abbreviation people misread
    ("EST", "CET"; `timezone_choices` names the cities), "habit-error-timezone" for the rest
    ("localtime", "Factory", "US/Pacific", "Mars/Base")."""
    raw = (text or "").strip()
    place = re.sub(r"\s+", " ", fold(raw).replace("_", " ")).strip(" .!")
    alias = _TZ_ALIASES.get(place)
    if alias:
        return alias
    folded = raw.replace(" ", "_").casefold()
    if folded in _UTC_NAMES:
        return "UTC"
    name = _zones_by_fold().get(folded)
    if name is not None:
        return name
    if "/" not in place and place in _city_names():
        return _city_names()[place]
    if place in _ABBREVIATIONS:
        return ParseError("habit-error-timezone-abbrev", {"input": raw[:40]})
    if _FIXED_OFFSET.match(folded.replace("_", "")):
        return ParseError("habit-error-timezone-offset", {"input": raw[:40]})
    return ParseError("habit-error-timezone", {"input": raw[:40]})
