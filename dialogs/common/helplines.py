"""Helplines for where the user is: the emergency, urgent-care and crisis numbers per country.

The numbers are reviewed content (`data/helplines.yaml`, each with the page it was verified
on). The user's country is the one they chose with /country, else the one their time zone
belongs to; anywhere else is OTHER, which has no national numbers, and the texts then name
"the local emergency number". Every safety text takes a `Helplines` as a required argument,
so no alert can silently fall back to a number from another country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import yaml

from dialogs.common.content import data_path
from dialogs.common.reply import Message
from dialogs.common.text import tokens

DATA_FILE = data_path("helplines.yaml")
OTHER = "OTHER"
# In the order /country offers them.
COUNTRIES = ("DE", "AT", "CH", "GB", OTHER)
# The Fluent arguments of a missing number: the texts select their wording on it.
NO_NUMBER = "none"


@dataclass(frozen=True)
class CrisisLine:
    """One crisis line of a country: its name, its numbers as dialled (strings, spaces kept)
    and, per language ("de"/"en"), when it is reachable and at what cost."""

    name: str
    numbers: tuple[str, ...]
    note: Mapping[str, str]  # language → when and at what cost ("rund um die Uhr, kostenlos")

    def describe(self, language: str) -> str:
        """ "TelefonSeelsorge: 0800 111 0 111 / 0800 111 0 222 (rund um die Uhr, kostenlos)".

        KeyError for a language the YAML has no note in."""
        return f"{self.name}: {' / '.join(self.numbers)} ({self.note[language]})"


@dataclass(frozen=True)
class Helplines:
    """The numbers for one country. `None` means there is no national number."""

    country: str
    name: Mapping[str, str]  # language → the country's name
    emergency: str | None
    urgent: str | None
    urgent_service: Mapping[str, str]  # language → the out-of-hours service, as the alert names it
    crisis: tuple[CrisisLine, ...] = ()

    def with_overrides(self, emergency: str | None, urgent: str | None) -> Helplines:
        """The operator's EMERGENCY_NUMBER / URGENT_CARE_NUMBER win over the country's."""
        return replace(self, emergency=emergency or self.emergency, urgent=urgent or self.urgent)

    def args(self, language: str) -> dict[str, str]:
        """Fluent arguments for every safety text: `emergency` and `urgent` are a number or
        "none" (the texts select their wording on it), `crisis_lines` one line per crisis line
        or "none", `urgent_service` and `country_name` in the user's language ("de"/"en";
        KeyError for another), `country` the code ("DE" … "OTHER"). All values are str."""
        lines = "\n".join(line.describe(language) for line in self.crisis)
        return {
            "country": self.country,
            "country_name": self.name[language],
            "emergency": self.emergency or NO_NUMBER,
            "urgent": self.urgent or NO_NUMBER,
            "urgent_service": self.urgent_service[language],
            "crisis_lines": lines or NO_NUMBER,
        }


# "112" as a number of its own in reviewed content (an answer's "call the emergency number 112
# at once"), not inside another number, a date or a DOI.
_EMERGENCY_IN_CONTENT = re.compile(r"(?<![\d./-])112(?![\d./-])")
# Message arguments that are citations, where a "112" is a page or volume, never a number to call.
_CITATION_ARGS = frozenset({"source", "sources"})


def with_local_numbers(message: Message, helplines: Helplines) -> Message:
    """`message` with the "112" of reviewed content (myth and question answers, the guided
    routine's advice: `data/*.yaml`, written for Germany) replaced by the user's country's
    emergency number ("999" in the UK); unchanged where that is 112 or the country has no
    national number (112 then stays: it works in the EU, the UK and on many mobile networks).
    Fluent texts name the number through their arguments already and are not touched."""
    number = helplines.emergency
    if number is None or number == "112":
        return message
    args = {
        key: _EMERGENCY_IN_CONTENT.sub(number, value)
        if isinstance(value, str) and key not in _CITATION_ARGS
        else value
        for key, value in message.args.items()
    }
    return message if args == dict(message.args) else replace(message, args=args)


def _helplines(country: str, raw: Mapping[str, Any]) -> Helplines:
    urgent = raw["urgent"]
    return Helplines(
        country=country,
        name=raw["name"],
        emergency=raw["emergency"],
        urgent=urgent["number"],
        urgent_service=urgent["service"],
        crisis=tuple(
            CrisisLine(str(line["name"]), tuple(str(n) for n in line["numbers"]), line["note"])
            for line in raw["crisis"]
        ),
    )


@lru_cache(maxsize=1)
def raw_content() -> dict[str, Any]:
    """The parsed data/helplines.yaml, read once (FileNotFoundError / yaml.YAMLError if it is
    missing or broken)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Helplines]:
    """Country code ("DE", "AT", "CH", "GB", "OTHER") → its helplines (loaded once; KeyError
    when an entry of the YAML lacks a required field)."""
    return {code: _helplines(code, raw) for code, raw in raw_content()["countries"].items()}


def country_for_timezone(timezone: str) -> str:
    """Europe/Berlin → "DE", Europe/Vienna → "AT" …; any zone not listed → OTHER."""
    country: str = raw_content()["timezones"].get(timezone, OTHER)
    return country


def helplines_for(
    country: str | None,
    timezone: str,
    *,
    emergency_override: str | None = None,
    urgent_override: str | None = None,
) -> Helplines:
    """The helplines for a chosen `country` (a code of COUNTRIES; None: the one `timezone`, an
    IANA name, belongs to), with the operator's overrides. An unknown stored country is
    treated as "derive from the zone"; an unlisted zone gives OTHER."""
    table = catalogue()
    code = country if country in table else country_for_timezone(timezone)
    return table[code].with_overrides(emergency_override, urgent_override)


# Typed country names: a short message naming where the user is ("I'm in the UK actually",
# "ich wohne in Österreich") sets the country of the numbers like /country's buttons.
_COUNTRY_NAMES = {
    "GB": ("uk", "u k", "england", "scotland", "wales", "britain", "great britain",
           "united kingdom", "northern ireland", "grossbritannien", "vereinigtes koenigreich",
           "schottland"),
    "AT": ("oesterreich", "austria"),
    "CH": ("schweiz", "switzerland", "suisse"),
    "DE": ("deutschland", "germany"),
}  # fmt: skip
_PLACE_WORDS = frozenset(
    {"ich", "bin", "in", "der", "die", "aus", "wohne", "lebe", "sitze", "i", "im", "m", "am",
     "live", "from", "the", "actually", "eigentlich", "hier", "here", "its", "it", "is", "ist",
     "es", "nicht", "not", "but", "aber", "also", "so", "ok", "okay", "oh"}
)  # fmt: skip
MAX_COUNTRY_WORDS = 7


def country_from_text(text: str) -> str | None:
    """The country (one of `COUNTRIES` but OTHER) a short message names as where the writer is
    ("I'm in the UK actually", "wohne in der Schweiz", "Österreich"), or None: longer messages,
    several countries, or other words around the name ("UK pharmacies are closed")."""
    words = tokens(text)
    if not words or len(words) > MAX_COUNTRY_WORDS:
        return None
    joined = " ".join(words)
    found = {
        code
        for code, names in _COUNTRY_NAMES.items()
        for name in names
        if re.search(rf"\b{name}\b", joined)
    }
    if len(found) != 1:
        return None
    rest = joined
    for names in _COUNTRY_NAMES.values():
        for name in sorted(names, key=len, reverse=True):
            rest = re.sub(rf"\b{name}\b", " ", rest)
    return found.pop() if all(word in _PLACE_WORDS for word in rest.split()) else None
