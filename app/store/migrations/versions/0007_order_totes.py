"""The totes each order was picked into, for packing to find it by.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "order_totes",
        sa.Column(
            "order_number",
            sa.String(40),
            sa.ForeignKey("orders.order_number", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tote", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_order_totes_tote", "order_totes", ["tote"])


def downgrade() -> None:
    op.drop_index("ix_order_totes_tote", table_name="order_totes")
    op.drop_table("order_totes")
