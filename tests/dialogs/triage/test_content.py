"""Triage content and texts: schema of the YAML, Fluent ids, the ⚠️ rule, no fixed numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from fluent.syntax import FluentParser, ast

from bot.i18n import Translator
from dialogs.common.helplines import Helplines, catalogue
from dialogs.common.reply import Message
from dialogs.triage import alerts, red_flag_check, startback
from dialogs.triage.alerts import AskAnswer, alert_message, offer_message
from dialogs.triage.red_flags import Experiencer, Screening, Urgency, load_catalogue

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = load_catalogue()
NUMBERS = {"emergency": "E-NUM", "urgent": "U-NUM"}
# Made-up numbers, so a test can tell that a text names the number it was given.
TEST_LINES = Helplines(
    "DE",
    {"de": "Testland", "en": "Testland"},
    NUMBERS["emergency"],
    NUMBERS["urgent"],
    {"de": "den Testdienst", "en": "the test service"},
)
NO_NATIONAL_NUMBERS = catalogue()["OTHER"]
LOCAL = {"de": "die örtliche Notrufnummer", "en": "your local emergency number"}


def ftl_ids(language: str) -> dict[str, str]:
    """Message id → source text of data/locales/<language>/triage.ftl."""
    text = (ROOT / "data" / "locales" / language / "triage.ftl").read_text(encoding="utf-8")
    resource = FluentParser().parse(text)
    assert not [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    return {
        entry.id.name: text[entry.span.start : entry.span.end]
        for entry in resource.body
        if isinstance(entry, ast.Message) and entry.span
    }


def test_red_flag_schema() -> None:
    raw = yaml.safe_load((ROOT / "data" / "red_flags.yaml").read_text(encoding="utf-8"))
    ids = [flag["id"] for flag in raw["flags"]]
    assert len(ids) == len(set(ids))
    for flag in raw["flags"]:
        assert Urgency(flag["urgency"]) is not Urgency.NONE
        assert set(flag["sign"]) == {"de", "en"}
        assert flag["sources"] and set(flag["sources"]) <= set(raw["sources"])
        # A flag is found by its own patterns, or as a combination of findings (`all_of`).
        patterns = flag.get("patterns", {})
        assert (patterns.get("de") and patterns.get("en")) or flag["all_of"]
        assert flag.get("context", {}).get("historical", "ignore") in {"ignore", "counts"}
        assert flag.get("context", {}).get("other", "alert") in {"alert", "ignore"}
    names = set(ids) | {signal["id"] for signal in raw["signals"]}
    for item in raw["flags"] + raw["signals"]:
        for group in item.get("all_of", []):
            assert set(group if isinstance(group, list) else [group]) <= names, item["id"]
        assert set(item.get("other_needs", [])) <= names, item["id"]
    assert set(raw["crisis"]["patterns"]) == {"de", "en"}
    for question in raw["questions"]:
        assert set(question["flags"]) <= set(ids) and set(question["text"]) == {"de", "en"}
    assert set(raw["stay_active"]["sources"]) <= set(raw["sources"])


def test_texts_never_hard_code_the_phone_numbers() -> None:
    numbers = {"112", "116117"} | {
        number
        for lines in catalogue().values()
        for number in (lines.emergency, lines.urgent)
        if number
    }
    numbers |= {n for lines in catalogue().values() for line in lines.crisis for n in line.numbers}
    for language in ("de", "en"):
        for path in sorted((ROOT / "data" / "locales" / language).glob("*.ftl")):
            source = path.read_text(encoding="utf-8")
            for number in numbers:
                assert not re.search(rf"(?<![\d ]){number}(?![\d])", source), (path, number)


TRANSLATE = Translator()  # reads every .ftl file: once for the module, not per message


def rendered(message: Message, language: str) -> str:
    translate = TRANSLATE
    assert translate.has(message.key, language), message.key
    for row in message.buttons:
        for button in row:
            assert translate.has(button.key, language), button.key
    return translate(message.key, language, **message.args)


def all_messages(language: str, helplines: Helplines = TEST_LINES) -> list[Message]:
    """Every message the triage dialogs and the safety net can send."""
    messages = [offer_message("worse"), offer_message("due"), startback.rescreen_message()]
    for level in (Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON):
        flag = next(f for f, v in CATALOGUE.flags.items() if v.urgency is level)
        for experiencer in Experiencer:
            result = Screening(level, flag, experiencer=experiencer)
            messages.append(alert_message(result, language, helplines))
            messages.append(alerts.ask_message(replace(result, ask=True), language))
            messages.append(
                alerts.ask_answer_message(AskAnswer(flag, "no", experiencer), language, helplines)
            )
        outcome = red_flag_check.Outcome(level, (flag,), ())
        messages.extend(red_flag_check.outcome_messages(outcome, language, helplines))
        question = alerts.ask_question(flag)
        assert question is not None
        for answer in (red_flag_check.Answer.UNSURE, red_flag_check.Answer.YES):
            # "not sure" alone, then mixed with a sure sign of the same level
            sure = next(
                q
                for q in CATALOGUE.questions
                if q.id != question.id and CATALOGUE.question_urgency(q) is level
            )
            answers = ((question.id, red_flag_check.Answer.UNSURE), (sure.id, answer))
            flags = (flag, *sure.flags) if answer is red_flag_check.Answer.YES else (flag,)
            messages.extend(
                red_flag_check.outcome_messages(
                    red_flag_check.Outcome(level, flags, answers), language, helplines
                )
            )
        for typed in ("paused", "buttons"):
            messages.append(
                alerts.ask_message(Screening(level, flag, ask=True), language, typed=typed)
            )
        messages.append(alerts.ask_answer_message(AskAnswer(flag, "unsure"), language, helplines))
    for where in ("private", "group"):
        for experiencer in Experiencer:
            messages.append(
                alerts.crisis_message(language, helplines, where=where, who=experiencer)
            )
    for experiencer in Experiencer:
        for media in (False, True):
            messages.append(
                alerts.crisis_followup_message(language, helplines, experiencer, media=media)
            )
    state, first = red_flag_check.start(language)
    messages.append(first)
    for flag in ("bladder_bowel_control", "fever"):
        in_turn = red_flag_check.asked_in_turn(state, flag)
        assert in_turn is not None
        messages.append(in_turn)
    messages.append(red_flag_check.step(state, red_flag_check.Answer.NO, helplines=helplines)[1][0])
    clear = red_flag_check.Outcome(Urgency.CLEAR, (), ())
    messages.extend(red_flag_check.outcome_messages(clear, language, helplines))
    sb_state, sb_first = startback.start(language)
    messages.append(sb_first)
    messages.append(startback.step(sb_state, 1, 1)[1][0])
    for answers in ((0,) * 9, (1, 1, 1, 1, 0, 0, 0, 0, 0), (1,) * 9):
        messages.append(startback.result_message(startback.score(answers), language))
    return messages


@pytest.mark.parametrize("language", ["de", "en"])
def test_only_emergency_and_urgent_alerts_start_with_the_warning_sign(language: str) -> None:
    for message in all_messages(language):
        text = rendered(message, language)
        assert "{" not in text and "$" not in text and "none" not in text, (message.key, text)
        alarming = message.key in ("triage-alert-emergency", "triage-alert-urgent")
        assert text.startswith("⚠️") is alarming, (message.key, text)
        if alarming:
            number = NUMBERS["emergency" if message.key.endswith("emergency") else "urgent"]
            assert number in text.split("\n")[0]
            assert message.args["sign"] in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_without_national_numbers_the_texts_name_the_local_emergency_number(
    language: str,
) -> None:
    for message in all_messages(language, NO_NATIONAL_NUMBERS):
        text = rendered(message, language)
        assert "none" not in text and "{" not in text, (message.key, text)
        if message.key == "triage-alert-emergency":
            assert text.startswith("⚠️") and LOCAL[language] in text.split("\n")[0]
        if message.key == "triage-alert-urgent":
            assert text.startswith("⚠️") and LOCAL[language] in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_button_labels(language: str) -> None:
    translate = Translator()
    yes_no = {"de": ("Ja", "Nein", "Weiß nicht"), "en": ("Yes", "No", "Not sure")}[language]
    labels = tuple(
        translate(key, language)
        for key in ("triage-button-yes", "triage-button-no", "triage-button-unsure")
    )
    assert labels == yes_no


def test_an_alert_for_nothing_is_refused_and_worsening_is_offered() -> None:
    with pytest.raises(ValueError):
        alert_message(Screening(), "de", TEST_LINES)
    assert alert_message(Screening(worsening=True), "de", TEST_LINES).key == "triage-offer-worse"


def test_callback_prefixes() -> None:
    assert alerts.START_CHECK.startswith("tri:") and startback.START == "sb:start"
