"""Synthetic barcode images: one symbol, pixel-exact, for tests, benchmarks and demo sheets.

Linear codes come from python-barcode's encoders (its ``gs1_128`` emits FNC1 in first
position and takes ``\\xf1`` for FNC1 inside the data), QR from segno, DataMatrix from
zxing-cpp's writer. Each encoder only yields the module pattern; the pixels are drawn
here with numpy so that a module is an exact number of pixels and nothing depends on
fonts. Label templates (text, layout) are ``app.printing``'s business, not this module's.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PIL import Image

from app.domain.symbology import GS, Symbology

LINEAR = frozenset(
    {
        Symbology.CODE128,
        Symbology.GS1_128,
        Symbology.EAN13,
        Symbology.EAN8,
        Symbology.UPCA,
        Symbology.ITF,
        Symbology.ITF14,
        Symbology.CODE39,
    }
)
MATRIX = frozenset({Symbology.QR, Symbology.GS1_QR, Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX})

_FNC1 = "\xf1"  # python-barcode's stand-in for FNC1 inside Code128 data


def linear_modules(symbology: Symbology, text: str) -> str:
    """The bars of a linear symbol as a string of ``1`` (bar) and ``0`` (space) modules.

    Args:
        symbology: a member of ``LINEAR``.
        text: the data; GS1-128 data is a GS1 element string with ASCII 29 separators and
            no leading FNC1; EAN-13/UPC-A/EAN-8 take the digits with or without the check
            digit; ITF-14 takes all 14 digits.

    Raises:
        ValueError: the symbology is not linear, or python-barcode rejects the data.
    """
    import barcode  # type: ignore[import-untyped]

    names = {
        Symbology.CODE128: "code128",
        Symbology.GS1_128: "gs1_128",
        Symbology.EAN13: "ean13",
        Symbology.EAN8: "ean8",
        Symbology.UPCA: "upca",
        Symbology.ITF: "itf",
        Symbology.ITF14: "itf",
        Symbology.CODE39: "code39",
    }
    if symbology not in names:
        raise ValueError(f"{symbology} is not a linear symbology")
    data = text.replace(GS, _FNC1) if symbology is Symbology.GS1_128 else text
    if symbology in (Symbology.EAN13, Symbology.EAN8, Symbology.UPCA):
        width = {Symbology.EAN13: 13, Symbology.EAN8: 8, Symbology.UPCA: 12}[symbology]
        if len(data) == width:  # python-barcode wants the body and adds the check digit
            data = data[:-1]
    kwargs: dict[str, object] = {}
    if symbology is Symbology.CODE39:
        kwargs["add_checksum"] = False
    elif symbology in (Symbology.ITF, Symbology.ITF14):
        kwargs.update(narrow=1, wide=3)  # one module per narrow element, 3:1 ratio
    try:
        code = barcode.get_barcode_class(names[symbology])(data, **kwargs)
        modules: str = code.build()[0]
    except Exception as exc:  # python-barcode raises a zoo of its own exceptions
        raise ValueError(f"cannot encode {text!r} as {symbology}: {exc}") from exc
    # EAN/UPC guard bars are "G" in some python-barcode versions; they are bars too.
    return modules.replace("G", "1")


def matrix_modules(symbology: Symbology, text: str) -> npt.NDArray[np.bool_]:
    """The modules of a 2D symbol, ``True`` for dark, without quiet zone.

    Args:
        symbology: QR, GS1 QR, DataMatrix or GS1 DataMatrix.
        text: the data; GS1 data is an element string with ASCII 29 separators.

    Raises:
        ValueError: the symbology is not 2D or the data cannot be encoded.
    """
    if symbology is Symbology.QR:
        import segno

        qr = segno.make_qr(text, error="m", boost_error=False)
        return np.array(list(qr.matrix_iter(scale=1, border=0)), dtype=bool)
    if symbology in (Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX, Symbology.GS1_QR):
        import zxingcpp

        fmt = (
            zxingcpp.BarcodeFormat.QRCode
            if symbology is Symbology.GS1_QR
            else zxingcpp.BarcodeFormat.DataMatrix
        )
        # Square DataMatrix only: left alone, zxing-cpp's writer picks the smallest
        # symbol, for short data a DMRE rectangle (8x64...) that many handheld scanners
        # cannot read.
        square = {"forceSquare": True} if fmt == zxingcpp.BarcodeFormat.DataMatrix else {}
        if symbology.is_gs1:
            from biip.gs1_messages import GS1Message

            # zxing-cpp's writer takes GS1 data in its human-readable "(01)..." form.
            created = zxingcpp.create_barcode(
                GS1Message.parse(text).as_hri(), fmt, gs1=True, **square
            )
        else:
            created = zxingcpp.create_barcode(text, fmt, **square)
        pixels = np.asarray(created.to_image(scale=1, add_quiet_zones=False))
        return pixels < 128
    raise ValueError(f"{symbology} is not a 2D symbology")


def render_barcode(
    symbology: Symbology,
    text: str,
    *,
    module_px: int = 3,
    height_px: int | None = None,
    quiet_modules: int = 10,
) -> Image.Image:
    """Draw one symbol as a grayscale (mode ``L``) image, black on white.

    Args:
        symbology: what to draw.
        text: the data (see ``linear_modules`` / ``matrix_modules``).
        module_px: pixels per module (the X dimension).
        height_px: bar height for linear symbols (default: 40 modules, at least 1/5 of
            the width as GS1 asks of GS1-128).
        quiet_modules: the quiet zone on each side, in modules (2D symbols use at most 4).
    """
    if symbology in LINEAR:
        row = np.frombuffer(linear_modules(symbology, text).encode(), dtype=np.uint8) == ord("1")
        row = np.concatenate([np.zeros(quiet_modules, bool), row, np.zeros(quiet_modules, bool)])
        row_px = np.repeat(row, module_px)
        height = height_px or max(40 * module_px, row_px.size // 5)
        bars = np.broadcast_to(row_px, (height, row_px.size))
        pad = np.zeros((quiet_modules * module_px // 2, row_px.size), bool)
        dark = np.vstack([pad, bars, pad])
    else:
        quiet = min(quiet_modules, 4)
        matrix = np.pad(matrix_modules(symbology, text), quiet, constant_values=False)
        dark = np.repeat(np.repeat(matrix, module_px, axis=0), module_px, axis=1)
    return Image.fromarray(np.where(dark, 0, 255).astype(np.uint8))


def place(
    symbol: Image.Image,
    size: tuple[int, int] = (1280, 720),
    *,
    center: tuple[float, float] = (0.5, 0.5),
    background: int = 235,
) -> Image.Image:
    """Paste ``symbol`` onto a plain grayscale canvas of ``size`` (width, height).

    ``center`` is the symbol's centre as fractions of the canvas. A symbol larger than the
    canvas is cropped, which a test should avoid.
    """
    canvas = Image.new("L", size, background)
    x = round(center[0] * size[0] - symbol.width / 2)
    y = round(center[1] * size[1] - symbol.height / 2)
    canvas.paste(symbol.convert("L"), (x, y))
    return canvas
