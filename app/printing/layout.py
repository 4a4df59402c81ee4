"""A template and its data, placed in printer dots: what every renderer draws.

``lay_out(template, data, dpi)`` puts the template's words in the label's language
(``app.printing.wording``: the station's, given by ``ui/``), fills the fields, drops
items whose ``when`` field is empty, expands tables into rows (continuing on new
pages), and converts millimetres to dots at ``dpi`` (``round(mm * dpi / 25.4)``).
Renderers take the resulting ``Page``s:
``app.printing.zpl`` writes printer commands, ``app.printing.raster`` draws pixels, so
ZPL, PNG and PDF of one label come from the same placement.

Barcodes stay symbolic here (symbology, data, module size in whole dots): each renderer
encodes them itself, ZPL with the printer's own barcode commands, raster with
python-barcode/segno modules drawn at exactly ``module`` dots each.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.printing.data import LabelData
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.template import (
    Align,
    BarcodeItem,
    FrameItem,
    Item,
    RuleItem,
    TableItem,
    Template,
    TextItem,
)
from app.printing.wording import ENGLISH, LabelLanguage

MM_PER_INCH = 25.4
SUPPORTED_DPI = (203, 300, 600)


def dots(mm: float, dpi: int) -> int:
    """``mm`` millimetres in whole printer dots at ``dpi``."""
    return round(mm * dpi / MM_PER_INCH)


@dataclass(frozen=True, slots=True)
class Text:
    """Text in a box: wrapped to at most ``max_lines`` lines of ``size`` dots."""

    x: int
    y: int
    w: int
    h: int
    text: str
    font: str
    size: int
    align: Align
    max_lines: int


@dataclass(frozen=True, slots=True)
class Symbol:
    """A barcode in a box. ``module`` is the X dimension in dots; ``h`` is a linear
    code's bar height (2D codes are as tall as their modules make them)."""

    x: int
    y: int
    w: int
    h: int
    symbology: str
    data: str
    module: int
    align: Align


@dataclass(frozen=True, slots=True)
class Rule:
    """A filled rectangle."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class Frame:
    """An outlined rectangle, ``thickness`` dots wide inward."""

    x: int
    y: int
    w: int
    h: int
    thickness: int


Element = Text | Symbol | Rule | Frame


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a label in dots at ``dpi``: width x height and what is on it."""

    width: int
    height: int
    dpi: int
    elements: tuple[Element, ...]
    name: str = ""


def gtin_symbology(data: str) -> str:
    """EAN-13, UPC-A or EAN-8 by the length of ``data`` (the ``ean-upc`` symbology)."""
    return {13: "ean13", 12: "upca", 8: "ean8"}.get(len(data), "ean13")


def lay_out(
    template: Template,
    data: LabelData,
    dpi: int,
    paper: str | None = None,
    language: LabelLanguage = ENGLISH,
) -> list[Page]:
    """Place ``template`` filled with ``data`` on pages of ``paper`` at ``dpi``, its
    words in ``language`` (``app.printing.wording``).

    Raises:
        PrintError: ``MISSING_DATA`` when the data is for another subject or a barcode
            would be empty; ``BAD_TEMPLATE`` for an unknown paper size.
    """
    if data.subject != template.subject:
        raise PrintError(
            PrintErrorCode.MISSING_DATA, name=template.name, what=f"{template.subject} data"
        )
    width_mm, height_mm = template.page_size(paper)
    fields = data.fields
    visible = [item for item in template.items if not item.when or fields.get(item.when)]
    tables = [item for item in visible if isinstance(item, TableItem)]
    chunks = _table_pages(tables, data, height_mm)
    pages = max((len(parts) for parts in chunks.values()), default=1)
    out = []
    for number in range(pages):
        scope = {"page": str(number + 1), "pages": str(pages)}
        elements: list[Element] = []
        for item in visible:
            if isinstance(item, TableItem):
                rows = chunks[id(item)]
                if number < len(rows):
                    elements.extend(_table(item, rows[number], (scope, fields), dpi, language))
            else:
                elements.extend(_element(item, template, (scope, fields), dpi, language))
        out.append(
            Page(dots(width_mm, dpi), dots(height_mm, dpi), dpi, tuple(elements), template.name)
        )
    return out


