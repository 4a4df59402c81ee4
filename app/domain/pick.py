"""The pick session: guided picking of one order, or a batch into totes, by scans.

A plain-Python state machine (no Qt, no SQL, no HTTP). The pick screen forwards the
picker's input as intents (``scan``, ``command``, ``short``, ``skip``, ``undo``) and the
sync loop forwards refreshed orders (``order_changed``); each intent returns an
``Outcome`` with the events to record durably, the tone, a message code and the next
``Prompt``.

Lines are visited in pick-path order (the bins' sequence; in a batch the lines of all
orders are merged, lines in the same bin one after the other; lines without a known
sequence come last). Every event is applied to the session's own copies of the orders
with ``app.domain.rules.apply_event`` before it is handed out, so the session's counts
are exactly what the events say and nothing the rules refuse is ever returned.

Durability: only counts are durable. Building a session from the orders as the local
store holds them after a restart resumes at the same line, with the same counts, in
PICK_ITEM when the line was started and GO_TO_BIN otherwise. Skips, a QTY set, an item
in hand not yet put into its tote and the undo history are not events and are lost.
"""

from __future__ import annotations

from collections.abc import Callable

from app.domain.commands import Command, CommandName
from app.domain.events import (
    Event,
    LinePicked,
    LineShort,
    LineShortUndone,
    LineUnpicked,
    OrderPicked,
    Payload,
    ShortReason,
    new_event,
)
from app.domain.gtin import is_case_gtin
from app.domain.model import Order, OrderStatus
from app.domain.pick_outcome import Outcome, PickMessage, PickState, Prompt, Tone
from app.domain.pick_state import STOPPED, Done, PickBook, Task
from app.domain.rules import Rejection, apply_event
from app.domain.scan import (
    BinScan,
    CommandScan,
    InvalidScan,
    ProductScan,
    Scan,
    ToteScan,
    UnknownScan,
)

__all__ = ["Outcome", "PickMessage", "PickSession", "PickState", "Prompt", "Tone"]

Said = tuple[Tone, PickMessage, dict[str, str | int]]


