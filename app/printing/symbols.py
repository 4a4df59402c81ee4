"""Barcode facts both renderers share: the symbology names of templates, quiet zones,
data checks, and where a symbol goes in its box.

The modules themselves come from ``app.barcodes.render`` (python-barcode, segno,
zxing-cpp); nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.gtin import is_valid_gtin
from app.domain.symbology import Symbology
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.layout import Symbol

SYMBOLOGY: dict[str, Symbology] = {
    "code128": Symbology.CODE128,
    "gs1-128": Symbology.GS1_128,
    "ean13": Symbology.EAN13,
    "upca": Symbology.UPCA,
    "ean8": Symbology.EAN8,
    "qr": Symbology.QR,
    "datamatrix": Symbology.DATAMATRIX,
}
LINEAR = frozenset({"code128", "gs1-128", "ean13", "upca", "ean8"})
MATRIX = frozenset({"qr", "datamatrix"})
# Quiet zones in modules on each side: Code 128 and GS1-128 10X (GS1 General
# Specifications 5.4.4.4), EAN-13 11X left (7X right, but a symmetric 11X keeps it
# simple), UPC-A 9X, EAN-8 7X, QR 4X, DataMatrix 1X.
QUIET = {"code128": 10, "gs1-128": 10, "ean13": 11, "upca": 9, "ean8": 7, "qr": 4, "datamatrix": 1}
_GTIN_LENGTH = {"ean13": 13, "upca": 12, "ean8": 8}


def check_data(symbol: Symbol, label: str) -> None:
    """Refuse data the symbology cannot carry before any renderer tries.

    Raises:
        PrintError: ``MISSING_DATA`` naming the barcode and the data.
    """
    data = symbol.data
    length = _GTIN_LENGTH.get(symbol.symbology)
    if length is not None:
        if len(data) != length or not is_valid_gtin(data):
            raise PrintError(
                PrintErrorCode.MISSING_DATA,
                name=label,
                what=f"a valid {length}-digit {symbol.symbology.upper()} (got {data!r})",
            )
    elif symbol.symbology in ("code128", "gs1-128"):
        bad = [ch for ch in data if not (" " <= ch <= "~" or ch == "\x1d")]
        if bad:
            raise PrintError(
                PrintErrorCode.MISSING_DATA,
                name=label,
                what=f"Code 128 data in printable ASCII (got {data!r})",
            )


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a symbol's first module goes (dots), quiet zone already allowed for."""

    x: int
    y: int
    width: int  # the symbol's own width in dots, without quiet zones
    height: int


def place(
    symbol: Symbol, modules_wide: int, modules_high: int | None, label: str, dpi: int
) -> Placed:
    """Align a symbol ``modules_wide`` modules wide in its box, with its quiet zones.

    Linear symbols sit at the top of their box (their bars are ``symbol.h`` tall); 2D
    symbols one quiet zone below it.

    Args:
        symbol: the laid-out barcode.
        modules_wide: its width in modules (no quiet zone).
        modules_high: its height in modules for 2D symbols; None for linear ones,
            which are ``symbol.h`` dots tall.
        label: the template's name, for the error.
        dpi: the page's resolution, for the error.

    Raises:
        PrintError: ``DOES_NOT_FIT`` when the symbol and its quiet zones are wider than
            the box (or a 2D symbol taller).
    """
    quiet = QUIET[symbol.symbology] * symbol.module
    width = modules_wide * symbol.module
    height = symbol.h if modules_high is None else modules_high * symbol.module
    # A 2D symbol needs its quiet zone above and below too; a linear one only at the ends.
    top = 0 if modules_high is None else quiet
    if width + 2 * quiet > symbol.w or height + 2 * top > symbol.h:
        raise PrintError(
            PrintErrorCode.DOES_NOT_FIT,
            name=label,
            what=f"the {symbol.symbology} barcode {symbol.data!r} ({width + 2 * quiet} x "
            f"{height + 2 * top} dots with quiet zones, box {symbol.w} x {symbol.h})",
            dpi=dpi,
        )
    if symbol.align == "left":
        x = symbol.x + quiet
    elif symbol.align == "right":
        x = symbol.x + symbol.w - quiet - width
    else:
        x = symbol.x + (symbol.w - width) // 2
    return Placed(x, symbol.y + top, width, height)


def qr_version(data: str) -> int:
    """The QR version segno picks for ``data`` at error level M (as the raster draws it)."""
    try:
        from segno import consts, encoder

        # segno's own version search, without building the matrix (2 ms -> 30 us).
        segments = encoder.prepare_data(data, None, None)  # type: ignore[no-untyped-call]
        version = encoder.find_version(  # type: ignore[no-untyped-call]
            segments, consts.ERROR_LEVEL_M, False, False
        )
        return int(version)
    except (AttributeError, TypeError):  # a segno without these internals
        import segno

        return int(segno.make_qr(data, error="m", boost_error=False).version)


def matrix_size(symbology: str, data: str) -> tuple[int, int]:
    """(columns, rows) in modules of a QR or DataMatrix symbol of ``data``."""
    if symbology == "qr":
        side = 17 + 4 * qr_version(data)
        return side, side
    from app.barcodes.render import matrix_modules

    rows, cols = matrix_modules(SYMBOLOGY[symbology], data).shape
    return int(cols), int(rows)
