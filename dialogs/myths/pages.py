"""What the bot says in /myths: the paged topic list, an answer, its "more" text and its sources.

Pure functions from the knowledge base to `dialogs.common.reply.Message` values; the Telegram
adapter only renders them and routes callback data back here (`reply_to_callback`). Answers keep to
one phone screen: the claim, 2–5 sentences and a compact citation; details sit behind buttons.

Callback data (≤ 64 bytes, stable ids from data/myths.yaml):
`myths:page:<n>`, `myth:<id>`, `myth:more:<id>`, `myth:src:<id>`.
"""

from __future__ import annotations

import math

from dialogs.common.reply import Button, Message, literal_button
from dialogs.myths.knowledge_base import Entry, KnowledgeBase, load_knowledge_base

PAGE_SIZE = 6
COMPACT_SOURCES = 2  # citations on the answer itself; all of them behind "sources"


def page_count(knowledge_base: KnowledgeBase) -> int:
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
        (literal_button(entry.text("title", language), f"myth:{entry.id}"),) for entry in shown
    ]
    if pages > 1:
        rows.append(
            (
                Button("myths-button-prev", f"myths:page:{(page - 1) % pages}"),
                Button("myths-button-next", f"myths:page:{(page + 1) % pages}"),
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


def compact_sources(entry: Entry) -> str:
    """E.g. "Dahm et al., Cochrane 2010; NICE NG59, 2016" — complete sources first."""
    complete = [source for source in entry.sources if source.is_complete]
    return "; ".join(source.compact() for source in complete[:COMPACT_SOURCES])


def answer(entry: Entry, language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """Verdict, claim, short answer and compact citation, with "more" and "sources" buttons."""
    knowledge_base = knowledge_base or load_knowledge_base()
    return Message(
        "myths-answer",
        {
            "verdict": entry.verdict,
            "claim": entry.text("claim", language),
            "answer": entry.text("answer", language),
            "source": compact_sources(entry),
        },
        (
            (
                Button("myths-button-more", f"myth:more:{entry.id}"),
                Button("myths-button-sources", f"myth:src:{entry.id}"),
            ),
            (Button("myths-button-topics", f"myths:page:{page_of(knowledge_base, entry.id)}"),),
        ),
    )


def more(entry: Entry, language: str, knowledge_base: KnowledgeBase | None = None) -> Message:
    """The longer explanation."""
    knowledge_base = knowledge_base or load_knowledge_base()
    return Message(
        "myths-more",
        {"title": entry.text("title", language), "more": entry.text("more", language)},
        (
            (Button("myths-button-sources", f"myth:src:{entry.id}"),),
            (Button("myths-button-topics", f"myths:page:{page_of(knowledge_base, entry.id)}"),),
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
            (Button("myths-button-back", f"myth:{entry.id}"),),
            (Button("myths-button-topics", f"myths:page:{page_of(knowledge_base, entry.id)}"),),
        ),
    )


def is_myth_callback(data: str) -> bool:
    return data.startswith(("myth:", "myths:"))


def reply_to_callback(
    data: str, language: str, knowledge_base: KnowledgeBase | None = None
) -> Message | None:
    """The message for a /myths button press; None for data that is not ours or is stale
    (e.g. an entry removed since the button was sent): the bot then shows the topic list."""
    knowledge_base = knowledge_base or load_knowledge_base()
    parts = data.split(":")
    if parts[:2] == ["myths", "page"] and len(parts) == 3 and parts[2].isdigit():
        return topics(language, int(parts[2]), knowledge_base)
    if parts[0] != "myth" or len(parts) not in (2, 3):
        return None
    entry = knowledge_base.get(parts[-1])
    if entry is None:
        return None
    if len(parts) == 2:
        return answer(entry, language, knowledge_base)
    view = {"more": more, "src": sources}.get(parts[1])
    return view(entry, language, knowledge_base) if view else None
