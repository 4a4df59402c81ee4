"""Image degradations that stand in for a camera and a worn label, for tests and benchmarks.

Each function takes a grayscale PIL image and returns a new one; the random ones take a
``numpy.random.Generator`` so that a corpus is the same on every run. ``DISTORTIONS``
names a small ladder of severities for each kind, which the decode tests and the camera
benchmark share, so their hit rates speak of the same images.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageFilter

BACKGROUND = 235  # light label stock on a light table

Distortion = Callable[[Image.Image, np.random.Generator], Image.Image]


def rotate(image: Image.Image, degrees: float, *, background: int = BACKGROUND) -> Image.Image:
    """Rotate counter-clockwise about the centre, growing the canvas to keep the corners."""
    return image.rotate(
        degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=background
    )


def blur(image: Image.Image, radius: float) -> Image.Image:
    """Gaussian blur (out of focus, motion-free) with ``radius`` in pixels."""
    return image.filter(ImageFilter.GaussianBlur(radius))


def noise(image: Image.Image, sigma: float, rng: np.random.Generator) -> Image.Image:
    """Add Gaussian sensor noise of standard deviation ``sigma`` grey levels."""
    pixels = np.asarray(image, dtype=np.float32)
    noisy = pixels + rng.normal(0.0, sigma, pixels.shape).astype(np.float32)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def low_contrast(image: Image.Image, low: int, high: int) -> Image.Image:
    """Squeeze the grey range 0..255 into ``low..high`` (faded ribbon, grey stock, glare)."""
    lut = [round(low + (high - low) * value / 255) for value in range(256)]
    return image.point(lut)


def scale(image: Image.Image, factor: float) -> Image.Image:
    """Resize by ``factor`` with area averaging (a code far from the camera, a low-dpi scan)."""
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BOX if factor < 1 else Image.Resampling.BICUBIC)


def shade(image: Image.Image, strength: float) -> Image.Image:
    """Darken linearly from left to right by up to ``strength`` (0..1): uneven lighting."""
    pixels = np.asarray(image, dtype=np.float32)
    ramp = 1.0 - strength * np.linspace(0.0, 1.0, pixels.shape[1], dtype=np.float32)
    return Image.fromarray(np.clip(pixels * ramp[np.newaxis, :], 0, 255).astype(np.uint8))


def perspective(
    image: Image.Image,
    strength: float,
    rng: np.random.Generator,
    *,
    background: int | tuple[int, ...] = BACKGROUND,
) -> Image.Image:
    """Move each corner inwards by up to ``strength`` of the size: a label seen at an angle."""
    w, h = image.size
    corners = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float64)
    inwards = np.array([(1, 1), (-1, 1), (-1, -1), (1, -1)], dtype=np.float64)
    shift = rng.uniform(0.0, strength, size=(4, 2)) * np.array([w, h]) * inwards
    # PIL maps each output pixel back to the input: solve for the homography that sends
    # the moved corners (output) to the original ones (input).
    return image.transform(
        (w, h),
        Image.Transform.PERSPECTIVE,
        _homography(corners + shift, corners),
        resample=Image.Resampling.BICUBIC,
        fillcolor=background,
    )


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    """Round-trip through JPEG at ``quality`` (a webcam's compressed stream)."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.convert("L")


def _homography(src: np.ndarray, dst: np.ndarray) -> tuple[float, ...]:
    """The 8 coefficients PIL's PERSPECTIVE transform wants, mapping ``src`` to ``dst``."""
    rows = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows), dst.reshape(8))
    return tuple(float(c) for c in coeffs)


def _ladder() -> dict[str, Distortion]:
    """Named distortions, three severities each where severity makes sense."""

    def rotated(degrees: float) -> Distortion:
        return lambda im, rng: rotate(im, degrees)

    def blurred(radius: float) -> Distortion:
        return lambda im, rng: blur(im, radius)

    def noisy(sigma: float) -> Distortion:
        return lambda im, rng: noise(im, sigma, rng)

    def faded(low: int, high: int) -> Distortion:
        return lambda im, rng: low_contrast(im, low, high)

    def smaller(factor: float) -> Distortion:
        return lambda im, rng: scale(im, factor)

    def slanted(strength: float) -> Distortion:
        return lambda im, rng: perspective(im, strength, rng)

    def camera(im: Image.Image, rng: np.random.Generator) -> Image.Image:
        tilted = rotate(im, float(rng.uniform(-12, 12)))
        return noise(blur(perspective(tilted, 0.08, rng), 1.0), 6, rng)

    ladder: dict[str, Distortion] = {"clean": lambda im, rng: im}
    ladder |= {f"rotate{d}": rotated(d) for d in (7, 30, 90)}
    ladder |= {f"blur{r:g}": blurred(r) for r in (1.0, 1.6, 2.4)}
    ladder |= {f"noise{s}": noisy(s) for s in (12, 25, 40)}
    ladder |= {
        f"contrast{hi - lo}": faded(lo, hi) for lo, hi in ((70, 190), (110, 160), (125, 150))
    }
    ladder |= {f"small{f:g}": smaller(f) for f in (0.6, 0.45, 0.33)}
    ladder |= {f"perspective{s:g}": slanted(s) for s in (0.1, 0.2, 0.3)}
    ladder["shade0.6"] = lambda im, rng: shade(im, 0.6)
    ladder["jpeg20"] = lambda im, rng: jpeg(im, 20)
    ladder["camera"] = camera
    return ladder


DISTORTIONS: dict[str, Distortion] = _ladder()


def family(name: str) -> str:
    """The kind of a ``DISTORTIONS`` key without its severity: ``blur2`` -> ``blur``."""
    return name.rstrip("0123456789.")


def camera_frame(
    symbol: Image.Image,
    rng: np.random.Generator,
    size: tuple[int, int] = (1280, 720),
) -> Image.Image:
    """A webcam-like frame of ``symbol`` on a label held over a packing table.

    The label (``symbol`` with a white margin) is tilted by up to 10°, seen slightly in
    perspective, a little out of focus, on a shaded cardboard-grey background with sensor
    noise: what a fixed camera over a station sees, one code per frame.
    """
    width, height = size
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    scene = 120 + 40 * ((xx * np.cos(angle) + yy * np.sin(angle)) / max(size))
    scene += 15 * np.sin(xx / rng.uniform(60, 200)) * np.cos(yy / rng.uniform(60, 200))
    canvas = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8))

    margin = 24
    gray = Image.new("L", (symbol.width + 2 * margin, symbol.height + 2 * margin), 245)
    gray.paste(symbol.convert("L"), (margin, margin))
    # Alpha travels with the label through the warps, so only the label is pasted.
    label = Image.merge("LA", (gray, Image.new("L", gray.size, 255)))
    label = perspective(label, 0.05, rng, background=(0, 0))
    tilt = float(rng.uniform(-10, 10))
    label = label.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0))
    x = int(rng.integers(0, max(1, width - label.width)))
    y = int(rng.integers(0, max(1, height - label.height)))
    canvas.paste(label.getchannel("L"), (x, y), label.getchannel("A"))
    return noise(blur(canvas, 0.8), 4.0, rng)
