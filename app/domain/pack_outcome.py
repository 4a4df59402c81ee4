"""What a pack session answers to every intent: state, tone, message code and prompt.

Plain values for the pack screen: it plays ``tone``, shows the catalogue sentence for
``message`` filled in with ``args``, and draws ``prompt``. Nothing here builds a
sentence (STYLE.md 13).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.events import Event
from app.domain.pick_outcome import Tone

__all__ = ["PackLine", "PackMessage", "PackOutcome", "PackPrompt", "PackState", "Tone"]


class PackState(enum.StrEnum):
    """Where a pack session is, i.e. what it expects next."""

    VERIFY = "verify"
    """Scan each item of the order into the package being filled."""
    HOLD_REASON = "hold_reason"
    """A hold without reason: say why (a HOLD reason barcode or a tap), or CANCEL."""
    CARTON = "carton"
    """The package is full or everything is verified: confirm the suggested carton or
    scan another carton's barcode."""
    WEIGH = "weigh"
    """Put the parcel on the scale (or type its weight)."""
    OVERRIDE = "override"
    """The weight is outside the tolerance: weigh again, or a supervisor's badge accepts
    it."""
    PRINT = "print"
    """The package is closed; its shipping label and packing slip are printing (or wait
    for a printer)."""
    DONE = "done"
    """The order is packed, or on hold: the next order."""


class PackMessage(enum.StrEnum):
    """Every message a pack session gives; ``PackOutcome.args`` lists what fills it in."""

    # Good.
    STARTED = "started"  # order, units
    RESUMED = "resumed"  # order, units_left
    VERIFIED = "verified"  # sku, qty, left (of the line), units_left (of the order)
    ALL_VERIFIED = "all_verified"  # order, carton (the suggestion, "" when none)
    QTY_SET = "qty_set"  # sku, qty
    QTY_CLEARED = "qty_cleared"
    UNDONE = "undone"  # sku, qty, total
    CHOOSE_CARTON = "choose_carton"  # carton (the suggestion, "" when none), package_no
    CARTON_CHOSEN = "carton_chosen"  # carton, expected_g
    BACK_TO_VERIFY = "back_to_verify"  # package_no
    ASK_HOLD_REASON = "ask_hold_reason"
    HELD = "held"  # order, reason
    STEP_CANCELLED = "step_cancelled"
    PACKAGE_CLOSED = "package_closed"  # package_no, sscc, weight_g, expected_g
    OVERRIDDEN = "overridden"  # package_no, sscc, weight_g, expected_g, supervisor
    PRINT_PENDING = "print_pending"  # package_no
    NEXT_PACKAGE = "next_package"  # package_no, units_left
    PACKED = "packed"  # order, packages
    FINISHED = "finished"  # order
    # Wrong: nothing counted, state unchanged.
    WRONG_ITEM = "wrong_item"  # scanned (SKU)
    OTHER_ORDER = "other_order"  # scanned (SKU), other (order number)
    OVER_SCAN = "over_scan"  # sku, qty (the extra), verified
    CASE_LABEL = "case_label"  # sku
    QTY_NOT_TYPED = "qty_not_typed"
    FINISH_QTY = "finish_qty"  # typed
    NOTHING_TO_UNDO = "nothing_to_undo"
    NOTHING_LOOSE = "nothing_loose"  # a CLOSE with nothing verified since the last close
    UNKNOWN_CARTON = "unknown_carton"  # code
    SCAN_CARTON = "scan_carton"  # carton (the suggestion)
    WEIGH_FIRST = "weigh_first"  # expected_g
    BAD_WEIGHT = "bad_weight"  # weight_g
    WEIGHT_OFF = "weight_off"  # weight_g, expected_g, allowed_g
    NOT_SUPERVISOR = "not_supervisor"  # name
    CHOOSE_REASON = "choose_reason"
    WAIT_FOR_PRINT = "wait_for_print"  # package_no
    COMMAND_NOT_HERE = "command_not_here"  # command
    UNEXPECTED_SCAN = "unexpected_scan"  # code
    UNREADABLE = "unreadable"  # code
    REFUSED = "refused"  # code, reason: the rules refused an event (nothing recorded)


@dataclass(frozen=True, slots=True)
class PackLine:
    """One line of the order as the packer sees it.

    Attributes:
        line_no: the line.
        sku: the item.
        name: the item's name (the SKU when the product is not known).
        picked: how many were picked (what the tote holds for it).
        verified: how many were scanned into packages (closed or not).
        left: how many are still to scan.
    """

    line_no: int
    sku: str
    name: str
    picked: int
    verified: int

    @property
    def left(self) -> int:
        return self.picked - self.verified


@dataclass(frozen=True, slots=True)
class PackPrompt:
    """What the pack screen shows next.

    Attributes:
        state: the step.
        order_number: the order.
        lines: its lines with something picked, in line order.
        package_no: the package being filled (or just closed, in PRINT).
        carton: the carton chosen for it (``None`` until chosen).
        suggested: the carton the cartonization suggests for what is loose.
        expected_g: what the package should weigh (items and tare) once a carton is
            chosen, else 0.
        pending_qty: a quantity set by QTY for the next scan.
        units_left: units still to verify in the whole order.
    """

    state: PackState
    order_number: str
    lines: tuple[PackLine, ...]
    package_no: int = 1
    carton: str | None = None
    suggested: str | None = None
    expected_g: int = 0
    pending_qty: int | None = None
    units_left: int = 0


@dataclass(frozen=True, slots=True)
class PackOutcome:
    """The answer to one intent (see ``app.domain.pick_outcome.Outcome``).

    Attributes:
        events: the events to record, in order, already applied to the session's
            order; empty for anything wrong.
        tone: the sound to play.
        message: the typed message code for the UI catalogue.
        args: the values the message is filled in with.
        prompt: what to show next.
    """

    events: tuple[Event, ...]
    tone: Tone
    message: PackMessage
    args: Mapping[str, str | int]
    prompt: PackPrompt

    @property
    def state(self) -> PackState:
        return self.prompt.state
