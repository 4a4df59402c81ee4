"""Images without a barcode give nothing, quietly; broken files give a clear error."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.barcodes import decode_cli
from app.barcodes.decode import Decoder, decode_image
from app.barcodes.distort import camera_frame
from app.barcodes.render import place, render_barcode
from app.domain.symbology import Symbology


def _gradient() -> Image.Image:
    yy, xx = np.mgrid[0:480, 0:640]
    return Image.fromarray((xx * 255 // 639 * 0.6 + yy * 255 // 479 * 0.4).astype(np.uint8))


def _photo() -> Image.Image:
    """Something like a photo: soft shapes, a shaded gradient, texture and noise."""
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:480, 0:640].astype(np.float32)
    scene = 90 + 60 * np.sin(xx / 37) * np.cos(yy / 53) + 0.1 * xx
    for _ in range(12):
        cx, cy, r = rng.uniform(0, 640), rng.uniform(0, 480), rng.uniform(10, 90)
        scene[(xx - cx) ** 2 + (yy - cy) ** 2 < r * r] += rng.uniform(-60, 60)
    scene += rng.normal(0, 8, scene.shape)
    return Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8))


def _stripes() -> Image.Image:
    """Regular bars that are no symbology: a radiator grille, a cardboard flute."""
    row = np.tile(np.repeat(np.array([0, 255], np.uint8), 6), 60)
    return Image.fromarray(np.tile(row, (200, 1)))


GARBAGE = {
    "noise": lambda: Image.fromarray(
        np.random.default_rng(1).integers(0, 256, (480, 640), dtype=np.uint8)
    ),
    "white": lambda: Image.new("L", (640, 480), 255),
    "black": lambda: Image.new("L", (640, 480), 0),
    "gradient": _gradient,
    "photo": _photo,
    "stripes": _stripes,
    "colour noise": lambda: Image.fromarray(
        np.random.default_rng(2).integers(0, 256, (300, 400, 3), dtype=np.uint8)
    ),
    "one pixel": lambda: Image.new("L", (1, 1), 128),
    "one row": lambda: Image.new("L", (500, 1), 0),
    "transparent": lambda: Image.new("RGBA", (200, 200), (0, 0, 0, 0)),
    "empty camera frame": lambda: camera_frame(
        Image.new("L", (1, 1), 245), np.random.default_rng(4)
    ),
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_gives_no_codes_and_never_raises(name: str) -> None:
    image = GARBAGE[name]()
    assert decode_image(image) == []
    assert Decoder.for_camera().decode(np.asarray(image)) == []


@pytest.mark.parametrize("shape", [(0, 0), (0, 10), (10, 0)])
def test_an_empty_array_gives_no_codes(shape: tuple[int, int]) -> None:
    assert decode_image(np.zeros(shape, np.uint8)) == []


def _label_png() -> bytes:
    buffer = io.BytesIO()
    # Noise makes the PNG big enough that cutting it in half loses pixel rows.
    image = place(render_barcode(Symbology.CODE128, "PICK-00042"), (800, 400))
    noisy = np.asarray(image, np.int16) + np.random.default_rng(5).integers(-20, 20, (400, 800))
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (lambda png: png[: len(png) // 2], "truncated"),
        (lambda png: png[:40], "cut short"),
        (lambda png: b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not a recognised image"),
        (lambda png: b"hello, I am a text file\n", "not a recognised image"),
        (lambda png: b"", "not a recognised image"),
        (lambda png: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj garbage", "corrupt PDF"),
    ],
)
def test_a_corrupt_file_is_a_clear_error_not_a_traceback(
    tmp_path: Path, content: Callable[[bytes], bytes], reason: str
) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(content(_label_png()))
    good = tmp_path / "good.png"
    good.write_bytes(_label_png())
    out, err = io.StringIO(), io.StringIO()

    status = decode_cli.run([str(bad), str(good)], False, out=out, err=err)

    assert status == 1
    message = err.getvalue()
    assert message.startswith(f"scanpack decode: {bad}: ")
    assert reason in message
    assert "Traceback" not in message
    assert message.count("\n") == 1
    # The broken file does not stop the others.
    assert out.getvalue() == f"{good}\tcode128\tPICK-00042\t\n"
