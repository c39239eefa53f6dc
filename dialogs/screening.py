"""The free-text matcher: finds red-flag statements in one message, with negation resolved.

Why a hand-written matcher and not a classifier: every decision can be traced to one pattern
in `data/red_flags.yaml`, clinicians can read and correct those patterns, and it runs in
microseconds on every message. This module splits a message into sentences (commas and "aber"
act as barriers), tests the compiled patterns of `dialogs.patterns` against each sentence, and
decides whether a negation ("kein Fieber", "no numbness", "nicht taub", "Fieber habe ich
keins") governs the words that matched. When in doubt it flags: missing a cauda equina
syndrome is far worse than one unnecessary "please see a doctor".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from dialogs.normalize import fold_word
from dialogs.patterns import Language, Pattern, Rule, compiled_patterns
from dialogs.redflags import LANGUAGES, Screening

CUE_REACH = 3  # a negation that belongs to a sign stands at most 3 words from it
CANDIDATES = 3  # per group, the nearest few occurrences are tried
MAX_SPAN = 9  # a pattern's words must lie within this many tokens of one sentence
BEFORE_WINDOW = 3  # a negation governs up to this many words after it
WEAK_WINDOW = 2  # "nicht"/"not" only governs the next two words
TRAILING_WINDOW = 5  # "Fieber habe ich keins": negation after the sign, at the sentence end
TRAILING_REST = 2  # …followed by at most this many words


# ------------------------------------------------------------------ tokenising
_PIECE = re.compile(
    r"(?P<word>\d+|[^\W\d_]+(?:['’`´][^\W\d_]+)*)|(?P<barrier>[,:()–—])|(?P<stop>[.!?;\n]+)"
)


@dataclass(frozen=True)
class _Token:
    text: str  # folded, apostrophes dropped ("can't" → "cant")
    start: int
    end: int


Sentence = list[_Token | None]  # None marks a comma-like barrier


def _sentences(text: str, breaks: frozenset[str]) -> list[Sentence]:
    sentences: list[Sentence] = [[]]
    for piece in _PIECE.finditer(text):
        if piece.lastgroup == "stop":
            sentences.append([])
        elif piece.lastgroup == "barrier":
            sentences[-1].append(None)
        else:
            word = fold_word(piece.group())
            if not word:
                continue
            if word in breaks:
                sentences[-1].append(None)  # "aber": a new thought, but the same context
            else:
                sentences[-1].append(_Token(word, piece.start(), piece.end()))
    return [sentence for sentence in sentences if any(sentence)]


# ------------------------------------------------------------------ matching
class _SentenceView:
    """One sentence with each word's atom hits, ready to test patterns against."""

    def __init__(self, sentence: Sentence, language: Language) -> None:
        self.words = [token.text if token else None for token in sentence]
        self.tokens = sentence
        self.language = language
        self.positions: dict[int, list[int]] = {}
        for position, word in enumerate(self.words):
            if word is None:
                continue
            for atom in language.hits(word):
                self.positions.setdefault(atom, []).append(position)

    def _spans(self, alternative: tuple[int, ...]) -> list[tuple[int, int]]:
        spans = []
        for start in self.positions.get(alternative[0], ()):
            end = start + len(alternative) - 1
            if end < len(self.words) and all(
                self.words[start + offset] is not None
                and start + offset in self.positions.get(atom, ())
                for offset, atom in enumerate(alternative[1:], start=1)
            ):
                spans.append((start, end))
        return spans

    def find(self, pattern: Pattern) -> tuple[int, int] | None:
        """The first span where the pattern occurs without a negation governing it."""
        per_group = []
        for group in pattern.groups:
            spans = [span for alternative in group for span in self._spans(alternative)]
            if not spans:
                return None
            per_group.append(spans)
        per_group.sort(key=len)
        for anchor in per_group[0]:
            nearest = [
                sorted(spans, key=lambda span: _gap(span, anchor))[:CANDIDATES]
                for spans in per_group[1:]
            ]
            for others in product(*nearest):
                chosen = (anchor, *others)
                low = min(span[0] for span in chosen)
                high = max(span[1] for span in chosen)
                used = {p for start, end in chosen for p in range(start, end + 1)}
                if (
                    high - low <= MAX_SPAN
                    and self._cues_attached(chosen)
                    and not self._negated(low, high, used)
                ):
                    return low, high
        return None

    def _cues_attached(self, chosen: tuple[tuple[int, int], ...]) -> bool:
        """A negation word that is part of a sign ("keine Erektion", "nicht halten") must
        stand next to the rest of it; "keine Probleme beim Wasserlassen" is not "kein Wasser"."""
        cues = self.language.cues
        for start, end in chosen:
            if (
                start == end
                and self.words[start] in cues
                and not any(
                    other != (start, end) and _gap(other, (start, end)) <= CUE_REACH
                    for other in chosen
                )
            ):
                return False
        return True

    def _negated(self, low: int, high: int, used: set[int]) -> bool:
        lang, words = self.language, self.words
        if any(p not in used and words[p] in lang.negating for p in range(low, high + 1)):
            return True
        distance, position = 0, low - 1
        while position >= 0 and distance < BEFORE_WINDOW:
            word = words[position]
            if word is None or word in lang.barrier:
                break
            if word not in lang.carry:
                distance += 1
            if word in lang.negation or (word in lang.weak and distance <= WEAK_WINDOW):
                return True
            position -= 1
        distance, position = 0, high + 1
        while position < len(words) and distance < TRAILING_WINDOW:
            word = words[position]
            if word is None or word in lang.barrier:
                break
            distance += 1
            if word in lang.trailing and self._rest(position) <= TRAILING_REST:
                return True
            position += 1
        return False

    def _rest(self, position: int) -> int:
        rest = 0
        for word in self.words[position + 1 :]:
            if word is None or word in self.language.barrier:
                break
            rest += 1
        return rest

    def text(self, original: str, low: int, high: int) -> str:
        first, last = self.tokens[low], self.tokens[high]
        assert first is not None and last is not None
        return original[first.start : last.end]


def _gap(span: tuple[int, int], anchor: tuple[int, int]) -> int:
    return max(span[0] - anchor[1], anchor[0] - span[1], 0)


def _matches(rule: Rule, view: _SentenceView) -> tuple[int, int] | None:
    if any(view.find(pattern) for pattern in rule.unless):
        return None
    for pattern in rule.patterns:
        span = view.find(pattern)
        if span:
            return span
    return None


def screen(text: str, language: str) -> Screening:
    """Screen one message for red flags in German and English (the user's language first).

    Both languages are always checked: people switch languages, and a missed flag costs more
    than a rare false alarm.
    """
    compiled = compiled_patterns()
    order = [language] + [code for code in LANGUAGES if code != language]
    best: Screening = Screening()
    worsening = False
    for code in order:
        if code not in compiled.languages:
            continue
        lang = compiled.languages[code]
        for sentence in _sentences(text, lang.breaks):
            view = _SentenceView(sentence, lang)
            worsening = worsening or _matches(compiled.worsening[code], view) is not None
            for rule in compiled.rules[code]:
                if rule.urgency.rank <= best.level.rank:
                    break
                span = _matches(rule, view)
                if span:
                    best = Screening(rule.urgency, rule.flag_id, view.text(text, *span))
                    break
    return Screening(best.level, best.flag_id, best.matched, worsening)
