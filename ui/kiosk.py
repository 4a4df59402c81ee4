"""The kiosk's composition: a station, its window, and their lifetimes.

``Kiosk`` owns the station (database, sync worker), the print queue and its worker
thread (printers from the ``[printing]`` table of the settings file), the task runner,
the sync and print bridges, the translations (the station's language, switched to
each person's at log-in),
the scanners (keyboard wedge, serial, camera, and the scan pipeline they feed), the
sounds and the main window, and closes them in the right order. The window reaches the
station only through the callables given here, so a settings change can swap the
sync client underneath it. After each sync round it acts on the supervisors' requests
to this station (label reprints) on the database lane (``ui.station_requests``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from app import config
from app.barcodes import parse
from app.bootstrap import Station, build_station
from app.config import Settings
from app.domain.model import User
from app.domain.sscc import SsccError, SsccRange
from app.packing.service import PackService
from app.packing.settings import PackingSettings, load_packing
from app.picking import PickService
from app.printing import PrintQueue, PrintWorker, TemplateLibrary
from app.printing.reprints import act_on_requests
from app.printing.settings import default_printing, load_printing
from app.store.outbox import OutboxEntry
from app.supervisor.ledger import StationLedger
from app.supervisor.salts import StationSalts
from app.supervisor.service import SupervisorService
from ui.feedback import Sounds
from ui.hardware_keys import HardwareKeys
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.printing.bridge import PrintBridge
from ui.printing.label_language import label_language
from ui.printing.qt_printer import make_kiosk_printer
from ui.scale import SerialScale
from ui.scanner.hub import ScannerHub
from ui.station_requests import StationRequests
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def sscc_range(settings: Settings) -> SsccRange | None:
    """The station's SSCC range from its settings (``None`` while they lack it)."""
    try:
        return SsccRange(
            settings.gs1_company_prefix, settings.sscc_extension, settings.sscc_station
        )
    except SsccError:
        return None


FIRST_FRAME_FALLBACK_MS = 2000
"""``after_first_frame`` runs its callable this long after it was asked at the latest
(a window that is never painted, e.g. on a screen that is off)."""


class _FirstPaint(QObject):
    """Runs ``then`` on the event loop turn after ``window`` first painted, once."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self._then:
            # After this paint has reached the screen: the next turn of the loop.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()


def after_first_frame(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has painted its first frame (work that can wait for
    the screen to show, so that it does not delay it); at the latest after
    ``FIRST_FRAME_FALLBACK_MS``."""
    _FirstPaint(window, then)


