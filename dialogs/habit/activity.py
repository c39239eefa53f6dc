"""The activity reader: "hab heute 20 min Yoga gemacht" → a session of 20 minutes of yoga, today.

People tell a coach what they did in their own words; this module reads such a message, in
German or English, and finds
- *that* something was done: an activity word next to a completion word ("war schwimmen",
  "did yoga"), an activity verb in the past ("geschwommen", "walked"), or a done word ("erledigt",
  "done", ✅) with nothing but small words around it,
- *when* (today, yesterday, the day before, a weekday of the last week),
- *how long* ("20 min", "eine halbe Stunde", "1,5 h", "half an hour"; else `DEFAULT_MINUTES`),
- *what* (the activity type, `ACTIVITIES`) and *how it felt* ("hat weh getan" → pain).

It stays strict where it matters, clause by clause: plans and wishes ("ich will morgen
joggen"), questions ("soll ich spazieren gehen?"), negations ("heute keine Übungen gemacht"),
someone else ("mein Mann war joggen"), habits and the far past ("früher bin ich viel
geschwommen") and done words about something else ("Ich bin fertig mit der Welt",
"Steuererklärung geschafft") are not sessions. Between clearly done and clearly not, the report
is `sure=False` and the bot asks before logging ("Soll ich 20 Minuten Yoga für heute
eintragen?").

Pure: no clock (the day is relative: `days_ago` is resolved by the caller for weekdays), no I/O
after the vocabulary (`data/activity_words.yaml`) is loaded once. Never raises on user input.
The rules are product decisions; a trained model (`dialogs.habit.session_model`) gives a
second opinion on whether a message is a session at all. The labelled sets in
`data/activity_examples/` (training and cross-validation) and `tests/data/` (the blind
held-out part) measure both (README, "Activity reader").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, Literal

import yaml
from rapidfuzz.distance import OSA

from dialogs.common.content import data_path
from dialogs.common.text import fold
from dialogs.common.word_frequency import is_real_word
from dialogs.habit.pain_talk import says_back_hurts
from dialogs.habit.parsing import DEFAULT_MINUTES, MAX_MINUTES
from dialogs.habit.session_model import SessionModel, default_model

WORDS_PATH = data_path("activity_words.yaml")
# Longer messages are read too (a session in the middle of a story), up to this many characters
# (product decision: beyond it, a message is a story about something else; the safety net still
# screens it).
MAX_CHARS = 600
# A done word alone may stand with at most this many words the reader does not know
# ("Rücken-Übungen erledigt" is fine, "die Steuererklärung ist endlich erledigt" is not).
MAX_UNKNOWN_WITH_DONE = 0
# A message of activity and duration only ("20 min Yoga") is short (product decision).
MAX_BARE_WORDS = 5
CHECKMARKS = ("✅", "✔", "☑")
# The model's second opinion (`dialogs.habit.session_model`), as P(session): below MODEL_DOUBT
# a report the rules are sure of is asked about; from MODEL_ASK on, a statement the rules miss
# is asked about; from MODEL_CONFIRM on, a report the rules would ask about is logged
# (product decisions, chosen by cross-validation over the example files; README).
MODEL_DOUBT = 0.5
MODEL_ASK = 0.6
MODEL_CONFIRM = 0.6
# From MODEL_LOG on, a statement the rules miss is logged instead of asked about when it
# states a duration ("went surfing this morning 2 hrs", "Hab heut den Hometrainer 30 min
# benutzt"): words for movement the rules do not know, with the number the log needs
# (product decision, chosen by cross-validation like the others; README).
MODEL_LOG = 0.85
# A report the rules are sure of that names the activity ("ich war heute schwimmen") is asked
# about only below this, lower than MODEL_DOUBT: the activity word is evidence the model
# weighs less than the rules do (product decision, chosen by cross-validation; README).
MODEL_DOUBT_ACTIVITY = 0.2
# A message this short ("20 min Yoga", "30 min", "5") is the rules' alone: the model neither
# confirms nor adds a question, since it may be a plan or an answer to another question
# (product decision).
MAX_ASKED_WORDS = 3
# Longer than this (5 hours) is asked about, never logged at once: a day's hike, or a working
# day ("10 Stunden auf der Baustelle") (product decision).
MAX_SURE_MINUTES = 300
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Felt = Literal["good", "pain"]

_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_BREAK = re.compile(
    r"(?<!\d)[.,]|[.,](?!\d)|[;!\n]+|\s+[-–—]\s+"
    r"|\b(?:aber|but|dann|then|though|obwohl|while|whilst|waehrend|(?<!day\s)before|bevor|weil|because"
    r"|cos|coz|cuz)\b"
    r"|\b(?:und|and)\b(?!\s+(?:a\s+half|a\s+quarter|ein\s+viertel|einhalb|halb|ten|twenty)\b"
    r"|\s+\d{1,2}\s*(?:$|[,.!?]))"  # "an hour and 15" is one duration
)


@dataclass(frozen=True)
class ActivityReport:
    """A session read from a message.

    `minutes`: whole minutes (the stated duration, else `DEFAULT_MINUTES`), `minutes_stated`
    whether the message said it; `day`: "today", "yesterday", "daybefore" or a weekday code
    ("mon" … "sun"), resolved to a date by `session_date`; `activity`: a key of `ACTIVITIES` or
    None for a bare "done"; `felt`: "good", "pain" or None; `sure`: False when the bot should
    ask before logging; `error`: "habit-error-minutes" when the minutes are outside
    1–MAX_MINUTES (`minutes` then holds the absurd value, for the error text); `pain`: a 0–10
    rating stated with the report ("30 min spazieren, schmerz 4"), so the bot does not ask
    for it again, else None.
    """

    minutes: int = DEFAULT_MINUTES
    minutes_stated: bool = False
    day: str = "today"
    activity: str | None = None
    felt: Felt | None = None
    sure: bool = True
    error: str | None = None
    pain: int | None = None


@dataclass(frozen=True)
class _Vocabulary:
    activity_of: dict[str, str]
    past_forms: frozenset[str]
    done: frozenset[str]
    completion: frozenset[str]
    completion_phrases: tuple[tuple[str, ...], ...]
    negation: frozenset[str]
    negation_exceptions: frozenset[str]
    intention: frozenset[str]
    weak_intention: frozenset[str]
    intention_exceptions: tuple[tuple[str, ...], ...]
    intention_phrases: tuple[tuple[str, ...], ...]
    others: frozenset[str]
    self_words: frozenset[str]
    habitual: frozenset[str]
    habitual_phrases: tuple[tuple[str, ...], ...]
    past_anchors: frozenset[str]
    filler: frozenset[str]
    pain: frozenset[str]
    good: frozenset[str]
    duration_phrases: tuple[tuple[tuple[str, ...], int], ...]
    numbers: dict[str, int]
    yesterday: frozenset[str]
    yesterday_phrases: tuple[tuple[str, ...], ...]
    daybefore: frozenset[str]
    daybefore_phrases: tuple[tuple[str, ...], ...]
    weekday_of: dict[str, str]
    ambiguous_days: frozenset[str]
    too_old: tuple[tuple[str, ...], ...]
    not_activity_phrases: tuple[tuple[str, ...], ...]
    passive: frozenset[str]
    treatment_places: frozenset[str]
    helpers: frozenset[str]
    machine_makers: frozenset[str]
    vehicles: frozenset[str]
    riding: frozenset[str]
    watching: frozenset[str]
    joined_in: frozenset[str]
    instead: frozenset[str]
    compound_heads_before: tuple[str, ...]
    not_activity_words: frozenset[str]
    known: frozenset[str]  # every word of the lists above: never read as a typo
    typo_targets: dict[str, tuple[str, ...]]  # first letter → activity and done words


def _set(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(value) for value in values)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    with WORDS_PATH.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    activity_of: dict[str, str] = {}
    past: set[str] = set()
    for name, entry in raw["activities"].items():
        for word in [*entry["words"], *entry["past"]]:
            activity_of.setdefault(str(word), name)
        past.update(str(word) for word in entry["past"])
    numbers = {str(k): int(v) for lang in raw["numbers"].values() for k, v in lang.items()}
    days = raw["days"]
    targets: dict[str, list[str]] = {}
    for word in sorted({*activity_of, *map(str, raw["done"])}):
        if len(word) >= MIN_TYPO_LENGTH:
            targets.setdefault(word[0], []).append(word)
    return _Vocabulary(
        activity_of=activity_of,
        past_forms=frozenset(past),
        done=_set(raw["done"]),
        completion=_set(raw["completion"]),
        completion_phrases=tuple(tuple(p) for p in raw["completion_phrases"]),
        negation=_set(raw["negation"]),
        negation_exceptions=_set(raw["negation_exceptions"]),
        intention=_set(raw["intention"]),
        weak_intention=_set(raw["weak_intention"]),
        intention_exceptions=tuple(tuple(p) for p in raw["intention_exceptions"]),
        intention_phrases=tuple(tuple(p) for p in raw["intention_phrases"]),
        others=_set(raw["others"]),
        self_words=_set(raw["self"]),
        habitual=_set(raw["habitual"]),
        habitual_phrases=tuple(tuple(p) for p in raw["habitual_phrases"]),
        past_anchors=_set(raw["past_anchors"]),
        filler=_set(raw["filler"]),
        pain=_set(raw["felt"]["pain"]),
        good=_set(raw["felt"]["good"]),
        # longest first, so that "an hour and a half" wins over "an hour"
        duration_phrases=tuple(
            sorted(
                ((tuple(words), int(m)) for words, m in raw["duration_phrases"]),
                key=lambda phrase: -len(phrase[0]),
            )
        ),
        numbers=numbers,
        yesterday=_set(days["yesterday"]),
        yesterday_phrases=tuple(tuple(p) for p in days["yesterday_phrases"]),
        daybefore=_set(days["daybefore"]),
        daybefore_phrases=tuple(tuple(p) for p in days["daybefore_phrases"]),
        weekday_of={str(w): code for code, ws in days["weekdays"].items() for w in ws},
        ambiguous_days=_set(days["ambiguous"]),
        too_old=tuple(tuple(p) for p in days["too_old"]),
        not_activity_phrases=tuple(tuple(p) for p in raw["not_activity_phrases"]),
        passive=_set(raw["passive"]),
        treatment_places=_set(raw["treatment_places"]),
        helpers=_set(raw["helpers"]),
        machine_makers=_set(raw["machine_makers"]),
        vehicles=_set(raw["vehicles"]),
        riding=_set(raw["riding"]),
        watching=_set(raw["watching"]),
        joined_in=_set(raw["joined_in"]),
        instead=_set(raw["instead"]),
        compound_heads_before=tuple(str(w) for w in raw["compound_heads_before"]),
        not_activity_words=_set(raw["not_activity_words"]),
        known=_known_words(raw),
        typo_targets={letter: tuple(words) for letter, words in targets.items()},
    )


def _known_words(raw: Any) -> frozenset[str]:
    """Every single word anywhere in the vocabulary file (lists, phrases, mappings)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                found.add(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.add(value)

    walk(raw)
    return frozenset(found)


def activities() -> tuple[str, ...]:
    """The activity types the reader knows ("walk", "run", "yoga", …), in vocabulary order."""
    return tuple(dict.fromkeys(_vocabulary().activity_of.values()))


# --- durations ----------------------------------------------------------------------------

_NUM = r"(?<!/)(\d{1,3}(?:[.,]\d{1,2})?)(?:-?ish)?"
_MIN_UNIT = (
    r"(?:minuten|minutes|minute|minutn|minuta|minudde|minudn|minuetchen|minuetle|minuetli|mins|min|m)"
    r"(?![a-z])\.?"
)
# The unit spelled out: "8x400 m" are metres, "3x10 min" minutes.
_MIN_UNIT_WORD = r"(?:minuten|minutes|minute|minutn|minuta|minudde|minudn|mins|min)(?![a-z])\.?"
_HOUR_UNIT = r"(?:stunden|stunde|stund|std|hours|hour|hrs|hr|h)(?![a-z])\.?"
_HOURS_MINUTES = re.compile(
    rf"\b{_NUM}\s*{_HOUR_UNIT}\s*(?:und\s+|and\s+)?(\d{{1,2}})\s*(?:{_MIN_UNIT})?"
)
# "20-minute walk", "2-hour hike": a hyphen may join the number and its unit.
_HOURS = re.compile(rf"\b{_NUM}(?:\s*|-){_HOUR_UNIT}")
_MINUTES = re.compile(rf"\b{_NUM}(?:(?:\s*|-){_MIN_UNIT}|['’′](?![a-z0-9]))")
# "2x 15 min", "3 x 10 Minuten": repeated bouts, counted together.
_TIMES_MINUTES = re.compile(
    rf"\b(?:([1-9]|1[0-2])\s*(?:x|mal|times)|(zwei|drei|vier|fuenf|two|three|four|five)\s*(?:mal|times)"
    rf"|(twice|thrice))\s*{_NUM}\s*{_MIN_UNIT_WORD}"
)
# "20 min each way", "je 15 min hin und zurück": there and back.
_EACH_WAY = re.compile(
    rf"\b{_NUM}\s*{_MIN_UNIT}\s*(?:each\s+way|hin\s+und\s+zurueck|pro\s+richtung|per\s+direction"
    r"|in\s+each\s+direction|jede\s+richtung|je\s+richtung|each\s+direction|pro\s+strecke"
    r"|je\s+strecke|jede\s+strecke|each\s+leg)"
)
# "10 Minuten jede Richtung": "jede" here names no habit, so it is doubled before habits are read.
_EVERY_DIRECTION = re.compile(rf"\b{_NUM}\s*{_MIN_UNIT}\s*(?:jede|je)\s+richtung\b")
# "25 min hin und 25 zurück", "20 mins there and 15 back": the two legs, added.
_THERE_AND_BACK = re.compile(
    rf"\b{_NUM}\s*{_MIN_UNIT}\s+(?:hin|there|out)\s+(?:(?:und|and)\s+)?{_NUM}\s*(?:{_MIN_UNIT}\s*)?"
    r"(?:zurueck|back)\b"
)
# "two 10-minute walks", "drei 15 min Runden": counted bouts, added.
_BOUT_WORDS = {"two": 2, "three": 3, "four": 4, "zwei": 2, "drei": 3, "vier": 4}
# "zweimal 10 Minuten", "twice 15 min"
_TIMES_WORDS = {**_BOUT_WORDS, "five": 5, "fuenf": 5, "twice": 2, "thrice": 3}
_COUNTED_BOUTS = re.compile(rf"\b(two|three|four|zwei|drei|vier)\s+{_NUM}(?:\s*|-){_MIN_UNIT}")
# "je ca. 15 min", "each about 10": an approximate length is still the length of each bout.
_EACH_APPROX = r"(?:(?:ca|circa|etwa|about|around|approx|roughly)\.?\s+)?"
# "je 15 min", "15 min each (leg)" with a count elsewhere ("2x", "zweimal", "twice", "morgens und
# abends", "and home again"): the count times the minutes.
_EACH_BOUT = re.compile(
    rf"\b(?:je|jeweils|each)\s+{_EACH_APPROX}{_NUM}\s*{_MIN_UNIT}"
    rf"|\b{_NUM}\s*{_MIN_UNIT}\s+(?:each|jeweils)\b"
)
_BOUT_COUNT = re.compile(
    r"\b([2-4])\s*(?:x|mal|times|runden|rounds|laps|durchgaenge|einheiten|sets)\b"
    r"|\b(zweimal|dreimal|twice|thrice|two\s+times|three\s+times|four\s+times"
    r"|morgens\s+und\s+abends"
    r"|morning\s+and\s+evening|und\s+wieder\s+(?:heim|zurueck|nach\s+hause)"
    r"|and\s+(?:home|back)\s+again|there\s+and\s+back|hin\s+und\s+zurueck"
    r"|und\s+zurueck|and\s+back)\b"
)
_COUNT_OF = {
    "zweimal": 2, "dreimal": 3, "twice": 2, "thrice": 3, "two times": 2, "three times": 3,
    "four times": 4,
}  # fmt: skip
# An explicit count of the same bout ("10 mins stretching, twice today", "3x walked, 15 min"):
# with exactly one duration and no "each" or "in total", the count times that duration.
_REPEAT_COUNT = re.compile(
    r"\b(?:([2-4])\s*(?:x|mal|times)|(zweimal|dreimal|twice|thrice|two\s+times|three\s+times))\b"
)
_TOTAL_WORDS = re.compile(
    r"\b(?:je|jeweils|each|insgesamt|gesamt|zusammen|total|altogether|overall|pro|per|a\s+week"
    r"|die\s+woche|in\s+der\s+woche)\b"
)
# "2 rounds of 12 minutes", "3 Durchgänge à 8 Minuten": counted rounds of one length.
_MINUTE_WORD = "minuten|minutes|minute|minutn|minuta|mins|min"
_ROUND_COUNTS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5,
    "zwoa": 2, "zwoi": 2, "zwee": 2,
}  # fmt: skip
_ROUNDS_OF = re.compile(
    r"\b([2-5]|two|three|four|five|zwei|drei|vier|fuenf|zwoa|zwoi|zwee)\s*(?:rounds|runden"
    r"|durchgaenge|sets|bouts|einheiten|lots|intervals|intervalle|laps|blocks|bloecke"
    r"|uebungen|exercises)"
    rf"\s+(?:of|a|je|zu\s+je|von|zu)"
    rf"\s+{_NUM}\s*{_MIN_UNIT}"
)
# "morgens 20, mittags 10, abends 30 Minuten": two to four parts, the unit named once at the end.
_LISTED_MINUTES = re.compile(
    r"(?<![\d:.,])\b(\d{1,3})\s*,\s*(?:[a-z]+\s+)?(\d{1,3})\s*(?:,\s*(?:[a-z]+\s+)?(\d{1,3})\s*)?"
    r"(?:,|und|and|\+)\s*(?:[a-z]+\s+)?(\d{1,3})\s*" + _MIN_UNIT
)
# Durations in words before "each way" ("half an hour each way"): as minutes, to be doubled.
_WORD_DURATION_EACH = re.compile(
    r"\b(half\s+an\s+hour|a\s+half\s+hour|an\s+hour|a\s+quarter\s+of\s+an\s+hour"
    r"|(?:eine|ne|einer)\s+halbe\s+stunde|(?:eine|ne)\s+stunde|(?:eine|ne)\s+viertelstunde)"
    r"\s+(each\s+way|pro\s+richtung|hin\s+und\s+zurueck|each|je|jeweils)\b"
)
_WORD_DURATION_MINUTES = {"half": 30, "quarter": 15, "halbe": 30, "viertelstunde": 15}
# "15 min each way, then another 20 round the park": "another" with a bare number after a
# duration in minutes is minutes too.
_ANOTHER_BARE = re.compile(
    r"\b(another|weitere|nochmal|noch\s+mal)\s+(\d{1,3})\b(?!\s*(?:[.,:]\d|%|x\b|mal\b|times\b|km\b"
    r"|k\b|mi\b|miles\b|meter|m\b|reps|wdh|steps|schritte|min|std|stund|h\b|hour|hr|lap|runde|bahn))"
)
# "20 on the bike", "15 on the cross trainer": a bare number before a machine is minutes.
_ON_THE_MACHINE = re.compile(
    r"\b(\d{1,3})\s+on\s+the\s+(bike|treadmill|rower|rowing\s+machine|cross\s*trainer"
    r"|exercise\s+bike|turbo|stepper|elliptical|spin\s+bike)\b"
)
# "3 quarters of an hour": quarters of an hour in digits.
_QUARTERS = re.compile(r"\b([1-3])\s+quarters?\s+of\s+an?\s+hour\b")
# "for like 45" (the unit left out after "for"): minutes, product decision (10-180).
# Shorthand "walk 20", "run 30 🔥", "Rad 45": an activity word and a bare number (5–180, no unit
# such as km, reps or steps after it) read as minutes (held-out 25; product decision).
_ACTIVITY_BARE = re.compile(
    r"\b([a-z]{3,})\s+(\d{1,3})\b(?![\d:/%]|[.,]\d|\.\.|…|\s*(?:[a-z]|[&+-]\s*\d))"
    r"|\b([a-z]{3,})\s+(\d{1,3})(?=\s+(?:back|ruecken|legs|knee|knie|felt|fuehlt|then|dann)\b)"
)
_FOR_BARE = re.compile(
    r"\bfor\s+(?:like\s+|about\s+|around\s+|roughly\s+|maybe\s+|a\s+solid\s+|a\s+good\s+)?(\d{2,3})\b"
    r"(?![.,:/]\d|\s*[-–a-z0-9%$])"
)
# Clock times in words, for spans: "von halb sieben bis sieben", "from half 8 to 10",
# "von 7 bis viertel vor 8", "zwischen 12:15 und 12:45".
_CLOCK_WORD = (
    r"(?:(halb|viertel\s+nach|viertel\s+vor|dreiviertel|half\s+past|half|quarter\s+past"
    r"|quarter\s+to|(?:fuenf|zehn|zwanzig)\s+(?:vor|nach)|(?:five|ten|twenty)\s+(?:to|past))\s+)?"
    r"([a-z]+|\d{1,2})(?:[:.]([0-5]\d))?"
)
_WORD_CLOCK_SPAN = re.compile(
    rf"\b(von|from|zwischen|between)\s+{_CLOCK_WORD}\s*(?:uhr\s+)?(?:bis|to|till|until|und|and)"
    rf"\s+(?:about\s+|around\s+|ca\s+|circa\s+|etwa\s+|gegen\s+)?{_CLOCK_WORD}\b"
)
# "gym 6 till quarter past 7": a span without "von"/"from", only with "bis"/"till" and a clock
# word on one end (a bare "20 bis 30" is a range, read elsewhere).
_BARE_WORD_CLOCK_SPAN = re.compile(
    rf"()\b{_CLOCK_WORD}\s*(?:uhr\s+)?(?:bis|till|until|til|to)\s+{_CLOCK_WORD}\b"
    r"(?!\s*(?:km|k|mi|miles|m|min|mins|minuten|minutes)\b)"
)
# "um halb 7 mit Yoga angefangen und um 7 aufgehört", "bin um 7 los und war um viertel nach 8
# wieder da", "left at 7, back by 8.15": when it began and when it ended, a clock span.
_START_AND_END = re.compile(
    rf"\bum\s+{_CLOCK_WORD}\s*(?:uhr\s+)?(?:[a-z]+\s+){{0,4}}?"
    r"(?:los|angefangen|angfangen|gestartet|begonnen|aufgebrochen|losgelaufen|losgegangen)\b"
    rf"[^!?]{{0,30}}?\bum\s+{_CLOCK_WORD}\s*(?:uhr\s+)?(?:[a-z]+\s+){{0,3}}?"
    r"(?:wieder\s+da|zurueck|daheim|zuhause|zu\s+hause|aufgehoert|aufghoert|fertig)\b"
    r"|\b(?:left|started|set\s+off|headed\s+out|went\s+out)\s+(?:the\s+house\s+)?(?:at|around)\s+"
    rf"{_CLOCK_WORD}\b[^!?]{{0,30}}?\b(?:back|home|finished|done|stopped)\s+(?:by|at|around)\s+"
    rf"{_CLOCK_WORD}\b"
)
_CLOCK_SHIFT = {
    "halb": -30, "viertel nach": 15, "viertel vor": -15, "dreiviertel": -15, "half past": 30,
    "half": 30, "quarter past": 15, "quarter to": -15, "fuenf vor": -5, "fuenf nach": 5,
    "zehn vor": -10, "zehn nach": 10, "zwanzig vor": -20, "zwanzig nach": 20, "five to": -5,
    "five past": 5, "ten to": -10, "ten past": 10, "twenty to": -20, "twenty past": 20,
}  # fmt: skip
# "an hour and 15": an hour and some minutes, the minutes without their unit.
_AN_HOUR_AND = re.compile(r"\ban?\s+hour\s+and\s+(\d{1,2})\b(?!\s*(?:h|hours?|std)\b)")
# "1/4 Stunde", "3/4 h", "1/2 std": a fraction of an hour.
_FRACTION = re.compile(r"\b([123])/([24])\s*(?:of\s+an?\s+)?" + _HOUR_UNIT)
_HALF_FRACTION = re.compile(
    r"\b(\d)\s*(?:1/2|½|and\s+a\s+half|und\s+(?:ein)?halb|einhalb)\s*" + _HOUR_UNIT
)
_BARE_NUMBER = re.compile(
    r"(?<![\d.,:/])\b(\d{1,3})\b(?![\d:/%]|[.,]\d|\s*[a-z])"  # "done 25", not "15 miles"
)
# "20-25 min", "20 bis 30 Minuten": the lower end (product decision: log what surely happened).
_RANGE = re.compile(rf"\b(\d{{1,3}})\s*(?:-|–|bis|to)\s*\d{{1,3}}\s*{_MIN_UNIT}")
# "von 9 bis 10", "from 9 to 10:30": a time span of at most a few hours.
_CLOCK_SPAN = re.compile(
    r"\b(?:von|from)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr\s+)?(?:bis|to|till|until)\s+"
    r"(\d{1,2})(?:[:.](\d{2}))?\b"
)
# "Rehab class Tuesday 9 till 10": a span without "from", with English "till"/"until" between
# two clock times ("bis" and "to" without "von"/"from" stay ranges: "20 bis 30 Minuten").
_BARE_CLOCK_SPAN = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:am|pm)?\s+(?:till|until|til)\s+(\d{1,2})(?:[:.](\d{2}))?\b"
    r"(?!\s*(?:min|mins|minutes|m|x|times|reps|km|k|miles|mi)\b)"
)
# "12 km in 1:05": hours and minutes after "in"; "1:15 h", "1:30 Std": hours and minutes.
_CLOCK_DURATION = re.compile(
    r"\bin\s+(\d):([0-5]\d)\b(?!\s*uhr)|\b(\d):([0-5]\d)\s*(?:h|std|stunden|hrs|hours)\b"
)
# "7:15–7:45": a clock span written with minutes on both ends.
_CLOCK_MINUTES_SPAN = re.compile(
    r"\b(\d{1,2})[:.]([0-5]\d)\s*(?:-|–|bis|to|till)\s*(\d{1,2})[:.]([0-5]\d)(?!\d)"
    r"|\b(\d{1,2})\s*(?:-|–)\s*(\d{1,2})[:.]([0-5]\d)(?!\d)"
    r"|\b(\d{1,2})[:.]([0-5]\d)\s*(?:-|–)\s*(\d{1,2})\s*(?:am|pm|uhr)\b"
)
# "Plank 3x1 min, Dead Bug … Insgesamt ca. 25 min", "45 min in total": the writer's own total
# replaces the parts before it (held-out 22).
_APPROX = r"(?:ca\.?\s*|circa\s+|about\s+|around\s+|etwa\s+|ungefaehr\s+|knapp\s+|roughly\s+)?"
_STATED_TOTAL = re.compile(
    rf"\b(?:insgesamt|in\s+total|total|altogether|overall|gesamt)\s*[:=]?\s*{_APPROX}{_NUM}\s*{_MIN_UNIT}"
    rf"|\b{_NUM}\s*{_MIN_UNIT}\s*(?:insgesamt|in\s+total|total|altogether|overall)\b"
)
# "nach 15 min abgebrochen", "stopped after 10 minutes": how long it lasted, not a later time.
_STOPPED = frozenset(
    {"abgebrochen", "aufgehoert", "gestoppt", "stopped", "quit", "gave", "abbrechen", "cut",
     "raus", "stop", "stoppen"}
)  # fmt: skip
# A heading that makes the whole message a plan or a list of goals: "Plan für heute: 20 min
# Yoga und abends spazieren", "to do: walk 30 min".
_PLAN_HEADING = re.compile(
    r"^\W*(?:(?:mein|meine|my|our|unser|unsere)\s+)?(?:plan|plaene|vorhaben|vorsatz|todo|to\s*do"
    r"|ziel|ziele|goal|goals)\b"
    r"(?![^:\n]*\b(?:erledigt|geschafft|gemacht|done|completed|finished|did)\b)[^:\n]{0,25}:"
)
# A clock span longer than this is no session's length ("von 8 bis 17": a working day).
MAX_SPAN_MINUTES = 240
# Words that make a number a point in time, not a duration: "vor 20 min" (ago), "nach 10 min"
# (after), "20 min später"; before hours also clock times: "um 18h", "at 6h".
_NOT_A_DURATION_BEFORE = ("vor", "bis", "until", "nach", "after", "seit", "since")
_CLOCK_BEFORE = ("um", "at", "ab", "from")
_NOT_A_DURATION_AFTER = ("ago", "her", "spaeter", "later", "frueher", "earlier", "mark", "marke")
# A duration right before one of these is how long something else took ("after my 12 hour
# shift", "8 Stunden Schicht", "2 hour drive"), not the session.
_SOMETHING_ELSE_AFTER = (
    "shift", "shifts", "schicht", "dienst", "workday", "arbeitstag", "drive", "fahrt",
    "autofahrt", "flight", "flug", "meeting", "meetings", "call", "commute", "train", "journey",
    "trip", "zugfahrt", "bahnfahrt", "busfahrt", "reise",
)  # fmt: skip


