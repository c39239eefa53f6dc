"""The weekly check-in: the three PEG items, one tap each, the PEG score, and what is said.

PEG-3 (Krebs EE et al. Development and initial validation of the PEG, a three-item scale
assessing pain intensity and interference. J Gen Intern Med 2009;24(6):733–738,
doi:10.1007/s11606-009-0981-1): item 1 average pain in the past week, item 2 how much pain
interfered with enjoyment of life, item 3 with general activity, each 0–10; the PEG score is
the mean of the three (0–10, lower is better). The wording of the items (our own, see
data/checkin.yaml) travels as Fluent arguments, like other content.

Opt-in: nobody gets it unasked. Once on (`users.weekly_checkin`), the Sunday summary is
followed by the first question; /checkin asks it at any time. The 0–10 buttons carry the
answers so far (`CheckinAnswer`), so nothing is stored until the third tap, and then once per
week (the bot's unique key on user and week).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from dialogs.common.buttons import MenuButton
from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message, literal_button
from dialogs.habit.buttons import CheckinAnswer, CheckinSwitch, week_number
from dialogs.habit.progress import HIGH_PAIN
from dialogs.habit.schedule import week_start

DATA_FILE = data_path("checkin.yaml")
ITEMS = ("pain", "enjoyment", "activity")  # the PEG's order: P, E, G
# A check-in button answers for its week during this many weeks after it (product decision:
# a Sunday summary can be answered on the following days, and a forgotten one next Sunday;
# older buttons are out of date).
OPEN_WEEKS = 2


@dataclass(frozen=True)
class PegItem:
    """One PEG item of data/checkin.yaml: its id ("pain", "enjoyment", "activity"), the
    paper's letter (P, E, G), and per language the question and the meaning of 0 and 10."""

    id: str
    letter: str
    question: Mapping[str, str]
    low: Mapping[str, str]
    high: Mapping[str, str]


@lru_cache(maxsize=1)
def _content() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def load_items() -> tuple[PegItem, ...]:
    """The three items in PEG order (KeyError for a missing key in data/checkin.yaml)."""
    return tuple(
        PegItem(item["id"], item["letter"], item["question"], item["low"], item["high"])
        for item in _content()["items"]
    )


def wording_note(language: str) -> str:
    """The source and "our own wording" note for documents (`language` "de"/"en", else en)."""
    note: Mapping[str, str] = _content()["wording_note"]
    return note[language] if language in note else note["en"]


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """The PEG score: the mean of the three 0–10 answers (Krebs et al. 2009), 0.0–10.0, lower
    is better; ValueError for an answer outside 0–10."""
    values = (pain, enjoyment, activity)
    if any(not 0 <= value <= 10 for value in values):
        raise ValueError(f"PEG answers are 0-10, not {values}")
    return sum(values) / 3


@dataclass(frozen=True)
class Checkin:
    """One week's check-in: `week` the local Monday of the week asked about; `pain`,
    `enjoyment` and `activity` the answers 0–10 (ValueError outside)."""

    week: date
    pain: int
    enjoyment: int
    activity: int

    def __post_init__(self) -> None:
        peg_score(self.pain, self.enjoyment, self.activity)

    @property
    def peg(self) -> float:
        """The PEG score, 0.0–10.0."""
        return peg_score(self.pain, self.enjoyment, self.activity)


def checkin_week(now: datetime, zone: ZoneInfo) -> date:
    """The Monday (local date) of the week a check-in asked at `now` (aware; ValueError if
    naive) is about. PEG-3 asks about "the past week": on a Sunday that is the week now
    ending; on Monday to Saturday the last full week, so that "/checkin" on a Monday does not
    take the week that has just begun (its Sunday check-in would then be refused as answered).
    Product decision."""
    monday = week_start(now, zone)
    if now.astimezone(zone).weekday() == SUNDAY:
        return monday
    return monday - timedelta(weeks=1)


SUNDAY = 6  # date.weekday()


def week_is_open(week: date, now: datetime, tz: str) -> bool:
    """Whether a check-in button for the week of Monday `week` still answers at `now` (aware;
    ValueError if naive) in `tz` (IANA): this week or one of the OPEN_WEEKS before it."""
    this_monday = week_start(now, ZoneInfo(tz))
    return this_monday - timedelta(weeks=OPEN_WEEKS) <= week <= this_monday


def _scale_buttons(week: date, answered: tuple[int, ...]) -> tuple[tuple[Button, ...], ...]:
    """0–10 in two rows (0–5, 6–10); each button carries the answers so far and its value."""

    def button(value: int) -> Button:
        padded: tuple[int | None, ...] = (*answered, value, None, None)
        pain = answered[0] if answered else value
        data = CheckinAnswer(week_number(week), pain, padded[1], padded[2])
        return literal_button(str(value), data.pack())

    return (
        tuple(button(value) for value in range(6)),
        tuple(button(value) for value in range(6, 11)),
    )


