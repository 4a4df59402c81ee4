"""Camera scanning without a camera: synthetic webcam frames go through the very slot the
video sink's ``videoFrameChanged`` is connected to, are decoded on the pool, debounced,
and enter the pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from pytestqt.qtbot import QtBot

from app.barcodes.decode import Debouncer, Decoder
from app.barcodes.distort import camera_frame
from app.barcodes.render import render_barcode
from app.domain.scan import ProductScan, RawScan, ScanSource
from app.domain.symbology import Symbology
from tests.app.barcodes.test_resolve import demo_ean13
from ui.scanner.camera import CameraScanner
from ui.scanner.frames import FramePixels, Layout, grab_frame, grab_image, to_gray
from ui.scanner.hub import ScannerHub
from ui.tasks import TaskRunner

GTIN14 = "0" + demo_ean13(0)
# The camera profile without its 25 ms budget: a busy test machine must not make a
# frame unreadable (the budget is measured by the benchmark, not here).
UNHURRIED = Decoder.for_camera(time_budget=None)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def frame_image(symbology: Symbology, text: str, seed: int = 7) -> Image.Image:
    """A 1280x720 webcam-like frame of one code (``app.barcodes.distort.camera_frame``)."""
    symbol = render_barcode(symbology, text, module_px=3)
    return camera_frame(symbol, np.random.default_rng(seed))


def qimage(image: Image.Image) -> QImage:
    gray = np.ascontiguousarray(np.asarray(image.convert("L")))
    h, w = gray.shape
    return QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def video_frame(image: Image.Image) -> QVideoFrame:
    """A BGRX video frame, as ``QVideoFrame(QImage)`` makes one from an RGB32 image."""
    frame = QVideoFrame(qimage(image).convertToFormat(QImage.Format.Format_RGB32))
    assert frame.pixelFormat() is QVideoFrameFormat.PixelFormat.Format_BGRX8888
    return frame


def nv12_frame(image: Image.Image) -> QVideoFrame:
    """An NV12 frame (a webcam's usual format): Y plane = the image, chroma neutral."""
    gray = np.asarray(image.convert("L"))
    h, w = gray.shape
    frame = QVideoFrame(QVideoFrameFormat(QSize(w, h), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    luma = np.frombuffer(frame.bits(0), np.uint8).reshape(h, frame.bytesPerLine(0))
    luma[:, :w] = gray
    np.frombuffer(frame.bits(1), np.uint8)[:] = 128
    frame.unmap()
    return frame


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def camera(tasks: TaskRunner, clock: Clock) -> Iterator[CameraScanner]:
    scanner = CameraScanner(tasks, decoder=UNHURRIED, debouncer=Debouncer(hold=1.0, clock=clock))
    yield scanner
    scanner.stop()


def decode_one(camera: CameraScanner, qtbot: QtBot, frame: QVideoFrame) -> list[RawScan]:
    """Feed one frame through the sink's slot and wait for its decode; the scans."""
    scans: list[RawScan] = []
    camera.scanned.connect(scans.append)
    with qtbot.waitSignal(camera.frameDecoded, timeout=10_000):
        camera._on_sink_video_frame_changed(frame)
    camera.scanned.disconnect(scans.append)
    return scans


def test_a_frame_from_the_sink_is_decoded_on_the_pool_into_a_camera_scan(
    camera: CameraScanner, qtbot: QtBot
) -> None:
    frame = video_frame(frame_image(Symbology.EAN13, demo_ean13(3)))
    assert decode_one(camera, qtbot, frame) == [
        RawScan(demo_ean13(3), Symbology.EAN13, source=ScanSource.CAMERA)
    ]


def test_holding_a_code_up_gives_one_scan_until_it_is_taken_away(
    camera: CameraScanner, qtbot: QtBot, clock: Clock
) -> None:
    frame = video_frame(frame_image(Symbology.CODE128, "SKU-10002"))
    assert [s.text for s in decode_one(camera, qtbot, frame)] == ["SKU-10002"]
    for _ in range(3):  # still held up, frame after frame
        clock.now += 0.1
        assert decode_one(camera, qtbot, frame) == []
    clock.now += 2.0  # taken away and shown again
    assert [s.text for s in decode_one(camera, qtbot, frame)] == ["SKU-10002"]


def test_frames_arriving_while_one_is_decoded_are_dropped(
    camera: CameraScanner, qtbot: QtBot
) -> None:
    frame = video_frame(frame_image(Symbology.QR, "T-0001"))
    with qtbot.waitSignal(camera.frameDecoded, timeout=10_000):
        for _ in range(5):
            camera._on_sink_video_frame_changed(frame)
        assert camera.busy
    assert (camera.frames_seen, camera.frames_dropped) == (5, 4)
    assert not camera.busy


def test_an_nv12_frame_is_read_from_its_luma_plane(camera: CameraScanner, qtbot: QtBot) -> None:
    frame = nv12_frame(frame_image(Symbology.DATAMATRIX, "B-1001", seed=3))
    assert [s.text for s in decode_one(camera, qtbot, frame)] == ["B-1001"]


def test_a_gs1_code_on_camera_resolves_to_a_product_with_its_lot(
    make_hub: object, qtbot: QtBot
) -> None:
    hub: ScannerHub = make_hub()  # type: ignore[operator]
    hub.camera.decoder = UNHURRIED
    image = frame_image(Symbology.GS1_128, f"01{GTIN14}10CAM1", seed=11)
    with qtbot.waitSignal(hub.pipeline.scanned, timeout=10_000) as blocker:
        # A code counts once two frames have read it alike (CONFIRM_FRAMES).
        for _ in range(2):
            qtbot.waitUntil(lambda: not hub.camera.busy, timeout=10_000)
            assert hub.camera.submit_image(qimage(image))
    scan = blocker.args[0]
    assert isinstance(scan, ProductScan)
    assert (scan.product.sku, scan.lot) == ("SKU-10001", "CAM1")


def test_without_a_camera_the_scanner_says_so(camera: CameraScanner) -> None:
    problem = camera.problem()
    assert problem == "No camera found on this station."
    statuses: list[str] = []
    camera.statusChanged.connect(statuses.append)
    assert not camera.start()
    assert statuses == [problem]
    assert not camera.active


def test_grab_and_gray_agree_for_every_layout() -> None:
    rng = np.random.default_rng(1)
    rgb = rng.integers(0, 256, (6, 5, 3), dtype=np.uint8)
    r, g, b = (rgb[:, :, i].astype(np.uint16) for i in range(3))
    luma = ((77 * r + 150 * g + 29 * b) >> 8).astype(np.uint8)
    alpha = np.full((6, 5, 1), 255, np.uint8)
    orders = {
        Layout.BGRA: (rgb[:, :, 2:3], rgb[:, :, 1:2], rgb[:, :, 0:1], alpha),
        Layout.RGBA: (rgb[:, :, 0:1], rgb[:, :, 1:2], rgb[:, :, 2:3], alpha),
        Layout.ARGB: (alpha, rgb[:, :, 0:1], rgb[:, :, 1:2], rgb[:, :, 2:3]),
        Layout.ABGR: (alpha, rgb[:, :, 2:3], rgb[:, :, 1:2], rgb[:, :, 0:1]),
    }
    for layout, channels in orders.items():
        packed = np.concatenate(channels, axis=2).reshape(6, 20)
        padded = np.pad(packed, ((0, 0), (0, 12)))  # a stride wider than the row
        assert np.array_equal(to_gray(FramePixels(padded, 5, 6, layout)), luma), layout
    y = rng.integers(0, 256, (6, 4), dtype=np.uint8)
    yuyv = np.zeros((6, 8), np.uint8)
    yuyv[:, 0::2] = y
    assert np.array_equal(to_gray(FramePixels(yuyv, 4, 6, Layout.YUYV)), y)
    uyvy = np.zeros((6, 8), np.uint8)
    uyvy[:, 1::2] = y
    assert np.array_equal(to_gray(FramePixels(uyvy, 4, 6, Layout.UYVY)), y)
    y16 = np.zeros((6, 8), np.uint8)
    y16[:, 1::2] = y
    assert np.array_equal(to_gray(FramePixels(y16, 4, 6, Layout.LUMA16)), y)


def test_big_frames_are_scaled_down_to_1280x720() -> None:
    full_hd = QImage(1920, 1080, QImage.Format.Format_RGB32)
    full_hd.fill(0xFF808080)
    pixels = grab_image(full_hd)
    assert pixels is not None
    gray = to_gray(pixels)
    assert gray.shape == (720, 1280)
    assert gray.flags.c_contiguous
    tall = grab_frame(QVideoFrame(QImage(800, 1000, QImage.Format.Format_Grayscale8)))
    assert tall is not None
    assert tall.layout is Layout.LUMA
    assert to_gray(tall).shape == (720, 576)


def test_an_empty_frame_is_ignored(camera: CameraScanner) -> None:
    assert grab_frame(QVideoFrame()) is None
    camera._on_sink_video_frame_changed(QVideoFrame())
    assert not camera.busy
