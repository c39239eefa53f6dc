"""Word lists the myths matcher relies on: function words, question starts, topic words.

They are kept apart from the matching code because they are tuned like content: each list was
added or widened for a measured failure (see `python -m tools.myths_evaluation --cv`), and a
change here should be reviewed as a change in what the bot answers, not as a code change.
All words are folded (`dialogs.common.text.fold`): lower case, umlauts spelled out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from dialogs.common.content import data_path
from dialogs.common.text import fold, tokens

OFF_TOPIC_PATH = data_path("off_topic.yaml")


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` (written folded already) as a set."""
    return frozenset(text.split())


# Function words that carry no topic; without them "Ist X gut?" and "Ist Y gut?" stop looking alike.
STOPWORDS = {
    "de": word_set(
        "ich du er sie es wir ihr man mein meine meinen meinem meiner mir mich dich dir sich "
        "der die das den dem des ein eine einen einem einer kein keine und oder aber ist sind "
        "bin bist war hat habe hab haben hast wird werden soll sollte sollen solltest muss "
        "muessen musst kann koennen kannst darf duerfen ja nein nicht noch doch auch so wie "
        "was wann wo warum wenn dass da dann zu zum zur im in an am auf mit bei beim von vom "
        "fuer um aus nach etwas denn mal nur schon gut stimmt richtig wirklich eigentlich "
        "einfach oft jetzt heute bitte lieber mehr sehr ganz dabei damit dadurch ne "
        "gibt es wieso weshalb"
    ),
    "en": word_set(
        "i you he she it we they me my mine your a an the and or but is are am was were be "
        "been has have had do does did will would should shall can could may might must not "
        "no yes so as what when where why how if that this then to of in on at with by from "
        "for about into it's its im i'm just really right true good very more any some there "
        "now today please get got also even actually"
    ),
}


# Endings a four-letter keyword may take in strict mode ("rest" → "resting", not "restaurant").
INFLECTIONS = frozenset(
    ("", "s", "e", "n", "t", "en", "er", "es", "st", "et", "te", "ten", "ed", "ing", "ung")
)

# A leading question or modal word makes a question even without "?" ("Hilft…", "Should…").
QUESTION_STARTS = word_set(
    "ist sind soll sollte sollten muss muessen kann koennen darf duerfen hilft helfen bringt "
    "bringen brauche braucht wie was wann warum wieso welche welcher welches wo "
    "gibt macht kommt kommen stimmt werde wird gehen geht reicht reichen liegt "
    "brauch hat haben bedeutet bedeuten heisst lohnt schadet schaden "
    "is are should shall must can could do does will would how what when why which where "
    "may might need has whats hows wheres"
)


# A question word followed by one of these is an inverted question ("is it", "muss ich").
INVERTED_SUBJECTS = word_set("ich es das man du i it this that you")

# A last word that turns a statement into a question ("Schonung hilft, oder").
QUESTION_TAGS = word_set("oder right or")


# Words of progress reports and diary-like statements, which the habit feature answers.
REPORT_WORDS = {
    "de": word_set("gemacht geuebt trainiert erledigt geschafft gelaufen gewesen hatte war"),
    "en": word_set("did done finished exercised trained completed walked had was"),
}


# Words that name the back itself (part of TOPIC_WORDS).
BACK_WORDS = tuple(
    fold(word)
    for word in word_set(
        "rücken rueckn kreuz lenden wirbel bandscheib ischias hexenschuss "
        "back backache spine spinal sciatica lumbago lumbar disc disk vertebra"
    )
)
# Words that put a message on the back-pain topic whichever entry it is about.
TOPIC_WORDS = BACK_WORDS + tuple(
    fold(word)
    for word in word_set(
        "schmerz weh wehtu zwick verspann physio orthop arzt uebung ueben training trainier "
        "bewegung beweg muskel pain painful sore hurt ache aching doctor gp exercis train moving "
        "movement muscle"
    )
)

# Entry keywords that are everyday words too; alone they are no evidence of a myth question.
GENERIC_KEYWORDS = word_set(
    "ruhe rest sofa couch ernst serious bild picture report aufnahme sit sitting "
    "sitze sitzen sitz chair stuhl desk schreibtisch box boxes einkauf shopping carry trag "
    "tragen heb hebe heben bauch ups alter aelter age old older block procedure "
    "medicine drug drugs board brett firm unterlage forever return returns permanent weggehen "
    "common viele einzige einzig selten rare deutsche germans minuten minutes oft often woche "
    "week weekly taeglich daily einheit session zehn ten times reicht reichen enough genug "
    "dreimal perfekt perfect wunder miracle empfehl recommend walk walking fitness gym tennis "
    "golf stress gestresst stressed stressful mind emotional sorge worry worrying angst fear "
    "schlaf sleep relax entspann arbeit arbeiten work working job krank sick note buero office "
    "chef boss kollegen "
    # everyday things and activities: "Was kostet eine Matratze?", "Welche Laufschuhe?"
    "matratze mattress lattenrost jogg joggen running schwimm swim radfahr cycling tanzen tanz "
    "dancing dance klettern climbing wandern hiking fahrrad bike yoga pilates sportart"
)


@dataclass(frozen=True)
class OffTopicWords:
    """The reviewed list in data/off_topic.yaml: words that take a message outside the
    knowledge base (other body parts, other illnesses, animals)."""

    unless_back: frozenset[str]  # body parts and illnesses: off topic unless the back is named
    always: frozenset[str]  # animals: off topic even when the back is named
    phrases: tuple[tuple[str, ...], ...]  # several words in a row, off topic unless the back is
    except_phrases: tuple[tuple[str, ...], ...]  # exercise names whose words do not count

    def found(self, words: Sequence[str], back_named: bool) -> bool:
        """Whether the message (its folded words) is about something other than the back."""
        words = list(words)
        for phrase in self.except_phrases:
            words = _without(words, phrase)
        if self.always.intersection(words):
            return True
        if back_named:
            return False
        return bool(self.unless_back.intersection(words)) or any(
            _contains(words, phrase) for phrase in self.phrases
        )


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def _without(words: list[str], phrase: tuple[str, ...]) -> list[str]:
    """The words with every occurrence of the phrase taken out."""
    size, kept, i = len(phrase), [], 0
    while i < len(words):
        if tuple(words[i : i + size]) == phrase:
            i += size
        else:
            kept.append(words[i])
            i += 1
    return kept


@lru_cache(maxsize=2)
def load_off_topic(path: Path = OFF_TOPIC_PATH) -> OffTopicWords:
    """data/off_topic.yaml (or `path`), folded like the matcher folds messages."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def folded(key: str) -> frozenset[str]:
        return frozenset(fold(str(word)) for word in raw.get(key) or [])

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(tokens(str(phrase))) for phrase in raw.get(key) or [])

    return OffTopicWords(
        folded("body_parts") | folded("illnesses"),
        folded("animals"),
        phrases("phrases"),
        phrases("except_phrases"),
    )


@lru_cache(maxsize=2)
def load_field_words(path: Path = OFF_TOPIC_PATH) -> tuple[str, ...]:
    """The `field_words` of data/off_topic.yaml (or `path`): words of back-pain care that keep
    a message on our topic although no entry uses them ("Hausarzt", "injection")."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(str(word) for word in raw.get("field_words") or [])


# Other body parts and complaints: their pain is not our topic unless the back is named too
# (the anchor rule of the matcher; with the off-topic guard on, such a message gets no answer
# at all). One list with the guard: data/off_topic.yaml.
OTHER_COMPLAINTS = load_off_topic().unless_back
