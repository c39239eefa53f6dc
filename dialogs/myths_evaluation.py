"""Measure the myths matcher on the labelled set: `python -m dialogs.myths_evaluation [--compare]`.

Prints a Markdown table for the README: top-1 accuracy on myth questions and the false-match
rate on off-topic messages, for the tuning part and the held-out part (never tuned on) of
tests/data/myth_questions.yaml. `--compare` also measures the alternatives we considered
(rapidfuzz scorers, TF-IDF variants), each with the threshold that is best on the tuning part.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from dialogs.myths import (
    LANGUAGES,
    KnowledgeBase,
    MatcherSettings,
    MythMatcher,
    content_tokens,
    load_knowledge_base,
)
from dialogs.normalize import stems

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "myth_questions.yaml"

Ranker = Callable[[str, str], tuple[str | None, float]]  # (text, language) → (best id, score)


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    expected: str | None  # None: off-topic, must not match
    heldout: bool


@dataclass(frozen=True)
class Result:
    questions: int
    correct: int
    offtopic: int
    false_matches: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.questions if self.questions else 0.0

    @property
    def false_match_rate(self) -> float:
        return self.false_matches / self.offtopic if self.offtopic else 0.0


def load_questions(path: Path = DEFAULT_SET) -> list[Question]:
    """The labelled set as flat questions."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    questions: list[Question] = []
    for entry_id, languages in raw["entries"].items():
        for language, parts in languages.items():
            for part, texts in parts.items():
                questions += [Question(t, language, entry_id, part == "heldout") for t in texts]
    for language, parts in raw["offtopic"].items():
        for part, texts in parts.items():
            questions += [Question(t, language, None, part == "heldout") for t in texts]
    return questions


def score(scored: Iterable[tuple[Question, str | None, float]], threshold: float) -> Result:
    """Count correct top-1 answers and false matches at a threshold."""
    questions = correct = offtopic = false_matches = 0
    for question, best, value in scored:
        answered = best if value >= threshold else None
        if question.expected is None:
            offtopic += 1
            false_matches += answered is not None
        else:
            questions += 1
            correct += answered == question.expected
    return Result(questions, correct, offtopic, false_matches)


def best_threshold(scored: list[tuple[Question, str | None, float]]) -> float:
    """Threshold maximising accuracy minus false-match rate on the given (tuning) questions."""
    candidates = sorted({round(value, 3) for _, _, value in scored})
    return max(
        candidates,
        key=lambda t: (score(scored, t).accuracy - score(scored, t).false_match_rate, -t),
    )


def matcher_ranker(knowledge_base: KnowledgeBase, settings: MatcherSettings) -> Ranker:
    """`MythMatcher.match` with all its rules; the threshold is applied by the caller."""
    matcher = MythMatcher(knowledge_base, replace(settings, threshold=float("-inf")))

    def rank(text: str, language: str) -> tuple[str | None, float]:
        found = matcher.match(text, language)
        return (found.entry_id, found.score) if found else (None, float("-inf"))

    return rank


def rapidfuzz_ranker(
    knowledge_base: KnowledgeBase, scorer: Callable[..., float], use_stems: bool
) -> Ranker:
    """Best rapidfuzz similarity between the question and any phrasing (content words only)."""

    def prepare(text: str, language: str) -> str:
        words = content_tokens(text, language)
        return " ".join(stems(" ".join(words), language) if use_stems else words)

    choices: dict[str, tuple[list[str], list[str]]] = {}
    for language in LANGUAGES:
        owners = [e.id for e in knowledge_base.entries for _ in (0, *e.phrasings[language])]
        texts = [
            prepare(t, language)
            for e in knowledge_base.entries
            for t in (e.text("claim", language), *e.phrasings[language])
        ]
        choices[language] = (owners, texts)

    def rank(text: str, language: str) -> tuple[str | None, float]:
        owners, texts = choices[language]
        found = process.extractOne(prepare(text, language), texts, scorer=scorer)
        return (owners[found[2]], found[1] / 100.0) if found else (None, 0.0)

    return rank


