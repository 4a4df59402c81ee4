"""The pack screen on the whole kiosk: real sync loop, real order store, real SQLite.

An order is first picked on the pick screen (Ana, ``B-1001``), then packed on the pack
screen by Dan (``B-2001``, a packer) with keyboard-wedge scanner bursts through the
application's event filter and mouse taps; Sam (``B-3001``) is the supervisor whose
badge accepts a weight out of tolerance. What is checked is what is durable: the
station database, the label files its printer wrote, and the order store.
"""

# ruff: noqa: F811  (the ``floor`` fixture is imported from the pick screen's tests)
from __future__ import annotations

import dataclasses
import json
import socket
from pathlib import Path
from typing import Any

import pytest

from app.domain.events import PackHoldReason
from app.domain.model import OrderStatus
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackMessage, PackPrompt, PackState
from app.picking import PickAction
from app.printing.settings import PrinterKind, PrintSettings
from tests.ui.test_pick_floor import double_tap, touches_at_one_moment
from tests.ui.test_pick_screen import (  # noqa: F401  (the fixture)
    FIRST_ORDER,
    WAIT_MS,
    Floor,
    floor,
    pick_to_done,
)
from ui.scanner.pipeline import Tone
from ui.screens.pack import PackScreen
from ui.screens.pack_text import sentence
from ui.screens.pack_views import PackAction


def pack_screen(floor: Floor) -> PackScreen:
    screen = floor.window.pack_screen
    assert screen is not None
    return screen


def session(floor: Floor) -> PackSession:
    found = pack_screen(floor).session
    assert found is not None, "no pack session on screen"
    return found


def prompt(floor: Floor) -> PackPrompt:
    return session(floor).prompt()


def picked_then_packer(floor: Floor) -> str:
    """Ana picks the queue's head; Dan logs in and opens packing by scan."""
    floor.start_single("B-1001")
    pick_to_done(floor)
    floor.tap(floor.pick.task_view.buttons[PickAction.HOME])
    assert floor.local_order(FIRST_ORDER).status is OrderStatus.PICKED
    floor.scan("#CMD:LOGOUT")
    floor.log_in("B-2001")
    floor.scan("#CMD:START-PACK")
    assert floor.window.current_screen() is pack_screen(floor)
    verdict = floor.scan(FIRST_ORDER)
    assert verdict.tone is Tone.GOOD, verdict.text
    wait_open(floor)
    assert prompt(floor).state is PackState.VERIFY
    return FIRST_ORDER


def wait_open(floor: Floor) -> None:
    """The order scanned or tapped is opened on the database lane: wait for it."""
    screen = pack_screen(floor)
    floor.qtbot.waitUntil(lambda: screen.session is not None and not screen.busy, timeout=WAIT_MS)


def verify(floor: Floor, units: int | None = None) -> None:
    """Scan the order's items, line by line (``units`` of them, default all)."""
    done = 0
    for line in prompt(floor).lines:
        for _ in range(line.left):
            if units is not None and done == units:
                return
            verdict = floor.scan(floor.barcode(line.sku))
            assert verdict.tone in (Tone.GOOD, Tone.DONE), verdict.text
            done += 1


def type_weight(floor: Floor, grams: int) -> None:
    panel = pack_screen(floor).work_view.weigh_panel
    for digit in str(grams):
        floor.tap(panel.keypad.keys[digit])
    floor.tap(panel.ok_button)


def unreachable(working: PrintSettings) -> PrintSettings:
    """``working`` with its one printer moved to a port nothing listens on (connection
    refused) and no automatic retry: the labels fail until someone taps Retry."""
    (folder,) = working.printers
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    off = dataclasses.replace(folder, kind=PrinterKind.TCP, address=f"127.0.0.1:{port}")
    return dataclasses.replace(working, printers=(off,), max_attempts=1)


def wait_done(floor: Floor) -> None:
    floor.qtbot.waitUntil(lambda: prompt(floor).state is PackState.DONE, timeout=WAIT_MS)


def labels(floor: Floor) -> list[Path]:
    folder = Path(floor.kiosk.print_queue.settings.printers[0].address)
    return sorted(p for p in folder.rglob("*.pdf") if p.is_file())


def test_a_whole_pack_by_scans(floor: Floor) -> None:
    number = picked_then_packer(floor)
    verify(floor)
    assert prompt(floor).state is PackState.CARTON
    assert floor.said.text == sentence(
        PackMessage.ALL_VERIFIED, {"order": number, "carton": prompt(floor).suggested or ""}
    )
    floor.scan("#CMD:CONFIRM")
    assert prompt(floor).state is PackState.WEIGH
    type_weight(floor, prompt(floor).expected_g)
    wait_done(floor)
    assert floor.said.tone is Tone.DONE
    order = floor.local_order(number)
    assert order.status is OrderStatus.PACKED
    assert len(order.packages) == 1
    assert order.packages[0].sscc
    jobs = floor.kiosk.print_queue.jobs(reference=number)
    # The demo station has a label printer only: the shipping label, no A4 slip.
    assert [(job.label, job.state.value) for job in jobs] == [("shipping", "done")]
    assert len(labels(floor)) == 1
    floor.wait_synced()
    assert floor.store_order(number)["status"] == "packed"


