"""The Keele STarT Back Screening Tool: 9 questions that sort back pain into low/medium/high risk.

Why: NICE NG59 recommends risk stratification. Low risk does well with advice and
self-management (this bot); medium and high risk benefit from physiotherapy alongside it
(Hill et al., Lancet 2011). The items and their scoring live in `data/startback.yaml`, with the
tool's copyright notice, which every message that shows the tool carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

import yaml

from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message
from dialogs.common.text import tokens
from dialogs.triage.alerts import TO_PLAN
from dialogs.triage.buttons import StartBackAnswer, StartBackStart

DATA_FILE = data_path("startback.yaml")
START = StartBackStart().pack()  # "sb:start"
# The answer values of items 1–8, as the tool scores them: agree 1 point, disagree 0 (Keele
# STarT Back scoring, Hill et al. 2008).
AGREE, DISAGREE = 1, 0
# STarT Back is offered again this long after the last scored result (`rescreen_due`). Product
# decision: the same four weeks as the check's re-offer (`red_flag_check.RECHECK_AFTER`), so
# both offers come in the same turn; the clinical review of issue 15 asked for 4–6 weeks.
RESCREEN_AFTER = timedelta(weeks=4)


class Risk(StrEnum):
    """The tool's risk groups (Hill et al. 2008): low → self-management with the bot; medium
    and high → physiotherapy alongside it (Hill et al., Lancet 2011)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Item:
    """One item of data/startback.yaml: its number (1–9), its statement per language, how many
    answer options it has and the lowest answer that scores a point (item 9: 3, "very much",
    of 0–4, as the Keele scoring counts it)."""

    number: int
    text: Mapping[str, str]
    options: int = 2  # 2: disagree (0) / agree (1); item 9: 0–4
    scoring_min: int = 1  # an answer of at least this scores one point


@dataclass(frozen=True)
class Tool:
    """The tool as data/startback.yaml defines it, with the Keele STarT Back cut-offs (Hill et
    al. 2008; keele.ac.uk/sbst): a total of at most `low_max_total` (3) is low risk; above it,
    a distress sub-score (items `distress_items`, 5–9) of at least `high_min_distress` (4) is
    high risk, else medium."""

    items: tuple[Item, ...]
    copyright: Mapping[str, str]
    low_max_total: int
    high_min_distress: int
    distress_items: frozenset[int]


