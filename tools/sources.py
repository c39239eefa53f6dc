"""Every source behind the medical content, collected from `data/`, for the README and review.

The content files keep their sources in slightly different shapes (a list, or a mapping by
key); this module normalises them so one test can check that the README names each of them.
`python -m tools.sources` prints the Markdown list that the README's sources section holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from dialogs.common.content import data_path

DATA = data_path()
CONTENT_FILES = (
    "red_flags.yaml",
    "startback.yaml",
    "myths.yaml",
    "questions.yaml",
    "exercises.yaml",
    "barrier_tips.yaml",
    "checkin.yaml",
)


@dataclass(frozen=True)
class Source:
    title: str
    short: str = ""  # the article's unverified citations have only this
    authors: str = ""
    venue: str = ""
    year: str = ""
    doi: str = ""
    url: str = ""
    note: str = ""

    def markdown(self) -> str:
        if not self.title:
            return f"{self.short} ({self.note.strip()})" if self.note else self.short
        parts = [self.authors, f"*{self.title}*", self.venue, self.year]
        text = ". ".join(part.strip().rstrip(".") for part in parts if part)
        if self.doi:
            text += f". doi:[{self.doi}](https://doi.org/{self.doi})"
        elif self.url:
            text += f". <{self.url}>"
        if self.note:
            text += f" ({self.note.strip()})"
        return text


def _entries(raw: Any) -> Iterator[dict[str, Any]]:
    if isinstance(raw, dict):
        yield from (value for value in raw.values() if isinstance(value, dict))
    elif isinstance(raw, list):
        yield from (value for value in raw if isinstance(value, dict))


def sources_of(filename: str) -> list[Source]:
    raw = yaml.safe_load((DATA / filename).read_text(encoding="utf-8"))
    found = []
    for item in _entries(raw.get("sources")):
        found.append(
            Source(
                title=str(item.get("title", "")),
                short=str(item.get("short", "")),
                authors=str(item.get("authors", "")),
                venue=str(item.get("venue") or item.get("publisher") or ""),
                year=str(item.get("year", "")),
                doi=str(item.get("doi", "")),
                url=str(item.get("url", "")),
                note=str(item.get("note", "")),
            )
        )
    return found


def all_sources() -> list[Source]:
    """Each source once (by DOI, else URL, else title), in the order of the content files."""
    seen: set[str] = set()
    unique = []
    for filename in CONTENT_FILES:
        for source in sources_of(filename):
            key = source.doi or source.url or (source.title or source.short).casefold()
            if key not in seen:
                seen.add(key)
                unique.append(source)
    return unique


def main() -> None:
    for source in all_sources():
        print(f"- {source.markdown()}")


if __name__ == "__main__":
    main()
