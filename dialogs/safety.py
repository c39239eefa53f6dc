"""The safety net: screens every free-text message for red-flag statements before anything else.

This module is the public face of the safety net and holds the alerts the bot sends when a
message (or the structured check) finds a red flag. The work behind it is split by job:

- `dialogs.redflags`: the reviewed content of `data/red_flags.yaml` and its types
  (`Urgency`, `Screening`, `Catalogue`, `load_catalogue`).
- `dialogs.patterns`: the YAML's free-text patterns compiled into fast per-word lookups.
- `dialogs.screening`: the matcher itself (`screen`), sentence by sentence, with negation.

Why one face: callers (handlers, the check, the CLI, tests, benchmarks) import everything
safety-related from here, so the split stays an internal detail and `__all__` below is the
whole public surface. When in doubt the net flags: missing a cauda equina syndrome is far
worse than one unnecessary "please see a doctor".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from dialogs.redflags import (
    DATA_FILE,
    LANGUAGES,
    Catalogue,
    Experiencer,
    Question,
    RedFlag,
    Screening,
    Urgency,
    load_catalogue,
    most_urgent,
)
from dialogs.reply import Button, Message
from dialogs.screening import screen

__all__ = [
    "DATA_FILE",
    "DEFAULT_EMERGENCY_NUMBER",
    "DEFAULT_URGENT_NUMBER",
    "LANGUAGES",
    "LATER",
    "START_CHECK",
    "TO_PLAN",
    "Alertable",
    "Catalogue",
    "Experiencer",
    "Question",
    "RedFlag",
    "Screening",
    "Urgency",
    "alert_message",
    "describe",
    "load_catalogue",
    "most_urgent",
    "offer_message",
    "screen",
    "signs",
]

DEFAULT_EMERGENCY_NUMBER = "112"
DEFAULT_URGENT_NUMBER = "116117"


class Alertable(Protocol):
    """A screening result or a check outcome: anything with a level and red-flag ids."""

    @property
    def level(self) -> Urgency: ...

    @property
    def flag_ids(self) -> tuple[str, ...]: ...


START_CHECK = "tri:start"
LATER = "tri:later"
TO_PLAN = "tri:plan"


def describe(result: Screening) -> str:
    """The CLI contract of `python -m bot screen`: the level first (`crisis`, `emergency`,
    `urgent`, `soon`, `none`), then `ask` when the bot would ask rather than alert, then the
    red-flag id, then `other` when the sign is someone else's ("emergency ask saddle_numbness")."""
    words = [result.level.value]
    if result.ask:
        words.append("ask")
    if result.flag_id:
        words.append(result.flag_id)
    if result.experiencer is Experiencer.OTHER:
        words.append("other")
    return " ".join(words)


def signs(flag_ids: Iterable[str], level: Urgency, language: str) -> str:
    """How the alert names the signs of this level ("; "-joined, in the user's language)."""
    catalogue = load_catalogue()
    names = [
        catalogue.flags[flag].sign[language]
        for flag in flag_ids
        if flag in catalogue.flags and catalogue.flags[flag].urgency is level
    ]
    return "; ".join(dict.fromkeys(names))


def alert_message(
    result: Alertable,
    language: str,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
    urgent_number: str = DEFAULT_URGENT_NUMBER,
    *,
    via: str = "message",
) -> Message:
    """The alert for a flagged result (or, for "getting worse", the offer to re-check).

    `via` is "message" for the free-text safety net (with a button into the structured check)
    or "check" for the end of the check itself.
    """
    level = result.level
    args = {
        "sign": signs(result.flag_ids, level, language),
        "emergency": emergency_number,
        "urgent": urgent_number,
        "via": via,
    }
    if level is Urgency.NONE:
        if getattr(result, "worsening", False):
            return offer_message("worse")
        raise ValueError("nothing to alert: the result has no red flag")
    buttons: tuple[tuple[Button, ...], ...] = ()
    if via == "message":
        key = "triage-button-misread" if level is Urgency.EMERGENCY else "triage-button-start"
        buttons = ((Button(key, START_CHECK),),)
    elif level is Urgency.SOON:
        buttons = ((Button("triage-button-plan", TO_PLAN),),)
    return Message(f"triage-alert-{level.value}", args, buttons)


def offer_message(reason: str) -> Message:
    """Offer the check again: `reason` is "worse" (the user says so) or "due" (4 weeks)."""
    return Message(
        f"triage-offer-{reason}",
        {},
        ((Button("triage-button-start", START_CHECK), Button("triage-button-later", LATER)),),
    )
