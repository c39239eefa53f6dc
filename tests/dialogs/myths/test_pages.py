"""/myths messages: paging, answer with compact source, "more" and "sources", one phone screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from fluent.runtime import FluentBundle, FluentResource

from dialogs.common.callback_data import parse_any
from dialogs.common.reply import Message
from dialogs.myths import pages
from dialogs.myths.buttons import MYTH_BUTTONS, MythButton, MythDetail, MythsPage
from dialogs.myths.knowledge_base import load_knowledge_base
from dialogs.myths.matcher import match

LOCALES = Path(__file__).resolve().parents[3] / "data" / "locales"
SCREEN = 900  # characters that fit on one phone screen


def render(message: Message, language: str) -> str:
    bundle = FluentBundle([language], use_isolating=False)
    for name in ("core.ftl", "myths.ftl"):
        bundle.add_resource(FluentResource((LOCALES / language / name).read_text("utf-8")))
    text, errors = bundle.format_pattern(bundle.get_message(message.key).value, message.args)
    assert not errors
    return text


def all_data(message: Message) -> list[str]:
    return [button.data for row in message.buttons for button in row]


def test_topic_pages_list_every_entry_once_and_wrap_around() -> None:
    knowledge_base = load_knowledge_base()
    page_count = pages.page_count(knowledge_base)
    seen: list[str] = []
    for page in range(page_count):
        message = pages.topics("de", page, knowledge_base)
        topic_rows = [row for row in message.buttons if len(row) == 1]
        assert len(topic_rows) <= pages.PAGE_SIZE
        seen += [row[0].data.removeprefix("myth:") for row in topic_rows]
    assert seen == list(knowledge_base.ids)
    first = pages.topics("de", 0, knowledge_base)
    assert f"myths:page:{page_count - 1}" in all_data(first)  # ◀ from the first page wraps
    assert pages.topics("de", page_count, knowledge_base).args["page"] == 1


def test_topic_buttons_show_titles_in_the_users_language() -> None:
    de = pages.topics("de", 0)
    en = pages.topics("en", 0)
    assert de.buttons[0][0].args["text"] == "Schonung & Bettruhe"
    assert en.buttons[0][0].args["text"] == "Rest & bed rest"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_answer_more_and_sources_view_fits_one_screen(language: str) -> None:
    knowledge_base = load_knowledge_base()
    for entry in knowledge_base.entries:
        for view in (pages.answer, pages.more, pages.sources):
            text = render(view(entry, language, knowledge_base), language)
            assert len(text) < SCREEN, (entry.id, view.__name__, len(text))


def test_answer_shows_verdict_and_compact_source() -> None:
    rest = load_knowledge_base().get("rest")
    assert rest is not None
    text = render(pages.answer(rest, "de"), "de")
    assert text.startswith("❌ Mythos")
    assert "Quelle: Dahm et al., Cochrane 2010" in text
    assert all_data(pages.answer(rest, "de"))[:2] == ["myth:more:rest", "myth:src:rest"]
    fact = load_knowledge_base().get("prevalence")
    assert fact is not None and render(pages.answer(fact, "en"), "en").startswith("✅ Fact")


def test_sources_view_lists_dois_and_marks_article_citations() -> None:
    rest = load_knowledge_base().get("rest")
    assert rest is not None
    text = render(pages.sources(rest, "en"), "en")
    assert "https://doi.org/10.1002/14651858.CD007612.pub2" in text
    assert "as cited in the article" in text


def reply_to_callback(data: str, language: str) -> Message | None:
    """What a tap with `data` gets from /myths (None: not a /myths button, or a removed entry)."""
    tap = parse_any(data, *MYTH_BUTTONS)
    if not isinstance(tap, MythsPage | MythButton | MythDetail):
        return None
    return pages.reply_to_button(tap, language)


def test_callbacks_route_to_the_right_view() -> None:
    assert reply_to_callback("myth:imaging", "de").key == "myths-answer"  # type: ignore[union-attr]
    assert reply_to_callback("myth:more:imaging", "de").key == "myths-more"  # type: ignore[union-attr]
    assert reply_to_callback("myth:src:imaging", "de").key == "myths-sources"  # type: ignore[union-attr]
    assert reply_to_callback("myths:page:1", "de").args["page"] == 2  # type: ignore[union-attr]
    assert reply_to_callback("myth:no-such-entry", "de") is None
    assert reply_to_callback("quiz:stop", "de") is None
    assert parse_any("myths:page:0", *MYTH_BUTTONS) and not parse_any("quiz:stop", *MYTH_BUTTONS)


def test_all_callback_data_fits_telegram() -> None:
    knowledge_base = load_knowledge_base()
    for entry in knowledge_base.entries:
        for view in (pages.answer, pages.more, pages.sources):
            for data in all_data(view(entry, "de", knowledge_base)):
                assert len(data.encode()) <= 64 and parse_any(data, *MYTH_BUTTONS)


def test_free_text_question_gets_an_answer_or_an_honest_unknown() -> None:
    # What the /myths handler does with free text: the matched entry's answer, else "unknown".
    knowledge_base = load_knowledge_base()
    found = match("Brauche ich ein MRT?", "de")
    entry = knowledge_base.get(found.entry_id) if found else None
    assert entry is not None
    answered = pages.answer(entry, "de", knowledge_base)
    assert answered.key == "myths-answer" and "MRT" in answered.args["claim"]
    assert match("Wie wird das Wetter?", "de") is None
    unknown = pages.not_understood("de", knowledge_base)
    assert unknown.key == "myths-unknown"
    assert all_data(unknown)[0] == "myth:rest"  # offers the topic list
