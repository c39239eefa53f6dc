"""Myths and facts about back pain: the public face of the knowledge base and the matcher.

Callers (handlers, quiz, pages, CLI, evaluation, tests) import from here, so the split behind
it can change without touching them:

- `dialogs.myth_content`: the schema of data/myths.yaml and its checked loading;
- `dialogs.myth_matcher`: which entry a free-text question in German or English is about;
- `dialogs.myth_vocabulary`: the word lists the matcher's rules rely on.
"""

from __future__ import annotations

from dialogs.myth_content import (
    DEFAULT_PATH,
    LANGUAGES,
    REQUIRED_IDS,
    TEXT_FIELDS,
    VERDICTS,
    Entry,
    KnowledgeBase,
    KnowledgeBaseError,
    Source,
    load_knowledge_base,
    parse_knowledge_base,
)
from dialogs.myth_matcher import (
    CHAR_NGRAMS,
    CHATTER,
    Evidence,
    MatcherSettings,
    MythMatch,
    MythMatcher,
    content_tokens,
    default_matcher,
    features,
    format_match,
    keyword_hits,
    match,
)

__all__ = [
    "CHAR_NGRAMS",
    "CHATTER",
    "DEFAULT_PATH",
    "LANGUAGES",
    "REQUIRED_IDS",
    "TEXT_FIELDS",
    "VERDICTS",
    "Entry",
    "Evidence",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "MatcherSettings",
    "MythMatch",
    "MythMatcher",
    "Source",
    "content_tokens",
    "default_matcher",
    "features",
    "format_match",
    "keyword_hits",
    "load_knowledge_base",
    "match",
    "parse_knowledge_base",
]
