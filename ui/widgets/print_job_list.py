"""The labels screen's list of recent print jobs: one big row per job, newest first.

Each row says its state in words (Queued, Printing, Printed, Failed), the label, the
printer (as "printer labels": a bare name may read as a caption) and the time, and, for
a failed job, what happened and what to check (worded here from the stored code and
arguments, in the reader's language). The state is
also a dynamic colour, never the only sign of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from app.store.print_jobs import JobState, PrintJob
from ui.i18n import follow_language
from ui.printing.words import job_error_text
from ui.theme import Theme

JOB_ID = Qt.ItemDataRole.UserRole


class PrintJobList(QListWidget):
    """Recent jobs; keeps the selection across refreshes (by job id).

    Signals:
        jobSelected(object): the selected job's id (``int``), or ``None``.
    """

    jobSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printJobs")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._jobs: dict[int, PrintJob] = {}
        self.currentItemChanged.connect(self._on_list_current_item_changed)
        follow_language(self, lambda: self.set_jobs(self.jobs))

    @property
    def jobs(self) -> list[PrintJob]:
        """The jobs shown, in order (newest first)."""
        return list(self._jobs.values())

    def selected_job(self) -> PrintJob | None:
        item = self.currentItem()
        return None if item is None else self._jobs.get(int(item.data(JOB_ID)))

    def select_job(self, job_id: int) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.data(JOB_ID) == job_id:
                self.setCurrentItem(item)
                return

    def set_jobs(self, jobs: Sequence[PrintJob]) -> None:
        """Show ``jobs``; the same job stays selected when it is still listed."""
        selected = self.selected_job()
        self.blockSignals(True)
        try:
            self.clear()
            self._jobs = {job.id: job for job in jobs}
            for job in jobs:
                item = QListWidgetItem(self.row_text(job))
                item.setData(JOB_ID, job.id)
                if job.state is JobState.FAILED:
                    item.setForeground(QBrush(QColor(Theme().error)))
                self.addItem(item)
            if selected is not None and selected.id in self._jobs:
                self.select_job(selected.id)
        finally:
            self.blockSignals(False)
        now = self.selected_job()
        if (now.id if now else None) != (selected.id if selected else None):
            self.jobSelected.emit(None if now is None else now.id)

    def state_word(self, job: PrintJob) -> str:
        if job.state is JobState.FAILED and job.next_attempt_at is not None:
            return self.tr("Failed, trying again")
        return {
            JobState.QUEUED: self.tr("Queued"),
            JobState.PRINTING: self.tr("Printing"),
            JobState.DONE: self.tr("Printed"),
            JobState.FAILED: self.tr("Failed"),
        }[job.state]

    def row_text(self, job: PrintJob) -> str:
        when = QLocale().toString(
            QDateTime.fromSecsSinceEpoch(int(job.updated_at.timestamp())).time(),
            QLocale.FormatType.ShortFormat,
        )
        first = self.tr("{state}: {title}").format(state=self.state_word(job), title=job.title)
        second = self.tr("on printer {printer} at {time}").format(printer=job.printer, time=when)
        if job.reprint_of is not None:
            second += self.tr(" (reprint)")
        lines = [first, second]
        if job.state is JobState.FAILED and (job.error_code or job.error):
            lines.append(job_error_text(job))
        return "\n".join(lines)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self.jobSelected.emit(None if current is None else int(current.data(JOB_ID)))
