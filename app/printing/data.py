"""What a label says: the fields of each subject, built from domain objects.

A template names fields (``{order.number}``); this module says which fields each
subject has (``SUBJECT_FIELDS``, checked when a template is loaded) and fills them
from an ``Order``, a ``Product``, a ``Location`` or a ``Tote``. Every value is text,
already formatted for people in the label's language (``2.35 kg``, ``2026-11-30``; a
``LabelLanguage`` from ``app.printing.wording`` writes them: ``2,35 kg``); barcode data fields are
the exact payload (``package.sscc`` is the 18 digits).

SSCC (the parcel's Serial Shipping Container Code, AI 00): extension digit + the
site's GS1 company prefix + a serial reference, 17 digits, + the GS1 check digit
(``app.domain.sscc`` makes and checks every SSCC). A packed parcel's SSCC is issued by
the station's durable counter (``uow.sscc.next``) and passed in as
``order_label_data(..., sscc=...)``; without one, ``package_serial`` makes the serial
reference from the order number and the package number, so a package keeps its SSCC
when its label is printed again (a reprint must never make a second identity for the
same parcel).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.model import BarcodeKind, Location, Order, Package, Priority, Product, Tote
from app.domain.sscc import is_valid_sscc
from app.domain.sscc import make_sscc as make_sscc  # re-exported (app.printing)
from app.domain.sscc import sscc_hri as sscc_hri
from app.printing.wording import ENGLISH, LabelLanguage

COMMON_FIELDS = frozenset(
    {
        "station",
        "printed",
        "page",
        "pages",
        "shipper.name",
        "shipper.street",
        "shipper.city_line",
        "shipper.country",
    }
)
ORDER_FIELDS = COMMON_FIELDS | {
    "order.number",
    "order.priority",
    "order.status",
    "order.carrier",
    "order.service",
    "order.cutoff",
    "order.line_count",
    "order.units",
    "ship_to.name",
    "ship_to.street",
    "ship_to.city",
    "ship_to.postcode",
    "ship_to.country",
    "ship_to.city_line",
    "package.no",
    "package.count",
    "package.box",
    "package.weight",
    "package.tracking",
    "package.sscc",
    "package.sscc_hri",
}
CODE_FIELDS = COMMON_FIELDS | {"code"}
PRODUCT_FIELDS = COMMON_FIELDS | {
    "code",
    "product.sku",
    "product.name",
    "product.gtin",
    "product.gtin_kind",
    "product.upc",
    "product.location",
    "product.size",
    "product.weight",
}
TEST_FIELDS = COMMON_FIELDS | {"code", "printer", "printer.dpi", "printer.format"}
SUBJECT_FIELDS: dict[str, frozenset[str]] = {
    "order": ORDER_FIELDS,
    "test": TEST_FIELDS,
    "tote": CODE_FIELDS,
    "bin": CODE_FIELDS | {"bin.zone", "bin.aisle", "bin.sequence"},
    "product": PRODUCT_FIELDS,
}
# Row lists a table can repeat over, and the fields of one row.
ROW_FIELDS: dict[str, frozenset[str]] = {
    "lines": frozenset(
        {
            "line.no",
            "line.sku",
            "line.name",
            "line.qty",
            "line.picked",
            "line.packed",
            "line.short",
            "line.location",
        }
    ),
}

DEMO_COMPANY_PREFIX = "4012345"  # the GS1 company prefix of the demo catalogue's EANs


@dataclass(frozen=True, slots=True)
class Shipper:
    """The sender printed on shipping labels (the site's address)."""

    name: str = "Scanpack Demo Warehouse"
    street: str = "Lagerstrasse 1"
    postcode: str = "20095"
    city: str = "Hamburg"
    country: str = "DE"


@dataclass(frozen=True, slots=True)
class LabelData:
    """The filled-in fields of one label and its row lists (for tables).

    Attributes:
        subject: ``order``, ``tote``, ``bin`` or ``product``.
        key: which one (the order number, the code); names the print job.
        fields: field name -> text.
        rows: row-list name (``lines``) -> one field map per row.
    """

    subject: str
    key: str
    fields: Mapping[str, str]
    rows: Mapping[str, Sequence[Mapping[str, str]]] = field(default_factory=dict)


# --------------------------------------------------------------------------- SSCC


def package_serial(order_number: str, package_no: int, company_prefix: str) -> int:
    """A serial reference for package ``package_no`` of ``order_number``, the same every time.

    The digits of the order number followed by a two-digit package number when they fit
    (``SO-100001`` package 1 -> ``10000101``); otherwise a CRC-32 of the order number in
    the same place. Orders with the same digits (``SO-1`` and ``PO-1``) would collide:
    a site with such numbering issues its own serials (``order_label_data(sscc=...)``).
    """
    if not 1 <= package_no <= 99:
        raise ValueError(f"package numbers here are 1-99, got {package_no}")
    room = 16 - len(company_prefix) - 2
    digits = "".join(ch for ch in order_number if ch.isascii() and ch.isdigit())
    base = int(digits) if digits and len(digits) <= room else zlib.crc32(order_number.encode())
    return int(base % 10**room) * 100 + package_no


# --------------------------------------------------------------------------- builders

# Carrier service names: printed as they are in every language (and in the QR code).
_SERVICE = {
    Priority.URGENT: "EXPRESS",
    Priority.HIGH: "PRIORITY",
    Priority.NORMAL: "STANDARD",
    Priority.LOW: "ECONOMY",
}


def _common(station: str, today: date, shipper: Shipper, language: LabelLanguage) -> dict[str, str]:
    return {
        "station": station,
        "printed": language.day(today),
        "shipper.name": shipper.name,
        "shipper.street": shipper.street,
        "shipper.city_line": f"{shipper.postcode} {shipper.city}".strip(),
        "shipper.country": shipper.country,
    }


def kilograms(grams: int, language: LabelLanguage = ENGLISH) -> str:
    return f"{language.decimal(grams / 1000, 2)} kg"


def order_label_data(
    order: Order,
    products: Mapping[str, Product],
    *,
    package_no: int = 1,
    station: str = "",
    today: date,
    shipper: Shipper | None = None,
    company_prefix: str = DEMO_COMPANY_PREFIX,
    sscc: str | None = None,
    service: str | None = None,
    language: LabelLanguage = ENGLISH,
) -> LabelData:
    """The fields of an order's labels (shipping label, packing slip).

    Args:
        order: the order; its ``packages`` give box, weight and tracking when packed.
        products: the catalogue by SKU, for line names and an estimated weight.
        package_no: which parcel (1-based). An order not packed yet has one parcel.
        station: the printing station's name.
        today: the print date.
        shipper: the sender (default: the demo warehouse).
        company_prefix: for the SSCC.
        sscc: the parcel's SSCC when issued elsewhere (18 digits, valid check digit).
        service: the carrier service; by default from the order's priority.
        language: writes the date and the weight.

    Raises:
        ValueError: ``package_no`` is not one of the order's parcels, or ``sscc`` is not
            a valid SSCC.
    """
    count = max(1, len(order.packages))
    if not 1 <= package_no <= count:
        raise ValueError(f"order {order.order_number} has {count} package(s), not {package_no}")
    estimated = sum(
        products[line.sku].weight_g * line.qty for line in order.lines if line.sku in products
    )
    package = (
        order.packages[package_no - 1]
        if order.packages
        else Package(package_no=1, box="", weight_g=estimated)
    )
    if sscc is None and package.sscc:
        sscc = package.sscc  # issued by the pack station when it closed the package
    if sscc is None:
        sscc = make_sscc(
            company_prefix, package_serial(order.order_number, package.package_no, company_prefix)
        )
    elif not is_valid_sscc(sscc):
        raise ValueError(f"{sscc!r} is not an 18-digit SSCC with a valid check digit")
    ship = order.ship_to
    fields = _common(station, today, shipper or Shipper(), language)
    fields.update(
        {
            "order.number": order.order_number,
            "order.priority": order.priority.value,
            "order.status": order.status.value.replace("_", " "),
            "order.carrier": order.carrier,
            "order.service": service if service is not None else _SERVICE[order.priority],
            "order.cutoff": order.cutoff.strftime("%Y-%m-%d %H:%M UTC"),
            "order.line_count": str(len(order.lines)),
            "order.units": str(order.total_qty),
            "ship_to.name": ship.name,
            "ship_to.street": ship.street,
            "ship_to.city": ship.city,
            "ship_to.postcode": ship.postcode,
            "ship_to.country": ship.country,
            "ship_to.city_line": f"{ship.postcode} {ship.city}".strip(),
            "package.no": str(package.package_no),
            "package.count": str(count),
            "package.box": package.box,
            "package.weight": kilograms(package.weight_g or estimated, language),
            "package.tracking": package.tracking,
            "package.sscc": sscc,
            "package.sscc_hri": sscc_hri(sscc),
        }
    )
    rows = [
        {
            "line.no": str(line.line_no),
            "line.sku": line.sku,
            "line.name": products[line.sku].name if line.sku in products else "",
            "line.qty": str(line.qty),
            "line.picked": str(line.picked_qty),
            "line.packed": str(line.packed_qty),
            "line.short": str(line.short_qty) if line.short_qty else "",
            "line.location": line.location or "",
        }
        for line in order.lines
    ]
    return LabelData("order", order.order_number, fields, {"lines": rows})


def tote_label_data(
    tote: Tote, *, station: str = "", today: date, language: LabelLanguage = ENGLISH
) -> LabelData:
    fields = _common(station, today, Shipper(), language)
    fields["code"] = tote.code
    return LabelData("tote", tote.code, fields)


def self_test_label_data(
    printer: str,
    *,
    dpi: int,
    fmt: str,
    station: str = "",
    today: date,
    language: LabelLanguage = ENGLISH,
) -> LabelData:
    """A printer's test label: its name, resolution and format, and a known barcode."""
    fields = _common(station, today, Shipper(), language)
    fields.update(
        {"code": "TEST-PRINT", "printer": printer, "printer.dpi": str(dpi), "printer.format": fmt}
    )
    return LabelData("test", printer, fields)


def bin_label_data(
    location: Location, *, station: str = "", today: date, language: LabelLanguage = ENGLISH
) -> LabelData:
    fields = _common(station, today, Shipper(), language)
    fields.update(
        {
            "code": location.code,
            "bin.zone": location.zone,
            "bin.aisle": location.aisle,
            "bin.sequence": str(location.sequence),
        }
    )
    return LabelData("bin", location.code, fields)


_GTIN_ORDER = (BarcodeKind.EAN13, BarcodeKind.UPCA, BarcodeKind.EAN8)
_GTIN_NAMES = {BarcodeKind.EAN13: "EAN-13", BarcodeKind.UPCA: "UPC-A", BarcodeKind.EAN8: "EAN-8"}


def product_label_data(
    product: Product, *, station: str = "", today: date, language: LabelLanguage = ENGLISH
) -> LabelData:
    """A shelf/item label: the product's retail GTIN (EAN-13 first, then UPC-A, EAN-8)."""
    gtins = sorted(
        (b for b in product.barcodes if b.kind in _GTIN_ORDER),
        key=lambda b: _GTIN_ORDER.index(b.kind),
    )
    main = gtins[0] if gtins else None
    upc = next((b.code for b in product.barcodes if b.kind is BarcodeKind.UPCA), "")
    fields = _common(station, today, Shipper(), language)
    fields.update(
        {
            "code": product.sku,
            "product.sku": product.sku,
            "product.name": product.name,
            "product.gtin": main.code if main else "",
            "product.gtin_kind": _GTIN_NAMES[main.kind] if main else "",
            "product.upc": upc if main is not None and main.code != upc else "",
            "product.location": product.location or "",
            "product.size": (
                f"{product.length_mm} x {product.width_mm} x {product.height_mm} mm"
                if product.volume_mm3
                else ""
            ),
            "product.weight": kilograms(product.weight_g, language) if product.weight_g else "",
        }
    )
    return LabelData("product", product.sku, fields)
