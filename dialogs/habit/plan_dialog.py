"""The plan dialog and the quick commands: `/plan`, `/remind`, `/timezone`, `/pause`, `/resume`.

The dialog asks three things in order — training days (toggle buttons, default Mon/Wed/Fri, or
typed "mo,mi,fr"), a time (common times as buttons, or typed "18:30") and the timezone (keep,
pick a common one, or type an IANA name) — and returns a `Plan` when complete. Every bad input
gets a friendly error and the same question again; nothing raises. A time inside the quiet
hours (reminders there would never be sent) gets the offer to move them (`quiet_offer`, Ja /
Nein): someone who moves at 06:45 before work can have that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from dialogs.common.callback_data import CallbackData, parse_any
from dialogs.common.reply import Button, Message, literal_button
from dialogs.habit.buttons import (
    PLAN_DIALOG_BUTTONS,
    PlanAction,
    PlanButton,
    PlanDay,
    PlanDaysOk,
    PlanTime,
    PlanTz,
    QuietMove,
    TimezoneButton,
)
from dialogs.habit.dates import format_date, parse_pause_end
from dialogs.habit.parsing import (
    COMMON_TIMEZONES,
    DAY_CODES,
    ParseError,
    format_days,
    looks_like_time,
    parse_days,
    parse_time,
    parse_timezone,
    timezone_choices,
)
from dialogs.habit.schedule import (
    DEFAULT_DAYS,
    DEFAULT_TZ,
    Plan,
    hhmm,
    in_quiet_hours,
    move_quiet_hours,
)

# Reminder times offered as buttons, local (product decision: morning, lunch, after work and
# evening, all outside the default quiet hours 21:00–08:00); any other time is typed.
COMMON_TIMES = ("09:00", "12:30", "17:30", "18:30", "20:00")
_EDIT = PlanButton(PlanAction.EDIT).pack()
_CANCEL_WORDS = {"abbrechen", "abbruch", "cancel", "stop", "stopp"}


def plan_args(plan: Plan, lang: str) -> dict[str, Any]:
    """The Fluent arguments that describe a plan: days as "Mo, Mi, Fr", times as "HH:MM",
    `paused` and `quiet_none` (no quiet hours: start == end) "yes"/"no", `goal` an int,
    `day_count` the number of reminder days and `fewer_days` "yes" when they are fewer than
    the weekly goal (the saved plan then says how to reach it anyway)."""
    return {
        "day_count": len(plan.weekdays),
        "fewer_days": "yes" if len(plan.weekdays) < plan.goal else "no",
        "quiet_none": "yes" if plan.quiet_start == plan.quiet_end else "no",
        "days": format_days(plan.weekdays, lang),
        "time": hhmm(plan.at),
        "tz": plan.tz,
        "quiet_start": hhmm(plan.quiet_start),
        "quiet_end": hhmm(plan.quiet_end),
        "paused": "yes" if plan.paused else "no",
        "goal": plan.goal,
    }


def check_time(plan: Plan, at: time) -> time | ParseError:
    """`at` itself, or a ParseError ("habit-error-quiet") for a time inside the plan's quiet
    hours (a reminder there could never be sent)."""
    if in_quiet_hours(at, plan.quiet_start, plan.quiet_end):
        return ParseError(
            "habit-error-quiet",
            {"quiet_start": hhmm(plan.quiet_start), "quiet_end": hhmm(plan.quiet_end)},
        )
    return at


@dataclass(frozen=True)
class PlanState:
    """Dialog progress: the step being asked and the answers so far (`days` 0 = Monday …
    6 = Sunday; `at` local "HH:MM" once chosen; `tz` an IANA name)."""

    step: str  # days | time | tz
    days: tuple[int, ...] = tuple(sorted(DEFAULT_DAYS))
    at: str | None = None
    tz: str = DEFAULT_TZ


@dataclass(frozen=True)
class PlanResult:
    """The next state (None = dialog over), what to say, and the finished plan if any."""

    state: PlanState | None
    messages: list[Message] = field(default_factory=list)
    plan: Plan | None = None


def _ask_days(state: PlanState, lang: str) -> Message:
    toggles = [
        Button(
            "habit-plan-day-button",
            PlanDay(index).pack(),
            {"day": code, "on": "yes" if index in state.days else "no"},
        )
        for index, code in enumerate(DAY_CODES)
    ]
    return Message(
        "habit-plan-ask-days",
        {"days": format_days(state.days, lang) if state.days else "–"},
        (
            tuple(toggles[:4]),
            tuple(toggles[4:]),
            (
                Button("habit-plan-days-ok", PlanDaysOk().pack()),
                Button("habit-plan-cancel", PlanButton(PlanAction.CANCEL).pack()),
            ),
        ),
    )


def _ask_time(current: Plan) -> Message:
    buttons = tuple(
        literal_button(value, PlanTime(value.replace(":", "")).pack()) for value in COMMON_TIMES
    )
    return Message(
        "habit-plan-ask-time",
        {"quiet_start": hhmm(current.quiet_start), "quiet_end": hhmm(current.quiet_end)},
        (buttons[:3], buttons[3:]),
    )


def _zone_rows(
    button: Callable[[str], PlanTz | TimezoneButton],
) -> tuple[tuple[Button, ...], ...]:
    """The common time zones as buttons (`PlanTz` or `TimezoneButton`), two per row."""
    buttons = [literal_button(name, button(name).pack()) for name in COMMON_TIMEZONES]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def _ask_tz(state: PlanState) -> Message:
    keep = (Button("habit-plan-tz-keep", PlanTz(PlanTz.KEEP).pack()),)
    return Message("habit-plan-ask-tz", {"tz": state.tz}, (keep, *_zone_rows(PlanTz)))


def start_plan(current: Plan | None, lang: str) -> PlanResult:
    """Open the dialog, pre-filled from the current plan (or the defaults)."""
    base = current or Plan()
    state = PlanState("days", tuple(sorted(base.weekdays)), None, base.tz)
    return PlanResult(state, [_ask_days(state, lang)])


def looks_like_plan_input(text: str) -> bool:
    """Days, a time or a zone are a few words at most; a question is for the other features.

    The plan dialog stays open meanwhile, so "Soll ich mich schonen?" mid-plan still gets its
    myth answer instead of a "cannot find days there" error. "A few" is at most 5
    whitespace-separated words (product decision: "mo, mi und fr" or "Europe/Vienna" fit).
    """
    return "?" not in text and len(text.split()) <= 5


def plan_input(state: PlanState, text: str, current: Plan | None, lang: str) -> PlanResult:
    """Advance the dialog with a button's callback data (`PLAN_DIALOG_BUTTONS`) or typed text."""
    base = current or Plan()
    data = text.strip()
    tap = parse_any(data, *PLAN_DIALOG_BUTTONS)  # None: typed text
    if tap == PlanButton(PlanAction.CANCEL) or data.casefold() in _CANCEL_WORDS:
        return PlanResult(None, [Message("habit-plan-cancelled")])
    if tap is not None and not isinstance(tap, _STEP_BUTTONS.get(state.step, PlanTz)):
        # A button of an earlier step (an old message's "18:30" at the zone question): the
        # open question again, never its callback data read as typed text.
        return PlanResult(state, ask_again(state, current, lang)[1:])
    if state.step == "days":
        return _on_days(state, data, tap, base, lang)
    if state.step == "time":
        return _on_time(state, tap.hhmm if isinstance(tap, PlanTime) else data, base)
    return _on_tz(state, data, tap, base, lang)


