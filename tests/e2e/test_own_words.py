"""Logging in one's own words, end to end (issue 12 §1): the real bot, the emulator, a real
database and a movable clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import ExerciseLogRow, PainRatingRow
from bot.testing.server import BotApiEmulator
from tests.conftest import RunningBot
from tests.e2e.people import MONDAY_18, ManualClock, ready

pytestmark = pytest.mark.e2e


async def logs(db: Database, user_id: int) -> list[tuple[int, str | None, str | None]]:
    """(minutes, activity, felt) of every exercise log of the user, in logging order."""
    async with db.session() as session:
        rows = await session.execute(
            select(ExerciseLogRow.minutes, ExerciseLogRow.activity, ExerciseLogRow.felt)
            .where(ExerciseLogRow.user_id == user_id)
            .order_by(ExerciseLogRow.id)
        )
    return [(minutes, activity, felt) for minutes, activity, felt in rows]


async def pain_scores(db: Database, user_id: int) -> list[int]:
    async with db.session() as session:
        rows = await session.scalars(
            select(PainRatingRow.score).where(PainRatingRow.user_id == user_id)
        )
    return list(rows)


async def test_free_text_sessions_with_minutes_and_activity_and_a_typed_pain_rating(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    clock.set(MONDAY_18 + timedelta(days=2))  # Wednesday
    anna = await ready(bot_api, "de", "Anna")
    await anna.send("hab heute 20 min yoga gemacht")
    # The first free text of a process may wait for the myth matcher (built on first need).
    logged, ask = await anna.replies(timeout=60)
    assert "20 Minuten Yoga" in logged.text and "1/3" in logged.text  # what was logged, named
    assert "0 = gar nicht" in ask.text
    await anna.send("so ne 6")  # typed, not tapped
    assert "6/10" in (await anna.reply()).text
    await anna.send("7")  # the question was answered: "7" is no second rating
    assert "7/10" not in (await anna.reply()).text
    assert await pain_scores(db, anna.id) == [6]

    await anna.send("abbrechen")  # out of the red-flag check the disclaimer started
    await anna.replies()
    await anna.send("ich will morgen joggen")  # a plan, not a session
    assert "Plan" in (await anna.reply()).text
    await anna.send("heute keine Übungen gemacht")
    assert "neuer Tag" in (await anna.reply()).text
    await anna.send("meine Eltern waren gestern 2 Stunden wandern")  # theirs, not hers
    assert "was du selbst machst" in (await anna.reply()).text
    await anna.send("mein rücken tut heute echt weh")  # no session, no question: a kind word
    kind = (await anna.reply()).text
    assert kind.startswith("Das tut mir leid") and "/einheit" in kind and "/check" in kind
    await anna.send("ich bin traurig, nichts hilft")
    assert "0800 111 0 111" in (await anna.reply()).text
    await anna.send("Ich bin fertig mit der Welt")
    assert "0800 111 0 111" in (await anna.reply()).text  # low mood: a warm line
    await anna.send("gestern 15 min")
    assert "für gestern" in (await anna.replies())[0].text
    assert await logs(db, anna.id) == [(20, "yoga", None), (15, None, None)]

    john = await ready(bot_api, "en", "John")
    await john.send("went for a 30 minute walk")
    assert "30 minutes" in (await john.replies())[0].text
    await john.send("so-so, maybe a 5?")  # hesitant, still a rating
    assert "5/10" in (await john.reply()).text
    await john.send("done, but it hurt")
    logged, ask = await john.replies()
    assert "2/3" in logged.text and "Sorry it hurt" in ask.text
    await john.press("8")
    high = await john.reply()
    assert "8/10" in high.text and any("check" in label for row in high.buttons for label in row)
    assert not high.text.startswith("⚠️")
    assert await logs(db, john.id) == [(30, "walk", None), (10, None, "pain")]


async def test_unsure_reading_asks_and_ja_logs_it(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    ben = await ready(bot_api, "de", "Ben")
    await ben.send("20 min yoga")
    question = await ben.reply()
    assert question.text == "Soll ich 20 Minuten Yoga für heute eintragen?"
    assert await logs(db, ben.id) == []
    await ben.press("Ja")
    assert "1/3" in (await ben.replies())[0].text
    await ben.press("Ja")  # the same button again counts once
    await ben.replies(timeout=1.0, allow_none=True)
    assert await logs(db, ben.id) == [(20, "yoga", None)]

    await ben.send("30 min")
    assert "30 Minuten Bewegung" in (await ben.reply()).text
    await ben.press("Nein")
    assert "nichts eingetragen" in (await ben.reply()).text
    assert len(await logs(db, ben.id)) == 1


async def test_a_day_long_hike_is_asked_about_and_ja_logs_all_of_it(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    """Over 5 hours is asked, never logged at once; the question's buttons carry up to 600
    minutes (a 7-hour hike once crashed building them)."""
    clock.set(MONDAY_18 + timedelta(days=2))  # Wednesday: yesterday is this week
    hana = await ready(bot_api, "de", "Hana")
    await hana.send("gestern 7 Stunden gewandert")
    # The first free text of a process may wait for the myth matcher (built on first need).
    question = await hana.reply(timeout=60)
    assert question.text == "Soll ich 420 Minuten Wandern für gestern eintragen?"
    await hana.press("Ja")
    assert "1/3" in (await hana.replies())[0].text
    assert await logs(db, hana.id) == [(420, "hike", None)]


async def test_an_edited_session_corrects_the_entry(
    bot_api: BotApiEmulator, clocked_app: Any, db: Database
) -> None:
    cleo = await ready(bot_api, "en", "Cleo")
    sent = await cleo.send("done 10")
    assert "10 minutes" in (await cleo.replies())[0].text
    await cleo.edit(sent.message_id, "done 25")
    corrected = await cleo.reply()
    assert corrected.text == "Corrected: 25 minutes. This week: 1/3."
    assert await logs(db, cleo.id) == [(25, None, None)]


async def test_a_second_done_minutes_later_asks_and_undo_confirms(
    bot_api: BotApiEmulator, running_bot: RunningBot, clock: ManualClock, db: Database
) -> None:
    async with running_bot(clock=clock, repeat_log_window_minutes=10):
        dora = await ready(bot_api, "de", "Dora")
        await dora.send("erledigt")
        assert "1/3" in (await dora.replies())[0].text
        clock.set(MONDAY_18 + timedelta(minutes=3))
        await dora.send("erledigt")
        question = await dora.reply()
        assert "vor 3 Minuten schon eine Einheit" in question.text
        assert len(await logs(db, dora.id)) == 1
        await dora.press("Ja")
        assert "2/3" in (await dora.replies())[0].text
        clock.set(MONDAY_18 + timedelta(minutes=30))
        await dora.send("45 min schwimmen gewesen")  # outside the window: no question
        assert "3/3" in (await dora.replies())[0].text

        await dora.send("/undo")
        ask = await dora.reply()
        assert ask.text == "Soll ich diese Einheit löschen: 23.3., 45 Minuten Schwimmen?"
        assert len(await logs(db, dora.id)) == 3
        await dora.press("Nein")
        assert "bleibt eingetragen" in (await dora.reply()).text
        await dora.send("/undo")
        await dora.reply()
        await dora.press("Ja")
        assert "Zurückgenommen" in (await dora.reply()).text
        assert [minutes for minutes, _, _ in await logs(db, dora.id)] == [10, 10]

        # Minutes apart but different activities: two sessions, no question.
        await dora.send("hab heute 30 min schwimmen gewesen")
        assert "3/3" in (await dora.replies())[0].text
        clock.set(MONDAY_18 + timedelta(minutes=33))
        await dora.send("hab heute 20 min yoga gemacht")
        assert "20 Minuten" in (await dora.replies())[0].text
        clock.set(MONDAY_18 + timedelta(minutes=35))
        await dora.send("hab heute 20 min yoga gemacht")  # the same again: asked about
        assert "vor 2 Minuten schon eine Einheit" in (await dora.reply()).text
        assert [m for m, _, _ in await logs(db, dora.id)] == [10, 10, 30, 20]


async def test_typed_ja_and_nein_answer_the_log_question_and_the_open_check_goes_on(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    eva = await ready(bot_api, "de", "Eva")  # the disclaimer opened the red-flag check
    await eva.send("20 min yoga")
    assert (await eva.reply()).text == "Soll ich 20 Minuten Yoga für heute eintragen?"
    await eva.send("ja")  # typed, not tapped: the question's, not the check's
    assert "1/3" in (await eva.replies())[0].text
    assert await logs(db, eva.id) == [(20, "yoga", None)]
    await eva.press("Ja")  # the question's button as well: still one entry
    assert "schon eingetragen" in (await eva.replies())[0].text
    assert await logs(db, eva.id) == [(20, "yoga", None)]

    await eva.send("30 min")
    assert "30 Minuten Bewegung" in (await eva.reply()).text
    await eva.send("Nein!")
    assert "nichts eingetragen" in (await eva.reply()).text
    assert await logs(db, eva.id) == [(20, "yoga", None)]

    await eva.send("abbrechen")  # the check waited below the questions and still answers
    assert "abgebrochen" in " ".join(reply.text for reply in await eva.replies())


async def test_undo_takes_the_pain_rating_and_a_log_question_is_open_for_one_message(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    finn = await ready(bot_api, "en", "Finn")
    await finn.send("cancel")  # out of the check the disclaimer opened
    await finn.replies()
    await finn.send("done 15")
    await finn.replies()
    await finn.send("6/10")  # the pain after the first session
    await finn.replies()
    clock.set(MONDAY_18 + timedelta(minutes=20))
    await finn.send("done 25")
    await finn.replies()
    await finn.send("7/10")  # … and after the second, which /undo will take back
    await finn.replies()

    await finn.send("/undo")
    assert "25 minutes" in (await finn.reply()).text
    await finn.press("No")
    assert "stays logged" in (await finn.reply()).text
    assert [minutes for minutes, _, _ in await logs(db, finn.id)] == [15, 25]
    await finn.send("/undo")
    await finn.reply()
    await finn.press("Yes")
    assert "Undone: your last session (25 minutes)" in (await finn.reply()).text
    assert [minutes for minutes, _, _ in await logs(db, finn.id)] == [15]
    assert await pain_scores(db, finn.id) == [6]  # its rating went with it

    await finn.send("20 min yoga")
    assert "yoga" in (await finn.reply()).text.lower()
    await finn.send("hello")  # anything else closes the question and gets its own answer
    assert "20 minutes" not in (await finn.reply()).text
    await finn.send("yes")  # … so a later "yes" logs nothing
    await finn.replies()
    assert [minutes for minutes, _, _ in await logs(db, finn.id)] == [15]

    await finn.send("20 min yoga")
    await finn.reply()
    await finn.send("/progress")  # a command closes it too
    await finn.replies()
    await finn.send("yes")
    await finn.replies()
    assert [minutes for minutes, _, _ in await logs(db, finn.id)] == [15]


async def test_a_typed_rating_answers_the_pain_question_after_an_earlier_days_session(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    """A session logged for yesterday or a day before asks the pain question now: a typed
    rating, in loose words too, answers it as after a session of today, once; and the replies
    say which day the session went to, also when it reaches the weekly goal."""
    clock.set(MONDAY_18 + timedelta(days=2))  # Wednesday: the two days before are this week
    gina = await ready(bot_api, "de", "Gina")
    await gina.send("abbrechen")  # out of the red-flag check the disclaimer started
    await gina.replies(timeout=60)  # the first free text may wait for the myth matcher
    await gina.send("gestern 20 min spazieren, hat weh getan")
    logged, ask = await gina.replies()
    assert "für gestern" in logged.text and "20 Minuten" in logged.text and "1/3" in logged.text
    assert ask.text.startswith("Tut mir leid")
    await gina.send("so ne 6")
    assert "6/10" in (await gina.reply()).text
    await gina.send("4")  # the question was answered: no second rating
    assert "4/10" not in (await gina.reply()).text
    assert await pain_scores(db, gina.id) == [6]

    clock.set(MONDAY_18 + timedelta(days=2, hours=1))
    await gina.send("hab heute 15 min yoga gemacht")
    assert "2/3" in (await gina.replies())[0].text
    await gina.send("so 3 würd ich sagen")
    assert "3/10" in (await gina.reply()).text
    clock.set(MONDAY_18 + timedelta(days=2, hours=3))
    await gina.send("vorgestern 30 min geschwommen")  # the goal, reached by Monday's swim
    goal, _ask = await gina.replies()
    assert "🎉" in goal.text and "3/3" in goal.text and "für vor 2 Tagen" in goal.text
    await gina.send("ich würd sagen 5")
    assert "5/10" in (await gina.reply()).text
    clock.set(MONDAY_18 + timedelta(days=2, hours=4))
    await gina.send("gestern noch 10 min gedehnt")
    beyond, _ask = await gina.replies()
    assert "4 Einheiten" in beyond.text and "für gestern" in beyond.text
    clock.set(MONDAY_18 + timedelta(days=2, hours=7))  # 3 hours on: the question is closed
    await gina.send("7")
    assert "7/10" not in (await gina.reply()).text
    assert await pain_scores(db, gina.id) == [6, 3, 5]
    assert [m for m, _, _ in await logs(db, gina.id)] == [20, 15, 30, 10]

    clock.set(MONDAY_18 + timedelta(days=2, hours=8))
    john = await ready(bot_api, "en", "John")
    await john.send("cancel")
    await john.replies()
    await john.send("walked 20 min yesterday, it hurt")
    logged, ask = await john.replies()
    assert "for yesterday" in logged.text and "Sorry it hurt" in ask.text
    await john.send("pretty bad, like a 6")
    assert "6/10" in (await john.reply()).text
    clock.set(MONDAY_18 + timedelta(days=2, hours=9))
    await john.send("did 30 min of yoga")
    await john.replies()
    await john.send("maybe a 7")  # high: the check is offered, without alarm
    high = await john.reply()
    assert "7/10" in high.text and not high.text.startswith("⚠️")
    assert await pain_scores(db, john.id) == [6, 7]


async def test_a_session_logged_on_monday_for_sunday_says_it_went_to_last_week(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    """Monday's count does not grow by Sunday's walk: no 🎉, the day named, this week's N/3."""
    hugo = await ready(bot_api, "de", "Hugo")  # MONDAY_18
    await hugo.send("abbrechen")
    await hugo.replies(timeout=60)
    await hugo.send("am Sonntag 45 min wandern gewesen")
    logged, _ask = await hugo.replies()
    assert "für gestern" in logged.text and "letzten Woche" in logged.text
    assert "0/3" in logged.text and "🎉" not in logged.text
    assert await logs(db, hugo.id) == [(45, "hike", None)]


