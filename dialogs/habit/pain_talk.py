""" "Mein Rücken tut weh", "my back really hurts today": someone saying their back hurts, as a
statement, gets a short kind answer with what usually helps (issue 12: never a cold "not
understood").

A pure matcher over the whole message, asked only after the safety net (red flags, crisis)
and every other feature had their turn: a back word and a pain word, no question, nothing that
makes it not now ("tut nicht mehr weh", "hatte letzte Woche"), and few words (a longer message
is a story the bot does not claim to understand). Questions go to the myths and questions ("Was
hilft bei Rückenschmerzen?").
"""

from __future__ import annotations

from itertools import pairwise

from dialogs.common.reply import Message
from dialogs.common.text import tokens

# Longer than this many words, a message is no simple statement of pain (product decision).
MAX_WORDS = 12
_BACK = frozenset({"ruecken", "kreuz", "back", "lws", "bandscheibe", "ischias"})
_BACK_PAIN = frozenset(
    {
        "rueckenschmerzen",
        "rueckenschmerz",
        "kreuzschmerzen",
        "rueckenweh",
        "backache",
        "hexenschuss",
    }
)
_PAIN = frozenset(
    {"weh", "schmerzt", "schmerzen", "schmerz", "hurts", "hurting", "aches", "aching", "pain",
     "sore", "killing", "zieht", "sticht", "brennt", "spinnt", "playing", "acting"}
)  # fmt: skip
# A pain word with one of these says the pain is bad, back named or not ("this pain is killing
# me", "die Schmerzen sind unerträglich"): in a back-pain coach, the pain is the back's.
_PAIN_NOUNS = frozenset({"pain", "schmerzen", "schmerz", "schmerzt"})
_STRONG = frozenset(
    {"killing", "unbearable", "unertraeglich", "furchtbar", "terrible", "awful", "horrible",
     "heftig", "heftige", "schlimm", "schlimme", "schlimmen"}
)  # fmt: skip
# "hab Rücken", "ich hab wieder Rücken", "hab's im Kreuz": a have-word and a back word in a
# message of at most MAX_HAVE_WORDS words (product decision: longer, it is a story – "ich hab
# Rücken und Beine gedehnt").
_HAVE = frozenset({"hab", "habe", "habs", "haben"})
MAX_HAVE_WORDS = 5
# Words that make it no statement of pain now: negated, better, or in the past ("hatte letzte
# Woche Rückenschmerzen, bin heute trotzdem …").
_NOT_NOW = frozenset(
    {"nicht", "kein", "keine", "keinen", "nie", "no", "not", "dont", "doesnt", "isnt", "never",
     "besser", "better", "hatte", "hatten", "had", "frueher", "letzte", "letzten", "last"}
)  # fmt: skip


def says_back_hurts(text: str) -> bool:
    """Whether `text` says, as a statement, that the writer's back hurts ("mein Rücken tut
    heute echt weh", "Kreuzschmerzen seit gestern", "my back is killing me", "mein Rücken
    bringt mich heute um", "this pain is killing me")."""
    if "?" in text:
        return False
    words = tokens(text)
    if not words or len(words) > MAX_WORDS or any(word in _NOT_NOW for word in words):
        return False
    if any(word in _BACK_PAIN for word in words):
        return True
    if any(word in _PAIN_NOUNS for word in words) and any(word in _STRONG for word in words):
        return True
    back = any(word in _BACK for word in words)
    # "(ich) hab (wieder) Rücken", "hab's im Kreuz": the German idiom for back pain, short.
    if back and len(words) <= MAX_HAVE_WORDS and any(word in _HAVE for word in words):
        return True
    if ("bad", "back") in pairwise(words):
        return True  # "I have a bad back", "my bad back again"
    # "mein Rücken bringt mich (heute) um": the German "is killing me"
    hurts = any(word in _PAIN for word in words) or ("bringt" in words and words[-1] == "um")
    return back and hurts


def back_hurts_reply() -> Message:
    """The kind answer: sorry to hear it, usually harmless and better with gentle movement
    (NVL Kreuzschmerz 2017, NICE NG59, Dahm et al. 2010), a guided session, and /check for
    warning signs."""
    return Message("habit-back-hurts")
