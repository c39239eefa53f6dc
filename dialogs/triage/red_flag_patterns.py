"""Compiles the YAML's free-text patterns into word-level atoms and says which atoms a word hits.

Why compile: the patterns in `data/red_flags.yaml` are written for clinicians to read
("@BLADDER_BOWEL + nicht + halten", `*taubheit*` for German compounds, `#4-52` for a number
range). Matching them as text on every message would be slow, so each language's patterns are
turned once into numbered atoms with lookup tables (by stem, exact word, prefix, suffix, infix,
number range, and per first letter for typos). `token_hits` then answers "which atoms does this
word satisfy" from those tables, cached because people reuse their words. Matching is tolerant
on purpose (snowball stems for inflections, rapidfuzz edit distance for typos). The sentence
logic (spans, negation scope) lives in `dialogs.triage.screening`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from dialogs.common.text import fold_word, stems
from dialogs.common.word_frequency import common_words, is_real_word
from dialogs.triage.context import negation_words
from dialogs.triage.red_flags import LANGUAGES, Urgency, raw_content


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
    cues: frozenset[str]  # every negation word, wherever it stands (never a typo target)
    ignore: frozenset[str]  # look-alikes that are never a sign ("Lampenfieber", "cancel")
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
    primary_only: set[int] = field(default_factory=set)  # `~word`: the user's language only

    def atom(self, spec: str) -> int:
        """The index of atom `spec` (`word`, `=exact`, `~word`, `pre*`, `*suf`, `*in*`,
        `#4-52`: the YAML's syntax), added with its lookups on first use. Words of 5+ letters
        and prefixes of 6+ also match typos (product decision: shorter ones too often spell
        another word); ValueError for a malformed `#low-high`."""
        if spec.startswith("~"):
            index = self.atom("=" + spec[1:])
            self.primary_only.add(index)
            return index
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

    def hits(self, word: str) -> frozenset[int]:
        """The atom indices one folded word satisfies (see `token_hits`)."""
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
    """Edits (OSA distance) a typo of a `length`-letter term may have: 2 from 10 letters, else 1
    (product decision; the YAML's "a typo (1–2 letters)")."""
    return 2 if length >= 10 else 1


def _plausible_typo(word: str, term: str) -> bool:
    """In five-letter words one changed letter often makes another word ("nacht"/"nicht",
    "Beine"/"keine"), so there only a missing, extra or swapped letter counts as a typo."""
    if len(term) >= 6 or len(word) != len(term):
        return True
    return sorted(word) == sorted(term)


@dataclass(frozen=True)
class Pattern:
    """One YAML pattern, compiled: its groups (joined by " + "; each must occur), each a tuple
    of alternatives ("|"), each a sequence of atom indices for consecutive words."""

    source: str
    groups: tuple[tuple[tuple[int, ...], ...], ...]  # groups → alternatives → atom sequence

    @cached_property
    def firsts(self) -> tuple[frozenset[int], ...]:
        """Per group, the atoms its alternatives start with: a sentence without one of each
        cannot match (the quick test that keeps long messages fast)."""
        return tuple(frozenset(alternative[0] for alternative in group) for group in self.groups)


@dataclass(frozen=True)
class Rule:
    """One red flag, or one signal (a finding that is no red flag alone), in one language.

    `all_of` makes a combination: every group must be found in the message (a group is a tuple
    of flag or signal names, any one of which will do), e.g. a cancer history plus night pain.
    `ask` patterns are weak evidence: a match asks the flag's check question instead of alerting;
    `ask_unless` words in the same sentence silence the `ask` patterns only (German separable
    verbs: "ich halte die Schmerzen nicht mehr aus" is "aushalten", not holding urine), never
    a clear pattern; `ask_when` words in the same sentence turn a clear match into a question
    (an everyday cause named beside the sign: feet "asleep" after sitting cross-legged is
    usually harmless, but worth one question rather than an alert or silence);
    so does `ask_all_of`, a combination that is weak evidence (belly and back pain with sweating,
    but nothing sudden).
    `historical_counts`: a past sign still counts (a cancer history is the sign itself).
    `others`: "alert" (someone else's sign is still reported, worded for them) or "ignore"
    (a risk factor of someone else's is no concern of the writer's); `other_needs` names
    signals that must also be found for someone else's sign to count (their fever only with
    back pain). `needs` names signals one of which must be found for the flag to count at all
    (an age alone is no sign; an age with back pain for the first time is).
    """

    name: str
    urgency: Urgency  # NONE for signals
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...] = ()
    ask: tuple[Pattern, ...] = ()
    ask_unless: tuple[Pattern, ...] = ()
    ask_when: tuple[Pattern, ...] = ()
    historical_counts: bool = False
    others: str = "alert"
    other_needs: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()
    ask_all_of: tuple[tuple[str, ...], ...] = ()

    @property
    def is_flag(self) -> bool:
        """True for a red flag, False for a signal (urgency NONE)."""
        return self.urgency is not Urgency.NONE

    @cached_property
    def atoms(self) -> frozenset[int]:
        """Every atom any of its clear or `ask` patterns starts a group with: a sentence
        without one of them cannot match the rule at all (its `unless`, `ask_unless` and
        `ask_when` words only matter beside a match)."""
        patterns = (*self.patterns, *self.ask)
        return frozenset().union(*(first for pattern in patterns for first in pattern.firsts))


# id of a compiled pattern tuple → (that tuple, first atom of its first group → positions in it)
_FIRST_ATOMS: dict[int, tuple[tuple[Pattern, ...], dict[int, tuple[int, ...]]]] = {}


def possible(patterns: tuple[Pattern, ...], present: frozenset[int]) -> list[Pattern]:
    """The patterns of `patterns` (in their order) that a sentence whose words hit the atoms
    `present` may match: each of their groups starts with one of those atoms. The others
    cannot match, so the screener never tries them (most patterns, on most sentences).

    An index from first atoms to patterns is built once per tuple (the compiled tuples live
    as long as the process); `present` is usually a few dozen atoms, the tuple hundreds."""
    entry = _FIRST_ATOMS.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        index: dict[int, list[int]] = {}
        for position, pattern in enumerate(patterns):
            for atom in pattern.firsts[0] if pattern.firsts else ():
                index.setdefault(atom, []).append(position)
        entry = _FIRST_ATOMS[id(patterns)] = (
            patterns,
            {atom: tuple(positions) for atom, positions in index.items()},
        )
    by_atom = entry[1]
    chosen = sorted({p for atom in present if atom in by_atom for p in by_atom[atom]})
    return [
        patterns[p]
        for p in chosen
        if not any(first.isdisjoint(present) for first in patterns[p].firsts[1:])
    ]


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
    """The content of data/red_flags.yaml compiled for both languages, keyed by "de"/"en"."""

    languages: Mapping[str, Language]
    rules: Mapping[str, tuple[Rule, ...]]  # language → signals, then flags most urgent first
    crisis: Mapping[str, tuple[Pattern, ...]]  # language → crisis patterns (no context applied)
    # language → hopelessness patterns: a possible crisis, asked about directly
    crisis_ask: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)
    # joke markers ("lol", "😂"): a crisis phrase beside one is asked about, not alerted
    joking: frozenset[str] = frozenset()
    # language → explicit denials ("nicht suizidal"): a crisis phrase inside one is passed over
    crisis_denials: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)


