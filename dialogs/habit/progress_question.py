""" "wie viele hab ich diese Woche?", "3 sessions done this week?", "how am I doing?": a
question about one's own progress gets the /progress answer, not a myth card (issue 12: the
bot understands people in their own words).

A pure matcher: a question (a "?" or a question word first) that asks how many, how far or
how one is doing, about the week, sessions or the goal. Questions about exercise in general
("how many sessions should I do?", "wie oft soll ich trainieren?") stay with the myths and
questions: they ask what is right, not what was done.
"""

from __future__ import annotations

import re

from dialogs.common.text import tokens

# How many / how far / how am I doing (folded words, as consecutive phrases).
_ASKS = (
    ("wie", "viele"), ("wieviele",), ("wie", "oft"), ("wie", "weit"), ("wo", "stehe", "ich"),
    ("wie", "stehe", "ich"), ("wie", "steh", "ich"), ("mein", "stand"), ("how", "many"),
    ("how", "far"), ("how", "am", "i", "doing"), ("how", "im", "doing"), ("where", "am", "i"),
    ("where", "do", "i", "stand"), ("my", "progress"), ("mein", "fortschritt"),
)  # fmt: skip
# What about: the week, the sessions, the goal (one of these words somewhere).
_ABOUT = frozenset(
    {"woche", "diese", "bisher", "schon", "geschafft", "einheiten", "einheit", "eingetragen",
     "ziel", "wochenziel", "week", "so", "far", "sessions", "session", "done", "logged",
     "goal", "doing", "stand", "stehe", "fortschritt", "progress"}
)  # fmt: skip
# Asking what is right, not what was done: these make it a general question.
_GENERAL = frozenset(
    {"soll", "sollte", "sollen", "muss", "muesste", "should", "need", "must", "recommended",
     "empfohlen", "gut", "good", "best", "ideal", "normal", "man", "you"}
)  # fmt: skip
# "3 sessions done this week?", "2/3 schon?": a count of one's own with a question mark.
_COUNT_QUESTION = re.compile(r"^\s*\d+\s*(?:/\s*3\s*)?(?:sessions?|einheiten?|x)?\b.*\?\s*$")


def asks_own_progress(text: str) -> bool:
    """Whether `text` (any case, umlauts, emoji) asks about the writer's own progress this
    week. Returns False for statements and for general questions ("how many should I do?")."""
    if not text or len(text) > 120:
        return False
    words = tokens(text)
    if not words or any(word in _GENERAL for word in words):
        return False
    question = "?" in text
    if _COUNT_QUESTION.match(text.casefold()) and _ABOUT.intersection(words):
        return True
    for phrase in _ASKS:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                rest = words[:start] + words[start + size :]
                first = start == 0
                if (question or first) and (_ABOUT.intersection(rest) or phrase[-1] == "doing"):
                    return True
    return False