class Kiosk(QObject):
    """One station's window and everything behind it.

    Args:
        settings: the station's settings (already validated or defaults).
        profile: the folder of the station's database.
        settings_path: where ``Save`` in Settings writes (the config file, or the
            demo profile's own file so a demo never touches the real one).
        on_close: called last when the kiosk closes (e.g. stop the demo store).
        start_background: load the sounds and start syncing, printing and the
            station's requests now;
            ``False`` leaves that to :meth:`start_background` (the kiosk's start calls
            it after the window's first frame, so they do not compete with building it).
        first_run: open on the first-run screen (no order store yet: set up by a scan).
    """

    def __init__(
        self,
        settings: Settings,
        profile: Path,
        settings_path: Path,
        on_close: Callable[[], None] | None = None,
        *,
        start_background: bool = True,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self._settings_path = settings_path
        self._on_close = on_close
        self.bridge = SyncBridge()
        self.tasks = TaskRunner()
        self.station: Station = build_station(settings, profile, self.bridge.publish)
        self.bridge.publish(self.station.engine.state)
        self.scanners = ScannerHub(settings, self.station.store, self.tasks)
        self.sounds = Sounds(self, load=start_background)
        self.print_bridge = PrintBridge(self)
        printing_broken = False
        try:
            printing = load_printing(settings_path, profile)
        except ValueError as exc:
            # The detail (English, from the file's checks) is for the admin's log; the
            # screen says what it means in the reader's language.
            log.error("the [printing] settings in %s are broken: %s", settings_path, exc)
            printing_broken = True
            printing = default_printing(profile)
        self.print_queue = PrintQueue(
            self.station.store,
            printing,
            TemplateLibrary(),
            printers=make_kiosk_printer(),
            station=settings.station,
            on_change=self.print_bridge.publish,
            # Labels speak the station's language, whoever is logged in.
            language=label_language(settings.language),
        )
        self.print_worker = PrintWorker(self.print_queue)
        # Through ``self.station`` at each run, like the services below.
        self.requests = StationRequests(
            self.tasks, lambda: act_on_requests(self.station.store, self.print_queue), self
        )
        self.bridge.stateChanged.connect(self.requests.on_sync_state)
        # Through ``self.station`` at each call: reconfiguring replaces the sync loop.
        self.pick_service = PickService(
            self.station.store,
            station=lambda: self.station.settings.station,
            confirm=lambda timeout: self.station.loop.sync_now(timeout),
            wake=lambda: self.station.loop.wake(),
            confirm_timeout_s=max(5.0, 2 * settings.request_timeout_s),
        )
        packing_broken = False
        try:
            packing = load_packing(settings_path)
        except ValueError as exc:  # the detail for the admin's log, as for [printing]
            log.error("the [packing] settings in %s are broken: %s", settings_path, exc)
            packing_broken, packing = True, PackingSettings()
        self.pack_service = PackService(
            self.station.store,
            station=lambda: self.station.settings.station,
            numbering=lambda: sscc_range(self.station.settings),
            cartons=lambda: packing.cartons,
            tolerance=lambda: packing.tolerance,
            wake=lambda: self.station.loop.wake(),
        )
        # The supervisor's actions: PIN salts from the order store in the settings in
        # force at each unlock (Settings can change the store).
        self.supervisor_service = SupervisorService(
            self.station.store,
            StationSalts(lambda: self.station.settings),
            station=settings.station,
            clock=lambda: datetime.now(UTC),
        )
        # A bench scale when a port is set; packing works without one (typed grams).
        self.scale = SerialScale.from_settings(settings, self)
        # The station's language, and each person's from their badge on (live).
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.translations = Translations(app, self)
        # Installed after the scanner's wedge filter: a mapped key is seen first.
        self.hardware_keys = HardwareKeys(lambda: self.station.settings, self)
        self.hardware_keys.install(app)
        self.window = MainWindow(
            settings=settings,
            find_user=self._find_user,
            save_settings=self._save_settings,
            rejected_events=self._rejected_events,
            bridge=self.bridge,
            tasks=self.tasks,
            pipeline=self.scanners.pipeline,
            camera=self.scanners.camera,
            sounds=self.sounds,
            print_queue=self.print_queue,
            print_bridge=self.print_bridge,
            labels_folder=profile / "labels",
            pick_service=self.pick_service,
            pack_service=self.pack_service,
            scale=self.scale,
            supervisor_service=self.supervisor_service,
            translations=self.translations,
            first_run=first_run,
        )
        if self.window.supervisor_screen is not None:  # the site's history and rates
            self.window.supervisor_screen.reads.ledger = StationLedger(
                lambda: self.station.settings
            )
        if printing_broken:
            self.window.show_notice(
                self.tr(
                    "The printer settings in {file} are broken (the log says why); labels go "
                    "to {folder} until they are fixed."
                ).format(file=settings_path, folder=profile / "labels"),
                "error",
            )
        if packing_broken:
            self.window.show_notice(
                self.tr(
                    "The packing settings in {file} are broken (the log says why); the demo "
                    "cartons are offered until they are fixed."
                ).format(file=settings_path),
                "error",
            )
        self.window.settingsChanged.connect(self._on_window_settings_changed)
        self.scanners.serialStatusChanged.connect(self.window.home_screen.set_scanner_status)
        self.scanners.start()
        if self.scale is not None:
            self.scale.start()
        self._background_started = False
        if start_background:
            self.start_background()

    def start_background(self) -> None:
        """Load the GS1 reader and the sounds, start the sync and print workers, and act
        on the requests a crash or a restart left unsettled; once (later calls do
        nothing)."""
        if self._background_started:
            return
        self._background_started = True
        self.tasks.run(parse.warm_up, name="load the GS1 reader")  # before the first scan
        self.sounds.load()
        self.station.loop.start()
        self.print_worker.start()
        self.requests.run()

    def _find_user(self, badge: str) -> User | None:
        with self.station.store.unit_of_work(readonly=True) as uow:
            return uow.users.by_badge(badge)

    def _rejected_events(self) -> list[OutboxEntry]:
        return self.station.engine.rejected_events()

    def _save_settings(self, settings: Settings) -> None:
        config.save(settings, self._settings_path)

    @Slot(object)
    def _on_window_settings_changed(self, settings: Settings) -> None:
        self.scanners.apply_settings(settings)
        self.print_queue.language = label_language(settings.language)
        # Stopping the old sync worker may wait for a request in flight: not on the
        # GUI thread.
        self.tasks.run(
            lambda: self.station.reconfigure(settings),
            on_error=self._on_reconfigure_failed,
            name="reconfigure sync",
        )

    def _on_reconfigure_failed(self, error: BaseException) -> None:
        log.error("could not restart sync with the new settings", exc_info=error)
        self.window.show_notice(
            self.tr(
                "The new settings were saved, but syncing could not restart: {0}. Restart scanpack."
            ).format(error),
            "error",
        )

    @property
    def settings_path(self) -> Path:
        """The station's settings file (its ``[printing]`` and ``[packing]`` tables)."""
        return self._settings_path

    def close(self) -> None:
        """Stop the scanners, close the window, stop printing (after the label on the
        wire) and syncing, close the database; safe to call twice."""
        self._background_started = True  # never after closing
        self.scanners.close()
        self.hardware_keys.uninstall()
        if self.scale is not None:
            self.scale.stop()
        self.window.close()
        self.print_worker.stop()
        self.tasks.shutdown()
        self.station.close()
        self.translations.close()
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()
