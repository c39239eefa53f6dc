"""What the safety net answers when a message (or the structured check) finds something.

The crisis message (thoughts of not wanting to live), the flag's check question when the
evidence is weak ("ask when unsure"), and the alerts, worded for someone else when the sign is
theirs. Every answer names the numbers of the user's country (`dialogs.common.helplines`),
passed in as a required argument. The rest of the safety net is split by job:

- `dialogs.triage.red_flags`: the reviewed content of `data/red_flags.yaml` and its types
  (`Urgency`, `Screening`, `Catalogue`, `load_catalogue`).
- `dialogs.triage.red_flag_patterns`: the YAML's free-text patterns compiled into fast
  per-word lookups.
- `dialogs.triage.context`: ConText (negated, historical, hypothetical, someone else's).
- `dialogs.triage.screening`: the matcher itself (`screen`), sentence by sentence.

When in doubt the net flags: missing a cauda equina syndrome is far worse than one unnecessary
"please see a doctor".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.common.helplines import Helplines
from dialogs.common.reply import Button, Message
from dialogs.common.small_talk import LOW_MOOD, small_talk
from dialogs.common.state_codec import IsoDatetime
from dialogs.triage.buttons import AnswerCode, AskButton, TriageAction, TriageButton
from dialogs.triage.red_flags import (
    Experiencer,
    Question,
    Screening,
    Urgency,
    load_catalogue,
)


class Alertable(Protocol):
    """A screening result or a check outcome: anything with a level and red-flag ids."""

    @property
    def level(self) -> Urgency: ...

    @property
    def flag_ids(self) -> tuple[str, ...]: ...

    @property
    def experiencer(self) -> Experiencer: ...


START_CHECK = TriageButton(TriageAction.START).pack()  # "tri:start"
LATER = TriageButton(TriageAction.LATER).pack()
TO_PLAN = TriageButton(TriageAction.PLAN).pack()


def describe(result: Screening) -> str:
    """The CLI contract of `python -m bot screen`: the level first (`crisis`, `emergency`,
    `urgent`, `soon`, `none`), then `ask` when the bot would ask rather than alert, then the
    red-flag id, then `other` when the sign is someone else's ("emergency ask saddle_numbness")."""
    words = [result.level.value]
    if result.ask:
        words.append("ask")
    if result.flag_id:
        words.append(result.flag_id)
    if result.experiencer is Experiencer.OTHER:
        words.append("other")
    return " ".join(words)


def signs(flag_ids: Iterable[str], level: Urgency, language: str) -> str:
    """How the alert names the signs of this level ("; "-joined, in the user's language)."""
    catalogue = load_catalogue()
    names = [
        catalogue.flags[flag].sign[language]
        for flag in flag_ids
        if flag in catalogue.flags and catalogue.flags[flag].urgency is level
    ]
    return "; ".join(dict.fromkeys(names))


def reply_to(result: Screening, language: str, helplines: Helplines) -> Message | None:
    """What the safety net answers to a screened message, or None when it found nothing.

    A crisis gets the crisis message and nothing else; weak evidence (`ask`) gets the flag's
    check question; any other red flag the alert. "It is getting worse" alone is None: the
    caller offers the check again once the other dialogs had their say.
    """
    if result.level is Urgency.CRISIS and result.ask:
        return crisis_question_message(language, helplines, who=result.experiencer)
    if result.level is Urgency.CRISIS:
        return crisis_message(language, helplines, who=result.experiencer)
    if result.level is Urgency.NONE:
        return None
    if asks(result):
        return ask_message(result, language)
    return alert_message(result, language, helplines)


def asks(result: Screening) -> bool:
    """True when the safety net asks the flag's question instead of alerting (weak evidence
    of a known red flag; a crisis is never asked about)."""
    return (
        result.ask
        and result.level not in (Urgency.NONE, Urgency.CRISIS)
        and result.flag_id in load_catalogue().flags
    )


def yields_to_low_mood(result: Screening, text: str) -> bool:
    """True when the result is a question only the trained model raised (no rule matched) and
    the whole message is a low-mood phrase (`dialogs.common.small_talk`): "I can't stand this
    pain any more" reads to the model like legs that cannot stand, but the writer needs the
    low-mood answer, which names the crisis line and the emergency number, not a question
    about their legs. A rule's own question (e.g. "ich kann nicht mehr stehen vor Schmerzen")
    is always asked."""
    if not asks(result) or result.matched is not None:
        return False
    talk = small_talk(text)
    return talk is not None and talk.kind == LOW_MOOD


