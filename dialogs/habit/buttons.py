"""The movement habit's buttons as typed callback data (`dialogs.common.callback_data`).

The packed strings are the ones buttons already sent to users carry, so old buttons keep
working: the plan dialog's `plan:<edit|pause|resume|cancel>`, `plan:day:<0-6>`, `plan:days:ok`,
`plan:time:<HHMM>`, `plan:tz:<zone|keep>` and /timezone's `plan:zone:<zone>`; the reminders'
`rem:<done|later|skip|snz|time>:<id>`, `rem:at:<id>:<HHMM>` and `rem:in:<id>:<minutes>`;
the quiet-hours offer's `quiet:<1|0>:<HHMM>[:<days>]`; `pain:<0-10>`, `bar:<barrier>`; the
guided routine's `gs:start:<routine>` and `gs:<next|stop>`; the weekly check-in's
`peg:<YYYYMMDD>:<0-10>[:<0-10>[:<0-10>]]` and its switch `ci:<1|0>`. No data parses as two
families.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from typing import ClassVar

from dialogs.common.callback_data import CallbackData
from dialogs.habit.limits import MAX_MINUTES


class PlanAction(StrEnum):
    """The plan's buttons (`plan:<action>`)."""

    EDIT = "edit"  # open the plan dialog
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"  # leave the plan dialog


class PlanButton(CallbackData, prefix="plan"):
    """`plan:<edit|pause|resume|cancel>`."""

    action: PlanAction


class PlanDay(CallbackData, prefix="plan:day"):
    """Toggle a training day (0 = Monday); the dialog re-asks for one outside 0–6."""

    day: int


class PlanDaysOk(CallbackData, prefix="plan:days:ok"):
    """The training days are chosen."""


class PlanTime(CallbackData, prefix="plan:time"):
    """A reminder time offered as a button, "1830" (the dialog reads it like typed text)."""

    hhmm: str


class PlanTz(CallbackData, prefix="plan:tz"):
    """The plan dialog's time zone: an IANA name, or KEEP for the current one."""

    KEEP: ClassVar[str] = "keep"

    zone: str


class TimezoneButton(CallbackData, prefix="plan:zone"):
    """/timezone's choice of a common time zone (outside the plan dialog)."""

    zone: str


PLAN_BUTTONS = (PlanButton, PlanDay, PlanDaysOk, PlanTime, PlanTz, TimezoneButton)
PLAN_DIALOG_BUTTONS = (PlanButton, PlanDay, PlanDaysOk, PlanTime, PlanTz)


def _hhmm(text: str) -> time:
    """The time of "1930" (19:30); ValueError for anything else."""
    if len(text) != 4 or not text.isascii() or not text.isdigit():
        raise ValueError(f"not HHMM: {text!r}")
    return time(int(text[:2]), int(text[2:]))


class ReminderAction(StrEnum):
    """The buttons under a reminder (`rem:<action>:<id>`)."""

    DONE = "done"  # log an exercise
    LATER = "later"  # offer other times
    SKIP = "skip"  # no more reminders today
    SNOOZE = "snz"  # in an hour
    TIME = "time"  # ask for a time to type ("um 19 Uhr")


# Reminder ids are `reminders.id`, an INTEGER: 32 bits on PostgreSQL (a larger id in a forged
# button would make the query fail there).
MAX_ROW_ID = 2**31


class ReminderButton(CallbackData, prefix="rem"):
    """A button under reminder `reminder` (the row id; the bot checks it is the user's). An id
    that is not positive or not below 2**31 (the id column is a 32-bit INTEGER on PostgreSQL)
    does not parse (building one: ValueError)."""

    action: ReminderAction
    reminder: int

    def __post_init__(self) -> None:
        if not 0 < self.reminder < MAX_ROW_ID:
            raise ValueError(f"not a row id: {self.reminder}")