# The buttons each step of the dialog answers to (the zone step: PlanTz).
_STEP_BUTTONS: dict[str, type | tuple[type, ...]] = {
    "days": (PlanDay, PlanDaysOk),
    "time": PlanTime,
}


def _on_days(
    state: PlanState, data: str, tap: CallbackData | None, base: Plan, lang: str
) -> PlanResult:
    if isinstance(tap, PlanDay):
        if not 0 <= tap.day <= 6:
            return PlanResult(state, [_ask_days(state, lang)])
        days = set(state.days) ^ {tap.day}
        toggled = replace(state, days=tuple(sorted(days)))
        return PlanResult(toggled, [_ask_days(toggled, lang)])
    if isinstance(tap, PlanDaysOk):
        if not state.days:
            return PlanResult(state, [Message("habit-error-no-days"), _ask_days(state, lang)])
        chosen = state
    else:
        parsed = parse_days(data)
        if isinstance(parsed, ParseError):
            return PlanResult(state, [parsed.message, _ask_days(state, lang)])
        chosen = replace(state, days=tuple(sorted(parsed)))
    following = replace(chosen, step="time")
    return PlanResult(following, [_ask_time(base)])


def _on_time(state: PlanState, raw: str, base: Plan) -> PlanResult:
    parsed = parse_time(raw, (base.quiet_start, base.quiet_end))
    if isinstance(parsed, ParseError):
        return PlanResult(state, [parsed.message, _ask_time(base)])
    if isinstance(check_time(base, parsed), ParseError):
        return PlanResult(state, [quiet_offer(base, parsed, None)])
    following = replace(state, step="tz", at=hhmm(parsed))
    return PlanResult(following, [_ask_tz(following)])


