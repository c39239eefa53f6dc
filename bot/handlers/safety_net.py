"""The safety net in the bot: what a screened message gets, the answers to an "ask when unsure"
question, the hours after a crisis message, and the helplines of the user's country (/country).

The decisions live in `dialogs.triage.alerts` (crisis message, question or alert) and
`dialogs.common.helplines` (the numbers); this module stores the little state they need (the user's
country; the open question, so a typed "ja" answers it; the time of a crisis message, so the
next messages get a warm answer instead of the help menu) and logs each event by its name and
the user id only – never the text, which may be about someone's health or life.

The question and the crisis state are *interruptions* (`Turn.interrupt`): an open check, plan
or quiz pauses underneath – its buttons keep working – and continues when they end.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from functools import partial

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.handlers.common import Context, Turn, open_turn
from bot.handlers.welcome import expired_button
from bot.services import Services, services
from bot.storage import users
from dialogs.common import state_codec
from dialogs.common.buttons import CountryButton
from dialogs.common.helplines import (
    COUNTRIES,
    Helplines,
    country_for_timezone,
    country_from_text,
)
from dialogs.common.reply import Button, Message
from dialogs.habit.activity import read_activity
from dialogs.triage import alerts, red_flag_check, red_flags
from dialogs.triage.alerts import START_CHECK, AskAnswer, AskState, CrisisState
from dialogs.triage.buttons import AskButton
from dialogs.triage.red_flag_check import TriageState
from dialogs.triage.red_flags import Experiencer, Screening, Urgency
from dialogs.triage.screening import denies_crisis

log = logging.getLogger(__name__)
# The open "ask when unsure" question (`AskState`). It is open for the next message only;
# meanwhile a typed "ja" answers it, not the paused dialog.
ASK_DIALOG = "ask"
# After a crisis message (`CrisisState`). Ends after CRISIS_HOURS, with any command, or when
# the user goes on with another dialog's buttons.
CRISIS_DIALOG = "crisis"
# Product decision: a day of gentler answers after a crisis message; then the state, itself a
# sign that someone was in crisis, goes.
CRISIS_HOURS = timedelta(hours=24)
# How often old crisis states are ended for people who did not write again (privacy: the
# state is a sign that someone was in crisis, so it does not outlive its use). Hourly: product
# decision, so a state outlives CRISIS_HOURS by an hour at most.
CRISIS_SWEEP_EVERY = timedelta(hours=1)
COUNTRY_MENU = CountryButton(CountryButton.ASK).pack()  # "country:ask"


def log_event(event: str, user_id: int | None) -> None:
    """One line per safety event ("crisis", "alert-emergency-other", "ask-answer-no" …)."""
    log.info("safety net: %s (user %s)", event, user_id)


def event_name(screening: Screening) -> str:
    """The log name of a screening: "crisis", or "alert-<level>" / "ask-<level>", with "-other"
    for someone else's sign ("alert-emergency-other")."""
    if screening.level is Urgency.CRISIS:
        return "crisis-question" if screening.ask else "crisis"
    name = f"{'ask' if alerts.asks(screening) else 'alert'}-{screening.level.value}"
    return f"{name}-other" if screening.experiencer is Experiencer.OTHER else name


# --- screened messages ----------------------------------------------------------------------


async def answer(turn: Turn, screening: Screening) -> bool:
    """Say what the safety net found in a private message; False when it found nothing.

    A crisis starts (or renews) the crisis state. A question is remembered so that the next
    typed "ja" / "nein" / "weiß nicht" answers it – never another dialog's question – except
    where it need not or cannot be asked on its own (see `_question`). An alert ends an open
    question: a typed "ja" no longer means the old one.
    """
    message = alerts.reply_to(screening, turn.language, turn.helplines)
    if message is None:
        return False
    event = event_name(screening)
    if screening.level is Urgency.CRISIS:
        state = CrisisState(turn.now, screening.experiencer, question=screening.ask)
        await turn.interrupt(CRISIS_DIALOG, state_codec.dump(state))
    elif alerts.asks(screening) and screening.flag_id is not None:
        message, event = await _question(turn, screening, screening.flag_id)
    else:
        await turn.clear_dialog(ASK_DIALOG)
        if await open_check(turn) is not None:
            message = _without_check_offer(message)  # the check is open: no "start it" button
            await _note_alert_in_check(turn, screening.level, screening.experiencer)
    log_event(event, turn.user.id)
    turn.say(message)
    if screening.level is Urgency.EMERGENCY and not alerts.asks(screening):
        await end_check_after_emergency(turn)
    return True


