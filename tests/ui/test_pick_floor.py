"""What a morning on the floor found, done again as the picker did it.

Each test is one finding of the floor trial, on the whole kiosk (real sync loop, real
order store on 127.0.0.1, real SQLite): taps are mouse clicks on the real buttons
(``qtbot.mouseClick``), scans are keyboard-wedge bursts through the application's event
filter. What the screen says is checked against what is stored and what the picker
holds. Every test here failed on the screen the trial used.
"""

# ruff: noqa: F811  (the ``floor`` fixture is imported from the pick screen's tests)
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain.events import ShortReason
from app.domain.pick import PickMessage, PickState
from tests.ui.test_pick_screen import (  # noqa: F401  (the fixture)
    WAIT_MS,
    Floor,
    Line,
    floor,
    pick_line,
    pick_to_done,
)
from ui.scanner.pipeline import Tone
from ui.screens.pick_text import sentence
from ui.widgets import taps


def touches_at_one_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the tap guards see every touch at the same moment (a bounce)."""
    moment = taps.monotonic() + 100.0
    monkeypatch.setattr(taps, "monotonic", lambda: moment)


def a_second_later(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = taps.monotonic() + 1.0
    monkeypatch.setattr(taps, "monotonic", lambda: moment)


def double_tap(floor: Floor, button: object) -> None:
    """Two clicks on the same spot, as fast as a finger bounces."""
    floor.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    floor.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def first_line_of_at_least(floor: Floor, qty: int) -> Line:
    """Finish lines until the current one asks for ``qty`` or more; scan its bin."""
    while floor.prompt().qty_left < qty:
        pick_line(floor)
    line = Line.of(floor.prompt())
    if floor.prompt().state is PickState.GO_TO_BIN:
        floor.scan(line.bin)
    return line


def test_a_double_tap_on_undo_takes_back_one_piece(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    floor.start_single("B-1001")
    line = first_line_of_at_least(floor, 2)
    floor.scan(floor.barcode(line.sku))
    floor.scan(floor.barcode(line.sku))
    assert floor.local_line(line.order, line.line_no).picked_qty == 2
    undo = floor.pick.task_view.buttons["undo"]
    touches_at_one_moment(monkeypatch)
    before = len(floor.verdicts)
    double_tap(floor, undo)
    assert len(floor.verdicts) == before + 1  # one action, one answer
    assert floor.local_line(line.order, line.line_no).picked_qty == 1
    assert floor.said.text.startswith(f"Undone: 1 of {line.sku}")
    # A second Undo on purpose, a second later: the sentence tells the true total.
    a_second_later(monkeypatch)
    floor.tap(undo)
    assert floor.local_line(line.order, line.line_no).picked_qty == 0
    assert floor.said.text.startswith(f"Undone: 2 of {line.sku}")
    assert floor.pick.message.text() == floor.said.text


def test_a_double_tap_on_skip_skips_one_line(floor: Floor, monkeypatch: pytest.MonkeyPatch) -> None:
    floor.start_single("B-1001")
    first = Line.of(floor.prompt())
    touches_at_one_moment(monkeypatch)
    double_tap(floor, floor.pick.task_view.buttons["skip"])
    session = floor.session
    assert sum(1 for task in session._skipped) == 1  # one line went to the end
    assert Line.of(floor.prompt()) != first
    assert "lines skipped" not in floor.said.text


def test_a_number_typed_on_the_keypad_without_ok_counts(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = first_line_of_at_least(floor, 2)
    view = floor.pick.task_view
    floor.tap(view.buttons["qty"])
    assert view.qty_open
    floor.tap(view.qty_panel.keypad.keys["2"])  # no OK: the picker scans right away
    floor.scan(floor.barcode(line.sku))
    assert floor.local_line(line.order, line.line_no).picked_qty == 2
    left = floor.prompt().qty_left if Line.of(floor.prompt()) == line else 0
    assert floor.said.tone is Tone.GOOD
    assert floor.said.text.startswith("Counted 2.")
    assert not view.qty_open
    assert left == floor.local_line(line.order, line.line_no).open_qty


def test_the_open_keypad_with_nothing_typed_refuses_the_scan(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = first_line_of_at_least(floor, 1)
    view = floor.pick.task_view
    floor.tap(view.buttons["qty"])
    floor.scan(floor.barcode(line.sku))
    floor.assert_wrong(PickMessage.QTY_NOT_TYPED, sku=line.sku)
    assert view.qty_open  # still there, for the number
    assert floor.local_line(line.order, line.line_no).picked_qty == 0


def test_undo_in_a_batch_says_the_piece_is_in_its_tote(floor: Floor) -> None:
    floor.log_in("B-1001")
    floor.open_pick()
    floor.tap(floor.pick.start_view.cart_button)
    for tote in ("T-0001", "T-0002"):
        floor.scan(tote)
    floor.tap(floor.pick.cart_view.start_button)
    floor.wait_for_session()
    line = Line.of(floor.prompt())
    tote = floor.prompt().tote
    floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    floor.scan(tote or "")
    assert floor.local_line(line.order, line.line_no).picked_qty == 1
    floor.tap(floor.pick.task_view.buttons["undo"])
    assert floor.local_line(line.order, line.line_no).picked_qty == 0
    assert f"Take it out of tote {tote}" in floor.said.text
    assert f"back in bin {line.bin}" in floor.said.text


def test_undo_right_after_a_short_takes_back_the_short(floor: Floor) -> None:
    floor.start_single("B-1001")
    pick_line(floor)  # a counted piece before the short
    line = Line.of(floor.prompt())
    floor.scan(line.bin)
    view = floor.pick.task_view
    floor.tap(view.buttons["short"])
    floor.tap(view.short_panel.reason_buttons[ShortReason.DAMAGED])
    assert floor.local_line(line.order, line.line_no).short_qty > 0
    counted_before = {ln.line_no: ln.picked_qty for ln in floor.local_order(line.order).lines}
    floor.tap(view.buttons["undo"])
    assert floor.local_line(line.order, line.line_no).short_qty == 0
    assert {ln.line_no: ln.picked_qty for ln in floor.local_order(line.order).lines} == (
        counted_before
    )
    assert floor.said.text.startswith("Short taken back")
    assert Line.of(floor.prompt()) == line
    floor.wait_synced()  # the store applied the short and its undo, once each
    assert len(floor.store_events(line.order, "line.short_undone")) == 1
    assert floor.store_order(line.order)["lines"][line.line_no - 1]["short_qty"] == 0


def test_one_piece_too_many_on_a_completed_line_is_named(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = Line.of(floor.prompt())
    pick_line(floor)  # complete: the screen moved on to the next bin
    picked = floor.local_line(line.order, line.line_no).picked_qty
    floor.scan(floor.barcode(line.sku))
    assert floor.said.tone is Tone.WRONG
    expected = sentence(
        PickMessage.ONE_TOO_MANY, {"sku": line.sku, "qty": 1, "picked": picked, "bin": line.bin}
    )
    assert floor.said.text == expected
    assert floor.local_line(line.order, line.line_no).picked_qty == picked


def test_type_a_code_on_the_pick_and_cart_screens(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = Line.of(floor.prompt())
    keyboard = floor.window.keyboard
    floor.tap(floor.pick.task_view.type_button)
    assert keyboard.isVisible()
    for char in line.bin:
        floor.tap(keyboard.keys[char])
    assert keyboard.typed == line.bin
    floor.tap(keyboard.enter_button)
    assert not keyboard.isVisible()
    assert floor.said.tone is Tone.GOOD
    assert floor.prompt().state is PickState.PICK_ITEM  # the typed bin counted as its scan
    # And on the cart page: a tote typed by hand goes on the cart.
    floor.window.logout()
    floor.log_in("B-3001")
    floor.open_pick()
    floor.tap(floor.pick.start_view.cart_button)
    floor.tap(floor.pick.cart_view.type_button)
    for char in "T-0005":
        floor.tap(keyboard.keys[char])
    floor.tap(keyboard.enter_button)
    assert [s.text() for s in floor.pick.cart_view.slots[:1]] == ["T-0005"]


def test_the_done_screen_goes_to_a_cart_or_home_and_lists_shorts(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = Line.of(floor.prompt())
    floor.scan(line.bin)
    view = floor.pick.task_view
    floor.tap(view.buttons["short"])
    floor.tap(view.short_panel.reason_buttons[ShortReason.DAMAGED])
    pick_to_done(floor)
    assert floor.prompt().state is PickState.DONE
    assert f"SHORT: {floor.local_line(line.order, line.line_no).short_qty} of {line.sku}" in (
        view.shorts_label.text()
    )
    assert "(damaged)" in view.shorts_label.text()
    assert "SHORT" in floor.pick.message.text()
    assert not view.pause_button.isVisible()  # nothing left to pause
    for key in ("next", "cart", "home"):
        assert view.buttons[key].isVisible()
    floor.tap(view.buttons["cart"])
    floor.qtbot.waitUntil(lambda: not floor.pick.busy)  # the run is closed on the database lane
    assert floor.pick.pages.currentWidget() is floor.pick.cart_view
    assert floor.pick.run is None  # the finished pick is closed
    # Home from the cart page, and Pick again: the start page, not the done screen.
    floor.tap(floor.pick.cart_view.back_button)
    assert floor.window.current_screen() is floor.window.home_screen
    floor.open_pick()
    assert floor.pick.pages.currentWidget() is floor.pick.start_view


def test_messages_stay_or_fade_as_they_should(floor: Floor) -> None:
    floor.log_in("B-1001")
    home = floor.window.home_screen
    home.last_scan.fade_ms = 300  # the kiosk's six seconds, shortened for the test
    floor.scan(floor.barcode("SKU-10001"))
    assert home.last_scan.level == "ok"
    floor.qtbot.waitUntil(lambda: home.last_scan.level == "", timeout=5_000)
    floor.open_pick()
    floor.tap(floor.pick.start_view.cart_button)
    floor.scan("T-0001")
    floor.scan("T-0001")
    floor.window.flash.dismiss()
    message = floor.pick.message
    assert (message.level, message.text()) == ("error", "Tote T-0001 is already on the cart.")
    floor.qtbot.wait(400)  # an error does not fade
    assert message.level == "error"


def test_the_buttons_stay_put_whatever_the_message(floor: Floor) -> None:
    floor.start_single("B-1001")
    view = floor.pick.task_view
    buttons = [view.buttons[k] for k in ("short", "skip", "undo", "qty")]

    def places() -> list[QPoint]:
        floor.qtbot.wait(20)
        return [b.mapTo(floor.window, QPoint(0, 0)) for b in buttons]

    floor.scan(Line.of(floor.prompt()).bin)
    one_line = places()
    assert floor.said.tone is Tone.GOOD
    floor.scan("LBL-4006381333931-0000-1234567890-DAMAGE")  # a three-line sentence
    assert floor.said.tone is Tone.WRONG
    assert len(floor.pick.message.text()) > 120
    assert places() == one_line
    floor.pick.message.clear_message()
    assert places() == one_line
