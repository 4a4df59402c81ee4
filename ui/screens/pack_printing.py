"""A closed package's labels, through the station's print queue (part of the pack screen).

The shipping label goes to its route's printer, the A4 packing slip to the station's
page printer when it has one (a station with label printers only packs without it:
the shipping label is what the parcel needs). The jobs are queued on the task
runner's database lane; the print worker's reports (``PrintBridge.jobChanged``) say
when every job of a package is out, or one failed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.printing import PrintQueue
from app.store.print_jobs import JobState, PrintJob
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SHIPPING = "shipping"
SLIP = "packing-slip"


class PackageLabels(QObject):
    """The labels of one order's packages, queued and followed.

    Args:
        queue: the print queue (``None``: nothing prints here; labels count as out).
        tasks: queues the labels on the database lane.

    Signals:
        printed(str, int): every label of (order, package) printed.
        failed(str, int): a label of (order, package) could not be queued or printed.
    """

    printed = Signal(str, int)
    failed = Signal(str, int)

    def __init__(
        self, queue: PrintQueue | None, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._tasks = tasks
        self._order = ""
        self._jobs: dict[int, set[int]] = {}  # package -> job ids not printed yet
        self._failed: dict[int, set[int]] = {}
        self._seen: dict[int, JobState] = {}  # states heard before the ids came back

    def reset(self, order: str = "") -> None:
        """Follow the labels of ``order`` from now on (none: nothing)."""
        self._order = order
        self._jobs, self._failed, self._seen = {}, {}, {}

    def failing(self) -> bool:
        """Whether a label of the order failed and was not printed since."""
        return any(self._failed.values())

    def queued(self, package_no: int) -> bool:
        """Whether the labels of ``package_no`` are queued and not all out."""
        return package_no in self._jobs

    def submit(self, order: str, package_no: int) -> None:
        """Queue the labels of ``order``'s package ``package_no``."""
        if order != self._order:
            self.reset(order)
        queue = self._queue
        if queue is None:
            self.printed.emit(order, package_no)
            return

        self._tasks.run_db(
            lambda: self._submit_now(queue, order, package_no),
            on_done=lambda ids: self._on_submitted(order, package_no, ids),
            on_error=lambda error: self._on_submit_failed(order, package_no, error),
            name="pack labels",
        )

    def resume(self, order: str, packages: list[int]) -> None:
        """Pick up the labels of ``order``'s closed ``packages`` after a restart: a
        package whose every label kind has printed is reported ``printed``; one with
        labels queued or printing is followed; one with none (the station stopped
        between the close and the queue), or only failed ones, is queued again. Read
        and queued on the database lane."""
        self.reset(order)
        queue = self._queue
        if queue is None:
            for package_no in packages:
                self.printed.emit(order, package_no)
            return

        def look() -> dict[int, list[int] | None]:
            jobs = [j for j in queue.jobs(500, reference=order) if j.label in (SHIPPING, SLIP)]
            plan: dict[int, list[int] | None] = {}
            for package_no in packages:
                mine = [j for j in jobs if int(j.request.get("package", 1)) == package_no]
                kinds = {j.label for j in mine}
                if mine and all(
                    any(j.state is JobState.DONE for j in mine if j.label == kind) for kind in kinds
                ):
                    plan[package_no] = None  # out
                    continue
                live = [j.id for j in mine if j.state in (JobState.QUEUED, JobState.PRINTING)]
                plan[package_no] = live or self._submit_now(queue, order, package_no)
            return plan

        self._tasks.run_db(
            look,
            on_done=lambda plan: self._on_resumed(order, plan),
            on_error=lambda error: [self._on_submit_failed(order, n, error) for n in packages],
            name="pack labels resume",
        )

    def retry(self, order: str, package_no: int) -> None:
        """Try the failed labels of ``package_no`` again (queue them when none are)."""
        queue = self._queue
        failed = self._failed.pop(package_no, set())
        if queue is None or order != self._order or not failed:
            if not self.queued(package_no):
                self.submit(order, package_no)
            return
        self._tasks.run_db(lambda: [queue.retry(job_id) for job_id in failed], name="pack retry")

    def on_job_changed(self, job: PrintJob) -> None:
        """A print job changed (from the print bridge)."""
        self._seen[job.id] = job.state
        for package_no, ids in list(self._jobs.items()):
            if job.id in ids:
                self._job_state(package_no, job.id, job.state)

    @staticmethod
    def _submit_now(queue: PrintQueue, order: str, package_no: int) -> list[int]:
        """Queue the package's shipping label, and its packing slip on the station's page
        printer when it has one; the job ids (on the database lane)."""
        ids = queue.submit(SHIPPING, order, package_no=package_no)
        pages = queue.settings.page_printer(SLIP)
        if pages is not None:
            ids += queue.submit(SLIP, order, package_no=package_no, printer=pages.name)
        return ids

    def _on_resumed(self, order: str, plan: dict[int, list[int] | None]) -> None:
        for package_no, ids in plan.items():
            if ids is None:
                if order == self._order:
                    self.printed.emit(order, package_no)
            else:
                self._on_submitted(order, package_no, ids)

    def _on_submitted(self, order: str, package_no: int, ids: list[int]) -> None:
        if order != self._order:
            return
        self._jobs[package_no] = set(ids)
        for job_id in ids:
            if job_id in self._seen:
                self._job_state(package_no, job_id, self._seen[job_id])

    def _on_submit_failed(self, order: str, package_no: int, error: BaseException) -> None:
        log.error("could not queue the labels of %s package %s", order, package_no, exc_info=error)
        if order == self._order:
            self.failed.emit(order, package_no)

    def _job_state(self, package_no: int, job_id: int, state: JobState) -> None:
        waiting = self._jobs.get(package_no)
        if waiting is None or job_id not in waiting:
            return
        if state is JobState.DONE:
            waiting.discard(job_id)
            self._failed.get(package_no, set()).discard(job_id)
            if not waiting:
                del self._jobs[package_no]
                self.printed.emit(self._order, package_no)
        elif state is JobState.FAILED:
            self._failed.setdefault(package_no, set()).add(job_id)
            self.failed.emit(self._order, package_no)