async def screened_text(turn: Turn, text: str) -> bool:
    """Free text: what the safety net finds in it – crisis message, alert or question (a
    model-only question on a low-mood phrase yields to the low-mood answer, which names the
    crisis line: `alerts.yields_to_low_mood`; the direct crisis question yields to the warm
    answer of the crisis hours)."""
    screening = turn.screening(text)
    if alerts.yields_to_low_mood(screening, text):
        log_event("ask-yields-to-low-mood", turn.user.id)
        return False
    if screening.level is Urgency.CRISIS and screening.ask and await _in_crisis(turn) is not None:
        return False  # the crisis hours' warm answer already names the lines; no new question
    return await answer(turn, screening)


async def _question(turn: Turn, screening: Screening, flag_id: str) -> tuple[Message, str]:
    """Weak evidence: the question, and the event to log. Three cases keep a typed answer from
    reaching the wrong question:

    - the open check will still ask about this sign (the writer's own): no separate question,
      but "the check asks exactly this, in its turn" and the check's open question again;
    - after a crisis message (whose state must not be replaced): only the buttons answer it;
    - otherwise the question interrupts whatever dialog is open, the next typed answer is
      its, and then the paused dialog continues (its buttons work meanwhile).
    """
    event = event_name(screening)
    if await _in_crisis(turn) is not None:
        return alerts.ask_message(screening, turn.language, typed="buttons"), f"{event}-buttons"
    check = await open_check(turn)
    if check is not None and screening.experiencer is Experiencer.SELF:
        in_turn = red_flag_check.asked_in_turn(check, flag_id)
        if in_turn is not None:
            await turn.clear_dialog(ASK_DIALOG)  # a typed "ja" now answers the check's question
            return in_turn, f"{event}-in-check"
    await turn.interrupt(ASK_DIALOG, state_codec.dump(AskState(flag_id, screening.experiencer)))
    typed = "paused" if len(await turn.dialog_names()) > 1 else "yes"
    return alerts.ask_message(screening, turn.language, typed=typed), event


async def answer_in_crisis(turn: Turn, *, media: bool = False) -> bool:
    """In the hours after a crisis message, a message that is not itself a new crisis or
    alert gets a warm, short answer (no fallback, no menu, no exercise); False otherwise.
    After CRISIS_HOURS the state ends (a paused dialog continues) and False is returned."""
    who = await _in_crisis(turn)
    if who is None:
        return False
    log_event("crisis-followup", turn.user.id)
    turn.say(alerts.crisis_followup_message(turn.language, turn.helplines, who, media=media))
    return True


async def crisis_followup(turn: Turn, text: str) -> bool:
    """Free text in the hours after a crisis message: the warm, short answer. Right after the
    direct crisis question, a typed "ja" (or "weiß nicht") gets the crisis message and "nein"
    a short thanks that ends the crisis hours; anything else the warm answer."""
    state = await _crisis_state(turn)
    if state is not None and state.safety:
        await turn.set_dialog(CRISIS_DIALOG, state_codec.dump(replace(state, safety=False)))
        typed = red_flag_check.answer_from_text(text)
        if typed is not None:  # "are you safe right now?": "ja", or "nein"/"weiß nicht"
            safe = typed.value == "yes"
            log_event(f"crisis-safe-{'yes' if safe else 'no'}", turn.user.id)
            turn.say(
                alerts.crisis_safe_answer_message(
                    turn.language, turn.helplines, safe=safe, who=state.who
                )
            )
            return True
    if state is not None and state.question:
        typed = red_flag_check.answer_from_text(text)
        # "ich denk nicht an Selbstmord, bin nur genervt", "nein, bin nur genervt vom Rücken"
        denied = typed is None and denies_crisis(text, turn.language)
        if denied or (typed is not None and typed.value == "no"):
            log_event("crisis-question-no", turn.user.id)
            turn.say(alerts.crisis_question_no_message(turn.language, turn.helplines, state.who))
            await turn.clear_dialog(CRISIS_DIALOG)
            return True
        if typed is not None:  # "ja" or "weiß nicht": the crisis message, the hours renewed
            log_event("crisis-question-yes", turn.user.id)
            renewed = CrisisState(turn.now, state.who, safety=True)
            await turn.set_dialog(CRISIS_DIALOG, state_codec.dump(renewed))
            turn.say(alerts.crisis_message(turn.language, turn.helplines, who=state.who))
            turn.say(alerts.crisis_safety_message(turn.language, turn.helplines, who=state.who))
            return True
        await turn.set_dialog(CRISIS_DIALOG, state_codec.dump(replace(state, question=False)))
    if state is not None and _logs_a_session(text):
        return False  # "walked the dog, 20 min": logged as always (the trial lost such walks)
    return await answer_in_crisis(turn)