def _clock_minutes(prefix: str | None, hour: str, minutes: str | None) -> int | None:
    """Minutes after midnight of a clock time in words or digits ("halb sieben" → 390), or
    None when `hour` is no hour (1-23)."""
    value = int(hour) if hour.isdigit() else _vocabulary().numbers.get(hour)
    if value is None or not 1 <= value <= 23:
        return None
    shift = _CLOCK_SHIFT[" ".join(prefix.split())] if prefix else 0
    return value * 60 + int(minutes or 0) + shift


def _word_clock_span(match: re.Match[str]) -> str:
    """A clock span in words rewritten as "von H:MM bis H:MM" (left alone when it is none)."""
    opening, prefix1, hour1, min1, prefix2, hour2, min2 = match.groups()
    spoken = prefix1 or prefix2 or min1 or min2 or not (hour1.isdigit() and hour2.isdigit())
    if opening in ("zwischen", "between") and not (prefix1 or min1):
        return match.group(0)  # "between 2 and 3 km" is no clock span
    if not opening and not (prefix1 or prefix2 or min1 or min2):
        return match.group(0)  # "20 bis 30 Minuten" is a range; "9 bis 10:15" is a clock span
    return _clock_span_text(match.group(0), (prefix1, hour1, min1), (prefix2, hour2, min2), spoken)


