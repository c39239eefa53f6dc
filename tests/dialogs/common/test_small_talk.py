"""Small talk (issue 12 §3): whole messages only, and which kinds leave an open dialog."""

from __future__ import annotations

import pytest

from dialogs.common.small_talk import is_question, reply, small_talk


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("moin", "greeting"),
        ("Hallo!", "greeting"),
        ("hi", "greeting"),
        ("Guten Morgen", "greeting"),
        ("danke", "thanks"),
        ("Danke 👍", "thanks"),
        ("thanks", "thanks"),
        ("Vielen Dank!", "thanks"),
        ("👍", "ack"),
        ("👍🏼", "ack"),
        ("ok", "ack"),
        ("Okay.", "ack"),
        ("gute nacht", "goodnight"),
        ("Good night 🌙", "goodnight"),
        ("tschüss", "bye"),
        ("ich kann nicht mehr", "low_mood"),
        ("Ich bin fertig mit der Welt", "low_mood"),
        ("ich hab keinen bock mehr auf alles", "low_mood"),
        ("I'm done with this pain", "low_mood"),
        ("I can't do this anymore", "low_mood"),
        ("ich bin traurig, nichts hilft", "low_mood"),
        ("I feel hopeless, nothing helps", "low_mood"),
        ("Ich fühle mich so hoffnungslos", "low_mood"),
        ("Ich halte die Schmerzen nicht mehr aus!", "low_mood"),
        ("ich halt es nicht mehr aus", "low_mood"),
        ("I can't take this pain anymore", "low_mood"),
        ("ich halt's echt nicht mehr aus", "low_mood"),
        ("Ich kann die Schmerzen nicht mehr ertragen", "low_mood"),
        ("ich will nicht mehr", "low_mood"),
        ("hab keine Kraft mehr, alles ist sinnlos", "low_mood"),
        ("I'm done with everything", "low_mood"),
        ("I can't stand this pain any more", "low_mood"),
        ("I cant stand it anymore", "low_mood"),  # the contraction without its apostrophe
        ("thanks, I cant take it anymore", "low_mood"),
        ("ich ertrag das nicht mehr", "low_mood"),
        ("thank you so much!", "thanks"),
        # A few in a row, maybe with praise: the thanks answers (a good night or bye wins).
        ("danke dir, echt hilfreich", "thanks"),
        ("thanks, really helpful", "thanks"),
        ("super, danke!", "thanks"),
        ("ok danke", "thanks"),
        ("perfekt, vielen Dank, das hilft mir sehr!", "thanks"),
        ("great, that helps a lot, thanks", "thanks"),
        ("hallo und danke", "thanks"),
        ("cool, thx 🙏", "thanks"),
        ("danke, gute Nacht", "goodnight"),
        ("thanks and bye", "bye"),
        ("echt hilfreich", "thanks"),
        ("super super", "ack"),
        ("how are you?", "how_are_you"),
        ("wie geht's dir?", "how_are_you"),
        ("Hallo, wie geht's?", "how_are_you"),
        ("hi, how are you doing?", "how_are_you"),
        # Low mood is never hidden by a thank-you or a greeting around it.
        ("danke, ich kann nicht mehr", "low_mood"),
        ("hallo, ich kann nicht mehr", "low_mood"),
    ],
)
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    found = small_talk(text)
    assert found is not None and found.kind == kind
    assert reply(found).key == f"small-talk-{kind}"


@pytest.mark.parametrize(
    "text",
    [
        "danke, aber mein Bein ist taub",
        "hallo, ich habe seit gestern Rückenschmerzen",
        "7",
        "erledigt",
        "morgen",
        "",
        "🤷",
        "🙏👍",  # two kinds: not sure what it says
        "ok ich habe eine frage zu meinem ruecken",
        # Praise that is not, or a word more than the phrases: not small talk.
        "das hilft nicht",
        "thanks, not really helpful",
        "super, danke, aber mein Rücken tut weh",
        "und danke",
    ],
)
def test_other_messages_are_no_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_greetings_and_thanks_leave_a_dialog_but_ok_stays_its_answer() -> None:
    for text in ("hallo", "danke", "gute nacht", "bye"):
        found = small_talk(text)
        assert found is not None and found.leaves_dialog, text
    for text in ("ok", "👍", "alles klar"):
        found = small_talk(text)
        assert found is not None and not found.leaves_dialog, text


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Soll ich mich schonen?", True),
        ("is walking ok?", True),
        ("wie lange soll ich gehen", True),
        ("should i rest today", True),
        ("ja?", False),
        ("18:30", False),
        ("mo,mi,fr", False),
        ("wie immer", False),
    ],
)
def test_questions(text: str, question: bool) -> None:
    assert is_question(text) is question
