"""The safety net end to end: the crisis route, helplines for where the user is (/country),
asking when unsure, and alerts for someone else – real bot, emulator, real database."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.storage.database import Database
from bot.storage.models import DialogState, User
from bot.testing.driver import BotMessage
from bot.testing.emulator import BotApiEmulator
from dialogs.safety import ask_question
from tests.e2e.people import accept_disclaimer, press_forged, ready

pytestmark = pytest.mark.e2e

CRISIS = {"de": "ich will nicht mehr leben", "en": "I want to die"}
CRISIS_LINES = {"de": "0800 111 0 111", "en": "0800 111 0 111"}
URINE = "Seit heute kann ich den Urin nicht mehr halten"
ASK_BLADDER = "Was wäre, wenn ich plötzlich den Urin nicht mehr halten könnte?"
ASK_LEGS = "what if my legs got weaker?"
SOMEONE_ELSE = "meine Frau spürt seit heute ihren Po nicht mehr"


def labels(message: BotMessage) -> list[str]:
    return [label for row in message.buttons for label in row]


def warnings(replies: list[BotMessage]) -> list[BotMessage]:
    return [reply for reply in replies if reply.text.startswith("⚠️")]


async def stored_user(db: Database, user_id: int) -> User | None:
    async with db.session() as session:
        return await session.get(User, user_id)


async def open_dialog(db: Database, user_id: int) -> str | None:
    async with db.session() as session:
        state = await session.get(DialogState, user_id)
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
    confirmation = await lena.reply()
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
    assert "144" in (await pia.reply()).text
    await pia.send("/export")
    export = next(reply for reply in await pia.replies() if reply.document is not None)
    assert export.document is not None
    assert json.loads(export.document[1])["user"]["country"] == "CH"
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
    assert "999" in (await ray.reply()).text


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
    bot_api: BotApiEmulator, app: Any
) -> None:
    sam = await ready(bot_api, "en", "Sam")
    await sam.send("/country")
    await sam.replies()
    await sam.press("UK")
    await sam.replies()
    bot_api.fail("sendMessage", 500, times=1)
    await sam.send("/help")
    apology = await sam.reply()
    assert "went wrong" in apology.text and "999" in apology.text


# --- ask when unsure --------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "alerts"), [("Ja", True), ("Weiß nicht", True), ("Nein", False)])
async def test_an_unsure_message_is_asked_about_before_any_alert(
    bot_api: BotApiEmulator, app: Any, label: str, alerts: bool
) -> None:
    tom = await ready(bot_api, "de", "Tom")
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
    una = await ready(bot_api, "en", "Una")
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
