"""The free-text matcher finds the right myth, says "none" to chatter, and meets its targets."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.common.text import tokens
from dialogs.myths.knowledge_base import load_knowledge_base
from dialogs.myths.matcher import MatcherSettings, MythMatch, format_match, keyword_hits, match
from tools.myths_evaluation import (
    DEFAULT_SET,
    HELDOUT_SET,
    SPENT_BLIND_SETS,
    Question,
    Ranker,
    development_questions,
    evaluate,
    known_texts,
    load_blind_questions,
    load_questions,
    matcher_ranker,
    score,
    stratified_folds,
)

TARGET_ACCURACY = 0.95
TARGET_FALSE_MATCHES = 0.05
# Regression floors, a little below what was measured; see the README for the numbers.
# 0.93 since the unknown-word rule (issue 13): it costs about a point of accuracy on these
# sets and cut false matches on off-topic messages from 15 % to a few (README).
DEV_ACCURACY_FLOOR = 0.93
# The spent blind batches (each measured once, then studied) and the newest blind batch
# (measured once after the last change): floors a little below those measurements.
SPENT_ACCURACY_FLOOR = 0.92
HELDOUT_ACCURACY_FLOOR = TARGET_ACCURACY  # batch 6 measured 95.3 %
FALSE_MATCH_CEILING = TARGET_FALSE_MATCHES  # the spent batches
NEWEST_FALSE_MATCH_CEILING = 0.03  # issue 13's aim; batch 6 measured 2.5 %


def test_labelled_set_is_big_enough_and_separate_from_the_training_phrasings() -> None:
    questions = load_questions(DEFAULT_SET)
    knowledge_base = load_knowledge_base()
    for entry_id in knowledge_base.ids:
        for language in ("de", "en"):
            count = sum(q.expected == entry_id and q.language == language for q in questions)
            assert count >= 8, (entry_id, language)
    offtopic = [q for q in questions if q.expected is None]
    assert len(offtopic) >= 40 and {q.language for q in offtopic} == {"de", "en"}
    heldout_share = sum(q.heldout for q in questions) / len(questions)
    assert 0.25 <= heldout_share <= 0.4
    training = known_texts(knowledge_base)
    overlap = [q.text for q in questions if " ".join(tokens(q.text)) in training]
    assert not overlap


def test_development_set_false_match_target_and_accuracy_floor() -> None:
    everything = _measure(load_questions())
    assert everything.false_match_rate <= TARGET_FALSE_MATCHES
    assert everything.accuracy >= DEV_ACCURACY_FLOOR


@cache
def _shipped_ranker() -> Ranker:
    """The shipped matcher as a ranker, built once for every measurement of this module."""
    return matcher_ranker(load_knowledge_base(), MatcherSettings())


def _measure(questions: list[Question]):
    _, result, _, _, _ = evaluate(_shipped_ranker(), questions, MatcherSettings().threshold)
    return result


@pytest.mark.parametrize("path", SPENT_BLIND_SETS, ids=lambda path: path.stem)
def test_no_regression_on_the_spent_blind_batches(path) -> None:
    result = _measure(load_blind_questions(path))
    assert result.accuracy >= SPENT_ACCURACY_FLOOR
    assert result.false_match_rate <= FALSE_MATCH_CEILING


def test_no_regression_on_the_newest_blind_batch() -> None:
    result = _measure(load_blind_questions(HELDOUT_SET))
    assert result.questions == 320 and result.offtopic == 80
    assert result.accuracy >= HELDOUT_ACCURACY_FLOOR
    assert result.false_match_rate <= NEWEST_FALSE_MATCH_CEILING


def test_development_data_is_every_spent_set() -> None:
    expected = len(load_questions()) + sum(len(load_blind_questions(p)) for p in SPENT_BLIND_SETS)
    assert len(development_questions()) == expected
    assert HELDOUT_SET not in SPENT_BLIND_SETS


def test_blind_batch_loader_reads_the_agreed_structure(tmp_path) -> None:
    path = tmp_path / "fresh.yaml"
    path.write_text(
        'entries:\n  rest:\n    de: ["a", "b"]\n    en: ["c"]\n'
        'off_topic:\n  de: ["d"]\n  en: ["e", "f"]\n',
        encoding="utf-8",
    )
    questions = load_blind_questions(path)
    assert [(q.text, q.language, q.expected) for q in questions] == [
        ("a", "de", "rest"),
        ("b", "de", "rest"),
        ("c", "en", "rest"),
        ("d", "de", None),
        ("e", "en", None),
        ("f", "en", None),
    ]
    assert all(q.heldout for q in questions)


def test_folds_keep_every_entry_and_language_in_every_fold() -> None:
    questions = load_questions()
    folds = stratified_folds(questions, 5)
    groups = {(q.expected, q.language) for q in questions}
    for fold in range(5):
        held = {
            (q.expected, q.language) for q, f in zip(questions, folds, strict=True) if f == fold
        }
        assert held == groups


def test_score_counts_abstentions_as_wrong_and_answers_to_chatter_as_false() -> None:
    asked = Question("q", "de", "rest", False)
    chatter = Question("c", "de", None, False)
    result = score([(asked, "rest", 0.4), (chatter, "rest", 0.9)], threshold=0.5)
    assert (result.correct, result.questions, result.false_matches) == (0, 1, 1)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Soll ich mich schonen?", "de", "rest"),  # a phrasing from the YAML
        ("Ist Bettruhe gut bei Rueckenschmerzen?", "de", "rest"),  # umlaut spelled out
        ("BANDSCHEIBENVORFALL - was nun", "de", "slipped-disc"),  # compound, capitals
        ("brauche ich ein mrt", "de", "imaging"),  # lower case, no question mark
        ("Matraze hart oder weich?", "de", "mattress"),  # typo
        ("hart Matratze besser?", "de", "mattress"),  # word order
        ("Do I need an X-ray for my back?", "en", "imaging"),
        ("does a firm matress help", "en", "mattress"),  # typo
    ],
)
def test_matches_paraphrases_typos_and_compounds(text: str, language: str, expected: str) -> None:
    found = match(text, language)
    assert found is not None and found.entry_id == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wie wird das Wetter?", "de"),
        ("done", "en"),
        ("hello", "en"),
        ("Mein Rücken tut heute weh", "de"),
        ("", "de"),
        ("🙂👍", "de"),
        ("Wie oft muss ich den Rasen mähen?", "de"),  # "oft" alone is no back topic
        ("What is the best pizza in town?", "en"),
        ("Was ist ein guter Job für mich?", "de"),
    ],
)
def test_does_not_answer_what_is_not_a_myth_question(text: str, language: str) -> None:
    assert match(text, language) is None


def test_language_codes_are_normalised() -> None:
    found = match("Should I rest in bed?", "en-GB")
    assert found is not None and found.entry_id == "rest"


def test_format_match_for_the_cli() -> None:
    assert format_match(None) == "none"
    assert format_match(MythMatch("rest", 0.8123)) == "rest 0.812"
    found = match("Soll ich mich schonen?", "de")
    assert format_match(found).startswith("rest ")


def test_keywords_match_compounds_and_typos_but_short_ones_only_exactly() -> None:
    assert keyword_hits(["bandscheibenvorfall"], ("vorfall",)) == 1
    assert keyword_hits(["matraze"], ("matratze",)) == 1
    assert keyword_hits(["opioide"], ("op",)) == 0
    assert keyword_hits(["op"], ("op",)) == 1


def test_four_letter_keywords_take_endings_but_are_no_word_starts() -> None:
    assert keyword_hits(["resting"], ("rest",)) == 1
    assert keyword_hits(["restaurant"], ("rest",)) == 0
    assert keyword_hits(["workout"], ("work",)) == 0
    assert keyword_hits(["restaurant"], ("rest",), strict=False) == 1


def test_a_word_counts_once_however_many_keywords_it_matches() -> None:
    assert keyword_hits(["joggen"], ("jogg", "joggen")) == 1
    assert keyword_hits(["joggen", "yoga"], ("jogg", "joggen", "yoga")) == 2


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # no question mark and no leading question word: inversion or a tag makes it a question
        ("once you have back pain is it for life", "en", "chronic"),
        ("Rückenschmerzen heißt Bettruhe, oder", "de", "rest"),
        # "wehtut" and "üben" put a message on the back topic
        ("Darf ich weiter üben, obwohl es wehtut?", "de", "hurt-harm"),
    ],
)
def test_questions_without_question_marks_and_new_topic_words(
    text: str, language: str, expected: str
) -> None:
    found = match(text, language)
    assert found is not None and found.entry_id == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mein Knie tut beim Joggen weh, woran liegt das?", "de"),  # another body part's pain
        ("Which running shoes are best for beginners?", "en"),  # sport words alone
        ("Habe heute 20 Minuten Übungen gemacht", "de"),  # a progress report, not a question
    ],
)
def test_everyday_and_other_complaints_get_no_myth_answer(text: str, language: str) -> None:
    assert match(text, language) is None


def test_typos_keep_the_first_letter() -> None:
    assert keyword_hits(["zeichen"], ("reichen",)) == 0
    assert keyword_hits(["anderen"], ("wandern",)) == 0
    assert keyword_hits(["zeichen"], ("reichen",), strict=False) == 1


def test_long_input_is_handled() -> None:
    found = match("Soll ich mich schonen? " * 178, "de")  # about 4096 characters
    assert found is not None and found.entry_id == "rest"
    assert match("x" * 4096, "en") is None
    assert match("🙂" * 4096, "de") is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["de", "en"]))
def test_any_text_gives_a_known_entry_or_none(text: str, language: str) -> None:
    found = match(text, language)
    answerable = {entry.id for entry in load_knowledge_base().answerable}
    assert found is None or found.entry_id in answerable