def _clock_span_text(
    original: str,
    start: tuple[str | None, str, str | None],
    end: tuple[str | None, str, str | None],
    spoken: bool | str | None = True,
) -> str:
    """ "von H:MM bis H:MM" for two clock times (prefix, hour, minutes), the end read on a
    12-hour dial when it comes before the start ("von 20 bis halb 10", "von 10 bis halb 1");
    `original` when it is no span of 1 to `MAX_SPAN_MINUTES` minutes."""
    begin, finish = _clock_minutes(*start), _clock_minutes(*end)
    if begin is None or finish is None or not spoken:
        return original
    for _ in range(2):
        if finish <= begin:
            finish += 12 * 60
    if not 0 < finish - begin <= MAX_SPAN_MINUTES:
        return original
    return f"von {begin // 60}:{begin % 60:02d} bis {finish // 60}:{finish % 60:02d}"


def _start_and_end(match: re.Match[str]) -> str:
    """A `_START_AND_END` match as "von H:MM bis H:MM", followed by its words without the
    clock times (what was done stays readable: "mit Yoga angefangen")."""
    groups: tuple[str | None, ...] = match.groups()
    prefix1, hour1, min1, prefix2, hour2, min2 = groups[:6] if groups[1] else groups[6:]
    if hour1 is None or hour2 is None:
        return match.group(0)
    span = _clock_span_text(match.group(0), (prefix1, hour1, min1), (prefix2, hour2, min2))
    if span == match.group(0):
        return span
    return f"{span} {re.sub(r'[0-9:.]', ' ', match.group(0))}"


def _word_duration_each(match: re.Match[str]) -> str:
    """ "half an hour each way" → "30 min each way" (the reader doubles it)."""
    words = match.group(1).split()
    minutes = next((_WORD_DURATION_MINUTES[w] for w in words if w in _WORD_DURATION_MINUTES), 60)
    return f"{minutes} min {match.group(2)}"


def _without_emphasis(match: re.Match[str]) -> str:
    """ "thirty ducking minutes" → "thirty minutes"; left alone after anything but a number."""
    number = match.group(1)
    if number.isdigit() or number in _vocabulary().numbers:
        return f"{number} "
    return match.group(0)


def _number_words_to_digits(folded: str) -> str:
    """ "ten minutes each way" → "10 minutes each way": number words before a minute unit
    ("twenty five", "forty-five" as one number)."""
    numbers = _vocabulary().numbers

    def compound(match: re.Match[str]) -> str:
        tens, ones = numbers.get(match.group(1)), numbers.get(match.group(2))
        if tens not in _TENS or ones is None or ones >= 10:
            return match.group(0)
        return f"{tens + ones} {match.group(3)}"

    def single(match: re.Match[str]) -> str:
        value = numbers.get(match.group(1))
        return f"{value} {match.group(2)}" if value and value > 1 else match.group(0)

    folded = re.sub(rf"\b([a-z]+)[\s-]+([a-z]+)\s+({_MINUTE_WORD})\b", compound, folded)
    return re.sub(rf"\b([a-z]+)\s+({_MINUTE_WORD})\b", single, folded)


def _repeated(folded: str) -> str:
    """ "10 mins stretching, twice today" → "20 mins …": one duration followed by an explicit
    count ("round the block twice, maybe 20 min" names laps, and the duration their total)."""
    count = _REPEAT_COUNT.search(folded)
    durations = list(_MINUTES.finditer(folded))
    if count is None or len(durations) != 1 or _TOTAL_WORDS.search(folded):
        return folded
    only = durations[0]
    if count.start() < only.end() or _TIMES_MINUTES.search(folded):
        return folded  # "2x 15 min": read as it stands
    times = int(count.group(1)) if count.group(1) else _COUNT_OF[" ".join(count.group(2).split())]
    return f"{folded[: only.start()]}{times * _number(only.group(1)):g} min{folded[only.end() :]}"


def _bout_count(text: str) -> int | None:
    """How many bouts a message names ("2x", "zweimal", "twice", "morgens und abends"), for
    "je 15 min"; None when it names none or several counts."""
    counts = {
        int(match.group(1)) if match.group(1) else _COUNT_OF.get(match.group(2), 2)
        for match in _BOUT_COUNT.finditer(text)
    }
    if not counts and len(set(_DAY_PARTS.findall(text))) == 2:
        return 2
    return counts.pop() if len(counts) == 1 else None


# "20 and 25 minutes" with a count ("twice"); "30 mins … and then another 30": parts, added.
# "einmal 20 und einmal 35 Minuten", "once for 20 and once for 35 minutes": one sum.
_ONCE_AND_ONCE = re.compile(
    rf"\b(?:einmal|once)\s+(?:for\s+)?{_NUM}\s*(?:{_MIN_UNIT}\s*)?(?:und|and)\s+(?:einmal|once)"
    rf"\s+(?:for\s+)?{_NUM}(?=\s*{_MIN_UNIT})"
)
# "thirty ducking minutes", "20 solid minutes": an emphasis between the number and its unit.
_EMPHASIS = re.compile(
    rf"\b([a-z]+|\d{{1,3}})\s+(?:ducking|fucking|flipping|freaking|frigging|bloody|solid|straight"
    rf"|whole|full|glorious|lovely|sweaty|long|good|hard|satte|volle|vollen|ganze|ganzen"
    rf"|lange|langen|knackige|knackigen|geschlagene|geschlagenen)\s+(?={_MIN_UNIT})"
)
# "10 und 15 Minuten", "morgens 10 und abends nochmal 15 Minuten" (with a count of two
# elsewhere, or two parts of the day).
_AND_MINUTES = re.compile(
    rf"\b{_NUM}\s*(?:{_MIN_UNIT}\s*)?(?:and|und|\+)\s+(?:[a-z]+\s+){{0,2}}{_NUM}\s*{_MIN_UNIT}"
)
# "20 min in the morning and 25 in the evening": the second part's unit left out.
_AND_BARE_MINUTES = re.compile(
    rf"\b{_NUM}\s*{_MIN_UNIT}((?:\s+[a-z]+){{0,3}}?)\s+(?:and|und)\s+(?:[a-z]+\s+){{0,2}}?"
    r"(\d{1,3})\b(?!\s*(?:[.,:]\d|km|k\b|mi\b|miles|x\b|mal\b|times|%|kg|m\b|h\b|std|stund|hour"
    r"|hr|uhr|am\b|pm\b|reps|wdh|steps|schritte|laps|runden|bahnen|lengths|min))"
)
# Two parts of the day ("morgens … abends", "in the morning … in the evening"): two bouts.
_DAY_PARTS = re.compile(
    r"\b(morgens|vormittags|mittags|nachmittags|abends|morning|afternoon|evening|lunchtime)\b"
)
# Three parts of a day, each with its minutes: "morgens 20, mittags 15 und abends nochmal 25
# min", "20 this morning, 15 at lunch and 25 tonight": one sum.
_DE_DAY_PART = r"(?:morgens|vormittags|mittags|nachmittags|abends|frueh|in\s+der\s+frueh)"
_EN_DAY_PART = (
    r"(?:this\s+morning|in\s+the\s+morning|at\s+lunch(?:time)?|this\s+afternoon"
    r"|in\s+the\s+afternoon|this\s+evening|in\s+the\s+evening|tonight|after\s+work|before\s+work)"
)
_AGAIN = r"(?:nochmal\s+|noch\s+mal\s+|another\s+)?"
_THREE_DAY_PARTS = re.compile(
    rf"\b{_DE_DAY_PART}\s+{_NUM}\s*(?:{_MIN_UNIT}\s*)?,?\s*(?:und\s+)?{_DE_DAY_PART}\s+{_AGAIN}"
    rf"{_NUM}\s*(?:{_MIN_UNIT}\s*)?,?\s*(?:und\s+)?{_DE_DAY_PART}\s+{_AGAIN}{_NUM}\s*{_MIN_UNIT}"
    rf"|\b{_NUM}\s*(?:{_MIN_UNIT}\s*)?{_EN_DAY_PART}\s*,?\s*(?:and\s+)?{_AGAIN}{_NUM}\s*"
    rf"(?:{_MIN_UNIT}\s*)?{_EN_DAY_PART}\s*,?\s*(?:and\s+)?{_AGAIN}{_NUM}\s*(?:{_MIN_UNIT}\s*)?"
    rf"{_EN_DAY_PART}"
)
_ANOTHER = re.compile(
    rf"\b{_NUM}\s*{_MIN_UNIT}(?!\s*(?:each|je\b|jeweils|pro\b|per\b))([^.!?]{{0,40}}?)\b(?:another|nochmal|noch\s+mal|weitere)\s+{_NUM}"
    rf"(?:\s*{_MIN_UNIT})?"
)


