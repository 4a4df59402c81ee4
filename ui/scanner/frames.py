"""Camera frames to grayscale arrays for the decoder, split across two threads.

On the GUI thread, :func:`grab_frame` / :func:`grab_image` only copy the pixels out of
the ``QVideoFrame`` or ``QImage`` (a memcpy of one plane: the frame's memory is only
valid while it is mapped). On a worker, :func:`to_gray` turns that copy into a 2D
uint8 array no larger than 1280x720 (``MAX_SIZE``), which is what the decoder reads.

Cameras deliver YUV (NV12, YUYV...) far more often than RGB, and the Y plane of YUV
*is* the grayscale image, so it is taken as is: no colour conversion, and no
``QVideoFrame.toImage()``, which converts on the GPU when there is one and warns and
converts on the CPU when there is not. Other formats (a camera's MJPEG that the backend
did not decode, GPU-only frames) fall back to ``toImage()``.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage

from app.barcodes.decode import Gray

MAX_SIZE = (1280, 720)


class Layout(enum.Enum):
    """Where the luma (or the RGB channels) sits in the copied plane."""

    LUMA = "luma"  # 1 byte per pixel: Y8, the Y plane of NV12/YUV420P..., Grayscale8
    LUMA16 = "luma16"  # 2 bytes per pixel, little-endian: Y16, P010, P016
    YUYV = "yuyv"  # Y0 U Y1 V: Y at even bytes
    UYVY = "uyvy"  # U Y0 V Y1: Y at odd bytes
    AYUV = "ayuv"  # A Y U V
    BGRA = "bgra"  # byte order B, G, R, A/X
    RGBA = "rgba"  # byte order R, G, B, A/X
    ARGB = "argb"  # byte order A/X, R, G, B
    ABGR = "abgr"  # byte order A/X, B, G, R


@dataclass(frozen=True, slots=True)
class FramePixels:
    """One plane copied out of a frame: ``data`` is ``height`` rows of ``stride`` bytes."""

    data: np.ndarray
    width: int
    height: int
    layout: Layout


def _video_layouts() -> dict[object, Layout]:
    try:
        from PySide6.QtMultimedia import QVideoFrameFormat
    except ImportError:
        return {}
    F = QVideoFrameFormat.PixelFormat
    table = {
        Layout.LUMA: ("Format_Y8", "Format_NV12", "Format_NV21", "Format_YUV420P",
                      "Format_YUV422P", "Format_YV12", "Format_IMC1", "Format_IMC2",
                      "Format_IMC3", "Format_IMC4"),
        Layout.LUMA16: ("Format_Y16", "Format_P010", "Format_P016"),
        Layout.YUYV: ("Format_YUYV",),
        Layout.UYVY: ("Format_UYVY",),
        Layout.AYUV: ("Format_AYUV", "Format_AYUV_Premultiplied"),
        Layout.BGRA: ("Format_BGRA8888", "Format_BGRA8888_Premultiplied", "Format_BGRX8888"),
        Layout.RGBA: ("Format_RGBA8888", "Format_RGBX8888"),
        Layout.ARGB: ("Format_ARGB8888", "Format_ARGB8888_Premultiplied", "Format_XRGB8888"),
        Layout.ABGR: ("Format_ABGR8888", "Format_XBGR8888"),
    }  # fmt: skip
    layouts: dict[object, Layout] = {}
    for layout, names in table.items():
        for name in names:
            fmt = getattr(F, name, None)
            if fmt is not None:
                layouts[fmt] = layout
    return layouts


_VIDEO_LAYOUTS = _video_layouts()


def _copy_plane(bits: object, stride: int, height: int) -> np.ndarray:
    plane = np.frombuffer(bits, dtype=np.uint8, count=stride * height)  # type: ignore[call-overload]
    return plane.reshape(height, stride).copy()


def grab_frame(frame: object) -> FramePixels | None:
    """Copy the pixels of a ``QVideoFrame`` (GUI thread); ``None`` for an empty frame."""
    from PySide6.QtMultimedia import QVideoFrame

    assert isinstance(frame, QVideoFrame)
    if not frame.isValid() or frame.width() <= 0 or frame.height() <= 0:
        return None
    layout = _VIDEO_LAYOUTS.get(frame.pixelFormat())
    if layout is None:
        return grab_image(frame.toImage())
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return grab_image(frame.toImage())
    try:
        stride = frame.bytesPerLine(0)
        height = frame.height()
        if stride <= 0 or frame.mappedBytes(0) < stride * height:
            return None
        data = _copy_plane(frame.bits(0), stride, height)
    finally:
        frame.unmap()
    return FramePixels(data, frame.width(), height, layout)


def grab_image(image: QImage) -> FramePixels | None:
    """Copy the pixels of a ``QImage`` (GUI thread); ``None`` for a null image."""
    if image.isNull():
        return None
    if image.format() == QImage.Format.Format_Grayscale8:
        layout = Layout.LUMA
    else:
        image = image.convertToFormat(QImage.Format.Format_RGBX8888)
        layout = Layout.RGBA
    stride = image.bytesPerLine()
    data = _copy_plane(image.constBits(), stride, image.height())
    return FramePixels(data, image.width(), image.height(), layout)


def to_gray(pixels: FramePixels, max_size: tuple[int, int] = MAX_SIZE) -> Gray:
    """The frame as a C-contiguous 2D uint8 array within ``max_size`` (any thread)."""
    w, h, rows = pixels.width, pixels.height, pixels.data
    match pixels.layout:
        case Layout.LUMA:
            gray = rows[:, :w]
        case Layout.LUMA16:
            gray = rows[:, 1 : 2 * w : 2]  # the high byte of each little-endian sample
        case Layout.YUYV:
            gray = rows[:, 0 : 2 * w : 2]
        case Layout.UYVY:
            gray = rows[:, 1 : 2 * w : 2]
        case Layout.AYUV:
            gray = rows[:, 1 : 4 * w : 4]
        case _:
            offsets = {
                Layout.BGRA: (2, 1, 0),
                Layout.RGBA: (0, 1, 2),
                Layout.ARGB: (1, 2, 3),
                Layout.ABGR: (3, 2, 1),
            }[pixels.layout]
            quads = rows[:, : 4 * w].reshape(h, w, 4)
            r, g, b = (quads[:, :, i].astype(np.uint16) for i in offsets)
            gray = ((77 * r + 150 * g + 29 * b) >> 8).astype(np.uint8)  # BT.601 luma
    return _fit(np.ascontiguousarray(gray), max_size)


def _fit(gray: Gray, max_size: tuple[int, int]) -> Gray:
    h, w = gray.shape
    factor = max(w / max_size[0], h / max_size[1])
    if factor <= 1:
        return gray
    size = (max(1, math.floor(w / factor)), max(1, math.floor(h / factor)))
    resized = Image.fromarray(gray).resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    return np.asarray(resized)
