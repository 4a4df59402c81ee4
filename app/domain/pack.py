"""The pack session: verify every item of an order by scan, box, weigh, close, print.

A plain-Python state machine (no Qt, no SQL, no HTTP), built like the pick session
(``app.domain.pick``): the pack screen forwards the packer's input as intents and each
intent returns a ``PackOutcome`` with the events to record durably (all in one local
transaction, before the beep), the tone, a message code and the next ``PackPrompt``.
Every event is applied to the session's own copy of the order with
``app.domain.rules.apply_event`` before it is handed out, so the session's counts are
exactly what the events say and nothing the rules refuse is ever returned.

The order is filled package by package: every unit scanned goes into the package being
filled (``line.packed`` with its package number and the lot, expiry and serial a GS1
label carried); ``CLOSE`` (or the last unit) asks for a carton, then a weight; a weight
within the station's tolerance of the expected one (items plus the carton's tare), or
a supervisor's badge, closes the package (``package.closed``, with the SSCC the caller
allocated in the same transaction); its labels print; when every picked unit is in a
closed package and the last labels are out, ``order.packed``. A hold at any step before
the close (``order.pack_held`` with a reason) sends the loose units back to the tote.

Invariants (property-tested): no line is verified beyond what was picked; a package is
never closed empty; the order is packed only when every picked unit is in a closed
package; a wrong answer carries no events and changes nothing.

Durability: the counts and the closed packages are durable (events); a session built
from the order as the station holds it resumes at the same step: VERIFY while units
are loose or left, CARTON when all are verified but not closed, PRINT when all are
closed but ``order.packed`` was not recorded (the caller says which packages' labels
are out). The chosen carton, a weight read but not accepted, a QTY set and the undo
history are not events and are lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

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
    Payload,
    new_event,
)
from app.domain.gtin import is_case_gtin
from app.domain.model import Order, OrderLine, OrderStatus, Product, Role, User
from app.domain.pack_outcome import PackLine, PackMessage, PackOutcome, PackPrompt, PackState
from app.domain.pick_outcome import Tone
from app.domain.rules import Rejection, apply_event
from app.domain.scan import BadgeScan, CommandScan, InvalidScan, ProductScan, Scan, UnknownScan

__all__ = ["Carton", "PackSession", "Tolerance"]

Said = tuple[Tone, PackMessage, dict[str, str | int]]


class Carton(Protocol):
    """What the session needs of a carton type (``app.domain.carton`` has the rest)."""

    @property
    def code(self) -> str: ...

    @property
    def barcode(self) -> str: ...

    @property
    def tare_g(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a parcel's weight may be from the expected one: the larger of ``grams``
    and ``percent`` of the expected weight (a scale reads light parcels to a few grams,
    heavy ones to a share of their weight)."""

    grams: int = 50
    percent: float = 5.0

    def allowed(self, expected_g: int) -> int:
        return max(self.grams, round(expected_g * self.percent / 100))


Suggest = Callable[[Sequence[tuple[Product | None, int]]], str | None]
"""The cartonization: for the loose items (product, how many), a carton code or None."""