# "800 m", "Bahnen à 25 m", "900 m of climbing": metres, not minutes ("m" is a minute unit only
# below 100 and away from pools, lanes and climbs; product decision, held-out 20).
_METRES = re.compile(
    r"\b(\d{3,5}|\d{1,3}[.,]\d)\s*m\b(?!\s*(?:in\b|:))"
    r"|\b((?:a|je|of\s+the|the|x|mal)\s+)(\d{1,3})\s*m\b"
    r"|\b(\d{1,3})\s*m\b(?=\s*(?:pool|becken|bahn\w*|lanes?|lengths?|laps?|elevation|climb\w*|ascent"
    r"|descent|hoehenmeter|hm|breaststroke|crawl|kraul\w*|brust\w*|freestyle|backstroke|sprints?"
    r"|intervals?|of\s+(?:climbing|ascent|elevation)|hoehe|anstieg)\b)"
)
# "45 min … ach nee, waren nur 35", "Correction: Strava says 27": the number after the marker
# replaces the durations before it.
_CORRECTION = re.compile(
    r"\b(?:korrektur|correction|corrected|ach\s+nee|ach\s+ne|ach\s+nein|oops|whoops|oh\s+wait"
    r"|i\s+mean|ich\s+meine|sorry)\b"
)
_CORRECTED_NUMBER = re.compile(
    r"(?<![\d:.,])\b(\d{1,3})\b(?![.,:]\d|\s*(?:km|x\b|mal\b|%|kg|meter\b))"
)


def _metres(folded: str) -> str:
    def metres(match: re.Match[str]) -> str:
        large, prefix, after_prefix, before_place = match.groups()
        return f"{prefix or ''}{large or after_prefix or before_place} meter"

    return _METRES.sub(metres, folded)


def _with_correction(folded: str) -> str:
    """The text with a corrected duration only: "walked 20 min. oops, it was 25" → "walked .
    oops, it was 25 min"."""
    markers = list(_CORRECTION.finditer(folded))
    if not markers:
        return folded
    marker = markers[-1]
    before, after = folded[: marker.start()], folded[marker.end() :]
    number = _CORRECTED_NUMBER.search(after)
    if number is None or not _MINUTES.search(before):
        return folded
    unit = _MINUTES.match(after, number.start())
    if unit is None or unit.end() <= number.end():
        after = f"{after[: number.end()]} min{after[number.end() :]}"
    return f"{_MINUTES.sub(' ', before)}{marker.group(0)}{after}"


def _summed_durations(folded: str) -> str:
    """The folded text with durations in parts written as their sum, before it is cut into
    clauses (the parts may stand in two): "25 min hin und 25 zurueck" → "50 min", "2x …
    morgens und abends je 15 min" → "2x … morgens und abends 30 min"."""
    folded = _EMPHASIS.sub(_without_emphasis, folded)
    folded = _ACTIVITY_BARE.sub(_activity_bare, folded)
    folded = _with_correction(_metres(folded))
    folded = _number_words_to_digits(folded)
    folded = _with_stated_total(folded)
    folded = _WORD_DURATION_EACH.sub(_word_duration_each, folded)
    folded = _LISTED_MINUTES.sub(
        lambda m: f"{sum(int(part) for part in m.groups() if part)} min", folded
    )
    folded = _START_AND_END.sub(_start_and_end, folded)
    folded = _THREE_DAY_PARTS.sub(
        lambda m: f"{sum(_number(part) for part in m.groups() if part):g} min", folded
    )
    folded = _WORD_CLOCK_SPAN.sub(_word_clock_span, folded)
    folded = _BARE_WORD_CLOCK_SPAN.sub(_word_clock_span, folded)
    folded = _ONCE_AND_ONCE.sub(lambda m: f"{_number(m.group(1)) + _number(m.group(2)):g}", folded)
    folded = _QUARTERS.sub(lambda m: f"{int(m.group(1)) * 15} min", folded)
    folded = _FOR_BARE.sub(
        lambda m: f"for {m.group(1)} min" if 10 <= int(m.group(1)) <= 180 else m.group(0), folded
    )
    folded = _ROUNDS_OF.sub(_rounds_of, folded)
    folded = _ON_THE_MACHINE.sub(lambda m: f"{m.group(1)} min on the {m.group(2)}", folded)
    if _MINUTES.search(folded):
        folded = _ANOTHER_BARE.sub(lambda m: f"{m.group(1)} {m.group(2)} min", folded)
    # "10 Minuten jede Richtung": doubled here, before "jede" could read as a habit's word
    folded = _EVERY_DIRECTION.sub(lambda m: f"{2 * _number(m.group(1)):g} min", folded)
    folded = _THERE_AND_BACK.sub(
        lambda m: f"{_number(m.group(1)) + _number(m.group(2)):g} min", folded
    )
    folded = _ANOTHER.sub(
        lambda m: f"{_number(m.group(1)) + _number(m.group(3)):g} min{m.group(2)}", folded
    )
    count = _bout_count(folded)
    if count is None:
        return _repeated(folded)
    unsummed = folded
    if count == 2:
        folded = _AND_MINUTES.sub(
            lambda m: f"{_number(m.group(1)) + _number(m.group(2)):g} min", folded
        )
        folded = _AND_BARE_MINUTES.sub(
            lambda m: f"{_number(m.group(1)) + _number(m.group(3)):g} min{m.group(2)}", folded
        )
    summed = _EACH_BOUT.sub(lambda m: f"{count * _number(m.group(1) or m.group(2)):g} min", folded)
    return summed if summed != unsummed else _repeated(summed)


def _activity_bare(match: re.Match[str]) -> str:
    word, number = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    if activity_of(word) is None or not 5 <= int(number) <= 180:
        return match.group(0)
    return f"{word} {number} min"


def _with_stated_total(folded: str) -> str:
    """One stated total ("insgesamt ca. 25 min", "45 min in total") stands alone: the parts'
    durations elsewhere in the message are dropped."""
    stated = list(_STATED_TOTAL.finditer(folded))
    if len(stated) != 1:
        return folded
    match = stated[0]
    minutes = _number(match.group(1) or match.group(2))

    def without_durations(part: str) -> str:
        for pattern in (_TIMES_MINUTES, _HOURS_MINUTES, _HOURS, _MINUTES):
            part = pattern.sub(" ", part)
        return part

    before, after = folded[: match.start()], folded[match.end() :]
    return f"{without_durations(before)} {minutes:g} min {without_durations(after)}"


def _rounds_of(match: re.Match[str]) -> str:
    """ "3 Runden à 10 min", "two lots of ten minutes": the count times the length."""
    count = _ROUND_COUNTS.get(match.group(1)) or int(match.group(1))
    return f"{count * _number(match.group(2)):g} min"


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _spans_outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _is_relative_time(text: str, start: int, end: int, clock: bool = False) -> bool:
    """ "vor 20 min" (ago), "20 min später", "um 18h", "the 20 min mark", "12 hour shift": not
    how long the session took."""
    before = _WORD.findall(text[max(0, start - 12) : start])
    after = _WORD.findall(text[end : end + 12])
    if before and before[-1] in {"nach", "after"} and _STOPPED.intersection(_WORD.findall(text)):
        return False  # "nach 15 min abgebrochen", "stopped after 10 minutes"
    refused = _NOT_A_DURATION_BEFORE + (_CLOCK_BEFORE if clock else ())
    return bool(before and before[-1] in refused) or bool(
        after and after[0] in _NOT_A_DURATION_AFTER + _SOMETHING_ELSE_AFTER
    )


def read_minutes(text: str) -> int | None:
    """The duration a message states, in whole minutes (several are added up: "20 min Yoga und
    10 min Dehnen" → 30; a range counts its lower end: "20-25 min" → 20; a clock span its
    length: "von 9 bis 10" → 60, "in 1:05" → 65), or None. `text` is folded
    (`dialogs.common.text.fold`). Times of day ("um 18 Uhr"), distances ("5 km"), relative
    times ("vor 20 min") and others' durations ("12 hour shift") are not durations."""
    taken: list[tuple[int, int]] = []
    total = 0.0
    found = False

    def take(start: int, end: int, minutes: float, clock: bool = False) -> None:
        nonlocal total, found
        taken.append((start, end))
        if not _is_relative_time(text, start, end, clock):
            total += minutes
            found = True

    for match in _RANGE.finditer(text):
        take(match.start(), match.end(), int(match.group(1)))
    for match in _TIMES_MINUTES.finditer(text):
        digits, word, english, amount = match.groups()
        count = int(digits) if digits else _TIMES_WORDS[word or english]
        take(match.start(), match.end(), count * _number(amount))
    for match in _EACH_WAY.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), 2 * _number(match.group(1)))
    for match in _COUNTED_BOUTS.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            bouts = _BOUT_WORDS[match.group(1)]
            take(match.start(), match.end(), bouts * _number(match.group(2)))
    # "von 9 bis 10", "7:15–7:45", "9 till 10"
    for pattern in (_CLOCK_SPAN, _CLOCK_MINUTES_SPAN, _BARE_CLOCK_SPAN):
        for match in pattern.finditer(text):
            length = _clock_span_length(match)
            if _spans_outside(taken, match.start(), match.end()) and (
                0 < length <= MAX_SPAN_MINUTES
            ):
                take(match.start(), match.end(), length)
    for match in _CLOCK_DURATION.finditer(text):
        hours, minutes = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), int(hours) * 60 + int(minutes))
    for match in _HALF_FRACTION.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), (int(match.group(1)) + 0.5) * 60)
    for match in _AN_HOUR_AND.finditer(text):
        take(match.start(), match.end(), 60 + int(match.group(1)))
    for match in _FRACTION.finditer(text):
        part, whole = int(match.group(1)), int(match.group(2))
        if _spans_outside(taken, match.start(), match.end()) and part < whole:
            take(match.start(), match.end(), 60 * part / whole)
    for match in _HOURS_MINUTES.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), _number(match.group(1)) * 60 + int(match.group(2)))
    for match in _HOURS.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), _number(match.group(1)) * 60, clock=True)
    for match in _MINUTES.finditer(text):
        if _spans_outside(taken, match.start(), match.end()):
            take(match.start(), match.end(), _number(match.group(1)))
    rest = list(text)  # what the patterns above did not read, for the durations in words
    for start, end in taken:
        rest[start:end] = " " * (end - start)
    words = _WORD.findall("".join(rest))
    word_total = _word_minutes(words)
    if word_total is not None:
        total += word_total
        found = True
    return round(total) if found else None


def _clock_span_length(match: re.Match[str]) -> int:
    """Minutes between the two clock times of a `_CLOCK_SPAN` / `_CLOCK_MINUTES_SPAN` match;
    an end before the start is read on a 12-hour dial ("from 10:30 till 1" → 150)."""
    groups = match.groups()
    if len(groups) == 10 and groups[4] is not None:  # "19–20:30": the start without minutes
        groups = (groups[4], None, groups[5], groups[6])
    elif len(groups) == 10 and groups[7] is not None:  # "6:15-7pm": the end without minutes
        groups = (groups[7], groups[8], groups[9], None)
    begin = int(groups[0]) * 60 + int(groups[1] or 0)
    finish = int(groups[2]) * 60 + int(groups[3] or 0)
    if finish <= begin:
        finish += 12 * 60
    return finish - begin


def _word_minutes(words: Sequence[str]) -> int | None:
    """Durations in words: "eine halbe Stunde", "zwanzig Minuten", "an hour and a half"."""
    vocabulary = _vocabulary()
    total, found, index = 0, False, 0
    while index < len(words):
        for phrase, minutes in vocabulary.duration_phrases:
            if tuple(words[index : index + len(phrase)]) == phrase:
                if not _relative_words(words, index, index + len(phrase)):
                    total += minutes * _count_before(words, index)
                    found = True
                index += len(phrase)
                break
        else:
            word = words[index]
            amount = vocabulary.numbers.get(word)
            following = vocabulary.numbers.get(words[index + 1]) if index + 1 < len(words) else None
            if amount in _TENS and following is not None and following < 10:
                amount += following  # "twenty five"
                index += 1
            if amount is not None and words[index + 1 : index + 2] == ["ish"]:
                index += 1  # "twenty-ish minutes"
            unit = words[index + 1] if index + 1 < len(words) else ""
            if amount is not None and unit in _MINUTE_WORDS:
                if not _relative_words(words, index, index + 2):
                    total += amount
                    found = True
                index += 2
                continue
            if amount is not None and unit in _HOUR_WORDS and amount <= MAX_WORD_HOURS:
                if not _relative_words(words, index, index + 2):
                    total += amount * 60
                    found = True
                index += 2
                continue
            index += 1
    return total if found else None


# "zweimal ne halbe Stunde", "twice for half an hour": a count right before a duration in
# words (an article or "for" may stand between) repeats it.
_WORD_COUNTS = {"zweimal": 2, "dreimal": 3, "twice": 2, "thrice": 3, "2x": 2, "3x": 3}
_COUNT_FILLERS = frozenset({"ne", "eine", "einer", "for", "a"})


