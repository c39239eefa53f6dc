"""Myths and facts about back pain: the knowledge base (data/myths.yaml) and the free-text matcher.

Content lives in YAML so that clinicians can review it without reading Python; this module
checks its shape on load (a broken entry should fail loudly at start-up, not in a chat) and
answers "which entry is this question about?" for free text in German or English.

Matcher (chosen by measurement, see `dialogs.myths_evaluation` and the README table): each
phrasing in the YAML becomes a TF-IDF vector of two kinds of features — snowball word stems
(inflection: "Schmerzen"/"Schmerz") and character 3–5-grams inside words (typos, compounds:
"Bandscheibenvorfall" shares grams with "Bandscheibe" and "Vorfall"). A question scores an
entry by its best cosine similarity to that entry's phrasings; below a threshold we answer
"I don't know" instead of guessing, because a wrong medical answer is worse than none.
An answer also needs an anchor: a back/pain word or a keyword specific to the entry (or a
clearly higher score), so "How often should I water my plants?" is not taken for the dose
question; `python -m dialogs.myths_evaluation --cv` measures each rule by cross-validation.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from rapidfuzz import fuzz

from dialogs.normalize import fold, stems, tokens

LANGUAGES = ("de", "en")
VERDICTS = ("myth", "fact")
REQUIRED_IDS = (
    "rest", "serious", "imaging", "hurt-harm", "posture", "lifting", "core", "wear-and-tear",
    "slipped-disc", "surgery", "painkillers", "mattress", "chronic", "prevalence", "dose",
    "exercise-type",
)  # fmt: skip
TEXT_FIELDS = ("title", "claim", "answer", "more")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "myths.yaml"

CHAR_NGRAMS = (3, 4, 5)


# Function words that carry no topic; without them "Ist X gut?" and "Ist Y gut?" stop looking alike.
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = {
    "de": _word_set(
        "ich du er sie es wir ihr man mein meine meinen meinem meiner mir mich dich dir sich "
        "der die das den dem des ein eine einen einem einer kein keine und oder aber ist sind "
        "bin bist war hat habe hab haben hast wird werden soll sollte sollen solltest muss "
        "muessen musst kann koennen kannst darf duerfen ja nein nicht noch doch auch so wie "
        "was wann wo warum wenn dass da dann zu zum zur im in an am auf mit bei beim von vom "
        "fuer um aus nach etwas denn mal nur schon gut stimmt richtig wirklich eigentlich "
        "einfach oft immer jetzt heute bitte lieber mehr sehr ganz dabei damit dadurch ne "
        "gibt es wieso weshalb"
    ),
    "en": _word_set(
        "i you he she it we they me my mine your a an the and or but is are am was were be "
        "been has have had do does did will would should shall can could may might must not "
        "no yes so as what when where why how if that this then to of in on at with by from "
        "for about into it's its im i'm just really right true good very more any some there "
        "now today please get got also even actually"
    ),
}


class KnowledgeBaseError(ValueError):
    """The YAML does not have the shape the bot relies on."""


@dataclass(frozen=True)
class Source:
    """One reference. `note` marks sources only known "as cited in the article"."""

    authors: str
    year: int
    title: str | None = None
    venue: str | None = None
    short_venue: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    short: str | None = None  # compact citation when authors are an institution

    @property
    def is_complete(self) -> bool:
        """Has authors, year, title and venue (enough to find it; DOI/URL where checked)."""
        return bool(self.authors and self.year and self.title and self.venue)

    def compact(self) -> str:
        """Short citation for an answer, e.g. "Dahm et al., Cochrane 2010"."""
        if self.short:
            return self.short
        names = [name.strip() for name in self.authors.replace(";", ",").split(",")]
        first = names[0]
        surname, _, initials = first.rpartition(" ")
        if surname and initials.isupper() and len(initials) <= 3:  # "Dahm KT" → "Dahm"
            first = surname
        several = len(names) > 1 or "et al" in self.authors
        author = f"{first} et al." if several else first
        return f"{author}, {self.short_venue or self.venue} {self.year}"

    def full(self) -> str:
        """Full citation for the "sources" view."""
        if self.note and not self.title:
            return f"{self.short or self.authors}: {self.note}"
        parts = [f"{self.authors} ({self.year})"]
        if self.title:
            parts.append(self.title)
        if self.venue:
            parts.append(self.venue)
        if self.doi:
            parts.append(f"https://doi.org/{self.doi}")
        elif self.url:
            parts.append(self.url)
        if self.note:
            parts.append(self.note)
        return ". ".join(parts)


@dataclass(frozen=True)
class Entry:
    """One claim with its verdict, texts in both languages, sources and example questions."""

    id: str
    verdict: str
    texts: Mapping[str, Mapping[str, str]]  # field → language → text
    sources: tuple[Source, ...]
    phrasings: Mapping[str, tuple[str, ...]]
    keywords: tuple[str, ...] = ()  # folded word starts that point to this entry (any language)
    weak_keywords: tuple[str, ...] = ()  # hints shared with other entries

    def text(self, field: str, language: str) -> str:
        return self.texts[field][_language(language)]

    @property
    def is_myth(self) -> bool:
        return self.verdict == "myth"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    chatter: Mapping[str, tuple[str, ...]]  # language → messages that are not myth questions

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)


@dataclass(frozen=True)
class MythMatch:
    entry_id: str
    score: float


def _language(language: str) -> str:
    return "en" if language.lower().startswith("en") else "de"


def _require_languages(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or any(
        not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES
    ):
        raise KnowledgeBaseError(f"{where}: needs non-empty text for {LANGUAGES}")
    return {lang: value[lang].strip() for lang in LANGUAGES}


def _parse_source(raw: Any, shared: Mapping[str, Any], where: str) -> Source:
    if isinstance(raw, Mapping) and "ref" in raw:
        if raw["ref"] not in shared:
            raise KnowledgeBaseError(f"{where}: unknown source ref {raw['ref']!r}")
        raw = shared[raw["ref"]]
    if not isinstance(raw, Mapping):
        raise KnowledgeBaseError(f"{where}: a source must be a mapping")
    known = set(Source.__dataclass_fields__)
    if set(raw) - known:
        raise KnowledgeBaseError(f"{where}: unknown source fields {sorted(set(raw) - known)}")
    source = Source(**{key: raw[key] for key in raw})
    if not source.authors or not isinstance(source.year, int):
        raise KnowledgeBaseError(f"{where}: a source needs authors and a year")
    if not source.note and not source.is_complete:
        raise KnowledgeBaseError(f"{where}: give title and venue, or a note why they are missing")
    if source.doi and not source.doi.startswith("10."):
        raise KnowledgeBaseError(f"{where}: DOI must start with '10.': {source.doi!r}")
    return source


def parse_knowledge_base(raw: Mapping[str, Any]) -> KnowledgeBase:
    """Build and check a knowledge base from the YAML structure; raises KnowledgeBaseError."""
    shared = raw.get("sources") or {}
    entries: list[Entry] = []
    for position, item in enumerate(raw.get("entries") or []):
        where = f"entry {item.get('id', position)!r}"
        if item.get("verdict") not in VERDICTS:
            raise KnowledgeBaseError(f"{where}: verdict must be one of {VERDICTS}")
        texts = {
            field: _require_languages(item.get(field), f"{where}.{field}") for field in TEXT_FIELDS
        }
        sources = tuple(
            _parse_source(s, shared, f"{where}.sources") for s in item.get("sources") or []
        )
        if not any(source.is_complete and (source.doi or source.url) for source in sources):
            raise KnowledgeBaseError(f"{where}: needs at least one complete source with DOI or URL")
        phrasings_raw = item.get("phrasings") or {}
        phrasings = {
            lang: tuple(str(p) for p in phrasings_raw.get(lang) or []) for lang in LANGUAGES
        }
        if any(not phrasings[lang] for lang in LANGUAGES):
            raise KnowledgeBaseError(f"{where}: needs phrasings in {LANGUAGES}")
        keywords = tuple(fold(k) for k in item.get("keywords") or [])
        weak_keywords = tuple(fold(k) for k in item.get("weak_keywords") or [])
        entries.append(
            Entry(
                str(item["id"]), item["verdict"], texts, sources, phrasings, keywords, weak_keywords
            )
        )
    ids = [entry.id for entry in entries]
    if len(ids) != len(set(ids)):
        raise KnowledgeBaseError(f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}")
    if missing := [i for i in REQUIRED_IDS if i not in ids]:
        raise KnowledgeBaseError(f"missing required entries: {missing}")
    chatter_raw = raw.get("chatter") or {}
    chatter = {lang: tuple(str(t) for t in chatter_raw.get(lang) or []) for lang in LANGUAGES}
    return KnowledgeBase(tuple(entries), chatter)


@lru_cache(maxsize=4)
def load_knowledge_base(path: Path = DEFAULT_PATH) -> KnowledgeBase:
    """Load and check data/myths.yaml once per process."""
    with path.open(encoding="utf-8") as handle:
        return parse_knowledge_base(yaml.safe_load(handle))


def content_tokens(text: str, language: str) -> list[str]:
    """Folded tokens without function words."""
    stop = _STOPWORDS[_language(language)]
    return [token for token in tokens(text) if token not in stop]


def features(text: str, language: str) -> tuple[Counter[str], Counter[str]]:
    """Word-stem counts and in-word character n-gram counts of a text."""
    language = _language(language)
    words = content_tokens(text, language)
    word_features = Counter(stems(" ".join(words), language))
    char_features: Counter[str] = Counter()
    for word in words:
        padded = f" {word} "
        for size in CHAR_NGRAMS:
            char_features.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return word_features, char_features


def keyword_hits(words: list[str], keywords: tuple[str, ...], strict: bool = True) -> int:
    """How many keywords occur in the words: exact for short ones (MRT, OP), as a prefix or
    inside a compound for longer ones, and with one or two typos (rapidfuzz) for long ones.
    `strict`: a four-letter keyword only takes an inflection ending ("rest" → "resting", not
    "restaurant"; "work" → "working", not "workout"), and a typo must keep the first letter
    ("Zeichen" is no typo of "reichen", "anderen" none of "wandern")."""
    hits = 0
    for keyword in keywords:
        for word in words:
            if len(keyword) <= 3:
                found = word == keyword
            elif strict and len(keyword) == 4:
                found = word.startswith(keyword) and word[4:] in _INFLECTIONS
            else:
                found = word.startswith(keyword) or (len(keyword) >= 6 and keyword in word)
                if (
                    not found
                    and len(keyword) >= 5
                    and len(word) >= 5
                    and (word[0] == keyword[0] or not strict)
                ):
                    found = fuzz.ratio(word[: len(keyword) + 1], keyword) >= 85 or (
                        fuzz.ratio(word, keyword) >= 85
                    )
            if found:
                hits += 1
                break
    return hits


_INFLECTIONS = frozenset(
    ("", "s", "e", "n", "t", "en", "er", "es", "st", "et", "te", "ten", "ed", "ing", "ung")
)


def _is_question_like(text: str, words: list[str]) -> bool:
    """A question mark or a leading question/modal word ("Hilft…", "Should…", "How…")."""
    return "?" in text or (bool(words) and words[0] in _QUESTION_STARTS)


_QUESTION_STARTS = _word_set(
    "ist sind soll sollte sollten muss muessen kann koennen darf duerfen hilft helfen bringt "
    "bringen brauche braucht wie was wann warum wieso welche welcher welches wo "
    "gibt macht kommt kommen stimmt werde wird gehen geht reicht reichen liegt "
    "is are should shall must can could do does will would how what when why which where "
    "may might need"
)


# Words of progress reports and diary-like statements, which the habit feature answers.
_REPORT_WORDS = {
    "de": _word_set("gemacht geuebt trainiert erledigt geschafft gelaufen gewesen hatte war"),
    "en": _word_set("did done finished exercised trained completed walked had was"),
}


# Words that put a message on the back-pain topic whichever entry it is about.
_TOPIC_WORDS = tuple(
    fold(word)
    for word in _word_set(
        "rücken rueckn kreuz lenden wirbel bandscheib ischias hexenschuss schmerz weh zwick "
        "verspann physio orthop arzt uebung training trainier bewegung beweg muskel "
        "back backache spine spinal pain painful sore hurt ache aching sciatica lumbago lumbar "
        "disc disk vertebra doctor gp exercis train move moving movement muscle"
    )
)

# Entry keywords that are everyday words too; alone they are no evidence of a myth question.
_GENERIC_KEYWORDS = _word_set(
    "ruhe rest sofa couch ernst serious bild picture report aufnahme sit sitting "
    "sitze sitzen sitz chair stuhl desk schreibtisch box boxes einkauf shopping carry trag "
    "tragen heb hebe heben bauch ups alter aelter age old older block procedure "
    "medicine drug drugs board brett firm unterlage forever return returns permanent weggehen "
    "common viele einzige einzig selten rare deutsche germans minuten minutes oft often woche "
    "week weekly taeglich daily einheit session zehn ten times reicht reichen enough genug "
    "dreimal perfekt perfect wunder miracle empfehl recommend walk walking fitness gym tennis "
    "golf stress gestresst stressed stressful mind emotional sorge worry worrying angst fear "
    "schlaf sleep relax entspann arbeit arbeiten work working job krank sick note buero office "
    "chef boss kollegen"
)


class _TfidfIndex:
    """Cosine similarity of sparse TF-IDF vectors through an inverted index (numpy postings)."""

    def __init__(self, documents: list[Counter[str]]) -> None:
        self.size = len(documents)
        frequency = Counter(feature for document in documents for feature in document)
        self.idf = {f: math.log((self.size + 1) / (df + 1)) + 1.0 for f, df in frequency.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for row, document in enumerate(documents):
            for feature, weight in self._weights(document).items():
                postings[feature].append((row, weight))
        self.postings = {
            feature: (np.array([r for r, _ in items]), np.array([w for _, w in items]))
            for feature, items in postings.items()
        }

    def _weights(self, counts: Counter[str]) -> dict[str, float]:
        raw = {f: (1.0 + math.log(n)) * self.idf[f] for f, n in counts.items() if f in self.idf}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        return {f: w / norm for f, w in raw.items()}

    def similarities(self, counts: Counter[str]) -> np.ndarray:
        scores = np.zeros(self.size)
        for feature, weight in self._weights(counts).items():
            rows, weights = self.postings[feature]
            scores[rows] += weight * weights
        return scores


@dataclass(frozen=True)
class MatcherSettings:
    """Weights and cut-offs; each rule is checked with `python -m dialogs.myths_evaluation --cv`
    (5-fold over the labelled set and leave-phrasings-out over the knowledge base)."""

    threshold: float = 0.5  # combined score needed to answer
    word_weight: float = 0.5  # stems vs character n-grams in the TF-IDF similarity
    phrasing_weight: float = 1.0  # best similarity to one example phrasing
    entry_weight: float = 1.0  # similarity to all of an entry's phrasings taken together
    keyword_weight: float = 0.25  # per entry keyword found (at most two count)
    weak_keyword_weight: float = 0.04  # per weak keyword found (at most two count)
    statement_penalty: float = 0.4  # no "?" and no question word: likely chatter
    use_chatter: bool = True
    chatter_weight: float = 1.2  # how strongly a chatter-like message vetoes an answer
    strict_keywords: bool = True  # see keyword_hits
    require_anchor: bool = True  # a back/pain word or a specific keyword of the entry …
    unanchored_threshold: float = 1.0  # … or this much higher score
    anchor_hits: int = 0  # … or this many of the entry's keywords and weak keywords (0: off)
    min_margin: float = 0.0  # best entry must beat the runner-up (or chatter) by this much


@dataclass(frozen=True)
class Evidence:
    """What the matcher found for one entry; `MatcherSettings` turns it into a score."""

    phrasing: float
    entry: float
    keywords: int
    weak_keywords: int


CHATTER = "_chatter"


class _LanguageIndex:
    """Per language: TF-IDF over single phrasings and over whole entries (stems and n-grams)."""

    def __init__(
        self,
        groups: dict[str, list[tuple[Counter[str], Counter[str]]]],
        answers: dict[str, tuple[Counter[str], Counter[str]]],
    ) -> None:
        self.owners = [owner for owner, docs in groups.items() for _ in docs]
        flat = [doc for docs in groups.values() for doc in docs]
        self.words = _TfidfIndex([d[0] for d in flat])
        self.chars = _TfidfIndex([d[1] for d in flat])
        self.entry_ids = [owner for owner in groups if owner != CHATTER]
        merged = [
            (
                sum((d[0] for d in groups[o]), answers[o][0]),
                sum((d[1] for d in groups[o]), answers[o][1]),
            )
            for o in self.entry_ids
        ]
        self.entry_words = _TfidfIndex([m[0] for m in merged])
        self.entry_chars = _TfidfIndex([m[1] for m in merged])


class MythMatcher:
    """Ranks knowledge-base entries for a free-text question; built once, then fast."""

    def __init__(self, knowledge_base: KnowledgeBase, settings: MatcherSettings | None = None):
        self.settings = settings or MatcherSettings()
        self._keywords = {e.id: (e.keywords, e.weak_keywords) for e in knowledge_base.entries}
        self._index: dict[str, _LanguageIndex] = {}
        for language in LANGUAGES:
            groups = {
                entry.id: [
                    features(text, language)
                    for text in (entry.text("claim", language), *entry.phrasings[language])
                ]
                for entry in knowledge_base.entries
            }
            answers = {
                entry.id: features(
                    entry.text("title", language) + " " + entry.text("answer", language), language
                )
                for entry in knowledge_base.entries
            }
            if self.settings.use_chatter:
                groups[CHATTER] = [features(t, language) for t in knowledge_base.chatter[language]]
            self._index[language] = _LanguageIndex(groups, answers)

    def evidence(self, text: str, language: str) -> tuple[dict[str, Evidence], bool]:
        """Per entry (and CHATTER) what was found, and whether the text reads as a question."""
        index = self._index[_language(language)]
        word_features, char_features = features(text, language)
        if not word_features:
            return {}, False
        weight = self.settings.word_weight
        similarity = weight * index.words.similarities(word_features) + (
            1.0 - weight
        ) * index.chars.similarities(char_features)
        best: dict[str, float] = {}
        for owner, value in zip(index.owners, similarity.tolist(), strict=True):
            best[owner] = max(best.get(owner, 0.0), value)
        whole = weight * index.entry_words.similarities(word_features) + (
            1.0 - weight
        ) * index.entry_chars.similarities(char_features)
        entry_similarity = dict(zip(index.entry_ids, whole.tolist(), strict=True))
        all_words = tokens(text)
        strict = self.settings.strict_keywords
        found = {
            owner: Evidence(
                best[owner],
                entry_similarity.get(owner, best[owner]),
                keyword_hits(all_words, self._keywords[owner][0], strict)
                if owner != CHATTER
                else 0,
                keyword_hits(all_words, self._keywords[owner][1], strict)
                if owner != CHATTER
                else 0,
            )
            for owner in best
        }
        return found, _is_question_like(text, all_words)

    def combine(self, owner: str, evidence: Evidence, question_like: bool) -> float:
        settings = self.settings
        if owner == CHATTER:
            return settings.chatter_weight * evidence.phrasing
        return (
            settings.phrasing_weight * evidence.phrasing
            + settings.entry_weight * evidence.entry
            + settings.keyword_weight * min(evidence.keywords, 2)
            + settings.weak_keyword_weight * min(evidence.weak_keywords, 2)
            - (0.0 if question_like else settings.statement_penalty)
        )

    def rank(self, text: str, language: str) -> list[tuple[str, float]]:
        """Entries (and the pseudo-entry CHATTER) by descending combined score."""
        found, question_like = self.evidence(text, language)
        scores = {owner: self.combine(owner, e, question_like) for owner, e in found.items()}
        return sorted(scores.items(), key=lambda item: item[1], reverse=True)

    def match(self, text: str, language: str) -> MythMatch | None:
        """The entry the question is about, or None when no entry is close enough."""
        found, question_like = self.evidence(text, language)
        if not found:
            return None
        scores = {owner: self.combine(owner, e, question_like) for owner, e in found.items()}
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        entry_id, score = ranked[0]
        if entry_id == CHATTER or score < self.settings.threshold:
            return None
        if len(ranked) > 1 and score - ranked[1][1] < self.settings.min_margin:
            return None  # two entries (or an entry and chatter) fit about equally: don't guess
        if (
            self.settings.require_anchor
            and score < self.settings.unanchored_threshold
            and not self._anchored(text, entry_id)
            and not (
                self.settings.anchor_hits
                and found[entry_id].keywords + found[entry_id].weak_keywords
                >= self.settings.anchor_hits
            )
        ):
            return None  # "How old are you?", "recommend a book": no back topic at all
        if len(content_tokens(text, language)) < 2 and not found[entry_id].keywords:
            return None  # one word that is no topic keyword ("done", "Servus") is too little
        evidence = found[entry_id]
        if not question_like and (
            not (evidence.keywords or evidence.weak_keywords)
            or _REPORT_WORDS[_language(language)].intersection(tokens(text))
        ):
            return None  # a statement without a topic word, or a progress report ("I did …")
        return MythMatch(entry_id, round(score, 3))

    def _anchored(self, text: str, entry_id: str) -> bool:
        """The message names the back/pain topic, or a keyword specific to the entry (MRT,
        Matratze, Bandscheibe); everyday words that happen to be keywords ("old", "often",
        "work", "sleep") do not count on their own."""
        words = tokens(text)
        if keyword_hits(words, _TOPIC_WORDS, self.settings.strict_keywords):
            return True
        specific = tuple(k for k in self._keywords[entry_id][0] if k not in _GENERIC_KEYWORDS)
        return bool(keyword_hits(words, specific, self.settings.strict_keywords))


@lru_cache(maxsize=1)
def default_matcher() -> MythMatcher:
    return MythMatcher(load_knowledge_base())


def match(text: str, language: str = "de") -> MythMatch | None:
    """Which myth/fact a free-text question is about (None: not a question we can answer)."""
    return default_matcher().match(text, language)


def format_match(result: MythMatch | None) -> str:
    """CLI output for `python -m bot myths match`: "<id> <score>" or "none"."""
    return "none" if result is None else f"{result.entry_id} {result.score:.3f}"
