"""Supervisors' requests to this station: read from a pull, kept, then settled once.

A supervisor at any station can ask *this* station to print an order's labels again
(``order.labels_reprint``, ``app.supervisor.service.reprint_labels``). The order store
hands the request to the station named in it, in the ``requests`` list of its
``/changes`` pages (docs/http-contract.md). Here:

* ``requests_from_page`` reads that list with the same rules as the rest of a page
  (``app.store.changes``): a request in a shape the contract does not allow (a field
  missing, of the wrong type, too long, a time without a zone, more requests than a
  page can hold) makes the whole page a ``PageError``: nothing of it is stored, the
  cursor stays, the sync says it cannot read the store's data and pulls the page
  again on its next round. A page is never stored without its requests, so none is
  skipped silently. A *kind* this station does not know is not a shape error (the
  contract grows by adding kinds): it is stored, and settled ``failed`` with
  ``unsupported`` by whoever acts on requests, so that a supervisor sees it.
* ``app.store.changes`` stores them in the page's own transaction, keyed by the
  store's ``seq`` (``INSERT ... ON CONFLICT DO NOTHING``; the supervisor's
  ``event_id`` is unique too): a page pulled twice gives one request, and a stored
  request is never turned back to ``new``.
* ``StationRequestRepository`` lists the ``new`` ones and settles each once, in the
  caller's transaction: ``done`` with the ids of the print jobs made for it, or
  ``failed`` with a code (``app.printing.reprints`` does both in the transaction that
  queues the jobs, so a crash can neither lose nor repeat a reprint).

Like every repository here it never commits; its unit of work does.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain import wire
from app.store.models import StationRequestRow

LABELS_REPRINT: Final = "order.labels_reprint"
MAX_REQUESTS: Final = 5000
"""The most requests one page may carry: a page holds at most 5,000 rows of any kind
(the contract's largest ``limit``), requests included."""
MAX_PACKAGE_NO: Final = 1_000_000  # as for every package number in an event
REQUEST_COLUMNS: Final = (
    "seq",
    "event_id",
    "kind",
    "order_number",
    "package_no",
    "requested_by",
    "requested_at",
    "state",
    "code",
    "jobs",
    "acted_at",
)


class RequestState(enum.StrEnum):
    NEW = "new"
    """Stored from a pull; nothing was done for it yet."""
    DONE = "done"
    """Acted on: its print jobs are queued (``jobs``); the print queue sends them."""
    FAILED = "failed"
    """The station could not act on it; ``code`` says why."""


@dataclass(frozen=True, slots=True)
class StationRequest:
    """One request, as the store handed it and as the station settled it.

    Attributes:
        seq: the store's change sequence of the request (its key here).
        kind: what is asked (``order.labels_reprint``; others are kept but unsupported).
        order_number: the order it is about.
        package_no: one package of the order; ``None``: every package.
        requested_by: the supervisor's username.
        requested_at: when the store received the request (UTC).
        event_id: the supervisor's event.
        state: see ``RequestState``.
        code: why it failed (``failed`` only).
        jobs: the print jobs queued for it (``done`` only).
        acted_at: when it was settled.
    """

    seq: int
    kind: str
    order_number: str
    package_no: int | None
    requested_by: str
    requested_at: datetime
    event_id: str
    state: RequestState = RequestState.NEW
    code: str | None = None
    jobs: tuple[int, ...] = ()
    acted_at: datetime | None = None


def requests_from_page(page: Mapping[str, Any]) -> list[StationRequest]:
    """The requests of a ``/changes`` page (none when it has no ``requests`` key).

    Raises:
        ValueError: naming the first wrong request (``requests[3]: ...``), or the list.
    """
    raw = page.get("requests", [])
    if not isinstance(raw, list):
        raise ValueError("requests: must be a list")
    if len(raw) > MAX_REQUESTS:
        raise ValueError(f"requests: at most {MAX_REQUESTS} in a page, got {len(raw)}")
    out: list[StationRequest] = []
    for index, item in enumerate(raw):
        try:
            out.append(request_from_json(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"requests[{index}]: {exc}") from exc
    return out


def request_from_json(raw: object) -> StationRequest:
    """One request of a page. Keys the contract may add later are ignored.

    Raises:
        KeyError, TypeError, ValueError: a field missing or wrong.
    """
    if not isinstance(raw, dict):
        raise TypeError("must be an object")
    seq = raw["seq"]
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"seq must be a whole number >= 1, got {seq!r}")
    package_no = raw.get("package_no")
    if package_no is not None and (
        isinstance(package_no, bool)
        or not isinstance(package_no, int)
        or not 1 <= package_no <= MAX_PACKAGE_NO
    ):
        raise ValueError(f"package_no must be null or 1-{MAX_PACKAGE_NO}, got {package_no!r}")
    event_text = wire.check_text(raw["event_id"], "event_id", max_length=36)
    try:
        event_id = str(uuid.UUID(event_text))
    except ValueError:
        raise ValueError(f"event_id: {event_text!r} is not a UUID") from None
    return StationRequest(
        seq=seq,
        kind=wire.check_text(raw["kind"], "kind", max_length=40),
        order_number=wire.check_text(raw["order_number"], "order_number", max_length=40),
        package_no=package_no,
        requested_by=wire.check_text(raw["requested_by"], "requested_by", max_length=200),
        requested_at=wire.parse_time(raw["requested_at"]),
        event_id=event_id,
    )


def request_params(request: StationRequest) -> dict[str, Any]:
    """The row of ``request`` (``REQUEST_COLUMNS``), as stored from a pull."""
    return {
        "seq": request.seq,
        "event_id": request.event_id,
        "kind": request.kind,
        "order_number": request.order_number,
        "package_no": request.package_no,
        "requested_by": request.requested_by,
        "requested_at": request.requested_at,
        "state": request.state.value,
        "code": request.code,
        "jobs": ",".join(map(str, request.jobs)),
        "acted_at": request.acted_at,
    }


_COLUMNS = tuple(getattr(StationRequestRow, name) for name in REQUEST_COLUMNS)


def _request(row: Any) -> StationRequest:
    (seq, event_id, kind, number, package_no, by, at, state, code, jobs, acted_at) = row
    return StationRequest(
        seq=seq,
        kind=kind,
        order_number=number,
        package_no=package_no,
        requested_by=by,
        requested_at=at,
        event_id=event_id,
        state=RequestState(state),
        code=code,
        jobs=tuple(int(job) for job in jobs.split(",") if job),
        acted_at=acted_at,
    )


class StationRequestRepository:
    """The ``station_requests`` table over a unit of work's Session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def new(self, limit: int = 100) -> list[StationRequest]:
        """Requests not acted on yet, oldest first."""
        rows = self._session.execute(
            select(*_COLUMNS)
            .where(StationRequestRow.state == RequestState.NEW.value)
            .order_by(StationRequestRow.seq)
            .limit(limit)
        )
        return [_request(row) for row in rows]

    def get(self, seq: int) -> StationRequest | None:
        row = self._session.execute(select(*_COLUMNS).where(StationRequestRow.seq == seq)).first()
        return _request(row) if row else None

    def recent(self, limit: int = 50) -> list[StationRequest]:
        """The newest requests first, whatever their state."""
        rows = self._session.execute(
            select(*_COLUMNS).order_by(StationRequestRow.seq.desc()).limit(limit)
        )
        return [_request(row) for row in rows]

    def settle(
        self, seq: int, now: datetime, *, jobs: Sequence[int] = (), code: str | None = None
    ) -> bool:
        """Mark a ``new`` request ``done`` (with its ``jobs``) or, with a ``code``,
        ``failed``. False when it is not ``new`` (already settled): then nothing of
        what the caller did for it in this transaction should be kept."""
        state = RequestState.FAILED if code else RequestState.DONE
        result = self._session.execute(
            update(StationRequestRow)
            .where(
                StationRequestRow.seq == seq,
                StationRequestRow.state == RequestState.NEW.value,
            )
            .values(
                state=state.value,
                code=code,
                jobs=",".join(map(str, jobs)),
                acted_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0)) == 1
