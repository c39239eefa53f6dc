"""The structured red-flag check: a short yes/no questionnaire, emergencies first.

Why a questionnaire next to the free-text safety net: people rarely volunteer "my saddle area
is numb" unprompted. Asking every red flag once, in the order of urgency, makes sure nobody
is sent to the movement plan with an unasked emergency. "Not sure" counts as yes: a false
alarm costs a doctor's visit, a missed cauda equina syndrome costs far more.

The state is a small frozen value; the bot stores it as JSON between steps
(`dialogs.common.state_codec`), so a restart (or another process) can continue the check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from dialogs.common.helplines import Helplines
from dialogs.common.reply import Button, Message
from dialogs.common.text import tokens
from dialogs.common.yes_no import typed_answer
from dialogs.triage.alerts import alert_message
from dialogs.triage.buttons import AnswerCode, CheckBack, CheckButton
from dialogs.triage.red_flags import (
    Experiencer,
    Question,
    Urgency,
    load_catalogue,
    most_urgent,
)
from dialogs.triage.startback import START as START_STARTBACK

DIALOG = "triage"  # the check's name in the bot's dialog state
# The check is offered again this long after the last one. Product decision, chosen to match
# the "no improvement after about four weeks" sign (`no_improvement` in data/red_flags.yaml,
# sourced there to NVL Kreuzschmerz 2017 and NICE NG59).
RECHECK_AFTER = timedelta(weeks=4)


class Answer(StrEnum):
    """A check answer, stored as its value; "unsure" counts as "yes" (`counts_as_yes`)."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"

    @property
    def counts_as_yes(self) -> bool:
        """For safety, "not sure" is treated like "yes"."""
        return self is not Answer.NO


Answers = tuple[tuple[str, Answer], ...]  # (question id, answer), in the order asked


@dataclass(frozen=True)
class Outcome:
    """The result of one check: what the bot stores (date aside) and acts on."""

    level: Urgency  # Urgency.CLEAR (an alias of NONE) when nothing came up
    flags: tuple[str, ...]
    answers: Answers

    @property
    def clear(self) -> bool:
        """True when no answer raised a red flag (the all-clear)."""
        return self.level is Urgency.CLEAR

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return self.flags

    @property
    def unsure_flag_ids(self) -> tuple[str, ...]:
        """The flags that only a "not sure" answer raised (a "yes" to another question about
        the same flag makes it a sure one): the alert words these as "you were not sure"."""
        by_id = {question.id: question for question in load_catalogue().questions}

        def flags_of(wanted: Answer) -> tuple[str, ...]:
            return tuple(
                flag
                for question_id, answer in self.answers
                if answer is wanted and question_id in by_id
                for flag in by_id[question_id].flags
            )

        sure = set(flags_of(Answer.YES))
        return tuple(dict.fromkeys(f for f in flags_of(Answer.UNSURE) if f not in sure))

    @property
    def experiencer(self) -> Experiencer:
        """The check always asks about the person who answers it."""
        return Experiencer.SELF


@dataclass(frozen=True)
class TriageState:
    """The check in progress: language ("de"/"en"), (question id, Answer) pairs in the order
    asked, the outcome once finished, and whether the open question is what the user read
    last (`in_view`; see `after_other_answer`: a typed "nein" counts only then)."""

    language: str
    answers: Answers = ()
    outcome: Outcome | None = None
    in_view: bool = True
    # The most urgent level ("urgent" or "soon") of an alert the safety net gave for a message
    # while the check was open; its all-clear then says that alert still stands.
    alerted: str | None = None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def current_question(self) -> Question | None:
        """The first question not answered yet (by id, so a reordered YAML stays safe)."""
        if self.outcome is not None:
            return None
        answered = {question for question, _ in self.answers}
        return next((q for q in load_catalogue().questions if q.id not in answered), None)


def answer_from_text(text: str) -> Answer | None:
    """A typed answer ("ja", "nö", "weiß nicht", "not sure") instead of a button tap; None
    unless the text is an "unsure" phrase or a single yes/no word (`dialogs.common.yes_no`)."""
    typed = typed_answer(text)
    return None if typed is None else Answer(typed.value)


def _question_buttons(question_id: str, *, back: bool) -> tuple[tuple[Button, ...], ...]:
    unsure = Button("triage-button-unsure", CheckButton(AnswerCode.UNSURE, question_id).pack())
    below = (unsure, Button("triage-button-back", CheckBack(question_id).pack()))
    return (
        (
            Button("triage-button-yes", CheckButton(AnswerCode.YES, question_id).pack()),
            Button("triage-button-no", CheckButton(AnswerCode.NO, question_id).pack()),
        ),
        below if back else below[:1],
    )


