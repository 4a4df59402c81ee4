"""Each barcode keeps how many units one scan of it stands for, pulled from the store.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("product_barcodes") as batch:
        batch.add_column(sa.Column("pack_qty", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("product_barcodes") as batch:
        batch.drop_column("pack_qty")
