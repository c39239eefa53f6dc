"""The safety net: screens every free-text message for red-flag statements before anything else.

Why a hand-written matcher and not a classifier: the patterns live in `data/red_flags.yaml`
where clinicians can read and correct them, every decision can be traced to one pattern, and
it runs in microseconds on every message. Matching is tolerant on purpose (snowball stems for
inflections, `*part*` for German compounds, rapidfuzz edit distance for typos) and negation
("kein Fieber", "no numbness", "nicht taub") is resolved per sentence. When in doubt it flags:
missing a cauda equina syndrome is far worse than one unnecessary "please see a doctor".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any, Protocol

import yaml
from rapidfuzz.distance import OSA

from dialogs.normalize import stems, tokens
from dialogs.reply import Button, Message

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "red_flags.yaml"
LANGUAGES = ("de", "en")
CUE_REACH = 3  # a negation that belongs to a sign stands at most 3 words from it
CANDIDATES = 3  # per group, the nearest few occurrences are tried
MAX_SPAN = 9  # a pattern's words must lie within this many tokens of one sentence
BEFORE_WINDOW = 3  # a negation governs up to this many words after it
WEAK_WINDOW = 2  # "nicht"/"not" only governs the next two words
TRAILING_WINDOW = 5  # "Fieber habe ich keins": negation after the sign, at the sentence end
TRAILING_REST = 2  # …followed by at most this many words
DEFAULT_EMERGENCY_NUMBER = "112"
DEFAULT_URGENT_NUMBER = "116117"


class Urgency(StrEnum):
    """How fast a person should see a doctor. `CLEAR` is an alias of `NONE` for check outcomes."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    NONE = "none"
    CLEAR = "none"

    @property
    def rank(self) -> int:
        """3 for an emergency down to 0 for none: compare urgencies with this, not with `<`."""
        return _RANK[self.value]

    def at_least(self, other: Urgency) -> bool:
        return self.rank >= other.rank


_RANK = {"emergency": 3, "urgent": 2, "soon": 1, "none": 0}


def most_urgent(levels: Iterable[Urgency]) -> Urgency:
    return max(levels, key=lambda level: level.rank, default=Urgency.NONE)


@dataclass(frozen=True)
class Screening:
    """What the safety net found in one message."""

    level: Urgency = Urgency.NONE
    flag_id: str | None = None
    matched: str | None = None  # the words of the message that matched
    worsening: bool = False  # "it's getting worse": re-offer the check

    @property
    def flagged(self) -> bool:
        return self.level is not Urgency.NONE

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return (self.flag_id,) if self.flag_id else ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "flag_id": self.flag_id,
            "matched": self.matched,
            "worsening": self.worsening,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Screening:
        return cls(
            Urgency(data.get("level", "none")),
            data.get("flag_id"),
            data.get("matched"),
            bool(data.get("worsening", False)),
        )


# ------------------------------------------------------------------ content (reviewed YAML)
@dataclass(frozen=True)
class RedFlag:
    id: str
    urgency: Urgency
    sign: Mapping[str, str]  # language → how the alert names it
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    flags: tuple[str, ...]
    text: Mapping[str, str]


