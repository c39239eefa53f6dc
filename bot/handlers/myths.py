"""Myths & facts in the bot: /myths (paged topics, answer, more, sources), free-text questions
and the /quiz "Mythos oder Fakt?".

What to say is decided in `dialogs.myths.pages` and `dialogs.myths.quiz`; this module routes updates
there and keeps the quiz state in `dialog_states` (dialog "quiz"), so a restart continues a
running quiz. The safety net runs first in the free-text pipeline (`bot/routing.py`), before
any text reaches the matcher.
"""

from __future__ import annotations

import zlib
from functools import partial

from telegram import Update

from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.welcome import expired_button
from dialogs.common import state_codec
from dialogs.common.callback_data import parse_any
from dialogs.common.reply import Message
from dialogs.common.text import tokens
from dialogs.myths import pages, quiz
from dialogs.myths.buttons import (
    MYTH_BUTTONS,
    QUIZ_BUTTONS,
    MythButton,
    MythDetail,
    MythsPage,
    QuizAction,
    QuizAnswer,
    QuizButton,
)
from dialogs.myths.knowledge_base import load_knowledge_base
from dialogs.myths.matcher import match
from dialogs.myths.quiz import QuizState

QUIZ_DIALOG = "quiz"
_STOP_WORDS = {"stop", "stopp", "abbrechen", "abbruch", "beenden", "ende", "cancel", "quit"}
_CHOICE_WORDS = {"mythos": "myth", "myth": "myth", "fakt": "fact", "fact": "fact"}


# --- /myths -------------------------------------------------------------------------------


async def myths_command(turn: Turn) -> None:
    """/myths: the topic list, first page."""
    turn.say(pages.topics(turn.language))


async def on_myth_button(update: Update, context: Context) -> None:
    """`MythsPage` turns the page in place; `MythButton` / `MythDetail` send the answer, more
    or sources."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *MYTH_BUTTONS)
    async with open_turn(update, context) as turn:
        if not isinstance(tap, MythsPage | MythButton | MythDetail):
            turn.say(expired_button(turn))
            return
        message = pages.reply_to_button(tap, turn.language)
        if message is None:  # an entry that no longer exists: offer the current topics
            turn.say(pages.topics(turn.language))
        elif isinstance(tap, MythsPage):
            turn.edit(message)
        else:
            turn.say(message)


async def question_stage(turn: Turn, text: str) -> bool:
    """Free text: a myth question gets its answer; an unmatched question gets an honest
    "I don't know" with the topic list; anything else is left to the other stages. An
    unmatched text counts as a question with a "?" and at least 3 words (product decision:
    "ok?" or "echt?" is no question for the knowledge base). True: answered."""
    await turn.services.ready_matcher()
    found = match(text, turn.language)
    entry = load_knowledge_base().get(found.entry_id) if found is not None else None
    if entry is not None:
        turn.say(pages.answer(entry, turn.language))
        return True
    if "?" in text and len(tokens(text)) >= 3:
        turn.say(pages.not_understood(turn.language))
        return True
    return False


# --- /quiz --------------------------------------------------------------------------------


def _seed(turn: Turn) -> int:
    """A per-quiz seed from the user and the update: varied, yet reproducible for a replay."""
    return zlib.crc32(f"{turn.user.id}:{turn.update.update_id}".encode())


async def quiz_command(turn: Turn) -> None:
    """/quiz (and "again"): a new quiz, replacing a running one."""
    state, messages = quiz.start(_seed(turn), turn.language)
    await turn.set_dialog(QUIZ_DIALOG, state_codec.dump(state))
    turn.say(*messages)


async def _running_quiz(turn: Turn) -> QuizState | None:
    # A damaged state counts as no quiz: /quiz starts a new one.
    state = await turn.open_dialog(QUIZ_DIALOG, partial(state_codec.load, QuizState))
    return None if state is None or state.finished else state


async def _store(turn: Turn, state: QuizState) -> None:
    if state.finished:
        await turn.clear_dialog(QUIZ_DIALOG)
    else:
        await turn.set_dialog(QUIZ_DIALOG, state_codec.dump(state))


async def _choose(turn: Turn, choice: str, number: int | None) -> None:
    state = await _running_quiz(turn)
    if state is None:
        turn.say(Message("myths-quiz-not-running"))
        return
    state, messages = quiz.answer(state, choice, number or state.position + 1, turn.language)
    if not messages:  # a double tap or a button of an earlier statement
        return
    await _store(turn, state)
    feedback, *rest = messages
    if turn.update.callback_query is not None:
        turn.edit(feedback)  # the statement becomes its answer: no buttons left to tap twice
    else:
        turn.say(feedback)
    turn.say(*rest)


async def _stop(turn: Turn) -> None:
    state = await _running_quiz(turn)
    if state is None:
        turn.say(Message("myths-quiz-not-running"))
        return
    state, messages = quiz.stop(state)
    await _store(turn, state)
    turn.say(*messages)


async def on_quiz_button(update: Update, context: Context) -> None:
    """`quiz:<myth|fact>:<n>`, `quiz:stop`, `quiz:again`; anything else is a stale button."""
    query = update.callback_query
    tap = parse_any(query.data if query else None, *QUIZ_BUTTONS)
    async with open_turn(update, context) as turn:
        match tap:
            case QuizButton(action=QuizAction.AGAIN):
                await quiz_command(turn)
            case QuizButton(action=QuizAction.STOP):
                await _stop(turn)
            case QuizAnswer(choice=choice, number=number):
                await _choose(turn, choice.value, number)
            case _:
                turn.say(expired_button(turn))


async def quiz_text(turn: Turn, text: str) -> bool:
    """Typed answers during a quiz: "Mythos"/"Fakt", or "stopp" to end it (only texts of at
    most 2 words are read as these: product decision). Anything else – messages that belong
    elsewhere have passed the quiz by (`messages.dialog_text`) – gets a hint and the
    statement again. True: answered."""
    words = tokens(text)
    if len(words) <= 2 and any(word in _STOP_WORDS for word in words):
        await _stop(turn)
        return True
    choices = {_CHOICE_WORDS[word] for word in words if word in _CHOICE_WORDS}
    if len(words) <= 2 and len(choices) == 1:
        await _choose(turn, choices.pop(), None)
        return True
    state = await _running_quiz(turn)
    if state is None:
        return False
    try:
        statement = quiz.question(state, turn.language, load_knowledge_base())
    except (KeyError, IndexError):  # the statement is gone: the quiz has nothing to ask
        return False
    turn.say(Message("myths-quiz-hint"), statement)
    return True
