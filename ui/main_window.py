"""The kiosk window: one screen at a time above a permanent sync status bar.

The window builds nothing global: the composition root (``ui.kiosk``) hands it the
settings, the callables that reach the station's store, the sync bridge, the task
runner and, for scanning, the scan pipeline, the camera and the sounds. It installs an
application-wide event filter only while it is open, to log a person out after
``Settings.idle_logout_s`` without input.

Scans: the window hosts the feedback (a full-window flash over every screen, and the
sounds) and routes each ``Scan`` from the pipeline: a badge logs in at the login
screen, ``#CMD:LOGOUT`` logs out anywhere, anything else at the login screen asks for
a badge first; the home screen shows the last result.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from app.config import Settings
from app.domain.commands import CommandName
from app.domain.model import Role, User
from app.domain.scan import BadgeScan, CommandScan, Scan
from app.packing.service import PackService
from app.picking import PickService
from app.printing import PrintQueue
from app.supervisor.service import SupervisorService
from app.sync.state import SyncState
from ui import qtcompat
from ui.feedback import Feedback, Sounds
from ui.i18n import ENGLISH, Translations, follow_language
from ui.printing.bridge import PrintBridge
from ui.scale import SerialScale
from ui.scanner.camera import CameraScanner
from ui.scanner.pipeline import ScanPipeline, Tone, Verdict
from ui.screens.first_run import FirstRunScreen
from ui.screens.home import HomeScreen, RejectedEvents
from ui.screens.labels import LabelsScreen
from ui.screens.login import FindUser, LoginScreen
from ui.screens.pack import PackScreen
from ui.screens.pick import PickScreen
from ui.screens.settings import SaveSettings, SettingsScreen
from ui.screens.supervisor import SupervisorScreen
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
from ui.widgets.code_keyboard import CodeKeyboard
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.scan_flash import ScanFlash
from ui.widgets.sync_status import SyncStatusBar

# What counts as a person being at the station.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)

SETTINGS_ROLES = (Role.ADMIN, Role.SUPERVISOR)

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Login, home, settings and labels in a stack, and the sync status bar below them.

    Signals:
        loggedIn(object): a ``User`` logged in.
        loggedOut(str): the user logged out; ``"user"`` (tapped Log out) or ``"idle"``.
        settingsChanged(object): new ``Settings`` were saved (the composition root
            restarts the sync engine with them).
    """

    loggedIn = Signal(object)
    loggedOut = Signal(str)
    settingsChanged = Signal(object)

    def __init__(
        self,
        *,
        settings: Settings,
        find_user: FindUser,
        save_settings: SaveSettings,
        rejected_events: RejectedEvents,
        bridge: SyncBridge,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None = None,
        camera: CameraScanner | None = None,
        sounds: Sounds | None = None,
        print_queue: PrintQueue | None = None,
        print_bridge: PrintBridge | None = None,
        labels_folder: Path | None = None,
        pick_service: PickService | None = None,
        pack_service: PackService | None = None,
        scale: SerialScale | None = None,
        supervisor_service: SupervisorService | None = None,
        translations: Translations | None = None,
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        qtcompat.install()  # before the first signal: see ui/qtcompat.py
        self._settings = settings
        self._translations = translations
        self._user: User | None = None
        self._filtering = False
        self._rejected_seen = bridge.latest.rejected
        self._pipeline = pipeline
        self._camera = camera

        self.login_screen = LoginScreen(find_user, tasks)
        self.home_screen = HomeScreen(rejected_events, tasks)
        self.settings_screen = SettingsScreen(settings, save_settings, tasks, pipeline)
        # As big as the screen shown: a wide page elsewhere in the stack does not push
        # the window past a small screen's edge.
        self.screens = CurrentPageStack()
        self.screens.setObjectName("screens")
        for screen in (self.login_screen, self.home_screen, self.settings_screen):
            self.screens.addWidget(screen)
        # The labels screen exists when the kiosk has a print queue (tests of other
        # screens build the window without one: the tile then says it is unavailable).
        self.labels_screen: LabelsScreen | None = None
        if print_queue is not None and print_bridge is not None:
            self.labels_screen = LabelsScreen(
                print_queue,
                print_bridge,
                tasks,
                pipeline,
                labels_folder or Path.cwd(),
            )
            self.screens.addWidget(self.labels_screen)
            print_bridge.jobChanged.connect(self.labels_screen.on_job_changed)
            self.labels_screen.backRequested.connect(self._on_labels_screen_back_requested)
        else:
            self.home_screen.tiles["labels"].set_available(False)
        # Likewise the pick screen needs the station's pick service.
        self.pick_screen: PickScreen | None = None
        if pick_service is not None:
            self.pick_screen = PickScreen(pick_service, tasks, pipeline)
            self.screens.addWidget(self.pick_screen)
            self.pick_screen.backRequested.connect(self._on_pick_screen_back_requested)
        else:
            self.home_screen.tiles["pick"].set_available(False)
        # And the pack screen the station's pack service (labels through the queue).
        self.pack_screen: PackScreen | None = None
        if pack_service is not None:
            self.pack_screen = PackScreen(
                pack_service, tasks, pipeline, print_queue, pack_service.carton_codes()
            )
            self.screens.addWidget(self.pack_screen)
            self.pack_screen.backRequested.connect(self._on_pick_screen_back_requested)
            if print_bridge is not None:
                print_bridge.jobChanged.connect(self.pack_screen.labels.on_job_changed)
            if scale is not None:
                scale.stableWeight.connect(self.pack_screen.on_stable_weight)
                self.pack_screen.scale_weight = lambda: scale.weight
        else:
            self.home_screen.tiles["pack"].set_available(False)
        # And the supervisor's queue the station's supervisor service.
        self.supervisor_screen: SupervisorScreen | None = None
        if supervisor_service is not None:
            self.supervisor_screen = SupervisorScreen(
                supervisor_service, tasks, pipeline, export_folder=labels_folder or Path.cwd()
            )
            self.screens.addWidget(self.supervisor_screen)
            self.supervisor_screen.backRequested.connect(self._on_pick_screen_back_requested)
        else:
            self.home_screen.tiles["supervisor"].set_available(False)
        self.status_bar = SyncStatusBar()
        self.status_bar.follow(bridge)
        if sounds is not None:
            self.status_bar.follow_sounds(sounds)

        root = QWidget(self)
        root.setObjectName("kioskRoot")
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.screens, 1)
        layout.addWidget(self.status_bar)
        self.setCentralWidget(root)
        # The on-screen keyboard of every "Type a code" button: what is typed goes
        # into the scan pipeline like a scan.
        self.keyboard = CodeKeyboard(self)
        # Over every screen and the status bar; created last so that it stays on top.
        self.flash = ScanFlash(self)
        self.feedback = Feedback(self.flash, sounds, self)
        if self.pick_screen is not None:
            self.pick_screen.said.connect(self.feedback.show)
        if self.pack_screen is not None:
            self.pack_screen.said.connect(self.feedback.show)

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._apply_settings(settings)

        self.login_screen.loggedIn.connect(self._on_login_screen_logged_in)
        self.home_screen.logoutRequested.connect(self._on_home_screen_logout_requested)
        self.home_screen.settingsRequested.connect(self._on_home_screen_settings_requested)
        self.home_screen.actionRequested.connect(self._on_home_screen_action_requested)
        self.settings_screen.saved.connect(self._on_settings_screen_saved)
        self.settings_screen.cancelled.connect(self._on_settings_screen_cancelled)
        bridge.stateChanged.connect(self._on_bridge_state_changed)
        if pipeline is not None:
            # Direct connections: routing, flash and sound happen inside submit(), on
            # the event-loop turn of the scan.
            pipeline.scanned.connect(self._on_pipeline_scanned)
            pipeline.answered.connect(self._on_pipeline_answered)
            self.home_screen.manual_entry.submitted.connect(pipeline.submit)
            self.keyboard.submitted.connect(pipeline.submit)
            for screen in (
                self.login_screen,
                self.home_screen,
                self.pick_screen,
                self.pack_screen,
                self.labels_screen,
                self.supervisor_screen,
            ):
                if screen is not None:
                    screen.typeCodeRequested.connect(self.keyboard.open)
        else:
            self.home_screen.manual_entry.hide()
        self.home_screen.cameraToggled.connect(self._on_home_screen_camera_toggled)
        if camera is not None:
            camera.activeChanged.connect(self._on_camera_active_changed)
            camera.statusChanged.connect(self._on_camera_status_changed)
        self._update_camera_button()
        self.screens.setCurrentWidget(self.login_screen)
        # A station with no order store yet opens on the first-run screen (set up by a scan).
        self.first_run_screen: FirstRunScreen | None = None
        if first_run:
            self.first_run_screen = FirstRunScreen(settings, save_settings, tasks, pipeline, camera)
            self.screens.addWidget(self.first_run_screen)
            self.screens.setCurrentWidget(self.first_run_screen)
            self.first_run_screen.provisioned.connect(self._on_first_run_screen_provisioned)
        # Screens that build their texts in retranslate() and do not follow the
        # language themselves (pick, pack) are followed here.
        for screen in (self.pick_screen, self.pack_screen):
            if screen is not None and hasattr(screen, "retranslate"):
                follow_language(screen)
        follow_language(self)

    def retranslate(self) -> None:
        """Say the window's own words again in the language now in force."""
        self._say_title()
        self._update_camera_button()

    @property
    def language(self) -> str:
        """The language the kiosk speaks now (``"en"`` without translations)."""
        return self._translations.language if self._translations is not None else ENGLISH

    def _speak(self, language: str) -> None:
        # A person's own language, else the station's: before any sentence is made.
        if self._translations is not None:
            self._translations.switch(language or self._settings.language)

    @property
    def user(self) -> User | None:
        """Who is logged in."""
        return self._user

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self._settings

    @property
    def idle_timer(self) -> QTimer:
        """The auto-logout timer (running while someone is logged in)."""
        return self._idle_timer

    def current_screen(self) -> QWidget:
        """The screen shown."""
        screen = self.screens.currentWidget()
        assert screen is not None  # the stack always holds the three screens
        return screen

    def show_notice(self, text: str, level: str = "warning") -> None:
        """Tell the person at the login screen something (e.g. the last run crashed).

        Shown on the login screen until the next login; ignored when empty.
        """
        if not text:
            return
        if self._user is None:
            self.login_screen.reset(text, level)
        else:
            self.login_screen.message.show_message(level, text)

    def logout(self, reason: str = "user") -> None:
        """End the session and show the login screen.

        Args:
            reason: ``"user"`` or ``"idle"`` (then the login screen says why).
        """
        self._idle_timer.stop()
        had_user, self._user = self._user is not None, None
        self._speak(self._settings.language)
        if self.keyboard.isVisible():
            self.keyboard.cancel()
        if self._camera is not None:
            self._camera.stop()
        self.home_screen.set_user(None)
        if self.pick_screen is not None:
            self.pick_screen.close_session()
        if self.pack_screen is not None:
            self.pack_screen.close_session()
        if self.supervisor_screen is not None:
            self.supervisor_screen.close_session()
        self.settings_screen.load(self._settings)
        self.settings_screen.set_user(None)
        if reason == "idle":
            self.login_screen.reset(
                self.tr("You were logged out because the station was not used for a while."),
                "info",
            )
        else:
            self.login_screen.reset()
        self.screens.setCurrentWidget(self.login_screen)
        if had_user:
            self.loggedOut.emit(reason)

    def _apply_settings(self, settings: Settings) -> None:
        self._settings = settings
        if self._user is None:
            self._speak(settings.language)
        self._say_title()
        self._idle_timer.setInterval(max(1, settings.idle_logout_s) * 1000)
        if self.pick_screen is not None:
            self.pick_screen.set_cart_size(settings.cart_totes)
        if self.supervisor_screen is not None:
            self.supervisor_screen.reads.stale_after = timedelta(minutes=settings.claim_stale_min)
        if self._idle_timer.isActive():
            self._idle_timer.start()

    def _say_title(self) -> None:
        station = self._settings.station.strip()
        if station:
            self.setWindowTitle(self.tr("scanpack — {station}").format(station=station))
        else:
            self.setWindowTitle(self.tr("scanpack — station not set up"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Installed on the application: sees every input event of every widget. Kept
        # trivial, it only restarts the idle timer and never consumes the event.
        if self._idle_timer.isActive() and event.type() in INPUT_EVENTS:
            self._idle_timer.start()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False
        self._idle_timer.stop()
        self.feedback.stop()
        if self._camera is not None:
            self._camera.stop()
        super().closeEvent(event)

    def _update_camera_button(self) -> None:
        camera = self._camera
        if camera is None:
            self.home_screen.camera_button.hide()
            return
        if self._user is None:  # the home screen shows at log-in, which asks again: the
            return  # camera's question (QtMultimedia, the devices) waits until then
        problem = camera.problem()
        self.home_screen.set_camera_state(
            available=not problem, on=camera.active, message=problem or camera.status
        )

    @Slot(object)
    def _on_login_screen_logged_in(self, user: User) -> None:
        self._user = user
        self._speak(user.language)
        self.home_screen.set_user(user)
        self._update_camera_button()
        self.screens.setCurrentWidget(self.home_screen)
        self._idle_timer.start()
        if self.pick_screen is not None and user.can(Role.PICKER) and self._has_open_pick(user):
            self._open_pick(user)  # straight back into an unfinished pick
        self.loggedIn.emit(user)

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if self._idle_timer.isActive():
            self._idle_timer.start()  # a scan is someone at the station
        if self.first_run_screen is not None and self.current_screen() is self.first_run_screen:
            return  # the first-run screen answers every scan
        user = self._user
        match scan:
            case CommandScan(command=command) if command.name is CommandName.LOGOUT:
                if user is None:
                    pipeline.respond(
                        Verdict(Tone.WRONG, self.tr("Nobody is logged in. Scan your badge."), scan)
                    )
                else:
                    self.logout("user")
                    pipeline.respond(
                        Verdict(
                            Tone.DONE,
                            self.tr("Logged out. Goodbye, {name}.").format(name=user.display_name),
                            scan,
                        )
                    )
            case CommandScan(command=command) if (
                command.name is CommandName.START_PICK
                and user is not None
                and self.current_screen() is not self.pick_screen
            ):
                if self.pick_screen is None or not user.can(Role.PICKER):
                    pipeline.respond(
                        Verdict(Tone.WRONG, self.tr("Picking is not open to you here."), scan)
                    )
                else:
                    self._open_pick(user)
                    self.pick_screen.start_next()
                    pipeline.respond(Verdict(Tone.GOOD, self.tr("Getting your work…"), scan))
            case CommandScan(command=command) if (
                command.name is CommandName.START_PACK
                and user is not None
                and self.current_screen() is not self.pack_screen
            ):
                if self.pack_screen is None or not user.can(Role.PACKER):
                    pipeline.respond(
                        Verdict(Tone.WRONG, self.tr("Packing is not open to you here."), scan)
                    )
                else:
                    self._open_pack(user)
                    pipeline.respond(
                        Verdict(
                            Tone.GOOD, self.tr("Scan the order's packing slip or its tote."), scan
                        )
                    )
            case BadgeScan(user=badge_user) if user is None:
                if scan.ok:
                    self.login_screen.log_in(badge_user)
            case BadgeScan() if (
                self.pack_screen is not None
                and self.current_screen() is self.pack_screen
                and self.pack_screen.wants_badge
            ):
                pass  # a supervisor's badge accepts a weight there; the screen answers
            case BadgeScan(user=badge_user) if badge_user.username != user.username:
                pipeline.respond(
                    Verdict(
                        Tone.WRONG,
                        self.tr(
                            "{name} is logged in here. Log out first (Log out, or scan the "
                            "log-out barcode), then scan your badge."
                        ).format(name=user.display_name),
                        scan,
                    )
                )
            case _ if user is None and scan.ok:
                pipeline.respond(
                    Verdict(Tone.WRONG, self.tr("Log in first: scan your badge."), scan)
                )

    @Slot(object)
    def _on_pipeline_answered(self, verdict: Verdict) -> None:
        self.feedback.show(verdict)
        if self._user is None:
            if not verdict.ok:
                self.login_screen.show_problem(verdict.text)
        elif self.current_screen() is self.home_screen:
            self.home_screen.show_verdict(verdict)

    @Slot(bool)
    def _on_home_screen_camera_toggled(self, on: bool) -> None:
        camera = self._camera
        if camera is None:
            return
        if on:
            camera.start()
        else:
            camera.stop()
        self._update_camera_button()

    @Slot(bool)
    def _on_camera_active_changed(self, _active: bool) -> None:
        self._update_camera_button()

    @Slot(str)
    def _on_camera_status_changed(self, _sentence: str) -> None:
        self._update_camera_button()

    @Slot()
    def _on_home_screen_logout_requested(self) -> None:
        self.logout("user")

    @Slot()
    def _on_home_screen_settings_requested(self) -> None:
        user = self._user
        if user is None or not any(user.can(role) for role in SETTINGS_ROLES):
            return
        self.settings_screen.load(self._settings)
        self.settings_screen.set_user(user)
        self.screens.setCurrentWidget(self.settings_screen)

    @Slot(str)
    def _on_home_screen_action_requested(self, key: str) -> None:
        if key == "labels" and self.labels_screen is not None and self._user is not None:
            self.screens.setCurrentWidget(self.labels_screen)
        if key == "pick" and self._user is not None:
            self._open_pick(self._user)
        if key == "pack" and self._user is not None:
            self._open_pack(self._user)
        if key == "supervisor":
            self._open_supervisor()

    def _open_supervisor(self) -> None:
        user, screen = self._user, self.supervisor_screen
        if user is not None and screen is not None and user.can(Role.SUPERVISOR):
            self.screens.setCurrentWidget(screen)
            screen.open(user)

    def _open_pack(self, user: User) -> None:
        if self.pack_screen is None:
            return
        self.screens.setCurrentWidget(self.pack_screen)
        self.pack_screen.open(user)

    def _has_open_pick(self, user: User) -> bool:
        assert self.pick_screen is not None
        try:
            return self.pick_screen.has_open_run(user)
        except Exception:  # the home screen's Pick tile still gets there
            log.exception("could not look for an open pick")
            return False

    def _open_pick(self, user: User) -> None:
        if self.pick_screen is None:
            return
        self.screens.setCurrentWidget(self.pick_screen)
        self.pick_screen.open(user)

    @Slot()
    def _on_pick_screen_back_requested(self) -> None:
        if self._user is not None:
            self.screens.setCurrentWidget(self.home_screen)

    @Slot()
    def _on_labels_screen_back_requested(self) -> None:
        if self._user is not None:
            self.screens.setCurrentWidget(self.home_screen)

    @Slot(object)
    def _on_settings_screen_saved(self, settings: Settings) -> None:
        self._apply_settings(settings)
        self.settingsChanged.emit(settings)
        if self._user is not None:
            self.screens.setCurrentWidget(self.home_screen)

    @Slot(object)
    def _on_first_run_screen_provisioned(self, settings: Settings) -> None:
        self.settings_screen.load(settings)
        self._on_settings_screen_saved(settings)
        self.login_screen.reset(
            self.tr("This station is set up as {station}. Scan your badge.").format(
                station=settings.station
            ),
            "ok",
        )
        self.screens.setCurrentWidget(self.login_screen)

    @Slot()
    def _on_settings_screen_cancelled(self) -> None:
        target = self.home_screen if self._user is not None else self.login_screen
        self.screens.setCurrentWidget(target)

    @Slot()
    def _on_idle_timer_timeout(self) -> None:
        if self._user is not None:
            self.logout("idle")

    @Slot(object)
    def _on_bridge_state_changed(self, state: SyncState) -> None:
        if self.pick_screen is not None and self.current_screen() is self.pick_screen:
            self.pick_screen.on_sync_state(state)
        if self.supervisor_screen is not None:
            self.supervisor_screen.on_sync_state(state)
        if state.rejected != self._rejected_seen:
            self._rejected_seen = state.rejected
            self.home_screen.refresh_rejected()
