"""The supervisor's queue, read from the station's database (SQLAlchemy Core).

Everything here is a bounded query: counts are aggregated by SQLite, a page is at most
``MAX_PAGE`` rows, lists are capped; nothing loads the 100,000 orders of a big day
into Python. Each function takes a ``Connection`` (a read transaction of the caller,
on the database worker lane) and returns frozen values.

**Paging.** ``page`` takes ``offset``/``limit`` over a stable order (the sort column,
then the order number): a table model asks for the rows that scroll into view. Filter
and sort run in SQL with the indexes of station migration 0010; the page's columns
that need the order lines (lines, quantities, progress) are aggregated for the page's
orders only, in a second query over the lines' primary key.

Two derived, station-local tables serve what the orders row does not hold:
``order_zones`` (the zone filter) and ``order_sums`` (sorting by lines or progress);
``app.supervisor.derived.refresh`` keeps them. The search box is resolved
first (``search_kind``: a SKU, a tote, else an order number's start), so each search
is one indexed condition.

What needs a person, what happened and who did what are in ``app.supervisor.floor``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    select,
)

from app.domain.model import OrderStatus, Priority
from app.store.models import (
    LocationRow,
    OrderLineRow,
    OrderRow,
    OrderSumRow,
    OrderZoneRow,
    OutboxRow,
    PrintJobRow,
    ProductRow,
    SyncStateRow,
    ToteRow,
    table_of,
)

MAX_PAGE = 500
MAX_LIST = 1000
DUE_SOON = timedelta(hours=1)

# Orders that still have work before the truck: what "overdue" is counted for.
OPEN_WORK = (
    OrderStatus.OPEN,
    OrderStatus.PICKING,
    OrderStatus.PICKED,
    OrderStatus.PACKING,
    OrderStatus.ON_HOLD,
)

_orders = table_of(OrderRow)
_lines = table_of(OrderLineRow)
_locations = table_of(LocationRow)
_outbox = table_of(OutboxRow)
_jobs = table_of(PrintJobRow)
_zones = table_of(OrderZoneRow)
_sums = table_of(OrderSumRow)
_products = table_of(ProductRow)
_totes = table_of(ToteRow)
_state = table_of(SyncStateRow)

# The statuses an order is in a tote in: a tote found by search is the one it is in now.
IN_TOTE = (OrderStatus.PICKING, OrderStatus.PICKED, OrderStatus.PACKING, OrderStatus.ON_HOLD)


# -- counts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusCount:
    """Orders in one status: all, past their cutoff, due within ``DUE_SOON``."""

    status: OrderStatus
    total: int
    overdue: int
    due_soon: int


def status_counts(
    conn: Connection, now: datetime, due_soon: timedelta = DUE_SOON
) -> list[StatusCount]:
    """One ``StatusCount`` per status (zeros included), in the vocabulary's order.

    Overdue and due-soon are counted for statuses with work left (``OPEN_WORK``);
    a packed, shipped or cancelled order is never late here.
    """
    cutoff = _orders.c.cutoff
    rows = conn.execute(
        select(
            _orders.c.status,
            func.count(),
            func.sum(case((cutoff < now, 1), else_=0)),
            func.sum(case((and_(cutoff >= now, cutoff < now + due_soon), 1), else_=0)),
        ).group_by(_orders.c.status)
    ).all()
    found = {row[0]: row for row in rows}
    counts = []
    for status in OrderStatus:
        row = found.get(status.value)
        total = int(row[1]) if row else 0
        late = status in OPEN_WORK and row is not None
        counts.append(
            StatusCount(
                status,
                total,
                int(row[2] or 0) if late and row else 0,
                int(row[3] or 0) if late and row else 0,
            )
        )
    return counts


# -- the orders table -------------------------------------------------------------------


class SortKey(enum.StrEnum):
    """The columns of the orders table, each sortable."""

    NUMBER = "number"
    STATUS = "status"
    PRIORITY = "priority"
    LINES = "lines"
    PROGRESS = "progress"
    PERSON = "person"
    STATION = "station"
    CUTOFF = "cutoff"
    CARRIER = "carrier"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the table shows; empty fields filter nothing.

    Attributes:
        statuses: only these statuses.
        zone: orders with a line picked from a bin in this zone.
        carrier: this carrier.
        person: assigned to (working on, or kept for) this username.
        priorities: only these priorities.
        search: an order number (or its start), a SKU on one of its lines, or a tote
            it was picked into.
    """

    statuses: tuple[OrderStatus, ...] = ()
    zone: str = ""
    carrier: str = ""
    person: str = ""
    priorities: tuple[Priority, ...] = ()
    search: str = ""


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One row of the orders table."""

    order_number: str
    status: OrderStatus
    priority: Priority
    cutoff: datetime
    carrier: str
    person: str | None
    station: str | None
    hold_reason: str
    lines: int
    qty: int
    picked: int
    short: int
    packed: int

    @property
    def progress(self) -> float:
        """Share of the work done, 0-1: picking (picked or short) is the first half,
        packing the second."""
        if not self.qty:
            return 0.0
        return (self.picked + self.short + self.packed) / (2 * self.qty)


def _conditions(flt: QueueFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.statuses:
        where.append(_orders.c.status.in_([s.value for s in flt.statuses]))
    if flt.priorities:
        # By rank: the column of ix_orders_priority (the priority's name has no index).
        where.append(_orders.c.priority_rank.in_([p.rank for p in flt.priorities]))
    if flt.carrier:
        where.append(_orders.c.carrier == flt.carrier)
    if flt.person:
        where.append(_orders.c.assigned_user == flt.person)
    if flt.zone:  # see derived.refresh
        where.append(
            exists(
                select(literal(1)).where(
                    _zones.c.zone == flt.zone, _zones.c.order_number == _orders.c.order_number
                )
            )
        )
    return where


class SearchKind(enum.StrEnum):
    """What the search box's text was taken for."""

    SKU = "sku"
    TOTE = "tote"
    NUMBER = "number"