def crisis_message(
    language: str,
    helplines: Helplines,
    *,
    where: str = "private",
    who: Experiencer = Experiencer.SELF,
) -> Message:
    """Thoughts of not wanting to live: a warm answer with the emergency number and the crisis
    lines of the user's country, and that they may keep writing. No exercise advice, no ⚠️.
    `where` is "private" or "group" (in a group the bot asks to write privately); `who` is
    OTHER when the writer is worried about someone else (how to support them, the emergency
    number if they are in acute danger, and that the crisis line is there for the writer too).
    """
    return Message("crisis-message", {**helplines.args(language), "where": where, "who": who.value})


def crisis_question_message(
    language: str, helplines: Helplines, *, who: Experiencer = Experiencer.SELF
) -> Message:
    """A possible crisis (the trained model's weaker evidence, `screening.CRISIS_ASK_AT`): the
    bot asks directly whether the writer (or the person they write about) thinks of suicide or
    of harming themselves – asking does not put the idea in anyone's head (WHO, Preventing
    suicide: a global imperative, 2014) – and gives the crisis lines and the emergency number
    right away, whatever the answer. A typed "ja" then gets the crisis message, "nein" a short
    thanks (`crisis_question_no_message`). No ⚠️: it is no alert."""
    return Message("crisis-question", {**helplines.args(language), "who": who.value})


def crisis_safety_message(
    language: str, helplines: Helplines, *, who: Experiencer = Experiencer.SELF
) -> Message:
    """After "ja" to the direct question, below the crisis message: is the person safe right
    now, call the emergency number if not, and tell someone close (safety planning basics:
    Stanley & Brown, Cogn Behav Pract 2012;19:256–64)."""
    return Message("crisis-safety", {**helplines.args(language), "who": who.value})


def crisis_safe_answer_message(
    language: str, helplines: Helplines, *, safe: bool, who: Experiencer = Experiencer.SELF
) -> Message:
    """The answer to "are you safe right now?": "ja" – good, and the line is there tonight
    too; "nein" (or "weiß nicht") – call the emergency number now and do not stay alone."""
    args = {**helplines.args(language), "who": who.value, "safe": "yes" if safe else "no"}
    return Message("crisis-safe-answer", args)


def crisis_question_no_message(
    language: str, helplines: Helplines, who: Experiencer = Experiencer.SELF
) -> Message:
    """ "Nein" to the direct question: thanks, and the crisis line stays there if that
    changes."""
    return Message("crisis-question-no", {**helplines.args(language), "who": who.value})


def crisis_followup_message(
    language: str, helplines: Helplines, who: Experiencer = Experiencer.SELF, *, media: bool = False
) -> Message:
    """What a message gets in the hours after the crisis message (when it is not itself a new
    crisis or alert): the bot listens but is no person and no therapist, talking to someone
    helps, the crisis line again and the emergency number for acute danger. No buttons, no
    exercise. `media` is True for a sticker, photo or voice message (the bot reads only text).
    """
    args = {**helplines.args(language), "who": who.value, "media": "yes" if media else "no"}
    return Message("crisis-followup", args)


@dataclass(frozen=True)
class CrisisState:
    """The hours after a crisis message or the direct crisis question (the bot's "crisis"
    dialog): since when (aware, the bot's UTC clock), whose crisis it is and whether the question
    is still open; meanwhile messages get `crisis_followup_message`."""

    since: IsoDatetime
    who: Experiencer = Experiencer.SELF
    # Started by the direct question (`crisis_question_message`): the next typed ja/nein
    # answers it.
    question: bool = False
    # "Bist du gerade in Sicherheit?" was asked (`crisis_safety_message`): the next typed
    # ja/nein answers it.
    safety: bool = False


@dataclass(frozen=True)
class AskState:
    """An "ask when unsure" question open for the next message (the bot's "ask" dialog): the
    red flag it asks about and whose sign it is, so a typed "ja" answers this question."""

    flag: str
    who: Experiencer


def alert_message(
    result: Alertable,
    language: str,
    helplines: Helplines,
    *,
    via: str = "message",
) -> Message:
    """The alert for a flagged result (or, for "getting worse", the offer to re-check).

    `via` is "message" for the free-text safety net (with a button into the structured check)
    or "check" for the end of the check itself. A sign of someone else's (the experiencer is
    OTHER) is worded for the person who writes: call for them. Raises ValueError for a result
    without a red flag that is not "getting worse" either.
    """
    level = result.level
    if level is Urgency.NONE:
        if getattr(result, "worsening", False):
            return offer_message("worse")
        raise ValueError("nothing to alert: the result has no red flag")
    if level is Urgency.CRISIS:
        return crisis_message(language, helplines, who=result.experiencer)
    args: dict[str, Any] = {
        **helplines.args(language),
        **_certainty(result, language),
        "via": via,
        "who": result.experiencer.value,
    }
    buttons: tuple[tuple[Button, ...], ...] = ()
    if via == "check":
        if level is Urgency.SOON:
            buttons = ((Button("triage-button-plan", TO_PLAN),),)
    elif result.experiencer is not Experiencer.OTHER:
        # The check asks "du": it is no way to correct an alert about someone else.
        key = "triage-button-misread" if level is Urgency.EMERGENCY else "triage-button-start"
        buttons = ((Button(key, START_CHECK),),)
    return Message(f"triage-alert-{level.value}", args, buttons)


