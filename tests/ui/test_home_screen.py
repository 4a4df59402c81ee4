"""The home screen: tiles by role, log out, and the events the store refused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.events import EventType, LinePicked, OrderClaimed, new_event
from app.domain.model import Order, OrderLine, Priority, Role, User
from app.store import LocalStore, OutboxEntry
from tests.ui.conftest import user
from ui.screens.home import HomeScreen
from ui.tasks import TaskRunner
from ui.widgets.rejected_panel import RejectedPanel

NOT_YET = "Not yet available"


def _none() -> Sequence[OutboxEntry]:
    return []


@pytest.fixture
def home(qtbot: QtBot, tasks: TaskRunner) -> HomeScreen:
    screen = HomeScreen(_none, tasks)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    return screen


@pytest.mark.parametrize(
    ("username", "tiles"),
    [
        ("ana", ["pick"]),
        ("dan", ["pack", "labels"]),
        ("finn", ["pick", "pack", "labels"]),
        ("sam", ["pick", "pack", "labels", "supervisor", "settings"]),
        ("ada", ["pick", "pack", "labels", "supervisor", "settings"]),
    ],
)
def test_tiles_follow_the_roles(home: HomeScreen, username: str, tiles: list[str]) -> None:
    home.set_user(user(username))
    assert [t.key for t in home.visible_tiles()] == tiles
    assert all(t.isVisible() for t in home.visible_tiles())
    assert home.greeting.text() == f"Hello, {user(username).display_name}"


def test_a_supervisor_only_account_sees_labels_queue_and_settings(home: HomeScreen) -> None:
    boss = User("zoe", "Zoe", "B-3999", frozenset({Role.SUPERVISOR}))
    home.set_user(boss)
    assert [t.key for t in home.visible_tiles()] == ["labels", "supervisor", "settings"]


def test_a_tile_whose_screen_is_missing_says_not_yet_available(
    qtbot: QtBot, home: HomeScreen
) -> None:
    home.set_user(user("ada"))
    requested: list[str] = []
    home.actionRequested.connect(requested.append)
    tile = home.tiles["supervisor"]
    tile.set_available(False)  # as the window does when built without the service
    assert not tile.isEnabled()
    assert tile.subtitle == NOT_YET
    assert tile.subtitle_label.isVisible()
    assert tile.property("available") is False
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert requested == []
    for key in ("pick", "pack", "labels", "settings"):
        assert home.tiles[key].isEnabled()
        assert home.tiles[key].subtitle != NOT_YET


def test_the_supervisor_tile_asks_for_the_queue(qtbot: QtBot, home: HomeScreen) -> None:
    home.set_user(user("sam"))
    with qtbot.waitSignal(home.actionRequested, timeout=1000) as requested:
        qtbot.mouseClick(home.tiles["supervisor"], Qt.MouseButton.LeftButton)
    assert requested.args == ["supervisor"]
    home.set_user(user("ana"))
    assert not home.tiles["supervisor"].isVisible()


def test_the_labels_tile_asks_for_the_labels_screen(qtbot: QtBot, home: HomeScreen) -> None:
    for name in ("dan", "sam", "ada"):
        home.set_user(user(name))
        with qtbot.waitSignal(home.actionRequested, timeout=1000) as requested:
            qtbot.mouseClick(home.tiles["labels"], Qt.MouseButton.LeftButton)
        assert requested.args == ["labels"]


def test_settings_tile_and_log_out(qtbot: QtBot, home: HomeScreen) -> None:
    home.set_user(user("sam"))
    with qtbot.waitSignal(home.settingsRequested, timeout=1000):
        qtbot.mouseClick(home.tiles["settings"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(home.logoutRequested, timeout=1000):
        qtbot.mouseClick(home.logout_button, Qt.MouseButton.LeftButton)


def test_logging_out_clears_the_tiles(home: HomeScreen) -> None:
    home.set_user(user("sam"))
    home.set_user(None)
    assert home.visible_tiles() == []
    assert home.greeting.text() == ""


def _refuse(store: LocalStore) -> None:
    """An order with a claim and a pick the store refused, as the sync engine leaves them."""
    order = Order(
        "SO-100007",
        Priority.NORMAL,
        datetime(2026, 11, 30, 16, tzinfo=UTC),
        [OrderLine(1, "SKU-10001", 2)],
    )
    with store.unit_of_work() as uow:
        uow.orders.save(order)
        uow.commit()
    claim = new_event(OrderClaimed("SO-100007", tote="T-0001"), station="ST-01", user="ana")
    pick = new_event(
        LinePicked("SO-100007", 1, 1, "A-01-01-1", "T-0001"), station="ST-01", user="ana"
    )
    store.record(claim)
    store.record(pick)
    with store.unit_of_work() as uow:
        uow.outbox.mark_rejected(claim.id, "claimed_elsewhere", "SO-100007 is picked at ST-07")
        uow.outbox.mark_rejected(pick.id, "order_cancelled", "SO-100007 was cancelled")
        uow.commit()


def _rejected(store: LocalStore) -> Sequence[OutboxEntry]:
    with store.unit_of_work(readonly=True) as uow:
        return uow.outbox.rejected()


def test_refused_events_are_listed_with_order_event_and_reason(
    qtbot: QtBot, tasks: TaskRunner, store: LocalStore
) -> None:
    _refuse(store)
    screen = HomeScreen(lambda: _rejected(store), tasks)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.rejected_panel.loaded, timeout=5000) as blocker:
        screen.set_user(user("sam"))
    assert blocker.args == [2]
    panel = screen.rejected_panel
    assert panel.isVisible()
    assert panel.title.text() == "2 events refused by the order store"
    rows = [
        [panel.table.item(r, c).text() for c in range(3)] for r in range(panel.table.rowCount())
    ]
    assert rows == [
        ["SO-100007", "Order claimed", "Another station is working on the order."],
        ["SO-100007", "Item picked", "The shop cancelled the order."],
    ]


def test_no_refused_events_no_panel(qtbot: QtBot, home: HomeScreen) -> None:
    with qtbot.waitSignal(home.rejected_panel.loaded, timeout=5000) as blocker:
        home.set_user(user("ana"))
    assert blocker.args == [0]
    assert home.rejected_panel.isHidden()


def test_a_failing_read_is_shown_not_hidden(qtbot: QtBot, tasks: TaskRunner) -> None:
    def broken() -> Sequence[OutboxEntry]:
        raise OSError("database is locked")

    panel = RejectedPanel(broken, tasks)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=5000) as blocker:
        panel.refresh()
    assert blocker.args == [-1]
    assert panel.title.text() == "Could not read the refused events: database is locked"
    assert not panel.isHidden()


def test_every_event_type_has_an_operator_name(qtbot: QtBot, tasks: TaskRunner) -> None:
    panel = RejectedPanel(_none, tasks)
    qtbot.addWidget(panel)
    names = {panel.event_name(t) for t in EventType}
    assert len(names) == len(EventType)
    assert not any("." in name for name in names)
