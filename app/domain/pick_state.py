"""The pick session's bookkeeping: its orders, the lines in pick-path order, the step.

``PickBook`` knows where a session is (the current line, the state, what to show) but
takes no intents; ``app.domain.pick.PickSession`` adds those. Split out to keep each
module small (STYLE.md 14).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.events import ShortReason
from app.domain.model import Order, OrderLine, OrderStatus, Product, User
from app.domain.pick_outcome import PickState, Prompt, ShortLine

Task = tuple[str, int]
"""A line to pick: (order number, line number)."""


@dataclass(frozen=True, slots=True)
class Done:
    """Something undo can take back: ``qty`` of a line counted, or reported short."""

    task: Task
    qty: int
    short: ShortReason | None = None
    """``None``: pieces counted; else a short report with its reason."""


_LAST = 1 << 62
STOPPED = (OrderStatus.CANCELLED, OrderStatus.ON_HOLD)
_WORKABLE = (OrderStatus.PICKING, OrderStatus.PICKED, *STOPPED)


class PickBook:
    """The state of a pick session; see ``app.domain.pick.PickSession`` for the arguments."""

    def __init__(
        self,
        orders: Sequence[Order],
        *,
        sequence: Mapping[str, int],
        station: str,
        user: User,
        totes: Mapping[str, str] | None = None,
        products: Mapping[str, Product] | None = None,
        clock: Callable[[], datetime] | None = None,
        short_reasons: Mapping[Task, ShortReason] | None = None,
    ) -> None:
        if not orders:
            raise ValueError("a pick session needs at least one order")
        self._orders = {order.order_number: order.copy() for order in orders}
        if len(self._orders) != len(orders):
            raise ValueError("an order appears twice in the pick session")
        for order in orders:
            if order.status not in _WORKABLE or (
                order.status is OrderStatus.PICKING
                and order.assigned_station not in (None, station)
            ):
                raise ValueError(f"order {order.order_number} is not being picked at {station}")
        self._totes = dict(totes or {})
        self.batch = len(orders) > 1
        if self.batch and (
            set(self._totes) != set(self._orders)
            or len(set(self._totes.values())) != len(self._totes)
        ):
            raise ValueError("a batch needs one tote of its own for every order")
        self._station, self._user, self._clock = station, user, clock
        self._products = dict(products or {})
        rank = {number: i for i, number in enumerate(self._orders)}

        def path_key(task: Task) -> tuple[int, str, int, int]:
            bin_code = self._line(task).location
            seq = _LAST if bin_code is None else sequence.get(bin_code, _LAST)
            return (seq, bin_code or "", rank[task[0]], task[1])

        tasks = [(o.order_number, line.line_no) for o in orders for line in o.lines]
        self._tasks = sorted(tasks, key=path_key)
        self._stopped = [o.order_number for o in orders if o.status in STOPPED]
        # Stopped orders the picker has not confirmed yet: after a restart, those
        # still in the session (the screen drops confirmed ones) are asked again.
        self._acks: list[str] = list(self._stopped)
        self._skipped: list[Task] = []
        self._undo: list[Done] = []
        # Why lines were reported short (this session's reports, and those the caller
        # knows of from before a restart), for the done screen.
        self._short_reasons: dict[Task, ShortReason] = dict(short_reasons or {})
        # Pieces taken back by the undos in a row on one line, so that the sentence
        # tells the true total ("Undone: 2").
        self._undone: tuple[Task, int] | None = None
        self._focus: Task | None = None
        self._put: tuple[Task, int] | None = None
        self._qty: int | None = None
        self._short_found: int | None = None
        current = self._current()
        started = current is not None and self._line(current).picked_qty > 0
        self._bin_ok = self._line(current).location if current and started else None

    # -- what the session shows ------------------------------------------------------

    @property
    def state(self) -> PickState:
        """The step the session is at."""
        if self._acks:
            return PickState.CANCELLED
        if self._short_found is not None:
            return PickState.SHORT_REASON
        if self._put is not None:
            return PickState.PUT_IN_TOTE
        task = self._current()
        if task is None:
            return PickState.DONE
        bin_code = self._line(task).location
        if bin_code is not None and bin_code != self._bin_ok:
            return PickState.GO_TO_BIN
        return PickState.PICK_ITEM

    @property
    def order_numbers(self) -> tuple[str, ...]:
        """The session's orders' numbers, in the order given."""
        return tuple(self._orders)

    @property
    def orders(self) -> tuple[Order, ...]:
        """Copies of the session's orders, with every event so far applied."""
        return tuple(order.copy() for order in self._orders.values())

    def prompt(self) -> Prompt:
        """What to show now."""
        state = self.state
        live = [t for t in self._tasks if t[0] not in self._stopped]
        done = sum(1 for t in live if self._line(t).open_qty == 0)
        progress: dict[str, Any] = {"lines_done": done, "lines_total": len(live)}
        if state is PickState.CANCELLED:
            number = self._acks[0]
            return Prompt(state, number, tote=self._totes.get(number), **progress)
        task = self._current()
        if task is None:
            return Prompt(state, shorts=self._short_lines(live), **progress)
        line = self._line(task)
        product = self._products.get(line.sku)
        pending = self._put[1] if self._put else self._short_found
        return Prompt(
            state,
            task[0],
            line.line_no,
            bin=line.location,
            sku=line.sku,
            name=product.name if product else line.sku,
            qty_left=line.open_qty,
            qty_ordered=line.qty,
            tote=self._totes.get(task[0]),
            pending_qty=pending if pending is not None else self._qty,
            **progress,
        )

    @property
    def is_finished(self) -> bool:
        """True when nothing is left to do (DONE)."""
        return self.state is PickState.DONE

    # -- helpers -------------------------------------------------------------------

    def _ack_args(self, number: str | None = None) -> dict[str, str | int]:
        number = number or self._acks[0]
        return {"order": number, "tote": self._totes.get(number, "")}

    def _save(self) -> dict[str, Any]:
        return {
            "_orders": {n: o.copy() for n, o in self._orders.items()},
            "_stopped": list(self._stopped),
            "_acks": list(self._acks),
            "_skipped": list(self._skipped),
            "_undo": list(self._undo),
            "_short_reasons": dict(self._short_reasons),
            **{
                k: getattr(self, k)
                for k in ("_focus", "_put", "_qty", "_short_found", "_bin_ok", "_undone")
            },
        }

    def _restore(self, saved: dict[str, Any]) -> None:
        for name, value in saved.items():
            setattr(self, name, value)

    def _short_lines(self, live: Sequence[Task]) -> tuple[ShortLine, ...]:
        shorts = []
        for task in live:
            line = self._line(task)
            if line.short_qty:
                reason = self._short_reasons.get(task)
                shorts.append(ShortLine(task[0], line.sku, line.short_qty, reason))
        return tuple(shorts)

    def _line(self, task: Task) -> OrderLine:
        return self._orders[task[0]].line(task[1])

    def _is_active(self, number: str) -> bool:
        order = self._orders[number]
        return number not in self._stopped and order.status is OrderStatus.PICKING

    def _is_open(self, task: Task) -> bool:
        return self._is_active(task[0]) and self._line(task).open_qty > 0

    def _current(self) -> Task | None:
        """The line to pick now: the undone one, else path order, then skipped lines."""
        if self._put is not None:
            return self._put[0]
        if self._focus is not None and self._is_open(self._focus):
            return self._focus
        for task in self._tasks:
            if task not in self._skipped and self._is_open(task):
                return task
        return next((task for task in self._skipped if self._is_open(task)), None)