def _number(question_id: str) -> int:
    questions = load_catalogue().questions
    return next(index for index, q in enumerate(questions, start=1) if q.id == question_id)


def question_message(state: TriageState, key: str = "triage-question", **extra: Any) -> Message:
    """The current question with Ja/Nein/Weiß nicht buttons (`extra`: more Fluent arguments);
    ValueError when the check has no open question."""
    question = state.current_question
    if question is None:
        raise ValueError("the check has no open question")
    args = {
        **extra,
        "number": _number(question.id),
        "total": len(load_catalogue().questions),
        "question": question.text[state.language],
    }
    return Message(key, args, _question_buttons(question.id, back=bool(state.answers)))


def shows_question(state: TriageState, message: Message) -> bool:
    """Whether `message` carries the open question's answer buttons (the question itself, its
    hint, "zurück", "the check asks exactly this"): then a typed "nein" after it plainly
    answers that question. False when the check has no open question."""
    question = state.current_question
    if question is None:
        return False
    yes = CheckButton(AnswerCode.YES, question.id).pack()
    return any(button.data == yes for row in message.buttons for button in row)


# Answers after which the open check shows its question again at once: the safety net's
# (an urgent or soon alert, a calm "nein" to its question), the low-mood answer and the kind
# word to "my back hurts" (Fluent ids). The user was in the middle of the check when they
# wrote about how they are; the check is what comes next.
RESHOW_AFTER = frozenset(
    {
        "triage-alert-urgent",
        "triage-alert-soon",
        "triage-ask-no",
        "small-talk-low_mood",
        "habit-back-hurts",
    }
)


def after_other_answer(state: TriageState, last: Message) -> tuple[TriageState, Message | None]:
    """The check is open, and something else answered the user's message (`last` is what they
    read last). After a safety answer (`RESHOW_AFTER`) the open question comes again, with
    "whenever you're ready"; when `last` shows the question itself nothing changes; after
    anything else (a myth card, a logged session, a command's answer) the question is out of
    view: no nagging now, but a typed "ja"/"nein" will first show the question again
    (`typed_out_of_view`) instead of silently answering one the user no longer sees – after
    /delete's "Wirklich löschen?", a "ja" would otherwise report an emergency sign.
    Returns (the state to store, the message to send or None)."""
    if state.current_question is None or shows_question(state, last):
        return replace(state, in_view=True), None
    if last.key in RESHOW_AFTER:
        return replace(state, in_view=True), question_message(state, "triage-continue")
    return replace(state, in_view=False), None


def typed_out_of_view(state: TriageState) -> tuple[TriageState, Message]:
    """A typed answer while the open question is out of view: not counted; the question
    again, so the next "ja"/"nein" plainly answers it. ValueError without an open question."""
    return replace(state, in_view=True), question_message(state, "triage-out-of-view")


def still_asks(state: TriageState, flag_id: str) -> Question | None:
    """The question of this unfinished check that will still ask about `flag_id` (the open
    one or a later one), or None when the check has already asked about it or never does."""
    if state.current_question is None:
        return None
    answered = {question for question, _ in state.answers}
    return next(
        (q for q in load_catalogue().questions if q.id not in answered and flag_id in q.flags),
        None,
    )


def asked_in_turn(state: TriageState, flag_id: str) -> Message | None:
    """Weak evidence about a sign this open check will still ask about: no separate question
    (a typed "ja" could then answer the wrong one) but "the check asks exactly this, in its
    turn", with the open question and its buttons again. None when the check will not ask it.
    """
    question = still_asks(state, flag_id)
    if question is None:
        return None
    current = state.current_question
    now = "yes" if current is not None and current.id == question.id else "no"
    return question_message(state, "triage-in-check", asked_now=now, asks_at=_number(question.id))


_BACK_PHRASES = {
    "zurueck",
    "zuruck",
    "bitte zurueck",
    "zurueck bitte",
    "einen schritt zurueck",
    "korrigieren",
    "back",
    "go back",
    "back please",
    "undo",
}


def is_back(text: str) -> bool:
    """A typed "zurück" / "back" as the whole message ("back pain" is no "back")."""
    return " ".join(tokens(text)) in _BACK_PHRASES


def back(state: TriageState, question_id: str | None = None) -> tuple[TriageState, Message]:
    """ "Zurück": the last answer is taken back and its question asked again. `question_id`
    comes from the button: under an older question it only shows the open one again (a stale
    tap must not undo the wrong answer). On the first question there is nothing to take back.
    ValueError when the check has no open question (it is finished)."""
    current = state.current_question
    if current is None:
        raise ValueError("the check has no open question")
    if question_id is not None and question_id != current.id:
        return state, question_message(state)
    if not state.answers:
        return state, question_message(state, "triage-back-none")
    previous = TriageState(state.language, state.answers[:-1])
    return previous, question_message(previous, "triage-back")


