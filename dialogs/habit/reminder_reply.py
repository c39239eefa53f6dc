"""Answers to a reminder in words: "heute nicht", "später", "in 30 min", "um 19 Uhr", …

Pure: `read_reply` decides what a short message says to a reminder, `in_reply_window` whether
it can still be an answer to one. The bot acts on it as on the reminder's buttons (skip today,
the choice of later times, a snooze by a delay or to a time).

What counts (German and English, any case, with "bitte" / "please" / "ok" around it):
- skip today: "heute nicht", "keine Zeit", "heute auslassen", "not today", "no time", "skip";
- later, which offers 30 min / 1 h / 2 h / a time: "später", "nachher", "jetzt nicht",
  "later", "not now", "snooze";
- a snooze by a delay: "in 30 min", "in einer Stunde", "in einer halben Stunde",
  "30 min später", "snooze 30 min", "in 30 minutes", "in an hour", "snooze 1h";
- a snooze to a time: "um 19 Uhr", "heute um halb acht", "erinnere mich um 19 Uhr",
  "at 7pm", "remind me at 7:30"; and a bare time with a clock mark ("19:30", "19 Uhr",
  "halb acht", "7pm"), since "⏰ Später" → "Andere Uhrzeit" asks for one. A bare number ("7")
  is not a time here: right after a reminder it may be a pain rating.
Questions and longer sentences are not answers to a reminder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from dialogs.common.text import fold
from dialogs.habit.buttons import MAX_SNOOZE_MINUTES
from dialogs.habit.parsing import ParseError, looks_like_time, parse_time

# A reply in words counts for 3 hours after a reminder was sent to that person (product
# decision: the reminder's moment is over by then, and "später" means something else).
REPLY_WINDOW = timedelta(hours=3)
# Longer text is a sentence about something else (product decision: "heute leider keine Zeit,
# bitte später" fits).
MAX_REPLY_CHARS = 50


class ReplyKind(StrEnum):
    """What a reply to a reminder asks for."""

    SKIP = "skip"  # no more reminders today
    LATER = "later"  # offer the snooze choices
    SNOOZE_FOR = "snooze_for"  # remind again in `minutes`
    SNOOZE_AT = "snooze_at"  # remind again at the time in `time_text`


@dataclass(frozen=True)
class ReminderReply:
    """A reply to a reminder: its kind, `minutes` (1 … MAX_SNOOZE_MINUTES) for SNOOZE_FOR,
    `time_text` (the time as written, read by `reply_time`) for SNOOZE_AT."""

    kind: ReplyKind
    minutes: int = 0
    time_text: str = ""


_POLITE = re.compile(
    r"^(?:(?:ok|okay|oki|ja|nee|nein|sorry|leider|hm+|uff|ach|oh|bitte|please|dann|then)\s*,?\s+"
    r"|no\s*,\s*)+"
    r"|(?:\s+(?:bitte|please|sorry|leider|danke|thanks|thx|nochmal|again))+$"
)
_SKIP = frozenset(
    {
        "heute nicht", "nicht heute", "heute lieber nicht", "heute eher nicht", "heute mal nicht",
        "keine zeit", "heute keine zeit", "keine zeit heute", "hab keine zeit",
        "habe keine zeit", "ich habe keine zeit", "hab heute keine zeit", "heute auslassen",
        "auslassen", "heute aussetzen", "aussetzen", "heute nicht mehr", "nicht mehr heute",
        "not today", "no time", "no time today", "not today thanks", "skip", "skip today",
        "skip it", "i have no time", "i don't have time", "i dont have time", "no time for it",
    }
)  # fmt: skip
_LATER = frozenset(
    {
        "spaeter", "nachher", "jetzt nicht", "gerade nicht", "grad nicht", "jetzt gerade nicht",
        "etwas spaeter", "bisschen spaeter", "ein bisschen spaeter", "spaeter nochmal",
        "erinnere mich spaeter", "erinner mich spaeter", "later", "not now", "snooze",
        "maybe later", "remind me later", "a bit later", "not right now",
    }
)  # fmt: skip
# Half an hour and the like, as minutes, before the delay is read.
_PHRASES = (
    (re.compile(r"\b(?:einer|eine|ne|'?ner) (?:halben|halbe) stunde\b|\bhalbe stunde\b"), "30 min"),
    (re.compile(r"\b(?:half an|a half|half a|half) hour\b"), "30 min"),
    (re.compile(r"\b(?:einer|eine) viertelstunde\b|\bviertelstunde\b"), "15 min"),
    (re.compile(r"\b(?:a )?quarter (?:of an )?hour\b"), "15 min"),
    (re.compile(r"\b(?:anderthalb|eineinhalb) stunden\b|\ban hour and a half\b"), "90 min"),
)
_AMOUNT_WORDS = {
    **dict.fromkeys(("ein", "eine", "einer", "einen", "ner", "a", "an", "one"), 1),
    **dict.fromkeys(("zwei", "two"), 2),
    **dict.fromkeys(("drei", "three"), 3),
}
_MINUTE_UNITS = {"m", "min", "mins", "minute", "minuten", "minutes", "minutn"}
_HOUR_UNITS = {"h", "std", "stunde", "stunden", "hour", "hours", "hr", "hrs"}
_AMOUNT = r"(\d{1,3}(?:[.,]\d)?|[a-z]+)\s*([a-z]+)"
_SNOOZE_VERB = r"(?:snooze|erinnere? mich|remind me|schlummern)"
_DELAYS = (
    re.compile(rf"^(?:{_SNOOZE_VERB}\s+)?(?:(?:in|nach|for|fuer)\s+)?{_AMOUNT}$"),
    re.compile(
        rf"^(?:{_SNOOZE_VERB}\s+)?(?:in|nach|for|fuer)\s+{_AMOUNT}(?:\s+(?:nochmal|again))?$"
    ),
    re.compile(rf"^(?:erst\s+)?(?:in\s+)?{_AMOUNT}\s+(?:spaeter|later)$"),
)
_NEEDS_MARK = re.compile(rf"^{_SNOOZE_VERB}\s|^(?:in|nach|for|fuer)\s|\s(?:spaeter|later)$")
_AT_PREFIX = re.compile(
    rf"^(?:(?:{_SNOOZE_VERB}|spaeter|later|lieber|erst|dann|heute|today|tonight)\s+)*"
    r"(?:um|at|gegen|around)\s+"
)
# A bare time counts only with a clock mark (":", "uhr", am/pm, "h", a clock-face phrase).
_CLOCK_MARK = re.compile(
    r"\d[:.]\d|\buhr\b|\d\s*(?:am|pm|h)\b|\b(?:halb|viertel|dreiviertel|half|quarter)\b"
)


def _clean(text: str) -> str:
    cleaned = fold(text).replace("’", "'")
    cleaned = re.sub(r"[^a-z0-9:.,' ]+", " ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .,")
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, _POLITE.sub("", cleaned).strip(" .,")
    return cleaned


def read_reply(text: str) -> ReminderReply | None:
    """What a short message says to a reminder (see the module's list), or None: not a reply
    to a reminder (a question, a longer sentence, "erledigt", a bare number)."""
    if not text or len(text) > MAX_REPLY_CHARS or "?" in text:
        return None
    cleaned = _clean(text)
    if not cleaned:
        return None
    if cleaned in _SKIP:
        return ReminderReply(ReplyKind.SKIP)
    if cleaned in _LATER:
        return ReminderReply(ReplyKind.LATER)
    minutes = _delay(cleaned)
    if minutes is not None:
        return ReminderReply(ReplyKind.SNOOZE_FOR, minutes=minutes) if minutes else None
    at_text = _AT_PREFIX.sub("", cleaned)
    if at_text != cleaned and looks_like_time(at_text):
        return ReminderReply(ReplyKind.SNOOZE_AT, time_text=at_text)
    if _CLOCK_MARK.search(cleaned) and looks_like_time(cleaned):
        return ReminderReply(ReplyKind.SNOOZE_AT, time_text=cleaned)
    return None


def _delay(cleaned: str) -> int | None:
    """Minutes of a delay ("in 30 min", "snooze 1h", "in einer Stunde"); 0 for a delay out of
    range (1 … MAX_SNOOZE_MINUTES); None when `cleaned` is no delay. A bare "30 min" is none:
    it may say how long someone moved."""
    if not _NEEDS_MARK.search(cleaned):
        return None
    for phrase, replacement in _PHRASES:
        cleaned = phrase.sub(replacement, cleaned)
    for pattern in _DELAYS:
        match = pattern.match(cleaned)
        if match:
            break
    else:
        return None
    amount_text, unit = match.groups()
    if amount_text in _AMOUNT_WORDS:
        amount = float(_AMOUNT_WORDS[amount_text])
    else:
        try:
            amount = float(amount_text.replace(",", "."))
        except ValueError:
            return None
    if unit in _HOUR_UNITS:
        amount *= 60
    elif unit not in _MINUTE_UNITS:
        return None
    minutes = round(amount)
    return minutes if 0 < minutes <= MAX_SNOOZE_MINUTES else 0


def reply_time(reply: ReminderReply, quiet: tuple[time, time]) -> time | ParseError:
    """The naive local time of a SNOOZE_AT reply; "halb acht" takes the reading outside the
    quiet hours `quiet` (start, end: naive local), as `parse_time` does, or asks."""
    return parse_time(reply.time_text, quiet)


def in_reply_window(sent_at: datetime, now: datetime) -> bool:
    """Whether a message at `now` can answer a reminder sent at `sent_at` (both aware):
    within REPLY_WINDOW (3 hours, product decision) after it."""
    return timedelta(0) <= now - sent_at <= REPLY_WINDOW
