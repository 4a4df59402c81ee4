"""The print queue's table: jobs and their states, over one Session.

Life of a job (``JobState``)::

    queued --claim--> printing --mark_done--> done
       ^                  |
       |                  +--mark_failed--> failed --(due again: claim)--> printing
       +------retry-------------------------- failed

* ``add`` queues it, due at once (``next_attempt_at`` = now).
* ``claim`` moves a due job to ``printing`` and counts the attempt, in its own committed
  transaction *before* the bytes go out, and only if the job is still queued or failed:
  two workers can never send the same job, and a crash mid-send is visible afterwards.
* ``mark_failed`` records the reason; with a ``next_attempt_at`` the job is retried
  automatically when due (back-off is the caller's policy), without one it waits for a
  person (``retry``).
* ``recover_interrupted`` (at start-up) turns jobs left ``printing`` by a crash into
  ``failed`` *without* a next attempt: the label may or may not have come out, and
  only a person at the printer can tell, so nothing prints twice on its own.
* A reprint is a new job with the same payload and ``reprint_of`` set.

Like every repository here it never commits; its unit of work does.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Final, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from app.store.models import PrintJobRow
from app.store.uow import UnitOfWork

DUE_BATCH: Final = 20


class JobState(enum.StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class NewJob:
    """What to print, already rendered.

    Attributes:
        label: the template's name (``shipping``), or ``document`` for bytes supplied
            from elsewhere (a carrier's label from the order store).
        title: a line for people and for the spooler (``shipping SO-100001 1/2``).
        reference: the order number or code the label is about (searchable).
        printer: the printer's name in the station's settings.
        format: ``zpl``, ``png`` or ``pdf``.
        payload: the exact bytes to send.
        request: how it was made (template, key, package, dpi...), to preview it again.
    """

    label: str
    title: str
    reference: str
    printer: str
    format: str
    payload: bytes
    request: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PrintJob:
    """A job as the queue and the labels screen see it (without its payload)."""

    id: int
    label: str
    title: str
    reference: str
    printer: str
    format: str
    state: JobState
    attempts: int
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None
    error_code: str | None
    error: str | None
    printed_at: datetime | None
    spooler_job: str
    reprint_of: int | None
    request: Mapping[str, Any]
    size: int
    error_args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def waiting_for_person(self) -> bool:
        """Failed with no automatic retry left: someone must retry or reprint it."""
        return self.state is JobState.FAILED and self.next_attempt_at is None


_COLUMNS = (
    PrintJobRow.id,
    PrintJobRow.label,
    PrintJobRow.title,
    PrintJobRow.reference,
    PrintJobRow.printer,
    PrintJobRow.format,
    PrintJobRow.state,
    PrintJobRow.attempts,
    PrintJobRow.created_at,
    PrintJobRow.updated_at,
    PrintJobRow.next_attempt_at,
    PrintJobRow.error_code,
    PrintJobRow.error,
    PrintJobRow.printed_at,
    PrintJobRow.spooler_job,
    PrintJobRow.reprint_of,
    PrintJobRow.request,
    func.length(PrintJobRow.payload),
    PrintJobRow.error_args,
)
_RETRYABLE = (JobState.QUEUED.value, JobState.FAILED.value)


def _job(row: Any) -> PrintJob:
    (
        job_id,
        label,
        title,
        reference,
        printer,
        fmt,
        state,
        attempts,
        created,
        updated,
        next_at,
        code,
        error,
        printed,
        spooler,
        reprint_of,
        request,
        size,
        error_args,
    ) = row
    return PrintJob(
        id=job_id,
        label=label,
        title=title,
        reference=reference,
        printer=printer,
        format=fmt,
        state=JobState(state),
        attempts=attempts,
        created_at=created,
        updated_at=updated,
        next_attempt_at=next_at,
        error_code=code,
        error=error,
        printed_at=printed,
        spooler_job=spooler,
        reprint_of=reprint_of,
        request=json.loads(request) if request else {},
        size=size or 0,
        error_args=json.loads(error_args) if error_args else {},
    )


def _args_json(args: Mapping[str, Any] | None) -> str | None:
    # Whatever a back-end put in (a path, a number) is kept as JSON text or number.
    if not args:
        return None
    return json.dumps(dict(args), sort_keys=True, default=str)


class PrintJobRepository:
    """The ``print_jobs`` table over a unit of work's Session (``uow.session``)."""

    def __init__(self, session: Session, clock: Callable[[], datetime]) -> None:
        self._session = session
        self._clock = clock

    def add(self, job: NewJob, *, reprint_of: int | None = None) -> int:
        """Queue ``job``, due now; returns its id."""
        now = self._clock()
        row = PrintJobRow(
            created_at=now,
            updated_at=now,
            label=job.label,
            title=job.title[:200],
            reference=job.reference[:64],
            printer=job.printer,
            format=job.format,
            request=json.dumps(dict(job.request), sort_keys=True, separators=(",", ":")),
            payload=job.payload,
            state=JobState.QUEUED.value,
            attempts=0,
            next_attempt_at=now,
            spooler_job="",
            reprint_of=reprint_of,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def get(self, job_id: int) -> PrintJob | None:
        row = self._session.execute(select(*_COLUMNS).where(PrintJobRow.id == job_id)).first()
        return _job(row) if row else None

    def payload(self, job_id: int) -> bytes | None:
        """The bytes job ``job_id`` sends."""
        return self._session.scalar(select(PrintJobRow.payload).where(PrintJobRow.id == job_id))

    def due(self, now: datetime, limit: int = DUE_BATCH) -> list[PrintJob]:
        """Queued or failed jobs whose next attempt is due, oldest first."""
        rows = self._session.execute(
            select(*_COLUMNS)
            .where(
                PrintJobRow.state.in_(_RETRYABLE),
                PrintJobRow.next_attempt_at.is_not(None),
                PrintJobRow.next_attempt_at <= now,
            )
            .order_by(PrintJobRow.id)
            .limit(limit)
        )
        return [_job(row) for row in rows]

    def next_due_at(self) -> datetime | None:
        """When the earliest waiting job falls due (None: nothing waits)."""
        return self._session.scalar(
            select(func.min(PrintJobRow.next_attempt_at)).where(
                PrintJobRow.state.in_(_RETRYABLE), PrintJobRow.next_attempt_at.is_not(None)
            )
        )

    def claim(self, job_id: int) -> bool:
        """Move a queued or failed job to ``printing`` and count the attempt.

        Returns:
            False when the job is not there or not waiting (another worker has it, it
            printed, it was cancelled): then it must not be sent.
        """
        result = self._update(
            job_id,
            {
                "state": JobState.PRINTING.value,
                "attempts": PrintJobRow.attempts + 1,
                "next_attempt_at": None,
            },
            only_in=_RETRYABLE,
        )
        return result == 1

    def mark_done(self, job_id: int, spooler_job: str = "") -> None:
        now = self._clock()
        self._update(
            job_id,
            {
                "state": JobState.DONE.value,
                "printed_at": now,
                "spooler_job": spooler_job[:200],
                "error_code": None,
                "error_args": None,
                "error": None,
            },
        )

    def mark_failed(
        self,
        job_id: int,
        code: str,
        error: str,
        next_attempt_at: datetime | None,
        args: Mapping[str, Any] | None = None,
    ) -> None:
        """Record why the attempt failed; retried when due, or never without a time.

        Args:
            job_id: the job.
            code: why, as a code (``app.printing.PrintErrorCode``).
            error: the English sentence, for the log.
            next_attempt_at: when to try again (``None``: a person decides).
            args: the values a screen words ``code`` with (plain, JSON-able).
        """
        self._update(
            job_id,
            {
                "state": JobState.FAILED.value,
                "error_code": code,
                "error_args": _args_json(args),
                "error": error,
                "next_attempt_at": next_attempt_at,
            },
        )

    def retry(self, job_id: int) -> bool:
        """A person asks to try a failed (or waiting) job again now."""
        return (
            self._update(
                job_id,
                {"state": JobState.QUEUED.value, "next_attempt_at": self._clock()},
                only_in=_RETRYABLE,
            )
            == 1
        )

    def cancel(self, job_id: int, reason: str, code: str = "cancelled") -> bool:
        """Take a waiting job out of the queue (it stays listed as failed)."""
        return (
            self._update(
                job_id,
                {
                    "state": JobState.FAILED.value,
                    "error_code": code,
                    "error_args": None,
                    "error": reason,
                    "next_attempt_at": None,
                },
                only_in=_RETRYABLE,
            )
            == 1
        )

    def recover_interrupted(self, code: str, error: Callable[[str], str]) -> list[int]:
        """Fail every job left ``printing`` (a crash mid-send), for a person to decide.

        Args:
            code: the error code to store (worded with the job's ``printer``).
            error: makes the log sentence from the job's printer name.

        Returns:
            The ids of those jobs.
        """
        rows = self._session.execute(
            select(PrintJobRow.id, PrintJobRow.printer).where(
                PrintJobRow.state == JobState.PRINTING.value
            )
        ).all()
        for job_id, printer in rows:
            self.mark_failed(job_id, code, error(printer), None, {"printer": printer})
        return [job_id for job_id, _ in rows]

    def recent(
        self, limit: int = 50, *, states: Iterable[JobState] | None = None, reference: str = ""
    ) -> list[PrintJob]:
        """The newest jobs first, optionally only in ``states`` or about ``reference``."""
        query = select(*_COLUMNS).order_by(PrintJobRow.id.desc()).limit(limit)
        if states is not None:
            query = query.where(PrintJobRow.state.in_([s.value for s in states]))
        if reference:
            query = query.where(PrintJobRow.reference == reference)
        return [_job(row) for row in self._session.execute(query)]

    def counts(self) -> dict[JobState, int]:
        """How many jobs are in each state."""
        rows = self._session.execute(
            select(PrintJobRow.state, func.count()).group_by(PrintJobRow.state)
        )
        found = {str(state): int(count) for state, count in rows.all()}
        return {state: found.get(state.value, 0) for state in JobState}

    def purge_done(self, before: datetime) -> int:
        """Delete printed jobs older than ``before`` (their labels can no longer be
        reprinted); returns how many."""
        result = self._session.execute(
            delete(PrintJobRow).where(
                PrintJobRow.state == JobState.DONE.value, PrintJobRow.created_at < before
            )
        )
        return int(cast(CursorResult[Any], result).rowcount)

    def _update(
        self, job_id: int, values: Mapping[str, Any], only_in: Iterable[str] | None = None
    ) -> int:
        statement = (
            update(PrintJobRow)
            .where(PrintJobRow.id == job_id)
            .values(**values, updated_at=self._clock())
            .execution_options(synchronize_session=False)
        )
        if only_in is not None:
            statement = statement.where(PrintJobRow.state.in_(list(only_in)))
        result = cast(CursorResult[Any], self._session.execute(statement))
        return int(result.rowcount)


class PrintJobUnit:
    """A unit of work with the print-job repository over its Session:
    ``with PrintJobUnit(store.unit_of_work(), clock) as (uow, jobs): ...``."""

    def __init__(self, unit: UnitOfWork, clock: Callable[[], datetime]) -> None:
        self._uow = unit
        self._clock = clock

    def __enter__(self) -> tuple[UnitOfWork, PrintJobRepository]:
        uow = self._uow.__enter__()
        return uow, PrintJobRepository(uow.session, self._clock)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._uow.__exit__(exc_type, exc, tb)
