"""ZPL II: laid-out pages as Zebra printer commands, barcodes by the printer's own commands.

Each page is one format, ``^XA ... ^XZ``, with ``^CI28`` (field data is UTF-8), the
page size (``^PW`` width, ``^LL`` length, in dots) and one field per element:

* text: ``^FO x,y ^A0N,h,h ^FB width,lines,gap,justification ^FD text ^FS`` in the
  printer's scalable font 0; the printer wraps inside the field block. Its glyphs are
  not DejaVu's, so text longer than an estimated ``0.56 h`` per character is cut here
  rather than letting ``^FB`` overprint its last line.
* Code 128 / GS1-128: ``^BY module,3,height ^BCN,height,N,N,N,N`` (mode N, no
  interpretation line: the template prints its own text) with explicit subset
  invocation codes in the data: ``>;`` start C, ``>:`` start B, ``>5`` code C, ``>6``
  code B, ``>8`` FNC1, ``><`` a literal ``>``. GS1-128 starts ``>;>8`` or ``>:>8``
  (FNC1 in first position), and an ASCII 29 in the data (the GS1 separator after a
  variable-length field) becomes ``>8`` as well. Subsets are chosen here, not by the
  firmware, so the symbol's width is known exactly and centring matches the raster.
* EAN-13 ``^BE``, UPC-A ``^BU``, EAN-8 ``^B8``: the data without its check digit; the
  printer appends it.
* QR: ``^BQN,2,magnification`` with ``^FDMA,data`` (error level M, automatic mode).
* DataMatrix: ``^BXN,module,200``.
* rules and frames: ``^GB``.

``^FH_`` precedes any ``^FD`` that needs ``^``, ``~``, ``_``, ``\\`` or a control
character, written as ``_XX`` hex.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.layout import Frame, Page, Rule, Symbol, Text
from app.printing.symbols import check_data, matrix_size, place

GS = "\x1d"
FNC1 = ">8"
START_B, START_C = ">:", ">;"
CODE_B, CODE_C = ">6", ">5"
_ESCAPE = frozenset("^~_\\")
TEXT_WIDTH_RATIO = 0.56  # estimated advance of font 0 per character, as a share of h


def zpl_pages(pages: Iterable[Page], label: str = "label") -> bytes:
    """The ZPL of ``pages``, one ``^XA...^XZ`` format per page, UTF-8.

    Raises:
        PrintError: a barcode's data is invalid or it does not fit its box.
    """
    out = []
    for page in pages:
        out.append(f"^XA^CI28^PW{page.width}^LL{page.height}^LH0,0")
        for element in page.elements:
            if isinstance(element, Text):
                out.append(_text(element))
            elif isinstance(element, Symbol):
                out.append(_symbol(element, label, page.dpi))
            elif isinstance(element, Rule):
                thickness = min(element.w, element.h)
                out.append(f"^FO{element.x},{element.y}^GB{element.w},{element.h},{thickness}^FS")
            elif isinstance(element, Frame):
                out.append(
                    f"^FO{element.x},{element.y}^GB{element.w},{element.h},{element.thickness}^FS"
                )
        out.append("^XZ\n")
    return "\n".join(out).encode("utf-8")


def field_data(text: str) -> str:
    """``^FD...^FS`` for ``text``, preceded by ``^FH_`` when a character needs hex."""
    if not any(ch in _ESCAPE or ch < " " for ch in text):
        return f"^FD{text}^FS"
    escaped = "".join(f"_{ord(ch):02X}" if ch in _ESCAPE or ch < " " else ch for ch in text)
    return f"^FH_^FD{escaped}^FS"


def _text(text: Text) -> str:
    per_line = max(1, int(text.w / (TEXT_WIDTH_RATIO * text.size)))
    content = " ".join(text.text.split())  # ^FB wraps; newlines would be literal
    limit = per_line * text.max_lines
    if len(content) > limit:
        # Font 0 of older firmware has no ellipsis glyph.
        content = content[: max(1, limit - 3)].rstrip() + "..."
    justify = {"left": "L", "center": "C", "right": "R"}[text.align]
    gap = round(text.size * 0.15)
    return (
        f"^FO{text.x},{text.y}^A0N,{text.size},{text.size}"
        f"^FB{text.w},{text.max_lines},{gap},{justify},0" + field_data(content)
    )


def _symbol(symbol: Symbol, label: str, dpi: int) -> str:
    check_data(symbol, label)
    kind, data, m, h = symbol.symbology, symbol.data, symbol.module, symbol.h
    if m > 10:
        raise PrintError(
            PrintErrorCode.DOES_NOT_FIT,
            name=label,
            what=f"a {kind} module of {m} dots (ZPL allows 1-10)",
            dpi=dpi,
        )
    if kind in ("code128", "gs1-128"):
        encoded, symbols = code128_field(data, gs1=kind == "gs1-128")
        spot = place(symbol, symbols * 11 + 13, None, label, dpi)
        return f"^FO{spot.x},{spot.y}^BY{m},3,{h}^BCN,{h},N,N,N,N" + field_data(encoded)
    if kind == "ean13":
        spot = place(symbol, 95, None, label, dpi)
        return f"^FO{spot.x},{spot.y}^BY{m},3,{h}^BEN,{h},N,N" + field_data(data[:12])
    if kind == "upca":
        spot = place(symbol, 95, None, label, dpi)
        return f"^FO{spot.x},{spot.y}^BY{m},3,{h}^BUN,{h},N,N,Y" + field_data(data[:11])
    if kind == "ean8":
        spot = place(symbol, 67, None, label, dpi)
        return f"^FO{spot.x},{spot.y}^BY{m},3,{h}^B8N,{h},N,N" + field_data(data[:7])
    cols, rows = matrix_size(kind, data)
    spot = place(symbol, cols, rows, label, dpi)
    if kind == "qr":
        return f"^FO{spot.x},{spot.y}^BQN,2,{m}" + field_data("MA," + data)
    return f"^FO{spot.x},{spot.y}^BXN,{m},200" + field_data(data)


def code128_field(data: str, *, gs1: bool) -> tuple[str, int]:
    """``data`` as ``^BC`` mode-N field data with explicit subsets.

    Args:
        data: printable ASCII; for GS1-128 the element string with ASCII 29 after a
            variable-length field (no leading FNC1: it is added).
        gs1: put FNC1 in first position, and read ASCII 29 as FNC1.

    Returns:
        The field data and the number of symbol characters it makes, start and check
        character included (the symbol is ``count * 11 + 13`` modules with the stop).

    Raises:
        ValueError: a character Code 128 subset B cannot carry.
    """
    tokens: list[str] = [FNC1] if gs1 else []
    for ch in data:
        if gs1 and ch == GS:
            tokens.append(FNC1)
        elif " " <= ch <= "~":
            tokens.append(ch)
        else:
            raise ValueError(f"Code 128 data must be printable ASCII, got {ch!r} in {data!r}")

    def digits_at(index: int) -> int:
        end = index
        while end < len(tokens) and len(tokens[end]) == 1 and tokens[end].isdigit():
            end += 1
        return end - index

    first = next((i for i, t in enumerate(tokens) if t != FNC1), len(tokens))
    run = digits_at(first)
    rest = len(tokens) - first
    subset_c = run >= 4 or (run == rest and run >= 2 and run % 2 == 0)
    out = [START_C if subset_c else START_B]
    count = 1
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == FNC1:
            out.append(FNC1)
            index += 1
        elif subset_c:
            if digits_at(index) >= 2:
                out.append(tokens[index] + tokens[index + 1])
                index += 2
            else:
                out.append(CODE_B)
                subset_c = False
        else:
            run = digits_at(index)
            if run >= 4:
                if run % 2:
                    out.append(token)
                    count += 1
                    index += 1
                out.append(CODE_C)
                subset_c = True
            else:
                out.append("><" if token == ">" else token)
                index += 1
        count += 1
    return "".join(out), count + 1
