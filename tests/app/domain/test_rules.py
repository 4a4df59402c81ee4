"""Every transition of app/domain/rules.py, and every refusal leaving the order untouched."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from app.domain.events import (
    EVENT_TYPES,
    ClaimCancelled,
    Event,
    EventType,
    LabelsReprint,
    LinePacked,
    LinePicked,
    LineShort,
    LineShortUndone,
    LineUnpacked,
    LineUnpicked,
    OrderClaimed,
    OrderHeld,
    OrderPacked,
    OrderPicked,
    OrderReleased,
    OrderShipped,
    OrderUnheld,
    PackageClosed,
    PackHeld,
    PackHoldReason,
    PackStarted,
    Payload,
    PickerAssigned,
    PickerUnassigned,
    PrioritySet,
    ScanExpected,
    ShortReason,
    WrongScan,
    new_event,
)
from app.domain.model import Order, OrderLine, OrderStatus, Package, Priority, Role, User
from app.domain.rules import RejectCode, Rejection, apply_event, check_user

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
CUTOFF = datetime(2024, 5, 1, 15, 0, tzinfo=UTC)
HERE, THERE = "ST-1", "ST-2"
N = "SO-1"


def person(username: str, *roles: Role, active: bool = True) -> User:
    return User(username, username.title(), f"BADGE-{username}", frozenset(roles), active)


PICKER = person("pia", Role.PICKER)
PICKER2 = person("paul", Role.PICKER)
PACKER = person("kai", Role.PACKER)
SUPERVISOR = person("sue", Role.SUPERVISOR)
ADMIN = person("ada", Role.ADMIN)

# One payload per event type, valid for the order below; used where "any event" is meant.
ANY_EVENT: dict[EventType, Payload] = {
    EventType.ORDER_CLAIMED: OrderClaimed(N, tote="T-1"),
    EventType.ORDER_RELEASED: OrderReleased(N),
    EventType.LINE_PICKED: LinePicked(N, line_no=1, qty=1),
    EventType.LINE_UNPICKED: LineUnpicked(N, line_no=1, qty=1),
    EventType.LINE_SHORT: LineShort(N, line_no=1, qty=1, reason=ShortReason.BIN_EMPTY),
    EventType.LINE_SHORT_UNDONE: LineShortUndone(N, line_no=1, qty=1),
    EventType.ORDER_PICKED: OrderPicked(N),
    EventType.PACK_STARTED: PackStarted(N),
    EventType.LINE_PACKED: LinePacked(N, line_no=1, qty=1),
    EventType.LINE_UNPACKED: LineUnpacked(N, line_no=1, qty=1),
    EventType.PACKAGE_CLOSED: PackageClosed(
        N, package_no=1, sscc="340123450000000017", carton="BOX-S", weight_g=500, expected_g=480
    ),
    EventType.PACK_HELD: PackHeld(N, reason=PackHoldReason.MISSING_ITEM),
    EventType.ORDER_PACKED: OrderPacked(N, box="BOX-S", weight_g=500),
    EventType.ORDER_SHIPPED: OrderShipped(N),
    EventType.ORDER_HELD: OrderHeld(N, reason="fraud check"),
    EventType.ORDER_UNHELD: OrderUnheld(N),
    EventType.PRIORITY_SET: PrioritySet(N, priority=Priority.HIGH),
    EventType.PICKER_ASSIGNED: PickerAssigned(N, picker="pia"),
    EventType.PICKER_UNASSIGNED: PickerUnassigned(N),
    EventType.CLAIM_CANCELLED: ClaimCancelled(N, station=THERE),
    EventType.LABELS_REPRINT: LabelsReprint(N, station=THERE),
    EventType.SCAN_WRONG: WrongScan(N, expected=ScanExpected.ITEM, scanned="4006381333931"),
}

PICKER_ONLY = frozenset({Role.PICKER})
PACKER_ONLY = frozenset({Role.PACKER})
SUPERVISOR_ONLY = frozenset({Role.SUPERVISOR})
NEEDED_ROLES = {
    EventType.ORDER_CLAIMED: PICKER_ONLY,
    EventType.ORDER_RELEASED: frozenset({Role.PICKER, Role.PACKER, Role.SUPERVISOR}),
    EventType.LINE_PICKED: PICKER_ONLY,
    EventType.LINE_UNPICKED: PICKER_ONLY,
    EventType.LINE_SHORT: PICKER_ONLY,
    EventType.LINE_SHORT_UNDONE: PICKER_ONLY,
    EventType.ORDER_PICKED: PICKER_ONLY,
    EventType.PACK_STARTED: PACKER_ONLY,
    EventType.LINE_PACKED: PACKER_ONLY,
    EventType.LINE_UNPACKED: PACKER_ONLY,
    EventType.PACKAGE_CLOSED: PACKER_ONLY,
    EventType.PACK_HELD: PACKER_ONLY,
    EventType.ORDER_PACKED: PACKER_ONLY,
    EventType.ORDER_SHIPPED: PACKER_ONLY,
    EventType.ORDER_HELD: SUPERVISOR_ONLY,
    EventType.ORDER_UNHELD: SUPERVISOR_ONLY,
    EventType.PRIORITY_SET: SUPERVISOR_ONLY,
    EventType.PICKER_ASSIGNED: SUPERVISOR_ONLY,
    EventType.PICKER_UNASSIGNED: SUPERVISOR_ONLY,
    EventType.CLAIM_CANCELLED: SUPERVISOR_ONLY,
    EventType.LABELS_REPRINT: SUPERVISOR_ONLY,
    EventType.SCAN_WRONG: frozenset(Role),
}


def event(payload: Payload, *, station: str = HERE, user: User = PICKER) -> Event:
    return new_event(payload, station=station, user=user.username, at=AT)


def apply(order: Order, payload: Payload, *, station: str = HERE, user: User = PICKER) -> None:
    """What the store does: check the user, then apply."""
    ev = event(payload, station=station, user=user)
    apply_event(order, ev, check_user(user, ev))


def refused(
    order: Order, payload: Payload, code: RejectCode, *, station: str = HERE, user: User = PICKER
) -> Rejection:
    before = copy.deepcopy(order)
    with pytest.raises(Rejection) as info:
        apply(order, payload, station=station, user=user)
    assert info.value.code is code, info.value.reason
    assert order == before, "a refused event changed the order"
    assert info.value.reason == str(info.value)
    return info.value


def open_order() -> Order:
    return Order(N, Priority.NORMAL, CUTOFF, [OrderLine(1, "SKU-A", 3), OrderLine(2, "SKU-B", 1)])


def picking_order() -> Order:
    order = open_order()
    apply(order, OrderClaimed(N))
    return order


def picked_order() -> Order:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=3))
    apply(order, LinePicked(N, line_no=2, qty=1))
    apply(order, OrderPicked(N))
    return order


def packing_order() -> Order:
    order = picked_order()
    apply(order, PackStarted(N), station=THERE, user=PACKER)
    return order


def packed_order() -> Order:
    order = packing_order()
    apply(order, LinePacked(N, line_no=1, qty=3), station=THERE, user=PACKER)
    apply(order, LinePacked(N, line_no=2, qty=1), station=THERE, user=PACKER)
    apply(
        order,
        OrderPacked(N, box="BOX-M", weight_g=900, tracking="TRK1"),
        station=THERE,
        user=PACKER,
    )
    return order


def shipped_order() -> Order:
    order = packed_order()
    apply(order, OrderShipped(N), station=THERE, user=PACKER)
    return order


def test_any_event_covers_every_type() -> None:
    assert set(ANY_EVENT) == set(EventType) == set(NEEDED_ROLES)


# -- claim / release ----------------------------------------------------------------------


def test_claim_open_order() -> None:
    order = open_order()
    apply(order, OrderClaimed(N, tote="T-1"))
    assert order.status is OrderStatus.PICKING
    assert (order.assigned_station, order.assigned_user) == (HERE, "pia")


def test_reclaim_at_the_same_station_takes_over_the_user() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    apply(order, OrderClaimed(N), user=PICKER2)  # e.g. after a restart or shift change
    assert order.status is OrderStatus.PICKING
    assert (order.assigned_station, order.assigned_user) == (HERE, "paul")
    assert order.line(1).picked_qty == 2


def test_claim_elsewhere_is_refused() -> None:
    rejection = refused(
        picking_order(), OrderClaimed(N), RejectCode.CLAIMED_ELSEWHERE, station=THERE, user=PICKER2
    )
    assert HERE in rejection.reason


@pytest.mark.parametrize("make", [picked_order, packing_order, packed_order])
def test_claim_needs_an_open_order(make: Callable[[], Order]) -> None:
    refused(make(), OrderClaimed(N), RejectCode.WRONG_STATUS, station=THERE)


def test_picker_releases_own_order_and_keeps_the_counts() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=1))
    apply(order, OrderReleased(N))
    assert order.status is OrderStatus.OPEN
    assert (order.assigned_station, order.assigned_user) == (None, None)
    assert order.line(1).picked_qty == 1
    apply(order, OrderClaimed(N), station=THERE, user=PICKER2)  # anyone may take it now
    assert order.assigned_station == THERE


def test_picker_cannot_release_an_order_claimed_elsewhere() -> None:
    refused(
        picking_order(), OrderReleased(N), RejectCode.CLAIMED_ELSEWHERE, station=THERE, user=PICKER2
    )


def test_admin_releases_from_any_station() -> None:
    order = picking_order()
    apply(order, OrderReleased(N), station="OFFICE", user=ADMIN)
    assert order.status is OrderStatus.OPEN
    order = packing_order()
    apply(order, OrderReleased(N), station="OFFICE", user=ADMIN)
    assert order.status is OrderStatus.PICKED
    assert order.assigned_station is None


def test_supervisor_releases_from_any_station() -> None:
    order = picking_order()
    apply(order, OrderReleased(N), station="OFFICE", user=SUPERVISOR)
    assert order.status is OrderStatus.OPEN


def test_packer_releases_own_packing_order() -> None:
    order = packing_order()
    apply(order, OrderReleased(N), station=THERE, user=PACKER)
    assert order.status is OrderStatus.PICKED


@pytest.mark.parametrize("make", [open_order, picked_order, packed_order])
def test_release_needs_work_in_progress(make: Callable[[], Order]) -> None:
    refused(make(), OrderReleased(N), RejectCode.WRONG_STATUS, user=ADMIN)


# -- picking ------------------------------------------------------------------------------


def test_pick() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2, location="A-01-1", tote="T-1"))
    assert order.line(1).picked_qty == 2
    assert order.line(1).open_qty == 1
    apply(order, LinePicked(N, line_no=1, qty=1))
    assert order.line(1).is_picked


def test_over_pick_is_refused() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    rejection = refused(order, LinePicked(N, line_no=1, qty=2), RejectCode.OVER_PICK)
    assert "1 left to pick" in rejection.reason
    refused(order, LinePicked(N, line_no=2, qty=2), RejectCode.OVER_PICK)


def test_pick_of_unknown_line_is_refused() -> None:
    refused(picking_order(), LinePicked(N, line_no=9, qty=1), RejectCode.UNKNOWN_LINE)


@pytest.mark.parametrize(
    "payload",
    [
        LinePicked(N, line_no=1, qty=1),
        LineUnpicked(N, line_no=1, qty=1),
        LineShort(N, line_no=1, qty=1, reason=ShortReason.NOT_FOUND),
        OrderPicked(N),
    ],
)
def test_picking_events_need_a_claimed_order(payload: Payload) -> None:
    refused(open_order(), payload, RejectCode.WRONG_STATUS)
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    refused(order, payload, RejectCode.CLAIMED_ELSEWHERE, station=THERE, user=PICKER2)


def test_unpick() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    apply(order, LineUnpicked(N, line_no=1, qty=1))
    assert order.line(1).picked_qty == 1
    refused(order, LineUnpicked(N, line_no=1, qty=2), RejectCode.OVER_UNPICK)
    refused(order, LineUnpicked(N, line_no=2, qty=1), RejectCode.OVER_UNPICK)
    refused(order, LineUnpicked(N, line_no=7, qty=1), RejectCode.UNKNOWN_LINE)


@pytest.mark.parametrize("reason", list(ShortReason))
def test_short(reason: ShortReason) -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=1))
    apply(order, LineShort(N, line_no=1, qty=2, reason=reason))
    line = order.line(1)
    assert (line.picked_qty, line.short_qty, line.open_qty) == (1, 2, 0)
    assert line.is_picked


def test_a_short_taken_back_opens_the_line_again() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=1))
    apply(order, LineShort(N, line_no=1, qty=2, reason=ShortReason.DAMAGED))
    apply(order, LineShortUndone(N, line_no=1, qty=2))
    line = order.line(1)
    assert (line.picked_qty, line.short_qty, line.open_qty) == (1, 0, 2)
    refused(order, LineShortUndone(N, line_no=1, qty=1), RejectCode.OVER_UNSHORT)
    refused(order, LineShortUndone(N, line_no=7, qty=1), RejectCode.UNKNOWN_LINE)


def test_short_more_than_open_is_refused() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    refused(
        order, LineShort(N, line_no=1, qty=2, reason=ShortReason.DAMAGED), RejectCode.OVER_SHORT
    )
    refused(
        order, LineShort(N, line_no=3, qty=1, reason=ShortReason.DAMAGED), RejectCode.UNKNOWN_LINE
    )


def test_order_picked_incomplete_is_refused() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=3))
    rejection = refused(order, OrderPicked(N), RejectCode.INCOMPLETE)
    assert "1 item(s)" in rejection.reason


def test_order_picked_complete_with_a_short_line() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=3))
    apply(order, LineShort(N, line_no=2, qty=1, reason=ShortReason.BIN_EMPTY))
    apply(order, OrderPicked(N))
    assert order.status is OrderStatus.PICKED
    assert (order.assigned_station, order.assigned_user) == (None, None)
    refused(order, LinePicked(N, line_no=1, qty=1), RejectCode.WRONG_STATUS)


# -- packing ------------------------------------------------------------------------------


def test_pack_flow() -> None:
    order = picked_order()
    apply(order, PackStarted(N), station=THERE, user=PACKER)
    assert (order.status, order.assigned_station, order.assigned_user) == (
        OrderStatus.PACKING,
        THERE,
        "kai",
    )
    apply(order, LinePacked(N, line_no=1, qty=2), station=THERE, user=PACKER)
    apply(order, LinePacked(N, line_no=1, qty=1), station=THERE, user=PACKER)
    apply(order, LinePacked(N, line_no=2, qty=1), station=THERE, user=PACKER)
    assert [line.packed_qty for line in order.lines] == [3, 1]
    apply(order, OrderPacked(N, box="BOX-M", weight_g=900), station=THERE, user=PACKER)
    assert order.status is OrderStatus.PACKED
    assert order.packages == [Package(1, "BOX-M", 900, "")]
    assert (order.assigned_station, order.assigned_user) == (None, None)


def test_pack_started_again_at_the_same_station_takes_over_the_user() -> None:
    order = packing_order()
    other_packer = person("kim", Role.PACKER)
    apply(order, PackStarted(N), station=THERE, user=other_packer)
    assert (order.status, order.assigned_station, order.assigned_user) == (
        OrderStatus.PACKING,
        THERE,
        "kim",
    )


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (open_order, RejectCode.WRONG_STATUS),
        (picking_order, RejectCode.CLAIMED_ELSEWHERE),  # a picker at another station has it
        (packed_order, RejectCode.WRONG_STATUS),
    ],
)
def test_pack_started_needs_a_picked_order(make: Callable[[], Order], code: RejectCode) -> None:
    refused(make(), PackStarted(N), code, station=THERE, user=PACKER)


def test_pack_started_elsewhere_is_refused_as_a_claim_elsewhere() -> None:
    refused(
        packing_order(), PackStarted(N), RejectCode.CLAIMED_ELSEWHERE, station="ST-3", user=PACKER
    )


def test_over_pack_is_refused() -> None:
    order = picking_order()
    apply(order, LinePicked(N, line_no=1, qty=2))
    apply(order, LineShort(N, line_no=1, qty=1, reason=ShortReason.DAMAGED))
    apply(order, LinePicked(N, line_no=2, qty=1))
    apply(order, OrderPicked(N))
    apply(order, PackStarted(N), station=THERE, user=PACKER)
    apply(order, LinePacked(N, line_no=1, qty=2), station=THERE, user=PACKER)
    rejection = refused(
        order, LinePacked(N, line_no=1, qty=1), RejectCode.OVER_PACK, station=THERE, user=PACKER
    )
    assert "0 left to pack" in rejection.reason
    refused(
        order, LinePacked(N, line_no=2, qty=2), RejectCode.OVER_PACK, station=THERE, user=PACKER
    )
    refused(
        order, LinePacked(N, line_no=5, qty=1), RejectCode.UNKNOWN_LINE, station=THERE, user=PACKER
    )


def test_packing_events_belong_to_the_packing_station() -> None:
    order = packing_order()
    refused(order, LinePacked(N, line_no=1, qty=1), RejectCode.CLAIMED_ELSEWHERE, user=PACKER)
    refused(order, OrderPacked(N, box="B", weight_g=1), RejectCode.CLAIMED_ELSEWHERE, user=PACKER)


@pytest.mark.parametrize("make", [open_order, picking_order, picked_order, packed_order])
def test_packing_events_need_a_packing_order(make: Callable[[], Order]) -> None:
    refused(make(), LinePacked(N, line_no=1, qty=1), RejectCode.WRONG_STATUS, user=PACKER)
    refused(make(), OrderPacked(N, box="B", weight_g=1), RejectCode.WRONG_STATUS, user=PACKER)


def test_order_packed_incomplete_is_refused() -> None:
    order = packing_order()
    apply(order, LinePacked(N, line_no=1, qty=3), station=THERE, user=PACKER)
    rejection = refused(
        order,
        OrderPacked(N, box="BOX-M", weight_g=900),
        RejectCode.INCOMPLETE,
        station=THERE,
        user=PACKER,
    )
    assert "1 picked item(s)" in rejection.reason


SSCC_1 = "340123450000000017"
SSCC_2 = "340123450000000024"


def pack(order: Order, payload: Payload) -> None:
    apply(order, payload, station=THERE, user=PACKER)


def test_two_packages_closed_one_by_one_then_packed() -> None:
    order = packing_order()
    pack(order, LinePacked(N, line_no=1, qty=2, lot="L1"))
    pack(order, PackageClosed(N, 1, SSCC_1, "BOX-S", weight_g=700, expected_g=680))
    assert order.packages[0].contents == ((1, 2),)
    assert order.sealed_qty(1) == 2
    # Nothing is taken back out of a closed package, nor filled into it again.
    refused(
        order, LineUnpacked(N, line_no=1, qty=1), RejectCode.OVER_UNPACK, station=THERE, user=PACKER
    )
    refused(
        order,
        LinePacked(N, line_no=1, qty=1, package_no=1),
        RejectCode.PACKAGE_OUT_OF_ORDER,
        station=THERE,
        user=PACKER,
    )
    pack(order, LinePacked(N, line_no=1, qty=1, package_no=2))
    pack(order, LinePacked(N, line_no=2, qty=1, package_no=2))
    pack(order, LineUnpacked(N, line_no=2, qty=1))  # an undo in the open package
    pack(order, LinePacked(N, line_no=2, qty=1, package_no=2))
    refused(
        order,
        OrderPacked(N, box="BOX-S", weight_g=1),
        RejectCode.INCOMPLETE,
        station=THERE,
        user=PACKER,
    )
    refused(
        order,
        PackageClosed(N, 2, SSCC_1, "BOX-S", weight_g=400, expected_g=400),
        RejectCode.BAD_SSCC,
        station=THERE,
        user=PACKER,
    )
    refused(
        order,
        PackageClosed(N, 3, SSCC_2, "BOX-S", weight_g=400, expected_g=400),
        RejectCode.PACKAGE_OUT_OF_ORDER,
        station=THERE,
        user=PACKER,
    )
    pack(
        order, PackageClosed(N, 2, SSCC_2, "BOX-S", weight_g=400, expected_g=400, override_by="sam")
    )
    assert [p.contents for p in order.packages] == [((1, 2),), ((1, 1), (2, 1))]
    refused(
        order,
        PackageClosed(N, 3, SSCC_2[:-1] + "0", "BOX-S", weight_g=1, expected_g=1),
        RejectCode.BAD_SSCC,
        station=THERE,
        user=PACKER,
    )
    pack(order, OrderPacked(N, box="BOX-S", weight_g=1100))
    assert order.status is OrderStatus.PACKED
    assert len(order.packages) == 2  # the order.packed of a multi-package order adds none


def test_an_empty_package_cannot_be_closed() -> None:
    refused(
        packing_order(),
        PackageClosed(N, 1, SSCC_1, "BOX-S", weight_g=100, expected_g=100),
        RejectCode.EMPTY_PACKAGE,
        station=THERE,
        user=PACKER,
    )


def test_a_pack_hold_sends_the_open_package_back_to_the_tote() -> None:
    order = packing_order()
    pack(order, LinePacked(N, line_no=1, qty=1))
    pack(order, PackageClosed(N, 1, SSCC_1, "BOX-S", weight_g=300, expected_g=300))
    pack(order, LinePacked(N, line_no=1, qty=1, package_no=2))
    pack(order, PackHeld(N, reason=PackHoldReason.DAMAGED_ITEM, line_no=1))
    assert order.status is OrderStatus.ON_HOLD
    assert (order.held_from, order.hold_reason) == (OrderStatus.PICKED, "damaged_item")
    assert [line.packed_qty for line in order.lines] == [1, 0]  # the closed package stays
    assert (order.assigned_station, order.assigned_user) == (None, None)
    refused(order, LinePacked(N, line_no=1, qty=1), RejectCode.ON_HOLD, station=THERE, user=PACKER)


def test_a_pack_hold_belongs_to_the_packing_station() -> None:
    order = packing_order()
    refused(
        order, PackHeld(N, reason=PackHoldReason.OTHER), RejectCode.CLAIMED_ELSEWHERE, user=PACKER
    )
    refused(
        order,
        PackHeld(N, reason=PackHoldReason.OTHER, line_no=9),
        RejectCode.UNKNOWN_LINE,
        station=THERE,
        user=PACKER,
    )


def test_ship() -> None:
    order = packed_order()
    assert order.packages == [Package(1, "BOX-M", 900, "TRK1")]
    apply(order, OrderShipped(N), station=THERE, user=PACKER)
    assert order.status is OrderStatus.SHIPPED


@pytest.mark.parametrize("make", [open_order, picking_order, picked_order, packing_order])
def test_ship_needs_a_packed_order(make: Callable[[], Order]) -> None:
    refused(make(), OrderShipped(N), RejectCode.WRONG_STATUS, station=THERE, user=PACKER)


# A wrong scan changes no order and is taken whatever the status (see below).
CHANGING = [t for t in EventType if t is not EventType.SCAN_WRONG]


@pytest.mark.parametrize("event_type", CHANGING)
def test_shipped_order_takes_no_more_events(event_type: EventType) -> None:
    refused(shipped_order(), ANY_EVENT[event_type], RejectCode.WRONG_STATUS, user=ADMIN)


# -- hold / unhold / priority -------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "held_from", "after_unhold"),
    [
        (open_order, OrderStatus.OPEN, OrderStatus.OPEN),
        (picking_order, OrderStatus.PICKING, OrderStatus.OPEN),
        (picked_order, OrderStatus.PICKED, OrderStatus.PICKED),
        (packing_order, OrderStatus.PACKING, OrderStatus.PICKED),
        (packed_order, OrderStatus.PACKED, OrderStatus.PACKED),
    ],
)
def test_hold_and_unhold_restore_the_status(
    make: Callable[[], Order], held_from: OrderStatus, after_unhold: OrderStatus
) -> None:
    order = make()
    lines_before = copy.deepcopy(order.lines)
    apply(order, OrderHeld(N, reason="address check"), station="OFFICE", user=SUPERVISOR)
    assert (order.status, order.held_from, order.hold_reason) == (
        OrderStatus.ON_HOLD,
        held_from,
        "address check",
    )
    assert (order.assigned_station, order.assigned_user) == (None, None)
    apply(order, OrderUnheld(N), station="OFFICE", user=SUPERVISOR)
    assert order.status is after_unhold
    assert (order.held_from, order.hold_reason) == (None, "")
    assert order.lines == lines_before


def test_hold_again_changes_the_reason_but_keeps_where_it_came_from() -> None:
    order = picked_order()
    apply(order, OrderHeld(N, reason="first"), user=SUPERVISOR)
    apply(order, OrderHeld(N, reason="second"), user=SUPERVISOR)
    assert (order.status, order.held_from, order.hold_reason) == (
        OrderStatus.ON_HOLD,
        OrderStatus.PICKED,
        "second",
    )
    apply(order, OrderUnheld(N), user=SUPERVISOR)
    assert order.status is OrderStatus.PICKED


@pytest.mark.parametrize("make", [open_order, picking_order, packed_order])
def test_unhold_needs_a_held_order(make: Callable[[], Order]) -> None:
    refused(make(), OrderUnheld(N), RejectCode.WRONG_STATUS, user=SUPERVISOR)


ALLOWED_ON_HOLD = (EventType.ORDER_HELD, EventType.ORDER_UNHELD, EventType.PRIORITY_SET)


@pytest.mark.parametrize("event_type", [t for t in CHANGING if t not in ALLOWED_ON_HOLD])
def test_on_hold_refuses_everything_but_hold_unhold_and_priority(event_type: EventType) -> None:
    order = picking_order()
    apply(order, OrderHeld(N, reason="count check"), user=SUPERVISOR)
    rejection = refused(order, ANY_EVENT[event_type], RejectCode.ON_HOLD, user=ADMIN)
    assert "count check" in rejection.reason


def test_priority_can_change_while_on_hold() -> None:
    order = picking_order()
    apply(order, OrderHeld(N, reason="count check"), user=SUPERVISOR)
    apply(order, PrioritySet(N, priority=Priority.LOW), user=SUPERVISOR)
    assert (order.status, order.priority) == (OrderStatus.ON_HOLD, Priority.LOW)


def test_an_event_for_another_order_is_refused() -> None:
    order = picking_order()
    before = order.copy()
    refused(order, LinePicked("OTHER-1", line_no=1, qty=1), RejectCode.UNKNOWN_ORDER)
    assert order == before


def test_priority_set() -> None:
    order = picking_order()
    apply(order, PrioritySet(N, priority=Priority.URGENT), station="OFFICE", user=SUPERVISOR)
    assert order.priority is Priority.URGENT
    assert (order.status, order.assigned_station) == (OrderStatus.PICKING, HERE)


# -- cancelled ----------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", CHANGING)
@pytest.mark.parametrize("make", [open_order, picking_order, packing_order])
def test_cancelled_order_refuses_everything(
    make: Callable[[], Order], event_type: EventType
) -> None:
    order = make()
    order.status = OrderStatus.CANCELLED  # the shop side cancels; stations learn it by pull
    rejection = refused(order, ANY_EVENT[event_type], RejectCode.CANCELLED, user=ADMIN)
    assert RejectCode.CANCELLED.value == "order_cancelled"
    assert "cancelled" in rejection.reason


# -- check_user ---------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", list(EventType))
def test_check_user_roles(event_type: EventType) -> None:
    ev = event(ANY_EVENT[event_type])
    needed = NEEDED_ROLES[event_type]
    assert type(ANY_EVENT[event_type]).roles == needed
    assert check_user(ADMIN, ev) is ADMIN
    for role in (Role.PICKER, Role.PACKER, Role.SUPERVISOR):
        user = person("someone", role)
        if any(user.can(r) for r in needed):
            assert check_user(user, ev) is user
        else:
            with pytest.raises(Rejection) as info:
                check_user(user, ev)
            assert info.value.code is RejectCode.NOT_ALLOWED
            assert event_type.value in info.value.reason


def test_check_user_accepts_any_of_several_roles() -> None:
    both = person("max", Role.PICKER, Role.PACKER)
    for event_type in (EventType.LINE_PICKED, EventType.LINE_PACKED):
        assert check_user(both, event(ANY_EVENT[event_type])) is both


@pytest.mark.parametrize(
    "user",
    [None, person("gone", Role.ADMIN, active=False), person("old", Role.PICKER, active=False)],
)
def test_check_user_refuses_unknown_and_inactive_users(user: User | None) -> None:
    ev = event(ANY_EVENT[EventType.LINE_PICKED])
    with pytest.raises(Rejection) as info:
        check_user(user, ev)
    assert info.value.code is RejectCode.UNKNOWN_USER


def test_every_event_type_has_a_handler() -> None:
    # An admin sends every event type to a fresh order: none may crash with a KeyError.
    for event_type, cls in EVENT_TYPES.items():
        assert isinstance(ANY_EVENT[event_type], cls)
        order = open_order()
        with contextlib.suppress(Rejection):
            apply(order, ANY_EVENT[event_type], user=ADMIN)


# -- wrong scans ------------------------------------------------------------------------


def _any_status(status: OrderStatus) -> Order:
    order = packing_order()
    order.status = status
    if status is OrderStatus.ON_HOLD:
        order.hold_reason = "count check"
    return order


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("user", [PICKER, PACKER, SUPERVISOR, ADMIN])
@pytest.mark.parametrize("station", [HERE, THERE])
def test_a_wrong_scan_is_taken_in_every_status_and_changes_nothing(
    status: OrderStatus, user: User, station: str
) -> None:
    order = _any_status(status)
    before = copy.deepcopy(order)
    apply(order, ANY_EVENT[EventType.SCAN_WRONG], station=station, user=user)
    assert order == before


def test_a_wrong_scan_for_another_order_is_refused() -> None:
    other = WrongScan("OTHER-1", expected=ScanExpected.BIN, scanned="A-1")
    refused(picking_order(), other, RejectCode.UNKNOWN_ORDER)


def test_a_wrong_scan_of_an_inactive_user_is_refused() -> None:
    ev = event(ANY_EVENT[EventType.SCAN_WRONG], user=person("gone", Role.PICKER, active=False))
    with pytest.raises(Rejection) as info:
        check_user(person("gone", Role.PICKER, active=False), ev)
    assert info.value.code is RejectCode.UNKNOWN_USER
