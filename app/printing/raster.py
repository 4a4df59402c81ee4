"""Raster labels: laid-out pages as 1-bit images at the printer's resolution.

Each page is a mode ``1`` Pillow image, ``page.width`` x ``page.height`` pixels at
``page.dpi``: one pixel is one printer dot, so nothing is scaled on the way to a
thermal printer. Barcodes are drawn from their modules (``app.barcodes.render``:
python-barcode for linear codes, segno for QR, zxing-cpp for DataMatrix) at exactly
``module`` dots per module, never resampled. Text is DejaVu Sans (the same faces as the
demo barcode sheet) without anti-aliasing, as a thermal head prints it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
from PIL import Image, ImageDraw

from app.barcodes.render import linear_modules, matrix_modules
from app.barcodes.sheet import font
from app.printing.layout import Frame, Page, Rule, Symbol, Text
from app.printing.symbols import LINEAR, SYMBOLOGY, check_data, place

BLACK, WHITE = 0, 1
LINE_SPACING = 1.18  # line height as a share of the character size


def raster_pages(pages: Iterable[Page], label: str = "label") -> list[Image.Image]:
    """Draw every page.

    Raises:
        PrintError: a barcode's data is invalid or it does not fit its box.
    """
    return [draw_page(page, label) for page in pages]


def draw_page(page: Page, label: str = "label") -> Image.Image:
    """One page as a mode ``1`` image (white background), one pixel per printer dot."""
    image = Image.new("1", (page.width, page.height), WHITE)
    draw = ImageDraw.Draw(image)
    for element in page.elements:
        if isinstance(element, Text):
            _text(draw, element)
        elif isinstance(element, Symbol):
            _symbol(image, element, label, page.dpi)
        elif isinstance(element, Rule):
            draw.rectangle(
                (element.x, element.y, element.x + element.w - 1, element.y + element.h - 1),
                fill=BLACK,
            )
        elif isinstance(element, Frame):
            draw.rectangle(
                (element.x, element.y, element.x + element.w - 1, element.y + element.h - 1),
                outline=BLACK,
                width=element.thickness,
            )
    return image


def png_bytes(image: Image.Image, dpi: int) -> bytes:
    """``image`` as PNG, with its resolution recorded (pHYs), so viewers show true size."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    return buffer.getvalue()


def wrap(draw: ImageDraw.ImageDraw, text: Text) -> list[str]:
    """``text`` in lines that fit its width, at most ``max_lines``; a cut ends in "…"."""
    face = font(text.font, text.size)
    words = text.text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and draw.textlength(candidate, font=face) > text.w:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    cut = len(lines) > text.max_lines
    lines = lines[: text.max_lines]
    last = lines[-1] if lines else ""
    if cut or (last and draw.textlength(last, font=face) > text.w):
        while last and draw.textlength(last + "…", font=face) > text.w:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def _text(draw: ImageDraw.ImageDraw, text: Text) -> None:
    face = font(text.font, text.size)
    step = round(text.size * LINE_SPACING)
    y = text.y
    for line in wrap(draw, text):
        if text.align == "left":
            x = float(text.x)
        else:
            room = text.w - draw.textlength(line, font=face)
            x = text.x + (room if text.align == "right" else room / 2)
        draw.text((round(x), y), line, font=face, fill=BLACK, anchor="la")
        y += step


def _symbol(image: Image.Image, symbol: Symbol, label: str, dpi: int) -> None:
    check_data(symbol, label)
    m = symbol.module
    if symbol.symbology in LINEAR:
        bars = linear_modules(SYMBOLOGY[symbol.symbology], symbol.data)
        spot = place(symbol, len(bars), None, label, dpi)
        row = np.frombuffer(bars.encode(), dtype=np.uint8) != ord("1")  # True = white
        pixels = np.ascontiguousarray(
            np.broadcast_to(np.repeat(row, m), (spot.height, len(bars) * m))
        )
    else:
        dark = matrix_modules(SYMBOLOGY[symbol.symbology], symbol.data)
        spot = place(symbol, dark.shape[1], dark.shape[0], label, dpi)
        pixels = np.repeat(np.repeat(~dark, m, axis=0), m, axis=1)
    image.paste(Image.fromarray(pixels), (spot.x, spot.y))
