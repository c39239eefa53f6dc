"""Fluent message catalogues (`data/locales/<lang>/*.ftl`), loaded once per process.

Every feature keeps its texts in its own `.ftl` file; all files of a language form one bundle.
A message missing in the user's language falls back to the other language and, failing that,
to its id, so a gap in a catalogue shows up as a visible id rather than a crash.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from bot.config import SUPPORTED_LANGUAGES
from dialogs.common.content import data_path

LOCALES = data_path("locales")
log = logging.getLogger(__name__)


class Translator:
    """Formats Fluent messages for a language, with the other language as fallback."""

    def __init__(self, locales_dir: Path = LOCALES) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        for language in SUPPORTED_LANGUAGES:
            bundle = FluentBundle([language], use_isolating=False)
            for path in sorted((locales_dir / language).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._bundles[language] = bundle

    def has(self, key: str, language: str) -> bool:
        """True when `language`'s own catalogue has `key` (no fallback); KeyError for a
        language outside SUPPORTED_LANGUAGES."""
        return self._bundles[language].has_message(key)

    def __call__(self, key: str, language: str, **args: Any) -> str:
        """The text for `key` in `language` (or the fallback), with `args` filled in. Fluent's
        formatting errors are logged, not raised; a missing message comes back as its id."""
        order = [language, *(lang for lang in SUPPORTED_LANGUAGES if lang != language)]
        for candidate in order:
            bundle = self._bundles.get(candidate)
            if bundle is None or not bundle.has_message(key):
                continue
            message = bundle.get_message(key)
            if message.value is None:
                continue
            text, errors = bundle.format_pattern(message.value, args)
            if errors:
                log.warning("fluent errors in %s/%s: %s", candidate, key, errors)
            return str(text)
        log.error("missing Fluent message %s", key)
        return key


@lru_cache(maxsize=1)
def translator() -> Translator:
    """The process's translator over data/locales, built once."""
    return Translator()
