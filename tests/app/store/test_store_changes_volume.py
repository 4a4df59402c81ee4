"""apply_changes() at the size of a real pull: thousands of orders per page."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from sqlalchemy import text

from app.domain.model import Priority
from app.store import LocalStore
from tests.app.store.store_helpers import T0

PRIORITIES = [p.value for p in Priority]


def _orders(first_seq: int, count: int, lines_each: int = 5) -> list[dict[str, Any]]:
    """``count`` orders as the /changes JSON, seq ``first_seq`` upwards."""
    return [
        {
            "seq": first_seq + i,
            "order_number": f"SO-{first_seq + i:07d}",
            "status": "open",
            "priority": PRIORITIES[i % 4],
            "cutoff": (T0 + timedelta(minutes=i % 600)).isoformat(),
            "carrier": "DHL",
            "ship_to": {
                "name": f"Customer {i}",
                "street": "1 Main St",
                "city": "Town",
                "postcode": "12345",
                "country": "DE",
            },
            "assigned_station": None,
            "assigned_user": None,
            "hold_reason": "",
            "held_from": None,
            "lines": [
                {
                    "line_no": n,
                    "sku": f"SKU-{(i + n) % 997}",
                    "qty": 1 + n % 3,
                    "picked_qty": 0,
                    "short_qty": 0,
                    "packed_qty": 0,
                    "location": f"A-{n:02d}-01-1",
                }
                for n in range(1, lines_each + 1)
            ],
            "packages": [],
        }
        for i in range(count)
    ]


def _counts(store: LocalStore) -> tuple[int, int]:
    with store.engine.connect() as conn:
        orders = conn.execute(text("SELECT count(*) FROM orders")).scalar_one()
        lines = conn.execute(text("SELECT count(*) FROM order_lines")).scalar_one()
    return orders, lines


def test_ten_thousand_orders_arrive_in_pages(store: LocalStore) -> None:
    orders = _orders(1, 10_000)
    limit = 3_000  # 4 pages, the last one short
    pages = []
    since = 0
    for start in range(0, len(orders), limit):
        rows = orders[start : start + limit]
        pages.append(
            {
                "since": since,
                "next": rows[-1]["seq"],
                "more": start + limit < len(orders),
                "orders": rows,
            }
        )
        since = rows[-1]["seq"]
    for body in pages:
        assert store.apply_changes(body) == len(body["orders"])
        assert store.changes_since() == body["next"]
    assert _counts(store) == (10_000, 50_000)
    assert store.apply_changes(pages[1]) == 0  # a replayed page changes nothing
    assert store.changes_since() == 10_000
    with store.unit_of_work(readonly=True) as uow:
        head = uow.orders.next_open()
    assert head is not None
    assert head.priority is Priority.URGENT
    assert head.cutoff == T0 + timedelta(minutes=3)  # the first urgent one (i = 3)


def test_a_page_of_5000_orders_and_25000_lines_is_stored_quickly(store: LocalStore) -> None:
    body: dict[str, Any] = {"since": 0, "next": 5_000, "more": False, "orders": _orders(1, 5_000)}
    started = time.perf_counter()
    assert store.apply_changes(body) == 5_000
    elapsed = time.perf_counter() - started
    assert _counts(store) == (5_000, 25_000)
    # Measured about 0.3 s on the dev box; the bound only catches a return to row-by-row.
    assert elapsed < 5.0, f"storing the page took {elapsed:.2f} s"

    # A newer version of every order replaces lines instead of piling them up.
    for row in body["orders"]:
        row["seq"] += 5_000
    body["next"] = 10_000
    assert store.apply_changes(body) == 5_000
    assert _counts(store) == (5_000, 25_000)