def hint(state: TriageState) -> tuple[Message, Message]:
    """A typed text the check does not understand: the hint, and the open question again.
    ValueError when the check has no open question."""
    return Message("triage-check-hint"), question_message(state)


def start(language: str) -> tuple[TriageState, Message]:
    """A new check: the intro and the first (most urgent) question, as (state, message). A
    language other than "de"/"en" falls back to "de"."""
    state = TriageState(language if language in ("de", "en") else "de")
    return state, question_message(state, "triage-start")


def _finish(answers: Answers) -> Outcome:
    catalogue = load_catalogue()
    by_id = {question.id: question for question in catalogue.questions}
    flags = tuple(
        flag
        for question_id, answer in answers
        if answer.counts_as_yes and question_id in by_id
        for flag in by_id[question_id].flags
    )
    level = most_urgent(catalogue.flags[flag].urgency for flag in flags)
    return Outcome(level, flags, answers)


def with_alert(state: TriageState, level: Urgency) -> TriageState:
    """The check after the safety net alerted on a message meanwhile (`level` urgent or soon;
    others change nothing): the more urgent of it and an earlier one is kept for the end."""
    if level not in (Urgency.URGENT, Urgency.SOON):
        return state
    if state.alerted == Urgency.URGENT.value:
        return state
    return replace(state, alerted=level.value)


def outcome_messages(
    outcome: Outcome, language: str, helplines: Helplines, alerted: str | None = None
) -> tuple[Message, ...]:
    """What to say at the end: the alert, or the all-clear "stay active" advice with sources
    (and the signs that would mean calling the emergency number after all). `alerted`: the
    level of an alert given for a message during the check ("urgent"/"soon"); the all-clear
    then says that alert still stands instead of "no warning signs"."""
    if not outcome.clear:
        return (alert_message(outcome, language, helplines, via="check"),)
    catalogue = load_catalogue()
    args = {
        "earlier": alerted or "none",
        **helplines.args(language),
        "advice": catalogue.stay_active[language],
        "sources": catalogue.cite(catalogue.stay_active_sources),
    }
    # The bot moves on to the movement plan by itself (`bot.handlers.triage`); the
    # risk questionnaire stays an optional extra.
    buttons = ((Button("triage-button-startback", START_STARTBACK),),)
    return (Message("triage-clear", args, buttons),)


def step(
    state: TriageState,
    answer: Answer,
    question_id: str | None = None,
    *,
    helplines: Helplines,
) -> tuple[TriageState, tuple[Message, ...], Outcome | None]:
    """Advance the check by one answer. An emergency answer ends the check at once.

    `question_id` comes from the button. A tap on an earlier question's button with a
    different answer than it got changes that answer (safety: a "Ja" to "kannst du den Urin
    halten?" must never be dropped): the check goes back to that question, takes the new
    answer, and asks the questions after it again (`triage-changed`). The same answer again,
    or an unknown question, re-asks the current question. A finished check returns its
    outcome again and says nothing (a double tap must not alert twice).

    Returns (the next state, the messages in send order, the outcome once finished else None).
    """
    if state.outcome is not None:
        return state, (), state.outcome
    question = state.current_question
    changed = False
    if question is not None and question_id is not None and question_id != question.id:
        earlier = [index for index, (asked, _) in enumerate(state.answers) if asked == question_id]
        if not earlier or state.answers[earlier[0]][1] is answer:
            return state, (question_message(state),), None
        state = TriageState(state.language, state.answers[: earlier[0]])
        question, changed = state.current_question, True
    answers = state.answers if question is None else (*state.answers, (question.id, answer))
    catalogue = load_catalogue()
    emergency = (
        question is not None
        and answer.counts_as_yes
        and catalogue.question_urgency(question) is Urgency.EMERGENCY
    )
    following = TriageState(state.language, answers, alerted=state.alerted)
    if not emergency and following.current_question is not None:
        key = "triage-changed" if changed else "triage-question"
        return following, (question_message(following, key),), None
    outcome = _finish(answers)
    finished = TriageState(state.language, answers, outcome, alerted=state.alerted)
    return (
        finished,
        outcome_messages(outcome, state.language, helplines, state.alerted),
        outcome,
    )


def check_due(last_check_at: datetime | None, now: datetime) -> bool:
    """The check is offered again RECHECK_AFTER (4 weeks) after the last one (or if there was
    none). Both times are aware datetimes; ValueError for a naive one."""
    if now.tzinfo is None or (last_check_at is not None and last_check_at.tzinfo is None):
        raise ValueError("check_due needs timezone-aware datetimes")
    return last_check_at is None or now - last_check_at >= RECHECK_AFTER
