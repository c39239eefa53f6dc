"""Questions about one's own progress get the /progress answer; general questions do not."""

from __future__ import annotations

import pytest

from dialogs.habit.progress_question import asks_own_progress


@pytest.mark.parametrize(
    "text",
    [
        "3 sessions done this week?",
        "wie viele hab ich diese woche?",
        "Wie viele Einheiten hab ich schon geschafft?",
        "how am I doing?",
        "how many sessions this week?",
        "wie steh ich diese Woche?",
        "where am I this week?",
    ],
)
def test_own_progress_questions(text: str) -> None:
    assert asks_own_progress(text)


@pytest.mark.parametrize(
    "text",
    [
        "how many sessions should I do?",
        "wie oft soll ich trainieren?",
        "wie viele Minuten sind gut?",
        "Wie viele Menschen haben Rückenschmerzen?",
        "how far should I walk?",
        "hab 3 einheiten diese woche geschafft",  # a statement, not a question
        "",
    ],
)
def test_general_questions_and_statements_are_not(text: str) -> None:
    assert not asks_own_progress(text)
