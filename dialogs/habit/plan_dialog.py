"""The plan dialog and the quick commands: `/plan`, `/remind`, `/timezone`, `/pause`, `/resume`.

The dialog asks three things in order — training days (toggle buttons, default Mon/Wed/Fri, or
typed "mo,mi,fr"), a time (common times as buttons, or typed "18:30") and the timezone (keep,
pick a common one, or type an IANA name) — and returns a `Plan` when complete. Every bad input
gets a friendly error and the same question again; nothing raises. Times inside quiet hours are
refused, because reminders there would never be sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import time
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
    TimezoneButton,
)
from dialogs.habit.parsing import (
    COMMON_TIMEZONES,
    DAY_CODES,
    ParseError,
    format_days,
    parse_days,
    parse_time,
    parse_timezone,
)
from dialogs.habit.schedule import DEFAULT_DAYS, DEFAULT_TZ, Plan, hhmm, in_quiet_hours

# Reminder times offered as buttons, local (product decision: morning, lunch, after work and
# evening, all outside the default quiet hours 21:00–08:00); any other time is typed.
COMMON_TIMES = ("09:00", "12:30", "17:30", "18:30", "20:00")
_EDIT = PlanButton(PlanAction.EDIT).pack()
_CANCEL_WORDS = {"abbrechen", "abbruch", "cancel", "stop", "stopp"}


def plan_args(plan: Plan, lang: str) -> dict[str, Any]:
    """The Fluent arguments that describe a plan: days as "Mo, Mi, Fr", times as "HH:MM",
    `paused` "yes"/"no", `goal` an int."""
    return {
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
    if state.step == "days":
        return _on_days(state, data, tap, base, lang)
    if state.step == "time":
        return _on_time(state, tap.hhmm if isinstance(tap, PlanTime) else data, base)
    return _on_tz(state, data, tap, base, lang)


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
    parsed = parse_time(raw)
    checked = parsed if isinstance(parsed, ParseError) else check_time(base, parsed)
    if isinstance(checked, ParseError):
        return PlanResult(state, [checked.message, _ask_time(base)])
    following = replace(state, step="tz", at=hhmm(checked))
    return PlanResult(following, [_ask_tz(following)])


def _on_tz(
    state: PlanState, data: str, tap: CallbackData | None, base: Plan, lang: str
) -> PlanResult:
    if isinstance(tap, PlanTz) and tap.zone == PlanTz.KEEP:
        tz: str | ParseError = state.tz
    else:
        tz = parse_timezone(tap.zone if isinstance(tap, PlanTz) else data)
    if isinstance(tz, ParseError):
        return PlanResult(state, [tz.message, _ask_tz(state)])
    parsed = parse_time(state.at or "")
    at = base.at if isinstance(parsed, ParseError) else parsed
    plan = replace(base, weekdays=frozenset(state.days), at=at, tz=tz, paused=False)
    return PlanResult(None, [Message("habit-plan-saved", plan_args(plan, lang))], plan)


# --- quick commands -----------------------------------------------------------------------


def show_plan(plan: Plan | None, lang: str) -> Message:
    """`/plan` without a dialog: the current plan with change / pause buttons."""
    if plan is None:
        return Message("habit-plan-none", {}, ((Button("habit-plan-edit", _EDIT),),))
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


def remind_command(plan: Plan | None, args: str, lang: str) -> tuple[Plan | None, Message]:
    """`/remind HH:MM [days]`: the quick form. On error the plan is returned unchanged."""
    base = plan or Plan()
    parts = args.split(maxsplit=1)
    if not parts:
        return plan, Message("habit-remind-usage")
    at = parse_time(parts[0])
    checked = at if isinstance(at, ParseError) else check_time(base, at)
    if isinstance(checked, ParseError):
        return plan, checked.message
    days: frozenset[int] | ParseError = base.weekdays
    if len(parts) > 1:
        days = parse_days(parts[1])
    if isinstance(days, ParseError):
        return plan, days.message
    updated = replace(base, at=checked, weekdays=days, paused=False)
    return updated, Message("habit-plan-saved", plan_args(updated, lang))


def timezone_command(plan: Plan | None, args: str, lang: str) -> tuple[Plan | None, Message]:
    """`/timezone [name]`: without a name, offer the common zones (`TimezoneButton`)."""
    base = plan or Plan()
    if not args.strip():
        return plan, Message("habit-tz-ask", {"tz": base.tz}, _zone_rows(TimezoneButton))
    tz = parse_timezone(args)
    if isinstance(tz, ParseError):
        return plan, tz.message
    updated = replace(base, tz=tz)
    return updated, Message("habit-tz-saved", plan_args(updated, lang))


def pause(plan: Plan | None) -> tuple[Plan | None, Message]:
    """`/pause`: no reminders until `/resume`; the exercise logs and the plan stay."""
    if plan is None:
        return None, Message("habit-plan-none")
    return replace(plan, paused=True), Message("habit-paused")


def resume(plan: Plan | None, lang: str) -> tuple[Plan | None, Message]:
    """`/resume`: reminders again, as planned."""
    if plan is None:
        return None, Message("habit-plan-none")
    updated = replace(plan, paused=False)
    return updated, Message("habit-resumed", plan_args(updated, lang))
