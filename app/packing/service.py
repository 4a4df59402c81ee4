"""Packing at this station: find the order, open its pack session, record every answer.

``PackService`` is the pick service's twin for the pack station. What a pack session
answers is recorded in ONE local transaction with its outbox events, so the beep means
the unit is on disk; a package's SSCC is taken from the station's durable counter
(``uow.sscc``) in that same transaction, so a number is used only by a package that
was stored (a refused weight takes none: the transaction is not committed).

Finding the order: an order number, or a tote the order was picked into. An order
knows its totes (from the claims and picks recorded here, or from the pull for orders
picked at other stations: see docs/http-contract.md), and this station's pick runs
know theirs; a tote that holds several unpacked orders asks which.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from app.domain.carton import CartonType, items_for
from app.domain.cartonize import suggest
from app.domain.events import ScanExpected
from app.domain.model import Order, OrderStatus, Product, User
from app.domain.pack import PackSession, Tolerance
from app.domain.pack_outcome import PackOutcome, PackState
from app.domain.rules import Rejection
from app.domain.sscc import SsccError, SsccErrorCode, SsccRange
from app.store import LocalStore
from app.store.local_store import record_in
from app.store.uow import UnitOfWork
from app.store.wrong_scans import WrongScanLog

log = logging.getLogger(__name__)

Intent = Callable[[PackSession, str], PackOutcome]
"""One intent of a pack session, given the SSCC allocated for a package it may close."""


class Startable(enum.StrEnum):
    """Whether an order can be packed here now, and if not why (the screen words it)."""

    READY = "ready"
    RESUME = "resume"
    """Being packed at this station already: it goes on where it was left."""
    NOT_PICKED = "not_picked"
    HELD = "held"
    CANCELLED = "cancelled"
    PACKED = "packed"
    ELSEWHERE = "elsewhere"
    """Being packed at another station."""
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An order a scan pointed at, and whether it can be packed here."""

    order_number: str
    startable: Startable
    station: str | None = None


