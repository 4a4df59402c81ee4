"""The pick screen on the whole kiosk: real sync loop, real order store, real SQLite.

Every test runs its own ``Kiosk`` (fresh station profile) against its own embedded demo
order store on 127.0.0.1, so the most urgent open order is the same in every test
(``SO-100070``, eight lines) and nothing one test claims leaks into the next. A picker's
input is what a real one makes: keyboard-wedge scanner bursts through the application's
event filter (``tests.ui.scanner.keys.Keyboard``) and mouse taps on the screen's
buttons. What is checked is what is durable: the station database, its outbox, and the
order store (its HTTP API and its event ledger).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import bootstrap
from app.config import Settings
from app.demo import bin_codes
from app.domain.events import ShortReason
from app.domain.model import BarcodeKind, Order, OrderLine, OrderStatus
from app.domain.pick import PickMessage, PickSession, PickState, Prompt
from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine
from app.orderstore.models import EventRow
from app.sync.state import SyncStatus
from tests.ui.scanner.keys import Keyboard
from ui.kiosk import Kiosk
from ui.main_window import MainWindow
from ui.scanner.pipeline import Tone, Verdict
from ui.screens.pick import PickScreen
from ui.screens.pick_text import sentence

WAIT_MS = 20_000
"""Generous: a claim waits for a sync round; a 2-core CI machine may be busy."""

FIRST_ORDER = "SO-100070"
"""The demo queue's head (urgent, earliest cutoff): eight lines, quantities 1 to 5."""


