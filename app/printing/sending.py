"""Sending one print job to its printer, and when to try again after a failure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.printing.backends import Printer
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat
from app.printing.settings import PrinterSpec, PrintSettings
from app.store.print_jobs import PrintJob

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait before the next automatic try, by how many tries failed."""

    delays_s: tuple[float, ...] = (2.0, 5.0, 15.0, 30.0, 60.0)

    def delay(self, failed_attempts: int) -> float:
        index = max(0, min(failed_attempts, len(self.delays_s)) - 1)
        return self.delays_s[index]


def send_job(
    job: PrintJob,
    payload: bytes,
    settings: PrintSettings,
    printers: Callable[[PrinterSpec], Printer],
    clock: Callable[[], datetime],
    backoff: Backoff,
) -> str | tuple[PrintError, datetime | None]:
    """Send ``job`` once to the printer ``settings`` name for it: the spooler's
    reference, or the error and when to try again (``None``: a person must)."""
    spec = settings.printer(job.printer)
    try:
        if spec is None:
            raise PrintError(PrintErrorCode.NO_PRINTER, label=job.label)
        if spec.format.value != job.format:
            raise PrintError(
                PrintErrorCode.WRONG_FORMAT,
                printer=spec.name,
                accepts=spec.format.value,
                format=job.format,
            )
        return printers(spec).send(payload, LabelFormat(job.format), job.title)
    except PrintError as error:
        retry_at = None
        if error.retryable and job.attempts < settings.max_attempts:
            retry_at = clock() + timedelta(seconds=backoff.delay(job.attempts))
        log.info("print job %s failed (attempt %s): %s", job.id, job.attempts, error)
        return error, retry_at
    except Exception as exc:  # a back-end bug must not kill the worker or lose the job
        log.exception("print job %s: unexpected error", job.id)
        name = spec.name if spec else job.printer
        return PrintError(PrintErrorCode.SPOOLER_ERROR, printer=name, detail=repr(exc)), None