async def test_a_rating_said_with_the_report_is_logged_with_it_and_not_asked_again(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database
) -> None:
    ida = await ready(bot_api, "de", "Ida")
    await ida.send("abbrechen")
    await ida.replies(timeout=60)
    await ida.send("30 min spazieren, schmerz 4")
    logged, thanks = await ida.replies()
    assert "30 Minuten" in logged.text and "1/3" in logged.text
    assert "4/10" in thanks.text and not thanks.buttons  # thanked, not asked
    await ida.send("5")  # the rating came with the report: no question is open
    assert "5/10" not in (await ida.reply()).text
    assert await pain_scores(db, ida.id) == [4]
    assert await logs(db, ida.id) == [(30, "walk", None)]

    clock.set(MONDAY_18 + timedelta(days=2))  # Wednesday: yesterday is this week
    await ida.send("gestern 7 Stunden gewandert, schmerz 2")  # asked, and "Ja" keeps the rating
    question = await ida.reply()
    assert question.text == "Soll ich 420 Minuten Wandern für gestern eintragen?"
    await ida.send("ja")
    logged, thanks = await ida.replies()
    assert "2/3" in logged.text and "für gestern" in logged.text and "2/10" in thanks.text
    await ida.press("Ja")  # typed, then pressed: one log, one rating
    assert "schon eingetragen für gestern" in (await ida.replies())[0].text
    assert await pain_scores(db, ida.id) == [4, 2]

    jack = await ready(bot_api, "en", "Jack")
    await jack.send("cancel")
    await jack.replies()
    await jack.send("walked 30 min, pain 4")
    logged, thanks = await jack.replies()
    assert "30 minutes" in logged.text and "4/10" in thanks.text
    await jack.send("6")
    assert "6/10" not in (await jack.reply()).text
    assert await pain_scores(db, jack.id) == [4]
    assert await logs(db, jack.id) == [(30, "walk", None)]


