"""Triage results: the readers of OFFER rows tell a check re-offer from a STarT Back re-offer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import triage as store
from bot.storage.database import Database
from bot.storage.models import UserRow

NOW = datetime(2026, 3, 23, 17, 0, tzinfo=UTC)


async def test_a_startback_re_offer_is_no_check_offer(db: Database) -> None:
    async with db.session() as session:
        session.add(UserRow(id=1, language="de", timezone="Europe/Berlin", active=True))
    async with db.session() as session:
        save = store.save_result
        await save(session, 1, kind=store.REDFLAGS, answers={}, outcome="clear", at=NOW)
        await save(session, 1, kind=store.STARTBACK, answers={}, outcome="low", at=NOW)
        later = NOW + timedelta(days=30)
        await save(session, 1, kind=store.OFFER, answers={}, outcome=store.STARTBACK_DUE, at=later)
    async with db.session() as session:
        assert await store.last_check_or_offer_at(session, 1) == NOW
        assert await store.last_at(session, 1, store.STARTBACK) == NOW
        assert await store.last_at(session, 1, store.OFFER, store.STARTBACK_DUE) == later
        assert await store.last_at(session, 1, store.OFFER, "due") is None
        assert await store.last_at(session, 2, store.STARTBACK) is None
