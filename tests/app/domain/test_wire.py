"""The JSON shapes of the HTTP contract (app/domain/wire.py) survive a round trip."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

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

BERLIN = timezone(timedelta(hours=2))


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    """What the other side of the wire receives."""
    return json.loads(json.dumps(data))  # type: ignore[no-any-return]


PRODUCTS = [
    Product(
        "SKU-1",
        "Mug, blue",
        (
            Barcode("5901234123457", BarcodeKind.EAN13),
            Barcode("036000291452", BarcodeKind.UPCA),
            Barcode("96385074", BarcodeKind.EAN8),
            Barcode("10012345678902", BarcodeKind.GTIN14),
            Barcode("INT-77", BarcodeKind.OTHER),
        ),
        length_mm=120,
        width_mm=90,
        height_mm=100,
        weight_g=350,
        location="A-01-1",
    ),
    Product("sku.2/b_x-y", "Grüße-Karte", active=False),
]


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda p: p.sku)
def test_product_round_trip(product: Product) -> None:
    assert wire.product_from_json(through_json(wire.product_to_json(product))) == product


@pytest.mark.parametrize(
    "location", [Location("A-01-1", "A", "01", 0), Location("Z-99-9", "Z", "99", 990, active=False)]
)
def test_location_round_trip(location: Location) -> None:
    assert wire.location_from_json(through_json(wire.location_to_json(location))) == location


@pytest.mark.parametrize("tote", [Tote("T-001"), Tote("T-002", active=False)])
def test_tote_round_trip(tote: Tote) -> None:
    assert wire.tote_from_json(through_json(wire.tote_to_json(tote))) == tote


@pytest.mark.parametrize(
    "user",
    [
        User("pia", "Pia Picker", "BADGE-1", frozenset({Role.PICKER})),
        User("sue", "Sue", "BADGE-2", frozenset(Role), active=False),
        User("lucia", "Lucía", "BADGE-3", frozenset({Role.PACKER}), language="es"),
    ],
    ids=lambda u: u.username,
)
def test_user_round_trip(user: User) -> None:
    data = wire.user_to_json(user)
    assert data["roles"] == sorted(data["roles"])  # stable output for diffs and caches
    assert wire.user_from_json(through_json(data)) == user


def test_a_user_from_a_store_without_languages_keeps_the_station_default() -> None:
    data = wire.user_to_json(User("pia", "Pia", "B-1", frozenset({Role.PICKER})))
    del data["language"]
    assert wire.user_from_json(data).language == ""


@pytest.mark.parametrize("language", ["Español por favor", "x" * 17, 3])
def test_a_language_is_a_code_not_a_sentence(language: object) -> None:
    data = wire.user_to_json(User("pia", "Pia", "B-1", frozenset({Role.PICKER})))
    data["language"] = language
    with pytest.raises(ValueError, match="language"):
        wire.user_from_json(data)


def full_order() -> Order:
    return Order(
        order_number="SO-100",
        priority=Priority.URGENT,
        cutoff=datetime(2024, 5, 1, 16, 30, tzinfo=BERLIN),
        lines=[
            OrderLine(1, "SKU-1", 3, picked_qty=2, short_qty=1, packed_qty=2, location="A-01-1"),
            OrderLine(2, "SKU-2", 1),
        ],
        status=OrderStatus.ON_HOLD,
        ship_to=ShipTo("Ann Example", "Main St 1", "Springfield", "12345", "DE"),
        carrier="DHL",
        assigned_station="ST-1",
        assigned_user="pia",
        hold_reason="address check",
        held_from=OrderStatus.PACKING,
        packages=[Package(1, "BOX-M", 900, "TRK1"), Package(2, "BOX-S", 200)],
    )


def minimal_order() -> Order:
    return Order(
        "SO-1", Priority.LOW, datetime(2024, 5, 1, 14, 0, tzinfo=UTC), [OrderLine(1, "SKU-1", 1)]
    )


@pytest.mark.parametrize("make", [full_order, minimal_order])
def test_order_round_trip(make: Any) -> None:
    order = make()
    data = wire.order_to_json(order)
    back = wire.order_from_json(through_json(data))
    assert back == order
    assert back.cutoff.tzinfo is UTC  # the wire speaks UTC
    assert data["cutoff"].endswith("+00:00")
    assert wire.order_to_json(back) == data


def test_order_from_json_fills_defaults() -> None:
    order = wire.order_from_json(
        {
            "order_number": "SO-2",
            "status": "open",
            "priority": "normal",
            "cutoff": "2024-05-01T14:00:00Z",
            "lines": [{"line_no": 1, "sku": "SKU-1", "qty": 2}],
        }
    )
    assert order == Order(
        "SO-2", Priority.NORMAL, datetime(2024, 5, 1, 14, 0, tzinfo=UTC), [OrderLine(1, "SKU-1", 2)]
    )


@pytest.mark.parametrize(
    ("mutate", "error"),
    [
        (lambda d: d.update(status="lost"), ValueError),
        (lambda d: d.update(priority="asap"), ValueError),
        (lambda d: d.update(cutoff="2024-05-01T14:00:00"), ValueError),
        (lambda d: d.pop("order_number"), ValueError),
        (lambda d: d.update(lines=[]), ValueError),
        (lambda d: d["lines"][0].update(qty=0), ValueError),
        (lambda d: d["lines"][0].update(picked_qty=5), ValueError),
    ],
)
def test_order_from_json_refuses_bad_data(mutate: Any, error: type[Exception]) -> None:
    data = wire.order_to_json(minimal_order())
    mutate(data)
    with pytest.raises(error):
        wire.order_from_json(data)


def test_product_from_json_refuses_bad_barcodes() -> None:
    data = wire.product_to_json(PRODUCTS[0])
    data["barcodes"][0]["code"] = "5901234123458"
    with pytest.raises(ValueError, match="not a valid ean13"):
        wire.product_from_json(data)
    data["barcodes"][0]["kind"] = "qr"
    with pytest.raises(ValueError, match="qr"):
        wire.product_from_json(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T14:00:00+00:00", datetime(2024, 5, 1, 14, 0, tzinfo=UTC)),
        ("2024-05-01T14:00:00Z", datetime(2024, 5, 1, 14, 0, tzinfo=UTC)),
        ("2024-05-01T16:00:00+02:00", datetime(2024, 5, 1, 14, 0, tzinfo=UTC)),
    ],
)
def test_parse_time(text: str, expected: datetime) -> None:
    moment = wire.parse_time(text)
    assert moment == expected
    assert moment.tzinfo is UTC


@pytest.mark.parametrize("value", ["2024-05-01T14:00:00", "noon", 1714572000, None])
def test_parse_time_refuses(value: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        wire.parse_time(value)


# The module promises readers "raise ValueError ... on anything that does not fit", but
# they coerce with int()/str()/bool(). Strict xfails: they turn red once that is fixed.


@pytest.mark.parametrize(
    ("reader", "data"),
    [
        pytest.param(wire.tote_from_json, {"code": "T-1", "active": "false"}, id="bool-from-str"),
        pytest.param(
            wire.product_from_json,
            {"sku": "A", "name": "x", "weight_g": 2.7},
            id="int-truncates-float",
        ),
        pytest.param(wire.product_from_json, {"sku": None, "name": "x"}, id="null-sku-is-None"),
        pytest.param(
            wire.order_from_json,
            {
                "order_number": "SO-1",
                "status": "open",
                "priority": "low",
                "cutoff": "2024-05-01T14:00:00Z",
                "lines": [{"line_no": 1, "sku": "A", "qty": True}],
            },
            id="bool-qty",
        ),
    ],
)
def test_readers_refuse_ill_typed_fields(reader: Any, data: dict[str, Any]) -> None:
    try:
        reader(data)
    except (ValueError, TypeError, KeyError):
        return
    pytest.fail(f"{reader.__name__} accepted {data!r}")
