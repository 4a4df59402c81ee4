"""Initial schema: catalogue, users, orders and the outbox of events.

Revision ID: 0001
Revises:
Create Date: 2026-01-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("sku", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("length_mm", sa.Integer(), nullable=False),
        sa.Column("width_mm", sa.Integer(), nullable=False),
        sa.Column("height_mm", sa.Integer(), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "product_barcodes",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column(
            "sku",
            sa.String(40),
            sa.ForeignKey("products.sku", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_product_barcodes_sku", "product_barcodes", ["sku"])
    op.create_table(
        "locations",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("zone", sa.String(40), nullable=False),
        sa.Column("aisle", sa.String(40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_index("ix_locations_sequence", "locations", ["sequence"])
    op.create_table(
        "totes",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("badge_code", sa.String(64), nullable=True),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_index("ix_users_badge_code", "users", ["badge_code"], unique=True)
    _create_orders()
    op.create_table(
        "outbox",
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("order_number", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_event_id", "outbox", ["event_id"], unique=True)
    op.create_index("ix_outbox_order_number", "outbox", ["order_number"])


def _create_orders() -> None:
    op.create_table(
        "orders",
        sa.Column("order_number", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("carrier", sa.String(64), nullable=False),
        sa.Column("ship_to_name", sa.String(200), nullable=False),
        sa.Column("ship_to_street", sa.String(200), nullable=False),
        sa.Column("ship_to_city", sa.String(200), nullable=False),
        sa.Column("ship_to_postcode", sa.String(40), nullable=False),
        sa.Column("ship_to_country", sa.String(64), nullable=False),
        sa.Column("assigned_station", sa.String(64), nullable=True),
        sa.Column("assigned_user", sa.String(64), nullable=True),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("held_from", sa.String(16), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_orders_queue",
        "orders",
        ["status", sa.text("priority_rank DESC"), "cutoff", "order_number"],
    )
    op.create_table(
        "order_lines",
        sa.Column(
            "order_number",
            sa.String(40),
            sa.ForeignKey("orders.order_number", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(40), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("picked_qty", sa.Integer(), nullable=False),
        sa.Column("short_qty", sa.Integer(), nullable=False),
        sa.Column("packed_qty", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(64), nullable=True),
    )
    op.create_table(
        "order_packages",
        sa.Column(
            "order_number",
            sa.String(40),
            sa.ForeignKey("orders.order_number", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("package_no", sa.Integer(), primary_key=True),
        sa.Column("box", sa.String(64), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("tracking", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "outbox",
        "order_packages",
        "order_lines",
        "orders",
        "users",
        "totes",
        "locations",
        "product_barcodes",
        "products",
    ):
        op.drop_table(table)
