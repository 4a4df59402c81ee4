"""The supervisor screen's documentation screenshots (called by ``ui.screenshots``).

The queue is a mid-shift floor of generated orders
(``app.bootstrap.demo_floor_station``) in a station database of its own, seen at 13:30
on the floor's day; Sam unlocks the actions with the demo PIN against a fixed salt (no
order store runs here) and the shots show the queue with an order chosen, the PIN, a
hold's reasons, the exceptions and the people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.bootstrap import DEMO_FLOOR_ANCHOR as ANCHOR
from app.bootstrap import demo_floor_station, mix_statuses
from app.domain import proof
from app.domain.model import OrderStatus
from app.store import LocalStore, open_store
from app.supervisor import derived
from app.supervisor.service import SupervisorService
from ui.main_window import MainWindow
from ui.screens.supervisor import Act

ORDERS = 600
NOW = datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)
DEMO_PIN = "2468"


class _DemoSalts:
    """The one salt of the screenshots' supervisor (a real store hands out its own)."""

    def pin_salt(self, username: str) -> tuple[bytes, proof.Kdf]:
        return b"scanpack-screens", proof.Kdf(n=2**10, r=8, p=1, length=32)


def supervisor_floor(folder: Path, station: str) -> tuple[LocalStore, SupervisorService]:
    """A station database of ``ORDERS`` orders in mid-shift and its supervisor service."""
    folder.mkdir(parents=True, exist_ok=True)
    path = demo_floor_station(folder, ORDERS)
    mix_statuses(path)
    store = open_store(path)
    with store.engine.begin() as conn:
        derived.refresh(conn)
    return store, SupervisorService(store, _DemoSalts(), station=station, clock=lambda: NOW)


def render_supervisor(
    window: MainWindow,
    shot: Callable[[str], None],
    log_in: Callable[[str], None],
    wait_until: Callable[[Callable[[], object]], None],
) -> None:
    """The queue with an order chosen, the PIN, a hold's reasons, the exceptions, the
    people."""
    screen = window.supervisor_screen
    assert screen is not None
    log_in("B-3001")
    # Sam picks too: an open pick of the pick screenshots' takes him there first.
    window.flash.dismiss()
    window.screens.setCurrentWidget(window.home_screen)
    QTest.mouseClick(window.home_screen.tiles["supervisor"], Qt.MouseButton.LeftButton)
    wait_until(lambda: screen.model.rowCount() > 0 and screen.people.table.rowCount() > 0)
    screen.filters.set_status(OrderStatus.PICKING)
    wait_until(lambda: screen.model.view[0].statuses == (OrderStatus.PICKING,))
    wait_until(lambda: screen.model.order_number(2) is not None)
    screen.table.selectRow(2)
    wait_until(lambda: screen.details.detail is not None)
    QTest.qWait(50)
    shot("supervisor-queue")
    QTest.mouseClick(screen.action_buttons[Act.HOLD], Qt.MouseButton.LeftButton)
    for digit in DEMO_PIN[:3]:
        QTest.mouseClick(screen.pin_page.keys[digit], Qt.MouseButton.LeftButton)
    shot("supervisor-pin")
    QTest.mouseClick(screen.pin_page.keys[DEMO_PIN[3]], Qt.MouseButton.LeftButton)
    QTest.mouseClick(screen.pin_page.ok, Qt.MouseButton.LeftButton)
    wait_until(lambda: screen.pages.currentWidget() is screen.choice_page)
    shot("supervisor-hold-reason")
    QTest.mouseClick(screen.choice_page.cancel, Qt.MouseButton.LeftButton)
    screen.tabs.setCurrentIndex(1)
    shot("supervisor-exceptions")
    screen.tabs.setCurrentIndex(2)
    shot("supervisor-people")
    screen.tabs.setCurrentIndex(0)
    window.logout()
