"""The demo barcode sheet: ``python -m app.barcodes.sheet OUT.pdf``.

A printable A4 PDF with every code a person needs to walk the demo (``scanpack --demo``,
or a kiosk on ``scanpack-store --seed demo``) with a real scanner, never touching the
screen. Its content comes from the demo data generator itself: ``seed`` runs into an
in-memory order store and the sheet is chosen from what that holds, so it matches
``--seed demo`` by construction:

* every command barcode (``commands.all_commands``), titled as the app says it;
* the badges of ``DEMO_USERS`` and the first totes;
* the walk-through orders: the head of the pick queue (what "Start picking" takes),
  the two shortest orders that are ready to pack, and one order in each other state
  (to see how the app refuses them);
* every product on the orders to pick and pack (EAN-13, and UPC-A where the product
  has one) and their home bins in pick-path order, so each of those orders can be
  done with the sheet alone;
* GS1 labels with lot and expiry for a few of the products (GS1-128, GS1 DataMatrix);
* a few codes that read correctly but are unknown at the station (red feedback).

Printing: pages are drawn at 300 dpi as 1-bit images (CCITT G4 in the PDF: sharp and
small); a module is 4 px = 0.34 mm for linear codes (EAN-13's nominal X is 0.33 mm)
and 6 px = 0.51 mm for 2D codes. Print at 100 % ("actual size"), not "fit to page".
``scanpack decode`` reads the PDF back; ``tests/app/barcodes/test_sheet.py`` checks
that it reads every code on it, exactly, and that each means what its caption says.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from app.barcodes.messages import command_title
from app.barcodes.render import LINEAR, render_barcode
from app.demo import DEMO_USERS, TOTES, bin_codes, load_demo
from app.domain.commands import all_commands
from app.domain.gtin import with_check_digit
from app.domain.model import BarcodeKind, Order, OrderStatus, Product
from app.domain.symbology import Symbology

DPI = 300
PAGE_PX = (2480, 3508)  # A4, 210 x 297 mm
MARGIN_PX = 118  # 10 mm
HEADER_PX = 150  # the page title and its line
LINEAR_MODULE_PX = 4  # 0.339 mm
MATRIX_MODULE_PX = 6  # 0.508 mm
PICK_ORDERS = 3
PACK_ORDERS = 2
TOTES_SHOWN = 12
GS1_PRODUCTS = 3
# Cutoffs are placed relative to the seeding day; nothing on the sheet depends on them.
_ANCHOR = date(2026, 11, 29)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
_FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}
# Pillow finds a bare file name in the platform's font folders (XDG_DATA_DIRS/fonts on
# Linux, and Windows' and macOS' own); these cover layouts it does not search.
_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/opt/homebrew/share/fonts",
)


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


@dataclass(frozen=True, slots=True)
class Page:
    """One rendered page (mode ``1``, 300 dpi) and the labels on it, in drawing order."""

    number: int
    image: Image.Image
    labels: tuple[Label, ...]


# --------------------------------------------------------------------------- content


def demo_sections() -> tuple[Section, ...]:
    """The sheet's content, chosen from the demo data set (see the module docstring)."""
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
        Label(Symbology.CODE128, c.text, command_title(c), kind="command", key=c.text)
        for c in all_commands()
    ]
    plain = [label for label in commands if ":QTY:" not in label.text]
    badges = (
        Label(
            Symbology.CODE128,
            u.badge_code,
            u.display_name,
            ", ".join(r.value for r in u.roles),
            kind="badge",
            key=u.username,
        )
        for u in DEMO_USERS
    )
    totes = (f"T-{n:04d}" for n in range(1, TOTES_SHOWN + 1))
    stranger = with_check_digit("401234509999")  # the demo's EAN-13 range, unused
    unknown = (
        Label(Symbology.EAN13, stranger, "Unknown product", kind="unknown_product", key=stranger),
        Label(
            Symbology.CODE128, "SO-999999", "Unknown order", kind="unknown_order", key="SO-999999"
        ),
        Label(Symbology.CODE128, "Z-09-09-9", "Unknown bin", kind="unknown_bin", key="Z-09-09-9"),
    )
    return (
        Section(
            "Commands",
            grid(plain, 2),
            2,
            bar_height_mm=14.0,
            note="Every step of picking and packing can also be done by scanning its command.",
        ),
        Section(
            "Quantities",
            grid(commands[len(plain) :], 3),
            3,
            bar_height_mm=14.0,
            note="Scan a quantity, then the item (or a short pick): it counts that many.",
        ),
        Section("Badges", grid(badges, 4), 4, note="Log in by scanning your badge."),
        Section(
            "Totes",
            grid((Label(Symbology.CODE128, t, "Tote", kind="tote", key=t) for t in totes), 4),
            4,
            note=f"The demo has {TOTES} totes, T-0001 to T-{TOTES:04d}; here are the first "
            f"{TOTES_SHOWN}.",
        ),
        Section(
            "Orders",
            (
                tuple(_order_label(o, f"pick queue #{i}") for i, o in enumerate(to_pick, 1)),
                tuple(_order_label(o, "ready to pack") for o in to_pack),
                tuple(_order_label(queue(status)[0], "") for status in refused),
            ),
            4,
            note="First row: the head of the pick queue. Second: ready to pack. Third: "
            "orders the app refuses to pick or pack.",
        ),
        Section(
            "Products",
            grid(_product_labels(shown), 4),
            4,
            note="Every item of the orders to pick and pack above. Each has an EAN-13; "
            "some also carry a UPC-A (every third product of the catalogue does).",
        ),
        Section(
            "Bins",
            grid((Label(Symbology.CODE128, c, "Bin", kind="bin", key=c) for c in homes), 3),
            3,
            note="The home bins of the products on this sheet, in pick-path order.",
        ),
        Section(
            "GS1 labels with lot and expiry",
            grid(_gs1_labels(shown[:GS1_PRODUCTS], Symbology.GS1_128), 1),
            1,
            bar_height_mm=16.0,
            note="Items as they come from a supplier: GS1-128 with (01) GTIN, (17) "
            "expiry date and (10) lot.",
        ),
        Section(
            "GS1 DataMatrix",
            grid(_gs1_labels(shown[:GS1_PRODUCTS], Symbology.GS1_DATAMATRIX), 3),
            3,
            note="The same items in GS1 DataMatrix, with a (21) serial number as well.",
        ),
        Section(
            "Codes the station does not know",
            (unknown,),
            3,
            note="Read correctly, but not in the demo data: the app answers in red.",
        ),
    )


