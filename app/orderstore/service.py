"""The order store's use cases: pull a page, apply events, import and cancel orders.

Each function takes an engine and owns its transactions; the HTTP layer only checks
the request's shape and the caller's token and turns results into responses.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain import wire
from app.domain.events import Event
from app.domain.model import Order, OrderStatus, Priority, ShipTo
from app.domain.rules import Rejection, apply_event, check_user
from app.orderstore import orders as repo
from app.orderstore.db import writer
from app.orderstore.models import EventRow, OrderLineRow, OrderRow, ProductRow

MAX_PAGE = 5000


class Result(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class StoreError(Exception):
    """A request the store refuses as a whole; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail


def changes_page(engine: Engine, since: int, limit: int) -> dict[str, Any]:
    """Everything changed after ``since``, at most ``limit`` rows, oldest change first."""
    with Session(engine) as session, session.begin():
        candidates: list[tuple[int, str, dict[str, Any]]] = []
        for seq, product in repo.changed_products(session, since, limit):
            candidates.append((seq, "products", wire.product_to_json(product)))
        for seq, location in repo.changed_locations(session, since, limit):
            candidates.append((seq, "locations", wire.location_to_json(location)))
        for seq, tote in repo.changed_totes(session, since, limit):
            candidates.append((seq, "totes", wire.tote_to_json(tote)))
        for seq, user in repo.changed_users(session, since, limit):
            candidates.append((seq, "users", wire.user_to_json(user)))
        for seq, order in repo.changed_orders(session, since, limit):
            candidates.append((seq, "orders", wire.order_to_json(order)))
        candidates.sort(key=lambda item: item[0])
        page = candidates[:limit]
        next_seq = page[-1][0] if page else since
        more = repo.max_seq(session, repo.PULLED_TABLES) > next_seq
    body: dict[str, Any] = {
        "since": since,
        "next": next_seq,
        "more": more,
        "products": [],
        "locations": [],
        "totes": [],
        "users": [],
        "orders": [],
    }
    for seq, kind, data in page:
        data["seq"] = seq
        body[kind].append(data)
    return body


@dataclass(frozen=True, slots=True)
class EventAnswer:
    id: str
    result: Result
    code: str | None = None
    reason: str | None = None
    original: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "result": self.result.value}
        if self.original:
            out["original"] = self.original
        if self.code:
            out["code"] = self.code
            out["reason"] = self.reason
        return out


def apply_events(engine: Engine, events: list[Event]) -> list[EventAnswer]:
    """Apply each event exactly once, each in a transaction of its own, in the given order."""
    return [apply_one(engine, event) for event in events]


def apply_one(engine: Engine, event: Event) -> EventAnswer:
    """Apply ``event`` unless its id was seen before; record the answer with the id."""
    event_id = str(event.id)
    try:
        with Session(writer(engine)) as session, session.begin():
            seq = repo.take_seq(session)  # takes the write lock before any read
            prior = session.get(EventRow, event_id)
            if prior is not None:
                return _duplicate(prior)
            answer = _apply(session, event, seq)
            session.add(
                EventRow(
                    id=event_id,
                    type=event.type.value,
                    station=event.station,
                    username=event.user,
                    order_number=event.order_number,
                    at=event.at,
                    received_at=repo.now(),
                    result=answer.result.value,
                    code=answer.code,
                    reason=answer.reason,
                    payload=json.dumps(event.to_json()),
                )
            )
            session.flush()
            return answer
    except IntegrityError:
        # Another worker recorded the same id between our look and our insert; its
        # transaction won, ours rolled back whole.
        with Session(engine) as session:
            prior = session.get(EventRow, event_id)
            if prior is None:  # pragma: no cover - the integrity error was about something else
                raise
            return _duplicate(prior)


def _duplicate(prior: EventRow) -> EventAnswer:
    return EventAnswer(
        id=prior.id,
        result=Result.DUPLICATE,
        code=prior.code,
        reason=prior.reason,
        original=prior.result,
    )


