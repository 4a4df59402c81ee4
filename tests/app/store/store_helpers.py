"""Builders for the station-store tests: a small floor, events and /changes pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain import wire
from app.domain.events import Event, Payload, new_event
from app.domain.gtin import gtin_check_digit
from app.domain.model import (
    Barcode,
    Location,
    Order,
    OrderLine,
    Priority,
    Product,
    Role,
    ShipTo,
    Tote,
    User,
)

STATION = "ST-01"
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def gtin(body: str) -> str:
    """``body`` with its GTIN check digit appended."""
    return body + str(gtin_check_digit(body))


def make_order(
    number: str,
    *,
    lines: Sequence[tuple[str, int]] = (("SKU-1", 2), ("SKU-2", 1)),
    priority: Priority = Priority.NORMAL,
    cutoff: datetime = T0 + timedelta(hours=7),
) -> Order:
    """An open order with one line per (sku, qty)."""
    return Order(
        order_number=number,
        priority=priority,
        cutoff=cutoff,
        lines=[
            OrderLine(line_no=i, sku=sku, qty=qty, location=f"A-01-0{i}-1")
            for i, (sku, qty) in enumerate(lines, start=1)
        ],
        ship_to=ShipTo(
            name="Kim Doe", street="1 Main St", city="Town", postcode="12345", country="DE"
        ),
        carrier="DHL",
    )


USERS = (
    User("ana", "Ana", "B1001", frozenset({Role.PICKER})),
    User("pat", "Pat", "B1002", frozenset({Role.PACKER})),
    User("sue", "Sue", "B1003", frozenset({Role.SUPERVISOR, Role.PICKER})),
    User("old", "Old", "B1004", frozenset({Role.PICKER}), active=False),
)
PRODUCTS = (
    Product("SKU-1", "Mug", (Barcode.gtin(gtin("400638133393")),), 100, 90, 110, 350, "A-01-01-1"),
    Product(
        "SKU-2", "Plate", (Barcode.gtin(gtin("400638133394")),), 260, 260, 20, 500, "A-01-02-1"
    ),
)


def event(payload: Payload, user: str = "ana", station: str = STATION) -> Event:
    return new_event(payload, station=station, user=user, at=T0)


def page(
    *,
    next_seq: int,
    orders: Sequence[tuple[int, Order]] = (),
    products: Sequence[tuple[int, Product]] = (),
    locations: Sequence[tuple[int, Location]] = (),
    totes: Sequence[tuple[int, Tote]] = (),
    users: Sequence[tuple[int, User]] = (),
    since: int = 0,
) -> dict[str, Any]:
    """A /changes body as the order store writes it (``app.domain.wire``)."""
    return {
        "since": since,
        "next": next_seq,
        "more": False,
        "products": [{"seq": s, **wire.product_to_json(p)} for s, p in products],
        "locations": [{"seq": s, **wire.location_to_json(loc)} for s, loc in locations],
        "totes": [{"seq": s, **wire.tote_to_json(t)} for s, t in totes],
        "users": [{"seq": s, **wire.user_to_json(u)} for s, u in users],
        "orders": [{"seq": s, **wire.order_to_json(o)} for s, o in orders],
    }
