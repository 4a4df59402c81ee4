"""The print queue: jobs persist, fail with a reason, retry with back-off, print once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.render import LabelFormat
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.printing.worker import PrintWorker
from app.store import LocalStore, open_store
from app.store.print_jobs import JobState, PrintJob, PrintJobRepository
from tests.app.printing import zpl_reader
from tests.app.store.store_helpers import FakeClock

ZEBRA = PrinterSpec("zebra", PrinterKind.TCP, "127.0.0.1:9", LabelFormat.ZPL, 203)
OFFICE = PrinterSpec("office", PrinterKind.CUPS, "Office", LabelFormat.PDF, 300, paper="a4")
SETTINGS = PrintSettings(
    printers=(ZEBRA, OFFICE),
    routes={"packing-slip": "office", "*": "zebra"},
    max_attempts=3,
)


@dataclass
class FakePrinter:
    """A printer that records what it is sent; ``down`` makes it refuse."""

    spec: PrinterSpec
    sent: list[tuple[bytes, LabelFormat, str]] = field(default_factory=list)
    down: PrintErrorCode | None = None

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        if self.down is not None:
            raise PrintError(
                self.down,
                printer=self.spec.name,
                address="127.0.0.1:9",
                seconds=1,
                detail="x",
                queue="q",
                server="s",
                command="lp",
            )
        self.sent.append((payload, fmt, title))
        return f"{self.spec.name}-{len(self.sent)}"


@pytest.fixture
def printers() -> dict[str, FakePrinter]:
    return {spec.name: FakePrinter(spec) for spec in SETTINGS.printers}


@pytest.fixture
def changes() -> list[PrintJob]:
    return []


@pytest.fixture
def queue(
    store: LocalStore,
    library: TemplateLibrary,
    clock: FakeClock,
    printers: dict[str, FakePrinter],
    changes: list[PrintJob],
) -> PrintQueue:
    return PrintQueue(
        store,
        SETTINGS,
        library,
        printers=lambda spec: printers[spec.name],
        clock=clock,
        station="pack-01",
        on_change=changes.append,
    )


def test_a_label_is_rendered_for_its_route_s_printer_queued_and_printed(
    queue: PrintQueue, printers: dict[str, FakePrinter], changes: list[PrintJob]
) -> None:
    (job_id,) = queue.submit("shipping", "SO-100001")
    job = queue.job(job_id)
    assert job is not None
    assert (job.state, job.printer, job.format, job.reference) == (
        JobState.QUEUED,
        "zebra",
        "zpl",
        "SO-100001",
    )
    assert queue.run_due() == 1
    ((payload, fmt, title),) = printers["zebra"].sent
    assert fmt is LabelFormat.ZPL
    assert title == "shipping SO-100001 1"
    (label,) = zpl_reader.parse(payload)
    assert any(f.data == ">:SO->5100001" for f in label.fields)
    done = queue.job(job_id)
    assert done is not None
    assert done.state is JobState.DONE
    assert done.spooler_job == "zebra-1"
    assert done.attempts == 1
    assert [c.state for c in changes] == [JobState.QUEUED, JobState.PRINTING, JobState.DONE]
    assert queue.run_due() == 0  # nothing is printed twice


def test_the_packing_slip_goes_to_the_office_printer_as_pdf(
    queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    queue.submit("packing-slip", "SO-100001")
    queue.run_due()
    ((payload, fmt, _),) = printers["office"].sent
    assert fmt is LabelFormat.PDF
    assert payload.startswith(b"%PDF-")


def test_a_refused_job_fails_with_a_message_and_is_retried_after_a_back_off(
    queue: PrintQueue, printers: dict[str, FakePrinter], clock: FakeClock
) -> None:
    printers["zebra"].down = PrintErrorCode.REFUSED
    (job_id,) = queue.submit("tote", "T-0001")
    queue.run_due()
    job = queue.job(job_id)
    assert job is not None
    assert job.state is JobState.FAILED
    assert job.error_code == "refused"
    assert job.error is not None
    assert "refused the connection" in job.error  # for the log
    assert job.error_args["printer"] == "zebra"  # a screen words the code with these
    assert job.next_attempt_at == clock.now + timedelta(seconds=2)
    assert queue.run_due() == 0  # not due yet
    printers["zebra"].down = None
    clock.advance(2)
    assert queue.run_due() == 1
    assert len(printers["zebra"].sent) == 1
    finished = queue.job(job_id)
    assert finished is not None
    assert finished.state is JobState.DONE
    assert finished.attempts == 2


def test_after_max_attempts_a_job_waits_for_a_person(
    queue: PrintQueue, printers: dict[str, FakePrinter], clock: FakeClock
) -> None:
    printers["zebra"].down = PrintErrorCode.TIMEOUT
    (job_id,) = queue.submit("tote", "T-0001")
    delays = []
    for _ in range(SETTINGS.max_attempts):
        before = clock.now
        queue.run_due()
        job = queue.job(job_id)
        assert job is not None
        assert job.state is JobState.FAILED
        if job.next_attempt_at is not None:
            delays.append((job.next_attempt_at - before).total_seconds())
            clock.advance(600)
    assert delays == [2.0, 5.0]  # then no automatic attempt is left
    waiting = queue.job(job_id)
    assert waiting is not None
    assert waiting.waiting_for_person
    assert waiting.attempts == 3
    clock.advance(3600)
    assert queue.run_due() == 0
    printers["zebra"].down = None
    assert queue.retry(job_id)
    assert queue.run_due() == 1
    assert len(printers["zebra"].sent) == 1


def test_a_failure_waiting_will_not_fix_is_not_retried(
    queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    printers["zebra"].down = PrintErrorCode.UNKNOWN_HOST
    (job_id,) = queue.submit("tote", "T-0001")
    queue.run_due()
    job = queue.job(job_id)
    assert job is not None
    assert job.waiting_for_person


def test_jobs_survive_a_restart_and_an_interrupted_one_is_not_resent(
    tmp_path: Path,
    store: LocalStore,
    library: TemplateLibrary,
    clock: FakeClock,
    printers: dict[str, FakePrinter],
) -> None:
    queue = PrintQueue(store, SETTINGS, library, printers=lambda s: printers[s.name], clock=clock)
    first, second = queue.submit("tote", "T-0001")[0], queue.submit("bin", "A-01-01-1")[0]
    # The station dies while sending the first: it was claimed, never finished.
    with store.unit_of_work() as uow:
        assert PrintJobRepository(uow.session, clock).claim(first)
        uow.commit()
    path = tmp_path / "station.sqlite3"
    store.close()
    with open_store(path, clock=clock) as reopened:
        again = PrintQueue(
            reopened, SETTINGS, library, printers=lambda s: printers[s.name], clock=clock
        )
        assert again.recover() == [first]
        interrupted = again.job(first)
        assert interrupted is not None
        assert interrupted.waiting_for_person
        assert interrupted.error_code == "interrupted"
        assert interrupted.error is not None
        assert "may or may not have printed" in interrupted.error
        assert interrupted.error_args == {"printer": interrupted.printer}
        assert again.run_due() == 1  # only the second, still queued
        assert [title for _, _, title in printers["zebra"].sent] == ["bin A-01-01-1"]
        assert again.counts()[JobState.DONE] == 1
        assert again.job(second) is not None


def test_a_reprint_sends_the_same_bytes(
    queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    (job_id,) = queue.submit("shipping", "SO-100001")
    queue.run_due()
    copy_id = queue.reprint(job_id)
    queue.run_due()
    first, second = printers["zebra"].sent
    assert first[0] == second[0]  # same SSCC, same everything
    copy = queue.job(copy_id)
    assert copy is not None
    assert copy.reprint_of == job_id
    assert copy.state is JobState.DONE
    assert [j.id for j in queue.jobs(reference="SO-100001")] == [copy_id, job_id]
    with pytest.raises(KeyError):
        queue.reprint(999)


def test_a_document_from_the_order_store_prints_as_it_is(
    queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    carrier = b"^XA^FO10,10^BCN,80^FDCARRIER-1^FS^XZ"
    queue.submit_document(
        carrier, LabelFormat.ZPL, title="DHL label", reference="SO-1", printer="zebra"
    )
    queue.run_due()
    assert printers["zebra"].sent[0][0] == carrier
    with pytest.raises(PrintError) as wrong:
        queue.submit_document(
            b"%PDF-1.4", LabelFormat.PDF, title="x", reference="SO-1", printer="zebra"
        )
    assert wrong.value.code is PrintErrorCode.WRONG_FORMAT


def test_nothing_is_queued_when_the_label_cannot_be_made(queue: PrintQueue) -> None:
    with pytest.raises(PrintError) as unknown:
        queue.submit("shipping", "SO-404")
    assert unknown.value.code is PrintErrorCode.UNKNOWN_ORDER
    with pytest.raises(PrintError) as no_printer:
        queue.submit("tote", "T-0001", printer="nowhere")
    assert no_printer.value.code is PrintErrorCode.NO_PRINTER
    assert queue.jobs() == []


def test_a_job_for_a_printer_that_changed_format_is_not_sent(
    queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    (job_id,) = queue.submit("tote", "T-0001")
    queue.settings = PrintSettings(
        printers=(PrinterSpec("zebra", PrinterKind.TCP, "x", LabelFormat.PDF),), routes={}
    )
    queue.run_due()
    job = queue.job(job_id)
    assert job is not None
    assert job.error_code == "wrong_format"
    assert job.waiting_for_person
    assert printers["zebra"].sent == []


def test_previews(queue: PrintQueue) -> None:
    (zpl_job,) = queue.submit("shipping", "SO-100001")
    (pdf_job,) = queue.submit("packing-slip", "SO-100001")
    (shipping,) = queue.preview(zpl_job)  # drawn again from its template
    assert shipping.size == (812, 1218)
    (slip,) = queue.preview(pdf_job)
    assert slip.width > 1000
    (tote,) = queue.preview_label("tote", "T-0001", dpi=300)
    assert tote.size == (1200, 600)
    document = queue.submit_document(
        b"^XA^XZ", LabelFormat.ZPL, title="t", reference="r", printer="zebra"
    )
    with pytest.raises(PrintError):
        queue.preview(document)


def test_cancel_keeps_the_job_listed(queue: PrintQueue, printers: dict[str, FakePrinter]) -> None:
    printers["zebra"].down = PrintErrorCode.REFUSED
    (job_id,) = queue.submit("tote", "T-0001")
    queue.run_due()
    assert queue.cancel(job_id)
    job = queue.job(job_id)
    assert job is not None
    assert job.error_code == "cancelled"
    assert job.waiting_for_person


def test_test_print(queue: PrintQueue, printers: dict[str, FakePrinter]) -> None:
    queue.test_print("office")
    queue.run_due()
    ((_payload, fmt, title),) = printers["office"].sent
    assert fmt is LabelFormat.PDF
    assert title == "test-print office"


@pytest.fixture
def worker(queue: PrintQueue) -> Iterator[PrintWorker]:
    worker = PrintWorker(queue, idle_s=0.2)
    yield worker
    worker.stop()


def test_the_worker_prints_what_is_submitted(
    worker: PrintWorker, queue: PrintQueue, printers: dict[str, FakePrinter]
) -> None:
    import time

    worker.start()
    queue.submit("tote", "T-0001")
    deadline = time.monotonic() + 10
    while not printers["zebra"].sent and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(printers["zebra"].sent) == 1
    worker.stop()
    assert not worker.running