class ReminderAt(CallbackData, prefix="rem:at"):
    """Remind again at a local time today ("1930"). A bad row id (as `ReminderButton`) or a
    time that is not "HHMM" with 00–23 and 00–59 does not parse (building one: ValueError)."""

    reminder: int
    hhmm: str

    def __post_init__(self) -> None:
        if not 0 < self.reminder < MAX_ROW_ID:
            raise ValueError(f"not a row id: {self.reminder}")
        _hhmm(self.hhmm)

    @property
    def at(self) -> time:
        """The chosen naive local wall time."""
        return _hhmm(self.hhmm)


# A snooze chosen after "⏰ Später" lasts 1 minute to 12 hours (product decision: longer is
# another day, which "Heute auslassen" says better).
MAX_SNOOZE_MINUTES = 12 * 60


class ReminderSnooze(CallbackData, prefix="rem:in"):
    """Remind again in `minutes` (1 to MAX_SNOOZE_MINUTES; the offered ones are 30, 60, 120).
    A bad row id (as `ReminderButton`) or minutes out of range do not parse."""

    reminder: int
    minutes: int

    def __post_init__(self) -> None:
        if not 0 < self.reminder < MAX_ROW_ID:
            raise ValueError(f"not a row id: {self.reminder}")
        if not 0 < self.minutes <= MAX_SNOOZE_MINUTES:
            raise ValueError(f"not a snooze: {self.minutes} minutes")


REMINDER_BUTTONS = (ReminderButton, ReminderAt, ReminderSnooze)


class QuietMove(CallbackData, prefix="quiet"):
    """The answer (`move`: Ja / Nein) to "move the quiet hours so that a reminder at `hhmm`
    ("0645", local) fits?". `days` are the weekdays of a `/remind` to save with it, as digits
    0 = Monday … 6 = Sunday ("01234"); None when the plan dialog's time question asked (the
    dialog has the days). A bad time or days do not parse (building one: ValueError)."""

    move: bool
    hhmm: str
    days: str | None = None

    def __post_init__(self) -> None:
        _hhmm(self.hhmm)
        if self.days is not None and (
            not self.days
            or not set(self.days) <= set("0123456")
            or len(set(self.days)) != len(self.days)
        ):
            raise ValueError(f"not weekdays: {self.days!r}")

    @property
    def at(self) -> time:
        """The reminder's naive local wall time."""
        return _hhmm(self.hhmm)

    @property
    def weekdays(self) -> frozenset[int] | None:
        """The /remind's weekdays (0 = Monday), None for the plan dialog."""
        return None if self.days is None else frozenset(int(day) for day in self.days)


QUIET_BUTTONS = (QuietMove,)


class PainButton(CallbackData, prefix="pain"):
    """A pain rating on the 0–10 scale the question names (0 = not at all, 10 = very much);
    another value does not parse (building one: ValueError)."""

    rating: int

    def __post_init__(self) -> None:
        if not 0 <= self.rating <= 10:
            raise ValueError(f"a pain rating is 0-10, not {self.rating}")


class Barrier(StrEnum):
    """What got in the way of the weekly goal (tips in data/barrier_tips.yaml)."""

    TIME = "time"
    PAIN = "pain"
    MOTIVATION = "motivation"
    FORGOT = "forgot"


class BarrierButton(CallbackData, prefix="bar"):
    """`bar:<barrier>`: the answer to the weekly summary's "what got in the way?"."""

    barrier: Barrier


class GuidedStart(CallbackData, prefix="gs:start"):
    """Start a guided routine (the dialog re-offers the menu for an unknown one)."""

    routine: str


class GuidedAction(StrEnum):
    """A running routine's buttons; the values are `guided_routine.handle`'s events."""

    NEXT = "next"
    STOP = "stop"


class GuidedButton(CallbackData, prefix="gs"):
    """`gs:next` (the next step now) / `gs:stop` (end early) under a guided routine's step."""

    action: GuidedAction


GUIDED_BUTTONS = (GuidedStart, GuidedButton)


class Answer(StrEnum):
    """Yes or no to a question about an exercise log."""

    YES = "y"
    NO = "n"


