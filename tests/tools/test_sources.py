"""Every medical claim has a source, and the README names every source the content uses."""

from __future__ import annotations

from pathlib import Path

import pytest

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
