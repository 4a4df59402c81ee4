"""After login: a greeting, one big tile per action of the person's roles, log out,
the manual-entry box and camera switch, the last scan's result, and the events the
order store refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Role, User
from app.store.outbox import OutboxEntry
from ui.feedback import tone_word
from ui.i18n import follow_language
from ui.scanner.pipeline import Verdict
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX
from ui.widgets.manual_entry import ManualEntry
from ui.widgets.message import MessageLabel
from ui.widgets.rejected_panel import RejectedPanel
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard
from ui.widgets.tile import Tile

RejectedEvents = Callable[[], Sequence[OutboxEntry]]


@dataclass(frozen=True, slots=True)
class Action:
    """One home-screen action: who sees it and whether its screen exists yet."""

    key: str
    icon: str
    roles: frozenset[Role]
    available: bool


# The order of the tiles. A tile whose screen the window was built without says it is
# unavailable (``Tile.set_available``). (An admin may take every action: ``actions_for``.)
ACTIONS: tuple[Action, ...] = (
    Action("pick", "pick", frozenset({Role.PICKER}), available=True),
    Action("pack", "pack", frozenset({Role.PACKER}), available=True),
    Action("labels", "labels", frozenset({Role.PACKER, Role.SUPERVISOR}), available=True),
    Action("supervisor", "supervisor", frozenset({Role.SUPERVISOR}), available=True),
    Action("settings", "settings", frozenset({Role.ADMIN, Role.SUPERVISOR}), available=True),
)

TILE_COLUMNS = 3
KIOSK_WIDTH = 1280
SCROLLBAR_ROOM = 24  # the page's scroll bar, when it scrolls
TILE_SPACING = TOUCH_GAP_PX
TILE_MIN_HEIGHT = 118  # resources/qss/30-tiles.qss: min-height 96 + padding + border
REJECTED_MIN_HEIGHT = 80


def actions_for(user: User) -> list[Action]:
    """The actions ``user`` may take, in tile order (an admin may take all)."""
    return [a for a in ACTIONS if any(user.can(role) for role in a.roles)]


class HomeScreen(QWidget):
    """The hub: what this person can do here.

    Signals:
        actionRequested(str): an available tile other than Settings was tapped (its key).
        settingsRequested(): the Settings tile was tapped.
        logoutRequested(): Log out was tapped.
        cameraToggled(bool): the Camera button was switched on or off.
        typeCodeRequested(): "Type a code" was tapped (the on-screen keyboard).

    ``manual_entry.submitted`` carries codes typed from damaged labels (the main window
    sends them into the scan pipeline).
    """

    actionRequested = Signal(str)
    settingsRequested = Signal()
    logoutRequested = Signal()
    cameraToggled = Signal(bool)
    typeCodeRequested = Signal()

    def __init__(
        self,
        rejected_events: RejectedEvents,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self._user: User | None = None
        self.guard = TapGuard(self)

        self.greeting = QLabel(self)
        self.greeting.setObjectName("greeting")
        self.greeting.setWordWrap(True)
        self.roles_label = QLabel(self)
        self.roles_label.setObjectName("subtitle")
        self.roles_label.setWordWrap(True)
        self.logout_button = QPushButton(self)
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.setProperty("kind", "secondary")
        self.logout_button.setMinimumWidth(220)
        self.guard.connect(self.logout_button, self._on_logout_button_clicked)

        self.tiles: dict[str, Tile] = {}
        for action in ACTIONS:
            tile = Tile(action.key, "", action.icon, available=action.available, parent=self)
            self.guard.connect(tile, lambda t=tile: self._on_tile_tapped(t), action.key)
            tile.hide()
            self.tiles[action.key] = tile

        self.rejected_panel = RejectedPanel(rejected_events, tasks, self)

        self.manual_entry = ManualEntry(self)
        self.manual_entry.keyboardRequested.connect(self.typeCodeRequested)
        self.camera_button = QPushButton(self)
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.setProperty("kind", "secondary")
        self.camera_button.setCheckable(True)
        self.camera_button.setMinimumWidth(220)
        self.camera_button.toggled.connect(self._on_camera_button_toggled)
        self.camera_status = QLabel(self)
        self.camera_status.setObjectName("hint")
        self.camera_status.setWordWrap(True)
        self.camera_status.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.camera_status.hide()
        # One line of the large type on the kiosk (two on a narrower screen); a long
        # sentence shrinks into it rather than pushing the refused events off the screen.
        self.last_scan = MessageLabel(self, lines=1)
        self.last_scan.setProperty("emphasis", "large")
        self.scanner_status = MessageLabel(self, lines=1, fade_ms=0, keep_room=False)

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(4)
        names.addWidget(self.greeting)
        names.addWidget(self.roles_label)
        header.setSpacing(TOUCH_GAP_PX)
        header.addLayout(names, 1)
        header.addWidget(self.camera_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.logout_button, 0, Qt.AlignmentFlag.AlignTop)

        self._columns = TILE_COLUMNS
        self._tile_box = QWidget(self)
        self._grid = QGridLayout(self._tile_box)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(TILE_SPACING)
        for column in range(TILE_COLUMNS):
            self._grid.setColumnStretch(column, 1)

        scan_row = QHBoxLayout()
        scan_row.setSpacing(TOUCH_GAP_PX)
        scan_row.addWidget(self.manual_entry, 1)

        # When a supervisor's two rows of tiles, the scan row, the last result and the
        # refused events do not all fit, the refused-events panel scrolls: tiles never
        # shrink below their icon, title and subtitle (see set_user). (The panel's
        # word-wrapped text makes its own minimum its full height, hence the area.)
        self._rejected_area = QScrollArea(self)
        self._rejected_area.setObjectName("rejectedArea")
        self._rejected_area.setWidgetResizable(True)
        self._rejected_area.setFrameShape(QFrame.Shape.NoFrame)
        self._rejected_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._rejected_area.setMinimumHeight(REJECTED_MIN_HEIGHT)
        self._rejected_area.setWidget(self.rejected_panel)
        # The panel shows and hides itself (refused events or none): the area follows.
        self._rejected_area.setVisible(not self.rejected_panel.isHidden())
        self.rejected_panel.installEventFilter(self)

        layout = QVBoxLayout(scroll_page(self))
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addSpacing(TOUCH_GAP_PX - 8)
        layout.addWidget(self._tile_box)
        layout.addSpacing(TOUCH_GAP_PX - 8)
        layout.addLayout(scan_row)
        layout.addWidget(self.camera_status)
        layout.addWidget(self.last_scan)
        layout.addWidget(self.scanner_status)
        layout.addStretch(1)
        layout.addWidget(self._rejected_area, 100)
        self._camera = (True, False, "")
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        titles = {
            "pick": self.tr("Pick"),
            "pack": self.tr("Pack"),
            "labels": self.tr("Labels"),
            "supervisor": self.tr("Supervisor queue"),
            "settings": self.tr("Settings"),
        }
        subtitles = {
            "pick": self.tr("Bin by bin, one order or a cart"),
            "pack": self.tr("Verify, box, weigh, print"),
            "labels": self.tr("Print, reprint, test"),
            "settings": self.tr("Order store, station, scanner"),
        }
        for key, tile in self.tiles.items():
            tile.set_texts(titles[key], subtitles.get(key, ""))
        self.logout_button.setText(self.tr("Log out"))
        available, on, message = self._camera
        self.set_camera_state(available=available, on=on, message=message)
        self._say_user()

    @property
    def user(self) -> User | None:
        """Who is logged in (``None`` after log out)."""
        return self._user

    def visible_tiles(self) -> list[Tile]:
        """The tiles this user sees, in order."""
        return [self.tiles[a.key] for a in ACTIONS if not self.tiles[a.key].isHidden()]

    def set_user(self, user: User | None) -> None:
        """Show the home screen of ``user`` (nobody: no tiles)."""
        self._user = user
        while self._grid.count():
            self._grid.takeAt(0)
        for tile in self.tiles.values():
            tile.hide()
        if user is None:
            self.greeting.clear()
            self.roles_label.clear()
            self.rejected_panel.clear()
            self.last_scan.clear_message()
            self.manual_entry.field.clear()
            return
        self._say_user()
        self._place_tiles()
        self.rejected_panel.refresh()

    def _place_tiles(self) -> None:
        """The user's tiles in rows of as many columns as the screen is wide for."""
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        user = self._user
        if user is None:
            return
        columns = self._columns
        for column in range(TILE_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, action in enumerate(actions_for(user)):
            tile = self.tiles[action.key]
            self._grid.addWidget(tile, index // columns, index % columns)
            tile.show()
        # The word-wrapping labels in the tiles make the grid answer height-for-width
        # below the tiles' minimum height; a minimum on the box holds the rows open.
        rows = -(-len(actions_for(user)) // columns)
        self._tile_box.setMinimumHeight(rows * TILE_MIN_HEIGHT + (rows - 1) * TILE_SPACING)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Three tiles a row on the kiosk; two on a narrower screen, or when a language's
        # longer words make three too wide.
        widest = max(tile.minimumSizeHint().width() for tile in self.tiles.values())
        room = self.width() - 2 * 32 - SCROLLBAR_ROOM
        columns = TILE_COLUMNS if room >= 3 * widest + 2 * TILE_SPACING else TILE_COLUMNS - 1
        lines = 1 if self.width() >= KIOSK_WIDTH else 2
        if self.last_scan.lines != lines:
            self.last_scan.lines = lines
            self.last_scan.updateGeometry()
        if columns != self._columns:
            self._columns = columns
            self._place_tiles()

    def _say_user(self) -> None:
        user = self._user
        if user is None:
            return
        self.greeting.setText(self.tr("Hello, {name}").format(name=user.display_name))
        roles = ", ".join(
            self._role_name(role) for role in sorted(user.roles, key=list(Role).index)
        )
        self.roles_label.setText(self.tr("Your roles: {roles}").format(roles=roles))

    def show_verdict(self, verdict: Verdict) -> None:
        """Show the last scan's result under the manual-entry box, word and sentence."""
        level = "ok" if verdict.ok else "error"
        self.last_scan.show_message(level, f"{tone_word(verdict.tone)}: {verdict.text}")

    def set_camera_state(self, *, available: bool, on: bool, message: str = "") -> None:
        """Enable the Camera button or not, and say in its text whether it is on or
        missing. ``message`` (the camera's own sentence) is the button's tooltip, and
        shown under it while a camera exists (on, off, or stopped by an error)."""
        self._camera = (available, on, message)
        self.camera_button.setEnabled(available)
        self.camera_button.blockSignals(True)
        self.camera_button.setChecked(on and available)
        self.camera_button.blockSignals(False)
        if not available:
            text = self.tr("No camera")
        elif on:
            text = self.tr("Camera: on")
        else:
            text = self.tr("Camera")
        self.camera_button.setText(text)
        self.camera_button.setToolTip(message)
        self.camera_button.setAccessibleDescription(message)
        self.camera_status.setText(message)
        self.camera_status.setVisible(available and bool(message))

    def set_scanner_status(self, sentence: str, connected: bool) -> None:
        """Say what is wrong with the serial scanner; nothing while it works."""
        if sentence and not connected:
            self.scanner_status.show_message("warning", sentence)
        else:
            self.scanner_status.clear_message()

    def refresh_rejected(self) -> None:
        """Read the refused events again (after the sync engine reported a change)."""
        if self._user is not None:
            self.rejected_panel.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.rejected_panel and event.type() in (
            QEvent.Type.ShowToParent,
            QEvent.Type.HideToParent,
        ):
            self._rejected_area.setVisible(event.type() == QEvent.Type.ShowToParent)
        return False

    def _role_name(self, role: Role) -> str:
        names = {
            Role.PICKER: self.tr("picker"),
            Role.PACKER: self.tr("packer"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.ADMIN: self.tr("site admin"),
        }
        return names[role]

    def _on_tile_tapped(self, tile: Tile) -> None:
        if not tile.available:
            return
        if tile.key == "settings":
            self.settingsRequested.emit()
        else:
            self.actionRequested.emit(tile.key)

    def _on_logout_button_clicked(self) -> None:
        self.logoutRequested.emit()

    @Slot(bool)
    def _on_camera_button_toggled(self, on: bool) -> None:
        if not self.guard.tap("camera", lambda: self.cameraToggled.emit(on)):
            # A double tap would switch the camera on and straight off again.
            self.camera_button.blockSignals(True)
            self.camera_button.setChecked(not on)
            self.camera_button.blockSignals(False)
