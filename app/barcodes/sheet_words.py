"""The words of the demo barcode sheet, as data for ``ui/`` to translate.

The sheet (``app.barcodes.sheet``) is drawn in ``app/``, which never translates: every
text on it is an English template below, marked for ``pyside6-lupdate`` under the
context ``BarcodeSheet``; the command captions are ``app.barcodes.messages``' titles
(context ``CommandTitles``). Whoever draws the sheet passes ``words(context, text)``,
which gives ``text`` in the reader's language (``ui/`` looks it up in a catalogue);
``english`` gives it back unchanged. ``{field}`` placeholders are filled after the
lookup, so a translation moves them but keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.catalogue import QT_TRANSLATE_NOOP
from app.domain.model import OrderStatus, Priority, Role

SheetWords = Callable[[str, str], str]
"""``words(context, english)``: ``english`` in the reader's language."""

CONTEXT = "BarcodeSheet"


def english(context: str, text: str) -> str:
    """The English text itself (the sheet without a catalogue)."""
    del context
    return text


def say(words: SheetWords, text: str, **args: Any) -> str:
    """``text`` (a ``BarcodeSheet`` template) in the reader's language, filled with ``args``.

    A translation whose placeholders do not match the template's is not used: the sheet
    is still drawn, in English there.
    """
    translated = words(CONTEXT, text) or text
    try:
        return translated.format(**args)
    except (KeyError, IndexError, ValueError):
        return text.format(**args)


TITLE = QT_TRANSLATE_NOOP("BarcodeSheet", "scanpack demo barcodes")
PAGE = QT_TRANSLATE_NOOP("BarcodeSheet", "page {number} of {pages}")
HOW_TO_PRINT = QT_TRANSLATE_NOOP(
    "BarcodeSheet",
    "For the demo data: scanpack --demo, or scanpack-store --seed demo "
    "(seed {seed}). Print at 100 % (actual size) on A4.",
)
CONTINUED = QT_TRANSLATE_NOOP("BarcodeSheet", "{section} (continued)")

COMMANDS = QT_TRANSLATE_NOOP("BarcodeSheet", "Commands")
COMMANDS_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet", "Every step of picking and packing can also be done by scanning its command."
)
QUANTITIES = QT_TRANSLATE_NOOP("BarcodeSheet", "Quantities")
QUANTITIES_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet", "Scan a quantity, then the item (or a short pick): it counts that many."
)
BADGES = QT_TRANSLATE_NOOP("BarcodeSheet", "Badges")
BADGES_NOTE = QT_TRANSLATE_NOOP("BarcodeSheet", "Log in by scanning your badge.")
TOTES = QT_TRANSLATE_NOOP("BarcodeSheet", "Totes")
TOTES_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet",
    "The demo has {count} totes, {first} to {last}; here are the first {shown}.",
)
TOTE = QT_TRANSLATE_NOOP("BarcodeSheet", "Tote")
ORDERS = QT_TRANSLATE_NOOP("BarcodeSheet", "Orders")
ORDERS_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet",
    "First row: the head of the pick queue. Second: ready to pack. Third: "
    "orders the app refuses to pick or pack.",
)
PICK_QUEUE = QT_TRANSLATE_NOOP("BarcodeSheet", "pick queue #{place}: {order}")
READY_TO_PACK = QT_TRANSLATE_NOOP("BarcodeSheet", "ready to pack: {order}")
ORDER_DETAIL = QT_TRANSLATE_NOOP("BarcodeSheet", "{status}, {priority}, lines: {lines}")
PRODUCTS = QT_TRANSLATE_NOOP("BarcodeSheet", "Products")
PRODUCTS_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet",
    "Every item of the orders to pick and pack above. Each has an EAN-13; "
    "some also carry a UPC-A (every third product of the catalogue does).",
)
PRODUCT_DETAIL = QT_TRANSLATE_NOOP("BarcodeSheet", "{name}, bin {bin}")
BINS = QT_TRANSLATE_NOOP("BarcodeSheet", "Bins")
BINS_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet", "The home bins of the products on this sheet, in pick-path order."
)
BIN = QT_TRANSLATE_NOOP("BarcodeSheet", "Bin")
GS1_128 = QT_TRANSLATE_NOOP("BarcodeSheet", "GS1 labels with lot and expiry")
GS1_128_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet",
    "Items as they come from a supplier: GS1-128 with (01) GTIN, (17) expiry date and (10) lot.",
)
GS1_MATRIX = QT_TRANSLATE_NOOP("BarcodeSheet", "GS1 DataMatrix")
GS1_MATRIX_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet", "The same items in GS1 DataMatrix, with a (21) serial number as well."
)
UNKNOWN = QT_TRANSLATE_NOOP("BarcodeSheet", "Codes the station does not know")
UNKNOWN_NOTE = QT_TRANSLATE_NOOP(
    "BarcodeSheet", "Read correctly, but not in the demo data: the app answers in red."
)
UNKNOWN_PRODUCT = QT_TRANSLATE_NOOP("BarcodeSheet", "Unknown product")
UNKNOWN_ORDER = QT_TRANSLATE_NOOP("BarcodeSheet", "Unknown order")
UNKNOWN_BIN = QT_TRANSLATE_NOOP("BarcodeSheet", "Unknown bin")

STATUS: dict[OrderStatus, str] = {
    OrderStatus.OPEN: QT_TRANSLATE_NOOP("BarcodeSheet", "open"),
    OrderStatus.PICKING: QT_TRANSLATE_NOOP("BarcodeSheet", "picking"),
    OrderStatus.PICKED: QT_TRANSLATE_NOOP("BarcodeSheet", "picked"),
    OrderStatus.PACKING: QT_TRANSLATE_NOOP("BarcodeSheet", "packing"),
    OrderStatus.PACKED: QT_TRANSLATE_NOOP("BarcodeSheet", "packed"),
    OrderStatus.SHIPPED: QT_TRANSLATE_NOOP("BarcodeSheet", "shipped"),
    OrderStatus.ON_HOLD: QT_TRANSLATE_NOOP("BarcodeSheet", "on hold"),
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP("BarcodeSheet", "cancelled"),
}
PRIORITY: dict[Priority, str] = {
    Priority.URGENT: QT_TRANSLATE_NOOP("BarcodeSheet", "urgent"),
    Priority.HIGH: QT_TRANSLATE_NOOP("BarcodeSheet", "high"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("BarcodeSheet", "normal"),
    Priority.LOW: QT_TRANSLATE_NOOP("BarcodeSheet", "low"),
}
ROLE: dict[Role, str] = {
    Role.PICKER: QT_TRANSLATE_NOOP("BarcodeSheet", "picker"),
    Role.PACKER: QT_TRANSLATE_NOOP("BarcodeSheet", "packer"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("BarcodeSheet", "supervisor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("BarcodeSheet", "admin"),
}
