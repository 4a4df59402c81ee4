"""Label templates: data files in ``resources/labels/`` that say what goes where.

A template is a TOML file. Positions and sizes are millimetres from the top-left corner
of the label; every renderer (ZPL, raster, PDF) turns them into printer dots itself, so
one template serves a 203 dpi and a 300 dpi printer alike. A site adjusts a label by
copying the file into its own folder (``TemplateLibrary(site_dir, ...)``) and editing
it; no code changes. The built-in templates are the reference for the format::

    name = "tote"
    title = "Tote label"
    subject = "tote"                # order | tote | bin | product: what the label is about
    size = [101.6, 50.8]            # width, height (mm)
    [variants]                      # optional other paper sizes, chosen by name
    letter = [215.9, 279.4]

    [[item]]
    type = "text"                   # text | barcode | rule | frame | table
    box = [4, 3, 93.6, 10]          # x, y, width, height (mm)
    text = "Tote {code}"            # {field} placeholders, {{ and }} for braces
    font = "bold"                   # regular | bold | mono
    size = 6                        # character size (mm)
    align = "center"                # left | center | right
    lines = 1                       # lines the text may wrap to; longer text is cut
    when = "code"                   # optional: only drawn when this field is not empty

    [[item]]
    type = "barcode"
    box = [4, 14, 93.6, 20]         # the symbol, quiet zones included, must fit the width;
                                    # the height is a linear code's bar height
    symbology = "code128"           # code128 | gs1-128 | ean-upc | ean13 | upca | ean8 |
                                    # qr | datamatrix ("ean-upc": EAN-13/UPC-A/EAN-8 by length)
    data = "{code}"                 # GS1-128: element string without parentheses, e.g.
                                    # "00{package.sscc}"
    module = 0.375                  # X dimension (mm); rounded to whole printer dots

    [[item]]
    type = "rule"                   # a filled rectangle (a line is a thin one)
    box = [0, 20, 101.6, 0.5]

    [[item]]
    type = "frame"                  # an outlined rectangle
    box = [2, 2, 97.6, 46.8]
    thickness = 0.5

    [[item]]
    type = "table"                  # one row per entry of a row list ("lines": order lines)
    box = [10, 60, 190, 0]          # the height is unused: rows run down to
    bottom_margin = 20              # this distance from the paper's bottom, then continue
    rows = "lines"                  # on a new page (every other item is repeated there)
    size = 3.2                      # body text size; header_size for the titles
    row_height = 7
    [[item.columns]]
    title = "SKU"
    text = "{line.sku}"
    width = 30
    align = "left"

Which fields exist depends on the subject: see ``app.printing.data``. A template that
names a field its subject does not have, or an unknown key, is refused when it is
loaded, with the file and the reason (``app.printing.library``, which also finds the
files).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from app.printing.data import SUBJECT_FIELDS
from app.printing.errors import PrintError, PrintErrorCode

Align = Literal["left", "center", "right"]
FONTS = frozenset({"regular", "bold", "mono"})
ALIGNS = frozenset({"left", "center", "right"})
SYMBOLOGIES = frozenset(
    {"code128", "gs1-128", "ean-upc", "ean13", "upca", "ean8", "qr", "datamatrix"}
)
SUBJECTS = frozenset(SUBJECT_FIELDS)

_FIELD = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\}|[{}]")


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True, slots=True)
class Pattern:
    """Text with ``{field}`` placeholders, parsed once.

    ``parts`` alternates literal text and field names: a part is ``(False, text)`` or
    ``(True, field name)``.
    """

    source: str
    parts: tuple[tuple[bool, str], ...]

    @classmethod
    def parse(cls, source: str) -> Pattern:
        """Parse ``source``.

        Raises:
            ValueError: a lone ``{`` or ``}``, or a placeholder that is not a field name.
        """
        parts: list[tuple[bool, str]] = []
        literal: list[str] = []
        position = 0
        for match in _FIELD.finditer(source):
            literal.append(source[position : match.start()])
            token = match.group(0)
            if token in ("{{", "}}"):
                literal.append(token[0])
            elif match.group(1):
                if any(literal):
                    parts.append((False, "".join(literal)))
                literal = []
                parts.append((True, match.group(1)))
            else:
                raise ValueError(
                    f"{source!r}: a lone {token!r} (write {token * 2} for the character, "
                    "or {section.field} for a field)"
                )
            position = match.end()
        literal.append(source[position:])
        if any(literal):
            parts.append((False, "".join(literal)))
        return cls(source, tuple(parts))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(text for is_field, text in self.parts if is_field)

    def fill(self, *scopes: Mapping[str, str]) -> str:
        """The text with each field taken from the first scope that has it ("" if none)."""
        out = []
        for is_field, text in self.parts:
            if not is_field:
                out.append(text)
                continue
            for scope in scopes:
                value = scope.get(text)
                if value is not None:
                    out.append(value)
                    break
        return "".join(out)


# --------------------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in millimetres from the label's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class TextItem:
    box: Box
    text: Pattern
    font: str = "regular"
    size: float = 3.0
    align: Align = "left"
    lines: int = 1
    when: str | None = None


@dataclass(frozen=True, slots=True)
class BarcodeItem:
    box: Box
    symbology: str
    data: Pattern
    module: float
    align: Align = "center"
    when: str | None = None


@dataclass(frozen=True, slots=True)
class RuleItem:
    box: Box
    when: str | None = None


@dataclass(frozen=True, slots=True)
class FrameItem:
    box: Box
    thickness: float = 0.5
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    text: Pattern
    width: float
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class TableItem:
    box: Box
    rows: str
    columns: tuple[Column, ...]
    bottom_margin: float = 15.0
    size: float = 3.2
    header_size: float = 3.2
    row_height: float = 7.0
    font: str = "regular"
    header_font: str = "bold"
    when: str | None = None


Item = TextItem | BarcodeItem | RuleItem | FrameItem | TableItem


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed label template (see the module docstring for the file format).

    Attributes:
        name: what it is called (``shipping``, ``packing-slip``...).
        title: a line for people.
        subject: ``order``, ``tote``, ``bin`` or ``product``: what data it needs.
        size: (width, height) in mm of the default paper.
        variants: other paper sizes by name (``letter``), same items.
        items: what is drawn, in drawing order.
        source: the file it came from.
    """

    name: str
    title: str
    subject: str
    size: tuple[float, float]
    items: tuple[Item, ...]
    variants: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    source: str = ""

    @property
    def papers(self) -> tuple[str, ...]:
        """The names of the paper sizes: ``default`` first, then the variants."""
        return ("default", *self.variants)

    def page_size(self, paper: str | None = None) -> tuple[float, float]:
        """The paper size (mm) of ``paper`` (``None`` or ``default``: the template's own).

        Raises:
            PrintError: the template has no such paper variant.
        """
        if paper in (None, "default"):
            return self.size
        if paper not in self.variants:
            raise PrintError(
                PrintErrorCode.BAD_TEMPLATE,
                name=self.name,
                detail=f"no paper size {paper!r} (it has {', '.join(self.papers)})",
            )
        return self.variants[paper]

    @property
    def needs_order(self) -> bool:
        return self.subject == "order"


def all_fields(items: Sequence[Item]) -> set[str]:
    """Every field the items name (for tests and tools)."""
    names: set[str] = set()
    for item in items:
        if isinstance(item, TextItem):
            names.update(item.text.fields)
        elif isinstance(item, BarcodeItem):
            names.update(item.data.fields)
        elif isinstance(item, TableItem):
            for column in item.columns:
                names.update(column.text.fields)
        if item.when:
            names.add(item.when)
    return names
