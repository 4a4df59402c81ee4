"""Each barcode says how many units one scan of it stands for (a case label: 12).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("product_barcodes") as batch:
        batch.add_column(sa.Column("pack_qty", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("product_barcodes") as batch:
        batch.drop_column("pack_qty")
