"""Getting pick work, keeping it across restarts, and recording every counted scan.

**Claims.** ``start`` claims the most urgent open orders (priority, then cutoff) of the
station's copy of the queue: one order, or one per tote of a cart. In ONE local
transaction it records an ``OrderClaimed`` event per order (state change + outbox,
``app.store.local_store.record_in``) and the picker's run (``app.store.pick_runs``).
Then it asks the sync worker for a round now and reads the answer from the outbox:

- delivered (the entry is gone): the order is this station's; picking may start;
- rejected (another station was faster, or the order changed at the store): the order
  leaves the run, the picker is told, and the next order is claimed for that slot
  (bounded number of attempts);
- still pending (the store cannot be reached, or did not answer in time): the run
  waits. Nothing is picked on an unconfirmed claim, so two stations never pick the
  same order into two totes; the claim is confirmed (or refused) by a later round.

Offline, a run whose claims the store confirmed goes on as usual: every scan is
recorded locally and waits in the outbox.

**Restarts.** A run stays open until the picker confirms it done. ``start`` resumes the
picker's open run before claiming anything: the session is rebuilt from the orders as
the station database holds them (``PickSession`` resumes at the same line with the
same counts). Orders the store took away meanwhile (released, or moved on) leave the
run with a reason; cancelled or held ones stay for the picker to confirm.

**Scans.** ``record`` stores what the session answered, all events of one intent in
one transaction, before the screen gives its feedback. When that fails (the rules
refuse it because a pull changed the order, or the disk is full), nothing was stored
and the caller rebuilds the session from the database with ``session``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from app.domain.events import (
    LineShort,
    LineShortUndone,
    OrderClaimed,
    ScanExpected,
    ShortReason,
    new_event,
)
from app.domain.model import Order, OrderStatus, User
from app.domain.pick import Outcome, PickSession, Tone
from app.domain.pick_outcome import PickState
from app.domain.pick_state import STOPPED
from app.domain.rules import RejectCode, Rejection
from app.picking.answers import (
    LOST_BY_REJECTION,
    ClaimStatus,
    Lost,
    LostCode,
    NotSaved,
    NotSavedCode,
    WaitCode,
    WaitProblem,
    Work,
    WorkRefused,
    WorkRefusedCode,
)
from app.picking.handback import HandBack, record_hand_back
from app.store.local_store import LocalStore, record_in, utc_now
from app.store.outbox import REJECTED
from app.store.pick_runs import PickRun, RunOrder
from app.store.wrong_scans import WrongScanLog
from app.sync.state import SyncState

log = logging.getLogger(__name__)

Confirm = Callable[[float], SyncState | None]
"""Run a sync round now and wait up to the given seconds (``SyncLoop.sync_now``)."""


@dataclass
class _Check:
    run: PickRun
    lost: list[Lost] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    problem: WaitProblem | None = None


class PickService:
    """Claims, runs and durable scans for one station's pickers.

    Thread use: every method does blocking database work; ``start`` may also wait for
    the order store (up to ``confirm_timeout_s``). Call ``start`` off the GUI thread.
    ``record`` is one short write transaction, made for the GUI thread so that the
    feedback follows the durable commit in the same event-loop turn.

    Args:
        store: the station database.
        station: this station's id, read at each call (settings may change).
        confirm: runs a sync round now and waits for it; ``None`` when the station
            has no order store (then claims wait).
        wake: called after each recorded scan (``SyncLoop.wake``).
        clock: stamps claims and runs; UTC wall time by default.
        confirm_timeout_s: how long ``start`` waits for the store's answer.
        attempts: how many rounds of claims ``start`` makes when claims are lost.
    """

    def __init__(
        self,
        store: LocalStore,
        *,
        station: Callable[[], str],
        confirm: Confirm | None,
        wake: Callable[[], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        confirm_timeout_s: float = 15.0,
        attempts: int = 4,
    ) -> None:
        self._store = store
        self._station = station
        self.record_wrong_scan = WrongScanLog(store, station, _EXPECTED)
        """Keep a scan the pick session answered WRONG (``WrongScanLog``)."""
        self._confirm = confirm
        self._wake = wake or (lambda: None)
        self._clock = clock or utc_now
        self._timeout = confirm_timeout_s
        self._attempts = attempts

    # -- getting work ----------------------------------------------------------------

    def start(self, user: User, totes: Sequence[str] = ()) -> Work:
        """Resume the picker's open run, or claim new work.

        Args:
            user: the picker.
            totes: none or one for a single order (into that tote), several for a
                batch: one order per tote. Ignored when a run is resumed.

        Raises:
            WorkRefused: a tote appears twice, or holds an order of an open run.
            app.domain.rules.Rejection: the user may not pick.
            sqlalchemy.exc.SQLAlchemyError: the station database failed.
        """
        if len(set(totes)) != len(totes):
            raise WorkRefused(WorkRefusedCode.TOTE_TWICE)
        if totes and self.open_run(user) is None:
            with self._store.unit_of_work(readonly=True) as uow:
                in_use = uow.pick_runs.totes_in_use()
            for tote in totes:
                if tote in in_use:
                    raise WorkRefused(WorkRefusedCode.TOTE_IN_USE, tote=tote, order=in_use[tote])
        run = self.open_run(user)
        lost: list[Lost] = []
        if run is not None:
            check = self._check(run)
            if check.waiting or check.run.orders:
                return self._settle(user, check, check.lost, resumed=True)
            # Every order of the run was lost (claimed elsewhere while offline, taken
            # back): close it and claim new work, telling the picker what was lost.
            self.finish(check.run)
            lost, run = list(check.lost), None
        for _ in range(self._attempts):
            if totes:
                taken = set(run.totes.values()) if run is not None else set()
                free: list[str | None] = [t for t in totes if t not in taken]
            else:
                free = [None] if run is None or not run.orders else []
            if not free:
                break
            run, added = self._claim(user, run, free, exclude={x.order_number for x in lost})
            if not added:
                break
            assert run is not None
            check = self._check(run)
            run = check.run
            lost += check.lost
            if check.waiting or not check.lost:
                return self._settle(user, check, lost)
        if run is None:
            return Work(ClaimStatus.NO_WORK, lost=tuple(lost))
        return self._settle(user, _Check(run), lost)

    def resume(self, user: User) -> Work | None:
        """``start`` when the picker has an open run with orders left in it, else
        ``None`` (an open run left empty, every order set aside, is closed)."""
        run = self.open_run(user)
        if run is None:
            return None
        if not run.orders:
            self.finish(run)
            return None
        return self.start(user)

    def open_run(self, user: User) -> PickRun | None:
        """The picker's unfinished run, if any (``start`` resumes it)."""
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.pick_runs.open_for(user.username)

    def set_aside(self, run: PickRun, order_number: str) -> PickRun:
        """A cancelled or held order's tote is off the cart: the order leaves the run,
        so that a restart does not ask about it again."""
        with self._store.unit_of_work() as uow:
            uow.pick_runs.drop(run.id, [order_number])
            found = uow.pick_runs.get(run.id)
            uow.commit()
        assert found is not None
        return found

    def session(self, user: User, run: PickRun) -> PickSession:
        """A pick session over ``run``'s orders as the station database holds them.

        Raises:
            ValueError: an order of the run cannot be picked here (see ``start``,
                which takes such orders off the run first).
        """
        with self._store.unit_of_work(readonly=True) as uow:
            orders = [uow.orders.get(n) for n in run.order_numbers]
            found = [o for o in orders if o is not None]
            bins = {line.location for o in found for line in o.lines if line.location}
            sequence = {}
            for code in bins:
                location = uow.locations.by_code(code)
                if location is not None:
                    sequence[code] = location.sequence
            skus = {line.sku for o in found for line in o.lines}
            products = {p.sku: p for p in map(uow.products.by_sku, skus) if p is not None}
            # Why lines were short, for the done screen: known while their events wait
            # in the outbox (the store keeps them once delivered).
            reasons: dict[tuple[str, int], ShortReason] = {}
            for entry in uow.outbox.pending_for(run.order_numbers):
                payload = entry.event.payload
                if isinstance(payload, LineShort):
                    reasons[(payload.order_number, payload.line_no)] = payload.reason
                elif isinstance(payload, LineShortUndone):
                    reasons.pop((payload.order_number, payload.line_no), None)
        if len(found) != len(orders):
            raise ValueError("an order of the run is no longer on this station")
        totes = run.totes
        return PickSession(
            found,
            sequence=sequence,
            station=self._station(),
            user=user,
            totes=totes if len(found) > 1 or totes else None,
            products=products,
            short_reasons=reasons,
        )

    def tote_in_use(self, tote: str) -> str | None:
        """The order an open run is picking into ``tote``, else ``None``."""
        return self.totes_in_use().get(tote)

    def totes_in_use(self) -> dict[str, str]:
        """Every tote an open run is picking into, with its order."""
        with self._store.unit_of_work(readonly=True) as uow:
            return dict(uow.pick_runs.totes_in_use())

    # -- while picking ---------------------------------------------------------------

    def record(self, outcome: Outcome) -> None:
        """Store the events of one answer of the session, in one transaction.

        Raises:
            NotSaved: nothing was stored; rebuild the session with ``session``.
        """
        if not outcome.events:
            return
        try:
            self._store.record_all(outcome.events)
        except Rejection as refusal:
            raise NotSaved(NotSavedCode.REFUSED, refusal.reason, refusal) from refusal
        except (SQLAlchemyError, OSError) as error:
            log.exception("could not record a pick")
            raise NotSaved(NotSavedCode.DATABASE, str(error)) from error
        self._wake()

    def hand_back(self, user: User, hand_back: HandBack) -> None:
        """Give ``hand_back``'s orders back to the queue and close their run, in one
        transaction (``app.picking.handback``); made for the GUI thread, as ``record``.

        Raises:
            NotSaved: nothing was stored.
        """
        try:
            now, station = self._clock(), self._station()
            record_hand_back(self._store, hand_back, station=station, user=user, now=now)
        except Rejection as refusal:
            raise NotSaved(NotSavedCode.REFUSED, refusal.reason, refusal) from refusal
        except (SQLAlchemyError, OSError) as error:
            log.exception("could not hand a pick back")
            raise NotSaved(NotSavedCode.DATABASE, str(error)) from error
        self._wake()

    def refresh(self, session: PickSession) -> list[Outcome]:
        """Tell ``session`` about its orders as the last pull left them.

        Returns:
            The answers that need the picker (an order cancelled or held).
        """
        return tell_stopped(session, self.stopped_orders(o.order_number for o in session.orders))

    def stopped_orders(self, order_numbers: Iterable[str]) -> list[Order]:
        """Those of the orders the last pull stopped (cancelled or held), as stored.

        Reads only: ``tell_stopped`` gives them to the session on its own thread.
        """
        with self._store.unit_of_work(readonly=True) as uow:
            current = [uow.orders.get(number) for number in order_numbers]
        return [order for order in current if order is not None and order.status in STOPPED]

    def finish(self, run: PickRun) -> None:
        """The picker is done with ``run`` (every order picked, or set aside)."""
        with self._store.unit_of_work() as uow:
            uow.pick_runs.finish(run.id, self._clock())
            uow.commit()

    # -- inside ----------------------------------------------------------------------

    def _claim(
        self, user: User, run: PickRun | None, totes: Sequence[str | None], exclude: Collection[str]
    ) -> tuple[PickRun | None, int]:
        """Claim one open order per tote in one transaction; the run holds them."""
        station = self._station()
        with self._store.unit_of_work() as uow:
            orders = uow.orders.open_queue(len(totes), exclude)
            claimed = []
            for tote, order in zip(totes, orders, strict=False):
                event = new_event(
                    OrderClaimed(order.order_number, tote),
                    station=station,
                    user=user.username,
                    at=self._clock(),
                )
                record_in(uow, event)
                claimed.append(RunOrder(order.order_number, tote, event.id))
            if not claimed:
                return run, 0
            if run is None:
                run = uow.pick_runs.add(user.username, claimed, self._clock())
            else:
                uow.pick_runs.extend(run.id, claimed)
                run = uow.pick_runs.get(run.id)
                assert run is not None
            uow.commit()
        self._wake()
        return run, len(claimed)

    def _check(self, run: PickRun) -> _Check:
        """Ask the store about unconfirmed claims; take lost orders off the run."""
        check = _Check(run)
        ids = [o.claim_event for o in run.orders]
        with self._store.unit_of_work(readonly=True) as uow:
            open_claims = uow.outbox.undelivered(ids)
        if any(e.state != REJECTED for e in open_claims.values()):
            state = self._confirm(self._timeout) if self._confirm is not None else None
            with self._store.unit_of_work(readonly=True) as uow:
                open_claims = uow.outbox.undelivered(ids)
            if self._confirm is None:
                check.problem = WaitProblem(WaitCode.NOT_CONNECTED)
            elif state is None:
                check.problem = WaitProblem(WaitCode.NO_ANSWER)
            elif state.problem is not None or state.last_error:
                check.problem = WaitProblem(WaitCode.SYNC_FAILED, state.problem)
            else:
                check.problem = WaitProblem(WaitCode.UNCONFIRMED)
        with self._store.unit_of_work(readonly=True) as uow:
            for entry in run.orders:
                claim = open_claims.get(entry.claim_event)
                if claim is not None and claim.state == REJECTED:
                    check.lost.append(_refused(entry, claim.reject_code, claim.reject_reason))
                elif claim is not None:
                    check.waiting.append(entry.order_number)
                elif moved := _moved_on(uow.orders.get(entry.order_number), entry, self._station()):
                    check.lost.append(moved)
        if check.lost:
            with self._store.unit_of_work() as uow:
                uow.pick_runs.drop(run.id, [x.order_number for x in check.lost])
                found = uow.pick_runs.get(run.id)
                uow.commit()
            assert found is not None
            check.run = found
        return check

    def _settle(
        self, user: User, check: _Check, lost: Sequence[Lost], *, resumed: bool = False
    ) -> Work:
        run = check.run
        if check.waiting:
            return Work(
                ClaimStatus.WAITING,
                run,
                lost=tuple(lost),
                waiting=tuple(check.waiting),
                problem=check.problem,
                resumed=resumed,
            )
        if not run.orders:
            self.finish(run)
            return Work(ClaimStatus.NO_WORK, lost=tuple(lost), resumed=resumed)
        session = self.session(user, run)
        return Work(ClaimStatus.READY, run, session, lost=tuple(lost), resumed=resumed)


