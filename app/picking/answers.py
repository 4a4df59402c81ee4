"""What getting pick work and recording a scan answer: typed codes with their values.

``app.picking.service`` answers with these; the pick screen words them (``ui/``), so
that a person reads them in their own language. The store's and the rules' own
sentences travel beside the codes for the log only (``Lost.reason``,
``NotSaved.reason``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.domain.model import OrderStatus
from app.domain.pick import PickSession
from app.domain.rules import RejectCode, Rejection
from app.store.pick_runs import PickRun
from app.sync.problems import SyncProblem


class LostCode(enum.StrEnum):
    """Why an order left the picker's run."""

    CLAIMED_ELSEWHERE = "claimed_elsewhere"
    """Another station's claim reached the store first."""
    CANCELLED = "order_cancelled"
    """The order was cancelled before the claim arrived."""
    ON_HOLD = "order_on_hold"
    """The order was put on hold before the claim arrived."""
    REFUSED = "refused"
    """The store refused the claim for another reason (``Lost.refusal``)."""
    TAKEN_BACK = "taken_back"
    """The store moved the order on while it was in the run (``Lost.status``,
    ``Lost.station``)."""


LOST_BY_REJECTION = {
    RejectCode.CLAIMED_ELSEWHERE: LostCode.CLAIMED_ELSEWHERE,
    RejectCode.CANCELLED: LostCode.CANCELLED,
    RejectCode.ON_HOLD: LostCode.ON_HOLD,
}


class WaitCode(enum.StrEnum):
    """Why claims still wait for the order store (``Work.problem``)."""

    NOT_CONNECTED = "not_connected"
    """This station has no order store."""
    NO_ANSWER = "no_answer"
    """The sync round did not end in time."""
    UNCONFIRMED = "unconfirmed"
    """The round ended without an error, and without the store's answer."""
    SYNC_FAILED = "sync_failed"
    """The round failed: ``WaitProblem.sync`` says why (the sync loop's typed problem)."""


@dataclass(frozen=True, slots=True)
class WaitProblem:
    """Why the order store has not confirmed the claims.

    Attributes:
        code: what happened.
        sync: ``SYNC_FAILED``: why the round failed (``SyncState.problem``), when known.
    """

    code: WaitCode
    sync: SyncProblem | None = None


class NotSavedCode(enum.StrEnum):
    """Why what a pick session counted was not stored."""

    REFUSED = "refused"
    """The rules refused it (``NotSaved.rejection``): a pull changed the order."""
    DATABASE = "database"
    """The station database failed (disk full, locked...)."""


class ClaimStatus(enum.StrEnum):
    """Where getting work ended."""

    READY = "ready"
    """``Work.session`` is ready to pick."""
    NO_WORK = "no_work"
    """No open order is left to claim (``Work.lost`` may say what was lost on the way)."""
    WAITING = "waiting"
    """Claims are recorded but the order store has not confirmed them yet."""


@dataclass(frozen=True, slots=True)
class Lost:
    """An order that left the picker's run, and why.

    Attributes:
        order_number: the order.
        code: why (the screen words it).
        reason: the store's or the station's sentence, for the log only.
        tote: the tote it was to go into (now free), if any.
        status: ``TAKEN_BACK``: the order's status now (``None``: no longer here).
        station: ``TAKEN_BACK``: the station now picking it, if another.
        refusal: ``REFUSED``: the store's rejection code (``None``: one this station
            does not know).
    """

    order_number: str
    code: LostCode
    reason: str
    tote: str | None = None
    status: OrderStatus | None = None
    station: str | None = None
    refusal: RejectCode | None = None


@dataclass(frozen=True, slots=True)
class Work:
    """The answer to "give me work".

    Attributes:
        status: ready, no work, or waiting for the store.
        run: the picker's run (``None`` with NO_WORK).
        session: the pick session (READY only).
        lost: orders that left the run on the way, oldest first.
        waiting: orders whose claim the store has not answered (WAITING).
        problem: why the store did not answer (WAITING).
        resumed: the run was already open (a restart, or the picker came back).
    """

    status: ClaimStatus
    run: PickRun | None = None
    session: PickSession | None = None
    lost: tuple[Lost, ...] = ()
    waiting: tuple[str, ...] = ()
    problem: WaitProblem | None = None
    resumed: bool = False


class NotSaved(Exception):
    """What a pick session counted could not be stored; nothing of it was kept.

    Attributes:
        code: refused by the rules, or the database failed (the screen words it).
        reason: the rules' or the database's own account, for the log only.
        rejection: the rules' refusal, when that was the cause.
    """

    def __init__(self, code: NotSavedCode, reason: str, rejection: Rejection | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.rejection = rejection


class WorkRefusedCode(enum.StrEnum):
    """Why ``PickService.start`` would not take the cart."""

    TOTE_TWICE = "tote_twice"
    """The same tote is on the cart twice."""
    TOTE_IN_USE = "tote_in_use"
    """A tote still holds an order of an open run (``WorkRefused.tote``, ``order``)."""


class WorkRefused(ValueError):
    """The cart cannot take work as it is; nothing was claimed.

    Attributes:
        code: why (the screen words it).
        tote: the tote at fault, if one.
        order: ``TOTE_IN_USE``: the order it still holds.
    """

    def __init__(
        self, code: WorkRefusedCode, *, tote: str | None = None, order: str | None = None
    ) -> None:
        super().__init__(f"{code.value}: tote {tote}, order {order}")
        self.code = code
        self.tote = tote
        self.order = order
