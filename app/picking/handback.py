"""Handing a pick back: a picker who cannot finish gives their orders back to the queue.

End of a shift, a picker taken ill, a cart that turns out wrong: the picker taps Hand
back, reads what happens and what to do with what they picked, and confirms. Each
order of their run goes back to the queue with an ``OrderReleased`` event (the rules
in ``app.domain.rules``: the order is open again, assigned to nobody, and keeps its
counts), so another picker claims it as any open order.

**The whole run, not the order on screen.** A batch is one cart: the reasons to stop
(the shift ends, the picker is unwell, the cart is the wrong one) are about the cart,
not about one of its orders, and a picker who walks away expects to leave nothing
claimed behind them. Handing back the order on screen only would leave the cart's
other orders claimed by a picker who is gone, until a supervisor frees them. A single
order is a run of one, so the two cases are one rule.

**What was picked stays picked.** The pieces are in the order's tote (or, for a single
order picked without a tote, in the picker's hands): they stay counted for the order,
and the next picker picks only what is left. The tote goes to packing, which finds an
order by every tote it was picked into, so the handed-back tote and the next picker's
tote meet there. Putting the pieces back into their bins instead would cost the picker
who has to stop a second walk, and the next picker the same walk again.

Only orders the rules let the picker release are handed back: those still being
picked here. A cancelled or held order of the run waits for its own step (set aside).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.events import OrderReleased, new_event
from app.domain.model import OrderStatus, User
from app.domain.pick import PickSession
from app.store.local_store import LocalStore, record_in
from app.store.pick_runs import PickRun


@dataclass(frozen=True, slots=True)
class HandBackItem:
    """One order a hand-back gives back, and what was picked for it.

    Attributes:
        order_number: the order.
        tote: the tote its pieces are in (``None``: a single order without a tote).
        picked: pieces picked for it so far (they stay counted; 0: nothing to carry).
    """

    order_number: str
    tote: str | None
    picked: int


@dataclass(frozen=True, slots=True)
class HandBack:
    """What a confirmed Hand back gives back: ``run``'s orders in ``items``."""

    run: PickRun
    items: tuple[HandBackItem, ...]

    @property
    def batch(self) -> bool:
        return len(self.items) > 1


def what_to_hand_back(
    session: PickSession, run: PickRun | None, live: Sequence[str]
) -> HandBack | None:
    """The hand-back of ``run``'s ``live`` orders as ``session`` holds them, or ``None``
    when there is nothing to hand back (no run, or no order still being picked)."""
    if run is None:
        return None
    totes, orders = run.totes, {o.order_number: o for o in session.orders}
    items = tuple(
        HandBackItem(number, totes.get(number), sum(ln.picked_qty for ln in order.lines))
        for number in live
        if (order := orders.get(number)) is not None and order.status is OrderStatus.PICKING
    )
    return HandBack(run, items) if items else None


def record_hand_back(
    store: LocalStore, hand_back: HandBack, *, station: str, user: User, now: datetime
) -> None:
    """In ONE local transaction: an ``OrderReleased`` per order (state change and outbox
    entry) and the run closed. All of it, or nothing.

    Raises:
        app.domain.rules.Rejection: the rules refuse a release (a pull changed an
            order meanwhile); nothing was written.
        sqlalchemy.exc.SQLAlchemyError: the station database failed; nothing was written.
    """
    with store.record_unit() as uow:
        for item in hand_back.items:
            event = new_event(
                OrderReleased(item.order_number), station=station, user=user.username, at=now
            )
            record_in(uow, event)
        uow.pick_runs.finish(hand_back.run.id, now)
        uow.commit()
