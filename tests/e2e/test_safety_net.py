"""The safety net end to end: the crisis route, helplines for where the user is (/country),
asking when unsure, and alerts for someone else – real bot, emulator, real database."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest

from bot.storage.database import Database
from bot.storage.models import DialogStateRow, UserRow
from bot.testing.driver import User
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from dialogs.triage.alerts import ask_question
from dialogs.triage.red_flags import load_catalogue
from tests.e2e.people import (
    MONDAY_18,
    ManualClock,
    accept_disclaimer,
    press_forged,
    ready,
    say_no_to_everything,
)

pytestmark = pytest.mark.e2e

CRISIS = {"de": "ich will nicht mehr leben", "en": "I want to die"}
CRISIS_LINES = {"de": "0800 111 0 111", "en": "0800 111 0 111"}
URINE = "Seit heute kann ich den Urin nicht mehr halten"
FEVER = {"de": "ich habe seit gestern Fieber", "en": "I've had a fever since yesterday"}
ASK_BLADDER = "Was wäre, wenn ich plötzlich den Urin nicht mehr halten könnte?"
ASK_LEGS = "what if my legs got weaker?"
SOMEONE_ELSE = "meine Frau spürt seit heute ihren Po nicht mehr"
QUESTIONS = load_catalogue().questions
YES = {"de": "Ja", "en": "Yes"}
NO = {"de": "Nein", "en": "No"}


def labels(message: BotMessage) -> list[str]:
    return [label for row in message.buttons for label in row]


def warnings(replies: list[BotMessage]) -> list[BotMessage]:
    return [reply for reply in replies if reply.text.startswith("⚠️")]


async def ready_without_check(bot_api: BotApiEmulator, language: str, name: str) -> User:
    """A user past the disclaimer who left the check it started (no dialog is open)."""
    person = await ready(bot_api, language, name)
    await person.send("abbrechen" if language == "de" else "cancel")
    await person.replies()
    return person


async def stored_user(db: Database, user_id: int) -> UserRow | None:
    async with db.session() as session:
        return await session.get(UserRow, user_id)


async def open_dialog(db: Database, user_id: int) -> str | None:
    async with db.session() as session:
        state = await session.get(DialogStateRow, user_id)
        return state.dialog if state else None


# --- crisis -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_crisis_gets_only_the_crisis_message_and_is_logged_without_its_text(
    bot_api: BotApiEmulator, app: Any, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    person = await ready(bot_api, language, "Kim")  # in the middle of the check
    caplog.set_level(logging.INFO, logger="bot")
    await person.send(CRISIS[language])
    (reply,) = await person.replies()
    assert not reply.text.startswith("⚠️") and not reply.buttons
    assert ("froh" if language == "de" else "glad") in reply.text
    assert "112" in reply.text and CRISIS_LINES[language] in reply.text
    assert ("weiter schreiben" if language == "de" else "keep writing") in reply.text
    logged = [record.getMessage() for record in caplog.records]
    assert any("crisis" in line and str(person.id) in line for line in logged)
    assert not any(CRISIS[language] in line for line in logged)


async def test_a_crisis_in_an_edit_a_caption_and_before_the_disclaimer(
    bot_api: BotApiEmulator, app: Any
) -> None:
    new = bot_api.user(first_name="Noa", language_code="de")
    await new.send(CRISIS["de"])
    (reply,) = await new.replies()  # safety never waits for the disclaimer
    assert "0800 111 0 111" in reply.text

    message_id = await new.send("hallo")
    await new.replies()
    await new.edit(message_id, CRISIS["de"])
    assert "0800 111 0 111" in (await new.reply()).text

    await new.send_photo(caption=CRISIS["de"])
    (photo_reply,) = await new.replies()
    assert "0800 111 0 111" in photo_reply.text and not photo_reply.text.startswith("⚠️")


async def test_a_crisis_in_a_group_gets_the_crisis_message_and_the_private_link(
    bot_api: BotApiEmulator, app: Any
) -> None:
    group = bot_api.group()
    mia = bot_api.user(first_name="Mia", language_code="de")
    await mia.send(CRISIS["de"], chat=group)
    replies = await mia.replies(chat=group)
    assert len(replies) == 2 and not warnings(replies)
    assert "0800 111 0 111" in replies[0].text and "privat" in replies[0].text
    assert "t.me/" in replies[1].text


# --- helplines for where the user is ----------------------------------------------------------


async def test_the_country_follows_the_time_zone_and_can_be_chosen(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    lena = await ready(bot_api, "de", "Lena")
    await lena.send("/timezone Europe/Vienna")
    saved, note = await lena.replies()
    assert "Europe/Vienna" in saved.text and "🌍 Land für Notrufnummern" in labels(saved)
    assert "Österreich" in note.text and "144" in note.text

    await lena.send(URINE)
    (alert,) = warnings(await lena.replies())
    assert "144" in alert.text.split("\n")[0] and "112" not in alert.text

    await lena.press("🌍 Land für Notrufnummern")
    menu = await lena.reply()
    assert "Österreich" in menu.text and "nach deiner Zeitzone" in menu.text
    assert labels(menu) == [
        "🇩🇪 Deutschland",
        "🇦🇹 Österreich",
        "🇨🇭 Schweiz",
        "🇬🇧 UK",
        "🌍 Anderes Land",
        "🕒 Nach meiner Zeitzone",
    ]
    await lena.press("UK")
    confirmation, hint = await lena.replies()  # the time zone is still Vienna's
    assert "/timezone London" in hint.text
    assert confirmation.edited and "Vereinigtes Königreich" in confirmation.text
    assert "999" in confirmation.text and "116 123" in confirmation.text
    user = await stored_user(db, lena.id)
    assert user is not None and user.country == "GB"

    await lena.send(URINE)
    (alert,) = warnings(await lena.replies())
    assert "999" in alert.text.split("\n")[0]

    await lena.send("/country")
    await lena.replies()
    await lena.press("Anderes Land")
    assert "örtliche Notrufnummer" in (await lena.reply()).text
    await lena.send(URINE)
    (alert,) = warnings(await lena.replies())
    assert "die örtliche Notrufnummer" in alert.text.split("\n")[0]

    await lena.send("/country")
    await lena.replies()
    await lena.press("Nach meiner Zeitzone")
    assert "Österreich" in (await lena.reply()).text
    user = await stored_user(db, lena.id)
    assert user is not None and user.country is None


async def test_the_thanks_for_the_disclaimer_asks_the_country_for_the_numbers(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    """The trial's fault: an English user in the UK (time zone still the default, Berlin) got
    the German crisis lines. The thanks for the disclaimer now asks where they are."""
    ivy = bot_api.user(first_name="Ivy", language_code="en")
    thanks, question = await accept_disclaimer(ivy)
    assert "which country are you in?" in thanks.text and "Germany" in thanks.text
    assert "🇬🇧 UK" in labels(thanks) and "1/" in question.text  # the check starts anyway
    await ivy.press("🇬🇧 UK")
    confirmation, zone_hint = await ivy.replies()
    assert confirmation.edited and "116 123" in confirmation.text
    # the time zone is still the default: how to move the reminders to UK time
    assert "Europe/Berlin" in zone_hint.text and "/timezone London" in zone_hint.text
    user = await stored_user(db, ivy.id)
    assert user is not None and user.country == "GB"
    await ivy.send("/timezone London")
    await ivy.replies()
    await ivy.send("/country")
    await ivy.reply()
    await ivy.press("🇬🇧 UK")  # the time zone fits now: no hint
    (again_set,) = await ivy.replies()
    assert again_set.edited and "/timezone" not in again_set.text
    await ivy.send("I can't stand this pain any more")  # low mood, not a question about legs
    answer, again = await ivy.replies()
    assert "Samaritans" in answer.text and "999" in answer.text
    assert "TelefonSeelsorge" not in answer.text and not answer.text.startswith("⚠️")
    assert again.button_data[0][0] == f"tri:y:{QUESTIONS[0].id}"  # the check goes on
    await ivy.send("/cancel")
    await ivy.replies()
    await ivy.send("sciatica")  # reviewed content written with 112 names the UK's number
    sciatica = await ivy.reply()
    assert "999" in sciatica.text and "112" not in sciatica.text


async def test_a_typed_country_sets_the_numbers_even_while_the_check_waits(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    """The trial: "I'm in the UK actually", typed under the country question while the check's
    first question waited, got "Please answer Yes, No or Not sure" and kept German numbers."""
    una = bot_api.user(first_name="Una", language_code="en")
    await accept_disclaimer(una)
    await una.send("I'm in the UK actually")
    replies = await una.replies()
    assert any("116 123" in reply.text and "999" in reply.text for reply in replies)
    assert any("/timezone London" in reply.text for reply in replies)
    assert not any("Please answer" in reply.text for reply in replies)
    user = await stored_user(db, una.id)
    assert user is not None and user.country == "GB"
    await una.send("UK pharmacies are closed on Sunday, right?")  # a question, no country
    assert not any("Saved:" in reply.text for reply in await una.replies())


@pytest.mark.parametrize(
    ("zone", "urgent_words"),
    [
        ("Europe/Berlin", "116117"),
        ("Europe/Busingen", "116117"),
        ("Europe/Zurich", "kantonalen ärztlichen Notfalldienst"),
        ("Europe/London", "111"),
        ("America/New_York", "ärztlichen Bereitschaftsdienst vor Ort"),
    ],
)
async def test_the_urgent_alert_names_the_service_of_the_time_zones_country(
    bot_api: BotApiEmulator, app: Any, zone: str, urgent_words: str
) -> None:
    olga = await ready(bot_api, "de", "Olga")
    await olga.send(f"/timezone {zone}")
    await olga.replies()
    await olga.send("Ich habe Fieber und Rückenschmerzen")
    (alert,) = warnings(await olga.replies())
    assert urgent_words in alert.text.split("\n")[0]


async def test_the_country_is_exported_and_deleted(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    pia = await ready(bot_api, "en", "Pia")
    await pia.send("/country")
    await pia.replies()
    await pia.press("Switzerland")
    assert "144" in (await pia.replies())[0].text
    await pia.send("/export")
    export = next(reply for reply in await pia.replies() if reply.document is not None)
    assert export.document is not None
    assert json.loads(export.document[1])["Profile"]["Country for emergency numbers"] == (
        "Switzerland"
    )
    await pia.send("/delete")
    await pia.replies()
    await pia.press("Yes, delete everything")
    await pia.replies()
    assert await stored_user(db, pia.id) is None


async def test_the_country_can_be_set_before_the_disclaimer(
    bot_api: BotApiEmulator, app: Any
) -> None:
    ray = bot_api.user(first_name="Ray", language_code="en")
    await ray.send("/country")
    menu = await ray.reply()
    assert "Germany" in menu.text and "from your time zone" in menu.text
    await ray.press("UK")
    assert "999" in (await ray.replies())[0].text


async def test_groups_use_the_default_time_zones_country_or_the_operators_number(
    bot_api: BotApiEmulator, running_bot: Any
) -> None:
    group = bot_api.group()
    ute = bot_api.user(first_name="Ute", language_code="de")
    async with running_bot(default_timezone="Europe/Vienna"):
        await ute.send(URINE, chat=group)
        (alert,) = warnings(await ute.replies(chat=group))
        assert "144" in alert.text.split("\n")[0]
    async with running_bot(default_timezone="Europe/Vienna", emergency_number="112"):
        await ute.send(URINE, chat=group)
        (alert,) = warnings(await ute.replies(chat=group))
        assert "112" in alert.text.split("\n")[0]


async def test_the_error_message_names_the_users_emergency_number(
    bot_api: BotApiEmulator, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = await ready(bot_api, "en", "Sam")
    await sam.send("/country")
    await sam.replies()
    await sam.press("UK")
    await sam.replies()

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the turn's work fails: nothing is committed")

    # Only a turn whose work failed tells the user to try again (a failed send after the
    # commit is retried instead: tests/e2e/test_reliability.py).
    monkeypatch.setattr("bot.outbox.stage", broken)
    await sam.send("/help")
    apology = await sam.reply(timeout=15)
    assert "went wrong" in apology.text and "999" in apology.text


# --- ask when unsure --------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "alerts"), [("Ja", True), ("Weiß nicht", True), ("Nein", False)])
async def test_an_unsure_message_is_asked_about_before_any_alert(
    bot_api: BotApiEmulator, app: Any, label: str, alerts: bool
) -> None:
    tom = await ready_without_check(bot_api, "de", "Tom")
    await tom.send(ASK_BLADDER)
    (question,) = await tom.replies()
    expected = ask_question("bladder_bowel_control")
    assert expected is not None and expected.text["de"] in question.text
    assert not question.text.startswith("⚠️")
    assert labels(question) == ["Ja", "Nein", "Weiß nicht"]
    assert question.button_data[0][0] == "tri:ask:bladder_bowel_control:y"
    await tom.press(label)
    (answer,) = await tom.replies()
    if alerts:
        assert answer.text.startswith("⚠️") and "112" in answer.text.split("\n")[0]
        assert "Urin oder Stuhl" in answer.text
    else:
        assert "gut zu wissen" in answer.text and "112" in answer.text
        assert not answer.text.startswith("⚠️")


async def test_an_unsure_message_in_english(bot_api: BotApiEmulator, app: Any) -> None:
    una = await ready_without_check(bot_api, "en", "Una")
    await una.send(ASK_LEGS)
    (question,) = await una.replies()
    assert "legs getting weaker" in question.text and labels(question)[:2] == ["Yes", "No"]
    await una.press("Yes")
    (alert,) = await una.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text


async def test_a_typed_answer_right_after_the_question_works(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    vic = await ready(bot_api, "de", "Vic")
    await vic.send("abbrechen")  # leave the check: no other dialog is open now
    await vic.replies()
    await vic.send(ASK_BLADDER)
    await vic.replies()
    assert await open_dialog(db, vic.id) == "ask"
    await vic.send("weiß nicht")
    (alert,) = await vic.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text
    assert await open_dialog(db, vic.id) is None

    await vic.send(ASK_BLADDER)
    await vic.replies()
    await vic.send("nein")
    assert "gut zu wissen" in (await vic.reply()).text
    await vic.send("ja")  # the question was answered: "ja" is just "ja" now
    assert not warnings(await vic.replies())


async def test_a_question_never_replaces_an_open_check(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    wim = await ready(bot_api, "de", "Wim")  # the check is open
    await wim.send(ASK_BLADDER)
    await wim.replies()
    assert await open_dialog(db, wim.id) == "triage"


async def test_forged_ask_buttons_get_the_stale_answer(bot_api: BotApiEmulator, app: Any) -> None:
    xia = await ready(bot_api, "de", "Xia")
    for forged in ("tri:ask:no_such_flag:y", "tri:ask:leg_weakness:maybe", "tri:ask:x:y:o:o"):
        await press_forged(bot_api, xia, forged)
        stale = await xia.reply()
        assert "nicht mehr aktuell" in stale.text and not stale.text.startswith("⚠️")
    await press_forged(bot_api, xia, "tri:ask:leg_weakness:y")  # well-formed: answered
    alert = await xia.reply()
    assert alert.text.startswith("⚠️") and "112" in alert.text
    await xia.send("/help")
    assert "/country" in (await xia.reply()).text


# --- someone else's sign ----------------------------------------------------------------------


async def test_an_alert_for_someone_else_is_worded_for_them(
    bot_api: BotApiEmulator, app: Any
) -> None:
    yva = await ready(bot_api, "de", "Yva")
    await yva.send(SOMEONE_ELSE)
    (alert,) = warnings(await yva.replies())
    first_line = alert.text.split("\n")[0]
    assert "für die betroffene Person" in first_line and "112" in first_line


async def test_each_safety_answer_comes_alone(bot_api: BotApiEmulator, app: Any) -> None:
    """An alert, a question or the crisis message comes alone: no fallback, no exercise."""
    zoe = bot_api.user(first_name="Zoe", language_code="de")
    await accept_disclaimer(zoe)
    for text in (URINE, ASK_BLADDER, CRISIS["de"]):
        await zoe.send(text)
        assert len(await zoe.replies()) == 1, text


# --- the direct question for a possible crisis ---------------------------------------------

POSSIBLE_CRISIS = {
    "de": "ich sehe gerade kein Licht mehr am Ende des Tunnels",
    "en": "honestly i dont see the point in anything these days",
}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_possible_crisis_is_asked_about_directly_and_yes_gets_the_crisis_message(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    """No crisis phrase, but the trained model finds a crisis possible (CRISIS_ASK_AT): the
    bot asks directly, with the crisis lines; "ja" gets the crisis message."""
    ida = await ready_without_check(bot_api, language, "Ida")
    await ida.send(POSSIBLE_CRISIS[language])
    (question,) = await ida.replies()
    assert ("Ich frage direkt" if language == "de" else "I'll ask directly") in question.text
    assert CRISIS_LINES[language] in question.text and "112" in question.text
    assert not question.text.startswith("⚠️") and not question.buttons
    assert await open_dialog(db, ida.id) == "crisis"
    await ida.send(YES[language].lower())
    crisis, safety = await ida.replies()
    assert ("froh" if language == "de" else "glad") in crisis.text
    assert CRISIS_LINES[language] in crisis.text
    assert ("in Sicherheit" if language == "de" else "safe right now") in safety.text
    assert "112" in safety.text and not safety.text.startswith("⚠️")
    await ida.send(YES[language].lower())  # "are you safe right now?" – yes
    safe = await ida.reply()
    assert (
        "Gut, dass du gerade in Sicherheit" if language == "de" else "Good that you're safe"
    ) in (safe.text)
    await ida.send(AFTER_CRISIS[language])
    assert is_warm_followup(await ida.reply(), language)
    # a walk reported in the crisis hours is still logged (the trial lost such walks)
    await ida.send("bin heute 30 min spazieren gewesen" if language == "de" else "walked 30 min")
    replies = await ida.replies()
    assert any("30" in reply.text for reply in replies)
    assert not any(NOT_A_PERSON[language] in reply.text for reply in replies)
    assert await open_dialog(db, ida.id) == "crisis"  # the gentler hours go on


async def test_not_safe_right_now_gets_the_emergency_number_at_once(
    bot_api: BotApiEmulator, app: Any
) -> None:
    ari = await ready_without_check(bot_api, "en", "Ari")
    await ari.send(POSSIBLE_CRISIS["en"])
    await ari.replies()
    await ari.send("yes")
    await ari.replies()
    await ari.send("no")  # not safe
    urgent = await ari.reply()
    assert "call the emergency number 112 now" in urgent.text
    assert not urgent.text.startswith("⚠️")


async def test_no_to_the_direct_question_thanks_and_ends_the_crisis_hours(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    ole = await ready_without_check(bot_api, "en", "Ole")
    await ole.send(POSSIBLE_CRISIS["en"])
    await ole.replies()
    await ole.send("no")
    (thanks,) = await ole.replies()
    assert "Thank you for answering" in thanks.text and CRISIS_LINES["en"] in thanks.text
    assert await open_dialog(db, ole.id) is None
    await ole.send("walked 20 min today")  # the crisis hours are over: the habit answers
    replies = await ole.replies()
    assert any("20" in reply.text for reply in replies)
    assert not any(NOT_A_PERSON["en"] in reply.text for reply in replies)


@pytest.mark.parametrize(
    ("language", "denial"),
    [
        ("de", "ich denk nicht an Selbstmord, bin nur genervt vom Rücken"),
        ("de", "nein, bin nur genervt vom Rücken"),
        ("en", "not suicidal or anything, just fed up with this back"),
    ],
)
async def test_a_denial_in_words_answers_the_direct_question_no(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str, denial: str
) -> None:
    """The new-user trial: a joke about suicide got the direct question, the denial in words
    the crisis hours' stock text; it answers the question "no" like a typed "nein"."""
    joke = {
        "de": "wenn ich noch eine Zoom-Konferenz hab, bring ich mich um 😂",
        "en": "one more spreadsheet and I'm jumping off the balcony lol",
    }[language]
    ben = await ready_without_check(bot_api, language, "Ben")
    await ben.send(joke)
    (question,) = await ben.replies()
    assert ("Ich frage direkt" if language == "de" else "I'll ask directly") in question.text
    assert not question.text.startswith("⚠️")
    await ben.send(denial)
    (thanks,) = await ben.replies()
    thanks_words = {"de": "Danke, dass du mir antwortest", "en": "Thank you for answering"}
    assert thanks_words[language] in thanks.text
    assert NOT_A_PERSON[language] not in thanks.text
    assert await open_dialog(db, ben.id) is None