def _count_before(words: Sequence[str], index: int) -> int:
    """How often the duration in words at `index` was done: 2 after "zweimal", "twice", "2x"
    or "2 x" (with at most one article or "for" between), else 1."""
    before = index - 1
    if before >= 0 and words[before] in _COUNT_FILLERS:
        before -= 1
    if before >= 1 and words[before] in ("x", "mal") and words[before - 1] in ("2", "3", "4"):
        return int(words[before - 1])  # "2 x ne halbe Stunde"
    return _WORD_COUNTS.get(words[before], 1) if before >= 0 else 1


_TENS = frozenset({20, 30, 40, 50})
_MINUTE_WORDS = frozenset(
    {
        "minuten",
        "minutes",
        "minute",
        "min",
        "mins",
        "minutn",
        "minuta",
        "minudde",
        "minudn",
        "minuetle",
        "minuetli",
    }
)
_HOUR_WORDS = frozenset({"stunden", "stunde", "hours", "std", "stund"})
# "sechs Stunden unterwegs": hours in words up to this many (product decision; over 5 hours
# the reader asks before logging).
MAX_WORD_HOURS = 8


def _relative_words(words: Sequence[str], start: int, end: int) -> bool:
    return (start > 0 and words[start - 1] in _NOT_A_DURATION_BEFORE) or (
        end < len(words) and words[end] in _NOT_A_DURATION_AFTER + _SOMETHING_ELSE_AFTER
    )


def _bare_number(text: str) -> int | None:
    """The one bare number of a short message ("erledigt 25", "done 10"), read as minutes."""
    numbers = [int(m.group(1)) for m in _BARE_NUMBER.finditer(text)]
    return numbers[0] if len(numbers) == 1 else None


# --- the reader ---------------------------------------------------------------------------

# English contractions spelled out before reading: "didn't" → "did not", "I'll" → "I will".
_CONTRACTIONS = (
    (re.compile(r"\bcan['’]t\b"), "can not"),
    (re.compile(r"\bwon['’]t\b"), "will not"),
    (re.compile(r"n['’]t\b"), " not"),
    (re.compile(r"['’]ll\b"), " will"),
    (re.compile(r"['’]d\b"), " would"),
    (re.compile(r"['’]ve\b"), " have"),
    (re.compile(r"['’]m\b"), " am"),
    (re.compile(r"\bdone and dusted\b"), "done"),
)
_QUESTION_WORDS = frozenset(
    {"wie", "wann", "warum", "wieso", "weshalb", "welche", "welcher", "welches", "how", "when",
     "why", "what", "which"}
)  # fmt: skip
# A verb first makes a question only with a pronoun next: "soll ich …", "is it …", "reicht das"
# (German also drops the subject of statements: "sind heute ne Stunde geradelt").
_QUESTION_VERBS = frozenset(
    {"soll", "sollte", "kann", "darf", "muss", "ist", "sind", "bist", "should", "can", "could",
     "is", "are", "do", "does", "did", "may", "reicht", "zaehlt", "count", "counts"}
)  # fmt: skip
_PRONOUNS = frozenset(
    {"ich", "i", "man", "you", "du", "es", "it", "das", "that", "this", "we", "wir", "sie"}
)  # fmt: skip
# Text before "?" up to the sentence start is a question ("reicht das?"); other sentences stay.
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)[.](?=\d))*[.!?\n]?")
# A done word followed by these is about something else: "fertig mit der Welt", "done with it".
_DONE_WITH = frozenset({"mit", "with"})
# Activity words inside longer words ("Rückenyoga", "Morgenspaziergang") are found from this
# length on (product decision: shorter ones, like "rad", hide in too many words).
MIN_COMPOUND_PART = 4


def _words(text: str) -> list[str]:
    """The folded words of `text`, with Southern German participles spelled out: "gwandert" →
    "gewandert", "gfahrn" → "gefahren", "gmacht" → "gemacht" (when the long form is known)."""
    return [_standard(word) for word in _WORD.findall(text)]


@lru_cache(maxsize=4096)
def _standard(word: str) -> str:
    vocabulary = _vocabulary()
    if word.startswith("g") and not word.startswith("ge") and len(word) >= 5:
        long = "ge" + word[1:]
        for candidate in (long, re.sub(r"([rl])n$", r"\1en", long)):
            if (
                candidate in vocabulary.past_forms
                or candidate in vocabulary.done
                or candidate in vocabulary.completion
            ):
                return candidate
    return _corrected(word)


# Typos are forgiven in words of at least this many letters (product decision: in shorter
# words one changed letter too often makes another word).
MIN_TYPO_LENGTH = 5


def _corrected(word: str) -> str:
    """The activity or done word `word` is a typo of ("rueckenuebunegn" → "rueckenuebungen",
    "walkd" → "walked", "streches" → "stretches"), or `word` itself. Only for words the
    vocabulary does not know and that are no real German or English word (wordfreq): a real
    word is what the writer meant. One edit (OSA: a swapped pair counts as one), two from ten
    letters; the first letter must match (typos rarely start a word)."""
    vocabulary = _vocabulary()
    if (
        len(word) < MIN_TYPO_LENGTH
        or word in vocabulary.known
        or activity_of(word) is not None
        or not word.isalpha()
        or is_real_word(word)
    ):
        return word
    budget = 2 if len(word) >= 10 else 1
    for term in vocabulary.typo_targets.get(word[0], ()):
        if (
            abs(len(term) - len(word)) <= budget
            and OSA.distance(word, term, score_cutoff=budget) <= budget
        ):
            return term
    return word


def _kinds(words: Sequence[str]) -> list[str]:
    """The activity types the clause names, in order; words of phrases such as "ran out of"
    or "running on 4 hours of sleep" do not count."""
    vocabulary = _vocabulary()
    masked: set[int] = set()
    for phrase in vocabulary.not_activity_phrases:
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if tuple(words[i : i + size]) == phrase:
                masked.update(range(i, i + size))
    if any(word in vocabulary.vehicles for word in words):  # "rode the bus": a trip
        masked.update(i for i, word in enumerate(words) if word in vocabulary.riding)
    for i, word in enumerate(words):  # "Aufzug statt Treppe": the stairs were not taken
        if word in vocabulary.instead:
            following = [j for j in range(i + 1, len(words)) if words[j] not in _ARTICLES]
            masked.update(following[:1])
    return [
        kind
        for i, w in enumerate(words)
        if i not in masked and (kind := activity_of(w)) is not None
    ]


# Small words between "statt"/"instead" and what was not done ("instead of the stairs").
_ARTICLES = frozenset(
    {"of", "the", "a", "an", "der", "die", "das", "dem", "den", "des", "einer", "einem", "zu"}
)  # fmt: skip


def _asks(verb: str, following: str) -> bool:
    """Whether a sentence starting with `verb`, `following` is a question: "soll ich", "is
    yoga …" – but "did yoga", "did it" report (only "did you", "did I" ask)."""
    if verb in {"did", "do", "does"}:
        return following in {"i", "you", "we", "they", "he", "she", "u"}
    return following in _PRONOUNS or activity_of(following) is not None


# "Ich bin so fertig": worn out, not done ("fertig" alone is a done word).
_WORN_OUT = re.compile(
    r"\b(?:so|total|voellig|fix\s+und|voll|echt|komplett|richtig|ganz)\s+fertig\b(?!\s+mit\s+(?!der\s+welt))"
    # "I'm done in", "totally done for": worn out ("done in 20 min" reports)
    r"|\bdone\s+(?:in|for)\b(?!\s+(?:\d|an?\b|half|under|about|around|less|just|one|two|three"
    r"|ten|twenty|thirty|forty|fifty|sixty))"
)


# A bare reply to a reminder that says it is done: "check", "hab ich", "done that".
_DONE_REPLY = re.compile(
    r"^\W*(?:(?:jo|ja|jep|jup|yes|yep|yup|yeah)\W+)?(?:check|checked|gecheckt|hab\s+ich|habe\s+ich"
    r"|done\s+that|did\s+that|did\s+it|did\s+them)\W*$"
)
# "alle zwei Stunden", "every 2 hours": how often, not how long.
_EVERY_HOURS = re.compile(
    r"\b(?:alle|every)\s+(?:\d{1,2}\s*|zwei\s+|drei\s+|two\s+|three\s+|couple\s+of\s+)?"
    r"(?:stunden|std|hours|hrs)\b"
)


def _normalise(text: str) -> str:
    folded = fold(text)
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    folded = _DONE_REPLY.sub("erledigt", folded)
    folded = _EVERY_HOURS.sub("regelmaessig", folded)
    return _WORN_OUT.sub("erschoepft", folded)


def _statements(folded: str) -> str:
    """The text without its questions: "hab 20 min Yoga gemacht, reicht das?" keeps the first
    part; a sentence that starts with a question word is dropped too."""
    kept = []
    for sentence in _SENTENCE.findall(folded):
        sentence = _without_question_tail(sentence)
        words = _WORD.findall(sentence)
        question_start = words[0] in _QUESTION_WORDS if words else False
        if len(words) > 1 and words[0] in _QUESTION_VERBS and _asks(words[0], words[1]):
            question_start = True
        if not words or sentence.rstrip().endswith("?") or question_start:
            if sentence.rstrip().endswith("?") and "," in sentence:
                kept.append(sentence.rsplit(",", 1)[0] + ".")
            continue
        kept.append(sentence)
    return "".join(kept)


# "… counts, right?", "zählt doch, oder?": asking whether it counts, after the report.
_COUNTS_RIGHT = re.compile(
    r"\b(?:(?:lol|haha)\s+)?(?:that\s+)?counts?\s*(?:right|too|yeah)?\s*\?+\s*$"
    r"|\bzaehlt\s+(?:doch|auch|das)?\s*(?:oder|ne|gell|gel)?\s*\?+\s*$"
)


def _without_question_tail(sentence: str) -> str:
    """ "40 min Schnee geschippt zählt das auch?" → "40 min Schnee geschippt.": a question of
    its own ("zählt das", "does that count") after at least two words of a statement, without
    a comma between, ends the statement there."""
    if not sentence.rstrip().endswith("?") or "," in sentence:
        return sentence
    tail = _COUNTS_RIGHT.search(sentence)
    if tail is not None and len(_WORD.findall(sentence[: tail.start()])) >= 2:
        return sentence[: tail.start()].rstrip() + "."  # "… for an hour lol counts right?"
    found = list(_WORD.finditer(sentence))
    for index in range(2, len(found) - 1):
        verb, following = found[index].group(), found[index + 1].group()
        if verb not in _QUESTION_VERBS or verb in {"did", "is", "are"}:
            continue
        if _asks(verb, following) or (verb in {"do", "does"} and following in _PRONOUNS):
            return sentence[: found[index].start()].rstrip() + "."
    return sentence


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == tuple(phrase) for i in range(len(words) - size + 1))


@lru_cache(maxsize=4096)
def activity_of(word: str) -> str | None:
    """The activity type a folded word names ("geschwommen" → "swim"), also at the end of a
    compound ("rueckenyoga" → "yoga") or at its start before a word such as "kurs"
    ("yogakurs" → "yoga"); None for other words."""
    vocabulary = _vocabulary()
    if word in vocabulary.activity_of:
        return vocabulary.activity_of[word]
    if word in vocabulary.not_activity_words:
        return None
    for size in range(len(word) - MIN_COMPOUND_PART, 0, -1):
        tail = word[size:]
        if len(tail) >= MIN_COMPOUND_PART and tail in vocabulary.activity_of:
            return vocabulary.activity_of[tail]
    for suffix in vocabulary.compound_heads_before:  # "yogakurs", "schwimmkurs"
        head = word.removesuffix(suffix)
        if head == word or len(head) < MIN_COMPOUND_PART:
            continue
        for stem in (head, head + "en"):  # "schwimm" + "en"
            if stem in vocabulary.activity_of:
                return vocabulary.activity_of[stem]
    return None


def _is_past_form(word: str) -> bool:
    vocabulary = _vocabulary()
    return word in vocabulary.past_forms or any(
        word.endswith(past) and len(past) >= MIN_COMPOUND_PART + 2 for past in vocabulary.past_forms
    )


def _is_done(word: str) -> bool:
    vocabulary = _vocabulary()
    return word in vocabulary.done or (len(word) > 7 and word.endswith("gemacht"))


# Forms of "to be" say nothing was done before "zu"/"too" ("war zu müde zum Laufen").
_BE = frozenset({"war", "waren", "warn", "was", "were", "been", "gewesen", "bin", "am", "is"})
_HAD = frozenset({"hatte", "hat", "ist", "sind"})
# "nothing except …", "nix außer …": what follows is what was done.
_EXCEPT = frozenset({"ausser", "except", "besides", "ausgenommen"})
# "zu"/"too" before a word is "too much" ("zu müde"), except in these phrases ("zu Fuß").
_TOO = frozenset({"zu", "too"})
# An article, a possessive, music or a number after it: "zu" is "to" ("getanzt, 20 Minuten zu
# 80er Hits", "zu meiner Playlist").
_NOT_TOO = frozenset(
    {"fuss", "hause", "haus", "ende", "zweit", "dritt", "mir", "uns", "den", "dem", "der", "die",
     "das", "einem", "einer", "meiner", "meinem", "meinen", "musik", "music", "hits", "songs"}
)  # fmt: skip


