"""The pack session (app/domain/pack.py): whole packs by scans, mismatches, holds,
two packages, weights out of tolerance with an override, resume; and property tests:
random input keeps the invariants, and a careful packer always finishes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.commands import Command, CommandName
from app.domain.events import (
    Event,
    LinePacked,
    LineUnpacked,
    OrderPacked,
    PackageClosed,
    PackHeld,
    PackHoldReason,
    PackStarted,
)
from app.domain.gtin import with_check_digit
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Product, Role, User
from app.domain.pack import PackSession, Tolerance
from app.domain.pack_outcome import PackMessage, PackOutcome, PackState, Tone
from app.domain.rules import apply_event
from app.domain.scan import BadgeScan, CommandScan, ProductScan, Scan, UnknownScan

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
STATION = "PACK-1"
KAI = User("kai", "Kai", "B-KAI", frozenset({Role.PACKER}))
SAM = User("sam", "Sam", "B-SAM", frozenset({Role.SUPERVISOR, Role.PACKER}))
PRODUCTS = {
    sku: Product(sku, f"{sku} name", weight_g=weight)
    for sku, weight in [("MUG", 350), ("PEN", 20), ("CAP", 120), ("TEE", 180)]
}


@dataclass(frozen=True)
class Box:
    code: str
    barcode: str
    tare_g: int


CARTONS = (Box("BOX-S", "CT-S", 100), Box("BOX-M", "CT-M", 200))


def picked_order(*lines: tuple[str, int, int], number: str = "SO-1") -> Order:
    """An order picked by ST-9: (sku, ordered, picked) per line."""
    return Order(
        number,
        Priority.NORMAL,
        AT,
        [
            OrderLine(i, sku, qty, picked_qty=picked, short_qty=qty - picked)
            for i, (sku, qty, picked) in enumerate(lines, start=1)
        ],
        status=OrderStatus.PICKED,
    )


def session(order: Order, **kwargs: Any) -> PackSession:
    return PackSession(
        order,
        station=STATION,
        user=KAI,
        products=PRODUCTS,
        cartons=CARTONS,
        tolerance=Tolerance(grams=30, percent=5),
        clock=lambda: AT,
        **kwargs,
    )


def item(sku: str, qty: int = 1, **gs1: Any) -> ProductScan:
    return ProductScan(sku, PRODUCTS[sku], qty=qty, **gs1)


def cmd(name: CommandName, **kwargs: Any) -> CommandScan:
    command = Command(name, **kwargs)
    return CommandScan(command.text, command)


_serial = iter(range(1, 10**6))


def sscc() -> str:
    return with_check_digit(f"34012345{next(_serial):09d}")


def test_a_whole_pack_by_scans() -> None:
    s = session(picked_order(("MUG", 2, 2), ("PEN", 1, 1)), suggest=lambda items: "BOX-S")
    started = s.start()
    assert [type(e.payload) for e in started.events] == [PackStarted]
    assert s.state is PackState.VERIFY
    first = s.scan(item("MUG", lot="L7", expiry=date(2027, 5, 31)))
    (packed,) = first.events
    assert packed.payload == LinePacked("SO-1", 1, 1, lot="L7", expiry="2027-05-31")
    assert (first.message, first.args["left"], first.args["units_left"]) == (
        PackMessage.VERIFIED,
        1,
        2,
    )
    s.scan(item("MUG"))
    last = s.scan(item("PEN"))
    assert (last.message, last.state, last.prompt.suggested) == (
        PackMessage.ALL_VERIFIED,
        PackState.CARTON,
        "BOX-S",
    )
    chosen = s.command(Command(CommandName.CONFIRM))  # the suggestion
    assert (chosen.state, chosen.prompt.expected_g) == (PackState.WEIGH, 2 * 350 + 20 + 100)
    code = sscc()
    closed = s.weigh(830, code)
    (event,) = closed.events
    assert event.payload == PackageClosed("SO-1", 1, code, "BOX-S", weight_g=830, expected_g=820)
    assert closed.state is PackState.PRINT
    done = s.printed(1)
    assert [type(e.payload) for e in done.events] == [OrderPacked]
    assert (done.tone, done.state) == (Tone.DONE, PackState.DONE)
    assert s.order.status is OrderStatus.PACKED


def test_mismatches_count_nothing() -> None:
    s = session(picked_order(("MUG", 2, 1), ("PEN", 1, 1)), other_orders={"CAP": "SO-2"})
    s.start()
    before = s.order
    assert s.scan(item("TEE")).message is PackMessage.WRONG_ITEM
    other = s.scan(item("CAP"))
    assert (other.message, other.args["other"]) == (PackMessage.OTHER_ORDER, "SO-2")
    s.scan(item("MUG"))
    over = s.scan(item("MUG"))  # two ordered, one picked: the second is one too many
    assert (over.tone, over.message, over.events) == (Tone.WRONG, PackMessage.OVER_SCAN, ())
    case = s.scan(ProductScan("PEN", PRODUCTS["PEN"], matched="10012345678902"))
    assert case.message is PackMessage.CASE_LABEL
    assert s.scan(UnknownScan("??")).message is PackMessage.UNREADABLE
    assert [ln.packed_qty for ln in s.order.lines] == [1, 0]
    assert [ln.packed_qty for ln in before.lines] == [0, 0]


def test_quantity_typed_and_undo_with_the_true_total() -> None:
    s = session(picked_order(("PEN", 6, 6)))
    s.start()
    assert s.scan(item("PEN"), typed=0).message is PackMessage.QTY_NOT_TYPED
    four = s.scan(item("PEN"), typed=4)
    assert four.events[0].payload == LinePacked("SO-1", 1, 4)
    s.scan(cmd(CommandName.QTY, qty=2))
    s.scan(item("PEN"))
    assert s.state is PackState.CARTON
    first, second = s.undo(), s.undo()
    assert [e.payload for e in first.events + second.events] == [
        LineUnpacked("SO-1", 1, 2),
        LineUnpacked("SO-1", 1, 4),
    ]
    assert (second.args["qty"], second.args["total"]) == (4, 6)
    assert s.undo().message is PackMessage.NOTHING_TO_UNDO
    assert s.state is PackState.VERIFY


def test_two_packages_and_a_weight_out_of_tolerance_with_an_override() -> None:
    s = session(picked_order(("MUG", 2, 2), ("CAP", 1, 1)))
    s.start()
    s.scan(item("MUG"))
    s.scan(item("MUG"))
    assert s.scan(cmd(CommandName.CLOSE)).state is PackState.CARTON  # the box is full
    assert s.scan(UnknownScan("CT-X")).message is PackMessage.UNKNOWN_CARTON
    assert s.scan(UnknownScan("CT-M")).state is PackState.WEIGH
    off = s.weigh(1200, sscc())  # expected 900, allowed 45
    assert (off.tone, off.message, off.state, off.events) == (
        Tone.WRONG,
        PackMessage.WEIGHT_OFF,
        PackState.OVERRIDE,
        (),
    )
    assert off.args == {"weight_g": 1200, "expected_g": 900, "allowed_g": 45}
    refused = s.scan(BadgeScan("B-KAI", KAI), sscc="")
    assert refused.message is PackMessage.NOT_SUPERVISOR
    code = sscc()
    accepted = s.scan(BadgeScan("B-SAM", SAM), sscc=code)
    (closed,) = accepted.events
    assert closed.payload == PackageClosed(
        "SO-1", 1, code, "BOX-M", weight_g=1200, expected_g=900, override_by="sam"
    )
    assert s.printed(1).state is PackState.VERIFY  # the cap goes in a second package
    second = s.scan(item("CAP"))
    assert second.events[0].payload == LinePacked("SO-1", 2, 1, package_no=2)
    s.choose_carton("BOX-S")
    s.weigh(225, sscc())  # 120 + 100 = 220, within 30 g
    assert s.print_failed(2).message is PackMessage.PRINT_PENDING
    assert s.state is PackState.PRINT  # waits for the printer, never lost
    packed = s.printed(2)
    assert packed.args == {"order": "SO-1", "packages": 2}
    assert [p.contents for p in s.order.packages] == [((1, 2),), ((2, 1),)]


def test_a_hold_with_its_reason() -> None:
    s = session(picked_order(("MUG", 2, 2)))
    s.start()
    s.scan(item("MUG"))
    asked = s.scan(cmd(CommandName.HOLD))
    assert asked.state is PackState.HOLD_REASON
    assert s.scan(item("MUG")).message is PackMessage.CHOOSE_REASON
    held = s.scan(cmd(CommandName.HOLD, hold=PackHoldReason.DAMAGED_ITEM))
    assert held.events[0].payload == PackHeld("SO-1", PackHoldReason.DAMAGED_ITEM)
    assert (held.tone, held.state) == (Tone.DONE, PackState.DONE)
    order = s.order
    assert (order.status, order.hold_reason) == (OrderStatus.ON_HOLD, "damaged_item")
    assert [ln.packed_qty for ln in order.lines] == [0]  # back in the tote


def test_resume_at_the_same_step() -> None:
    s = session(picked_order(("MUG", 2, 2), ("PEN", 1, 1)))
    s.start()
    s.scan(item("MUG"))
    again = session(s.order)
    assert again.start().events == ()
    assert again.prompt().lines == s.prompt().lines
    again.scan(item("MUG"))
    again.scan(item("PEN"))
    again.choose_carton("BOX-S")
    again.weigh(820, sscc())
    rebuilt = session(again.order)
    assert rebuilt.state is PackState.PRINT  # closed, labels not known to be out
    assert [type(e.payload) for e in rebuilt.printed(1).events] == [OrderPacked]
    printed = session(again.order, printed=frozenset({1}))
    assert printed.state is PackState.PRINT
    assert printed.printed(1).state is PackState.DONE


@pytest.mark.parametrize(
    "status", [OrderStatus.PICKING, OrderStatus.CANCELLED, OrderStatus.ON_HOLD, OrderStatus.OPEN]
)
def test_an_order_not_picked_is_refused(status: OrderStatus) -> None:
    order = picked_order(("MUG", 1, 1))
    order.status = status
    with pytest.raises(ValueError, match="not being packed"):
        session(order)


def test_an_order_packed_at_another_station_is_refused() -> None:
    order = picked_order(("MUG", 1, 1))
    order.status, order.assigned_station = OrderStatus.PACKING, "PACK-2"
    with pytest.raises(ValueError, match="not being packed"):
        session(order)


# -- properties ------------------------------------------------------------------------

orders_st = st.lists(
    st.tuples(st.sampled_from(sorted(PRODUCTS)), st.integers(1, 4), st.integers(0, 4)),
    min_size=1,
    max_size=3,
    unique_by=lambda line: line[0],
).map(lambda lines: [(sku, max(q, p), p) for sku, q, p in lines])
actions = st.lists(
    st.one_of(
        st.just(("right",)),
        st.just(("right",)),
        st.just(("right",)),
        st.tuples(st.just("item"), st.sampled_from(sorted(PRODUCTS)), st.integers(1, 3)),
        st.tuples(st.just("typed"), st.sampled_from(sorted(PRODUCTS)), st.integers(0, 3)),
        st.tuples(st.just("cmd"), st.sampled_from(list(CommandName))),
        st.tuples(st.just("carton"), st.sampled_from(["BOX-S", "CT-M", "NOPE"])),
        st.tuples(st.just("weigh"), st.integers(-5, 3000)),
        st.tuples(st.just("badge"), st.booleans()),
        st.tuples(st.just("hold"), st.sampled_from([None, *PackHoldReason])),
        st.just(("undo",)),
        st.tuples(st.just("printed"), st.integers(1, 3)),
    ),
    max_size=50,
)


def right(s: PackSession) -> PackOutcome:
    """What a careful packer does next."""
    p = s.prompt()
    if p.state is PackState.VERIFY:
        line = next(ln for ln in p.lines if ln.left)
        if p.pending_qty is not None and p.pending_qty > line.left:
            return s.command(Command(CommandName.CANCEL))  # a quantity set too big
        return s.scan(item(line.sku))
    if p.state is PackState.CARTON:
        return s.choose_carton("BOX-M")
    if p.state in (PackState.WEIGH, PackState.OVERRIDE):
        return s.weigh(p.expected_g, sscc())
    if p.state is PackState.HOLD_REASON:
        return s.command(Command(CommandName.CANCEL))
    if p.state is PackState.PRINT:
        return s.printed(p.package_no)
    return s.command(Command(CommandName.NEXT))


def perform(s: PackSession, act: tuple[Any, ...]) -> PackOutcome:
    kind = act[0]
    if kind == "right":
        return right(s)
    if kind == "item":
        return s.scan(item(act[1], qty=act[2]))
    if kind == "typed":
        return s.scan(item(act[1]), typed=act[2])
    if kind == "cmd":
        name = act[1]
        command = Command(name, qty=2) if name is CommandName.QTY else Command(name)
        return s.scan(CommandScan(command.text, command))
    if kind == "carton":
        return s.choose_carton(act[1])
    if kind == "weigh":
        return s.weigh(act[1], sscc())
    if kind == "badge":
        return s.scan(BadgeScan("B", SAM if act[1] else KAI), sscc=sscc())
    if kind == "hold":
        return s.hold(act[1])
    if kind == "undo":
        return s.undo()
    return s.printed(act[1])


def check(
    s: PackSession, original: Order, events: list[Event], out: PackOutcome, printed: set[int]
) -> None:
    if out.tone is Tone.WRONG:
        assert out.events == ()
    replay = original.copy()
    for event in events:
        apply_event(replay, event, SAM)
    order = s.order
    for line in order.lines:
        assert 0 <= line.packed_qty <= line.picked_qty  # never more than was picked
        assert order.sealed_qty(line.line_no) <= line.packed_qty
        assert line.packed_qty == replay.line(line.line_no).packed_qty
    assert order.packages == replay.packages
    assert all(p.contents for p in order.packages)  # never an empty package
    if order.status is OrderStatus.PACKED:  # packed only when every unit is in a box
        assert all(order.sealed_qty(ln.line_no) == ln.picked_qty for ln in order.lines)
    if any(isinstance(e.payload, OrderPacked) for e in out.events):
        # ... and every package's labels were heard of as printed
        assert {p.package_no for p in order.packages} <= printed
    assert out.prompt == s.prompt()


@settings(max_examples=300, deadline=None)
@given(lines=orders_st, acts=actions)
def test_random_input_keeps_the_invariants(lines: list[tuple[str, int, int]], acts: Any) -> None:
    if not any(picked for _sku, _q, picked in lines):
        lines[0] = (lines[0][0], max(1, lines[0][1]), 1)
    original = picked_order(*lines)
    s = session(original, suggest=lambda items: "BOX-M")
    events = list(s.start().events)
    printed: set[int] = set()

    def heard(act: tuple[Any, ...]) -> None:
        if act[0] == "printed":
            printed.add(act[1])
        elif act[0] == "right" and s.state is PackState.PRINT:
            printed.add(s.prompt().package_no)

    for act in acts:
        heard(act)
        out = perform(s, act)
        events += out.events
        check(s, original, events, out, printed)
    for _ in range(100):
        if s.is_finished:
            break
        heard(("right",))
        out = right(s)
        assert out.tone is not Tone.WRONG, out
        events += out.events
        check(s, original, events, out, printed)
    assert s.is_finished
    assert s.order.status in (OrderStatus.PACKED, OrderStatus.ON_HOLD)


def test_scans_at_every_step_answer_without_crashing() -> None:
    s = session(picked_order(("MUG", 1, 1)))
    s.start()
    scans: list[Scan] = [item("MUG"), UnknownScan("x"), BadgeScan("B", KAI), cmd(CommandName.SKIP)]
    for scan in scans:
        assert isinstance(s.scan(scan), PackOutcome)
