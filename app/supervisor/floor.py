"""The supervisor's other lists, read from the station's database: what needs a
person (``exceptions``, ``claims``), what happened to an order (``timeline``) and who
did what (``operator_rates``). Bounded queries, as in ``app.supervisor.queue``.

**What a station knows.** Its copy of the orders is the whole queue as of its last
pull. Its outbox holds only its own events not yet acknowledged and those the store
refused (acknowledged ones are deleted: the store is the system of record), its print
jobs are its own. So at a station:

- the timeline of an order is this station's pending and refused events for it and
  this station's print jobs about it; the full history is in the store's ledger;
- the people figures (``operator_rates``) count only those outbox events, i.e. the
  work of this station not yet pushed; the shift's figures need the store's ledger;
- wrong scans are events (``scan.wrong``, ``app.store.wrong_scans``): here only
  this station's unpushed ones count, as for the other figures;
- when another station last synced is not known at a station (it knows only its own
  last pull): ``exceptions`` lists the claims of the stations whose last sync the
  caller supplies (``last_seen``) as too old; ``claims`` lists every claim;
- a supervisor's reprint request that a station could not act on
  (``reprint_failed``) is known only at that station (the order store hands it
  the request, but v1 has no way back): ``exceptions`` lists those asked of *this*
  station.

The store's ledger answers the first three for the whole site: ``app.supervisor.ledger``
(``last_seen`` there turns its stations into this module's ``last_seen``).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, case, func, select

from app.domain.model import OrderStatus
from app.store.models import (
    OrderLineRow,
    OrderRow,
    OutboxRow,
    PrintJobRow,
    StationRequestRow,
    table_of,
)
from app.supervisor.queue import MAX_LIST, OPEN_WORK

_orders = table_of(OrderRow)
_lines = table_of(OrderLineRow)
_outbox = table_of(OutboxRow)
_jobs = table_of(PrintJobRow)
_requests = table_of(StationRequestRow)


# -- exceptions ------------------------------------------------------------------------


class ExceptionKind(enum.StrEnum):
    HELD = "held"
    """On hold; ``detail`` is the hold reason (a packer's code or a supervisor's text)."""
    SHORT = "short"
    """Lines reported short, order not finished; ``detail`` is the short units."""
    REFUSED = "refused"
    """An event of this station the store refused; ``detail`` is the store's code."""
    CLAIM = "claim"
    """Held by a station that has not synced for longer than allowed; ``detail`` is
    the station."""
    PRINT_FAILED = "print_failed"
    """A print job of this station failed; ``detail`` is its error code."""
    REPRINT_FAILED = "reprint_failed"
    """A supervisor asked this station to reprint an order's labels and it could not
    (``app.printing.reprints``); ``detail`` is the code (``no_labels_here``,
    ``unsupported``), ``extra`` says who asked and for which package (``None``: all).
    The reprints it did queue show as print jobs (and as ``print_failed`` if they fail)."""


@dataclass(frozen=True, slots=True)
class ExceptionItem:
    kind: ExceptionKind
    order_number: str
    detail: str
    at: datetime | None = None
    """When it happened, where the station knows it (refusals, print jobs)."""
    extra: Mapping[str, object] = field(default_factory=dict)


