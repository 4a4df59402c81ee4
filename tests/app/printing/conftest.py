"""Fixtures of the printing tests: templates, a small order and catalogue, the demo data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    Package,
    Priority,
    Product,
    ShipTo,
    Tote,
)
from app.printing.data import LabelData, order_label_data
from app.printing.library import TemplateLibrary
from app.printing.sources import DemoSource
from app.store import LocalStore, open_store
from tests.app.store.store_helpers import FakeClock, gtin

TODAY = date(2026, 11, 30)
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

PRODUCTS = {
    "SKU-10001": Product(
        "SKU-10001",
        "Blue Mug",
        (
            Barcode(gtin("401234500000"), BarcodeKind.EAN13),
            Barcode(gtin("03612300000"), BarcodeKind.UPCA),
        ),
        length_mm=120,
        width_mm=90,
        height_mm=100,
        weight_g=350,
        location="A-01-01-1",
    ),
    "SKU-10002": Product(
        "SKU-10002",
        "Wireless Torch with a very long name that will never fit on one line of a label",
        (Barcode(gtin("03612300001"), BarcodeKind.UPCA),),
        weight_g=1200,
        location="B-02-03-4",
    ),
}


def make_order(number: str = "SO-100001", *, packages: int = 0, lines: int = 2) -> Order:
    skus = list(PRODUCTS)
    return Order(
        order_number=number,
        priority=Priority.URGENT,
        cutoff=datetime(2026, 11, 30, 16, tzinfo=UTC),
        lines=[
            OrderLine(i, skus[(i - 1) % len(skus)], i, location=f"A-01-0{i % 10}-1")
            for i in range(1, lines + 1)
        ],
        ship_to=ShipTo("Maria Rossi", "Harbour Rd 12", "Milan", "20121", "IT"),
        carrier="DHL",
        packages=[Package(n, "BOX-M", 1000 + n, f"TRK{n}") for n in range(1, packages + 1)],
    )


@pytest.fixture(scope="session")
def library() -> TemplateLibrary:
    return TemplateLibrary()


@pytest.fixture
def order() -> Order:
    return make_order()


@pytest.fixture
def shipping_data(order: Order) -> LabelData:
    return order_label_data(order, PRODUCTS, today=TODAY, station="pack-01")


@pytest.fixture(scope="session")
def demo() -> DemoSource:
    """The demo data set, built once for the session (about a second)."""
    return DemoSource()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[LocalStore]:
    """A station store with the two products, their bins, a tote and order SO-100001."""
    with open_store(tmp_path / "station.sqlite3", clock=clock) as opened:
        with opened.unit_of_work() as uow:
            for product in PRODUCTS.values():
                uow.products.save(product)
            uow.locations.save(Location("A-01-01-1", "A", "A-01", 10))
            uow.totes.save(Tote("T-0001"))
            uow.orders.save(make_order())
            uow.commit()
        yield opened
