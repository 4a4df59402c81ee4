"""The bridge from the sync engine's thread to the widgets."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from app.sync.state import SyncState, SyncStatus
from ui.sync_bridge import SyncBridge


def test_states_published_from_a_plain_thread_arrive_in_order_on_the_gui_thread(
    qtbot: QtBot, bridge: SyncBridge
) -> None:
    received: list[tuple[SyncState, bool]] = []
    bridge.stateChanged.connect(
        lambda s: received.append((s, threading.current_thread() is threading.main_thread()))
    )
    states = [SyncState(status=SyncStatus.OFFLINE, pending=n) for n in range(50)]

    def engine() -> None:  # what app.sync's loop does with its on_state callback
        for state in states:
            bridge.publish(state)

    thread = threading.Thread(target=engine, name="sync-loop")
    thread.start()
    thread.join()
    assert bridge.latest == states[-1]  # at once, before the GUI has seen anything
    qtbot.waitUntil(lambda: len(received) == len(states), timeout=5000)
    assert [s for s, _ in received] == states
    assert all(on_gui for _, on_gui in received)


def test_latest_starts_as_connecting_or_the_given_state(qapp: object) -> None:
    assert SyncBridge().latest.status is SyncStatus.CONNECTING
    initial = SyncState(status=SyncStatus.NOT_CONFIGURED)
    assert SyncBridge(initial).latest is initial


def test_publish_on_the_gui_thread_is_delivered_later_not_reentrantly(
    qtbot: QtBot, bridge: SyncBridge
) -> None:
    received: list[SyncState] = []
    bridge.stateChanged.connect(received.append)
    state = SyncState(status=SyncStatus.ONLINE)
    bridge.publish(state)
    assert received == []
    with qtbot.waitSignal(bridge.stateChanged, timeout=5000):
        pass
    assert received == [state]
