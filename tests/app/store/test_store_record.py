"""record(): a state change and its outbox event commit together or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.domain.events import (
    Event,
    LinePicked,
    LineShort,
    OrderClaimed,
    OrderHeld,
    OrderPicked,
    ShortReason,
)
from app.domain.model import Order, OrderStatus
from app.domain.rules import RejectCode, Rejection
from app.store import LocalStore, open_store
from app.store.outbox import OutboxRepository
from app.store.uow import UnitOfWork
from tests.app.store.store_helpers import event, make_order


def _snapshot(store: LocalStore, order_number: str = "SO-1") -> tuple[Order | None, list[Event]]:
    with store.unit_of_work(readonly=True) as uow:
        return uow.orders.get(order_number), [e.event for e in uow.outbox.pending()]


def test_record_commits_the_order_and_its_event_together(floor: LocalStore, db_path: Path) -> None:
    claim = event(OrderClaimed("SO-1", tote="T0001"))
    pick = event(LinePicked("SO-1", line_no=1, qty=2, location="A-01-01-1", tote="T0001"))
    assert floor.record(claim).status is OrderStatus.PICKING
    returned = floor.record(pick)
    assert returned.line(1).picked_qty == 2

    # A second store on the same file (think: after a power cut) sees both.
    floor.close()
    with open_store(db_path) as reopened:
        order, events = _snapshot(reopened)
    assert order == returned
    assert order is not None
    assert order.assigned_station == "ST-01"
    assert order.assigned_user == "ana"
    assert events == [claim, pick]


def test_a_whole_pick_walk_is_recorded_in_order(floor: LocalStore) -> None:
    events = [
        event(OrderClaimed("SO-1")),
        event(LinePicked("SO-1", line_no=1, qty=1)),
        event(LinePicked("SO-1", line_no=1, qty=1)),
        event(LineShort("SO-1", line_no=2, qty=1, reason=ShortReason.BIN_EMPTY)),
        event(OrderPicked("SO-1")),
    ]
    for e in events:
        floor.record(e)
    order, queued = _snapshot(floor)
    assert order is not None
    assert order.status is OrderStatus.PICKED
    assert [(line.picked_qty, line.short_qty) for line in order.lines] == [(2, 0), (0, 1)]
    assert queued == events


def test_a_rejected_event_writes_nothing(floor: LocalStore) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    before = _snapshot(floor)
    with pytest.raises(Rejection) as refused:
        floor.record(event(LinePicked("SO-1", line_no=1, qty=3)))  # only 2 ordered
    assert refused.value.code is RejectCode.OVER_PICK
    assert _snapshot(floor) == before


@pytest.mark.parametrize(
    ("e", "code"),
    [
        (event(OrderClaimed("SO-404")), RejectCode.UNKNOWN_ORDER),
        (event(OrderClaimed("SO-1"), user="nobody"), RejectCode.UNKNOWN_USER),
        (event(OrderClaimed("SO-1"), user="old"), RejectCode.UNKNOWN_USER),  # inactive
        (event(OrderClaimed("SO-1"), user="pat"), RejectCode.NOT_ALLOWED),  # a packer
        (event(OrderHeld("SO-1", reason="x"), user="ana"), RejectCode.NOT_ALLOWED),
        (event(OrderPicked("SO-1")), RejectCode.WRONG_STATUS),
    ],
)
def test_every_kind_of_rejection_writes_nothing(
    floor: LocalStore, e: Event, code: RejectCode
) -> None:
    before = _snapshot(floor)
    with pytest.raises(Rejection) as refused:
        floor.record(e)
    assert refused.value.code is code
    assert _snapshot(floor) == before


def test_a_crash_between_state_change_and_outbox_leaves_neither(
    floor: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[str] = []

    def broken_add(self: OutboxRepository, e: Event) -> int:
        # The order row is already updated (flushed) in this transaction.
        saved.append(e.order_number)
        raise OSError("disk unplugged")

    before = _snapshot(floor)
    monkeypatch.setattr(OutboxRepository, "add", broken_add)
    with pytest.raises(OSError, match="unplugged"):
        floor.record(event(OrderClaimed("SO-1")))
    assert saved == ["SO-1"]
    monkeypatch.undo()
    assert _snapshot(floor) == before


def test_a_failed_commit_leaves_neither(floor: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_commit(self: UnitOfWork) -> None:
        self.session.flush()  # everything reached the database, then the commit fails
        raise OSError("power cut")

    before = _snapshot(floor)
    monkeypatch.setattr(UnitOfWork, "commit", broken_commit)
    with pytest.raises(OSError, match="power cut"):
        floor.record(event(OrderClaimed("SO-1")))
    monkeypatch.undo()
    assert _snapshot(floor) == before


def test_the_same_event_is_never_recorded_twice(floor: LocalStore) -> None:
    claim = event(OrderClaimed("SO-1"))
    pick = event(LinePicked("SO-1", line_no=1, qty=1))
    floor.record(claim)
    floor.record(pick)
    with pytest.raises(IntegrityError):
        floor.record(pick)
    order, events = _snapshot(floor)
    assert order is not None
    assert order.line(1).picked_qty == 1
    assert events == [claim, pick]


def test_record_only_touches_its_own_order(floor: LocalStore) -> None:
    other_before, _ = _snapshot(floor, "SO-2")
    floor.record(event(OrderClaimed("SO-1")))
    other_after, _ = _snapshot(floor, "SO-2")
    assert other_after == other_before == make_order("SO-2", lines=[("SKU-2", 3)])
