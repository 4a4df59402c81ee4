"""The supervisor queue's derived, station-local tables: ``order_zones`` (the zone
filter) and ``order_sums`` (sorting by lines or progress), which hold what the orders
row does not. ``refresh`` keeps them: run it on the database lane after each pull and
after recording at this station, before the queue's queries (``app.supervisor.queue``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, func, select

from app.store.models import (
    LocationRow,
    OrderLineRow,
    OrderRow,
    OrderSumRow,
    OrderZoneRow,
    OutboxRow,
    SyncStateRow,
    table_of,
)

_orders = table_of(OrderRow)
_lines = table_of(OrderLineRow)
_locations = table_of(LocationRow)
_outbox = table_of(OutboxRow)
_zones = table_of(OrderZoneRow)
_sums = table_of(OrderSumRow)
_state = table_of(SyncStateRow)

DERIVED_DONE = "supervisor_derived"
"""The ``sync_state`` key of ``refresh``: ``"<orders seq>:<locations seq>"`` done."""


def refresh(conn: Connection) -> int:
    """Bring ``order_zones`` and ``order_sums`` up to date; the caller commits (a write:
    run it on the database lane after a pull, and after recording at this station).

    New orders (a ``seq`` above the last done) get their zones and sums; orders with
    events in this station's outbox (local changes the store has not sent back yet)
    get their sums again; should any bin have changed (its ``seq`` moved), every
    order's zones are made again. Sorting by lines or progress reads ``order_sums``:
    an order pulled but not yet refreshed is missing from those two sorts until then.

    Returns:
        How many new orders were looked at (0 when nothing was new).
    """
    local = select(_outbox.c.order_number).distinct()
    _write_sums(conn, local)
    done = conn.execute(select(_state.c.value).where(_state.c.key == DERIVED_DONE)).scalar()
    orders_done, locations_done = (int(part) for part in (done or "0:0").split(":"))
    top_order = int(conn.execute(select(func.max(_orders.c.seq))).scalar() or 0)
    top_location = int(conn.execute(select(func.max(_locations.c.seq))).scalar() or 0)
    if (top_order, top_location) == (orders_done, locations_done):
        return 0
    fresh = select(_orders.c.order_number).where(_orders.c.seq > orders_done)
    _write_sums(conn, fresh)
    if top_location != locations_done:
        conn.execute(_zones.delete())
        fresh = select(_orders.c.order_number).where(_orders.c.seq > 0)
    derived = (
        select(_locations.c.zone, _lines.c.order_number)
        .join(_locations, _locations.c.code == _lines.c.location)
        .where(_lines.c.order_number.in_(fresh))
        .distinct()
    )
    conn.execute(
        _zones.insert().prefix_with("OR IGNORE").from_select(["zone", "order_number"], derived)
    )
    new = select(_orders.c.order_number).where(_orders.c.seq > orders_done).subquery()
    looked = int(conn.execute(select(func.count()).select_from(new)).scalar_one())
    value = f"{top_order}:{top_location}"
    if done is None:
        conn.execute(_state.insert().values(key=DERIVED_DONE, value=value))
    else:
        conn.execute(_state.update().where(_state.c.key == DERIVED_DONE).values(value=value))
    return looked


def _write_sums(conn: Connection, numbers: Select[Any]) -> None:
    qty = func.sum(_lines.c.qty)
    done = func.sum(_lines.c.picked_qty + _lines.c.short_qty + _lines.c.packed_qty)
    sums = (
        select(
            _lines.c.order_number,
            func.count(),
            done * 1.0 / func.nullif(qty, 0),
        )
        .where(_lines.c.order_number.in_(numbers))
        .group_by(_lines.c.order_number)
    )
    conn.execute(
        _sums.insert()
        .prefix_with("OR REPLACE")
        .from_select(["order_number", "lines", "progress"], sums)
    )
