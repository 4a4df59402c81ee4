"""Supervisor actions at a station: unlocked by the PIN, signed, recorded via the outbox.

A supervisor scans their badge, then types their PIN. ``unlock`` checks the role on the
station's copy of the users (a picker gets ``NOT_SUPERVISOR`` and no key), fetches the
PIN's salt from the order store, and derives the signing key (``app.domain.proof``).
The key lives in the returned ``Unlocked`` only, in memory; it is never written.

Every action then builds its event, signs it, and records it like any other action
(``LocalStore.record``: the local rules apply it to the station's copy of the order
and the event joins the outbox in one transaction). The sync pushes it; the store
checks the role and the proof again and is the one that decides. A PIN typed wrong
is not known at the station (it holds no key to compare with): the store refuses the
first such event with ``supervisor_proof``, and the refusal lands in the outbox as
every refusal does (``floor.exceptions`` lists it).

Each action answers an ``ActionResult``: the order as it now is locally, or the
``RejectCode`` the local rules gave (nothing recorded then).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from app.domain import proof
from app.domain.events import (
    ClaimCancelled,
    LabelsReprint,
    OrderHeld,
    OrderReleased,
    OrderUnheld,
    Payload,
    PickerAssigned,
    PickerUnassigned,
    PrioritySet,
    new_event,
    parse_event,
)
from app.domain.model import Order, Priority, Role
from app.domain.rules import RejectCode, Rejection
from app.store.local_store import LocalStore
from app.supervisor.salts import SaltSource, SaltUnavailable


class UnlockCode(enum.StrEnum):
    """Why ``unlock`` gave no key."""

    NOT_SUPERVISOR = "not_supervisor"
    """Unknown here, inactive, or without the supervisor role."""
    NO_PIN = "no_pin"
    """The store has no PIN for this supervisor (``scanpack-store user pin``)."""
    BAD_PIN = "bad_pin"
    """Not 4-12 digits."""
    OFFLINE = "offline"
    """The salt could not be fetched (the store is unreachable)."""


class HoldReason(enum.StrEnum):
    """Why a supervisor holds an order: stored as the code, worded by the reader's
    screen (a packer's holds use ``PackHoldReason``)."""

    CUSTOMER = "customer_request"
    ADDRESS = "address_check"
    STOCK = "stock_check"
    PAYMENT = "payment_check"
    OTHER = "other"


class UnlockError(Exception):
    def __init__(self, code: UnlockCode) -> None:
        super().__init__(code.value)
        self.code = code


@dataclass(frozen=True, slots=True)
class Unlocked:
    """A supervisor who typed their PIN at this station: the key signs their actions."""

    username: str
    key: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What an action did locally: ``order`` after it, or the ``code`` it was refused."""

    order: Order | None
    code: RejectCode | None = None

    @property
    def ok(self) -> bool:
        return self.code is None


class SupervisorService:
    """Supervisor actions of one station.

    Args:
        store: the station's database.
        salts: where PIN salts come from (the order store).
        station: this station's name, as its events carry it.
        clock: "now" for the events' time (UTC).
    """

    def __init__(
        self,
        store: LocalStore,
        salts: SaltSource,
        *,
        station: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._store = store
        self._salts = salts
        self._station = station
        self._clock = clock

    @property
    def store(self) -> LocalStore:
        """The station's database (the queue's reads go to it)."""
        return self._store

    @property
    def station(self) -> str:
        return self._station

    @property
    def clock(self) -> Callable[[], datetime]:
        """The time (UTC) this service stamps its events with."""
        return self._clock

    def is_supervisor(self, username: str) -> bool:
        """True when the station knows ``username`` as an active supervisor (or admin):
        the screen shows its controls to them only."""
        with self._store.unit_of_work(readonly=True) as uow:
            user = uow.users.get(username)
        return user is not None and user.active and user.can(Role.SUPERVISOR)

    def unlock(self, username: str, pin: str) -> Unlocked:
        """The signing key of ``username`` from the PIN typed after their badge.

        Raises:
            UnlockError: see ``UnlockCode``.
        """
        if not self.is_supervisor(username):
            raise UnlockError(UnlockCode.NOT_SUPERVISOR)
        try:
            proof.check_pin(pin)
        except ValueError:
            raise UnlockError(UnlockCode.BAD_PIN) from None
        try:
            found = self._salts.pin_salt(username)
        except SaltUnavailable:
            raise UnlockError(UnlockCode.OFFLINE) from None
        if found is None:
            raise UnlockError(UnlockCode.NO_PIN)
        salt, kdf = found
        return Unlocked(username, proof.derive_key(pin, salt, kdf))

    # -- actions --------------------------------------------------------------------

    def set_priority(self, who: Unlocked, order_number: str, priority: Priority) -> ActionResult:
        return self._record(who, PrioritySet(order_number, priority=priority))

    def assign_picker(self, who: Unlocked, order_number: str, picker: str) -> ActionResult:
        """Keep an open order for ``picker`` (checked by the store: an active picker)."""
        return self._record(who, PickerAssigned(order_number, picker=picker))

    def unassign_picker(self, who: Unlocked, order_number: str) -> ActionResult:
        return self._record(who, PickerUnassigned(order_number))

    def hold(self, who: Unlocked, order_number: str, reason: str) -> ActionResult:
        return self._record(who, OrderHeld(order_number, reason=reason))

    def release_hold(
        self, who: Unlocked, order_number: str, reason: str | None = None
    ) -> ActionResult:
        return self._record(who, OrderUnheld(order_number, reason=reason))

    def hand_back(self, who: Unlocked, order_number: str) -> ActionResult:
        """Take an order from the station working on it, back to the queue."""
        return self._record(who, OrderReleased(order_number))

    def cancel_claim(self, who: Unlocked, order_number: str, station: str) -> ActionResult:
        """Cancel the claim of ``station`` (one that went quiet) on the order."""
        return self._record(who, ClaimCancelled(order_number, station=station))

    def reprint_labels(
        self, who: Unlocked, order_number: str, station: str, package_no: int | None = None
    ) -> ActionResult:
        """Ask ``station`` to print the order's labels again (the store hands the request
        to that station on its pull)."""
        return self._record(
            who, LabelsReprint(order_number, station=station, package_no=package_no)
        )

    def _record(self, who: Unlocked, payload: Payload) -> ActionResult:
        """Sign and record; what is signed is what the wire will carry.

        Raises:
            app.domain.events.EventError: a field the store would refuse (a reason
                longer than 200 characters...); nothing was recorded.
        """
        made = new_event(payload, station=self._station, user=who.username, at=self._clock())
        # Through the one gate for events first: the store will sign-check the parsed
        # event, and an event it cannot parse must never block the outbox.
        event = parse_event(made.to_json())
        signed = replace(event, proof=proof.sign(event, who.key))
        try:
            return ActionResult(self._store.record(signed))
        except Rejection as rejection:
            return ActionResult(None, rejection.code)