class Floor:
    """One station on its own demo order store, and a picker's hands and eyes there."""

    def __init__(self, qtbot: QtBot, kiosk: Kiosk, demo: bootstrap.DemoStore, folder: Path):
        self.qtbot = qtbot
        self.kiosk = kiosk
        self.demo = demo
        self.store_file = folder / "demo-orderstore.sqlite3"
        self.keyboard = Keyboard()
        self.verdicts: list[Verdict] = []  # every feedback the window gave, in order
        kiosk.window.feedback.shown.connect(self.verdicts.append)
        self.http = httpx.Client(
            base_url=demo.url, headers={"Authorization": f"Bearer {demo.token}"}, timeout=10
        )

    # -- the screen ------------------------------------------------------------------

    @property
    def window(self) -> MainWindow:
        return self.kiosk.window

    @property
    def pick(self) -> PickScreen:
        screen = self.window.pick_screen
        assert screen is not None
        return screen

    @property
    def session(self) -> PickSession:
        session = self.pick.session
        assert session is not None, "no pick session on screen"
        return session

    def prompt(self) -> Prompt:
        return self.session.prompt()

    def scan(self, code: str) -> Verdict:
        """A scanner burst into whatever has the keyboard focus (else the window); the
        one answer it got (flash, sentence, sound)."""
        target: QWidget = QApplication.focusWidget() or self.window
        before = len(self.verdicts)
        self.keyboard.scan(code, target)
        assert len(self.verdicts) == before + 1, f"{code}: {self.verdicts[before:]}"
        return self.verdicts[-1]

    def tap(self, button: QPushButton) -> None:
        assert button.isVisible(), f"{button.objectName()} is not on screen"
        assert button.isEnabled(), f"{button.objectName()} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    @property
    def said(self) -> Verdict:
        """The last feedback."""
        assert self.verdicts, "no feedback yet"
        return self.verdicts[-1]

    def log_in(self, badge: str) -> None:
        self.scan(badge)
        assert self.window.user is not None, f"badge {badge} did not log in"

    def open_pick(self) -> None:
        """Tap the Pick tile and wait until the screen has looked for an open pick."""
        self.tap(self.window.home_screen.tiles["pick"])
        assert self.window.current_screen() is self.pick
        self.qtbot.waitUntil(lambda: not self.pick.busy, timeout=WAIT_MS)

    def next_order(self) -> None:
        """Tap Next order and wait for the store to confirm the claim."""
        self.tap(self.pick.start_view.single_button)
        self.wait_for_session()

    def wait_for_session(self) -> None:
        self.qtbot.waitUntil(
            lambda: self.pick.session is not None and not self.pick.busy, timeout=WAIT_MS
        )
        assert self.pick.pages.currentWidget() is self.pick.task_view

    def start_single(self, badge: str) -> None:
        self.log_in(badge)
        self.open_pick()
        self.next_order()

    # -- what a scan answered ------------------------------------------------------------

    def assert_wrong(self, message: PickMessage, **args: str | int) -> None:
        """The last scan was WRONG with ``message``: red flash, red sentence."""
        text = sentence(message, args)
        assert (self.said.tone, self.said.text) == (Tone.WRONG, text)
        assert self.window.flash.tone == "wrong"
        assert self.window.flash.text.text() == text
        assert self.pick.message.level == "error"
        assert self.pick.message.text() == text

    def assert_ok(self) -> None:
        assert self.said.tone in (Tone.GOOD, Tone.DONE), self.said.text

    # -- codes ---------------------------------------------------------------------------

    def barcode(self, sku: str, kind: BarcodeKind = BarcodeKind.EAN13) -> str:
        with self.kiosk.station.store.unit_of_work(readonly=True) as uow:
            product = uow.products.by_sku(sku)
        assert product is not None, sku
        return next(b.code for b in product.barcodes if b.kind is kind)

    def gs1(self, sku: str, count: int | None = None) -> str:
        """The product's GTIN as a GS1 element string: ``01`` + GTIN-14 (+ ``30`` count)."""
        code = "01" + self.barcode(sku).zfill(14)
        return code if count is None else f"{code}30{count}"

    # -- the station database ------------------------------------------------------------

    def local_order(self, number: str) -> Order:
        with self.kiosk.station.store.unit_of_work(readonly=True) as uow:
            order = uow.orders.get(number)
        assert order is not None, number
        return order

    def local_line(self, number: str, line_no: int) -> OrderLine:
        return self.local_order(number).line(line_no)

    def outbox(self) -> tuple[int, int]:
        """(pending, rejected) events in the station's outbox."""
        with self.kiosk.station.store.unit_of_work(readonly=True) as uow:
            return uow.outbox.count_pending(), uow.outbox.count_rejected()

    def pending_types(self, number: str) -> list[str]:
        with self.kiosk.station.store.unit_of_work(readonly=True) as uow:
            return [e.event.type.value for e in uow.outbox.pending_for([number])]

    def wait_synced(self) -> None:
        """Every recorded event delivered (and none refused)."""
        self.qtbot.waitUntil(lambda: self.outbox() == (0, 0), timeout=WAIT_MS)

    # -- the order store -------------------------------------------------------------------

    def store_order(self, number: str) -> dict[str, Any]:
        answer = self.http.get(f"/api/v1/orders/{number}")
        answer.raise_for_status()
        order: dict[str, Any] = answer.json()
        return order

    def store_events(self, number: str, kind: str) -> list[dict[str, Any]]:
        """The payloads of the ``kind`` events the store applied to order ``number``."""
        engine = make_engine(f"sqlite:///{self.store_file}")
        try:
            with Session(engine) as session:
                rows = session.scalars(
                    select(EventRow.payload).where(
                        EventRow.order_number == number,
                        EventRow.type == kind,
                        EventRow.result == "applied",
                    )
                ).all()
        finally:
            engine.dispose()
        return [json.loads(row)["payload"] for row in rows]

    def erp_cancel(self, number: str, reason: str) -> None:
        """The shop cancels ``number`` through the order store's ERP API."""
        engine = make_engine(f"sqlite:///{self.store_file}")
        try:
            token = create_token(engine, "shop", frozenset({TokenRole.ERP}))
        finally:
            engine.dispose()
        answer = self.http.post(
            f"/api/v1/orders/{number}/cancel",
            json={"reason": reason},
            headers={"Authorization": f"Bearer {token}"},
        )
        answer.raise_for_status()
        assert answer.json()["status"] == "cancelled"

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def floor(tmp_path: Path, qtbot: QtBot) -> Iterator[Floor]:
    demo = bootstrap.start_demo_store(tmp_path / "demo-store")
    settings = bootstrap.demo_settings(demo, Settings())
    settings.sync_interval_s = 0.5
    kiosk = Kiosk(settings, tmp_path / "profile", tmp_path / "station.toml", demo.stop)
    floor = Floor(qtbot, kiosk, demo, tmp_path / "demo-store")
    try:
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        kiosk.window.activateWindow()
        # The first pull brings the users, products, bins, totes and the open orders.
        qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)

        def pulled() -> bool:
            with kiosk.station.store.unit_of_work(readonly=True) as uow:
                return uow.orders.get(FIRST_ORDER) is not None and bool(uow.users.get("ana"))

        qtbot.waitUntil(pulled, timeout=WAIT_MS)
        yield floor
    finally:
        floor.close()
        kiosk.close()


