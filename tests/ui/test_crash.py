"""The kiosk crash handler: a log for the supervisor, calm words for the operator."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.crash import CRASH_LOG, RUNNING_MARKER, CrashHandler, last_run_crashed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def handler(tmp_path: Path, qapp: object) -> Iterator[CrashHandler]:
    # fatal_errors=False: pytest's own faulthandler stays as it is in this process;
    # the fatal path is tested in a child process below.
    crash = CrashHandler(tmp_path / "crash", fatal_errors=False)
    yield crash
    crash.uninstall()


def _raise() -> None:
    raise KeyError("SO-100001")


def test_an_uncaught_exception_is_logged_and_the_operator_sees_no_traceback(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    last = handler.install()
    assert not last.crashed
    assert sys.excepthook == handler.handle
    try:
        _raise()
    except KeyError as exc:
        with qtbot.waitSignal(handler.crashed, timeout=5000) as blocker:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    log = (handler.folder / CRASH_LOG).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "KeyError: 'SO-100001'" in log
    assert blocker.args == [str(handler.folder / CRASH_LOG)]
    screen = handler.screen
    assert screen is not None
    assert screen.isVisible()
    shown = " ".join([screen.title.text(), screen.body.text(), screen.reference.text()])
    assert "Something went wrong" in shown
    assert "Everything you confirmed on screen is saved" in shown
    assert "Traceback" not in shown
    assert "KeyError" not in shown
    screen.continue_button.click()
    assert not screen.isVisible()


def test_an_exception_on_a_worker_thread_shows_the_screen_on_the_gui_thread(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    handler.install()
    thread = threading.Thread(target=_raise, name="printer")
    with qtbot.waitSignal(handler.crashed, timeout=5000):
        thread.start()
        thread.join()
    assert "thread printer" in (handler.folder / CRASH_LOG).read_text(encoding="utf-8")
    assert handler.screen is not None
    assert handler.screen.isVisible()


def test_clean_exit_is_not_a_crash(handler: CrashHandler) -> None:
    handler.install()
    assert (handler.folder / RUNNING_MARKER).exists()
    assert last_run_crashed(handler.folder).crashed  # still running
    handler.uninstall()
    assert not last_run_crashed(handler.folder).crashed
    assert sys.excepthook is not handler.handle


def test_a_run_that_never_exited_counts_as_crashed(tmp_path: Path, qapp: object) -> None:
    (tmp_path / RUNNING_MARKER).write_text("123\n")  # the power went off
    crash = CrashHandler(tmp_path, fatal_errors=False)
    last = crash.install()
    try:
        assert last.crashed
        assert not last.fatal
        assert "did not close normally" in last.operator_message()
    finally:
        crash.uninstall()


CHILD = """
import faulthandler, sys
from pathlib import Path
from ui.crash import install_excepthook
handler, last = install_excepthook(Path(sys.argv[1]))
print("last crashed:", last.crashed, flush=True)
faulthandler._sigsegv()
"""


def test_a_fatal_error_is_recorded_and_reported_at_the_next_start(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONFAULTHANDLER", None)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert child.returncode != 0
    assert "last crashed: False" in child.stdout
    last = last_run_crashed(tmp_path)
    assert last.crashed
    assert last.fatal
    assert last.report is not None
    assert "Segmentation fault" in last.report.read_text(encoding="utf-8")

    # The next start keeps the dump under its own name and starts a clean record.
    crash = CrashHandler(tmp_path, fatal_errors=False)
    again = crash.install()
    crash.uninstall()
    assert again.fatal
    assert again.report is not None
    assert again.report.name.startswith("fatal-")
    assert "Segmentation fault" in again.report.read_text(encoding="utf-8")
    assert not last_run_crashed(tmp_path).crashed
