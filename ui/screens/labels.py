"""The labels screen: the print queue, reprint, retry, preview, test prints, labels by
scanning, and the demo barcode sheet.

Everything that reads or writes the queue runs on the task runner's database lane (a
submit renders the label there too: a few milliseconds); previews and the demo sheet
are drawn on the pool. The print worker sends the jobs on its own thread and reports
each change through ``ui.printing.bridge.PrintBridge``; the list follows.

Scans count only while the screen is shown: a bin, tote or product prints its label;
an order first says which shipping label would print, and where, and prints it when
the same order is scanned again or Print is tapped (``app.printing.label_scan``);
``#CMD:PRINT`` prints the newest job again. The demo barcode sheet (A4) only goes to a
printer that takes pages (``PrinterSpec.takes_pages``), else it is saved as a file.

One message area, the same height whatever it says: every scan and every tap replaces
what it says, and only the jobs of the last action are reported in it (how older jobs
went is in the list). A tap repeated within ``ui.widgets.taps.REPEAT_MS`` acts once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from app.domain.commands import CommandName
from app.domain.scan import BinScan, CommandScan, OrderScan, ProductScan, Scan, ToteScan
from app.printing import PrintError, PrintQueue
from app.printing.label_scan import LabelAnswer, LabelRequest, LabelScanFlow, Step
from app.store.print_jobs import JobState, PrintJob
from ui.printing.bridge import PrintBridge
from ui.printing.words import job_error_text
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.labels_sheet import DemoSheetActions
from ui.screens.labels_view import LabelsView
from ui.screens.labels_work import (
    ActionJobs,
    job_png,
    label_png,
)
from ui.tasks import TaskRunner
from ui.widgets.taps import TapGuard

RECENT_JOBS = 30


class LabelsScreen(DemoSheetActions, LabelsView):
    """Print, reprint and check labels at the station.

    Args:
        queue: the station's print queue (used from the task runner only).
        bridge: job changes from the print worker, on the GUI thread.
        tasks: the task runner.
        pipeline: the scans (listened to while the screen is shown); ``None``: no scanner.
        save_folder: where the demo sheet goes when no printer takes pages.

    Signals:
        backRequested(): Back was tapped.
        typeCodeRequested(): Type a code was tapped (the on-screen keyboard; the code
            comes back through the scan pipeline).
    """

    backRequested = Signal()
    typeCodeRequested = Signal()

    def __init__(
        self,
        queue: PrintQueue,
        bridge: PrintBridge,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None,
        save_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__([spec.name for spec in queue.settings.printers], parent)
        self._queue = queue
        self._tasks = tasks
        self._pipeline = pipeline
        self._save_folder = save_folder
        self.flow = LabelScanFlow()
        self.actions = ActionJobs()
        self.taps = TapGuard(self)
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)
        self._refreshing = False
        self._stale = False
        self._preview_for: object = None
        self._select_next: int | None = None

        self.back_button.clicked.connect(self.backRequested)
        self.jobs.jobSelected.connect(self._on_jobs_job_selected)
        self.taps.connect(self.type_button, self.typeCodeRequested.emit, action="type")
        self.taps.connect(self.sheet_button, self._on_sheet_tapped, action="sheet")
        self.taps.connect(self.reprint_button, self._on_reprint_tapped, action="reprint")
        self.taps.connect(self.retry_button, self._on_retry_tapped, action="retry")
        self.taps.connect(self.print_button, self._on_print_tapped, action="print")
        for name, button in self.test_buttons.items():
            self.taps.connect(
                button, lambda name=name: self._on_test_tapped(name), action=("test", name)
            )
        self._update_buttons()

    # -- the list -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the recent jobs again (coalesced: one read in flight at a time)."""
        if self._refreshing:
            self._stale = True
            return
        self._refreshing = True
        queue = self._queue
        self._tasks.run_db(
            lambda: queue.jobs(RECENT_JOBS),
            on_done=self._on_jobs_read,
            on_error=self._on_refresh_failed,
            name="read print jobs",
        )

    def _on_jobs_read(self, jobs: list[PrintJob]) -> None:
        self._refreshing = False
        self.jobs.set_jobs(jobs)
        wanted, self._select_next = self._select_next, None
        if wanted is not None and any(job.id == wanted for job in jobs):
            self.jobs.select_job(wanted)
        elif self.jobs.selected_job() is None and jobs:
            self.jobs.select_job(jobs[0].id)
        self._update_buttons()
        if self._stale:
            self._stale = False
            self.refresh()

    @Slot(object)
    def on_job_changed(self, job: PrintJob) -> None:
        """A job changed (from the print bridge): list it again; say how it went when
        it is a job of the last action."""
        if self.actions.changed(job):
            self._say_job(job)
        self.refresh()

    def _say_job(self, job: PrintJob) -> None:
        if job.state is JobState.FAILED and (job.error_code or job.error):
            self.result.show_message(
                "error",
                self.tr("{title}: {error}").format(title=job.title, error=job_error_text(job)),
            )
        elif job.state is JobState.DONE:
            self.result.show_message(
                "ok",
                self.tr("Printed {title} on {printer}.").format(
                    title=job.title, printer=self.words.printer(job.printer)
                ),
            )

    def _update_buttons(self) -> None:
        job = self.jobs.selected_job()
        self.reprint_button.setEnabled(job is not None)
        self.retry_button.setEnabled(job is not None and job.state is JobState.FAILED)
        self.print_button.setEnabled(self.flow.waiting is not None)

    @Slot(object)
    def _on_jobs_job_selected(self, job_id: int | None) -> None:
        self._update_buttons()
        if job_id is None or job_id == self._preview_for:
            return
        self._show_preview_of(job_id, lambda queue=self._queue: job_png(queue, job_id))

    def _show_preview_of(self, key: object, draw: Callable[[], bytes]) -> None:
        self._preview_for = key
        self._tasks.run(
            draw,
            on_done=lambda png: self._show_preview(key, png),
            on_error=lambda error: self._show_preview_problem(key, error),
            name="preview label",
        )

    def _show_preview(self, key: object, png: bytes) -> None:
        if key == self._preview_for and not self.preview.show_png(png):
            self.preview.show_text(self.tr("This label cannot be shown."))

    def _show_preview_problem(self, key: object, error: BaseException) -> None:
        if key == self._preview_for:
            self.preview.show_text(
                self.words.print_error(error) if isinstance(error, PrintError) else repr(error)
            )

    # -- actions ------------------------------------------------------------------------

    def _begin(self, *, drop: bool = True) -> str:
        """A new scan or tap: from now on the message speaks of it alone. Unless told
        not to (a scan: the flow decides), a shipping label that was waiting is dropped;
        returns the sentence saying so, or ``""``."""
        self.actions.begin()
        dropped = self.flow.drop() if drop else None
        self._update_buttons()
        if dropped is None:
            return ""
        self._preview_selected()  # the dropped label is no longer what would print
        return self.words.dropped(dropped)

    def retranslate(self) -> None:
        """Say everything again in the language now in force (the jobs and preview too)."""
        super().retranslate()
        if self.jobs.selected_job() is None:
            self.preview.show_text(self.tr("Choose a job to see its label."))

    def _preview_selected(self) -> None:
        job = self.jobs.selected_job()
        self._preview_for = None
        if job is None:
            self.preview.show_text(self.tr("Choose a job to see its label."))
        else:
            self._on_jobs_job_selected(job.id)

    def _queue_work(
        self,
        work: Callable[[], list[int]],
        action: int | None = None,
        on_none: Callable[[], None] | None = None,
    ) -> None:
        """Run ``work`` (it queues jobs, returns their ids) on the database lane; the
        jobs are watched when ``action`` (default: the current one) is still the last.

        Args:
            work: queues the jobs.
            action: the scan or tap they belong to.
            on_none: what to do when ``work`` queued nothing (and the action is the last).
        """
        action = self.actions.action if action is None else action
        self.actions.sent()
        self._tasks.run_db(
            work,
            on_done=lambda ids: self._on_queued(action, ids, on_none),
            on_error=lambda error: self._on_action_failed(action, error),
            name="print",
        )

    def _on_queued(
        self, action: int, ids: list[int], on_none: Callable[[], None] | None = None
    ) -> None:
        early = self.actions.arrived(action, ids)
        if early is not None:  # the last action's jobs
            for job in early:  # printed before their ids came back
                self._say_job(job)
            if not ids and on_none is not None:
                on_none()
        if ids:
            self._select_next = ids[0]
        self.refresh()

    def _on_action_failed(self, action: int, error: BaseException) -> None:
        if self.actions.failed(action):
            self._on_task_failed(error)
        elif not isinstance(error, PrintError | KeyError):
            raise error

    def _on_refresh_failed(self, error: BaseException) -> None:
        self._refreshing = False
        self._on_task_failed(error)

    def _on_task_failed(self, error: BaseException) -> None:
        if isinstance(error, PrintError):
            self.result.show_message("error", self.words.print_error(error))
        elif isinstance(error, KeyError):
            self.result.show_message("error", self.tr("That job is no longer kept."))
        else:
            raise error  # unexpected: the crash handler reports it

    def _print(self, request: LabelRequest, before: str = "") -> str:
        """Queue ``request``'s label; returns (and shows) what is said."""
        queue = self._queue
        text = before + self.words.printing(request, self._printer_for(request.template))
        self.result.show_message("info", text)
        self._queue_work(lambda: queue.submit(request.template, request.key))
        return text

    def _printer_for(self, template: str) -> str:
        try:
            return self._queue.settings.printer_for(template).name
        except PrintError:
            return ""  # the submit says so, in the queue's words

    def _no_printer(self, template: str) -> PrintError | None:
        try:
            self._queue.settings.printer_for(template)
        except PrintError as error:
            return error
        return None

    def reprint_last(self, before: str = "") -> bool:
        """Print the newest job again (``#CMD:PRINT``); False when there is none."""
        jobs = self.jobs.jobs
        if not jobs:
            return False
        self._reprint(jobs[0], before)
        return True

    def _reprint(self, job: PrintJob, before: str = "") -> None:
        queue, job_id = self._queue, job.id
        self.result.show_message(
            "info",
            before
            + self.tr("Printing {title} again on {printer}…").format(
                title=job.title, printer=self.words.printer(job.printer)
            ),
        )
        self._queue_work(lambda: [queue.reprint(job_id)])

    def _on_reprint_tapped(self) -> None:
        before = self._begin()
        job = self.jobs.selected_job()
        if job is not None:
            self._reprint(job, before)

    def _on_retry_tapped(self) -> None:
        before = self._begin()
        job = self.jobs.selected_job()
        if job is None:
            return
        queue, job_id = self._queue, job.id
        self.result.show_message(
            "info",
            before
            + self.tr("Trying {title} again on {printer}…").format(
                title=job.title, printer=self.words.printer(job.printer)
            ),
        )
        self._queue_work(
            lambda: [job_id] if queue.retry(job_id) else [],
            on_none=lambda: self.result.show_message(
                "warning", self.tr("This job is not waiting to print.")
            ),
        )

    def _on_test_tapped(self, printer: str) -> None:
        before = self._begin()
        queue = self._queue
        self.result.show_message(
            "info",
            before
            + self.tr("Printing a test label on {printer}…").format(
                printer=self.words.printer(printer)
            ),
        )
        self._queue_work(lambda: [queue.test_print(printer)])

    def _on_print_tapped(self) -> None:
        answer = self.flow.confirm()
        self._begin()
        if answer.step is Step.PRINT and answer.request is not None:
            self._print(answer.request)

    # -- scans --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen drops a shipping label that waits: it never prints later.
        self._begin()
        self.taps.forget()
        super().hideEvent(event)

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        is_label = isinstance(scan, BinScan | ToteScan | ProductScan | OrderScan) and scan.ok
        before = self._begin(drop=not is_label)
        if not scan.ok:
            text = before + scan_message(scan)
            self.result.show_message("error", text)
            if before:
                pipeline.respond(Verdict(Tone.WRONG, text, scan))
            return
        match scan:
            case BinScan(location=location):
                answer = self.flow.scan("bin", location.code)
            case ToteScan(tote=tote):
                answer = self.flow.scan("tote", tote.code)
            case ProductScan(product=product):
                answer = self.flow.scan("product", product.sku)
            case OrderScan(order=order):
                answer = self.flow.scan("shipping", order.order_number)
            case CommandScan(command=command) if command.name is CommandName.PRINT:
                if self.reprint_last(before):
                    pipeline.respond(Verdict(Tone.DONE, self.result.text(), scan))
                else:
                    text = before + self.tr("Nothing to print again.")
                    self.result.show_message("error", text)
                    pipeline.respond(Verdict(Tone.WRONG, text, scan))
                return
            case _:
                # A badge, another command: the window answers; say what was dropped.
                if before:
                    self.result.show_message("warning", before.strip())
                return
        pipeline.respond(self._answer(answer, scan))
        self._update_buttons()

    def _answer(self, answer: LabelAnswer, scan: Scan) -> Verdict:
        """Act on the flow's answer to a scan; what the person is told."""
        request = answer.request
        assert request is not None
        before = self.words.dropped(answer.dropped) if answer.dropped is not None else ""
        if answer.step is Step.ASK:
            problem = self._no_printer(request.template)
            if problem is not None:  # nothing to confirm: it could not print anyway
                self.flow.drop()
                text = before + self.words.print_error(problem)
                self.result.show_message("error", text)
                return Verdict(Tone.WRONG, text, scan)
            spec = self._queue.settings.printer_for(request.template)
            text = before + self.words.asking(request, spec.name)
            self.result.show_message("warning", text)
            queue = self._queue
            self._show_preview_of(request, lambda: label_png(queue, request, spec))
            return Verdict(Tone.GOOD, text, scan)
        return Verdict(Tone.DONE, self._print(request, before), scan)