def _logs_a_session(text: str) -> bool:
    """The text is a session report the reader is sure of: in the crisis hours it is still
    logged by the habit stage (with its usual answer), not met with the warm stock text."""
    report = read_activity(text)
    return report is not None and report.sure and report.error is None


async def _in_crisis(turn: Turn) -> Experiencer | None:
    """Whose crisis the open crisis state is about, or None. A state older than CRISIS_HOURS
    (or a damaged one) ends here, and the dialog it paused continues."""
    state = await _crisis_state(turn)
    return None if state is None else state.who


async def _crisis_state(turn: Turn) -> CrisisState | None:
    """The open crisis state (None when there is none; one older than CRISIS_HOURS, or a
    damaged one, ends here and the dialog it paused continues)."""
    if (await turn.dialog_names())[:1] != (CRISIS_DIALOG,):
        return None
    state = await turn.open_dialog(CRISIS_DIALOG, partial(state_codec.load, CrisisState))
    if state is None or turn.now - state.since >= CRISIS_HOURS:
        await turn.clear_dialog(CRISIS_DIALOG)
        return None
    return state


async def end_on_command(turn: Turn) -> None:
    """A command ends the crisis state and an open question (a paused dialog continues)."""
    await turn.clear_dialog(CRISIS_DIALOG)
    await turn.clear_dialog(ASK_DIALOG)