def search_kind(conn: Connection, text: str) -> SearchKind:
    """A known SKU, else a known tote, else the start of an order number: one indexed
    condition, not an OR of three that only a scan of every order could answer."""
    if conn.execute(select(literal(1)).where(_products.c.sku == text)).first():
        return SearchKind.SKU
    if conn.execute(select(literal(1)).where(_totes.c.code == text)).first():
        return SearchKind.TOTE
    return SearchKind.NUMBER


def _search(conn: Connection, flt: QueueFilter) -> list[ColumnElement[bool]]:
    text = flt.search.strip()
    if not text:
        return []
    kind = search_kind(conn, text)
    if kind is SearchKind.SKU:
        return [
            _orders.c.order_number.in_(select(_lines.c.order_number).where(_lines.c.sku == text))
        ]
    if kind is SearchKind.TOTE:
        # Among the orders in a tote now, the tote as one of the comma-separated totes:
        # both read from ix_orders_status_cutoff (it carries the totes), not the rows.
        return [
            _orders.c.status.in_([s.value for s in IN_TOTE]),
            ("," + _orders.c.totes + ",").contains("," + text + ",", autoescape=True),
        ]
    # A range on the primary key: LIKE would not use it (SQLite's LIKE ignores case).
    return [and_(_orders.c.order_number >= text, _orders.c.order_number < text + "\uffff")]


def _sort_column(key: SortKey) -> ColumnElement[Any]:
    columns: dict[SortKey, ColumnElement[Any]] = {
        SortKey.NUMBER: _orders.c.order_number,
        SortKey.STATUS: _orders.c.status,
        SortKey.PRIORITY: _orders.c.priority_rank,
        SortKey.PERSON: _orders.c.assigned_user,
        SortKey.STATION: _orders.c.assigned_station,
        SortKey.CUTOFF: _orders.c.cutoff,
        SortKey.CARRIER: _orders.c.carrier,
    }
    if key is SortKey.LINES:
        return _sums.c.lines
    if key is SortKey.PROGRESS:
        return _sums.c.progress
    return columns[key]


def count(conn: Connection, flt: QueueFilter) -> int:
    """How many orders the filter lets through (the table's row count)."""
    if flt.zone and flt == QueueFilter(zone=flt.zone):  # the zone alone: its index range
        query = select(func.count()).where(_zones.c.zone == flt.zone)
        return int(conn.execute(query).scalar_one())
    return int(
        conn.execute(
            select(func.count()).select_from(_orders).where(*_conditions(flt), *_search(conn, flt))
        ).scalar_one()
    )


# Ties within a status, priority or carrier go by cutoff, then order number: the order
# of those columns' indexes (x, cutoff, order_number), which SQLite then reads instead
# of sorting (the last page of 100,000 too). Others go by order number.
_BY_CUTOFF = frozenset({SortKey.STATUS, SortKey.PRIORITY, SortKey.CARRIER})


