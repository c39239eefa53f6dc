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
    translate = Translator()
    assert translate("welcome", "de", name="Anna", emergency="112").startswith("Hallo Anna!")
    assert "\u2068" not in translate(
        "welcome", "en", name="Anna", emergency="112"
    )  # no bidi isolation
    assert translate("no-such-message", "de") == "no-such-message"


ALERTS = {"triage-alert-emergency", "triage-alert-urgent"}


def _openings(pattern: ast.Pattern) -> list[str]:
    """How a message can begin: its first text, or the first text of each select variant."""
    if not pattern.elements:
        return [""]
    first = pattern.elements[0]
    if isinstance(first, ast.TextElement):
        return [first.value]
    if isinstance(first, ast.Placeable) and isinstance(first.expression, ast.SelectExpression):
        return [text for variant in first.expression.variants for text in _openings(variant.value)]
    return [""]


@pytest.mark.parametrize("language", ["de", "en"])
def test_only_emergency_and_urgent_alerts_start_with_the_warning_sign(language: str) -> None:
    for path in sorted((LOCALES / language).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if not isinstance(entry, ast.Message) or entry.value is None:
                continue
            starts = [text.lstrip().startswith("⚠") for text in _openings(entry.value)]
            if entry.id.name in ALERTS:
                assert all(starts), entry.id.name
            else:
                assert not any(starts), f"{path.name}: {entry.id.name} starts with ⚠️"
