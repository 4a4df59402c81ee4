"""The order store's use cases: pull a page, apply events, import and cancel orders.

Each function takes an engine and owns its transactions; the HTTP layer only checks
the request's shape and the caller's token and turns results into responses.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain import wire
from app.domain.events import Event, LabelsReprint, LinePicked, PickerAssigned, WrongScan
from app.domain.model import Order, OrderStatus, User
from app.domain.rules import (
    Rejection,
    apply_event,
    check_assignee,
    check_user,
    needs_supervisor_proof,
)
from app.orderstore import orders as repo
from app.orderstore.db import writer
from app.orderstore.errors import STATUS_CODES as STATUS_CODES
from app.orderstore.errors import StoreError as StoreError
from app.orderstore.models import (
    EventRow,
    OrderRow,
    StationRequestRow,
)
from app.orderstore.neworders import NewLine as NewLine
from app.orderstore.neworders import NewOrder as NewOrder
from app.orderstore.neworders import import_orders as import_orders
from app.orderstore.pins import ProofChecker

MAX_PAGE = 5000
# Refused events kept per station (the newest): enough for a person to look into a
# station's refusals and for a lost answer to be replayed as ``duplicate``, while a
# station that sends nothing but refused events cannot grow the table without end.
REFUSALS_KEPT = 1000


class Result(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


def changes_page(
    engine: Engine, since: int, limit: int, station: str | None = None
) -> dict[str, Any]:
    """Everything changed after ``since``, at most ``limit`` rows, oldest change first."""
    return dict(json.loads(changes_page_json(engine, since, limit, station)))


def changes_page_json(engine: Engine, since: int, limit: int, station: str | None = None) -> bytes:
    """``changes_page`` as the response body. Orders come as stored documents, joined
    into the page as they are: the pull's hot path builds no objects per order.

    ``station``: the caller; the page then also carries the requests a supervisor
    made of that station (``requests``, only when there are any: other stations'
    requests are never shown, and a v1 page is unchanged).
    """
    with Session(engine) as session, session.begin():
        candidates: list[tuple[int, str, str]] = []
        for seq, product in repo.changed_products(session, since, limit):
            candidates.append((seq, "products", _with_seq(wire.product_to_json(product), seq)))
        for seq, location in repo.changed_locations(session, since, limit):
            candidates.append((seq, "locations", _with_seq(wire.location_to_json(location), seq)))
        for seq, tote in repo.changed_totes(session, since, limit):
            candidates.append((seq, "totes", _with_seq(wire.tote_to_json(tote), seq)))
        for seq, user in repo.changed_users(session, since, limit):
            candidates.append((seq, "users", _with_seq(wire.user_to_json(user), seq)))
        for seq, doc in repo.changed_order_docs(session, since, limit):
            candidates.append((seq, "orders", doc))
        last_request = 0
        if station is not None:
            for seq, doc in _station_requests(session, station, since, limit):
                candidates.append((seq, "requests", doc))
            last_request = _last_request(session, station)
        candidates.sort(key=lambda item: item[0])
        page = candidates[:limit]
        next_seq = page[-1][0] if page else since
        more = max(repo.max_seq(session, repo.PULLED_TABLES), last_request) > next_seq
    kinds: dict[str, list[str]] = {
        k: [] for k in ("products", "locations", "totes", "users", "orders")
    }
    for _, kind, doc in page:
        kinds.setdefault(kind, []).append(doc)
    head = f'{{"since":{since},"next":{next_seq},"more":{"true" if more else "false"}'
    body = "".join(f',"{kind}":[{",".join(docs)}]' for kind, docs in kinds.items())
    return (head + body + "}").encode()


def _station_requests(
    session: Session, station: str, since: int, limit: int
) -> list[tuple[int, str]]:
    rows = session.execute(
        select(StationRequestRow)
        .where(StationRequestRow.station == station, StationRequestRow.seq > since)
        .order_by(StationRequestRow.seq)
        .limit(limit)
    ).scalars()
    return [
        (
            row.seq,
            _with_seq(
                {
                    "kind": row.kind,
                    "order_number": row.order_number,
                    "package_no": row.package_no,
                    "requested_by": row.requested_by,
                    "requested_at": row.requested_at.isoformat(),
                    "event_id": row.event_id,
                },
                row.seq,
            ),
        )
        for row in rows
    ]


def _last_request(session: Session, station: str) -> int:
    value = session.execute(
        select(func.max(StationRequestRow.seq)).where(StationRequestRow.station == station)
    ).scalar()
    return int(value or 0)


def _with_seq(data: dict[str, Any], seq: int) -> str:
    data["seq"] = seq
    return json.dumps(data, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class EventAnswer:
    id: str
    result: Result
    code: str | None = None
    reason: str | None = None
    original: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "result": self.result.value}
        if self.original:
            out["original"] = self.original
        if self.code:
            out["code"] = self.code
            out["reason"] = self.reason
        return out


def apply_events(
    engine: Engine, events: list[Event], *, refusals_kept: int = REFUSALS_KEPT
) -> list[EventAnswer]:
    """Apply each event exactly once, in the given order; answer each.

    An event is known by its station and its id (``event_key``): a station that sends
    an id again gets ``duplicate``, another station's event with the same id is an
    event of its own.

    The batch is applied in one transaction: every event is all-or-nothing on its own
    (the domain rules check before they change anything, and a refused event changes
    nothing), and its key is recorded with its answer in the same transaction, so a
    replay is answered ``duplicate``. Should another worker record one of these keys
    first (a station re-sending while its first try is still running), the unique
    key refuses our commit, nothing of the batch is kept, and it is tried again: the
    keys recorded meanwhile are then found and answered ``duplicate``.

    Applied events are kept for good. Of a station's refused events only the newest
    ``refusals_kept`` are kept: a refused event sent again after that many newer
    refusals of its station is decided again (and is then applied at most once, as
    any event).
    """
    for _ in range(3):
        try:
            return _apply_batch(engine, events, refusals_kept)
        except IntegrityError:
            continue
    return [  # pragma: no cover - heavy contention
        apply_one(engine, event, refusals_kept=refusals_kept) for event in events
    ]


def event_key(event: Event) -> tuple[str, str]:
    """What an event is known by in the ledger: its station and its id."""
    return event.station, str(event.id)


def _apply_batch(engine: Engine, events: list[Event], refusals_kept: int) -> list[EventAnswer]:
    with Session(writer(engine)) as session, session.begin():
        last_seq = repo.take_seq(session, len(events))  # the write lock, before any read
        seqs = iter(range(last_seq - len(events) + 1, last_seq + 1))
        prior = repo.recorded_events(session, [event_key(event) for event in events])
        numbers = sorted({event.order_number for event in events})
        orders = repo.get_orders(session, numbers, lock=True)
        before = {number: order.copy() for number, order in orders.items()}
        users = repo.get_users(session, {event.user for event in events} | _pickers(events))
        received = repo.now()
        proofs = ProofChecker(session, {event.user for event in events}, received)
        answers: list[EventAnswer] = []
        rows: list[dict[str, Any]] = []
        first: dict[tuple[str, str], EventAnswer] = {}
        touched: set[str] = set()
        refused: set[str] = set()
        requests: list[Event] = []
        for event in events:
            key = event_key(event)
            if key in prior:
                answers.append(_duplicate(prior[key]))
                continue
            if key in first:  # the same event twice in one batch
                answers.append(_again(first[key]))
                continue
            answer = _decide(orders.get(event.order_number), users, event, proofs)
            if answer.result is not Result.APPLIED:
                refused.add(event.station)
                if orders.get(event.order_number) is not None:
                    # The station applied it to its copy before sending: the order goes
                    # out again (a new seq, unchanged) so its next pull puts it right.
                    touched.add(event.order_number)
            elif isinstance(event.payload, LabelsReprint):
                requests.append(event)  # the order does not change
            elif not isinstance(event.payload, WrongScan):  # a wrong scan: the ledger only
                touched.add(event.order_number)
            first[key] = answer
            answers.append(answer)
            rows.append(_event_row(event, answer, received))
        # One seq per changed order and per request: never more than the events.
        repo.save_orders(session, [(before[n], orders[n], next(seqs)) for n in sorted(touched)])
        if requests:
            session.add_all(_request_row(event, next(seqs), received) for event in requests)
            session.flush()
        if rows:
            session.connection().execute(insert(EventRow), rows)
        for station in sorted(refused):
            repo.prune_refusals(session, station, refusals_kept)
        return answers


def _pickers(events: list[Event]) -> set[str]:
    return {e.payload.picker for e in events if isinstance(e.payload, PickerAssigned)}


def _request_row(event: Event, seq: int, received: Any) -> StationRequestRow:
    payload = event.payload
    assert isinstance(payload, LabelsReprint)
    return StationRequestRow(
        seq=seq,
        station=payload.station,
        kind=event.type.value,
        order_number=payload.order_number,
        package_no=payload.package_no,
        requested_by=event.user,
        requested_at=received,
        event_id=str(event.id),
    )


def _decide(
    order: Order | None, users: Mapping[str, User], event: Event, proofs: ProofChecker
) -> EventAnswer:
    """Apply ``event`` to ``order`` in memory; on a rejection ``order`` is unchanged.

    The checks come in this order: the user and their role, then (for a supervisor
    action) the proof of the supervisor's PIN, then the rules of the order.
    """
    event_id = str(event.id)
    if order is None:
        return EventAnswer(
            event_id, Result.REJECTED, "unknown_order", f"unknown order {event.order_number!r}"
        )
    try:
        user = check_user(users.get(event.user), event)
        if needs_supervisor_proof(order, event, user):
            proofs.check(event)
        if isinstance(event.payload, PickerAssigned):
            check_assignee(users.get(event.payload.picker), event)
        apply_event(order, event, user)
    except Rejection as rejection:
        return EventAnswer(event_id, Result.REJECTED, rejection.code.value, rejection.reason)
    return EventAnswer(event_id, Result.APPLIED)


def _again(answer: EventAnswer) -> EventAnswer:
    return EventAnswer(answer.id, Result.DUPLICATE, answer.code, answer.reason, answer.result.value)


def _event_row(event: Event, answer: EventAnswer, received: Any) -> dict[str, Any]:
    return {
        "id": str(event.id),
        "type": event.type.value,
        "station": event.station,
        "username": event.user,
        "order_number": event.order_number,
        "at": event.at,
        "received_at": received,
        "result": answer.result.value,
        "code": answer.code,
        "reason": answer.reason,
        "payload": json.dumps(event.to_json()),
        "qty": event.payload.qty if isinstance(event.payload, LinePicked) else None,
    }


def apply_one(engine: Engine, event: Event, *, refusals_kept: int = REFUSALS_KEPT) -> EventAnswer:
    """Apply one event in a transaction of its own (the fallback under contention)."""
    station, event_id = event_key(event)
    key = {"station": station, "id": event_id}
    try:
        with Session(writer(engine)) as session, session.begin():
            seq = repo.take_seq(session)
            prior = session.get(EventRow, key)
            if prior is not None:
                return _duplicate(prior)
            order = repo.get_order(session, event.order_number, lock=True)
            before = order.copy() if order else None
            users = repo.get_users(session, {event.user} | _pickers([event]))
            proofs = ProofChecker(session, {event.user}, repo.now())
            answer = _decide(order, users, event, proofs)
            if answer.result is Result.APPLIED and isinstance(event.payload, LabelsReprint):
                session.add(_request_row(event, seq, repo.now()))
            elif answer.result is Result.APPLIED and not isinstance(event.payload, WrongScan):
                assert order is not None
                assert before is not None
                repo.save_order(session, before, order, seq)
            elif answer.result is Result.REJECTED and order is not None and before is not None:
                # Unchanged, sent again: the station's copy took the event (see
                # _apply_batch), its next pull puts it right.
                repo.save_order(session, before, order, seq)
            session.add(EventRow(**_event_row(event, answer, repo.now())))
            session.flush()
            if answer.result is Result.REJECTED:
                repo.prune_refusals(session, station, refusals_kept)
            return answer
    except IntegrityError:
        with Session(engine) as session:
            prior = session.get(EventRow, key)
            if prior is None:  # pragma: no cover - the integrity error was about something else
                raise
            return _duplicate(prior)


def _duplicate(prior: EventRow) -> EventAnswer:
    return EventAnswer(
        id=prior.id,
        result=Result.DUPLICATE,
        code=prior.code,
        reason=prior.reason,
        original=prior.result,
    )


def cancel_order(engine: Engine, order_number: str, reason: str) -> Order:
    """Cancel an order; stations learn it on their next pull.

    Raises:
        StoreError: 404 for an unknown order, 409 for a shipped one.
    """
    with Session(writer(engine)) as session, session.begin():
        seq = repo.take_seq(session)
        before = repo.get_order(session, order_number, lock=True)
        if before is None:
            raise StoreError(404, f"unknown order {order_number!r}", code="unknown_order")
        if before.status is OrderStatus.CANCELLED:
            return before
        if before.status is OrderStatus.SHIPPED:
            raise StoreError(
                409, f"order {order_number} has shipped and cannot be cancelled", code="shipped"
            )
        after = before.copy()
        after.status = OrderStatus.CANCELLED
        after.assigned_station = None
        after.assigned_user = None
        repo.save_order(session, before, after, seq)
        session.execute(
            update(OrderRow)
            .where(OrderRow.order_number == order_number)
            .values(cancel_reason=reason[:200])
        )
        return after


def list_orders(
    engine: Engine, statuses: list[OrderStatus], after: str | None, limit: int
) -> dict[str, Any]:
    """A page of orders in order-number order, optionally only those in ``statuses``."""
    query = repo.order_query().order_by(OrderRow.order_number).limit(limit + 1)
    if statuses:
        query = query.where(OrderRow.status.in_([s.value for s in statuses]))
    if after:
        query = query.where(OrderRow.order_number > after)
    with Session(engine) as session:
        found = repo.load_orders(session, query)
    page = found[:limit]
    return {
        "orders": [wire.order_to_json(order) for _, order in page],
        "next": page[-1][1].order_number if len(found) > limit else None,
    }


def get_order(engine: Engine, order_number: str) -> Order:
    """One order.

    Raises:
        StoreError: 404 when unknown.
    """
    with Session(engine) as session:
        order = repo.get_order(session, order_number)
    if order is None:
        raise StoreError(404, f"unknown order {order_number!r}", code="unknown_order")
    return order
