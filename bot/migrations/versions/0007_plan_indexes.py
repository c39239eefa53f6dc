"""indexes that keep the reminder dispatcher's tick flat in the number of plans

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 05:00:00.000000

The tick looks at plans changed since its previous run (`plans.updated_at`) and at holiday
pauses that are over (`plans.paused_until`); without these indexes both are scans of every
plan (README, "Benchmarks": the tick with 100,000 plans).
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


def downgrade() -> None:
    op.drop_index("ix_plans_paused_until", table_name="plans")
    op.drop_index("ix_plans_updated_at", table_name="plans")
