"""The myths knowledge base has the shape the bot relies on, with texts in both languages."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from fluent.syntax import FluentParser, ast

from dialogs.myths.knowledge_base import (
    DEFAULT_PATH,
    LANGUAGES,
    REQUIRED_IDS,
    TEXT_FIELDS,
    KnowledgeBaseError,
    load_knowledge_base,
    parse_knowledge_base,
)

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ROOT / "data" / "locales"
MY_MODULES = [ROOT / "dialogs" / "myths" / name for name in ("pages.py", "quiz.py")]


def raw_yaml() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def fluent_ids(language: str) -> set[str]:
    ids: set[str] = set()
    for path in (LOCALES / language).glob("*.ftl"):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        assert not [e for e in resource.body if isinstance(e, ast.Junk)], f"syntax error in {path}"
        ids |= {e.id.name for e in resource.body if isinstance(e, ast.Message)}
    return ids


def test_required_entries_exist_with_unique_ids() -> None:
    knowledge_base = load_knowledge_base()
    assert set(REQUIRED_IDS) <= set(knowledge_base.ids)
    assert len(knowledge_base.ids) == len(set(knowledge_base.ids))


def test_every_entry_has_valid_verdict_and_both_languages() -> None:
    for entry in load_knowledge_base().entries:
        assert entry.verdict in ("myth", "fact")
        for field in TEXT_FIELDS:
            for language in LANGUAGES:
                assert entry.text(field, language).strip(), (entry.id, field, language)
        for language in LANGUAGES:
            assert len(entry.phrasings[language]) >= 10, (entry.id, language)


def test_every_entry_has_a_complete_source_with_doi_or_url() -> None:
    for entry in load_knowledge_base().entries:
        assert entry.sources, entry.id
        complete = [s for s in entry.sources if s.is_complete and (s.doi or s.url)]
        assert complete, entry.id
        for source in entry.sources:
            assert source.authors and 1900 < source.year < 2030
            # unverifiable sources say so instead of carrying invented details
            assert source.is_complete or source.note
            assert source.doi is None or re.fullmatch(r"10\.\d{4,}/\S+", source.doi)
            assert source.url is None or source.url.startswith("https://")


def test_the_main_claim_cites_the_cochrane_review_on_bed_rest() -> None:
    rest = load_knowledge_base().get("rest")
    assert rest is not None and rest.verdict == "myth"
    assert "10.1002/14651858.CD007612.pub2" in [s.doi for s in rest.sources]


def test_facts_from_the_article_are_facts() -> None:
    knowledge_base = load_knowledge_base()
    assert knowledge_base.get("prevalence").verdict == "fact"  # type: ignore[union-attr]
    assert knowledge_base.get("dose").verdict == "fact"  # type: ignore[union-attr]


FEVER = re.compile(r"fieber|fever", re.IGNORECASE)
# The red flags grade fever "urgent": see a doctor *today*. Other urgency words must not compete.
TODAY = {"de": "heute", "en": "today"}
OTHER_URGENCY = re.compile(
    r"sofort|umgehend|unverzüglich|at once|immediately|right away|straight away", re.IGNORECASE
)


def _clauses(text: str) -> list[str]:
    text = text.replace("z. B.", "zB").replace("e.g.", "eg")
    return [part for part in re.split(r"[.;:,!?–]", text) if part.strip()]


def test_fever_has_one_urgency_word_everywhere() -> None:
    red_flags = yaml.safe_load((ROOT / "data" / "red_flags.yaml").read_text(encoding="utf-8"))
    (fever,) = [flag for flag in red_flags["flags"] if flag["id"] == "fever"]
    assert fever["urgency"] == "urgent"  # "urgent = see a doctor today" (data/red_flags.yaml)
    mentioned = 0
    for entry in load_knowledge_base().entries:
        for field in ("answer", "more"):
            for language in LANGUAGES:
                for clause in _clauses(entry.text(field, language)):
                    if FEVER.search(clause):
                        mentioned += 1
                        assert TODAY[language] in clause.casefold(), (entry.id, clause)
                        assert not OTHER_URGENCY.search(clause), (entry.id, clause)
    assert mentioned >= 4  # rest and serious, in both languages
    other_texts = [
        yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
        for name in ("exercises.yaml", "barrier_tips.yaml")
    ]
    for raw in other_texts:
        for clause in _clauses(str(raw)):
            if FEVER.search(clause):
                assert not OTHER_URGENCY.search(clause), clause


def test_answers_are_short() -> None:
    for entry in load_knowledge_base().entries:
        for language in LANGUAGES:
            text = entry.text("answer", language).replace("z. B.", "zB").replace("e.g.", "eg")
            sentences = re.split(r"(?<=[.!?])\s+", text)
            assert 2 <= len(sentences) <= 5, (entry.id, language, sentences)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["entries"][0].update(verdict="maybe"), "verdict"),
        (lambda d: d["entries"][1].update(id=d["entries"][0]["id"]), "duplicate"),
        (lambda d: d["entries"][0]["answer"].pop("en"), "answer"),
        (lambda d: d["entries"][0].update(sources=[]), "source"),
        (lambda d: d["entries"].pop(0), "missing required"),
        (lambda d: d["entries"][0].update(sources=[{"authors": "X", "year": 2020}]), "title"),
        (lambda d: d["entries"][0]["phrasings"].update(de=[]), "phrasings"),
    ],
)
def test_broken_yaml_is_rejected(change, message: str) -> None:
    data = copy.deepcopy(raw_yaml())
    change(data)
    with pytest.raises(KnowledgeBaseError, match=message):
        parse_knowledge_base(data)


def test_every_fluent_id_used_exists_in_both_catalogues() -> None:
    used = {
        key
        for path in MY_MODULES
        for key in re.findall(r'"((?:myths|button)-[a-z-]+)"', path.read_text(encoding="utf-8"))
    }
    assert "myths-answer" in used and "myths-quiz-question" in used
    for language in LANGUAGES:
        assert used <= fluent_ids(language), (language, used - fluent_ids(language))


def test_both_catalogues_define_the_same_myth_ids() -> None:
    de = {i for i in fluent_ids("de") if i.startswith("myths-")}
    en = {i for i in fluent_ids("en") if i.startswith("myths-")}
    assert de == en
