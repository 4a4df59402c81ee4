"""The leak guard itself: each kind of leak is caught (and cleaned up)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.leaks import LeakTracker
from ui.tasks import TaskRunner


@pytest.fixture
def tracker(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> LeakTracker:
    tracked = LeakTracker()
    tracked.patch(monkeypatch)
    return tracked


def test_nothing_left_nothing_reported(tracker: LeakTracker, qapp: QApplication) -> None:
    timer = QTimer()
    timer.start(10_000)
    timer.stop()
    assert tracker.leaks(qapp) == []


def test_a_visible_window_is_caught(tracker: LeakTracker, qapp: QApplication) -> None:
    label = QLabel("left open")
    label.show()
    leaks = tracker.leaks(qapp)
    assert len(leaks) == 1
    assert "QLabel" in leaks[0]
    assert not label.isVisible()


def test_a_running_thread_is_caught(
    tracker: LeakTracker, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tests.ui.leaks.THREAD_GRACE_S", 0.05)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="forgotten")
    thread.start()
    try:
        leaks = tracker.leaks(qapp)
    finally:
        stop.set()
        thread.join()
    assert leaks == ["thread still running: forgotten (join it in the test)"]


def test_a_finishing_thread_gets_its_grace(tracker: LeakTracker, qapp: QApplication) -> None:
    go = threading.Event()
    thread = threading.Thread(target=go.wait)
    thread.start()
    go.set()  # the thread is ending, maybe not yet ended
    assert tracker.leaks(qapp) == []


def test_an_active_timer_is_caught(tracker: LeakTracker, qapp: QApplication) -> None:
    timer = QTimer()
    timer.start(60_000)
    leaks = tracker.leaks(qapp)
    assert len(leaks) == 1
    assert leaks[0].startswith("QTimer still active")
    assert not timer.isActive()


def test_a_running_qthread_is_caught(tracker: LeakTracker, qapp: QApplication) -> None:
    thread = QThread()
    thread.start()
    leaks = tracker.leaks(qapp)
    assert len(leaks) == 1
    assert leaks[0].startswith("QThread still running")
    assert thread.wait(5000)


def test_a_runner_not_shut_down_is_caught(tracker: LeakTracker, qapp: QApplication) -> None:
    runner = TaskRunner()
    leaks = tracker.leaks(qapp)
    assert leaks == ["TaskRunner not shut down (its worker threads keep running)"]
    assert runner.closed