def _compile_rule(
    item: Mapping[str, Any], language: Language, vocabulary: Mapping[str, str]
) -> Rule:
    code = language.code

    def compiled(key: str) -> tuple[Pattern, ...]:
        texts = (item.get(key) or {}).get(code, [])
        return tuple(_compile_pattern(text, language, vocabulary) for text in texts)

    context = item.get("context", {})
    return Rule(
        name=item["id"],
        urgency=Urgency(item.get("urgency", "none")),
        patterns=compiled("patterns"),
        unless=compiled("unless"),
        ask=compiled("ask"),
        ask_unless=compiled("ask_unless"),
        ask_when=compiled("ask_when"),
        historical_counts=context.get("historical", "ignore") == "counts",
        others=context.get("other", "alert"),
        other_needs=tuple(item.get("other_needs", ())),
        needs=tuple(item.get("needs", ())),
        all_of=_groups(item.get("all_of", ())),
        ask_all_of=_groups(item.get("ask_all_of", ())),
    )


def _groups(items: list[Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) if isinstance(group, list) else (group,) for group in items)


@lru_cache(maxsize=1)
def compiled_patterns() -> Compiled:
    """The patterns of data/red_flags.yaml compiled once per process (cached). KeyError for a
    missing section or an unknown `@NAME` list, ValueError for an unknown urgency."""
    raw = raw_content()
    languages: dict[str, Language] = {}
    rules: dict[str, tuple[Rule, ...]] = {}
    crisis: dict[str, tuple[Pattern, ...]] = {}
    crisis_ask: dict[str, tuple[Pattern, ...]] = {}
    crisis_denials: dict[str, tuple[Pattern, ...]] = {}
    for code in LANGUAGES:
        language = Language(
            code,
            cues=negation_words(code),
            ignore=frozenset(fold_word(word) for word in raw["lookalikes"][code]),
        )
        vocabulary = raw["vocabulary"][code]
        signals = [_compile_rule(item, language, vocabulary) for item in raw["signals"]]
        flags = [_compile_rule(item, language, vocabulary) for item in raw["flags"]]
        flags.sort(key=lambda rule: -rule.urgency.rank)
        rules[code] = (*signals, *flags)
        crisis[code] = tuple(
            _compile_pattern(text, language, vocabulary) for text in raw["crisis"]["patterns"][code]
        )
        crisis_ask[code] = tuple(
            _compile_pattern(text, language, vocabulary)
            for text in raw["crisis"].get("ask", {}).get(code, [])
        )
        crisis_denials[code] = tuple(
            _compile_pattern(text, language, vocabulary)
            for text in raw["crisis"].get("denials", {}).get(code, [])
        )
        languages[code] = language
    joking = frozenset(fold_word(marker) or marker for marker in raw["crisis"].get("joking", ()))
    return Compiled(languages, rules, crisis, crisis_ask, joking, crisis_denials)


