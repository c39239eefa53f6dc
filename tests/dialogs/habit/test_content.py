"""Content checks: exercise and tip YAML, and every habit message renders in de and en."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import cast

import pytest
import yaml
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from dialogs.common.reply import Message
from dialogs.habit import checkin, guided_routine, parsing, plan_dialog, progress, schedule, trend
from dialogs.habit.buttons import CheckinAnswer, QuietMove

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("de", "en")
NOW = datetime(2026, 3, 23, 17, 30, tzinfo=UTC)


def ftl_text(lang: str) -> str:
    return (ROOT / "data" / "locales" / lang / "habit.ftl").read_text(encoding="utf-8")


def message_ids(lang: str) -> set[str]:
    resource = FluentParser().parse(ftl_text(lang))
    junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    assert not junk, f"{lang}: syntax errors {junk}"
    return {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}


def bundle(lang: str) -> FluentBundle:
    result = FluentBundle([lang], use_isolating=False)
    result.add_resource(FluentResource(ftl_text(lang)))
    result.add_resource(FluentResource("button-literal = { $text }\n"))
    return result


def test_catalogues_have_the_same_ids_all_prefixed() -> None:
    de, en = message_ids("de"), message_ids("en")
    assert de == en
    assert all(name.startswith("habit-") for name in de)


def test_every_id_used_in_code_exists() -> None:
    used: set[str] = set()
    for path in (ROOT / "dialogs" / "habit").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'"(habit-[a-z0-9-]+)"', source))
    assert used <= message_ids("de")


def produced_messages(lang: str) -> list[Message]:
    """A broad sample of everything the habit dialogs can say."""
    current = schedule.Plan()
    now_progress = progress.Progress(count=2, goal=3, streak=1, total_minutes=90, week_minutes=20)
    messages: list[Message] = []
    for count in (1, 3, 4):
        done = progress.Progress(count, 3, 0, 0, 0)
        messages += progress.done_replies(parsing.DoneCommand(minutes=12, days_ago=1), done)
    messages += progress.done_replies(
        parsing.DoneCommand(0, False, "habit-error-minutes"), now_progress
    )
    messages += progress.done_replies(parsing.DoneCommand(20, felt="pain"), now_progress)
    for activity in (None, "walk", "yoga", "other"):
        for days in (0, 1, 3):
            entry = parsing.DoneCommand(20, days, activity=activity)
            messages += [
                progress.log_question(entry, 123456789),
                progress.log_question(entry, 123456789, repeat_minutes=days),
            ]
    messages += [
        progress.undo_question(7, NOW.date(), 45, "swim"),
        progress.undo_question(8, NOW.date(), 10, None),
    ]
    messages += [
        progress.pain_reply(2),
        progress.pain_reply(9),
        progress.progress_message(now_progress),
    ]
    messages += [
        progress.weekly_summary(now_progress, NOW.date()),
        progress.weekly_summary(progress.Progress(3, 3, 4, 0, 0), NOW.date()),
    ]
    messages += [progress.barrier_tip(barrier, lang) for barrier in progress.BARRIERS]
    for bad in (
        parsing.parse_time("25:00"),
        parsing.parse_days("x"),
        parsing.parse_timezone("x/y"),
        parsing.parse_timezone("Etc/GMT-2"),
    ):
        assert isinstance(bad, parsing.ParseError)
        messages.append(bad.message)
    for kind in schedule.Kind:
        messages.append(schedule.reminder_message(kind, 7, 1, 3))
    messages.append(schedule.later_options(7))
    messages.append(schedule.snoozed_message(current, NOW, NOW + timedelta(hours=14)))
    state = plan_dialog.start_plan(None, lang)
    messages += state.messages
    for step_input in ("plan:day:0", "plan:day:0", "x", "plan:days:ok", "22:00", "18:30", "x/y"):
        assert state.state is not None
        state = plan_dialog.plan_input(state.state, step_input, current, lang)
        messages += state.messages
    assert state.state is not None
    messages += plan_dialog.plan_input(state.state, "plan:tz:keep", current, lang).messages
    messages += plan_dialog.plan_input(state.state, "plan:cancel", current, lang).messages
    messages += [plan_dialog.show_plan(None, lang), plan_dialog.show_plan(current, lang)]
    messages += [plan_dialog.show_plan(schedule.Plan(paused=True), lang)]
    messages += [
        plan_dialog.remind_command(current, args, lang)[1] for args in ("", "7:00", "18:00")
    ]
    messages += [
        plan_dialog.timezone_command(current, args, lang, NOW)[1]
        for args in ("", "Wien", "EST", "Chicago")
    ]
    # issue 12 §2: quiet hours, the holiday pause, replies in words
    offer = plan_dialog.remind_command(current, "6:45 mo-fr", lang)[1]
    messages.append(offer)
    for row in offer.buttons:
        for button in row:
            tap = QuietMove.parse(button.data)
            assert tap is not None
            messages += plan_dialog.answer_quiet_offer(current, tap, lang)[1]
    messages += [plan_dialog.quiet_command(current, args, lang)[1] for args in ("", "x", "aus")]
    messages += [
        plan_dialog.quiet_command(current, "22:00-06:30", lang)[1],
        plan_dialog.quiet_command(current, "17:00-20:00", lang)[1],
        plan_dialog.quiet_command(None, "", lang)[1],
    ]
    for args in ("2 Wochen", "bis 15.5.", "xyz", "bis 1.1.2020", "1 Jahr", "200 Tage"):
        messages.append(plan_dialog.pause(current, args, NOW.date(), lang)[1])
    ambiguous = parsing.parse_time("halb sieben", (time(22, 0), time(6, 0)))
    assert isinstance(ambiguous, parsing.ParseError)
    messages += [ambiguous.message, Message("habit-later-type-time")]
    messages += [
        plan_dialog.pause(current)[1],
        plan_dialog.resume(current, lang)[1],
        plan_dialog.pause(None)[1],
    ]
    messages += [
        guided_routine.routine_menu(lang),
        guided_routine.start("x", NOW, lang).messages[0],
    ]
    result = guided_routine.start("office", NOW, lang)
    messages += result.messages
    assert result.state is not None
    messages += guided_routine.handle(result.state, "stop", NOW, lang).messages
    last = guided_routine.GuidedState(
        "office", len(guided_routine.routine("office").steps) - 1, NOW
    )
    messages += guided_routine.handle(last, "next", NOW, lang).messages
    messages.append(Message("habit-skipped"))
    # issue 13 §1: the weekly check-in and /progress with the trend
    monday = date(2026, 3, 23)
    asked = checkin.question(monday, (), lang)
    messages += [
        asked,
        checkin.question(monday, (4,), lang),
        checkin.question(monday, (4, 5), lang),
    ]
    for button in asked.buttons[-1]:  # 6–10
        tap = CheckinAnswer.parse(button.data)
        assert tap is not None
        messages.append(cast(Message, checkin.answer(tap, lang)))
    this_week = checkin.Checkin(monday, 7, 5, 4)
    for previous in (None, checkin.Checkin(monday - timedelta(weeks=1), 3, 2, 2)):
        messages.append(checkin.thanks(this_week, previous))
    messages += [
        checkin.thanks(
            checkin.Checkin(monday, 2, 1, 1), checkin.Checkin(date(2026, 1, 5), 5, 5, 5)
        ),
        checkin.already(this_week),
        checkin.status(None),
        checkin.status(False),
        checkin.switched(True, True),
        checkin.switched(True, False),
        checkin.switched(False, True),
    ]
    missed = progress.weekly_summary(now_progress, monday)
    messages += checkin.with_summary(missed, monday, None, False, lang)
    messages += checkin.with_summary(missed, monday, True, False, lang)
    logs = [progress.ExerciseLog(NOW, 20, "text", activity) for activity in ("walk", None, "x")]
    weeks = trend.weekly_trend(logs, [(NOW, 4)], [this_week], NOW, "Europe/Berlin")
    pairs = trend.minutes_by_activity(logs, weeks[0].monday, "Europe/Berlin", top=2)
    messages += trend.activity_messages(pairs)
    messages += [
        trend.progress_caption(now_progress, weeks, "Yoga 20 Min.", lang),
        trend.progress_caption(now_progress, weeks[:0], "", lang),
        trend.progress_caption(
            now_progress,
            [*weeks, trend.WeekSummary(monday + timedelta(weeks=1), 0, 0, None, this_week)],
            "",
            lang,
        ),
    ]
    return messages


@pytest.mark.parametrize("lang", LANGS)
def test_every_produced_message_and_button_renders_without_errors(lang: str) -> None:
    catalogue = bundle(lang)
    rendered = 0
    for message in produced_messages(lang):
        items = [(message.key, message.args)]
        items += [(b.key, b.args) for row in message.buttons for b in row]
        for key, args in items:
            assert catalogue.has_message(key), key
            pattern = catalogue.get_message(key).value
            assert pattern is not None, key
            formatted, errors = catalogue.format_pattern(pattern, args)
            text = str(formatted)
            assert not errors, (key, errors)
            assert text.strip() and "{" not in text, (key, text)
            rendered += 1
    assert rendered > 80


def test_exercises_have_both_languages_and_safety_lines() -> None:
    content = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"))
    assert any("CD009790.pub2" in str(source.get("doi")) for source in content["sources"])
    for name, exercise in content["exercises"].items():
        for field in ("name", "instructions", "stop_if"):
            assert set(exercise[field]) == set(LANGS), (name, field)
            assert all(exercise[field][lang].strip() for lang in LANGS)
        assert 15 <= exercise["seconds"] <= 180
    for rid in guided_routine.ROUTINES:
        assert rid in content["routines"]


def exercises_yaml() -> dict:
    return yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"))


# The old leg rule stopped everyone with stable sciatica (issue 15): only new or spreading leg
# symptoms are a reason to stop.
OLD_LEG_RULE = re.compile(
    r"ins Bein (ausstrahlt|zieht)|spreads? (into|down) (a|your) leg|into a leg"
)
NEW_LEG_RULE = {"de": ("neu", "Richtung Fuß"), "en": ("new", "towards the foot")}
CARDIAC = {
    "de": ("Brustschmerz", "Atemnot", "Herzrasen", "Ohnmacht", "112"),
    "en": ("chest pain", "breathlessness", "racing", "faint", "112"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_has_a_stop_line_and_the_general_rules_cover_all(lang: str) -> None:
    content = exercises_yaml()
    for name, exercise in content["exercises"].items():
        line = exercise["stop_if"][lang]
        assert line.startswith("Stopp" if lang == "de" else "Stop"), (name, line)
        assert not OLD_LEG_RULE.search(line), (name, line)
        assert "112" not in line  # the step shows "⚠️ stop line": no alert look-alike
        if "Bein" in line or " leg" in line:
            assert all(word in line for word in NEW_LEG_RULE[lang]), (name, line)
    general = content["general_stop_if"][lang]
    assert not general.lstrip().startswith("⚠")  # ⚠️ is for emergency and urgent alerts
    assert not OLD_LEG_RULE.search(general)
    assert all(word in general for word in NEW_LEG_RULE[lang]), general
    assert all(word in general for word in CARDIAC[lang]), general
    assert "/check" in general
    # NVL 5-4 vs 5-5: with acute pain, staying active in everyday life comes first
    assert ("Alltag" if lang == "de" else "everyday life") in general
    menu = guided_routine.routine_menu(lang)
    assert menu.args["stop_if"] == general


@pytest.mark.parametrize("lang", LANGS)
def test_routines_explain_the_floor_and_lying_on_the_back_in_pregnancy(lang: str) -> None:
    content = exercises_yaml()
    floor = {"pelvic_tilt", "cat_cow", "knee_to_chest", "bridge", "bird_dog", "lying_twist"}
    on_the_back = {"pelvic_tilt", "knee_to_chest", "bridge", "lying_twist"}
    standing = {"march", "side_bend", "standing_extension", "sit_to_stand"}
    for rid in guided_routine.ROUTINES:
        raw = content["routines"][rid]
        steps = [step["exercise"] for step in raw["steps"]]
        description = raw["description"][lang]
        if floor & set(steps):
            assert ("Seite" if lang == "de" else "side") in description, (rid, description)
            assert ("Bett" if lang == "de" else "bed") in description, (rid, description)
            # getting up again: the last floor exercise of each such routine is the breathing
            assert steps[-1] == "breathing"
        if on_the_back & set(steps):
            assert ("Schwanger" if lang == "de" else "Pregnant") in description, rid
        if steps[0] in standing:  # "Sanft" starts standing: the description must not hide it
            assert ("stehen" if lang == "de" else "standing") in description.casefold(), rid
    breathing = content["exercises"]["breathing"]["instructions"][lang]
    assert ("auf die Seite rollen" if lang == "de" else "roll onto your side") in breathing
    # bird-dog's easier fallback is the arm alone (the leg alone is harder)
    bird_dog = content["exercises"]["bird_dog"]["stop_if"][lang]
    assert ("einen Arm" if lang == "de" else "one arm only") in bird_dog, bird_dog
    assert ("nur das Bein" if lang == "de" else "only the leg") not in bird_dog
    extension = content["exercises"]["standing_extension"]["instructions"][lang]
    assert ("halte dich" if lang == "de" else "hold on") in extension, extension


def test_the_paused_session_uses_the_same_leg_rule() -> None:
    for lang in LANGS:
        paused = bundle(lang).get_message("habit-session-paused").value
        assert paused is not None
        text, _ = bundle(lang).format_pattern(paused, {})
        assert not OLD_LEG_RULE.search(str(text))
        words = ("neu", "Fuß") if lang == "de" else ("new", "foot")
        assert all(word in str(text) for word in words), text


def test_barrier_tips_have_sources_that_exist() -> None:
    content = yaml.safe_load((ROOT / "data" / "barrier_tips.yaml").read_text(encoding="utf-8"))
    assert set(content["barriers"]) == set(progress.BARRIERS)
    for entry in content["barriers"].values():
        assert set(entry["tip"]) == set(LANGS)
        assert entry["sources"] and set(entry["sources"]) <= set(content["sources"])