# -- walking the order ------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """The line a task prompt shows: its order, number, item and bin."""

    order: str
    line_no: int
    sku: str
    bin: str

    @classmethod
    def of(cls, prompt: Prompt) -> Line:
        assert prompt.order_number is not None, prompt
        assert prompt.line_no is not None, prompt
        assert prompt.sku is not None, prompt
        assert prompt.bin is not None, prompt
        return cls(prompt.order_number, prompt.line_no, prompt.sku, prompt.bin)


def pick_line(floor: Floor, code: Callable[[Prompt], str] | None = None) -> None:
    """Finish the current line by scans: its bin, then its item until none is left
    (batch: each item into its tote). ``code`` gives the item barcode to scan."""
    first = floor.prompt()
    line = Line.of(first)
    if first.state is PickState.GO_TO_BIN:
        floor.scan(line.bin)
        floor.assert_ok()
        assert floor.prompt().state is PickState.PICK_ITEM
    while True:
        prompt = floor.prompt()
        if prompt.state is PickState.DONE or Line.of(prompt) != line:
            return
        assert prompt.state is PickState.PICK_ITEM, prompt
        floor.scan(code(prompt) if code else floor.barcode(line.sku))
        floor.assert_ok()
        after = floor.prompt()
        if after.state is PickState.PUT_IN_TOTE:
            assert after.tote is not None
            floor.scan(after.tote)
            floor.assert_ok()
            after = floor.prompt()
        if after.state is not PickState.DONE and Line.of(after) == line:
            assert after.qty_left == prompt.qty_left - 1, (prompt, after)


def pick_to_done(floor: Floor, code: Callable[[Prompt], str] | None = None) -> int:
    """Pick every line to DONE; how many lines were picked."""
    lines = 0
    while floor.prompt().state is not PickState.DONE:
        pick_line(floor, code)
        lines += 1
        assert lines <= 40, "the pick does not end"
    return lines


def skip_to(floor: Floor, wanted: Callable[[Prompt], bool]) -> Prompt:
    """Tap Skip until the current line is one ``wanted`` takes."""
    for _ in range(10):
        prompt = floor.prompt()
        if wanted(prompt):
            return prompt
        floor.tap(floor.pick.task_view.buttons["skip"])
    raise AssertionError("no line of the order fits")


def assert_picked_everywhere(floor: Floor, numbers: list[str]) -> None:
    """Station DB: picked, every line complete; store: the same, once the outbox is empty."""
    for number in numbers:
        order = floor.local_order(number)
        assert order.status is OrderStatus.PICKED, number
        assert [(ln.picked_qty, ln.short_qty) for ln in order.lines] == [
            (ln.qty, 0) for ln in order.lines
        ]
    floor.wait_synced()
    for number in numbers:
        remote = floor.store_order(number)
        local = floor.local_order(number)
        assert remote["status"] == "picked", number
        assert [(ln["line_no"], ln["picked_qty"]) for ln in remote["lines"]] == [
            (ln.line_no, ln.qty) for ln in local.lines
        ]
        assert floor.store_events(number, "order.picked"), number


# -- the tests --------------------------------------------------------------------------


