"""What the demo barcode sheet shows: its sections and their codes, in the reader's words.

``demo_sections(words)`` chooses the content from the demo data set (see
``app.barcodes.sheet``, which draws it) and words every caption, detail line, title and
note through ``words`` (``app.barcodes.sheet_words``: English by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageOps

from app.barcodes import sheet_words as w
from app.barcodes.messages import command_title
from app.barcodes.render import LINEAR, render_barcode
from app.barcodes.sheet_words import SheetWords, english, say
from app.demo import DEMO_USERS, TOTES, bin_codes, load_demo
from app.domain.commands import all_commands
from app.domain.gtin import with_check_digit
from app.domain.model import BarcodeKind, Order, OrderStatus, Product
from app.domain.symbology import Symbology

LINEAR_MODULE_PX = 4  # 0.339 mm
MATRIX_MODULE_PX = 6  # 0.508 mm
PICK_ORDERS = 3
PACK_ORDERS = 2
TOTES_SHOWN = 12
GS1_PRODUCTS = 3
# Cutoffs are placed relative to the seeding day; nothing on the sheet depends on them.
_ANCHOR = date(2026, 11, 29)


@dataclass(frozen=True, slots=True)
class Label:
    """One code on the sheet.

    Attributes:
        symbology: how it is printed.
        text: the data, as ``scanpack decode`` reports it (GS1: the element string
            with ASCII 29 separators).
        caption: the bold line above the code.
        detail: a smaller second line (a name, roles, a status).
        kind: what the station makes of it, a ``ScanCode`` value (``bin``,
            ``product``, ``unknown_order``...).
        key: which one: the bin, tote or order code, the SKU, the username or the
            command text; for an unknown code, the code.
    """

    symbology: Symbology
    text: str
    caption: str
    detail: str = ""
    kind: str = ""
    key: str = ""

    @property
    def hri(self) -> str:
        """The human-readable text under the code: GS1 data as ``(01)...(17)...``."""
        if self.symbology.is_gs1:
            from biip.gs1_messages import GS1Message

            return GS1Message.parse(self.text).as_hri()
        return self.text

    def symbol(self, bar_height_px: int) -> Image.Image:
        """The code alone, black on white, with its quiet zones left and right."""
        if self.symbology not in LINEAR:
            return render_barcode(self.symbology, self.text, module_px=MATRIX_MODULE_PX)
        image = render_barcode(
            self.symbology, self.text, module_px=LINEAR_MODULE_PX, height_px=bar_height_px
        )
        # The caption and the text give room above and below; drop render's margins there.
        _, top, _, bottom = ImageOps.invert(image).getbbox() or (0, 0, 0, image.height)
        return image.crop((0, top, image.width, bottom))


@dataclass(frozen=True, slots=True)
class Section:
    """A titled grid of labels, ``columns`` wide; each of ``rows`` starts a new line."""

    title: str
    rows: tuple[tuple[Label, ...], ...]
    columns: int
    note: str = ""
    bar_height_mm: float = 12.0

    @property
    def labels(self) -> tuple[Label, ...]:
        return tuple(label for row in self.rows for label in row)


def grid(labels: Iterable[Label], columns: int) -> tuple[tuple[Label, ...], ...]:
    """``labels`` in rows of ``columns``."""
    items = tuple(labels)
    return tuple(items[i : i + columns] for i in range(0, len(items), columns))


def demo_sections(words: SheetWords = english) -> tuple[Section, ...]:
    """The sheet's content, chosen from the demo data set (see ``app.barcodes.sheet``),
    in the words ``words`` gives."""
    demo = load_demo(_ANCHOR)
    orders = list(demo.orders.values())
    products = demo.products

    def queue(status: OrderStatus) -> list[Order]:
        return sorted((o for o in orders if o.status is status), key=Order.queue_key)

    to_pick = queue(OrderStatus.OPEN)[:PICK_ORDERS]
    # A packer chooses the order by scanning it: take short ones, the demo is quicker.
    to_pack = sorted(queue(OrderStatus.PICKED), key=lambda o: len(o.lines))[:PACK_ORDERS]
    refused = (OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.ON_HOLD, OrderStatus.CANCELLED)
    skus = dict.fromkeys(line.sku for order in [*to_pick, *to_pack] for line in order.lines)
    shown = [products[sku] for sku in skus]
    sequence = {code: seq for code, _, _, seq in bin_codes()}
    homes = sorted({p.location for p in shown if p.location}, key=sequence.__getitem__)

    commands = [
        Label(Symbology.CODE128, c.text, command_title(c, words), kind="command", key=c.text)
        for c in all_commands()
    ]
    plain = [label for label in commands if ":QTY:" not in label.text]
    badges = (
        Label(
            Symbology.CODE128,
            u.badge_code,
            u.display_name,
            ", ".join(words(w.CONTEXT, w.ROLE[r]) or w.ROLE[r] for r in u.roles),
            kind="badge",
            key=u.username,
        )
        for u in DEMO_USERS
    )
    totes = (f"T-{n:04d}" for n in range(1, TOTES_SHOWN + 1))
    stranger = with_check_digit("401234509999")  # the demo's EAN-13 range, unused
    unknown = (
        Label(
            Symbology.EAN13,
            stranger,
            say(words, w.UNKNOWN_PRODUCT),
            kind="unknown_product",
            key=stranger,
        ),
        Label(
            Symbology.CODE128,
            "SO-999999",
            say(words, w.UNKNOWN_ORDER),
            kind="unknown_order",
            key="SO-999999",
        ),
        Label(
            Symbology.CODE128,
            "Z-09-09-9",
            say(words, w.UNKNOWN_BIN),
            kind="unknown_bin",
            key="Z-09-09-9",
        ),
    )
    tote, bin_ = say(words, w.TOTE), say(words, w.BIN)
    return (
        Section(
            say(words, w.COMMANDS),
            grid(plain, 2),
            2,
            bar_height_mm=14.0,
            note=say(words, w.COMMANDS_NOTE),
        ),
        Section(
            say(words, w.QUANTITIES),
            grid(commands[len(plain) :], 3),
            3,
            bar_height_mm=14.0,
            note=say(words, w.QUANTITIES_NOTE),
        ),
        Section(say(words, w.BADGES), grid(badges, 4), 4, note=say(words, w.BADGES_NOTE)),
        Section(
            say(words, w.TOTES),
            grid((Label(Symbology.CODE128, t, tote, kind="tote", key=t) for t in totes), 4),
            4,
            note=say(
                words,
                w.TOTES_NOTE,
                count=TOTES,
                first="T-0001",
                last=f"T-{TOTES:04d}",
                shown=TOTES_SHOWN,
            ),
        ),
        Section(
            say(words, w.ORDERS),
            (
                tuple(
                    _order_label(o, words, w.PICK_QUEUE, place=i) for i, o in enumerate(to_pick, 1)
                ),
                tuple(_order_label(o, words, w.READY_TO_PACK) for o in to_pack),
                tuple(_order_label(queue(status)[0], words) for status in refused),
            ),
            4,
            note=say(words, w.ORDERS_NOTE),
        ),
        Section(
            say(words, w.PRODUCTS),
            grid(_product_labels(shown, words), 4),
            4,
            note=say(words, w.PRODUCTS_NOTE),
        ),
        Section(
            say(words, w.BINS),
            grid((Label(Symbology.CODE128, c, bin_, kind="bin", key=c) for c in homes), 3),
            3,
            note=say(words, w.BINS_NOTE),
        ),
        Section(
            say(words, w.GS1_128),
            grid(_gs1_labels(shown[:GS1_PRODUCTS], Symbology.GS1_128), 1),
            1,
            bar_height_mm=16.0,
            note=say(words, w.GS1_128_NOTE),
        ),
        Section(
            say(words, w.GS1_MATRIX),
            grid(_gs1_labels(shown[:GS1_PRODUCTS], Symbology.GS1_DATAMATRIX), 3),
            3,
            note=say(words, w.GS1_MATRIX_NOTE),
        ),
        Section(say(words, w.UNKNOWN), (unknown,), 3, note=say(words, w.UNKNOWN_NOTE)),
    )


def _order_label(order: Order, words: SheetWords, where: str = "", place: int = 0) -> Label:
    detail = say(
        words,
        w.ORDER_DETAIL,
        status=say(words, w.STATUS[order.status]),
        priority=say(words, w.PRIORITY[order.priority]),
        lines=len(order.lines),
    )
    if where:
        detail = say(words, where, place=place, order=detail)
    number = order.order_number
    return Label(Symbology.CODE128, number, number, detail, kind="order", key=number)


def _product_labels(products: Iterable[Product], words: SheetWords) -> Iterable[Label]:
    kinds = {BarcodeKind.EAN13: Symbology.EAN13, BarcodeKind.UPCA: Symbology.UPCA}
    for product in products:
        # "ean13" sorts before "upca": the EAN-13 comes first.
        for barcode in sorted(
            (b for b in product.barcodes if b.kind in kinds), key=lambda b: b.kind
        ):
            upc = " UPC-A" if barcode.kind is BarcodeKind.UPCA else ""
            yield Label(
                kinds[barcode.kind],
                barcode.code,
                f"{product.sku}{upc}",
                say(words, w.PRODUCT_DETAIL, name=product.name, bin=product.location),
                kind="product",
                key=product.sku,
            )


def _gs1_labels(products: Sequence[Product], symbology: Symbology) -> Iterable[Label]:
    """GS1-128 or GS1 DataMatrix labels of ``products`` with a made-up lot and expiry."""
    from biip.gs1_messages import GS1Message

    for index, product in enumerate(products):
        ean = next(b.code for b in product.barcodes if b.kind is BarcodeKind.EAN13)
        hri = f"(01)0{ean}(17)27{index + 3:02d}28(10)L{product.sku[-5:]}"
        if symbology is Symbology.GS1_DATAMATRIX:
            hri += f"(21)S{index + 1:04d}"
        yield Label(
            symbology,
            GS1Message.parse_hri(hri).value,
            product.sku,
            product.name,
            kind="product",
            key=product.sku,
        )
