"""The labels and settings screens' documentation screenshots (called by
``ui.screenshots``; ``python -m ui.screenshots_labels OUTDIR`` draws only these).

Everything goes through the real screens: scans through the pipeline, taps on the
buttons, jobs through the real print queue (run here, without a worker thread).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.barcodes.resolve import CodePatterns
from app.config import Settings
from app.demo import bin_codes
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Product, ShipTo
from app.domain.scan import RawScan, ScanSource
from app.printing import PrintQueue
from app.store import LocalStore, open_store
from app.sync.state import SyncState, SyncStatus
from ui import qtcompat
from ui.main_window import MainWindow
from ui.printing.bridge import PrintBridge
from ui.scanner.pipeline import ScanPipeline
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
from ui.theme import apply_theme

ORDER = "SO-100301"


def shipping_order(products: Sequence[Product]) -> Order:
    """A packed order (no picking work for the pick shots), for its shipping label."""
    return Order(
        ORDER,
        Priority.HIGH,
        datetime(2026, 11, 30, 15, 0, tzinfo=UTC) + timedelta(days=1),
        [OrderLine(i + 1, p.sku, 1, location=p.location) for i, p in enumerate(products[:2])],
        status=OrderStatus.PACKED,
        ship_to=ShipTo(
            name="Kim Doe", street="1 Main St", city="Springfield", postcode="12345", country="DE"
        ),
        carrier="DHL",
    )


def _scan(pipeline: ScanPipeline, window: MainWindow, code: str) -> None:
    pipeline.submit(RawScan(code, source=ScanSource.WEDGE))
    window.flash.dismiss()  # the shot shows the screen, not the flash over it


def render_settings(
    window: MainWindow,
    pipeline: ScanPipeline,
    shot: Callable[[str], None],
    log_in: Callable[[str], None],
) -> None:
    """The supervisor's form (no patterns, no token) testing a scanner; the admin's
    form with problems in plain words. Leaves the admin logged in on the home screen."""
    window.home_screen.settingsRequested.emit()
    _scan(pipeline, window, bin_codes()[0][0])
    shot("settings-supervisor")

    window.logout()
    log_in("B-9001")
    window.home_screen.settingsRequested.emit()
    settings = window.settings_screen
    for name, text in (
        ("server_url", "orders.example"),
        ("token", "pasted with space"),
        ("bin_pattern", r"[A-Z]-(\d{2}-\d{2}-\d"),
    ):
        editor = settings.editors[name]
        assert isinstance(editor, QLineEdit)
        editor.setText(text)
    settings.save_button.click()
    shot("settings-invalid")
    settings.cancel_button.click()


def render_labels(
    window: MainWindow,
    store: LocalStore,
    pipeline: ScanPipeline,
    print_queue: PrintQueue,
    products: Sequence[Product],
    shot: Callable[[str], None],
    wait_until: Callable[[Callable[[], object], float], None],
) -> None:
    """The queue (one printed, one the switched-off Zebra refused, one waiting) with an
    order scanned once: its shipping label waits for confirmation; then the demo sheet,
    which no printer here takes, saved as a file."""
    with store.unit_of_work() as uow:
        uow.orders.save(shipping_order(products))
        uow.commit()
    bin_code = bin_codes()[0][0]
    print_queue.submit("bin", bin_code)
    print_queue.submit("tote", "T-0007")
    print_queue.run_due()
    print_queue.submit("product", products[4].sku)
    print_queue.run_due()
    print_queue.submit("bin", bin_codes()[1][0])
    window.home_screen.actionRequested.emit("labels")
    labels = window.labels_screen
    assert labels is not None
    wait_until(lambda: len(labels.jobs.jobs) == 4, 10.0)
    _scan(pipeline, window, ORDER)
    wait_until(lambda: not labels.preview.image.isNull(), 10.0)
    shot("labels")

    QTest.mouseClick(labels.sheet_button, Qt.MouseButton.LeftButton)
    # A few seconds of drawing; then the sheet is saved (no printer takes A4 pages).
    wait_until(lambda: labels.result.level == "warning", 60.0)
    shot("labels-demo-sheet")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ui.screenshots_labels OUTDIR``: only the labels and settings shots,
    on a window made as ``ui.screenshots.render_all`` makes it."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m ui.screenshots_labels OUTDIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui import screenshots as base

    qInstallMessageHandler(base._quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    qtcompat.install()
    apply_theme(app)
    outdir = Path(args[0])
    outdir.mkdir(parents=True, exist_ok=True)
    today = datetime.now().astimezone().replace(hour=9, minute=41, second=0, microsecond=0)
    tasks = TaskRunner()
    bridge = SyncBridge(SyncState(status=SyncStatus.ONLINE, last_success=today))
    with tempfile.TemporaryDirectory(prefix="scanpack-shots-") as folder:
        store = open_store(Path(folder) / "station.sqlite3")
        products = base.fill_demo_store(store)
        settings = Settings(
            server_url="https://orders.example:8765", station=base.STATION, token="x"
        )
        pipeline = ScanPipeline(store, CodePatterns.from_settings(settings))
        print_bridge = PrintBridge()
        print_queue = base.demo_print_queue(store, Path(folder), print_bridge, today)
        window = MainWindow(
            settings=settings,
            find_user=base.DEMO_USERS.get,
            save_settings=lambda _settings: None,
            rejected_events=list,
            bridge=bridge,
            tasks=tasks,
            pipeline=pipeline,
            print_queue=print_queue,
            print_bridge=print_bridge,
            labels_folder=Path(folder) / "labels",
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(base.SIZE)
        window.show()

        def shot(name: str) -> None:
            QTest.qWait(30)
            image = window.grab()
            if image.size() != base.SIZE:
                raise RuntimeError(f"{name}: the window is {image.size()}, not {base.SIZE}")
            path = outdir / f"{name}.png"
            if not image.save(str(path)):
                raise OSError(f"could not write {path}")
            print(path)

        def log_in(badge: str) -> None:
            window.login_screen.submit(badge)
            base._wait_until(lambda: window.user is not None)

        try:
            log_in("B-3001")
            render_settings(window, pipeline, shot, log_in)
            render_labels(window, store, pipeline, print_queue, products, shot, base._wait_until)
        finally:
            window.close()
            window.deleteLater()
            tasks.shutdown()
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
