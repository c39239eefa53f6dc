"""The myths matcher: which knowledge-base entry is a free-text question about?

Chosen by measurement (see `tools.myths_evaluation` and the README table): each phrasing in
the YAML becomes a TF-IDF vector of two kinds of features — snowball word stems (inflection:
"Schmerzen"/"Schmerz") and character 3–5-grams inside words (typos, compounds:
"Bandscheibenvorfall" shares grams with "Bandscheibe" and "Vorfall"). A question scores an
entry by its best cosine similarity to that entry's phrasings; below a threshold we answer
"I don't know" instead of guessing, because a wrong medical answer is worse than none.
A message about another body part or illness (without naming the back) or about an animal
gets no answer at all (the reviewed list in data/off_topic.yaml). An answer also needs an
anchor: a back/pain word or a keyword specific to the entry (or a clearly higher score), so
"How often should I water my plants?" is not taken for the dose question, and pain in another
body part ("Mein Knie tut weh") is no anchor on its own;
`python -m tools.myths_evaluation --cv` measures each rule by cross-validation.
The word lists behind these rules live in `dialogs.myths.vocabulary`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from dialogs.common.build_cache import cached
from dialogs.common.text import stems, tokens
from dialogs.myths.knowledge_base import (
    LANGUAGES,
    KnowledgeBase,
    language_code,
    load_knowledge_base,
)
from dialogs.myths.vocabulary import (
    BACK_WORDS,
    GENERIC_KEYWORDS,
    INFLECTIONS,
    INVERTED_SUBJECTS,
    OTHER_COMPLAINTS,
    QUESTION_STARTS,
    QUESTION_TAGS,
    REPORT_WORDS,
    STOPWORDS,
    TOPIC_WORDS,
    load_field_words,
    load_off_topic,
)

# Sizes of the in-word character n-grams. Product decision: `tools.myths_evaluation --compare`
# measures 3–5-grams against word stems (README.md, "Measured quality"), not other sizes.
CHAR_NGRAMS = (3, 4, 5)


@dataclass(frozen=True)
class MythMatch:
    """The entry a question is about and its combined score (unitless, see `MatcherSettings`;
    rounded to 3 decimals: logs and CLI show it)."""

    entry_id: str
    score: float


def content_tokens(text: str, language: str) -> list[str]:
    """Folded tokens without function words."""
    stop = STOPWORDS[language_code(language)]
    return [token for token in tokens(text) if token not in stop]


def features(text: str, language: str) -> tuple[Counter[str], Counter[str]]:
    """(word-stem counts, in-word character n-gram counts) of a text without function words;
    n-grams at a word's edges include a space."""
    language = language_code(language)
    words = content_tokens(text, language)
    word_features = Counter(stems(" ".join(words), language))
    char_features: Counter[str] = Counter()
    for word in words:
        padded = f" {word} "
        for size in CHAR_NGRAMS:
            char_features.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return word_features, char_features


def keyword_hits(words: list[str], keywords: tuple[str, ...], strict: bool = True) -> int:
    """How many of the words are keywords (each word counts once, so "joggen" is one hit for
    "jogg" and "joggen"): exact for short keywords (MRT, OP), as a prefix or inside a compound
    for longer ones, and with one or two typos (rapidfuzz) for long ones.
    `strict`: a four-letter keyword only takes an inflection ending ("rest" → "resting", not
    "restaurant"; "work" → "working", not "workout"), and a typo must keep the first letter
    ("Zeichen" is no typo of "reichen", "anderen" none of "wandern")."""
    return sum(
        any(_is_keyword(word, keyword, strict) for keyword in keywords) for word in set(words)
    )


def _is_keyword(word: str, keyword: str, strict: bool) -> bool:
    """Lengths in letters, all product decisions: a keyword of up to 3 matches only exactly,
    one of 6+ also inside a compound, one of 5+ also as a typo (rapidfuzz ratio ≥ 85)."""
    if len(keyword) <= 3:
        return word == keyword
    if strict and len(keyword) == 4:
        return word.startswith(keyword) and word[4:] in INFLECTIONS
    if word.startswith(keyword) or (len(keyword) >= 6 and keyword in word):
        return True
    return (
        len(keyword) >= 5
        and len(word) >= 5
        and (word[0] == keyword[0] or not strict)
        and (fuzz.ratio(word[: len(keyword) + 1], keyword) >= 85 or fuzz.ratio(word, keyword) >= 85)
    )


