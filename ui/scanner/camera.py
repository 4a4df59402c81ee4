"""Camera scanning: QtMultimedia frames decoded on the task runner's pool.

``QCamera`` -> ``QMediaCaptureSession`` -> ``QVideoSink``; every ``videoFrameChanged``
arrives at :meth:`CameraScanner._on_sink_video_frame_changed` on the GUI thread, which
only copies the frame's pixels (``ui.scanner.frames``) and hands them to the pool. At
most one frame is in flight: frames that arrive while one is being decoded are dropped,
so a slow decode lowers the rate instead of building a queue (and a delay). The worker
converts to grayscale no larger than 1280x720 and runs ``Decoder.for_camera()``; the
reads come back on the GUI thread, a ``Debouncer`` keeps one scan per code held up, and
each becomes a ``RawScan`` with source ``CAMERA``.

QtMultimedia is loaded only when a camera is asked for; a station without it (or
without a camera) gets a sentence saying so, and the rest of the kiosk runs on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from app.domain.scan import RawScan, ScanSource
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    # The decoders and the frame conversion (numpy, Pillow, zxing-cpp, pyzbar) load with
    # the first frame, not with the kiosk: most stations never start the camera.
    from app.barcodes.decode import Debouncer, Decoded, Decoder
    from ui.scanner.frames import FramePixels

log = logging.getLogger(__name__)

PREFERRED_SIZE = (1280, 720)
# A code counts once two frames have read it alike: a one-frame misread never does.
CONFIRM_FRAMES = 2


def multimedia_problem() -> str:
    """Why QtMultimedia cannot be used here, or ``""`` when it can."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as error:
        return str(error)
    return ""


def _decode(decoder: Decoder, pixels: FramePixels) -> list[Decoded]:
    # On a pool worker: no Qt, no widgets.
    from ui.scanner.frames import to_gray

    return decoder.decode(to_gray(pixels))


