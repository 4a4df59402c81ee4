"""What an event does to an order, and when it is refused.

The order store applies these rules to the authoritative order; a station applies the
same rules to its local copy so that what the screen shows is what the store will do.
A refusal is a ``Rejection`` with a typed code and a sentence for the operator.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from app.domain.events import (
    ClaimCancelled,
    Event,
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
    PackStarted,
    Payload,
    PickerAssigned,
    PickerUnassigned,
    PrioritySet,
    WrongScan,
)
from app.domain.gtin import is_sscc
from app.domain.model import Order, OrderLine, OrderStatus, Package, Role, User


class RejectCode(enum.StrEnum):
    """Why the store refused an event."""

    UNKNOWN_ORDER = "unknown_order"
    UNKNOWN_USER = "unknown_user"
    UNKNOWN_LINE = "unknown_line"
    NOT_ALLOWED = "not_allowed"
    CANCELLED = "order_cancelled"
    ON_HOLD = "order_on_hold"
    WRONG_STATUS = "wrong_status"
    CLAIMED_ELSEWHERE = "claimed_elsewhere"
    OVER_PICK = "over_pick"
    OVER_SHORT = "over_short"
    OVER_UNPICK = "over_unpick"
    OVER_UNSHORT = "over_unshort"
    OVER_PACK = "over_pack"
    OVER_UNPACK = "over_unpack"
    """An undo at the pack station of more than the package being filled holds."""
    EMPTY_PACKAGE = "empty_package"
    PACKAGE_OUT_OF_ORDER = "package_out_of_order"
    BAD_SSCC = "bad_sscc"
    INCOMPLETE = "incomplete"
    SUPERVISOR_PROOF = "supervisor_proof"
    """A supervisor action without a valid proof that the supervisor was there
    (no PIN set, no proof, or a proof made with another PIN)."""
    SUPERVISOR_LOCKED = "supervisor_locked"
    """Too many wrong proofs for this supervisor lately: refused until the lock ends."""
    ASSIGNED_ELSEWHERE = "assigned_elsewhere"
    """The order is kept for another picker."""
    UNKNOWN_PICKER = "unknown_picker"
    """An assignment to someone unknown, inactive or without the picker role."""
    CLAIM_CHANGED = "claim_changed"
    """The claim a supervisor cancels is no longer the one they saw."""
    NO_LABELS = "no_labels"
    """A reprint of labels the order does not have."""


class Rejection(Exception):
    """An event the rules refuse; nothing of it is applied."""

    def __init__(self, code: RejectCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def check_user(user: User | None, event: Event) -> User:
    """The acting user, when known, active and holding the role the event needs.

    Raises:
        Rejection: unknown or inactive user, or a role that may not send the event.
    """
    if user is None or not user.active:
        raise Rejection(RejectCode.UNKNOWN_USER, f"unknown or inactive user {event.user!r}")
    needed = type(event.payload).roles
    if not any(user.can(role) for role in needed):
        wanted = " or ".join(sorted(role.value for role in needed))
        raise Rejection(
            RejectCode.NOT_ALLOWED,
            f"user {user.username} may not send {event.type.value}: needs the {wanted} role",
        )
    return user


def needs_supervisor_proof(order: Order | None, event: Event, user: User) -> bool:
    """True when ``event`` acts by a supervisor's authority, so that it must carry a
    proof (``app.domain.proof``): every supervisor-only event, and a supervisor's
    release of an order another station holds (a person's own release needs none; a
    picker's release of another station's order is refused by the rules anyway)."""
    payload = event.payload
    if type(payload).roles == frozenset({Role.SUPERVISOR}):
        return True
    return (
        isinstance(payload, OrderReleased)
        and user.can(Role.SUPERVISOR)
        and order is not None
        and order.assigned_station not in (None, event.station)
    )


def check_assignee(picker: User | None, event: Event) -> None:
    """An assignment's picker must be known, active and a picker.

    Raises:
        Rejection: ``UNKNOWN_PICKER``.
    """
    payload = event.payload
    assert isinstance(payload, PickerAssigned)
    if picker is None or not picker.active or not picker.can(Role.PICKER):
        raise Rejection(
            RejectCode.UNKNOWN_PICKER, f"{payload.picker!r} is no active picker to assign"
        )


def apply_event(order: Order, event: Event, user: User) -> None:
    """Apply ``event`` (by ``user``, already checked) to ``order`` in place.

    Either the whole event applies or ``Rejection`` is raised and ``order`` is untouched
    (every check comes before the first change).
    """
    payload = event.payload
    if payload.order_number != order.order_number:
        raise Rejection(
            RejectCode.UNKNOWN_ORDER,
            f"the event is for order {payload.order_number}, not {order.order_number}",
        )
    if isinstance(payload, WrongScan):
        return  # a fact about the person: no status refuses it, nothing changes
    if order.status is OrderStatus.CANCELLED:
        raise Rejection(
            RejectCode.CANCELLED,
            f"order {order.order_number} was cancelled: put its items back or to the "
            "cancelled-orders shelf",
        )
    if order.status is OrderStatus.ON_HOLD and not isinstance(
        payload, OrderUnheld | OrderHeld | PrioritySet
    ):
        raise Rejection(
            RejectCode.ON_HOLD,
            f"order {order.order_number} is on hold ({order.hold_reason or 'no reason given'})",
        )
    handler = _HANDLERS[type(payload)]
    handler(order, event, user)


def _require_status(order: Order, *allowed: OrderStatus) -> None:
    if order.status not in allowed:
        wanted = " or ".join(s.value for s in allowed)
        raise Rejection(
            RejectCode.WRONG_STATUS,
            f"order {order.order_number} is {order.status.value}, must be {wanted}",
        )


def _require_owner(order: Order, event: Event) -> None:
    if order.assigned_station not in (None, event.station):
        raise Rejection(
            RejectCode.CLAIMED_ELSEWHERE,
            f"order {order.order_number} is being worked at station {order.assigned_station}",
        )


def _line(order: Order, line_no: int) -> OrderLine:
    try:
        return order.line(line_no)
    except KeyError:
        raise Rejection(
            RejectCode.UNKNOWN_LINE, f"order {order.order_number} has no line {line_no}"
        ) from None


def _claimed(order: Order, event: Event, user: User) -> None:
    if order.status is OrderStatus.PICKING and order.assigned_station == event.station:
        order.assigned_user = user.username  # a re-claim after a restart: same station
        return
    _require_owner(order, event)
    _require_status(order, OrderStatus.OPEN)
    if order.assigned_user not in (None, user.username):
        raise Rejection(
            RejectCode.ASSIGNED_ELSEWHERE,
            f"order {order.order_number} is kept for picker {order.assigned_user}",
        )
    order.status = OrderStatus.PICKING
    order.assigned_station = event.station
    order.assigned_user = user.username
    assert isinstance(event.payload, OrderClaimed)
    _into_tote(order, event.payload.tote)


def _released(order: Order, event: Event, user: User) -> None:
    _require_status(order, OrderStatus.PICKING, OrderStatus.PACKING)
    if not user.can(Role.SUPERVISOR):
        _require_owner(order, event)
    order.status = OrderStatus.OPEN if order.status is OrderStatus.PICKING else OrderStatus.PICKED
    order.assigned_station = None
    order.assigned_user = None


def _into_tote(order: Order, tote: str | None) -> None:
    """Packing finds the order by the totes it was picked into."""
    if tote and tote not in order.totes:
        order.totes = (*order.totes, tote)


def _picking_line(order: Order, event: Event, line_no: int) -> OrderLine:
    """The line a picking event changes, once the order is being picked here."""
    _require_status(order, OrderStatus.PICKING)
    _require_owner(order, event)
    return _line(order, line_no)


def _picked(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LinePicked)
    line = _picking_line(order, event, event.payload.line_no)
    if event.payload.qty > line.open_qty:
        raise Rejection(
            RejectCode.OVER_PICK,
            f"over-pick: line {line.line_no} of order {order.order_number} ({line.sku}) has "
            f"{line.open_qty} left to pick, the event picks {event.payload.qty}",
        )
    line.picked_qty += event.payload.qty
    _into_tote(order, event.payload.tote)


def _unpicked(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LineUnpicked)
    line = _picking_line(order, event, event.payload.line_no)
    if event.payload.qty > line.picked_qty:
        raise Rejection(
            RejectCode.OVER_UNPICK,
            f"line {line.line_no} of order {order.order_number} has only {line.picked_qty} "
            f"picked, cannot undo {event.payload.qty}",
        )
    line.picked_qty -= event.payload.qty


def _short(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LineShort)
    line = _picking_line(order, event, event.payload.line_no)
    if event.payload.qty > line.open_qty:
        raise Rejection(
            RejectCode.OVER_SHORT,
            f"line {line.line_no} of order {order.order_number} has {line.open_qty} left, "
            f"cannot report {event.payload.qty} short",
        )
    line.short_qty += event.payload.qty


def _short_undone(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LineShortUndone)
    line = _picking_line(order, event, event.payload.line_no)
    if event.payload.qty > line.short_qty:
        raise Rejection(
            RejectCode.OVER_UNSHORT,
            f"line {line.line_no} of order {order.order_number} has only {line.short_qty} "
            f"reported short, cannot take back {event.payload.qty}",
        )
    line.short_qty -= event.payload.qty


def _order_picked(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, OrderPicked)
    _require_status(order, OrderStatus.PICKING)
    _require_owner(order, event)
    if not order.is_fully_picked:
        left = sum(line.open_qty for line in order.lines)
        raise Rejection(
            RejectCode.INCOMPLETE,
            f"order {order.order_number} still has {left} item(s) to pick or report short",
        )
    order.status = OrderStatus.PICKED
    order.assigned_station = None
    order.assigned_user = None


def _pack_started(order: Order, event: Event, user: User) -> None:
    if order.status is OrderStatus.PACKING and order.assigned_station == event.station:
        order.assigned_user = user.username
        return
    _require_owner(order, event)
    _require_status(order, OrderStatus.PICKED)
    order.status = OrderStatus.PACKING
    order.assigned_station = event.station
    order.assigned_user = user.username


def _line_packed(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LinePacked)
    _require_status(order, OrderStatus.PACKING)
    _require_owner(order, event)
    line = _line(order, event.payload.line_no)
    package_no = event.payload.package_no or 1
    if package_no != len(order.packages) + 1:
        raise Rejection(
            RejectCode.PACKAGE_OUT_OF_ORDER,
            f"order {order.order_number} is filling package {len(order.packages) + 1}, "
            f"not {package_no}",
        )
    if line.packed_qty + event.payload.qty > line.picked_qty:
        raise Rejection(
            RejectCode.OVER_PACK,
            f"over-pack: line {line.line_no} of order {order.order_number} ({line.sku}) has "
            f"{line.picked_qty - line.packed_qty} left to pack, "
            f"the event packs {event.payload.qty}",
        )
    line.packed_qty += event.payload.qty


def _line_unpacked(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, LineUnpacked)
    _require_status(order, OrderStatus.PACKING)
    _require_owner(order, event)
    line = _line(order, event.payload.line_no)
    loose = line.packed_qty - order.sealed_qty(line.line_no)
    if event.payload.qty > loose:
        raise Rejection(
            RejectCode.OVER_UNPACK,
            f"line {line.line_no} of order {order.order_number} has {loose} verified unit(s) "
            f"outside closed packages, cannot take back {event.payload.qty}",
        )
    line.packed_qty -= event.payload.qty


def _package_closed(order: Order, event: Event, user: User) -> None:
    payload = event.payload
    assert isinstance(payload, PackageClosed)
    _require_status(order, OrderStatus.PACKING)
    _require_owner(order, event)
    if payload.package_no != len(order.packages) + 1:
        raise Rejection(
            RejectCode.PACKAGE_OUT_OF_ORDER,
            f"order {order.order_number} has {len(order.packages)} package(s); the next is "
            f"{len(order.packages) + 1}, not {payload.package_no}",
        )
    if not is_sscc(payload.sscc) or any(p.sscc == payload.sscc for p in order.packages):
        raise Rejection(
            RejectCode.BAD_SSCC,
            f"{payload.sscc!r} is not a valid SSCC-18, or another package of order "
            f"{order.order_number} has it",
        )
    contents = tuple(
        (line.line_no, line.packed_qty - order.sealed_qty(line.line_no))
        for line in order.lines
        if line.packed_qty > order.sealed_qty(line.line_no)
    )
    if not contents:
        raise Rejection(
            RejectCode.EMPTY_PACKAGE,
            f"order {order.order_number}: no verified unit is outside a closed package",
        )
    order.packages.append(
        Package(
            package_no=payload.package_no,
            box=payload.carton,
            weight_g=payload.weight_g,
            sscc=payload.sscc,
            contents=contents,
        )
    )


def _pack_held(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, PackHeld)
    _require_status(order, OrderStatus.PACKING)
    _require_owner(order, event)
    if event.payload.line_no is not None:
        _line(order, event.payload.line_no)
    for line in order.lines:  # units not in a closed package go back to the tote
        line.packed_qty = order.sealed_qty(line.line_no)
    order.held_from = OrderStatus.PICKED
    order.status = OrderStatus.ON_HOLD
    order.hold_reason = event.payload.reason.value
    order.assigned_station = None
    order.assigned_user = None


def _order_packed(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, OrderPacked)
    _require_status(order, OrderStatus.PACKING)
    _require_owner(order, event)
    if order.packages:  # closed one by one with package.closed
        loose = sum(line.picked_qty - order.sealed_qty(line.line_no) for line in order.lines)
        if loose:
            raise Rejection(
                RejectCode.INCOMPLETE,
                f"order {order.order_number} still has {loose} picked item(s) not in a "
                "closed package",
            )
        order.status = OrderStatus.PACKED
        order.assigned_station = None
        order.assigned_user = None
        return
    unpacked = sum(line.picked_qty - line.packed_qty for line in order.lines)
    if not any(line.packed_qty for line in order.lines):
        raise Rejection(
            RejectCode.INCOMPLETE,
            f"order {order.order_number} has nothing in the box: every line was short; "
            "ask a supervisor to cancel or hold it",
        )
    if unpacked:
        raise Rejection(
            RejectCode.INCOMPLETE,
            f"order {order.order_number} still has {unpacked} picked item(s) not scanned "
            "into the box",
        )
    order.packages.append(
        Package(
            package_no=len(order.packages) + 1,
            box=event.payload.box,
            weight_g=event.payload.weight_g,
            tracking=event.payload.tracking or "",
        )
    )
    order.status = OrderStatus.PACKED
    order.assigned_station = None
    order.assigned_user = None


def _shipped(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, OrderShipped)
    _require_status(order, OrderStatus.PACKED)
    order.status = OrderStatus.SHIPPED


def _held(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, OrderHeld)
    if order.status.is_final:
        raise Rejection(
            RejectCode.WRONG_STATUS,
            f"order {order.order_number} is {order.status.value} and can no longer be held",
        )
    if order.status is not OrderStatus.ON_HOLD:
        order.held_from = order.status
    order.status = OrderStatus.ON_HOLD
    order.hold_reason = event.payload.reason
    order.assigned_station = None
    order.assigned_user = None


def _unheld(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, OrderUnheld)
    _require_status(order, OrderStatus.ON_HOLD)
    previous = order.held_from or OrderStatus.OPEN
    # Work in progress goes back to the queue: nobody is assigned any more.
    order.status = {
        OrderStatus.PICKING: OrderStatus.OPEN,
        OrderStatus.PACKING: OrderStatus.PICKED,
    }.get(previous, previous)
    order.held_from = None
    order.hold_reason = ""


def _priority_set(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, PrioritySet)
    if order.status.is_final:
        raise Rejection(
            RejectCode.WRONG_STATUS,
            f"order {order.order_number} is {order.status.value}; its priority no longer matters",
        )
    order.priority = event.payload.priority


def _picker_assigned(order: Order, event: Event, user: User) -> None:
    payload = event.payload
    assert isinstance(payload, PickerAssigned)
    _require_status(order, OrderStatus.OPEN)
    order.assigned_user = payload.picker


def _picker_unassigned(order: Order, event: Event, user: User) -> None:
    assert isinstance(event.payload, PickerUnassigned)
    _require_status(order, OrderStatus.OPEN)
    order.assigned_user = None


def _claim_cancelled(order: Order, event: Event, user: User) -> None:
    payload = event.payload
    assert isinstance(payload, ClaimCancelled)
    _require_status(order, OrderStatus.PICKING, OrderStatus.PACKING)
    if order.assigned_station != payload.station:
        raise Rejection(
            RejectCode.CLAIM_CHANGED,
            f"order {order.order_number} is held by {order.assigned_station}, "
            f"not {payload.station}",
        )
    # What was picked stays picked (it is in the tote); a package being filled goes
    # back to its tote, as on a pack hold.
    if order.status is OrderStatus.PACKING:
        for line in order.lines:
            line.packed_qty = order.sealed_qty(line.line_no)
    order.status = OrderStatus.OPEN if order.status is OrderStatus.PICKING else OrderStatus.PICKED
    order.assigned_station = None
    order.assigned_user = None


def _labels_reprint(order: Order, event: Event, user: User) -> None:
    payload = event.payload
    assert isinstance(payload, LabelsReprint)
    if order.status.is_final:
        raise Rejection(
            RejectCode.WRONG_STATUS,
            f"order {order.order_number} is {order.status.value}: its parcels have left",
        )
    numbers = {package.package_no for package in order.packages}
    if not numbers or (payload.package_no is not None and payload.package_no not in numbers):
        raise Rejection(
            RejectCode.NO_LABELS,
            f"order {order.order_number} has no package {payload.package_no or ''} to reprint",
        )
    # Nothing changes on the order: the store hands the request to the station.


_HANDLERS: dict[type[Payload], Callable[[Order, Event, User], None]] = {
    OrderClaimed: _claimed,
    OrderReleased: _released,
    LinePicked: _picked,
    LineUnpicked: _unpicked,
    LineShort: _short,
    LineShortUndone: _short_undone,
    OrderPicked: _order_picked,
    PackStarted: _pack_started,
    LinePacked: _line_packed,
    LineUnpacked: _line_unpacked,
    PackageClosed: _package_closed,
    PackHeld: _pack_held,
    OrderPacked: _order_packed,
    OrderShipped: _shipped,
    OrderHeld: _held,
    OrderUnheld: _unheld,
    PrioritySet: _priority_set,
    PickerAssigned: _picker_assigned,
    PickerUnassigned: _picker_unassigned,
    ClaimCancelled: _claim_cancelled,
    LabelsReprint: _labels_reprint,
}