def _order_label(order: Order, where: str) -> Label:
    lines = len(order.lines)
    state = order.status.value.replace("_", " ")
    detail = f"{state}, {order.priority.value}, {lines} line{'s' * (lines != 1)}"
    if where:
        detail = f"{where}: {detail}"
    number = order.order_number
    return Label(Symbology.CODE128, number, number, detail, kind="order", key=number)


def _product_labels(products: Iterable[Product]) -> Iterable[Label]:
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
                f"{product.name}, bin {product.location}",
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


# --------------------------------------------------------------------------- drawing


@functools.cache
def font(style: str, size: int) -> Font:
    """DejaVu Sans (``regular``, ``bold``) or Sans Mono (``mono``) at ``size`` px.

    Falls back to Pillow's built-in font when DejaVu is not installed.
    """
    name = _FONT_FILES[style]
    for candidate in (name, *(f"{folder}/{name}" for folder in _FONT_DIRS)):
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _fitted(draw: ImageDraw.ImageDraw, text: str, style: str, size: int, width: int) -> Font:
    """The largest font of ``style`` up to ``size`` in which ``text`` fits ``width``."""
    while size > 12 and draw.textlength(text, font=font(style, size)) > width:
        size -= 2
    return font(style, size)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> list[str]:
    """``text`` in lines that fit ``width``, broken before a GS1 ``(`` where it must be."""
    lines = [""]
    for part in text.replace("(", "\n(").split("\n"):
        if lines[-1] and draw.textlength(lines[-1] + part, font=face) > width:
            lines.append(part)
        else:
            lines[-1] += part
    return lines