@dataclass(frozen=True)
class Catalogue:
    flags: Mapping[str, RedFlag]
    questions: tuple[Question, ...]
    sources: Mapping[str, Mapping[str, Any]]
    stay_active: Mapping[str, str]
    stay_active_sources: tuple[str, ...]

    def question_urgency(self, question: Question) -> Urgency:
        return most_urgent(self.flags[flag].urgency for flag in question.flags)

    def cite(self, source_ids: Iterable[str]) -> str:
        """Compact citations ("Dahm et al., Cochrane 2010") so the message fits one screen;
        the full references stay in data/red_flags.yaml and the README."""
        cited = []
        for source_id in source_ids:
            source = self.sources[source_id]
            cited.append(
                source.get("short")
                or f"{source['title']} ({source.get('venue', source.get('publisher'))}, "
                f"{source['year']})"
            )
        return "; ".join(cited)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The red flags, the check's questions and the all-clear advice (loaded once)."""
    raw = _raw()
    flags = {
        item["id"]: RedFlag(
            item["id"], Urgency(item["urgency"]), item["sign"], tuple(item["sources"])
        )
        for item in raw["flags"]
    }
    questions = tuple(
        Question(item["id"], tuple(item["flags"]), item["text"]) for item in raw["questions"]
    )
    stay = raw["stay_active"]
    return Catalogue(flags, questions, raw["sources"], stay["text"], tuple(stay["sources"]))


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
            word = "".join(tokens(piece.group()))
            if not word:
                continue
            if word in breaks:
                sentences[-1].append(None)  # "aber": a new thought, but the same context
            else:
                sentences[-1].append(_Token(word, piece.start(), piece.end()))
    return [sentence for sentence in sentences if any(sentence)]


# ------------------------------------------------------------------ compiled patterns
@dataclass(frozen=True)
class _Atom:
    kind: str  # word | exact | prefix | suffix | infix | number
    value: str
    low: int = 0
    high: int = 0


@dataclass
class _Language:
    """Everything one language needs for matching, compiled once from the YAML."""

    code: str
    negation: frozenset[str]
    weak: frozenset[str]
    trailing: frozenset[str]
    carry: frozenset[str]
    barrier: frozenset[str]
    breaks: frozenset[str]
    ignore: frozenset[str]
    atoms: list[_Atom] = field(default_factory=list)
    atom_ids: dict[_Atom, int] = field(default_factory=dict)
    by_stem: dict[str, set[int]] = field(default_factory=dict)
    by_exact: dict[str, set[int]] = field(default_factory=dict)
    by_prefix: dict[str, set[int]] = field(default_factory=dict)
    by_suffix: dict[str, set[int]] = field(default_factory=dict)
    infixes: list[tuple[str, int]] = field(default_factory=list)
    numbers: list[tuple[int, int, int]] = field(default_factory=list)
    fuzzy_words: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    fuzzy_prefixes: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def atom(self, spec: str) -> int:
        atom = _parse_atom(spec)
        if atom in self.atom_ids:
            return self.atom_ids[atom]
        index = len(self.atoms)
        self.atoms.append(atom)
        self.atom_ids[atom] = index
        value = atom.value
        if atom.kind == "word":
            self.by_stem.setdefault(_stem(value, self.code), set()).add(index)
            self.by_exact.setdefault(value, set()).add(index)
            if len(value) >= 5 and value not in self.cues:
                self.fuzzy_words.setdefault(value[0], []).append((value, index))
        elif atom.kind == "exact":
            self.by_exact.setdefault(value, set()).add(index)
        elif atom.kind == "prefix":
            self.by_prefix.setdefault(value, set()).add(index)
            if len(value) >= 6:
                self.fuzzy_prefixes.setdefault(value[0], []).append((value, index))
        elif atom.kind == "suffix":
            self.by_suffix.setdefault(value, set()).add(index)
        elif atom.kind == "infix":
            self.infixes.append((value, index))
        else:
            self.numbers.append((atom.low, atom.high, index))
        return index

    @property
    def cues(self) -> frozenset[str]:
        return self.negation | self.weak | self.trailing

    def hits(self, word: str) -> frozenset[int]:
        return _token_hits(self.code, word)


def _parse_atom(spec: str) -> _Atom:
    if spec.startswith("#"):
        low, high = spec[1:].split("-")
        return _Atom("number", "", int(low), int(high))
    if spec.startswith("="):
        return _Atom("exact", _fold_word(spec[1:]))
    starts, ends = spec.startswith("*"), spec.endswith("*")
    value = _fold_word(spec.strip("*"))
    if starts and ends:
        return _Atom("infix", value)
    if ends:
        return _Atom("prefix", value)
    if starts:
        return _Atom("suffix", value)
    return _Atom("word", value)


