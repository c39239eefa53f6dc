"""Text normalisation shared by the matchers: one place decides what "the same word" means.

Users type on phones: capitals, umlauts spelled out or dropped, emoji and typos. The matchers
(safety net, myths, done-parsing) compare normalised tokens so that "Rücken", "RUECKEN" and
"rucken" meet, and stems so that "Schmerzen" and "Schmerz" meet.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import snowballstemmer

Language = str  # "de" | "en"

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, spell out umlauts (ä→ae, ß→ss) and strip other accents."""
    text = text.casefold().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    """Folded word tokens (runs of a–z and 0–9) in text order, without punctuation or emoji;
    letters that do not fold to a–z (Cyrillic, Greek …) are dropped too."""
    return _TOKEN.findall(fold(text))


def fold_word(text: str) -> str:
    """One folded word with everything but letters and digits dropped ("can't" → "cant")."""
    return "".join(tokens(text))


# One stemmer per thread and language: a snowballstemmer instance keeps the word it works on
# in itself, so two threads sharing one (the bot builds the myth matcher in a thread while
# turns screen messages on the event loop) corrupt each other's stems.
_PER_THREAD = threading.local()


def _stemmer(language: Language) -> snowballstemmer.stemmer:
    stemmers: dict[str, snowballstemmer.stemmer] | None = getattr(_PER_THREAD, "stemmers", None)
    if stemmers is None:
        stemmers = _PER_THREAD.stemmers = {}
    name = "german" if language == "de" else "english"
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


def stems(text: str, language: Language) -> list[str]:
    """Snowball stems of the folded tokens, in text order, for inflection-tolerant matching
    (the German stemmer for "de", the English one for any other language)."""
    return list(_stemmer(language).stemWords(tokens(text)))