def _element(
    item: Item,
    template: Template,
    scopes: tuple[Mapping[str, str], ...],
    dpi: int,
    language: LabelLanguage,
) -> list[Element]:
    box = item.box
    x, y, w, h = dots(box.x, dpi), dots(box.y, dpi), dots(box.w, dpi), dots(box.h, dpi)
    if isinstance(item, TextItem):
        text = language.pattern(item.text).fill(*scopes)
        if not text:
            return []
        size = max(1, dots(item.size, dpi))
        return [Text(x, y, w, h, text, item.font, size, item.align, item.lines)]
    if isinstance(item, BarcodeItem):
        value = item.data.fill(*scopes)
        if not value:
            raise PrintError(
                PrintErrorCode.MISSING_DATA,
                name=template.name,
                what=f"data for its {item.symbology} barcode ({item.data.source})",
            )
        symbology = gtin_symbology(value) if item.symbology == "ean-upc" else item.symbology
        module = max(1, dots(item.module, dpi))
        return [Symbol(x, y, w, h, symbology, value, module, item.align)]
    if isinstance(item, RuleItem):
        return [Rule(x, y, max(1, w), max(1, h))]
    if isinstance(item, FrameItem):
        return [Frame(x, y, w, h, max(1, dots(item.thickness, dpi)))]
    raise TypeError(f"not a placeable item: {item!r}")  # pragma: no cover


def _table_pages(
    tables: Sequence[TableItem], data: LabelData, height_mm: float
) -> dict[int, list[Sequence[Mapping[str, str]]]]:
    """Each table's rows cut into pages (at least one page, maybe with no rows)."""
    chunks: dict[int, list[Sequence[Mapping[str, str]]]] = {}
    for table in tables:
        rows = data.rows.get(table.rows, ())
        room = height_mm - table.bottom_margin - table.box.y - table.row_height
        per_page = max(1, math.floor(room / table.row_height + 1e-9))
        count = max(1, math.ceil(len(rows) / per_page))
        chunks[id(table)] = [rows[i * per_page : (i + 1) * per_page] for i in range(count)]
    return chunks


def _table(
    table: TableItem,
    rows: Sequence[Mapping[str, str]],
    scopes: tuple[Mapping[str, str], ...],
    dpi: int,
    language: LabelLanguage,
) -> list[Element]:
    """The header, a rule under it, one line per row and a thin rule between rows."""
    out: list[Element] = []
    x0, y = table.box.x, table.box.y
    row_h = table.row_height
    pad = 1.0  # mm between a cell's text and its neighbour

    def cells(texts: Sequence[str], font: str, size: float, top: float) -> None:
        left = x0
        # Text sits on the row's middle: the row height minus the character size, halved.
        baseline = top + max(0.0, (row_h - size * 1.2) / 2)
        for column, text in zip(table.columns, texts, strict=True):
            if text:
                out.append(
                    Text(
                        dots(left + pad, dpi),
                        dots(baseline, dpi),
                        dots(column.width - 2 * pad, dpi),
                        dots(row_h, dpi),
                        text,
                        font,
                        max(1, dots(size, dpi)),
                        column.align,
                        1,
                    )
                )
            left += column.width

    titles = [language.text(c.title) if c.title else "" for c in table.columns]
    texts = [language.pattern(c.text) for c in table.columns]
    cells(titles, table.header_font, table.header_size, y)
    y += row_h
    out.append(
        Rule(dots(x0, dpi), dots(y - 0.3, dpi), dots(table.box.w, dpi), max(1, dots(0.4, dpi)))
    )
    for row in rows:
        cells([text.fill(row, *scopes) for text in texts], table.font, table.size, y)
        y += row_h
        out.append(
            Rule(
                dots(x0, dpi), dots(y - 0.15, dpi), dots(table.box.w, dpi), max(1, dots(0.15, dpi))
            )
        )
    return out
