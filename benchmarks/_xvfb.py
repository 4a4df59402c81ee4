"""An X server of the benchmark's own (Xvfb) and the first frame a window puts on it,
seen from outside the process that draws it.

Xvfb is started with ``-fbdir``: its screen lives in a memory-mapped file (an XWD image)
that the server draws into, so what the file holds at any instant is what a monitor
would show. ``-br`` makes the root window black and ``-nocursor`` leaves the pointer out,
so before any client draws every pixel is black. A Qt window (xcb) has no server-side
background (Qt creates it with ``back_pixmap None``): mapping it changes no pixel, only
Qt's first flush of its backing store does. :meth:`Screen.wait_for_frame` samples the
screen every few milliseconds and answers when most of a window's area is no longer
black: the first frame, as a person in front of the screen sees it.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import select
import struct
import subprocess
import time
from pathlib import Path
from types import TracebackType

import numpy as np

from benchmarks.registry import BenchmarkError

WIDTH, HEIGHT = 1280, 800
SAMPLE_STEP = 8  # look at one pixel in 8 x 8: 16,000 of them, ~0.1 ms a look
FRAME_SHARE = 0.5  # "a frame" = at least half the sampled pixels are not black
POLL_S = 0.002


class Screen:
    """``Xvfb`` on a free display (``-displayfd``), ``WIDTH`` x ``HEIGHT`` x 24, its
    framebuffer mapped into this process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.display = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._map: mmap.mmap | None = None
        self._pixels: np.ndarray | None = None

    def __enter__(self) -> Screen:
        self.folder.mkdir(parents=True, exist_ok=True)
        read_end, write_end = os.pipe()
        try:
            self._process = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_end),
                    "-screen",
                    "0",
                    f"{WIDTH}x{HEIGHT}x24",
                    "-fbdir",
                    str(self.folder),
                    "-br",
                    "-nocursor",
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write_end,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            os.close(read_end)
            os.close(write_end)
            raise BenchmarkError(
                "Xvfb is not installed (Debian package xvfb; `make system-deps`)"
            ) from None
        os.close(write_end)
        try:
            self.display = ":" + _read_line(read_end, timeout=20.0)
        finally:
            os.close(read_end)
        if self.display == ":":
            self.__exit__(None, None, None)
            raise BenchmarkError("Xvfb did not start")
        self._open_framebuffer()
        return self

    def _open_framebuffer(self) -> None:
        path = self.folder / "Xvfb_screen0"
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        header = self._map[:100]
        # XWD header: 25 CARD32s, in the server's byte order.
        order = ">" if struct.unpack(">I", header[:4])[0] < 4096 else "<"
        fields = struct.unpack(order + "25I", header)
        header_size, depth, width, height = fields[0], fields[3], fields[4], fields[5]
        bits_per_pixel, bytes_per_line, ncolors = fields[11], fields[12], fields[19]
        if (width, height, bits_per_pixel) != (WIDTH, HEIGHT, 32) or depth != 24:
            raise BenchmarkError(f"unexpected Xvfb framebuffer: {fields[:13]}")
        offset = header_size + 12 * ncolors
        frame = np.frombuffer(
            self._map, dtype=np.uint32, count=bytes_per_line * height // 4, offset=offset
        )
        self._pixels = frame.reshape(height, bytes_per_line // 4)[:, :width]

    def lit_share(self) -> float:
        """The share of sampled pixels that are not black."""
        assert self._pixels is not None
        sample = self._pixels[::SAMPLE_STEP, ::SAMPLE_STEP] & 0x00FFFFFF
        return float(np.count_nonzero(sample)) / sample.size

    def snapshot(self) -> np.ndarray:
        """The screen now, ``HEIGHT`` x ``WIDTH`` RGB (for people: what was detected)."""
        assert self._pixels is not None
        pixels = self._pixels.copy()
        return np.stack([(pixels >> 16) & 255, (pixels >> 8) & 255, pixels & 255], -1).astype(
            np.uint8
        )

    def is_black(self) -> bool:
        return self.lit_share() == 0.0

    def wait_for_frame(self, process: subprocess.Popen[bytes], timeout: float) -> float:
        """``time.perf_counter()`` when the screen first showed a frame.

        Raises:
            BenchmarkError: ``process`` exited, or nothing was drawn within ``timeout``.
        """
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if self.lit_share() >= FRAME_SHARE:
                return now
            if process.poll() is not None:
                raise BenchmarkError(f"the process exited ({process.returncode}) before a frame")
            if now > deadline:
                raise BenchmarkError(f"no frame within {timeout:.0f} s")
            time.sleep(POLL_S)

    def wait_until_black(self, timeout: float = 10.0) -> None:
        """Wait until the previous window is gone from the screen."""
        deadline = time.perf_counter() + timeout
        while not self.is_black():
            if time.perf_counter() > deadline:
                raise BenchmarkError("the screen did not clear after the window closed")
            time.sleep(POLL_S)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._pixels = None
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a numpy view still alive: freed with it
                self._map.close()
            self._map = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None


def _read_line(fd: int, timeout: float) -> str:
    """One line from ``fd`` (Xvfb writes its display number and a newline)."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()