class CameraScanner(QObject):
    """Reads barcodes held up to the station's camera.

    Args:
        tasks: the task runner; frames are decoded on its pool.
        decoder: default ``Decoder.for_camera()``.
        debouncer: default ``Debouncer(confirm=2)`` (a code counts once two frames read it,
                and again after 1 s unseen).

    Signals:
        scanned(object): a ``RawScan`` (source ``CAMERA``), once per code shown.
        statusChanged(str): a sentence for the operator (started, no camera, error).
        activeChanged(bool): the camera started or stopped.
        frameDecoded(int): a frame was decoded, with this many reads (before debouncing).
    """

    scanned = Signal(object)
    statusChanged = Signal(str)
    activeChanged = Signal(bool)
    frameDecoded = Signal(int)

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        decoder: Decoder | None = None,
        debouncer: Debouncer | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._decoder = decoder
        self._debouncer = debouncer
        self._task: Task | None = None
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self._status = ""
        self.frames_seen = 0
        self.frames_dropped = 0

    @property
    def decoder(self) -> Decoder:
        """What reads the frames (shared with the worker; a Decoder is thread-safe);
        ``Decoder.for_camera()`` made on first use."""
        if self._decoder is None:
            from app.barcodes.decode import Decoder

            self._decoder = Decoder.for_camera()
        return self._decoder

    @decoder.setter
    def decoder(self, decoder: Decoder) -> None:
        self._decoder = decoder

    @property
    def busy(self) -> bool:
        """True while a frame is being decoded."""
        return self._task is not None

    @property
    def active(self) -> bool:
        """True while the camera runs."""
        return self._camera is not None and bool(self._camera.isActive())

    @property
    def status(self) -> str:
        return self._status

    def problem(self) -> str:
        """Why no camera can be started here, as a sentence; ``""`` when one can."""
        missing = multimedia_problem()
        if missing:
            return self.tr("Camera scanning is not installed on this station ({reason}).").format(
                reason=missing
            )
        from PySide6.QtMultimedia import QMediaDevices

        if not QMediaDevices.videoInputs():
            return self.tr("No camera found on this station.")
        return ""

    def start(self) -> bool:
        """Start the default camera; False (and a status sentence) when there is none."""
        if self._camera is not None:
            return True
        problem = self.problem()
        if problem:
            self._set_status(problem)
            return False
        from PySide6.QtMultimedia import (
            QCamera,
            QMediaCaptureSession,
            QMediaDevices,
            QVideoSink,
        )

        device = QMediaDevices.defaultVideoInput()
        camera = QCamera(device, self)
        fmt = _preferred_format(device.videoFormats())
        if fmt is not None:
            camera.setCameraFormat(fmt)
        session = QMediaCaptureSession(self)
        sink = QVideoSink(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(self._on_sink_video_frame_changed)
        camera.errorOccurred.connect(self._on_camera_error_occurred)
        camera.activeChanged.connect(self._on_camera_active_changed)
        self._camera, self._session, self._sink = camera, session, sink
        # The decoder and the frame conversion load while the camera starts up, so that
        # its first frame is decoded as fast as any other.
        _ = self.decoder
        from ui.scanner import frames  # noqa: F401

        camera.start()
        self._set_status(
            self.tr("Camera on: hold the barcode in front of {name}.").format(
                name=device.description()
            )
        )
        return True

    def stop(self) -> None:
        """Stop the camera and drop the frame being decoded; safe to call twice."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        camera, self._camera = self._camera, None
        if camera is not None:
            self._sink.videoFrameChanged.disconnect(self._on_sink_video_frame_changed)
            camera.stop()
            for part in (camera, self._session, self._sink):
                part.deleteLater()
            self._session = self._sink = None
            self._set_status(self.tr("Camera off."))
            self.activeChanged.emit(False)

    def submit_image(self, image: QImage) -> bool:
        """Decode ``image`` as a camera frame (the same path as the sink's frames).

        Returns:
            False when the frame was dropped (one is being decoded) or empty.
        """
        from ui.scanner.frames import grab_image

        return self._submit(lambda: grab_image(image))

    @Slot(object)
    def _on_sink_video_frame_changed(self, frame: object) -> None:
        from ui.scanner.frames import grab_frame

        self._submit(lambda: grab_frame(frame))

    def _submit(self, grab: Any) -> bool:
        self.frames_seen += 1
        if self._task is not None or self._tasks.closed:
            self.frames_dropped += 1
            return False
        pixels = grab()
        if pixels is None:
            return False
        decoder = self.decoder
        self._task = self._tasks.run(
            lambda: _decode(decoder, pixels),
            on_done=self._on_decode_done,
            on_error=self._on_decode_failed,
            name="camera frame",
        )
        return True

    def _on_decode_done(self, reads: Sequence[Decoded]) -> None:
        self._task = None
        self.frameDecoded.emit(len(reads))
        if self._debouncer is None:
            from app.barcodes.decode import Debouncer

            self._debouncer = Debouncer(confirm=CONFIRM_FRAMES)
        for read in self._debouncer.feed(reads):
            self.scanned.emit(RawScan(read.text, read.symbology, source=ScanSource.CAMERA))

    def _on_decode_failed(self, error: BaseException) -> None:
        self._task = None
        log.error("a camera frame could not be decoded", exc_info=error)

    def _set_status(self, sentence: str) -> None:
        if sentence != self._status:
            self._status = sentence
            self.statusChanged.emit(sentence)

    @Slot(object, str)
    def _on_camera_error_occurred(self, error: object, text: str) -> None:
        log.warning("camera error %s: %s", error, text)
        self._set_status(self.tr("The camera stopped: {reason}.").format(reason=text))

    @Slot(bool)
    def _on_camera_active_changed(self, active: bool) -> None:
        self.activeChanged.emit(active)


def _preferred_format(formats: Sequence[Any]) -> Any:
    """The largest format within 1280x720 at 15 frames/s or more (else the smallest)."""
    width, height = PREFERRED_SIZE

    def fits(fmt: Any) -> bool:
        size = fmt.resolution()
        return size.width() <= width and size.height() <= height and fmt.maxFrameRate() >= 15

    def area(fmt: Any) -> int:
        size = fmt.resolution()
        return int(size.width() * size.height())

    fitting = [f for f in formats if fits(f)]
    if fitting:
        return max(fitting, key=area)
    return min(formats, key=area) if formats else None
