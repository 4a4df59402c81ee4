"""The ledger's reads: a pick's units as a column of events (filled in for the events
already there), indexes for a time window and a station's newest event, and when each
station last called the store.

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
    op.add_column("events", sa.Column("qty", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        units = "CAST(CAST(payload AS jsonb) -> 'payload' ->> 'qty' AS INTEGER)"
    else:
        units = "CAST(json_extract(payload, '$.payload.qty') AS INTEGER)"
    op.execute(f"UPDATE events SET qty = {units} WHERE type = 'line.picked'")
    op.create_index("ix_events_window", "events", ["at", "result", "username", "type", "qty"])
    op.create_index("ix_events_station_received", "events", ["station", "received_at", "at"])
    op.create_table(
        "station_seen",
        sa.Column("station", sa.String(200), primary_key=True),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("station_seen")
    op.drop_index("ix_events_station_received", table_name="events")
    op.drop_index("ix_events_window", table_name="events")
    op.drop_column("events", "qty")
