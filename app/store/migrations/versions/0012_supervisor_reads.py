"""The supervisor's reads that still scanned every order: the orders pulled since the
derived tables were made (``orders.seq``), and the lines reported short (a partial
index: a day's few shorts among its half a million lines).

Measured with 100,000 orders (benchmarks ``supervisor``): the exceptions' shorts went
from 540-640 ms to 40-80 ms, ``queue.refresh`` after a pull of 300 orders from
134-260 ms to about 20 ms.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_orders_seq", "orders", ["seq"])
    op.create_index(
        "ix_order_lines_short",
        "order_lines",
        ["order_number"],
        sqlite_where=sa.text("short_qty > 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_order_lines_short", "order_lines")
    op.drop_index("ix_orders_seq", "orders")
