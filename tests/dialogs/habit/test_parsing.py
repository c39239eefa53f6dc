"""Parsing "done", times, day lists and timezones — both languages, never raising."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.habit.parsing import (
    DEFAULT_MINUTES,
    DoneCommand,
    ParseError,
    done_instant,
    format_days,
    is_region_zone,
    known_timezone,
    logged_instant,
    parse_days,
    parse_done,
    parse_time,
    parse_timezone,
)

DONE_WORDS = ["done", "erledigt", "fertig", "geschafft"]


@pytest.mark.parametrize(
    "text",
    [
        "done",
        "Done!",
        "DONE.",
        "erledigt 👍",
        "Erledigt!!",
        "fertig",
        "geschafft 💪",
        "✅",
        "✅ erledigt",
        "ich habe es geschafft",
        "I'm done",
        "Ich bin fertig",
        "Workout done",
        "hab's geschafft!",
        "heute erledigt",
    ],
)
def test_plain_done_messages(text: str) -> None:
    assert parse_done(text) == DoneCommand(minutes=DEFAULT_MINUTES, days_ago=0)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("done 15", 15),
        ("15 min erledigt", 15),
        ("erledigt, 20 Minuten", 20),
        ("Done 25 minutes!", 25),
        ("geschafft: 12min", 12),
        ("fertig 1 Stunde", 60),
        ("done 1h", 60),
        ("✅ 30", 30),
    ],
)
def test_done_with_minutes(text: str, minutes: int) -> None:
    command = parse_done(text)
    assert command is not None and command.error is None
    assert command.minutes == minutes


@pytest.mark.parametrize("text", ["gestern erledigt", "done yesterday", "Yesterday: done 20 min"])
def test_done_yesterday(text: str) -> None:
    command = parse_done(text)
    assert command is not None and command.yesterday and command.error is None


@pytest.mark.parametrize("text", ["done 0", "erledigt 601", "done 5000 min", "fertig 11 Stunden"])
def test_absurd_minutes_are_recognised_but_rejected(text: str) -> None:
    command = parse_done(text)
    assert command is not None
    assert command.error == "habit-error-minutes"


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin fertig mit der Welt, mein Rücken tut weh",
        "not done yet",
        "noch nicht erledigt",
        "Bist du fertig?",
        "done?",
        "Is it done",
        "morgen erledigt",
        "Wann bin ich fertig",
        "I have done nothing today",
        "Mein Rücken ist fertig",
        "done 10 20",
        "",
        "hallo",
        "erledigt " + "sehr " * 20,
        "fertig mit den Nerven",
        "vorgestern erledigt",
        "Bin ich fertig",
        "Am I done",
        "Hast du es geschafft",
        "did I finish",
        "Wie lange erledigt",
    ],
)
def test_sentences_and_questions_are_not_done(text: str) -> None:
    assert parse_done(text) is None


@given(
    word=st.sampled_from(DONE_WORDS),
    casing=st.lists(st.booleans(), min_size=12, max_size=12),
    prefix=st.sampled_from(["", " ", "  ", "👍 ", "✅ "]),
    suffix=st.sampled_from(["", "!", "!!", ".", " 👍", " 🎉", "!!! ", " :)", "…"]),
)
def test_any_casing_and_punctuation_of_done_words_parses(
    word: str, casing: list[bool], prefix: str, suffix: str
) -> None:
    cased = "".join(ch.upper() if up else ch for ch, up in zip(word, casing, strict=False))
    command = parse_done(prefix + cased + suffix)
    assert command is not None and command.minutes == DEFAULT_MINUTES and command.error is None


@given(minutes=st.integers(min_value=1, max_value=600), word=st.sampled_from(DONE_WORDS))
def test_valid_minutes_roundtrip(minutes: int, word: str) -> None:
    for text in (f"{word} {minutes}", f"{minutes} min {word}", f"{word}, {minutes} Minuten"):
        command = parse_done(text)
        assert command == DoneCommand(minutes=minutes)


@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    result = parse_done(text)
    assert result is None or isinstance(result, DoneCommand)
    assert isinstance(parse_time(text), time | ParseError)
    assert isinstance(parse_days(text), frozenset | ParseError)
    assert isinstance(parse_timezone(text), str | ParseError)


@given(st.text(alphabet=st.characters(categories=["L", "Zs"]), min_size=1, max_size=60))
def test_text_without_done_word_or_checkmark_is_not_done(text: str) -> None:
    lowered = text.casefold()
    if not any(word in lowered for word in (*DONE_WORDS, "finished")):
        assert parse_done(text) is None


def test_done_yesterday_is_the_same_local_time_a_day_earlier() -> None:
    now = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # Mon 09:00 CEST
    when = done_instant(DoneCommand(days_ago=1), now, "Europe/Berlin")
    assert when == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # Sun 09:00 CEST
    assert done_instant(DoneCommand(), now, "Europe/Berlin") == now


@pytest.mark.parametrize(("days", "source"), [(1, "yesterday"), (2, "earlier"), (6, "earlier")])
def test_when_a_log_for_an_earlier_day_was_made_is_read_back_from_it(
    days: int, source: str
) -> None:
    """The pain question after "gestern 20 min spazieren" was asked now, not yesterday: the
    log keeps the local time of logging, so when it was made is read back exactly (across the
    switch to summer time on 29 March too)."""
    now = datetime(2026, 3, 30, 7, 0, 12, 345678, tzinfo=UTC)  # Mon 09:00 CEST
    done_at = done_instant(DoneCommand(days_ago=days), now, "Europe/Berlin")
    assert done_at < now - timedelta(hours=20)
    assert logged_instant(done_at, source, now, "Europe/Berlin") == now
    later = now + timedelta(minutes=30)  # asked half an hour ago
    assert logged_instant(done_at, source, later, "Europe/Berlin") == now
    assert logged_instant(now, "text", later, "Europe/Berlin") == now  # today's: when done


def test_an_earlier_days_log_made_before_now_is_never_read_as_made_later() -> None:
    now = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    done_at = done_instant(DoneCommand(days_ago=1), now, "Europe/Berlin")
    before = now - timedelta(hours=1)  # the clock has not reached that local time today
    assert logged_instant(done_at, "yesterday", before, "Europe/Berlin") == done_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", time(18, 30)),
        ("18.30", time(18, 30)),
        ("1830", time(18, 30)),
        ("18 Uhr", time(18, 0)),
        ("7", time(7, 0)),
        ("6pm", time(18, 0)),
        ("6:30 pm", time(18, 30)),
        ("12am", time(0, 0)),
        (" 09:05 ", time(9, 5)),
        ("um 17:45", time(17, 45)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "abc", "12:60", "13pm", "", "18:3", "24:00", "-1"])
def test_bad_times_give_a_friendly_error(text: str) -> None:
    result = parse_time(text)
    assert isinstance(result, ParseError)
    assert result.key == "habit-error-time"
    assert result.message.key == "habit-error-time"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mo,mi,fr", {0, 2, 4}),
        ("mon,wed,fri", {0, 2, 4}),
        ("Di Do", {1, 3}),
        ("tue, thu", {1, 3}),
        ("sa,so", {5, 6}),
        ("sat sun", {5, 6}),
        ("mo-fr", set(range(5))),
        ("Mo - Fr", set(range(5))),
        ("mon to fri", set(range(5))),
        ("fr-mo", {4, 5, 6, 0}),
        ("täglich", set(range(7))),
        ("TAEGLICH", set(range(7))),
        ("daily", set(range(7))),
        ("Montag und Donnerstag", {0, 3}),
        ("monday, wednesday", {0, 2}),
        ("Wochenende", {5, 6}),
        ("werktags", set(range(5))),
    ],
)
def test_parse_days(text: str, expected: set[int]) -> None:
    assert parse_days(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["xyz", "mo,xx", "", "mo-", "-", "mo-fr-sa", "18:30"])
def test_bad_days_give_a_friendly_error(text: str) -> None:
    result = parse_days(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-days"


DAY_SPELLINGS = [
    ("mo", "mon", "montag"),
    ("di", "tue", "dienstag"),
    ("mi", "wed", "mittwoch"),
    ("do", "thu", "donnerstag"),
    ("fr", "fri", "freitag"),
    ("sa", "sat", "samstag"),
    ("so", "sun", "sonntag"),
]


@given(
    days=st.sets(st.integers(0, 6), min_size=1),
    data=st.data(),
)
def test_any_day_set_in_any_spelling_roundtrips(days: set[int], data: st.DataObject) -> None:
    names = [data.draw(st.sampled_from(DAY_SPELLINGS[day])) for day in sorted(days)]
    names = [name.upper() if data.draw(st.booleans()) else name for name in names]
    separator = data.draw(st.sampled_from([",", ", ", " ", "/", ";"]))
    assert parse_days(separator.join(names)) == frozenset(days)


def test_format_days() -> None:
    assert format_days({4, 0, 2}, "de") == "Mo, Mi, Fr"
    assert format_days({1, 3}, "en") == "Tue, Thu"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Vienna", "Europe/Vienna"),
        ("europe/vienna", "Europe/Vienna"),
        ("Wien", "Europe/Vienna"),
        ("America/New York", "America/New_York"),
        ("Australia/Sydney", "Australia/Sydney"),
        ("Zürich", "Europe/Zurich"),
        ("UTC", "UTC"),
    ],
)
def test_parse_timezone(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize("text", ["Mars/Olympus", "", "../etc/passwd", "Europe", "CET+5"])
def test_unknown_timezone_gives_a_friendly_error(text: str) -> None:
    result = parse_timezone(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-timezone"


@pytest.mark.parametrize(
    "text",
    # the machine's zone, the placeholder zone, legacy aliases, and a zone removed in 2020
    ["localtime", "Factory", "factory", "EST5EDT", "US/Pacific", "GB", "US/Pacific-New"],
)
def test_only_region_zones_are_accepted(text: str) -> None:
    result = parse_timezone(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-timezone"
    assert result.args == {"input": text}


@pytest.mark.parametrize(
    "text", ["Etc/GMT-2", "etc/gmt+5", "GMT+1", "UTC+2", "UTC-03:30", "+02:00", "Etc/GMT+12"]
)
def test_fixed_offsets_are_refused_with_their_own_explanation(text: str) -> None:
    result = parse_timezone(text)
    assert isinstance(result, ParseError) and result.key == "habit-error-timezone-offset"


@pytest.mark.parametrize("text", ["utc", "Etc/UTC", "Etc/Universal", "Zulu"])
def test_utc_is_accepted_under_its_one_name(text: str) -> None:
    assert parse_timezone(text) == "UTC"


def test_every_accepted_zone_is_a_known_region_zone() -> None:
    for name in available_timezones():
        result = parse_timezone(name)
        if isinstance(result, str):
            assert result == "UTC" or (is_region_zone(result) and known_timezone(result)), name


@pytest.mark.parametrize(
    ("name", "known"),
    [("Europe/Berlin", True), ("Etc/GMT-2", True), ("US/Pacific-New", False), ("", False)],
)
def test_known_timezone_is_what_the_tz_database_can_load(name: str, known: bool) -> None:
    assert known_timezone(name) is known
