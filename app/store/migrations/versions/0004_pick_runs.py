"""Pick runs: which claimed orders a picker is picking, into which totes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "pick_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_pick_runs_open", "pick_runs", ["username", "finished_at"])
    op.create_table(
        "pick_run_orders",
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("pick_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("order_number", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tote", sa.String(40), nullable=True),
        sa.Column("claim_event", sa.String(36), nullable=False),
    )
    op.create_index("ix_pick_run_orders_order", "pick_run_orders", ["order_number"])


def downgrade() -> None:
    op.drop_index("ix_pick_run_orders_order", table_name="pick_run_orders")
    op.drop_table("pick_run_orders")
    op.drop_index("ix_pick_runs_open", table_name="pick_runs")
    op.drop_table("pick_runs")
