"""The free-text matcher: finds red-flag statements in one message and weighs their context.

Why a hand-written matcher and not a classifier: every decision can be traced to one pattern in
`data/red_flags.yaml` and one trigger in `data/context.yaml`, clinicians can read and correct both,
and it runs in well under a millisecond on every message. This module splits a message into
sentences (commas and "aber" act as barriers), tests the compiled patterns of
`dialogs.triage.red_flag_patterns` against each sentence, and asks `dialogs.triage.context`
(ConText) whether each match is negated, past, hypothetical, uncertain or someone else's. Then it
decides:

- a crisis phrase ("ich will nicht mehr leben") wins over everything and no context silences it;
- an affirmed sign of the writer (or of someone else, where the flag says so) is an alert;
- weak evidence is a question: a hypothetical or uncertain sign, an emergency sign whose words
  stand far apart (in one sentence, or across neighbouring ones), or a flag's `ask` pattern
  ("emergency ask saddle_numbness");
- combinations (`all_of`) need each part in the same message (a cancer history and night pain);
  `needs` and `other_needs` name signals that must come with a sign (an age with back pain).

When in doubt it asks: missing a cauda equina syndrome is far worse than one extra question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from dialogs.common.text import fold_word
from dialogs.triage.context import Assertion, SentenceContext, drop_reply_word, triggers
from dialogs.triage.red_flag_patterns import (
    Compiled,
    Language,
    Pattern,
    Rule,
    compiled_patterns,
    possible,
)
from dialogs.triage.red_flags import LANGUAGES, Experiencer, Screening, Urgency
from dialogs.triage.screening_model import Opinion, ScreeningModel, default_model

# Distances in tokens (CANDIDATES is a count). Product decisions, whose effect is measured with
# the whole safety net (README.md, "Measured quality"; `python -m tools.triage_evaluation`).
CUE_REACH = 3  # a negation that belongs to a sign stands at most 3 words from it
CANDIDATES = 3  # per group, the nearest few occurrences are tried (bounds the work per message)
MAX_SPAN = 9  # a pattern's words within this many tokens of one sentence: a clear statement
WIDE_SPAN = 24  # …further apart, up to this many tokens, in one sentence: ask (product decision)
CRISIS_FLAG = "crisis"
# The trained second opinion (`dialogs.triage.screening_model`): the probability of a level or
# a more urgent one at which the bot asks that level's likeliest flag, of a crisis at which it
# answers with the crisis message, and of "about someone else" at which the question is worded
# for them. Product decisions, chosen by leave-one-writer-out cross-validation on the example
# files (`python -m tools.triage_evaluation --cross-validate`): the most emergencies caught with
# questions on at most 5 % of harmless messages (the aim), alerts on harmless ones unchanged.
# The model is not asked about messages of fewer than MODEL_MIN_WORDS words: alone, "ich" or
# "today I want" look like the start of a crisis message to it.
# It asks about emergencies and urgent signs only: a "soon" sign (see a doctor within days) is
# not worth a question on a hunch, and its questions were the ones harmless messages got
# ("after 6 weeks it's much better" → "no improvement for 4 weeks?").
# Emergency 0.5 was tried on 2026-12-01 (cross-validated 99.9 % of emergencies for 3.3 % of
# harmless messages asked, against 99.7 % for 2.4 %) and taken back: "didn't get round to it
# today" got the bladder question. Everyday coaching messages matter more here than the
# development files' harmless ones.
ASK_AT = {Urgency.EMERGENCY: 0.6, Urgency.URGENT: 0.7}
CRISIS_AT = 0.8
# Below CRISIS_AT, a crisis the model finds likely enough is asked about directly (with the
# crisis lines): chosen by leave-one-writer-out cross-validation on the development data, where
# the model alone reaches 95 % of crises at 0.5 (76 % at 0.8) and asks 0.6 % of harmless
# messages and 0.9 % of everyday questions (product decision; README "Measured quality").
CRISIS_ASK_AT = 0.5
OTHER_AT = 0.5
MODEL_MIN_WORDS = 6
# Signals whose negation says nothing about any warning sign ("no back pain today").
GENERAL_SIGNALS = frozenset({"back_pain", "worsening", "constant_pain"})


# ------------------------------------------------------------------ tokenising
# A decimal ("38,8", "38.8") is one piece, read as its two numbers side by side ("hat 38,8":
# "hat #38-41 #1-9"): its comma is no barrier and its point no sentence end.
_PIECE = re.compile(
    r"(?P<decimal>(?P<whole>\d+)[.,](?P<fraction>\d+))|(?P<word>\d+|[^\W\d_]+(?:['’`´][^\W\d_]+)*)"
    r"|(?P<barrier>[,:()–—])|(?P<stop>[.!?;\n]+)"
)


@dataclass(frozen=True)
class _Token:
    text: str  # folded, apostrophes dropped ("can't" → "cant")
    start: int
    end: int


Sentence = list[_Token | None]  # None marks a comma-like barrier


def _sentences(text: str, breaks: frozenset[str]) -> list[tuple[Sentence, bool]]:
    """The message's sentences, each with whether it ends in a question mark."""
    sentences: list[Sentence] = [[]]
    questions: list[bool] = [False]
    for piece in _PIECE.finditer(text):
        if piece.lastgroup == "stop":
            questions[-1] = "?" in piece.group()
            sentences.append([])
            questions.append(False)
        elif piece.lastgroup == "barrier":
            sentences[-1].append(None)
        elif piece.lastgroup == "decimal":
            sentences[-1].append(_Token(piece["whole"], *piece.span("whole")))
            sentences[-1].append(_Token(piece["fraction"], *piece.span("fraction")))
        else:
            word = fold_word(piece.group())
            if not word:
                continue
            if word in breaks:
                sentences[-1].append(None)  # "aber": a new thought, but the same context
            else:
                sentences[-1].append(_Token(word, piece.start(), piece.end()))
    return [
        (sentence, question)
        for sentence, question in zip(sentences, questions, strict=True)
        if any(sentence)
    ]