def test_a_whole_order_is_picked_by_scanner_bursts(floor: Floor) -> None:
    floor.log_in("B-1001")
    floor.open_pick()
    assert floor.pick.pages.currentWidget() is floor.pick.start_view  # nothing open yet
    floor.next_order()
    first = Line.of(floor.prompt())
    assert first.order == FIRST_ORDER
    assert floor.prompt().state is PickState.GO_TO_BIN
    assert floor.pick.task_view.bin_label.text() == first.bin
    assert floor.pick.task_view.order_label.text() == f"Order {FIRST_ORDER}"

    scans: list[str] = []

    def code(prompt: Prompt) -> str:
        sku = Line.of(prompt).sku
        # The first item by its GS1 element string (01 + GTIN-14), the rest by EAN-13.
        chosen = floor.gs1(sku) if not scans else floor.barcode(sku)
        scans.append(chosen)
        return chosen

    lines = pick_to_done(floor, code)
    order = floor.local_order(FIRST_ORDER)
    assert lines == len(order.lines) == 8
    assert len(scans) == order.total_qty
    assert scans[0] == "01" + floor.barcode(first.sku).zfill(14)

    view = floor.pick.task_view
    assert floor.prompt().state is PickState.DONE
    assert floor.said.tone is Tone.DONE
    assert view.step.text() == "ORDER PICKED"
    assert view.buttons["next"].isVisible()
    assert not view.buttons["short"].isVisible()
    assert not view.buttons["undo"].isVisible()
    assert view.progress_label.text() == "8 of 8 lines"
    assert_picked_everywhere(floor, [FIRST_ORDER])


def test_wrong_bin_wrong_item_and_over_pick_count_nothing(floor: Floor) -> None:
    floor.start_single("B-1002")
    floor.wait_synced()  # the claim is delivered: the outbox starts empty
    at_bin = floor.prompt()
    line = Line.of(at_bin)

    def counted() -> tuple[int, list[str]]:
        # A wrong scan is kept (scan.wrong, for the people figures) and counts nothing.
        return (
            floor.local_line(line.order, line.line_no).picked_qty,
            [t for t in floor.pending_types(line.order) if t != "scan.wrong"],
        )

    before = counted()
    assert before == (0, [])

    other_bin = next(c for c, *_ in bin_codes() if c != line.bin)
    floor.scan(other_bin)
    floor.assert_wrong(PickMessage.WRONG_BIN, expected=line.bin, scanned=other_bin)
    assert floor.prompt() == at_bin
    assert counted() == before

    floor.scan(floor.barcode(line.sku))  # the right item, before its bin
    floor.assert_wrong(PickMessage.SCAN_BIN_FIRST, bin=line.bin)
    assert counted() == before

    floor.scan(line.bin)
    floor.assert_ok()
    at_item = floor.prompt()
    assert at_item.state is PickState.PICK_ITEM

    other_sku = next(ln.sku for ln in floor.local_order(line.order).lines if ln.sku != line.sku)
    floor.scan(floor.barcode(other_sku))
    floor.assert_wrong(PickMessage.WRONG_ITEM, expected=line.sku, scanned=other_sku)
    assert floor.prompt() == at_item
    assert counted() == before

    too_many = at_item.qty_left + 1
    floor.scan(floor.gs1(line.sku, count=too_many))  # a GS1 label saying "contains n"
    floor.assert_wrong(PickMessage.OVER_PICK, sku=line.sku, left=at_item.qty_left, qty=too_many)
    assert floor.prompt() == at_item
    assert counted() == before

    # Nothing reached the store either, but the four wrong scans, as such.
    assert floor.store_events(line.order, "line.picked") == []
    floor.qtbot.waitUntil(
        lambda: len(floor.store_events(line.order, "scan.wrong")) == 4, timeout=WAIT_MS
    )
    wrong = floor.store_events(line.order, "scan.wrong")
    assert sorted(w["expected"] for w in wrong) == ["bin", "bin", "item", "item"]
    # And the station was not just deaf: the right item counts.
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    assert floor.local_line(line.order, line.line_no).picked_qty == 1


