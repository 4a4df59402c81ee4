"""The settings screen in the kiosk window: who sees what, scans there, and the sound
warning in the status bar (a real station store, real logins by badge, real scans
through the pipeline)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.barcodes.resolve import CodePatterns
from app.config import Settings
from app.domain.model import Location, User
from app.domain.scan import RawScan, ScanSource
from app.store import LocalStore
from tests.app.store.store_helpers import PRODUCTS
from ui.feedback import Sounds
from ui.main_window import MainWindow
from ui.scanner.pipeline import ScanPipeline, Verdict
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

SETTINGS = Settings(server_url="https://orders.example:8765", station="pack-03", token="s3cr3t")
ADMIN_ONLY = ("token", "bin_pattern", "tote_pattern", "order_pattern", "badge_pattern")


@pytest.fixture
def pipeline(store: LocalStore) -> ScanPipeline:
    with store.unit_of_work() as uow:
        uow.locations.save(Location("A-01-01-1", "A", "01", 1))
        for product in PRODUCTS:
            uow.products.save(product)
        uow.commit()
    return ScanPipeline(store, CodePatterns.from_settings(SETTINGS))


@pytest.fixture
def window(
    qtbot: QtBot,
    find_user: Callable[[str], User | None],
    bridge: SyncBridge,
    tasks: TaskRunner,
    pipeline: ScanPipeline,
) -> MainWindow:
    made = MainWindow(
        settings=SETTINGS,
        find_user=find_user,
        save_settings=lambda _settings: None,
        rejected_events=list,
        bridge=bridge,
        tasks=tasks,
        pipeline=pipeline,
        sounds=Sounds(),
    )
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    return made


def _log_in(qtbot: QtBot, window: MainWindow, badge: str) -> None:
    screen = window.login_screen
    with qtbot.waitSignal(window.loggedIn, timeout=5000):
        qtbot.keyClicks(screen.badge_input, badge)
        qtbot.keyClick(screen.badge_input, Qt.Key.Key_Return)


def _open_settings(qtbot: QtBot, window: MainWindow, badge: str) -> None:
    _log_in(qtbot, window, badge)
    qtbot.mouseClick(window.home_screen.tiles["settings"], Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.settings_screen


def _scan(qtbot: QtBot, pipeline: ScanPipeline, text: str) -> Verdict:
    with qtbot.waitSignal(pipeline.answered, timeout=5000) as answered:
        pipeline.submit(RawScan(text, source=ScanSource.WEDGE))
    verdict = answered.args[0]
    assert isinstance(verdict, Verdict)
    return verdict


def _shown_texts(window: MainWindow) -> set[str]:
    return {edit.text() for edit in window.settings_screen.findChildren(QLineEdit)}


def test_a_supervisor_sees_neither_patterns_nor_the_token(qtbot: QtBot, window: MainWindow) -> None:
    _open_settings(qtbot, window, "B-3001")  # Sam, supervisor
    screen = window.settings_screen
    assert screen.editors["station"].isVisible()
    for name in ADMIN_ONLY:
        assert not screen.editors[name].isVisible(), name
        assert not screen.labels[name].isVisible(), name
    show = screen.findChild(QPushButton, "show_token")
    assert show is not None
    assert not show.isVisible()
    assert SETTINGS.token not in _shown_texts(window)
    assert SETTINGS.bin_pattern not in _shown_texts(window)


def test_an_admin_sees_them_and_they_go_when_the_admin_logs_out(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open_settings(qtbot, window, "B-9001")  # Ada, admin
    screen = window.settings_screen
    for name in ADMIN_ONLY:
        assert screen.editors[name].isVisible(), name
    assert screen.editors["bin_pattern"].text() == SETTINGS.bin_pattern
    show = screen.findChild(QPushButton, "show_token")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert screen.editors["token"].echoMode() is QLineEdit.EchoMode.Normal
    window.logout()
    assert SETTINGS.token not in _shown_texts(window)
    _open_settings(qtbot, window, "B-3001")
    assert not screen.editors["token"].isVisible()


def test_a_scan_on_the_settings_screen_says_what_it_is(
    qtbot: QtBot, window: MainWindow, pipeline: ScanPipeline
) -> None:
    _open_settings(qtbot, window, "B-9001")
    message = window.settings_screen.message
    said = _scan(qtbot, pipeline, "A-01-01-1")
    assert said.ok
    assert said.text == "Scanner test: read “A-01-01-1”: that is bin A-01-01-1."
    assert message.text() == said.text
    product = PRODUCTS[0]
    said = _scan(qtbot, pipeline, product.barcodes[0].code)
    assert said.text == (
        f"Scanner test: read “{product.barcodes[0].code}”: that is a product: "
        f"{product.name} ({product.sku})."
    )
    said = _scan(qtbot, pipeline, "LBL-88213")
    assert not said.ok
    assert said.text == (
        "Scanner test: read “LBL-88213”: an unknown barcode (not a product, bin, tote, "
        "order or badge here)."
    )
    assert message.text() == said.text
    assert message.level == "error"
    # The window's own answers stand: a scanned log-out still logs out.
    said = _scan(qtbot, pipeline, "#CMD:LOGOUT")
    assert said.text == "Logged out. Goodbye, Ada."
    assert window.current_screen() is window.login_screen


def test_no_audio_output_is_said_in_the_status_bar(window: MainWindow) -> None:
    sounds = window.feedback.sounds
    assert sounds is not None
    if sounds.available:
        pytest.skip("this machine has an audio output")
    bar = window.status_bar
    assert bar.sound.isVisible()
    assert bar.sound.full_text() == "Sound off: no audio output"
    assert bar.sound.text() == "Sound off: no audio output"  # room enough
    assert "Sound off: no audio output" in bar.summary()
    assert bar.sound.geometry().right() <= bar.width()  # on screen at 1280x800
