"""The red-flag check end to end: real bot, emulator, real database, a movable clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.storage import triage as store
from bot.storage.database import Database
from bot.storage.models import DialogStateRow
from bot.testing.server import BotApiEmulator
from dialogs.triage.red_flags import load_catalogue
from tests.e2e.people import MONDAY_18, ManualClock, accept_disclaimer, ready, say_no_to_everything

pytestmark = pytest.mark.e2e

CATALOGUE = load_catalogue()
QUESTIONS = CATALOGUE.questions


def labels(message: Any) -> list[str]:
    return [label for row in message.buttons for label in row]


async def results(db: Database, user_id: int, kind: str) -> list[Any]:
    async with db.session() as session:
        return await store.results(session, user_id, kind)


async def test_all_clear_leads_to_stay_active_advice_and_the_plan(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database
) -> None:
    anna = bot_api.user(first_name="Anna", language_code="de")
    after_consent = await accept_disclaimer(anna)
    first = after_consent[-1]
    assert "Warnzeichen-Check" in first.text and f"1/{len(QUESTIONS)}" in first.text
    assert labels(first) == ["Ja", "Nein", "Weiß nicht"]
    for number in range(1, len(QUESTIONS) + 1):
        if number > 1:
            assert f"Frage {number}/{len(QUESTIONS)}" in (await anna.reply()).text
        await anna.press("Nein")
    replies = await anna.replies()
    clear = next(reply for reply in replies if reply.text.startswith("✅"))
    assert "Bewegung hilft" in clear.text and "Cochrane" in clear.text
    assert not any(reply.text.startswith("⚠️") for reply in replies)
    assert "An welchen Tagen" in replies[-1].text  # the habit feature takes over
    (row,) = await results(db, anna.id, store.REDFLAGS)
    assert row.outcome == "clear" and len(row.answers["answers"]) == len(QUESTIONS)


@pytest.mark.parametrize("label", ["Ja", "Weiß nicht"])
async def test_an_emergency_answer_alerts_at_once(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database, label: str
) -> None:
    ben = await ready(bot_api, "de", "Ben")
    await ben.press(label)
    alert = await ben.reply()
    assert alert.text.startswith("⚠️") and "112" in alert.text
    (row,) = await results(db, ben.id, store.REDFLAGS)
    assert row.outcome == "emergency" and row.answers["flags"]
    async with db.session() as session:
        assert await session.get(DialogStateRow, ben.id) is None  # the check is over
    await ben.press(label)  # the same button again: no second alert, a notice on the button
    assert await ben.replies(timeout=1.0, allow_none=True) == []
    assert bot_api.answers[ben.id][-1] == "Schon angekommen 👍"
    await ben.press("Nein")  # another button of the finished check: a calm notice
    assert not (await ben.reply()).text.startswith("⚠️")


async def test_a_red_flag_typed_in_the_middle_of_the_check(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    cara = await ready(bot_api, "de", "Cara")
    await cara.press("Nein")
    await cara.replies()
    await cara.send("Seit heute kann ich den Urin nicht mehr halten")
    alert = (await cara.replies())[0]
    assert alert.text.startswith("⚠️") and "112" in alert.text


async def test_the_check_survives_a_restart_and_old_buttons_do_not_answer(
    bot_api: BotApiEmulator, running_bot: Callable[..., Any], clock: ManualClock
) -> None:
    dana = bot_api.user(first_name="Dana", language_code="en")
    async with running_bot(clock=clock):
        await accept_disclaimer(dana)
        await dana.press("No")
        assert f"Question 2/{len(QUESTIONS)}" in (await dana.reply()).text
    async with running_bot(clock=clock):
        await dana.press(data=f"tri:n:{QUESTIONS[0].id}")  # the same tap again: only answered
        assert await dana.replies(timeout=1.0, allow_none=True) == []
        # Question 1's other button changes its answer: "Yes" to an emergency sign is never
        # dropped (the trial: a corrected answer on an older question was ignored).
        await dana.press(data=f"tri:y:{QUESTIONS[0].id}")
        alert = await dana.reply()
        assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
        await dana.send("/check")
        await dana.replies()
        await dana.send("no")  # typed answers work too
        assert f"Question 2/{len(QUESTIONS)}" in (await dana.reply()).text
        await dana.press(data=f"tri:n:{QUESTIONS[0].id}")  # question 1 again, the same answer
        assert f"Question 2/{len(QUESTIONS)}" in (await dana.reply()).text
        await dana.send("cancel")
        assert "stopped" in (await dana.reply()).text
        await dana.press("No")  # the check is over: an old button starts nothing by itself
        stale = await dana.reply()
        assert "no longer open" in stale.text and "Start the check" in labels(stale)


async def test_urgent_answer_names_the_on_call_number(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database
) -> None:
    emil = await ready(bot_api, "en", "Emil")
    for question in QUESTIONS:
        urgent = CATALOGUE.question_urgency(question).value == "urgent"
        await emil.press("Yes" if urgent and question.id == "q_fever" else "No")
        reply = await emil.reply()
    assert reply.text.startswith("⚠️") and "116117" in reply.text
    (row,) = await results(db, emil.id, store.REDFLAGS)
    assert row.outcome == "urgent" and row.answers["flags"] == ["fever"]


async def test_startback_after_a_clear_check(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database
) -> None:
    finn = await ready(bot_api, "de", "Finn")
    await say_no_to_everything(finn)
    await finn.press(data="sb:start")
    intro = await finn.reply()
    assert "© Keele University" in intro.text and "inoffizielle Übersetzung" in intro.text
    for _ in range(8):
        await finn.press("Stimme zu")
        await finn.reply()
    await finn.press("Extrem")
    result = await finn.reply()
    assert "erhöhtes Risiko" in result.text and "Physiotherapie" in result.text
    (row,) = await results(db, finn.id, store.STARTBACK)
    assert row.outcome == "high" and row.answers["total"] == 9


async def test_worse_pain_and_four_weeks_re_offer_the_check(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    gina = await ready(bot_api, "de", "Gina")
    await say_no_to_everything(gina)
    await gina.send("abbrechen")  # leave the plan dialog the habit feature opened
    await gina.replies()

    await gina.send("Es wird immer schlimmer")
    offer = await gina.reply()
    assert "schlimmer wird" in offer.text and "Check starten" in labels(offer)
    await gina.press("Check starten")
    assert "Frage 1/" in (await gina.reply()).text
    await gina.send("abbrechen")
    await gina.replies()

    clock.set(MONDAY_18 + timedelta(days=27))
    await gina.send("Hallo")
    assert not any("Warnzeichen-Check ist" in r.text for r in await gina.replies())
    clock.set(MONDAY_18 + timedelta(days=29))
    await gina.send("Hallo")
    replies = await gina.replies()
    assert any("letzter Warnzeichen-Check" in r.text for r in replies)
    await gina.send("Hallo")
    assert not any("letzter Warnzeichen-Check" in r.text for r in await gina.replies())
    assert len(await results(db, gina.id, store.OFFER)) == 1


async def test_check_works_before_the_disclaimer(bot_api: BotApiEmulator, clocked_app: Any) -> None:
    hans = bot_api.user(first_name="Hans", language_code="de")
    await hans.send("/check")
    assert "Frage 1/" in (await hans.reply()).text


YES = {"de": "Ja", "en": "Yes"}
NO = {"de": "Nein", "en": "No"}
OUTCOME_TEXT = {
    ("emergency", "de"): "112",
    ("emergency", "en"): "112",
    ("urgent", "de"): "116117",
    ("urgent", "en"): "116117",
    ("soon", "de"): "in den nächsten Tagen",
    ("soon", "en"): "in the next few days",
    ("clear", "de"): "keine Warnzeichen",
    ("clear", "en"): "no warning signs",
}


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("outcome", ["emergency", "urgent", "soon", "clear"])
async def test_every_outcome_in_both_languages(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database, outcome: str, language: str
) -> None:
    """Answer yes to the first question of one urgency (none for clear), no to all others."""
    person = await ready(bot_api, language, "Lea")
    target = next((q.id for q in QUESTIONS if CATALOGUE.question_urgency(q).value == outcome), None)
    replies: list[Any] = []
    for question in QUESTIONS:
        await person.press(YES[language] if question.id == target else NO[language])
        replies = await person.replies()
        if outcome == "emergency":
            break  # an emergency answer ends the check at once
    final = next(reply for reply in replies if OUTCOME_TEXT[outcome, language] in reply.text)
    assert final.text.startswith("⚠️") is (outcome in ("emergency", "urgent"))
    (row,) = await results(db, person.id, store.REDFLAGS)
    assert row.outcome == outcome


async def test_check_results_are_part_of_the_export(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    ivo = await ready(bot_api, "en", "Ivo")
    await say_no_to_everything(ivo)
    await ivo.send("/export")
    export = next(reply for reply in await ivo.replies() if reply.document is not None)
    assert export.document is not None
    data = json.loads(export.document[1])
    (result,) = data["Checks and questionnaires"]
    assert result["Kind"] == "Warning-sign check" and result["Result"] == "no warning signs"
    assert [answer["Answer"] for answer in result["Answers"]] == ["No"] * len(QUESTIONS)


TYPED = {
    "de": {"yes": "ja", "no": "nein", "unsure": "weiß nicht"},
    "en": {"yes": "yes", "no": "no", "unsure": "not sure"},
}


@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize("language", ["de", "en"])
async def test_typed_answers_to_the_check_work_before_the_disclaimer(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database, language: str, answer: str
) -> None:
    """Safety never waits: a typed "ja" to the bladder question alerts before the disclaimer."""
    jo = bot_api.user(first_name="Jo", language_code=language)
    await jo.send("/check")
    await jo.replies()
    await jo.send(TYPED[language]["no"])
    (second,) = await jo.replies()
    assert f"2/{len(QUESTIONS)}" in second.text  # answered, no disclaimer in between
    await jo.send(TYPED[language][answer])  # question 2: the early bladder signs
    (alert,) = await jo.replies()
    assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
    (row,) = await results(db, jo.id, store.REDFLAGS)
    assert row.outcome == "emergency"
    await jo.send("hallo")  # not an answer: the disclaimer comes first, as before
    consent = "Verstanden" if language == "de" else "Understood"
    assert any(consent in label for reply in await jo.replies() for label in labels(reply))


NOT_SURE = {"de": "Du warst dir nicht sicher bei:", "en": "You weren't sure about:"}
AS_FACT = {"de": "Deine Antwort weist auf ein Warnzeichen hin", "en": "Your answer points to"}
UNSURE_LABEL = {"de": "Weiß nicht", "en": "Not sure"}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_not_sure_answer_is_not_stated_as_a_fact(
    bot_api: BotApiEmulator, clocked_app: Any, language: str
) -> None:
    kit = await ready(bot_api, language, "Kit")
    await kit.press(UNSURE_LABEL[language])
    alert = await kit.reply()
    assert alert.text.startswith("⚠️") and "112" in alert.text.split("\n")[0]
    assert NOT_SURE[language] in alert.text and AS_FACT[language] not in alert.text

    lia = await ready(bot_api, language, "Lia")
    for question in QUESTIONS:  # "not sure" about fever, "no" to everything else
        await lia.press(UNSURE_LABEL[language] if question.id == "q_fever" else NO[language])
        replies = await lia.replies()
    urgent = next(reply for reply in replies if reply.text.startswith("⚠️"))
    assert "116117" in urgent.text.split("\n")[0]
    assert NOT_SURE[language] in urgent.text and AS_FACT[language] not in urgent.text


async def test_four_weeks_after_startback_the_re_offer_brings_it_once(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    """Issue 15: the four-weekly re-offer of the check also offers STarT Back again, once per
    result, in the same turn (never two separate offers)."""
    kim = await ready(bot_api, "de", "Kim")
    await say_no_to_everything(kim)
    await kim.send("abbrechen")  # leave the plan dialog the habit feature opened
    await kim.replies()
    await kim.press(data="sb:start")
    await kim.reply()
    for _ in range(8):
        await kim.press("Stimme nicht zu")
        await kim.reply()
    await kim.press("Gar nicht")
    assert "geringes Risiko" in (await kim.reply()).text

    clock.set(MONDAY_18 + timedelta(days=29))
    await kim.send("Hallo")
    replies = await kim.replies()
    texts = [reply.text for reply in replies]
    check = next(i for i, text in enumerate(texts) if "letzter Warnzeichen-Check" in text)
    rescreen = next(i for i, text in enumerate(texts) if "STarT-Back-Einschätzung" in text)
    assert check < rescreen and "über 4 Wochen alt" in texts[rescreen]
    assert labels(replies[rescreen]) == ["9 Fragen zum Verlauf (STarT Back)"]
    assert not any(text.startswith("⚠️") for text in texts)
    await kim.press("9 Fragen zum Verlauf (STarT Back)")
    assert "Frage 1/9" in (await kim.reply()).text
    await kim.send("abbrechen")
    await kim.replies()

    await kim.send("Hallo")
    assert not any("STarT-Back-Einschätzung" in r.text for r in await kim.replies())
    clock.set(MONDAY_18 + timedelta(days=58))  # the check is due again; the same old result
    await kim.send("Hallo")
    texts = [reply.text for reply in await kim.replies()]
    assert any("letzter Warnzeichen-Check" in text for text in texts)
    assert not any("STarT-Back-Einschätzung" in text for text in texts)
    offers = [row.outcome for row in await results(db, kim.id, store.OFFER)]
    assert offers == ["due", store.STARTBACK_DUE, "due"]

    await kim.send("/export")
    export = next(reply for reply in await kim.replies() if reply.document is not None)
    assert export.document is not None
    rows = json.loads(export.document[1])["Checks und Fragebögen"]
    offered = {
        "due": "Warnzeichen-Check erneut angeboten",
        "startback-due": "STarT Back erneut angeboten",
    }
    assert [row["Ergebnis"] for row in rows if row["Art"] == "Erneutes Angebot"] == [
        offered[outcome] for outcome in offers
    ]