async def end_old_crisis_states(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: crisis states older than CRISIS_HOURS end (a paused dialog resumes)."""
    svc = services(context.application)
    try:
        async with svc.db.session() as session:
            ended = await users.end_interruptions(
                session, CRISIS_DIALOG, svc.clock() - CRISIS_HOURS
            )
        if ended:
            log.info("safety net: %d crisis state(s) ended after %s", ended, CRISIS_HOURS)
    except Exception:
        log.exception("ending old crisis states failed")


async def start_crisis_sweep(application: Application) -> None:
    """`on_startup`: end old crisis states every CRISIS_SWEEP_EVERY, the first time 2 minutes
    after start."""
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            end_old_crisis_states,
            interval=CRISIS_SWEEP_EVERY,
            first=timedelta(minutes=2),
            name="crisis-states",
        )


def group_answer(
    screening: Screening, language: str, helplines: Helplines, user_id: int | None
) -> Message | None:
    """In a group only the crisis message or an alert is given, never a question (nothing is
    stored about group members, so there is no dialog to answer it in)."""
    if screening.level is Urgency.NONE:
        return None
    log_event(f"group-{event_name(replace(screening, ask=False))}", user_id)
    if screening.level is Urgency.CRISIS:
        return alerts.crisis_message(language, helplines, where="group", who=screening.experiencer)
    return alerts.alert_message(screening, language, helplines)


# --- ask when unsure: the answers -----------------------------------------------------------


def _pending_question(state: dict[str, object]) -> AskState:
    """The open question; ValueError when damaged (pydantic.ValidationError) or when its red
    flag is no longer in the catalogue."""
    asked = state_codec.load(AskState, state)
    if asked.flag not in red_flags.load_catalogue().flags:
        raise ValueError(f"unknown red flag {asked.flag!r}")
    return asked


async def _reply(turn: Turn, tap: AskAnswer) -> None:
    log_event(f"ask-answer-{tap.answer}", turn.user.id)
    message = alerts.ask_answer_message(tap, turn.language, turn.helplines)
    if await open_check(turn) is not None:
        message = _without_check_offer(message)
    turn.say(message)


async def answer_pending_question(turn: Turn, text: str) -> bool:
    """A typed "ja" / "nein" / "weiß nicht" right after a question answers it. The question is
    open for that one next message only: anything else goes on to the dialog it paused (which
    continues now) and the other features."""
    pending = await turn.open_dialog(ASK_DIALOG, _pending_question)
    if pending is None:
        return False
    await turn.clear_dialog(ASK_DIALOG)
    typed = red_flag_check.answer_from_text(text)
    if typed is None:
        return False
    tap = AskAnswer(pending.flag, typed.value, pending.who)
    await _reply(turn, tap)
    await _continue_check(turn, tap)
    return True


async def _continue_check(turn: Turn, tap: AskAnswer) -> None:
    """After the answer to a question that paused the check: "Ja" to an emergency sign ends
    the check (`end_check_after_emergency`); otherwise the check shows its open question
    again (`keep_check_in_view`), so the next typed answer has an obvious home."""
    known = tap.flag_id in red_flags.load_catalogue().flags
    if tap.confirmed and known and tap.level is Urgency.EMERGENCY:
        await end_check_after_emergency(turn)
        return
    if tap.confirmed and known:
        await _note_alert_in_check(turn, tap.level, tap.experiencer)
    await keep_check_in_view(turn)


async def _note_alert_in_check(turn: Turn, level: Urgency, who: Experiencer) -> None:
    """An urgent or soon alert about the writer while their check is open (on top): the check
    keeps it, so that its all-clear does not say "no warning signs" after it
    (`red_flag_check.with_alert`)."""
    if who is not Experiencer.SELF or (await turn.dialog_names())[:1] != (red_flag_check.DIALOG,):
        return
    check = await open_check(turn)
    if check is None:
        return
    noted = red_flag_check.with_alert(check, level)
    if noted != check:
        await turn.set_dialog(red_flag_check.DIALOG, state_codec.dump(noted))


async def open_check(turn: Turn) -> TriageState | None:
    """The user's red-flag check in progress (also paused under an interruption), or None
    (also for a damaged state: the user can start again)."""
    return await turn.open_dialog(red_flag_check.DIALOG, partial(state_codec.load, TriageState))


def _without_check_offer(message: Message) -> Message:
    """An alert without its "Check starten" row (pressed mid-check, it would start over)."""
    rows = tuple(row for row in message.buttons if all(b.data != START_CHECK for b in row))
    return replace(message, buttons=rows)


async def end_check_after_emergency(turn: Turn) -> None:
    """An emergency alert (112) while the check is open ends the check, and the alert stays
    the only answer (as every alert does): the check's remaining questions would only stand
    between the user and the call, and its open question must not catch a typed "nein" meant
    for something else. Its buttons then say the check is over; /check starts a new one.
    Nothing is stored of the unfinished check."""
    if await open_check(turn) is None:
        return
    await turn.end_dialog(red_flag_check.DIALOG)  # an open crisis state above it stays
    log_event("check-ended-by-alert", turn.user.id)


async def keep_check_in_view(turn: Turn) -> None:
    """After a turn in which something other than the check answered while the check is the
    open dialog (not paused under an interruption: a safety question, the crisis hours, "Soll
    ich … eintragen?" come first, and the check follows them): after a safety answer its open
    question comes again; after anything else it only notes that the question is out of view,
    so that a typed "nein" meant for what the user read last never silently answers it
    (`red_flag_check.after_other_answer`). Nothing when the turn said nothing."""
    if not turn.said or (await turn.dialog_names())[:1] != (red_flag_check.DIALOG,):
        return
    check = await open_check(turn)
    if check is None or check.current_question is None:
        return
    state, message = red_flag_check.after_other_answer(check, turn.said[-1])
    if state != check:
        await turn.set_dialog(red_flag_check.DIALOG, state_codec.dump(state))
    if message is not None:
        turn.say(message)


async def on_ask_button(update: Update, context: Context) -> None:
    """Ja / Nein / Weiß nicht under a question (`AskButton`); a forged or unknown flag id
    gets the stale-button answer."""
    query = update.callback_query
    button = AskButton.parse(query.data if query else None)
    async with open_turn(update, context) as turn:
        if button is None:
            turn.say(expired_button(turn))
            return
        tap = AskAnswer.from_button(button)
        asked = await turn.open_dialog(ASK_DIALOG, _pending_question)
        await turn.clear_dialog(ASK_DIALOG)
        await _reply(turn, tap)
        if asked is not None and asked.flag == tap.flag_id:
            await _continue_check(turn, tap)


# --- the user's country ---------------------------------------------------------------------


def _country_args(turn: Turn) -> dict[str, str]:
    return {**turn.helplines.args(turn.language), "chosen": "yes" if turn.user.country else "no"}


def country_menu(turn: Turn, key: str = "country-ask") -> Message:
    """The country the numbers are for, and buttons to choose another (or the time zone's);
    `key` is the Fluent id of the text above the buttons (it gets the country arguments)."""
    buttons = [Button(f"button-country-{code}", CountryButton(code).pack()) for code in COUNTRIES]
    auto = Button("button-country-auto", CountryButton(CountryButton.AUTO).pack())
    rows = (tuple(buttons[0:2]), tuple(buttons[2:4]), (buttons[4], auto))
    return Message(key, _country_args(turn), rows)


async def country_command(turn: Turn) -> None:
    """/country: the country of the numbers, with buttons to choose another (works before
    the disclaimer)."""
    turn.say(country_menu(turn))


async def on_country_button(update: Update, context: Context) -> None:
    """`country:<code>` stores the choice, `country:auto` goes back to "by time zone",
    `country:ask` shows the choice; anything else is a stale button."""
    query = update.callback_query
    tap = CountryButton.parse(query.data if query else None)
    choice = tap.choice if tap is not None else None
    async with open_turn(update, context) as turn:
        if choice == CountryButton.ASK:
            turn.say(country_menu(turn))
        elif choice == CountryButton.AUTO:
            turn.user.country = None
            turn.edit(Message("country-auto", _country_args(turn)))
        elif choice in COUNTRIES:
            turn.user.country = choice
            turn.edit(Message("country-set", _country_args(turn)))
            hint = _zone_hint(turn, choice)
            if hint is not None:
                turn.say(hint)
        else:
            turn.say(expired_button(turn))


# The city `/timezone` takes for each country's own time zone (a hint after /country).
_COUNTRY_CITY = {"DE": "Berlin", "AT": "Wien", "CH": "Zürich", "GB": "London"}


def _zone_hint(turn: Turn, country: str) -> Message | None:
    """When the chosen country is not the one of the user's time zone (an English user in the
    UK still on the default Europe/Berlin: their reminders would come an hour late), how to
    change the time zone; else None."""
    city = _COUNTRY_CITY.get(country)
    if city is None or country_for_timezone(turn.user.timezone) == country:
        return None
    return Message("country-zone-hint", {"timezone": turn.user.timezone, "zone_city": city})


async def typed_country(turn: Turn, text: str) -> bool:
    """A short message naming where the user is ("I'm in the UK actually", "Österreich") sets
    the country of the numbers like /country's buttons (the trial: typed while the check's
    first question waited, it got "Please answer Yes, No or Not sure")."""
    country = country_from_text(text)
    if country is None:
        return False
    turn.user.country = country
    log_event("country-typed", turn.user.id)
    turn.say(Message("country-set", _country_args(turn)))
    hint = _zone_hint(turn, country)
    if hint is not None:
        turn.say(hint)
    return True


def with_country_button(message: Message) -> Message:
    """A settings reply (e.g. the time zone's) with a way to the country of the numbers."""
    return replace(message, buttons=(*message.buttons, (Button("button-country", COUNTRY_MENU),)))


def note_country_change(turn: Turn, before: str) -> None:
    """After a time-zone change: say so when the country of the numbers changed with it."""
    if turn.user.country is None and turn.helplines.country != before:
        turn.say(Message("country-from-timezone", _country_args(turn)))


async def helplines_for_update(svc: Services, update: Update) -> Helplines:
    """The numbers for whoever sent `update`, outside a turn (the error handler): the stored
    user's in a private chat, else DEFAULT_TIMEZONE's. Never fails: it runs after an error."""
    chat = update.effective_chat
    person = update.effective_user
    if chat is None or chat.type != "private" or person is None:
        return svc.helplines()
    try:
        async with svc.db.session() as session:
            user = await users.get_user(session, person.id)
            if user is not None:
                return svc.helplines(user.country, user.timezone)
    except Exception:
        log.warning("could not load the user's country; using the default", exc_info=True)
    return svc.helplines()
