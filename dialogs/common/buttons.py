"""The core's inline buttons (menu, disclaimer, language, /delete, country of the helplines) as
typed callback data (`dialogs.common.callback_data`). The packed strings are the ones buttons
already sent to users carry, so old buttons keep working: `menu:<command>`, `consent:yes`,
`lang:<de|en>`, `del:<yes|no>`, `country:<code|ask|auto>`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from dialogs.common.callback_data import CallbackData


class MenuButton(CallbackData, prefix="menu", repeatable=True):
    """Runs the command of that name, as if it had been typed (`menu:session`)."""

    command: str


class ConsentButton(CallbackData, prefix="consent:yes"):
    """The user accepts the disclaimer."""


class LanguageButton(CallbackData, prefix="lang"):
    """Switch to a language (`lang:en`); the bot checks that it speaks it."""

    language: str


class DeleteAnswer(StrEnum):
    """The answer to /delete's confirmation, packed as its value ("yes" / "no")."""

    YES = "yes"
    NO = "no"


class DeleteButton(CallbackData, prefix="del"):
    """The /delete confirmation (`del:yes` / `del:no`)."""

    answer: DeleteAnswer


class CountryButton(CallbackData, prefix="country"):
    """The helplines' country: a code of `dialogs.common.helplines.COUNTRIES`, or ASK (show
    the choice) or AUTO (by the time zone)."""

    ASK: ClassVar[str] = "ask"
    AUTO: ClassVar[str] = "auto"

    choice: str
