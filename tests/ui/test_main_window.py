"""The kiosk window: login to home and back, settings, idle log-out, the sync bar."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.domain.model import User
from app.store import OutboxEntry
from app.sync.state import SyncState, SyncStatus
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

SETTINGS = Settings(server_url="https://orders.example:8765", station="pack-03", token="t")


class Collaborators:
    """What the composition root hands the window, with fakes where the lead's engine goes."""

    def __init__(self) -> None:
        self.saved: list[Settings] = []
        self.rejected: list[OutboxEntry] = []
        self.rejected_reads = 0

    def save(self, settings: Settings) -> None:
        self.saved.append(settings)

    def rejected_events(self) -> Sequence[OutboxEntry]:
        self.rejected_reads += 1
        return list(self.rejected)


@pytest.fixture
def fakes() -> Collaborators:
    return Collaborators()


@pytest.fixture
def make_window(
    qtbot: QtBot,
    find_user: Callable[[str], User | None],
    bridge: SyncBridge,
    tasks: TaskRunner,
    fakes: Collaborators,
) -> Callable[[Settings], MainWindow]:
    def make(settings: Settings = SETTINGS) -> MainWindow:
        window = MainWindow(
            settings=settings,
            find_user=find_user,
            save_settings=fakes.save,
            rejected_events=fakes.rejected_events,
            bridge=bridge,
            tasks=tasks,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window: Callable[[Settings], MainWindow]) -> MainWindow:
    return make_window(SETTINGS)


def log_in(qtbot: QtBot, window: MainWindow, badge: str) -> None:
    screen = window.login_screen
    with qtbot.waitSignal(window.loggedIn, timeout=5000):
        qtbot.keyClicks(screen.badge_input, badge)
        qtbot.keyClick(screen.badge_input, Qt.Key.Key_Return)


def test_title_names_the_station(window: MainWindow) -> None:
    assert window.windowTitle() == "scanpack — pack-03"
    assert window.current_screen() is window.login_screen


def test_login_home_logout(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "B-2001")
    assert window.current_screen() is window.home_screen
    assert window.user is not None
    assert window.user.username == "dan"
    assert [t.key for t in window.home_screen.visible_tiles()] == ["pack", "labels"]
    with qtbot.waitSignal(window.loggedOut, timeout=1000) as blocker:
        qtbot.mouseClick(window.home_screen.logout_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["user"]
    assert window.current_screen() is window.login_screen
    assert window.user is None
    assert not window.idle_timer.isActive()


def test_unknown_badge_stays_on_login(qtbot: QtBot, window: MainWindow) -> None:
    window.login_screen.submit("B-0000")
    qtbot.waitUntil(lambda: window.login_screen.message.isVisible(), timeout=5000)
    assert window.current_screen() is window.login_screen
    assert window.user is None


def test_supervisor_edits_settings(qtbot: QtBot, window: MainWindow, fakes: Collaborators) -> None:
    log_in(qtbot, window, "B-3001")
    qtbot.mouseClick(window.home_screen.tiles["settings"], Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.settings_screen
    station = window.settings_screen.editors["station"]
    station.clear()
    qtbot.keyClicks(station, "pack-07")
    with qtbot.waitSignal(window.settingsChanged, timeout=5000) as blocker:
        qtbot.mouseClick(window.settings_screen.save_button, Qt.MouseButton.LeftButton)
    new = dataclasses.replace(SETTINGS, station="pack-07")
    assert blocker.args == [new]
    assert fakes.saved == [new]
    assert window.settings == new
    assert window.windowTitle() == "scanpack — pack-07"
    assert window.current_screen() is window.home_screen


def test_cancel_returns_home(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "B-9001")
    window.home_screen.settingsRequested.emit()
    assert window.current_screen() is window.settings_screen
    qtbot.mouseClick(window.settings_screen.cancel_button, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.home_screen


def test_a_picker_cannot_reach_settings(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "B-1001")
    window.home_screen.settingsRequested.emit()  # as if a tile were forged
    assert window.current_screen() is window.home_screen


def test_idle_station_logs_out(qtbot: QtBot, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(dataclasses.replace(SETTINGS, idle_logout_s=1))
    log_in(qtbot, window, "B-1001")
    assert window.idle_timer.isActive()
    with qtbot.waitSignal(window.loggedOut, timeout=5000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert window.current_screen() is window.login_screen
    assert window.login_screen.message.text() == (
        "You were logged out because the station was not used for a while."
    )


def test_input_restarts_the_idle_clock(
    qtbot: QtBot, make_window: Callable[[Settings], MainWindow]
) -> None:
    window = make_window(dataclasses.replace(SETTINGS, idle_logout_s=3))
    log_in(qtbot, window, "B-1001")
    timer = window.idle_timer
    # QTimer is coarse by default (up to 5 % early or late): margins of 400 ms.
    qtbot.waitUntil(lambda: timer.remainingTime() < 2200, timeout=5000)
    qtbot.keyClick(window.home_screen, Qt.Key.Key_Shift)
    assert timer.remainingTime() > 2600
    qtbot.waitUntil(lambda: timer.remainingTime() < 2200, timeout=5000)
    qtbot.mouseClick(window.home_screen, Qt.MouseButton.LeftButton)
    assert timer.remainingTime() > 2600
    assert window.user is not None


def test_closing_the_window_stops_the_idle_clock(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "B-1001")
    window.close()
    assert not window.idle_timer.isActive()


def test_status_bar_follows_the_sync_engine(
    qtbot: QtBot, window: MainWindow, bridge: SyncBridge, fakes: Collaborators
) -> None:
    bar = window.status_bar
    assert bar.word.text() == "Connecting"
    log_in(qtbot, window, "B-3001")
    qtbot.waitUntil(lambda: fakes.rejected_reads == 1, timeout=5000)

    def engine() -> None:  # the lead's SyncLoop calls on_state from its own thread
        bridge.publish(SyncState(status=SyncStatus.ONLINE, pending=0))
        bridge.publish(SyncState(status=SyncStatus.OFFLINE, pending=3, rejected=1, retry_in_s=8))

    thread = threading.Thread(target=engine, name="sync-loop")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bar.word.text() == "Offline", timeout=5000)
    assert bar.pending.full_text() == "3 events waiting to send"
    assert bar.rejected.full_text() == "1 refused by the store"
    assert bar.detail.full_text().startswith("retrying in ")
    # A new refusal makes the home screen read the refused events again.
    qtbot.waitUntil(lambda: fakes.rejected_reads == 2, timeout=5000)

    thread = threading.Thread(
        target=bridge.publish, args=(SyncState(status=SyncStatus.AUTH_FAILED, rejected=1),)
    )
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bar.word.text() == "Station token refused", timeout=5000)
    assert bar.word.property("level") == "error"
    assert fakes.rejected_reads == 2  # same count: no new read


def test_no_station_name_yet(make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(Settings())
    assert window.windowTitle() == "scanpack — station not set up"


def test_a_notice_at_start_is_shown_on_the_login_screen(window: MainWindow) -> None:
    window.show_notice("scanpack did not close normally last time.")
    assert window.login_screen.message.text() == "scanpack did not close normally last time."
    assert window.login_screen.message.level == "warning"
    window.show_notice("")  # nothing to say: nothing changes
    assert window.login_screen.message.isVisible()