# A short answer that denies the question before it: "Taubheit im Schritt? Auch nicht."
_DENIALS = frozenset(
    {"nein", "no", "nope", "noe", "nee", "ne", "nah", "nicht", "not", "never", "nie", "nix",
     "nichts", "nothing", "none", "keine", "keins"}
)  # fmt: skip
_DENIAL_FILLERS = frozenset({"auch", "gar", "at", "all", "really", "wirklich", "also", "either"})
MAX_DENIAL_WORDS = 4  # product decision: "nein, gar nicht", "no not at all"


def _denied(sentence: Sentence) -> bool:
    words = [token.text for token in sentence if token is not None]
    return (
        0 < len(words) <= MAX_DENIAL_WORDS
        and any(word in _DENIALS for word in words)
        and all(word in _DENIALS or word in _DENIAL_FILLERS for word in words)
    )


def _without_denied_questions(parsed: list[tuple[Sentence, bool]]) -> list[tuple[Sentence, bool]]:
    """The sentences without a question the writer answers "no" to right after it and without
    that answer ("Inkontinenz? Nein. Taubheit im Schritt? Auch nicht. Nur Ziehen im Kreuz"):
    the writer repeats the bot's check questions to deny them."""
    kept = []
    skip = False
    for index, (sentence, question) in enumerate(parsed):
        if skip:
            skip = False
            continue
        following = parsed[index + 1] if index + 1 < len(parsed) else None
        if question and following is not None and not following[1] and _denied(following[0]):
            skip = True
            continue
        kept.append((sentence, question))
    return kept


