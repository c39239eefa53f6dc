"""Compiles the YAML's free-text patterns into word-level atoms and says which atoms a word hits.

Why compile: the patterns in `data/red_flags.yaml` are written for clinicians to read
("@BLADDER_BOWEL + nicht + halten", `*taubheit*` for German compounds, `#4-52` for a number
range). Matching them as text on every message would be slow, so each language's patterns are
turned once into numbered atoms with lookup tables (by stem, exact word, prefix, suffix, infix,
number range, and per first letter for typos). `token_hits` then answers "which atoms does this
word satisfy" from those tables, cached because people reuse their words. Matching is tolerant
on purpose (snowball stems for inflections, rapidfuzz edit distance for typos). The sentence
logic (spans, negation scope) lives in `dialogs.screening`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import OSA

from dialogs.normalize import fold_word, stems
from dialogs.redflags import LANGUAGES, Urgency, raw_content


@dataclass(frozen=True)
class _Atom:
    kind: str  # word | exact | prefix | suffix | infix | number
    value: str
    low: int = 0
    high: int = 0


@dataclass
class Language:
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

    @cached_property
    def negating(self) -> frozenset[str]:
        """Words that negate what follows them (strong or weak)."""
        return self.negation | self.weak

    @cached_property
    def cues(self) -> frozenset[str]:
        """Every negation word, wherever it stands (cached: checked for every candidate span)."""
        return self.negating | self.trailing

    def hits(self, word: str) -> frozenset[int]:
        return token_hits(self.code, word)


def _parse_atom(spec: str) -> _Atom:
    if spec.startswith("#"):
        low, high = spec[1:].split("-")
        return _Atom("number", "", int(low), int(high))
    if spec.startswith("="):
        return _Atom("exact", fold_word(spec[1:]))
    starts, ends = spec.startswith("*"), spec.endswith("*")
    value = fold_word(spec.strip("*"))
    if starts and ends:
        return _Atom("infix", value)
    if ends:
        return _Atom("prefix", value)
    if starts:
        return _Atom("suffix", value)
    return _Atom("word", value)


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
class Pattern:
    source: str
    groups: tuple[tuple[tuple[int, ...], ...], ...]  # groups → alternatives → atom sequence


@dataclass(frozen=True)
class Rule:
    """One red flag (or the worsening detector) in one language."""

    flag_id: str
    urgency: Urgency
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]


def _compile_pattern(text: str, language: Language, vocabulary: Mapping[str, str]) -> Pattern:
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
    return Pattern(text, tuple(groups))


@dataclass(frozen=True)
class Compiled:
    languages: Mapping[str, Language]
    rules: Mapping[str, tuple[Rule, ...]]  # language → flag rules, most urgent first
    worsening: Mapping[str, Rule]


@lru_cache(maxsize=1)
def compiled_patterns() -> Compiled:
    raw = raw_content()
    # Function words of both languages count everywhere: a German message is also screened
    # with the English patterns ("Infektion" ≈ "infection"), and "keine" must still negate it.
    function_words = {
        key: frozenset(fold_word(word) for code in LANGUAGES for word in raw["language"][code][key])
        for key in (
            "negation",
            "weak_negation",
            "trailing_negation",
            "carry",
            "barrier",
            "sentence_break",
        )
    }
    languages: dict[str, Language] = {}
    rules: dict[str, tuple[Rule, ...]] = {}
    worsening: dict[str, Rule] = {}
    for code in LANGUAGES:
        spec = raw["language"][code]
        words = function_words
        language = Language(
            code,
            negation=words["negation"],
            weak=words["weak_negation"],
            trailing=words["trailing_negation"],
            carry=words["carry"],
            barrier=words["barrier"],
            breaks=words["sentence_break"],
            ignore=frozenset(fold_word(word) for word in spec["ignore"]),
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
            compiled_rules.append(Rule(flag["id"], Urgency(flag["urgency"]), patterns, unless))
        compiled_rules.sort(key=lambda rule: -rule.urgency.rank)
        rules[code] = tuple(compiled_rules)
        worsening[code] = Rule(
            "worsening",
            Urgency.NONE,
            tuple(_compile_pattern(text, language, vocabulary) for text in raw["worsening"][code]),
            (),
        )
        languages[code] = language
    return Compiled(languages, rules, worsening)


@lru_cache(maxsize=65536)
def token_hits(code: str, word: str) -> frozenset[int]:
    """Which pattern atoms one word satisfies (cached: people reuse their words)."""
    language = compiled_patterns().languages[code]
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
