"""Carton types and pack items (app/domain/carton.py): their invariants and the demo set."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.carton import DEMO_CARTONS, CartonType, PackItem, items_for
from app.domain.model import Product


def carton(**changes: Any) -> CartonType:
    fields: dict[str, Any] = {
        "code": "B01",
        "name": "Small box",
        "inner_length_mm": 300,
        "inner_width_mm": 200,
        "inner_height_mm": 100,
        "tare_g": 150,
        "max_gross_g": 5_000,
        "barcode": "CTN-B01",
    }
    return CartonType(**(fields | changes))


def test_a_carton_knows_its_volume_payload_and_size_order() -> None:
    box = carton()
    assert box.dimensions == (300, 200, 100)
    assert box.volume_mm3 == 6_000_000
    assert box.payload_g == 4_850
    assert box.size_key() == (6_000_000, 150, "B01")
    assert box.active


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"code": ""}, "carton code"),
        ({"code": "has space"}, "carton code"),
        ({"name": "  "}, "needs a name"),
        ({"barcode": "CTN\n1"}, "not printable"),
        ({"barcode": "C" * 65}, "not printable"),
        ({"inner_height_mm": 0}, "at least 1 mm"),
        ({"inner_width_mm": -5}, "at least 1 mm"),
        ({"tare_g": -1}, "tare cannot be negative"),
        ({"max_gross_g": 150}, "must exceed the tare"),
    ],
)
def test_a_carton_that_could_hold_nothing_is_refused(changes: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        carton(**changes)


def test_a_carton_may_have_no_barcode() -> None:
    assert carton(barcode="").barcode == ""


def test_a_pack_item_comes_from_a_product() -> None:
    product = Product("SKU-1", "Mug", length_mm=120, width_mm=90, height_mm=100, weight_g=350)
    item = PackItem.of(product)
    assert item == PackItem("SKU-1", 120, 90, 100, 350)
    assert item.volume_mm3 == 1_080_000
    assert item.measured


def test_an_unmeasured_product_gives_an_unmeasured_item() -> None:
    # The catalogue default is 0 mm: "not measured", which cartonize reports.
    assert not PackItem.of(Product("SKU-2", "Poster")).measured


@pytest.mark.parametrize(
    "values", [("", 1, 1, 1, 1), ("SKU 1", 1, 1, 1, 1), ("S", -1, 1, 1, 1), ("S", 1, 1, 1, -1)]
)
def test_a_pack_item_needs_a_sku_and_no_negative_number(values: tuple[Any, ...]) -> None:
    with pytest.raises(ValueError, match=r"SKU|negative"):
        PackItem(*values)


def test_items_for_gives_one_item_per_unit_in_order() -> None:
    mug = Product("SKU-1", "Mug", length_mm=120, width_mm=90, height_mm=100, weight_g=350)
    book = Product("SKU-2", "Book", length_mm=240, width_mm=170, height_mm=30, weight_g=600)
    items = items_for([(mug, 2), (book, 1), (mug, 0)])
    assert [item.sku for item in items] == ["SKU-1", "SKU-1", "SKU-2"]
    with pytest.raises(ValueError, match="quantity"):
        items_for([(mug, -1)])


def test_the_demo_cartons_are_twelve_boxes_from_small_to_600x400x400() -> None:
    assert len(DEMO_CARTONS) == 12
    assert len({c.code for c in DEMO_CARTONS}) == 12
    assert len({c.barcode for c in DEMO_CARTONS}) == 12
    assert all(c.active and c.barcode for c in DEMO_CARTONS)
    smallest = min(DEMO_CARTONS, key=CartonType.size_key)
    largest = max(DEMO_CARTONS, key=CartonType.size_key)
    assert smallest.dimensions == (200, 150, 100)
    assert largest.dimensions == (600, 400, 400)
    for box in DEMO_CARTONS:
        # Every side within the range; heavier limits for bigger boxes.
        assert min(box.dimensions) >= 100
        assert max(box.dimensions) <= 600
        assert box.tare_g < box.max_gross_g <= 31_500