# ------------------------------------------------------------------ matching
class _SentenceView:
    """One sentence with each word's atom hits and its ConText triggers."""

    def __init__(
        self,
        sentence: Sentence,
        language: Language,
        context: SentenceContext | None,
        *,
        primary: bool = True,
    ) -> None:
        self.words = (
            context.words if context else [token.text if token else None for token in sentence]
        )
        self.tokens = sentence
        self.language = language
        self.context = context
        self.positions: dict[int, list[int]] = {}
        skipped = frozenset() if primary else language.primary_only
        for position, word in enumerate(self.words):
            if word is None:
                continue
            for atom in language.hits(word) - skipped:
                self.positions.setdefault(atom, []).append(position)
        # a frozenset, not the dict's keys view: `isdisjoint` then walks the smaller side
        self.present = frozenset(self.positions)

    def _spans(self, alternative: tuple[int, ...]) -> list[tuple[int, int]]:
        spans = []
        for start in self.positions.get(alternative[0], ()):
            end = start + len(alternative) - 1
            if end < len(self.words) and all(
                self.words[start + offset] is not None
                and start + offset in self.positions.get(atom, ())
                for offset, atom in enumerate(alternative[1:], start=1)
            ):
                spans.append((start, end))
        return spans

    def possible(self, patterns: tuple[Pattern, ...]) -> list[Pattern]:
        """The patterns this sentence may match, in their order (`red_flag_patterns.possible`)."""
        return possible(patterns, self.present)

    def candidates(self, pattern: Pattern, max_span: int) -> list[tuple[int, int, Assertion]]:
        """Every way the pattern occurs within `max_span` words, with its ConText properties
        (none without a context: the crisis check)."""
        present = self.present
        if any(first.isdisjoint(present) for first in pattern.firsts):
            return []
        per_group = []
        for group in pattern.groups:
            spans = [span for alternative in group for span in self._spans(alternative)]
            if not spans:
                return []
            per_group.append(spans)
        per_group.sort(key=len)
        found = []
        for anchor in per_group[0]:
            nearest = [
                sorted(spans, key=lambda span: _gap(span, anchor))[:CANDIDATES]
                for spans in per_group[1:]
            ]
            for others in product(*nearest):
                chosen = (anchor, *others)
                low = min(span[0] for span in chosen)
                high = max(span[1] for span in chosen)
                used = {p for start, end in chosen for p in range(start, end + 1)}
                if high - low <= max_span and self._cues_attached(chosen):
                    context = self.context
                    found.append(
                        (low, high, context.assess(low, high, used) if context else Assertion())
                    )
        return found

    def _cues_attached(self, chosen: tuple[tuple[int, int], ...]) -> bool:
        """A negation word that is part of a sign ("keine Erektion", "nicht halten") must
        stand next to the rest of it; "keine Probleme beim Wasserlassen" is not "kein Wasser"."""
        cues = self.language.cues
        for start, end in chosen:
            if (
                start == end
                and self.words[start] in cues
                and not any(
                    other != (start, end) and _gap(other, (start, end)) <= CUE_REACH
                    for other in chosen
                )
            ):
                return False
        return True

    def text(self, original: str, low: int, high: int) -> str:
        first, last = self.tokens[low], self.tokens[high]
        assert first is not None and last is not None
        return original[first.start : last.end]


def _gap(span: tuple[int, int], anchor: tuple[int, int]) -> int:
    return max(span[0] - anchor[1], anchor[0] - span[1], 0)


@dataclass(frozen=True)
class Finding:
    """One rule found in the message: `ask` for weak evidence, else a clear statement;
    `matched` is the message's own text of the match (parts of a combination "… "-joined)."""

    name: str
    ask: bool
    experiencer: Experiencer
    matched: str


def _judge(rule: Rule, assertion: Assertion) -> bool | None:
    """None: the match does not count; False: a clear statement; True: ask about it."""
    if assertion.negated or assertion.animal:
        return None
    if assertion.historical and not rule.historical_counts:
        return None
    return assertion.hypothetical or assertion.uncertain


