"""Events are known by station and id; refused events are found per station.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

The events table's key becomes ``(station, id)``: another station's reuse of an id
is then its own event, not a duplicate of the first. The separate index on
``station`` goes (the key starts with it), and a partial index on the refused
events of a station, newest last, lets the store keep only the newest of them.
"""

import sqlalchemy as sa
from alembic import op

from app.dbtypes import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REFUSED = sa.text("result = 'rejected'")
COLUMNS = (
    "id, type, station, username, order_number, at, received_at, result, code, reason, payload"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_events_station", table_name="events")
        op.drop_constraint("events_pkey", "events", type_="primary")
        op.create_primary_key("events_pkey", "events", ["station", "id"])
    else:
        _rebuild_sqlite(("station", "id"))
    op.create_index(
        "ix_events_refusals",
        "events",
        ["station", "received_at"],
        sqlite_where=REFUSED,
        postgresql_where=REFUSED,
    )


def downgrade() -> None:
    op.drop_index("ix_events_refusals", table_name="events")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("events_pkey", "events", type_="primary")
        op.create_primary_key("events_pkey", "events", ["id"])
    else:
        _rebuild_sqlite(("id",))
    op.create_index("ix_events_station", "events", ["station"])


def _rebuild_sqlite(key: tuple[str, ...]) -> None:
    # SQLite cannot change a primary key in place; the table is copied, as Alembic's
    # batch mode would do (whose reflection warns about the changed key).
    op.create_table(
        "events_rebuilt",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("station", sa.String(200), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("order_number", sa.String(40), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("result", sa.String(10), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name="events_pkey"),
    )
    op.execute(f"INSERT INTO events_rebuilt ({COLUMNS}) SELECT {COLUMNS} FROM events")
    op.drop_table("events")
    op.rename_table("events_rebuilt", "events")
    op.create_index("ix_events_order_number", "events", ["order_number"])
