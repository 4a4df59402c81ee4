"""Invariants of the plain-Python model (app/domain/model.py)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Priority,
    Product,
    Role,
    User,
)

CUTOFF = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)


def make_order(
    number: str = "SO-1", priority: Priority = Priority.NORMAL, cutoff: datetime = CUTOFF
) -> Order:
    return Order(number, priority, cutoff, [OrderLine(1, "SKU-A", 3), OrderLine(2, "SKU-B", 1)])


# -- Barcode ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("5901234123457", BarcodeKind.EAN13),
        ("036000291452", BarcodeKind.UPCA),
        ("96385074", BarcodeKind.EAN8),
        ("10012345678902", BarcodeKind.GTIN14),
        ("ABC-123/x", BarcodeKind.OTHER),
        ("5901234123458", BarcodeKind.OTHER),  # a bad GTIN may still be some other code
    ],
)
def test_valid_barcodes(code: str, kind: BarcodeKind) -> None:
    assert Barcode(code, kind).code == code


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        ("5901234123458", BarcodeKind.EAN13, "not a valid ean13"),
        ("59012341234a7", BarcodeKind.EAN13, "not a valid ean13"),
        ("5901234123457", BarcodeKind.UPCA, "wrong length for upca"),
        ("036000291452", BarcodeKind.EAN13, "wrong length for ean13"),
        ("96385074", BarcodeKind.GTIN14, "wrong length for gtin14"),
        ("", BarcodeKind.OTHER, "1-64 printable"),
        ("x" * 65, BarcodeKind.OTHER, "1-64 printable"),
        ("01\x1d21", BarcodeKind.OTHER, "1-64 printable"),
        ("ABC\n", BarcodeKind.OTHER, "1-64 printable"),
    ],
)
def test_invalid_barcodes(code: str, kind: BarcodeKind, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Barcode(code, kind)


def test_barcode_gtin_infers_kind_from_length() -> None:
    assert Barcode.gtin("5901234123457").kind is BarcodeKind.EAN13
    assert Barcode.gtin("036000291452").kind is BarcodeKind.UPCA
    assert Barcode.gtin("96385074").kind is BarcodeKind.EAN8
    assert Barcode.gtin("10012345678902").kind is BarcodeKind.GTIN14
    assert Barcode.gtin("5901234123458").kind is BarcodeKind.OTHER
    assert Barcode.gtin("INTERNAL-7").kind is BarcodeKind.OTHER


def test_barcode_is_frozen() -> None:
    barcode = Barcode("96385074", BarcodeKind.EAN8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        barcode.code = "73513537"  # type: ignore[misc]


# -- Product ------------------------------------------------------------------------------


@pytest.mark.parametrize("sku", ["A", "SKU-1", "a.b_c/d-e", "9" * 40, "0-0"])
def test_sku_pattern_accepts(sku: str) -> None:
    assert Product(sku, "Thing").sku == sku


@pytest.mark.parametrize(
    "sku",
    ["", "-A", ".A", "_A", "/A", "A B", "A" * 41, "ÄBC", "A\tB", "ABC\n", "A+B", "A:B"],
)
def test_sku_pattern_refuses(sku: str) -> None:
    with pytest.raises(ValueError, match="SKU"):
        Product(sku, "Thing")


def test_product_needs_a_name_and_non_negative_sizes() -> None:
    with pytest.raises(ValueError, match="needs a name"):
        Product("SKU-1", "   ")
    for field in ("length_mm", "width_mm", "height_mm", "weight_g"):
        sizes: dict[str, Any] = {field: -1}
        with pytest.raises(ValueError, match="cannot be negative"):
            Product("SKU-1", "Thing", **sizes)


def test_product_volume() -> None:
    assert Product("SKU-1", "Box", length_mm=10, width_mm=20, height_mm=30).volume_mm3 == 6000


# -- Location, User, enums ----------------------------------------------------------------


def test_location_invariants() -> None:
    assert Location("A-01-1", "A", "01", 0).sequence == 0
    with pytest.raises(ValueError, match="not printable"):
        Location("", "A", "01", 1)
    with pytest.raises(ValueError, match="cannot be negative"):
        Location("A-01-1", "A", "01", -1)


def test_user_roles() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        User("pia", "Pia", "B1", frozenset())
    picker = User("pia", "Pia", "B1", frozenset({Role.PICKER}))
    assert picker.can(Role.PICKER)
    assert not picker.can(Role.PACKER)
    admin = User("ada", "Ada", "B2", frozenset({Role.ADMIN}))
    assert all(admin.can(role) for role in Role)


def test_final_statuses() -> None:
    assert {s for s in OrderStatus if s.is_final} == {OrderStatus.SHIPPED, OrderStatus.CANCELLED}


def test_priority_rank_is_strictly_increasing() -> None:
    ranks = [p.rank for p in (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)]
    assert ranks == sorted(set(ranks))


# -- OrderLine ----------------------------------------------------------------------------


def test_order_line_counts() -> None:
    line = OrderLine(1, "SKU-A", 5, picked_qty=2, short_qty=1, packed_qty=2)
    assert line.open_qty == 2
    assert not line.is_picked
    assert OrderLine(1, "SKU-A", 5, picked_qty=4, short_qty=1).is_picked


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"line_no": 0}, "start at 1"),
        ({"qty": 0}, "at least 1"),
        ({"picked_qty": -1}, "cannot be negative"),
        ({"short_qty": -1}, "cannot be negative"),
        ({"packed_qty": -1}, "cannot be negative"),
        ({"picked_qty": 2, "short_qty": 2}, "exceeds the ordered quantity"),
        ({"picked_qty": 4}, "exceeds the ordered quantity"),
        ({"picked_qty": 1, "packed_qty": 2}, "packed exceeds picked"),
    ],
)
def test_order_line_invariants(kwargs: dict[str, int], message: str) -> None:
    values = {"line_no": 1, "sku": "SKU-A", "qty": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        OrderLine(**values)  # type: ignore[arg-type]


# -- Order --------------------------------------------------------------------------------


def test_order_line_lookup() -> None:
    order = make_order()
    assert order.line(2).sku == "SKU-B"
    with pytest.raises(KeyError, match="no line 3"):
        order.line(3)


def test_order_invariants() -> None:
    line = OrderLine(1, "SKU-A", 1)
    with pytest.raises(ValueError, match="1-40 characters"):
        Order("", Priority.LOW, CUTOFF, [line])
    with pytest.raises(ValueError, match="1-40 characters"):
        Order("X" * 41, Priority.LOW, CUTOFF, [line])
    with pytest.raises(ValueError, match="no lines"):
        Order("SO-1", Priority.LOW, CUTOFF, [])
    with pytest.raises(ValueError, match="repeats a line number"):
        Order("SO-1", Priority.LOW, CUTOFF, [line, OrderLine(1, "SKU-B", 2)])
    with pytest.raises(ValueError, match="time zone"):
        Order("SO-1", Priority.LOW, datetime(2024, 5, 1, 14, 0), [line])


def test_order_totals_and_fully_picked() -> None:
    order = make_order()
    assert order.total_qty == 4
    assert not order.is_fully_picked
    order.line(1).picked_qty = 2
    order.line(1).short_qty = 1
    order.line(2).picked_qty = 1
    assert order.is_fully_picked


def test_order_copy_is_deep() -> None:
    order = make_order()
    twin = order.copy()
    assert twin == order
    twin.line(1).picked_qty = 3
    twin.status = OrderStatus.PICKING
    assert order.line(1).picked_qty == 0
    assert order.status is OrderStatus.OPEN
    assert twin.lines is not order.lines
    assert twin.packages is not order.packages


def test_queue_key_orders_by_priority_then_cutoff_then_number() -> None:
    early, late = CUTOFF, CUTOFF + timedelta(hours=2)
    orders = [
        make_order("N-late", Priority.NORMAL, late),
        make_order("L-early", Priority.LOW, early),
        make_order("U-late", Priority.URGENT, late),
        make_order("N-early-b", Priority.NORMAL, early),
        make_order("H-late", Priority.HIGH, late),
        make_order("N-early-a", Priority.NORMAL, early),
        make_order("U-early", Priority.URGENT, early),
    ]
    queue = [o.order_number for o in sorted(orders, key=Order.queue_key)]
    assert queue == ["U-early", "U-late", "H-late", "N-early-a", "N-early-b", "N-late", "L-early"]


def test_queue_key_compares_cutoffs_across_time_zones() -> None:
    berlin = timezone(timedelta(hours=2))
    # 15:00 +02:00 is 13:00 UTC: earlier than 14:00 UTC although the wall clock says later.
    a = make_order("A", cutoff=datetime(2024, 5, 1, 15, 0, tzinfo=berlin))
    b = make_order("B", cutoff=CUTOFF)
    assert [o.order_number for o in sorted([b, a], key=Order.queue_key)] == ["A", "B"]