def _fold_word(word: str) -> str:
    return "".join(tokens(word))


def _stem(word: str, language: str) -> str:
    found = stems(word, language)
    return found[0] if found else word


def _typo_budget(length: int) -> int:
    return 2 if length >= 10 else 1


def _plausible_typo(word: str, term: str) -> bool:
    """In five-letter words one changed letter often makes another word ("nacht"/"nicht",
    "Beine"/"keine"), so there only a missing, extra or swapped letter counts as a typo."""
    if len(term) >= 6 or len(word) != len(term):
        return True
    return sorted(word) == sorted(term)


@dataclass(frozen=True)
class _Pattern:
    source: str
    groups: tuple[tuple[tuple[int, ...], ...], ...]  # groups → alternatives → atom sequence


@dataclass(frozen=True)
class _Rule:
    """One red flag (or the worsening detector) in one language."""

    flag_id: str
    urgency: Urgency
    patterns: tuple[_Pattern, ...]
    unless: tuple[_Pattern, ...]


def _compile_pattern(text: str, language: _Language, vocabulary: Mapping[str, str]) -> _Pattern:
    groups = []
    for group in text.split(" + "):
        alternatives: list[tuple[int, ...]] = []
        for alternative in group.split("|"):
            alternative = alternative.strip()
            expanded = (
                vocabulary[alternative[1:]].split("|") if alternative[0] == "@" else [alternative]
            )
            for option in expanded:
                alternatives.append(tuple(language.atom(part) for part in option.split()))
        groups.append(tuple(alternatives))
    return _Pattern(text, tuple(groups))


@dataclass(frozen=True)
class _Compiled:
    languages: Mapping[str, _Language]
    rules: Mapping[str, tuple[_Rule, ...]]  # language → flag rules, most urgent first
    worsening: Mapping[str, _Rule]


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    raw = _raw()
    # Function words of both languages count everywhere: a German message is also screened
    # with the English patterns ("Infektion" ≈ "infection"), and "keine" must still negate it.
    function_words = {
        key: frozenset(
            _fold_word(word) for code in LANGUAGES for word in raw["language"][code][key]
        )
        for key in (
            "negation",
            "weak_negation",
            "trailing_negation",
            "carry",
            "barrier",
            "sentence_break",
        )
    }
    languages: dict[str, _Language] = {}
    rules: dict[str, tuple[_Rule, ...]] = {}
    worsening: dict[str, _Rule] = {}
    for code in LANGUAGES:
        spec = raw["language"][code]
        words = function_words
        language = _Language(
            code,
            negation=words["negation"],
            weak=words["weak_negation"],
            trailing=words["trailing_negation"],
            carry=words["carry"],
            barrier=words["barrier"],
            breaks=words["sentence_break"],
            ignore=frozenset(_fold_word(word) for word in spec["ignore"]),
        )
        vocabulary = raw["vocabulary"][code]
        compiled_rules = []
        for flag in raw["flags"]:
            patterns = tuple(
                _compile_pattern(text, language, vocabulary) for text in flag["patterns"][code]
            )
            unless = tuple(
                _compile_pattern(text, language, vocabulary)
                for text in flag.get("unless", {}).get(code, [])
            )
            compiled_rules.append(_Rule(flag["id"], Urgency(flag["urgency"]), patterns, unless))
        compiled_rules.sort(key=lambda rule: -rule.urgency.rank)
        rules[code] = tuple(compiled_rules)
        worsening[code] = _Rule(
            "worsening",
            Urgency.NONE,
            tuple(_compile_pattern(text, language, vocabulary) for text in raw["worsening"][code]),
            (),
        )
        languages[code] = language
    return _Compiled(languages, rules, worsening)