def _find(
    rule: Rule,
    view: _SentenceView,
    original: str,
    ruled_out: set[str],
    *,
    spread_only: bool = False,
) -> Finding | None:
    """The rule's best finding in one sentence: a clear statement beats a question. A match
    its ConText rules out (negated, past, an animal's) or one of its `unless` words ("beim
    Niesen") adds the rule's name to `ruled_out`.

    `spread_only`: only the question for an emergency whose words stand far apart (used on
    the whole message, when its parts are in different sentences).
    """
    if rule.atoms.isdisjoint(view.present):
        return None
    best: Finding | None = None
    patterns = view.possible(rule.patterns)
    tries = [] if spread_only else [(pattern, MAX_SPAN, False) for pattern in patterns]
    # "ich halte das nicht mehr aus": aushalten, whatever its ConText, so no weak question
    asking = view.possible(rule.ask) if not spread_only else []
    if asking and not any(view.candidates(p, MAX_SPAN) for p in view.possible(rule.ask_unless)):
        tries += [(p, MAX_SPAN, True) for p in asking]
    # "mir sind beim Sitzen die Füße eingeschlafen": an everyday cause beside the sign asks
    # (looked up once something matched: most sentences match nothing)
    hedged: bool | None = None
    spread: set[int] = set()
    if rule.urgency is Urgency.EMERGENCY:
        tries += [(p, WIDE_SPAN, True) for p in patterns if len(p.groups) > 1]
        spread = {id(p) for p, span, _ in tries if span == WIDE_SPAN}
    # An emergency pattern is searched once, at the wide span; its clear statements are the
    # candidates within MAX_SPAN of those (the same ones, in the same order).
    wide: dict[int, list[tuple[int, int, Assertion]]] = {}
    for pattern, span, weak in tries:
        if id(pattern) in spread:
            if id(pattern) not in wide:
                wide[id(pattern)] = view.candidates(pattern, WIDE_SPAN)
            found = [c for c in wide[id(pattern)] if c[1] - c[0] <= span]
        else:
            found = view.candidates(pattern, span)
        for low, high, assertion in found:
            verdict = _judge(rule, assertion)
            if verdict is None:
                ruled_out.add(rule.name)
                continue
            if best is None and _excluded(rule, view):
                ruled_out.add(rule.name)
                return None  # "unless" words, checked only once something matched (cheaper)
            if hedged is None:
                hedged = any(view.candidates(p, MAX_SPAN) for p in view.possible(rule.ask_when))
            finding = Finding(
                rule.name,
                weak or verdict or hedged,
                assertion.experiencer,
                view.text(original, low, high),
            )
            if not finding.ask:
                return finding
            best = best or finding
    return best


def _excluded(rule: Rule, view: _SentenceView) -> bool:
    """The sentence has one of the rule's `unless` words ("Lampenfieber" aside, "on a diet")."""
    return any(
        _judge(rule, assertion) is not None
        for pattern in view.possible(rule.unless)
        for _low, _high, assertion in view.candidates(pattern, MAX_SPAN)
    )


Parsed = list[tuple[Sentence, bool]]


def _crisis(
    compiled: Compiled,
    text: str,
    parsed: Parsed,
    order: list[str],
    views: _Views,
    *,
    ask: bool = False,
) -> tuple[str, Experiencer, bool] | None:
    """A crisis phrase anywhere in the message, in any language; whose it is (the writer's,
    or someone else's the writer tells of: the answer differs, the urgency does not); and
    whether to ask rather than alert. `ask`: the hopelessness phrases instead (a possible
    crisis, always asked about).

    Context is applied sparingly: a phrase inside one of the explicit denials of
    `data/red_flags.yaml` ("ich denk nicht an Selbstmord", "not suicidal or anything") is
    passed over (general negation is not applied: "I don't see the point of being alive" is
    a crisis, its "don't" belongs to it); one that is past ("früher wollte ich mal nicht
    mehr leben, ist Jahre her") or beside a joke marker ("bring mich um 😂", "lol") is asked
    about directly rather than alerted (product decision: never silent, but no alarm for what
    the writer frames as over or as a joke). Someone else's crisis and "what if" stay crises.
    """
    found: tuple[str, Experiencer, bool] | None = None
    joking = _joking(compiled.joking, text)
    for code in order:
        language = compiled.languages[code]
        patterns = compiled.crisis_ask.get(code, ()) if ask else compiled.crisis[code]
        subject = Experiencer.SELF
        for sentence, question in parsed:
            view = views.get(sentence, language, question, subject)
            context = view.context
            assert context is not None
            subject = context.subject_after
            denied = [
                (low, high)
                for pattern in view.possible(compiled.crisis_denials.get(code, ()))
                for low, high, _assertion in view.candidates(pattern, MAX_SPAN)
            ]
            for pattern in view.possible(patterns):
                for low, high, assertion in view.candidates(pattern, MAX_SPAN):
                    if any(start <= high and low <= end for start, end in denied):
                        continue
                    soft = ask or joking or assertion.historical
                    result = view.text(text, low, high), context.subjects[low], soft
                    if not soft:
                        return result
                    found = found or result
    return found


