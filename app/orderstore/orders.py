"""Reading and writing orders and the other pulled rows as domain objects.

Queries use SQLAlchemy Core: a page of 5,000 orders with their lines is built from
row tuples, not ORM objects, because the pull is the store's hottest read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.domain import wire
from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Package,
    Priority,
    Product,
    Role,
    ShipTo,
    Tote,
    User,
)
from app.orderstore.models import (
    BarcodeRow,
    Counter,
    EventRow,
    LocationRow,
    OrderLineRow,
    OrderRow,
    PackageRow,
    ProductRow,
    ToteRow,
    UserRow,
)


def now() -> datetime:
    return datetime.now(UTC)


def order_doc(order: Order, seq: int) -> str:
    """The order's JSON as a /changes page carries it (``seq`` included)."""
    data = wire.order_to_json(order)
    data["seq"] = seq
    return json.dumps(data, separators=(",", ":"))


def backfill_docs(session: Session, batch: int = 1000) -> int:
    """Write the JSON document of every order that has none (after an upgrade)."""
    filled = 0
    while True:
        missing = order_query().where(OrderRow.doc.is_(None)).limit(batch)
        found = load_orders(session, missing)
        if not found:
            return filled
        session.execute(
            update(OrderRow),
            [{"order_number": o.order_number, "doc": order_doc(o, seq)} for seq, o in found],
        )
        filled += len(found)


def take_seq(session: Session, count: int = 1) -> int:
    """Reserve ``count`` change numbers; returns the highest (the block ends there).

    The counter row stays locked until the transaction ends, so numbers are handed
    out in commit order and a reader of ``/changes`` never skips a late commit.
    """
    stmt = (
        update(Counter)
        .where(Counter.name == "changes")
        .values(value=Counter.value + count)
        .returning(Counter.value)
    )
    return int(session.execute(stmt).scalar_one())


_ORDER_COLUMNS = (
    OrderRow.order_number,
    OrderRow.status,
    OrderRow.priority,
    OrderRow.cutoff,
    OrderRow.carrier,
    OrderRow.ship_name,
    OrderRow.ship_street,
    OrderRow.ship_city,
    OrderRow.ship_postcode,
    OrderRow.ship_country,
    OrderRow.assigned_station,
    OrderRow.assigned_user,
    OrderRow.hold_reason,
    OrderRow.held_from,
    OrderRow.totes,
    OrderRow.seq,
)


def order_query() -> Select[Any]:
    """The columns ``load_orders`` needs; callers add where/order/limit."""
    return cast("Select[Any]", select(*_ORDER_COLUMNS))


def load_orders(session: Session, query: Select[Any]) -> list[tuple[int, Order]]:
    """Run an ``order_query()`` and return ``(seq, Order)`` pairs with lines and packages."""
    heads = session.execute(query).all()
    if not heads:
        return []
    lines: dict[str, list[OrderLine]] = defaultdict(list)
    packages: dict[str, list[Package]] = defaultdict(list)
    for numbers in _chunks([head.order_number for head in heads]):
        _load_children(session, numbers, lines, packages)
    return [
        (
            head.seq,
            Order(
                order_number=head.order_number,
                status=OrderStatus(head.status),
                priority=Priority(head.priority),
                cutoff=head.cutoff,
                carrier=head.carrier,
                ship_to=ShipTo(
                    head.ship_name,
                    head.ship_street,
                    head.ship_city,
                    head.ship_postcode,
                    head.ship_country,
                ),
                assigned_station=head.assigned_station,
                assigned_user=head.assigned_user,
                hold_reason=head.hold_reason,
                held_from=OrderStatus(head.held_from) if head.held_from else None,
                lines=lines[head.order_number],
                packages=packages[head.order_number],
                totes=tuple(head.totes.split(",")) if head.totes else (),
            ),
        )
        for head in heads
    ]


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    # Explicit key lists, not a subquery: a subquery would run again and could see
    # rows a concurrent commit changed in between.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load_children(
    session: Session,
    numbers: list[str],
    lines: dict[str, list[OrderLine]],
    packages: dict[str, list[Package]],
) -> None:
    for row in session.execute(
        select(
            OrderLineRow.order_number,
            OrderLineRow.line_no,
            OrderLineRow.sku,
            OrderLineRow.qty,
            OrderLineRow.picked_qty,
            OrderLineRow.short_qty,
            OrderLineRow.packed_qty,
            OrderLineRow.location,
        )
        .where(OrderLineRow.order_number.in_(numbers))
        .order_by(OrderLineRow.order_number, OrderLineRow.line_no)
    ):
        lines[row[0]].append(OrderLine(*row[1:]))
    for package in session.execute(
        select(
            PackageRow.order_number,
            PackageRow.package_no,
            PackageRow.box,
            PackageRow.weight_g,
            PackageRow.tracking,
            PackageRow.sscc,
            PackageRow.contents,
        )
        .where(PackageRow.order_number.in_(numbers))
        .order_by(PackageRow.order_number, PackageRow.package_no)
    ):
        number, package_no, box, weight_g, tracking, sscc, contents = package
        packages[number].append(
            Package(package_no, box, weight_g, tracking, sscc, Package.contents_from(contents))
        )


