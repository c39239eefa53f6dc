"""A language asked for by name ("English", "auf Deutsch"), typed instead of tapping /language's
buttons or the welcome's language button."""

from __future__ import annotations

from dialogs.common.text import tokens

# Folded whole messages → language code (the bot's languages: German and English).
_NAMES = {
    "deutsch": "de",
    "auf deutsch": "de",
    "german": "de",
    "in german": "de",
    "english": "en",
    "englisch": "en",
    "auf englisch": "en",
    "in english": "en",
}


def language_named(text: str) -> str | None:
    """The code ("de", "en") of the language `text` names, when the whole message is just that
    name ("English", "auf Deutsch bitte" is not); else None."""
    return _NAMES.get(" ".join(tokens(text)))