def denies_crisis(text: str, language: str) -> bool:
    """Whether `text` answers the direct crisis question with "no" in words: an explicit denial
    of `data/red_flags.yaml` (`crisis.denials`: "ich denk nicht an Selbstmord, bin nur
    genervt", "not suicidal or anything") or a first word "nein"/"no" followed by anything but
    a crisis phrase ("nein, bin nur genervt vom Rücken"). False for a crisis phrase that is not
    denied ("nein, ich will nicht mehr leben"). `language` "de" or "en"; pure, never raises."""
    result = screen_rules(text, language)
    if result.level is Urgency.CRISIS and not result.ask:
        return False
    compiled = compiled_patterns()
    code = language if language in LANGUAGES else "de"
    parsed = _sentences(text, triggers(code).breaks)
    first = next((token.text for sentence, _q in parsed for token in sentence if token), None)
    if first is not None and first in triggers(code).reply:
        return result.level is not Urgency.CRISIS
    for other in [code] + [c for c in LANGUAGES if c != code]:
        view_language = compiled.languages[other]
        for sentence, _question in parsed:
            view = _SentenceView(sentence, view_language, None)
            if any(
                view.candidates(pattern, MAX_SPAN)
                for pattern in compiled.crisis_denials.get(other, ())
            ):
                return True
    return False


def _joking(markers: frozenset[str], text: str) -> bool:
    """A joke marker ("lol", "haha", "😂") stands in the message."""
    folded = text.casefold()
    words = set(re.findall(r"\w+", folded))
    return any(marker in words if marker.isalnum() else marker in folded for marker in markers)


def _context(
    sentence: Sentence,
    code: str,
    question: bool,
    subject: Experiencer = Experiencer.SELF,
    *,
    first: bool = False,
) -> SentenceContext:
    words: list[str | None] = [token.text if token else None for token in sentence]
    if first:
        dropped = drop_reply_word(words, code)
        if len(dropped) < len(words):
            sentence[0] = None  # the reply word is dropped from matching as well
            words = [None, *dropped]
    return SentenceContext(words, code, question=question, subject_before=subject)


class _Views:
    """Each sentence's ConText and word view, built once per message: the crisis passes and
    the red-flag pass of the same language read the same sentence the same way (a sentence
    is keyed by identity, so two equal sentences at different places keep their offsets)."""

    def __init__(self) -> None:
        self._built: dict[tuple[int, str, bool, Experiencer, bool, bool], _SentenceView] = {}

    def get(
        self,
        sentence: Sentence,
        language: Language,
        question: bool,
        subject: Experiencer,
        *,
        primary: bool = True,
        first: bool = False,
    ) -> _SentenceView:
        """The view of `sentence` in `language` (`first`: the message's first sentence, whose
        leading reply word "nein"/"no" is dropped; `primary`: the user's language)."""
        key = (id(sentence), language.code, question, subject, primary, first)
        view = self._built.get(key)
        if view is None:
            copy = list(sentence)  # the reply word may be dropped from this copy
            context = _context(copy, language.code, question, subject, first=first)
            view = self._built[key] = _SentenceView(copy, language, context, primary=primary)
        return view


def _findings(
    compiled: Compiled,
    text: str,
    parsed: Parsed,
    code: str,
    ruled_out: set[str],
    views: _Views,
    *,
    primary: bool,
) -> dict[str, Finding]:
    """Every rule's best finding in the message, screened with `code`'s patterns (`primary`:
    `code` is the user's language, where `~word` typo spellings such as "fiber" count)."""
    language = compiled.languages[code]
    found: dict[str, Finding] = {}
    subject = Experiencer.SELF
    for index, (sentence, question) in enumerate(parsed):
        view = views.get(sentence, language, question, subject, primary=primary, first=index == 0)
        assert view.context is not None
        subject = view.context.subject_after
        present = view.present
        for rule in compiled.rules[code]:
            if rule.atoms.isdisjoint(present):
                continue  # the quick test of `_find`, without the call (most rules, most words)
            known = found.get(rule.name)
            if known is not None and not known.ask:
                continue
            finding = _find(rule, view, text, ruled_out)
            if finding is not None and (known is None or not finding.ask):
                found[rule.name] = finding
    if len(parsed) > 1:
        _spread(
            compiled.rules[code], parsed, language, code, text, found, ruled_out, primary=primary
        )
    _combine(compiled.rules[code], found)
    return found


