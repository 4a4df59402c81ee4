"""The pack screen's documentation screenshots (called by ``ui.screenshots``).

The orders are saved picked (as a pick on this station leaves them, into a tote of a
pick run); every answer is stored through ``PackService.act`` as on the floor. The
print worker does not run here: a job's report is the queue's own job with its new
state, handed to the screen as the print bridge would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from app.domain.events import OrderClaimed, PackHoldReason, new_event
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Product, Tote, User
from app.domain.pack_outcome import PackState
from app.domain.scan import RawScan
from app.printing import PrintQueue
from app.store import LocalStore
from app.store.pick_runs import RunOrder
from app.store.print_jobs import JobState
from ui.main_window import MainWindow
from ui.scanner.pipeline import ScanPipeline
from ui.screens.pack_views import PackAction

CUTOFF = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
SIZES = ((220, 160, 90, 640), (120, 100, 100, 350), (150, 40, 30, 90), (300, 200, 120, 1200))
"""Length, width, height (mm) and weight (g) given to the first demo products."""


def picked_order(number: str, products: Sequence[Product], qtys: Sequence[int]) -> Order:
    lines = [
        OrderLine(i + 1, p.sku, qty, location=p.location, picked_qty=qty)
        for i, (p, qty) in enumerate(zip(products, qtys, strict=True))
    ]
    return Order(number, Priority.HIGH, CUTOFF, lines, status=OrderStatus.PICKED)


def measured(store: LocalStore, products: Sequence[Product]) -> list[Product]:
    """The first products with dimensions and weights (for the carton and the weight)."""
    made = [
        dataclasses.replace(p, length_mm=length, width_mm=w, height_mm=h, weight_g=g)
        for p, (length, w, h, g) in zip(products, SIZES, strict=False)
    ]
    with store.unit_of_work() as uow:
        for product in made:
            uow.products.save(product)
        uow.commit()
    return made


def render_pack(
    window: MainWindow,
    store: LocalStore,
    pipeline: ScanPipeline,
    queue: PrintQueue,
    products: Sequence[Product],
    users: dict[str, User],
    station: str,
    shot: Callable[[str], None],
    log_in: Callable[[str], None],
    wait_until: Callable[[Callable[[], object]], None],
) -> None:
    """The start page, a tote of two orders, verify, a wrong item, the quantity keypad,
    the hold reasons, the carton, the weight typed, out of tolerance, print pending,
    packed, and an order that is not picked."""
    screen = window.pack_screen
    assert screen is not None
    items = measured(store, products)
    ana = users["B-1001"]
    orders = [
        picked_order("SO-100301", items[:3], (2, 1, 3)),
        picked_order("SO-100302", items[3:4], (1,)),
    ]
    with store.unit_of_work() as uow:
        # Both were picked into tote T-0021 on Ana's cart here (her run's claims).
        claims = []
        for order in orders:
            uow.orders.save(order)
            claim = new_event(OrderClaimed(order.order_number), station=station, user=ana.username)
            claims.append(RunOrder(order.order_number, "T-0021", claim.id))
        uow.totes.save(Tote("T-0021"))
        uow.pick_runs.add(ana.username, claims, CUTOFF)
        uow.orders.save(
            Order("SO-100399", Priority.NORMAL, CUTOFF, [OrderLine(1, items[0].sku, 1)])
        )
        uow.commit()

    def scan(code: str) -> None:
        pipeline.submit(RawScan(code))
        window.flash.dismiss()

    def tap(button: QPushButton) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        window.flash.dismiss()

    def barcode(sku: str) -> str:
        return next(p for p in items if p.sku == sku).barcodes[0].code

    log_in("B-2001")
    tap(window.home_screen.tiles["pack"])
    shot("pack-start")
    scan("SO-100399")
    shot("pack-not-picked")
    scan("T-0021")
    wait_until(lambda: not screen.busy)  # the tote's orders are read off the GUI thread
    shot("pack-tote-choice")
    tap(screen.start_view.order_buttons[0])
    wait_until(lambda: screen.session is not None and not screen.busy)
    view = screen.work_view
    scan(barcode(items[0].sku))
    scan(barcode(items[1].sku))
    shot("pack-verify")
    scan(barcode(items[3].sku))  # the other order's item, in the same tote
    shot("pack-other-order")
    tap(view.buttons[PackAction.QTY])
    QTest.mouseClick(view.qty_panel.keypad.keys["3"], Qt.MouseButton.LeftButton)
    shot("pack-qty")
    scan(barcode(items[2].sku))
    tap(view.buttons[PackAction.HOLD])
    shot("pack-hold-reason")
    tap(view.hold_panel.cancel_button)
    scan(barcode(items[0].sku))
    shot("pack-carton")
    tap(view.carton_panel.confirm_button)
    session = screen.session
    assert session is not None
    expected = session.prompt().expected_g
    for digit in str(expected * 2):
        QTest.mouseClick(view.weigh_panel.keypad.keys[digit], Qt.MouseButton.LeftButton)
    shot("pack-weigh")
    tap(view.weigh_panel.ok_button)
    shot("pack-weight-off")
    scan("B-3001")  # the supervisor's badge accepts it
    wait_until(lambda: screen.labels.queued(1))
    jobs = queue.jobs(reference="SO-100301")
    for job in jobs:
        screen.labels.on_job_changed(
            dataclasses.replace(job, state=JobState.FAILED, error="offline")
        )
    window.flash.dismiss()
    shot("pack-print-pending")
    for job in jobs:
        screen.labels.on_job_changed(dataclasses.replace(job, state=JobState.DONE))
    window.flash.dismiss()
    assert session.state is PackState.DONE, session.state
    shot("pack-done")
    tap(view.done_panel.buttons[PackAction.NEXT])

    # The other order of the tote goes on hold: an item is damaged.
    scan("SO-100302")
    wait_until(lambda: screen.session is not None and not screen.busy)
    tap(view.buttons[PackAction.HOLD])
    tap(view.hold_panel.reason_buttons[PackHoldReason.DAMAGED_ITEM])
    shot("pack-held")
    window.logout()
