"""The quiz "Mythos oder Fakt?" over the knowledge base, as a pure state machine.

The bot stores `QuizState.to_dict()` between updates. The order of statements is drawn once
from an injected seed, so tests are deterministic and a restart does not reshuffle a running
quiz. Buttons carry the question number (`quiz:myth:<n>`): a double tap or an old button from
an earlier question is ignored instead of being counted twice.

Callback data: `quiz:myth:<n>`, `quiz:fact:<n>`, `quiz:stop`, `quiz:again`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from dialogs.common.reply import Button, Message
from dialogs.myths.knowledge_base import KnowledgeBase, load_knowledge_base
from dialogs.myths.pages import compact_sources

QUIZ_LENGTH = 5
CHOICES = ("myth", "fact")


@dataclass(frozen=True)
class QuizState:
    """Statements still to come, the current position and the score so far."""

    order: tuple[str, ...]
    position: int = 0  # index into `order` of the statement on screen
    correct: int = 0
    finished: bool = False

    @property
    def answered(self) -> int:
        return self.position

    def to_dict(self) -> dict[str, Any]:
        return {
            "order": list(self.order),
            "position": self.position,
            "correct": self.correct,
            "finished": self.finished,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuizState:
        """Raises KeyError/ValueError/TypeError on a damaged state; the bot then starts over."""
        order = tuple(str(entry_id) for entry_id in data["order"])
        position, correct = int(data["position"]), int(data["correct"])
        if not 0 <= correct <= position <= len(order):
            raise ValueError(f"inconsistent quiz state: {data!r}")
        return cls(order, position, correct, bool(data["finished"]))


def _buttons(state: QuizState) -> tuple[tuple[Button, ...], ...]:
    number = state.position + 1
    return (
        (
            Button("myths-quiz-button-myth", f"quiz:myth:{number}"),
            Button("myths-quiz-button-fact", f"quiz:fact:{number}"),
        ),
        (Button("myths-quiz-button-stop", "quiz:stop"),),
    )


def question(state: QuizState, language: str, knowledge_base: KnowledgeBase) -> Message:
    """The statement on screen with Myth / Fact / Stop buttons."""
    entry = knowledge_base.get(state.order[state.position])
    if entry is None:
        raise KeyError(state.order[state.position])
    return Message(
        "myths-quiz-question",
        {
            "number": state.position + 1,
            "total": len(state.order),
            "claim": entry.text("claim", language),
        },
        _buttons(state),
    )


def start(
    seed: int,
    language: str,
    length: int = QUIZ_LENGTH,
    knowledge_base: KnowledgeBase | None = None,
) -> tuple[QuizState, list[Message]]:
    """A new quiz: `length` statements in an order drawn from `seed`, and the first question."""
    knowledge_base = knowledge_base or load_knowledge_base()
    ids = list(knowledge_base.ids)
    order = tuple(random.Random(seed).sample(ids, min(length, len(ids))))
    state = QuizState(order)
    return state, [
        Message("myths-quiz-intro", {"total": len(order)}),
        question(state, language, knowledge_base),
    ]


def _end(state: QuizState) -> Message:
    return Message(
        "myths-quiz-end",
        {"score": state.correct, "total": len(state.order)},
        (
            (
                Button("myths-quiz-button-again", "quiz:again"),
                Button("myths-button-topics", "myths:page:0"),
            ),
        ),
    )


def answer(
    state: QuizState,
    choice: str,
    number: int,
    language: str,
    knowledge_base: KnowledgeBase | None = None,
) -> tuple[QuizState, list[Message]]:
    """The user chose "myth" or "fact" for question `number` (1-based, from the button).

    Returns the feedback with its evidence and then the next statement or the final score.
    A stale or repeated button (wrong number, finished quiz) changes nothing and says nothing.
    """
    knowledge_base = knowledge_base or load_knowledge_base()
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}: {choice!r}")
    if state.finished or number != state.position + 1 or state.position >= len(state.order):
        return state, []
    entry = knowledge_base.get(state.order[state.position])
    if entry is None:  # entry removed from the YAML since the quiz began: skip it silently
        return _advance(replace(state, position=state.position + 1), language, knowledge_base)
    right = choice == entry.verdict
    state = replace(state, position=state.position + 1, correct=state.correct + right)
    feedback = Message(
        "myths-quiz-feedback",
        {
            "result": "right" if right else "wrong",
            "verdict": entry.verdict,
            "answer": entry.text("answer", language),
            "source": compact_sources(entry),
        },
    )
    next_state, messages = _advance(state, language, knowledge_base)
    return next_state, [feedback, *messages]


def _advance(
    state: QuizState, language: str, knowledge_base: KnowledgeBase
) -> tuple[QuizState, list[Message]]:
    if state.position >= len(state.order):
        state = replace(state, finished=True)
        return state, [_end(state)]
    return state, [question(state, language, knowledge_base)]


def stop(state: QuizState) -> tuple[QuizState, list[Message]]:
    """The user stopped: the score so far, and the quiz is over."""
    if state.finished:
        return state, []
    state = replace(state, finished=True)
    return state, [
        Message(
            "myths-quiz-stopped",
            {"score": state.correct, "answered": state.answered},
            ((Button("myths-quiz-button-again", "quiz:again"),),),
        )
    ]


def parse_callback(data: str) -> tuple[str, int] | None:
    """`quiz:myth:3` → ("myth", 3); `quiz:stop` → ("stop", 0); `quiz:again` → ("again", 0)."""
    parts = data.split(":")
    if parts[0] != "quiz":
        return None
    if len(parts) == 2 and parts[1] in ("stop", "again"):
        return parts[1], 0
    if len(parts) == 3 and parts[1] in CHOICES and parts[2].isdigit():
        return parts[1], int(parts[2])
    return None
