"""The activity reader on the blind labelled development sets (the unspent held-out set is
measured once, by hand, with `python -m tools.activity_evaluation --part heldout2`; never in a
test)."""

from __future__ import annotations

from tools.activity_evaluation import LANGUAGES, PARTS, SPENT, load, measure

# The levels the dev sets reach today (README); a change that loses them fails here.
MIN_SESSIONS_RIGHT = 0.95  # logged or asked, with the right minutes
MAX_NON_SESSIONS_LOGGED = 0.02


def test_labelled_dev_sets_are_complete_and_balanced() -> None:
    for language in LANGUAGES:
        for part in PARTS:
            items = load(language, part)
            assert len(items) >= 130 if part == "dev" else len(items) >= 200
            assert {item.language for item in items} == {language}
            sessions = sum(item.session for item in items)
            assert 0.4 < sessions / len(items) < 0.7


def test_reader_on_the_development_sets() -> None:
    """The dev part and the spent held-out parts (all studied)."""
    items = [item for language in LANGUAGES for part in SPENT for item in load(language, part)]
    tally = measure(items)
    assert (tally.logged_right + tally.asked_right) / tally.sessions >= MIN_SESSIONS_RIGHT
    assert tally.false_logged / tally.non_sessions <= MAX_NON_SESSIONS_LOGGED
