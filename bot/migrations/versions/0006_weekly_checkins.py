"""weekly check-ins (PEG-3) and the user's choice to get them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 10:00:00.000000

`weekly_checkins` holds one row per user and local week (the Monday, `week_start`) with the
three PEG answers 0–10 – average pain, interference with enjoyment of life, interference with
general activity (Krebs et al. 2009) – and when they were given (`answered_at`, UTC); the
unique (user_id, week_start) key makes a double tap or a redelivered update count once.
`users.weekly_checkin` is the opt-in: true on, false turned off, NULL never chosen.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "weekly_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("pain", sa.SmallInteger(), nullable=False),
        sa.Column("enjoyment", sa.SmallInteger(), nullable=False),
        sa.Column("activity", sa.SmallInteger(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name="ck_weekly_checkins_pain"),
        sa.CheckConstraint("enjoyment BETWEEN 0 AND 10", name="ck_weekly_checkins_enjoyment"),
        sa.CheckConstraint("activity BETWEEN 0 AND 10", name="ck_weekly_checkins_activity"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "week_start", name="uq_weekly_checkins_week"),
    )
    op.add_column("users", sa.Column("weekly_checkin", sa.Boolean(), nullable=True))


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies and drops `users`, and with foreign keys on
    # the drop cascades to every row that refers to it. SQLite ≥ 3.35 drops a column in place.
    op.drop_column("users", "weekly_checkin")
    op.drop_table("weekly_checkins")
