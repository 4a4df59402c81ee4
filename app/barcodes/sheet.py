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
Its words are the reader's: ``write_sheet(path, words)`` with ``words`` from ``ui/``
(``app.barcodes.sheet_words``; the command line writes English; the content is chosen
in ``app.barcodes.sheet_content``). ``scanpack decode`` reads the PDF back;
``tests/app/barcodes/test_sheet.py`` checks that it reads every code on it, exactly,
and that each means what its caption says.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.barcodes import sheet_words as w
from app.barcodes.sheet_content import Label, Section
from app.barcodes.sheet_content import demo_sections as demo_sections  # re-exported
from app.barcodes.sheet_words import SheetWords, english, say
from app.demo import SEED

DPI = 300
PAGE_PX = (2480, 3508)  # A4, 210 x 297 mm
MARGIN_PX = 118  # 10 mm
HEADER_PX = 150  # the page title and its line

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
class Page:
    """One rendered page (mode ``1``, 300 dpi) and the labels on it, in drawing order."""

    number: int
    image: Image.Image
    labels: tuple[Label, ...]


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

    def __init__(self, words: SheetWords) -> None:
        self.words = words
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
                self._heading(say(self.words, w.CONTINUED, section=section.title), "")
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
                (MARGIN_PX, MARGIN_PX), say(self.words, w.TITLE), font=font("bold", 64), fill=0
            )
            counter = say(self.words, w.PAGE, number=number, pages=len(self.pages))
            width = draw.textlength(counter, font=font("regular", 40))
            draw.text(
                (PAGE_PX[0] - MARGIN_PX - width, MARGIN_PX + 18),
                counter,
                font=font("regular", 40),
                fill=0,
            )
            how = say(self.words, w.HOW_TO_PRINT, seed=SEED)
            draw.text(
                (MARGIN_PX, MARGIN_PX + 84),
                how,
                font=_fitted(draw, how, "regular", 32, self.inner),
                fill=0,
            )
            # 1 bit: the PDF gets lossless CCITT G4 instead of JPEG artefacts on the bars.
            done.append(Page(number, image.convert("1", dither=Image.Dither.NONE), tuple(labels)))
        return done


# --------------------------------------------------------------------------- output


def layout(sections: Sequence[Section], words: SheetWords = english) -> list[Page]:
    """Lay ``sections`` out on A4 pages and draw them, the page headings in ``words``."""
    sheet = _Sheet(words)
    for section in sections:
        sheet.section(section)
    return sheet.finish()


def write_pdf(pages: Sequence[Page], path: Path, title: str = "scanpack demo barcodes") -> None:
    """Write ``pages`` as one A4 PDF at 300 dpi, without timestamps (same bytes each run)."""
    first, *rest = (page.image for page in pages)
    first.save(
        path,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=DPI,
        title=title,
        creator="python -m app.barcodes.sheet",
        creationDate=None,
        modDate=None,
    )


def write_sheet(path: Path, words: SheetWords = english) -> list[Page]:
    """Build the demo sheet in ``words`` and write it to ``path``; returns its pages."""
    pages = layout(demo_sections(words), words)
    write_pdf(pages, path, say(words, w.TITLE))
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
