"""Touch targets on the labels and settings screens at the kiosk's 1280x800, in states
the screenshots do not show (a waiting shipping label, settings as admin and as
supervisor): the same check as ``test_touch_targets`` (the window's status bar takes
64 px, so a screen gets 1280x736)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from app.barcodes.resolve import CodePatterns
from app.config import Settings
from app.domain.model import Location
from app.domain.scan import RawScan, ScanSource
from app.printing import PrinterKind, PrinterSpec, PrintQueue, PrintSettings, TemplateLibrary
from app.store import LocalStore
from tests.app.store.store_helpers import PRODUCTS, make_order
from tests.ui.conftest import user
from tests.ui.test_touch_targets import target_problems, touch_targets
from ui.printing.bridge import PrintBridge
from ui.scanner.pipeline import ScanPipeline
from ui.screens.labels import LabelsScreen
from ui.screens.settings import SettingsScreen
from ui.tasks import TaskRunner

SCREEN_W, SCREEN_H = 1280, 736


def touch_problems(screen: QWidget) -> list[str]:
    """What is too small, too close or off the screen among its touch targets."""
    assert touch_targets(screen, screen)
    # The form's fields scroll; its buttons must be on the screen.
    buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisibleTo(screen)]
    off = [
        f"{b.text()!r} is off the screen"
        for b in buttons
        if not screen.rect().contains(QRect(b.mapTo(screen, QPoint(0, 0)), b.size()))
    ]
    return target_problems(screen, screen) + off


@pytest.fixture
def labels(
    store: LocalStore, tasks: TaskRunner, tmp_path: Path, qtbot: QtBot
) -> Iterator[tuple[LabelsScreen, ScanPipeline]]:
    with store.unit_of_work() as uow:
        uow.locations.save(Location("A-01-01-1", "A", "01", 1))
        for product in PRODUCTS:
            uow.products.save(product)
        uow.orders.save(make_order("SO-100001"))
        uow.commit()
    printers = tuple(
        PrinterSpec(name, PrinterKind.FILE, str(tmp_path / name))
        for name in ("ZEBRA1", "labels", "office")
    )
    settings = PrintSettings(printers=printers, routes={"*": "ZEBRA1"})
    bridge = PrintBridge()
    queue = PrintQueue(store, settings, TemplateLibrary(), on_change=bridge.publish)
    pipeline = ScanPipeline(store, CodePatterns.from_settings(Settings()))
    screen = LabelsScreen(queue, bridge, tasks, pipeline, tmp_path / "saved")
    qtbot.addWidget(screen)
    screen.resize(SCREEN_W, SCREEN_H)
    screen.show()
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=5000)
    yield screen, pipeline
    screen.hide()


def test_the_labels_screen_s_buttons_are_big_and_apart(
    labels: tuple[LabelsScreen, ScanPipeline], qtbot: QtBot
) -> None:
    screen, pipeline = labels
    assert screen.size().height() == SCREEN_H  # it fits: its minimum is not taller
    assert touch_problems(screen) == []
    # A long two-line message and a waiting shipping label move nothing into reach.
    pipeline.submit(RawScan("SO-100001", source=ScanSource.WEDGE))
    assert screen.print_button.isEnabled()
    assert touch_problems(screen) == []


@pytest.mark.parametrize("username", ["ada", "sam"])
def test_the_settings_screen_s_buttons_are_big_and_apart(
    qtbot: QtBot, tasks: TaskRunner, username: str
) -> None:
    screen = SettingsScreen(Settings(token="t", server_url="nope"), lambda _s: None, tasks)
    qtbot.addWidget(screen)
    screen.set_user(user(username))
    screen.resize(SCREEN_W, SCREEN_H)
    screen.show()
    assert screen.size().height() == SCREEN_H
    assert touch_problems(screen) == []
    screen.save_button.click()  # problems in the message area
    assert screen.message.level == "error"
    assert touch_problems(screen) == []
