"""Message catalogues: German and English have the same messages, and every one formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from bot.i18n import LOCALES, Translator

FILES = sorted({path.name for path in LOCALES.glob("*/*.ftl")})


def message_ids(path: Path) -> set[str]:
    resource = FluentParser().parse(path.read_text(encoding="utf-8"))
    junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    assert not junk, f"syntax errors in {path}: {[entry.content[:60] for entry in junk]}"
    return {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}


@pytest.mark.parametrize("filename", FILES)
def test_both_languages_have_the_same_messages(filename: str) -> None:
    german = message_ids(LOCALES / "de" / filename)
    english = message_ids(LOCALES / "en" / filename)
    assert german == english, f"only de: {german - english}; only en: {english - german}"


def test_no_message_id_is_defined_twice_across_files() -> None:
    seen: dict[str, str] = {}
    for path in sorted((LOCALES / "de").glob("*.ftl")):
        for message_id in message_ids(path):
            assert message_id not in seen, f"{message_id} in {path.name} and {seen[message_id]}"
            seen[message_id] = path.name


def test_fallback_and_arguments() -> None:
    t = Translator()
    assert t("welcome", "de", name="Anna", emergency="112").startswith("Hallo Anna!")
    assert "\u2068" not in t("welcome", "en", name="Anna", emergency="112")  # no bidi isolation
    assert t("no-such-message", "de") == "no-such-message"
