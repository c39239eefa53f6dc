"""No common word raises an alarm: the 20,000 most frequent words of each language, alone and in a
harmless frame, never get an emergency, urgent or crisis alert, except the few words that name a
warning sign themselves ("Fieber", "Autounfall", "suicide").

Why: typo tolerance used to turn everyday verbs into red-flag words ("angefangen" → "angefahren",
"eingerostet" → "eingekotet"), and an alarm that fires on common words teaches people to ignore
alarms. The word lists come from wordfreq (Speer, doi:10.5281/zenodo.7199437), the same library
that tells the screener which words are real.
"""

from __future__ import annotations

import pytest
from wordfreq import top_n_list

from dialogs.triage.red_flags import Urgency
from dialogs.triage.screening import screen, screen_many

COMMON = 20_000
FRAMES = {"de": "hab heute {}", "en": "today I {}"}
ALARMS = (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.URGENT)

# Words that name a warning sign on their own: an alert for them is the point.
EXCEPTIONS = {
    "de": {
        "fieber": Urgency.URGENT,
        "infektion": Urgency.URGENT,
        "infektionen": Urgency.URGENT,
        "hiv": Urgency.URGENT,
        "heroin": Urgency.URGENT,
        "verkehrsunfall": Urgency.EMERGENCY,
        "autounfall": Urgency.EMERGENCY,
        "selbstmord": Urgency.CRISIS,
        "suizid": Urgency.CRISIS,
    },
    "en": {
        "fever": Urgency.URGENT,
        "chills": Urgency.URGENT,
        "infection": Urgency.URGENT,
        "infections": Urgency.URGENT,
        "infected": Urgency.URGENT,
        "infect": Urgency.URGENT,
        "inject": Urgency.URGENT,  # "today I inject": injecting is the sign (unless insulin …)
        "pneumonia": Urgency.URGENT,
        "hiv": Urgency.URGENT,
        "heroin": Urgency.URGENT,
        "transplant": Urgency.URGENT,
        "chemotherapy": Urgency.URGENT,
        "paralysis": Urgency.EMERGENCY,
        "paralyzed": Urgency.EMERGENCY,
        "suicide": Urgency.CRISIS,
        "suicides": Urgency.CRISIS,
        "suicidal": Urgency.CRISIS,
        "overdose": Urgency.CRISIS,
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_common_word_raises_an_alarm(language: str) -> None:
    words = [word for word in top_n_list(language, COMMON) if word not in EXCEPTIONS[language]]
    texts = [text for word in words for text in (word, FRAMES[language].format(word))]
    alarms = [
        (text, result.level.value, result.flag_id)
        for text, result in zip(texts, screen_many(texts, language), strict=True)
        if result.level in ALARMS and not result.ask
    ]
    assert alarms == []


@pytest.mark.parametrize(
    ("language", "word", "level"),
    [
        (language, word, level)
        for language, words in EXCEPTIONS.items()
        for word, level in words.items()
    ],
)
def test_the_listed_exceptions_are_common_and_really_alert(
    language: str, word: str, level: Urgency
) -> None:
    assert word in top_n_list(language, COMMON)
    result = screen(FRAMES[language].format(word), language)
    assert (result.level, result.ask) == (level, False)
