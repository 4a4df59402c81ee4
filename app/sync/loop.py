"""The sync worker: runs ``SyncEngine.sync_once`` on its own thread, forever, until stopped.

A plain Python thread, so that it runs in tests and tools without Qt; the kiosk hands
it a callback that forwards each state to the GUI thread by signal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from app.sync.engine import SyncEngine
from app.sync.state import SyncState

log = logging.getLogger(__name__)


class SyncLoop:
    """Sync now, wait, repeat; ``wake()`` after a local commit cuts the wait short."""

    def __init__(
        self, engine: SyncEngine, on_state: Callable[[SyncState], None] | None = None
    ) -> None:
        self._engine = engine
        self._on_state = on_state or (lambda _state: None)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_round = 0.0

    @property
    def on_state(self) -> Callable[[SyncState], None]:
        return self._on_state

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop after the round in flight (bounded by the client's timeout)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """A local commit happened: publish the new counts now, and sync now unless the
        store is being backed off from (then the round waits its turn)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            due = time.monotonic() >= self._next_round
            if due or not self._engine.backing_off:
                state = self._engine.sync_once()
                self._next_round = time.monotonic() + state.retry_in_s
            else:
                state = self._engine.refresh_counts()
            self._publish(state)
            self._wake.wait(max(0.0, self._next_round - time.monotonic()))
            self._wake.clear()

    def _publish(self, state: SyncState) -> None:
        try:
            self._on_state(state)
        except Exception:  # a broken listener must not stop deliveries
            log.exception("sync state listener failed")
