"""``/changes`` paging: every row once per walk, in its latest state, on both back-ends."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.events import LinePicked, OrderClaimed
from app.orderstore.models import LocationRow, OrderRow, ProductRow, ToteRow, UserRow
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event, push

KEYS = {
    "products": "sku",
    "locations": "code",
    "totes": "code",
    "users": "username",
    "orders": "order_number",
}


def walk(
    store: Store, since: int = 0, limit: int = 137
) -> tuple[list[tuple[str, str]], dict[Any, Any], int]:
    """Page through /changes; returns the (kind, key) sequence, the last state of each,
    and the cursor."""
    seen: list[tuple[str, str]] = []
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    last_seq = since
    for _ in range(10_000):
        answer = store.call("GET", f"/changes?since={since}&limit={limit}")
        assert answer.status_code == 200, answer.text
        page = answer.json()
        rows = sorted(
            ((row["seq"], kind, row) for kind, key in KEYS.items() for row in page[kind]),
            key=lambda item: item[0],
        )
        seqs = [seq for seq, _, _ in rows]
        for _, kind, row in rows:
            seen.append((kind, row[KEYS[kind]]))
            latest[(kind, row[KEYS[kind]])] = row
        assert len(seqs) <= limit
        assert all(seq > since for seq in seqs)
        assert all(seq > last_seq for seq in seqs)  # pages never go back
        if seqs:
            assert page["next"] == max(seqs)
            last_seq = max(seqs)
        since = page["next"]
        if not page["more"]:
            break
    return seen, latest, since


def all_keys(store: Store) -> set[tuple[str, str]]:
    with Session(store.engine) as session:
        keys = set()
        for kind, column in (
            ("products", ProductRow.sku),
            ("locations", LocationRow.code),
            ("totes", ToteRow.code),
            ("users", UserRow.username),
            ("orders", OrderRow.order_number),
        ):
            keys |= {(kind, key) for key in session.execute(select(column)).scalars()}
        return keys


def import_orders(store: Store, count: int, prefix: str) -> list[str]:
    numbers = []
    for start in range(0, count, 1000):
        batch = [
            {
                "order_number": f"{prefix}-{n:06d}",
                "cutoff": "2026-12-02T12:00:00Z",
                "lines": [
                    {"sku": f"SKU-{10001 + n % 300}", "qty": 1 + n % 3},
                    {"sku": f"SKU-{10002 + n % 300}", "qty": 1},
                ],
            }
            for n in range(start, min(count, start + 1000))
        ]
        answer = store.call("POST", "/orders", "erp", json={"orders": batch})
        assert answer.status_code == 200, answer.text
        numbers += [o["order_number"] for o in batch]
    return numbers


def test_a_walk_over_thousands_of_rows_sees_each_row_exactly_once(store: Store) -> None:
    import_orders(store, 3000, "PG")
    seen, _, cursor = walk(store, limit=137)
    assert len(seen) == len(set(seen)), "a row came twice in one walk"
    assert set(seen) == all_keys(store), "a row was skipped"
    assert len(seen) > 4000
    empty = store.call("GET", f"/changes?since={cursor}").json()
    assert empty["more"] is False
    assert empty["next"] == cursor
    assert all(empty[kind] == [] for kind in KEYS)


def test_page_sizes_do_not_change_what_a_walk_sees(store: Store) -> None:
    small, _, _ = walk(store, limit=53)
    large, _, _ = walk(store, limit=5000)
    assert small == large


def test_rows_changed_during_a_walk_come_again_in_their_latest_state(store: Store) -> None:
    numbers = import_orders(store, 1200, "MW")
    since = 0
    first = store.call("GET", f"/changes?since={since}&limit=500").json()
    # Change an order the walk has not reached yet and one it has passed already.
    passed = first["orders"][0]["order_number"] if first["orders"] else numbers[0]
    ahead = numbers[-1]
    for number in (passed, ahead):
        push(store, event(OrderClaimed(number)), event(LinePicked(number, 1, 1)))
    _, latest, cursor = walk(store, since=first["next"], limit=211)
    for number in (passed, ahead):
        row = latest[("orders", number)]
        assert row["status"] == "picking"
        assert row["lines"][0]["picked_qty"] == 1
    # And a walk from the cursor after that sees nothing new.
    assert walk(store, since=cursor)[0] == []


def test_the_pull_carries_everything_a_station_needs(store: Store) -> None:
    page = store.call("GET", "/changes?limit=5000").json()
    product = page["products"][0]
    assert set(product) >= {"sku", "name", "barcodes", "location", "weight_g", "seq"}
    user = next(u for u in page["users"] if u["username"] == "sam")
    assert user["badge_code"] == "B-3001"
    assert user["roles"] == ["packer", "picker", "supervisor"]
    assert user["language"] == ""  # the station's own language
    eva = next(u for u in page["users"] if u["username"] == "eva")
    assert eva["language"] == "es"  # switched to at her badge log-in
    order = page["orders"][0]
    assert set(order) >= {"order_number", "status", "priority", "cutoff", "lines", "seq"}
    assert order["lines"][0]["location"]
