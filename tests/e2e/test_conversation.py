"""Conversation basics end to end (issue 12 §3): superseded dialogs close, messages that belong
elsewhere pass an open dialog by, dialogs ask again with a hint, a guided session pauses when it
hurts, German command names and the menu button, small talk, group notes, captions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.storage.database import Database
from bot.storage.models import DialogStateRow, PlanRow
from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from bot.testing.state import BotMessage
from tests.e2e.people import MONDAY_18, ManualClock, accept_disclaimer, ready, say_no_to_everything

pytestmark = pytest.mark.e2e

TIME_NOT_UNDERSTOOD = "Die Uhrzeit"


async def dialog_of(db: Database, user_id: int) -> str | None:
    async with db.session() as session:
        row = await session.get(DialogStateRow, user_id)
        return None if row is None else row.dialog


def texts(replies: list[BotMessage]) -> str:
    return "\n".join(reply.text for reply in replies)


async def at_the_time_question(bot_api: BotApiEmulator, name: str) -> Person:
    """A new German user who passed the check and left the onboarding plan at its time
    question."""
    person = bot_api.user(first_name=name, language_code="de")
    await accept_disclaimer(person)
    onboarding = await say_no_to_everything(person)
    assert any("Tagen" in reply.text for reply in onboarding)
    await person.press("Weiter")
    assert "Uhrzeit" in (await person.reply()).text
    return person


async def test_a_superseded_plan_dialog_no_longer_captures_text(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    """The issue's story: the plan is set with /remind while the onboarding plan waits for its
    time; afterwards "hallo", a session report and a pain rating are not read as a time."""
    nina = await at_the_time_question(bot_api, "Nina")
    assert await dialog_of(db, nina.id) == "plan"
    await nina.send("/remind 18:30 mo,mi,fr")
    assert "Gespeichert" in (await nina.reply()).text
    assert await dialog_of(db, nina.id) is None  # the command finished the plan dialog
    async with db.session() as session:
        plan = await session.get(PlanRow, nina.id)
        assert plan is not None

    await nina.send("hallo")
    greeting = await nina.replies()
    assert TIME_NOT_UNDERSTOOD not in texts(greeting) and "Hallo" in greeting[0].text
    await nina.send("gestern 15 min spazieren gewesen")
    logged = await nina.replies()
    assert TIME_NOT_UNDERSTOOD not in texts(logged)
    await nina.send("7")
    rated = await nina.replies()
    assert TIME_NOT_UNDERSTOOD not in texts(rated)


async def test_a_command_that_replaces_the_unfinished_check_says_so(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    """The red-flag check is never ended without a word: /remind in the middle of it saves the
    plan, then points to /check."""
    olga = bot_api.user(first_name="Olga", language_code="de")
    await accept_disclaimer(olga)  # the check starts: question 1 is open
    await olga.send("/remind 18:30 mo,mi,fr")
    note, saved = await olga.replies()
    assert "Warnzeichen-Check ist noch nicht fertig" in note.text and "/check" in note.text
    assert "Gespeichert" in saved.text
    assert await dialog_of(db, olga.id) is None
    await olga.send("/quiz")  # no check open any more: no note
    assert not any("noch nicht fertig" in m.text for m in await olga.replies())


async def test_messages_that_belong_elsewhere_pass_an_open_dialog_by(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    """While the plan asks for a time: a greeting, a question, a session report and a pain
    rating go elsewhere and the plan stays open; other text gets a hint and the question."""
    olaf = await at_the_time_question(bot_api, "Olaf")
    for text in ("hallo", "Soll ich mich bei Rückenschmerzen schonen?", "7", "7/10"):
        await olaf.send(text)
        replies = await olaf.replies()
        assert TIME_NOT_UNDERSTOOD not in texts(replies), (text, texts(replies))
        assert await dialog_of(db, olaf.id) == "plan", text
    await olaf.send("gestern 15 min spazieren gewesen")
    assert TIME_NOT_UNDERSTOOD not in texts(await olaf.replies())

    await olaf.send("ich weiß noch nicht so genau wann ich Zeit habe")
    hint, question = await olaf.replies()
    assert "Schreib eine Uhrzeit" in hint.text and "Uhrzeit" in question.text
    assert question.buttons and "Das habe ich leider nicht verstanden" not in hint.text
    await olaf.send("18:30")
    assert "Zeitzone" in (await olaf.reply()).text


async def test_the_check_asks_again_with_a_hint_and_goes_back(
    bot_api: BotApiEmulator, app: object
) -> None:
    pia = bot_api.user(first_name="Pia", language_code="de")
    first = await accept_disclaimer(pia)
    assert "Frage 1/" in first[-1].text
    await pia.send("hmm schwer zu sagen irgendwie")
    hint, again = await pia.replies()
    assert hint.text.startswith("Bitte antworte mit Ja, Nein oder Weiß nicht – oder tippe")
    assert again.text.startswith("Frage 1/") and again.buttons
    await pia.send("zurück")  # nothing to correct on the first question
    (none,) = await pia.replies()
    assert "erste Frage" in none.text and "Frage 1/" in none.text

    await pia.send("nein")
    second = await pia.reply()
    assert second.text.startswith("Frage 2/")
    assert any("Zurück" in label for row in second.buttons for label in row)
    await pia.send("zurück")
    back = await pia.reply()
    assert "noch einmal" in back.text and "Frage 1/" in back.text
    await pia.press("Nein")
    assert (await pia.reply()).text.startswith("Frage 2/")
    await pia.press("↩️ Zurück")  # the button does the same
    assert "Frage 1/" in (await pia.reply()).text


async def test_startback_takes_typed_answers(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    finn = await ready(bot_api, "de", "Finn")
    await say_no_to_everything(finn)
    await finn.press(data="sb:start")
    assert "Frage 1/9" in (await finn.reply()).text
    await finn.send("vielleicht später mal")
    hint, item = await finn.replies()
    assert "Ja (stimme zu) oder Nein" in hint.text and "Frage 1/9" in item.text
    for number in range(2, 10):
        await finn.send("ja" if number % 2 else "stimme nicht zu")
        assert f"Frage {number}/9" in (await finn.reply()).text
    await finn.send("na ja")
    hint, item = await finn.replies()
    assert "Zahl von 1 (gar nicht) bis 5" in hint.text and "Frage 9/9" in item.text
    await finn.send("5")
    result = await finn.reply()
    assert "Risiko" in result.text
    assert await dialog_of(db, finn.id) is None

    john = await ready(bot_api, "en", "John")
    await say_no_to_everything(john)
    await john.press(data="sb:start")
    await john.reply()
    for _ in range(8):
        await john.send("no")
        await john.reply()
    await john.send("not at all")
    assert "low risk" in (await john.reply()).text.lower()


async def test_the_quiz_asks_again_with_a_hint(bot_api: BotApiEmulator, app: object) -> None:
    quinn = await ready(bot_api, "de", "Quinn")
    await quinn.send("/quiz")
    statement = (await quinn.replies())[-1]
    assert "Aussage 1/" in statement.text
    await quinn.send("keine ahnung ehrlich gesagt")
    hint, again = await quinn.replies()
    assert "Mythos oder Fakt?" in hint.text and again.text == statement.text
    await quinn.send("Mythos")
    assert "Aussage 2/" in texts(await quinn.replies())


@pytest.mark.parametrize(
    ("language", "hurt"),
    [("de", "aua das zieht ins Bein"), ("en", "it hurts"), ("de", "tut weh")],
)
async def test_it_hurts_pauses_the_guided_session_and_offers_the_check(
    bot_api: BotApiEmulator,
    clocked_app: Any,
    clock: ManualClock,
    db: Database,
    language: str,
    hurt: str,
) -> None:
    ida = await ready(bot_api, language, "Ida")
    await ida.send("/session")
    await ida.reply()
    await ida.press(data="gs:start:office")
    assert "1/8" in (await ida.replies())[-1].text
    await ida.send("hmm")
    hint, step = await ida.replies()
    assert ("Einheit läuft" if language == "de" else "session is running") in hint.text
    assert "1/8" in step.text

    await ida.send(hurt)
    (paused,) = await ida.replies()  # one coherent answer: paused, the check offered
    assert ("angehalten" if language == "de" else "paused") in paused.text
    assert "menu:check" in [data for row in paused.button_data for data in row]
    assert not paused.text.startswith("⚠️")
    clock.set(MONDAY_18 + timedelta(minutes=5))  # the timer does not move a paused session on
    assert await ida.replies(timeout=1.0, allow_none=True) == []

    await ida.send("weiter" if language == "de" else "next")
    assert "1/8" in (await ida.reply()).text  # carries on with the paused step
    await ida.send(hurt)
    await ida.replies()
    await ida.press(data="menu:check")
    check = await ida.replies()
    assert ("Frage 1/" if language == "de" else "Question 1/") in check[-1].text
    assert await dialog_of(db, ida.id) == "triage"


async def test_german_command_names(bot_api: BotApiEmulator, app: object) -> None:
    jan = await ready(bot_api, "de", "Jan")
    await jan.send("/hilfe")
    help_text = (await jan.reply()).text
    assert "/hilfe (/help)" in help_text and "/daten (/export)" in help_text
    await jan.send("/daten")
    assert (await jan.reply()).document is not None
    await jan.send("/fortschritt")
    assert (await jan.reply()).photo is not None
    await jan.send("/einheit")  # replaces the check the disclaimer started, and says so
    note, routine = await jan.replies()
    assert "noch nicht fertig" in note.text and "10-Minuten-Runde" in routine.text
    await jan.send("/erinnerung 18:30 mo,mi,fr")
    assert "Gespeichert" in (await jan.reply()).text
    await jan.send("/pause")
    await jan.replies()
    await jan.send("/plan")
    await jan.replies()
    await jan.send("/loeschen")
    confirm = await jan.reply()
    assert any("löschen" in label for row in confirm.buttons for label in row)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "moin", "Hallo!"),
        ("de", "hallo", "Hallo!"),
        ("en", "hi", "Hi!"),
        ("de", "danke", "Gern geschehen"),
        ("en", "thanks", "You're welcome"),
        ("de", "👍", "👍"),
        ("de", "ok", "👍"),
        ("de", "gute nacht", "Gute Nacht"),
        ("de", "wie geht's dir?", "Danke der Nachfrage"),
        ("en", "how are you?", "Thanks for asking"),
        ("de", "danke, ich kann nicht mehr", "Das klingt, als wäre gerade vieles zu viel"),
    ],
)
async def test_small_talk_gets_a_short_friendly_answer(
    bot_api: BotApiEmulator, app: object, language: str, text: str, expected: str
) -> None:
    tom = await ready(bot_api, language, "Tom")
    await tom.send("abbrechen" if language == "de" else "cancel")  # out of the check
    await tom.replies()
    await tom.send(text)
    (answer,) = await tom.replies()
    assert answer.text.startswith(expected), answer.text
    assert "nicht verstanden" not in answer.text and "didn't understand" not in answer.text


async def test_ok_after_a_dialog_question_is_the_dialogs(
    bot_api: BotApiEmulator, app: object
) -> None:
    uwe = bot_api.user(first_name="Uwe", language_code="de")
    await accept_disclaimer(uwe)
    await uwe.send("ok")
    hint, question = await uwe.replies()
    assert "Bitte antworte mit Ja, Nein" in hint.text and question.text.startswith("Frage 1/")


async def test_a_group_gets_one_note_an_hour_but_every_alert(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock
) -> None:
    group = bot_api.group()
    mia = bot_api.user(first_name="Mia", language_code="de")
    await mia.send("hallo zusammen", chat=group)
    (note,) = await mia.replies(chat=group)
    assert "privat" in note.text
    await mia.send("wie geht es euch", chat=group)
    assert await mia.replies(chat=group, timeout=1.0, allow_none=True) == []
    await mia.send("seit heute kann ich den Urin nicht mehr halten", chat=group)
    (alert,) = await mia.replies(chat=group)
    assert alert.text.startswith("⚠️") and "112" in alert.text
    clock.set(MONDAY_18 + timedelta(hours=1, minutes=1))
    await mia.send("noch jemand da?", chat=group)
    (again,) = await mia.replies(chat=group)
    assert "privat" in again.text


async def test_a_caption_is_read_like_a_text(bot_api: BotApiEmulator, app: object) -> None:
    vera = await ready(bot_api, "de", "Vera")
    await vera.send("abbrechen")
    await vera.replies()
    await vera.send_photo(caption="moin")
    (greeting,) = await vera.replies()
    assert greeting.text.startswith("Hallo!")
    await vera.send_document(caption="Ist Bettruhe bei Hexenschuss wirklich das Beste?")
    (answer,) = await vera.replies()
    assert answer.text.startswith("❌ Mythos")
    await vera.send_photo(caption="seit heute kann ich den Urin nicht mehr halten")
    (alert,) = await vera.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text
    await vera.send_photo()
    assert "nur Text lesen" in (await vera.reply()).text


@pytest.mark.parametrize(
    ("language", "text", "line"),
    [
        ("de", "ich kann nicht mehr", "0800 111 0 111"),
        ("de", "Ich bin fertig mit der Welt", "0800 111 0 111"),
        ("en", "I'm done with this pain", "0800 111 0 111"),  # a Berlin time zone: German lines
    ],
)
async def test_low_mood_gets_a_warm_answer_with_the_crisis_lines(
    bot_api: BotApiEmulator, app: object, language: str, text: str, line: str
) -> None:
    """Not an alert (no ⚠️), never "not understood": a warm line and the crisis lines."""
    lea = await ready(bot_api, language, "Lea")
    await lea.send("abbrechen" if language == "de" else "cancel")  # out of the check
    await lea.replies()
    await lea.send(text)
    (answer,) = await lea.replies()
    assert line in answer.text and "112" in answer.text
    assert not answer.text.startswith("⚠️")
    assert "nicht verstanden" not in answer.text and "didn't understand" not in answer.text


async def test_low_mood_after_a_thank_you_passes_the_open_check_and_gets_the_crisis_lines(
    bot_api: BotApiEmulator, app: object
) -> None:
    """A thank-you around it never hides low mood: not the check's hint, not "gern geschehen"."""
    lea = await ready(bot_api, "de", "Lea")  # the red-flag check is open at its first question
    await lea.send("danke, ich kann nicht mehr")
    answer, again = await lea.replies()
    assert "0800 111 0 111" in answer.text and "112" in answer.text
    assert not answer.text.startswith("⚠️")
    assert "Gern geschehen" not in answer.text and "Bitte antworte mit Ja" not in answer.text
    # The check's open question comes again, gently, so a typed "nein" has an obvious home.
    assert again.text.startswith("Wenn du magst") and "Frage 1/" in again.text


