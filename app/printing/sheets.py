"""Sheets of bin, tote and product labels: a site labels its shelves on day one.

``scanpack-store labels bins|totes|products -o FILE.pdf`` (``app.orderstore.cli``) reads
what the store holds and calls :func:`write_label_sheet`. Each item's label is drawn
with the built-in template of its kind (``resources/labels/bin.toml``, ``tote.toml``,
``product.toml``) by the print path's own layout (``app.printing.render.preview`` at
300 dpi: every module a whole number of dots, as every label the station prints).

``Paper.A4`` (default) and ``Paper.LETTER`` put ten 4 x 2 in labels on a page, two
across and five down, centred, with gaps to cut along (or on 4 x 2 in label sheets);
``Paper.ROLL`` gives one label per page, for a label printer fed with 4 x 2 in labels.
Print at 100 % ("actual size"), not "fit to page". The PDF is the same bytes on every
run for the same data and day.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from app.barcodes.sheet import font
from app.domain.model import Location, Product, Tote
from app.printing.data import LabelData, bin_label_data, product_label_data, tote_label_data
from app.printing.library import TemplateLibrary
from app.printing.pdf import PDF_DPI, pdf_document
from app.printing.render import preview

Item = Location | Tote | Product

COLUMNS, ROWS = 2, 5
GAP_PX = (40, 60)  # between labels, across and down (3.4 and 5.1 mm)
PAGE_PX = {"a4": (2480, 3508), "letter": (2550, 3300)}  # at 300 dpi


class Paper(enum.StrEnum):
    """What the labels are printed on."""

    A4 = "a4"
    LETTER = "letter"
    ROLL = "roll"


def item_code(item: Item) -> str:
    """What the label's main barcode carries: the bin or tote code, the product's SKU."""
    return item.sku if isinstance(item, Product) else item.code


def label_data(item: Item, today: date) -> LabelData:
    """The fields of ``item``'s label (English, no station: the site prints them)."""
    if isinstance(item, Location):
        return bin_label_data(item, today=today)
    if isinstance(item, Tote):
        return tote_label_data(item, today=today)
    return product_label_data(item, today=today)


def label_images(items: Sequence[Item], today: date) -> list[Image.Image]:
    """Each item's label drawn at 300 dpi with the built-in template of its kind.

    Raises:
        PrintError: a template is broken, or a code does not fit its barcode.
    """
    library = TemplateLibrary()
    images = []
    for item in items:
        data = label_data(item, today)
        images.append(preview(library.get(data.subject), data, dpi=PDF_DPI)[0])
    return images


def sheet_pages(labels: Sequence[Image.Image], paper: Paper, title: str) -> list[Image.Image]:
    """``labels`` laid out on ``paper``: ten to a sheet with a heading, or one per page."""
    if paper is Paper.ROLL:
        return [label.convert("1") for label in labels]
    width, height = PAGE_PX[paper.value]
    per_page = COLUMNS * ROWS
    count = -(-len(labels) // per_page)
    pages = []
    for number in range(count):
        page = Image.new("1", (width, height), 1)
        chunk = labels[number * per_page : (number + 1) * per_page]
        label_w, label_h = chunk[0].size
        left = (width - COLUMNS * label_w - (COLUMNS - 1) * GAP_PX[0]) // 2
        top = (height - ROWS * label_h - (ROWS - 1) * GAP_PX[1]) // 2
        for index, label in enumerate(chunk):
            row, column = divmod(index, COLUMNS)
            page.paste(
                label.convert("1"),
                (left + column * (label_w + GAP_PX[0]), top + row * (label_h + GAP_PX[1])),
            )
        heading = f"{title}, page {number + 1} of {count}"
        ImageDraw.Draw(page).text(
            (max(left, 60), top // 2), heading, font=font("regular", 36), fill=0, anchor="lm"
        )
        pages.append(page)
    return pages


def write_label_sheet(
    items: Sequence[Item],
    output: Path,
    *,
    paper: Paper = Paper.A4,
    title: str = "scanpack labels",
    today: date | None = None,
) -> int:
    """Write the labels of ``items`` to the PDF ``output``; returns its page count.

    Raises:
        ValueError: ``items`` is empty.
        PrintError: a template is broken, or a code does not fit its barcode.
    """
    if not items:
        raise ValueError("no labels to write")
    pages = sheet_pages(label_images(items, today or date.today()), paper, title)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pdf_document(pages, PDF_DPI, title))
    return len(pages)
