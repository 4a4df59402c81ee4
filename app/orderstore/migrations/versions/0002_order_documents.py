"""Each order keeps its ready-made JSON document for the stations' pull.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

The column is filled for existing orders by ``app.orderstore.db.upgrade`` right after
the migrations run (``orders.backfill_docs``), so this migration needs no app code.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("doc", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("doc")
