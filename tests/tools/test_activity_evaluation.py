"""The activity reader on the labelled example sets, cross-validated: each part is read with a
model trained on the other parts only (the blind held-out part is measured once, by hand, with
`python -m tools.activity_evaluation --part heldout32`; never in a test)."""

from __future__ import annotations

from tools.activity_evaluation import LANGUAGES, PARTS, cross_validate, load

# Below the levels cross-validation reaches today (README: 97.9 % / 0.0 %); a change that
# loses them fails here.
MIN_SESSIONS_RIGHT = 0.95  # logged or asked, with the right minutes
MAX_NON_SESSIONS_LOGGED = 0.01


def test_labelled_sets_are_complete_and_balanced() -> None:
    for language in LANGUAGES:
        for part in PARTS:
            items = load(language, part)
            # dev: 130+; a held-out set: 200 written, fewer when its texts that already stood
            # in the example files were left out before it was measured (heldout31: 27 of 200
            # in English; see each file's header).
            assert len(items) >= 130 if part == "dev" else len(items) >= 170
            assert {item.language for item in items} == {language}
            sessions = sum(item.session for item in items)
            assert 0.4 < sessions / len(items) < 0.7


def test_reader_cross_validated_on_the_example_sets() -> None:
    tally = cross_validate()["all parts, cross-validated"]
    assert tally.sessions >= 1000
    assert (tally.logged_right + tally.asked_right) / tally.sessions >= MIN_SESSIONS_RIGHT
    assert tally.false_logged / tally.non_sessions <= MAX_NON_SESSIONS_LOGGED