def _spread(
    rules: tuple[Rule, ...],
    parsed: Parsed,
    language: Language,
    code: str,
    text: str,
    found: dict[str, Finding],
    ruled_out: set[str],
    *,
    primary: bool,
) -> None:
    """An emergency whose words stand in neighbouring sentences ("Mein Po. Der ist taub.") is
    weak evidence: ask about it. The whole message is read as one sentence for this."""
    joined: Sentence = []
    for sentence, _question in parsed:
        joined += [*sentence, None]
    context = SentenceContext([token.text if token else None for token in joined], code)
    view = _SentenceView(joined, language, context, primary=primary)
    for rule in rules:
        if rule.urgency is Urgency.EMERGENCY and rule.name not in found:
            finding = _find(rule, view, text, ruled_out, spread_only=True)
            if finding is not None:
                found[rule.name] = finding


def _combine(rules: tuple[Rule, ...], found: dict[str, Finding]) -> None:
    """Combinations: every group of `all_of` found (clear → clear, any question → ask); every
    group of `ask_all_of` found → ask."""
    for rule in rules:
        for groups, weak in ((rule.all_of, False), (rule.ask_all_of, True)):
            if not groups or (rule.name in found and not found[rule.name].ask):
                continue
            parts = _parts(groups, found)
            if parts and (rule.name not in found or not weak):
                found[rule.name] = Finding(
                    rule.name,
                    weak or any(part.ask for part in parts),
                    parts[0].experiencer,
                    " … ".join(dict.fromkeys(part.matched for part in parts)),
                )


def _parts(groups: tuple[tuple[str, ...], ...], found: dict[str, Finding]) -> list[Finding]:
    """One finding per group (a clear one where there is one), or [] when a group is missing."""
    parts = []
    for group in groups:
        options = [found[name] for name in group if name in found]
        if not options:
            return []
        parts.append(min(options, key=lambda finding: finding.ask))
    return parts


def _counts(rule: Rule, finding: Finding, found: dict[str, Finding]) -> bool:
    """Someone else's sign counts where the flag says so, and only with the signals it names,
    found about them too (their fever only with their back pain). Findings of someone else's
    still take part in combinations: "my mum had cancer and now her back hurts at night" is
    urgent for her."""
    if rule.needs and not any(name in found and not found[name].ask for name in rule.needs):
        return False
    if finding.experiencer is Experiencer.SELF:
        return True
    if rule.others == "ignore":
        return False
    return not rule.other_needs or any(
        name in found and not found[name].ask and found[name].experiencer is Experiencer.OTHER
        for name in rule.other_needs
    )


def screen(text: str, language: str, *, model: ScreeningModel | None = None) -> Screening:
    """Screen one message (any length; German and English, the user's language first).

    The rules (`screen_rules`) decide first. Where they found nothing or only weak evidence,
    the trained second opinion (`model`, default `screening_model.default_model()`) may ask:
    when it finds a more urgent level likely enough (`ASK_AT`), the result is that level's
    likeliest red flag with `ask=True` (the flag's check question; never an alert on the
    model's word alone); a likely crisis (`CRISIS_AT`) gets the crisis result, a possible one
    (`CRISIS_ASK_AT`) the crisis result with `ask=True` (the direct question). Messages under
    `MODEL_MIN_WORDS` words are the rules' alone. Pure; about a
    millisecond for a chat message (`make bench`); never raises on any text.
    """
    return screen_many([text], language, model=model)[0]


def screen_many(
    texts: Sequence[str], language: str, *, model: ScreeningModel | None = None
) -> list[Screening]:
    """`screen` for many messages of one language, in order (the model's part in one batch)."""
    found = [screen_rules(text, language) for text in texts]
    open_ = [
        i
        for i, result in enumerate(found)
        if not _settled(result) and _word_count(texts[i]) >= MODEL_MIN_WORDS
    ]
    opinions = (model or default_model()).opinions([texts[i] for i in open_])
    for i, opinion in zip(open_, opinions, strict=True):
        found[i] = _second_opinion(found[i], opinion)
    return found


def _word_count(text: str) -> int:
    return sum(piece.lastgroup == "word" for piece in _PIECE.finditer(text))


