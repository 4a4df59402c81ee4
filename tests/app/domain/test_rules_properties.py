"""Property tests: random pick/unpick/short sequences keep the line invariants.

A tiny model of the counts predicts which events the rules must accept; every accepted
event moves the counts as the model says, every refused one leaves the order untouched.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.events import (
    LinePicked,
    LineShort,
    LineUnpicked,
    OrderClaimed,
    Payload,
    ShortReason,
    new_event,
)
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Role, User
from app.domain.rules import RejectCode, Rejection, apply_event, check_user

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
HERE, THERE = "ST-1", "ST-2"
PICKER = User("pia", "Pia", "B-PIA", frozenset({Role.PICKER}))
N = "SO-P"

op = st.tuples(
    st.sampled_from(["pick", "unpick", "short"]),
    st.integers(min_value=1, max_value=5),  # line_no; may name a line the order lacks
    st.integers(min_value=1, max_value=7),  # qty
    st.sampled_from([HERE, HERE, HERE, THERE]),  # now and then a foreign station
    st.sampled_from(list(ShortReason)),
)


def _apply(order: Order, payload: Payload, station: str) -> None:
    event = new_event(payload, station=station, user=PICKER.username, at=AT)
    apply_event(order, event, check_user(PICKER, event))


def _payload(kind: str, line_no: int, qty: int, reason: ShortReason) -> Payload:
    if kind == "pick":
        return LinePicked(N, line_no=line_no, qty=qty)
    if kind == "unpick":
        return LineUnpicked(N, line_no=line_no, qty=qty)
    return LineShort(N, line_no=line_no, qty=qty, reason=reason)


def _expected_rejection(
    model: dict[int, list[int]], kind: str, line_no: int, qty: int, station: str
) -> RejectCode | None:
    if station != HERE:
        return RejectCode.CLAIMED_ELSEWHERE
    if line_no not in model:
        return RejectCode.UNKNOWN_LINE
    ordered, picked, short = model[line_no]
    if kind == "unpick":
        return RejectCode.OVER_UNPICK if qty > picked else None
    too_many = RejectCode.OVER_SHORT if kind == "short" else RejectCode.OVER_PICK
    return too_many if qty > ordered - picked - short else None


@settings(max_examples=300)
@given(
    quantities=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4),
    ops=st.lists(op, max_size=40),
)
def test_pick_unpick_short_keep_the_invariants(
    quantities: list[int], ops: list[tuple[str, int, int, str, ShortReason]]
) -> None:
    order = Order(
        N,
        Priority.NORMAL,
        AT,
        [OrderLine(i, f"SKU-{i}", q) for i, q in enumerate(quantities, start=1)],
    )
    _apply(order, OrderClaimed(N), HERE)
    model = {i: [q, 0, 0] for i, q in enumerate(quantities, start=1)}  # qty, picked, short

    for kind, line_no, qty, station, reason in ops:
        expected = _expected_rejection(model, kind, line_no, qty, station)
        before = copy.deepcopy(order)
        code = None
        try:
            _apply(order, _payload(kind, line_no, qty, reason), station)
        except Rejection as rejection:
            code = rejection.code
        assert code is expected
        if code is not None:
            assert order == before, "a refused event changed the order"
        else:
            counts = model[line_no]
            if kind == "pick":
                counts[1] += qty
            elif kind == "unpick":
                counts[1] -= qty
            else:
                counts[2] += qty

        assert order.status is OrderStatus.PICKING
        assert order.assigned_station == HERE
        for line in order.lines:
            assert [line.qty, line.picked_qty, line.short_qty] == model[line.line_no]
            assert line.picked_qty >= 0
            assert line.short_qty >= 0
            assert line.packed_qty == 0
            assert line.picked_qty + line.short_qty <= line.qty
            dataclasses.replace(line)  # re-runs OrderLine's own invariant checks
        assert order.is_fully_picked == all(q == p + s for q, p, s in model.values())
