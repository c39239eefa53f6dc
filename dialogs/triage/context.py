"""ConText for the safety net: is a sign negated, past, hypothetical, or someone else's?

Why ConText and not only NegEx: a red-flag word in a chat message is often not a red flag of the
writer now. "kein Fieber" is negated, "als Kind hatte ich oft Fieber" is historical, "was wäre,
wenn ich den Urin nicht halten kann?" is hypothetical, "meine Frau spürt ihren Po nicht mehr" is
someone else's (and still an emergency, worded for her). ConText (Harkema et al., J Biomed Inform
2009, doi:10.1016/j.jbi.2009.05.002) decides these four properties with trigger terms, each with
a direction and a scope that ends at terminators; it extends NegEx (Chapman et al., J Biomed
Inform 2001). The trigger terms of both languages live in `data/context.yaml`, reviewed like
every other content file; this module only applies them.

Input is one sentence as folded words (`None` marks a comma-like barrier) and a matched sign as
word positions; the sentence logic that finds signs is in `dialogs.triage.screening`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dialogs.common.content import data_path
from dialogs.common.text import fold_word
from dialogs.triage.red_flags import LANGUAGES, Experiencer, load_reviewed_yaml

CONTEXT_FILE = data_path("context.yaml")

Phrase = tuple[str, ...]
# In trigger phrases "#" is any number (digits or a number word) and "#year" a calendar year
# (1950–2099) that no "seit"/"since" introduces: "nach meiner OP 2015" is history, "seit 2019"
# is not (product decision).
WILDCARDS = ("#", "#year")
_SINCE = frozenset({"seit", "since", "ab", "from"})
# "my lower back then my belly …": after these words "back" is the body part, so "back then"
# (and "back in 2019") is no time trigger there (safety: in doubt the sign is not past)
_BODY_BACK = frozenset(
    {"my", "lower", "upper", "low", "mid", "middle", "the", "his", "her", "whole"}
)
Words = Sequence[str | None]  # one sentence; None is a barrier (comma, colon, "aber")

# Trigger kinds, each a set of phrases of one language (negation kinds are shared).
_NEGATION_KINDS = ("forward", "weak", "backward", "pseudo", "double")
_OWN_KINDS = ("uncertain", "other", "animal", "media", "self", "terminate")
_DIRECTED_KINDS = ("historical", "hypothetical")


# The conjunction after the comma of "es ist nicht so, dass …" (see `_double`).
_CONJUNCTIONS = frozenset({"dass", "das", "that"})


@dataclass(frozen=True)
class Assertion:
    """The ConText properties of one matched sign.

    `negated`: the writer says the sign is absent. `historical`: it is past and over.
    `hypothetical`: a question or a "what if". `uncertain`: the writer is unsure ("not sure if").
    `experiencer`: whose sign it is. `animal`: the sign is a pet's or a horse's ("my dog's back
    legs are weak"), or a story from the news or a film ("saw on the news a bloke got
    paralysed"): never a concern of the safety net.
    """

    negated: bool = False
    historical: bool = False
    hypothetical: bool = False
    uncertain: bool = False
    experiencer: Experiencer = Experiencer.SELF
    animal: bool = False


@dataclass(frozen=True)
class Triggers:
    """The compiled trigger phrases of one language (negation merged over both languages).

    Word sets, folded: `numbers` match "#" ("zwei", "two"); `carry` words a negation reaches
    across for free ("oder"); `barrier` words end a negation's forward scope; `breaks` split a
    sentence like a comma ("aber"); `reply` words open an answer ("nein", "no").
    """

    phrases: Mapping[str, frozenset[Phrase]]  # kind → phrases ("historical.forward", "other" …)
    # (first word, second word or "") → (kind, phrase); "#" stands for a number in both places
    by_start: Mapping[tuple[str, str], tuple[tuple[str, Phrase], ...]]
    numbers: frozenset[str]
    carry: frozenset[str]
    barrier: frozenset[str]
    breaks: frozenset[str]
    reply: frozenset[str]


@dataclass(frozen=True)
class Windows:
    """How far triggers reach, in words (product decisions, measured in README.md; the values
    are data/context.yaml's `negation_window`, `weak_window`, `backward_window`, `backward_rest`).

    A forward negation reaches `negation` words, a weak one ("nicht"/"not") `weak`; a backward
    one ("Fieber habe ich keins") negates a sign up to `backward` words before it when at most
    `backward_rest` words follow it in its clause.
    """

    negation: int
    weak: int
    backward: int
    backward_rest: int


def _phrases(items: Sequence[str], *, possessive: bool = False) -> frozenset[Phrase]:
    """Folded phrases; with `possessive`, also each phrase with an "s" on its last word
    ("my dog" → "my dogs", as in "my dog's legs" once the apostrophe is dropped)."""
    found = set()
    for item in items:
        words = tuple(part if part in WILDCARDS else fold_word(part) for part in item.split())
        if words and all(words):
            found.add(words)
            if possessive and words[-1] not in WILDCARDS:
                found.add((*words[:-1], words[-1] + "s"))
    return frozenset(found)


@lru_cache(maxsize=1)
def raw_context() -> dict[str, Any]:
    """The parsed data/context.yaml, read once (yaml.YAMLError on a key given twice)."""
    data: dict[str, Any] = load_reviewed_yaml(CONTEXT_FILE)
    return data


@lru_cache(maxsize=1)
def windows() -> Windows:
    """The trigger windows of data/context.yaml, read once (KeyError if one is missing)."""
    raw = raw_context()
    return Windows(
        raw["negation_window"], raw["weak_window"], raw["backward_window"], raw["backward_rest"]
    )


@lru_cache(maxsize=4)
def triggers(language: str) -> Triggers:
    """The trigger phrases for screening with `language`'s patterns (cached).

    Negation, reply words, barriers and sentence breaks of both languages count everywhere (a
    German message is also screened with the English patterns, and "keine" must still negate
    there); historical, hypothetical, uncertain and experiencer terms count in their own
    language and, where they are phrases of two or more words, in the other one too.
    `language` is "de" or "en" (KeyError otherwise).
    """
    raw = raw_context()
    own = raw[language]
    phrases: dict[str, frozenset[Phrase]] = {}
    for kind in _NEGATION_KINDS:
        phrases[f"negation.{kind}"] = _phrases(
            [term for code in LANGUAGES for term in raw[code]["negation"][kind]]
        )
    others = [raw[code] for code in LANGUAGES if code != language]

    def terms(kind: str, direction: str | None = None) -> list[str]:
        # Own terms, plus the other language's phrases of two or more words: a German
        # message screened with English patterns still knows "vor 10 Jahren", while single
        # words that mean something else across languages ("her", "im", "er") stay home.
        def of(spec: Mapping[str, Any]) -> list[str]:
            found: list[str] = spec[kind] if direction is None else spec[kind].get(direction, [])
            return found

        return [*of(own), *(term for other in others for term in of(other) if " " in term)]

    for kind in _DIRECTED_KINDS:
        for direction in ("forward", "backward", "clause", "conditional"):
            phrases[f"{kind}.{direction}"] = _phrases(terms(kind, direction))
    for kind in _OWN_KINDS:
        phrases[kind] = _phrases(terms(kind), possessive=kind in ("other", "animal", "media"))

    def merged(key: str) -> frozenset[str]:
        return frozenset(fold_word(word) for code in LANGUAGES for word in raw[code][key])

    by_start: dict[tuple[str, str], list[tuple[str, Phrase]]] = {}
    for kind, group in phrases.items():
        for phrase in group:
            key = (phrase[0], phrase[1] if len(phrase) > 1 else "")
            by_start.setdefault(key, []).append((kind, phrase))
    return Triggers(
        phrases=phrases,
        by_start={key: tuple(entries) for key, entries in by_start.items()},
        numbers=frozenset(fold_word(word) for word in own["numbers"]),
        carry=merged("carry"),
        barrier=merged("barrier"),
        breaks=merged("sentence_break"),
        reply=merged("reply"),
    )


def _single_words(phrases: frozenset[Phrase]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases if len(phrase) == 1)


@lru_cache(maxsize=4)
def negation_words(language: str) -> frozenset[str]:
    """Every single negation word, wherever it stands: the pattern compiler keeps typo
    tolerance away from "keine" and "nicht"."""
    found = triggers(language).phrases
    kinds = ("negation.forward", "negation.weak", "negation.backward")
    return frozenset().union(*(_single_words(found[kind]) for kind in kinds))


# "weder … noch", "neither … nor": the second word negates what follows it, like the first.
_CORRELATIVE = {"weder": "noch", "neither": "nor"}


class SentenceContext:
    """The triggers found in one sentence, ready to assess any sign in it.

    `subject_before` is whose story the message was telling when this sentence began (ConText's
    experiencer carries over sentences until the writer speaks of themselves again);
    `subject_after` is where it stands at the sentence's end.
    """

    def __init__(
        self,
        words: Words,
        language: str,
        *,
        question: bool = False,
        subject_before: Experiencer = Experiencer.SELF,
    ) -> None:
        self.words = words
        self.language = language
        self.found = triggers(language)
        self.question = question
        self.hits: dict[str, list[tuple[int, int]]] = {}  # kind → (start, end) word spans
        self.covered: set[int] = set()  # positions inside pseudo or double triggers
        self._find_triggers()
        # kind → positions where a trigger ends: a trigger of several words ("ebenso wenig")
        # stands where its last word stands, and so does the "noch" of "weder … noch".
        self._ends = {kind: {end for _start, end in spans} for kind, spans in self.hits.items()}
        self.subjects = self._subjects(subject_before)
        self.subject_after = self.subjects[-1] if self.subjects else subject_before

    # ------------------------------------------------------------------ finding triggers
    def _year(self, position: int) -> bool:
        word = self.words[position]
        before = self.words[position - 1] if position > 0 else None
        return (
            word is not None
            and len(word) == 4
            and word.isdigit()
            and 1950 <= int(word) <= 2099
            and before not in _SINCE
        )

    def _matches(self, start: int, phrase: Phrase) -> bool:
        if start + len(phrase) > len(self.words):
            return False
        for offset, part in enumerate(phrase):
            word = self.words[start + offset]
            if word is None:
                return False
            if part == "#year":
                if not self._year(start + offset):
                    return False
            elif part == "#":
                if not (word.isdigit() or word in self.found.numbers):
                    return False
            elif word != part:
                return False
        return True

    def _find_triggers(self) -> None:
        by_start, numbers = self.found.by_start, self.found.numbers

        words = self.words

        def forms(position: int) -> tuple[str, ...]:
            word = words[position] if position < len(words) else None
            if word is None:
                return ()
            if self._year(position):
                return (word, "#", "#year")
            return (word, "#") if word.isdigit() or word in numbers else (word,)

        # each position's forms once: it is looked at as a first and as a second word
        every = [forms(position) for position in range(len(words))] + [()]
        for start, word in enumerate(words):
            if word is None:
                continue
            for first in every[start]:
                for second in ("", *every[start + 1]):
                    for kind, phrase in by_start.get((first, second), ()):
                        if self._matches(start, phrase):
                            self.hits.setdefault(kind, []).append((start, start + len(phrase) - 1))
        for kind in ("negation.pseudo", "negation.double"):
            for start, end in self.hits.get(kind, ()):
                self.covered.update(range(start, end + 1))
        self._since_is_not_past()
        self._body_back_is_not_past()
        self._correlative_negations()

    def _since_is_not_past(self) -> None:
        """ "since last year", "seit Jahren": a time trigger that "since"/"seit" introduces
        says how long a sign has lasted, not that it is over (like "#year" above)."""
        self._drop_time_triggers(lambda start: start > 0 and self.words[start - 1] in _SINCE)

    def _body_back_is_not_past(self) -> None:
        """ "pain in my lower back then my belly": a time trigger that starts with "back"
        right after "my", "lower", "the" … names the body part, not the past."""
        self._drop_time_triggers(
            lambda start: (
                self.words[start] == "back" and start > 0 and self.words[start - 1] in _BODY_BACK
            )
        )

    def _drop_time_triggers(self, not_past: Callable[[int], bool]) -> None:
        """Drops the historical triggers whose first word's position satisfies `not_past`."""
        for kind in ("historical.forward", "historical.backward"):
            spans = self.hits.get(kind)
            if spans:
                self.hits[kind] = [(start, end) for start, end in spans if not not_past(start)]

    def _correlative_negations(self) -> None:
        """ "weder Taubheit im Schritt noch Probleme beim Wasserlassen": after "weder" /
        "neither", the "noch" / "nor" of the same sentence negates like a new "kein"."""
        forward = self.hits.get("negation.forward", ())
        openers = [start for start, _end in forward if self.words[start] in _CORRELATIVE]
        if not openers:
            return
        pair = _CORRELATIVE[self.words[openers[0]] or ""]
        for position in range(openers[0] + 1, len(self.words)):
            word = self.words[position]
            if word is None or word in self.found.breaks:
                return  # "weder … , aber ich kann noch nicht …": that "noch" is "still"
            if word == pair:
                self.hits.setdefault("negation.forward", []).append((position, position))
                return

    def _subjects(self, before: Experiencer) -> list[Experiencer]:
        marks: dict[int, Experiencer] = {}
        for start, _end in self.hits.get("self", ()):
            marks[start] = Experiencer.SELF
        # A longer "other" phrase ("mein Mann") wins over "self" words inside or next to it.
        for start, end in (
            *self.hits.get("other", ()),
            *self.hits.get("animal", ()),
            *self.hits.get("media", ()),
        ):
            for position in range(start, end + 1):
                marks.pop(position, None)
            marks[start] = Experiencer.OTHER
        subjects, current = [], before
        for position in range(len(self.words)):
            current = marks.get(position, current)
            subjects.append(current)
        return subjects

    def _is(self, kind: str, position: int) -> bool:
        word = self.words[position]
        if word is None or position in self.covered:
            return False
        return (word,) in self.found.phrases[kind] or position in self._ends.get(kind, ())

    # ------------------------------------------------------------------ assessing a sign
    def assess(self, low: int, high: int, used: set[int]) -> Assertion:
        """The ConText properties of the sign at word positions `low`..`high` (`used`: the
        positions its pattern consumed; a negation among them belongs to the sign)."""
        return Assertion(
            negated=self._negated(low, high, used),
            historical=self._directed("historical", low, high, used),
            hypothetical=self._directed("hypothetical", low, high, used)
            or self._in_question(high)
            or (self.question and self._before("hypothetical.conditional", low, high, used)),
            uncertain=self._before("uncertain", low, high, used),
            experiencer=self.subjects[low] if self.subjects else Experiencer.SELF,
            animal=self._animal(low),
        )

    def _animal(self, low: int) -> bool:
        """The story is about an animal: an animal phrase stands before the sign, and the
        writer has not spoken of themselves since ("the neighbour's dachshund can't move his
        back legs" is the dog's; "my dog is fine but I can't move my legs" is the writer's)."""
        latest = max(
            (
                (start, kind)
                for kind in ("animal", "media", "self")
                for start, _ in self.hits.get(kind, ())
                if start <= low
            ),
            default=None,
        )
        return latest is not None and latest[1] in ("animal", "media")

    def _negated(self, low: int, high: int, used: set[int]) -> bool:
        governed = self._governed(low, high, used)
        if self._double(low):
            # "nicht dass ich kein Fieber hätte": two negations cancel; "not that I have a
            # fever" alone negates.
            return not governed
        return governed

    def _double(self, low: int) -> bool:
        """A "not that …" trigger in the sign's own clause (no comma or dash in between, except
        the comma of "es ist nicht so, dass …" / "it's not that, …": a comma right after the
        trigger and then "dass" or "that")."""
        for _start, end in self.hits.get("negation.double", ()):
            gap = self.words[end + 1 : low]
            if len(gap) >= 2 and gap[0] is None and gap[1] in _CONJUNCTIONS:
                gap = gap[2:]
            if end < low and all(word is not None for word in gap):
                return True
        return False

    def _governed(self, low: int, high: int, used: set[int]) -> bool:
        words, found = self.words, self.found
        limits = windows()
        if any(
            position not in used
            and (self._is("negation.forward", position) or self._is("negation.weak", position))
            and self._reaches(position, used, limits.negation)
            for position in range(low, high + 1)
        ):
            return True
        distance, position = 0, low - 1
        while position >= 0 and distance < limits.negation:
            word = words[position]
            if word is None or word in found.barrier:
                break
            if word not in found.carry:
                distance += 1
            if self._is("negation.forward", position) or (
                self._is("negation.weak", position) and distance <= limits.weak
            ):
                return True
            position -= 1
        distance, position = 0, high + 1
        while position < len(words) and distance < limits.backward:
            word = words[position]
            if word is None or word in found.barrier:
                break
            distance += 1
            if self._is("negation.backward", position) and self._rest(position) <= (
                limits.backward_rest
            ):
                return True
            position += 1
        return False

    def _reaches(self, position: int, used: set[int], window: int) -> bool:
        """A negation inside a sign's span negates it only when a word of the sign follows
        within the window, in the same clause ("der Po ist nicht taub"); in "spürt den Po
        nicht mehr richtig, alles pelzig" the "nicht" belongs to "richtig"."""
        for offset in range(1, window + 1):
            following = position + offset
            if following >= len(self.words) or self.words[following] is None:
                return False
            if following in used:
                return True
        return False

    def _rest(self, position: int) -> int:
        rest = 0
        for word in self.words[position + 1 :]:
            if word is None or word in self.found.barrier:
                break
            rest += 1
        return rest

    def _terminated(self, start: int, end: int) -> bool:
        """A terminator ("jetzt", "seit", "now", "since") between two positions ends a scope."""
        return any(start <= term_start < end for term_start, _ in self.hits.get("terminate", ()))

    def _before(self, kind: str, low: int, high: int, used: set[int]) -> bool:
        """A forward trigger before the sign, or inside its span without being part of it
        ("konnte nach der OP damals nicht pinkeln"), with no terminator in between."""
        for start, end in self.hits.get(kind, ()):
            if end < low and not self._terminated(end + 1, low):
                return True
            if low <= start and end < high and used.isdisjoint(range(start, end + 1)):
                return True
        return False

    def _directed(self, kind: str, low: int, high: int, used: set[int]) -> bool:
        if self._before(f"{kind}.forward", low, high, used):
            return True
        # A backward trigger resolves the sign before it whatever stands between ("fell off my
        # bike today, no harm done"); terminators end only the scope of forward triggers.
        # A backward trigger inside a pseudo phrase ("sonst alles ok") resolves nothing.
        if any(
            start > high and start not in self.covered
            for start, _end in self.hits.get(f"{kind}.backward", ())
        ):
            return True
        # A clause trigger ("wie immer", "as usual") speaks of its own clause only: "es kommt
        # nichts, obwohl ich muss, und der Rücken halt wie immer" keeps the first sign new.
        return any(
            start > high and self._rest_before(high, start)
            for start, _end in self.hits.get(f"{kind}.clause", ())
        )

    def _rest_before(self, high: int, start: int) -> bool:
        """No barrier word ("und", "and") stands between a sign's end and a trigger (commas
        may: "Beine schwer nach der Schicht, wie jeden Abend")."""
        between = self.words[high + 1 : start]
        return all(word not in self.found.barrier for word in between)

    def _in_question(self, high: int) -> bool:
        """The sign stands in the clause that ends with the sentence's question mark."""
        if not self.question:
            return False
        return all(word is not None for word in self.words[high + 1 :])


def drop_reply_word(words: list[str | None], language: str) -> list[str | None]:
    """A message's first word "No"/"Nein" answers the bot's last question and negates nothing
    when a comma, "but"/"aber" or a pronoun follows ("No I have numbness in my groin")."""
    found = triggers(language)
    if len(words) < 2 or words[0] not in found.reply:
        return words
    following = words[1]
    pronoun = following is not None and any(
        (following,) in triggers(code).phrases["self"] for code in LANGUAGES
    )
    if following is None or following in found.breaks or pronoun or following in found.reply:
        return words[1:]
    return words