def _settled(result: Screening) -> bool:
    """The rules have decided and the model is not asked: a crisis, a clear red flag, or a
    sign the rules found and ConText ruled out ("kein Fieber", "als Kind oft Fieber": the
    model reads words, not their negation, and would ask about the very sign just denied)."""
    return (
        result.level is Urgency.CRISIS
        or (result.flagged and not result.ask)
        or bool(result.ruled_out - GENERAL_SIGNALS)
    )


def _second_opinion(found: Screening, opinion: Opinion) -> Screening:
    """The rules' weak or empty result, raised where the model finds more likely enough."""
    experiencer = Experiencer.OTHER if opinion.about_other >= OTHER_AT else Experiencer.SELF
    crisis = opinion.at_least[Urgency.CRISIS]
    if crisis >= CRISIS_ASK_AT:
        return Screening(
            Urgency.CRISIS,
            CRISIS_FLAG,
            None,
            found.worsening,
            ask=crisis < CRISIS_AT,
            experiencer=experiencer,
        )
    for level in (Urgency.EMERGENCY, Urgency.URGENT):
        if level.rank <= found.level.rank:
            break
        if opinion.at_least[level] >= ASK_AT[level] and level in opinion.likeliest:
            return Screening(
                level,
                opinion.likeliest[level],
                None,
                found.worsening,
                ask=True,
                experiencer=experiencer,
            )
    return found


def screen_rules(text: str, language: str) -> Screening:
    """The rules alone (`data/red_flags.yaml`, `data/context.yaml`) on one message.

    Returns the most urgent result: `Urgency.CRISIS` for a crisis phrase, else the most urgent
    clear red flag, or, when a more urgent flag has only weak evidence, that flag with
    `ask=True`. Both languages are always checked: people switch languages, and a missed flag
    costs more than a rare extra question. Pure and fast (well under 2 ms for a chat message);
    never raises on any text.
    """
    compiled = compiled_patterns()
    order = [language] + [code for code in LANGUAGES if code != language]
    order = [code for code in order if code in compiled.languages]
    # Sentence breaks are shared by both languages, so one tokenisation serves every pass.
    parsed = _sentences(text, triggers(language if language in LANGUAGES else "de").breaks)
    views = _Views()
    crisis = _crisis(compiled, text, parsed, order, views)
    if crisis is not None and not crisis[2]:
        matched, experiencer, _ask = crisis
        return Screening(Urgency.CRISIS, CRISIS_FLAG, matched, experiencer=experiencer)
    clear: tuple[tuple[int, int], Rule, Finding] | None = None
    asked: tuple[tuple[int, int], Rule, Finding] | None = None
    worsening = False
    ruled_out: set[str] = set()
    parsed = _without_denied_questions(parsed)
    for code in order:
        found = _findings(compiled, text, parsed, code, ruled_out, views, primary=code == language)
        worsening = worsening or ("worsening" in found and not found["worsening"].ask)
        for rule in compiled.rules[code]:
            finding = found.get(rule.name)
            if not rule.is_flag or finding is None or not _counts(rule, finding, found):
                continue
            # More urgent first; between equally urgent flags, the longer match is the more
            # specific one ("beim Pinkeln nichts spüre" is bladder sensation, not control).
            rank = (rule.urgency.rank, len(finding.matched))
            if finding.ask:
                if asked is None or rank > asked[0]:
                    asked = (rank, rule, finding)
            elif clear is None or rank > clear[0]:
                clear = (rank, rule, finding)
    chosen = clear
    if asked is not None and (clear is None or asked[0][0] > clear[0][0]):
        chosen = asked
    hopeless = crisis or _crisis(compiled, text, parsed, order, views, ask=True)
    if hopeless is not None and (clear is None or clear[1].urgency.rank < Urgency.URGENT.rank):
        # "ich sehe kein Licht mehr am Ende des Tunnels": the direct question, unless a clear
        # emergency or urgent sign needs its alert first
        matched, experiencer, _ask = hopeless
        return Screening(
            Urgency.CRISIS, CRISIS_FLAG, matched, worsening, ask=True, experiencer=experiencer
        )
    if chosen is None:
        return Screening(worsening=worsening, ruled_out=frozenset(ruled_out))
    _rank, rule, finding = chosen
    return Screening(
        rule.urgency,
        rule.name,
        finding.matched,
        worsening,
        ask=finding.ask,
        experiencer=finding.experiencer,
    )
