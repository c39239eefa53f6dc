"""The myths knowledge base: the schema of data/myths.yaml and data/questions.yaml and their
checked loading.

Content lives in YAML so that clinicians can review it without reading Python. This module
checks its shape on load, because a broken entry should fail loudly at start-up, not in a chat:
every entry needs a verdict, texts in both languages, example phrasings and at least one
source that a reader can actually find (DOI or URL). data/questions.yaml holds everyday
questions ("Wärme oder Kälte?") in the same shape, with the question instead of a claim and
no verdict: they are answered to free text like the myths (one matcher), but are no quiz
statements and no /myths topics. The matcher that answers free text lives in
`dialogs.myths.matcher`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dialogs.common.content import data_path
from dialogs.common.text import fold

LANGUAGES = ("de", "en")
VERDICTS = ("myth", "fact")
QUESTION = "question"  # the `verdict` of an everyday question: it has no myth/fact verdict
REQUIRED_IDS = (
    "rest", "serious", "imaging", "hurt-harm", "posture", "lifting", "core", "wear-and-tear",
    "slipped-disc", "surgery", "painkillers", "mattress", "chronic", "prevalence", "dose",
    "exercise-type",
)  # fmt: skip
TEXT_FIELDS = ("title", "claim", "answer", "more")
DEFAULT_PATH = data_path("myths.yaml")
QUESTIONS_PATH = data_path("questions.yaml")


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
        """The entry's `field` (one of TEXT_FIELDS; KeyError otherwise) in `language`, any tag
        ("en-GB" is English, anything not English is German: see `language_code`)."""
        return self.texts[field][language_code(language)]


@dataclass(frozen=True)
class KnowledgeBase:
    """The myths and facts, "chatter" (messages the matcher must learn not to answer) and the
    everyday questions, which the matcher answers too."""

    entries: tuple[Entry, ...]  # myths and facts: the /myths topics and the quiz statements
    chatter: Mapping[str, tuple[str, ...]]  # language → messages that are not myth questions
    questions: tuple[Entry, ...] = ()  # everyday questions (verdict QUESTION)

    @property
    def ids(self) -> tuple[str, ...]:
        """The myth/fact ids in YAML order (the order of the /myths topic pages)."""
        return tuple(entry.id for entry in self.entries)

    @property
    def answerable(self) -> tuple[Entry, ...]:
        """Everything a free-text question can be answered with: myths, facts, questions."""
        return self.entries + self.questions

    def get(self, entry_id: str) -> Entry | None:
        """The entry or question with this id, or None (e.g. one removed since a button was
        sent)."""
        return next((entry for entry in self.answerable if entry.id == entry_id), None)


def language_code(language: str) -> str:
    """Normalise a language tag: "en", "en-GB" → "en"; anything else → "de" (the home language)."""
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


def _parse_entry(
    item: Mapping[str, Any], shared: Mapping[str, Any], position: int, question: bool = False
) -> Entry:
    """One entry of data/myths.yaml, or (`question`) of data/questions.yaml: there the text
    field `question` takes the place of `claim`, and there is no verdict."""
    where = f"{'question' if question else 'entry'} {item.get('id', position)!r}"
    if question:
        if "verdict" in item:
            raise KnowledgeBaseError(f"{where}: an everyday question has no verdict")
        verdict = QUESTION
    elif item.get("verdict") in VERDICTS:
        verdict = item["verdict"]
    else:
        raise KnowledgeBaseError(f"{where}: verdict must be one of {VERDICTS}")
    texts = {
        field: _require_languages(
            item.get("question" if question and field == "claim" else field), f"{where}.{field}"
        )
        for field in TEXT_FIELDS
    }
    sources = tuple(_parse_source(s, shared, f"{where}.sources") for s in item.get("sources") or [])
    if not any(source.is_complete and (source.doi or source.url) for source in sources):
        raise KnowledgeBaseError(f"{where}: needs at least one complete source with DOI or URL")
    phrasings_raw = item.get("phrasings") or {}
    phrasings = {lang: tuple(str(p) for p in phrasings_raw.get(lang) or []) for lang in LANGUAGES}
    if any(not phrasings[lang] for lang in LANGUAGES):
        raise KnowledgeBaseError(f"{where}: needs phrasings in {LANGUAGES}")
    keywords = tuple(fold(k) for k in item.get("keywords") or [])
    weak_keywords = tuple(fold(k) for k in item.get("weak_keywords") or [])
    return Entry(str(item["id"]), verdict, texts, sources, phrasings, keywords, weak_keywords)


def parse_knowledge_base(
    raw: Mapping[str, Any], questions: Mapping[str, Any] | None = None
) -> KnowledgeBase:
    """Build and check a knowledge base from the YAML structure of data/myths.yaml and,
    optionally, data/questions.yaml (its entries may also cite the shared sources of the
    first); raises KnowledgeBaseError (a ValueError) for a shape the bot cannot use, KeyError
    for an entry without an `id`."""
    shared = raw.get("sources") or {}
    entries = [_parse_entry(item, shared, i) for i, item in enumerate(raw.get("entries") or [])]
    asked: list[Entry] = []
    if questions is not None:
        own = questions.get("sources") or {}
        if clash := sorted(set(own) & set(shared)):
            raise KnowledgeBaseError(f"source keys defined twice: {clash}")
        both = {**shared, **own}
        asked = [
            _parse_entry(item, both, position, question=True)
            for position, item in enumerate(questions.get("entries") or [])
        ]
    ids = [entry.id for entry in entries + asked]
    if len(ids) != len(set(ids)):
        raise KnowledgeBaseError(f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}")
    if missing := [i for i in REQUIRED_IDS if i not in ids]:
        raise KnowledgeBaseError(f"missing required entries: {missing}")
    chatter_raw = raw.get("chatter") or {}
    chatter = {lang: tuple(str(t) for t in chatter_raw.get(lang) or []) for lang in LANGUAGES}
    return KnowledgeBase(tuple(entries), chatter, tuple(asked))


@lru_cache(maxsize=4)
def load_knowledge_base(
    path: Path = DEFAULT_PATH, questions_path: Path | None = QUESTIONS_PATH
) -> KnowledgeBase:
    """Load and check data/myths.yaml (or `path`) and data/questions.yaml (or
    `questions_path`; None: without everyday questions) once per process; FileNotFoundError,
    yaml.YAMLError or KnowledgeBaseError when one is missing, unreadable or malformed."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if questions_path is None:
        return parse_knowledge_base(raw)
    with questions_path.open(encoding="utf-8") as handle:
        return parse_knowledge_base(raw, yaml.safe_load(handle))
