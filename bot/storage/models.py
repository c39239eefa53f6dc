"""The tables: only what the coach needs to work, so that export and deletion stay complete.

Every table that holds something about a person has a `user_id`; `USER_TABLES` lists them for
`/export` and `/delete`. Times are stored as UTC and always come back timezone-aware.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite forgets the zone, PostgreSQL keeps it).

    Binding a naive datetime raises ValueError; any aware one is stored as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The system clock as an aware UTC datetime (column defaults; the bot passes its own)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """The tables' base: `dict[str, Any]` columns are JSON, datetimes aware UTC."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: UTCDateTime}


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class UserRow(Base):
    """One person, by Telegram user id: language ("de"/"en"), IANA time zone, the helplines'
    country, consent time, whether reminders may go out (`active`: not blocked), and the
    weekly check-in (`weekly_checkin`: True on, False turned off, None never chosen)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    # Whose helplines the user gets (DE, AT, CH, GB, OTHER); None: derived from `timezone`.
    country: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    consent_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    blocked_at: Mapped[datetime | None]
    # The weekly check-in (PEG-3, `weekly_checkins`) with the Sunday summary: True on, False
    # turned off, None never chosen (the summary then offers it with a button).
    weekly_checkin: Mapped[bool | None] = mapped_column(Boolean)


class DialogStateRow(Base):
    """The one dialog a user is in, so a restart (or another process) can continue it."""

    __tablename__ = "dialog_states"

    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), primary_key=True)
    dialog: Mapped[str] = mapped_column(String(32))
    state: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TriageResultRow(Base):
    """A finished check, a scored STarT Back or a re-offer of either (`bot.storage.triage`);
    `answers` as `dialogs.common.state_codec` dumps the result, `outcome` its level or risk."""

    __tablename__ = "triage_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # redflags | startback | offer
    answers: Mapped[dict[str, Any]]
    outcome: Mapped[str] = mapped_column(String(16))


class PlanRow(Base):
    """A movement plan (`dialogs.habit.schedule.Plan`, via `bot.storage.habit.to_plan`); the
    quiet hours default to schedule's 21:00–08:00, local."""

    __tablename__ = "plans"
    __table_args__ = (
        # the dispatcher's look at changed plans and ended pauses (migration 0007)
        Index("ix_plans_updated_at", "updated_at"),
        Index("ix_plans_paused_until", "paused_until"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), primary_key=True)
    weekdays: Mapped[str] = mapped_column(String(16))  # ISO weekdays 1..7, e.g. "1,3,5"
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM" in the user's time zone
    quiet_start: Mapped[str] = mapped_column(String(5), default="21:00")
    quiet_end: Mapped[str] = mapped_column(String(5), default="08:00")
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # the last local day of a holiday pause ("/pause 2 Wochen"); None: until /resume
    paused_until: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReminderRow(Base):
    """A reminder due at one instant; the unique key makes materialising it idempotent."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "due_at", name="uq_reminders_user_kind_due"),
        # (due_at, id) is the claim's order: the index serves it without a sort however many
        # rows are due at once (migration 0007; before, (status, due_at) alone)
        Index("ix_reminders_status_due", "status", "due_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    kind: Mapped[str] = mapped_column(String(16))  # planned | catchup | summary | snooze
    due_at: Mapped[datetime]
    # due | claimed (by a process, at claimed_at) | sent | skipped | dropped
    status: Mapped[str] = mapped_column(String(16), default="due")
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class ExerciseLogRow(Base):
    """One exercise log; `update_key` stops a redelivered update counting twice."""

    __tablename__ = "sessions"  # the table's old name, kept: renaming it would need a migration

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    done_at: Mapped[datetime] = mapped_column(default=utcnow)
    local_date: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer, default=10)  # = parsing.DEFAULT_MINUTES
    source: Mapped[str] = mapped_column(String(16))  # text | button | guided | yesterday
    update_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # what was done ("walk", "yoga", …; `dialogs.habit.activity.ACTIVITIES`), None for a bare
    # "done"; how it felt ("good" | "pain"), None when not said
    activity: Mapped[str | None] = mapped_column(String(32))
    felt: Mapped[str | None] = mapped_column(String(16))
    # the Telegram message id of the typed message that logged it, so that its edit corrects it
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class PainRatingRow(Base):
    """One pain rating after a logged exercise: `score` 0–10 (0 = not at all, 10 = very much)."""

    __tablename__ = "pain_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[int] = mapped_column(Integer)


class WeeklyReviewRow(Base):
    """The Sunday summary's answer: which barrier got in the way, to tailor the tip."""

    __tablename__ = "weekly_reviews"
    __table_args__ = (UniqueConstraint("user_id", "week_start", name="uq_weekly_reviews_week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    week_start: Mapped[date] = mapped_column(Date)
    # Exercise logs in that week; the column's old name, kept (no migration; `/export` key).
    sessions: Mapped[int] = mapped_column(Integer)
    barrier: Mapped[str | None] = mapped_column(String(16))


class WeeklyCheckinRow(Base):
    """One week's check-in (PEG-3, Krebs et al. 2009; `dialogs.habit.checkin`): `week_start`
    the local Monday of the week asked about; `pain` (average pain), `enjoyment` and
    `activity` (how much pain interfered with them) 0–10; `answered_at` aware UTC. The unique
    (user, week) key makes a double tap or a redelivered update count once."""

    __tablename__ = "weekly_checkins"
    __table_args__ = (
        UniqueConstraint("user_id", "week_start", name="uq_weekly_checkins_week"),
        CheckConstraint("pain BETWEEN 0 AND 10", name="ck_weekly_checkins_pain"),
        CheckConstraint("enjoyment BETWEEN 0 AND 10", name="ck_weekly_checkins_enjoyment"),
        CheckConstraint("activity BETWEEN 0 AND 10", name="ck_weekly_checkins_activity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    week_start: Mapped[date] = mapped_column(Date)
    pain: Mapped[int] = mapped_column(SmallInteger)
    enjoyment: Mapped[int] = mapped_column(SmallInteger)
    activity: Mapped[int] = mapped_column(SmallInteger)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessedUpdateRow(Base):
    """Telegram update ids already handled; no personal data, pruned after 7 days
    (`bot.handlers.admin.KEEP_UPDATE_IDS`)."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class InboxRow(Base):
    """An update as Telegram sent it, stored before Telegram is told it arrived (the
    transactional inbox): polling advances its offset, and webhook mode answers 200, only after
    this row is committed. The row goes once the update was handled; a restart handles what is
    left, and `processed_updates` keeps that exactly-once. `payload` is the update's JSON: it
    may hold what someone wrote about their health, so rows live seconds, not days."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Handling attempts that raised; after a few the update is dropped (logged by id) so one
    # poisonous update cannot block the rest (product decision).
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class OutboxRow(Base):
    """A reply of a turn, written in the turn's transaction and deleted once Telegram has
    accepted it (the transactional outbox, `bot.outbox`): one whose sending failed is kept
    and sent again with backoff, so a stored exercise log is never followed by "please try
    again", and a crash between the commit and the send loses no reply.

    `payload` is the Bot API call (`method` and its parameters, text already rendered);
    `status` is sending (claimed until `next_attempt_at`, the lease) | pending (waiting until
    `next_attempt_at`) | failed (given up); `last_error` names the error class, never the
    text."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, _user_fk(), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    last_error: Mapped[str | None] = mapped_column(String(64))


class ButtonPressRow(Base):
    """An inline-button press already handled, so that the same press again does nothing.

    The same press is the same `data` on the same message as the user saw it: chat, message
    id and `version` (the message's `edit_date` in Unix seconds, 0 if never edited), so a
    button that comes back after the message was edited (a page of /myths) counts anew.
    Written in the turn's transaction (a press whose work failed is not recorded); pruned
    with the update ids (`bot.handlers.admin.KEEP_UPDATE_IDS`)."""

    __tablename__ = "button_presses"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    pressed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


USER_TABLES: tuple[type[Base], ...] = (
    DialogStateRow,
    TriageResultRow,
    PlanRow,
    ReminderRow,
    ExerciseLogRow,
    PainRatingRow,
    WeeklyReviewRow,
    WeeklyCheckinRow,
    OutboxRow,
    ButtonPressRow,
)
