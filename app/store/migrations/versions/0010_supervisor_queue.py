"""The supervisor's queue: indexes to sort by any column and filter by SKU; the
orders' zones and line sums (derived from the lines, for the zone filter and the
sorts by lines and progress).

Revision ID: 0010
Revises: 0007 (0009 once the translations branch's 0008 and 0009 are merged)
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

INDEXES = {
    "ix_orders_cutoff": ("orders", ["cutoff", "order_number"]),
    "ix_orders_status_cutoff": ("orders", ["status", "cutoff", "order_number", "totes"]),
    "ix_orders_priority": ("orders", ["priority_rank", "cutoff", "order_number"]),
    "ix_orders_carrier": ("orders", ["carrier", "cutoff", "order_number"]),
    "ix_orders_user": ("orders", ["assigned_user", "order_number"]),
    "ix_orders_station": ("orders", ["assigned_station", "order_number"]),
    "ix_order_lines_sku": ("order_lines", ["sku", "order_number"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    # Filled by app.supervisor.queue.refresh, from the lines already stored too.
    op.create_table(
        "order_zones",
        sa.Column("zone", sa.String(40), primary_key=True),
        sa.Column("order_number", sa.String(40), primary_key=True),
    )
    op.create_table(
        "order_sums",
        sa.Column("order_number", sa.String(40), primary_key=True),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=True),
    )
    op.create_index("ix_order_sums_lines", "order_sums", ["lines", "order_number"])
    op.create_index("ix_order_sums_progress", "order_sums", ["progress", "order_number"])


def downgrade() -> None:
    op.drop_table("order_sums")
    op.drop_table("order_zones")
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
