"""The myths feature's buttons as typed callback data (`dialogs.common.callback_data`).

The packed strings are the ones buttons already sent to users carry, so old buttons keep
working: `myths:page:<n>` (the topic list), `myth:<id>` (an answer), `myth:<more|src>:<id>`
(its longer text or its sources; ids are the stable ones of data/myths.yaml), and the quiz's
`quiz:<myth|fact>:<n>` and `quiz:<stop|again>`. No data parses as two families.
"""

from __future__ import annotations

from enum import StrEnum

from dialogs.common.callback_data import CallbackData


class MythsPage(CallbackData, prefix="myths:page"):
    """The topic list's page (0-based; any number wraps around)."""

    page: int


class MythButton(CallbackData, prefix="myth", repeatable=True):
    """A myth's answer."""

    entry: str


class MythView(StrEnum):
    """Which detail of a myth a `MythDetail` button shows."""

    MORE = "more"  # the longer explanation
    SOURCES = "src"  # every source in full


class MythDetail(CallbackData, prefix="myth", repeatable=True):
    """A myth's longer text (`myth:more:<id>`) or its sources in full (`myth:src:<id>`)."""

    view: MythView
    entry: str


MYTH_BUTTONS = (MythsPage, MythButton, MythDetail)


class QuizChoice(StrEnum):
    """The quiz answer, compared with an entry's verdict ("myth" / "fact")."""

    MYTH = "myth"
    FACT = "fact"


class QuizAnswer(CallbackData, prefix="quiz"):
    """The choice "myth" or "fact" for statement `number` (1-based)."""

    choice: QuizChoice
    number: int


class QuizAction(StrEnum):
    """End the running quiz, or start a new one."""

    STOP = "stop"
    AGAIN = "again"


class QuizButton(CallbackData, prefix="quiz"):
    """`quiz:stop` ends the running quiz, `quiz:again` starts a new one."""

    action: QuizAction


QUIZ_BUTTONS = (QuizAnswer, QuizButton)
