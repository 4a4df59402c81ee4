"""What the supervisor's screen reads besides the table's pages: the filters' choices,
one order's lines, and the whole filtered view as CSV.

Bounded like ``app.supervisor.queue``: choices are capped at ``MAX_CHOICES``, an order
has at most a few hundred lines, and the export streams its rows (one statement,
fetched in chunks) instead of holding the day in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Connection, select

from app.domain.model import OrderStatus, Priority, Role
from app.store.models import (
    LocationRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    UserRow,
    table_of,
)
from app.supervisor.queue import QueueFilter, QueueRow, SortKey, rows_of, sorted_numbers

MAX_CHOICES = 200
EXPORT_CHUNK = 1000

_orders = table_of(OrderRow)
_lines = table_of(OrderLineRow)
_locations = table_of(LocationRow)
_products = table_of(ProductRow)
_users = table_of(UserRow)


@dataclass(frozen=True, slots=True)
class Person:
    username: str
    display_name: str
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class Choices:
    """What the filters and the actions offer: zones, carriers, people, stations."""

    zones: tuple[str, ...]
    carriers: tuple[str, ...]
    people: tuple[Person, ...]
    stations: tuple[str, ...]

    def pickers(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if Role.PICKER in p.roles)


def choices(conn: Connection, *, station: str = "") -> Choices:
    """The values the filters can take now (each list capped at ``MAX_CHOICES``).

    Stations are those holding an order now, and ``station`` (this one): a reprint
    goes to a station that printed the order, and a station that holds nothing is
    seldom the one asked.
    """
    zones = conn.execute(
        select(_locations.c.zone).distinct().order_by(_locations.c.zone).limit(MAX_CHOICES)
    ).scalars()
    carriers = conn.execute(
        select(_orders.c.carrier)
        .where(_orders.c.carrier != "")
        .distinct()
        .order_by(_orders.c.carrier)
        .limit(MAX_CHOICES)
    ).scalars()
    people = []
    for row in conn.execute(
        select(_users.c.username, _users.c.display_name, _users.c.roles)
        .where(_users.c.active.is_(True))
        .order_by(_users.c.display_name, _users.c.username)
        .limit(MAX_CHOICES)
    ):
        roles = frozenset(Role(r) for r in row.roles.split(",") if r in Role.__members__.values())
        people.append(Person(row.username, row.display_name, roles))
    held = set(
        conn.execute(
            select(_orders.c.assigned_station)
            .where(_orders.c.assigned_station.is_not(None))
            .distinct()
            .limit(MAX_CHOICES)
        ).scalars()
    )
    if station:
        held.add(station)
    return Choices(tuple(zones), tuple(carriers), tuple(people), tuple(sorted(held)))


@dataclass(frozen=True, slots=True)
class LineView:
    """One line of an order as the details pane shows it."""

    line_no: int
    sku: str
    name: str
    location: str
    qty: int
    picked: int
    short: int
    packed: int


@dataclass(frozen=True, slots=True)
class OrderDetail:
    row: QueueRow
    lines: tuple[LineView, ...]
    totes: tuple[str, ...]
    ship_to: str


def order_detail(conn: Connection, order_number: str) -> OrderDetail | None:
    """The order's row, its lines (by line number) and where it goes; ``None`` when the
    station does not know it (any more)."""
    found = rows_of(conn, [order_number])
    if not found:
        return None
    head = conn.execute(
        select(_orders.c.totes, _orders.c.ship_to_name, _orders.c.ship_to_city).where(
            _orders.c.order_number == order_number
        )
    ).one()
    lines = tuple(
        LineView(
            row.line_no,
            row.sku,
            row.name or "",
            row.location or "",
            row.qty,
            row.picked_qty,
            row.short_qty,
            row.packed_qty,
        )
        for row in conn.execute(
            select(
                _lines.c.line_no,
                _lines.c.sku,
                _products.c.name,
                _lines.c.location,
                _lines.c.qty,
                _lines.c.picked_qty,
                _lines.c.short_qty,
                _lines.c.packed_qty,
            )
            .outerjoin(_products, _products.c.sku == _lines.c.sku)
            .where(_lines.c.order_number == order_number)
            .order_by(_lines.c.line_no)
        )
    )
    totes = tuple(t for t in (head.totes or "").split(",") if t)
    ship_to = ", ".join(part for part in (head.ship_to_name, head.ship_to_city) if part)
    return OrderDetail(found[0], lines, totes, ship_to)


def export_csv(
    conn: Connection,
    flt: QueueFilter,
    out: TextIO,
    *,
    header: Sequence[str],
    cells: Callable[[QueueRow], Sequence[object]],
    sort: SortKey = SortKey.CUTOFF,
    descending: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write the filtered, sorted view to ``out`` as CSV (RFC 4180, ``header`` first).

    ``header`` and ``cells`` come from the screen: what a column is called and how a
    value reads are the reader's language, not this module's. Rows are fetched
    ``EXPORT_CHUNK`` at a time from one statement, so 100,000 orders never sit in
    memory at once.

    Returns:
        The number of rows written (not counting the header).
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    written = 0
    numbers: list[str] = []
    result = conn.execution_options(yield_per=EXPORT_CHUNK).execute(
        sorted_numbers(conn, flt, sort, descending)
    )
    for partition in result.partitions(EXPORT_CHUNK):
        if cancelled():
            break
        numbers = [row[0] for row in partition]
        for row in rows_of(conn, numbers):
            writer.writerow(cells(row))
            written += 1
    return written


def order_statuses() -> tuple[OrderStatus, ...]:
    """The statuses the filter offers, in the vocabulary's order."""
    return tuple(OrderStatus)


def priorities() -> tuple[Priority, ...]:
    """Priorities, most urgent first (as the supervisor thinks of them)."""
    return tuple(sorted(Priority, key=lambda p: -p.rank))
