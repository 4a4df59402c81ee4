"""The one task runner: blocking work off the GUI thread, results back on it.

Two lanes, as in Anki's ``aqt/taskman.py``:

- the **database lane**: one worker thread, so the station's SQLite writes are
  serialised and run in submission order;
- the **pool**: several workers for network, printing and decoding.

A task is a plain callable that never touches a widget. Its return value or the
exception it raised comes back on the GUI thread, through the :class:`Task` handle's
``finished``/``failed`` signals or the ``on_done``/``on_error`` callbacks::

    tasks.run_db(lambda: find_user(badge), on_done=self._show_user, on_error=self._show_problem)

A failure nobody handles (no ``on_error``, nothing connected to ``failed``) goes to
``sys.excepthook``, that is the
crash handler: an unexpected error is never swallowed.

Call :meth:`TaskRunner.shutdown` before the application quits: it refuses new work,
waits for running tasks, stops every worker thread and drops results not yet
delivered (their widgets are being torn down).
"""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QMetaMethod, QObject, Qt, QThread, QThreadPool, Signal, Slot

from ui import qtcompat

log = logging.getLogger(__name__)

DB_LANE = "db"
POOL_LANE = "pool"


class RunnerClosedError(RuntimeError):
    """Work was submitted after :meth:`TaskRunner.shutdown`."""


class Task(QObject):
    """The handle of one submitted callable; lives on the GUI thread.

    Signals:
        finished(object): the callable returned this value (GUI thread).
        failed(object): the callable raised this exception (GUI thread).
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, lane: str, name: str) -> None:
        super().__init__()
        self.lane = lane
        self.name = name
        self._cancelled = False
        self._done = False

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancelled

    @property
    def done(self) -> bool:
        """True once the result or failure was delivered (or the task was cancelled)."""
        return self._done

    def cancel(self) -> None:
        """Do not run the task if it has not started; never deliver its outcome.

        A task already running is not interrupted (Python threads cannot be); its
        result is dropped.
        """
        self._cancelled = True


class TaskRunner(QObject):
    """A single-worker database lane and a thread pool, reporting on the GUI thread.

    Create it on the GUI thread and submit from the GUI thread only.

    Signals:
        _delivered(object, bool, object): internal; a worker's outcome on its way to
            the GUI thread (task, ok, value or exception).
    """

    _delivered = Signal(object, bool, object)

    # Runners not shut down yet; the UI tests' leak guard reads this.
    live: ClassVar[weakref.WeakSet[TaskRunner]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, *, pool_threads: int = 4) -> None:
        super().__init__(parent)
        qtcompat.install()  # every delivery is an emit: see ui/qtcompat.py
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._db.setObjectName("scanpack-db-lane")
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, pool_threads))
        self._pool.setObjectName("scanpack-pool")
        self._tasks: set[Task] = set()
        self._closed = False
        # Queued: the slot runs in this object's (the GUI) thread whatever thread emits.
        self._delivered.connect(self._on_runner_delivered, Qt.ConnectionType.QueuedConnection)
        TaskRunner.live.add(self)

    @property
    def closed(self) -> bool:
        """True after :meth:`shutdown`."""
        return self._closed

    def run_db(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
    ) -> Task:
        """Run ``fn`` on the database lane (after every database task submitted before).

        Raises:
            RunnerClosedError: the runner was shut down.
        """
        return self._submit(self._db, DB_LANE, fn, on_done, on_error, name)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
    ) -> Task:
        """Run ``fn`` on the pool (network, printing, decoding); no order is kept.

        Raises:
            RunnerClosedError: the runner was shut down.
        """
        return self._submit(self._pool, POOL_LANE, fn, on_done, on_error, name)

    def pending(self) -> int:
        """Tasks submitted whose outcome has not been delivered yet."""
        return len(self._tasks)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Refuse new work, wait for running tasks and stop every worker thread.

        Outcomes not delivered yet are dropped. Safe to call twice.

        Returns:
            True when every worker stopped within ``timeout_ms`` (per lane).
        """
        if self._closed:
            return True
        self._closed = True
        for task in self._tasks:
            task.cancel()
        self._pool.clear()  # queued, not started: never start them
        self._db.clear()
        # waitForDone also ends the idle worker threads (Qt 6: "removes all threads").
        stopped = self._pool.waitForDone(timeout_ms) and self._db.waitForDone(timeout_ms)
        if not stopped:
            log.error("task runner: workers still busy after %d ms", timeout_ms)
        self._tasks.clear()
        TaskRunner.live.discard(self)
        return stopped

    def _submit(
        self,
        pool: QThreadPool,
        lane: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        name: str,
    ) -> Task:
        if self._closed:
            raise RunnerClosedError("the task runner was shut down")
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("submit tasks from the thread that owns the runner")
        task = Task(lane, name or getattr(fn, "__qualname__", repr(fn)))
        if on_done is not None:
            task.finished.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        self._tasks.add(task)
        emit = self._delivered.emit

        def job() -> None:
            if task.cancelled:
                emit(task, False, None)
                return
            try:
                value = fn()
            except BaseException as exc:
                emit(task, False, exc)
            else:
                emit(task, True, value)

        pool.start(job)
        return task

    @Slot(object, bool, object)
    def _on_runner_delivered(self, task: Task, ok: bool, value: object) -> None:
        if task not in self._tasks:
            return  # shut down meanwhile
        self._tasks.discard(task)
        task._done = True
        if task.cancelled:
            return
        if ok:
            task.finished.emit(value)
        elif isinstance(value, BaseException):
            if task.isSignalConnected(QMetaMethod.fromSignal(task.failed)):
                task.failed.emit(value)
            else:
                log.error("task %s failed", task.name, exc_info=value)
                sys.excepthook(type(value), value, value.__traceback__)
