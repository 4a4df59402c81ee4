"""All of a kiosk's scanner inputs and their pipeline, built and closed in one place."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from app.barcodes.resolve import CodePatterns
from app.barcodes.wedge import ScannerConfig
from app.config import Settings
from ui.scanner.camera import CameraScanner
from ui.scanner.pipeline import ReadStore, ScanPipeline
from ui.scanner.serial import RETRY_MS, SerialScanner
from ui.scanner.wedge_filter import WedgeFilter
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ScannerHub(QObject):
    """The scan pipeline and every input that feeds it, for one station.

    ``start()`` installs the keyboard wedge on the application and opens the serial
    scanner when ``Settings.serial_port`` names one; the camera starts only when asked
    (the home screen's Camera button). ``close()`` undoes all of it.

    Args:
        settings: the station's settings (scanner setup, code patterns, serial port).
        store: the station store the pipeline reads.
        tasks: the task runner (camera frames are decoded on its pool).
        serial_retry_ms: how often a failed serial port is tried again.

    Signals:
        serialStatusChanged(str, bool): a sentence about the serial scanner, and whether
            it is connected (``""``/True when none is configured).
    """

    serialStatusChanged = Signal(str, bool)

    def __init__(
        self,
        settings: Settings,
        store: ReadStore,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        serial_retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._serial_retry_ms = serial_retry_ms
        self._started = False
        self.pipeline = ScanPipeline(store, CodePatterns.from_settings(settings), self)
        self.wedge = WedgeFilter(ScannerConfig.from_settings(settings), self)
        self.wedge.scanned.connect(self.pipeline.submit)
        self.wedge.rejected.connect(self.pipeline.reject)
        self.camera = CameraScanner(tasks, self)
        self.camera.scanned.connect(self.pipeline.submit)
        self.serial: SerialScanner | None = None

    def start(self) -> None:
        """Listen to the keyboard wedge and the serial scanner."""
        self._started = True
        self.wedge.install()
        self._start_serial()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings: code patterns, wedge setup, serial port (reopened if changed)."""
        old, self._settings = self._settings, settings
        self.pipeline.set_patterns(CodePatterns.from_settings(settings))
        config = ScannerConfig.from_settings(settings)
        if config != self.wedge.config:
            self.wedge.set_config(config)
        serial_fields = ("serial_port", "serial_baud", "serial_terminator")
        changed = any(getattr(old, f) != getattr(settings, f) for f in serial_fields)
        if self._started and (changed or config != ScannerConfig.from_settings(old)):
            self._stop_serial()
            self._start_serial()

    def close(self) -> None:
        """Remove the wedge, close the serial port, stop the camera; safe to call twice."""
        self._started = False
        self.wedge.remove()
        self._stop_serial()
        self.camera.stop()

    def _start_serial(self) -> None:
        port = self._settings.serial_port.strip()
        if not port:
            self.serialStatusChanged.emit("", True)
            return
        serial = SerialScanner(
            port,
            self._settings.serial_baud,
            self._settings.serial_terminator,
            ScannerConfig.from_settings(self._settings),
            self,
            retry_ms=self._serial_retry_ms,
        )
        serial.scanned.connect(self.pipeline.submit)
        serial.rejected.connect(self.pipeline.reject)
        serial.statusChanged.connect(self._on_serial_status_changed)
        self.serial = serial
        serial.start()

    def _stop_serial(self) -> None:
        serial, self.serial = self.serial, None
        if serial is not None:
            serial.stop()
            serial.statusChanged.disconnect(self._on_serial_status_changed)
            serial.deleteLater()

    @Slot(str)
    def _on_serial_status_changed(self, sentence: str) -> None:
        serial = self.serial
        self.serialStatusChanged.emit(sentence, serial is not None and serial.connected)
