"""What a pick session answers to every intent: state, tone, message code and prompt.

These are plain values for the pick screen: it plays ``tone``, shows the catalogue
sentence for ``message`` filled in with ``args``, and draws ``prompt``. Nothing here
builds a sentence (STYLE.md 13).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.events import Event, ShortReason


class PickState(enum.StrEnum):
    """Where a pick session is, i.e. which scan it expects next."""

    GO_TO_BIN = "go_to_bin"
    """Walk to ``Prompt.bin`` and scan its label."""
    PICK_ITEM = "pick_item"
    """Scan the item (repeatedly, or once after a QTY command)."""
    PUT_IN_TOTE = "put_in_tote"
    """Batch mode: scan the tote the item in hand goes into."""
    SHORT_REASON = "short_reason"
    """A SHORT without reason: scan a SHORT reason barcode (or CANCEL)."""
    CANCELLED = "cancelled"
    """An order was cancelled or held at the store: set its tote aside, then CONFIRM."""
    DONE = "done"
    """Nothing is left to pick."""


class Tone(enum.StrEnum):
    """Which sound the screen plays."""

    GOOD = "good"
    WRONG = "wrong"
    DONE = "done"
    NONE = "none"
    """Nothing happened the picker needs to hear about."""


class PickMessage(enum.StrEnum):
    """Every message a pick session gives; ``Outcome.args`` lists what fills it in."""

    # Good.
    BIN_OK = "bin_ok"  # bin
    ITEM_COUNTED = "item_counted"  # sku, qty, left, tote
    TAKE_TO_TOTE = "take_to_tote"  # sku, qty, tote
    QTY_SET = "qty_set"  # sku, qty
    QTY_CLEARED = "qty_cleared"  # sku
    ASK_SHORT_REASON = "ask_short_reason"  # sku, missing
    SHORT_RECORDED = "short_recorded"  # sku, qty, reason, found
    SKIPPED = "skipped"  # sku, bin, skipped
    UNDONE = "undone"  # sku, qty, total, bin, tote, where ("tote" or "hand")
    SHORT_UNDONE = "short_undone"  # sku, qty, bin
    ITEM_NOT_COUNTED = "item_not_counted"  # sku, qty, bin
    STEP_CANCELLED = "step_cancelled"
    CONTINUE = "continue"  # lines_left
    ORDER_PICKED = "order_picked"  # order, tote
    ALL_DONE = "all_done"  # orders, lines, shorts (lines reported short)
    ORDER_UNCHANGED = "order_unchanged"  # order
    # Stops: the picker must act on an order the store took away.
    ORDER_CANCELLED = "order_cancelled"  # order, tote, items
    ORDER_HELD = "order_held"  # order, tote, items, reason
    # Wrong: nothing counted, state unchanged.
    WRONG_BIN = "wrong_bin"  # expected, scanned
    SCAN_BIN_FIRST = "scan_bin_first"  # bin
    WRONG_ITEM = "wrong_item"  # expected, scanned
    OVER_PICK = "over_pick"  # sku, left, qty
    ONE_TOO_MANY = "one_too_many"  # sku, qty (the extra), picked, bin: its line is complete
    QTY_NOT_TYPED = "qty_not_typed"  # sku: the quantity keypad is open with nothing typed
    FINISH_QTY = "finish_qty"  # typed: the keypad is open, the scan is not the item
    CASE_LABEL = "case_label"  # sku
    WRONG_TOTE = "wrong_tote"  # expected, scanned
    SCAN_TOTE = "scan_tote"  # tote
    CHOOSE_REASON = "choose_reason"  # sku
    BAD_SHORT_QTY = "bad_short_qty"  # sku, left, found
    CONFIRM_STOPPED_ORDER = "confirm_stopped_order"  # order, tote
    NOTHING_TO_UNDO = "nothing_to_undo"
    UNDO_ORDER_CLOSED = "undo_order_closed"  # order
    NOTHING_TO_CANCEL = "nothing_to_cancel"
    COMMAND_NOT_HERE = "command_not_here"  # command
    UNEXPECTED_SCAN = "unexpected_scan"  # code
    UNREADABLE = "unreadable"  # code
    FINISHED = "finished"
    REFUSED = "refused"  # code, reason: the rules refused an event (nothing recorded)


@dataclass(frozen=True, slots=True)
class ShortLine:
    """A line reported short, for the list on the done screen.

    Attributes:
        order_number: its order.
        sku: the item.
        qty: how many are missing.
        reason: why (``None``: reported before a restart, the reason is not known here).
    """

    order_number: str
    sku: str
    qty: int
    reason: ShortReason | None


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the pick screen shows next.

    Attributes:
        state: the step the session is at.
        order_number: the order of the current line (or of the stopped order).
        line_no: the current line.
        bin: the bin to go to (``None`` for a line without a bin).
        sku: the item to take.
        name: the item's name (the SKU when the product is not known).
        qty_left: how many of the line are still to pick (counted picks already off).
        qty_ordered: the line's ordered quantity.
        tote: the tote the current order goes into (``None`` single order without tote).
        pending_qty: the quantity in hand (PUT_IN_TOTE), set by QTY (PICK_ITEM) or
            found (SHORT_REASON).
        lines_done: lines picked or short, of orders still being picked.
        lines_total: lines of orders still being picked ("n of m lines").
        shorts: at DONE, every line of the orders picked that was reported short.
    """

    state: PickState
    order_number: str | None = None
    line_no: int | None = None
    bin: str | None = None
    sku: str | None = None
    name: str | None = None
    qty_left: int = 0
    qty_ordered: int = 0
    tote: str | None = None
    pending_qty: int | None = None
    lines_done: int = 0
    lines_total: int = 0
    shorts: tuple[ShortLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to one intent.

    Attributes:
        events: the events to record, in order, already applied to the session's
            orders; empty for anything wrong.
        tone: the sound to play.
        message: the typed message code for the UI catalogue.
        args: the values the message is filled in with.
        prompt: what to show next.
    """

    events: tuple[Event, ...]
    tone: Tone
    message: PickMessage
    args: Mapping[str, str | int]
    prompt: Prompt

    @property
    def state(self) -> PickState:
        return self.prompt.state