def exceptions(
    conn: Connection,
    *,
    now: datetime,
    last_seen: Mapping[str, datetime] | None = None,
    stale_after: timedelta = timedelta(minutes=15),
    limit: int = MAX_LIST,
) -> list[ExceptionItem]:
    """Everything that needs a person, grouped by kind, at most ``limit`` per kind.

    Args:
        now: the time to judge staleness by.
        last_seen: when each station last synced, where known (a station knows only
            its own last pull; see the module's note). Claims of stations missing
            from it are not listed: their age is unknown.
        stale_after: how long a station may stay silent before its claims are listed.
    """
    items: list[ExceptionItem] = []
    for number, reason in conn.execute(
        select(_orders.c.order_number, _orders.c.hold_reason)
        .where(_orders.c.status == OrderStatus.ON_HOLD.value)
        .order_by(_orders.c.cutoff, _orders.c.order_number)
        .limit(limit)
    ):
        items.append(ExceptionItem(ExceptionKind.HELD, number, reason))
    unfinished = [s.value for s in OPEN_WORK if s is not OrderStatus.ON_HOLD]
    for number, short in conn.execute(
        select(_lines.c.order_number, func.sum(_lines.c.short_qty))
        .join(_orders, _orders.c.order_number == _lines.c.order_number)
        .where(_lines.c.short_qty > 0, _orders.c.status.in_(unfinished))
        .group_by(_lines.c.order_number)
        .order_by(_lines.c.order_number)
        .limit(limit)
    ):
        items.append(ExceptionItem(ExceptionKind.SHORT, number, str(int(short))))
    for row in conn.execute(
        select(
            _outbox.c.order_number,
            _outbox.c.reject_code,
            _outbox.c.created_at,
            _outbox.c.type,
            _outbox.c.event_id,
        )
        .where(_outbox.c.state == "rejected")
        .order_by(_outbox.c.position.desc())
        .limit(limit)
    ):
        items.append(
            ExceptionItem(
                ExceptionKind.REFUSED,
                row.order_number,
                row.reject_code or "",
                row.created_at,
                {"type": row.type, "event_id": row.event_id},
            )
        )
    silent = sorted(
        station for station, seen in (last_seen or {}).items() if now - seen > stale_after
    )
    if silent:
        for claim in conn.execute(
            select(_orders.c.order_number, _orders.c.assigned_station, _orders.c.assigned_user)
            .where(_orders.c.assigned_station.in_(silent))
            .order_by(_orders.c.assigned_station, _orders.c.order_number)
            .limit(limit)
        ):
            items.append(
                ExceptionItem(
                    ExceptionKind.CLAIM,
                    claim.order_number,
                    claim.assigned_station,
                    (last_seen or {})[claim.assigned_station],
                    {"user": claim.assigned_user},
                )
            )
    for job in conn.execute(
        select(_jobs.c.reference, _jobs.c.error_code, _jobs.c.updated_at, _jobs.c.id)
        .where(_jobs.c.state == "failed")
        .order_by(_jobs.c.id.desc())
        .limit(limit)
    ):
        items.append(
            ExceptionItem(
                ExceptionKind.PRINT_FAILED,
                job.reference,
                job.error_code or "",
                job.updated_at,
                {"job": job.id},
            )
        )
    for request in conn.execute(
        select(
            _requests.c.order_number,
            _requests.c.code,
            _requests.c.acted_at,
            _requests.c.seq,
            _requests.c.requested_by,
            _requests.c.package_no,
        )
        .where(_requests.c.state == "failed")
        .order_by(_requests.c.seq.desc())
        .limit(limit)
    ):
        items.append(
            ExceptionItem(
                ExceptionKind.REPRINT_FAILED,
                request.order_number,
                request.code or "",
                request.acted_at,
                {
                    "request": request.seq,
                    "requested_by": request.requested_by,
                    "package_no": request.package_no,
                },
            )
        )
    return items


@dataclass(frozen=True, slots=True)
class Claim:
    order_number: str
    station: str
    user: str | None
    status: OrderStatus


def claims(conn: Connection, *, limit: int = MAX_LIST) -> list[Claim]:
    """Orders some station is working on (picking or packing), by station."""
    return [
        Claim(row[0], row[1], row[2], OrderStatus(row[3]))
        for row in conn.execute(
            select(
                _orders.c.order_number,
                _orders.c.assigned_station,
                _orders.c.assigned_user,
                _orders.c.status,
            )
            .where(_orders.c.assigned_station.is_not(None))
            .order_by(_orders.c.assigned_station, _orders.c.order_number)
            .limit(limit)
        )
    ]


# -- timeline --------------------------------------------------------------------------


