"""Packages closed at a pack station keep their SSCC and what is in them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("order_packages") as batch:
        batch.add_column(sa.Column("sscc", sa.String(18), nullable=False, server_default=""))
        batch.add_column(sa.Column("contents", sa.String(4000), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("order_packages") as batch:
        batch.drop_column("contents")
        batch.drop_column("sscc")
