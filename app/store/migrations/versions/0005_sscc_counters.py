"""SSCC counters: the last serial this station issued per prefix, extension and station.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "sscc_counters",
        sa.Column("company_prefix", sa.String(10), primary_key=True),
        sa.Column("extension", sa.Integer(), primary_key=True),
        sa.Column("station", sa.Integer(), primary_key=True),
        sa.Column("last_counter", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sscc_counters")
