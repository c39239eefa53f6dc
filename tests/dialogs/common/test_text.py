"""Text normalisation shared by the matchers (`dialogs.common.text`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dialogs.common.text import fold, stems, tokens

WORDS = (
    "Rückenschmerzen Bandscheibenvorfall spazieren gegangen Schmerzen Oberschenkel taub "
    "Gymnastik Übungen Krankengymnastik Wasserlassen Beine schwächer Hexenschuss "
) * 40


def test_folding_and_stems() -> None:
    assert fold("Rücken STRAßE") == "ruecken strasse"
    assert tokens("Rücken-Schmerzen, 20 min!") == ["ruecken", "schmerzen", "20", "min"]
    assert stems("Schmerzen Schmerz", "de")[0] == stems("Schmerz", "de")[0]


def test_stems_are_right_when_threads_stem_at_the_same_time() -> None:
    """The bot builds the myth matcher in a thread while turns stem on the event loop: one
    shared stemmer instance garbled the stems or raised IndexError."""
    expected = {language: stems(WORDS, language) for language in ("de", "en")}
    jobs = [language for _ in range(16) for language in ("de", "en")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda language: (language, stems(WORDS, language)), jobs))
    assert all(found == expected[language] for language, found in results)
