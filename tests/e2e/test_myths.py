"""Myths & facts end to end: /myths with paging, answers with sources, free-text questions and
the "Mythos oder Fakt?" quiz — through the real bot, the emulator and a real database."""

from __future__ import annotations

import pytest

from bot.storage.database import Database
from bot.storage.users import get_dialog
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from dialogs.myths.knowledge_base import load_knowledge_base
from tests.e2e.people import ready

pytestmark = pytest.mark.e2e


def verdict_of(statement: BotMessage, language: str) -> str:
    """Look the quiz statement up in the knowledge base, as a well-read user would."""
    for entry in load_knowledge_base().entries:
        if entry.text("claim", language) in statement.text:
            return entry.verdict
    raise AssertionError(f"unknown statement: {statement.text}")


def button_data(message: BotMessage) -> list[str]:
    return [data for row in message.button_data for data in row]


async def test_topics_page_answer_more_and_sources(bot_api: BotApiEmulator, app: object) -> None:
    anna = await ready(bot_api)
    await anna.send("/myths")
    topics = await anna.reply()
    assert "Seite 1/3" in topics.text
    assert ["Schonung & Bettruhe"] in topics.buttons

    await anna.press("▶")
    page_two = await anna.reply()
    assert page_two.edited and "Seite 2/3" in page_two.text
    await anna.press("◀")
    assert "Seite 1/3" in (await anna.reply()).text

    await anna.press("Röntgen oder MRT?")
    answer = await anna.reply()
    assert answer.text.startswith("❌ Mythos")
    assert "Quelle: Brinjikji et al., AJNR 2015" in answer.text
    assert len(answer.text) < 900

    await anna.press("Mehr dazu")
    more = await anna.reply()
    assert "3110" in more.text  # the numbers behind the answer

    await anna.press("Quellen")
    sources = await anna.reply()
    assert "https://doi.org/10.3174/ajnr.A4173" in sources.text
    await anna.press("Zur Antwort")
    assert (await anna.reply()).text.startswith("❌ Mythos")


async def test_free_text_questions_in_both_languages(bot_api: BotApiEmulator, app: object) -> None:
    anna = await ready(bot_api)
    await anna.send("Ist Bettruhe bei Hexenschuss wirklich das Beste?")
    answer = await anna.reply()
    assert answer.text.startswith("❌ Mythos") and "Dahm et al., Cochrane 2010" in answer.text

    await anna.send("Wer gewinnt heute die Bundesliga, was meinst du?")
    unknown = await anna.reply()
    assert "keine sichere Antwort" in unknown.text
    assert "myth:rest" in button_data(unknown)  # offers the topic list instead of guessing

    john = await ready(bot_api, "en", "John")
    await john.send("do i really need an MRI for my back")
    reply = await john.reply()
    assert reply.text.startswith("❌ Myth") and "AJNR" in reply.text


async def test_chatter_is_not_answered_with_a_myth(bot_api: BotApiEmulator, app: object) -> None:
    anna = await ready(bot_api)
    await anna.send("Mein Rücken tut heute weh")
    replies = await anna.replies()
    assert not any(r.text.startswith(("❌", "✅")) for r in replies)


