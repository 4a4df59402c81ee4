"""Handing a pick back, without a screen or a database: when the flow asks for it, and
what a hand-back gives back (``app.picking.handback``)."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.model import Order, OrderLine, OrderStatus, Priority
from app.domain.pick import PickSession
from app.picking import Do, PickAction, PickFlow
from app.picking.handback import HandBackItem, what_to_hand_back
from tests.app.picking.test_flow import MUG, PIA, ready, run_of


def test_hand_back_asks_first_and_only_while_work_is_left() -> None:
    flow = PickFlow()
    flow.open(PIA)
    assert flow.tap(PickAction.HAND_BACK).do is Do.NOTHING  # no pick yet
    session = ready(flow, run_of("SO-1"))
    assert flow.tap(PickAction.HAND_BACK).do is Do.CONFIRM_HAND_BACK
    flow.busy = True  # asking for work or closing a run: the answer decides
    assert flow.tap(PickAction.HAND_BACK).do is Do.NOTHING
    flow.busy = False
    session.skip()
    assert flow.session is session
    flow.handed_back()
    assert (flow.session, flow.run, flow.cart_mode) == (None, None, False)
    assert flow.tap(PickAction.HAND_BACK).do is Do.NOTHING


def order(number: str, picked: int, status: OrderStatus = OrderStatus.PICKING) -> Order:
    return Order(
        number,
        Priority.NORMAL,
        datetime(2024, 5, 1, 15, 0, tzinfo=UTC),
        [OrderLine(1, "MUG", 3, location="A-01", picked_qty=picked)],
        status=status,
        assigned_station="ST-1",
        assigned_user=PIA.username,
    )


def test_a_hand_back_gives_back_each_live_order_with_its_picked_pieces() -> None:
    run = run_of("SO-1", "SO-2", "SO-3", totes=True)
    orders = [order("SO-1", 2), order("SO-2", 0), order("SO-3", 1, OrderStatus.CANCELLED)]
    session = PickSession(
        orders,
        sequence={"A-01": 1},
        station="ST-1",
        user=PIA,
        totes=run.totes,
        products={"MUG": MUG},
    )
    hand_back = what_to_hand_back(session, run, ["SO-1", "SO-2", "SO-3"])
    assert hand_back is not None
    assert hand_back.run is run
    assert hand_back.batch
    # A cancelled order is not released (the rules would refuse it): it is set aside.
    assert hand_back.items == (
        HandBackItem("SO-1", "T-0", 2),
        HandBackItem("SO-2", "T-1", 0),
    )
    # Only the orders still in the run on screen (one was set aside already).
    only = what_to_hand_back(session, run, ["SO-2"])
    assert only is not None
    assert only.items == (HandBackItem("SO-2", "T-1", 0),)
    assert not only.batch
    assert what_to_hand_back(session, run, ["SO-3"]) is None
    assert what_to_hand_back(session, None, ["SO-1"]) is None
