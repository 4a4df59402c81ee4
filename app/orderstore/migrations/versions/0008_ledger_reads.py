"""The ledger's reads: indexes on events for a time window and a station's newest
event, and when each station last called the store.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from app.dbtypes import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_at", "events", ["at"])
    op.create_index("ix_events_station_received", "events", ["station", "received_at"])
    op.create_table(
        "station_seen",
        sa.Column("station", sa.String(200), primary_key=True),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("station_seen")
    op.drop_index("ix_events_station_received", table_name="events")
    op.drop_index("ix_events_at", table_name="events")
