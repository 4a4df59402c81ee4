"""The first-run screen's screenshots (``ui.screenshots`` calls :func:`render_first_run`).

A kiosk with no order store yet, as ``scanpack`` opens on a bare station: waiting for
the set-up code (``first-run``), and after a code whose token the store refused
(``first-run-token-refused``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from app.config import Settings
from app.sync.provision import SetupError, SetupFault
from ui.main_window import MainWindow
from ui.scanner.camera import CameraScanner
from ui.scanner.pipeline import ScanPipeline
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

STATION = "pack-03"


def render_first_run(
    outdir: Path,
    size: QSize,
    tasks: TaskRunner,
    pipeline: ScanPipeline,
    only: Collection[str] | None,
    inspect: Callable[[str, MainWindow], None] | None,
) -> list[Path]:
    """Draw the first-run screen's shots into ``outdir``; returns the files written."""
    window = MainWindow(
        settings=Settings(),
        find_user=lambda _badge: None,
        save_settings=lambda _settings: None,
        rejected_events=list,
        bridge=SyncBridge(),
        tasks=tasks,
        pipeline=pipeline,
        camera=CameraScanner(tasks),
        first_run=True,
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(size)
    window.show()
    written: list[Path] = []

    def shot(name: str) -> None:
        QTest.qWait(30)
        if inspect is not None:
            inspect(name, window)
        if only is not None and name not in only:
            return
        path = outdir / f"{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    try:
        screen = window.first_run_screen
        assert screen is not None
        shot("first-run")
        refused = SetupError(SetupFault.TOKEN_REFUSED, {"station": STATION})
        screen.message.show_message("error", screen.fault_text(refused))
        shot("first-run-token-refused")
    finally:
        window.close()
        window.deleteLater()
    return written