def tell_stopped(session: PickSession, orders: Iterable[Order]) -> list[Outcome]:
    """Give ``session`` the stopped ``orders`` (``PickService.stopped_orders``).

    Returns:
        The answers that need the picker (an order cancelled or held, told once).
    """
    answers = []
    for order in orders:
        outcome = session.order_changed(order)
        if outcome.tone is not Tone.NONE:
            answers.append(outcome)
    return answers


def _refused(entry: RunOrder, code: str | None, reason: str | None) -> Lost:
    """The store refused ``entry``'s claim with ``code`` (a ``RejectCode`` value)."""
    try:
        refusal: RejectCode | None = RejectCode(code) if code else None
    except ValueError:  # a code of a newer store: its reason goes to the log
        refusal = None
    lost = LOST_BY_REJECTION.get(refusal, LostCode.REFUSED) if refusal else LostCode.REFUSED
    return Lost(entry.order_number, lost, reason or code or "", entry.tote, refusal=refusal)


def _moved_on(order: Order | None, entry: RunOrder, station: str) -> Lost | None:
    """Why a confirmed order of a run can no longer be picked here (``None``: it can)."""
    number, tote = entry.order_number, entry.tote
    taken_back = LostCode.TAKEN_BACK
    if order is None:
        return Lost(number, taken_back, "the order is no longer on this station", tote)
    status = order.status
    if status is OrderStatus.PICKING and order.assigned_station not in (None, station):
        elsewhere = order.assigned_station
        reason = f"the order is being picked at station {elsewhere}"
        return Lost(number, taken_back, reason, tote, status, elsewhere)
    if status in (OrderStatus.PICKING, OrderStatus.PICKED) or status in STOPPED:
        return None
    return Lost(number, taken_back, f"the order is now {status.value}", tote, status)


_EXPECTED = {
    PickState.GO_TO_BIN: ScanExpected.BIN,
    PickState.PICK_ITEM: ScanExpected.ITEM,
    PickState.PUT_IN_TOTE: ScanExpected.TOTE,
    PickState.CANCELLED: ScanExpected.TOTE,
}
"""What a pick step waits for, as a wrong scan records it."""
