"""A language asked for by name (`dialogs.common.language_names`)."""

from __future__ import annotations

import pytest

from dialogs.common.language_names import language_named


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("English", "en"),
        ("englisch!", "en"),
        ("in English", "en"),
        ("Deutsch", "de"),
        ("auf Deutsch", "de"),
        ("German 🇩🇪", "de"),
        ("auf deutsch bitte", None),  # more than the name: not read as a switch
        ("I speak English", None),
        ("Français", None),  # not one of the bot's languages
        ("", None),
    ],
)
def test_a_whole_message_naming_a_language(text: str, code: str | None) -> None:
    assert language_named(text) == code