class NotSaved(Exception):
    """What a pack session answered could not be stored; nothing of it was kept.

    Attributes:
        code: the rules' refusal code, or ``"database"``.
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def startable(order: Order | None, station: str) -> Startable:
    """Whether ``order`` can be packed at ``station``."""
    if order is None:
        return Startable.UNKNOWN
    status = order.status
    if status is OrderStatus.PICKED:
        return Startable.READY
    if status is OrderStatus.PACKING:
        here = order.assigned_station in (None, station)
        return Startable.RESUME if here else Startable.ELSEWHERE
    return {
        OrderStatus.ON_HOLD: Startable.HELD,
        OrderStatus.CANCELLED: Startable.CANCELLED,
        OrderStatus.PACKED: Startable.PACKED,
        OrderStatus.SHIPPED: Startable.PACKED,
    }.get(status, Startable.NOT_PICKED)


def carton_for(
    cartons: Sequence[CartonType],
) -> Callable[[Sequence[tuple[Product | None, int]]], str | None]:
    """The pack session's suggestion: the carton of the first package the 3D
    cartonization makes of the loose items (``None`` when it places none)."""

    def first(loose: Sequence[tuple[Product | None, int]]) -> str | None:
        known = [(product, qty) for product, qty in loose if product is not None]
        if not known:
            return None
        answer = suggest(items_for(known), cartons)
        return answer.packages[0].carton.code if answer.packages else None

    return first


class PackService:
    """Orders, sessions and durable answers for one station's packers.

    Args:
        store: the station database.
        station: this station's id, read at each call (settings may change).
        numbering: this station's SSCC range (``None`` while the settings lack it).
        cartons: the carton types packed into here.
        tolerance: how far a parcel's weight may be from the expected one.
        wake: called after each recorded answer (``SyncLoop.wake``).
    """

    def __init__(
        self,
        store: LocalStore,
        *,
        station: Callable[[], str],
        numbering: Callable[[], SsccRange | None],
        cartons: Callable[[], Sequence[CartonType]],
        tolerance: Callable[[], Tolerance] = Tolerance,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._station = station
        self.record_wrong_scan = WrongScanLog(store, station, _EXPECTED)
        """Keep a scan the pack session answered WRONG (``WrongScanLog``)."""
        self._numbering = numbering
        self._cartons = cartons
        self._tolerance = tolerance
        self._wake = wake

    def find_order(self, order_number: str) -> Candidate:
        """The order ``order_number``, and whether it can be packed here."""
        with self._store.unit_of_work(readonly=True) as uow:
            order = uow.orders.get(order_number)
        return self._candidate(order_number, order)

    def carton_codes(self) -> list[str]:
        """The codes of the carton types this station packs into (the carton step's
        buttons)."""
        return [c.code for c in self._cartons() if c.active]

    def candidate(self, order: Order) -> Candidate:
        """``order`` (as a scan's look-up brought it), and whether it can be packed here."""
        return self._candidate(order.order_number, order)

    def find_tote(self, tote: str) -> list[Candidate]:
        """The orders picked into ``tote`` that are not packed yet, newest pick first
        (an empty list: no order is known in it)."""
        with self._store.unit_of_work(readonly=True) as uow:
            numbers = uow.pick_runs.orders_in_tote(tote) + uow.orders.in_tote(tote)
            orders = {n: uow.orders.get(n) for n in dict.fromkeys(numbers)}
        found = [self._candidate(n, order) for n, order in orders.items()]
        return [c for c in found if c.startable in (Startable.READY, Startable.RESUME)]

    def open(self, user: User, order_number: str, tote: str | None = None) -> PackSession:
        """A pack session for ``order_number`` as the station holds it.

        Args:
            user: the packer.
            order_number: the order.
            tote: the tote it came in (its other orders name wrong items).

        Raises:
            ValueError: the order cannot be packed here (see ``find_order``).
        """
        with self._store.unit_of_work(readonly=True) as uow:
            order = uow.orders.get(order_number)
            if order is None:
                raise ValueError(f"order {order_number} is not at this station")
            products = {
                p.sku: p for p in map(uow.products.by_sku, {ln.sku for ln in order.lines}) if p
            }
            # The other unpacked orders in the same tote: a wrong item of theirs is
            # named with its order.
            others: dict[str, str] = {}
            numbers = uow.pick_runs.orders_in_tote(tote) + uow.orders.in_tote(tote) if tote else []
            for number in dict.fromkeys(numbers):
                other = uow.orders.get(number)
                if other is None or number == order_number:
                    continue
                if startable(other, self._station()) in (Startable.READY, Startable.RESUME):
                    others.update(dict.fromkeys((ln.sku for ln in other.lines), number))
        cartons = list(self._cartons())
        return PackSession(
            order,
            station=self._station(),
            user=user,
            products=products,
            cartons=cartons,
            tolerance=self._tolerance(),
            other_orders=others,
            suggest=carton_for(cartons),
        )

    def act(self, session: PackSession, intent: Intent) -> PackOutcome:
        """Run one intent of ``session`` and store its answer, in one transaction.

        An SSCC is taken for the intent when the session may close a package with it
        (WEIGH or OVERRIDE); it is kept only when the answer is stored with it.

        Raises:
            NotSaved: nothing was stored; rebuild the session with ``open``.
            SsccError: the station has no SSCC range (settings) or it is used up.
        """
        try:
            with self._store.record_unit() as uow:  # the durable record: no checkpoint
                sscc = self._sscc(uow) if session.state in _CLOSING else ""
                outcome = intent(session, sscc)
                if not outcome.events:
                    return outcome  # nothing to keep: the SSCC is not used
                for event in outcome.events:
                    record_in(uow, event)
                uow.commit()
        except Rejection as refusal:
            raise NotSaved(refusal.code.value, refusal.reason) from refusal
        except (SQLAlchemyError, OSError) as error:
            log.exception("could not record a pack answer")
            raise NotSaved("database", str(error)) from error
        if self._wake is not None:
            self._wake()
        return outcome

    def _sscc(self, uow: UnitOfWork) -> str:
        numbering = self._numbering()
        if numbering is None:
            raise SsccError(SsccErrorCode.STATION, "this station has no SSCC range set")
        return uow.sscc.next(numbering)

    def _candidate(self, number: str, order: Order | None) -> Candidate:
        station = self._station()
        state = startable(order, station)
        other = order.assigned_station if order is not None else None
        return Candidate(number, state, other if state is Startable.ELSEWHERE else None)


_CLOSING = (PackState.WEIGH, PackState.OVERRIDE)
_EXPECTED = {
    PackState.VERIFY: ScanExpected.ITEM,
    PackState.CARTON: ScanExpected.CARTON,
    PackState.WEIGH: ScanExpected.PACKAGE,
    PackState.OVERRIDE: ScanExpected.PACKAGE,
    PackState.PRINT: ScanExpected.PACKAGE,
}
"""What a pack step waits for, as a wrong scan records it."""
