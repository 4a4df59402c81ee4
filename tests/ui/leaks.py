"""What a UI test may not leave behind: visible windows, threads, timers, task runners.

A kiosk runs a whole shift; a window, thread or timer that outlives its screen is a
leak that grows by the hour. ``tests/ui/conftest.py`` runs a :class:`LeakTracker`
around every test (napari's ``dangling_qthreads``/``dangling_qtimers`` fixtures are the
model); the tracker is a plain class so that ``test_leak_guard.py`` can check that it
really catches each kind of leak.
"""

from __future__ import annotations

import threading
import time
import traceback
from weakref import WeakKeyDictionary

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
from PySide6.QtWidgets import QApplication

from ui.tasks import TaskRunner

# Threads that are finishing when the test returns get this long to end.
THREAD_GRACE_S = 2.0


class LeakTracker:
    """Records what a test starts, and reports (and cleans up) what is still alive."""

    def __init__(self) -> None:
        self.threads_before = set(threading.enumerate())
        self.runners_before = set(TaskRunner.live)
        self.timers: WeakKeyDictionary[QTimer, str] = WeakKeyDictionary()
        self.qthreads: WeakKeyDictionary[QThread, str] = WeakKeyDictionary()

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Note every QTimer and QThread started from Python, with where it started."""
        timer_start = QTimer.start
        thread_start = QThread.start
        timers, qthreads = self.timers, self.qthreads

        def start_timer(timer: QTimer, *args: object) -> None:
            timers[timer] = "".join(traceback.format_stack(limit=8)[:-1])
            timer_start(timer, *args)

        def start_thread(thread: QThread, *args: object) -> None:
            qthreads[thread] = "".join(traceback.format_stack(limit=8)[:-1])
            thread_start(thread, *args)

        monkeypatch.setattr(QTimer, "start", start_timer)
        monkeypatch.setattr(QThread, "start", start_thread)

    def leaks(self, app: QApplication) -> list[str]:
        """Everything left behind, each as a sentence; what was found is cleaned up."""
        settle(app)
        found: list[str] = []
        found += self._visible_windows()
        found += self._runners()
        found += self._qthreads()
        found += self._threads()
        found += self._timers()
        return found

    def _visible_windows(self) -> list[str]:
        found = []
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                found.append(
                    f"top-level widget left visible: {type(widget).__name__} "
                    f"{widget.objectName()!r} (register it with qtbot.addWidget)"
                )
                widget.close()
                widget.deleteLater()
        return found

    def _runners(self) -> list[str]:
        found = []
        for runner in list(TaskRunner.live):
            if runner not in self.runners_before and not runner.closed:
                found.append("TaskRunner not shut down (its worker threads keep running)")
                runner.shutdown()
        return found

    def _qthreads(self) -> list[str]:
        found = []
        for thread, where in list(self.qthreads.items()):
            try:
                running = thread.isRunning()
            except RuntimeError:  # deleted on the C++ side: not running
                continue
            if running:
                found.append(f"QThread still running, started at:\n{where}")
                thread.quit()
                thread.wait(5000)
        return found

    def _threads(self) -> list[str]:
        deadline = time.monotonic() + THREAD_GRACE_S
        found = []
        for thread in threading.enumerate():
            if thread in self.threads_before or isinstance(thread, threading._DummyThread):
                # Dummy threads are Qt's pool threads that ran Python code; Python never
                # forgets them. Qt threads are checked through the runners above.
                continue
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                found.append(f"thread still running: {thread.name} (join it in the test)")
        return found

    def _timers(self) -> list[str]:
        found = []
        for timer, where in list(self.timers.items()):
            try:
                active = timer.isActive()
            except RuntimeError:  # deleted with its owner: fine
                continue
            if active:
                found.append(f"QTimer still active, started at:\n{where}")
                timer.stop()
        return found


def settle(app: QApplication) -> None:
    """Deliver pending events and run pending ``deleteLater`` calls."""
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
