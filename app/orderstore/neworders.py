"""New orders into the store, in bulk: the ERP call (``POST /api/v1/orders``) and
``scanpack-store import orders`` write through ``create_orders``.

An order is created once: a known order number is answered ``exists`` and left as it
is. Heads and lines go in with one ``INSERT`` each per batch (executemany), never an
order at a time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Engine, Table
from sqlalchemy.orm import Session

from app.domain.model import Order, OrderLine, OrderStatus, Priority, ShipTo
from app.orderstore import orders as repo
from app.orderstore.bulkwrite import insert_rows, select_in
from app.orderstore.db import writer
from app.orderstore.errors import StoreError
from app.orderstore.models import OrderLineRow, OrderRow, ProductRow

# An order number: a letter or digit, then letters, digits, '.', '_' or '-'; 40 at most.
# No '/': the number is a path segment (GET /orders/{n}, POST /orders/{n}/cancel) and
# a slash, even escaped as %2F, is a path separator to uvicorn and to most proxies.
ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
# Cutoffs the store takes: wide enough for any real order, narrow enough that every
# time zone can show one (9999-12-31 UTC is the year 10000 east of Greenwich).
EARLIEST_CUTOFF = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_CUTOFF = datetime(3000, 1, 1, tzinfo=UTC)
MAX_LINES = 200  # lines of one order


@dataclass(frozen=True, slots=True)
class NewLine:
    sku: str
    qty: int


@dataclass(frozen=True, slots=True)
class NewOrder:
    order_number: str
    priority: Priority
    cutoff: Any
    carrier: str
    ship_to: ShipTo
    lines: tuple[NewLine, ...]


def import_orders(engine: Engine, new_orders: list[NewOrder]) -> list[dict[str, str]]:
    """Create the orders not yet known, all in one transaction; known ones are left as they are.

    Raises:
        StoreError: 422 naming unknown SKUs or order numbers repeated in the batch;
            nothing is created.
    """
    numbers = [order.order_number for order in new_orders]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise StoreError(
            422,
            f"order numbers repeated in the batch: {', '.join(repeated)}",
            code="repeated_order_number",
        )
    with Session(writer(engine)) as session, session.begin():
        repo.take_seq(session, 0)  # the write lock, before any read
        skus = {line.sku for order in new_orders for line in order.lines}
        known = product_locations(session, skus)
        unknown = sorted(skus - known.keys())
        if unknown:
            raise StoreError(422, f"unknown SKU(s): {', '.join(unknown[:20])}", code="unknown_sku")
        return create_orders(session, new_orders, known)


def product_locations(session: Session, skus: set[str]) -> dict[str, str | None]:
    """The home bin of each known SKU of ``skus``."""
    table = cast(Table, ProductRow.__table__)
    found = select_in(session.connection(), table, ("sku", "location"), "sku", sorted(skus))
    return dict(found)


def create_orders(
    session: Session, new_orders: Sequence[NewOrder], locations: Mapping[str, str | None]
) -> list[dict[str, str]]:
    """Create the orders of ``new_orders`` whose number is not known yet, in
    ``session``'s transaction; every SKU must be in ``locations`` (its home bin).
    Returns ``{"order_number", "result": "created"|"exists"}`` per order, in order."""
    numbers = [order.order_number for order in new_orders]
    table = cast(Table, OrderRow.__table__)
    found = select_in(session.connection(), table, ("order_number",), "order_number", numbers)
    existing = {row[0] for row in found}
    fresh = [order for order in new_orders if order.order_number not in existing]
    if fresh:
        last = repo.take_seq(session, len(fresh))
        stamp = repo.now()
        heads: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        for seq, new in enumerate(fresh, start=last - len(fresh) + 1):
            order = Order(
                order_number=new.order_number,
                priority=new.priority,
                cutoff=new.cutoff,
                carrier=new.carrier,
                ship_to=new.ship_to,
                lines=[
                    OrderLine(number, line.sku, line.qty, location=locations[line.sku])
                    for number, line in enumerate(new.lines, start=1)
                ],
            )
            heads.append(
                order_head(
                    new,
                    seq=seq,
                    stamp=stamp,
                    status=OrderStatus.OPEN,
                    doc=repo.order_doc(order, seq),
                )
            )
            lines.extend(
                {
                    "order_number": new.order_number,
                    "line_no": line.line_no,
                    "sku": line.sku,
                    "qty": line.qty,
                    "picked_qty": 0,
                    "short_qty": 0,
                    "packed_qty": 0,
                    "location": line.location,
                }
                for line in order.lines
            )
        conn = session.connection()
        insert_rows(conn, cast(Table, OrderRow.__table__), heads)
        insert_rows(conn, cast(Table, OrderLineRow.__table__), lines)
    return [
        {
            "order_number": number,
            "result": "exists" if number in existing else "created",
        }
        for number in numbers
    ]


def order_head(
    new: NewOrder, *, seq: int, stamp: Any, status: OrderStatus, doc: str
) -> dict[str, Any]:
    """The ``orders`` row of a new order."""
    return {
        "order_number": new.order_number,
        "status": status.value,
        "priority": new.priority.value,
        "cutoff": new.cutoff,
        "carrier": new.carrier,
        "ship_name": new.ship_to.name,
        "ship_street": new.ship_to.street,
        "ship_city": new.ship_to.city,
        "ship_postcode": new.ship_to.postcode,
        "ship_country": new.ship_to.country,
        "assigned_station": None,
        "assigned_user": None,
        "hold_reason": "",
        "held_from": None,
        "totes": "",
        "cancel_reason": "",
        "created_at": stamp,
        "updated_at": stamp,
        "seq": seq,
        "doc": doc,
    }
