"""The kiosk window: one screen at a time above a permanent sync status bar.

The window builds nothing global: the composition root (``ui.cli``) hands it the
settings, the callables that reach the station's store, the sync bridge and the task
runner. It installs an application-wide event filter only while it is open, to log a
person out after ``Settings.idle_logout_s`` without input.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.config import Settings
from app.domain.model import Role, User
from app.sync.state import SyncState
from ui import qtcompat
from ui.screens.home import HomeScreen, RejectedEvents
from ui.screens.login import FindUser, LoginScreen
from ui.screens.settings import SaveSettings, SettingsScreen
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
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


class MainWindow(QMainWindow):
    """Login, home and settings in a stack, and the sync status bar below them.

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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        qtcompat.install()  # before the first signal: see ui/qtcompat.py
        self._settings = settings
        self._user: User | None = None
        self._filtering = False
        self._rejected_seen = bridge.latest.rejected

        self.login_screen = LoginScreen(find_user, tasks)
        self.home_screen = HomeScreen(rejected_events, tasks)
        self.settings_screen = SettingsScreen(settings, save_settings, tasks)
        self.screens = QStackedWidget()
        self.screens.setObjectName("screens")
        for screen in (self.login_screen, self.home_screen, self.settings_screen):
            self.screens.addWidget(screen)
        self.status_bar = SyncStatusBar()
        self.status_bar.follow(bridge)

        root = QWidget(self)
        root.setObjectName("kioskRoot")
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.screens, 1)
        layout.addWidget(self.status_bar)
        self.setCentralWidget(root)

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._apply_settings(settings)

        self.login_screen.loggedIn.connect(self._on_login_screen_logged_in)
        self.home_screen.logoutRequested.connect(self._on_home_screen_logout_requested)
        self.home_screen.settingsRequested.connect(self._on_home_screen_settings_requested)
        self.settings_screen.saved.connect(self._on_settings_screen_saved)
        self.settings_screen.cancelled.connect(self._on_settings_screen_cancelled)
        bridge.stateChanged.connect(self._on_bridge_state_changed)
        self.screens.setCurrentWidget(self.login_screen)

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
        self.home_screen.set_user(None)
        self.settings_screen.load(self._settings)
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
        station = settings.station.strip()
        if station:
            self.setWindowTitle(self.tr("scanpack — {station}").format(station=station))
        else:
            self.setWindowTitle(self.tr("scanpack — station not set up"))
        self._idle_timer.setInterval(max(1, settings.idle_logout_s) * 1000)
        if self._idle_timer.isActive():
            self._idle_timer.start()

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
        super().closeEvent(event)

    @Slot(object)
    def _on_login_screen_logged_in(self, user: User) -> None:
        self._user = user
        self.home_screen.set_user(user)
        self.screens.setCurrentWidget(self.home_screen)
        self._idle_timer.start()
        self.loggedIn.emit(user)

    @Slot()
    def _on_home_screen_logout_requested(self) -> None:
        self.logout("user")

    @Slot()
    def _on_home_screen_settings_requested(self) -> None:
        user = self._user
        if user is None or not any(user.can(role) for role in SETTINGS_ROLES):
            return
        self.settings_screen.load(self._settings)
        self.screens.setCurrentWidget(self.settings_screen)

    @Slot(object)
    def _on_settings_screen_saved(self, settings: Settings) -> None:
        self._apply_settings(settings)
        self.settingsChanged.emit(settings)
        if self._user is not None:
            self.screens.setCurrentWidget(self.home_screen)

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
        if state.rejected != self._rejected_seen:
            self._rejected_seen = state.rejected
            self.home_screen.refresh_rejected()
