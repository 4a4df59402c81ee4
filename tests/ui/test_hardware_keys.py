"""Hardware keys do what a tap does: the demo kiosk with keys set in Settings, driven by
key presses as a handheld's side keys send them (through the real keyboard-wedge filter)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config import HardwareAction, ProblemCode, Settings
from app.domain.pick_outcome import PickState
from app.picking.steps import PickAction
from app.sync.state import SyncStatus
from tests.ui.conftest import demo_kiosk
from tests.ui.scanner.keys import Keyboard
from ui.hardware_keys import PACK_KEYS, PICK_KEYS
from ui.kiosk import Kiosk

KEYS = {"key_short": "F1", "key_skip": "F2", "key_quantity": "F4", "key_next": "F8"}


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[Kiosk]:
    with demo_kiosk(tmp_path, **KEYS, key_confirm="Ctrl+F6") as kiosk:
        yield kiosk


def press(widget: QWidget, key: Qt.Key, *, repeat: bool = False) -> None:
    """A key press and its release, as a side key sends them (no text)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "", repeat)
        QApplication.sendEvent(widget, event)


def test_side_keys_tap_the_pick_screen_s_buttons(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
    # A badge scanned through the wedge logs in: its keystrokes pass the keys' filter.
    Keyboard().scan("B-3001", window.login_screen.badge_input)
    assert window.user is not None
    qtbot.mouseClick(window.home_screen.tiles["pick"], Qt.MouseButton.LeftButton)
    screen = window.pick_screen
    assert screen is not None
    assert window.current_screen() is screen
    view = screen.task_view

    qtbot.waitUntil(lambda: not screen.busy, timeout=30_000)  # its open run looked for
    press(window, Qt.Key.Key_F1)  # Short: no order yet, no Short button on screen
    assert not view.short_open
    press(window, Qt.Key.Key_F8)  # Next order on the start page: one order is claimed
    qtbot.waitUntil(lambda: screen.session is not None and not screen.busy, timeout=30_000)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.task_view, timeout=10_000)

    # Quantity before the bin is scanned: what a tap on Quantity says, word for word.
    qtbot.mouseClick(view.buttons[PickAction.QTY], Qt.MouseButton.LeftButton)
    tapped = screen.message.text()
    assert tapped
    screen.message.clear_message()
    press(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: screen.message.text() == tapped, timeout=5000)
    assert not view.qty_open

    prompt = screen.session.prompt()
    Keyboard().scan(prompt.bin or "", window)
    qtbot.waitUntil(lambda: screen.session.prompt().state is PickState.PICK_ITEM, timeout=5000)
    press(window, Qt.Key.Key_F4)  # Quantity: the keypad, as a tap on Quantity
    qtbot.waitUntil(lambda: view.qty_open, timeout=5000)
    qtbot.mouseClick(view.qty_panel.keypad.keys["1"], Qt.MouseButton.LeftButton)
    ctrl_f6 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F6, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window, ctrl_f6)  # Confirm: the keypad's OK
    qtbot.waitUntil(lambda: not view.qty_open, timeout=5000)
    assert screen.session.prompt().pending_qty == 1

    # The on-screen keyboard over the screen: keys act on it, never on the screen under it.
    qtbot.mouseClick(view.type_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.keyboard.isVisible, timeout=5000)
    press(window, Qt.Key.Key_F1)  # Short: the keyboard has none, the screen's is covered
    qtbot.wait(300)
    assert not view.short_open
    assert window.keyboard.isVisible()
    for char in "ZZ9":
        qtbot.mouseClick(window.keyboard.keys[char], Qt.MouseButton.LeftButton)
    QApplication.sendEvent(window, ctrl_f6)  # Confirm: the keyboard's Enter sends the code
    qtbot.waitUntil(lambda: not window.keyboard.isVisible(), timeout=5000)
    assert screen.message.text()  # the typed code was answered like a scan

    press(window, Qt.Key.Key_F1, repeat=True)  # a key held down: only its first press acts
    qtbot.wait(300)
    assert not view.short_open
    press(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.short_open, timeout=5000)

    press(window, Qt.Key.Key_F7)  # no action's key: nothing happens
    qtbot.wait(300)
    assert view.short_open


def test_keys_that_type_or_repeat_are_refused_in_settings() -> None:
    settings = Settings(key_short="F1", key_skip="F1", key_undo="a", key_next="Shift+B")
    assert [(p.code, p.field, p.args["key"]) for p in settings.validate()] == [
        (ProblemCode.KEY_TWICE, "key_skip", "F1"),
        (ProblemCode.KEY_TYPES, "key_undo", "a"),
        (ProblemCode.KEY_TYPES, "key_next", "Shift+B"),
    ]
    assert Settings(key_short="F1", key_confirm="Ctrl+F6").hardware_keys() == {
        "F1": HardwareAction.SHORT,
        "Ctrl+F6": HardwareAction.CONFIRM,
    }


def test_every_action_has_a_button_on_the_pick_or_pack_screen() -> None:
    bound = set(PICK_KEYS.values()) | set(PACK_KEYS.values()) | {HardwareAction.CONFIRM}
    assert bound == set(HardwareAction)
