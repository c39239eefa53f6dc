"""Helplines per country: the reviewed YAML, its sources, and which country a user gets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dialogs.common.helplines import (
    COUNTRIES,
    NO_NUMBER,
    OTHER,
    catalogue,
    country_for_timezone,
    country_from_text,
    helplines_for,
    raw_content,
    with_local_numbers,
)
from dialogs.common.reply import Message

README = Path(__file__).resolve().parents[3] / "README.md"
CHECKED = dt.date(2026, 11, 29)


def test_every_country_of_the_menu_is_in_the_file() -> None:
    assert set(catalogue()) == set(COUNTRIES)
    for lines in catalogue().values():
        assert set(lines.name) == {"de", "en"} and set(lines.urgent_service) == {"de", "en"}
        for line in lines.crisis:
            assert line.numbers and set(line.note) == {"de", "en"}


@pytest.mark.parametrize(
    ("country", "emergency", "urgent", "crisis"),
    [
        ("DE", "112", "116117", ["0800 111 0 111", "0800 111 0 222"]),
        ("AT", "144", "1450", ["142"]),
        ("CH", "144", None, ["143"]),
        ("GB", "999", "111", ["116 123"]),
        (OTHER, None, None, []),
    ],
)
def test_the_numbers_per_country(
    country: str, emergency: str | None, urgent: str | None, crisis: list[str]
) -> None:
    lines = catalogue()[country]
    assert (lines.emergency, lines.urgent) == (emergency, urgent)
    assert [n for line in lines.crisis for n in line.numbers] == crisis


@pytest.mark.parametrize("country", [code for code in COUNTRIES if code != OTHER])
def test_every_number_names_the_page_it_was_verified_on(country: str) -> None:
    raw = raw_content()["countries"][country]
    sources = raw["sources"]
    assert sources, country
    for source in sources:
        assert source["url"].startswith("https://") and source["checked"] == CHECKED
    covered = {number for source in sources for number in source["covers"]}
    lines = catalogue()[country]
    numbers = {lines.emergency, *(n for line in lines.crisis for n in line.numbers)}
    numbers.add(lines.urgent or lines.urgent_service["de"].removeprefix("den ").strip())
    assert numbers <= covered | {"kantonalen ärztlichen Notfalldienst"}, numbers - covered


def test_the_readme_names_every_helpline_source() -> None:
    readme = README.read_text(encoding="utf-8")
    for raw in raw_content()["countries"].values():
        for source in raw["sources"]:
            assert source["url"] in readme, source["url"]


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/Berlin", "DE"),
        ("Europe/Busingen", "DE"),
        ("Europe/Vienna", "AT"),
        ("Europe/Zurich", "CH"),
        ("Europe/London", "GB"),
        ("Europe/Paris", OTHER),
        ("America/New_York", OTHER),
        ("UTC", OTHER),
    ],
)
def test_the_country_comes_from_the_time_zone(zone: str, country: str) -> None:
    assert country_for_timezone(zone) == country
    assert helplines_for(None, zone).country == country


def test_a_chosen_country_wins_over_the_time_zone_and_a_stale_one_does_not() -> None:
    assert helplines_for("GB", "Europe/Berlin").emergency == "999"
    assert helplines_for(OTHER, "Europe/Berlin").emergency is None
    assert helplines_for("XX", "Europe/Vienna").country == "AT"  # unknown: derive again


def test_the_operators_numbers_override_every_country() -> None:
    vienna = helplines_for(None, "Europe/Vienna", emergency_override="112")
    assert (vienna.emergency, vienna.urgent) == ("112", "1450")
    far = helplines_for(None, "Asia/Tokyo", emergency_override="119", urgent_override="7119")
    assert (far.emergency, far.urgent) == ("119", "7119")
    assert helplines_for(None, "Europe/Zurich", emergency_override=None).emergency == "144"


def test_fluent_arguments_mark_missing_numbers() -> None:
    args = catalogue()[OTHER].args("de")
    assert args["emergency"] == args["urgent"] == args["crisis_lines"] == NO_NUMBER
    german = catalogue()["DE"].args("en")
    assert german["emergency"] == "112" and "0800 111 0 222" in german["crisis_lines"]
    assert "24 hours a day" in german["crisis_lines"]


def test_content_names_the_users_emergency_number_not_always_112() -> None:
    """The trial: a UK user who chose the UK read "call the emergency number 112" in the
    sciatica answer and the guided routine. Citations keep their numbers."""
    answer = Message(
        "myths-question-answer",
        {
            "answer": "… call the emergency number 112 at once; not 1120 or 10.112/x",
            "source": "p. 112",
        },
    )
    uk = with_local_numbers(answer, catalogue()["GB"])
    assert uk.args["answer"] == "… call the emergency number 999 at once; not 1120 or 10.112/x"
    assert uk.args["source"] == "p. 112"
    assert with_local_numbers(answer, catalogue()["DE"]) is answer
    assert with_local_numbers(answer, catalogue()["OTHER"]) is answer  # no national number
    assert with_local_numbers(answer, catalogue()["AT"]).args["answer"].count("144") == 1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("I'm in the UK actually", "GB"),
        ("ich wohne in Österreich", "AT"),
        ("Schweiz", "CH"),
        ("bin in Deutschland", "DE"),
        ("in england", "GB"),
        ("UK pharmacies are closed on Sundays", None),  # other words around the name
        ("I am in the UK, not Germany", None),  # two countries: ask with /country
        ("hallo", None),
    ],
)
def test_a_short_message_naming_where_one_is_gives_the_country(
    text: str, country: str | None
) -> None:
    assert country_from_text(text) == country