class PickSession(PickBook):
    """Picking one order, or a batch of orders into one tote each.

    Batch mode (more than one order) puts every item into its order's tote by a tote
    scan before it counts; a single order counts on the item scan.

    The constructor is also how a session resumes after a restart: given the orders as
    the local store holds them, it continues at the same line with the same counts.

    Args:
        orders: the claimed orders (status PICKING at this station), with their current
            picked and short counts; the session works on copies.
        sequence: pick-path sequence by location code.
        station: this station's id (stamped on every event).
        user: the picker.
        totes: tote code by order number; required for every order in batch mode.
        products: products by SKU, for the names on the prompt.
        clock: what stamps the events; ``None`` for the current UTC time.

    Raises:
        ValueError: no orders, repeated orders, a missing or shared tote in batch mode,
            or an order this station cannot pick.
    """

    # -- intents ---------------------------------------------------------------------

    def scan(self, scan: Scan, typed: int | None = None) -> Outcome:
        """The picker scanned something.

        Args:
            scan: what was scanned.
            typed: a quantity on the open keypad that was not confirmed with OK (0:
                the keypad is open with nothing typed). In PICK_ITEM it applies to
                this scan as a QTY would: it is never dropped.

        Transitions:
            GO_TO_BIN --the bin shown--> PICK_ITEM (BIN_OK).
            PICK_ITEM --the item, within the quantity left--> PICK_ITEM, or GO_TO_BIN /
                DONE when the line is complete (single order: LinePicked, plus
                OrderPicked when its order is complete); in a batch --> PUT_IN_TOTE
                (no event yet).
            PICK_ITEM with ``typed`` n --the item--> as above, counting n (OVER_PICK
                when n is more than is left); with nothing typed (QTY_NOT_TYPED) or
                a scan that is not the item (FINISH_QTY): tone WRONG.
            PUT_IN_TOTE --the order's tote--> as after an item scan in single mode.
            GO_TO_BIN / PICK_ITEM / DONE --an item whose line is already complete-->
                ONE_TOO_MANY (tone WRONG): the extra goes back to that line's bin.
            any --CommandScan--> see ``command``.
            Wrong bin, wrong item, over-pick, wrong tote, a case label without a
            count or QTY (CASE_LABEL: counting it as one would be wrong), anything
            unexpected or unreadable: tone WRONG, no events, state unchanged.
        """
        if isinstance(scan, CommandScan):
            return self.command(scan.command)
        return self._run(lambda events: self._on_scan(scan, typed, events))

    def command(self, command: Command) -> Outcome:
        """The picker scanned a command barcode.

        Transitions:
            SKIP, UNDO, SHORT: as ``skip``, ``undo``, ``short`` (SHORT reports the rest
                of the line missing, or n after QTY n; without a reason --> SHORT_REASON).
            PICK_ITEM --QTY n (n <= left)--> PICK_ITEM: the next item scan counts n.
            SHORT_REASON --SHORT with reason--> the short is recorded (LineShort).
            CANCELLED --CONFIRM or NEXT--> the next line, or DONE.
            DONE --CONFIRM or NEXT--> DONE (ALL_DONE; OrderPicked for an order whose
                lines were all recorded before a restart but not its OrderPicked).
            SHORT_REASON / PUT_IN_TOTE / a set QTY --CANCEL--> back, nothing counted.
            Anything else: tone WRONG (COMMAND_NOT_HERE), nothing changes.
        """
        name = command.name
        if name is CommandName.SKIP:
            return self.skip()
        if name is CommandName.UNDO:
            return self.undo()
        if name is CommandName.SHORT:
            return self._short_command(command.reason)
        return self._run(lambda events: self._on_command(command))

    def short(self, qty_found: int, reason: ShortReason | None) -> Outcome:
        """The picker reports the current line short.

        Args:
            qty_found: how many of what is left the picker can still take; they are
                still scanned as usual. The rest is reported short.
            reason: why; ``None`` asks for it first.

        Transitions:
            GO_TO_BIN / PICK_ITEM / SHORT_REASON --with reason--> LineShort for the
                missing quantity; the next line, DONE, or PICK_ITEM for the found items
                (plus OrderPicked when the order is complete).
            GO_TO_BIN / PICK_ITEM --without reason--> SHORT_REASON.
            qty_found negative or not below what is left: tone WRONG, nothing changes.
        """
        return self._run(lambda events: self._on_short(qty_found, reason, events))

    def skip(self) -> Outcome:
        """The picker skips the current line; it comes back after the other lines.

        Transitions:
            GO_TO_BIN / PICK_ITEM --> the next line's GO_TO_BIN or PICK_ITEM (the same
                line again when it is the only one left). No events.
            other states: tone WRONG, nothing changes.
        """
        return self._run(self._on_skip)

    def undo(self) -> Outcome:
        """The picker takes back the last counted scan.

        Transitions:
            PUT_IN_TOTE --> PICK_ITEM: the item in hand goes back, nothing was counted.
            SHORT_REASON --> the step before the SHORT.
            PICK_ITEM with a QTY set --> PICK_ITEM without it.
            otherwise --> the last counted scan or short report taken back:
                LineUnpicked (UNDONE, saying whether the pieces are in a tote or in
                hand, and how many the undos in a row on that line took back in all)
                or LineShortUndone (SHORT_UNDONE); its line becomes the current one
                (GO_TO_BIN when its bin is not the confirmed one).
            Nothing to undo, or its order is already picked or stopped: tone WRONG.
        """
        return self._run(self._on_undo)

    def order_changed(self, order: Order) -> Outcome:
        """The store's current version of one of the session's orders arrived.

        Only its status is taken: the session's counts include events the store may
        not have yet.

        Transitions:
            any --order cancelled or put on hold--> CANCELLED (tone WRONG): the picker
                is told to set aside the items in its tote; its lines are dropped and
                CONFIRM goes on with the other orders (or DONE).
            otherwise: nothing changes (tone NONE).

        Raises:
            KeyError: the order is not in this session.
        """
        mine = self._orders[order.order_number]
        return self._run(lambda events: self._on_order_changed(mine, order))

    # -- handlers --------------------------------------------------------------------

    def _on_scan(self, scan: Scan, typed: int | None, events: list[Event]) -> Said:
        state = self.state
        if isinstance(scan, UnknownScan | InvalidScan):
            return _wrong(PickMessage.UNREADABLE, code=scan.code.value)
        if state is PickState.DONE and isinstance(scan, ProductScan):
            return self._one_too_many(scan) or _wrong(PickMessage.FINISHED)
        if state is not PickState.PUT_IN_TOTE and (stuck := self._stuck(state)) is not None:
            return stuck
        task = self._current()
        assert task is not None
        line = self._line(task)
        if state is PickState.PUT_IN_TOTE:
            assert self._put is not None
            tote = self._totes[task[0]]
            if not isinstance(scan, ToteScan):
                return _wrong(PickMessage.SCAN_TOTE, tote=tote)
            if scan.tote.code != tote:
                return _wrong(PickMessage.WRONG_TOTE, expected=tote, scanned=scan.tote.code)
            qty = self._put[1]
            self._put = None
            return self._count(task, qty, events)
        if typed is not None and state is PickState.PICK_ITEM:
            if not isinstance(scan, ProductScan):
                return _wrong(PickMessage.FINISH_QTY, typed=typed, sku=line.sku)
            if typed <= 0:
                return _wrong(PickMessage.QTY_NOT_TYPED, sku=line.sku)
            if scan.product.sku == line.sku:
                if typed > line.open_qty:
                    return _wrong(
                        PickMessage.OVER_PICK, sku=line.sku, left=line.open_qty, qty=typed
                    )
                self._qty = typed
        if isinstance(scan, BinScan):
            if scan.location.code != line.location:
                expected = line.location or ""
                return _wrong(PickMessage.WRONG_BIN, expected=expected, scanned=scan.location.code)
            self._bin_ok = line.location
            return _good(PickMessage.BIN_OK, bin=scan.location.code)
        if state is PickState.GO_TO_BIN:
            if isinstance(scan, ProductScan):
                extra = None if scan.product.sku == line.sku else self._one_too_many(scan)
                return extra or _wrong(PickMessage.SCAN_BIN_FIRST, bin=line.location or "")
            return _wrong(PickMessage.UNEXPECTED_SCAN, code=scan.code.value)
        if not isinstance(scan, ProductScan):
            return _wrong(PickMessage.UNEXPECTED_SCAN, code=scan.code.value)
        if scan.product.sku != line.sku:
            return self._one_too_many(scan) or _wrong(
                PickMessage.WRONG_ITEM, expected=line.sku, scanned=scan.product.sku
            )
        if self._qty is None and scan.qty == 1 and is_case_gtin(scan.matched):
            return _wrong(PickMessage.CASE_LABEL, sku=line.sku)
        qty = self._qty or scan.qty
        if qty > line.open_qty:
            return _wrong(PickMessage.OVER_PICK, sku=line.sku, left=line.open_qty, qty=qty)
        self._qty = None
        if self.batch:
            self._put = (task, qty)
            return _good(PickMessage.TAKE_TO_TOTE, sku=line.sku, qty=qty, tote=self._totes[task[0]])
        return self._count(task, qty, events)

    def _one_too_many(self, scan: ProductScan) -> Said | None:
        """ONE_TOO_MANY when ``scan`` is an item of a line already complete: the line
        counted last first (the picker took one more than it needed), else any."""
        sku = scan.product.sku
        candidates = [d.task for d in reversed(self._undo) if d.short is None]
        candidates += self._tasks  # the undo history does not survive a restart
        for task in candidates:
            line = self._line(task)
            if (
                line.sku == sku
                and line.open_qty == 0
                and line.picked_qty > 0
                and task[0] not in self._stopped
            ):
                qty = self._qty or scan.qty
                return _wrong(
                    PickMessage.ONE_TOO_MANY,
                    sku=sku,
                    qty=qty,
                    picked=line.picked_qty,
                    bin=line.location or "",
                )
        return None

    def _count(self, task: Task, qty: int, events: list[Event]) -> Said:
        line = self._line(task)
        tote = self._totes.get(task[0])
        self._emit(events, LinePicked(task[0], task[1], qty, location=line.location, tote=tote))
        self._undo.append(Done(task, qty))
        left = line.open_qty
        return _good(PickMessage.ITEM_COUNTED, sku=line.sku, qty=qty, left=left, tote=tote or "")

    def _short_command(self, reason: ShortReason | None) -> Outcome:
        if self.state is PickState.SHORT_REASON:
            assert self._short_found is not None
            return self.short(self._short_found, reason)
        task = self._current()
        found = 0
        if task is not None and self._qty is not None:
            found = self._line(task).open_qty - self._qty
        return self.short(found, reason)

    def _on_short(self, qty_found: int, reason: ShortReason | None, events: list[Event]) -> Said:
        state = self.state
        if state is not PickState.SHORT_REASON and (stuck := self._stuck(state)) is not None:
            return stuck
        task = self._current()
        assert task is not None
        line = self._line(task)
        if not 0 <= qty_found < line.open_qty:
            return _wrong(
                PickMessage.BAD_SHORT_QTY, sku=line.sku, left=line.open_qty, found=qty_found
            )
        self._qty = None
        missing = line.open_qty - qty_found
        if reason is None:
            self._short_found = qty_found
            return _good(PickMessage.ASK_SHORT_REASON, sku=line.sku, missing=missing)
        self._short_found = None
        self._emit(events, LineShort(task[0], task[1], missing, reason))
        self._undo.append(Done(task, missing, reason))
        self._short_reasons[task] = reason
        return _good(
            PickMessage.SHORT_RECORDED,
            sku=line.sku,
            qty=missing,
            reason=reason.value,
            found=qty_found,
        )

    def _on_skip(self, events: list[Event]) -> Said:
        if (stuck := self._stuck(self.state)) is not None:
            return stuck
        task = self._current()
        assert task is not None
        if task in self._skipped:
            self._skipped.remove(task)
        self._skipped.append(task)
        self._focus, self._qty = None, None
        line = self._line(task)
        skipped = sum(1 for t in self._skipped if self._is_open(t))
        return _good(PickMessage.SKIPPED, sku=line.sku, bin=line.location or "", skipped=skipped)

    def _on_undo(self, events: list[Event]) -> Said:
        if self._put is not None:
            (task, qty), self._put = self._put, None
            line = self._line(task)
            return _good(
                PickMessage.ITEM_NOT_COUNTED, sku=line.sku, qty=qty, bin=line.location or ""
            )
        if self._short_found is not None:
            self._short_found = None
            return _good(PickMessage.STEP_CANCELLED)
        if self._acks:
            return _wrong(PickMessage.CONFIRM_STOPPED_ORDER, **self._ack_args())
        current = self._current()
        if self._qty is not None and current is not None:
            self._qty = None
            return _good(PickMessage.QTY_CLEARED, sku=self._line(current).sku)
        if not self._undo:
            return _wrong(PickMessage.NOTHING_TO_UNDO)
        done = self._undo[-1]
        task = done.task
        if not self._is_active(task[0]):
            return _wrong(PickMessage.UNDO_ORDER_CLOSED, order=task[0])
        self._undo.pop()
        self._focus = task
        line = self._line(task)
        if done.short is not None:
            self._emit(events, LineShortUndone(task[0], task[1], done.qty))
            self._short_reasons.pop(task, None)
            return _good(
                PickMessage.SHORT_UNDONE, sku=line.sku, qty=done.qty, bin=line.location or ""
            )
        self._emit(events, LineUnpicked(task[0], task[1], done.qty))
        total = done.qty
        if self._undone is not None and self._undone[0] == task:
            total += self._undone[1]
        self._undone = (task, total)
        tote = self._totes.get(task[0], "")
        return _good(
            PickMessage.UNDONE,
            sku=line.sku,
            qty=done.qty,
            total=total,
            bin=line.location or "",
            tote=tote,
            where="tote" if tote else "hand",
        )

    def _on_command(self, command: Command) -> Said:
        name, state = command.name, self.state
        if name in (CommandName.CONFIRM, CommandName.NEXT) and state is PickState.DONE:
            return self._all_done()
        if name in (CommandName.CONFIRM, CommandName.NEXT) and state is PickState.CANCELLED:
            self._acks.pop(0)
            if self.state is PickState.DONE:
                return self._all_done()
            live = [t for t in self._tasks if self._is_open(t)]
            return _good(PickMessage.CONTINUE, lines_left=len(live))
        if name is CommandName.CANCEL:
            if state is PickState.SHORT_REASON:
                self._short_found = None
                return _good(PickMessage.STEP_CANCELLED)
            if state is PickState.PUT_IN_TOTE or (state is PickState.PICK_ITEM and self._qty):
                return self._on_undo([])
            return _wrong(PickMessage.NOTHING_TO_CANCEL)
        if name is CommandName.QTY and state is PickState.PICK_ITEM:
            assert command.qty is not None
            task = self._current()
            assert task is not None
            line = self._line(task)
            if command.qty > line.open_qty:
                return _wrong(
                    PickMessage.OVER_PICK, sku=line.sku, left=line.open_qty, qty=command.qty
                )
            self._qty = command.qty
            return _good(PickMessage.QTY_SET, sku=line.sku, qty=command.qty)
        if (stuck := self._stuck(state)) is not None:
            return stuck
        if name is CommandName.QTY:
            task = self._current()
            assert task is not None
            return _wrong(PickMessage.SCAN_BIN_FIRST, bin=self._line(task).location or "")
        return _wrong(PickMessage.COMMAND_NOT_HERE, command=name.value)

    def _on_order_changed(self, mine: Order, fresh: Order) -> Said:
        number = mine.order_number
        if fresh.status not in STOPPED or number in self._stopped:
            return Tone.NONE, PickMessage.ORDER_UNCHANGED, {"order": number}
        mine.status, mine.hold_reason = fresh.status, fresh.hold_reason
        self._stopped.append(number)
        self._acks.append(number)
        if self._put is not None and self._put[0][0] == number:
            self._put = None
        if self._focus is not None and self._focus[0] == number:
            self._focus = None
        self._qty = self._short_found = None
        args: dict[str, str | int] = self._ack_args(number)
        args["items"] = sum(line.picked_qty for line in mine.lines)
        if fresh.status is OrderStatus.ON_HOLD:
            return _wrong(PickMessage.ORDER_HELD, **args, reason=fresh.hold_reason)
        return _wrong(PickMessage.ORDER_CANCELLED, **args)

    # -- machinery -------------------------------------------------------------------

    def _run(self, handler: Callable[[list[Event]], Said]) -> Outcome:
        saved = self._save()
        events: list[Event] = []
        try:
            tone, message, args = handler(events)
            if message is not PickMessage.UNDONE:
                self._undone = None  # the next undo starts a new total
            if events or tone is not Tone.WRONG:  # also pays an OrderPicked owed since a restart
                tone, message, args = self._close_orders(events, (tone, message, args))
        except Rejection as refusal:
            self._restore(saved)
            events = []
            tone, message = Tone.WRONG, PickMessage.REFUSED
            args = {"code": refusal.code.value, "reason": refusal.reason}
        return Outcome(tuple(events), tone, message, args, self.prompt())

    def _close_orders(self, events: list[Event], said: Said) -> Said:
        for number, order in self._orders.items():
            if order.status is OrderStatus.PICKING and order.is_fully_picked:
                self._emit(events, OrderPicked(number))
                said = (Tone.DONE, PickMessage.ORDER_PICKED, self._ack_args(number))
        if said[1] is PickMessage.ORDER_PICKED and self.state is PickState.DONE:
            return self._all_done()
        return said

    def _all_done(self) -> Said:
        live = [t for t in self._tasks if t[0] not in self._stopped]
        orders = len({t[0] for t in live})
        shorts = sum(1 for t in live if self._line(t).short_qty)
        args: dict[str, str | int] = {"orders": orders, "lines": len(live), "shorts": shorts}
        return Tone.DONE, PickMessage.ALL_DONE, args

    def _emit(self, events: list[Event], payload: Payload) -> None:
        at = self._clock() if self._clock is not None else None
        event = new_event(payload, station=self._station, user=self._user.username, at=at)
        apply_event(self._orders[payload.order_number], event, self._user)
        events.append(event)

    def _stuck(self, state: PickState) -> Said | None:
        """The WRONG answer for a state that only takes its own input, else ``None``."""
        if state is PickState.DONE:
            return _wrong(PickMessage.FINISHED)
        if state is PickState.CANCELLED:
            return _wrong(PickMessage.CONFIRM_STOPPED_ORDER, **self._ack_args())
        if state is PickState.SHORT_REASON:
            task = self._current()
            return _wrong(PickMessage.CHOOSE_REASON, sku=self._line(task).sku if task else "")
        if state is PickState.PUT_IN_TOTE and self._put is not None:
            return _wrong(PickMessage.SCAN_TOTE, tote=self._totes[self._put[0][0]])
        return None


def _good(message: PickMessage, **args: str | int) -> Said:
    return Tone.GOOD, message, dict(args)


def _wrong(message: PickMessage, **args: str | int) -> Said:
    return Tone.WRONG, message, dict(args)
