"""The Keele STarT Back Screening Tool: 9 questions that sort back pain into low/medium/high risk.

Why: NICE NG59 recommends risk stratification. Low risk does well with advice and
self-management (this bot); medium and high risk benefit from physiotherapy alongside it
(Hill et al., Lancet 2011). The items and their scoring live in `data/startback.yaml`, with the
tool's copyright notice, which every message that shows the tool carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import yaml

from dialogs.common.content import data_path
from dialogs.common.reply import Button, Message
from dialogs.triage.alerts import TO_PLAN
from dialogs.triage.buttons import StartBackAnswer, StartBackStart

DATA_FILE = data_path("startback.yaml")
START = StartBackStart().pack()  # "sb:start"
AGREE, DISAGREE = 1, 0


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Item:
    number: int
    text: Mapping[str, str]
    options: int = 2  # 2: disagree (0) / agree (1); item 9: 0–4
    scoring_min: int = 1  # an answer of at least this scores one point


@dataclass(frozen=True)
class Tool:
    items: tuple[Item, ...]
    copyright: Mapping[str, str]
    low_max_total: int
    high_min_distress: int
    distress_items: frozenset[int]


@lru_cache(maxsize=1)
def load_tool() -> Tool:
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
    answers: tuple[int, ...]
    total: int
    distress: int
    risk: Risk


def score(answers: tuple[int, ...]) -> StartBackResult:
    """Score a complete set of 9 answers with the published rule."""
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
    language: str
    answers: tuple[int, ...] = ()
    result: StartBackResult | None = None

    @property
    def current_item(self) -> Item | None:
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
    """A new questionnaire: the intro (with the copyright notice) and item 1."""
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
    current item; a finished questionnaire returns its result again and says nothing."""
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
