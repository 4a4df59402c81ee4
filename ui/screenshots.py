"""Render the kiosk's screens to PNG for the documentation (and to look at them).

    python -m ui.screenshots docs/screenshots
    python -m ui.screenshots docs/screenshots --language es --only login,labels,pick-next-bin

Each screen is drawn at 1280x800 with demo-like data (the README's demo users, two
events the store refused, a few demo products in a throwaway station store for the
scans) through ``QWidget.grab()``, on Qt's offscreen platform unless
``QT_QPA_PLATFORM`` says otherwise. Nothing is shown on screen, and nothing plays.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QLocale,
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.barcodes.resolve import CodePatterns
from app.config import Settings
from app.demo import SEED, bin_codes, demo_products
from app.domain.carton import DEMO_CARTONS
from app.domain.events import LinePicked, OrderClaimed, new_event
from app.domain.model import Barcode, BarcodeKind, Location, Product, Role, Tote, User
from app.domain.sscc import SsccRange
from app.packing.service import PackService
from app.picking import PickService
from app.printing import PrinterKind, PrinterSpec, PrintQueue, PrintSettings, TemplateLibrary
from app.store import LocalStore, open_store
from app.store.outbox import OutboxEntry
from app.sync.problems import SyncProblem, SyncProblemCode
from app.sync.state import SyncState, SyncStatus
from ui import qtcompat
from ui.crash import CrashScreen
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.printing.bridge import PrintBridge
from ui.printing.label_language import label_language
from ui.scanner.camera import CameraScanner
from ui.scanner.pipeline import ScanPipeline
from ui.screenshots_first_run import render_first_run
from ui.screenshots_labels import render_labels, render_settings
from ui.screenshots_pack import render_pack
from ui.screenshots_pick import render_pick
from ui.screenshots_supervisor import render_supervisor, supervisor_floor
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
from ui.theme import apply_theme
from ui.widgets import taps

SIZE = QSize(1280, 800)
STATION = "pack-03"
DEMO_USERS = {
    u.badge_code: u
    for u in (
        User("ana", "Ana", "B-1001", frozenset({Role.PICKER})),
        User("dan", "Dan", "B-2001", frozenset({Role.PACKER})),
        User("sam", "Sam", "B-3001", frozenset({Role.SUPERVISOR, Role.PICKER, Role.PACKER})),
        User("ada", "Ada", "B-9001", frozenset({Role.ADMIN})),
    )
}


def demo_rejected() -> list[OutboxEntry]:
    """Two events the order store refused, as the outbox keeps them."""
    at = datetime(2026, 11, 30, 9, 12, tzinfo=UTC)
    claim = new_event(OrderClaimed("SO-100042", tote="T-0007"), station=STATION, user="sam", at=at)
    pick = new_event(
        LinePicked("SO-100117", 2, 1, "B-03-02-1", "T-0011"), station=STATION, user="ana", at=at
    )
    return [
        OutboxEntry(
            1, claim, 0, None, "rejected", "claimed_elsewhere",
            "SO-100042 is already being picked at pick-07", at,
        ),
        OutboxEntry(
            2, pick, 0, None, "rejected", "order_cancelled",
            "SO-100117 was cancelled by the shop at 09:05", at,
        ),
    ]  # fmt: skip


def fill_demo_store(store: LocalStore, products: int = 12) -> list[Product]:
    """The demo users and the first ``products`` demo products (as ``scanpack --demo``
    has them) in ``store``; returns the products."""
    rows = demo_products(random.Random(SEED), [code for code, *_ in bin_codes()])
    made = [
        Product(
            row["sku"],
            row["name"],
            tuple(Barcode(code, BarcodeKind(kind)) for code, kind in row["barcodes"]),
            location=row["location"],
        )
        for row, _ in zip(rows, range(products), strict=False)
    ]
    with store.unit_of_work() as uow:
        for product in made:
            uow.products.save(product)
        for user in DEMO_USERS.values():
            uow.users.save(user)
        for code, zone, aisle, sequence in bin_codes()[:4]:
            uow.locations.save(Location(code, zone, aisle, sequence))
        uow.totes.save(Tote("T-0007"))
        uow.commit()
    return made


def demo_print_queue(
    store: LocalStore, folder: Path, bridge: PrintBridge, now: datetime
) -> PrintQueue:
    """A queue with a label printer that is switched off (a closed port on this
    computer) and a folder printer for everything else."""
    with socket.socket() as probe:  # a port nothing listens on: "refused"
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = PrintSettings(
        printers=(
            PrinterSpec("ZEBRA1", PrinterKind.TCP, f"127.0.0.1:{port}", timeout_s=2),
            PrinterSpec("labels", PrinterKind.FILE, str(folder / "labels")),
        ),
        routes={"tote": "ZEBRA1", "*": "labels"},
    )
    return PrintQueue(
        store,
        settings,
        TemplateLibrary(),
        clock=lambda: now,
        station=STATION,
        on_change=bridge.publish,
        # The station speaks the language of the shots (``--language``): its labels too.
        language=label_language(QLocale().name()),
    )


def _wait_until(condition: Callable[[], object], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready")
        QTest.qWait(10)


def render_all(
    outdir: Path,
    inspect: Callable[[str, MainWindow], None] | None = None,
    size: QSize = SIZE,
    *,
    only: Collection[str] | None = None,
) -> list[Path]:
    """Draw every screen into ``outdir``; returns the PNG files written.

    Args:
        outdir: where the PNG files go.
        inspect: called with each shot's name and the window just before it is
            drawn (the touch-target test measures every screen this way). With it, a
            window that cannot be made ``size`` is the inspector's to judge.
        size: the window's size (the kiosk's 1280x800, or a smaller screen's).
        only: the shots to write (default: all); the others are still visited.

    Raises:
        TimeoutError: a screen did not finish loading.
        OSError: a file could not be written.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create a QApplication first (main() does)")
    qtcompat.install()
    outdir.mkdir(parents=True, exist_ok=True)
    old_sheet, old_font = app.styleSheet(), app.font()
    apply_theme(app)
    today = datetime.now().astimezone().replace(hour=9, minute=41, second=0, microsecond=0)
    tasks = TaskRunner()
    bridge = SyncBridge(SyncState(status=SyncStatus.ONLINE, last_success=today))
    rejected: list[OutboxEntry] = []
    folder = tempfile.TemporaryDirectory(prefix="scanpack-shots-")
    store = open_store(Path(folder.name) / "station.sqlite3")
    products = fill_demo_store(store)
    settings = Settings(server_url="https://orders.example:8765", station=STATION, token="x")
    pipeline = ScanPipeline(store, CodePatterns.from_settings(settings))
    print_bridge = PrintBridge()
    print_queue = demo_print_queue(store, Path(folder.name), print_bridge, today)

    def rejected_events() -> Sequence[OutboxEntry]:
        return list(rejected)

    pick_service = PickService(store, station=lambda: STATION, confirm=None)
    pack_service = PackService(
        store,
        station=lambda: STATION,
        numbering=lambda: SsccRange("4012345", 0, 1),
        cartons=lambda: DEMO_CARTONS,
    )
    floor_store, supervisor_service = supervisor_floor(Path(folder.name) / "floor", STATION)
    window = MainWindow(
        settings=settings,
        find_user=DEMO_USERS.get,
        save_settings=lambda _settings: None,
        rejected_events=rejected_events,
        bridge=bridge,
        tasks=tasks,
        pipeline=pipeline,
        camera=CameraScanner(tasks),
        print_queue=print_queue,
        print_bridge=print_bridge,
        labels_folder=Path(folder.name) / "labels",
        pick_service=pick_service,
        pack_service=pack_service,
        supervisor_service=supervisor_service,
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(size)
    window.show()
    written: list[Path] = []

    def shot(name: str) -> None:
        QTest.qWait(30)  # let layouts and the style settle
        if inspect is not None:
            inspect(name, window)
        if only is not None and name not in only:
            return
        image = window.grab()
        if image.size() != size and inspect is None:
            raise RuntimeError(f"{name}: the window is {image.size()}, not {size}")
        path = outdir / f"{name}.png"
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    def log_in(badge: str) -> None:
        window.login_screen.submit(badge)
        _wait_until(lambda: window.user is not None)

    cleanup = contextlib.ExitStack()
    cleanup.enter_context(taps.scripted())  # a program's taps, seconds apart: no double taps
    try:
        shot("login")
        window.login_screen.submit("B-4711")
        _wait_until(window.login_screen.message.isVisible)
        shot("login-unknown-badge")

        rejected.extend(demo_rejected())
        bridge.publish(
            SyncState(status=SyncStatus.ONLINE, pending=0, rejected=2, last_success=today)
        )
        log_in("B-3001")
        _wait_until(lambda: len(window.home_screen.rejected_panel.entries()) == 2)
        shot("home-supervisor")

        render_settings(window, pipeline, shot, log_in)

        window.logout()
        rejected.clear()
        bridge.publish(
            SyncState(
                status=SyncStatus.OFFLINE,
                pending=3,
                rejected=0,
                last_success=today,
                last_error="cannot reach the order store (connection refused)",
                problem=SyncProblem(
                    SyncProblemCode.UNREACHABLE,
                    {"url": settings.server_url, "detail": "Connection refused"},
                ),
                retry_in_s=12,
            )
        )
        _wait_until(lambda: window.status_bar.state.status is SyncStatus.OFFLINE)
        log_in("B-1001")
        shot("home-picker-offline")

        bridge.publish(SyncState(status=SyncStatus.AUTH_FAILED, pending=3, last_success=today))
        _wait_until(lambda: window.status_bar.state.status is SyncStatus.AUTH_FAILED)
        window.logout()
        shot("login-token-refused")

        bridge.publish(SyncState(status=SyncStatus.ONLINE, pending=0, last_success=today))
        log_in("B-2001")
        # A code typed from a damaged label: the green result stays under the box once
        # the flash is gone.
        entry = window.home_screen.manual_entry
        entry.field.setText(products[4].barcodes[0].code)
        entry.button.click()
        window.flash.dismiss()
        entry.field.setText("SKU-103")  # the next code half typed, the cursor in the box
        entry.field.setFocus()
        shot("home-scan-ok")

        entry.field.clear()
        window.home_screen.manual_entry.field.setText("LBL-88213")
        window.home_screen.manual_entry.button.click()
        shot("scan-wrong-flash")
        window.flash.dismiss()

        render_labels(window, store, pipeline, print_queue, products, shot, _wait_until)
        window.logout()

        render_pick(
            window, store, pipeline, products, DEMO_USERS, STATION, shot, log_in, _wait_until
        )

        render_pack(
            window,
            store,
            pipeline,
            print_queue,
            products,
            DEMO_USERS,
            STATION,
            shot,
            log_in,
            _wait_until,
        )

        render_supervisor(window, shot, log_in, _wait_until)

        written += render_first_run(outdir, size, tasks, pipeline, only, inspect)

        crash = CrashScreen()
        crash.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        crash.set_reference(today.replace(tzinfo=None), Path("/var/log/scanpack/crash.log"))
        crash.resize(size)
        crash.show()
        try:
            QTest.qWait(30)
            path = outdir / "crash.png"
            if only is None or "crash" in only:
                if not crash.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
        finally:
            crash.close()
            crash.deleteLater()
    finally:
        window.close()
        window.deleteLater()
        tasks.shutdown()
        store.close()
        floor_store.close()
        folder.cleanup()
        app.setStyleSheet(old_sheet)
        app.setFont(old_font)
        cleanup.close()
    return written


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform has no window manager and says so for every window.
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ui.screenshots OUTDIR [--language LANG] [--only NAME,...]``.

    With ``--language`` the screens speak that language (its catalogue installed as at
    a badge log-in) and each file is named ``LANG-NAME.png``.
    """
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", default="", help="e.g. es (default: English)")
    parser.add_argument("--only", default="", help="comma-separated shot names")
    options = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    only = [n for n in options.only.split(",") if n] or None
    translations = Translations(app)
    try:
        if options.language:
            if translations.switch(options.language) != options.language:
                print(f"no catalogue for {options.language}", file=sys.stderr)
                return 2
            with tempfile.TemporaryDirectory() as folder:
                for path in render_all(Path(folder), only=only):
                    target = options.outdir / f"{options.language}-{path.name}"
                    options.outdir.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
                    print(target)
        else:
            for path in render_all(options.outdir, only=only):
                print(path)
    finally:
        translations.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