class PackSession:
    """Packing one order at this station.

    Args:
        order: the order as the station holds it (picked, or being packed here).
        station: this station's id (stamped on every event).
        user: the packer.
        products: products by SKU (names, barcodes' matches, weights).
        cartons: the carton types this station packs into.
        tolerance: how far a weight may be from the expected one.
        other_orders: for each SKU of the other orders in the same tote, which order
            (a wrong item that belongs to one of them is named as such).
        suggest: the cartonization (``None``: no suggestion).
        printed: the packages whose labels are known to be printed (on resume).
        clock: what stamps the events; ``None`` for the current UTC time.

    Raises:
        ValueError: the order is not picked, nor being packed at this station.
    """

    def __init__(
        self,
        order: Order,
        *,
        station: str,
        user: User,
        products: Mapping[str, Product] | None = None,
        cartons: Sequence[Carton] = (),
        tolerance: Tolerance | None = None,
        other_orders: Mapping[str, str] | None = None,
        suggest: Suggest | None = None,
        printed: frozenset[int] = frozenset(),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        packing_here = order.status is OrderStatus.PACKING and order.assigned_station in (
            None,
            station,
        )
        if order.status not in (OrderStatus.PICKED, OrderStatus.PACKED) and not packing_here:
            raise ValueError(f"order {order.order_number} is not being packed at {station}")
        self._order = order.copy()
        self._station, self._user, self._clock = station, user, clock
        self._products = dict(products or {})
        self._cartons = list(cartons)
        self._tolerance = tolerance or Tolerance()
        self._other = dict(other_orders or {})
        self._suggest = suggest
        self._printed = set(printed)
        self._undo: list[tuple[int, int]] = []  # (line, qty) verified in the open package
        self._qty: int | None = None
        self._carton: Carton | None = None
        self._weighing = False  # a carton is chosen and the parcel goes on the scale
        self._off: tuple[int, int] | None = None  # (weight, expected) out of tolerance
        self._asking_hold = False
        self._held = False
        self._closing = False  # CLOSE before everything is verified
        self._undone: tuple[int, int] | None = None  # (line, units) of the undos in a row

    # -- what the session shows ------------------------------------------------------

    @property
    def order(self) -> Order:
        """A copy of the order with every event so far applied."""
        return self._order.copy()

    @property
    def user(self) -> User:
        """The packer."""
        return self._user

    @property
    def state(self) -> PackState:
        order = self._order
        if order.status in (OrderStatus.PACKED, OrderStatus.ON_HOLD) or self._held:
            return PackState.DONE
        if self._asking_hold:
            return PackState.HOLD_REASON
        if self._off is not None:
            return PackState.OVERRIDE
        if self._weighing:
            return PackState.WEIGH
        loose = self._loose_units()
        if self._units_left() == 0 and loose == 0 and order.packages:
            return PackState.PRINT
        if loose and (self._closing or self._units_left() == 0):
            return PackState.CARTON
        return PackState.VERIFY

    def prompt(self) -> PackPrompt:
        """What to show now."""
        state = self.state
        lines = tuple(
            PackLine(
                line.line_no,
                line.sku,
                self._name(line.sku),
                line.picked_qty,
                line.packed_qty,
            )
            for line in self._order.lines
            if line.picked_qty
        )
        package_no = len(self._order.packages) + 1
        if state is PackState.PRINT:  # the first whose labels are not out, else the last
            package_no = self._unprinted() or len(self._order.packages)
        suggested = None
        if state in (PackState.CARTON, PackState.WEIGH, PackState.OVERRIDE):
            suggested = self._suggestion()
        return PackPrompt(
            state,
            self._order.order_number,
            lines,
            package_no=max(1, package_no),
            carton=self._carton.code if self._carton is not None else None,
            suggested=suggested,
            expected_g=self._expected() if self._carton is not None else 0,
            pending_qty=self._qty,
            units_left=self._units_left(),
        )

    @property
    def is_finished(self) -> bool:
        return self.state is PackState.DONE

    # -- intents -----------------------------------------------------------------------

    def start(self) -> PackOutcome:
        """The packer opened the order here.

        Transitions:
            a picked order --> VERIFY (PackStarted).
            an order being packed here --> where it was left (RESUMED), no events.
        """
        return self._run(self._on_start)

    def scan(self, scan: Scan, typed: int | None = None, sscc: str = "") -> PackOutcome:
        """The packer scanned something.

        Args:
            scan: what was scanned.
            typed: a quantity on the open keypad not confirmed with OK (0: nothing
                typed); in VERIFY it applies to this scan as a QTY would.
            sscc: in OVERRIDE, the SSCC a supervisor's badge closes the package with
                (allocated by the caller as for ``weigh``).

        Transitions:
            VERIFY --an item of the order with units left--> VERIFY, or CARTON when the
                order is all verified (LinePacked, into the package being filled).
            VERIFY --an item of another order in the tote--> OTHER_ORDER (WRONG);
                --an item not in the order--> WRONG_ITEM; --one more than was
                picked--> OVER_SCAN; --a case label without a count--> CASE_LABEL.
            CARTON --a carton's barcode--> WEIGH.
            OVERRIDE --a badge--> as ``override`` with that user and ``sscc``.
            any --CommandScan--> see ``command``.
            Anything else: tone WRONG, no events, nothing changes.
        """
        if isinstance(scan, CommandScan):
            return self.command(scan.command)
        if isinstance(scan, BadgeScan) and self.state is PackState.OVERRIDE:
            return self.override(scan.user, sscc)
        return self._run(lambda events: self._on_scan(scan, typed, events))

    def command(self, command: Command) -> PackOutcome:
        """The packer scanned a command barcode.

        Transitions:
            VERIFY --QTY n--> VERIFY: the next item scan counts n.
            VERIFY --CLOSE, something verified since the last close--> CARTON.
            CARTON --CONFIRM, a carton suggested--> WEIGH with the suggestion.
            CARTON / WEIGH / OVERRIDE --CANCEL--> VERIFY (the package stays open).
            VERIFY / CARTON / WEIGH / OVERRIDE --HOLD with reason--> DONE (PackHeld);
                --HOLD without--> HOLD_REASON; HOLD_REASON --CANCEL--> back.
            any --UNDO--> see ``undo``.
            DONE --NEXT / CONFIRM--> DONE (FINISHED: the screen takes the next order).
            Anything else: tone WRONG (COMMAND_NOT_HERE), nothing changes.
        """
        name = command.name
        if name is CommandName.UNDO:
            return self.undo()
        if name is CommandName.HOLD:
            return self.hold(command.hold)
        return self._run(lambda events: self._on_command(command))

    def choose_carton(self, code: str) -> PackOutcome:
        """The packer chose a carton (by its code or barcode).

        Transitions:
            CARTON --a known carton--> WEIGH; an unknown one: UNKNOWN_CARTON (WRONG).
        """
        return self._run(lambda events: self._on_carton(code))

    def weigh(self, grams: int, sscc: str) -> PackOutcome:
        """A weight for the parcel: from the scale's stable reading or typed.

        Args:
            grams: the weight.
            sscc: the SSCC for the package, allocated by the caller in the transaction
                that records the answer (unused, and not committed, when the weight is
                refused).

        Transitions:
            WEIGH / OVERRIDE --within tolerance--> PRINT (PackageClosed).
            WEIGH / OVERRIDE --outside--> OVERRIDE (WEIGHT_OFF, tone WRONG).
            not weighing: WEIGH_FIRST or the step's own answer (WRONG).
        """
        return self._run(lambda events: self._on_weigh(grams, sscc, None, events))

    def override(self, supervisor: User, sscc: str) -> PackOutcome:
        """A supervisor accepts the weight that was outside the tolerance.

        Transitions:
            OVERRIDE --a supervisor--> PRINT (PackageClosed with ``override_by``).
            OVERRIDE --anyone else--> NOT_SUPERVISOR (WRONG).
        """
        return self._run(lambda events: self._on_override(supervisor, sscc, events))

    def hold(self, reason: PackHoldReason | None) -> PackOutcome:
        """The packer cannot finish the order (missing, damaged, wrong item...).

        Transitions:
            VERIFY / CARTON / WEIGH / OVERRIDE / HOLD_REASON --with reason--> DONE
                (PackHeld: the loose units go back to the tote); --without--> HOLD_REASON.
            PRINT / DONE: COMMAND_NOT_HERE (WRONG).
        """
        return self._run(lambda events: self._on_hold(reason, events))

    def undo(self) -> PackOutcome:
        """The packer takes back the last verified scan.

        Transitions:
            VERIFY with a QTY set --> VERIFY without it.
            VERIFY / CARTON --> VERIFY: LineUnpacked for the last scan of the open
                package (UNDONE, with the total of the undos in a row).
            WEIGH / OVERRIDE --> CARTON (the carton choice is taken back).
            HOLD_REASON --> the step before.
            Nothing verified in the open package: NOTHING_TO_UNDO (WRONG).
        """
        return self._run(self._on_undo)

    def printed(self, package_no: int) -> PackOutcome:
        """The labels of package ``package_no`` are printed.

        Transitions:
            PRINT --every closed package's labels printed--> DONE (OrderPacked).
            PRINT --a package's labels still out--> PRINT (WAIT_FOR_PRINT naming it, tone
                NONE: nothing went wrong).
            PRINT --units still to verify--> VERIFY (NEXT_PACKAGE).
            otherwise: nothing changes (tone NONE).
        """
        return self._run(lambda events: self._on_printed(package_no, events))

    def print_failed(self, package_no: int) -> PackOutcome:
        """The labels of ``package_no`` could not be printed: the order waits at PRINT
        (PRINT_PENDING, tone WRONG) until ``printed``."""
        return self._run(lambda events: _wrong(PackMessage.PRINT_PENDING, package_no=package_no))

    # -- handlers --------------------------------------------------------------------

    def _on_start(self, events: list[Event]) -> Said:
        order = self._order
        if order.status is OrderStatus.PICKED:
            self._emit(events, PackStarted(order.order_number))
            units = sum(line.picked_qty for line in order.lines)
            return _good(PackMessage.STARTED, order=order.order_number, units=units)
        return _good(PackMessage.RESUMED, order=order.order_number, units_left=self._units_left())

    def _on_scan(self, scan: Scan, typed: int | None, events: list[Event]) -> Said:
        state = self.state
        if isinstance(scan, InvalidScan):
            return _wrong(PackMessage.UNREADABLE, code=scan.code.value)
        if state is PackState.CARTON:
            if isinstance(scan, UnknownScan | ProductScan):
                return self._on_carton(scan.raw)
            return _wrong(PackMessage.SCAN_CARTON, carton=self._suggestion() or "")
        if state is not PackState.VERIFY:
            return self._stuck(state)
        if isinstance(scan, UnknownScan):
            return _wrong(PackMessage.UNREADABLE, code=scan.code.value)
        if not isinstance(scan, ProductScan):
            return _wrong(PackMessage.UNEXPECTED_SCAN, code=scan.code.value)
        sku = scan.product.sku
        lines = [line for line in self._order.lines if line.sku == sku and line.picked_qty]
        if not lines:
            other = self._other.get(sku)
            if other is not None:
                return _wrong(PackMessage.OTHER_ORDER, scanned=sku, other=other)
            return _wrong(PackMessage.WRONG_ITEM, scanned=sku)
        if typed is not None:
            if typed <= 0:
                return _wrong(PackMessage.QTY_NOT_TYPED)
            self._qty = typed
        if self._qty is None and scan.qty == 1 and is_case_gtin(scan.matched):
            return _wrong(PackMessage.CASE_LABEL, sku=sku)
        qty = self._qty or scan.qty
        line = next((ln for ln in lines if ln.picked_qty - ln.packed_qty >= qty), None)
        if line is None:
            # Too many for what is left: a quantity set for this scan is dropped too
            # (the sentence says how many are left; the packer sets a smaller one).
            verified = sum(ln.packed_qty for ln in lines)
            self._qty = None
            return _wrong(PackMessage.OVER_SCAN, sku=sku, qty=qty, verified=verified)
        self._qty = None
        package_no = len(self._order.packages) + 1
        expiry = scan.expiry.isoformat() if scan.expiry is not None else None
        self._emit(
            events,
            LinePacked(
                self._order.order_number,
                line.line_no,
                qty,
                package_no=package_no if package_no > 1 else None,
                lot=scan.lot,
                expiry=expiry,
                serial=scan.serial,
            ),
        )
        self._undo.append((line.line_no, qty))
        left = self._units_left()
        if left == 0:
            return _good(
                PackMessage.ALL_VERIFIED,
                order=self._order.order_number,
                carton=self._suggestion() or "",
            )
        return _good(
            PackMessage.VERIFIED,
            sku=sku,
            qty=qty,
            left=line.picked_qty - line.packed_qty,
            units_left=left,
        )

    def _on_command(self, command: Command) -> Said:
        name, state = command.name, self.state
        if state is PackState.DONE and name in (CommandName.NEXT, CommandName.CONFIRM):
            return Tone.DONE, PackMessage.FINISHED, {"order": self._order.order_number}
        if name is CommandName.CANCEL:
            if state is PackState.HOLD_REASON:
                self._asking_hold = False
                return _good(PackMessage.STEP_CANCELLED)
            if state in (PackState.CARTON, PackState.WEIGH, PackState.OVERRIDE):
                self._carton, self._weighing, self._off, self._closing = None, False, None, False
                if self._units_left() == 0:  # nothing left to verify: back to the carton
                    return _good(PackMessage.CHOOSE_CARTON, **self._carton_args())
                return _good(PackMessage.BACK_TO_VERIFY, package_no=self._package_no())
            if state is PackState.VERIFY and self._qty is not None:
                self._qty = None
                return _good(PackMessage.QTY_CLEARED)
        if state is PackState.VERIFY and name is CommandName.QTY:
            assert command.qty is not None
            self._qty = command.qty
            return _good(PackMessage.QTY_SET, sku="", qty=command.qty)
        if state is PackState.VERIFY and name is CommandName.CLOSE:
            if self._loose_units() == 0:
                return _wrong(PackMessage.NOTHING_LOOSE)
            self._closing = True
            return _good(PackMessage.CHOOSE_CARTON, **self._carton_args())
        if state is PackState.CARTON and name is CommandName.CONFIRM:
            suggested = self._suggestion()
            if suggested is None:
                return _wrong(PackMessage.SCAN_CARTON, carton="")
            return self._on_carton(suggested)
        if state is not PackState.VERIFY and name is not CommandName.CONFIRM:
            return self._stuck(state)
        return _wrong(PackMessage.COMMAND_NOT_HERE, command=name.value)

    def _on_carton(self, code: str) -> Said:
        if self.state is not PackState.CARTON:
            return self._stuck(self.state)
        carton = next((c for c in self._cartons if code in (c.code, c.barcode)), None)
        if carton is None:
            return _wrong(PackMessage.UNKNOWN_CARTON, code=code[:40])
        self._carton, self._weighing = carton, True
        return _good(PackMessage.CARTON_CHOSEN, carton=carton.code, expected_g=self._expected())

    def _on_weigh(self, grams: int, sscc: str, supervisor: str | None, events: list[Event]) -> Said:
        state = self.state
        if state not in (PackState.WEIGH, PackState.OVERRIDE):
            if state is PackState.CARTON:
                return _wrong(PackMessage.SCAN_CARTON, carton=self._suggestion() or "")
            return self._stuck(state)
        if not 0 < grams <= 1_000_000:
            return _wrong(PackMessage.BAD_WEIGHT, weight_g=grams)
        expected = self._expected()
        allowed = self._tolerance.allowed(expected)
        if supervisor is None and abs(grams - expected) > allowed:
            self._off = (grams, expected)
            return _wrong(
                PackMessage.WEIGHT_OFF, weight_g=grams, expected_g=expected, allowed_g=allowed
            )
        assert self._carton is not None
        package_no = self._package_no()
        self._emit(
            events,
            PackageClosed(
                self._order.order_number,
                package_no,
                sscc,
                self._carton.code,
                weight_g=grams,
                expected_g=expected,
                override_by=supervisor,
            ),
        )
        self._carton, self._weighing, self._off, self._closing = None, False, None, False
        self._undo.clear()
        args: dict[str, str | int] = {
            "package_no": package_no,
            "sscc": sscc,
            "weight_g": grams,
            "expected_g": expected,
        }
        if supervisor is not None:
            return _good(PackMessage.OVERRIDDEN, **args, supervisor=supervisor)
        return _good(PackMessage.PACKAGE_CLOSED, **args)

    def _on_override(self, supervisor: User, sscc: str, events: list[Event]) -> Said:
        if self.state is not PackState.OVERRIDE:
            return self._stuck(self.state)
        if not supervisor.active or not supervisor.can(Role.SUPERVISOR):
            return _wrong(PackMessage.NOT_SUPERVISOR, name=supervisor.display_name)
        assert self._off is not None
        return self._on_weigh(self._off[0], sscc, supervisor.username, events)

    def _on_hold(self, reason: PackHoldReason | None, events: list[Event]) -> Said:
        state = self.state
        if state in (PackState.PRINT, PackState.DONE):
            return _wrong(PackMessage.COMMAND_NOT_HERE, command=CommandName.HOLD.value)
        if reason is None:
            self._asking_hold = True
            return _good(PackMessage.ASK_HOLD_REASON)
        self._emit(events, PackHeld(self._order.order_number, reason))
        self._asking_hold, self._held = False, True
        self._carton, self._weighing, self._off, self._qty = None, False, None, None
        self._undo.clear()
        return Tone.DONE, PackMessage.HELD, {"order": self._order.order_number, "reason": reason}

    def _on_undo(self, events: list[Event]) -> Said:
        state = self.state
        if state is PackState.HOLD_REASON:
            self._asking_hold = False
            return _good(PackMessage.STEP_CANCELLED)
        if state in (PackState.WEIGH, PackState.OVERRIDE):
            self._carton, self._weighing, self._off = None, False, None
            return _good(PackMessage.CHOOSE_CARTON, **self._carton_args())
        if state is PackState.VERIFY and self._qty is not None:
            self._qty = None
            return _good(PackMessage.QTY_CLEARED)
        if state not in (PackState.VERIFY, PackState.CARTON) or not self._undo:
            return _wrong(PackMessage.NOTHING_TO_UNDO)
        line_no, qty = self._undo.pop()
        self._emit(events, LineUnpacked(self._order.order_number, line_no, qty))
        self._closing = False
        total = qty + (self._undone[1] if self._undone and self._undone[0] == line_no else 0)
        self._undone = (line_no, total)
        sku = self._order.line(line_no).sku
        return _good(PackMessage.UNDONE, sku=sku, qty=qty, total=total)

    def _on_printed(self, package_no: int, events: list[Event]) -> Said:
        if any(p.package_no == package_no for p in self._order.packages):
            self._printed.add(package_no)
        if self.state is not PackState.PRINT:  # more to verify: the next package
            return Tone.NONE, PackMessage.NEXT_PACKAGE, self._next_args()
        waiting = self._unprinted()
        if waiting is not None:  # another package's labels are still out: nothing to say
            return Tone.NONE, PackMessage.WAIT_FOR_PRINT, {"package_no": waiting}
        order = self._order
        last = order.packages[-1]
        total = sum(p.weight_g for p in order.packages)
        self._emit(events, OrderPacked(order.order_number, box=last.box, weight_g=total))
        return (
            Tone.DONE,
            PackMessage.PACKED,
            {
                "order": order.order_number,
                "packages": len(order.packages),
            },
        )

    # -- machinery -------------------------------------------------------------------

    def _run(self, handler: Callable[[list[Event]], Said]) -> PackOutcome:
        saved = self._save()
        events: list[Event] = []
        try:
            tone, message, args = handler(events)
            if message is not PackMessage.UNDONE:
                self._undone = None  # the next undo starts a new total
        except Rejection as refusal:
            self._restore(saved)
            events = []
            tone, message = Tone.WRONG, PackMessage.REFUSED
            args = {"code": refusal.code.value, "reason": refusal.reason}
        if tone is Tone.WRONG and events:  # pragma: no cover - a handler's mistake
            raise AssertionError("a wrong answer carries events")
        return PackOutcome(tuple(events), tone, message, args, self.prompt())

    def _save(self) -> dict[str, Any]:
        names = (
            "_carton",
            "_weighing",
            "_off",
            "_asking_hold",
            "_held",
            "_closing",
            "_qty",
            "_undone",
        )
        return {
            "_order": self._order.copy(),
            "_undo": list(self._undo),
            "_printed": set(self._printed),
            **{name: getattr(self, name) for name in names},
        }

    def _restore(self, saved: dict[str, Any]) -> None:
        for name, value in saved.items():
            setattr(self, name, value)

    def _emit(self, events: list[Event], payload: Payload) -> None:
        at = self._clock() if self._clock is not None else None
        event = new_event(payload, station=self._station, user=self._user.username, at=at)
        apply_event(self._order, event, self._user)
        events.append(event)

    def _stuck(self, state: PackState) -> Said:
        """The WRONG answer for a step that does not take this input."""
        if state is PackState.HOLD_REASON:
            return _wrong(PackMessage.CHOOSE_REASON)
        if state is PackState.CARTON:
            return _wrong(PackMessage.SCAN_CARTON, carton=self._suggestion() or "")
        if state in (PackState.WEIGH, PackState.OVERRIDE):
            return _wrong(PackMessage.WEIGH_FIRST, expected_g=self._expected())
        if state is PackState.PRINT:
            waiting = self._unprinted() or len(self._order.packages)
            return _wrong(PackMessage.WAIT_FOR_PRINT, package_no=waiting)
        if state is PackState.DONE:
            return _wrong(PackMessage.FINISHED, order=self._order.order_number)
        return _wrong(PackMessage.UNEXPECTED_SCAN, code="")

    def _unprinted(self) -> int | None:
        """The first closed package whose labels are not known to be out."""
        return next(
            (p.package_no for p in self._order.packages if p.package_no not in self._printed),
            None,
        )

    def _units_left(self) -> int:
        return sum(line.picked_qty - line.packed_qty for line in self._order.lines)

    def _loose(self) -> list[tuple[OrderLine, int]]:
        order = self._order
        return [
            (line, line.packed_qty - order.sealed_qty(line.line_no))
            for line in order.lines
            if line.packed_qty > order.sealed_qty(line.line_no)
        ]

    def _loose_units(self) -> int:
        return sum(qty for _line, qty in self._loose())

    def _package_no(self) -> int:
        return len(self._order.packages) + 1

    def _expected(self) -> int:
        items = sum(
            qty * (self._products[line.sku].weight_g if line.sku in self._products else 0)
            for line, qty in self._loose()
        )
        return items + (self._carton.tare_g if self._carton is not None else 0)

    def _suggestion(self) -> str | None:
        if self._suggest is None:
            return None
        loose = [(self._products.get(line.sku), qty) for line, qty in self._loose()]
        return self._suggest(loose) if loose else None

    def _carton_args(self) -> dict[str, str | int]:
        return {"carton": self._suggestion() or "", "package_no": self._package_no()}

    def _next_args(self) -> dict[str, str | int]:
        return {"package_no": self._package_no(), "units_left": self._units_left()}

    def _name(self, sku: str) -> str:
        product = self._products.get(sku)
        return product.name if product is not None else sku


def _good(message: PackMessage, **args: str | int) -> Said:
    return Tone.GOOD, message, dict(args)


def _wrong(message: PackMessage, **args: str | int) -> Said:
    return Tone.WRONG, message, dict(args)
