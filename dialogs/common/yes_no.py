"""Typed answers to a yes/no question: "ja", "nö", "yep", "weiß nicht" instead of a button tap.

One reader for every yes/no question the bot asks (the red-flag check, the safety net's
questions, "Soll ich 20 Minuten Yoga eintragen?", /undo's "Soll ich diese Einheit löschen?"),
so that a word that answers one of them answers all of them the same way.

Strict on purpose: only a message that is a yes/no word (after folding: lower case, umlauts
spelled out, punctuation and emoji dropped), with at most a few words that do not change it
("nein, eigentlich nicht", "no, not really", "ja leider"), or contains an "unsure" phrase is an
answer; "ja, aber mein Bein ist taub" is not, and goes on to the safety net and the other
features.
"""

from __future__ import annotations

from enum import StrEnum

from dialogs.common.text import tokens


class TypedAnswer(StrEnum):
    """What a typed reply to a yes/no question says."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


_WORDS = {
    TypedAnswer.YES: frozenset(
        {"ja", "j", "jo", "jep", "jup", "yes", "y", "yep", "yeah", "stimmt", "genau"}
    ),
    TypedAnswer.NO: frozenset({"nein", "ne", "nee", "noe", "no", "n", "nope", "nah", "nicht"}),
}
# Words that may follow the yes or no word without changing it ("nein, eigentlich nicht",
# "nein danke", "no, not really", "ja leider", "yes I do"); anything else ("nein, aber mein Bein
# ist taub") makes the message more than an answer. At most MAX_ANSWER_WORDS words in all.
_YES_TAILS = frozenset(
    {"leider", "schon", "tatsaechlich", "doch", "ja", "genau", "yes", "yeah", "sadly",
     "unfortunately", "actually", "i", "do", "have", "am", "afraid", "im"}
)  # fmt: skip
_NO_TAILS = frozenset(
    {"eigentlich", "nicht", "danke", "gar", "wirklich", "ueberhaupt", "zum", "glueck", "bisher",
     "noch", "nie", "nein", "no", "not", "really", "thanks", "thank", "you", "at", "all", "so",
     "far", "luckily", "thankfully", "never", "i", "dont", "havent", "im", "am"}
)  # fmt: skip
_TAILS = {TypedAnswer.YES: _YES_TAILS, TypedAnswer.NO: _NO_TAILS}
MAX_ANSWER_WORDS = 5

_UNSURE_PHRASES = (
    "weiss nicht",
    "weiss ich nicht",
    "keine ahnung",
    "unsicher",
    "vielleicht",
    "not sure",
    "unsure",
    "dont know",
    "don t know",
    "idk",
    "maybe",
    "no idea",
)


def typed_answer(text: str) -> TypedAnswer | None:
    """The answer `text` gives to a yes/no question, or None when it is no such answer: an
    "unsure" phrase anywhere ("weiß ich nicht genau") is UNSURE; otherwise the message must be
    a yes or no word ("Ja!", "nö 👎"), followed at most by words that do not change it ("nein,
    eigentlich nicht", "nein danke", "no, not really", "ja leider")."""
    folded = " ".join(tokens(text))
    if any(phrase in folded for phrase in _UNSURE_PHRASES):
        return TypedAnswer.UNSURE
    words = folded.split()
    if not words or len(words) > MAX_ANSWER_WORDS:
        return None
    answer = next((answer for answer, options in _WORDS.items() if words[0] in options), None)
    if answer is None or not all(word in _TAILS[answer] for word in words[1:]):
        return None
    return answer


# Typed agreement to the disclaimer ("Bist du einverstanden?"), besides a yes word: the words
# people use to acknowledge a notice (folded, see `dialogs.common.text.fold`).
_AGREEMENT = frozenset(
    {
        "ok",
        "okay",
        "okey",
        "verstanden",
        "einverstanden",
        "bin einverstanden",
        "ich bin einverstanden",
        "passt",
        "klar",
        "los",
        "los gehts",
        "agree",
        "i agree",
        "agreed",
        "understood",
        "got it",
        "sure",
        "lets go",
    }
)


def typed_agreement(text: str) -> bool:
    """Whether `text` accepts a notice the way its button would: a yes word ("ja", "yes") or
    an acknowledgement ("ok", "verstanden", "einverstanden", "I agree"), and nothing more."""
    folded = " ".join(tokens(text))
    return folded in _AGREEMENT or typed_answer(text) is TypedAnswer.YES
