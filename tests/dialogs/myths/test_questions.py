"""Everyday questions (issue 13 §2): data/questions.yaml loads with the myths into one matcher,
answers the questions quoted in the issue, and the off-topic guard keeps other body parts,
illnesses and animals out."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from fluent.runtime import FluentBundle, FluentResource

from dialogs.common.text import tokens
from dialogs.myths import pages, quiz
from dialogs.myths.knowledge_base import (
    DEFAULT_PATH,
    LANGUAGES,
    QUESTION,
    QUESTIONS_PATH,
    TEXT_FIELDS,
    KnowledgeBaseError,
    load_knowledge_base,
    parse_knowledge_base,
)
from dialogs.myths.matcher import match
from dialogs.myths.vocabulary import load_off_topic
from tools.myths_evaluation import load_questions

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ROOT / "data" / "locales"
SCREEN = 900  # characters that fit on one phone screen (as in test_pages)
QUESTION_IDS = (
    "heat-cold", "acute", "pain-meds", "physio", "massage", "manual-therapy", "exercise",
    "running", "gym", "swimming", "cycling", "see-doctor", "duration", "sleep-position",
    "flare-up", "sciatica",
)  # fmt: skip
FEVER = re.compile(r"fieber|fever", re.IGNORECASE)
TODAY = {"de": "heute", "en": "today"}
OTHER_URGENCY = re.compile(
    r"sofort|umgehend|unverzüglich|at once|immediately|right away|straight away", re.IGNORECASE
)


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def render(message, language: str) -> str:
    bundle = FluentBundle([language], use_isolating=False)
    for name in ("core.ftl", "myths.ftl"):
        bundle.add_resource(FluentResource((LOCALES / language / name).read_text("utf-8")))
    text, errors = bundle.format_pattern(bundle.get_message(message.key).value, message.args)
    assert not errors
    return text


# --- the questions quoted in issue 13 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("ibuprofen ok?", "en", "pain-meds"),  # not the opioid myth
        ("ibuprofen ok?", "de", "pain-meds"),
        ("Hilft Physiotherapie?", "de", "physio"),  # not the surgery entry
        ("darf ich joggen?", "de", "running"),  # a direct answer about running
        ("Hexenschuss – was jetzt?", "de", "acute"),
    ],
)
def test_the_issues_questions_get_the_specific_answer(
    text: str, language: str, expected: str
) -> None:
    found = match(text, language)
    assert found is not None and found.entry_id == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Brauche ich für die Schulter ein Röntgenbild?", "de"),  # another body part
        ("does a head CT hurt", "en"),
        ("sitzt mein Hamster krumm?", "de"),  # an animal
        ("wie lange pausieren nach einer Erkältung?", "de"),  # another illness
    ],
)
def test_the_issues_off_topic_messages_get_no_answer(text: str, language: str) -> None:
    assert match(text, language) is None


# --- whether exercise helps at all: the general entry, not a single sport ----------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a new user's first question got the cycling answer before the `exercise` entry
        ("is exercise good for back pain?", "en", "exercise"),
        ("Does exercise help with back pain?", "en", "exercise"),
        ("Hilft Bewegung bei Rückenschmerzen?", "de", "exercise"),
        ("Ist Sport gut für den Rücken?", "de", "exercise"),
        # a named sport keeps its own answer, and so do the neighbouring myths
        ("Is cycling good for back pain?", "en", "cycling"),
        ("What is the best exercise for back pain?", "en", "exercise-type"),
        ("How often should I exercise?", "en", "dose"),
        ("Should I rest in bed?", "en", "rest"),
    ],
)
def test_general_exercise_questions_get_the_exercise_answer(
    text: str, language: str, expected: str
) -> None:
    found = match(text, language)
    assert found is not None and found.entry_id == expected


# --- the off-topic guard (data/off_topic.yaml) -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the back is named: another body part does not silence the question
        ("Knie und Rücken tun weh – hilft Radfahren?", "de", "cycling"),
        # the entry's own keywords are its topic, not another body part
        ("Should I bend my knees when lifting?", "en", "lifting"),
        ("Is it all in my head?", "en", "stress-sleep"),
        ("Schadet Ibuprofen dem Magen?", "de", "pain-meds"),
    ],
)
def test_the_guard_leaves_back_questions_alone(text: str, language: str, expected: str) -> None:
    found = match(text, language)
    assert found is not None and found.entry_id == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mein Hund hat Rückenschmerzen, was tun?", "de"),  # an animal, even with the back named
        ("My dog has a bad back, can he go swimming?", "en"),
        ("Ice or heat for my knee?", "en"),
        ("Darf ich mit Grippe schwimmen gehen?", "de"),
        ("Should I go running with a cold?", "en"),
    ],
)
def test_the_guard_silences_other_topics(text: str, language: str) -> None:
    assert match(text, language) is None


def test_off_topic_list_is_folded_and_knows_exercise_names() -> None:
    words = load_off_topic()
    assert "schulter" in words.unless_back and "hamster" in words.always
    assert all(word == word.lower() and "ä" not in word for word in words.unless_back)
    assert words.found(tokens("Ist der herabschauende Hund gut?"), back_named=False) is False
    assert words.found(tokens("Is a cold pack ok?"), back_named=False) is False
    assert words.found(tokens("I have a cold"), back_named=False) is True
    assert words.found(tokens("Knie und Rücken"), back_named=True) is False


# --- the knowledge base: shape, texts, sources -------------------------------------------------


def test_questions_load_with_the_myths_and_keep_out_of_the_quiz_and_topics() -> None:
    knowledge_base = load_knowledge_base()
    assert tuple(q.id for q in knowledge_base.questions) == QUESTION_IDS
    assert all(q.verdict == QUESTION for q in knowledge_base.questions)
    assert not set(QUESTION_IDS) & set(knowledge_base.ids)  # no /myths topics, no quiz items
    assert all(knowledge_base.get(i) is not None for i in QUESTION_IDS)  # buttons find them
    for seed in range(50):
        state, _ = quiz.start(seed=seed, language="de")
        assert not set(state.order) & set(QUESTION_IDS)


def test_every_question_has_texts_phrasings_and_a_findable_source() -> None:
    for entry in load_knowledge_base().questions:
        for field in TEXT_FIELDS:
            for language in LANGUAGES:
                text = entry.text(field, language).strip()
                assert text and not text.startswith("⚠️"), (entry.id, field, language)
        for language in LANGUAGES:
            assert len(entry.phrasings[language]) >= 30, (entry.id, language)
            sentences = re.split(r"(?<=[.!?])\s+", entry.text("answer", language))
            assert 2 <= len(sentences) <= 5, (entry.id, language)
        assert any(s.is_complete and (s.doi or s.url) for s in entry.sources), entry.id
        for source in entry.sources:
            assert source.doi is None or re.fullmatch(r"10\.\d{4,}/\S+", source.doi)
            assert source.url is None or source.url.startswith("https://")


def test_fever_means_today_and_the_warning_signs_point_to_check() -> None:
    knowledge_base = load_knowledge_base()
    for entry in knowledge_base.questions:
        for field in ("answer", "more"):
            for language in LANGUAGES:
                text = entry.text(field, language).replace("z. B.", "zB").replace("e.g.", "eg")
                for clause in re.split(r"[.;:,!?–]", text):
                    if FEVER.search(clause):
                        assert TODAY[language] in clause.casefold(), (entry.id, clause)
                        assert not OTHER_URGENCY.search(clause), (entry.id, clause)
    for entry_id in ("acute", "see-doctor", "flare-up"):
        entry = knowledge_base.get(entry_id)
        assert entry is not None
        for language in LANGUAGES:
            assert "/check" in entry.text("answer", language), (entry_id, language)


def test_painkiller_answer_says_what_the_guidelines_say() -> None:
    entry = load_knowledge_base().get("pain-meds")
    assert entry is not None
    more = entry.text("more", "en")
    assert "lowest effective dose" in more and "paracetamol alone" in more
    assert {"NVL Kreuzschmerz", "NICE NG59"} <= {s.short_venue for s in entry.sources}


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_answers_render_with_the_question_and_fit_one_screen(language: str) -> None:
    knowledge_base = load_knowledge_base()
    for entry in knowledge_base.questions:
        answer = pages.answer(entry, language, knowledge_base)
        assert answer.key == "myths-question-answer"
        text = render(answer, language)
        assert text.startswith("💬 " + entry.text("claim", language))
        assert pages.compact_sources(entry) in text
        for view in (pages.answer, pages.more, pages.sources):
            rendered = render(view(entry, language, knowledge_base), language)
            assert len(rendered) < SCREEN, (entry.id, view.__name__, len(rendered))
        data = [b.data for row in answer.buttons for b in row]
        assert data[:2] == [f"myth:more:{entry.id}", f"myth:src:{entry.id}"]


def test_labelled_set_covers_every_question() -> None:
    questions = load_questions()
    for entry_id in QUESTION_IDS:
        for language in LANGUAGES:
            count = sum(q.expected == entry_id and q.language == language for q in questions)
            assert count >= 8, (entry_id, language)


# --- loading errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q["entries"][0].update(verdict="fact"), "no verdict"),
        (lambda q: q["entries"][0]["question"].pop("en"), "claim"),
        (lambda q: q["entries"][0].update(id="rest"), "duplicate"),
        (lambda q: q["sources"].update(nvl2017={"authors": "X", "year": 2020}), "defined twice"),
        (lambda q: q["entries"][0].update(sources=[{"ref": "nowhere"}]), "unknown source"),
    ],
)
def test_broken_questions_are_rejected(change, message: str) -> None:
    questions = copy.deepcopy(raw(QUESTIONS_PATH))
    change(questions)
    with pytest.raises(KnowledgeBaseError, match=message):
        parse_knowledge_base(raw(DEFAULT_PATH), questions)


def test_the_myths_alone_still_load() -> None:
    assert load_knowledge_base(questions_path=None).questions == ()
