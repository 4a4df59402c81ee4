"""The keyboard wedge in the real window: scans are taken out of the key stream, typing is
not, and whatever arrives nothing is written to the store."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.domain.scan import (
    BadgeScan,
    InvalidScan,
    ProductScan,
    Scan,
    ScanCode,
    ScanSource,
    UnknownScan,
)
from app.domain.symbology import GS, Symbology
from tests.app.barcodes.test_resolve import demo_ean13
from tests.ui.conftest import user
from tests.ui.scanner.conftest import WriteGuard
from tests.ui.scanner.keys import SCANNER_GAP_MS, Keyboard, key_event, special_event
from ui.main_window import MainWindow
from ui.scanner.hub import ScannerHub

GTIN14 = "0" + demo_ean13(0)  # SKU-10001 as a GTIN-14


def recorded(hub: ScannerHub) -> list[Scan]:
    scans: list[Scan] = []
    hub.pipeline.scanned.connect(scans.append)
    return scans


def log_in(window: MainWindow, username: str = "ana") -> QLineEdit:
    """Log in and put the focus in the manual-entry field; returns that field."""
    window.login_screen.log_in(user(username))
    field = window.home_screen.manual_entry.field
    field.setFocus()
    assert window.current_screen() is window.home_screen
    return field


def test_a_badge_burst_logs_in_and_never_reaches_the_badge_field(
    window: MainWindow, hub: ScannerHub, qtbot: QtBot
) -> None:
    field = window.login_screen.badge_input
    assert field.hasFocus()
    typed: list[str] = []
    field.textChanged.connect(typed.append)
    scans = recorded(hub)

    Keyboard().scan("B-1001", field)

    # Synchronous: logged in on the turn of the Enter key, no waiting.
    assert window.user == user("ana")
    assert window.current_screen() is window.home_screen
    assert typed == []  # not one scanned character went into the field
    assert [type(s) for s in scans] == [BadgeScan]
    assert window.flash.tone == "good"
    assert window.flash.word.text() == "OK"
    assert "Hello Ana" in window.flash.text.text()


def test_a_person_typing_into_the_badge_field_types_normally(
    window: MainWindow, hub: ScannerHub, qtbot: QtBot
) -> None:
    field = window.login_screen.badge_input
    scans = recorded(hub)
    keys = Keyboard()
    keys.type("B-2001", 180)
    # Each key reaches the field once the next one shows it was typed; the last one
    # when the flush timer fires.
    qtbot.waitUntil(lambda: field.text() == "B-2001", timeout=2000)
    assert scans == []
    keys.type("\r", 180)  # Enter: a typed badge is looked up on the database lane
    qtbot.waitUntil(lambda: window.user is not None, timeout=5000)
    assert window.user == user("dan")


def test_quick_typing_shorter_than_a_code_still_reaches_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = window.login_screen.badge_input
    Keyboard().type("B-1", SCANNER_GAP_MS)  # rolled keys: fast, but shorter than 4
    qtbot.waitUntil(lambda: field.text() == "B-1", timeout=2000)


def test_shift_between_the_keys_of_a_burst_does_not_break_it(
    window: MainWindow, hub: ScannerHub
) -> None:
    field = window.login_screen.badge_input
    keys = Keyboard()
    keys.pause()
    for char in "B-1001\r":
        keys.now_ms += 2
        keys.press(special_event(Qt.Key.Key_Shift, keys.now_ms))
        keys.now_ms += 2
        keys.press(key_event(char, keys.now_ms))
    assert window.user == user("ana")
    assert field.text() == ""


def test_an_aim_prefixed_gs1_burst_is_a_product_with_its_lot(
    window: MainWindow, hub: ScannerHub
) -> None:
    field = log_in(window)
    scans = recorded(hub)
    Keyboard().scan(f"]C101{GTIN14}10LOT-7{GS}21SER9")
    assert field.text() == ""
    (scan,) = scans
    assert isinstance(scan, ProductScan)
    assert (scan.product.sku, scan.lot, scan.serial) == ("SKU-10001", "LOT-7", "SER9")
    assert window.flash.tone == "good"
    assert window.home_screen.last_scan.text().startswith("OK: Widget 0 (SKU-10001)")


def test_a_configured_gs_stand_in_becomes_gs(
    window: MainWindow, hub: ScannerHub, settings: Settings
) -> None:
    hub.apply_settings(Settings(station="pack-03", scanner_gs_standin="<GS>"))
    field = log_in(window)
    scans = recorded(hub)
    Keyboard().scan(f"]C101{GTIN14}10L1<GS>17271231")
    (scan,) = scans
    assert isinstance(scan, ProductScan)
    assert scan.lot == "L1"
    assert scan.expiry is not None
    assert scan.expiry.year == 2027
    assert field.text() == ""


def test_prefix_and_suffix_are_removed_and_the_scanners_enter_swallowed(
    window: MainWindow, hub: ScannerHub
) -> None:
    hub.apply_settings(Settings(station="pack-03", scanner_prefix="@@", scanner_suffix="##"))
    field = log_in(window)
    returns: list[None] = []
    field.returnPressed.connect(lambda: returns.append(None))
    scans = recorded(hub)
    Keyboard().scan("@@SKU-10003##")  # then Enter, within the gap: the scanner's own
    assert [s.product.sku for s in scans if isinstance(s, ProductScan)] == ["SKU-10003"]
    assert field.text() == ""
    assert returns == []


def test_an_unknown_barcode_flashes_red_with_a_clear_message(
    window: MainWindow, hub: ScannerHub
) -> None:
    log_in(window)
    Keyboard().scan("ZZ-404-NOPE")
    assert window.flash.isVisible()
    assert window.flash.tone == "wrong"
    assert window.flash.word.text() == "WRONG"
    assert window.flash.text.text().startswith("Unknown barcode ZZ-404-NOPE")
    last = window.home_screen.last_scan
    assert last.level == "error"
    assert last.text().startswith("WRONG: Unknown barcode ZZ-404-NOPE")
    assert window.feedback.last is not None
    assert window.feedback.last.tone.value == "wrong"


def test_a_scan_at_the_login_screen_that_is_no_badge_asks_for_one(
    window: MainWindow, hub: ScannerHub
) -> None:
    Keyboard().scan("SKU-10001")
    assert window.user is None
    assert window.flash.tone == "wrong"
    assert window.login_screen.message.text() == "Log in first: scan your badge."
    assert window.login_screen.badge_input.text() == ""


def test_a_disabled_badge_is_refused_on_screen(window: MainWindow, hub: ScannerHub) -> None:
    Keyboard().scan("B-1002")  # Ben's account is switched off
    assert window.user is None
    assert window.flash.tone == "wrong"
    assert "disabled" in window.login_screen.message.text()


def test_the_logout_command_logs_out_from_anywhere(window: MainWindow, hub: ScannerHub) -> None:
    log_in(window, "sam")
    window.home_screen.settingsRequested.emit()
    assert window.current_screen() is window.settings_screen
    Keyboard().scan("#CMD:LOGOUT", window.settings_screen.editors["station"])
    assert window.user is None
    assert window.current_screen() is window.login_screen
    assert window.flash.tone == "done"
    assert window.flash.word.text() == "DONE"
    assert "Goodbye, Sam" in window.flash.text.text()
    assert window.settings_screen.editors["station"].text() == "pack-03"  # nothing typed


def test_another_badge_while_logged_in_is_refused(window: MainWindow, hub: ScannerHub) -> None:
    log_in(window, "ana")
    Keyboard().scan("B-2001")
    assert window.user == user("ana")
    assert window.flash.tone == "wrong"
    assert "Ana is logged in here" in window.flash.text.text()


def test_a_burst_cut_off_before_its_enter_is_refused_after_the_gap(
    window: MainWindow, hub: ScannerHub, qtbot: QtBot
) -> None:
    field = log_in(window)
    Keyboard().scan("SKU-1000", end="")  # no Enter: half a code must not count
    qtbot.waitUntil(lambda: window.flash.tone == "wrong", timeout=2000)
    assert window.feedback.last is not None
    scan = window.feedback.last.scan
    assert isinstance(scan, InvalidScan)
    assert scan.code is ScanCode.INCOMPLETE
    assert "cut off" in window.flash.text.text()
    assert field.text() == ""


def test_a_ten_thousand_key_burst_is_refused_clearly_and_writes_nothing(
    window: MainWindow, hub: ScannerHub, write_guard: WriteGuard
) -> None:
    field = log_in(window)
    scans = recorded(hub)
    Keyboard().scan("9" * 10_000)
    (scan,) = scans
    assert isinstance(scan, InvalidScan)
    assert scan.code is ScanCode.TOO_LONG
    assert window.flash.tone == "wrong"
    assert "too long" in window.flash.text.text()
    assert len(window.flash.text.text()) < 200  # the flood itself is never shown
    assert field.text() == ""
    write_guard.assert_nothing_written()


def test_after_remove_keys_go_straight_to_the_field(window: MainWindow, hub: ScannerHub) -> None:
    hub.wedge.remove()
    Keyboard().scan("B-1001")
    assert window.user is None
    assert window.login_screen.badge_input.text() == "B-1001"  # plain keys, no filter


# One key of a random stream: what it types and how long after the previous key.
CHARS = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["\r", "\t", "\x08", GS, "\x00", "\x1b", "#", "]", "C", "1"]),
)
STREAM = st.lists(
    st.tuples(CHARS, st.integers(min_value=0, max_value=400)), min_size=1, max_size=60
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stream=STREAM)
def test_random_key_streams_never_raise_and_never_write(
    window: MainWindow,
    hub: ScannerHub,
    write_guard: WriteGuard,
    qtbot: QtBot,
    stream: list[tuple[str, int]],
) -> None:
    log_in(window, "sam")
    scans = recorded(hub)
    keys = Keyboard()
    keys.pause()
    for char, gap in stream:
        keys.now_ms += gap
        focus = QApplication.focusWidget() or window.home_screen.manual_entry.field
        keys.press(key_event(char, keys.now_ms), focus)
    hub.wedge.decide_now()
    hub.pipeline.scanned.disconnect(scans.append)
    for scan in scans:
        assert isinstance(scan, Scan.__args__)  # type: ignore[attr-defined]
        if scan.ok:
            assert not isinstance(scan, InvalidScan | UnknownScan)
    write_guard.assert_nothing_written()
    window.logout()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=20),
    gaps=st.lists(st.integers(min_value=45, max_value=400), min_size=20, max_size=20),
)
def test_a_person_typing_gets_every_character_in_order(
    window: MainWindow, hub: ScannerHub, text: str, gaps: list[int]
) -> None:
    field = log_in(window)
    field.clear()
    scans = recorded(hub)
    Keyboard().type(text, gaps)
    hub.wedge.decide_now()
    hub.pipeline.scanned.disconnect(scans.append)
    assert field.text() == text
    assert scans == []
    window.logout()


@pytest.mark.parametrize(
    ("burst", "symbology"),
    [
        (f"]E0{demo_ean13(4)}", Symbology.EAN13),
        (f"]d201{GTIN14}10D1", Symbology.GS1_DATAMATRIX),
        (f"]C101{GTIN14}", Symbology.GS1_128),
        (f"]Q3{GS}01{GTIN14}", Symbology.GS1_QR),
    ],
)
def test_aim_identifiers_set_the_symbology_and_are_removed(
    window: MainWindow,
    hub: ScannerHub,
    burst: str,
    symbology: Symbology,
) -> None:
    log_in(window)
    raws: list[object] = []
    hub.wedge.scanned.connect(raws.append)
    Keyboard().scan(burst)
    (raw,) = raws
    assert raw.symbology is symbology  # type: ignore[attr-defined]
    assert raw.source is ScanSource.WEDGE  # type: ignore[attr-defined]
    assert not raw.text.startswith("]")  # type: ignore[attr-defined]


def test_the_flush_timer_is_the_only_timer_and_stops(
    window: MainWindow, hub: ScannerHub, qtbot: QtBot
) -> None:
    Keyboard().type("x", 200)
    assert hub.wedge.flush_timer.isActive()
    qtbot.waitUntil(lambda: window.login_screen.badge_input.text() == "x", timeout=2000)
    assert not hub.wedge.flush_timer.isActive()