# --- quiet hours --------------------------------------------------------------------------


def quiet_offer(base: Plan, at: time, days: frozenset[int] | None) -> Message:
    """ "06:45 is in your quiet hours (21:00–08:00): move them to 21:00–06:45?" with Ja / Nein
    (`QuietMove`; `days` the /remind's weekdays, None in the plan dialog)."""
    start, end = move_quiet_hours(at, base.quiet_start, base.quiet_end)
    packed_days = None if days is None else "".join(str(day) for day in sorted(days))
    hhmm_at = hhmm(at).replace(":", "")
    return Message(
        "habit-quiet-offer",
        {
            "time": hhmm(at),
            "quiet_start": hhmm(base.quiet_start),
            "quiet_end": hhmm(base.quiet_end),
            "new_start": hhmm(start),
            "new_end": hhmm(end),
        },
        (
            (
                Button("habit-quiet-yes", QuietMove(True, hhmm_at, packed_days).pack()),
                Button("habit-quiet-no", QuietMove(False, hhmm_at, packed_days).pack()),
            ),
        ),
    )


def _quiet_args(plan: Plan) -> dict[str, Any]:
    return {
        "quiet_start": hhmm(plan.quiet_start),
        "quiet_end": hhmm(plan.quiet_end),
        "none": "yes" if plan.quiet_start == plan.quiet_end else "no",
    }


def _moved(base: Plan, at: time) -> Plan:
    start, end = move_quiet_hours(at, base.quiet_start, base.quiet_end)
    return replace(base, quiet_start=start, quiet_end=end)


def answer_quiet_offer(
    plan: Plan | None, tap: QuietMove, lang: str
) -> tuple[Plan | None, list[Message]]:
    """The answer to `/remind`'s quiet-hours offer: "Ja" returns the plan with the moved quiet
    hours, the time and the days (to save); "Nein" changes nothing (None) and says so."""
    base = plan or Plan()
    if not tap.move or tap.weekdays is None:
        return None, [Message("habit-quiet-kept", _quiet_args(base))]
    updated = replace(_moved(base, tap.at), at=tap.at, weekdays=tap.weekdays, paused=False)
    updated = replace(updated, paused_until=None)
    return updated, [
        Message("habit-quiet-moved", _quiet_args(updated)),
        Message("habit-plan-saved", plan_args(updated, lang)),
    ]


def plan_quiet_answer(state: PlanState, tap: QuietMove, current: Plan | None) -> PlanResult:
    """The answer to the plan dialog's quiet-hours offer (the dialog at its time question):
    "Ja" moves the quiet hours and saves the plan with the days so far and that time at once
    (the result's `plan`), then asks for the time zone; "Nein" asks for the time again."""
    base = current or Plan()
    if state.step != "time" or tap.weekdays is not None:
        return PlanResult(state, [Message("stale-button")])
    if not tap.move:
        return PlanResult(state, [Message("habit-quiet-kept", _quiet_args(base)), _ask_time(base)])
    plan = replace(
        _moved(base, tap.at),
        weekdays=frozenset(state.days),
        at=tap.at,
        tz=state.tz,
        paused=False,
        paused_until=None,
    )
    following = replace(state, step="tz", at=hhmm(tap.at))
    return PlanResult(
        following, [Message("habit-quiet-moved", _quiet_args(plan)), _ask_tz(following)], plan
    )


_QUIET_OFF = {"aus", "off", "keine", "none", "nie", "never", "0"}
_QUIET_RANGE = re.compile(r"\s*(?:-|–|—|\bbis\b|\bto\b|\buntil\b)\s*")


