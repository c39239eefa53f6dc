"""/progress with the pain and PEG trend, and /report: the PDF for the doctor or
physiotherapist, end to end (the PDF opened and read)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from bot.testing.driver import User as Person
from bot.testing.server import BotApiEmulator
from tests.e2e.people import MONDAY_18, ManualClock, ready, say_no_to_everything
from tests.pdf import page_count, pdf_text

pytestmark = pytest.mark.e2e


async def check_in(person: Person, *values: str) -> str:
    """/checkin (on already) and three taps; the thanks."""
    await person.send("/checkin")
    await person.replies()
    for value in values:
        await person.press(value)
        reply = await person.reply()
    return reply.text


async def test_progress_shows_minutes_by_activity_and_the_pain_and_peg_trend(
    bot_api: BotApiEmulator, clocked_app: Any, clock: ManualClock
) -> None:
    mia = await ready(bot_api, "de", "Mia")
    await mia.send("hab heute 20 min yoga gemacht")
    assert "1/3" in (await mia.replies())[0].text
    await mia.press("5")  # the pain rating after the session
    assert "5/10" in (await mia.reply()).text
    await mia.send("/checkin an")
    await mia.replies()
    for value in ("6", "4", "3"):
        await mia.press(value)
        await mia.reply()

    await mia.send("/fortschritt")
    chart = await mia.reply()
    assert chart.photo is not None
    image = Image.open(io.BytesIO(chart.photo))
    assert image.format == "PNG" and image.size == (960, 1200)  # portrait, for a phone
    assert "Diese Woche: 1/3" in chart.text
    assert "Minuten seit 16.03.: Yoga 20 Min." in chart.text
    assert "Schmerz nach Einheiten (0–10, Ø): 5,0 in der Woche vom 23.03." in chart.text
    assert "Check-in (PEG, 0–10, weniger ist besser): 4,3 in der Woche vom 16.03." in chart.text
    assert "/bericht" in chart.text

    clock.set(MONDAY_18 + timedelta(weeks=1))  # a week on: the trend has two points
    await check_in(mia, "3", "2", "2")
    await mia.send("30 min spazieren gewesen")
    await mia.replies()
    await mia.send("/progress")
    chart = await mia.reply()
    assert "Minuten seit 16.03.: Spazieren 30 Min. · Yoga 20 Min." in chart.text
    assert "4,3 → 2,3 (Woche vom 23.03.)" in chart.text
    await mia.press("3")  # the pain rating after the walk: the pain trend has two weeks
    await mia.reply()
    await mia.send("/progress")
    chart = await mia.reply()
    pain = "Schmerz nach Einheiten (0–10, Ø pro Woche): 5,0 (Woche vom 23.03.) → 3,0"
    assert f"{pain} (Woche vom 30.03.)" in chart.text


async def test_progress_without_checkins_says_how_to_turn_them_on(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    leo = await ready(bot_api, "en", "Leo")
    await leo.send("/progress")
    chart = await leo.reply()
    assert chart.photo is not None and "This week: 0/3" in chart.text
    assert "Minutes by activity: nothing logged yet." in chart.text
    assert "Pain after sessions: not rated yet" in chart.text


async def test_a_question_about_ones_own_progress_gets_the_progress_answer(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    """ "wie viele hab ich diese Woche?" is no myth question: it gets /progress's answer; a
    general question ("wie oft soll ich trainieren?") still gets the evidence."""
    ida = await ready(bot_api, "de", "Ida")
    await ida.send("hab heute 20 min yoga gemacht")
    await ida.replies(timeout=60)
    await ida.send("wie viele hab ich diese woche?")
    chart = await ida.reply()
    assert chart.photo is not None and "Diese Woche: 1/3" in chart.text
    await ida.send("wie oft soll ich trainieren?")
    assert "Diese Woche:" not in (await ida.reply()).text

    max_ = await ready(bot_api, "en", "Max")
    await max_.send("3 sessions done this week?")
    chart = await max_.reply()
    assert chart.photo is not None and "This week: 0/3" in chart.text
    assert "with /checkin on you get 3 short questions every Sunday" in chart.text


async def test_report_is_a_pdf_for_the_doctor_with_checks_chart_and_disclaimer(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    ole = await ready(bot_api, "de", "Ole")
    await ole.send("/hilfe")
    assert "/bericht (/report) – Bericht (PDF) für Arzt oder Physio" in (await ole.reply()).text
    await say_no_to_everything(ole)  # the check: all clear, on 23.03.2026
    await ole.press(data="sb:start")  # STarT Back: low risk
    await ole.reply()
    for _ in range(8):
        await ole.press("Stimme nicht zu")
        await ole.reply()
    await ole.press("Gar nicht")
    assert "geringes Risiko" in (await ole.reply()).text
    await ole.send("20 min yoga gemacht")
    await ole.replies()
    await ole.press("4")
    await ole.reply()
    await ole.send("/checkin an")
    await ole.replies()
    for value in ("5", "4", "3"):
        await ole.press(value)
        await ole.reply()

    await ole.send("/bericht")
    sent = await ole.reply()
    assert sent.document is not None
    name, data = sent.document
    assert name == "rueckenwind-verlauf-2026-03-23.pdf"
    assert "Termin" in sent.text and "Arzt- oder Physiotherapiepraxis" in sent.text
    assert data.startswith(b"%PDF") and page_count(data) == 2
    text = " ".join(pdf_text(data).split())
    for words in (
        "Rückenwind",
        "Verlauf",
        "Zeitraum: 16.03.2026",  # the first check-in is about the week before
        "Warnzeichen-Check",
        "23.03.2026: keine Warnzeichen angegeben",  # the check result with its date
        "STarT Back (Keele)",
        "23.03.2026: geringes Risiko (Gesamtwert 0/9",
        "Schmerz und PEG",  # the chart: its title, axis and legend
        "PEG-Wert (wöchentlicher Check-in)",
        "Schmerz nach Bewegungseinheiten (Wochenmittel)",
        "23.03.",
        "Woche ab",  # sessions and minutes per week
        "1/3",
        "4,0 (5/4/3)",
        "Yoga 20 Min.",
        "Krebs EE et al.",
        "Rückenwind ist kein Arzt, stellt keine Diagnose",  # the disclaimer
    ):
        assert words in text, words
    assert "Ole" not in text  # no name: only what is needed


async def test_report_in_english_before_anything_was_entered(
    bot_api: BotApiEmulator, clocked_app: Any
) -> None:
    ada = await ready(bot_api, "en", "Ada")
    await ada.send("/report")
    sent = await ada.reply()
    assert sent.document is not None and "appointment" in sent.text
    name, data = sent.document
    assert name == "rueckenwind-report-2026-03-23.pdf" and data.startswith(b"%PDF")
    text = " ".join(pdf_text(data).split())
    for words in ("progress report", "Not answered yet.", "No pain values yet.", "no diagnosis"):
        assert words in text, words
