"""Supervisors' requests to this station (label reprints), as its pulls bring them,
and whether the station acted on them (``app.store.models.StationRequestRow``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "station_requests",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("order_number", sa.String(40), nullable=False),
        sa.Column("package_no", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("jobs", sa.Text(), nullable=False),
        sa.Column("acted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_station_requests_state", "station_requests", ["state", "seq"])


def downgrade() -> None:
    op.drop_table("station_requests")
