"""The quiz "Mythos oder Fakt?" over the knowledge base, as a pure state machine.

The bot stores the `QuizState` between updates (`dialogs.common.state_codec`). The order of
statements is drawn once from an injected seed, so tests are deterministic and a restart does
not reshuffle a running quiz. Buttons carry the question number (`quiz:myth:<n>`): a double
tap or an old button from an earlier question is ignored instead of being counted twice.

Callback data (`dialogs.myths.buttons`): `quiz:myth:<n>`, `quiz:fact:<n>`, `quiz:stop`,
`quiz:again`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from dialogs.common.reply import Button, Message
from dialogs.myths.buttons import MythsPage, QuizAction, QuizAnswer, QuizButton, QuizChoice
from dialogs.myths.knowledge_base import KnowledgeBase, load_knowledge_base
from dialogs.myths.pages import compact_sources

QUIZ_LENGTH = 5  # statements per quiz (product decision: a round of a minute or two)
CHOICES = tuple(choice.value for choice in QuizChoice)  # myth, fact
_AGAIN = QuizButton(QuizAction.AGAIN).pack()


@dataclass(frozen=True)
class QuizState:
    """Statements still to come, the current position and the score so far."""

    order: tuple[str, ...]
    position: int = 0  # index into `order` of the statement on screen
    correct: int = 0
    finished: bool = False

    def __post_init__(self) -> None:
        """Raises ValueError unless 0 <= correct <= position <= len(order) (a damaged stored
        state then fails to load, and the bot starts over)."""
        if not 0 <= self.correct <= self.position <= len(self.order):
            raise ValueError(f"inconsistent quiz state: {self!r}")

    @property
    def answered(self) -> int:
        return self.position


def _buttons(state: QuizState) -> tuple[tuple[Button, ...], ...]:
    number = state.position + 1
    return (
        (
            Button("myths-quiz-button-myth", QuizAnswer(QuizChoice.MYTH, number).pack()),
            Button("myths-quiz-button-fact", QuizAnswer(QuizChoice.FACT, number).pack()),
        ),
        (Button("myths-quiz-button-stop", QuizButton(QuizAction.STOP).pack()),),
    )


def question(state: QuizState, language: str, knowledge_base: KnowledgeBase) -> Message:
    """The statement on screen with Myth / Fact / Stop buttons; KeyError when its entry is no
    longer in the knowledge base, IndexError when the quiz has no statement left."""
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
    """A new quiz: `length` statements (fewer if the knowledge base has fewer entries) in an
    order drawn from `seed`; returns (state, [intro, first question])."""
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
                Button("myths-quiz-button-again", _AGAIN),
                Button("myths-button-topics", MythsPage(0).pack()),
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
    Raises ValueError for a `choice` other than "myth" / "fact".
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
            ((Button("myths-quiz-button-again", _AGAIN),),),
        )
    ]
