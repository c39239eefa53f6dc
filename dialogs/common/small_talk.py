"""Small talk: "moin", "danke", "👍", "gute nacht" get a short friendly answer instead of "not
understood" (issue 12 §3).

A pure matcher over the whole message: only a message that is nothing but one of the phrases
of `data/small_talk.yaml` (after folding: lower case, umlauts spelled out, punctuation dropped;
emoji allowed around it), or a few of them in a row ("super, danke!", "danke dir, echt
hilfreich", "thanks, really helpful"), is small talk, so "danke, aber mein Bein ist taub" is
not. The bot asks
`leaves_dialog` too: a greeting or thanks typed while a dialog waits for its answer belongs
elsewhere, while "ok" or 👍 right after a dialog's question stays the dialog's business.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from dialogs.common.content import data_path
from dialogs.common.reply import FluentArgs, Message
from dialogs.common.text import tokens

DATA_FILE = data_path("small_talk.yaml")
# Longer than this many words, a message is no small talk (product decision: the longest
# phrase, "see you later", has 3 words; a 4th is a name or a real message).
MAX_WORDS = 8
# Kinds that may follow each other in one message ("ok danke", "hallo und danke", "danke, gute
# nacht"); the first of them in this order answers (the thanks, not the "super" before it).
# Low mood comes first: "danke, ich kann nicht mehr" gets the warm line with the crisis lines,
# never a "you're welcome" (safety first).
LOW_MOOD = "low_mood"  # the kind whose answer names the crisis line and the emergency number
_COMBINED = (LOW_MOOD, "goodnight", "bye", "thanks", "how_are_you", "greeting", "ack")
# Words that join two parts: "hallo und danke", "thanks and bye".
_JOINERS = frozenset({"und", "and"})
# Emoji modifiers that do not change what an emoji says: the variation selector, the zero-width
# joiner and the five skin tones.
_MODIFIERS = {"\ufe0f", "\u200d", *map(chr, range(0x1F3FB, 0x1F400))}


@dataclass(frozen=True)
class SmallTalk:
    """A matched message: its kind ("greeting", "thanks", "goodnight", "bye", "ack") and
    whether it leaves an open dialog (is not read as the dialog's answer)."""

    kind: str
    leaves_dialog: bool


@dataclass(frozen=True)
class _Kinds:
    phrases: dict[str, SmallTalk]  # folded phrase → kind
    emoji: dict[str, SmallTalk]  # an emoji → kind
    longest: int  # the most words of any phrase


# The tails of English contractions: "can't" and "cant" are one word here ("I cant take it
# anymore" is low mood as much as "I can't take it anymore").
_CONTRACTION_TAILS = frozenset({"t", "s", "m", "re", "ve", "ll", "d"})


def _words(text: str) -> list[str]:
    """`tokens`, with a contraction's tail joined to its word ("can t" → "cant")."""
    words: list[str] = []
    for word in tokens(text):
        if word in _CONTRACTION_TAILS and words:
            words[-1] += word
        else:
            words.append(word)
    return words


@lru_cache(maxsize=1)
def _kinds() -> _Kinds:
    with DATA_FILE.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml.safe_load(handle)
    phrases: dict[str, SmallTalk] = {}
    emoji: dict[str, SmallTalk] = {}
    for kind, entry in raw["kinds"].items():
        found = SmallTalk(kind, bool(entry["leaves_dialog"]))
        for phrase in entry["phrases"]:
            phrases[" ".join(_words(phrase))] = found
        for symbol in entry.get("emoji") or ():
            emoji[symbol.replace("\ufe0f", "")] = found
    return _Kinds(phrases, emoji, max((len(p.split()) for p in phrases), default=0))


def small_talk(text: str) -> SmallTalk | None:
    """The small talk `text` is, or None. Words decide when there are any ("danke 👍" is
    thanks); a message of emoji only is small talk when each of its emoji is of one kind."""
    words = _words(text)
    kinds = _kinds()
    if words:
        if len(words) > MAX_WORDS:
            return None
        return kinds.phrases.get(" ".join(words)) or _in_a_row(words, kinds)
    symbols = [char for char in text if _is_symbol(char)]
    found = {kinds.emoji.get(symbol) for symbol in symbols}
    if not symbols or None in found or len(found) != 1:
        return None
    return found.pop()


def _in_a_row(words: list[str], kinds: _Kinds) -> SmallTalk | None:
    """The small talk of a message that is several phrases in a row ("super danke", "danke
    dir echt hilfreich"), each of a kind in `_COMBINED`, maybe joined by "und"/"and"; None
    when any word is left over."""
    phrases, longest = kinds.phrases, kinds.longest

    def parts(start: int) -> list[SmallTalk] | None:
        if start == len(words):
            return []
        if words[start] in _JOINERS and start > 0:
            return parts(start + 1)
        for size in range(min(longest, len(words) - start), 0, -1):
            found = phrases.get(" ".join(words[start : start + size]))
            if found is None or found.kind not in _COMBINED:
                continue
            rest = parts(start + size)
            if rest is not None:
                return [found, *rest]
        return None

    found = parts(0)
    if not found or len(found) < 2:
        return None
    return min(found, key=lambda part: _COMBINED.index(part.kind))


def _is_symbol(char: str) -> bool:
    """A character that says something: not a space, punctuation or an emoji modifier."""
    return char not in _MODIFIERS and unicodedata.category(char)[0] not in "PZC"


def reply(found: SmallTalk, helplines: FluentArgs | None = None) -> Message:
    """The short friendly answer (Fluent `small-talk-<kind>`); `helplines` are the user's
    numbers (`Helplines.args`), which the low-mood answer names."""
    return Message(f"small-talk-{found.kind}", dict(helplines or {}))


# A message of at least 3 words starting with one of these is a question even without "?"
# ("wie lange soll ich gehen", "should i rest").
_QUESTION_WORDS = {
    "wie", "was", "warum", "wieso", "weshalb", "wann", "wo", "welche", "welcher", "welches",
    "soll", "sollte", "darf", "how", "what", "why", "when", "where", "which", "should",
}  # fmt: skip


def is_question(text: str) -> bool:
    """A question of its own: it ends with "?" and has at least 2 words ("ja?" alone is an
    answer with doubt, not a question for elsewhere), or it has at least 3 words and starts
    with a question word ("wie lange soll ich gehen")."""
    words = tokens(text)
    if text.rstrip().rstrip("!").rstrip().endswith("?"):
        return len(words) >= 2
    return len(words) >= 3 and words[0] in _QUESTION_WORDS
