"""Every medical claim has a source, and the README names every source the content uses."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.sources import CONTENT_FILES, all_sources, sources_of

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("filename", CONTENT_FILES)
def test_content_files_name_their_sources(filename: str) -> None:
    sources = sources_of(filename)
    assert sources, f"{filename} has no sources"
    for source in sources:
        assert source.title or (source.short and "as cited" in source.note), source
        assert source.doi or source.url or source.venue or source.note or source.title, source


def test_readme_lists_every_source() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [source.markdown() for source in all_sources() if source.markdown() not in readme]
    assert not missing, "run `python -m tools.sources` and update the README:\n" + "\n".join(
        missing
    )


# --- issue 15: every source in data/*.yaml is findable, and each work is cited one way --------

DATA = Path(__file__).resolve().parents[2] / "data"
DOI = re.compile(r"10\.\d{4,}/\S+")


def _data_sources() -> list[tuple[str, dict[str, Any]]]:
    """(file name, source) for every entry of the top-level `sources` of each data/*.yaml (a
    list, or a mapping by key). Files without such a block (helplines: per-country pages with
    their own `checked` dates) have no citations of medical claims."""
    found = []
    for path in sorted(DATA.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        block = raw.get("sources") if isinstance(raw, dict) else None
        items = block.values() if isinstance(block, dict) else block or []
        found += [(path.name, item) for item in items if isinstance(item, dict)]
    return found


def _unverifiable(source: dict[str, Any]) -> bool:
    """The seed article's own citations: only known "as cited in the article", no title."""
    return not source.get("title") and "as cited" in str(source.get("note", ""))


def _title(source: dict[str, Any]) -> str:
    text = str(source.get("title") or source.get("short") or "")
    return " ".join(text.casefold().split()).rstrip(".")


def _where(source: dict[str, Any]) -> str:
    """The work's identity: its DOI, else its URL (both compared without case or a final /)."""
    doi = str(source.get("doi") or "").casefold()
    return doi or str(source.get("url") or "").casefold().rstrip("/")


def test_data_files_have_sources_to_check() -> None:
    files = {name for name, _ in _data_sources()}
    assert set(CONTENT_FILES) <= files, set(CONTENT_FILES) - files


@pytest.mark.parametrize(("filename", "source"), _data_sources(), ids=lambda value: str(value)[:40])
def test_every_source_has_a_doi_or_stable_url_and_a_year(
    filename: str, source: dict[str, Any]
) -> None:
    year = source.get("year")
    assert isinstance(year, int) and 1900 < year <= 2100, (filename, source)
    if _unverifiable(source):  # marked as such; no identifier to give
        return
    doi, url = source.get("doi"), source.get("url")
    assert doi or url, (filename, source)
    assert doi is None or DOI.fullmatch(str(doi)), (filename, doi)
    assert url is None or str(url).startswith("https://"), (filename, url)


def test_no_two_files_cite_the_same_work_differently() -> None:
    by_work: dict[str, set[tuple[str, Any]]] = defaultdict(set)
    by_title: dict[str, set[tuple[str, Any]]] = defaultdict(set)
    for _, source in _data_sources():
        if _unverifiable(source):
            continue
        by_work[_where(source)].add((_title(source), source.get("year")))
        by_title[_title(source)].add((_where(source), source.get("year")))
    differently = {key: cited for key, cited in by_work.items() if len(cited) > 1}
    assert not differently, differently  # same DOI/URL, another title or year
    differently = {key: cited for key, cited in by_title.items() if len(cited) > 1}
    assert not differently, differently  # same title, another DOI/URL (or none) or year


def test_updated_and_moved_sources() -> None:
    sources = [source for _, source in _data_sources()]
    ng59 = [s for s in sources if _where(s) == "https://www.nice.org.uk/guidance/ng59"]
    assert ng59 and all("December 2020" in str(s.get("note")) for s in ng59)
    lancet = [s for s in sources if "promising directions" in _title(s)]
    assert lancet and all(s.get("doi") == "10.1016/S0140-6736(18)30489-6" for s in lancet)
    keele = [s for s in sources if _title(s) == "keele start back screening tool"]
    assert [s["url"] for s in keele] == ["https://startback.hfac.keele.ac.uk/"]
    start_g = {s.get("doi") for s in sources}
    assert {"10.1371/journal.pone.0132068", "10.1186/s12891-015-0806-9"} <= start_g