def _ordering(sort: SortKey, descending: bool) -> list[ColumnElement[Any]]:
    columns = [_sort_column(sort)]
    if sort in _BY_CUTOFF:
        columns.append(_orders.c.cutoff)
    if sort in (SortKey.LINES, SortKey.PROGRESS):
        columns.append(_sums.c.order_number)  # the same number, in the sums' index
    elif sort is not SortKey.NUMBER:
        columns.append(_orders.c.order_number)
    return [column.desc() if descending else column.asc() for column in columns]


def sorted_numbers(
    conn: Connection, flt: QueueFilter, sort: SortKey, descending: bool
) -> Select[Any]:
    """The filtered order numbers in the table's order (a statement: ``page`` takes a
    slice of it, the CSV export streams all of it)."""
    return _filtered(conn, flt, sort).order_by(*_ordering(sort, descending))


def _filtered(conn: Connection, flt: QueueFilter, sort: SortKey) -> Select[Any]:
    query = select(_orders.c.order_number)
    if sort in (SortKey.LINES, SortKey.PROGRESS):  # see derived.refresh
        query = query.select_from(
            _sums.join(_orders, _orders.c.order_number == _sums.c.order_number)
        )
    return query.where(*_conditions(flt), *_search(conn, flt))


def page(
    conn: Connection,
    flt: QueueFilter,
    *,
    sort: SortKey = SortKey.CUTOFF,
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[QueueRow]:
    """Rows ``offset`` to ``offset + limit`` of the filtered, sorted table.

    The order is total (ties broken by order number, in the same direction), so
    consecutive pages neither repeat nor skip a row while the data stands still.
    One statement: the page's order numbers (from the sort's index), then their rows
    and line sums joined to them, in page order.

    Raises:
        ValueError: ``limit`` outside 1-``MAX_PAGE`` or a negative ``offset``.
    """
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise ValueError(f"a page is 1-{MAX_PAGE} rows from an offset of 0 or more")
    numbers = (
        sorted_numbers(conn, flt, sort, descending).limit(limit).offset(offset).subquery("numbers")
    )
    ranked = select(numbers.c.order_number, func.row_number().over().label("pos")).subquery(
        "ranked"
    )
    return _rows(conn, ranked)


def rows_of(conn: Connection, numbers: Sequence[str]) -> list[QueueRow]:
    """The table rows of ``numbers``, in that order (unknown numbers left out)."""
    if not numbers:
        return []
    position = {number: index for index, number in enumerate(numbers)}
    ranked = (
        select(_orders.c.order_number, literal(0).label("pos"))
        .where(_orders.c.order_number.in_(numbers))
        .subquery("ranked")
    )
    rows = _rows(conn, ranked)
    return sorted(rows, key=lambda row: position[row.order_number])


def _rows(conn: Connection, ranked: Any) -> list[QueueRow]:
    query = (
        select(
            _orders.c.order_number,
            _orders.c.status,
            _orders.c.priority,
            _orders.c.cutoff,
            _orders.c.carrier,
            _orders.c.assigned_user,
            _orders.c.assigned_station,
            _orders.c.hold_reason,
            func.count(_lines.c.line_no),
            func.coalesce(func.sum(_lines.c.qty), 0),
            func.coalesce(func.sum(_lines.c.picked_qty), 0),
            func.coalesce(func.sum(_lines.c.short_qty), 0),
            func.coalesce(func.sum(_lines.c.packed_qty), 0),
        )
        .select_from(
            ranked.join(_orders, _orders.c.order_number == ranked.c.order_number).outerjoin(
                _lines, _lines.c.order_number == _orders.c.order_number
            )
        )
        .group_by(ranked.c.pos, _orders.c.order_number)
        .order_by(ranked.c.pos)
    )
    return [
        QueueRow(
            order_number=row[0],
            status=OrderStatus(row[1]),
            priority=Priority(row[2]),
            cutoff=row[3],
            carrier=row[4],
            person=row[5],
            station=row[6],
            hold_reason=row[7],
            lines=int(row[8]),
            qty=int(row[9]),
            picked=int(row[10]),
            short=int(row[11]),
            packed=int(row[12]),
        )
        for row in conn.execute(query)
    ]


def position_of(
    conn: Connection,
    flt: QueueFilter,
    order_number: str,
    *,
    sort: SortKey = SortKey.CUTOFF,
    descending: bool = False,
) -> int | None:
    """The row index of ``order_number`` in the filtered, sorted table (``None``: not
    in it): a live update finds the selected order again after a pull."""
    ranked = (
        _filtered(conn, flt, sort)
        .add_columns(func.row_number().over(order_by=_ordering(sort, descending)).label("n"))
        .subquery()
    )
    found = conn.execute(select(ranked.c.n).where(ranked.c.order_number == order_number)).scalar()
    return None if found is None else int(found) - 1
