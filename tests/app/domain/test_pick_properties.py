"""Property tests: random scan and intent sequences keep the pick session's invariants.

Whatever the picker scans (right or wrong bins, items, totes, commands, undo, skip,
short) and whenever an order is cancelled: no line is over-picked or negative, the
session's counts are exactly the counts its events give when replayed with the rules on
fresh copies, a wrong answer never carries events, DONE only comes when every line of the
orders still being picked is picked or short, and the right scans always finish the pick.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.commands import Command, CommandName
from app.domain.events import Event, LinePicked, ShortReason
from app.domain.model import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Priority,
    Product,
    Role,
    Tote,
    User,
)
from app.domain.pick import Outcome, PickMessage, PickSession, PickState, Tone
from app.domain.rules import apply_event
from app.domain.scan import BinScan, CommandScan, ProductScan, Scan, ToteScan, UnknownScan

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
STATION = "ST-1"
PICKER = User("pia", "Pia", "B-PIA", frozenset({Role.PICKER}))
BINS = {"A-01": 10, "A-02": 20, "B-01": 30, "B-02": 40}
PRODUCTS = {
    sku: Product(sku, sku.lower(), location=bin_code)
    for sku, bin_code in [("MUG", "A-01"), ("PEN", "A-02"), ("CAP", "B-01"), ("TEE", "B-02")]
}
TOTES = ["T-1", "T-2", "T-3"]


def make_order(i: int, lines: list[tuple[str, int]]) -> Order:
    return Order(
        f"SO-{i}",
        Priority.NORMAL,
        datetime(2024, 5, 1, 15, 0, tzinfo=UTC),
        [
            OrderLine(n, sku, qty, location=PRODUCTS[sku].location)
            for n, (sku, qty) in enumerate(lines, start=1)
        ],
        status=OrderStatus.PICKING,
        assigned_station=STATION,
        assigned_user=PICKER.username,
    )


order_lines = st.lists(
    st.tuples(st.sampled_from(sorted(PRODUCTS)), st.integers(1, 3)),
    min_size=1,
    max_size=3,
    unique_by=lambda line: line[0],
)
orders_st = st.lists(order_lines, min_size=1, max_size=3).map(
    lambda batch: [make_order(i, lines) for i, lines in enumerate(batch, start=1)]
)

reasons = st.sampled_from([None, *ShortReason])
action = st.one_of(
    st.just(("right",)),
    st.just(("right",)),
    st.just(("right",)),
    st.tuples(st.just("bin"), st.sampled_from(sorted(BINS))),
    st.tuples(st.just("item"), st.sampled_from(sorted(PRODUCTS)), st.integers(1, 3)),
    st.tuples(st.just("tote"), st.sampled_from(TOTES)),
    st.tuples(st.just("qty"), st.integers(1, 4)),
    st.tuples(st.just("typed"), st.sampled_from(sorted(PRODUCTS)), st.integers(0, 4)),
    st.tuples(
        st.just("cmd"),
        st.sampled_from(
            [CommandName.SKIP, CommandName.UNDO, CommandName.CANCEL, CommandName.CONFIRM]
        ),
    ),
    st.tuples(st.just("short_cmd"), reasons),
    st.tuples(st.just("short"), st.integers(-1, 3), reasons),
    st.just(("skip",)),
    st.just(("undo",)),
    st.just(("unknown",)),
    st.tuples(st.just("cancel"), st.integers(1, 3)),
)


def command(name: CommandName, **kwargs: Any) -> CommandScan:
    cmd = Command(name, **kwargs)
    return CommandScan(cmd.text, cmd)


def right_scan(s: PickSession) -> Scan:
    """The scan a careful picker makes for the current prompt."""
    p = s.prompt()
    if p.state is PickState.GO_TO_BIN:
        assert p.bin is not None
        return BinScan(p.bin, Location(p.bin, "A", "A", BINS[p.bin]))
    if p.state is PickState.PICK_ITEM:
        assert p.sku is not None
        return ProductScan(p.sku, PRODUCTS[p.sku])
    if p.state is PickState.PUT_IN_TOTE:
        assert p.tote is not None
        return ToteScan(p.tote, Tote(p.tote))
    if p.state is PickState.SHORT_REASON:
        return command(CommandName.SHORT, reason=ShortReason.DAMAGED)
    return command(CommandName.CONFIRM)


def perform(s: PickSession, act: tuple[Any, ...], originals: dict[str, Order]) -> Outcome:
    kind = act[0]
    if kind == "right":
        return s.scan(right_scan(s))
    if kind == "bin":
        return s.scan(BinScan(act[1], Location(act[1], "A", "A", BINS[act[1]])))
    if kind == "item":
        return s.scan(ProductScan(act[1], PRODUCTS[act[1]], qty=act[2]))
    if kind == "tote":
        return s.scan(ToteScan(act[1], Tote(act[1])))
    if kind == "qty":
        return s.scan(command(CommandName.QTY, qty=act[1]))
    if kind == "typed":  # a number on the keypad, not confirmed, then an item scan
        before = s.prompt()
        out = s.scan(ProductScan(act[1], PRODUCTS[act[1]]), typed=act[2])
        if out.message is PickMessage.ITEM_COUNTED:  # counted exactly what was typed
            assert (
                sum(e.payload.qty for e in out.events if isinstance(e.payload, LinePicked))
                == act[2]
            )
        if out.message is PickMessage.TAKE_TO_TOTE:
            assert out.prompt.pending_qty == act[2]
        if before.state is PickState.PICK_ITEM and out.tone is not Tone.WRONG:
            assert act[2] > 0
        return out
    if kind == "cmd":
        return s.scan(command(act[1]))
    if kind == "short_cmd":
        return s.scan(command(CommandName.SHORT, reason=act[1]))
    if kind == "short":
        return s.short(act[1], act[2])
    if kind == "skip":
        return s.skip()
    if kind == "undo":
        return s.undo()
    if kind == "unknown":
        return s.scan(UnknownScan("??"))
    number = f"SO-{act[1]}"
    if number not in originals:
        return s.scan(UnknownScan("??"))
    fresh = originals[number].copy()
    fresh.status = OrderStatus.CANCELLED
    return s.order_changed(fresh)


def check(s: PickSession, originals: dict[str, Order], events: list[Event], out: Outcome) -> None:
    if out.tone is Tone.WRONG:
        assert out.events == ()
    if out.message is PickMessage.UNDONE:  # the sentence's total includes this undo
        assert int(out.args["total"]) >= int(out.args["qty"]) > 0
    replay = {number: order.copy() for number, order in originals.items()}
    for event in events:
        apply_event(replay[event.order_number], event, PICKER)
    stopped = set()
    for order in s.orders:
        if order.status is OrderStatus.CANCELLED:
            stopped.add(order.order_number)
        again = replay[order.order_number]
        for line in order.lines:
            assert 0 <= line.picked_qty <= line.qty
            assert 0 <= line.short_qty <= line.qty
            assert line.picked_qty + line.short_qty <= line.qty
            twin = again.line(line.line_no)
            assert (line.picked_qty, line.short_qty) == (twin.picked_qty, twin.short_qty)
        if order.order_number not in stopped:
            assert order.status is again.status
    if s.state is PickState.DONE:
        for order in s.orders:
            if order.order_number not in stopped:
                assert all(line.is_picked for line in order.lines)
                assert order.status is OrderStatus.PICKED
    assert out.prompt == s.prompt()


@settings(max_examples=300, deadline=None)
@given(orders=orders_st, actions=st.lists(action, max_size=60))
def test_random_scans_keep_the_invariants(
    orders: list[Order], actions: list[tuple[Any, ...]]
) -> None:
    originals = {o.order_number: o.copy() for o in orders}
    totes = {o.order_number: TOTES[i] for i, o in enumerate(orders)}
    s = PickSession(
        orders, sequence=BINS, station=STATION, user=PICKER, totes=totes, clock=lambda: AT
    )
    events: list[Event] = []
    for act in actions:
        out = perform(s, act, originals)
        events += out.events
        check(s, originals, events, out)
    # A careful picker always finishes whatever the session was put through.
    for _ in range(200):
        if s.is_finished:
            break
        out = s.scan(right_scan(s))
        assert out.tone is not Tone.WRONG, out
        events += out.events
        check(s, originals, events, out)
    assert s.is_finished


@settings(max_examples=150, deadline=None)
@given(orders=orders_st, actions=st.lists(action, max_size=40), cut=st.integers(0, 40))
def test_rebuild_from_counts_keeps_the_counts_and_finishes(
    orders: list[Order], actions: list[tuple[Any, ...]], cut: int
) -> None:
    originals = {o.order_number: o.copy() for o in orders}
    totes = {o.order_number: TOTES[i] for i, o in enumerate(orders)}

    def build(current: list[Order]) -> PickSession:
        return PickSession(
            current, sequence=BINS, station=STATION, user=PICKER, totes=totes, clock=lambda: AT
        )

    s = build(orders)
    events: list[Event] = []
    for i, act in enumerate(actions):
        if i == cut:
            before = s.orders
            s = build(list(before))
            assert s.orders == before
        out = perform(s, act, originals)
        events += out.events
        check(s, originals, events, out)