class TimelineKind(enum.StrEnum):
    EVENT = "event"
    """An event of this station not yet acknowledged by the store (``state``
    ``pending``) or refused by it (``rejected``, with the store's code)."""
    PRINT = "print"
    """A print job of this station about the order (``state`` the job's state)."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: TimelineKind
    what: str
    """The event type, or the label template."""
    user: str | None
    station: str | None
    state: str
    code: str | None = None


def timeline(conn: Connection, order_number: str, *, limit: int = 200) -> list[TimelineEntry]:
    """What this station knows of the order's history, oldest first (see the module's
    note: acknowledged events are in the store, not here)."""
    entries: list[TimelineEntry] = []
    for row in conn.execute(
        select(
            _outbox.c.created_at,
            _outbox.c.type,
            _outbox.c.payload,
            _outbox.c.state,
            _outbox.c.reject_code,
        )
        .where(_outbox.c.order_number == order_number)
        .order_by(_outbox.c.position)
        .limit(limit)
    ):
        event = json.loads(row.payload)
        entries.append(
            TimelineEntry(
                row.created_at,
                TimelineKind.EVENT,
                row.type,
                event.get("user"),
                event.get("station"),
                row.state,
                row.reject_code,
            )
        )
    for job_row in conn.execute(
        select(_jobs.c.created_at, _jobs.c.label, _jobs.c.state, _jobs.c.error_code)
        .where(_jobs.c.reference == order_number)
        .order_by(_jobs.c.id)
        .limit(limit)
    ):
        entries.append(
            TimelineEntry(
                job_row.created_at,
                TimelineKind.PRINT,
                job_row.label,
                None,
                None,
                job_row.state,
                job_row.error_code,
            )
        )
    entries.sort(key=lambda entry: entry.at)
    return entries[:limit]


# -- people ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OperatorRates:
    """One person's work in a time window, from events (``hours`` long).

    ``wrong_scans`` counts ``scan.wrong`` events; ``first_at`` and ``last_at`` are the
    person's first and last event in the window, where known (the store's ledger
    says; a station's outbox does not).
    """

    username: str
    picks: int
    units: int
    packs: int
    hours: float
    wrong_scans: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None

    @property
    def picks_per_hour(self) -> float:
        return self.picks / self.hours if self.hours else 0.0

    @property
    def units_per_hour(self) -> float:
        return self.units / self.hours if self.hours else 0.0

    @property
    def packs_per_hour(self) -> float:
        return self.packs / self.hours if self.hours else 0.0


def operator_rates(conn: Connection, since: datetime, until: datetime) -> list[OperatorRates]:
    """Per person, picks (``line.picked`` events), units picked, packs
    (``order.packed``) and wrong scans (``scan.wrong``) from this station's outbox
    between ``since`` and ``until``.

    Only what the outbox still holds counts (see the module's note): at a station
    that is online this is the last few seconds of work, not the shift.
    """
    hours = max((until - since).total_seconds() / 3600, 0.0)
    payload = _outbox.c.payload
    user = func.json_extract(payload, "$.user")
    qty = func.json_extract(payload, "$.payload.qty")
    picked = _outbox.c.type == "line.picked"
    rows = conn.execute(
        select(
            user,
            func.sum(case((picked, 1), else_=0)),
            func.sum(case((picked, qty), else_=0)),
            func.sum(case((_outbox.c.type == "order.packed", 1), else_=0)),
            func.sum(case((_outbox.c.type == "scan.wrong", 1), else_=0)),
        )
        .where(
            _outbox.c.state == "pending",
            _outbox.c.created_at >= since,
            _outbox.c.created_at < until,
        )
        .group_by(user)
        .order_by(user)
    ).all()
    return [
        OperatorRates(
            str(row[0]),
            int(row[1] or 0),
            int(row[2] or 0),
            int(row[3] or 0),
            hours,
            wrong_scans=int(row[4] or 0),
        )
        for row in rows
        if row[0] is not None
    ]
