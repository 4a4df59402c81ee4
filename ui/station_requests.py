"""Runs the station's acting on supervisors' requests after each sync round.

The sync worker stores the requests a pull brings (``app.store.station_requests``);
acting on them (``app.printing.reprints.act_on_requests``: queue the reprints and
settle the request in one transaction) is database work, so it runs on the task
runner's database lane, never on the GUI thread and never beside another writer of
that lane. This object only decides *when*: after every round that reached the order
store (``SyncStatus.ONLINE``: its pull is stored), and once at start-up for requests
a crash or a restart left ``new``. Runs never overlap; a round that ends while one
runs gets one more run after it, so a request pulled meanwhile is not left waiting
for the next round.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

from app.store.station_requests import StationRequest
from app.sync.state import SyncState, SyncStatus
from ui.tasks import RunnerClosedError, TaskRunner

log = logging.getLogger(__name__)


class StationRequests(QObject):
    """Calls ``act`` on the database lane when a sync round pulled.

    Args:
        tasks: the kiosk's task runner.
        act: settles every new request; returns those it settled (runs on the lane).

    Signals:
        settled(object): the requests a run settled (a non-empty list of
            ``StationRequest``), on the GUI thread.
    """

    settled = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        act: Callable[[], Sequence[StationRequest]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._act = act
        self._running = False
        self._again = False

    @property
    def running(self) -> bool:
        """A run is on the lane (its outcome not delivered yet)."""
        return self._running

    def run(self) -> None:
        """Act on new requests now, or once more right after the run in progress."""
        if self._running:
            self._again = True
            return
        try:
            self._tasks.run_db(
                self._act,
                on_done=self._on_run_done,
                on_error=self._on_run_failed,
                name="station requests",
            )
        except RunnerClosedError:  # the kiosk is closing: the next start acts on them
            return
        self._running, self._again = True, False

    @Slot(object)
    def on_sync_state(self, state: SyncState) -> None:
        """A sync round ended (``SyncBridge.stateChanged``)."""
        if state.status is SyncStatus.ONLINE:
            self.run()

    def _on_run_done(self, settled: object) -> None:
        self._running = False
        if isinstance(settled, list) and settled:
            self.settled.emit(settled)
        if self._again:
            self.run()

    def _on_run_failed(self, error: BaseException) -> None:
        # The database was busy or broken: the requests stay new for the next round.
        self._running = False
        log.error("acting on the supervisors' requests failed", exc_info=error)
