"""The holiday pause's end date (issue 12 §2): "/pause 2 Wochen", "pause until 15 May"."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.habit.dates import MAX_PAUSE_DAYS, format_date, parse_pause_end
from dialogs.habit.parsing import ParseError

MONDAY = date(2026, 3, 23)


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("2 Wochen", date(2026, 4, 5)),  # today is the first of 14 days
        ("zwei Wochen", date(2026, 4, 5)),
        ("10 Tage", date(2026, 4, 1)),
        ("1 week", date(2026, 3, 29)),
        ("for 2 weeks", date(2026, 4, 5)),
        ("1 Monat", date(2026, 4, 21)),  # 30 days
        ("bis 15.5.", date(2026, 5, 15)),
        ("bis zum 15. Mai", date(2026, 5, 15)),
        ("bis 15.05.2026", date(2026, 5, 15)),
        ("until 15 May", date(2026, 5, 15)),
        ("pause until 15 May", date(2026, 5, 15)),
        ("until May 15th", date(2026, 5, 15)),
        ("bis Sonntag", date(2026, 3, 29)),
        ("until monday", date(2026, 3, 30)),  # the next Monday, not today
        ("bis morgen", date(2026, 3, 24)),
    ],
)
def test_pause_end(text: str, last: date) -> None:
    assert parse_pause_end(text, MONDAY) == last


def test_a_date_without_year_is_the_next_one() -> None:
    assert parse_pause_end("bis 2.1.", date(2026, 12, 20)) == date(2027, 1, 2)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("xyz", "habit-error-pause"),
        ("bis 31.2.", "habit-error-pause"),
        ("bis 1.1.2025", "habit-error-pause-past"),
        ("6 Monate", "habit-error-pause-long"),
        ("bis 15.3.", "habit-error-pause-long"),  # next year's 15 March
        ("200 days", "habit-error-pause-long"),
    ],
)
def test_bad_pause_ends(text: str, key: str) -> None:
    result = parse_pause_end(text, MONDAY)
    assert isinstance(result, ParseError) and result.key == key


def test_ninety_days_is_the_longest_pause_with_an_end() -> None:
    assert MAX_PAUSE_DAYS == 90
    assert parse_pause_end("90 Tage", MONDAY) == date(2026, 6, 20)
    assert isinstance(parse_pause_end("91 Tage", MONDAY), ParseError)


def test_format_date() -> None:
    assert format_date(date(2026, 5, 15), "de") == "Fr 15.05."
    assert format_date(date(2026, 5, 15), "en") == "Fri 15 May"