def parse_quiet(text: str) -> tuple[time, time] | ParseError:
    """Quiet hours (start, end; naive local) from "22:00-06:30", "22 bis 6:30", "22 Uhr – 7 Uhr",
    "halb elf bis halb sieben", or "aus" / "off" (none: start == end = 00:00). A clock-face
    phrase is read as the evening for the start and the morning for the end (product
    decision). ParseError "habit-error-quiet-format" otherwise."""
    cleaned = (text or "").strip()
    if cleaned.casefold() in _QUIET_OFF:
        return time(0, 0), time(0, 0)
    parts = _QUIET_RANGE.split(cleaned, maxsplit=1)
    if len(parts) == 2:
        start = parse_time(parts[0], (time(0, 0), time(12, 0)))  # "halb elf": the evening
        end = parse_time(parts[1], (time(12, 0), time(0, 0)))  # "halb sieben": the morning
        if isinstance(start, time) and isinstance(end, time) and start != end:
            return start, end
    return ParseError("habit-error-quiet-format", {"input": cleaned[:30]})


def quiet_command(plan: Plan | None, args: str, lang: str) -> tuple[Plan | None, Message]:
    """`/quiet [22:00-06:30 | aus]`: without arguments, show the quiet hours; else set them.
    Refused (plan unchanged) when the plan's reminder time would fall inside them. Without a
    plan there are no reminders to keep quiet: "habit-quiet-no-plan"."""
    if plan is None:
        return None, Message("habit-quiet-no-plan")
    if not args.strip():
        return plan, Message("habit-quiet-show", _quiet_args(plan))
    parsed = parse_quiet(args)
    if isinstance(parsed, ParseError):
        return plan, parsed.message
    start, end = parsed
    if in_quiet_hours(plan.at, start, end):
        return plan, Message(
            "habit-error-quiet-plan",
            {"time": hhmm(plan.at), "quiet_start": hhmm(start), "quiet_end": hhmm(end)},
        )
    updated = replace(plan, quiet_start=start, quiet_end=end)
    return updated, Message("habit-quiet-saved", _quiet_args(updated))


def _on_tz(
    state: PlanState, data: str, tap: CallbackData | None, base: Plan, lang: str
) -> PlanResult:
    if isinstance(tap, PlanTz) and tap.zone == PlanTz.KEEP:
        tz: str | ParseError = state.tz
    else:
        tz = parse_timezone(tap.zone if isinstance(tap, PlanTz) else data)
    if isinstance(tz, ParseError):
        return PlanResult(state, [_with_choices(tz, data, PlanTz), _ask_tz(state)])
    parsed = parse_time(state.at or "")
    at = base.at if isinstance(parsed, ParseError) else parsed
    plan = replace(base, weekdays=frozenset(state.days), at=at, tz=tz, paused=False)
    return PlanResult(None, [Message("habit-plan-saved", plan_args(plan, lang))], plan)


def ask_again(state: PlanState, current: Plan | None, lang: str) -> list[Message]:
    """A typed text the plan dialog does not understand (issue 12 §3): a short hint and the
    open question again, with its buttons."""
    base = current or Plan()
    question = {"days": _ask_days(state, lang), "time": _ask_time(base)}.get(
        state.step, _ask_tz(state)
    )
    return [Message("dialog-hint-plan", {"step": state.step}), question]


# --- quick commands -----------------------------------------------------------------------


def show_plan(plan: Plan | None, lang: str) -> Message:
    """`/plan` without a dialog: the current plan with change / pause buttons."""
    if plan is None:
        return _no_plan_yet()
    toggle = (
        Button("habit-plan-resume", PlanButton(PlanAction.RESUME).pack())
        if plan.paused
        else Button("habit-plan-pause", PlanButton(PlanAction.PAUSE).pack())
    )
    return Message(
        "habit-plan-show",
        plan_args(plan, lang),
        ((Button("habit-plan-edit", _EDIT), toggle),),
    )


# A time is at most this many words ("viertel vor sieben abends"), product decision.
_MAX_TIME_WORDS = 4


def split_time_and_days(args: str) -> tuple[str, str]:
    """`/remind`'s arguments as (time, days): the longest leading words that read as a time
    ("18 Uhr mo-fr" → "18 Uhr", "mo-fr"; "halb sieben" → "halb sieben", ""); the first word
    as the time when none does (for its error message)."""
    words = args.split()
    for count in range(min(len(words), _MAX_TIME_WORDS), 0, -1):
        if looks_like_time(" ".join(words[:count])):
            return " ".join(words[:count]), " ".join(words[count:])
    return (words[0], " ".join(words[1:])) if words else ("", "")