def test_the_quantity_keypad_counts_a_whole_line_in_one_scan(floor: Floor) -> None:
    floor.start_single("B-1003")
    prompt = skip_to(floor, lambda p: p.qty_left >= 2)
    line, qty = Line.of(prompt), prompt.qty_left
    floor.scan(line.bin)
    view = floor.pick.task_view
    floor.tap(view.buttons["qty"])
    panel = view.qty_panel
    assert view.body.currentWidget() is panel
    for digit in str(qty):
        floor.tap(panel.keypad.keys[digit])
    assert panel.keypad.display.text() == str(qty)
    floor.tap(panel.ok_button)
    assert view.body.currentWidget() is view.main_page
    set_qty = floor.prompt()
    assert set_qty.state is PickState.PICK_ITEM
    assert set_qty.pending_qty == qty
    assert view.qty_label.text() == str(qty)
    assert floor.pick.message.text() == sentence(PickMessage.QTY_SET, {"sku": line.sku, "qty": qty})

    floor.scan(floor.barcode(line.sku))  # ONE scan
    floor.assert_ok()
    local = floor.local_line(line.order, line.line_no)
    assert local.picked_qty == local.qty == qty
    after = floor.prompt()
    assert (after.order_number, after.line_no) != (line.order, line.line_no)
    assert after.pending_qty is None  # the quantity was for one scan only

    floor.wait_synced()
    picks = [
        e for e in floor.store_events(line.order, "line.picked") if e["line_no"] == line.line_no
    ]
    assert [e["qty"] for e in picks] == [qty]  # one event for the whole line
    remote = floor.store_order(line.order)
    assert remote["lines"][line.line_no - 1]["picked_qty"] == qty


def test_a_short_pick_with_a_reason_is_recorded(floor: Floor) -> None:
    floor.start_single("B-2003")  # Finn picks and packs
    prompt = floor.prompt()
    line, left = Line.of(prompt), prompt.qty_left
    view = floor.pick.task_view
    floor.tap(view.buttons["short"])
    panel = view.short_panel
    assert view.body.currentWidget() is panel
    assert f"{line.sku}: {left} left" in panel.caption.text()
    floor.tap(panel.keypad.keys["0"])
    assert panel.keypad.value == 0
    damaged = panel.reason_buttons[ShortReason.DAMAGED]
    assert damaged.text() == "Damaged"
    floor.tap(damaged)

    local = floor.local_line(line.order, line.line_no)
    assert (local.picked_qty, local.short_qty) == (0, left)
    assert view.body.currentWidget() is view.main_page
    after = floor.prompt()
    assert after.state is PickState.GO_TO_BIN
    assert (after.order_number, after.line_no) != (line.order, line.line_no)
    assert after.lines_done == prompt.lines_done + 1
    assert view.bin_label.text() == after.bin
    assert floor.pick.message.text() == sentence(
        PickMessage.SHORT_RECORDED,
        {"sku": line.sku, "qty": left, "reason": "damaged", "found": 0},
    )
    assert floor.pick.message.text().endswith("(damaged).")

    floor.wait_synced()
    [short] = floor.store_events(line.order, "line.short")
    assert (short["line_no"], short["qty"], short["reason"]) == (line.line_no, left, "damaged")
    remote = floor.store_order(line.order)
    assert remote["lines"][line.line_no - 1]["short_qty"] == left


def test_undo_takes_back_the_last_counted_scan(floor: Floor) -> None:
    floor.start_single("B-3001")  # Sam the supervisor picks too
    prompt = floor.prompt()
    line = Line.of(prompt)
    floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    assert floor.local_line(line.order, line.line_no).picked_qty == 1
    floor.wait_synced()  # the pick reached the store
    assert floor.store_order(line.order)["lines"][line.line_no - 1]["picked_qty"] == 1

    view = floor.pick.task_view
    floor.tap(view.buttons["undo"])
    assert floor.said.tone is Tone.GOOD
    assert floor.local_line(line.order, line.line_no).picked_qty == 0
    back = floor.prompt()
    assert Line.of(back) == line
    assert back.qty_left == prompt.qty_left
    assert floor.pick.message.text() == sentence(
        PickMessage.UNDONE,
        {"sku": line.sku, "qty": 1, "total": 1, "bin": line.bin, "tote": "", "where": "hand"},
    )
    # The undo is an event: waiting in the outbox, or already delivered.
    queued = "line.unpicked" in floor.pending_types(line.order)
    assert queued or floor.store_events(line.order, "line.unpicked")
    floor.wait_synced()
    [unpicked] = floor.store_events(line.order, "line.unpicked")
    assert (unpicked["line_no"], unpicked["qty"]) == (line.line_no, 1)
    assert floor.store_order(line.order)["lines"][line.line_no - 1]["picked_qty"] == 0

    floor.tap(view.buttons["undo"])  # nothing more to take back
    nothing = sentence(PickMessage.NOTHING_TO_UNDO, {})
    assert floor.said == Verdict(Tone.WRONG, nothing)
    assert floor.window.flash.tone == "wrong"
    assert floor.pick.message.text() == nothing
    assert floor.local_line(line.order, line.line_no).picked_qty == 0


