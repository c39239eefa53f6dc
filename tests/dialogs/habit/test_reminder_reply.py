"""Replies to a reminder in words (issue 12 §2): what each sentence asks for, and what not."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from dialogs.habit.parsing import ParseError
from dialogs.habit.reminder_reply import (
    REPLY_WINDOW,
    ReminderReply,
    ReplyKind,
    in_reply_window,
    read_reply,
    reply_time,
)

QUIET = (time(21, 0), time(8, 0))


@pytest.mark.parametrize(
    "text",
    ["heute nicht", "keine Zeit", "Heute nicht, sorry", "nee, heute nicht", "heute auslassen",
     "Keine Zeit heute 😅", "not today", "no time", "No, not today.", "skip today"],
)  # fmt: skip
def test_skip_today(text: str) -> None:
    assert read_reply(text) == ReminderReply(ReplyKind.SKIP)


@pytest.mark.parametrize(
    "text", ["später", "Später!", "ok, später", "nachher", "jetzt nicht", "later", "not now",
             "snooze", "maybe later"],
)  # fmt: skip
def test_later_offers_the_choices(text: str) -> None:
    assert read_reply(text) == ReminderReply(ReplyKind.LATER)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("in 30 min", 30),
        ("snooze 30 min", 30),
        ("in 30 minutes", 30),
        ("snooze 1h", 60),
        ("in einer Stunde", 60),
        ("in einer halben Stunde", 30),
        ("in half an hour", 30),
        ("in an hour", 60),
        ("30 min später", 30),
        ("in 2 Stunden", 120),
        ("in 1,5 h", 90),
        ("in 45 min bitte", 45),
    ],
)
def test_snooze_by_a_delay(text: str, minutes: int) -> None:
    assert read_reply(text) == ReminderReply(ReplyKind.SNOOZE_FOR, minutes=minutes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("um 19 Uhr", time(19, 0)),
        ("at 7pm", time(19, 0)),
        ("erinnere mich um 19 Uhr", time(19, 0)),
        ("remind me at 7:30pm", time(19, 30)),
        ("heute um halb acht", time(19, 30)),  # 07:30 is in the quiet hours
        ("19:30", time(19, 30)),
        ("halb acht", time(19, 30)),
        ("7.30pm", time(19, 30)),
    ],
)
def test_snooze_to_a_time(text: str, expected: time) -> None:
    reply = read_reply(text)
    assert reply is not None and reply.kind is ReplyKind.SNOOZE_AT
    assert reply_time(reply, QUIET) == expected


def test_a_clock_face_time_outside_quiet_hours_both_ways_is_asked() -> None:
    reply = read_reply("um halb sieben")
    assert reply is not None
    asked = reply_time(reply, (time(22, 0), time(6, 0)))
    assert isinstance(asked, ParseError) and asked.key == "habit-error-time-ambiguous"
    assert asked.args["morning"] == "06:30" and asked.args["evening"] == "18:30"


@pytest.mark.parametrize(
    "text",
    # a pain rating, a duration, "done", questions, sentences, a snooze beyond 12 hours
    ["7", "7/10", "so ne 6", "30 min", "erledigt", "done", "soll ich später?", "hallo",
     "ich will morgen joggen", "gestern 15 min", "in 24 Stunden", "sieben", "",
     "Ich habe heute leider überhaupt keine Zeit gehabt, weil die Arbeit so viel war"],
)  # fmt: skip
def test_not_a_reply_to_a_reminder(text: str) -> None:
    assert read_reply(text) is None


def test_the_reply_window_is_three_hours_after_sending() -> None:
    sent = datetime(2026, 3, 23, 17, 30, tzinfo=UTC)
    assert timedelta(hours=3) == REPLY_WINDOW
    assert in_reply_window(sent, sent + timedelta(hours=3))
    assert not in_reply_window(sent, sent + timedelta(hours=3, seconds=1))
    assert not in_reply_window(sent, sent - timedelta(seconds=1))
