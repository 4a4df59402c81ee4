"""apply_changes(): one /changes page, bulk-upserted with its cursor in one transaction."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from app.domain.events import LinePicked, OrderClaimed
from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    OrderLine,
    OrderStatus,
    Package,
    Priority,
    Tote,
    User,
)
from app.store import LocalStore, PageError
from tests.app.store.store_helpers import PRODUCTS, USERS, FakeClock, event, make_order, page

TABLES = (
    "products",
    "product_barcodes",
    "locations",
    "totes",
    "users",
    "orders",
    "order_lines",
    "order_packages",
    "outbox",
    "sync_state",
)


def _dump(store: LocalStore) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        return {
            table: [
                tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))
            ]
            for table in TABLES
        }


def _full_page() -> dict[str, Any]:
    return page(
        next_seq=14,
        locations=[
            (1, Location("A-01-01-1", "A", "01", 10)),
            (2, Location("A-01-02-1", "A", "01", 20)),
        ],
        totes=[(3, Tote("T0001")), (4, Tote("T0002", active=False))],
        users=[(5 + i, user) for i, user in enumerate(USERS)],
        products=[(9, PRODUCTS[0]), (10, PRODUCTS[1])],
        orders=[
            (11, make_order("SO-1")),
            (12, make_order("SO-2", priority=Priority.HIGH)),
            (14, make_order("SO-3", lines=[("SKU-2", 4)])),
        ],
    )


def test_a_page_is_stored_with_its_cursor(store: LocalStore, clock: FakeClock) -> None:
    assert store.apply_changes(_full_page()) == 2 + 2 + 4 + 2 + 3
    assert store.changes_since() == 14
    with store.unit_of_work(readonly=True) as uow:
        assert uow.locations.by_code("A-01-02-1") == Location("A-01-02-1", "A", "01", 20)
        assert uow.totes.by_code("T0002") == Tote("T0002", active=False)
        assert [uow.users.get(u.username) for u in USERS] == list(USERS)
        assert uow.products.by_barcode(PRODUCTS[1].barcodes[0].code) == PRODUCTS[1]
        assert uow.orders.get("SO-3") == make_order("SO-3", lines=[("SKU-2", 4)])
        assert uow.orders.next_open() == make_order("SO-2", priority=Priority.HIGH)
        assert uow.sync_state.last_pull_at() == clock.now


def test_the_same_page_twice_gives_the_same_state(store: LocalStore, clock: FakeClock) -> None:
    store.apply_changes(_full_page())
    first = _dump(store)
    assert store.apply_changes(_full_page()) == 0
    second = _dump(store)
    # Only the time of the last pull moves.
    assert {k: v for k, v in first.items() if k != "sync_state"} == {
        k: v for k, v in second.items() if k != "sync_state"
    }
    assert store.changes_since() == 14


def test_a_stale_page_never_turns_rows_back(store: LocalStore) -> None:
    newer = make_order("SO-1", priority=Priority.URGENT)
    store.apply_changes(page(next_seq=50, orders=[(50, newer)]))
    assert store.apply_changes(page(next_seq=11, orders=[(11, make_order("SO-1"))])) == 0
    assert store.changes_since() == 50
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == newer


def test_an_empty_page_moves_only_the_cursor(store: LocalStore) -> None:
    assert store.apply_changes({"since": 0, "next": 0, "more": False}) == 0
    assert store.changes_since() == 0
    assert store.apply_changes(page(next_seq=7)) == 0
    assert store.changes_since() == 7


def test_lines_packages_and_barcodes_are_replaced_as_a_whole(store: LocalStore) -> None:
    store.apply_changes(_full_page())
    changed = make_order("SO-1", lines=[("SKU-9", 5)])
    changed.status = OrderStatus.PACKED
    changed.lines[0] = OrderLine(1, "SKU-9", 5, picked_qty=5, packed_qty=5)
    changed.packages.append(Package(1, "M", 900))
    mug = replace(PRODUCTS[0], barcodes=(Barcode("MUG-2", BarcodeKind.OTHER),))
    plate = replace(PRODUCTS[1], barcodes=(*PRODUCTS[1].barcodes, PRODUCTS[0].barcodes[0]))
    store.apply_changes(
        page(next_seq=22, orders=[(20, changed)], products=[(21, mug), (22, plate)])
    )
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == changed
        assert uow.products.by_sku("SKU-1") == mug
        assert uow.products.by_barcode(PRODUCTS[0].barcodes[0].code) == plate


def test_a_user_s_language_is_pulled_and_changed_like_the_rest(store: LocalStore) -> None:
    store.apply_changes(_full_page())
    with store.unit_of_work(readonly=True) as uow:
        assert uow.users.get("ana") == USERS[0]  # no language: the station's default
    spanish = replace(USERS[0], language="es")
    store.apply_changes(page(next_seq=30, users=[(30, spanish)]))
    with store.unit_of_work(readonly=True) as uow:
        assert uow.users.by_badge("B1001") == spanish


def test_a_badge_moves_between_people_across_and_within_pages(store: LocalStore) -> None:
    store.apply_changes(_full_page())
    kim = User("kim", "Kim", "B1001", frozenset(USERS[0].roles))  # ana's badge
    store.apply_changes(page(next_seq=30, users=[(30, kim)]))
    swap_a = replace(USERS[1], badge_code="B1003")  # pat and sue swap badges
    swap_b = replace(USERS[2], badge_code="B1002")
    store.apply_changes(page(next_seq=32, users=[(31, swap_a), (32, swap_b)]))
    with store.unit_of_work(readonly=True) as uow:
        assert uow.users.by_badge("B1001") == kim
        ana = uow.users.get("ana")
        assert ana is not None
        assert ana.badge_code == ""
        assert uow.users.by_badge("B1003") == swap_a
        assert uow.users.by_badge("B1002") == swap_b


def test_local_progress_survives_a_newer_server_row(floor: LocalStore) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    floor.record(event(LinePicked("SO-1", line_no=1, qty=1)))
    # The store changed the order meanwhile (a supervisor raised its priority) and
    # has not seen this station's events yet.
    server = make_order("SO-1", priority=Priority.URGENT)
    floor.apply_changes(page(next_seq=40, orders=[(40, server)]))
    with floor.unit_of_work(readonly=True) as uow:
        order = uow.orders.get("SO-1")
        assert uow.outbox.count_pending() == 2
    assert order is not None
    assert order.priority is Priority.URGENT  # the store's change
    assert order.status is OrderStatus.PICKING  # and the station's
    assert order.assigned_station == "ST-01"
    assert order.line(1).picked_qty == 1


def test_pending_events_the_server_row_now_refuses_are_skipped_not_dropped(
    floor: LocalStore,
) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    floor.record(event(LinePicked("SO-1", line_no=1, qty=1)))
    cancelled = make_order("SO-1")
    cancelled.status = OrderStatus.CANCELLED
    floor.apply_changes(page(next_seq=41, orders=[(41, cancelled)]))
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == cancelled
        # The order store will answer these; the station does not decide for it.
        assert uow.outbox.count_pending() == 2


def test_orders_without_pending_events_take_the_server_row(floor: LocalStore) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    with floor.unit_of_work() as uow:
        uow.outbox.mark_sent(e.event.id for e in uow.outbox.pending())
        uow.commit()
    server = make_order("SO-1")
    server.status = OrderStatus.ON_HOLD
    server.held_from = OrderStatus.PICKING
    floor.apply_changes(page(next_seq=42, orders=[(42, server)]))
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == server


@pytest.mark.parametrize(
    "broken",
    [
        [],
        {"next": "12"},
        {"next": True},
        {"next": 3, "orders": {}},
        {"next": 3, "orders": [{"order_number": "SO-1"}]},  # no seq
        {"next": 3, "users": [{"seq": 1, "username": "x"}]},
    ],
)
def test_a_malformed_page_writes_nothing(store: LocalStore, broken: Any) -> None:
    store.apply_changes(_full_page())
    before = _dump(store)
    with pytest.raises(PageError):
        store.apply_changes(broken)
    assert _dump(store) == before


def test_a_bad_row_late_in_a_page_writes_nothing_and_is_named(store: LocalStore) -> None:
    body = _full_page()
    body["next"] = 99
    body["orders"].append({**body["orders"][0], "seq": 99, "order_number": "SO-9", "lines": []})
    with pytest.raises(PageError, match=r"orders\[3\]"):
        store.apply_changes(body)
    assert store.changes_since() == 0
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.count() == 0
        assert uow.users.get("ana") is None
