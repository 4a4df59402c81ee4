"""The order store's first schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from app.dbtypes import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(
        sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger)),
        [{"name": "changes", "value": 0}],
    )
    op.create_table(
        "products",
        sa.Column("sku", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("length_mm", sa.Integer(), nullable=False),
        sa.Column("width_mm", sa.Integer(), nullable=False),
        sa.Column("height_mm", sa.Integer(), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(40), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_table(
        "product_barcodes",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("sku", sa.String(40), sa.ForeignKey("products.sku"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
    )
    op.create_index("ix_product_barcodes_sku", "product_barcodes", ["sku"])
    op.create_table(
        "locations",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("zone", sa.String(20), nullable=False),
        sa.Column("aisle", sa.String(20), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_index("ix_locations_sequence", "locations", ["sequence"])
    op.create_table(
        "totes",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(40), primary_key=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("badge_code", sa.String(64), nullable=False, unique=True),
        sa.Column("roles", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_table(
        "orders",
        sa.Column("order_number", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("cutoff", UTCDateTime(), nullable=False),
        sa.Column("carrier", sa.String(40), nullable=False),
        sa.Column("ship_name", sa.String(100), nullable=False),
        sa.Column("ship_street", sa.String(200), nullable=False),
        sa.Column("ship_city", sa.String(100), nullable=False),
        sa.Column("ship_postcode", sa.String(20), nullable=False),
        sa.Column("ship_country", sa.String(2), nullable=False),
        sa.Column("assigned_station", sa.String(200), nullable=True),
        sa.Column("assigned_user", sa.String(200), nullable=True),
        sa.Column("hold_reason", sa.String(200), nullable=False),
        sa.Column("held_from", sa.String(12), nullable=True),
        sa.Column("cancel_reason", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_index("ix_orders_status_cutoff", "orders", ["status", "cutoff"])
    op.create_table(
        "order_lines",
        sa.Column(
            "order_number",
            sa.String(40),
            sa.ForeignKey("orders.order_number"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(40), sa.ForeignKey("products.sku"), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("picked_qty", sa.Integer(), nullable=False),
        sa.Column("short_qty", sa.Integer(), nullable=False),
        sa.Column("packed_qty", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(40), nullable=True),
    )
    op.create_table(
        "packages",
        sa.Column(
            "order_number",
            sa.String(40),
            sa.ForeignKey("orders.order_number"),
            primary_key=True,
        ),
        sa.Column("package_no", sa.Integer(), primary_key=True),
        sa.Column("box", sa.String(200), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("tracking", sa.String(200), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("station", sa.String(200), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("order_number", sa.String(40), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("result", sa.String(10), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
    )
    op.create_index("ix_events_station", "events", ["station"])
    op.create_index("ix_events_order_number", "events", ["order_number"])
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("station", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("roles", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "tokens",
        "events",
        "packages",
        "order_lines",
        "orders",
        "users",
        "totes",
        "locations",
        "product_barcodes",
        "products",
        "counters",
    ):
        op.drop_table(table)
