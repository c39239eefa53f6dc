"""button presses, so that the same press twice does nothing

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 10:00:00.000000

`button_presses` records each handled inline-button press by chat, message id, the message's
version (its edit time) and the button's data, in the turn's transaction: a second press of
the same button on the same message is recognised and only answered.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "button_presses",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("pressed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("chat_id", "message_id", "version", "data"),
    )
    op.create_index(op.f("ix_button_presses_user_id"), "button_presses", ["user_id"])
    op.create_index(op.f("ix_button_presses_pressed_at"), "button_presses", ["pressed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_button_presses_pressed_at"), table_name="button_presses")
    op.drop_index(op.f("ix_button_presses_user_id"), table_name="button_presses")
    op.drop_table("button_presses")
