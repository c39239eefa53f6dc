"""The triage buttons as typed callback data (`dialogs.common.callback_data`).

The packed strings are the ones buttons already sent to users carry, so old buttons keep
working: `tri:<start|later|plan>`, the check's `tri:<y|n|u>:<question id>` (`tri:<y|n|u>` from
older messages), the safety net's question `tri:ask:<flag>:<y|n|u>[:o]` (`:o`: someone else's
sign), and STarT Back's `sb:start` and `sb:<item>:<value>`. The families are disjoint: no data
parses as two of them.
"""

from __future__ import annotations

from enum import StrEnum

from dialogs.common.callback_data import CallbackData
from dialogs.triage.red_flags import Experiencer, load_catalogue


class AnswerCode(StrEnum):
    """Ja / Nein / Weiß nicht on a button."""

    YES = "y"
    NO = "n"
    UNSURE = "u"

    @property
    def answer(self) -> str:
        """The answer's name: "yes", "no" or "unsure" (as `red_flag_check.Answer`)."""
        return self.name.lower()


class TriageAction(StrEnum):
    """The check's own buttons besides the answers (`tri:<action>`)."""

    START = "start"  # start the red-flag check
    LATER = "later"  # not now
    PLAN = "plan"  # on to the movement plan


class TriageButton(CallbackData, prefix="tri"):
    """`tri:<start|later|plan>`: start the check, not now, or on to the movement plan."""

    action: TriageAction


class CheckButton(CallbackData, prefix="tri"):
    """An answer to the check's question (None: a button from before the id was added)."""

    code: AnswerCode
    question: str | None = None


class CheckBack(CallbackData, prefix="tri:back"):
    """ "Zurück" under the check's question `question`: correct the answer before it (a tap
    under an older question only shows the open one again)."""

    question: str


CHECK_BUTTONS = (TriageButton, CheckButton, CheckBack)


class Whose(StrEnum):
    """Whose sign an ask button is about; left out (None) for the writer's own."""

    OTHER = "o"  # the sign is someone else's


class AskButton(CallbackData, prefix="tri:ask"):
    """An answer to the safety net's "ask when unsure" question about one red flag; data
    naming a flag the catalogue does not know does not parse (building one raises ValueError)."""

    flag: str
    code: AnswerCode
    whose: Whose | None = None

    def __post_init__(self) -> None:
        if self.flag not in load_catalogue().flags:
            raise ValueError(f"unknown red flag {self.flag!r}")

    @classmethod
    def of(cls, flag: str, code: AnswerCode, experiencer: Experiencer) -> AskButton:
        """The button for answer `code` about red flag `flag`; someone else's sign adds `:o`."""
        return cls(flag, code, Whose.OTHER if experiencer is Experiencer.OTHER else None)

    @property
    def experiencer(self) -> Experiencer:
        """OTHER when the data carries `:o`, else SELF."""
        return Experiencer.OTHER if self.whose is Whose.OTHER else Experiencer.SELF


class StartBackStart(CallbackData, prefix="sb:start"):
    """Start the STarT Back questionnaire."""


class StartBackAnswer(CallbackData, prefix="sb"):
    """The answer `value` to item `item` (1-based): 0 disagree / 1 agree for items 1–8, 0–4
    for item 9. Any int parses; the questionnaire re-asks for a value out of range."""

    item: int
    value: int


STARTBACK_BUTTONS = (StartBackStart, StartBackAnswer)