def candidates(knowledge_base: KnowledgeBase) -> dict[str, Ranker]:
    plain = MatcherSettings(
        keyword_weight=0.0, weak_keyword_weight=0.0, use_chatter=False, statement_penalty=0.0
    )
    return {
        "TF-IDF stems + char n-grams + keywords + chatter": matcher_ranker(
            knowledge_base, MatcherSettings()
        ),
        "… without chatter examples": matcher_ranker(
            knowledge_base, replace(MatcherSettings(), use_chatter=False)
        ),
        "… without keywords": matcher_ranker(
            knowledge_base, replace(MatcherSettings(), keyword_weight=0.0, weak_keyword_weight=0.0)
        ),
        "TF-IDF stems + char 3-5-grams": matcher_ranker(knowledge_base, plain),
        "TF-IDF char 3-5-grams only": matcher_ranker(
            knowledge_base, replace(plain, word_weight=0.0)
        ),
        "TF-IDF word stems only": matcher_ranker(knowledge_base, replace(plain, word_weight=1.0)),
        "rapidfuzz WRatio (words)": rapidfuzz_ranker(knowledge_base, fuzz.WRatio, False),
        "rapidfuzz token_set_ratio (stems)": rapidfuzz_ranker(
            knowledge_base, fuzz.token_set_ratio, True
        ),
        "rapidfuzz token_sort_ratio (stems)": rapidfuzz_ranker(
            knowledge_base, fuzz.token_sort_ratio, True
        ),
    }


def evaluate(
    ranker: Ranker, questions: list[Question], threshold: float | None = None
) -> tuple[float, Result, Result, Result, float]:
    """(threshold, all, tune, held-out, ms per question); threshold tuned on `tune` if None."""
    started = time.perf_counter()
    scored = [(q, *ranker(q.text, q.language)) for q in questions]
    elapsed_ms = (time.perf_counter() - started) * 1000 / len(questions)
    tune = [s for s in scored if not s[0].heldout]
    heldout = [s for s in scored if s[0].heldout]
    if threshold is None:
        threshold = best_threshold(tune)
    return (
        threshold,
        score(scored, threshold),
        score(tune, threshold),
        score(heldout, threshold),
        elapsed_ms,
    )


def _row(name: str, results: tuple[float, Result, Result, Result, float]) -> str:
    threshold, everything, tune, heldout, ms = results
    return (
        f"| {name} | {threshold:.2f} | {everything.accuracy:.1%} | "
        f"{everything.false_match_rate:.1%} | {tune.accuracy:.1%} | {tune.false_match_rate:.1%} | "
        f"{heldout.accuracy:.1%} | {heldout.false_match_rate:.1%} | {ms:.2f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also measure the alternatives")
    args = parser.parse_args(argv)
    knowledge_base = load_knowledge_base()
    questions = load_questions()
    myth_count = sum(q.expected is not None for q in questions)
    print(
        f"{myth_count} myth questions ({len(knowledge_base.entries)} entries), "
        f"{len(questions) - myth_count} off-topic messages; "
        f"held-out: {sum(q.heldout for q in questions)}\n"
    )
    print(
        "| matcher | threshold | top-1 accuracy | false matches | tune acc. | tune false | "
        "held-out acc. | held-out false | ms/question |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    settings = MatcherSettings()
    shipped = matcher_ranker(knowledge_base, settings)
    print(_row("shipped (`dialogs.myths.match`)", evaluate(shipped, questions, settings.threshold)))
    if args.compare:
        for name, ranker in candidates(knowledge_base).items():
            print(_row(name + " *", evaluate(ranker, questions)))
        print("\n\\* threshold chosen for the best accuracy − false-match rate on the tuning part")


if __name__ == "__main__":
    main()
