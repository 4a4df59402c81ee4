"""Hand back on the pick screen: a picker who cannot finish gives the pick back.

On the whole kiosk (real sync loop, real order store on 127.0.0.1, real SQLite), with
mouse clicks on the real buttons and keyboard-wedge scans, as in the pick screen's
tests. What is checked is what is durable: the station database and the order store's
event ledger, which holds an event only once it came through the station's outbox.
"""

# ruff: noqa: F811  (the ``floor`` fixture is imported from the pick screen's tests)
from __future__ import annotations

import pytest

from app.domain.model import OrderStatus
from app.domain.pick import PickState
from tests.ui.test_pick_floor import a_second_later, double_tap, touches_at_one_moment
from tests.ui.test_pick_screen import (  # noqa: F401  (the fixture)
    FIRST_ORDER,
    Floor,
    Line,
    floor,
)
from ui.scanner.pipeline import Tone


def pick_one_piece(floor: Floor) -> Line:
    """Scan the first line's bin and one of its items (into its tote on a cart)."""
    line = Line.of(floor.prompt())
    floor.scan(line.bin)
    floor.scan(floor.barcode(line.sku))
    if floor.prompt().state is PickState.PUT_IN_TOTE:
        tote = floor.prompt().tote
        assert tote is not None
        floor.scan(tote)
    floor.assert_ok()
    assert floor.local_line(line.order, line.line_no).picked_qty == 1
    return line


def released_at_store(floor: Floor, number: str) -> int:
    """How many ``order.released`` events the store applied to ``number``."""
    return len(floor.store_events(number, "order.released"))


def test_a_single_order_is_handed_back_and_keeps_its_picked_piece(floor: Floor) -> None:
    floor.start_single("B-1001")
    line = pick_one_piece(floor)
    view = floor.pick.task_view
    floor.tap(view.buttons["hand_back"])
    assert view.hand_back_open
    panel = view.hand_back_panel
    assert panel.caption.text() == (
        f"Hand back order {FIRST_ORDER}? It goes back to the queue for another picker."
    )
    assert panel.details.text() == (
        f"Order {FIRST_ORDER}: 1 picked. Take them to packing with the order number."
    )
    # Nothing is given back until the picker says yes.
    assert floor.local_order(FIRST_ORDER).status is OrderStatus.PICKING
    floor.tap(panel.confirm_button)

    pick = floor.pick
    assert pick.pages.currentWidget() is pick.start_view
    text = f"Order {FIRST_ORDER} handed back. Take what you picked to packing."
    assert (floor.said.tone, floor.said.text) == (Tone.GOOD, text)
    assert pick.message.text() == text
    assert pick.session is None
    order = floor.local_order(FIRST_ORDER)
    assert (order.status, order.assigned_station, order.assigned_user) == (
        OrderStatus.OPEN,
        None,
        None,
    )
    assert order.line(line.line_no).picked_qty == 1  # the piece stays counted
    user = floor.window.user
    assert user is not None
    assert not pick.has_open_run(user)
    floor.wait_synced()
    assert released_at_store(floor, FIRST_ORDER) == 1
    remote = floor.store_order(FIRST_ORDER)
    assert (remote["status"], remote["assigned_station"]) == ("open", None)

    # Another picker gets the order, and picks only what is left.
    floor.window.logout()
    floor.start_single("B-1002")
    assert floor.prompt().order_number == FIRST_ORDER
    assert floor.local_order(FIRST_ORDER).assigned_user == "ben"
    assert floor.local_line(FIRST_ORDER, line.line_no).picked_qty == 1


def test_keep_picking_or_a_scan_gives_nothing_back(floor: Floor) -> None:
    floor.start_single("B-1001")
    view = floor.pick.task_view
    floor.tap(view.buttons["hand_back"])
    floor.tap(view.hand_back_panel.cancel_button)
    assert not view.hand_back_open
    assert view.buttons["hand_back"].isVisible()
    floor.tap(view.buttons["hand_back"])
    assert view.hand_back_open
    floor.scan(floor.prompt().bin or "")  # picking goes on: the question is off
    assert not view.hand_back_open
    floor.assert_ok()
    assert floor.local_order(FIRST_ORDER).status is OrderStatus.PICKING
    assert "order.released" not in floor.pending_types(FIRST_ORDER)


def test_a_double_tap_on_yes_hands_back_once(floor: Floor, monkeypatch: pytest.MonkeyPatch) -> None:
    floor.start_single("B-1001")
    view = floor.pick.task_view
    touches_at_one_moment(monkeypatch)
    before = len(floor.verdicts)
    double_tap(floor, view.buttons["hand_back"])
    assert view.hand_back_open
    assert len(floor.verdicts) == before  # the question, no answer yet
    a_second_later(monkeypatch)
    double_tap(floor, view.hand_back_panel.confirm_button)
    assert len(floor.verdicts) == before + 1  # one action, one answer
    assert floor.said.text == f"Order {FIRST_ORDER} handed back."
    floor.wait_synced()
    assert released_at_store(floor, FIRST_ORDER) == 1
    assert floor.local_order(FIRST_ORDER).status is OrderStatus.OPEN


def test_a_cart_is_handed_back_whole(floor: Floor) -> None:
    floor.log_in("B-1001")
    floor.open_pick()
    pick = floor.pick
    floor.tap(pick.start_view.cart_button)
    totes = ["T-0001", "T-0002"]
    for tote in totes:
        floor.scan(tote)
    floor.tap(pick.cart_view.start_button)
    floor.wait_for_session()
    run = pick.run
    assert run is not None
    numbers = list(run.order_numbers)
    line = pick_one_piece(floor)
    full = run.totes[line.order]
    empty = next(t for t in totes if t != full)
    other = next(n for n in numbers if n != line.order)

    view = pick.task_view
    floor.tap(view.buttons["hand_back"])
    panel = view.hand_back_panel
    assert panel.caption.text() == (
        "Hand back all 2 orders of your cart? They go back to the queue for other pickers."
    )
    assert set(panel.details.text().split("\n")) == {
        f"Tote {full} ({line.order}): 1 picked. Take it to packing.",
        f"Tote {empty} ({other}): empty. Keep it for your next pick.",
    }
    floor.tap(panel.confirm_button)

    assert pick.pages.currentWidget() is pick.start_view
    assert floor.said.text == f"2 orders handed back. Totes to packing: {full}."
    for number in numbers:
        assert floor.local_order(number).status is OrderStatus.OPEN
    floor.wait_synced()
    for number in numbers:
        assert released_at_store(floor, number) == 1
        assert floor.store_order(number)["status"] == "open"
    user = floor.window.user
    assert user is not None
    assert not pick.has_open_run(user)  # the run is closed: its totes are free again
