"""The red-flag content: loads and types what clinicians reviewed in `data/red_flags.yaml`.

Why a module of its own: the catalogue (flags, the check's questions, sources, the all-clear advice)
and the urgency scale are shared by the free-text matcher (`dialogs.triage.screening`), the
structured check (`dialogs.triage.red_flag_check`) and the alerts (`dialogs.triage.alerts`). Keeping
them apart from the matching logic means a content change never touches matching code, and the YAML
is read from one place only (`raw_content`, cached) so every user of it sees the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dialogs.common.content import SAFE_LOADER, data_path

DATA_FILE = data_path("red_flags.yaml")
LANGUAGES = ("de", "en")


class Urgency(StrEnum):
    """How fast a person needs help. `CLEAR` is an alias of `NONE` for check outcomes.

    `CRISIS` (thoughts of suicide or of not wanting to live) ranks above `EMERGENCY`: it is
    checked before every red flag and answered with crisis lines, never with exercise advice.
    """

    CRISIS = "crisis"
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    NONE = "none"
    CLEAR = "none"

    @property
    def rank(self) -> int:
        """4 for a crisis, 3 for an emergency down to 0 for none: compare with this, not `<`."""
        return _RANK[self.value]

    def at_least(self, other: Urgency) -> bool:
        """True when this level is as urgent as `other` or more (by `rank`)."""
        return self.rank >= other.rank


# An order, not a clinical scale: a crisis above every red flag (see Urgency), then the
# grades of data/red_flags.yaml (each flag's grade is sourced there), most urgent first.
_RANK = {"crisis": 4, "emergency": 3, "urgent": 2, "soon": 1, "none": 0}


def most_urgent(levels: Iterable[Urgency]) -> Urgency:
    """The most urgent of `levels` by rank; Urgency.NONE when there are none."""
    return max(levels, key=lambda level: level.rank, default=Urgency.NONE)


class Experiencer(StrEnum):
    """Whose sign a message describes (ConText's "experiencer" property)."""

    SELF = "self"  # the writer
    OTHER = "other"  # a partner, parent, child, friend …: the alert is worded for them


@dataclass(frozen=True)
class Screening:
    """What the safety net found in one message.

    `ask` is True in the band of weak evidence (a sign in an unclear context, a hypothetical,
    a body region and a sensation far apart): the bot asks the flag's one check question
    (Ja / Nein / Weiß nicht) instead of alerting, and "Ja" or "Weiß nicht" gives the alert.
    """

    level: Urgency = Urgency.NONE
    flag_id: str | None = None
    matched: str | None = None  # the words of the message that matched
    worsening: bool = False  # "it's getting worse": re-offer the check
    ask: bool = False
    experiencer: Experiencer = Experiencer.SELF
    # When nothing was found: the rules (flags and signals of data/red_flags.yaml) whose words
    # were there but ruled out by ConText (negated, past, an animal's: "kein Fieber") or by an
    # `unless` word ("Lampenfieber"). Not part
    # of equality: two results that answer alike are equal.
    ruled_out: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def flagged(self) -> bool:
        """True for any level but NONE (a crisis included)."""
        return self.level is not Urgency.NONE

    @property
    def flag_ids(self) -> tuple[str, ...]:
        """() or (flag_id,): the shape alerts share with check outcomes."""
        return (self.flag_id,) if self.flag_id else ()


# ------------------------------------------------------------------ content (reviewed YAML)
@dataclass(frozen=True)
class RedFlag:
    """One red flag: its id, how urgent it is (the grade comes with `sources`, ids of
    `Catalogue.sources`), and how the alert names it per language."""

    id: str
    urgency: Urgency
    sign: Mapping[str, str]  # language → how the alert names it
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One question of the structured check: its id, the red-flag ids a "yes" (or "not sure")
    raises, and its text per language."""

    id: str
    flags: tuple[str, ...]
    text: Mapping[str, str]


@dataclass(frozen=True)
class Catalogue:
    """The reviewed content: flags by id, the check's questions in asking order (emergencies
    first), sources by id (the YAML's fields: title, year, `short` …) and the all-clear
    "stay active" advice per language with its source ids."""

    flags: Mapping[str, RedFlag]
    questions: tuple[Question, ...]
    sources: Mapping[str, Mapping[str, Any]]
    stay_active: Mapping[str, str]
    stay_active_sources: tuple[str, ...]

    def question_urgency(self, question: Question) -> Urgency:
        """The most urgent level among the question's flags (KeyError for an unknown flag)."""
        return most_urgent(self.flags[flag].urgency for flag in question.flags)

    def cite(self, source_ids: Iterable[str]) -> str:
        """Compact citations ("Dahm et al., Cochrane 2010") so the message fits one screen;
        the full references stay in data/red_flags.yaml and the README. "; "-joined, in the
        order given; KeyError for an unknown source id."""
        cited = []
        for source_id in source_ids:
            source = self.sources[source_id]
            cited.append(
                source.get("short")
                or f"{source['title']} ({source.get('venue', source.get('publisher'))}, "
                f"{source['year']})"
            )
        return "; ".join(cited)


class _StrictLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML that refuses a key given twice in one mapping (PyYAML keeps the last one
    silently, which would drop a reviewed list of patterns without a word). Parsed by libyaml
    when PyYAML has it (several times faster: the training examples are read at start-up)."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(key, deep=True) for key, _value in node.value]
    repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
    if repeated:
        raise yaml.constructor.ConstructorError(
            None, None, f"key given twice: {', '.join(repeated)}", node.start_mark
        )
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def load_reviewed_yaml(path: Path) -> Any:
    """A reviewed content file, parsed safely; raises `yaml.YAMLError` on a key given twice
    (and FileNotFoundError for a missing file)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_StrictLoader)


@lru_cache(maxsize=1)
def raw_content() -> dict[str, Any]:
    """The parsed YAML, read once: the catalogue and the compiled patterns share this copy."""
    data: dict[str, Any] = load_reviewed_yaml(DATA_FILE)
    return data


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The red flags, the check's questions and the all-clear advice (loaded once).

    KeyError for a missing key, ValueError for an unknown urgency in the YAML."""
    raw = raw_content()
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
