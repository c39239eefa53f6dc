"""The safety net's trained second opinion: its examples, its training, and how `screen` uses it.

The measured effect (leave-one-writer-out and the blind held-out set) is in the README and in
`tests/tools/test_triage_labelled_set.py`; here: the contract.
"""

from __future__ import annotations

import pytest
import yaml

from dialogs.triage.red_flags import Experiencer, Screening, Urgency, load_catalogue
from dialogs.triage.screening import (
    ASK_AT,
    CRISIS_ASK_AT,
    CRISIS_AT,
    MODEL_MIN_WORDS,
    _second_opinion,
    screen,
    screen_many,
    screen_rules,
)
from dialogs.triage.screening_model import (
    CLASSES_FILE,
    Example,
    Opinion,
    ScreeningModel,
    class_map,
    default_model,
    example_files,
    label_of,
    training_examples,
)


def _opinion(emergency: float = 0.0, urgent: float = 0.0, crisis: float = 0.0) -> Opinion:
    at_least = {
        Urgency.CRISIS: crisis,
        Urgency.EMERGENCY: emergency,
        Urgency.URGENT: max(urgent, emergency),
        Urgency.SOON: max(urgent, emergency),
    }
    likeliest = {
        Urgency.CRISIS: "crisis",
        Urgency.EMERGENCY: "saddle_numbness",
        Urgency.URGENT: "fever",
        Urgency.SOON: "night_pain",
    }
    return Opinion(at_least, likeliest, 0.0)


def test_every_class_of_the_examples_is_mapped_to_a_known_flag_or_is_harmless() -> None:
    crisis, flags = class_map()
    catalogue = load_catalogue()
    assert set(flags.values()) <= set(catalogue.flags)
    for path in example_files():
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            cls, level = item.get("cls"), item["level"]
            if level in ("none", "crisis") or cls is None:
                continue
            flag = flags[cls]  # KeyError: a class of the examples without a flag
            assert catalogue.flags[flag].urgency.value == level, (cls, flag, level)
    assert crisis == {"suicidal", "self_harm"}
    assert CLASSES_FILE.name == "triage_classes.yaml"


def test_labels() -> None:
    assert label_of("none", "lookalike") == "none"
    assert label_of("crisis", "suicidal") == "crisis"
    assert label_of("emergency", "saddle") == "saddle_numbness"
    assert label_of("emergency", None) is None  # the first set: a level, no class


def test_the_examples_cover_both_languages_every_level_and_both_writers() -> None:
    examples = training_examples()
    assert len(examples) >= 2500
    assert {example.language for example in examples} == {"de", "en"}
    assert {"none", "crisis", "cauda_equina"} - {e.label for e in examples} == {"cauda_equina"}
    assert {example.about_other for example in examples} == {True, False}


def test_training_is_deterministic_and_refuses_too_little() -> None:
    examples = [
        Example("mir ist der Po taub seit heute", "de", "saddle_numbness", False, "t"),
        Example("meine Frau spürt den Po nicht mehr", "de", "saddle_numbness", True, "t"),
        Example("hab Fieber und Rückenschmerzen", "de", "fever", False, "t"),
        Example("heute 20 min spazieren gewesen", "de", "none", False, "t"),
        Example("danke für die Erinnerung", "de", "none", False, "t"),
    ]
    first, second = ScreeningModel(examples), ScreeningModel(examples)
    assert first.opinion("Po taub") == second.opinion("Po taub")
    assert first.opinions([]) == []
    with pytest.raises(ValueError, match="harmless"):
        ScreeningModel([e for e in examples if e.label != "none"])


def test_the_default_model_reads_new_wording() -> None:
    opinion = default_model().opinion("my bum feels like it's made of rubber since this morning")
    assert opinion.at_least[Urgency.EMERGENCY] >= ASK_AT[Urgency.EMERGENCY]
    assert opinion.likeliest[Urgency.EMERGENCY] == "saddle_numbness"
    calm = default_model().opinion("heute zwanzig Minuten spazieren gewesen, ging richtig gut")
    assert calm.at_least[Urgency.SOON] < 0.5


