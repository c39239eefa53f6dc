"""What the bot says in /myths: the paged topic list, an answer, its "more" text and its sources.

Pure functions from the knowledge base to `dialogs.common.reply.Message` values; the Telegram
adapter only renders them and routes button taps back here (`reply_to_button`). Answers keep to
one phone screen: the claim, 2–5 sentences and a compact citation; details sit behind buttons.

Everyday questions (data/questions.yaml) are answered the same way, with the question instead
of a verdict; they are no topics of the paged list.

Callback data (`dialogs.myths.buttons`, stable ids from data/myths.yaml and questions.yaml):
`myths:page:<n>`, `myth:<id>`, `myth:more:<id>`, `myth:src:<id>`.
"""

from __future__ import annotations

import math

from dialogs.common.reply import Button, Message, literal_button
from dialogs.myths.buttons import MythButton, MythDetail, MythsPage, MythView
from dialogs.myths.knowledge_base import QUESTION, Entry, KnowledgeBase, load_knowledge_base

# Topic buttons per /myths page, and citations on an answer itself (all of them are behind
# "sources"). Product decisions: a page and an answer each fit one phone screen.
PAGE_SIZE = 6
COMPACT_SOURCES = 2


def page_count(knowledge_base: KnowledgeBase) -> int:
    """How many topic pages there are (at least 1), PAGE_SIZE topics each."""
    return max(1, math.ceil(len(knowledge_base.entries) / PAGE_SIZE))


def page_of(knowledge_base: KnowledgeBase, entry_id: str) -> int:
    """The topic page (0-based) that lists an entry, for the "back to topics" button."""
    return knowledge_base.ids.index(entry_id) // PAGE_SIZE if entry_id in knowledge_base.ids else 0


def _topic_buttons(
    knowledge_base: KnowledgeBase, language: str, page: int
) -> tuple[tuple[Button, ...], ...]:
    pages = page_count(knowledge_base)
    page = page % pages  # ◀ on the first page wraps to the last and vice versa
    shown = knowledge_base.entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[tuple[Button, ...]] = [
        (literal_button(entry.text("title", language), MythButton(entry.id).pack()),)
        for entry in shown
    ]
    if pages > 1:
        rows.append(
            (
                Button("myths-button-prev", MythsPage((page - 1) % pages).pack()),
                Button("myths-button-next", MythsPage((page + 1) % pages).pack()),
            )
        )
    return tuple(rows)


def topics(language: str, page: int = 0, knowledge_base: KnowledgeBase | None = None) -> Message:
    """The topic list, one button per myth, paged with ◀ ▶."""
    knowledge_base = knowledge_base or load_knowledge_base()
    pages = page_count(knowledge_base)
    return Message(
        "myths-topics",
        {"page": page % pages + 1, "pages": pages},
        _topic_buttons(knowledge_base, language, page),
    )


def not_understood(language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """Honest "I don't know that one" with the topic list, instead of a guessed answer."""
    knowledge_base = knowledge_base or load_knowledge_base()
    return Message(
        "myths-unknown",
        {"page": 1, "pages": page_count(knowledge_base)},
        _topic_buttons(knowledge_base, language, 0),
    )


def _topics_button(knowledge_base: KnowledgeBase, entry: Entry) -> Button:
    """Back to the topic page that lists `entry`."""
    return Button("myths-button-topics", MythsPage(page_of(knowledge_base, entry.id)).pack())


def compact_sources(entry: Entry) -> str:
    """E.g. "Dahm et al., Cochrane 2010; NICE NG59, 2016" — complete sources first."""
    complete = [source for source in entry.sources if source.is_complete]
    return "; ".join(source.compact() for source in complete[:COMPACT_SOURCES])


def answer(entry: Entry, language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """Verdict, claim, short answer and compact citation, with "more" and "sources" buttons;
    an everyday question (data/questions.yaml) has no verdict: 💬 the question instead."""
    knowledge_base = knowledge_base or load_knowledge_base()
    text = {
        "answer": entry.text("answer", language),
        "source": compact_sources(entry),
    }
    if entry.verdict == QUESTION:
        key, args = "myths-question-answer", {"question": entry.text("claim", language), **text}
    else:
        key = "myths-answer"
        args = {"verdict": entry.verdict, "claim": entry.text("claim", language), **text}
    return Message(
        key,
        args,
        (
            (
                Button("myths-button-more", MythDetail(MythView.MORE, entry.id).pack()),
                Button("myths-button-sources", MythDetail(MythView.SOURCES, entry.id).pack()),
            ),
            (_topics_button(knowledge_base, entry),),
        ),
    )


def more(entry: Entry, language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """The longer explanation."""
    knowledge_base = knowledge_base or load_knowledge_base()
    return Message(
        "myths-more",
        {"title": entry.text("title", language), "more": entry.text("more", language)},
        (
            (Button("myths-button-sources", MythDetail(MythView.SOURCES, entry.id).pack()),),
            (_topics_button(knowledge_base, entry),),
        ),
    )


def sources(entry: Entry, language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """Every source in full (authors, year, title, venue, DOI/URL or "as cited in the article")."""
    knowledge_base = knowledge_base or load_knowledge_base()
    return Message(
        "myths-sources",
        {
            "title": entry.text("title", language),
            "sources": "\n".join(f"• {source.full()}" for source in entry.sources),
        },
        (
            (Button("myths-button-back", MythButton(entry.id).pack()),),
            (_topics_button(knowledge_base, entry),),
        ),
    )


def reply_to_button(
    tap: MythsPage | MythButton | MythDetail,
    language: str,
    knowledge_base: KnowledgeBase | None = None,
) -> Message | None:
    """The message for a /myths button; None for an entry that no longer exists (removed since
    the button was sent): the bot then shows the topic list."""
    knowledge_base = knowledge_base or load_knowledge_base()
    if isinstance(tap, MythsPage):
        return topics(language, tap.page, knowledge_base)
    entry = knowledge_base.get(tap.entry)
    if entry is None:
        return None
    if isinstance(tap, MythButton):
        return answer(entry, language, knowledge_base)
    view = more if tap.view is MythView.MORE else sources
    return view(entry, language, knowledge_base)
