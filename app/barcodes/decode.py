"""Barcodes in an image: two engines, a few retries, and a rule for what to trust.

Two decoders read every image: zbar (through pyzbar's ctypes binding of libzbar) and
zxing-cpp. Neither is enough alone. On the degraded synthetic images of
``tests/app/barcodes/test_decode_hitrate.py`` zbar reads no DataMatrix at all, and reads
some linear codes (unevenly lit, steeply rotated) that zxing-cpp misses; zxing-cpp reads
noisy and blurred codes that zbar misses and gains a lot from a retry with another
binarizer, a 2x upscale or a rotated copy when its first look finds nothing. Measured
there (396 images, 9 symbologies, 22 degradations): pyzbar alone 60 %, zxing-cpp alone
83 %, zxing-cpp with retries 93 %, this decoder 95 %, with no wrong text; pyzbar alone
returned a wrong text on 8 images, zxing-cpp alone on 1.

Two profiles (``Decoder``'s passes):

* ``Decoder()`` (thorough; ``scanpack decode``, label checks): zbar and zxing-cpp always
  look, then zxing-cpp's retries run one by one while nothing is accepted.
* ``Decoder.for_camera()`` (live frames): the cheapest zxing-cpp look first, the first
  accepted read ends the frame, zbar last, and a time budget. On 1280x720 frames with one
  code it takes about 7 ms of one core (median); it still reads at least as many codes as
  the better engine alone on every symbology of the corpus.

Which reads are trusted (``Decoded.accepted_by``):

* ``agreement`` — both engines read the same text at the same place.
* ``check-digit`` — EAN-13, UPC-A and ITF-14 carry a GS1 mod-10 check digit; the read
  is accepted from one engine when it validates (``app.domain.gtin``).
* ``gs1-check`` — GS1-128 read by one engine: Code 128's mod-103 check passed inside the
  engine, the data parses as a GS1 element string (biip) and every SSCC (AI 00) and GTIN
  (AI 01, 02) in it has a valid check digit.
* ``code128-check`` — plain Code 128 read by one engine. Code 128 needs a start and a stop
  pattern, a valid pattern for each symbol character and the mod-103 check character, so
  a partial or substituted read is very unlikely, and neither engine returns a read whose
  check failed. Asking for agreement instead would make the project read fewer Code 128
  symbols than the better engine alone (zxing-cpp reads noisy ones zbar cannot, zbar
  reads unevenly lit ones zxing-cpp cannot), which issue 4 forbids; the hit-rate test
  measures zero Code 128 misreads from either engine (zbar's wrong reads are all ITF).
* ``reed-solomon`` — QR and DataMatrix: the decoder corrects errors with Reed-Solomon and
  refuses a symbol it cannot correct, so a read from one engine is as good as two. This
  is also the only way to read DataMatrix at all: zbar has no DataMatrix decoder.

Everything else needs both engines: EAN-8 and UPC-E (measured: zxing-cpp reads a *valid*
EAN-8 out of part of a UPC-A rotated by 30°), ITF of other lengths (zbar regularly
returns short, wrong ITF reads of an ITF-14) and Code 39 (no mandatory check). An EAN-8
or UPC-E lying on an accepted EAN-13/UPC-A is dropped even when both engines read it.
Two different texts of the same kind at the same place are a conflict: a linear read
loses unless it has more engines behind it; for QR/DataMatrix zxing-cpp's text wins (the
two can only differ in how they guess the character set, and zxing-cpp honours ECI).

Text conventions (``Decoded.text``): GS1 data is the element string with ASCII 29 as the
separator and without the leading FNC1 or any AIM identifier; UPC-A is 12 digits (an
EAN-13 starting with 0 *is* a UPC-A and is reported as one); ITF-14 is 14 digits.

Nothing here touches Qt: the camera adapter in ``ui/`` hands frames (numpy arrays) to a
worker that calls ``Decoder.for_camera().decode`` and passes the reads through a
``Debouncer`` before they become ``RawScan``s (``text``/``symbology`` carry over as is).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image

from app.domain.gtin import gtin_check_digit, is_valid_gtin
from app.domain.symbology import GS, Symbology

if TYPE_CHECKING:
    import zxingcpp

Gray = npt.NDArray[np.uint8]
Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left

ZBAR: Literal["zbar"] = "zbar"
ZXING: Literal["zxing"] = "zxing"


@dataclass(frozen=True, slots=True)
class Decoded:
    """One barcode found in an image.

    Attributes:
        symbology: what kind of symbol it is.
        text: the data (see the module docstring for GS1, UPC-A and ITF-14 conventions).
        quad: the symbol's corners in the input image's pixels (top-left, top-right,
            bottom-right, bottom-left as the engine saw them), or None. zbar-only reads
            of linear codes get the bounding box of its scan lines.
        engines: the engines that read it (``"zbar"``, ``"zxing"``).
        accepted_by: why the read is trusted (``agreement``, ``check-digit``,
            ``gs1-check``, ``code128-check``, ``reed-solomon``), or ``""`` for a raw
            read from ``read_zbar``/``read_zxing`` that no rule has vetted yet.
    """

    symbology: Symbology
    text: str
    quad: Quad | None = None
    engines: frozenset[str] = frozenset()
    accepted_by: str = ""


@dataclass(frozen=True, slots=True)
class Pass:
    """One look at the image: an engine, optionally on a rescaled or rotated copy.

    Attributes:
        engine: ``"zbar"`` or ``"zxing"``.
        binarizer: zxing-cpp's binarizer (``LocalAverage``, ``GlobalHistogram``,
            ``FixedThreshold``, ``BoolCast``); ignored by zbar.
        scale: resize factor applied first (2.0: a 2x bilinear upscale).
        rotate: degrees counter-clockwise applied after scaling; zxing-cpp only tries
            multiples of 90° itself, and a long linear code at 30° crosses too few rows.
        max_pixels: skip the pass when the input has more pixels than this (a 2x upscale
            of a 300 dpi page would cost seconds).
    """

    engine: Literal["zbar", "zxing"]
    binarizer: str = "LocalAverage"
    scale: float = 1.0
    rotate: float = 0.0
    max_pixels: int | None = None

    @property
    def name(self) -> str:
        """A short label for reports: ``zxing/LocalAverage@2x`` and the like."""
        label = self.engine if self.engine == ZBAR else f"{self.engine}/{self.binarizer}"
        if self.scale != 1.0:
            label += f"@{self.scale:g}x"
        if self.rotate:
            label += f"@{self.rotate:+g}deg"
        return label


# Measured on the hit-rate corpus (see the test): zbar and zxing-cpp/LocalAverage always
# look, because each reads codes the other cannot. The retries run only while nothing has
# been accepted, cheapest first: FixedThreshold costs half of LocalAverage and reads
# blurred and unevenly lit codes; the 2x upscale reads codes whose modules are 1-1.5 px;
# the rotated copies read linear codes near 30°/60°. zbar on an upscaled copy was left
# out: it returned a wrong UPC-A with a valid check digit from a blurred EAN-13.
THOROUGH_PASSES: tuple[Pass, ...] = (
    Pass(ZBAR),
    Pass(ZXING),
    Pass(ZXING, "FixedThreshold"),
    Pass(ZXING, scale=2.0, max_pixels=1_500_000),
    Pass(ZXING, rotate=30.0, max_pixels=4_000_000),
    Pass(ZXING, rotate=-30.0, max_pixels=4_000_000),
)

# A camera frame: the cheapest look first, stop at the first accepted read. Measured on
# 1280x720 frames (one core): GlobalHistogram 6 ms and reads most codes; LocalAverage
# 25 ms, the one that copes with shadows and glare; FixedThreshold 8-15 ms; zbar 60 ms
# (it slows down badly on sensor noise). A frame with nothing in it would pay for every
# pass, so the time budget stops after GlobalHistogram + LocalAverage (about 31 ms); the
# next frame is 33 ms away and the person holding the item will steady it.
CAMERA_PASSES: tuple[Pass, ...] = (
    Pass(ZXING, "GlobalHistogram"),
    Pass(ZXING),
    Pass(ZXING, "FixedThreshold"),
    Pass(ZBAR),
)

# zxing-cpp's formats for the symbologies the project knows (Symbology); restricting
# them halves its time on a noisy frame and keeps exotic symbologies out of the pipeline.
_ZXING_FORMATS = (
    "Code128",
    "EAN13",
    "EAN8",
    "UPCA",
    "UPCE",
    "ITF",
    "Code39",
    "QRCode",
    "DataMatrix",
)
_GS1_AIM_IDS = frozenset({"]C1", "]d2", "]Q3", "]Q5"})
# libzbar's symbol types (zbar.h) and the configuration keys used here.
_ZBAR_TYPES = {
    8: "EAN8",
    9: "UPCE",
    12: "UPCA",
    13: "EAN13",
    25: "I25",
    39: "CODE39",
    64: "QRCODE",
    128: "CODE128",
}
_ZBAR_ALL_TYPES = (2, 5, 8, 9, 10, 12, 13, 14, 15, 25, 34, 35, 38, 39, 57, 64, 80, 93, 128)
_ZBAR_CFG_ENABLE = 0
_ZBAR_MOD_GS1 = 1 << 0  # zbar_modifier_e ZBAR_MOD_GS1: FNC1 in first position
_ZBAR_FOURCC_Y800 = 0x30303859  # "Y800": 8-bit grayscale


class Decoder:
    """Reads every trusted barcode in an image; see the module docstring for the rules.

    A Decoder holds no native resources and is cheap to build; one may be shared between
    threads (each call builds its own zbar scanner).

    Args:
        passes: the looks to take, in order (``THOROUGH_PASSES``, ``CAMERA_PASSES``).
        min_passes: how many passes always run; after them, the decoder stops as soon as
            something has been accepted.
        time_budget: seconds; no pass starts once this much time has gone (a pass that
            has started finishes). None: no limit.
        clock: for tests.
    """

    def __init__(
        self,
        passes: Sequence[Pass] = THOROUGH_PASSES,
        *,
        min_passes: int = 2,
        time_budget: float | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if not passes:
            raise ValueError("a Decoder needs at least one pass")
        self.passes = tuple(passes)
        self.min_passes = min_passes
        self.time_budget = time_budget
        self._clock = clock

    @classmethod
    def for_camera(cls, time_budget: float | None = 0.025) -> Decoder:
        """The live-camera profile: cheapest look first, first accepted read wins."""
        return cls(CAMERA_PASSES, min_passes=1, time_budget=time_budget)

    @classmethod
    def single_engine(cls, engine: Literal["zbar", "zxing"], *, retries: bool = True) -> Decoder:
        """One engine with (or without) its retries, for comparisons and benchmarks.

        The acceptance rules still apply, so this is what the project would read if the
        other engine did not exist.
        """
        passes = tuple(
            p for p in THOROUGH_PASSES if p.engine == engine and (retries or p == Pass(engine))
        )
        return cls(passes, min_passes=1)

    def decode(self, image: Image.Image | npt.NDArray[np.generic]) -> list[Decoded]:
        """The trusted barcodes in ``image``, in reading order (top to bottom, left to right).

        Args:
            image: a PIL image (any mode) or a numpy array: 2D uint8 grayscale (a camera
                frame) or HxWx3 / HxWx4 uint8 in RGB(A) order.

        Raises:
            TypeError: ``image`` is neither.
            ValueError: the array's shape or dtype cannot be an image.
        """
        gray = as_gray(image)
        if gray.size == 0:
            return []
        start = self._clock()
        reads: list[Decoded] = []
        for index, look in enumerate(self.passes):
            if index >= self.min_passes and vet(reads):
                break
            if self.time_budget is not None and self._clock() - start > self.time_budget:
                break
            if look.max_pixels is not None and gray.size > look.max_pixels:
                continue
            reads.extend(run_pass(look, gray))
        return vet(reads)


class Debouncer:
    """Turns a stream of per-frame reads into scans: one scan per code presented.

    A camera sees the same code in every frame while it is held up. A code counts again
    only after it has been out of sight for ``hold`` seconds, so holding an item still
    gives one scan, and scanning it twice (a quantity of two) means taking it away and
    showing it again.

    ``confirm`` asks for that many frames with the same read before it counts. A
    misread is a fluke of one frame's noise (seen here: a UPC-A read with two digits
    swapped that still had a valid check digit), the true code is read again in the next
    frame; at 30 frames/s two frames cost about 33 ms.

    Args:
        hold: seconds a code must be unseen before it counts again.
        confirm: frames that must read the same code before it counts (1 = the first).
        clock: monotonic seconds; injected by tests.
    """

    def __init__(
        self,
        hold: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        confirm: int = 1,
    ) -> None:
        if confirm < 1:
            raise ValueError("confirm counts frames: at least 1")
        self.hold = hold
        self.confirm = confirm
        self._clock = clock
        # code -> [last seen, frames seen in this sighting, counted yet]
        self._seen: dict[tuple[Symbology, str], list[Any]] = {}

    def feed(self, reads: Sequence[Decoded]) -> list[Decoded]:
        """The reads of one frame that are new scans (in the frame's order)."""
        now = self._clock()
        fresh = []
        this_frame: set[tuple[Symbology, str]] = set()
        for read in reads:
            key = (read.symbology, read.text)
            if key in this_frame:  # a code twice in one frame is one sighting
                continue
            this_frame.add(key)
            sighting = self._seen.get(key)
            if sighting is None or now - sighting[0] > self.hold:
                sighting = self._seen[key] = [now, 0, False]
            sighting[0] = now
            sighting[1] += 1
            if not sighting[2] and sighting[1] >= self.confirm:
                sighting[2] = True
                fresh.append(read)
        # Forget codes long gone so that a shift's worth of scans does not pile up.
        self._seen = {k: v for k, v in self._seen.items() if now - v[0] <= self.hold}
        return fresh


def decode_image(
    image: Image.Image | npt.NDArray[np.generic], decoder: Decoder | None = None
) -> list[Decoded]:
    """Decode ``image`` with ``decoder`` (default: a thorough ``Decoder()``)."""
    return (decoder or Decoder()).decode(image)


def as_gray(image: Image.Image | npt.NDArray[np.generic]) -> Gray:
    """``image`` as a C-contiguous 2D uint8 array (what both engines read fastest).

    Raises:
        TypeError: not a PIL image or numpy array.
        ValueError: an array that is not HxW, HxWx3 or HxWx4 uint8.
    """
    if isinstance(image, Image.Image):
        if image.mode != "L":
            # Paletted and transparent images: flatten onto white first, as printed.
            if image.mode in ("RGBA", "LA", "P", "PA"):
                rgba = image.convert("RGBA")
                flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                flat.alpha_composite(rgba)
                image = flat
            image = image.convert("L")
        return np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
    if not isinstance(image, np.ndarray):
        raise TypeError(f"expected a PIL image or a numpy array, got {type(image).__name__}")
    if image.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image array, got dtype {image.dtype}")
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    if image.ndim == 3 and image.shape[2] in (3, 4):
        rgb = image[:, :, :3].astype(np.uint16)
        # ITU-R 601 luma in integers: (77 R + 150 G + 29 B) / 256
        luma = (77 * rgb[:, :, 0] + 150 * rgb[:, :, 1] + 29 * rgb[:, :, 2]) >> 8
        return np.ascontiguousarray(luma.astype(np.uint8))
    raise ValueError(f"expected an HxW, HxWx3 or HxWx4 image array, got shape {image.shape}")


# --------------------------------------------------------------------------- passes


def run_pass(look: Pass, gray: Gray) -> list[Decoded]:
    """Raw (unvetted) reads of one pass, with quads mapped back to ``gray``'s pixels."""
    image, to_source = _prepare(gray, look)
    reads = read_zbar(image) if look.engine == ZBAR else read_zxing(image, look.binarizer)
    if to_source is None:
        return reads
    return [replace(r, quad=_map_quad(r.quad, to_source) if r.quad else None) for r in reads]


def _prepare(gray: Gray, look: Pass) -> tuple[Gray, Callable[[float, float], Point] | None]:
    """Apply the pass's scale and rotation; return the image and a map back to ``gray``."""
    if look.scale == 1.0 and not look.rotate:
        return gray, None
    height, width = gray.shape
    picture = Image.fromarray(gray)
    if look.scale != 1.0:
        size = (max(1, round(width * look.scale)), max(1, round(height * look.scale)))
        picture = picture.resize(size, Image.Resampling.BILINEAR)
    sx, sy = picture.width / width, picture.height / height
    if not look.rotate:
        return np.ascontiguousarray(np.asarray(picture)), lambda x, y: (x / sx, y / sy)
    # Fill the corners with the image's typical background so they add no edges.
    background = int(np.median(gray[:: max(1, height // 32), :: max(1, width // 32)]))
    inner_w, inner_h = picture.size
    picture = picture.rotate(
        look.rotate, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=background
    )
    # PIL turns the picture counter-clockwise about its centre and centres it on the
    # grown canvas; undo that (y points down) to get back to the scaled picture.
    theta = math.radians(look.rotate)
    cos, sin = math.cos(theta), math.sin(theta)
    cx_out, cy_out = picture.width / 2, picture.height / 2
    cx_in, cy_in = inner_w / 2, inner_h / 2

    def back(x: float, y: float) -> Point:
        dx, dy = x - cx_out, y - cy_out
        return ((cos * dx - sin * dy + cx_in) / sx, (sin * dx + cos * dy + cy_in) / sy)

    return np.ascontiguousarray(np.asarray(picture)), back


def _map_quad(quad: Quad, to_source: Callable[[float, float], Point]) -> Quad:
    a, b, c, d = (to_source(x, y) for x, y in quad)
    return (a, b, c, d)


# --------------------------------------------------------------------------- zbar


@dataclass
class _ZBar:
    """libzbar's functions, bound once through pyzbar's loader."""

    wrapper: Any
    get_modifiers: Callable[..., int] | None = None


_zbar: _ZBar | None = None


def _zbar_lib() -> _ZBar:
    global _zbar
    if _zbar is None:
        from ctypes import POINTER, c_uint

        from pyzbar import wrapper  # type: ignore[import-untyped]

        try:
            # pyzbar does not expose modifiers; libzbar has had them since 0.11. The GS1
            # modifier is how zbar tells GS1-128 from plain Code 128.
            get_modifiers = wrapper.zbar_function(
                "zbar_symbol_get_modifiers", c_uint, POINTER(wrapper.zbar_symbol)
            )
        except AttributeError:
            get_modifiers = None
        _zbar = _ZBar(wrapper, get_modifiers)
    return _zbar


def read_zbar(image: Image.Image | npt.NDArray[np.generic]) -> list[Decoded]:
    """Raw zbar reads of ``image`` (``accepted_by`` empty): no retries, no vetting."""
    from ctypes import c_void_p, string_at

    gray = as_gray(image)
    height, width = gray.shape
    lib = _zbar_lib()
    w = lib.wrapper
    scanner = w.zbar_image_scanner_create()
    if not scanner:
        raise MemoryError("libzbar could not create an image scanner")
    zimage = w.zbar_image_create()
    reads: list[Decoded] = []
    try:
        for zbar_type in _ZBAR_ALL_TYPES:
            w.zbar_image_scanner_set_config(
                scanner, zbar_type, _ZBAR_CFG_ENABLE, 1 if zbar_type in _ZBAR_TYPES else 0
            )
        w.zbar_image_set_format(zimage, _ZBAR_FOURCC_Y800)
        w.zbar_image_set_size(zimage, width, height)
        # zbar reads the pixels in place: no copy; ``gray`` outlives the scan.
        w.zbar_image_set_data(zimage, gray.ctypes.data_as(c_void_p), gray.size, None)
        if w.zbar_scan_image(scanner, zimage) < 0:
            raise ValueError("libzbar rejected the image format")
        symbol = w.zbar_image_first_symbol(zimage)
        while symbol:
            kind = _ZBAR_TYPES.get(symbol.contents.type)
            if kind is not None:
                data = string_at(
                    w.zbar_symbol_get_data(symbol), w.zbar_symbol_get_data_length(symbol)
                )
                gs1 = bool(lib.get_modifiers and lib.get_modifiers(symbol) & _ZBAR_MOD_GS1)
                corners = range(w.zbar_symbol_get_loc_size(symbol))
                xs = [w.zbar_symbol_get_loc_x(symbol, i) for i in corners]
                ys = [w.zbar_symbol_get_loc_y(symbol, i) for i in corners]
                read = _normalise(kind, _bytes_text(data), gs1, _box(xs, ys), ZBAR)
                if read is not None:
                    reads.append(read)
            symbol = w.zbar_symbol_next(symbol)
    finally:
        w.zbar_image_destroy(zimage)
        w.zbar_image_scanner_destroy(scanner)
    return reads


def _bytes_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _box(xs: Sequence[float], ys: Sequence[float]) -> Quad | None:
    if not xs:
        return None
    x0, x1, y0, y1 = float(min(xs)), float(max(xs)), float(min(ys)), float(max(ys))
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


# --------------------------------------------------------------------------- zxing-cpp

_zxing_formats: zxingcpp.BarcodeFormats | None = None


def read_zxing(
    image: Image.Image | npt.NDArray[np.generic], binarizer: str = "LocalAverage"
) -> list[Decoded]:
    """Raw zxing-cpp reads of ``image`` with one binarizer: no retries, no vetting."""
    import zxingcpp

    global _zxing_formats
    if _zxing_formats is None:
        _zxing_formats = zxingcpp.BarcodeFormats(
            [getattr(zxingcpp.BarcodeFormat, name) for name in _ZXING_FORMATS]
        )
    gray = as_gray(image)
    found = zxingcpp.read_barcodes(
        gray,
        formats=_zxing_formats,
        text_mode=zxingcpp.TextMode.Plain,
        binarizer=getattr(zxingcpp.Binarizer, binarizer),
    )
    reads = []
    for barcode in found:
        kind = barcode.format.name
        gs1 = barcode.symbology_identifier in _GS1_AIM_IDS
        gs1 = gs1 or barcode.content_type == zxingcpp.ContentType.GS1
        pos = barcode.position
        quad: Quad = tuple(  # type: ignore[assignment]
            (float(p.x), float(p.y))
            for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
        )
        read = _normalise(kind, barcode.text, gs1, quad, ZXING)
        if read is not None:
            reads.append(read)
    return reads


# --------------------------------------------------------------------------- vetting

_KINDS: dict[str, tuple[Symbology, Symbology | None]] = {
    # engine kind -> (symbology, its GS1 variant)
    "CODE128": (Symbology.CODE128, Symbology.GS1_128),
    "Code128": (Symbology.CODE128, Symbology.GS1_128),
    "EAN13": (Symbology.EAN13, None),
    "UPCA": (Symbology.UPCA, None),
    "EAN8": (Symbology.EAN8, None),
    "UPCE": (Symbology.UPCE, None),
    "I25": (Symbology.ITF, None),
    "ITF": (Symbology.ITF, None),
    "CODE39": (Symbology.CODE39, None),
    "Code39": (Symbology.CODE39, None),
    "Code39Std": (Symbology.CODE39, None),
    "Code39Ext": (Symbology.CODE39, None),
    "ITF14": (Symbology.ITF, None),
    "QRCODE": (Symbology.QR, Symbology.GS1_QR),
    "QRCode": (Symbology.QR, Symbology.GS1_QR),
    "QRCodeModel1": (Symbology.QR, Symbology.GS1_QR),
    "QRCodeModel2": (Symbology.QR, Symbology.GS1_QR),
    "DataMatrix": (Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX),
}
_FAMILY = {
    Symbology.GS1_128: Symbology.CODE128,
    Symbology.UPCA: Symbology.EAN13,
    Symbology.ITF14: Symbology.ITF,
    Symbology.GS1_QR: Symbology.QR,
    Symbology.GS1_DATAMATRIX: Symbology.DATAMATRIX,
}
_MATRIX = frozenset({Symbology.QR, Symbology.DATAMATRIX})


def _normalise(kind: str, text: str, gs1: bool, quad: Quad | None, engine: str) -> Decoded | None:
    """One engine's read in the project's conventions (see the module docstring)."""
    if kind not in _KINDS:
        return None
    plain, gs1_variant = _KINDS[kind]
    symbology = plain
    if gs1_variant is not None and text.startswith(GS):
        # Some encoders and engines spell FNC1 in first position as a leading GS.
        text, gs1 = text.lstrip(GS), True
    if gs1 and gs1_variant is not None:
        symbology = gs1_variant
    if symbology in (Symbology.EAN13, Symbology.UPCA) and len(text) == 13 and text[0] == "0":
        symbology, text = Symbology.UPCA, text[1:]
    elif symbology is Symbology.ITF and len(text) == 14 and is_valid_gtin(text):
        symbology = Symbology.ITF14
    if not text:
        return None
    return Decoded(symbology, text, quad, frozenset({engine}))


def vet(reads: Sequence[Decoded]) -> list[Decoded]:
    """Merge raw reads of the same symbol and keep those a rule trusts, in reading order.

    ``reads`` are raw reads (``run_pass``, ``read_zbar``, ``read_zxing``) of one image,
    with quads in that image's pixels. The rules are in the module docstring.
    """
    merged = _merge(reads)
    accepted = []
    for read in merged:
        reason = _reason(read)
        if reason:
            accepted.append(replace(read, accepted_by=reason))
    accepted = _drop_conflicts(accepted)
    accepted = _drop_inner_ean(accepted)
    return sorted(accepted, key=_reading_order)


def _merge(reads: Sequence[Decoded]) -> list[Decoded]:
    """Group reads with the same text and kind at the same place; union their engines."""
    merged: list[Decoded] = []
    for read in reads:
        for index, other in enumerate(merged):
            if (
                other.text == read.text
                and _family(other.symbology) == _family(read.symbology)
                and _same_place(other.quad, read.quad)
            ):
                symbology = other.symbology
                if read.symbology.is_gs1 or read.symbology is Symbology.ITF14:
                    symbology = read.symbology  # one engine saw FNC1/ITF-14, trust it
                merged[index] = Decoded(
                    symbology,
                    other.text,
                    other.quad if ZXING in other.engines or read.quad is None else read.quad,
                    other.engines | read.engines,
                )
                break
        else:
            merged.append(read)
    return merged


def _reason(read: Decoded) -> str:
    """Why ``read`` can be trusted, or ``""``."""
    if len(read.engines) >= 2:
        return "agreement"
    symbology, text = read.symbology, read.text
    if symbology in (Symbology.EAN13, Symbology.UPCA, Symbology.ITF14):
        return "check-digit" if is_valid_gtin(text) else ""
    if symbology is Symbology.GS1_128:
        return "gs1-check" if gs1_check_digits_valid(text) else ""
    if symbology is Symbology.CODE128:
        return "code128-check"
    if _family(symbology) in _MATRIX:
        return "reed-solomon"
    return ""


def gs1_check_digits_valid(text: str) -> bool:
    """True when ``text`` parses as a GS1 element string and its SSCC/GTINs check out."""
    from biip import ParseError
    from biip.gs1_messages import GS1Message

    try:
        message = GS1Message.parse(text)
    except ParseError:
        return False
    if not message.element_strings:
        return False
    for element in message.element_strings:
        value = element.value
        if element.ai.ai in ("01", "02") and not is_valid_gtin(value):
            return False
        if element.ai.ai == "00" and not (
            len(value) == 18 and value.isdigit() and gtin_check_digit(value[:-1]) == int(value[-1])
        ):
            return False
    return True


def _drop_conflicts(accepted: list[Decoded]) -> list[Decoded]:
    """Settle two accepted reads of the same kind and place that differ in text.

    One of them is a misread. A linear read survives only with more engines behind it
    than its rival; for QR/DataMatrix zxing-cpp's text wins. A rejected read is no rival:
    zbar's short ITF reads of an ITF-14 must not veto it.
    """
    kept = []
    for read in accepted:
        rivals = [
            other
            for other in accepted
            if other.text != read.text
            and _family(other.symbology) == _family(read.symbology)
            and _same_place(other.quad, read.quad, strict=True)
        ]
        if not rivals:
            kept.append(read)
        elif _family(read.symbology) in _MATRIX:
            if ZXING in read.engines:
                kept.append(read)
        elif all(len(read.engines) > len(other.engines) for other in rivals):
            kept.append(read)
    return kept


def _drop_inner_ean(accepted: list[Decoded]) -> list[Decoded]:
    """Drop an EAN-8/UPC-E that lies on an EAN-13/UPC-A: a partial read of the bigger code."""
    big = [r for r in accepted if r.symbology in (Symbology.EAN13, Symbology.UPCA)]
    return [
        r
        for r in accepted
        if r.symbology not in (Symbology.EAN8, Symbology.UPCE)
        or not any(_same_place(r.quad, b.quad, strict=True) for b in big)
    ]


def _family(symbology: Symbology) -> Symbology:
    return _FAMILY.get(symbology, symbology)


def _same_place(a: Quad | None, b: Quad | None, *, strict: bool = False) -> bool:
    """Whether two quads cover the same symbol: either centre inside the other's box.

    Without positions, two reads of the same text are one symbol (``strict`` False) and
    two different texts are not known to overlap (``strict`` True).
    """
    if a is None or b is None:
        return not strict
    return _inside(_centre(a), b) or _inside(_centre(b), a)


def _centre(quad: Quad) -> Point:
    return (sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4)


def _inside(point: Point, quad: Quad) -> bool:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    # A zbar box of a linear code can be one scan line thin: give it some thickness.
    pad = 0.1 * max(max(xs) - min(xs), max(ys) - min(ys)) + 2.0
    return min(xs) - pad <= point[0] <= max(xs) + pad and min(ys) - pad <= point[1] <= max(ys) + pad


def _reading_order(read: Decoded) -> tuple[float, float, str]:
    if read.quad is None:
        return (math.inf, math.inf, read.text)
    x, y = _centre(read.quad)
    return (round(y / 20), x, read.text)
