"""The print queue: labels waiting for, being sent to, or sent to a printer.

Jobs are kept after they print so that any recent label can be printed again with the
same bytes (``app.store.print_jobs``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("printer", sa.String(64), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("spooler_job", sa.String(200), nullable=False),
        sa.Column("reprint_of", sa.Integer(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_print_jobs_state_due", "print_jobs", ["state", "next_attempt_at"])
    op.create_index("ix_print_jobs_reference", "print_jobs", ["reference"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_reference", table_name="print_jobs")
    op.drop_index("ix_print_jobs_state_due", table_name="print_jobs")
    op.drop_table("print_jobs")
