"""Which folded words are real, common words of German or English (wordfreq).

Shared by the matchers that forgive typos: a real word is what the writer meant, so it is never
"corrected" into a word the matcher knows ("angefangen" is not a typo of "angefahren", "laufen"
not one of "kaufen"). Only words that are not real words get edit-distance matching.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import get_frequency_dict

from dialogs.common.build_cache import cached
from dialogs.common.text import fold_word

LANGUAGES = ("de", "en")
# A word at least this frequent in wordfreq (Zipf scale: 3 = once per million words) is a real
# word, never a typo. Product decision: 2.0 keeps rare real words such as "eingerostet" (2.4) out
# of typo matching while typos such as "weeker" (1.3) still match.
REAL_WORD_ZIPF = 2.0


@lru_cache(maxsize=2)
def common_words(language: str) -> frozenset[str]:
    """Folded words of `language` ("de" | "en"; wordfreq raises LookupError for a language it
    does not know) that are real, reasonably common words (Zipf ≥ REAL_WORD_ZIPF). Built once
    on first use (about two seconds for both languages) or loaded from the build cache
    (`dialogs.common.build_cache`) when the bot keeps one."""

    def build() -> frozenset[str]:
        floor = 10 ** (REAL_WORD_ZIPF - 9)
        return frozenset(
            folded
            for word, frequency in get_frequency_dict(language).items()
            if frequency >= floor and (folded := fold_word(word))
        )

    return cached(f"common-words-{language}", build)


def is_real_word(word: str) -> bool:
    """True when the folded `word` is a common word of German or English."""
    return any(word in common_words(code) for code in LANGUAGES)