def test_the_cart_holds_what_the_station_says(floor: Floor) -> None:
    floor.pick.set_cart_size(2)
    floor.log_in("B-1001")
    floor.open_pick()
    pick = floor.pick
    floor.tap(pick.start_view.cart_button)
    assert [slot.isVisible() for slot in pick.cart_view.slots[:3]] == [True, True, False]
    for tote in ("T-0001", "T-0002"):
        floor.scan(tote)
        floor.assert_ok()
    floor.scan("T-0001")
    assert floor.said.tone is Tone.WRONG
    assert floor.said.text == "Tote T-0001 is already on the cart."
    floor.scan("T-0003")
    assert floor.said.tone is Tone.WRONG
    assert floor.said.text == "The cart is full (2 totes): tap Start."
    assert pick.cart_view.start_button.text() == "Start 2 orders"


def test_a_batch_of_three_orders_is_picked_onto_a_cart(floor: Floor) -> None:
    floor.log_in("B-1001")
    floor.open_pick()
    pick = floor.pick
    floor.tap(pick.start_view.cart_button)
    assert pick.pages.currentWidget() is pick.cart_view
    totes = ["T-0001", "T-0002", "T-0003"]
    for tote in totes:
        floor.scan(tote)
        floor.assert_ok()
    assert [s.text() for s in pick.cart_view.slots[:3]] == totes
    assert pick.cart_view.start_button.text() == "Start 3 orders"
    floor.tap(pick.cart_view.start_button)
    floor.wait_for_session()

    session = floor.session
    assert session.batch
    numbers = [o.order_number for o in session.orders]
    assert len(numbers) == 3
    run = pick.run
    assert run is not None
    assert sorted(run.totes.values()) == totes
    assert pick.task_view.order_label.text().startswith("Batch of 3 orders")

    # The first item: it asks for its tote, and a wrong tote counts nothing.
    first = floor.prompt()
    line = Line.of(first)
    tote = run.totes[line.order]
    assert first.tote == tote
    floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    in_hand = floor.prompt()
    assert in_hand.state is PickState.PUT_IN_TOTE
    assert in_hand.pending_qty == 1
    assert pick.task_view.step.text() == "PUT IN TOTE"
    assert pick.task_view.tote_label.text() == tote
    assert floor.local_line(line.order, line.line_no).picked_qty == 0
    wrong = next(t for t in totes if t != tote)
    floor.scan(wrong)
    floor.assert_wrong(PickMessage.WRONG_TOTE, expected=tote, scanned=wrong)
    assert floor.prompt() == in_hand
    assert floor.local_line(line.order, line.line_no).picked_qty == 0
    # Short and Quantity stay where they are, and say what this step needs.
    for key in ("short", "qty"):
        floor.tap(pick.task_view.buttons[key])
        floor.assert_wrong(PickMessage.SCAN_TOTE, tote=tote)
        assert pick.task_view.body.currentWidget() is pick.task_view.main_page
    assert floor.prompt() == in_hand
    floor.scan(tote)
    floor.assert_ok()
    assert floor.local_line(line.order, line.line_no).picked_qty == 1

    pick_to_done(floor)
    view = pick.task_view
    assert view.step.text() == "ALL PICKED"
    assert view.buttons["next"].isVisible()
    assert_picked_everywhere(floor, numbers)
    for number in numbers:  # every item went into its order's tote
        into = {e["tote"] for e in floor.store_events(number, "line.picked")}
        assert into == {run.totes[number]}


