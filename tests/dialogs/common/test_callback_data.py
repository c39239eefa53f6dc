"""The callback-data codec and every button family: round trips, Telegram's 64-byte limit
(Bot API, InlineKeyboardButton.callback_data: 1-64 bytes), today's exact strings (old buttons
keep working), forged data, and every button the dialogs produce in both languages."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from enum import Enum, StrEnum
from types import ModuleType, UnionType
from typing import Any, get_args, get_type_hints

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dialogs.common.buttons
import dialogs.habit.buttons
import dialogs.myths.buttons
import dialogs.triage.buttons
from dialogs.common.buttons import (
    ConsentButton,
    CountryButton,
    DeleteAnswer,
    DeleteButton,
    LanguageButton,
    MenuButton,
)
from dialogs.common.callback_data import (
    MAX_BYTES,
    CallbackData,
    CallbackDataError,
    parse_any,
    pattern_of,
)
from dialogs.common.reply import Button, Message
from dialogs.habit.buttons import (
    Answer,
    Barrier,
    BarrierButton,
    CheckinAnswer,
    CheckinSwitch,
    GuidedAction,
    GuidedButton,
    GuidedStart,
    LogButton,
    PainButton,
    PlanAction,
    PlanButton,
    PlanDay,
    PlanDaysOk,
    PlanTime,
    PlanTz,
    QuietMove,
    ReminderAction,
    ReminderAt,
    ReminderButton,
    ReminderSnooze,
    TimezoneButton,
    UndoButton,
)
from dialogs.myths import pages, quiz
from dialogs.myths.buttons import (
    MythButton,
    MythDetail,
    MythsPage,
    MythView,
    QuizAction,
    QuizAnswer,
    QuizButton,
    QuizChoice,
)
from dialogs.myths.knowledge_base import load_knowledge_base
from dialogs.triage.buttons import (
    AnswerCode,
    AskButton,
    CheckBack,
    CheckButton,
    StartBackAnswer,
    StartBackStart,
    TriageAction,
    TriageButton,
    Whose,
)
from dialogs.triage.red_flags import load_catalogue
from tests.dialogs.habit.test_content import produced_messages as habit_messages
from tests.dialogs.triage.test_content import all_messages as triage_messages

MODULES: tuple[ModuleType, ...] = (
    dialogs.common.buttons,
    dialogs.triage.buttons,
    dialogs.myths.buttons,
    dialogs.habit.buttons,
)


def families_of(module: ModuleType) -> list[type[CallbackData]]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, CallbackData)
        and value.__module__ == module.__name__
    ]


FAMILIES = [family for module in MODULES for family in families_of(module)]
FEATURE_FAMILIES = [family for module in MODULES[1:] for family in families_of(module)]

# --- the codec itself, on a family made for the test ------------------------------------


class Colour(StrEnum):
    RED = "r"
    GREEN = "g"


class ColonEnum(Enum):
    COLON = "a:b"  # a value with the separator could not be read back


class Sample(CallbackData, prefix="t:s"):
    name: str
    count: int
    flag: bool
    colour: Colour
    note: str | None = None
    level: int | None = None


def test_pack_and_parse_a_sample() -> None:
    value = Sample("x", -3, True, Colour.GREEN, "n", 7)
    assert value.pack() == "t:s:x:-3:1:g:n:7"
    assert Sample.parse("t:s:x:-3:1:g:n:7") == value
    assert Sample("x", 0, False, Colour.RED).pack() == "t:s:x:0:0:r"
    assert Sample.parse("t:s:x:0:0:r") == Sample("x", 0, False, Colour.RED)
    assert Sample.parse("t:s:x:0:0:r:") == Sample("x", 0, False, Colour.RED, "")
    assert Sample.unpack("t:s::5:0:r:n") == Sample("", 5, False, Colour.RED, "n")
    assert re.match(Sample.pattern, "t:s:x:0:0:r")
    assert not re.match(Sample.pattern, "t:s:x:0:0:r:n:7:8")


def test_packing_refuses_data_over_64_bytes() -> None:
    fits = Sample("a" * (MAX_BYTES - len("t:s::0:0:r")), 0, False, Colour.RED)
    assert len(fits.pack().encode()) == MAX_BYTES
    for too_long in ("a" * 60, "ä" * 30, "🙂" * 14):
        with pytest.raises(CallbackDataError, match="64"):
            Sample(too_long, 0, False, Colour.RED).pack()
    with pytest.raises(ValueError):  # CallbackDataError is a ValueError
        MythButton("x" * 60).pack()


def test_packing_refuses_the_separator_and_wrong_types() -> None:
    with pytest.raises(CallbackDataError, match="':'"):
        Sample("a:b", 0, False, Colour.RED).pack()
    with pytest.raises(CallbackDataError, match="':'"):
        MythButton("imaging:x").pack()
    with pytest.raises(CallbackDataError, match="int"):
        Sample("a", "1", False, Colour.RED).pack()  # type: ignore[arg-type]
    with pytest.raises(CallbackDataError, match="Colour"):
        Sample("a", 1, False, "r").pack()  # type: ignore[arg-type]
    with pytest.raises(CallbackDataError, match="note is None"):
        Sample("a", 1, False, Colour.RED, None, 3).pack()  # a gap could not be read back


def test_unpack_raises_where_parse_returns_none() -> None:
    assert Sample.parse("t:s:x:one:0:r") is None
    with pytest.raises(CallbackDataError, match="not Sample data"):
        Sample.unpack("t:s:x:one:0:r")
    with pytest.raises(CallbackDataError, match="invalid PainButton"):
        PainButton.unpack("pain:11")
    assert PainButton.parse(None) is None


def test_bad_declarations_are_refused() -> None:
    with pytest.raises(TypeError, match="prefix"):

        class NoPrefix(CallbackData, prefix=""):
            pass

    with pytest.raises(TypeError, match="prefix"):

        class EmptyPart(CallbackData, prefix="a::b"):
            pass

    with pytest.raises(TypeError, match="str, int, bool or an Enum"):

        class Floaty(CallbackData, prefix="f"):
            value: float

    with pytest.raises(TypeError, match="optional fields come last"):

        class Gap(CallbackData, prefix="g"):
            first: int | None = None
            second: int = 0

    with pytest.raises(TypeError, match="enum values"):

        class WithBadEnum(CallbackData, prefix="e"):
            value: ColonEnum


def test_pattern_of_joins_families_and_parse_any_picks_the_one() -> None:
    combined = pattern_of(TriageButton, CheckButton)
    assert re.match(combined, "tri:start") and re.match(combined, "tri:y:q_fever")
    assert not re.match(combined, "tri:ask:leg_weakness:y") and not re.match(combined, "tri:x")
    assert parse_any("tri:start", TriageButton, CheckButton) == TriageButton(TriageAction.START)
    assert parse_any("tri:n", TriageButton, CheckButton) == CheckButton(AnswerCode.NO)
    assert parse_any("tri:x", TriageButton, CheckButton) is None


# --- today's strings: old buttons in users' chats keep working ------------------------------

KNOWN: list[tuple[str, CallbackData]] = [
    ("menu:session", MenuButton("session")),
    ("consent:yes", ConsentButton()),
    ("lang:en", LanguageButton("en")),
    ("del:yes", DeleteButton(DeleteAnswer.YES)),
    ("del:no", DeleteButton(DeleteAnswer.NO)),
    ("country:GB", CountryButton("GB")),
    ("country:ask", CountryButton(CountryButton.ASK)),
    ("country:auto", CountryButton(CountryButton.AUTO)),
    ("tri:start", TriageButton(TriageAction.START)),
    ("tri:later", TriageButton(TriageAction.LATER)),
    ("tri:plan", TriageButton(TriageAction.PLAN)),
    ("tri:y:q_fever", CheckButton(AnswerCode.YES, "q_fever")),
    ("tri:u", CheckButton(AnswerCode.UNSURE)),
    ("tri:back:q_fever", CheckBack("q_fever")),  # issue 12 §3: "Zurück" under a question
    ("tri:ask:leg_weakness:y", AskButton("leg_weakness", AnswerCode.YES)),
    (
        "tri:ask:bladder_bowel_control:n:o",
        AskButton("bladder_bowel_control", AnswerCode.NO, Whose.OTHER),
    ),
    ("sb:start", StartBackStart()),
    ("sb:9:4", StartBackAnswer(9, 4)),
    ("myths:page:2", MythsPage(2)),
    ("myth:imaging", MythButton("imaging")),
    ("myth:more:imaging", MythDetail(MythView.MORE, "imaging")),
    ("myth:src:imaging", MythDetail(MythView.SOURCES, "imaging")),
    ("quiz:myth:3", QuizAnswer(QuizChoice.MYTH, 3)),
    ("quiz:fact:1", QuizAnswer(QuizChoice.FACT, 1)),
    ("quiz:stop", QuizButton(QuizAction.STOP)),
    ("quiz:again", QuizButton(QuizAction.AGAIN)),
    ("plan:edit", PlanButton(PlanAction.EDIT)),
    ("plan:pause", PlanButton(PlanAction.PAUSE)),
    ("plan:resume", PlanButton(PlanAction.RESUME)),
    ("plan:cancel", PlanButton(PlanAction.CANCEL)),
    ("plan:day:0", PlanDay(0)),
    ("plan:days:ok", PlanDaysOk()),
    ("plan:time:1830", PlanTime("1830")),
    ("plan:tz:keep", PlanTz(PlanTz.KEEP)),
    ("plan:tz:Europe/Vienna", PlanTz("Europe/Vienna")),
    ("plan:zone:Australia/Sydney", TimezoneButton("Australia/Sydney")),
    ("rem:done:42", ReminderButton(ReminderAction.DONE, 42)),
    ("rem:later:42", ReminderButton(ReminderAction.LATER, 42)),
    ("rem:skip:42", ReminderButton(ReminderAction.SKIP, 42)),
    ("rem:snz:42", ReminderButton(ReminderAction.SNOOZE, 42)),
    ("rem:at:42:1930", ReminderAt(42, "1930")),
    ("rem:time:42", ReminderButton(ReminderAction.TIME, 42)),
    ("rem:in:42:30", ReminderSnooze(42, 30)),
    ("quiet:1:0645:01234", QuietMove(True, "0645", "01234")),
    ("quiet:0:0645", QuietMove(False, "0645")),
    ("log:y:20:0:yoga:-", LogButton(Answer.YES, 20, 0, "yoga", "-")),
    ("log:n:10:1:-:pain", LogButton(Answer.NO, 10, 1, "-", "pain")),
    ("log:y:20:0:yoga:-:987654321", LogButton(Answer.YES, 20, 0, "yoga", "-", 987654321)),
    # a pain rating said with the report ("30 min walk yesterday, pain 4") rides along
    ("log:y:30:1:walk:-:987654321:4", LogButton(Answer.YES, 30, 1, "walk", "-", 987654321, 4)),
    ("undo:y:42", UndoButton(Answer.YES, 42)),
    ("pain:0", PainButton(0)),
    ("pain:10", PainButton(10)),
    ("bar:motivation", BarrierButton(Barrier.MOTIVATION)),
    ("gs:start:office", GuidedStart("office")),
    ("gs:next", GuidedButton(GuidedAction.NEXT)),
    ("gs:stop", GuidedButton(GuidedAction.STOP)),
    # issue 13 §1: the weekly check-in's 0–10 taps (answers so far in the data) and its switch
    ("peg:20260323:7", CheckinAnswer(20260323, 7)),
    ("peg:20260323:7:0", CheckinAnswer(20260323, 7, 0)),
    ("peg:20260323:7:0:10", CheckinAnswer(20260323, 7, 0, 10)),
    ("ci:1", CheckinSwitch(True)),
    ("ci:0", CheckinSwitch(False)),
]


@pytest.mark.parametrize(("data", "value"), KNOWN, ids=[data for data, _ in KNOWN])
def test_todays_strings_are_packed_and_read_unchanged(data: str, value: CallbackData) -> None:
    assert value.pack() == data
    assert [family.parse(data) for family in FAMILIES if family.parse(data)] == [value]
    assert re.match(type(value).pattern, data)


def test_every_family_has_a_known_string() -> None:
    assert {type(value) for _, value in KNOWN} == set(FAMILIES)


# --- round trips --------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_characters=":", blacklist_categories=("Cs",)), max_size=10)
ROW_ID = st.integers(1, 2**31 - 1)
HHMM = st.builds(lambda h, m: f"{h:02d}{m:02d}", st.integers(0, 23), st.integers(0, 59))
# Fields that the family checks (`__post_init__`); any other field takes any value of its type.
CHECKED: dict[type[CallbackData], dict[str, st.SearchStrategy[Any]]] = {
    AskButton: {"flag": st.sampled_from(sorted(load_catalogue().flags))},
    ReminderButton: {"reminder": ROW_ID},
    ReminderAt: {"reminder": ROW_ID, "hhmm": HHMM},
    ReminderSnooze: {"reminder": ROW_ID, "minutes": st.integers(1, 12 * 60)},
    QuietMove: {
        "hhmm": HHMM,
        "days": st.none()
        | st.sets(st.sampled_from("0123456"), min_size=1).map(lambda days: "".join(sorted(days))),
    },
    PainButton: {"rating": st.integers(0, 10)},
    LogButton: {
        "minutes": st.integers(1, 300),
        "days_ago": st.integers(0, 6),
        "activity": st.sampled_from(["-", "walk", "yoga", "exercises"]),
        "felt": st.sampled_from(["-", "good", "pain"]),
        "pain": st.none() | st.integers(0, 10),
    },
    UndoButton: {"log_id": ROW_ID},
    CheckinAnswer: {
        "week": st.dates(date(2000, 1, 3), date(2099, 12, 28))
        .map(lambda day: day - timedelta(days=day.weekday()))
        .map(lambda monday: monday.year * 10000 + monday.month * 100 + monday.day),
        "pain": st.integers(0, 10),
        "enjoyment": st.none() | st.integers(0, 10),
        "activity": st.none(),
    },
}
SHORT = st.text(st.characters(blacklist_characters=":", blacklist_categories=("Cs",)), max_size=4)
SMALL = st.integers(-999, 999)
CHECKED[Sample] = {
    "name": SHORT,
    "count": SMALL,
    "note": st.none() | SHORT,
    "level": st.none() | SMALL,
}


def of_type(hint: Any) -> st.SearchStrategy[Any]:
    if isinstance(hint, UnionType):
        (inner,) = (arg for arg in get_args(hint) if arg is not type(None))
        return st.none() | of_type(inner)
    if issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(-(10**9), 10**9)
    return TEXT


def instances(family: type[CallbackData]) -> st.SearchStrategy[CallbackData]:
    hints = get_type_hints(family)
    checked = CHECKED.get(family, {})
    fields = {
        field.name: checked[field.name] if field.name in checked else of_type(hints[field.name])
        for field in dataclasses.fields(family)  # type: ignore[arg-type]
    }
    return st.builds(family, **fields)


@pytest.mark.parametrize("family", [*FAMILIES, Sample], ids=lambda family: family.__name__)
@given(data=st.data())
def test_round_trip(family: type[CallbackData], data: st.DataObject) -> None:
    value = data.draw(instances(family))
    if isinstance(value, Sample) and value.note is None and value.level is not None:
        return  # a gap: refused by pack (test_packing_refuses_the_separator_and_wrong_types)
    if isinstance(value, LogButton) and value.origin is None and value.pain is not None:
        return  # the same gap: the bot sets `origin` on every question it asks
    packed = value.pack()
    assert len(packed.encode()) <= MAX_BYTES
    assert family.parse(packed) == value
    assert re.match(family.pattern, packed)
    if family is not Sample:  # no data is read by two families
        assert [other for other in FAMILIES if other.parse(packed) is not None] == [family]


# --- forged and garbled data --------------------------------------------------------------

FORGED = [
    "",
    "tri",
    "tri:",
    "tri:x",
    "tri:y:q_fever:extra",
    "tri:ask:leg_weakness:maybe",
    "tri:ask:leg_weakness:y:o:o",
    "tri:ask:leg_weakness:y:x",
    "tri:ask:no_such_flag:y",
    "sb:one:1",
    "sb:1",
    "myths:page:x",
    "myths:page:",
    "myth:a:b:c",
    "quiz:maybe:1",
    "quiz:myth:x",
    "plan:day:x",
    "plan:days:no",
    "rem:done:",
    "rem:done:0",
    "rem:done:abc",
    "rem:at:7:2560",
    "rem:at:7:930",
    "rem:nope:1",
    "pain:11",
    "pain:-1",
    "log:y:30:1:walk:-:987654321:11",  # a rating is 0–10
    "log:y:30:1:walk:-:987654321:4:5",
    "pain:x",
    "pain:٣",  # an Arabic-Indic digit is not a decimal of ours
    "pain:3\n",
    "pain: 3",
    "bar:laziness",
    "gs:jump",
    "peg:20260324:5",  # a Tuesday: a week starts on Monday
    "peg:20260332:5",  # no such day
    "peg:19991227:5",  # outside 2000–2099
    "peg:20260323:11",
    "peg:20260323:-1",
    "peg:20260323:5:x",
    "peg:20260323:5:5:5:5",
    "peg:20260323",
    "ci:2",
    "ci:on",
    "del:maybe",
    "consent:no",
    "MENU:help",
    "menu",
]


@pytest.mark.parametrize("data", FORGED)
def test_forged_or_garbled_data_parses_as_nothing(data: str) -> None:
    assert parse_any(data, *FAMILIES) is None
    assert not any(family.parse(data) for family in FAMILIES)


@given(st.text(max_size=70) | st.builds("".join, st.lists(st.sampled_from(list("tri:askyn0o9")))))
def test_parsing_never_raises_and_what_parses_packs_back(data: str) -> None:
    for family in FAMILIES:
        value = family.parse(data)
        if value is not None:
            assert re.match(family.pattern, data)
            assert family.parse(value.pack()) == value


# --- every button the dialogs produce -----------------------------------------------------


def myths_messages(language: str) -> list[Message]:
    knowledge_base = load_knowledge_base()
    messages = [pages.topics(language, page) for page in range(pages.page_count(knowledge_base))]
    messages.append(pages.not_understood(language))
    for entry in knowledge_base.entries:
        for view in (pages.answer, pages.more, pages.sources):
            messages.append(view(entry, language, knowledge_base))
    state, started = quiz.start(seed=7, language=language)
    messages += started
    messages += quiz.stop(state)[1]
    while not state.finished:
        state, said = quiz.answer(state, "myth", state.position + 1, language)
        messages += said
    return messages


def produced_buttons(language: str) -> list[Button]:
    messages = [*habit_messages(language), *triage_messages(language), *myths_messages(language)]
    return [button for message in messages for row in message.buttons for button in row]


# Read but no longer offered: `rem:at:<id>:<HHMM>`, the full hours offered after "⏰ Später"
# until issue 12 §2 made the choices 30 min / 1 h / 2 h / a typed time.
LEGACY_FAMILIES: set[type[CallbackData]] = {ReminderAt}


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_button_the_dialogs_produce_fits_and_parses(language: str) -> None:
    buttons = produced_buttons(language)
    assert len(buttons) > 200
    readers: set[type[CallbackData]] = set()
    for button in buttons:
        assert len(button.data.encode()) <= MAX_BYTES, button
        (reader,) = [family for family in FAMILIES if family.parse(button.data) is not None]
        assert reader.unpack(button.data).pack() == button.data
        readers.add(reader)
    # every feature family is in use, but those only old buttons in chats still carry; the
    # menu's (common) buttons appear too, e.g. "Start the check" after a high pain rating
    assert readers - {MenuButton} == set(FEATURE_FAMILIES) - LEGACY_FAMILIES