def a_sku_not_in(floor: Floor, number: str) -> str:
    skus = {line.sku for line in floor.local_order(number).lines}
    with floor.kiosk.station.store.unit_of_work(readonly=True) as uow:
        order_skus = {
            line.sku
            for other in uow.orders.open_queue(20)
            for line in other.lines
            if line.sku not in skus
        }
    return sorted(order_skus)[0]


def test_a_double_tap_on_undo_takes_back_one_unit(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = picked_then_packer(floor)
    verify(floor, units=2)
    verified = sum(line.verified for line in prompt(floor).lines)
    assert verified == 2
    undo = pack_screen(floor).work_view.buttons[PackAction.UNDO]
    touches_at_one_moment(monkeypatch)
    before = len(floor.verdicts)
    double_tap(floor, undo)
    assert len(floor.verdicts) == before + 1  # one action, one answer
    assert sum(line.verified for line in prompt(floor).lines) == 1
    assert sum(line.packed_qty for line in floor.local_order(number).lines) == 1
    assert pack_screen(floor).message.text() == floor.said.text


def test_a_wrong_item_is_red_and_counts_nothing(floor: Floor) -> None:
    number = picked_then_packer(floor)
    before = [line.verified for line in prompt(floor).lines]
    wrong = a_sku_not_in(floor, number)
    verdict = floor.scan(floor.barcode(wrong))
    text = sentence(PackMessage.WRONG_ITEM, {"scanned": wrong})
    assert (verdict.tone, verdict.text) == (Tone.WRONG, text)
    assert floor.window.flash.tone == "wrong"
    assert pack_screen(floor).message.level == "error"
    assert pack_screen(floor).message.text() == text
    assert [line.verified for line in prompt(floor).lines] == before
    assert [line.packed_qty for line in floor.local_order(number).lines] == before
    assert prompt(floor).state is PackState.VERIFY
    # Kept as a wrong scan for the people figures (nothing about the order changes).
    floor.qtbot.waitUntil(lambda: bool(wrong_scans(floor)), timeout=WAIT_MS)
    [(order_number, payload)] = wrong_scans(floor)
    assert order_number == number
    assert payload["payload"]["expected"] == "item"
    assert payload["user"] == "dan"


def wrong_scans(floor: Floor) -> list[tuple[str, dict[str, Any]]]:
    with floor.kiosk.station.store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT order_number, payload FROM outbox WHERE type = 'scan.wrong'"
        ).all()
    return [(row[0], json.loads(row[1])) for row in rows]


def test_a_hold_with_a_reason_reaches_the_store(floor: Floor) -> None:
    number = picked_then_packer(floor)
    verify(floor, units=1)
    view = pack_screen(floor).work_view
    floor.tap(view.buttons[PackAction.HOLD])
    assert prompt(floor).state is PackState.HOLD_REASON
    assert view.side.currentWidget() is view.hold_panel
    floor.tap(view.hold_panel.reason_buttons[PackHoldReason.DAMAGED_ITEM])
    assert prompt(floor).state is PackState.DONE
    assert floor.said.tone is Tone.DONE
    assert floor.local_order(number).status is OrderStatus.ON_HOLD
    floor.wait_synced()
    remote = floor.store_order(number)
    assert remote["status"] == "on_hold"
    assert "damaged_item" in remote["hold_reason"]
    # Next order: the start page again.
    floor.tap(view.done_panel.buttons[PackAction.NEXT])
    assert pack_screen(floor).session is None


def test_an_order_in_two_packages(floor: Floor) -> None:
    number = picked_then_packer(floor)
    verify(floor, units=1)
    floor.scan("#CMD:CLOSE")
    assert prompt(floor).state is PackState.CARTON
    floor.scan("#CMD:CONFIRM")
    type_weight(floor, prompt(floor).expected_g)
    floor.qtbot.waitUntil(
        lambda: prompt(floor).state is PackState.VERIFY and prompt(floor).package_no == 2,
        timeout=WAIT_MS,
    )
    verify(floor)
    floor.scan("#CMD:CONFIRM")
    # This time the scale's stable reading (SerialScale.stableWeight) weighs it.
    pack_screen(floor).on_stable_weight(prompt(floor).expected_g)
    wait_done(floor)
    order = floor.local_order(number)
    assert order.status is OrderStatus.PACKED
    ssccs = [package.sscc for package in order.packages]
    assert len(ssccs) == 2
    assert len(set(ssccs)) == 2
    floor.wait_synced()
    assert floor.store_order(number)["status"] == "packed"
    closed = floor.store_events(number, "package.closed")
    assert sorted(event["sscc"] for event in closed) == sorted(ssccs)