@lru_cache(maxsize=1)
def load_tool() -> Tool:
    """The items and cut-offs of data/startback.yaml, read once (KeyError on a missing key)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml.safe_load(handle)
    items = tuple(
        Item(item["number"], item["text"], item.get("options", 2), item.get("scoring_min", 1))
        for item in raw["items"]
    )
    return Tool(
        items,
        raw["copyright"],
        raw["thresholds"]["low_max_total"],
        raw["thresholds"]["high_min_distress"],
        frozenset(raw["distress_items"]),
    )


@dataclass(frozen=True)
class StartBackResult:
    """A scored questionnaire: the 9 raw answers in item order, the total score (0–9), the
    distress sub-score (0–5, items 5–9) and the risk group."""

    answers: tuple[int, ...]
    total: int
    distress: int
    risk: Risk


def score(answers: tuple[int, ...]) -> StartBackResult:
    """Score a complete set of 9 answers with the published rule (cut-offs: see `Tool`).

    `answers` are the raw values in item order (0/1; item 9: 0–4). Raises ValueError unless
    there is exactly one answer per item."""
    tool = load_tool()
    if len(answers) != len(tool.items):
        raise ValueError(f"STarT Back needs {len(tool.items)} answers, got {len(answers)}")
    points = {
        item.number: int(answer >= item.scoring_min)
        for item, answer in zip(tool.items, answers, strict=True)
    }
    total = sum(points.values())
    distress = sum(points[number] for number in tool.distress_items)
    if total <= tool.low_max_total:
        risk = Risk.LOW
    elif distress >= tool.high_min_distress:
        risk = Risk.HIGH
    else:
        risk = Risk.MEDIUM
    return StartBackResult(answers, total, distress, risk)


@dataclass(frozen=True)
class StartBackState:
    """The questionnaire in progress: language ("de"/"en"), the raw answers so far in item
    order, and the result once scored."""

    language: str
    answers: tuple[int, ...] = ()
    result: StartBackResult | None = None

    @property
    def current_item(self) -> Item | None:
        """The next unanswered item; None once all are answered or the result is in."""
        items = load_tool().items
        if self.result is not None or len(self.answers) >= len(items):
            return None
        return items[len(self.answers)]


def _buttons(item: Item) -> tuple[tuple[Button, ...], ...]:
    if item.options == 2:
        return (
            (
                Button("triage-sb-agree", StartBackAnswer(item.number, AGREE).pack()),
                Button("triage-sb-disagree", StartBackAnswer(item.number, DISAGREE).pack()),
            ),
        )
    return tuple(
        (Button("triage-sb-bother", StartBackAnswer(item.number, value).pack(), {"option": value}),)
        for value in range(item.options)
    )


def item_message(state: StartBackState, key: str = "triage-sb-item") -> Message:
    """The open item (Fluent id `key`) with its answer buttons (`sb:<item>:<value>`) and the
    copyright notice; ValueError when no item is open."""
    item = state.current_item
    if item is None:
        raise ValueError("the questionnaire has no open item")
    tool = load_tool()
    args = {
        "number": item.number,
        "total": len(tool.items),
        "statement": item.text[state.language],
        "notice": tool.copyright[state.language],
    }
    return Message(key, args, _buttons(item))


def start(language: str) -> tuple[StartBackState, Message]:
    """A new questionnaire: the intro (with the copyright notice) and item 1, as (state,
    message). A language other than "de"/"en" falls back to "de"."""
    state = StartBackState(language if language in ("de", "en") else "de")
    return state, item_message(state, "triage-sb-intro")


def result_message(result: StartBackResult, language: str) -> Message:
    """Low → self-management with the bot; medium/high → physiotherapy alongside it."""
    args = {
        "total": result.total,
        "distress": result.distress,
        "copyright": load_tool().copyright[language],
    }
    return Message(
        f"triage-sb-result-{result.risk.value}", args, ((Button("triage-button-plan", TO_PLAN),),)
    )


def step(
    state: StartBackState, item_number: int, value: int
) -> tuple[StartBackState, tuple[Message, ...], StartBackResult | None]:
    """Record one answer. A tap on another item's button (or an invalid value) re-asks the
    current item; a finished questionnaire returns its result again and says nothing.

    Returns (the next state, the messages in send order, the result once scored else None).
    """
    if state.result is not None:
        return state, (), state.result
    item = state.current_item
    if item is None:  # all answered but not scored (e.g. an old state): score now
        result = score(state.answers)
        return (
            StartBackState(state.language, state.answers, result),
            (result_message(result, state.language),),
            result,
        )
    if item_number != item.number or not 0 <= value < item.options:
        return state, (item_message(state),), None
    answers = (*state.answers, value)
    following = StartBackState(state.language, answers)
    if following.current_item is not None:
        return following, (item_message(following),), None
    result = score(answers)
    return (
        StartBackState(state.language, answers, result),
        (result_message(result, state.language),),
        result,
    )


# Typed answers (issue 12 §3): items 1–8 "ja"/"nein" (agree/disagree), item 9 the 5-point scale
# in words or as a number 1–5 (1 = not at all … 5 = extremely; stored as 0–4).
_AGREE = {
    "ja",
    "j",
    "jo",
    "yes",
    "y",
    "yep",
    "yeah",
    "stimme zu",
    "stimmt",
    "zustimmen",
    "agree",
    "i agree",
    "genau",
    "richtig",
    "true",
}
_DISAGREE = {
    "nein",
    "n",
    "ne",
    "nee",
    "noe",
    "no",
    "nope",
    "stimme nicht zu",
    "stimmt nicht",
    "disagree",
    "i disagree",
    "do not agree",
    "dont agree",
    "falsch",
    "false",
    "nicht",
}
_SCALE = {
    0: {"gar nicht", "ueberhaupt nicht", "garnicht", "not at all", "none", "nicht"},
    1: {
        "ein wenig",
        "wenig",
        "etwas",
        "ein bisschen",
        "bisschen",
        "leicht",
        "slightly",
        "a little",
        "a bit",
        "little",
    },
    2: {"maessig", "massig", "mittel", "mittelmaessig", "moderately", "moderate", "medium"},
    3: {"stark", "sehr", "sehr stark", "very much", "very", "a lot", "much"},
    4: {"extrem", "extremely", "extreme", "total", "sehr sehr"},
}


def answer_from_text(state: StartBackState, text: str) -> int | None:
    """The open item's answer value typed as text, or None: items with 2 options take
    "ja"/"stimme zu" (1) and "nein"/"stimme nicht zu" (0); the 5-point item takes its words
    ("gar nicht" … "extrem", "not at all" … "extremely") or a number 1–5 (→ 0–4)."""
    item = state.current_item
    if item is None:
        return None
    folded = " ".join(tokens(text))
    if item.options == 2:
        if folded in _AGREE:
            return AGREE
        return DISAGREE if folded in _DISAGREE else None
    if folded.isdigit() and 1 <= int(folded) <= item.options:
        return int(folded) - 1
    return next(
        (value for value, words in _SCALE.items() if folded in words and value < item.options),
        None,
    )


def rescreen_due(result_at: datetime | None, offered_at: datetime | None, now: datetime) -> bool:
    """Whether to offer the questionnaire again: the latest scored result (`result_at`, None:
    never scored) is at least RESCREEN_AFTER (4 weeks, a timedelta) old and no re-screen was
    offered after it (`offered_at`: the latest re-screen offer, None: never). So it is offered
    once per result; a newer result starts the four weeks again. An offer at or before the
    result's time cannot belong to it (an offer comes 4 weeks after its result): it counts as
    not offered.

    Why: the risk group is not fixed. The tool screens for prognostic indicators relevant to
    initial decision making, and its items ask about the last 2 weeks (Keele STarT Back
    guidance, https://startback.hfac.keele.ac.uk/; Hill et al. 2008), so the group can change
    over time, and with it the advice (self-management, or physiotherapy alongside); the
    clinical review of issue 15 asks for one re-screen after 4–6 weeks. The four weeks are a
    product decision (see RESCREEN_AFTER).

    All times are aware datetimes; ValueError for a naive one."""
    if any(at is not None and at.tzinfo is None for at in (result_at, offered_at, now)):
        raise ValueError("rescreen_due needs timezone-aware datetimes")
    if result_at is None or now - result_at < RESCREEN_AFTER:
        return False
    return offered_at is None or offered_at <= result_at


def rescreen_message() -> Message:
    """The offer to answer the 9 questions again, with the button that starts them
    (`sb:start`); sent with the check's four-weekly re-offer (`bot.handlers.triage`)."""
    return Message("triage-sb-rescreen", {}, ((Button("triage-button-startback", START),),))


def hint(state: StartBackState) -> tuple[Message, Message]:
    """A typed text the questionnaire does not understand: the hint (ja/nein, or the scale
    for the last item) and the open item again. ValueError when no item is open."""
    item = state.current_item
    scale = "yes" if item is not None and item.options > 2 else "no"
    return Message("triage-sb-hint", {"scale": scale}), item_message(state)