def _apply(session: Session, event: Event, seq: int) -> EventAnswer:
    event_id = str(event.id)
    before = repo.get_order(session, event.order_number, lock=True)
    if before is None:
        return EventAnswer(
            event_id, Result.REJECTED, "unknown_order", f"unknown order {event.order_number!r}"
        )
    after = before.copy()
    try:
        user = check_user(repo.get_user(session, event.user), event)
        apply_event(after, event, user)
    except Rejection as rejection:
        return EventAnswer(event_id, Result.REJECTED, rejection.code.value, rejection.reason)
    repo.save_order(session, before, after, seq)
    return EventAnswer(event_id, Result.APPLIED)


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
        raise StoreError(422, f"order numbers repeated in the batch: {', '.join(repeated)}")
    with Session(writer(engine)) as session, session.begin():
        last_seq = repo.take_seq(session, len(new_orders))
        skus = {line.sku for order in new_orders for line in order.lines}
        known: dict[str, str | None] = {
            sku: location
            for sku, location in session.execute(
                select(ProductRow.sku, ProductRow.location).where(ProductRow.sku.in_(skus))
            )
        }
        unknown = sorted(skus - known.keys())
        if unknown:
            raise StoreError(422, f"unknown SKU(s): {', '.join(unknown[:20])}")
        existing = set(
            session.execute(
                select(OrderRow.order_number).where(OrderRow.order_number.in_(numbers))
            ).scalars()
        )
        results = []
        stamp = repo.now()
        first_seq = last_seq - len(new_orders) + 1
        for offset, new in enumerate(new_orders):
            if new.order_number in existing:
                results.append({"order_number": new.order_number, "result": "exists"})
                continue
            session.add(
                order_row(new, seq=first_seq + offset, stamp=stamp, status=OrderStatus.OPEN)
            )
            session.flush()
            session.add_all(
                OrderLineRow(
                    order_number=new.order_number,
                    line_no=number,
                    sku=line.sku,
                    qty=line.qty,
                    picked_qty=0,
                    short_qty=0,
                    packed_qty=0,
                    location=known[line.sku],
                )
                for number, line in enumerate(new.lines, start=1)
            )
            results.append({"order_number": new.order_number, "result": "created"})
        return results


def order_row(new: NewOrder, *, seq: int, stamp: Any, status: OrderStatus) -> OrderRow:
    return OrderRow(
        order_number=new.order_number,
        status=status.value,
        priority=new.priority.value,
        cutoff=new.cutoff,
        carrier=new.carrier,
        ship_name=new.ship_to.name,
        ship_street=new.ship_to.street,
        ship_city=new.ship_to.city,
        ship_postcode=new.ship_to.postcode,
        ship_country=new.ship_to.country,
        assigned_station=None,
        assigned_user=None,
        hold_reason="",
        held_from=None,
        cancel_reason="",
        created_at=stamp,
        updated_at=stamp,
        seq=seq,
    )


def cancel_order(engine: Engine, order_number: str, reason: str) -> Order:
    """Cancel an order; stations learn it on their next pull.

    Raises:
        StoreError: 404 for an unknown order, 409 for a shipped one.
    """
    with Session(writer(engine)) as session, session.begin():
        seq = repo.take_seq(session)
        before = repo.get_order(session, order_number, lock=True)
        if before is None:
            raise StoreError(404, f"unknown order {order_number!r}")
        if before.status is OrderStatus.CANCELLED:
            return before
        if before.status is OrderStatus.SHIPPED:
            raise StoreError(409, f"order {order_number} has shipped and cannot be cancelled")
        after = before.copy()
        after.status = OrderStatus.CANCELLED
        after.assigned_station = None
        after.assigned_user = None
        repo.save_order(session, before, after, seq)
        session.execute(
            OrderRow.__table__.update()
            .where(OrderRow.order_number == order_number)
            .values(cancel_reason=reason[:200])
        )
        return after


def list_orders(
    engine: Engine, statuses: list[OrderStatus], after: str | None, limit: int
) -> dict[str, Any]:
    """A page of orders in order-number order, optionally only those in ``statuses``."""
    query = repo.order_query().order_by(OrderRow.order_number).limit(limit + 1)
    if statuses:
        query = query.where(OrderRow.status.in_([s.value for s in statuses]))
    if after:
        query = query.where(OrderRow.order_number > after)
    with Session(engine) as session:
        found = repo.load_orders(session, query)
    page = found[:limit]
    return {
        "orders": [wire.order_to_json(order) for _, order in page],
        "next": page[-1][1].order_number if len(found) > limit else None,
    }


def get_order(engine: Engine, order_number: str) -> Order:
    """One order.

    Raises:
        StoreError: 404 when unknown.
    """
    with Session(engine) as session:
        order = repo.get_order(session, order_number)
    if order is None:
        raise StoreError(404, f"unknown order {order_number!r}")
    return order
