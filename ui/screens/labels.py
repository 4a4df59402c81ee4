"""The labels screen: the print queue, reprint, retry, preview, test prints, labels by
scanning, and the demo barcode sheet.

Everything that reads or writes the queue runs on the task runner's database lane (a
submit renders the label there too: a few milliseconds); previews and the demo sheet
are drawn on the pool. The print worker sends the jobs on its own thread and reports
each change through ``ui.printing.bridge.PrintBridge``; the list follows.

Scans count only while the screen is shown: a bin, tote or product prints its label,
an order its shipping label, ``#CMD:PRINT`` prints the newest job again.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.commands import CommandName
from app.domain.scan import BinScan, CommandScan, OrderScan, ProductScan, Scan, ToteScan
from app.printing import LabelFormat, PrintError, PrintQueue
from app.printing.settings import DEFAULT_ROUTE
from app.store.print_jobs import JobState, PrintJob
from ui.printing.bridge import PrintBridge
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict
from ui.tasks import TaskRunner
from ui.widgets.label_preview import LabelPreview
from ui.widgets.message import MessageLabel
from ui.widgets.print_job_list import PrintJobList

RECENT_JOBS = 30
DEMO_SHEET = "demo-barcodes.pdf"


def _png(queue: PrintQueue, job_id: int) -> bytes:
    """The first page of job ``job_id`` as PNG bytes (pool thread)."""
    image = queue.preview(job_id)[0]
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _demo_sheet_pdf() -> bytes:
    """The demo barcode sheet (``app.barcodes.sheet``) as PDF bytes (pool thread)."""
    from app.barcodes.sheet import write_sheet

    with tempfile.TemporaryDirectory(prefix="scanpack-sheet-") as folder:
        path = Path(folder) / DEMO_SHEET
        write_sheet(path)
        return path.read_bytes()


class LabelsScreen(QWidget):
    """Print, reprint and check labels at the station.

    Args:
        queue: the station's print queue (used from the task runner only).
        bridge: job changes from the print worker, on the GUI thread.
        tasks: the task runner.
        pipeline: the scans (listened to while the screen is shown); ``None``: no scanner.
        save_folder: where the demo sheet goes when no printer takes PDF.

    Signals:
        backRequested(): Back was tapped.
    """

    backRequested = Signal()

    def __init__(
        self,
        queue: PrintQueue,
        bridge: PrintBridge,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None,
        save_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("labelsScreen")
        self._queue = queue
        self._tasks = tasks
        self._pipeline = pipeline
        self._save_folder = save_folder
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)
        self._refreshing = False
        self._stale = False
        self._preview_for: int | None = None
        self._select_next: int | None = None

        title = QLabel(self.tr("Labels"), self)
        title.setObjectName("screenTitle")
        self.hint = QLabel(self.tr("Scan a bin, tote, product or order to print its label."), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.setProperty("kind", "secondary")
        self.back_button.setMinimumWidth(200)
        self.back_button.clicked.connect(self.backRequested)
        self.result = MessageLabel(self)
        # A long sentence wraps to more lines in a narrow window: with the label's own
        # "Minimum" policy that height would become the whole kiosk's minimum (the
        # stacked widget does not pass height-for-width on), taller than the screen.
        self.result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        self.jobs = PrintJobList(self)
        self.jobs.jobSelected.connect(self._on_jobs_job_selected)
        self.preview = LabelPreview(self)
        self.preview.show_text(self.tr("Choose a job to see its label."))

        self.reprint_button = QPushButton(self.tr("Reprint"), self)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.sheet_button = QPushButton(self.tr("Demo barcode sheet"), self)
        self.sheet_button.setProperty("kind", "secondary")
        self.sheet_button.clicked.connect(self._on_sheet_button_clicked)
        self.test_buttons: dict[str, QPushButton] = {}
        for spec in queue.settings.printers:
            button = QPushButton(spec.name, self)
            button.setToolTip(self.tr("Print a test label on {printer}").format(printer=spec.name))
            button.setProperty("kind", "secondary")
            button.setProperty("printer", spec.name)
            button.clicked.connect(self._on_test_button_clicked)
            self.test_buttons[spec.name] = button

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(title)
        names.addWidget(self.hint)
        header.addLayout(names, 1)
        header.addWidget(self.back_button)

        left = QVBoxLayout()
        left.addWidget(self.jobs, 1)
        job_buttons = QHBoxLayout()
        job_buttons.addWidget(self.reprint_button, 1)
        job_buttons.addWidget(self.retry_button, 1)
        left.addLayout(job_buttons)

        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        tests = QHBoxLayout()
        test_title = QLabel(self.tr("Test print:"), self)
        test_title.setObjectName("hint")
        tests.addWidget(test_title)
        for button in self.test_buttons.values():
            tests.addWidget(button, 1)
        right.addLayout(tests)
        right.addWidget(self.sheet_button)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.result)
        layout.addLayout(body, 1)
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
            on_error=self._on_task_failed,
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
        """A job changed (from the print bridge): list it again, say how it went."""
        if job.state is JobState.FAILED and job.error:
            self.result.show_message(
                "error", self.tr("{title}: {error}").format(title=job.title, error=job.error)
            )
        elif job.state is JobState.DONE:
            self.result.show_message(
                "ok",
                self.tr("Printed {title} on {printer}.").format(
                    title=job.title, printer=job.printer
                ),
            )
        self.refresh()

    def _update_buttons(self) -> None:
        job = self.jobs.selected_job()
        self.reprint_button.setEnabled(job is not None)
        self.retry_button.setEnabled(job is not None and job.state is JobState.FAILED)

    @Slot(object)
    def _on_jobs_job_selected(self, job_id: int | None) -> None:
        self._update_buttons()
        if job_id is None or job_id == self._preview_for:
            return
        self._preview_for = job_id
        queue = self._queue
        self._tasks.run(
            lambda: _png(queue, job_id),
            on_done=lambda png: self._show_preview(job_id, png),
            on_error=lambda error: self._show_preview_problem(job_id, error),
            name="preview label",
        )

    def _show_preview(self, job_id: int, png: bytes) -> None:
        if job_id == self._preview_for and not self.preview.show_png(png):
            self.preview.show_text(self.tr("This label cannot be shown."))

    def _show_preview_problem(self, job_id: int, error: BaseException) -> None:
        if job_id == self._preview_for:
            self.preview.show_text(str(error) if isinstance(error, PrintError) else repr(error))

    # -- actions ------------------------------------------------------------------------

    def submit(self, template: str, key: str) -> None:
        """Queue the ``template`` label of ``key`` and say so."""
        queue = self._queue
        self.result.show_message(
            "info", self.tr("Queueing the {label} label for {key}…").format(label=template, key=key)
        )
        self._run_db(lambda: queue.submit(template, key), self._on_submitted)

    def reprint_last(self) -> bool:
        """Print the newest job again (``#CMD:PRINT``); False when there is none."""
        jobs = self.jobs.jobs
        if not jobs:
            return False
        self._reprint(jobs[0].id)
        return True

    def _reprint(self, job_id: int) -> None:
        queue = self._queue
        self._run_db(lambda: [queue.reprint(job_id)], self._on_submitted)

    def _on_submitted(self, ids: list[int]) -> None:
        self.result.show_message("info", self.tr("Queued. The label is on its way to the printer."))
        if ids:
            self._select_next = ids[0]
        self.refresh()

    def _run_db(self, fn: Callable[[], object], on_done: Callable[[object], None]) -> None:
        self._tasks.run_db(fn, on_done=on_done, on_error=self._on_task_failed, name="print")

    def _on_task_failed(self, error: BaseException) -> None:
        self._refreshing = False
        if isinstance(error, PrintError):
            self.result.show_message("error", str(error))
        elif isinstance(error, KeyError):
            self.result.show_message("error", self.tr("That job is no longer kept."))
        else:
            raise error  # unexpected: the crash handler reports it

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        job = self.jobs.selected_job()
        if job is not None:
            self._reprint(job.id)

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        job = self.jobs.selected_job()
        if job is None:
            return
        queue, job_id = self._queue, job.id
        self._run_db(lambda: queue.retry(job_id), self._on_retried)

    def _on_retried(self, done: object) -> None:
        if done:
            self.result.show_message("info", self.tr("Trying again now."))
        else:
            self.result.show_message("warning", self.tr("This job is not waiting to print."))
        self.refresh()

    @Slot()
    def _on_test_button_clicked(self) -> None:
        printer = str(self.sender().property("printer"))
        queue = self._queue
        self._run_db(lambda: [queue.test_print(printer)], self._on_submitted)

    @Slot()
    def _on_sheet_button_clicked(self) -> None:
        self.sheet_button.setEnabled(False)
        self.result.show_message("info", self.tr("Making the demo barcode sheet…"))
        self._tasks.run(
            _demo_sheet_pdf, on_done=self._on_sheet_made, on_error=self._on_sheet_failed
        )

    def _on_sheet_failed(self, error: BaseException) -> None:
        self.sheet_button.setEnabled(True)
        self._on_task_failed(error)

    def _on_sheet_made(self, pdf: bytes) -> None:
        self.sheet_button.setEnabled(True)
        settings = self._queue.settings
        name = settings.routes.get(DEFAULT_ROUTE, "")
        spec = settings.printer(name) if name else None
        if spec is not None and spec.format is LabelFormat.PDF:
            queue = self._queue
            self._run_db(
                lambda: [
                    queue.submit_document(
                        pdf, LabelFormat.PDF, title="demo barcode sheet", reference="demo",
                        printer=spec.name,
                    )
                ],
                self._on_submitted,
            )  # fmt: skip
            return
        folder = self._save_folder

        def save() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / DEMO_SHEET
            target.write_bytes(pdf)
            return target

        self._tasks.run(
            save,
            on_done=lambda path: self.result.show_message(
                "ok",
                self.tr("No printer here takes PDF: the sheet was saved as {path}.").format(
                    path=path
                ),
            ),
            on_error=self._on_task_failed,
        )

    # -- scans --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if not scan.ok:
            return  # the pipeline's own red answer says why
        match scan:
            case BinScan(location=location):
                template, key = "bin", location.code
            case ToteScan(tote=tote):
                template, key = "tote", tote.code
            case ProductScan(product=product):
                template, key = "product", product.sku
            case OrderScan(order=order):
                template, key = "shipping", order.order_number
            case CommandScan(command=command) if command.name is CommandName.PRINT:
                if self.reprint_last():
                    pipeline.respond(Verdict(Tone.DONE, self.tr("Printing it again."), scan))
                else:
                    pipeline.respond(Verdict(Tone.WRONG, self.tr("Nothing to print again."), scan))
                return
            case _:
                return
        self.submit(template, key)
        pipeline.respond(
            Verdict(
                Tone.DONE,
                self.tr("Printing the {label} label for {key}.").format(label=template, key=key),
                scan,
            )
        )