def _certainty(result: Alertable, language: str) -> dict[str, str]:
    """How sure the answers were: "sure" (a "yes" or a described sign), "unsure" (only "not
    sure" answers: "Du warst dir nicht sicher bei: …") or "mixed" (both). `sign` names the
    sure signs (the unsure ones when there are none), `unsure_sign` the unsure ones."""
    level = result.level
    unsure_ids = tuple(getattr(result, "unsure_flag_ids", ()))
    sure = signs((f for f in result.flag_ids if f not in unsure_ids), level, language)
    unsure = signs(unsure_ids, level, language)
    if not unsure:
        return {"certainty": "sure", "sign": sure, "unsure_sign": ""}
    if not sure:
        return {"certainty": "unsure", "sign": unsure, "unsure_sign": unsure}
    return {"certainty": "mixed", "sign": sure, "unsure_sign": unsure}


# --- ask when unsure ------------------------------------------------------------------------


@dataclass(frozen=True)
class AskAnswer:
    """An answer to an ask question: a tap on Ja / Nein / Weiß nicht (`AskButton`) or typed."""

    flag_id: str
    answer: str  # "yes" | "no" | "unsure"
    experiencer: Experiencer = Experiencer.SELF

    @classmethod
    def from_button(cls, button: AskButton) -> AskAnswer:
        """The answer a tapped `AskButton` carries."""
        return cls(button.flag, button.code.answer, button.experiencer)

    @property
    def confirmed(self) -> bool:
        """For safety, "not sure" counts as yes: both give the alert."""
        return self.answer != "no"

    @property
    def level(self) -> Urgency:
        """The asked flag's urgency (KeyError for a flag the catalogue no longer has)."""
        return load_catalogue().flags[self.flag_id].urgency

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return (self.flag_id,)

    @property
    def unsure_flag_ids(self) -> tuple[str, ...]:
        """ "Weiß nicht": the alert says so instead of stating the sign as fact."""
        return (self.flag_id,) if self.answer == "unsure" else ()


def ask_question(flag_id: str) -> Question | None:
    """The check's question that asks about this red flag (None if no question covers it)."""
    return next((q for q in load_catalogue().questions if flag_id in q.flags), None)


def ask_message(result: Screening, language: str, *, typed: str = "yes") -> Message:
    """Weak evidence: ask the flag's check question (Ja / Nein / Weiß nicht) instead of alerting.

    For the writer's own sign that is the question of the structured check; for someone else's
    sign (or a flag no check question covers) the question names the sign itself. `typed` says
    how it can be answered: "yes" (buttons or a typed "ja"), "paused" (the same; another
    dialog waits and continues afterwards) or "buttons" (only the buttons answer it). Raises
    ValueError when the result names no red flag the catalogue knows.
    """
    flag_id = result.flag_id
    catalogue = load_catalogue()
    if flag_id is None or flag_id not in catalogue.flags:
        raise ValueError("nothing to ask: the result names no known red flag")
    question = ask_question(flag_id)
    other = result.experiencer is Experiencer.OTHER
    form = "other" if other else ("question" if question is not None else "self")
    args = {
        "form": form,
        "question": question.text[language] if question is not None else "",
        "sign": catalogue.flags[flag_id].sign[language],
        "typed": typed,
    }
    data = {code: AskButton.of(flag_id, code, result.experiencer).pack() for code in AnswerCode}
    rows = (
        (
            Button("triage-button-yes", data[AnswerCode.YES]),
            Button("triage-button-no", data[AnswerCode.NO]),
        ),
        (Button("triage-button-unsure", data[AnswerCode.UNSURE]),),
    )
    return Message("triage-ask", args, rows)


def ask_answer_message(answer: AskAnswer, language: str, helplines: Helplines) -> Message:
    """ "Ja" or "Weiß nicht": the flag's normal alert. "Nein": thanks, and which signs mean
    calling the emergency number."""
    if answer.confirmed:
        return alert_message(answer, language, helplines)
    args = {**helplines.args(language), "who": answer.experiencer.value}
    return Message("triage-ask-no", args)


def offer_message(reason: str) -> Message:
    """Offer the check again: `reason` is "worse" (the user says so) or "due" (4 weeks on,
    `red_flag_check.RECHECK_AFTER`); buttons start it (`tri:start`) or postpone it."""
    return Message(
        f"triage-offer-{reason}",
        {},
        ((Button("triage-button-start", START_CHECK), Button("triage-button-later", LATER)),),
    )
