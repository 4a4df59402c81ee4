"""The kiosk's crash handler: log everything, show the operator calm words.

- An uncaught Python exception (``sys.excepthook``, ``threading.excepthook``) is
  written with its traceback to ``crash.log`` in the crash folder, and the operator
  sees a full-screen notice without a traceback; the app carries on.
- A fatal error (segfault, abort) is written by :mod:`faulthandler` to ``fatal.log``.
- A marker file exists while the app runs; it is removed on a clean exit. At the next
  start :func:`last_run_crashed` tells from the marker and ``fatal.log`` whether the
  last run ended badly, so the app can say so and resume the open work.

Everything a person confirmed on screen is already committed (DESIGN.md), so a crash
loses nothing acknowledged; the notice says exactly that.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.fullscreen import FullScreen
from ui.i18n import follow_language

log = logging.getLogger(__name__)

CRASH_LOG = "crash.log"
FATAL_LOG = "fatal.log"
RUNNING_MARKER = "running"


def _tr(text: str) -> str:
    return QCoreApplication.translate("crash", text)


@dataclass(frozen=True, slots=True)
class LastRun:
    """How the previous run of the app ended.

    Attributes:
        crashed: it did not exit cleanly (fatal error, killed, power cut).
        fatal: ``faulthandler`` recorded a fatal error.
        report: the file with the details (the fatal error's dump), if any.
    """

    crashed: bool
    fatal: bool = False
    report: Path | None = None

    def operator_message(self) -> str:
        """What to tell the person at the station at start ("" when all was well)."""
        if not self.crashed:
            return ""
        return _tr(
            "scanpack did not close normally last time. Everything you confirmed on "
            "screen was saved. If this keeps happening, tell a supervisor."
        )


def last_run_crashed(folder: Path) -> LastRun:
    """Whether the last run that used ``folder`` ended badly; changes nothing."""
    fatal = folder / FATAL_LOG
    fatal_error = fatal.is_file() and fatal.stat().st_size > 0
    crashed = fatal_error or (folder / RUNNING_MARKER).exists()
    return LastRun(crashed=crashed, fatal=fatal_error, report=fatal if fatal_error else None)


class CrashScreen(QDialog):
    """The operator-safe notice: what happened in plain words, and one way on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashScreen")
        self.setModal(True)
        self.title = QLabel(self)
        self.title.setObjectName("crashTitle")
        self.title.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setObjectName("crashBody")
        self.body.setWordWrap(True)
        # Qt guesses a wrapped label's minimum from its font (80 characters or so): a
        # long sentence in a large font would push a small screen's dialog wider.
        self.body.setMinimumWidth(240)
        self.reference = QLabel(self)
        self.reference.setObjectName("hint")
        self.reference.setWordWrap(True)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.continue_button = QPushButton(self)
        self.continue_button.setObjectName("crashContinue")
        self.continue_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.reference)
        layout.addStretch(1)
        layout.addWidget(self.continue_button)
        self._when: tuple[datetime, Path] | None = None
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.setWindowTitle(self.tr("scanpack — problem"))
        self.title.setText(self.tr("Something went wrong"))
        self.body.setText(
            self.tr(
                "scanpack ran into an unexpected problem. Everything you confirmed on "
                "screen is saved. Tap Continue and carry on; if it happens again, tell "
                "a supervisor."
            )
        )
        self.continue_button.setText(self.tr("Continue"))
        if self._when is not None:
            self.set_reference(*self._when)

    def set_reference(self, when: datetime, report: Path) -> None:
        """Name the report, so a supervisor can find it (no traceback on screen)."""
        self._when = (when, report)
        self.reference.setText(
            self.tr("Report {when} in {path}").format(
                when=when.strftime("%Y-%m-%d %H:%M:%S"), path=report
            )
        )