async def test_quiz_to_the_end_with_full_marks(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    anna = await ready(bot_api)
    await anna.send("/quiz")
    intro, statement = (await anna.replies())[-2:]  # the note on the unfinished check comes first
    assert "Mythos oder Fakt?" in intro.text
    for number in range(1, 6):
        assert f"Aussage {number}/5" in statement.text
        choice = "Mythos" if verdict_of(statement, "de") == "myth" else "Fakt"
        await anna.press(choice)
        feedback, statement = await anna.replies()
        assert feedback.edited and feedback.text.startswith("👍 Richtig!")
        assert "Quelle:" in feedback.text and not feedback.buttons
    assert "5 von 5" in statement.text
    async with db.session() as session:
        assert await get_dialog(session, anna.id) is None  # finished quizzes leave no state


async def test_wrong_answer_double_tap_and_stop(bot_api: BotApiEmulator, app: object) -> None:
    john = await ready(bot_api, "en", "John")
    await john.send("/quiz")
    _, statement = (await john.replies())[-2:]  # the note on the unfinished check comes first
    wrong = "Fact" if verdict_of(statement, "en") == "myth" else "Myth"
    await john.press(wrong)
    await john.press(wrong)  # a double tap before the bot has answered
    replies = await john.replies()
    assert [r.kind for r in replies] == ["edit", "message"]  # counted once
    feedback, statement = replies
    assert feedback.text.startswith("Not quite.") and "Statement 2/5" in statement.text

    await john.press("Stop")
    stopped = await john.reply()
    assert "0 out of 1" in stopped.text
    await john.press(data=button_data(statement)[0])
    assert "no quiz running" in (await john.reply()).text


async def test_typed_answers_and_a_red_flag_in_the_middle_of_a_quiz(
    bot_api: BotApiEmulator, app: object
) -> None:
    anna = await ready(bot_api)
    await anna.send("/quiz")
    _, statement = (await anna.replies())[-2:]  # the note on the unfinished check comes first
    await anna.send("Mythos" if verdict_of(statement, "de") == "myth" else "Fakt")
    feedback, _ = await anna.replies()
    assert feedback.text.startswith("👍 Richtig!")

    await anna.send("Seit heute kann ich den Urin nicht mehr halten")
    alert = (await anna.replies())[0]
    assert alert.text.startswith("⚠️") and "112" in alert.text

    await anna.send("stopp")
    assert "1 von 1" in (await anna.reply()).text


async def test_a_running_quiz_survives_a_restart(bot_api: BotApiEmulator, running_bot) -> None:
    async with running_bot():
        anna = await ready(bot_api)
        await anna.send("/quiz")
        await anna.replies()
    async with running_bot():
        await anna.press("Mythos")
        feedback, statement = await anna.replies()
        assert feedback.text.startswith(("👍", "Knapp")) and "Aussage 2/5" in statement.text


async def test_browsing_and_a_whole_quiz_in_english(bot_api: BotApiEmulator, app: object) -> None:
    john = await ready(bot_api, "en", "John")
    await john.send("/myths")
    topics = await john.reply()
    assert "page 1/3" in topics.text
    await john.press("X-ray or MRI?")
    answer = await john.reply()
    assert (
        answer.text.startswith('❌ Myth: "')
        and "Source: Brinjikji et al., AJNR 2015" in answer.text
    )
    await john.press("Tell me more")
    assert "3110" in (await john.reply()).text
    await john.press("Sources")
    assert "https://doi.org/10.3174/ajnr.A4173" in (await john.reply()).text

    await john.send("/quiz")
    intro, statement = (await john.replies())[-2:]  # the note on the unfinished check comes first
    assert "Myth or fact?" in intro.text
    for number in range(1, 6):
        assert f"Statement {number}/5" in statement.text
        right = "Myth" if verdict_of(statement, "en") == "myth" else "Fact"
        wrong = "Fact" if right == "Myth" else "Myth"
        await john.press(wrong if number == 1 else right)  # one mistake on purpose
        feedback, statement = await john.replies()
        assert feedback.text.startswith("Not quite." if number == 1 else "👍 Correct!")
        assert "Source:" in feedback.text
    assert "You got 4 out of 5 right" in statement.text


# --- issue 13 §2: everyday questions (data/questions.yaml) -------------------------------------

NO_KNOWLEDGE_ANSWER = ("❌", "✅", "💬")  # a myth, a fact or an everyday question's answer


async def test_the_issues_everyday_questions_get_their_specific_answer(
    bot_api: BotApiEmulator, app: object
) -> None:
    anna = await ready(bot_api)
    await anna.send("Hilft Physiotherapie?")
    physio = await anna.reply()
    assert physio.text.startswith("💬 Hilft Physiotherapie bei Rückenschmerzen?")
    assert "Quelle: NVL Kreuzschmerz 2017; Hayden et al., Cochrane 2021" in physio.text

    await anna.send("darf ich joggen?")
    running = await anna.reply()
    assert running.text.startswith("💬 Darf ich mit Rückenschmerzen joggen?")
    assert "Belavý et al., Sci Rep 2017" in running.text

    await anna.send("Hexenschuss – was jetzt?")
    acute = await anna.reply()
    assert acute.text.startswith("💬 Hexenschuss") and "/check" in acute.text
    await anna.press("Mehr dazu")
    assert "Dahm et al. 2010" in (await anna.reply()).text

    john = await ready(bot_api, "en", "John")
    await john.send("ibuprofen ok?")
    painkillers = await john.reply()
    assert painkillers.text.startswith("💬 Ibuprofen, paracetamol & co.")
    assert "lowest effective dose" in painkillers.text and "opioid" not in painkillers.text.lower()
    await john.press("Sources")
    sources = (await john.reply()).text
    assert "https://www.nice.org.uk/guidance/ng59" in sources and "December 2020" in sources

    # The trial's "sciatica" alone got "not understood"; "what should I do against back pain"
    # the running card.
    await john.send("/cancel")  # out of the check (inside it, one word is the check's)
    await john.replies()
    await john.send("sciatica")
    sciatica = await john.reply()
    assert sciatica.text.startswith("💬 Sciatica") and "112" in sciatica.text
    await john.send("what should I do against back pain")
    assert (await john.reply()).text.startswith("💬 Is exercise good for back pain?")


async def test_other_body_parts_animals_and_illnesses_get_no_knowledge_answer(
    bot_api: BotApiEmulator, app: object
) -> None:
    anna = await ready(bot_api)
    for text in (
        "Brauche ich für die Schulter ein Röntgenbild?",
        "sitzt mein Hamster krumm?",
        "wie lange pausieren nach einer Erkältung?",
    ):
        await anna.send(text)
        replies = await anna.replies()
        assert not any(r.text.startswith(NO_KNOWLEDGE_ANSWER) for r in replies), text
    john = await ready(bot_api, "en", "John")
    await john.send("does a head CT hurt")
    replies = await john.replies()
    assert not any(r.text.startswith(NO_KNOWLEDGE_ANSWER) for r in replies)
