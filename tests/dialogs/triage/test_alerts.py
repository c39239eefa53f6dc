"""What the safety net answers (`dialogs/triage/alerts.py`): crisis, ask when unsure, alerts for
someone else, and the signs to watch for – built from constructed screening results, so the
answers are tested apart from the matcher."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import Translator
from dialogs.common.helplines import OTHER, Helplines, catalogue
from dialogs.common.reply import Message
from dialogs.triage import alerts, red_flag_check
from dialogs.triage.alerts import AskAnswer
from dialogs.triage.buttons import AskButton
from dialogs.triage.red_flags import Experiencer, Screening, Urgency, load_catalogue

TRANSLATE = Translator()
FLAGS = load_catalogue().flags
GERMANY, AUSTRIA, UK, ELSEWHERE = (catalogue()[c] for c in ("DE", "AT", "GB", OTHER))
CRISIS = Screening(Urgency.CRISIS, "crisis")
CRISIS_OTHER_ASK = Screening(Urgency.CRISIS, "crisis", ask=True, experiencer=Experiencer.OTHER)
LEG = Screening(Urgency.EMERGENCY, "leg_weakness", ask=True)
UNSURE = {"de": "Du warst dir nicht sicher bei:", "en": "You weren't sure about:"}
SURE = {"de": "weist auf ein Warnzeichen hin", "en": "points to a warning sign"}
LOCAL_EMERGENCY = {"de": "örtliche Notrufnummer", "en": "your local emergency number"}
SIGNS = {
    "de": "Urin oder Stuhl zu halten oder loszuwerden, Taubheit um Po oder Genitalien",
    "en": "holding or passing urine or stool, numbness around the buttocks or genitals",
}


def text(message: Message, language: str) -> str:
    return TRANSLATE(message.key, language, **message.args)


def labels(message: Message, language: str) -> list[str]:
    return [TRANSLATE(button.key, language) for row in message.buttons for button in row]


# --- crisis -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_crisis_gets_the_crisis_message_only(language: str) -> None:
    message = alerts.reply_to(CRISIS, language, GERMANY)
    assert message is not None and message.key == "crisis-message" and not message.buttons
    body = text(message, language)
    assert not body.startswith("⚠️") and "112" in body
    assert "0800 111 0 111" in body and "0800 111 0 222" in body
    assert ("froh" if language == "de" else "glad") in body
    assert ("weiter schreiben" if language == "de" else "keep writing") in body
    for advice in ("Bewegung", "Übung", "exercise", "moving", "Check"):
        assert advice not in body


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("helplines", "line"),
    [(GERMANY, "0800 111 0 111"), (UK, "116 123"), (ELSEWHERE, "")],
)
def test_a_possible_crisis_gets_the_direct_question_with_the_lines(
    language: str, helplines: Helplines, line: str
) -> None:
    message = alerts.reply_to(replace(CRISIS, ask=True), language, helplines)
    assert message is not None and message.key == "crisis-question" and not message.buttons
    body = text(message, language)
    assert not body.startswith("⚠️") and "none" not in body
    assert ("das Leben zu nehmen" if language == "de" else "ending your life") in body
    assert (line or LOCAL_EMERGENCY[language]) in body
    other = text(alerts.reply_to(CRISIS_OTHER_ASK, language, helplines), language)  # type: ignore[arg-type]
    assert ("die Person" if language == "de" else "they might") in other


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_to_the_direct_question_keeps_the_line_in_view(language: str) -> None:
    body = text(alerts.crisis_question_no_message(language, GERMANY), language)
    assert "0800 111 0 111" in body and not body.startswith("⚠️")


@pytest.mark.parametrize(
    ("helplines", "expected"),
    [(AUSTRIA, ["144", "142"]), (UK, ["999", "116 123"]), (ELSEWHERE, ["örtliche Notrufnummer"])],
)
def test_the_crisis_message_names_the_lines_of_the_users_country(
    helplines: Helplines, expected: list[str]
) -> None:
    body = text(alerts.crisis_message("de", helplines), "de")
    assert all(part in body for part in expected) and "none" not in body
    assert "112" not in body and "0800" not in body


def test_in_a_group_the_crisis_message_asks_to_write_privately() -> None:
    assert "privat" in text(alerts.crisis_message("de", GERMANY, where="group"), "de")


def test_an_alert_for_a_crisis_result_is_the_crisis_message() -> None:
    assert alerts.alert_message(CRISIS, "de", GERMANY).key == "crisis-message"


# --- which answer -----------------------------------------------------------------------------


def test_nothing_found_means_no_answer_even_when_it_gets_worse() -> None:
    assert alerts.reply_to(Screening(), "de", GERMANY) is None
    assert alerts.reply_to(Screening(worsening=True), "de", GERMANY) is None


def test_weak_evidence_asks_and_strong_evidence_alerts() -> None:
    asked = alerts.reply_to(LEG, "de", GERMANY)
    alerted = alerts.reply_to(Screening(Urgency.EMERGENCY, "leg_weakness"), "de", GERMANY)
    assert asked is not None and asked.key == "triage-ask"
    assert alerted is not None and alerted.key == "triage-alert-emergency"
    # An "ask" without a known red flag cannot be asked: it alerts, to be safe.
    unknown = Screening(Urgency.EMERGENCY, "no_such_flag", ask=True)
    assert not alerts.asks(unknown)
    message = alerts.reply_to(unknown, "de", GERMANY)
    assert message is not None and message.key == "triage-alert-emergency"
    assert not alerts.asks(Screening(Urgency.CRISIS, "crisis", ask=True))


# --- ask when unsure --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_question_is_the_checks_question_for_the_flag(language: str) -> None:
    message = alerts.ask_message(LEG, language)
    question = alerts.ask_question("leg_weakness")
    assert question is not None and "leg_weakness" in question.flags
    body = text(message, language)
    assert question.text[language] in body and not body.startswith("⚠️")
    assert labels(message, language) == (
        ["Ja", "Nein", "Weiß nicht"] if language == "de" else ["Yes", "No", "Not sure"]
    )
    assert [b.data for row in message.buttons for b in row] == [
        "tri:ask:leg_weakness:y",
        "tri:ask:leg_weakness:n",
        "tri:ask:leg_weakness:u",
    ]


def test_about_someone_else_the_question_names_the_sign_for_them() -> None:
    other = Screening(Urgency.EMERGENCY, "saddle_numbness", ask=True, experiencer=Experiencer.OTHER)
    message = alerts.ask_message(other, "de")
    body = text(message, "de")
    assert "betroffenen Person" in body and FLAGS["saddle_numbness"].sign["de"] in body
    assert message.buttons[0][0].data == "tri:ask:saddle_numbness:y:o"


@pytest.mark.parametrize("flag_id", sorted(FLAGS))
@pytest.mark.parametrize("experiencer", list(Experiencer))
def test_every_flag_can_be_asked_within_telegrams_64_bytes(
    flag_id: str, experiencer: Experiencer
) -> None:
    result = Screening(FLAGS[flag_id].urgency, flag_id, ask=True, experiencer=experiencer)
    message = alerts.ask_message(result, "en")  # Button refuses callback data over 64 bytes
    for row in message.buttons:
        for button in row:
            tap = AskButton.parse(button.data)
            assert tap is not None and tap.flag == flag_id and tap.experiencer is experiencer


@pytest.mark.parametrize(
    "data",
    [
        "tri:ask:no_such_flag:y",
        "tri:ask:leg_weakness:x",
        "tri:ask:leg_weakness:y:x",
        "tri:ask:leg_weakness",
        "tri:ask::y",
        "tri:y:q_fever",
        "tri:ask:leg_weakness:y:o:o",
        "",
    ],
)
def test_forged_or_unknown_taps_are_refused(data: str) -> None:
    assert AskButton.parse(data) is None


@given(st.text(max_size=80))
def test_parsing_a_tap_never_raises(data: str) -> None:
    AskButton.parse(data)
    AskButton.parse(f"tri:ask:{data}")


@pytest.mark.parametrize("language", ["de", "en"])
def test_yes_gives_the_normal_alert(language: str) -> None:
    reply = alerts.ask_answer_message(AskAnswer("leg_weakness", "yes"), language, GERMANY)
    alert = alerts.alert_message(Screening(Urgency.EMERGENCY, "leg_weakness"), language, GERMANY)
    assert reply == alert
    assert text(reply, language).startswith("⚠️") and "112" in text(reply, language)


@pytest.mark.parametrize("language", ["de", "en"])
def test_not_sure_gives_the_alert_worded_for_not_sure(language: str) -> None:
    reply = alerts.ask_answer_message(AskAnswer("leg_weakness", "unsure"), language, GERMANY)
    body = text(reply, language)
    assert reply.key == "triage-alert-emergency" and body.startswith("⚠️")
    assert "112" in body.split("\n")[0]
    assert UNSURE[language] in body and FLAGS["leg_weakness"].sign[language] in body
    assert SURE[language] not in body


def test_an_urgent_flag_confirmed_gives_the_urgent_alert_with_the_countrys_number() -> None:
    reply = alerts.ask_answer_message(AskAnswer("fever", "yes"), "de", AUSTRIA)
    body = text(reply, "de")
    assert reply.key == "triage-alert-urgent" and body.startswith("⚠️") and "1450" in body


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_thanks_and_names_the_signs_that_mean_calling(language: str) -> None:
    reply = alerts.ask_answer_message(AskAnswer("leg_weakness", "no"), language, UK)
    body = text(reply, language)
    assert reply.key == "triage-ask-no" and not body.startswith("⚠️")
    assert ("gut zu wissen" if language == "de" else "good to know") in body
    assert "999" in body and SIGNS[language] in body


# --- someone else's sign ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "flag_id", "number"),
    [(Urgency.EMERGENCY, "saddle_numbness", "112"), (Urgency.URGENT, "fever", "116117")],
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_an_alert_for_someone_else_is_worded_for_them(
    level: Urgency, flag_id: str, number: str, language: str
) -> None:
    other = Screening(level, flag_id, experiencer=Experiencer.OTHER)
    body = text(alerts.alert_message(other, language, GERMANY), language)
    first_line = body.split("\n")[0]
    assert body.startswith("⚠️") and number in first_line
    assert ("betroffene Person" if language == "de" else "they") in first_line
    own = text(alerts.alert_message(Screening(level, flag_id), language, GERMANY), language)
    assert own != body


def test_a_soon_sign_of_someone_else_is_calm_and_for_them() -> None:
    other = Screening(Urgency.SOON, "cancer_history", experiencer=Experiencer.OTHER)
    body = text(alerts.alert_message(other, "de", GERMANY), "de")
    assert not body.startswith("⚠️") and "der betroffenen Person" in body


# --- the signs to watch for -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("helplines", [GERMANY, UK])
def test_soon_and_all_clear_name_the_cauda_equina_signs_and_the_number(
    language: str, helplines: Helplines
) -> None:
    soon = alerts.alert_message(Screening(Urgency.SOON, "weight_loss"), language, helplines)
    clear = red_flag_check.outcome_messages(
        red_flag_check.Outcome(Urgency.CLEAR, (), ()), language, helplines
    )
    assert helplines.emergency is not None
    for message in (soon, *clear):
        body = text(message, language)
        assert not body.startswith("⚠️"), message.key
        assert SIGNS[language] in body and helplines.emergency in body, message.key
        assert ("schwächer werdende Beine" if language == "de" else "legs getting weaker") in body


# --- crisis: someone else, and the messages after it ------------------------------------------


OTHERS_CRISIS = Screening(Urgency.CRISIS, "crisis", experiencer=Experiencer.OTHER)


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_crisis_about_someone_else_is_worded_for_the_writer_who_helps(language: str) -> None:
    message = alerts.reply_to(OTHERS_CRISIS, language, GERMANY)
    assert message is not None and message.key == "crisis-message" and not message.buttons
    body = text(message, language)
    assert not body.startswith("⚠️") and "⚠️" not in body
    own = text(alerts.crisis_message(language, GERMANY), language)
    for line in own.split("\n")[:3]:
        assert line not in body or not line, line  # none of the writer's own lines
    assert ("fürchtest, dir" if language == "de" else "hurt yourself") not in body
    expected = {
        "de": ["Wenn die Person in akuter Gefahr ist", "112", "hör zu", "für dich selbst"],
        "en": ["If they are in immediate danger", "112", "listen", "for yourself"],
    }[language]
    assert all(part in body for part in expected) and "0800 111 0 111" in body
    group = alerts.crisis_message(language, UK, where="group", who=Experiencer.OTHER)
    assert "116 123" in text(group, language) and "999" in text(group, language)


def test_a_crisis_about_someone_else_without_national_lines() -> None:
    body = text(alerts.reply_to(OTHERS_CRISIS, "de", ELSEWHERE) or Message("x"), "de")
    assert "örtliche Notrufnummer" in body and "für dich selbst" in body and "none" not in body


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("helplines", [GERMANY, UK, ELSEWHERE])
@pytest.mark.parametrize("who", list(Experiencer))
def test_after_a_crisis_the_answer_is_warm_short_and_names_the_lines_again(
    language: str, helplines: Helplines, who: Experiencer
) -> None:
    message = alerts.crisis_followup_message(language, helplines, who)
    assert message.key == "crisis-followup" and not message.buttons
    body = text(message, language)
    assert not body.startswith("⚠️") and "none" not in body and "{" not in body
    assert ("kein Mensch" if language == "de" else "not a person") in body
    assert ("Therapeut" if language == "de" else "therapist") in body
    assert ("reden hilft" if language == "de" else "talking to someone helps") in body.lower()
    emergency = helplines.emergency or LOCAL_EMERGENCY[language]
    assert emergency in body
    for line in helplines.crisis:
        assert all(number in body for number in line.numbers)
    for advice in ("Bewegung", "Übung", "exercise", "moving", "Check", "nicht verstanden"):
        assert advice not in body
    assert len(body) < 500


def test_after_a_crisis_media_get_the_warm_answer_too() -> None:
    body = text(alerts.crisis_followup_message("de", GERMANY, media=True), "de")
    assert "nicht lesen" in body and "0800 111 0 111" in body


# --- someone else's alert: no way into the check, which asks "du" ------------------------------


@pytest.mark.parametrize("level", [Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON])
def test_an_alert_for_someone_else_offers_no_check(level: Urgency) -> None:
    flag_id = next(f for f, v in FLAGS.items() if v.urgency is level)
    other = alerts.alert_message(
        Screening(level, flag_id, experiencer=Experiencer.OTHER), "de", GERMANY
    )
    assert other.buttons == ()
    own = alerts.alert_message(Screening(level, flag_id), "de", GERMANY)
    assert [b.data for row in own.buttons for b in row] == [alerts.START_CHECK]


@pytest.mark.parametrize("typed", ["yes", "paused", "buttons"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_question_says_how_it_can_be_answered(typed: str, language: str) -> None:
    body = text(alerts.ask_message(LEG, language, typed=typed), language)
    hints = {
        ("yes", "de"): "tippe „Weiß nicht“",
        ("yes", "en"): 'tap "Not sure"',
        ("paused", "de"): "weiter, wo wir waren",
        ("paused", "en"): "carry on where we were",
        ("buttons", "de"): "mit den Knöpfen",
        ("buttons", "en"): "with the buttons",
    }
    assert hints[typed, language] in body


def test_a_model_only_question_yields_to_a_low_mood_phrase() -> None:
    """ "I can't stand this pain any more" reads to the model like legs that cannot stand; the
    writer gets the low-mood answer (crisis line, 112) instead. A rule's question stays."""
    model_only = Screening(Urgency.EMERGENCY, "leg_weakness", None, ask=True)
    assert alerts.yields_to_low_mood(model_only, "I can't stand this pain any more")
    assert not alerts.yields_to_low_mood(model_only, "my legs feel wobbly today")
    by_rule = Screening(Urgency.EMERGENCY, "leg_weakness", "kann nicht mehr stehen", ask=True)
    assert not alerts.yields_to_low_mood(by_rule, "ich kann nicht mehr stehen")
    clear = Screening(Urgency.EMERGENCY, "leg_weakness", None)
    assert not alerts.yields_to_low_mood(clear, "I can't stand this pain any more")