def test_a_weight_out_of_tolerance_needs_a_supervisor_badge(floor: Floor) -> None:
    number = picked_then_packer(floor)
    verify(floor)
    floor.scan("#CMD:CONFIRM")
    expected = prompt(floor).expected_g
    type_weight(floor, expected * 3)
    assert prompt(floor).state is PackState.OVERRIDE
    assert floor.said.tone is Tone.WRONG
    # The packer's own badge is not a supervisor's: nothing changes.
    verdict = floor.scan("B-2001")
    assert verdict.tone is Tone.WRONG
    assert prompt(floor).state is PackState.OVERRIDE
    verdict = floor.scan("B-3001")
    assert verdict.tone is Tone.GOOD, verdict.text
    assert floor.window.user is not None
    assert floor.window.user.username == "dan"  # still Dan's station
    wait_done(floor)
    floor.wait_synced()
    (closed,) = floor.store_events(number, "package.closed")
    assert closed["override_by"] == "sam"
    assert closed["weight_g"] == expected * 3


def test_a_number_typed_on_the_keypad_without_ok_counts_for_the_next_scan(floor: Floor) -> None:
    number = picked_then_packer(floor)
    line = next(line for line in prompt(floor).lines if line.left >= 2)
    view = pack_screen(floor).work_view
    floor.tap(view.buttons[PackAction.QTY])
    assert view.qty_open
    floor.tap(view.qty_panel.keypad.keys["2"])  # no OK: the packer scans right away
    verdict = floor.scan(floor.barcode(line.sku))
    assert verdict.tone is Tone.GOOD, verdict.text
    assert not view.qty_open
    stored = next(ln for ln in floor.local_order(number).lines if ln.line_no == line.line_no)
    assert stored.packed_qty == 2


def test_a_printer_failure_keeps_the_order_at_print_pending_until_retry(floor: Floor) -> None:
    queue = floor.kiosk.print_queue
    working = queue.settings
    off = unreachable(working)
    number = picked_then_packer(floor)
    verify(floor)
    floor.scan("#CMD:CONFIRM")
    queue.settings = off
    type_weight(floor, prompt(floor).expected_g)
    view = pack_screen(floor).work_view
    retry = view.print_panel.buttons[PackAction.RETRY]
    floor.qtbot.waitUntil(retry.isEnabled, timeout=WAIT_MS)
    assert prompt(floor).state is PackState.PRINT
    assert floor.said.text == sentence(PackMessage.PRINT_PENDING, {"package_no": 1})
    assert floor.local_order(number).status is OrderStatus.PACKING
    # The printer is back: Retry prints the same job, and the order is packed.
    queue.settings = working
    floor.tap(retry)
    wait_done(floor)
    assert floor.local_order(number).status is OrderStatus.PACKED
    assert len(labels(floor)) == 1


def test_an_early_packages_failed_label_holds_the_order_until_it_prints(floor: Floor) -> None:
    """The first package closes early and its label fails while the second fills: the
    order is not packed on the second's label alone; it waits, naming package 1, with
    Retry."""
    queue = floor.kiosk.print_queue
    working = queue.settings
    off = unreachable(working)
    number = picked_then_packer(floor)
    verify(floor, units=1)
    floor.scan("#CMD:CLOSE")
    floor.scan("#CMD:CONFIRM")
    queue.settings = off
    type_weight(floor, prompt(floor).expected_g)
    view = pack_screen(floor).work_view
    retry = view.print_panel.buttons[PackAction.RETRY]
    floor.qtbot.waitUntil(
        lambda: floor.said.text == sentence(PackMessage.PRINT_PENDING, {"package_no": 1}),
        timeout=WAIT_MS,
    )
    assert prompt(floor).state is PackState.VERIFY  # the packer goes on with package 2
    queue.settings = working
    verify(floor)
    floor.scan("#CMD:CONFIRM")
    type_weight(floor, prompt(floor).expected_g)
    # Package 2's labels print; the order waits for package 1's, with Retry.
    floor.qtbot.waitUntil(lambda: prompt(floor).package_no == 1, timeout=WAIT_MS)
    assert prompt(floor).state is PackState.PRINT
    assert prompt(floor).package_no == 1
    assert retry.isEnabled()
    assert floor.local_order(number).status is OrderStatus.PACKING
    floor.tap(retry)  # the printer is back
    wait_done(floor)
    assert floor.local_order(number).status is OrderStatus.PACKED
    assert len(labels(floor)) == 2


def test_a_tote_scan_opens_the_order_picked_into_it(floor: Floor) -> None:
    floor.log_in("B-1001")
    floor.open_pick()
    floor.tap(floor.pick.start_view.cart_button)
    floor.scan("T-0001")
    floor.tap(floor.pick.cart_view.start_button)
    floor.wait_for_session()
    (number,) = [o.order_number for o in floor.session.orders]
    pick_to_done(floor)
    floor.tap(floor.pick.task_view.buttons[PickAction.HOME])
    floor.scan("#CMD:LOGOUT")
    floor.log_in("B-2001")
    floor.tap(floor.window.home_screen.tiles["pack"])
    assert floor.window.current_screen() is pack_screen(floor)
    verdict = floor.scan("T-0001")
    assert verdict.tone is Tone.GOOD, verdict.text
    wait_open(floor)
    assert prompt(floor).order_number == number
    assert prompt(floor).state is PackState.VERIFY
