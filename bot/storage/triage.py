"""Triage results: every finished check (answers + outcome), STarT Back scores and re-offers.

One table (`triage_results`) keeps the history the user can export: `kind` is "redflags"
(the yes/no check), "startback" (the questionnaire) or "offer" (we offered the check again,
outcome "due", or STarT Back again, outcome STARTBACK_DUE; kept so the 4-weekly re-offers are
not repeated on every message).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import TriageResultRow

REDFLAGS = "redflags"
STARTBACK = "startback"
OFFER = "offer"
STARTBACK_DUE = "startback-due"  # the outcome of an OFFER row that offered STarT Back again


async def save_result(
    session: AsyncSession,
    user_id: int,
    *,
    kind: str,
    answers: dict[str, Any],
    outcome: str,
    at: datetime,
) -> TriageResultRow:
    """Add and flush one result: `kind` REDFLAGS, STARTBACK or OFFER; `answers` JSON-ready (as
    `state_codec.dump` gives it); `outcome` "clear", a level, a risk group, "due" or
    STARTBACK_DUE; `at` aware UTC. IntegrityError for a user id without a user row."""
    row = TriageResultRow(user_id=user_id, kind=kind, answers=answers, outcome=outcome, at=at)
    session.add(row)
    await session.flush()
    return row


async def last_check_or_offer_at(session: AsyncSession, user_id: int) -> datetime | None:
    """When (aware UTC) the user last finished the check or was last offered it (None: never);
    an offer of STarT Back alone (STARTBACK_DUE) is no offer of the check."""
    statement = (
        select(TriageResultRow.at)
        .where(
            TriageResultRow.user_id == user_id,
            TriageResultRow.kind.in_((REDFLAGS, OFFER)),
            TriageResultRow.outcome != STARTBACK_DUE,
        )
        .order_by(TriageResultRow.at.desc())
        .limit(1)
    )
    at: datetime | None = await session.scalar(statement)
    return at


async def last_at(
    session: AsyncSession, user_id: int, kind: str, outcome: str | None = None
) -> datetime | None:
    """When (aware UTC) the user's newest row of `kind` (and `outcome`, if given) was stored;
    None when there is none."""
    statement = select(TriageResultRow.at).where(
        TriageResultRow.user_id == user_id, TriageResultRow.kind == kind
    )
    if outcome is not None:
        statement = statement.where(TriageResultRow.outcome == outcome)
    at: datetime | None = await session.scalar(
        statement.order_by(TriageResultRow.at.desc()).limit(1)
    )
    return at


async def results(session: AsyncSession, user_id: int, kind: str) -> list[TriageResultRow]:
    """The user's results of `kind`, oldest first."""
    statement = (
        select(TriageResultRow)
        .where(TriageResultRow.user_id == user_id, TriageResultRow.kind == kind)
        .order_by(TriageResultRow.at, TriageResultRow.id)
    )
    return list(await session.scalars(statement))