def test_an_order_cancelled_at_the_store_mid_pick_is_set_aside(floor: Floor) -> None:
    floor.start_single("B-1002")
    line = Line.of(floor.prompt())
    floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    floor.wait_synced()  # the counted item reached the store before the cancel

    floor.erp_cancel(line.order, "customer changed their mind")
    floor.qtbot.waitUntil(lambda: floor.prompt().state is PickState.CANCELLED, timeout=WAIT_MS)
    view = floor.pick.task_view
    assert view.step.text() == "SET TOTE ASIDE"
    assert floor.pick.message.level == "error"
    assert f"Order {line.order} was CANCELLED" in floor.pick.message.text()
    assert view.buttons["set_aside"].isVisible()
    assert not view.buttons["undo"].isVisible()
    assert floor.local_order(line.order).status is OrderStatus.CANCELLED
    # The store's news came with a red flash; until the tote is set aside, scans do
    # nothing.
    assert floor.said.tone is Tone.WRONG
    assert line.order in floor.said.text
    assert floor.scan(line.bin).tone is Tone.WRONG
    assert floor.prompt().state is PickState.CANCELLED

    floor.tap(view.buttons["set_aside"])
    assert floor.prompt().state is PickState.DONE
    assert view.buttons["next"].isVisible()
    # Off the run for good (the database lane takes it off the stored run).
    floor.qtbot.waitUntil(
        lambda: floor.pick.run is not None and line.order not in floor.pick.run.order_numbers,
        timeout=WAIT_MS,
    )
    floor.wait_synced()  # nothing the store refused (the wrong scan above was kept)
    assert floor.store_order(line.order)["status"] == "cancelled"


def test_a_picker_who_logs_out_mid_pick_comes_back_to_the_same_line(floor: Floor) -> None:
    floor.start_single("B-1003")
    # Finish lines until one with more than one item, then take one item of it.
    while floor.prompt().qty_left < 2:
        pick_line(floor)
    prompt = floor.prompt()
    line = Line.of(prompt)
    if prompt.state is PickState.GO_TO_BIN:
        floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    left = floor.prompt()
    assert left.state is PickState.PICK_ITEM
    assert left.qty_left == prompt.qty_left - 1

    floor.scan("#CMD:LOGOUT")
    window = floor.window
    assert window.user is None
    assert window.current_screen() is window.login_screen
    assert floor.pick.session is None

    floor.log_in("B-1003")
    assert window.current_screen() is floor.pick  # by itself, no tile tapped
    floor.wait_for_session()
    back = floor.prompt()
    assert Line.of(back) == line
    assert (back.state, back.qty_left, back.lines_done) == (
        PickState.PICK_ITEM,
        left.qty_left,
        left.lines_done,
    )
    assert floor.pick.message.text().startswith("Your pick goes on where you left it.")
    # And it goes on: the next item counts on the same line.
    floor.scan(floor.barcode(line.sku))
    floor.assert_ok()
    assert floor.prompt().qty_left == left.qty_left - 1
    assert floor.local_line(line.order, line.line_no).open_qty == left.qty_left - 1


def test_every_way_to_lose_an_order_is_worded_for_the_picker(floor: Floor) -> None:
    from app.domain.model import OrderStatus as S
    from app.domain.rules import RejectCode
    from app.picking import Lost, LostCode
    from ui.screens.pick_words import lost_sentence as said

    back = LostCode.TAKEN_BACK
    assert said((Lost("SO-1", LostCode.CLAIMED_ELSEWHERE, "x", "T-0001"),)) == (
        "Order SO-1 was just taken by another station. Tote T-0001 stays empty."
    )
    assert said((Lost("SO-2", back, "x", None, S.PICKING, "pick-07"),)) == (
        "Order SO-2 is being picked at station pick-07 now."
    )
    assert said((Lost("SO-3", back, "x", None, S.OPEN),)) == (
        "Order SO-3 left your pick: it is open now."
    )
    assert said((Lost("SO-4", back, "x"),)) == "Order SO-4 is no longer on this station."
    assert said((Lost("SO-5", LostCode.CANCELLED, "x"),)) == (
        "Order SO-5 was cancelled before your claim arrived."
    )
    # The store's own sentence is for the log: the station words its code.
    packed = "order SO-6 is packed"
    refused = Lost("SO-6", LostCode.REFUSED, packed, refusal=RejectCode.WRONG_STATUS)
    assert said((refused,)) == (
        "Order SO-6 could not be claimed (the order has moved on to another step)."
    )