def prepare() -> None:
    """Compile the patterns and load the word lists now (about 1.5 s), so that the first
    screened message of a running bot does not pay for it."""
    compiled_patterns()
    for code in LANGUAGES:
        common_words(code)


@lru_cache(maxsize=65536)
def token_hits(code: str, word: str) -> frozenset[int]:
    """Which pattern atoms (indices) one folded word satisfies with `code`'s ("de"/"en";
    KeyError otherwise) patterns. Cached for 65,536 words (product decision: people reuse
    their words, and the cache stays bounded).

    Typo tolerance (edit distance) applies only to words that are not real words of German or
    English: a real word is what the writer meant, so only its own stem, prefixes and infixes
    count.
    """
    language = compiled_patterns().languages[code]
    if word in language.ignore:
        return frozenset()
    found: set[int] = set()
    found |= language.by_exact.get(word, set())
    found |= language.by_stem.get(_stem(word, code), set())
    for end in range(1, len(word) + 1):
        found |= language.by_prefix.get(word[:end], set())
    for end in range(1, len(word)):  # "*unfall": a compound ("Autounfall"), not "Unfall" itself
        found |= language.by_suffix.get(word[-end:], set())
    found.update(index for part, index in language.infixes if part in word)
    if word.isdigit():
        number = int(word)
        found.update(index for low, high, index in language.numbers if low <= number <= high)
        return frozenset(found)
    if len(word) >= 5 and word not in language.cues and not is_real_word(word):
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