def _is_question_like(text: str, words: list[str]) -> bool:
    """A question mark, a leading question/modal word ("Hilft…", "Should…", "How…"), or a
    question inside the sentence, told by inversion ("… is it for life", "… muss ich …")
    or a tag at the end ("…, oder", "…, right")."""
    if "?" in text or (words and words[0] in QUESTION_STARTS):
        return True
    if words and words[-1] in QUESTION_TAGS:
        return True
    return any(
        first in QUESTION_STARTS and second in INVERTED_SUBJECTS
        for first, second in pairwise(words)
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
    """Weights and cut-offs; each rule is checked with `python -m tools.myths_evaluation --cv`
    (5-fold over the labelled set and leave-phrasings-out over the knowledge base).

    The defaults are the shipped matcher measured in README.md, "Measured quality" (the
    newest blind batch, measured once). `--cv` compares the threshold, the anchor,
    penalty, margin and keyword rules with alternatives; the other weights were not varied
    there and are product decisions. A score is a weighted sum of cosine similarities (0–1)
    and keyword bonuses, minus the statement penalty: unitless."""

    threshold: float = 0.4  # combined score needed to answer
    word_weight: float = 0.5  # stems vs character n-grams in the TF-IDF similarity
    phrasing_weight: float = 1.0  # best similarity to one example phrasing
    entry_weight: float = 1.0  # similarity to all of an entry's phrasings taken together
    keyword_weight: float = 0.2  # per word that is an entry keyword (at most two count)
    weak_keyword_weight: float = 0.04  # per weak keyword found (at most two count)
    statement_penalty: float = 0.2  # no "?" and no question word: likely chatter
    use_chatter: bool = True
    chatter_weight: float = 1.2  # how strongly a chatter-like message vetoes an answer
    strict_keywords: bool = True  # see keyword_hits
    require_anchor: bool = True  # a back/pain word or a specific keyword of the entry …
    unanchored_threshold: float = 0.9  # … or this much higher score
    anchor_hits: int = 0  # … or this many of the entry's keywords and weak keywords (0: off)
    min_margin: float = 0.0  # best entry must beat the runner-up (or chatter) by this much
    off_topic_guard: bool = True  # another body part, illness or an animal: no answer at all
    # Without the back named, at most this many word stems the knowledge base never uses
    # ("Hilft Massage gegen Cellulite?", "calories swimming burns"); None: off.
    max_unknown_without_back: int | None = 0
    unknown_typos: bool = True  # a stem one typo away from a known one is known
    # A word at least this common in wordfreq (Zipf scale: 5 = 100 per million words) is
    # everyday language ("kaufen", "während"), never an unknown word (product decision).
    common_zipf: float = 5.0


@dataclass(frozen=True)
class Evidence:
    """What the matcher found for one entry; `MatcherSettings` turns it into a score.

    `phrasing`: the best cosine similarity (0–1) to one example phrasing; `entry`: to all of
    the entry's phrasings and answer together; `keywords`, `weak_keywords`: how many words
    of the message are such keywords."""

    phrasing: float
    entry: float
    keywords: int
    weak_keywords: int


CHATTER = "_chatter"  # the pseudo-entry of the knowledge base's chatter examples


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
        entries = knowledge_base.answerable  # myths, facts and everyday questions: one matcher
        self._keywords = {e.id: (e.keywords, e.weak_keywords) for e in entries}
        # Keywords that anchor a message to their entry on their own (see `_anchored`).
        self._specific = {
            e.id: tuple(k for k in e.keywords if k not in GENERIC_KEYWORDS) for e in entries
        }
        self._index: dict[str, _LanguageIndex] = {}
        # Per language, every word stem the entries use (claims, phrasings, titles, answers,
        # keywords): a message's other stems are words the knowledge base knows nothing of.
        self._known: dict[str, frozenset[str]] = {}
        for language in LANGUAGES:
            texts = [
                text
                for entry in entries
                for text in (
                    entry.text("claim", language),
                    entry.text("title", language),
                    entry.text("answer", language),
                    *entry.phrasings[language],
                    " ".join(entry.keywords + entry.weak_keywords),
                )
            ]
            texts.append(" ".join(load_field_words()))
            self._known[language] = frozenset(
                stem for text in texts for stem in features(text, language)[0]
            )
            groups = {
                entry.id: [
                    features(text, language)
                    for text in (entry.text("claim", language), *entry.phrasings[language])
                ]
                for entry in entries
            }
            answers = {
                entry.id: features(
                    entry.text("title", language) + " " + entry.text("answer", language), language
                )
                for entry in entries
            }
            if self.settings.use_chatter:
                groups[CHATTER] = [features(t, language) for t in knowledge_base.chatter[language]]
            self._index[language] = _LanguageIndex(groups, answers)

    def evidence(self, text: str, language: str) -> tuple[dict[str, Evidence], bool]:
        """Per entry (and CHATTER) what was found, and whether the text reads as a question."""
        index = self._index[language_code(language)]
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
        found = {CHATTER: Evidence(best[CHATTER], best[CHATTER], 0, 0)} if CHATTER in best else {}
        for owner in index.entry_ids:
            keywords, weak_keywords = self._keywords[owner]
            found[owner] = Evidence(
                best[owner],
                entry_similarity[owner],
                keyword_hits(all_words, keywords, strict),
                keyword_hits(all_words, weak_keywords, strict),
            )
        return found, _is_question_like(text, all_words)

    def combine(self, owner: str, evidence: Evidence, question_like: bool) -> float:
        """The combined score of one entry's evidence (weights: `MatcherSettings`; at most
        two keywords of each kind count); CHATTER's is `chatter_weight` × its best phrasing."""
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

    def _ranked(self, found: dict[str, Evidence], question_like: bool) -> list[tuple[str, float]]:
        scores = {owner: self.combine(owner, e, question_like) for owner, e in found.items()}
        return sorted(scores.items(), key=lambda item: item[1], reverse=True)

    def rank(self, text: str, language: str) -> list[tuple[str, float]]:
        """Entries (and the pseudo-entry CHATTER) by descending combined score."""
        return self._ranked(*self.evidence(text, language))

    def match(self, text: str, language: str) -> MythMatch | None:
        """The entry the question is about, or None when no entry is close enough: below the
        threshold, closest to chatter, without an anchor, a single non-keyword word (the
        minimum of two words is a product decision), a statement without a topic word, or a
        message about another body part, another illness or an animal (data/off_topic.yaml)."""
        found, question_like = self.evidence(text, language)
        if not found:
            return None
        ranked = self._ranked(found, question_like)
        entry_id, score = ranked[0]
        if entry_id == CHATTER or score < self.settings.threshold:
            return None
        if len(ranked) > 1 and score - ranked[1][1] < self.settings.min_margin:
            return None  # two entries (or an entry and chatter) fit about equally: don't guess
        words = tokens(text)
        if self.settings.off_topic_guard and self._off_topic(words, entry_id):
            return None  # "Brauche ich für die Schulter ein Röntgenbild?", "Hamster krumm?"
        if self._unknown_words(text, language, words):
            return None  # "Hilft Massage gegen Cellulite?": about something we know nothing of
        if (
            self.settings.require_anchor
            and score < self.settings.unanchored_threshold
            and not self._anchored(words, entry_id)
            and not (
                self.settings.anchor_hits
                and found[entry_id].keywords + found[entry_id].weak_keywords
                >= self.settings.anchor_hits
            )
        ):
            return None  # "How old are you?", "recommend a book": no back topic at all
        language = language_code(language)
        evidence = found[entry_id]
        if sum(word not in STOPWORDS[language] for word in words) < 2 and not evidence.keywords:
            return None  # one word that is no topic keyword ("done", "Servus") is too little
        if not question_like and (
            not (evidence.keywords or evidence.weak_keywords)
            or REPORT_WORDS[language].intersection(words)
        ):
            return None  # a statement without a topic word, or a progress report ("I did …")
        return MythMatch(entry_id, round(score, 3))

    def _unknown_words(self, text: str, language: str, words: list[str]) -> bool:
        """More than `max_unknown_without_back` word stems that no entry uses, and the back
        not named: the message is about something else ("best sleeping position for a newborn
        baby?"). Short questions made of known words ("ibuprofen ok?", "darf ich joggen?")
        and everything that names the back ("kreuzheben trotz rückenschmerzen?") pass."""
        limit = self.settings.max_unknown_without_back
        if limit is None or keyword_hits(words, BACK_WORDS):
            return False
        code = language_code(language)
        known = self._known[code]
        stop = STOPWORDS[code]
        unknown = []
        for raw in _RAW_WORD.findall(text.lower()):
            folded = tokens(raw)
            if not folded or all(word in stop for word in folded):
                continue
            if zipf_frequency(raw, code) >= self.settings.common_zipf:
                continue  # "kaufen", "während", "busy": everyday language, not another topic
            for stem in stems(" ".join(folded), code):
                if stem not in known and not (self.settings.unknown_typos and _near(stem, known)):
                    unknown.append(stem)
        return len(unknown) > limit

    def _off_topic(self, words: list[str], entry_id: str) -> bool:
        """The message names another body part or illness and not the back, or an animal
        (data/off_topic.yaml). Words that are keywords of the entry itself do not count:
        "bend your knees" is the lifting entry's own topic, "Magen" the painkillers'."""
        keywords, weak_keywords = self._keywords[entry_id]
        own = keywords + weak_keywords
        strict = self.settings.strict_keywords
        other = [word for word in words if not keyword_hits([word], own, strict)]
        return load_off_topic().found(other, back_named=bool(keyword_hits(words, BACK_WORDS)))

    def _anchored(self, words: list[str], entry_id: str) -> bool:
        """The message (its folded words) names the back/pain topic, or a keyword specific to
        the entry (MRT, Matratze, Bandscheibe); everyday words that happen to be keywords
        ("old", "often", "work", "sleep") do not count on their own, and pain in another body
        part ("Mein Knie tut weh") is not our topic unless the back is named too."""
        strict = self.settings.strict_keywords
        if keyword_hits(words, self._specific[entry_id], strict):
            return True
        return bool(keyword_hits(words, TOPIC_WORDS, strict)) and not (
            OTHER_COMPLAINTS.intersection(words) and not keyword_hits(words, BACK_WORDS)
        )


_RAW_WORD = re.compile(r"[^\W\d_]+")
# A stem of at least this many letters one typo away from a known stem is known ("Halltung",
# "chronsich"); rapidfuzz's ratio (0–100) at least MIN_TYPO_RATIO (product decisions).
MIN_TYPO_LENGTH = 5
MIN_TYPO_RATIO = 85


def _near(stem: str, known: frozenset[str]) -> bool:
    if len(stem) < MIN_TYPO_LENGTH:
        return False
    return any(
        abs(len(word) - len(stem)) <= 2 and fuzz.ratio(stem, word) >= MIN_TYPO_RATIO
        for word in known
    )


@lru_cache(maxsize=1)
def default_matcher() -> MythMatcher:
    """The matcher over data/myths.yaml with the shipped settings, built once per process (or
    loaded from the build cache, `dialogs.common.build_cache`, when the bot keeps one)."""
    return cached("myth-matcher", lambda: MythMatcher(load_knowledge_base()))


def match(text: str, language: str = "de") -> MythMatch | None:
    """Which myth/fact a free-text question is about (None: not a question we can answer)."""
    return default_matcher().match(text, language)


def format_match(result: MythMatch | None) -> str:
    """CLI output for `python -m bot myths match`: "<id> <score>" or "none"."""
    return "none" if result is None else f"{result.entry_id} {result.score:.3f}"
