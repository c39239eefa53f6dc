"""user country for helplines

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:00:00.000000

`users.country` is the country whose helplines the user gets (DE, AT, CH, GB, OTHER), chosen
with /country; NULL means "derive it from the user's time zone". Batch mode keeps the
downgrade working on SQLite, which cannot drop a column in place on older versions.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("country")
