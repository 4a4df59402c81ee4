"""After login: a greeting, one big tile per action of the person's roles, log out,
and the events the order store refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Role, User
from app.store.outbox import OutboxEntry
from ui.tasks import TaskRunner
from ui.widgets.rejected_panel import RejectedPanel
from ui.widgets.tile import Tile

RejectedEvents = Callable[[], Sequence[OutboxEntry]]


@dataclass(frozen=True, slots=True)
class Action:
    """One home-screen action: who sees it and whether its screen exists yet."""

    key: str
    icon: str
    roles: frozenset[Role]
    available: bool


# The order of the tiles. Pick, Pack, Labels and the supervisor queue come with later
# issues; until then their tiles say so instead of opening a fake screen.
ACTIONS: tuple[Action, ...] = (
    Action("pick", "pick", frozenset({Role.PICKER}), available=False),
    Action("pack", "pack", frozenset({Role.PACKER}), available=False),
    Action("labels", "labels", frozenset({Role.PACKER, Role.SUPERVISOR}), available=False),
    Action("supervisor", "supervisor", frozenset({Role.SUPERVISOR}), available=False),
    Action("settings", "settings", frozenset({Role.ADMIN, Role.SUPERVISOR}), available=True),
)

TILE_COLUMNS = 3


def actions_for(user: User) -> list[Action]:
    """The actions ``user`` may take, in tile order (an admin may take all)."""
    return [a for a in ACTIONS if any(user.can(role) for role in a.roles)]


class HomeScreen(QWidget):
    """The hub: what this person can do here.

    Signals:
        actionRequested(str): an available tile other than Settings was tapped (its key).
        settingsRequested(): the Settings tile was tapped.
        logoutRequested(): Log out was tapped.
    """

    actionRequested = Signal(str)
    settingsRequested = Signal()
    logoutRequested = Signal()

    def __init__(
        self,
        rejected_events: RejectedEvents,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self._user: User | None = None

        self.greeting = QLabel(self)
        self.greeting.setObjectName("greeting")
        self.roles_label = QLabel(self)
        self.roles_label.setObjectName("subtitle")
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.setProperty("kind", "secondary")
        self.logout_button.setMinimumWidth(220)
        self.logout_button.clicked.connect(self._on_logout_button_clicked)

        titles = {
            "pick": self.tr("Pick"),
            "pack": self.tr("Pack"),
            "labels": self.tr("Labels"),
            "supervisor": self.tr("Supervisor queue"),
            "settings": self.tr("Settings"),
        }
        subtitles = {"settings": self.tr("Order store, station, scanner")}
        self.tiles: dict[str, Tile] = {}
        for action in ACTIONS:
            tile = Tile(
                action.key,
                titles[action.key],
                action.icon,
                subtitle=subtitles.get(action.key, ""),
                available=action.available,
                parent=self,
            )
            tile.clicked.connect(self._on_tile_clicked)
            tile.hide()
            self.tiles[action.key] = tile

        self.rejected_panel = RejectedPanel(rejected_events, tasks, self)

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(4)
        names.addWidget(self.greeting)
        names.addWidget(self.roles_label)
        header.addLayout(names, 1)
        header.addWidget(self.logout_button, 0, Qt.AlignmentFlag.AlignTop)

        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        for column in range(TILE_COLUMNS):
            self._grid.setColumnStretch(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        layout.addWidget(self.rejected_panel, 100)

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
            return
        self.greeting.setText(self.tr("Hello, {name}").format(name=user.display_name))
        roles = ", ".join(
            self._role_name(role) for role in sorted(user.roles, key=list(Role).index)
        )
        self.roles_label.setText(self.tr("Your roles: {roles}").format(roles=roles))
        for index, action in enumerate(actions_for(user)):
            tile = self.tiles[action.key]
            self._grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
            tile.show()
        self.rejected_panel.refresh()

    def refresh_rejected(self) -> None:
        """Read the refused events again (after the sync engine reported a change)."""
        if self._user is not None:
            self.rejected_panel.refresh()

    def _role_name(self, role: Role) -> str:
        names = {
            Role.PICKER: self.tr("picker"),
            Role.PACKER: self.tr("packer"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.ADMIN: self.tr("site admin"),
        }
        return names[role]

    @Slot()
    def _on_tile_clicked(self) -> None:
        tile = self.sender()
        if not isinstance(tile, Tile) or not tile.available:
            return
        if tile.key == "settings":
            self.settingsRequested.emit()
        else:
            self.actionRequested.emit(tile.key)

    @Slot()
    def _on_logout_button_clicked(self) -> None:
        self.logoutRequested.emit()
