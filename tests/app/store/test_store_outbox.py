"""The outbox: send order, delivery bookkeeping, rejected events kept with their reason."""

from __future__ import annotations

import uuid

from app.domain.events import Event, LinePicked, OrderClaimed
from app.store import LocalStore
from tests.app.store.store_helpers import T0, FakeClock, event


def _queue(store: LocalStore, events: list[Event]) -> list[int]:
    with store.unit_of_work() as uow:
        positions = [uow.outbox.add(e) for e in events]
        uow.commit()
    return positions


def _claims(n: int) -> list[Event]:
    return [event(OrderClaimed(f"SO-{i}")) for i in range(n)]


def test_pending_is_in_position_order_and_round_trips_events(store: LocalStore) -> None:
    events = [*_claims(5), event(LinePicked("SO-1", line_no=3, qty=7, tote="T1"))]
    positions = _queue(store, events)
    assert positions == sorted(positions)
    with store.unit_of_work(readonly=True) as uow:
        assert [entry.event for entry in uow.outbox.pending()] == events
        assert [entry.position for entry in uow.outbox.pending(limit=2)] == positions[:2]
        assert uow.outbox.count_pending() == 6


def test_entries_are_stamped_by_the_clock(store: LocalStore, clock: FakeClock) -> None:
    _queue(store, _claims(1))
    clock.advance(60)
    _queue(store, [event(OrderClaimed("SO-X"))])
    with store.unit_of_work(readonly=True) as uow:
        stamps = [entry.created_at for entry in uow.outbox.pending()]
    assert stamps == [T0, clock.now]


def test_sent_events_leave_the_outbox(store: LocalStore) -> None:
    events = _claims(4)
    _queue(store, events)
    with store.unit_of_work() as uow:
        assert uow.outbox.mark_sent([events[0].id, events[2].id]) == 2
        assert uow.outbox.mark_sent([events[0].id, uuid.uuid4()]) == 0  # a repeated answer
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        assert [entry.event for entry in uow.outbox.pending()] == [events[1], events[3]]
        assert uow.outbox.count_pending() == 2


def test_rejected_events_stay_with_their_reason_but_are_not_sent_again(store: LocalStore) -> None:
    events = _claims(3)
    _queue(store, events)
    with store.unit_of_work() as uow:
        uow.outbox.mark_rejected(events[1].id, "claimed_elsewhere", "at station ST-02")
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        assert [entry.event for entry in uow.outbox.pending()] == [events[0], events[2]]
        assert uow.outbox.count_pending() == 2
        (rejected,) = uow.outbox.rejected()
    assert rejected.event == events[1]
    assert (rejected.state, rejected.reject_code, rejected.reject_reason) == (
        "rejected",
        "claimed_elsewhere",
        "at station ST-02",
    )


def test_failed_sends_are_counted_and_stay_pending(store: LocalStore) -> None:
    events = _claims(2)
    _queue(store, events)
    with store.unit_of_work() as uow:
        uow.outbox.record_failure([events[0].id], "timeout")
        uow.outbox.record_failure([events[0].id], "connection refused")
        uow.commit()
    with store.unit_of_work(readonly=True) as uow:
        first, second = uow.outbox.pending()
    assert (first.attempts, first.last_error) == (2, "connection refused")
    assert (second.attempts, second.last_error) == (0, None)


def test_positions_are_never_reused(store: LocalStore) -> None:
    events = _claims(3)
    positions = _queue(store, events)
    with store.unit_of_work() as uow:
        uow.outbox.mark_sent(e.id for e in events)
        uow.commit()
    (later,) = _queue(store, [event(OrderClaimed("SO-later"))])
    assert later > max(positions)


def test_pending_for_some_orders(store: LocalStore) -> None:
    events = [event(OrderClaimed(n)) for n in ("SO-2", "SO-1", "SO-2", "SO-3")]
    _queue(store, events)
    with store.unit_of_work(readonly=True) as uow:
        picked = [entry.event for entry in uow.outbox.pending_for(["SO-2", "SO-3"])]
    assert picked == [events[0], events[2], events[3]]
