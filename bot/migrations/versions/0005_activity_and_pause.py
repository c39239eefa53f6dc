"""exercise log: what was done, how it felt, which message logged it; plans: a pause's end

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 18:00:00.000000

`sessions.activity` holds the activity type the activity reader found ("walk", "yoga", …;
NULL for a bare "done"), `sessions.felt` how it felt ("good" | "pain"; NULL when not said), and
`sessions.message_id` the Telegram message id of the typed message that logged it, so that an
edit of that message corrects the entry instead of logging a second one. `plans.paused_until`
is the last local day of a holiday pause (NULL: paused until /resume, or not paused).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as table:
        table.add_column(sa.Column("activity", sa.String(length=32), nullable=True))
        table.add_column(sa.Column("felt", sa.String(length=16), nullable=True))
        table.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("plans") as table:
        table.add_column(sa.Column("paused_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans") as table:
        table.drop_column("paused_until")
    with op.batch_alter_table("sessions") as table:
        table.drop_column("message_id")
        table.drop_column("felt")
        table.drop_column("activity")
