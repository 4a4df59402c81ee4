"""Packages closed at a pack station keep their SSCC and what is in them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("packages") as batch:
        batch.add_column(sa.Column("sscc", sa.String(18), nullable=False, server_default=""))
        batch.add_column(sa.Column("contents", sa.String(4000), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("packages") as batch:
        batch.drop_column("contents")
        batch.drop_column("sscc")