MISSED = {
    "de": [
        "hab heute keine zeit gehabt",
        "heute nicht geschafft",
        "wollte eigentlich joggen, aber es hat geregnet",
        "bin heute nicht dazu gekommen",
    ],
    "en": [
        "couldn't do my exercises today, too tired",
        "I was going to go for a run but it rained",
        "didn't get round to it today",
        "no time today, work was crazy",
    ],
}
# A kind answer to a missed session names /session (/einheit): never "not understood".
KIND = {"de": "neuer Tag", "en": "new day"}
THANKS = {
    "de": ["danke dir, echt hilfreich", "super, danke!"],
    "en": ["thanks, really helpful", "great, thanks a lot"],
}
WELCOME = {"de": "Gern geschehen", "en": "You're welcome"}


STOPPED = {"de": "abgebrochen", "en": "stopped"}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_missed_session_gets_the_kind_answer_and_thanks_get_a_welcome(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock, db: Database, language: str
) -> None:
    """A new user, the red-flag check the disclaimer started still open: news of a missed
    session passes it by like a session report, gets the kind answer, and the check waits."""
    kim = await ready(bot_api, language, "Kim")
    for number, text in enumerate(MISSED[language]):
        await kim.send(text)
        # The first free text of a process may wait for the myth matcher (built on first need).
        answer = await kim.replies(timeout=60 if number == 0 else 5)
        assert len(answer) == 1 and KIND[language] in answer[0].text, text
    for text in THANKS[language]:
        await kim.send(text)
        assert WELCOME[language] in (await kim.reply()).text, text
    assert await logs(db, kim.id) == []  # nothing of that is a session
    await kim.send("abbrechen" if language == "de" else "cancel")  # the check was still open
    assert STOPPED[language] in " ".join(reply.text for reply in await kim.replies())
    await kim.send("hab heute 20 min yoga gemacht" if language == "de" else "did 20 min of yoga")
    assert "1/3" in (await kim.replies())[0].text  # a real one still is
    assert await logs(db, kim.id) == [(20, "yoga", None)]


@pytest.mark.parametrize(
    ("language", "session", "rating", "stored"),
    [("de", "20 min spazieren gewesen", "sieben", 7), ("en", "did 15 min of yoga", "5-6", 6)],
)
async def test_a_pain_rating_in_words_or_as_a_range_answers_the_pain_question(
    bot_api: BotApiEmulator,
    clocked_app: Any,
    clock: ManualClock,
    db: Database,
    language: str,
    session: str,
    rating: str,
    stored: int,
) -> None:
    """The trial's lost ratings: "sieben" and "5-6" closed the pain question unread. A range
    counts as its higher value (product decision: it decides whether the check is offered)."""
    clock.set(MONDAY_18 + timedelta(days=1))
    ria = await ready(bot_api, language, "Ria")
    await ria.send(session)
    await ria.replies(timeout=60)  # the log entry and the pain question
    await ria.send(rating)
    assert f"{stored}/10" in (await ria.reply()).text
    assert await pain_scores(db, ria.id) == [stored]
