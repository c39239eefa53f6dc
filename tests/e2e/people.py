"""What several end-to-end tests need: a clock the test moves by hand, and a new person who
has accepted the disclaimer."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.testing.driver import BotMessage, User

# Monday 23 March 2026, 18:00 in Berlin: a planned day, the week before the DST switch.
MONDAY_18 = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


class ManualClock:
    """A clock the test moves by hand; the bot reads it for every turn and every tick."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now


async def accept_disclaimer(person: User) -> list[BotMessage]:
    """/start and accept the disclaimer; returns what came after (the check starts by itself)."""
    await person.send("/start")
    await person.replies()
    await person.press("Verstanden" if person.language_code == "de" else "Understood")
    return await person.replies()
