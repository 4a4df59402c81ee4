"""Where label data comes from: the station's local store, or the demo data set.

``LabelSource`` is the small read-only protocol a label needs (an order, products,
a bin, a tote); ``StoreSource`` reads the station database, ``DemoSource`` the demo
data set (``app.demo``, built in memory: no server, no files).
``label_data`` turns a template's subject and a key (order number or code) into the
``LabelData`` the renderers fill the template with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from app.demo import load_demo
from app.domain.model import Location, Order, Product, Tote
from app.printing.data import (
    LabelData,
    bin_label_data,
    order_label_data,
    product_label_data,
    self_test_label_data,
    tote_label_data,
)
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.settings import PrintSettings
from app.printing.template import Template
from app.printing.wording import ENGLISH, LabelLanguage
from app.store import LocalStore

DEMO_ANCHOR = date(2026, 11, 29)  # the demo sheet's seeding day: same data, same labels


class LabelSource(Protocol):
    """Read-only access to what labels are made of."""

    def order(self, order_number: str) -> Order | None: ...

    def products(self, skus: Iterable[str]) -> dict[str, Product]: ...

    def product(self, code: str) -> Product | None:
        """A product by SKU or by one of its barcodes."""
        ...

    def location(self, code: str) -> Location | None: ...

    def tote(self, code: str) -> Tote | None: ...


class StoreSource:
    """Label data from the station's local store (one read-only unit per call)."""

    def __init__(self, store: LocalStore) -> None:
        self._store = store

    def order(self, order_number: str) -> Order | None:
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.orders.get(order_number)

    def products(self, skus: Iterable[str]) -> dict[str, Product]:
        found = {}
        with self._store.unit_of_work(readonly=True) as uow:
            for sku in dict.fromkeys(skus):
                product = uow.products.by_sku(sku)
                if product is not None:
                    found[sku] = product
        return found

    def product(self, code: str) -> Product | None:
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.products.by_sku(code) or uow.products.by_barcode(code)

    def location(self, code: str) -> Location | None:
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.locations.by_code(code)

    def tote(self, code: str) -> Tote | None:
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.totes.by_code(code)


class DemoSource:
    """The demo data set (``scanpack-store --seed demo``), built in memory once.

    Cutoff times are placed relative to ``anchor`` exactly as ``seed`` does; nothing
    else depends on the day, so the labels of an order are the same on every run.
    """

    def __init__(self, anchor: date = DEMO_ANCHOR) -> None:
        demo = load_demo(anchor)
        self._orders = demo.orders
        self._products = demo.products
        self._locations = demo.locations
        self._totes = demo.totes
        self._by_barcode = {
            barcode.code: product
            for product in self._products.values()
            for barcode in product.barcodes
        }

    @property
    def order_numbers(self) -> list[str]:
        return sorted(self._orders)

    def order(self, order_number: str) -> Order | None:
        order = self._orders.get(order_number)
        return order.copy() if order else None

    def products(self, skus: Iterable[str]) -> dict[str, Product]:
        return {sku: self._products[sku] for sku in skus if sku in self._products}

    def product(self, code: str) -> Product | None:
        return self._products.get(code) or self._by_barcode.get(code)

    def location(self, code: str) -> Location | None:
        return self._locations.get(code)

    def tote(self, code: str) -> Tote | None:
        return self._totes.get(code)


def label_data(
    template: Template,
    source: LabelSource,
    *,
    key: str,
    settings: PrintSettings,
    today: date,
    station: str = "",
    package_no: int = 1,
    dpi: int = 203,
    fmt: str = "zpl",
    language: LabelLanguage = ENGLISH,
) -> LabelData:
    """The data for ``template`` about ``key`` (an order number, or a tote/bin/product code).

    A ``test`` template (a printer's test print) takes the printer's name as ``key``
    and shows ``dpi`` and ``fmt``. ``language`` writes dates and weights.

    Raises:
        PrintError: ``UNKNOWN_ORDER``/``UNKNOWN_CODE`` when the source does not know
            ``key``; ``MISSING_DATA`` when there is no key or no such package.
    """
    if not key:
        what = "an order number (--order)" if template.needs_order else "a code (--code)"
        raise PrintError(PrintErrorCode.MISSING_DATA, name=template.name, what=what)
    subject = template.subject
    if subject == "test":
        return self_test_label_data(
            key, dpi=dpi, fmt=fmt, station=station, today=today, language=language
        )
    if subject == "order":
        order = source.order(key)
        if order is None:
            raise PrintError(PrintErrorCode.UNKNOWN_ORDER, code=key)
        try:
            return order_label_data(
                order,
                source.products(line.sku for line in order.lines),
                package_no=package_no,
                station=station,
                today=today,
                shipper=settings.shipper,
                company_prefix=settings.company_prefix,
                language=language,
            )
        except ValueError as exc:
            raise PrintError(
                PrintErrorCode.MISSING_DATA, name=template.name, what=f"a valid package ({exc})"
            ) from exc
    if subject == "tote":
        tote = source.tote(key)
        if tote is None:
            raise PrintError(PrintErrorCode.UNKNOWN_CODE, kind="Tote", code=key)
        return tote_label_data(tote, station=station, today=today, language=language)
    if subject == "bin":
        location = source.location(key)
        if location is None:
            raise PrintError(PrintErrorCode.UNKNOWN_CODE, kind="Bin", code=key)
        return bin_label_data(location, station=station, today=today, language=language)
    product = source.product(key)
    if product is None:
        raise PrintError(PrintErrorCode.UNKNOWN_CODE, kind="Product", code=key)
    return product_label_data(product, station=station, today=today, language=language)
