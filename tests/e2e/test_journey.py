"""A newcomer's whole first conversation, across features, as one person would have it."""

from __future__ import annotations

import pytest

from bot.testing.server import BotApiEmulator
from tests.e2e.people import accept_disclaimer, say_no_to_everything

pytestmark = pytest.mark.e2e


async def test_first_conversation_in_english(bot_api: BotApiEmulator, app: object) -> None:
    sam = bot_api.user(first_name="Sam", language_code="en")
    first_question = (await accept_disclaimer(sam))[-1]
    assert "Question 1/" in first_question.text
    assert first_question.buttons[0][:2] == ["Yes", "No"]

    replies = await say_no_to_everything(sam)
    texts = "\n".join(reply.text for reply in replies)
    assert "no warning signs" in texts.lower()
    assert "Dahm et al., Cochrane 2010" in texts  # compact sources, one phone screen
    assert not any(reply.text.startswith("⚠️") for reply in replies)
    assert "days" in replies[-1].text.lower()  # on to the movement plan

    # A question in the middle of the plan dialog is answered, not taken for a day list.
    await sam.send("Should I stay in bed when my back hurts?")
    answer = await sam.reply()
    assert answer.text.startswith("❌ Myth")
    assert "Source" in answer.text

    # A red flag in the middle of the plan dialog triggers the alert at once.
    await sam.send("since this morning I can't hold my urine")
    alert = await sam.reply()
    assert alert.text.startswith("⚠️") and "112" in alert.text
