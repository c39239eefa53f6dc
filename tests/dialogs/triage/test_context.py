"""Safety net v2: context (ConText), ask-when-unsure, crisis, combinations and grades.

Every example sentence of the issue "Safety net v2" is here with its expected outcome, and next
to each a second sentence of the same class written after the fix, so that a class is tested,
not one sentence.
"""

from __future__ import annotations

import pytest

from dialogs.common.text import fold_word
from dialogs.triage.alerts import describe
from dialogs.triage.context import SentenceContext, drop_reply_word
from dialogs.triage.red_flags import Experiencer, Screening, Urgency
from dialogs.triage.screening import screen

E, U, S, N, C = Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON, Urgency.NONE, Urgency.CRISIS
OTHER = Experiencer.OTHER


def outcome(text: str, lang: str) -> tuple[Urgency, bool]:
    result = screen(text, lang)
    return result.level, result.ask


# (text, lang, level): clear statements, answered with an alert at that level
CLEAR = [
    # negation that is part of the sign
    ("mein Mann kann seit Mittag nicht mehr pinkeln, obwohl er muss", "de", E),
    ("there's no way I can hold my pee", "en", E),
    ("keine Chance, den Stuhl zu halten", "de", E),
    ("Ich krieg seit heute früh einfach nichts mehr raus auf dem Klo", "de", E),
    ("no chance I can keep my bowels in check, it just goes", "en", E),
    # a leading reply word negates nothing
    ("No I have numbness in my groin", "en", E),
    ("nein, aber meine beine werden schwächer", "de", E),
    ("Nope, my left leg keeps giving way since this morning", "en", E),
    ("Nein. Mein Po ist seit gestern taub", "de", E),
    # double negation
    ("It's not that I don't have a fever", "en", U),
    ("nicht dass ich kein Fieber hätte", "de", U),
    # early cauda equina signs
    ("ich merke nicht mehr, wann meine Blase voll ist", "de", E),
    ("I have to strain to pee since yesterday", "en", E),
    ("the inner thighs have gone numb since this morning", "en", E),
    ("where you sit on a bike saddle it feels numb", "en", E),
    ("beim Abwischen spür ich nichts", "de", E),
    ("beim Wasserlassen spüre ich seit gestern viel weniger", "de", E),
    ("my buttocks have gone numb", "en", E),
    ("seit heute kribbeln beide Beine", "de", E),
    ("my legs feel heavy and I'm struggling to walk since yesterday", "en", E),
    # non-spinal emergencies that present as back pain
    ("plötzlich wahnsinnige Rückenschmerzen und Bauchschmerzen, mir ist ganz schwindlig", "de", E),
    ("sudden severe back pain, belly pain and a cold sweat", "en", E),
    ("Schmerzen zwischen den Schulterblättern und ich kriege schlecht Luft", "de", E),
    ("chest pain and I'm sweating a lot", "en", E),
    ("my chest hurts and I can barely breathe", "en", E),
    ("Stechen in der Brust und Luftnot", "de", E),
    ("Ich kan seid gestern nich mehr pinkln", "de", E),
    # grades
    ("Ich hatte Brustkrebs, jetzt wecken mich die Rückenschmerzen jede Nacht", "de", U),
    ("history of bowel cancer, the back pain is constant and getting worse", "en", U),
    ("Ich bin 74 und hab mich beim Niesen verhoben", "de", U),
    ("I have osteoporosis and I coughed hard this morning", "en", U),
    ("I've been on steroid tablets for years and slipped yesterday", "en", U),
    ("es kribbelt ins linke Bein bis zum Fuß", "de", S),
    ("tingling down my right leg, no weakness", "en", S),
    ("seit Monaten morgens total steif, mit Bewegung wird es besser", "de", S),
]

