"""The print worker: sends due jobs on a thread of its own, until stopped."""

from __future__ import annotations

import logging
import threading

from app.printing.queue import PrintQueue

log = logging.getLogger(__name__)


class PrintWorker:
    """Runs ``queue.run_due()`` on its own thread until stopped; ``wake()`` after a submit.

    A plain thread (like ``app.sync.loop.SyncLoop``), so that tests and tools run it
    without Qt. It sleeps until the next job is due, at most ``idle_s``.
    """

    def __init__(self, queue: PrintQueue, idle_s: float = 30.0) -> None:
        self.queue = queue
        self.idle_s = idle_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        queue.set_waker(self.wake)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Recover interrupted jobs, then start sending."""
        if self.running:
            return
        self.queue.recover()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="print", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the job on the wire (bounded by the printer's timeout)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.queue.run_due()
                wait = self.queue.seconds_until_due()
            except Exception:  # the database was busy or closed: log, wait, go on
                log.exception("print worker round failed")
                wait = self.idle_s
            if self._stop.is_set():
                break
            self._wake.wait(self.idle_s if wait is None else min(wait, self.idle_s))
            self._wake.clear()
