"""Outbox delivery bookkeeping (attempts, errors, rejections) and the sync state.

0001 could only queue events. The push needs to know how often an event was tried and
why it failed, to keep a refused event visible with the store's code and reason instead
of retrying it forever, and to remember the /changes cursor between runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-19
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # SQLite can ADD COLUMN in place; NOT NULL columns need a server default so that
    # events queued before the upgrade become ordinary pending events.
    op.add_column("outbox", sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("outbox", sa.Column("last_error", sa.Text(), nullable=True))
    op.add_column(
        "outbox",
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
    )
    op.add_column("outbox", sa.Column("reject_code", sa.String(40), nullable=True))
    op.add_column("outbox", sa.Column("reject_reason", sa.Text(), nullable=True))
    op.create_index("ix_outbox_state_position", "outbox", ["state", "position"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_index("ix_outbox_state_position", table_name="outbox")
    # Dropping columns rebuilds the table; keep AUTOINCREMENT so positions stay unique.
    with op.batch_alter_table("outbox", table_kwargs={"sqlite_autoincrement": True}) as batch:
        for column in ("reject_reason", "reject_code", "state", "last_error", "attempts"):
            batch.drop_column(column)
