"""The home screen's scanning parts: manual entry, the last result, the camera switch."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import user
from ui.main_window import MainWindow
from ui.scanner.hub import ScannerHub


def test_a_code_typed_from_a_damaged_label_is_a_scan(window: MainWindow, hub: ScannerHub) -> None:
    window.login_screen.log_in(user("dan"))
    entry = window.home_screen.manual_entry
    assert entry.isVisible()
    entry.field.setText("SKU-10005")
    entry.button.click()
    assert window.flash.tone == "good"
    assert window.home_screen.last_scan.level == "ok"
    assert window.home_screen.last_scan.text() == "OK: Widget 4 (SKU-10005)."
    entry.field.setText("SKU-99999")
    entry.field.returnPressed.emit()
    assert window.home_screen.last_scan.level == "error"
    assert window.home_screen.last_scan.text().startswith("WRONG: Unknown barcode SKU-99999")
    window.logout()
    assert not window.home_screen.last_scan.isVisible()  # the next person starts clean


def test_without_a_camera_the_camera_button_is_off_and_says_why(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.login_screen.log_in(user("dan"))
    home = window.home_screen
    assert home.camera_button.isVisible()
    assert not home.camera_button.isEnabled()
    assert home.camera_button.text() == "No camera"
    assert home.camera_button.toolTip() == "No camera found on this station."
    assert home.camera_button.accessibleDescription() == "No camera found on this station."
    home.camera_button.setEnabled(True)  # even if tapped somehow, nothing breaks
    home.camera_button.click()
    assert not home.camera_button.isChecked()
    assert not home.camera_button.isEnabled()


def test_a_serial_scanner_problem_shows_on_the_home_screen(window: MainWindow) -> None:
    home = window.home_screen
    window.login_screen.log_in(user("dan"))
    home.set_scanner_status("Serial scanner on /dev/ttyUSB0 cannot be opened.", False)
    assert home.scanner_status.level == "warning"
    home.set_scanner_status("Serial scanner on /dev/ttyUSB0: ready.", True)
    assert not home.scanner_status.isVisible()