def test_the_model_asks_but_never_alerts() -> None:
    raised = _second_opinion(Screening(), _opinion(emergency=0.9))
    assert (raised.level, raised.flag_id, raised.ask) == (
        Urgency.EMERGENCY,
        "saddle_numbness",
        True,
    )
    urgent = _second_opinion(Screening(), _opinion(urgent=0.9))
    assert (urgent.level, urgent.flag_id, urgent.ask) == (Urgency.URGENT, "fever", True)
    assert _second_opinion(Screening(), _opinion(emergency=0.3)) == Screening()


@pytest.mark.parametrize(
    ("crisis", "level", "ask"),
    [
        (CRISIS_AT, Urgency.CRISIS, False),
        (CRISIS_ASK_AT, Urgency.CRISIS, True),
        ((CRISIS_ASK_AT + CRISIS_AT) / 2, Urgency.CRISIS, True),
        (CRISIS_ASK_AT - 0.01, Urgency.NONE, False),
    ],
)
def test_a_possible_crisis_is_asked_about_a_likely_one_answered(
    crisis: float, level: Urgency, ask: bool
) -> None:
    result = _second_opinion(Screening(), _opinion(crisis=crisis))
    assert (result.level, result.ask) == (level, ask)


def test_a_likely_crisis_gets_the_crisis_answer() -> None:
    result = _second_opinion(Screening(), _opinion(crisis=0.95))
    assert (result.level, result.ask) == (Urgency.CRISIS, False)


def test_the_model_raises_only_above_what_the_rules_found() -> None:
    weak_emergency = Screening(Urgency.EMERGENCY, "leg_weakness", "x", ask=True)
    assert _second_opinion(weak_emergency, _opinion(urgent=0.99)) == weak_emergency
    weak_soon = Screening(Urgency.SOON, "night_pain", "x", ask=True)
    assert _second_opinion(weak_soon, _opinion(emergency=0.9)).level is Urgency.EMERGENCY


def test_someone_elses_sign_is_asked_about_for_them() -> None:
    opinion = Opinion(_opinion(emergency=0.9).at_least, _opinion().likeliest, 0.9)
    assert _second_opinion(Screening(), opinion).experiencer is Experiencer.OTHER


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("seit dem Aufstehen ist mein Sitzfleisch wie aus Gummi, total komisch", "de"),
        ("since breakfast everything down below feels like cotton wool", "en"),
        ("woke up and my undercarriage feels like it belongs to someone else", "en"),
    ],
)
def test_wording_the_rules_do_not_know_gets_a_question(text: str, language: str) -> None:
    assert screen_rules(text, language) == Screening()
    result = screen(text, language)
    assert (result.level, result.ask) == (Urgency.EMERGENCY, True)
    # "down below" is the saddle or the genitals: either cauda equina question will do.
    assert result.flag_id in {"saddle_numbness", "sexual_function"}


def test_clear_rules_short_messages_and_denied_signs_are_left_to_the_rules() -> None:
    clear = "kann seit heute früh nicht mehr pinkeln"
    assert screen(clear, "de") == screen_rules(clear, "de")
    short = "ich"
    assert len(short.split()) < MODEL_MIN_WORDS
    assert screen(short, "de") == Screening()
    denied = "kein Fieber, keine Taubheit, alles gut, danke der Nachfrage"
    assert screen_rules(denied, "de").ruled_out
    assert screen(denied, "de") == Screening()


def test_screen_many_is_screen_for_each() -> None:
    texts = ["hallo", "mein Po ist seit heute taub", "my bum feels like rubber since this morning"]
    assert screen_many(texts, "de") == [screen(text, "de") for text in texts]


def test_a_crisis_is_not_counted_as_an_emergency() -> None:
    """Found end to end: after a crisis message, "so alone with this pain" looked mostly like a
    crisis to the model, and counting that as "emergency or worse" asked about numbness. Now
    it gets the direct crisis question (a possible crisis), never a red-flag question."""
    text = "thanks. I just feel so alone with this pain"
    opinion = default_model().opinion(text)
    assert opinion.at_least[Urgency.EMERGENCY] < ASK_AT[Urgency.EMERGENCY]
    result = screen(text, "en")
    assert (result.level, result.ask) == (Urgency.CRISIS, True)