def _cell(label: Label, bar_px: int, width: int) -> Image.Image:
    """One label: caption, detail, the code and its text, centred in ``width`` px."""
    symbol = label.symbol(bar_px)
    if symbol.width > width:
        raise ValueError(f"{label.text!r} is {symbol.width} px wide, its cell {width} px")
    lines = [(label.caption, "bold", 40)] + (
        [(label.detail, "regular", 30)] if label.detail else []
    )
    scratch = ImageDraw.Draw(Image.new("L", (1, 1)))
    hri = _wrapped(scratch, label.hri, font("mono", 34), width - 24)
    height = 16 + sum(size + 10 for *_, size in lines) + 6 + symbol.height + 10 + 42 * len(hri)
    cell = Image.new("L", (width, height + 24), 255)
    draw = ImageDraw.Draw(cell)
    y = 16
    for text, style, size in lines:
        face = _fitted(draw, text, style, size, width - 24)
        draw.text((width // 2, y), text, font=face, fill=0, anchor="ma")
        y += size + 10
    cell.paste(symbol, ((width - symbol.width) // 2, y + 6))
    y += 6 + symbol.height + 10
    for line in hri:
        draw.text(
            (width // 2, y),
            line,
            font=_fitted(draw, line, "mono", 34, width - 24),
            fill=0,
            anchor="ma",
        )
        y += 42
    return cell


class _Sheet:
    """Pages filled top to bottom. A section starts on a new page when it would not fit
    on this one but would on a fresh one; a longer section continues over pages."""

    bottom = PAGE_PX[1] - MARGIN_PX
    inner = PAGE_PX[0] - 2 * MARGIN_PX

    def __init__(self) -> None:
        self.pages: list[tuple[Image.Image, list[Label]]] = []
        self.y = 0
        self._new_page()

    def _new_page(self) -> None:
        self.pages.append((Image.new("L", PAGE_PX, 255), []))
        self.y = MARGIN_PX + HEADER_PX

    def section(self, section: Section) -> None:
        cell_w = self.inner // section.columns
        bar_px = round(section.bar_height_mm / 25.4 * DPI)
        rows = [[_cell(label, bar_px, cell_w) for label in row] for row in section.rows]
        heights = [max(cell.height for cell in row) for row in rows]
        whole = self._heading_height(section.note) + sum(heights)
        fresh = MARGIN_PX + HEADER_PX + whole <= self.bottom
        if self.pages[-1][1] and fresh and self.y + whole > self.bottom:
            self._new_page()
        self._heading(section.title, section.note)
        for labels, cells, height in zip(section.rows, rows, heights, strict=True):
            if self.y + height > self.bottom:
                self._new_page()
                self._heading(f"{section.title} (continued)", "")
            for column, (label, cell) in enumerate(zip(labels, cells, strict=True)):
                self.pages[-1][0].paste(cell, (MARGIN_PX + column * cell_w, self.y))
                self.pages[-1][1].append(label)
            self.y += height

    @staticmethod
    def _heading_height(note: str) -> int:
        return 90 + (56 if note else 0)

    def _heading(self, title: str, note: str) -> None:
        draw = ImageDraw.Draw(self.pages[-1][0])
        y = self.y + 20
        draw.text((MARGIN_PX, y), title, font=font("bold", 52), fill=0)
        draw.line((MARGIN_PX, y + 66, PAGE_PX[0] - MARGIN_PX, y + 66), fill=0, width=3)
        if note:
            face = _fitted(draw, note, "regular", 34, self.inner)
            draw.text((MARGIN_PX, y + 80), note, font=face, fill=0)
        self.y += self._heading_height(note)

    def finish(self) -> list[Page]:
        done = []
        for number, (image, labels) in enumerate(self.pages, 1):
            draw = ImageDraw.Draw(image)
            draw.text(
                (MARGIN_PX, MARGIN_PX), "scanpack demo barcodes", font=font("bold", 64), fill=0
            )
            counter = f"page {number} of {len(self.pages)}"
            width = draw.textlength(counter, font=font("regular", 40))
            draw.text(
                (PAGE_PX[0] - MARGIN_PX - width, MARGIN_PX + 18),
                counter,
                font=font("regular", 40),
                fill=0,
            )
            draw.text(
                (MARGIN_PX, MARGIN_PX + 84),
                "For the demo data: scanpack --demo, or scanpack-store --seed demo "
                "(seed 20261129). Print at 100 % (actual size) on A4.",
                font=font("regular", 32),
                fill=0,
            )
            # 1 bit: the PDF gets lossless CCITT G4 instead of JPEG artefacts on the bars.
            done.append(Page(number, image.convert("1", dither=Image.Dither.NONE), tuple(labels)))
        return done


# --------------------------------------------------------------------------- output


def layout(sections: Sequence[Section]) -> list[Page]:
    """Lay ``sections`` out on A4 pages and draw them."""
    sheet = _Sheet()
    for section in sections:
        sheet.section(section)
    return sheet.finish()


def write_pdf(pages: Sequence[Page], path: Path) -> None:
    """Write ``pages`` as one A4 PDF at 300 dpi, without timestamps (same bytes each run)."""
    first, *rest = (page.image for page in pages)
    first.save(
        path,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=DPI,
        title="scanpack demo barcodes",
        creator="python -m app.barcodes.sheet",
        creationDate=None,
        modDate=None,
    )


def write_sheet(path: Path) -> list[Page]:
    """Build the demo sheet and write it to ``path``; returns its pages."""
    pages = layout(demo_sections())
    write_pdf(pages, path)
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.barcodes.sheet",
        description="Write the printable demo barcode sheet (A4 PDF) for the demo data set.",
    )
    parser.add_argument("out", type=Path, help="the PDF file to write")
    args = parser.parse_args(argv)
    pages = write_sheet(args.out)
    count = sum(len(page.labels) for page in pages)
    print(f"{args.out}: {len(pages)} pages, {count} barcodes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
