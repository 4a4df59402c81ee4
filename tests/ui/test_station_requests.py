"""The kiosk's hook: supervisors' requests are acted on, off the GUI thread, after a pull."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from app.store.station_requests import LABELS_REPRINT, RequestState, StationRequest
from app.sync.state import SyncState, SyncStatus
from ui.station_requests import StationRequests
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

SETTLED = StationRequest(
    seq=9,
    kind=LABELS_REPRINT,
    order_number="SO-1",
    package_no=None,
    requested_by="sam",
    requested_at=datetime(2026, 11, 30, 8, tzinfo=UTC),
    event_id="5b0e4b1c-43d5-4f57-9a49-2f3a1b0c9d11",
    state=RequestState.DONE,
    jobs=(4,),
)


class Act:
    """Stands in for ``act_on_requests``: counts runs, may hold one until released."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.hold = threading.Event()
        self.hold.set()
        self.fail = False

    def __call__(self) -> list[StationRequest]:
        self.threads.append(threading.current_thread())
        self.hold.wait(10)
        if self.fail:
            raise OSError("database is locked")
        return [SETTLED] if len(self.threads) == 1 else []


def test_a_round_that_pulled_acts_on_the_database_lane(
    qtbot: QtBot, tasks: TaskRunner, bridge: SyncBridge
) -> None:
    act = Act()
    requests = StationRequests(tasks, act)
    bridge.stateChanged.connect(requests.on_sync_state)
    for status in (SyncStatus.OFFLINE, SyncStatus.AUTH_FAILED, SyncStatus.NOT_CONFIGURED):
        bridge.publish(SyncState(status=status))
    with qtbot.waitSignal(requests.settled, timeout=5000) as settled:
        bridge.publish(SyncState(status=SyncStatus.ONLINE))
    assert settled.args == [[SETTLED]]
    assert len(act.threads) == 1
    assert act.threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: not requests.running, timeout=5000)


def test_rounds_during_a_run_give_one_more_run_after_it(qtbot: QtBot, tasks: TaskRunner) -> None:
    act = Act()
    act.hold.clear()
    requests = StationRequests(tasks, act)
    requests.run()
    online = SyncState(status=SyncStatus.ONLINE)
    for _ in range(3):
        requests.on_sync_state(online)
    assert requests.running
    act.hold.set()
    qtbot.waitUntil(lambda: len(act.threads) == 2 and not requests.running, timeout=5000)
    qtbot.wait(50)  # nothing else comes
    assert len(act.threads) == 2


def test_a_failed_run_is_logged_and_the_next_round_tries_again(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    act = Act()
    act.fail = True
    requests = StationRequests(tasks, act)
    requests.run()
    qtbot.waitUntil(lambda: len(act.threads) == 1 and not requests.running, timeout=5000)
    act.fail = False
    heard: list[object] = []
    requests.settled.connect(heard.append)
    requests.on_sync_state(SyncState(status=SyncStatus.ONLINE))
    qtbot.waitUntil(lambda: len(act.threads) == 2 and not requests.running, timeout=5000)
    assert heard == []  # the second run settled nothing: no signal


def test_a_closed_runner_is_not_an_error(tasks: TaskRunner) -> None:
    act = Act()
    requests = StationRequests(tasks, act)
    tasks.shutdown()
    requests.run()
    assert not requests.running
    assert act.threads == []
