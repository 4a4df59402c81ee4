"""The whole kiosk on the embedded demo store, as ``scanpack --demo`` wires it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import bootstrap
from app.config import Settings
from app.sync.state import SyncStatus
from tests.ui.conftest import demo_kiosk
from tests.ui.scanner.keys import Keyboard
from ui.kiosk import Kiosk


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[Kiosk]:
    with demo_kiosk(tmp_path) as kiosk:
        yield kiosk


def test_the_demo_kiosk_syncs_and_a_badge_logs_in(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.resize(1280, 800)
    window.show()
    # The first pull brings the demo users; until then no badge is known.
    qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
    # bridge.latest changes on the sync thread; the bar follows on the GUI thread.
    qtbot.waitUntil(lambda: window.status_bar.word.text() == "Online", timeout=5000)
    window.login_screen.submit("B-3001")
    qtbot.waitUntil(lambda: window.user is not None, timeout=10_000)
    assert window.user is not None
    assert window.user.username == "sam"
    assert window.current_screen() is window.home_screen
    window.logout()
    assert window.user is None


def test_an_unknown_badge_at_the_demo_kiosk_is_refused_clearly(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.show()
    qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
    window.login_screen.submit("B-0000")
    qtbot.waitUntil(lambda: "not known" in window.login_screen.message.text(), timeout=10_000)
    assert window.user is None


def test_scanpack_refuses_bad_arguments_with_a_message() -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--server", "ftp://nowhere", "--station", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "Order store URL must look like" in bad.stderr


def test_the_demo_kiosk_listens_to_the_scanner_until_it_closes(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.show()
    qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
    assert kiosk.scanners.wedge.installed
    assert kiosk.scanners.serial is None  # no serial port configured
    Keyboard().scan("B-3001", window.login_screen.badge_input)
    assert window.user is not None
    assert window.user.username == "sam"
    assert window.login_screen.badge_input.text() == ""
    kiosk.close()
    assert not kiosk.scanners.wedge.installed
    assert not kiosk.scanners.wedge.flush_timer.isActive()


def test_the_demo_kiosk_prints_to_its_labels_folder_out_of_the_box(
    kiosk: Kiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.domain.model import Role, User

    window = kiosk.window
    window.show()
    assert kiosk.print_worker.running
    [printer] = kiosk.print_queue.settings.printers
    assert printer.address == str(tmp_path / "profile" / "labels")
    window.login_screen.log_in(User("dan", "Dan", "B-2001", frozenset({Role.PACKER})))
    tile = window.home_screen.tiles["labels"]
    assert tile.available
    tile.click()
    labels = window.labels_screen
    assert labels is not None
    assert window.current_screen() is labels
    # A label printed there lands in the folder...
    labels.test_buttons["labels"].click()
    folder = tmp_path / "profile" / "labels"
    qtbot.waitUntil(lambda: any(folder.glob("test-print-labels*.pdf")), timeout=10_000)
    qtbot.waitUntil(lambda: [j.state.value for j in labels.jobs.jobs] == ["done"], timeout=10_000)
    # ...and the A4 demo sheet, which that label printer does not take, is saved beside.
    labels.sheet_button.click()
    qtbot.waitUntil(lambda: (folder / "demo-barcodes.pdf").is_file(), timeout=60_000)
    qtbot.waitUntil(lambda: "Saved as" in labels.result.text(), timeout=10_000)
    assert len(labels.jobs.jobs) == 1
    labels.back_button.click()
    assert window.current_screen() is window.home_screen


def test_a_broken_packing_table_is_said_and_the_demo_cartons_are_offered(
    tmp_path: Path, qtbot: QtBot
) -> None:
    demo = bootstrap.start_demo_store(tmp_path / "demo-store")
    settings = bootstrap.demo_settings(demo, Settings())
    toml = tmp_path / "station.toml"
    toml.write_text('[packing]\ntolerance_g = "fifty"\n')
    kiosk = Kiosk(settings, tmp_path / "profile", toml, demo.stop)
    try:
        notice = kiosk.window.login_screen.message.text()
        assert notice.startswith(f"The packing settings in {toml} are broken")
        assert "fifty" not in notice  # the detail is the log's, in English
        assert kiosk.pack_service.carton_codes()[:2] == ["B01", "B02"]  # the demo cartons
    finally:
        kiosk.close()


def test_a_supervisor_changes_a_priority_from_the_demo_kiosk(kiosk: Kiosk, qtbot: QtBot) -> None:
    """The queue's wiring end to end: the tile, the table over the demo orders, the PIN
    checked against the demo store's salt, the signed event pushed and pulled back."""
    from PySide6.QtCore import Qt

    from app.domain.model import Priority
    from app.orderstore.seed import DEMO_PIN
    from ui.screens.supervisor import Act

    window = kiosk.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
    window.login_screen.submit("B-3001")
    qtbot.waitUntil(lambda: window.user is not None, timeout=10_000)
    screen = window.supervisor_screen
    assert screen is not None
    qtbot.mouseClick(window.home_screen.tiles["supervisor"], Qt.MouseButton.LeftButton)
    assert window.current_screen() is screen
    qtbot.waitUntil(lambda: screen.model.order_number(0) is not None, timeout=10_000)
    number = screen.model.order_number(0)
    rect = screen.table.visualRect(screen.model.index(0, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: screen.action_buttons[Act.PRIORITY].isVisible(), timeout=10_000)
    qtbot.mouseClick(screen.action_buttons[Act.PRIORITY], Qt.MouseButton.LeftButton)
    for digit in DEMO_PIN:
        qtbot.mouseClick(screen.pin_page.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pin_page.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.choice_page, timeout=20_000)
    wanted = next(
        p
        for p in Priority
        if p.value != (screen.details.detail.row.priority.value)  # type: ignore[union-attr]
    )
    qtbot.mouseClick(screen.choice_page.answers[wanted.value], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.level == "ok", timeout=10_000)
    # The sync pushes it; the store applies it (checking the signature); nothing waits.
    qtbot.waitUntil(
        lambda: kiosk.bridge.latest.pending == 0 and kiosk.bridge.latest.rejected == 0,
        timeout=20_000,
    )
    with kiosk.station.store.unit_of_work(readonly=True) as uow:
        order = uow.orders.get(number or "")
    assert order is not None
    assert order.priority is wanted
    # The store's ledger tells what happened to it, and who works where.
    screen.refresh()
    qtbot.waitUntil(
        lambda: any(
            "priority changed" in (screen.details.timeline.item(r, 2) or _Empty()).text()
            and "sam" in (screen.details.timeline.item(r, 1) or _Empty()).text()
            for r in range(screen.details.timeline.rowCount())
        ),
        timeout=20_000,
    )
    assert "order store" in screen.people.note.text()
    assert "cannot be reached" not in screen.people.note.text()


class _Empty:
    def text(self) -> str:
        return ""


def test_labels_speak_the_station_s_language_whoever_is_logged_in(
    tmp_path: Path, qtbot: QtBot
) -> None:
    from dataclasses import replace

    from app.domain.model import Role, User

    demo = bootstrap.start_demo_store(tmp_path / "demo-store")
    settings = replace(bootstrap.demo_settings(demo, Settings()), language="es")
    kiosk = Kiosk(settings, tmp_path / "profile", tmp_path / "station.toml", demo.stop)
    try:
        window = kiosk.window
        assert kiosk.print_queue.language.code == "es"
        window.login_screen.log_in(
            User("dan", "Dan", "B-2001", frozenset({Role.PACKER}), language="en")
        )
        assert window.language == "en"  # the screens speak Dan's language...
        assert kiosk.print_queue.language.words("SHIP TO") == "DESTINATARIO"  # ...labels not
        window.settingsChanged.emit(replace(settings, language="en"))
        assert kiosk.print_queue.language.code == "en"
    finally:
        kiosk.close()