def question(week: date, answered: tuple[int, ...], language: str) -> Message:
    """The next item after the `answered` values (none: item 1, with a short introduction),
    with the 0–10 buttons; ValueError when all three are answered. `week` is the local Monday
    of the week asked about, `language` "de"/"en" (else en) for the item's wording."""
    if len(answered) >= len(ITEMS):
        raise ValueError("all three check-in items are answered")
    item = load_items()[len(answered)]
    lang = language if language in item.question else "en"
    args = {
        "number": len(answered) + 1,
        "total": len(ITEMS),
        "question": item.question[lang],
        "low": item.low[lang],
        "high": item.high[lang],
        "week_day": week.day,
        "week_month": week.month,
    }
    return Message("habit-checkin-question", args, _scale_buttons(week, answered))


def answer(tap: CheckinAnswer, language: str) -> Message | Checkin:
    """A 0–10 tap: the next question (to replace the one tapped), or after the third the
    complete check-in, for the bot to store once and thank for (`thanks`)."""
    answered = tuple(
        value for value in (tap.pain, tap.enjoyment, tap.activity) if value is not None
    )
    if len(answered) < len(ITEMS):
        return question(tap.monday, answered, language)
    return Checkin(tap.monday, *answered)


def _values(checkin: Checkin, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}pain": checkin.pain,
        f"{prefix}enjoyment": checkin.enjoyment,
        f"{prefix}activity": checkin.activity,
        f"{prefix}peg": checkin.peg,
        f"{prefix}day": checkin.week.day,
        f"{prefix}month": checkin.week.month,
    }


def _check_button(checkin: Checkin) -> tuple[tuple[Button, ...], ...]:
    if checkin.pain < HIGH_PAIN:
        return ()
    return ((Button("habit-btn-check", MenuButton("check").pack()),),)


def thanks(checkin: Checkin, previous: Checkin | None) -> Message:
    """After the third tap: this week's values and PEG against the previous check-in (the
    week before, or the latest earlier one, named by its Monday); `previous` None for the first.
    Pain from HIGH_PAIN (7) on adds the check's button, without alarm, as after a session."""
    args: dict[str, Any] = {
        **_values(checkin),
        "previous": "none",
        "high": "yes" if checkin.pain >= HIGH_PAIN else "no",
    }
    if previous is not None:
        last_week = previous.week == checkin.week - timedelta(weeks=1)
        args |= _values(previous, "prev_")
        args["previous"] = "last_week" if last_week else "earlier"
    return Message("habit-checkin-thanks", args, _check_button(checkin))


def already(checkin: Checkin) -> Message:
    """The week's check-in is stored already (a second answer, e.g. an old message's buttons):
    its values; nothing is changed."""
    return Message("habit-checkin-already", _values(checkin))


class Switch(StrEnum):
    """What `/checkin <args>` asks for."""

    ON = "on"
    OFF = "off"
    SHOW = "show"  # no argument, or one the bot does not know: the state and the buttons


_ON = {"an", "ein", "on", "yes", "ja", "start"}
_OFF = {"aus", "off", "no", "nein", "stop", "stopp"}


def read_switch(args: str) -> Switch:
    """`/checkin an|ein|on` → ON, `aus|off` → OFF, anything else → SHOW."""
    word = args.strip().casefold()
    if word in _ON:
        return Switch.ON
    if word in _OFF:
        return Switch.OFF
    return Switch.SHOW


def _state(enabled: bool | None) -> str:
    return "unset" if enabled is None else "on" if enabled else "off"


def status(enabled: bool | None) -> Message:
    """/checkin while it is off (or never chosen): what it is, and a button to turn it on. (On,
    /checkin asks this week's questions instead; the bot says `switched` first.)"""
    button = Button("habit-checkin-btn-on", CheckinSwitch(True).pack())
    return Message("habit-checkin-status", {"state": _state(enabled)}, ((button,),))


def switched(on: bool, has_plan: bool) -> Message:
    """The check-in was turned on or off (on: when it comes – with the Sunday summary, which
    needs a plan – and that /checkin asks it any time; off: the answers so far stay)."""
    key = "habit-checkin-on" if on else "habit-checkin-off"
    off = ((Button("habit-checkin-btn-off", CheckinSwitch(False).pack()),),) if on else ()
    return Message(key, {"plan": "yes" if has_plan else "no"}, off)


def with_summary(
    summary: Message, week: date, enabled: bool | None, answered: bool, language: str
) -> tuple[Message, ...]:
    """The Sunday summary with the check-in: on (and not yet answered for `week`, the summary's
    Monday) the first question follows it; never chosen, the summary gets a button to turn it
    on; turned off, the summary stays as it was."""
    if enabled:
        return (summary,) if answered else (summary, question(week, (), language))
    if enabled is None:
        row = (Button("habit-checkin-btn-on", CheckinSwitch(True).pack()),)
        return (Message(summary.key, summary.args, (*summary.buttons, row)),)
    return (summary,)