# (text, lang): harmless, neither an alert nor a question
HARMLESS = [
    ("hab gestern mit yoga angefangen", "de"),
    ("mein kreuz ist heut wie eingerostet", "de"),
    ("ich hab heute mit den Übungen angefangen", "de"),
    ("my back felt rusty this morning, better after a walk", "en"),
    ("als Kind hatte ich oft Fieber", "de"),
    ("as a kid I had fevers all the time", "en"),
    ("vor 15 Jahren hatte ich einen Autounfall, seitdem alles gut", "de"),
    ("I was in a car crash years ago, all healed", "en"),
    ("mein Kollege hatte letzte Woche einen Autounfall, ihm geht's gut", "de"),
    ("my friend crashed her car last week, she's fine", "en"),
    ("Fiebersaft für die Kinder gekauft", "de"),
    ("my horse gets cortisone shots", "en"),
    ("meine Katze bekommt Kortison", "de"),
    ("kein Fieber, keine Taubheit, alles gut", "de"),
    ("no numbness, no trouble peeing", "en"),
    ("this pain is killing me", "en"),
    ("Ich sterbe vor Muskelkater 😅", "de"),
    # found by a new-user test: everyday causes are not red flags
    ("mir ist beim Sitzen das Bein eingeschlafen", "de"),
    ("Ich bin heute vom Rad gefallen, nichts passiert", "de"),
    ("I fell off my bike today, no harm done", "en"),
    ("my legs feel weak after the gym", "en"),
    ("Nach dem Beintraining sind meine Beine ganz schwach", "de"),
    ("Ich hab mir beim Niesen in die Hose gemacht, das passiert mir seit der Geburt öfter", "de"),
    ("Ich hab heute Fieber gemessen, 36,8, alles normal", "de"),
    ("I feel sick of this back pain", "en"),
    ("Diese Übungen bringen mich um", "de"),
]


@pytest.mark.parametrize(("text", "lang", "level"), CLEAR)
def test_a_clear_statement_alerts_at_its_level(text: str, lang: str, level: Urgency) -> None:
    assert outcome(text, lang) == (level, False), screen(text, lang)


@pytest.mark.parametrize(("text", "lang"), HARMLESS)
def test_harmless_messages_get_neither_alert_nor_question(text: str, lang: str) -> None:
    assert screen(text, lang) == Screening(worsening=screen(text, lang).worsening), text


@pytest.mark.parametrize(
    ("text", "lang", "flag"),
    [
        ("meine Frau spürt seit heute ihren Po nicht mehr", "de", "saddle_numbness"),
        ("my dad can't pee since this morning", "en", "urinary_retention"),
        ("Mein Sohn ist vom Dach gefallen und hat starke Rückenschmerzen", "de", "major_trauma"),
        ("my mum had lung cancer and now her back pain keeps her up at night", "en", "cancer_pain"),
    ],
)
def test_someone_elses_sign_still_alerts_worded_for_them(text: str, lang: str, flag: str) -> None:
    result = screen(text, lang)
    assert (result.flag_id, result.ask, result.experiencer) == (flag, False, OTHER)
    assert result.level.at_least(Urgency.URGENT)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("meine Mutter hatte Krebs", "de"),  # someone else's history: no concern of the writer's
        ("my husband has a fever", "en"),  # their fever without back pain
        ("mein Vater nimmt seit Jahren Kortison", "de"),
    ],
)
def test_someone_elses_risk_factor_alone_is_no_alert(text: str, lang: str) -> None:
    assert screen(text, lang).level is Urgency.NONE