def remind_command(plan: Plan | None, args: str, lang: str) -> tuple[Plan | None, Message]:
    """`/remind <time> [days]`: the quick form ("/remind 18:30 mo,mi,fr", "/remind 18 Uhr",
    "/remind halb sieben mo-fr"). On error the plan is returned unchanged; a time inside the
    quiet hours returns the offer to move them (`quiet_offer`), the plan unchanged."""
    base = plan or Plan()
    time_text, days_text = split_time_and_days(args)
    if not time_text:
        return plan, Message("habit-remind-usage")
    at = parse_time(time_text, (base.quiet_start, base.quiet_end))
    if isinstance(at, ParseError):
        return plan, at.message
    days: frozenset[int] | ParseError = base.weekdays
    if days_text:
        days = parse_days(days_text)
    if isinstance(days, ParseError):
        return plan, days.message
    if isinstance(check_time(base, at), ParseError):
        return plan, quiet_offer(base, at, days)
    updated = replace(base, at=at, weekdays=days, paused=False, paused_until=None)
    return updated, Message("habit-plan-saved", plan_args(updated, lang))


def timezone_command(
    plan: Plan | None, args: str, lang: str, now: datetime, has_plan: bool = True
) -> tuple[Plan | None, Message]:
    """`/timezone [zone or city]`: without one, offer the common zones (`TimezoneButton`);
    an abbreviation ("EST", "CET") is refused with the cities it most likely means as buttons.
    The confirmation ("habit-tz-saved-local") says what time it is there at `now` (aware) and,
    only when the user `has_plan`, when the reminders come (without one there are none: a
    new-user trial was told of a reminder time it never got)."""
    base = plan or Plan()
    if not args.strip():
        return plan, Message("habit-tz-ask", {"tz": base.tz}, _zone_rows(TimezoneButton))
    tz = parse_timezone(args)
    if isinstance(tz, ParseError):
        return plan, _with_choices(tz, args, TimezoneButton)
    updated = replace(base, tz=tz)
    local_now = hhmm(now.astimezone(updated.zone))
    args_out = {**plan_args(updated, lang), "now": local_now, "plan": "yes" if has_plan else "no"}
    return updated, Message("habit-tz-saved-local", args_out)


def _with_choices(
    error: ParseError, text: str, button: Callable[[str], PlanTz | TimezoneButton]
) -> Message:
    """A time-zone error, with the cities an abbreviation most likely means as buttons."""
    choices = [literal_button(zone, button(zone).pack()) for zone in timezone_choices(text)]
    rows = tuple(tuple(choices[i : i + 2]) for i in range(0, len(choices), 2))
    return Message(error.key, error.args, rows)


def _no_plan_yet() -> Message:
    """ "No plan yet – let's make one" with the button that starts the plan (never a dead end)."""
    return Message("habit-plan-none", {}, ((Button("habit-plan-create", _EDIT),),))


def pause(
    plan: Plan | None, args: str = "", today: date | None = None, lang: str = "de"
) -> tuple[Plan | None, Message]:
    """`/pause`: no reminders until `/resume`; the exercise logs and the plan stay.
    `/pause 2 Wochen`, `/pause bis 15.5.`: a holiday pause until that local day inclusive
    (`dates.parse_pause_end`, from the local day `today`); the reminders come back by
    themselves the day after. On error the plan is returned unchanged."""
    if plan is None:
        return None, _no_plan_yet()
    if not args.strip() or today is None:
        return replace(plan, paused=True, paused_until=None), Message("habit-paused")
    last = parse_pause_end(args, today)
    if isinstance(last, ParseError):
        return plan, last.message
    resume_on = date.fromordinal(last.toordinal() + 1)
    return replace(plan, paused=True, paused_until=last), Message(
        "habit-paused-until",
        {"until": format_date(last, lang), "resume": format_date(resume_on, lang)},
    )


def resume(plan: Plan | None, lang: str) -> tuple[Plan | None, Message]:
    """`/resume`: reminders again, as planned."""
    if plan is None:
        return None, _no_plan_yet()
    updated = replace(plan, paused=False, paused_until=None)
    return updated, Message("habit-resumed", plan_args(updated, lang))
