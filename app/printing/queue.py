"""The print queue: labels are rendered, stored in the station database, then sent.

``PrintQueue`` is the service the labels screen and the pack flow call;
``app.printing.worker.PrintWorker`` runs it on a thread of its own. Nothing here
touches Qt: the kiosk passes ``on_change`` a callable that forwards each job to the GUI
thread by signal.

* ``submit(template, key)`` renders the label for the printer its route names (that
  printer's format, dpi and paper) and stores the bytes as a ``queued`` job in one
  transaction, then wakes the worker. A job that is committed is never lost: after a
  restart it is still queued (or failed, see below) and the worker sends it.
* The worker takes due jobs oldest first: ``claim`` (committed, state ``printing``),
  send, then ``done`` or ``failed`` with the printer's reason. A retryable failure
  (printer off, refused, queue paused...) is tried again after a back-off (2, 5, 15, 30,
  60 s by default) up to ``PrintSettings.max_attempts`` tries; after that, or for a
  failure that waiting will not fix, the job waits for a person (``retry``).
* A job found ``printing`` at start-up (``recover``) was interrupted mid-send; it
  becomes ``failed`` with a message saying so, and is never resent on its own, so that
  a crash never prints a label twice.
* ``reprint(job_id)`` queues the same bytes again (same SSCC); ``preview`` draws a job
  or a label as images; ``test_print(printer)`` prints a printer's test label.
* A page-sized document (a template whose paper is A5 or larger, a PDF with such
  pages) is only queued for a printer that takes pages (``PrinterSpec.takes_pages``);
  for a label printer it is refused with ``NOT_A_PAGE_PRINTER`` and nothing is queued.

``app.printing.worker.PrintWorker`` is the thread that calls ``run_due``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.printing.backends import Printer, make_printer
from app.printing.errors import PrintError, PrintErrorCode, message
from app.printing.library import TemplateLibrary
from app.printing.pdf import pdf_page_sizes_mm
from app.printing.pictures import job_images
from app.printing.render import LabelFormat, Rendered, preview, render
from app.printing.sending import Backoff, send_job
from app.printing.settings import PrinterSpec, PrintSettings, is_page_size
from app.printing.sources import LabelSource, StoreSource, label_data
from app.printing.wording import ENGLISH, LabelLanguage
from app.store import LocalStore
from app.store.local_store import utc_now
from app.store.print_jobs import JobState, NewJob, PrintJob, PrintJobUnit

if TYPE_CHECKING:  # Pillow loads with the first preview, not with the kiosk
    from PIL import Image

log = logging.getLogger(__name__)

DOCUMENT = "document"  # the label name of bytes printed as they are (carrier labels)


class PrintQueue:
    """Render, persist and send labels (see the module docstring).

    Args:
        store: the station database; jobs live in its ``print_jobs`` table.
        settings: printers and routes.
        templates: the label templates.
        source: label data (default: the station store itself).
        printers: builds a back-end for a printer (default ``make_printer``; the kiosk
            passes one that also knows QtPrintSupport ``system`` printers).
        clock: "now", zone-aware.
        station: the station's name, printed on labels.
        backoff: the retry policy.
        on_change: called with the job after each change of state (on the thread that
            made it); it must not block.
        language: the words, dates and numbers of the labels it renders (the
            station's language, ``app.printing.wording``); ``ui/`` replaces
            ``self.language`` when the station's language changes. Jobs already
            queued keep the bytes they were rendered with.
    """

    def __init__(
        self,
        store: LocalStore,
        settings: PrintSettings,
        templates: TemplateLibrary,
        *,
        source: LabelSource | None = None,
        printers: Callable[[PrinterSpec], Printer] = make_printer,
        clock: Callable[[], datetime] = utc_now,
        station: str = "",
        backoff: Backoff | None = None,
        on_change: Callable[[PrintJob], None] | None = None,
        language: LabelLanguage = ENGLISH,
    ) -> None:
        self._store = store
        self.language = language
        self.settings = settings
        self.templates = templates
        self.source = source or StoreSource(store)
        self._printers = printers
        self._clock = clock
        self.station = station
        self.backoff = backoff or Backoff()
        self._on_change = on_change or (lambda _job: None)
        self._wake: Callable[[], None] = lambda: None
        self._send_lock = threading.Lock()

    # -- making jobs --------------------------------------------------------------------

    def render(
        self, template_name: str, key: str, spec: PrinterSpec, *, package_no: int = 1
    ) -> Rendered:
        """The label as ``spec``'s printer takes it (the bytes a job would hold)."""
        template = self.templates.get(template_name)
        language = self.language  # one language for the whole label
        data = label_data(
            template,
            self.source,
            key=key,
            settings=self.settings,
            today=self._today(),
            station=self.station,
            package_no=package_no,
            dpi=spec.dpi,
            fmt=spec.format.value,
            language=language,
        )
        return render(
            template,
            data,
            spec.format,
            dpi=spec.dpi,
            paper=spec.paper_variant,
            language=language,
        )

    def submit(
        self, template_name: str, key: str, *, package_no: int = 1, printer: str | None = None
    ) -> list[int]:
        """Render a label and queue it; returns the new job ids (one per PNG page).

        Args:
            template_name: ``shipping``, ``packing-slip``, ``tote``, ``bin``, ``product``...
            key: the order number, or the tote/bin/product code (a printer's name for
                ``test-print``).
            package_no: which parcel of the order (shipping labels).
            printer: a printer by name instead of the label's route.

        Raises:
            PrintError: no printer for this label, unknown order or code, a template or
                data that cannot be rendered, a page-sized template for a label printer.
                Nothing was queued.
        """
        spec = self._spec(template_name, printer)
        width, height = self.templates.get(template_name).page_size(spec.paper_variant)
        self._check_media(spec, template_name, width, height)
        rendered = self.render(template_name, key, spec, package_no=package_no)
        title = f"{template_name} {key}"
        if self.templates.get(template_name).needs_order:
            title += f" {package_no}"
        request = {
            "template": template_name,
            "key": key,
            "package": package_no,
            "dpi": rendered.dpi,
            "paper": spec.paper_variant,
        }
        jobs = [
            NewJob(
                label=template_name,
                title=title if len(rendered.documents) == 1 else f"{title} p{page}",
                reference=key,
                printer=spec.name,
                format=rendered.format.value,
                payload=document,
                request=request | {"page": page},
            )
            for page, document in enumerate(rendered.documents, 1)
        ]
        return self._add(jobs)

    def submit_document(
        self,
        payload: bytes,
        fmt: LabelFormat,
        *,
        title: str,
        reference: str,
        printer: str,
        label: str = DOCUMENT,
    ) -> int:
        """Queue bytes made elsewhere, printed as they are (a carrier's ZPL or PDF label).

        Raises:
            PrintError: ``NO_PRINTER`` for an unknown printer name, ``WRONG_FORMAT``
                when that printer does not take ``fmt``, ``NOT_A_PAGE_PRINTER`` for a
                PDF with page-sized pages and a printer that prints labels.
        """
        spec = self._spec(label, printer)
        if spec.format is not fmt:
            raise PrintError(
                PrintErrorCode.WRONG_FORMAT, printer=spec.name, accepts=spec.format, format=fmt
            )
        if fmt is LabelFormat.PDF:
            try:
                sizes = pdf_page_sizes_mm(payload)
            except ValueError:
                sizes = []  # the printer's own driver says what it makes of it
            for width, height in sizes:
                self._check_media(spec, title, width, height)
        job = NewJob(label, title, reference, spec.name, fmt.value, payload, {"document": True})
        return self._add([job])[0]

    def test_print(self, printer: str) -> int:
        """Queue ``printer``'s test label (``test-print``); returns the job id."""
        return self.submit("test-print", printer, printer=printer)[0]

    def reprint(self, job_id: int) -> int:
        """Queue the exact bytes of job ``job_id`` again; returns the new job's id.

        Raises:
            KeyError: there is no such job (it may have been purged).
        """
        with self._unit() as (uow, repo):
            job = repo.get(job_id)
            payload = repo.payload(job_id)
            if job is None or payload is None:
                raise KeyError(f"there is no print job {job_id}")
            new_id = repo.add(
                NewJob(
                    job.label,
                    job.title,
                    job.reference,
                    job.printer,
                    job.format,
                    payload,
                    dict(job.request) | {"reprint_of": job_id},
                ),
                reprint_of=job_id,
            )
            created = repo.get(new_id)
            uow.commit()
        assert created is not None
        self._changed(created)
        self._wake()
        return new_id

    def announce(self, job_ids: Sequence[int]) -> None:
        """Report jobs queued by someone else's transaction (``app.printing.reprints``
        queues a request's reprints in the one that settles the request) to
        ``on_change``, and wake the worker to send them."""
        with self._unit(readonly=True) as (_, repo):
            jobs = [repo.get(job_id) for job_id in job_ids]
        for job in jobs:
            if job is not None:
                self._changed(job)
        self._wake()

    def retry(self, job_id: int) -> bool:
        """Try a failed or waiting job again now (a person asked). False if it is not
        waiting (it printed, or it is being sent)."""
        with self._unit() as (uow, repo):
            done = repo.retry(job_id)
            job = repo.get(job_id)
            uow.commit()
        if done and job is not None:
            self._changed(job)
            self._wake()
        return done

    def cancel(self, job_id: int) -> bool:
        """Take a waiting job out of the queue; it stays listed, failed, as cancelled."""
        with self._unit() as (uow, repo):
            done = repo.cancel(
                job_id, message(PrintErrorCode.CANCELLED), PrintErrorCode.CANCELLED.value
            )
            job = repo.get(job_id)
            uow.commit()
        if done and job is not None:
            self._changed(job)
        return done

    # -- looking at jobs ----------------------------------------------------------------

    def jobs(self, limit: int = 50, *, reference: str = "") -> list[PrintJob]:
        """Recent jobs, newest first (the labels screen's list and its reprints)."""
        with self._unit(readonly=True) as (_, repo):
            return repo.recent(limit, reference=reference)

    def job(self, job_id: int) -> PrintJob | None:
        with self._unit(readonly=True) as (_, repo):
            return repo.get(job_id)

    def counts(self) -> dict[JobState, int]:
        with self._unit(readonly=True) as (_, repo):
            return repo.counts()

    def preview_label(
        self,
        template_name: str,
        key: str,
        *,
        package_no: int = 1,
        dpi: int = 203,
        paper: str | None = None,
    ) -> list[Image.Image]:
        """A label as it would print, as images (one per page), without queueing it."""
        template = self.templates.get(template_name)
        language = self.language
        data = label_data(
            template,
            self.source,
            key=key,
            settings=self.settings,
            today=self._today(),
            station=self.station,
            package_no=package_no,
            dpi=dpi,
            language=language,
        )
        return preview(template, data, dpi=dpi, paper=paper, language=language)

    def preview(self, job_id: int) -> list[Image.Image]:
        """A job as images: PNG and PDF jobs from their bytes, ZPL jobs drawn again from
        their template (the printer draws ZPL itself; this is the raster twin).

        Raises:
            KeyError: no such job.
            PrintError: a ZPL document from elsewhere (nothing here can draw ZPL).
        """
        with self._unit(readonly=True) as (_, repo):
            job = repo.get(job_id)
            payload = repo.payload(job_id)
        if job is None or payload is None:
            raise KeyError(f"there is no print job {job_id}")
        return job_images(job, payload, self.preview_label)

    # -- running jobs -------------------------------------------------------------------

    def recover(self) -> list[int]:
        """At start-up: jobs left ``printing`` by a crash become failed, for a person."""
        with self._unit() as (uow, repo):
            ids = repo.recover_interrupted(
                PrintErrorCode.INTERRUPTED.value,
                lambda printer: message(PrintErrorCode.INTERRUPTED, printer=printer),
            )
            jobs = [repo.get(job_id) for job_id in ids]
            uow.commit()
        for job in jobs:
            if job is not None:
                self._changed(job)
        return ids

    def run_due(self) -> int:
        """Send every job that is due now, oldest first; returns how many were tried."""
        tried = 0
        while True:
            with self._unit(readonly=True) as (_, repo):
                due = repo.due(self._clock())
            if not due:
                return tried
            for job in due:
                if self.process(job.id):
                    tried += 1

    def process(self, job_id: int) -> bool:
        """Claim job ``job_id`` and send it once. False if it was not due or claimable."""
        with self._send_lock:  # one job on the wire at a time: labels come out in order
            with self._unit() as (uow, repo):
                if not repo.claim(job_id):
                    return False
                job = repo.get(job_id)
                payload = repo.payload(job_id)
                uow.commit()
            assert job is not None
            assert payload is not None
            self._changed(job)
            outcome = send_job(
                job, payload, self.settings, self._printers, self._clock, self.backoff
            )
            with self._unit() as (uow, repo):
                if isinstance(outcome, str):
                    repo.mark_done(job_id, outcome)
                else:
                    error, retry_at = outcome
                    repo.mark_failed(
                        job_id, error.code.value, error.message, retry_at, error.args_map
                    )
                finished = repo.get(job_id)
                uow.commit()
        if finished is not None:
            self._changed(finished)
        return True

    def seconds_until_due(self) -> float | None:
        """How long until the next job falls due (0: now; None: nothing waits)."""
        with self._unit(readonly=True) as (_, repo):
            due = repo.next_due_at()
        if due is None:
            return None
        return max(0.0, (due - self._clock()).total_seconds())

    def set_waker(self, wake: Callable[[], None]) -> None:
        """What to call when a job was added (the worker's ``wake``)."""
        self._wake = wake

    # -- internals ----------------------------------------------------------------------

    @staticmethod
    def _check_media(spec: PrinterSpec, document: str, width: float, height: float) -> None:
        if is_page_size(width, height) and not spec.takes_pages:
            raise PrintError(
                PrintErrorCode.NOT_A_PAGE_PRINTER,
                printer=spec.name,
                document=document,
                width=round(width),
                height=round(height),
            )

    def _spec(self, label: str, printer: str | None) -> PrinterSpec:
        if printer is None:
            return self.settings.printer_for(label)
        spec = self.settings.printer(printer)
        if spec is None:
            raise PrintError(PrintErrorCode.NO_PRINTER, label=label)
        return spec

    def _add(self, jobs: Sequence[NewJob]) -> list[int]:
        with self._unit() as (uow, repo):
            ids = [repo.add(job) for job in jobs]
            added = [repo.get(job_id) for job_id in ids]
            uow.commit()
        for job in added:
            if job is not None:
                self._changed(job)
        self._wake()
        return ids

    def _today(self) -> date:
        return self._clock().date()

    def _changed(self, job: PrintJob) -> None:
        try:
            self._on_change(job)
        except Exception:  # a broken listener must not stop printing
            log.exception("print job listener failed")

    def _unit(self, *, readonly: bool = False) -> PrintJobUnit:
        return PrintJobUnit(self._store.unit_of_work(readonly=readonly), self._clock)