def get_order(session: Session, order_number: str, *, lock: bool = False) -> Order | None:
    """One order, or ``None``; ``lock`` takes its row lock (PostgreSQL) for a change."""
    query = order_query().where(OrderRow.order_number == order_number)
    if lock:
        query = query.with_for_update()
    found = load_orders(session, query)
    return found[0][1] if found else None


_ORDERS = cast(Table, OrderRow.__table__)
_LINES = cast(Table, OrderLineRow.__table__)
_PACKAGES = cast(Table, PackageRow.__table__)
# Core statements with named parameters, built once: executemany over a batch's orders
# without the ORM's per-statement work.
_UPDATE_ORDER = (
    update(_ORDERS)
    .where(_ORDERS.c.order_number == bindparam("key"))
    .values(
        status=bindparam("status"),
        priority=bindparam("priority"),
        assigned_station=bindparam("assigned_station"),
        assigned_user=bindparam("assigned_user"),
        hold_reason=bindparam("hold_reason"),
        held_from=bindparam("held_from"),
        totes=bindparam("totes"),
        updated_at=bindparam("updated_at"),
        seq=bindparam("seq"),
        doc=bindparam("doc"),
    )
)
_UPDATE_LINE = (
    update(_LINES)
    .where(_LINES.c.order_number == bindparam("key"), _LINES.c.line_no == bindparam("line"))
    .values(
        picked_qty=bindparam("picked_qty"),
        short_qty=bindparam("short_qty"),
        packed_qty=bindparam("packed_qty"),
    )
)


def save_order(session: Session, before: Order, after: Order, seq: int) -> None:
    """Write what changed from ``before`` to ``after``, with change number ``seq``."""
    save_orders(session, [(before, after, seq)])


def save_orders(session: Session, changes: list[tuple[Order, Order, int]]) -> None:
    """Write many orders' changes: one statement per table, executemany underneath."""
    if not changes:
        return
    stamp = now()
    orders, lines, packages = [], [], []
    for before, after, seq in changes:
        orders.append(
            {
                "key": after.order_number,
                "status": after.status.value,
                "priority": after.priority.value,
                "assigned_station": after.assigned_station,
                "assigned_user": after.assigned_user,
                "hold_reason": after.hold_reason,
                "held_from": after.held_from.value if after.held_from else None,
                "totes": ",".join(after.totes),
                "updated_at": stamp,
                "seq": seq,
                "doc": order_doc(after, seq),
            }
        )
        old_lines = {line.line_no: line for line in before.lines}
        for line in after.lines:
            old = old_lines[line.line_no]
            counts = (line.picked_qty, line.short_qty, line.packed_qty)
            if (old.picked_qty, old.short_qty, old.packed_qty) != counts:
                lines.append(
                    {
                        "key": after.order_number,
                        "line": line.line_no,
                        "picked_qty": line.picked_qty,
                        "short_qty": line.short_qty,
                        "packed_qty": line.packed_qty,
                    }
                )
        packages += [
            {
                "order_number": after.order_number,
                "package_no": p.package_no,
                "box": p.box,
                "weight_g": p.weight_g,
                "tracking": p.tracking,
                "sscc": p.sscc,
                "contents": p.contents_text,
            }
            for p in after.packages[len(before.packages) :]
        ]
    connection = session.connection()
    connection.execute(_UPDATE_ORDER, orders)
    if lines:
        connection.execute(_UPDATE_LINE, lines)
    if packages:
        connection.execute(insert(_PACKAGES), packages)


def get_orders(session: Session, numbers: list[str], *, lock: bool = False) -> dict[str, Order]:
    """The orders among ``numbers`` that exist, by number; ``lock`` takes their row locks
    (in number order, so two batches never wait for each other crosswise)."""
    found: dict[str, Order] = {}
    for part in _chunks(sorted(numbers)):
        query = order_query().where(OrderRow.order_number.in_(part)).order_by(OrderRow.order_number)
        if lock:
            query = query.with_for_update()
        found.update((order.order_number, order) for _, order in load_orders(session, query))
    return found


def recorded_events(
    session: Session, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], EventRow]:
    """The events among ``keys`` (``(station, id)``) received before, by key."""
    ids_by_station: dict[str, list[str]] = defaultdict(list)
    for station, event_id in keys:
        ids_by_station[station].append(event_id)
    found: dict[tuple[str, str], EventRow] = {}
    for station, ids in sorted(ids_by_station.items()):
        for part in _chunks(ids):
            rows = session.execute(
                select(EventRow).where(EventRow.station == station, EventRow.id.in_(part))
            ).scalars()
            found.update(((row.station, row.id), row) for row in rows)
    return found