def _too_much(words: Sequence[str], index: int) -> bool:
    """Whether "zu"/"too" at `index` says "too much to do it": not "zu Fuß", not "zu ABBA
    getanzt" (a past form follows), not "only managed 5 min, my back was too sore" or "managed
    5 minutes before the pain got too bad" (the report came first: this is why it was short)."""
    following = words[index + 1]
    if following in _NOT_TOO or following[:1].isdigit():
        return False
    if index + 2 < len(words) and _is_past_form(words[index + 2]):
        return False
    vocabulary = _vocabulary()
    earlier = [w for w in words[:index] if w not in _BE]
    return not any(_is_done(w) or w in vocabulary.completion or _is_past_form(w) for w in earlier)


def _has_negation(words: Sequence[str]) -> bool:
    """A negation in the clause that is not about pain ("tat nicht weh") or mood ("keine Lust")."""
    vocabulary = _vocabulary()
    for index, word in enumerate(words):
        if word in _TOO and index + 1 < len(words) and _too_much(words, index):
            return True  # "zu müde", "too tired", "zu schlecht zum Spazieren"
        if word == "zu" and index + 1 == len(words) and index and words[index - 1] in _BE | _HAD:
            return True  # "das Hallenbad hatte zu": closed
        if word not in vocabulary.negation:
            continue
        after = words[index + 1 : index + 4]
        if any(w in vocabulary.pain or w in vocabulary.negation_exceptions for w in after):
            continue
        if any(w in _EXCEPT for w in words[index + 1 :]):
            continue  # "nix gemacht außer 10 min Dehnen": the exception is what was done
        return True
    return False


def _without_harmless_phrases(words: Sequence[str]) -> list[str]:
    """`words` with the phrases that only look like plans blanked out: "heute morgen" (this
    morning), "Sonntag morgen" (a morning, not tomorrow), "ended up going", "next to"."""
    vocabulary = _vocabulary()
    masked = [
        "" if word == "morgen" and i > 0 and words[i - 1] in vocabulary.weekday_of else word
        for i, word in enumerate(words)
    ]
    for phrase in vocabulary.intention_exceptions:
        size = len(phrase)
        for i in range(len(masked) - size + 1):
            if tuple(masked[i : i + size]) == phrase:
                masked[i : i + size] = [""] * size
    return masked


def _has_intention(words: Sequence[str], *, reported: bool) -> bool:
    """A plan or wish in the clause; the weak ones ("nachher", "tonight") only when nothing in
    it says it is done (`reported`)."""
    vocabulary = _vocabulary()
    masked = _without_harmless_phrases(words)
    if any(word in vocabulary.intention for word in masked) or any(
        _contains(masked, phrase) for phrase in vocabulary.intention_phrases
    ):
        return True
    return not reported and any(word in vocabulary.weak_intention for word in masked)


def _someone_else(words: Sequence[str]) -> bool:
    """A person other than the writer is the subject ("mein Mann war joggen", "she ran"): an
    other-person word not shortly after "mit"/"with", and no first-person word in the clause."""
    vocabulary = _vocabulary()
    german = any(word in _GERMAN_MARKERS for word in words)
    if any(word in vocabulary.self_words and not (word == "im" and german) for word in words):
        return False  # "im" is "I'm" in English, "in dem" in German
    verbs = [
        i
        for i, w in enumerate(words)
        if activity_of(w) is not None
        or _is_done(w)
        or w in vocabulary.completion
        or w in vocabulary.past_forms
    ]
    first_verb = verbs[0] if verbs else len(words)
    machines = {i + 1 for i in range(len(words) - 1) if words[i] in vocabulary.machine_makers}
    if any(word in vocabulary.helpers and i not in machines for i, word in enumerate(words)):
        return True  # "dog walker took the dog out": no first-person word, see above
    for i, word in enumerate(words[:first_verb]):  # the subject comes first: not "walked my son"
        companions = words[max(0, i - 3) : i]
        if word in vocabulary.others and not any(w in {"mit", "with"} for w in companions):
            return True
    for i, word in enumerate(words):  # "mein Hund hat … getobt", "my dog ran around"
        if word in _PETS and i > 0 and words[i - 1] in _POSSESSIVE and i <= first_verb:
            return True
    # "mein Kumpel war klettern", "my mate went climbing": a possessive and a noun that is
    # neither a body part nor an activity, then a verb of the third person.
    for i in range(min(first_verb, len(words) - 2)):
        noun = words[i + 1]
        if (
            words[i] in _POSSESSIVE
            and words[i + 2] in _THIRD_PERSON_VERBS
            and noun not in _BODY
            and activity_of(noun) is None
        ):
            return True
    return False


# Words that make a clause German, so that "im" is "in dem", not "I'm".
_GERMAN_MARKERS = frozenset(
    {"der", "die", "das", "dem", "den", "und", "ist", "war", "waren", "mit", "zum", "zur", "auf",
     "nicht", "heute", "mein", "meine", "hat", "hatte", "stunden", "stunde", "garten"}
)  # fmt: skip
_PETS = frozenset({"hund", "dog", "katze", "cat"})
_POSSESSIVE = frozenset({"mein", "meine", "my", "our", "unser", "unsere"})
_THIRD_PERSON_VERBS = frozenset(
    {"war", "ist", "hat", "geht", "ging", "went", "was", "is", "has", "did", "does", "goes"}
)  # fmt: skip
# Body words after a possessive ("mein Rücken war …") do not name another person.
_BODY = frozenset(
    {"ruecken", "kreuz", "bein", "beine", "knie", "huefte", "nacken", "koerper", "back", "leg",
     "legs", "knee", "knees", "hip", "hips", "neck", "body", "schulter", "shoulder", "tag", "day",
     "morning", "abend", "evening", "woche", "week", "physio", "arzt", "doctor"}
)  # fmt: skip
# Taking someone somewhere ("die Kinder zum Schwimmen gefahren", "dropped her at the pool",
# "the school run") is not the writer's session.
_ESCORTED_TO = re.compile(r"\bzu[mr]\s+(\w+)\s+(?:\w+\s+)?(?:gefahren|gebracht|abgeholt|gefahrn)\b")
_ESCORTING = re.compile(
    r"\b(?:drove|driven|dropped|picked\s+up)\b|\bschool\s+run\b"
    r"|\btook\s+(?:my|our|the|her|his)\s+\w+\s+to\b"
)


def _escorting(clause: str) -> bool:
    """ "die Kinder zum Schwimmen gefahren" (an activity is where someone was taken; not "mit
    dem Rad zur Arbeit gefahren"), "dropped her at the pool", "the school run"."""
    if _ESCORTING.search(clause):
        return True
    return any(activity_of(match.group(1)) is not None for match in _ESCORTED_TO.finditer(clause))


def _habitual(words: Sequence[str]) -> bool:
    vocabulary = _vocabulary()
    return any(word in vocabulary.habitual for word in words) or any(
        _contains(words, phrase) for phrase in vocabulary.habitual_phrases
    )


def _felt(words: Sequence[str]) -> Felt | None:
    """How it felt: "pain" when a pain word is not negated ("hat weh getan"), "good" for a good
    word or a negated pain word ("tat nicht weh", "ohne Schmerzen"), else None."""
    vocabulary = _vocabulary()
    pain = negated = False
    for i, word in enumerate(words):
        if word in vocabulary.pain:
            before = words[max(0, i - 3) : i]
            if any(w in vocabulary.negation or w in {"ohne", "without"} for w in before):
                negated = True
            else:
                pain = True
    if pain:
        return "pain"
    hours = _HOUR_WORDS | {"hour", "stunde"}
    good = any(  # "a good hour", "eine gute Stunde": a length, not a feeling
        word in vocabulary.good and (i + 1 == len(words) or words[i + 1] not in hours)
        for i, word in enumerate(words)
    )
    if negated or good:
        return "good"
    return None


def _day(words: Sequence[str]) -> str:
    """ "today", "yesterday", "daybefore" or a weekday code ("letzte Woche" is left out
    before, in `_blocked`)."""
    vocabulary = _vocabulary()
    that_day = [  # "Rücken tut seit gestern weh, bin trotzdem spaziert": today's walk
        word for i, word in enumerate(words) if not (i > 0 and words[i - 1] in _NOT_THAT_DAY)
    ]
    if any(word in vocabulary.daybefore for word in that_day) or any(
        _contains(words, phrase) for phrase in vocabulary.daybefore_phrases
    ):
        return "daybefore"
    if any(word in vocabulary.yesterday for word in that_day) or any(
        _contains(words, phrase) for phrase in vocabulary.yesterday_phrases
    ):
        return "yesterday"
    for i, word in enumerate(words):
        if word in vocabulary.weekday_of and not (i > 0 and words[i - 1] in _NOT_THAT_DAY):
            if word in vocabulary.ambiguous_days and i > 0 and words[i - 1] not in _BEFORE_A_DAY:
                continue  # "I sat in the café": a verb, not Saturday
            return vocabulary.weekday_of[word]
    return "today"


# "on Sat", "last sat": an ambiguous abbreviation is a day after these (or first in the message).
_BEFORE_A_DAY = frozenset({"on", "last", "this", "am", "sa"})
# "seit Montag", "since monday", "bis Freitag": the weekday is not the session's day.
_NOT_THAT_DAY = frozenset({"seit", "since", "bis", "until", "ab", "next", "naechsten", "naechster"})


def read_activity(text: str, model: SessionModel | None = None) -> ActivityReport | None:
    """Read a message as a session the writer did, or None when it is not one.

    `text` is the raw message (any case, umlauts, emoji). Returns None for plans, questions,
    negations, someone else's activity, habits, done words about something else, sessions
    more than a week ago, and everything that mentions no movement at all. A message may mix
    a report with a plan ("20 min gelaufen, morgen probier ich Schwimmen"): clauses that are
    plans, negations, habits or someone else's are left out, the rest is read.

    The rules decide first; `model` (default: `session_model.default_model()`, trained on
    `data/activity_examples/`) is asked for a second opinion: a report the rules are sure of
    but the model finds unlikely (below `MODEL_DOUBT`) is asked about, not logged; a statement
    the rules miss but the model finds likely (at least `MODEL_ASK`) is asked about with what
    the rules can read of it; a report the rules would ask about ("Dienstag: 30 Min. Gymnastik")
    is logged when the model is confident (at least `MODEL_CONFIRM`). The model never logs
    what the rules did not find.
    """
    if not text or len(text) > MAX_CHARS:
        return None
    checkmark = any(mark in text for mark in CHECKMARKS)
    normalised = _normalise(text)
    if _PLAN_HEADING.match(normalised):
        return None
    statements = _statements(_summed_durations(normalised))
    said = _clause_texts(statements)
    clauses = [
        clause for clause, left_out in zip(said, _left_out(said), strict=True) if not left_out
    ]
    if not clauses and (said or not checkmark):
        return None  # nothing, or only plans, negations, others: a ✅ beside them is theirs
    kept_words = [_words(clause) for clause in clauses]
    if not any(_kinds(words) for words in kept_words) and any(
        _treated(words) or _is_plan(words) for words in map(_words, said)
    ):
        return None  # "Akupunktur heute, 30 Minuten", "morgen geh ich radeln, so 40 min"
    kept_text = ", ".join(clauses)
    all_words = _words(kept_text)
    minutes = read_minutes(kept_text)
    verdict = _verdict(kept_words, checkmark=checkmark, duration=minutes is not None)
    # The model is asked only when its answer can change the outcome, and at most once.
    estimate = model or default_model()
    probability = cache(lambda: estimate.probability(text))
    # The model may make a report sure only when the rules left no clause out: a clause that
    # is someone else's, a plan, a negation or a treatment may be what the rest is about
    # ("meine Mutter (82) war heute 30 min spazieren", "Plan für heute: 30 min spazieren",
    # "Stoßwellentherapie heute, 20 min").
    model_may_log = len(clauses) == len(said)
    if verdict is None:
        words = _words(statements)
        if not clauses or len(words) <= MAX_ASKED_WORDS or probability() < MODEL_ASK:
            return None  # short replies ("5", "jo") are the rules' alone: they answer others
        # What the rules can read of it: the kept clauses' duration, else every statement's
        # (the rules may have left out the clause that holds the duration: "the kids and I
        # played footy for an hour"; but not "wollte 45 min joggen, nach 10 abgebrochen").
        all_words = words
        if minutes is None:
            minutes = read_minutes(statements)
        kinds = _kinds(all_words)
        if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
            return None  # "12 hour shift, 0 minutes of exercise": no report the rules found
        logs = minutes is not None and probability() >= MODEL_LOG and model_may_log
        verdict = (logs, kinds[0] if kinds else None)
    else:
        sure, activity = verdict
        if (
            not sure
            and len(all_words) > MAX_ASKED_WORDS
            and probability() >= MODEL_CONFIRM
            and model_may_log
        ):
            verdict = (True, activity)  # "Dienstag: 30 Min. Gymnastik"
    sure, activity = verdict
    # A reply of done words, durations, days and feelings only ("erledigt", "fertig", "done
    # 25", ✅) is the rules' alone: it answers a reminder. Next to other news ("laundry done ✅")
    # the model's doubt counts.
    doubt = MODEL_DOUBT if verdict[1] is None else MODEL_DOUBT_ACTIVITY
    if sure and not _only_small_words(all_words) and probability() < doubt:
        sure = False
    # A rating said with the report ("walked, pain 4") is no duration and no "it hurt".
    pain, without_rating = _rating_in_report(kept_text)
    if minutes is None and len(all_words) <= MAX_BARE_WORDS:
        minutes = _bare_number(without_rating)
    day = _day(all_words)
    report = ActivityReport(
        minutes=minutes if minutes is not None else DEFAULT_MINUTES,
        minutes_stated=minutes is not None,
        day=day,
        activity=activity,
        felt=_felt(_words(statements if pain is None else _rating_in_report(statements)[1])),
        sure=sure and (minutes or 0) <= MAX_SURE_MINUTES,
        pain=pain,
    )
    if not 1 <= report.minutes <= MAX_MINUTES:
        if not sure:
            return None  # "hab 12 Stunden gearbeitet": no report to correct
        return ActivityReport(
            minutes=report.minutes, minutes_stated=True, day=day, error="habit-error-minutes"
        )
    return report