@lru_cache(maxsize=65536)
def _token_hits(code: str, word: str) -> frozenset[int]:
    """Which pattern atoms one word satisfies (cached: people reuse their words)."""
    language = _compiled().languages[code]
    if word in language.ignore:
        return frozenset()
    found: set[int] = set()
    found |= language.by_exact.get(word, set())
    found |= language.by_stem.get(_stem(word, code), set())
    for end in range(1, len(word) + 1):
        found |= language.by_prefix.get(word[:end], set())
        found |= language.by_suffix.get(word[-end:], set())
    found.update(index for part, index in language.infixes if part in word)
    if word.isdigit():
        number = int(word)
        found.update(index for low, high, index in language.numbers if low <= number <= high)
        return frozenset(found)
    if len(word) >= 5 and word not in language.cues:
        for term, index in language.fuzzy_words.get(word[0], ()):
            budget = _typo_budget(len(term))
            if (
                index not in found
                and _plausible_typo(word, term)
                and (OSA.distance(word, term, score_cutoff=budget) <= budget)
            ):
                found.add(index)
        for term, index in language.fuzzy_prefixes.get(word[0], ()):
            if index in found:
                continue
            size = len(term)
            if any(
                OSA.distance(word[:cut], term, score_cutoff=1) <= 1
                for cut in (size - 1, size, size + 1)
                if cut <= len(word)
            ):
                found.add(index)
    return frozenset(found)


# ------------------------------------------------------------------ matching
class _SentenceView:
    """One sentence with each word's atom hits, ready to test patterns against."""

    def __init__(self, sentence: Sentence, language: _Language) -> None:
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

    def find(self, pattern: _Pattern) -> tuple[int, int] | None:
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
        cues = lang.negation | lang.weak
        if any(p not in used and words[p] in cues for p in range(low, high + 1)):
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


def _matches(rule: _Rule, view: _SentenceView) -> tuple[int, int] | None:
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
    compiled = _compiled()
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


# ------------------------------------------------------------------ alerts
class Alertable(Protocol):
    """A screening result or a check outcome: anything with a level and red-flag ids."""

    @property
    def level(self) -> Urgency: ...

    @property
    def flag_ids(self) -> tuple[str, ...]: ...


START_CHECK = "tri:start"
LATER = "tri:later"
TO_PLAN = "tri:plan"


def signs(flag_ids: Iterable[str], level: Urgency, language: str) -> str:
    """How the alert names the signs of this level ("; "-joined, in the user's language)."""
    catalogue = load_catalogue()
    names = [
        catalogue.flags[flag].sign[language]
        for flag in flag_ids
        if flag in catalogue.flags and catalogue.flags[flag].urgency is level
    ]
    return "; ".join(dict.fromkeys(names))


def alert_message(
    result: Alertable,
    language: str,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
    urgent_number: str = DEFAULT_URGENT_NUMBER,
    *,
    via: str = "message",
) -> Message:
    """The alert for a flagged result (or, for "getting worse", the offer to re-check).

    `via` is "message" for the free-text safety net (with a button into the structured check)
    or "check" for the end of the check itself.
    """
    level = result.level
    args = {
        "sign": signs(result.flag_ids, level, language),
        "emergency": emergency_number,
        "urgent": urgent_number,
        "via": via,
    }
    if level is Urgency.NONE:
        if getattr(result, "worsening", False):
            return offer_message("worse")
        raise ValueError("nothing to alert: the result has no red flag")
    buttons: tuple[tuple[Button, ...], ...] = ()
    if via == "message":
        key = "triage-button-misread" if level is Urgency.EMERGENCY else "triage-button-start"
        buttons = ((Button(key, START_CHECK),),)
    elif level is Urgency.SOON:
        buttons = ((Button("triage-button-plan", TO_PLAN),),)
    return Message(f"triage-alert-{level.value}", args, buttons)


def offer_message(reason: str) -> Message:
    """Offer the check again: `reason` is "worse" (the user says so) or "due" (4 weeks)."""
    return Message(
        f"triage-offer-{reason}",
        {},
        ((Button("triage-button-start", START_CHECK), Button("triage-button-later", LATER)),),
    )
