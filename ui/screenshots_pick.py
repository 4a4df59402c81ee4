"""The pick screen's documentation screenshots (called by ``ui.screenshots``).

The runs are made the way ``PickService`` makes them (claims recorded with the run in
one transaction), and their claims marked delivered the way the sync engine does on
the store's "applied"; nothing else is faked. Scans go through the real pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from app.demo import bin_codes
from app.domain.events import OrderClaimed, new_event
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Product, Tote, User
from app.domain.pick import PickState
from app.domain.scan import RawScan
from app.store import LocalStore
from app.store.local_store import record_in
from app.store.pick_runs import RunOrder
from app.sync.state import SyncState, SyncStatus
from ui.main_window import MainWindow
from ui.scanner.pipeline import ScanPipeline
from ui.widgets import taps

CUTOFF = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def make_run(
    store: LocalStore,
    station: str,
    user: User,
    orders: Sequence[Order],
    totes: Sequence[str | None],
) -> None:
    """Save ``orders``, claim them for ``user`` in one run, and mark the claims
    delivered (as the sync engine does when the store answers "applied")."""
    with store.unit_of_work() as uow:
        for order in orders:
            uow.orders.save(order)
        for tote in totes:
            if tote is not None:
                uow.totes.save(Tote(tote))
        claimed = []
        for order, tote in zip(orders, totes, strict=True):
            event = new_event(
                OrderClaimed(order.order_number, tote), station=station, user=user.username
            )
            record_in(uow, event)
            claimed.append(RunOrder(order.order_number, tote, event.id))
        uow.pick_runs.add(user.username, claimed, datetime.now(UTC))
        uow.outbox.mark_sent([c.claim_event for c in claimed])
        uow.commit()


def demo_order(number: str, products: Sequence[Product], qtys: Sequence[int]) -> Order:
    lines = [
        OrderLine(i + 1, p.sku, qty, location=p.location)
        for i, (p, qty) in enumerate(zip(products, qtys, strict=True))
    ]
    return Order(number, Priority.HIGH, CUTOFF + timedelta(minutes=len(number)), lines)


def save_bins(store: LocalStore, products: Sequence[Product]) -> None:
    """The bins of ``products`` with their pick-path sequence."""
    from app.domain.model import Location

    wanted = {p.location for p in products}
    with store.unit_of_work() as uow:
        for code, zone, aisle, sequence in bin_codes():
            if code in wanted:
                uow.locations.save(Location(code, zone, aisle, sequence))
        uow.commit()


def render_pick(
    window: MainWindow,
    store: LocalStore,
    pipeline: ScanPipeline,
    products: Sequence[Product],
    users: dict[str, User],
    station: str,
    shot: Callable[[str], None],
    log_in: Callable[[str], None],
    wait_until: Callable[[Callable[[], object]], None],
) -> None:
    """Next bin, a typed code, wrong item, a typed quantity, one too many, short and
    its undo, a double tap on Undo, done, the cart (single order); messages of one and
    three lines, put in tote, undo from a tote, the Hand back question and a cancelled
    order (batch)."""
    screen = window.pick_screen
    assert screen is not None
    save_bins(store, products)
    ana, sam = users["B-1001"], users["B-3001"]
    make_run(store, station, ana, [demo_order("SO-100231", products[:3], (2, 1, 3))], [None])
    batch = [
        demo_order("SO-100245", products[3:5], (1, 2)),
        demo_order("SO-100246", products[5:7], (2, 1)),
    ]
    make_run(store, station, sam, batch, ["T-0012", "T-0013"])

    def scan(code: str) -> None:
        pipeline.submit(RawScan(code))
        window.flash.dismiss()

    def barcode(sku: str) -> str:
        return next(p for p in products if p.sku == sku).barcodes[0].code

    def tap(button: QPushButton) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        window.flash.dismiss()

    view = screen.task_view
    # Ana logs in: her open run opens by itself.
    log_in("B-1001")
    wait_until(lambda: screen.session is not None and not screen.busy)
    assert screen.session is not None
    session = screen.session
    window.flash.dismiss()  # the card, not the "your pick goes on" flash
    shot("pick-next-bin")

    # A bin label too torn to scan: Type a code, the on-screen keyboard, Enter.
    prompt = session.prompt()
    tap(view.type_button)
    window.keyboard.type_text(prompt.bin or "")
    shot("pick-type-code")
    tap(window.keyboard.enter_button)
    wrong = next(p for p in products if p.sku != prompt.sku)
    scan(wrong.barcodes[0].code)
    shot("pick-wrong-item")

    # Two in hand: the number typed on the keypad counts for the next scan, OK or not.
    tap(view.buttons["qty"])
    for digit in str(prompt.qty_left):
        QTest.mouseClick(view.qty_panel.keypad.keys[digit], Qt.MouseButton.LeftButton)
    shot("pick-qty-typed")
    scan(barcode(prompt.sku or ""))
    shot("pick-qty-counted")
    scan(barcode(prompt.sku or ""))  # one more than the line wanted
    shot("pick-one-too-many")

    prompt = session.prompt()
    scan(prompt.bin or "")
    tap(view.buttons["short"])
    shot("pick-short")
    reasons = view.short_panel.reason_buttons
    tap(reasons[next(iter(reasons))])
    tap(view.buttons["undo"])  # right after a short: the short is taken back
    shot("pick-undo-short")
    tap(view.buttons["short"])
    tap(reasons[next(iter(reasons))])

    # A double tap on Undo takes back one piece, and says so.
    prompt = session.prompt()
    scan(prompt.bin or "")
    scan(barcode(prompt.sku or ""))
    scan(barcode(prompt.sku or ""))
    with taps.scripted(0.05):  # the second touch 50 ms after the first
        tap(view.buttons["undo"])
        tap(view.buttons["undo"])
    shot("pick-double-undo")
    while session.state is not PickState.DONE:
        prompt = session.prompt()
        code = prompt.bin if prompt.state is PickState.GO_TO_BIN else barcode(prompt.sku or "")
        scan(code or "")
    shot("pick-done")

    # From the done screen straight to a cart; a tote scanned twice is said, and stays.
    tap(view.buttons["cart"])
    wait_until(lambda: screen.pages.currentWidget() is screen.cart_view)
    scan("T-0007")
    scan("T-0007")
    shot("pick-cart")
    window.logout()

    # Sam's cart of two orders: an item in hand goes into its order's tote.
    log_in("B-3001")
    wait_until(lambda: screen.session is not None and not screen.busy)
    session = screen.session
    assert session is not None
    prompt = session.prompt()
    scan(prompt.bin or "")
    shot("pick-message-1-line")
    scan("LBL-4006381333931-0000-1234567890-DAMAGE")  # a long sentence: same buttons
    shot("pick-message-3-lines")
    scan(barcode(prompt.sku or ""))
    shot("pick-put-in-tote")
    scan(prompt.tote or "")
    tap(view.buttons["undo"])  # the piece is in the tote: the sentence says so
    shot("pick-batch-undo")
    scan(barcode(prompt.sku or ""))

    # The shop cancels that order; the next sync round tells the picker.
    scan(prompt.tote or "")
    # Before that: the picker thinks of handing the cart back, reads what it means for
    # each tote, and keeps picking.
    tap(view.buttons["hand_back"])
    shot("pick-hand-back")
    tap(view.hand_back_panel.cancel_button)
    with store.unit_of_work() as uow:
        stored = uow.orders.get(prompt.order_number or "")
        assert stored is not None
        stored.status = OrderStatus.CANCELLED
        uow.orders.save(stored)
        uow.commit()
    screen.on_sync_state(SyncState(status=SyncStatus.ONLINE))
    window.flash.dismiss()
    shot("pick-cancelled")
    window.logout()