@pytest.mark.parametrize(
    ("language", "text", "sorry", "next_question"),
    [
        ("en", "this pain is killing me", "I'm sorry your back hurts", "2/20"),
        ("de", "mein rücken bringt mich heute um", "Das tut mir leid", "2/20"),
    ],
)
async def test_saying_the_back_hurts_passes_the_open_check_by(
    bot_api: BotApiEmulator,
    app: object,
    language: str,
    text: str,
    sorry: str,
    next_question: str,
) -> None:
    """A new user's check is open at its first question: "this pain is killing me" gets the
    kind answer, not "please answer yes or no", and the check still takes the next answer."""
    lea = await ready(bot_api, language, "Lea")
    await lea.send(text)
    answer, again = await lea.replies()
    assert answer.text.startswith(sorry)
    assert "Yes, No" not in answer.text and "Ja, Nein" not in answer.text
    assert again.button_data[0][0].startswith("tri:y:") and "1/20" in again.text
    await lea.send("nein" if language == "de" else "no")
    assert next_question in (await lea.reply()).text


async def test_a_command_that_replaces_an_open_dialog_says_what_it_ended(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    """The trial: /plan in the middle of planning dropped the half-done plan without a word."""
    ute = await at_the_time_question(bot_api, "Ute")
    await ute.send("/quiz")
    replies = texts(await ute.replies())
    assert "die Planung deiner Erinnerungen habe ich abgebrochen" in replies
    assert await dialog_of(db, ute.id) == "quiz"
    await ute.send("/progress")  # a look-up keeps the quiz open: nothing ended
    assert "abgebrochen" not in texts(await ute.replies())
    assert await dialog_of(db, ute.id) == "quiz"

    eva = await at_the_time_question(bot_api, "Eva")
    await eva.send("/remind 18:30 mo,mi,fr")  # completes the plan: nothing "abgebrochen"
    replies = texts(await eva.replies())
    assert "Gespeichert" in replies and "abgebrochen" not in replies
    await eva.send("/pause")
    await eva.replies()
    await eva.send("/resume")
    await eva.replies()

    max_ = bot_api.user(first_name="Max", language_code="de")
    await accept_disclaimer(max_)
    await max_.send("/abbrechen")
    await max_.replies()
    await max_.send("/pause")  # no plan yet: a button to make one, not a dead end
    no_plan = await max_.reply()
    assert "noch keinen Plan" in no_plan.text and no_plan.buttons
    assert no_plan.buttons[0][0] == "📅 Plan erstellen"


async def test_cancel_ends_the_open_dialog_in_both_languages(
    bot_api: BotApiEmulator, app: object, db: Database
) -> None:
    """/abbrechen (/cancel) ends the open plan dialog and says so; the next words are no longer
    its answer; with nothing open it says that; in the check it also names /check."""
    olga = await at_the_time_question(bot_api, "Olga")
    await olga.send("/abbrechen")
    stopped = (await olga.reply()).text
    assert "die Planung deiner Erinnerungen habe ich abgebrochen" in stopped  # says what ended
    assert await dialog_of(db, olga.id) is None
    await olga.send("hallo")
    assert TIME_NOT_UNDERSTOOD not in texts(await olga.replies())
    await olga.send("/abbrechen")
    assert "nichts offen" in (await olga.reply()).text
    await olga.send("20 min yoga")  # "Soll ich 20 Minuten Yoga für heute eintragen?"
    assert "eintragen" in (await olga.reply()).text
    await olga.send("/abbrechen")
    assert "die Frage zum Eintragen habe ich abgebrochen" in (await olga.reply()).text
    await olga.send("ja")  # the question was cancelled: "ja" logs nothing
    assert "eingetragen" not in texts(await olga.replies())

    paul = bot_api.user(first_name="Paul", language_code="en")
    await accept_disclaimer(paul)
    await paul.send("/cancel")
    answer = texts(await paul.replies())
    assert "/check" in answer and "stopped the warning-sign check" in answer
    assert "⚠️" not in answer
    assert await dialog_of(db, paul.id) is None
