"""Repositories hand domain objects in and out unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta, timezone

from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    OrderStatus,
    Package,
    Priority,
    Product,
    Role,
    Tote,
    User,
)
from app.store import LocalStore
from tests.app.store.store_helpers import PRODUCTS, T0, USERS, gtin, make_order


def test_products_round_trip_with_their_barcodes_in_order(store: LocalStore) -> None:
    product = Product(
        "SKU-9",
        "Teapot",
        (Barcode.gtin(gtin("400638133399")), Barcode("X-TEAPOT", BarcodeKind.OTHER)),
        length_mm=200,
        width_mm=150,
        height_mm=180,
        weight_g=900,
        location="B-02-01-3",
        active=False,
    )
    with store.unit_of_work() as uow:
        uow.products.save(product)
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        assert uow.products.by_sku("SKU-9") == product
        assert uow.products.by_barcode("X-TEAPOT") == product
        assert uow.products.by_barcode(product.barcodes[0].code) == product
        assert uow.products.by_sku("NOPE") is None
        assert uow.products.by_barcode("NOPE") is None


def test_saving_a_product_replaces_its_barcodes_and_can_take_one_over(floor: LocalStore) -> None:
    mug, plate = PRODUCTS
    with floor.unit_of_work() as uow:
        uow.products.save(replace(plate, barcodes=(*plate.barcodes, mug.barcodes[0])))
        uow.products.save(replace(mug, barcodes=(Barcode("MUG-NEW", BarcodeKind.OTHER),)))
        uow.commit()
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.products.by_barcode(mug.barcodes[0].code) == replace(
            plate, barcodes=(*plate.barcodes, mug.barcodes[0])
        )
        saved_mug = uow.products.by_sku("SKU-1")
        assert saved_mug is not None
        assert [b.code for b in saved_mug.barcodes] == ["MUG-NEW"]


def test_locations_and_totes_round_trip(store: LocalStore) -> None:
    location = Location("A-01-01-1", "A", "01", 10, active=False)
    tote = Tote("T0001", active=False)
    with store.unit_of_work() as uow:
        uow.locations.save(location)
        uow.totes.save(tote)
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        assert uow.locations.by_code("A-01-01-1") == location
        assert uow.totes.by_code("T0001") == tote
        assert uow.locations.by_code("Z") is None
        assert uow.totes.by_code("Z") is None


def test_users_round_trip_and_are_found_by_badge(floor: LocalStore) -> None:
    with floor.unit_of_work(readonly=True) as uow:
        for user in USERS:
            assert uow.users.get(user.username) == user
            assert uow.users.by_badge(user.badge_code) == user
        assert uow.users.by_badge("B9999") is None
        assert uow.users.by_badge("") is None


def test_a_badge_handed_to_someone_else_leaves_its_old_holder(floor: LocalStore) -> None:
    kim = User("kim", "Kim", "B1001", frozenset({Role.PACKER, Role.PICKER}))
    with floor.unit_of_work() as uow:
        uow.users.save(kim)
        uow.commit()
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.users.by_badge("B1001") == kim
        ana = uow.users.get("ana")
        assert ana is not None
        assert ana.badge_code == ""


def test_an_order_round_trips(store: LocalStore) -> None:
    order = make_order("SO-1", priority=Priority.URGENT)
    with store.unit_of_work() as uow:
        uow.orders.save(order)
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        loaded = uow.orders.get("SO-1")
        assert loaded is not None
        assert loaded == order
        assert loaded is not order
        assert loaded.cutoff.utcoffset() == timedelta(0)
        assert uow.orders.get("SO-404") is None


def test_a_cutoff_in_another_zone_is_the_same_instant(store: LocalStore) -> None:
    cutoff = T0.astimezone(timezone(timedelta(hours=-5)))
    with store.unit_of_work() as uow:
        uow.orders.save(make_order("SO-1", cutoff=cutoff))
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        loaded = uow.orders.get("SO-1")
        assert loaded is not None
        assert loaded.cutoff == T0
        assert loaded.cutoff.tzinfo is not None


def test_saving_a_changed_order_writes_every_change(floor: LocalStore) -> None:
    with floor.unit_of_work() as uow:
        order = uow.orders.get("SO-1")
        assert order is not None
        order.status = OrderStatus.ON_HOLD
        order.held_from = OrderStatus.PACKING
        order.hold_reason = "damaged box"
        order.priority = Priority.HIGH
        order.assigned_station = "ST-09"
        order.assigned_user = "pat"
        order.line(1).picked_qty = 2
        order.line(1).packed_qty = 1
        order.lines.pop()  # line 2 goes
        order.packages.append(Package(1, "BOX-M", 1200, "TRK1"))
        uow.orders.save(order)
        uow.commit()
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == order


def test_nothing_is_written_without_commit(floor: LocalStore) -> None:
    with floor.unit_of_work() as uow:
        uow.orders.save(make_order("SO-3"))
        uow.users.save(User("new", "New", "B5", frozenset({Role.PICKER})))
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-3") is None
        assert uow.users.get("new") is None


def test_next_open_is_most_urgent_then_earliest_cutoff(store: LocalStore) -> None:
    late, early = T0 + timedelta(hours=9), T0 + timedelta(hours=1)
    with store.unit_of_work() as uow:
        assert uow.orders.next_open() is None
        uow.orders.save(make_order("SO-LOW", priority=Priority.LOW, cutoff=early))
        uow.orders.save(make_order("SO-HIGH-LATE", priority=Priority.HIGH, cutoff=late))
        uow.orders.save(make_order("SO-HIGH-EARLY", priority=Priority.HIGH, cutoff=early))
        busy = make_order("SO-URGENT-BUSY", priority=Priority.URGENT, cutoff=early)
        busy.status = OrderStatus.PICKING
        uow.orders.save(busy)
        uow.commit()
    taken = []
    for _ in range(4):
        with store.unit_of_work() as uow:
            head = uow.orders.next_open()
            if head is None:
                break
            taken.append(head.order_number)
            head.status = OrderStatus.PICKING
            uow.orders.save(head)
            uow.commit()
    assert taken == ["SO-HIGH-EARLY", "SO-HIGH-LATE", "SO-LOW"]


def test_next_open_reads_the_queue_index_without_sorting(store: LocalStore) -> None:
    with store.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM orders WHERE status = 'open' "
                "ORDER BY priority_rank DESC, cutoff, order_number LIMIT 1"
            )
        )
    assert "ix_orders_queue" in plan
    assert "TEMP B-TREE" not in plan


def test_order_counts_by_status(floor: LocalStore) -> None:
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.count() == 2
        assert uow.orders.count(OrderStatus.OPEN) == 2
        assert uow.orders.count(OrderStatus.PICKING) == 0


def test_sync_state_defaults_and_round_trips(store: LocalStore) -> None:
    with store.unit_of_work() as uow:
        assert uow.sync_state.changes_since() == 0
        assert uow.sync_state.last_pull_at() is None
        assert uow.sync_state.get("nothing") is None
        uow.sync_state.set_changes_since(17)
        uow.sync_state.set_changes_since(18)
        uow.commit()
    assert store.changes_since() == 18