@pytest.mark.parametrize(
    ("text", "lang", "flag"),
    [
        (
            "Was wäre, wenn ich plötzlich den Urin nicht mehr halten könnte?",
            "de",
            "bladder_bowel_control",
        ),
        ("what if my legs got weaker?", "en", "leg_weakness"),
        ("Ist Taubheit im Po gefährlich?", "de", "saddle_numbness"),
        ("not sure if my groin feels numb or if I'm imagining it", "en", "saddle_numbness"),
        ("Ich bin nicht sicher, ob ich Fieber habe", "de", "fever"),
        ("Ich hatte nen kleinen Unfall", "de", "major_trauma"),
        ("I feel some pressure on my chest", "en", "cardiac"),
        (
            "Muss ich mir Sorgen machen, wenn ich beim Pinkeln nichts spüre?",
            "de",
            "bladder_sensation",
        ),
        (
            "Mein Po fühlt sich beim Sitzen auf dem harten Bürosessel und auch später noch "
            "irgendwie seltsam und ein bisschen taub an",
            "de",
            "saddle_numbness",
        ),
    ],
)
def test_weak_evidence_asks_the_flags_question(text: str, lang: str, flag: str) -> None:
    result = screen(text, lang)
    assert (result.flag_id, result.ask) == (flag, True), result
    assert describe(result).startswith(f"{result.level.value} ask {flag}")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ich will nicht mehr leben", "de"),
        ("I want to die", "en"),
        ("I can't take this pain anymore, I don't want to wake up", "en"),
        ("manchmal denke ich, es wäre besser, wenn ich nicht mehr da wäre", "de"),
        ("Ich hab keine Kraft mehr, ich will mir das Leben nehmen", "de"),
        ("I don't want to live like this, I think about killing myself", "en"),
    ],
)
def test_a_crisis_is_recognised_and_never_silenced(text: str, lang: str) -> None:
    result = screen(text, lang)
    assert (result.level, result.flag_id) == (Urgency.CRISIS, "crisis")
    assert describe(result) == "crisis crisis"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("meine Freundin sagt, sie will nicht mehr leben", "de"),
        ("my son (17) told me he wants to end it", "en"),
    ],
)
def test_someone_elses_crisis_is_a_crisis_worded_for_them(text: str, lang: str) -> None:
    assert describe(screen(text, lang)) == "crisis crisis other"


def test_a_crisis_comes_before_an_emergency() -> None:
    result = screen("Ich kann den Urin nicht mehr halten und will nicht mehr leben", "de")
    assert result.level is Urgency.CRISIS


def test_a_clear_alert_beats_a_less_urgent_question_and_a_more_urgent_question_wins() -> None:
    clear = screen("Ich habe Fieber. Ist Taubheit im Po gefährlich?", "de")
    assert (clear.flag_id, clear.ask) == ("saddle_numbness", True)  # emergency question first
    asked = screen("Ich habe Fieber und der Po ist taub", "de")
    assert (asked.flag_id, asked.ask) == ("saddle_numbness", False)


def test_describe_is_the_cli_contract() -> None:
    assert describe(Screening()) == "none"
    assert describe(screen("Fieber und Rückenschmerzen", "de")) == "urgent fever"
    assert (
        describe(screen("meine Frau spürt seit heute ihren Po nicht mehr", "de"))
        == "emergency saddle_numbness other"
    )


def _words(text: str) -> list[str | None]:
    return [fold_word(word) or None for word in text.replace(",", " , ").split()]


def test_context_properties_of_one_sign() -> None:
    words = _words("als Kind hatte ich oft Fieber")
    assessed = SentenceContext(words, "de").assess(5, 5, {5})
    assert assessed.historical and not assessed.negated
    words = _words("meine Frau hat Fieber")
    assessed = SentenceContext(words, "de").assess(3, 3, {3})
    assert assessed.experiencer is OTHER
    words = _words("kein Fieber")
    assert SentenceContext(words, "de").assess(1, 1, {1}).negated


def test_the_experiencer_carries_over_sentences_until_the_writer_speaks_again() -> None:
    first = SentenceContext(_words("mein Mann war beim Arzt"), "de")
    second = SentenceContext(_words("er hat Fieber"), "de", subject_before=first.subject_after)
    assert second.assess(2, 2, {2}).experiencer is OTHER
    third = SentenceContext(_words("ich habe Fieber"), "de", subject_before=OTHER)
    assert third.assess(2, 2, {2}).experiencer is Experiencer.SELF


def test_a_reply_word_is_dropped_only_before_a_comma_but_or_pronoun() -> None:
    assert drop_reply_word(["no", "i", "have"], "en") == ["i", "have"]
    assert drop_reply_word(["nein", None, "aber"], "de") == [None, "aber"]
    assert drop_reply_word(["no", "fever"], "en") == ["no", "fever"]
