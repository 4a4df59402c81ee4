"""The task runner: work off the GUI thread, outcomes back on it, nothing left running."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from ui.tasks import RunnerClosedError, TaskRunner


def _on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@pytest.mark.parametrize("lane", ["run", "run_db"])
def test_result_comes_back_on_the_gui_thread(qtbot: QtBot, tasks: TaskRunner, lane: str) -> None:
    worker: list[int] = []
    seen: list[tuple[object, bool]] = []

    def work() -> int:
        worker.append(threading.get_ident())
        return 42

    task = getattr(tasks, lane)(work, on_done=lambda v: seen.append((v, _on_gui_thread())))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen == [(42, True)]
    assert worker
    assert worker[0] != threading.get_ident()
    assert task.done
    assert tasks.pending() == 0


def test_failure_comes_back_on_the_gui_thread(qtbot: QtBot, tasks: TaskRunner) -> None:
    seen: list[tuple[BaseException, bool]] = []

    def work() -> None:
        raise LookupError("no such bin")

    task = tasks.run(work, on_error=lambda exc: seen.append((exc, _on_gui_thread())))
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert len(seen) == 1
    error, on_gui = seen[0]
    assert isinstance(error, LookupError)
    assert str(error) == "no such bin"
    assert on_gui


def test_unhandled_failure_goes_to_the_excepthook(
    qtbot: QtBot, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _t, exc, _tb: hooked.append(exc))
    tasks.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: len(hooked) == 1, timeout=5000)
    assert isinstance(hooked[0], ZeroDivisionError)


def test_db_lane_runs_one_task_at_a_time_in_order(qtbot: QtBot, tasks: TaskRunner) -> None:
    lock = threading.Lock()
    running = 0
    overlap = False
    order: list[int] = []
    delivered: list[int] = []

    def work(n: int) -> int:
        nonlocal running, overlap
        with lock:
            running += 1
            overlap = overlap or running > 1
        # Enough work for a second worker, if there were one, to overlap.
        sum(range(20_000))
        order.append(n)
        with lock:
            running -= 1
        return n

    for n in range(30):
        tasks.run_db(lambda n=n: work(n), on_done=delivered.append)
    qtbot.waitUntil(lambda: len(delivered) == 30, timeout=10_000)
    assert not overlap
    assert order == list(range(30))
    assert delivered == list(range(30))


def test_cancelled_task_delivers_nothing(qtbot: QtBot, tasks: TaskRunner) -> None:
    gate = threading.Event()
    delivered: list[object] = []
    first = tasks.run_db(gate.wait, on_done=delivered.append)
    second = tasks.run_db(lambda: "late", on_done=delivered.append)
    second.cancel()
    gate.set()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=5000)
    assert delivered == [True]
    assert second.cancelled


def test_shutdown_waits_stops_workers_and_refuses_new_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()
    finished = threading.Event()
    delivered: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        finished.set()
        return "done"

    runner.run(slow, on_done=delivered.append)
    assert started.wait(5)
    release.set()
    assert runner.shutdown()
    assert finished.is_set()  # shutdown waited for the running task
    qtbot.wait(10)  # let any queued delivery through: there must be none
    assert delivered == []
    assert runner.closed
    assert runner not in TaskRunner.live
    with pytest.raises(RunnerClosedError):
        runner.run(lambda: None)
    assert runner.shutdown()  # twice is fine


def test_submitting_from_another_thread_is_refused(tasks: TaskRunner) -> None:
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            tasks.run(lambda: None)
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=submit)
    thread.start()
    thread.join()
    assert len(errors) == 1