# A literal, not a bound parameter: SQLite uses the partial index ix_events_refusals
# only for a query whose WHERE names its condition as written.
_REFUSED = EventRow.result == literal_column("'rejected'")


def prune_refusals(session: Session, station: str, keep: int) -> int:
    """Forget all but the newest ``keep`` refused events of ``station``; returns how many."""
    newest = (
        select(EventRow.id)
        .where(EventRow.station == station, _REFUSED)
        .order_by(EventRow.received_at.desc(), EventRow.id.desc())
        .limit(keep)
    )
    table = cast(Table, EventRow.__table__)
    result = session.connection().execute(
        delete(table).where(
            table.c.station == station,
            table.c.result == literal_column("'rejected'"),
            table.c.id.not_in(newest.scalar_subquery()),
        )
    )
    return int(result.rowcount)


def get_users(session: Session, usernames: set[str]) -> dict[str, User]:
    rows = session.execute(select(UserRow).where(UserRow.username.in_(sorted(usernames)))).scalars()
    return {r.username: _user(r) for r in rows}


def changed_order_docs(session: Session, since: int, limit: int) -> list[tuple[int, str]]:
    """``(seq, JSON document)`` of the orders changed after ``since``, oldest first."""
    rows = session.execute(
        select(OrderRow.seq, OrderRow.doc)
        .where(OrderRow.seq > since)
        .order_by(OrderRow.seq)
        .limit(limit)
    ).all()
    if any(doc is None for _, doc in rows):  # written before documents existed
        backfill_docs(session)
        return changed_order_docs(session, since, limit)
    return [(seq, doc) for seq, doc in rows if doc is not None]


def get_user(session: Session, username: str) -> User | None:
    row = session.get(UserRow, username)
    return None if row is None else _user(row)


def _user(row: UserRow) -> User:
    return User(
        username=row.username,
        display_name=row.display_name,
        badge_code=row.badge_code,
        roles=frozenset(Role(r) for r in row.roles.split(",") if r),
        active=row.active,
        language=row.language or "",
    )


def changed_products(session: Session, since: int, limit: int) -> list[tuple[int, Product]]:
    heads = session.execute(
        select(
            ProductRow.seq,
            ProductRow.sku,
            ProductRow.name,
            ProductRow.length_mm,
            ProductRow.width_mm,
            ProductRow.height_mm,
            ProductRow.weight_g,
            ProductRow.location,
            ProductRow.active,
        )
        .where(ProductRow.seq > since)
        .order_by(ProductRow.seq)
        .limit(limit)
    ).all()
    if not heads:
        return []
    codes: dict[str, list[Barcode]] = defaultdict(list)
    for skus in _chunks([row.sku for row in heads]):
        for sku, code, kind, qty in session.execute(
            select(BarcodeRow.sku, BarcodeRow.code, BarcodeRow.kind, BarcodeRow.pack_qty)
            .where(BarcodeRow.sku.in_(skus))
            .order_by(BarcodeRow.sku, BarcodeRow.code)
        ):
            codes[sku].append(Barcode(code, BarcodeKind(kind), qty))
    return [
        (
            row.seq,
            Product(
                sku=row.sku,
                name=row.name,
                barcodes=tuple(codes[row.sku]),
                length_mm=row.length_mm,
                width_mm=row.width_mm,
                height_mm=row.height_mm,
                weight_g=row.weight_g,
                location=row.location,
                active=row.active,
            ),
        )
        for row in heads
    ]


def changed_locations(session: Session, since: int, limit: int) -> list[tuple[int, Location]]:
    rows = session.execute(
        select(LocationRow).where(LocationRow.seq > since).order_by(LocationRow.seq).limit(limit)
    ).scalars()
    return [(r.seq, Location(r.code, r.zone, r.aisle, r.sequence, r.active)) for r in rows]


def changed_totes(session: Session, since: int, limit: int) -> list[tuple[int, Tote]]:
    rows = session.execute(
        select(ToteRow).where(ToteRow.seq > since).order_by(ToteRow.seq).limit(limit)
    ).scalars()
    return [(r.seq, Tote(r.code, r.active)) for r in rows]


def changed_users(session: Session, since: int, limit: int) -> list[tuple[int, User]]:
    rows = session.execute(
        select(UserRow).where(UserRow.seq > since).order_by(UserRow.seq).limit(limit)
    ).scalars()
    return [(r.seq, _user(r)) for r in rows]


def max_seq(session: Session, tables: Iterable[Any]) -> int:
    """The highest change number in use across ``tables`` (0 when all are empty)."""
    best = 0
    for table in tables:
        value = session.execute(select(func.max(table.seq))).scalar()
        best = max(best, int(value or 0))
    return best


PULLED_TABLES: Sequence[Any] = (ProductRow, LocationRow, ToteRow, UserRow, OrderRow)
