"""Supervisors' PIN keys (proof of presence) and requests for one station.

Revision ID: 0007
Revises: 0005 (0006 once the per-user language migration is merged)
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from app.dbtypes import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervisor_pins",
        sa.Column("username", sa.String(40), sa.ForeignKey("users.username"), primary_key=True),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("kdf", sa.String(100), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "station_requests",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("station", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("order_number", sa.String(40), nullable=False),
        sa.Column("package_no", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
    )
    op.create_index("ix_station_requests_station_seq", "station_requests", ["station", "seq"])


def downgrade() -> None:
    op.drop_index("ix_station_requests_station_seq", table_name="station_requests")
    op.drop_table("station_requests")
    op.drop_table("supervisor_pins")
