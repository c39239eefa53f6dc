"""indexes that keep the reminder dispatcher's tick flat in the number of plans and users

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 05:00:00.000000

The tick looks at plans changed since its previous run (`plans.updated_at`) and at holiday
pauses that are over (`plans.paused_until`); without these indexes both are scans of every
plan (README, "Benchmarks": the tick with 100,000 plans). The claim of due reminders is
ordered by (due_at, id): with `id` in the index PostgreSQL reads the first due row instead of
sorting every row due at the same instant (31 ms per claim with 100,000 due, spilling to disk).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_plans_updated_at", "plans", ["updated_at"])
    op.create_index("ix_plans_paused_until", "plans", ["paused_until"])
    op.drop_index("ix_reminders_status_due", table_name="reminders")
    op.create_index("ix_reminders_status_due", "reminders", ["status", "due_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_reminders_status_due", table_name="reminders")
    op.create_index("ix_reminders_status_due", "reminders", ["status", "due_at"])
    op.drop_index("ix_plans_paused_until", table_name="plans")
    op.drop_index("ix_plans_updated_at", table_name="plans")
