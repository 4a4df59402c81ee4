"""The first-run screen: a station with no order store is set up by one scan.

``scanpack-store token create --station NAME --qr FILE.png --url STORE_URL`` prints the
station's set-up code (``app.domain.provisioning``). A kiosk started without an order
store in its settings opens here; the code arrives through the scan pipeline like any
scan, from the keyboard-wedge or serial scanner or from the camera, resolved as a
``SetupScan``. Then, on the task runner's pool (``app.sync.provision``): the store must
answer as an order store, accept the token, and the settings are saved (owner-only).
Each failure is said in a sentence of its own, and the screen waits for the next scan.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.config import Settings
from app.domain.provisioning import SetupCode
from app.domain.scan import Scan, SetupScan
from app.sync.provision import SetupError, SetupFault, set_up_station
from ui.i18n import follow_language
from ui.scanner.camera import CameraScanner
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.message import MessageLabel
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard

SaveSettings = Callable[[Settings], object]


SETUP_COMMAND = "scanpack-store token create --station NAME --qr FILE.png --url STORE_URL"
"""How a set-up code is made (``app.orderstore.cli``), shown as it is typed."""


class FirstRunScreen(QWidget):
    """Scan this station's set-up code to connect it to its order store.

    Args:
        settings: the settings in force (no order store yet); the new ones keep the rest.
        save: writes settings (``app.config.save`` to the station's file).
        tasks: the store is checked and the file written on its pool.
        pipeline: the scans; ``None`` on a station without a scanner (camera only).
        camera: the station's camera, or ``None``.

    Signals:
        provisioned(object): the new ``Settings``, saved.
    """

    provisioned = Signal(object)

    def __init__(
        self,
        settings: Settings,
        save: SaveSettings,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None,
        camera: CameraScanner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunScreen")
        self._settings = settings
        self._save = save
        self._tasks = tasks
        self._camera = camera
        self._pipeline = pipeline
        self._request = 0
        self.busy = False

        self.prompt = QLabel(self)
        self.prompt.setObjectName("prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.how = QLabel(self)
        self.how.setObjectName("subtitle")
        self.how.setWordWrap(True)
        self.how.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.command = QLabel(SETUP_COMMAND, self)  # a command line: data, not language
        self.command.setObjectName("setupCommand")
        self.command.setWordWrap(True)
        self.command.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.camera_button = QPushButton(self)
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.setProperty("kind", "secondary")
        self.camera_button.setMinimumSize(260, TOUCH_MIN_PX)
        self.guard = TapGuard(self)
        self.guard.connect(self.camera_button, self._on_camera_button_clicked)
        # What went wrong stays until the next scan: it is for whoever sets the station up.
        self.message = MessageLabel(self, lines=3, fade_ms=0)
        # The sentences wrap: their words, not their longest line, set the width.
        for label in (self.prompt, self.hint, self.how):
            label.setMinimumWidth(TOUCH_MIN_PX)

        row = QHBoxLayout()
        row.setSpacing(TOUCH_GAP_PX)
        row.addStretch(1)
        row.addWidget(self.camera_button)
        row.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(24)
        column.addWidget(self.prompt)
        column.addWidget(self.hint)
        column.addSpacing(16)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addSpacing(16)
        column.addWidget(self.how)
        column.addWidget(self.command)
        # On a short screen the page scrolls rather than cutting the sentences off.
        outer = QHBoxLayout(scroll_page(self))
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(1)
        centre = QVBoxLayout()
        centre.addStretch(2)
        centre.addLayout(column)
        centre.addStretch(3)
        outer.addLayout(centre, 6)
        outer.addStretch(1)

        self.scans = ScansWhileShown(self, pipeline, self._on_scanned)
        if camera is not None:
            camera.activeChanged.connect(self._on_camera_changed)
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.prompt.setText(self.tr("Set up this station"))
        self.hint.setText(
            self.tr("Scan this station's set-up code with the scanner, or show it to the camera.")
        )
        self.how.setText(
            self.tr(
                "The set-up code is a QR code. Make it on the order store's computer with "
                "this command, then print it:"
            )
        )
        self._say_camera()

    def _say_camera(self) -> None:
        camera = self._camera
        problem = camera.problem() if camera is not None else "-"
        self.camera_button.setEnabled(not problem)
        if problem:
            self.camera_button.setText(self.tr("No camera"))
        elif camera is not None and camera.active:
            self.camera_button.setText(self.tr("Stop the camera"))
        else:
            self.camera_button.setText(self.tr("Use the camera"))

    @Slot(bool)
    def _on_camera_changed(self, _active: bool) -> None:
        self._say_camera()

    def _on_camera_button_clicked(self) -> None:
        camera = self._camera
        if camera is None:
            return
        if camera.active:
            camera.stop()
        else:
            camera.start()
        self._say_camera()

    # -- scans ---------------------------------------------------------------------------

    def _on_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if isinstance(scan, SetupScan) and scan.setup is not None:
            text = self.tr("Checking the order store at {url}…").format(url=scan.setup.url)
            self.message.show_message("info", text)
            pipeline.respond(Verdict(Tone.GOOD, text, scan))
            self.submit(scan.setup)
            return
        if isinstance(scan, SetupScan):
            text = scan_message(scan)  # another version, or damaged
        else:
            text = self.tr(
                "That is not a station set-up code. Scan the QR code printed for this station."
            )
        self.message.show_message("error", text)
        pipeline.respond(Verdict(Tone.WRONG, text, scan))

    def submit(self, code: SetupCode) -> None:
        """Check ``code`` against its store and save the settings it makes."""
        self._request += 1
        request = self._request
        self.busy = True
        settings, save = self._settings, self._save
        expected = settings.station
        self._tasks.run(
            lambda: set_up_station(settings, code, save, expected),
            on_done=lambda new: self._on_done(request, new),
            on_error=lambda error: self._on_failed(request, error),
            name="set up the station",
        )

    def _on_done(self, request: int, settings: Settings) -> None:
        if request != self._request:
            return  # a newer code was scanned meanwhile
        self.busy = False
        self._settings = settings
        if self._camera is not None:
            self._camera.stop()
        self.message.show_message(
            "ok",
            self.tr("This station is now {station}, on the order store at {url}.").format(
                station=settings.station, url=settings.server_url
            ),
        )
        self.provisioned.emit(settings)

    def _on_failed(self, request: int, error: BaseException) -> None:
        if request != self._request:
            return
        self.busy = False
        if not isinstance(error, SetupError):
            raise error  # a bug: the crash handler reports it
        self.message.show_message("error", self.fault_text(error))

    def fault_text(self, error: SetupError) -> str:
        """Why the station could not be set up, in the reader's language."""
        args = error.details
        url, station = args.get("url", ""), args.get("station", "")
        detail = args.get("detail", "")
        match error.fault:
            case SetupFault.STATION_MISMATCH:
                return self.tr(
                    "This code is for station {code_station}, but this station was started "
                    "as {station}. Scan the code printed for {station}, or start scanpack "
                    "without --station."
                ).format(station=station, code_station=args.get("code_station", ""))
            case SetupFault.UNREACHABLE:
                return self.tr(
                    "The order store at {url} does not answer ({detail}). Check the network "
                    "cable or Wi-Fi, and that the store is running; then scan again."
                ).format(url=url, detail=detail)
            case SetupFault.TIMEOUT:
                return self.tr(
                    "The order store at {url} did not answer in time. Check the network, "
                    "then scan again."
                ).format(url=url)
            case SetupFault.TLS:
                return self.tr(
                    "The order store at {url} has a certificate this station does not trust "
                    "({detail}). Install the site's CA certificate, or ask for the store's "
                    "right address."
                ).format(url=url, detail=detail)
            case SetupFault.NOT_A_STORE:
                return self.tr(
                    "Something answered at {url}, but it is not a scanpack order store. "
                    "Check the address the code was made with (--url)."
                ).format(url=url)
            case SetupFault.TOKEN_REFUSED:
                return self.tr(
                    "The order store refused the token of station {station}: it was revoked, "
                    "or made for another store. Make a new code and scan it."
                ).format(station=station)
            case SetupFault.DISK_FULL:
                return self.tr(
                    "The settings could not be saved: the disk is full ({detail}). Free some "
                    "space, then scan again."
                ).format(detail=detail)
            case SetupFault.CANNOT_SAVE:
                return self.tr(
                    "The settings could not be saved ({detail}). Ask an administrator."
                ).format(detail=detail)