async def test_a_denial_with_a_crisis_phrase_is_no_denial(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    eva = await ready_without_check(bot_api, "de", "Eva")
    await eva.send(POSSIBLE_CRISIS["de"])
    await eva.replies()
    await eva.send("nein, aber ich will nicht mehr leben")
    replies = await eva.replies()
    assert any("froh" in reply.text and CRISIS_LINES["de"] in reply.text for reply in replies)


async def test_no_to_the_direct_question_during_the_check_lets_the_check_go_on(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    """A trial chat saw the paused check's button answer "no longer open" after "nein" to the
    direct question: the check goes on from where it paused, by button or by typed answer."""
    mia = await ready(bot_api, "de", "Mia")
    await mia.send(POSSIBLE_CRISIS["de"])
    (question,) = await mia.replies()
    assert "Ich frage direkt" in question.text
    await mia.send("nein")
    (thanks,) = await mia.replies()
    assert "nicht mehr offen" not in thanks.text
    await mia.press("Nein")  # the paused check's first question
    assert "Frage 2/" in (await mia.reply()).text
    assert await open_dialog(db, mia.id) == "triage"
    await mia.send("nein")  # typed answers go on, too
    assert "Frage 3/" in (await mia.reply()).text


# --- after the crisis message -----------------------------------------------------------------

AFTER_CRISIS = {
    "de": "danke. es ist einfach alles zu viel gerade",
    "en": "thanks. I just feel so alone with this pain",
}
NOT_A_PERSON = {"de": "kein Mensch", "en": "not a person"}
# Text the open check does not understand ("I just feel so alone with this pain", outside the
# crisis hours, gets the direct crisis question: the model finds a crisis possible).
UNCLEAR = {"de": "danke. es ist einfach alles zu viel gerade", "en": "thanks. it is all a bit much"}
FALLBACK = {"de": "nicht verstanden", "en": "didn't understand"}
FEVER_WHAT_IF = {"de": "was wäre wenn ich fieber hätte?", "en": "what if I had a fever?"}


def is_warm_followup(reply: BotMessage, language: str, emergency: str = "112") -> bool:
    """The answer after a crisis message: not a person, the crisis line, the emergency number,
    no buttons, no fallback, no ⚠️."""
    return (
        NOT_A_PERSON[language] in reply.text
        and ("Therapeut" if language == "de" else "therapist") in reply.text
        and "0800 111 0 111" in reply.text
        and emergency in reply.text
        and not reply.buttons
        and not reply.text.startswith("⚠️")
        and FALLBACK[language] not in reply.text
    )


@pytest.mark.parametrize("language", ["de", "en"])
async def test_after_a_crisis_message_the_next_messages_get_a_warm_answer(
    bot_api: BotApiEmulator,
    app: Any,
    db: Database,
    language: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    kai = await ready(bot_api, language, "Kai")  # in the middle of the check
    await kai.send(CRISIS[language])
    await kai.replies()
    caplog.set_level(logging.INFO, logger="bot")
    await kai.send(AFTER_CRISIS[language])
    (warm,) = await kai.replies()
    assert is_warm_followup(warm, language), warm.text
    async with db.session() as session:
        state = await session.get(DialogStateRow, kai.id)
        assert state is not None and state.dialog == "crisis"
        assert AFTER_CRISIS[language] not in json.dumps(state.state, ensure_ascii=False)
    logged = [record.getMessage() for record in caplog.records]
    assert any("crisis-followup" in line and str(kai.id) in line for line in logged)
    assert not any(AFTER_CRISIS[language] in line for line in logged)

    # "Es wird immer schlimmer" and a photo are answered warmly too, not with a menu.
    await kai.send("es wird immer schlimmer" if language == "de" else "it keeps getting worse")
    assert is_warm_followup(await kai.reply(), language)
    await kai.send_photo()
    (photo,) = await kai.replies()
    assert not photo.buttons and NOT_A_PERSON[language] in photo.text

    # A new red flag still gets its alert (alone: the check stays paused beneath), a new
    # crisis the crisis message.
    await kai.send(FEVER[language])
    (alert,) = await kai.replies()
    assert alert.text.startswith("⚠️") and "116117" in alert.text.split("\n")[0]
    assert await open_dialog(db, kai.id) == "crisis"
    await kai.send(CRISIS[language])
    (again,) = await kai.replies()
    assert CRISIS_LINES[language] in again.text and NOT_A_PERSON[language] not in again.text
    await kai.send(AFTER_CRISIS[language])
    assert is_warm_followup(await kai.reply(), language)

    # A command ends it: the check it paused goes on, typed answers work again; text it does
    # not understand gets its hint and the open question again (issue 12 §3), not the menu.
    await kai.send("/help")
    await kai.replies()
    await kai.send(UNCLEAR[language])
    hint, question = await kai.replies()
    assert ("Bitte antworte mit Ja" if language == "de" else "Please answer Yes") in hint.text
    assert "1/" in question.text and FALLBACK[language] not in hint.text
    assert await open_dialog(db, kai.id) == "triage"
    await kai.send("nein" if language == "de" else "no")
    assert "2/" in (await kai.reply()).text


async def test_the_check_buttons_still_work_after_a_crisis_message(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    lou = await ready(bot_api, "de", "Lou")
    await lou.send(CRISIS["de"])
    await lou.replies()
    await lou.press("Nein")  # the paused check's button: going on with it ends the crisis state
    assert "Frage 2/" in (await lou.reply()).text
    assert await open_dialog(db, lou.id) == "triage"


async def test_the_crisis_state_ends_after_a_day(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    mo = bot_api.user(first_name="Mo", language_code="en")
    await mo.send(CRISIS["en"])  # before the disclaimer: safety never waits
    await mo.replies()
    clock.set(MONDAY_18 + timedelta(hours=23))
    await mo.send(AFTER_CRISIS["en"])
    assert is_warm_followup(await mo.reply(), "en")
    clock.set(MONDAY_18 + timedelta(hours=25))
    await mo.send("thanks, the back is a bit better today")
    replies = await mo.replies()
    assert not any(NOT_A_PERSON["en"] in reply.text for reply in replies)
    assert any("Understood" in label for reply in replies for label in labels(reply))
    assert await open_dialog(db, mo.id) is None


# --- a crisis about someone else ------------------------------------------------------------

OTHERS_CRISIS = {
    "de": "Meine Freundin sagt, sie will nicht mehr leben",
    "en": "My friend says she doesn't want to live anymore",
}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_crisis_about_someone_else_is_answered_for_the_one_who_helps(
    bot_api: BotApiEmulator, app: Any, language: str
) -> None:
    nia = await ready_without_check(bot_api, language, "Nia")
    await nia.send(OTHERS_CRISIS[language])
    (reply,) = await nia.replies()
    assert "⚠️" not in reply.text and not reply.buttons
    assert ("fürchtest, dir" if language == "de" else "hurt yourself") not in reply.text
    first = "Wenn die Person in akuter Gefahr ist" if language == "de" else "If they are in"
    assert first in reply.text and "112" in reply.text and CRISIS_LINES[language] in reply.text
    assert ("für dich selbst" if language == "de" else "for yourself") in reply.text
    await nia.send("was soll ich jetzt tun?" if language == "de" else "what should I do now?")
    (warm,) = await nia.replies()
    assert is_warm_followup(warm, language)
    assert ("der Person, um die du dich sorgst" if language == "de" else "worried about") in (
        warm.text
    )


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_crisis_about_someone_else_in_a_group(
    bot_api: BotApiEmulator, app: Any, language: str
) -> None:
    group = bot_api.group()
    vera = bot_api.user(first_name="Vera", language_code=language)
    await vera.send(OTHERS_CRISIS[language], chat=group)
    crisis, link = await vera.replies(chat=group)
    first = "Wenn die Person in akuter Gefahr ist" if language == "de" else "If they are in"
    assert first in crisis.text and ("privat" if language == "de" else "privately") in crisis.text
    assert "⚠️" not in crisis.text and "t.me/" in link.text


# --- alerts while the check is open ----------------------------------------------------------

URINE_EN = "since today I can't hold my urine anymore"
STALE_CHECK = {"de": "nicht mehr offen", "en": "no longer open"}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_an_alert_during_the_check_is_followed_by_the_checks_open_question(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    """The trial's fault: after an alert in the middle of the check a typed "nein" silently
    answered the check's first question (the bladder), which was no longer in view. Now the
    open question comes again after the alert, and the alert offers no second check."""
    uma = await ready(bot_api, language, "Uma")  # the check is open at question 1
    await uma.send(FEVER[language])
    alert, again = await uma.replies()
    assert alert.text.startswith("⚠️") and "116117" in alert.text.split("\n")[0]
    assert not alert.buttons  # no "start the check" in the middle of the check
    assert "1/" in again.text and again.button_data[0][0] == f"tri:y:{QUESTIONS[0].id}"
    assert not again.text.startswith("⚠️")
    await uma.send(NO[language].lower())  # now plainly the answer to question 1
    assert "2/" in (await uma.reply()).text
    assert await open_dialog(db, uma.id) == "triage"


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_typed_answer_after_something_else_first_shows_the_checks_question_again(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    """/delete asks "Wirklich löschen?" while the check is open at its first question (the
    bladder): a typed "ja" meant for /delete must not report an emergency sign. Nor does a
    "nein" after a myth card answer the check unseen: the question comes again first."""
    yan = await ready(bot_api, language, "Yan")  # the check is open at question 1
    await yan.send("/loeschen" if language == "de" else "/delete")
    await yan.replies()  # "Wirklich löschen?" with its buttons
    assert await open_dialog(db, yan.id) == "triage"
    await yan.send(YES[language].lower())
    (again,) = await yan.replies()
    assert not again.text.startswith("⚠️") and "1/" in again.text
    assert ("Zur Sicherheit" if language == "de" else "To be safe") in again.text
    await yan.send(NO[language].lower())  # now the question is in view: it counts
    assert "2/" in (await yan.reply()).text
    await yan.send(
        "Ist Bettruhe gut bei Rückenschmerzen?"
        if language == "de"
        else "Is bed rest good for back pain?"
    )
    await yan.replies()  # the myth card, without the check's question (no nagging)
    await yan.send(NO[language].lower())
    (shown,) = await yan.replies()
    assert (
        "2/" in shown.text
        and ("Zur Sicherheit" if language == "de" else "To be safe") in shown.text
    )
    await yan.press(NO[language])  # the buttons always count
    assert "3/" in (await yan.reply()).text


async def test_an_alert_during_the_check_still_stands_in_its_all_clear(
    bot_api: BotApiEmulator, app: Any
) -> None:
    """The trial: a fever reported in the middle of the check got "today, to a doctor"; "No"
    to the check's own fever question then ended in "no warning signs – good news"."""
    zed = await ready(bot_api, "de", "Zed")
    await zed.send(FEVER["de"])
    await zed.replies()  # the alert and the open question again
    replies = await say_no_to_everything(zed)
    clear = next(reply for reply in replies if "Quellen" in reply.text)
    assert not clear.text.startswith("✅") and "keine Warnzeichen" not in clear.text
    assert "Der Hinweis von vorhin gilt aber weiter" in clear.text and "116117" in clear.text


@pytest.mark.parametrize("language", ["de", "en"])
async def test_an_emergency_alert_during_the_check_ends_the_check_and_comes_alone(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    vic = await ready(bot_api, language, "Vic")
    await vic.press(NO[language])
    await vic.replies()  # question 2 is open
    await vic.send(URINE if language == "de" else URINE_EN)
    (alert,) = await vic.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
    assert await open_dialog(db, vic.id) is None  # a later "nein" answers no check question
    await vic.press(data=f"tri:n:{QUESTIONS[1].id}")  # the old question's button
    assert STALE_CHECK[language] in (await vic.reply()).text


async def test_yes_to_an_emergency_question_during_the_check_ends_the_check(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    xia = await ready(bot_api, "de", "Xia")
    await xia.press(NO["de"])  # the bladder question is answered: the sign is asked apart
    await xia.replies()
    await xia.send(ASK_BLADDER)
    (question,) = await xia.replies()
    assert question.button_data[0][0].startswith("tri:ask:")
    await xia.send("ja")
    (alert,) = await xia.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
    assert await open_dialog(db, xia.id) is None


async def test_an_emergency_alert_in_the_crisis_hours_ends_the_paused_check_not_the_crisis_state(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    wen = await ready(bot_api, "de", "Wen")  # the check is open at question 1
    await wen.send(CRISIS["de"])
    await wen.replies()
    await wen.send(SOMEONE_ELSE)  # someone else's emergency: the alert, for them
    (alert,) = await wen.replies()
    assert alert.text.startswith("⚠️") and "für die betroffene Person" in alert.text
    assert await open_dialog(db, wen.id) == "crisis"  # the warm answers go on
    await wen.send("ok")
    assert is_warm_followup(await wen.reply(), "de")
    await wen.send("/help")  # a command ends the crisis state; no check is left to resume
    await wen.replies()
    assert await open_dialog(db, wen.id) is None


# --- weak evidence while another dialog is open ------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
async def test_weak_evidence_about_a_sign_the_check_still_asks_points_to_the_check(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    """The user's report: "was wäre wenn ich fieber hätte?" during the check, then "ja"."""
    ole = await ready(bot_api, language, "Ole")
    await ole.press(NO[language])
    await ole.replies()
    await ole.send(FEVER_WHAT_IF[language])
    (pointer,) = await ole.replies()
    intro = "Genau danach frage ich dich im Check" if language == "de" else "The check asks you"
    assert intro in pointer.text and ("8" in pointer.text) and "2/" in pointer.text
    assert pointer.button_data[0][0] == f"tri:y:{QUESTIONS[1].id}"  # the open question's
    assert not pointer.text.startswith("⚠️")
    assert await open_dialog(db, ole.id) == "triage"
    await ole.send(NO[language].lower())  # answers the question shown last: the check's
    assert "3/" in (await ole.reply()).text


@pytest.mark.parametrize(("language", "typed"), [("de", "ja"), ("en", "no")])
async def test_a_question_during_the_check_takes_the_next_typed_answer_then_the_check_goes_on(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str, typed: str
) -> None:
    pat = await ready(bot_api, language, "Pat")
    fever = next(index for index, q in enumerate(QUESTIONS) if q.id == "q_fever")
    for _ in range(fever + 1):  # the check has asked about fever already
        await pat.press(NO[language])
        await pat.replies()
    await pat.send(FEVER_WHAT_IF[language])
    (question,) = await pat.replies()
    assert question.button_data[0][0] == "tri:ask:fever:y"
    assert ("weiter, wo wir waren" if language == "de" else "where we were") in question.text
    assert await open_dialog(db, pat.id) == "ask"
    await pat.send(typed)
    first, again = await pat.replies()
    if typed == "ja":  # the alert, then the check's open question again (not a bare "ja" later)
        assert first.text.startswith("⚠️") and "116117" in first.text.split("\n")[0]
        assert "Fieber" in first.text and "Check starten" not in labels(first)
        assert again.text.startswith("Wenn du magst, geht's mit dem Check weiter")
    else:
        assert "good to know" in first.text
    assert f"{fever + 2}/" in again.text and again.button_data[0][0].startswith("tri:y:")
    assert await open_dialog(db, pat.id) == "triage"  # the check continues where it was
    await pat.send(NO[language].lower())
    assert f"{fever + 3}/" in (await pat.reply()).text


async def test_the_checks_buttons_work_while_a_question_is_open(
    bot_api: BotApiEmulator, app: Any, db: Database
) -> None:
    quinn = await ready(bot_api, "de", "Quinn")
    await quinn.send("Was wäre, wenn meine Frau plötzlich den Urin nicht mehr halten könnte?")
    (question,) = await quinn.replies()
    assert question.button_data[0][0].endswith(":o")  # someone else's sign: asked apart
    assert await open_dialog(db, quinn.id) == "ask"
    await quinn.press(data=f"tri:n:{QUESTIONS[0].id}")  # the paused check's own button
    assert "Frage 2/" in (await quinn.reply()).text
    assert await open_dialog(db, quinn.id) == "triage"  # going on with the check ended it
    await quinn.send("ja")  # the check's question came last: "ja" is its answer
    alert = await quinn.reply()
    assert alert.text.startswith("⚠️") and "Deine Antwort weist" in alert.text
    # The question's own button still answers it, for the other person.
    await quinn.press(data="tri:ask:bladder_bowel_control:n:o")
    assert "bei der betroffenen Person" in (await quinn.reply()).text


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_question_while_the_plan_is_open_takes_the_typed_answer_and_the_plan_goes_on(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    rex = await ready(bot_api, language, "Rex")
    await say_no_to_everything(rex)  # the plan dialog opens after the all-clear
    assert await open_dialog(db, rex.id) == "plan"
    await rex.send(ASK_BLADDER if language == "de" else ASK_LEGS)
    (question,) = await rex.replies()
    assert ("weiter, wo wir waren" if language == "de" else "where we were") in question.text
    await rex.send("weiß nicht" if language == "de" else "not sure")
    (alert,) = await rex.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
    assert ("nicht sicher" if language == "de" else "weren't sure") in alert.text
    assert await open_dialog(db, rex.id) == "plan"


@pytest.mark.parametrize("language", ["de", "en"])
async def test_after_a_crisis_a_question_is_answered_by_its_buttons_only(
    bot_api: BotApiEmulator, app: Any, db: Database, language: str
) -> None:
    sid = await ready_without_check(bot_api, language, "Sid")
    await sid.send(CRISIS[language])
    await sid.replies()
    await sid.send(FEVER_WHAT_IF[language])
    (question,) = await sid.replies()
    assert ("mit den Knöpfen" if language == "de" else "with the buttons") in question.text
    assert await open_dialog(db, sid.id) == "crisis"
    await sid.send(YES[language].lower())  # typed: the warm answer, never a false alert
    assert is_warm_followup(await sid.reply(), language)
    await sid.press(YES[language])
    alert = await sid.reply()
    assert alert.text.startswith("⚠️") and "116117" in alert.text.split("\n")[0]
    assert await open_dialog(db, sid.id) == "crisis"


# --- alerts for someone else offer no check -------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", SOMEONE_ELSE), ("en", "my wife can't feel her bottom since this morning")],
)
async def test_an_alert_for_someone_else_has_no_check_button(
    bot_api: BotApiEmulator, app: Any, language: str, text: str
) -> None:
    uli = await ready_without_check(bot_api, language, "Uli")
    await uli.send(text)
    (alert,) = warnings(await uli.replies())
    assert not alert.buttons
    await uli.send(URINE if language == "de" else "since today I can't hold my urine anymore")
    (own,) = warnings(await uli.replies())
    assert labels(own) == [
        "Missverstanden? Check starten" if language == "de" else "Misunderstood? Start the check"
    ]
