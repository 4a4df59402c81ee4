"""A supervisor's reprint request, acted on by the station it names.

The request comes in with a pull (``app.store.station_requests``: stored ``new``, in
the page's transaction). ``act_on_requests`` then, for each new request, in ONE
transaction of the station database:

1. finds the labels this station printed for the order: for every label kind the pack
   screen prints (``shipping``, and ``packing-slip`` where the station has a page
   printer: ``ui/screens/pack_printing.py``), package and page, the newest job that
   printed (``done``), for the requested package or, without one, every package;
2. queues each again as a reprint (the same bytes, so the same SSCC and tracking:
   a new job with ``reprint_of``, as ``PrintQueue.reprint`` makes them);
3. settles the request ``done`` with those job ids, or ``failed`` with a code
   (``RequestCode``) when there was nothing to reprint here, for the supervisor's
   exceptions (``app.supervisor.floor``).

Why one transaction: the jobs and the request's ``done`` are committed together, and
the print queue delivers committed jobs as it delivers every job (after a restart
too). A crash or SIGKILL before the commit leaves the request ``new`` and no job (it
is acted on at the next call); after it, the request is settled and its jobs are
queued, so nothing is printed twice by a second call. The transaction takes the
write lock first (IMMEDIATE), so two callers cannot both act on one request.

Why the printed bytes and not a fresh render: a reprint must be the label already on
the parcel (its SSCC, its carrier's tracking), even if the order changed since.

A station that never printed the order (it was packed elsewhere, or its jobs were
purged) answers ``no_labels_here``; a request of a kind this station does not know
answers ``unsupported``. Neither goes back to the order store (contract v1 has no
answer for requests): the station's own exceptions list shows them.

Runs wherever the caller likes, never on the GUI thread: the kiosk calls it on the
task runner's database lane after each sync round (``ui/kiosk.py``).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Final

from app.printing.queue import PrintQueue
from app.store import LocalStore
from app.store.local_store import utc_now
from app.store.print_jobs import JobState, NewJob, PrintJob, PrintJobRepository
from app.store.station_requests import (
    LABELS_REPRINT,
    RequestState,
    StationRequest,
    StationRequestRepository,
)

log = logging.getLogger(__name__)

REPRINTED: Final = ("shipping", "packing-slip")
"""The labels of an order the pack screen prints per package, in printing order."""
JOBS_LOOKED_AT: Final = 500
"""The newest printed jobs of an order searched for its labels (many reprints of one
order are still well under this)."""
BATCH: Final = 50
"""Requests settled per transaction (keeps the write lock short)."""


class RequestCode(enum.StrEnum):
    """Why a request was settled ``failed``."""

    NO_LABELS_HERE = "no_labels_here"
    """This station has no printed label of the order (or of that package)."""
    UNSUPPORTED = "unsupported"
    """A kind of request this station does not know how to do."""


def act_on_requests(
    store: LocalStore, queue: PrintQueue, *, clock: Callable[[], datetime] = utc_now
) -> list[StationRequest]:
    """Act on every ``new`` request once (see the module docstring).

    Returns:
        The requests settled by this call, as settled (``done`` with their jobs or
        ``failed`` with a code), oldest first; empty when there was nothing new.
    """
    settled: list[StationRequest] = []
    while True:
        batch = _act_on_batch(store, clock)
        if not batch:
            return settled
        settled += batch
        queue.announce([job for request in batch for job in request.jobs])


def _act_on_batch(store: LocalStore, clock: Callable[[], datetime]) -> list[StationRequest]:
    # A read first: most rounds find nothing and take no write lock.
    with store.unit_of_work(readonly=True) as uow:
        if not StationRequestRepository(uow.session).new(1):
            return []
    settled: list[StationRequest] = []
    with store.unit_of_work() as uow:
        requests = StationRequestRepository(uow.session)
        jobs = PrintJobRepository(uow.session, clock)
        for request in requests.new(BATCH):
            ids, code = _act(jobs, request)
            now = clock()
            if not requests.settle(request.seq, now, jobs=ids, code=code):  # pragma: no cover
                raise RuntimeError(f"request {request.seq} was settled meanwhile")
            state = RequestState.FAILED if code else RequestState.DONE
            settled.append(replace(request, state=state, code=code, jobs=tuple(ids), acted_at=now))
        uow.commit()
    for request in settled:
        log.info(
            "request %s (%s %s, package %s): %s",
            request.seq,
            request.kind,
            request.order_number,
            request.package_no or "all",
            request.code or f"reprint jobs {list(request.jobs)}",
        )
    return settled


def _act(jobs: PrintJobRepository, request: StationRequest) -> tuple[list[int], str | None]:
    """Queue the request's reprints in ``jobs``' transaction: their ids, or a code."""
    if request.kind != LABELS_REPRINT:
        return [], RequestCode.UNSUPPORTED.value
    made: list[int] = []
    for original in originals(jobs, request.order_number, request.package_no):
        payload = jobs.payload(original.id)
        if payload is None:  # pragma: no cover - read in this transaction just now
            continue
        made.append(
            jobs.add(
                NewJob(
                    original.label,
                    original.title,
                    original.reference,
                    original.printer,
                    original.format,
                    payload,
                    dict(original.request)
                    | {"reprint_of": original.id, "station_request": request.seq},
                ),
                reprint_of=original.id,
            )
        )
    if not made:
        return [], RequestCode.NO_LABELS_HERE.value
    return made, None


def originals(
    jobs: PrintJobRepository, order_number: str, package_no: int | None
) -> Sequence[PrintJob]:
    """The jobs to print again for ``order_number``: per label kind, package and page,
    the newest that printed; of ``package_no`` only, or of every package. In
    printing order: by package, shipping label before packing slip, by page."""
    newest: dict[tuple[str, int, int], PrintJob] = {}
    for job in jobs.recent(JOBS_LOOKED_AT, states=[JobState.DONE], reference=order_number):
        if job.label not in REPRINTED:
            continue
        package = _number(job.request.get("package"))
        if package_no is not None and package != package_no:
            continue
        newest.setdefault((job.label, package, _number(job.request.get("page"))), job)
    return [
        newest[key]
        for key in sorted(newest, key=lambda key: (key[1], REPRINTED.index(key[0]), key[2]))
    ]


def _number(value: object) -> int:
    """A package or page number from a job's request (``1`` when absent or odd)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 1