# An empty activity or feeling in a `LogButton` (the reader found none).
NONE = "-"
_ACTIVITY = re.compile(r"-|[a-z]{1,16}")


class LogButton(CallbackData, prefix="log"):
    """`log:<y|n>:<minutes>:<days ago>:<activity|->:<felt|->[:<origin>[:<pain>]]`: the answer
    to "Soll ich 20 Minuten Yoga für heute eintragen?" (an unsure reading, or a second "done"
    minutes after the first). The button carries the whole entry, so no state is kept while
    the question waits. `origin`: the update id of the message asked about (None on buttons
    sent before it existed); the entry is logged under it, so "Ja" typed and then pressed
    counts once. `pain`: the 0–10 rating said with the report ("20 min yoga, schmerz 3"),
    stored with the entry so that "Ja" does not ask for it again."""

    answer: Answer
    minutes: int
    days_ago: int
    activity: str
    felt: str
    origin: int | None = None
    pain: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= MAX_MINUTES or not 0 <= self.days_ago <= 6:
            raise ValueError(
                f"minutes 1-{MAX_MINUTES} and days 0-6, not {self.minutes}, {self.days_ago}"
            )
        if self.pain is not None and not 0 <= self.pain <= 10:
            raise ValueError(f"a pain rating is 0-10, not {self.pain}")
        if self.felt not in {"good", "pain", NONE} or not _ACTIVITY.fullmatch(self.activity):
            raise ValueError("an activity is a short lower-case word, felt good|pain|-")


class UndoButton(CallbackData, prefix="undo"):
    """`undo:<y|n>:<log id>`: confirm removing that exercise log (/undo asks first)."""

    answer: Answer
    log_id: int

    def __post_init__(self) -> None:
        if self.log_id < 1:
            raise ValueError(f"an exercise log id is positive, not {self.log_id}")


# --- the weekly check-in (PEG-3) ------------------------------------------------------------


def _monday(number: int) -> date:
    """The Monday of YYYYMMDD `number` (20260323 → 2026-03-23); ValueError for a number that
    is no date of the years 2000–2099 or no Monday."""
    if not 20000101 <= number <= 20991231:
        raise ValueError(f"not a week: {number}")
    day = date(number // 10000, number // 100 % 100, number % 100)
    if day.weekday() != 0:
        raise ValueError(f"not a Monday: {number}")
    return day


def week_number(monday: date) -> int:
    """A check-in week as the button carries it: the local Monday as YYYYMMDD (20260323)."""
    return monday.year * 10000 + monday.month * 100 + monday.day


class CheckinAnswer(CallbackData, prefix="peg"):
    """`peg:<week>:<pain>[:<enjoyment>[:<activity>]]`: a tap on one of the weekly check-in's
    0–10 buttons. `week` is the local Monday of the week asked about (YYYYMMDD); the button of
    item 1 carries the tapped pain value, those of item 2 the pain answer and the tapped value,
    those of item 3 all three (`dialogs.habit.checkin`). So no state waits between the taps.
    A week that is no Monday of 2000–2099, a value outside 0–10 or a gap (activity without
    enjoyment) does not parse (building one: ValueError); whether the week is still open is
    the dialog's decision (`checkin.week_is_open`)."""

    week: int
    pain: int
    enjoyment: int | None = None
    activity: int | None = None

    def __post_init__(self) -> None:
        _monday(self.week)
        values = (self.pain, self.enjoyment, self.activity)
        if any(value is not None and not 0 <= value <= 10 for value in values):
            raise ValueError(f"check-in answers are 0-10, not {values}")
        if self.enjoyment is None and self.activity is not None:
            raise ValueError("the activity answer comes after the enjoyment answer")

    @property
    def monday(self) -> date:
        """The local Monday of the week the check-in is about."""
        return _monday(self.week)


class CheckinSwitch(CallbackData, prefix="ci"):
    """`ci:1` turns the weekly check-in on (the button under the Sunday summary and /checkin),
    `ci:0` turns it off."""

    on: bool


CHECKIN_BUTTONS = (CheckinAnswer, CheckinSwitch)
