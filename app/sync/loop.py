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
        # Rounds started and finished, for ``sync_now``; guarded by ``_rounds``.
        self._rounds = threading.Condition()
        self._started = 0
        self._finished = 0
        self._forced = False
        self._last: SyncState | None = None

    @property
    def on_state(self) -> Callable[[SyncState], None]:
        return self._on_state

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            if not self._stop.is_set():
                return
            # A stop that timed out: its round is still in flight. Two workers must
            # never sync the same store, so wait for it (the client's timeout bounds it).
            assert self._thread is not None
            self._thread.join()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop after the round in flight (bounded by the client's timeout)."""
        self._stop.set()
        self._wake.set()
        with self._rounds:
            self._rounds.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the sync worker is still finishing a round after %.0f s", timeout)
            else:
                self._thread = None

    def wake(self) -> None:
        """A local commit happened: publish the new counts now, and sync now unless the
        store is being backed off from (then the round waits its turn)."""
        self._wake.set()

    def sync_now(self, timeout: float) -> SyncState | None:
        """Run a round that starts after this call (back-off or not) and wait for it.

        For a person waiting on the store's answer (a claim). What was committed
        before the call is pushed in that round.

        Returns:
            The state after that round, or ``None`` when it did not finish within
            ``timeout`` seconds or the loop is not running.
        """
        if not self.running:
            return None
        with self._rounds:
            target = self._started + 1
            self._forced = True
        self._wake.set()
        with self._rounds:
            done = self._rounds.wait_for(
                lambda: self._finished >= target or self._stop.is_set(), timeout
            )
            return self._last if done and self._finished >= target else None

    def _run(self) -> None:
        while not self._stop.is_set():
            due = time.monotonic() >= self._next_round
            with self._rounds:
                forced, self._forced = self._forced, False
                if forced or due or not self._engine.backing_off:
                    self._started += 1
                    round_no = self._started
                else:
                    round_no = 0
            if round_no:
                state = self._engine.sync_once()
                self._next_round = time.monotonic() + state.retry_in_s
                with self._rounds:
                    self._finished, self._last = round_no, state
                    self._rounds.notify_all()
            else:
                try:
                    state = self._engine.refresh_counts()
                except Exception:  # the database is failing; the next round says so
                    log.exception("cannot count the outbox")
                    state = self._engine.state
            self._publish(state)
            self._wake.wait(max(0.0, self._next_round - time.monotonic()))
            self._wake.clear()

    def _publish(self, state: SyncState) -> None:
        try:
            self._on_state(state)
        except Exception:  # a broken listener must not stop deliveries
            log.exception("sync state listener failed")