class CrashHandler(QObject):
    """Installs and removes the hooks; owns the crash screen.

    Create it on the GUI thread. Exceptions raised on other threads are logged there
    and the screen is shown on the GUI thread.

    Signals:
        crashed(str): an uncaught exception was logged (the log file's path); GUI thread.
        _reported(str): internal; a report on its way to the GUI thread.
    """

    crashed = Signal(str)
    _reported = Signal(str)

    def __init__(
        self, folder: Path, *, fatal_errors: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.screen: CrashScreen | None = None
        self._full_screen: FullScreen | None = None
        self._fatal_errors = fatal_errors
        self._fatal_file: IO[str] | None = None
        self._previous_hooks: tuple[object, object] | None = None
        self._lock = threading.Lock()
        self._reported.connect(self._on_handler_reported, Qt.ConnectionType.QueuedConnection)

    @property
    def crash_log(self) -> Path:
        return self.folder / CRASH_LOG

    def install(self) -> LastRun:
        """Check the last run, then start recording this one.

        Returns:
            How the last run ended (its fatal dump is kept as ``fatal-<time>.log``).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        last = last_run_crashed(self.folder)
        fatal = self.folder / FATAL_LOG
        if last.fatal:
            kept = self.folder / f"fatal-{datetime.now():%Y%m%d-%H%M%S}.log"
            os.replace(fatal, kept)
            last = LastRun(crashed=True, fatal=True, report=kept)
        (self.folder / RUNNING_MARKER).write_text(f"{os.getpid()}\n", encoding="utf-8")
        if self._fatal_errors:
            self._fatal_file = fatal.open("w", encoding="utf-8")
            faulthandler.enable(self._fatal_file, all_threads=True)
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        return last

    def uninstall(self, *, clean_exit: bool = True) -> None:
        """Restore the previous hooks; ``clean_exit`` also removes the running marker."""
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks  # type: ignore[assignment]
            self._previous_hooks = None
        if self._fatal_file is not None:
            faulthandler.disable()
            self._fatal_file.close()
            self._fatal_file = None
            fatal = self.folder / FATAL_LOG
            if fatal.exists() and fatal.stat().st_size == 0:
                fatal.unlink()
        if clean_exit:
            (self.folder / RUNNING_MARKER).unlink(missing_ok=True)
        if self.screen is not None:
            self.screen.close()
            self.screen.deleteLater()
            self.screen = None
            self._full_screen = None

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """The ``sys.excepthook``: log, then show the notice (from any thread)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = self._write(exc_type, exc, tb)
        # RuntimeError: the handler's C++ side is gone (the interpreter is shutting down).
        with contextlib.suppress(RuntimeError):
            self._reported.emit(str(path))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _write(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> Path:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        when = datetime.now().astimezone()
        log.critical("uncaught exception:\n%s", text)
        with self._lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                with self.crash_log.open("a", encoding="utf-8") as handle:
                    handle.write(f"=== {when.isoformat()} pid {os.getpid()} ")
                    handle.write(f"thread {threading.current_thread().name}\n{text}\n")
            except OSError as error:  # a full disk must not hide the first problem
                log.error("could not write %s: %s", self.crash_log, error)
        return self.crash_log

    @Slot(str)
    def _on_handler_reported(self, path: str) -> None:
        if QThread.currentThread() is not self.thread():  # pragma: no cover - queued
            return
        if isinstance(QApplication.instance(), QApplication):
            if self.screen is None:
                self.screen = CrashScreen()
                self._full_screen = FullScreen(self.screen)
            self.screen.set_reference(datetime.now(), Path(path))
            assert self._full_screen is not None
            self._full_screen.show()
            self.screen.raise_()
            self.screen.activateWindow()
        self.crashed.emit(path)


def install_excepthook(folder: Path, *, fatal_errors: bool = True) -> tuple[CrashHandler, LastRun]:
    """Install a :class:`CrashHandler` writing to ``folder``; call once, at start.

    Returns:
        The handler (call ``uninstall()`` at a clean exit) and how the last run ended.
    """
    handler = CrashHandler(folder, fatal_errors=fatal_errors)
    return handler, handler.install()
