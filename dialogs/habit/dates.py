"""Reading the end of a holiday pause: "2 Wochen", "10 Tage", "bis 15.5.", "until 15 May".

Pure functions; the local "today" is passed in. A small parser of our own, not a library
(decision): the phrases are few and narrow (a number of days, weeks or months; a day and month
in German or English short forms; a weekday; "morgen"), while `dateparser`, the one library
that reads both languages, brings a large regex data set and a slow import for them, and it
would also accept phrases we would rather refuse ("in 2 weeks ago", other languages, times).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dialogs.common.text import fold
from dialogs.habit.parsing import ParseError

# A pause with an end date lasts at most 90 days (product decision: a longer break is what
# plain /pause, until /resume, is for; and a typo like "bis 15.5.2062" is caught).
MAX_PAUSE_DAYS = 90
# "1 Monat" is 30 days (product decision: a pause does not need calendar months).
DAYS_PER_MONTH = 30

_NUMBER_WORDS = {
    **dict.fromkeys(("ein", "eine", "einen", "einem", "a", "an", "one"), 1),
    **dict.fromkeys(("zwei", "two"), 2),
    **dict.fromkeys(("drei", "three"), 3),
    **dict.fromkeys(("vier", "four"), 4),
    **dict.fromkeys(("fuenf", "five"), 5),
    **dict.fromkeys(("sechs", "six"), 6),
    **dict.fromkeys(("sieben", "seven"), 7),
    **dict.fromkeys(("acht", "eight"), 8),
    **dict.fromkeys(("zehn", "ten"), 10),
    **dict.fromkeys(("vierzehn", "fourteen"), 14),
}
_UNITS = {
    **dict.fromkeys(("tag", "tage", "tagen", "day", "days", "d"), 1),
    **dict.fromkeys(("woche", "wochen", "week", "weeks", "wk", "wks", "w"), 7),
    **dict.fromkeys(("monat", "monate", "monaten", "month", "months"), DAYS_PER_MONTH),
}
_DURATION = re.compile(r"^(?:fuer|for|fur)?\s*(\d{1,3}|[a-z]+)\s*([a-z]+)$")
_UNTIL = re.compile(
    r"^(?:bis|until|till|til|to)\s+(?:(?:zum|am|einschliesslich|inklusive|the|and including)\s+)*"
)
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(\d{4}|\d{2})?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?(?:,?\s+(\d{4}))?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jan", "january", "jaenner"),
            ("februar", "feb", "february"),
            ("maerz", "marz", "mrz", "march", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "october", "oct"),
            ("november", "nov"),
            ("dezember", "dez", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("montag", "monday"),
            ("dienstag", "tuesday"),
            ("mittwoch", "wednesday"),
            ("donnerstag", "thursday"),
            ("freitag", "friday"),
            ("samstag", "sonnabend", "saturday"),
            ("sonntag", "sunday"),
        )
    )
    for name in names
}
_RELATIVE = {"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "uebermorgen": 2}
_WEEKDAY_NAMES = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTH_NAMES_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def parse_pause_end(text: str, today: date) -> date | ParseError:
    """The last local day of a pause asked for on local day `today`: "2 Wochen" / "1 week"
    (today counts as the first day: 14 / 7 days, so the last is today + 13 / + 6), "10 Tage",
    "1 Monat" (30 days), "bis 15.5." / "bis zum 15. Mai" / "until 15 May" / "until May 15th"
    (that day itself, inclusive; without a year the next such day from today on), "bis
    Sonntag" (the next Sunday after today), "bis morgen".

    ParseError: "habit-error-pause" for anything else (or a day that does not exist, 31.2.),
    "habit-error-pause-past" for a date before today (with a year), "habit-error-pause-long"
    beyond MAX_PAUSE_DAYS (90 days, product decision).
    """
    raw = (text or "").strip()
    cleaned = re.sub(r"\s+", " ", fold(raw)).strip(" !")
    cleaned = re.sub(r"^(?:/?pause|pausiere|pausieren)\s+", "", cleaned)
    last = _duration(cleaned, today)
    if last is None:
        last = _date(_UNTIL.sub("", cleaned).strip(), today)
    if last is None:
        return ParseError("habit-error-pause", {"input": raw[:30]})
    if last < today:
        return ParseError("habit-error-pause-past", {"input": raw[:30]})
    if (last - today).days + 1 > MAX_PAUSE_DAYS:
        return ParseError("habit-error-pause-long", {"input": raw[:30], "max": MAX_PAUSE_DAYS})
    return last


def _duration(cleaned: str, today: date) -> date | None:
    match = _DURATION.match(cleaned)
    if not match:
        return None
    amount_text, unit = match.groups()
    amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS.get(amount_text)
    if amount is None or unit not in _UNITS or amount < 1:
        return None
    days = amount * _UNITS[unit]
    if days > 10 * MAX_PAUSE_DAYS:
        return today + timedelta(days=10 * MAX_PAUSE_DAYS)  # "too long", not an overflow
    return today + timedelta(days=days - 1)


def _date(cleaned: str, today: date) -> date | None:
    if cleaned in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned])
    if cleaned in _WEEKDAYS:
        ahead = (_WEEKDAYS[cleaned] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    day = month = 0
    year: int | None = None
    if match := _NUMERIC.match(cleaned):
        day, month = int(match.group(1)), int(match.group(2))
        year = _year(match.group(3))
    elif match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_MONTH.match(cleaned):
        day, month = int(match.group(1)), _MONTHS.get(match.group(2), 0)
        year = _year(match.group(3))
    elif match := _MONTH_DAY.match(cleaned):
        month, day = _MONTHS.get(match.group(1), 0), int(match.group(2))
        year = _year(match.group(3))
    else:
        return None
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:  # 31.2., month 0 (an unknown month name), 29.2. in a common year
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def format_date(day: date, lang: str) -> str:
    """A pause's day in messages: "Fr 15.05." (de) / "Fri 15 May" (en)."""
    weekday = _WEEKDAY_NAMES.get(lang, _WEEKDAY_NAMES["en"])[day.weekday()]
    if lang == "de":
        return f"{weekday} {day.day:02d}.{day.month:02d}."
    return f"{weekday} {day.day} {_MONTH_NAMES_EN[day.month - 1]}"