def _left_out(said: Sequence[str]) -> list[bool]:
    """For each clause, whether it is left out (`_blocked`); a clause that is only a negation
    ("…, gemacht hab ich sie aber noch nicht", "done, not yet") leaves out the one before."""
    left_out = [_blocked(clause) for clause in said]
    negation = _vocabulary().negation
    for index, clause in enumerate(said):
        words = _words(clause)
        if index and words and set(words) <= negation | _ONLY_NEGATION and negation & set(words):
            left_out[index - 1] = True
    return left_out


# Words of a clause that only negates the one before: "noch nicht", "not yet", "leider nicht".
_ONLY_NEGATION = frozenset({"noch", "yet", "leider", "sadly", "doch", "still", "aber", "but"})


def _clause_texts(folded: str) -> list[str]:
    return [part for part in _CLAUSE_BREAK.split(folded) if part and _WORD.search(part)]


# "vor 3 Wochen", "2 months ago": longer ago than the week the coach counts.
_LONG_AGO = re.compile(
    r"\bvor\s+(?:\d+|zwei|drei|vier|ein(?:er|em)?)\s+(?:wochen?|monat(?:en)?|jahr(?:en)?)\b"
    r"|\b(?:\d+|two|three|four|a|one)\s+(?:weeks?|months?|years?)\s+ago\b"
)


# "0 Minuten Bewegung", "zero minutes of exercise": nothing was done.
_NO_TIME = re.compile(r"\b(?:0|null|zero|no|keine)\s*(?:min|mins|minuten|minutes)\b")


def _blocked(clause: str) -> bool:
    """Whether a clause is a plan or wish, a negation ("0 Minuten Bewegung" too), a habit,
    long ago, someone else's, or watching or being treated (`_treated`): what it says about
    movement does not count (the other clauses still do)."""
    vocabulary = _vocabulary()
    words = _words(clause)
    if _LONG_AGO.search(clause) or _escorting(clause) or _NO_TIME.search(clause):
        return True
    reported = _reported(words)
    if _has_negation(words) or _has_intention(words, reported=reported):
        return True
    if _habitual(words) or _someone_else(words):
        return True
    if _treated(words):
        return True
    today = {"heute", "heut", "today"}
    return any(_contains(words, phrase) for phrase in vocabulary.too_old) and not any(
        word in today for word in words
    )


def _is_plan(words: Sequence[str]) -> bool:
    """Whether a clause's words plan for another day or later ("morgen früh geh ich radeln",
    "going for a run tomorrow"), not "heute Morgen" and not "tonight" (often said of a
    finished session: "pilates class tonight was brilliant")."""
    return not _reported(words) and any(
        word in _FUTURE for word in _without_harmless_phrases(words)
    )


_FUTURE = frozenset(
    {"morgen", "tomorrow", "uebermorgen", "next", "naechste", "naechsten", "naechstes",
     "spaeter", "later", "nachher"}
)  # fmt: skip


def _treated(words: Sequence[str]) -> bool:
    """Whether a clause is about watching ("watched the football for 90 mins", "Video über
    Rückenyoga angeschaut"; not "Yoga-Video mitgemacht") or being treated, resting or sitting
    with no activity of the writer ("Eine Stunde Massage heute", "30 min Massage beim Physio")."""
    vocabulary = _vocabulary()
    if any(w in vocabulary.watching for w in words) and not any(
        w in vocabulary.joined_in for w in words
    ):
        return True
    return any(_is_passive(word) for word in words) and not _kinds(
        [word for word in words if word not in vocabulary.treatment_places]
    )


@lru_cache(maxsize=4096)
def _is_passive(word: str) -> bool:
    """A word of being treated or resting, also at the end of a compound
    ("stosswellentherapie")."""
    passive = _vocabulary().passive
    return word in passive or any(
        word.endswith(part) and len(part) >= MIN_COMPOUND_PART + 2 for part in passive
    )


def _reported(words: Sequence[str]) -> bool:
    """Whether a clause says something happened: a done word, a past form, a completion word
    ("war", "went"), or a completion phrase ("I was at the gym")."""
    vocabulary = _vocabulary()
    return (
        any(_is_done(w) or _is_past_form(w) or w in vocabulary.completion for w in words)
        or any(_contains(words, phrase) for phrase in vocabulary.completion_phrases)
        or (len(words) > 1 and words[-1] == "durch" and bool(_kinds(words)))  # "Yoga ist durch"
    )


def _verdict(
    clauses: list[list[str]], *, checkmark: bool, duration: bool
) -> tuple[bool, str | None] | None:
    """(sure, activity) when the (unblocked) clauses report a session; else None.

    Sure: an activity with a completion word or in the past ("war schwimmen", "walked"), or
    with a duration and a past time ("20 min Yoga heute früh"); a done word or ✅ with only
    small words; a duration with only small words and a day ("gestern 15 min"); an activity
    followed by a duration alone, as a log entry is written ("Gymnastik 15 min"). Unsure
    (ask): an activity with a duration or a past time but nothing else ("20 min Yoga"; with ✅
    it is sure: "Yoga ✅ 20 min"), or a duration alone ("30 min"). An activity word alone
    ("ich hasse Joggen", "ist Yoga gut") is not a report, nor is "I'm done" next to other
    news ("project done, I'm done").
    """
    vocabulary = _vocabulary()
    found: tuple[bool, str | None] | None = None
    activity: str | None = None
    # "25 min Krafttraining, war anstrengend": the report is next door; a ✅ is one too
    reported_anywhere = checkmark
    bare_done_only = True  # the only evidence so far is a done word with small words around it
    other_news = False  # a clause about something else ("project done", "what a week")
    for words in clauses:
        kinds = _kinds(words)
        if not kinds and _walked(words, duration):
            kinds = ["walk"]
        has_done = any(_is_done(word) for word in words)
        has_past = any(_is_past_form(word) for word in words)
        reported = has_done or has_past or _reported(words)
        anchored = any(word in vocabulary.past_anchors for word in words)
        reported_anywhere = reported_anywhere or reported
        small = _only_small_words(words)
        if not kinds and not has_done:
            if duration and small:  # "gestern 15 min"; "15 min ✔️"
                found = found or (anchored or checkmark, None)
                bare_done_only = False
            elif not small:
                other_news = True
            continue
        if kinds:
            activity = activity or kinds[0]
            bare_done_only = False
            if reported or (duration and anchored) or (duration and _bare_log(words)):
                found = (True, activity)
            elif (duration or anchored) and found is None:
                found = (False, activity)
            continue
        done_at = next(i for i, word in enumerate(words) if _is_done(word))
        if done_at + 1 < len(words) and words[done_at + 1] in _DONE_WITH:
            return None  # "fertig mit der Welt", "done with this pain"
        if not small:
            other_news = True
            continue  # "glad I did", "die Steuererklärung ist erledigt": not the report itself
        if found is None or not found[0]:
            found = (True, activity)
    if found is None and activity is not None and reported_anywhere:
        found = (True, activity)  # "hab die Übungen … trotzdem gemacht"
    if found is None and checkmark:  # "Präsentation fertig ✅" is asked about (other news)
        found = (not other_news or activity is not None, activity)
        bare_done_only = False
    if found is None:
        return None
    if bare_done_only and other_news:
        return None  # "project done, presentation done, I'm done 😴"
    return found[0] or (reported_anywhere and activity is not None), activity


def _bare_log(words: Sequence[str]) -> bool:
    """ "Gymnastik 15 min", "Laufen 30'", "yoga 🧘 45 min": the activity first, then a duration
    and nothing else, the way a log entry is written. "20 min Yoga" stays a question: it is
    also how a plan or a suggestion starts (product decision)."""
    kinds = [activity_of(word) for word in words]
    rest = [word for word, kind in zip(words, kinds, strict=True) if kind is None]
    return (
        len(words) <= MAX_BARE_WORDS
        and kinds[0] is not None
        and len(rest) < len(words)
        and _only_small_words(rest)
    )


def _walked(words: Sequence[str], duration: bool) -> bool:
    """ "20 Minuten um den See gegangen", "6 km zu Fuß gegangen": going on foot, with a
    duration or a distance, is a walk (not "ins Kino gegangen")."""
    if duration and (_contains(words, ("zu", "fuss")) or _contains(words, ("on", "foot"))):
        return True  # "statt mit dem Bus zu Fuß heim, 35 Minuten"
    return any(w in _ON_FOOT for w in words) and (duration or "km" in words or "fuss" in words)


_ON_FOOT = frozenset({"gegangen", "gelatscht", "marschiert"})


def _only_small_words(words: Sequence[str]) -> bool:
    """Whether a clause holds nothing but small words, done words, durations, days and how it
    felt: "hab's erledigt", "gestern 15 min", "done, it hurt" (not "Steuererklärung geschafft")."""
    vocabulary = _vocabulary()
    unknown = [
        w
        for w in words
        if w not in vocabulary.filler
        and w not in vocabulary.done
        and w not in vocabulary.completion
        and w not in vocabulary.pain
        and w not in vocabulary.good
        and not w.isdigit()
        and w not in vocabulary.weekday_of
        and w not in vocabulary.numbers
        and w not in vocabulary.past_anchors
    ]
    return len(unknown) <= MAX_UNKNOWN_WITH_DONE


# A plan says when or that it will happen; a "missed" session says it did not (product
# decisions: "ich hasse Joggen" is neither, and gets no answer from here).
_PLAN_WORDS = frozenset(
    {"will", "werde", "werd", "morgen", "uebermorgen", "tomorrow", "gonna", "later", "nachher",
     "spaeter", "tonight", "plane", "planning", "plan", "want", "wanna", "moechte", "going",
     "gehe", "geh", "naechste", "naechsten", "next", "gleich"}
)  # fmt: skip
Mention = Literal["plan", "missed", "someone"]
# What one can or cannot do is about the body, not about a plan or a skipped session ("ich
# kann nicht mehr laufen"); what one could not do today is a skipped session (`_COULD`).
_ABILITY = frozenset(
    {"kann", "koennen", "can", "cannot", "able", "unable", "schaffe"}
)  # fmt: skip
# "konnte heute nicht joggen", "couldn't do my exercises today": missed, unless it is about the
# body for good ("konnte nicht mehr laufen", "could not walk anymore": `_NO_LONGER`).
_COULD = frozenset({"konnte", "konnt", "konnten", "could"})
_NO_LONGER = frozenset({"mehr", "anymore", "longer"})
# A plan that was not carried out ("wollte eigentlich joggen, aber es hat geregnet", "I was
# going to go for a run but it rained"): a past wish with a "but" or a day of its own.
_PAST_WISH = frozenset({"wollte", "wollten", "wolltest", "wanted"})
_PAST_WISH_PHRASES = (
    ("was", "going", "to"), ("were", "going", "to"), ("was", "gonna"), ("were", "gonna"),
    ("meant", "to"), ("was", "supposed", "to"), ("had", "planned"), ("was", "planning"),
    ("hatte", "vor"), ("hatte", "eigentlich", "vor"), ("hatte", "geplant"), ("had", "hoped"),
)  # fmt: skip
_BUT_OR_DAY = frozenset(
    {"aber", "but", "doch", "however", "leider", "unfortunately", "sadly", "eigentlich",
     "actually", "heute", "heut", "today", "gestern", "yesterday", "morning", "frueh"}
)  # fmt: skip
# Not having had the time or chance, with no activity named ("hab heute keine Zeit gehabt",
# "didn't get round to it today", "bin nicht dazu gekommen"): a skipped session.
_NO_TIME_PHRASES = (
    ("keine", "zeit"), ("kaum", "zeit"), ("nicht", "dazu", "gekommen"), ("nicht", "dazu", "kam"),
    ("kam", "nicht", "dazu"), ("zu", "beschaeftigt"), ("zu", "viel", "zu", "tun"),
    ("keine", "gelegenheit"), ("hat", "nicht", "geklappt"), ("no", "time"),
    ("not", "have", "time"), ("not", "have", "the", "time"), ("not", "get", "round", "to"),
    ("not", "get", "around", "to"), ("not", "get", "to", "it"), ("ran", "out", "of", "time"),
    ("too", "busy"), ("no", "chance"), ("not", "manage"), ("not", "happen"),
)  # fmt: skip
# A day to come makes "keine Zeit" a plan's news ("morgen hab ich keine Zeit"), not a skip.
_LATER_DAYS = frozenset(
    {"morgen", "uebermorgen", "tomorrow", "naechste", "naechsten", "next", "spaeter", "later",
     "nachher", "will", "werde", "going", "gonna"}
)  # fmt: skip


def read_mention(text: str) -> Mention | None:
    """What a message that is no session says about movement: the writer's "plan" ("ich will
    morgen joggen", "going to the gym later") or "missed" one ("heute keine Übungen gemacht",
    "war zu müde zum Laufen", "hab heute keine Zeit gehabt", "couldn't do my exercises today",
    "wollte eigentlich joggen, aber es hat geregnet"), or "someone" else's ("meine Eltern
    waren wandern", "my wife went for a run"; only when no clause is about the writer's own),
    or None (nothing about it, a habit, a question, someone's pain). For a friendly answer
    instead of "not understood"; call it only when `read_activity` found no session."""
    if not text or len(text) > MAX_CHARS:
        return None
    others = False
    folded = _statements(_normalise(text))
    every_word = set(_words(folded))
    pain = _vocabulary().pain
    for clause in _clause_texts(folded):
        words = _words(clause)
        if not _kinds(words) and not any(_is_done(word) for word in words):
            if _no_time(words) and not _someone_else(words) and not every_word & pain:
                return "missed"  # no activity named, nothing that hurts: "keine Zeit gehabt"
            continue
        if _habitual(words):
            continue
        said_could = any(word in _COULD for word in words)
        could = said_could and not _NO_LONGER & set(words)  # "konnte nicht mehr": the body
        hurt = any(word in _ABILITY or word in pain for word in words) or (said_could and not could)
        if _someone_else(words):
            others = others or not (hurt or _has_negation(words))
            continue
        if hurt:
            return None  # "ich kann nicht mehr laufen", "zu schmerzhaft": not a skipped session
        # Skipped because it hurt ("wollte joggen, aber der Rücken tat zu weh"): the back's
        # answer (`pain_talk`) fits better than "tomorrow is a new day", where it answers.
        hurts_elsewhere = bool(every_word & pain) and says_back_hurts(text)
        if could and _has_negation(words):
            return None if hurts_elsewhere else "missed"  # "couldn't do my exercises today"
        if _has_negation(words):
            return "missed"
        if could:
            continue  # "I could go for a walk": neither done nor a plan
        if _past_wish(words) and every_word & _BUT_OR_DAY:
            return (
                None if hurts_elsewhere else "missed"
            )  # "was going to go for a run but it rained"
        if any(word in _PLAN_WORDS for word in words):
            return "plan"
    return "someone" if others else None


def _no_time(words: Sequence[str]) -> bool:
    """Whether a clause says there was no time or chance for it ("keine Zeit gehabt", "didn't
    get round to it"), and not of a day to come ("morgen hab ich keine Zeit")."""
    return any(_contains(words, phrase) for phrase in _NO_TIME_PHRASES) and not any(
        word in _LATER_DAYS for word in _without_harmless_phrases(words)
    )


def _past_wish(words: Sequence[str]) -> bool:
    """Whether a clause wished or planned it in the past ("wollte joggen", "was going to")."""
    return any(word in _PAST_WISH for word in words) or any(
        _contains(words, phrase) for phrase in _PAST_WISH_PHRASES
    )


def session_date(day: str, today: date) -> date:
    """The local date of a report's `day` ("today", "yesterday", "daybefore", "mon" … "sun")
    seen from local `today`: a weekday is its last occurrence, today included (product
    decision: "am Montag" said on a Monday means today). ValueError for another `day`."""
    if day == "today":
        return today
    if day == "yesterday":
        return today - timedelta(days=1)
    if day == "daybefore":
        return today - timedelta(days=2)
    if day in DAY_CODES:
        back = (today.weekday() - DAY_CODES.index(day)) % 7
        return today - timedelta(days=back)
    raise ValueError(f"unknown day {day!r}")


# --- pain ratings -------------------------------------------------------------------------

# "7/10", "6 von 10", "4 out of 10": the scale after a rating is part of it.
_OUT_OF_TEN = re.compile(r"\b(\d{1,2})\s*(?:/|von|of|out\s+of)\s*10\b")
# The words a typed rating may come with, around its one number: hedges ("so ne 6", "maybe a
# 7", "ich würd sagen 5", "so 3 würd ich sagen"), how bad ("pretty bad, like a 6", "mittel, so 5
# vielleicht"), and what is rated ("pain is about 4", "Rücken heute 5"). Nothing else: "7 Uhr",
# "ich bin 5", "erledigt 7" are no ratings (product decision: the question is open for one
# message only, so a word list errs on the side of "not a rating").
_RATING_WORDS = frozenset(
    {"so", "ne", "eine", "einer", "etwa", "ca", "circa", "ungefaehr", "vielleicht", "ich",
     "wuerde", "wuerd", "wuerds", "sagen", "sag", "schaetze", "schaetz", "denke", "denk",
     "glaube", "glaub", "schmerz", "schmerzen", "rueckenschmerz", "rueckenschmerzen", "ist",
     "es", "liegt", "lag", "bei", "mittel", "mittelmaessig", "level", "jetzt", "gerade", "grad",
     "grade", "heute", "heut", "oder", "punkte", "punkt", "eher", "ziemlich", "recht", "echt",
     "sehr", "schon", "noch", "immer", "nur", "leider", "naja", "na", "ja", "hm", "hmm", "puh",
     "uff", "schlimm", "schlecht", "stark", "leicht", "heftig", "nicht", "mein", "der", "ruecken",
     "tut", "weh", "auf", "skala", "also", "etwas", "bisschen", "wieder", "momentan", "aktuell",
     "gefuehlt", "maybe", "about", "around", "like", "a", "an", "pain", "is", "it", "s", "its",
     "now", "right", "today", "i", "would", "say", "guess", "think", "pretty", "quite", "rather",
     "bad", "not", "great", "too", "or", "ish", "probably", "still", "only", "just", "my",
     "back", "hurts", "at", "the", "moment", "currently", "honestly", "um", "uh", "well",
     "kinda", "sort", "of", "kind", "on", "scale", "roughly", "mild", "moderate", "severe",
     "sadly", "again", "feels", "feel", "solid", "definitely", "wahrscheinlich", "bestimmt"}
)  # fmt: skip
# More words than this are a sentence of their own, not a rating (product decision).
MAX_RATING_WORDS = 9
# A hesitant rating may end in "?" ("so-so, maybe a 5?", "eher 6?", "7?"): with these words only
# around the number; "is 7 bad?" or "ist 5 normal?" stay questions (product decision).
_HEDGES = frozenset(
    {"so", "lala", "soso", "maybe", "vielleicht", "eher", "like", "a", "an", "ne", "eine", "ish",
     "about", "around", "etwa", "ca", "ungefaehr", "i", "guess", "would", "say", "ich", "wuerd",
     "wuerde", "sagen", "schaetze", "hm", "hmm", "naja", "na", "kinda", "sort", "of", "um", "uh",
     "or", "oder", "probably", "wahrscheinlich"}
)  # fmt: skip


# A rating given as a range or between two values ("5-6", "so 5 bis 6", "maybe 6 or 7",
# "zwischen 4 und 5", "between 4 and 5"): the higher value counts (product decision: the
# rating decides whether the check is offered, so a range errs toward the offer).
_RATING_RANGE = re.compile(
    r"\b(?:zwischen|between)\s+(\d{1,2})\s+(?:und|and)\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s*(?:-|–|bis|to|oder|or)\s*(\d{1,2})\b"
)
# A decimal rating ("4,5", "6.5") is rounded half up to a whole NRS point (product decision: the
# NRS is a whole-number scale, Hawker et al. 2011).
_RATING_DECIMAL = re.compile(r"\b(\d{1,2})[.,](\d)\b")
# Number words a rating may be typed as ("sieben", "about a six"): the duration number words of
# `data/activity_words.yaml` up to 10, without "ein"/"eine" (a filler: "eine 3"), plus zero.
_RATING_NUMBER_EXTRA = {"null": 0, "eins": 1, "zero": 0, "nought": 0}


@lru_cache(maxsize=1)
def _rating_number_words() -> dict[str, int]:
    words = {w: n for w, n in _vocabulary().numbers.items() if n <= 10}
    words.pop("ein", None)
    words.pop("eine", None)
    return {**words, **_RATING_NUMBER_EXTRA}


def _higher_of_range(match: re.Match[str]) -> str:
    low, high = (int(group) for group in match.groups() if group is not None)
    # Two close values are a range ("5-6"); anything else stays two numbers (not a rating).
    return str(high) if 0 < high - low <= 2 and high <= 10 else match.group(0)


def _rounded(match: re.Match[str]) -> str:
    return str(int(match.group(1)) + (1 if int(match.group(2)) >= 5 else 0))


def read_pain_rating(text: str) -> int | None:
    """A typed 0–10 pain rating (NRS), or None: one number with at most `MAX_RATING_WORDS`
    words around it, all of them words a rating comes with (`_RATING_WORDS`): "7", "so ne 6",
    "7/10", "about a 4", "pain is about 4", "mittel, so 5 vielleicht", "pretty bad, like a 6",
    "so 3 würd ich sagen", "ich würd sagen 5", "maybe a 7"; a number word ("sieben", "about a
    six"); a range or two close values as the higher one ("5-6", "maybe 6 or 7" → 7); a
    decimal rounded half up ("4,5" → 5); with "?" only among hedges ("so-so, maybe a 5?",
    "eher 6?"). Numbers above 10, questions ("is 7 bad?") and anything with another word ("7
    Uhr", "erledigt 7") are not ratings."""
    folded = _normalise(text or "")
    if len(folded) > 80:
        return None
    folded = _RATING_DECIMAL.sub(_rounded, _OUT_OF_TEN.sub(r"\1", folded))
    number_words = _rating_number_words()
    folded = re.sub(r"[a-z]+", lambda word: str(number_words.get(word[0], word[0])), folded)
    folded = _RATING_RANGE.sub(_higher_of_range, folded)
    words = _WORD.findall(folded)
    numbers = [word for word in words if word.isdigit()]
    if len(numbers) != 1 or len(words) > MAX_RATING_WORDS:
        return None
    allowed = _HEDGES if "?" in folded else _RATING_WORDS
    if any(not word.isdigit() and word not in allowed for word in words):
        return None
    value = int(numbers[0])
    return value if value <= 10 else None


# A rating inside a session report: a pain word, a few small words, the number ("30 min
# spazieren, schmerz 4", "walked 30 min, pain 4/10", "Pain was 0/10 the whole way", "Schmerzen
# lagen bei 5"), or the number out of 10 before the pain word ("4/10 pain"). Not a duration, a
# distance or a count ("Schmerzen seit 3 Tagen", "pain 2 hours after").
_PAIN_WORD = r"(?:rueckenschmerz(?:en)?|schmerz(?:en|level)?|pain(?:\s*level)?)"
_RATING_FILLER = (
    r"(?:ist|is|war|was|waren|were|lag|lagen|liegt|bei|at|about|around|etwa|ca|circa|ungefaehr"
    r"|so|ne|eine|a|an|like|jetzt|now|danach|after|afterwards|hinterher|heute|today|nur|only"
    r"|noch|still|maximal|max|dabei|during|it|level)"
)
_NOT_A_RATING_AFTER = (
    r"(?!\s*(?:[.,]\d|min|minute|minuten|minutes|mins|m\b|h\b|std|stunde|stunden|hours?|hrs?"
    r"|uhr|km|x\b|mal\b|tage?n?\b|days?\b|wochen?\b|weeks?\b|%|jahre?n?\b|years?\b))"
)
_RATING_IN_REPORT = re.compile(
    rf"\b{_PAIN_WORD}\s*[:=]?\s*(?:{_RATING_FILLER}\s+)*(\d{{1,2}})"
    rf"(?:\s*(?:/|von|of|out\s+of)\s*10\b|\b{_NOT_A_RATING_AFTER})"
    rf"|\b(\d{{1,2}})\s*(?:/|von|out\s+of)\s*10\s+{_PAIN_WORD}\b"
)


def _rating_in_report(folded: str) -> tuple[int | None, str]:
    """The pain rating (0–10) stated inside a report, and the text without it (its number is
    no duration: "walked, pain 4" is not 4 minutes); (None, `folded`) when there is none."""
    match = _RATING_IN_REPORT.search(folded)
    if match is None:
        return None, folded
    value = int(match.group(1) or match.group(2))
    if value > 10:
        return None, folded
    return value, folded[: match.start()] + " " + folded[match.end() :]
