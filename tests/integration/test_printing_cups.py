"""Printing with real parts: a private cupsd with a cups-pdf queue and a raw queue whose
device is a TCP listener run by the test (``tests/cups.py``), and raw TCP 9100.

These tests need root and the Debian packages cups and printer-driver-cups-pdf; without
them the ``cups`` fixture raises and every test here fails with the reason. They never
skip: a label path nobody tested is a line that stops.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]
import pytest

from app.barcodes.decode import Decoder
from app.barcodes.decode_cli import iter_images
from app.printing.errors import PrintErrorCode
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.render import LabelFormat
from app.printing.sending import Backoff
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.printing.sources import DemoSource
from app.printing.worker import PrintWorker
from app.store import LocalStore, open_store
from app.store.print_jobs import JobState
from tests.app.printing import zpl_reader
from tests.app.store.store_helpers import FakeClock
from tests.cups import CupsServer, RawListener, free_port

ORDER = "SO-100001"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def cups() -> Iterator[CupsServer]:
    with CupsServer() as server:
        server.add_pdf_queue("PDF")
        yield server


@pytest.fixture(scope="module")
def demo() -> DemoSource:
    return DemoSource()


@pytest.fixture
def listener() -> Iterator[RawListener]:
    with RawListener() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with open_store(tmp_path / "station.sqlite3") as opened:
        yield opened


def _queue(
    store: LocalStore,
    demo: DemoSource,
    *printers: PrinterSpec,
    clock: FakeClock | None = None,
    backoff: Backoff | None = None,
) -> PrintQueue:
    settings = PrintSettings(printers=printers, routes={"*": printers[0].name})
    kwargs = {"clock": clock} if clock else {}
    return PrintQueue(
        store,
        settings,
        TemplateLibrary(),
        source=demo,
        station="pack-01",
        backoff=backoff,
        **kwargs,
    )  # type: ignore[arg-type]


def _expected(queue: PrintQueue) -> set[tuple[str, str]]:
    """The three barcodes of the demo order's shipping label, as the decoder reports them."""
    from datetime import date

    from app.printing.sources import label_data

    data = label_data(
        queue.templates.get("shipping"),
        queue.source,
        key=ORDER,
        settings=queue.settings,
        today=date.today(),
    )
    f = data.fields
    qr = "|".join(
        f[k]
        for k in (
            "order.number",
            "package.sscc",
            "order.carrier",
            "order.service",
            "ship_to.postcode",
            "ship_to.country",
        )
    )
    return {("code128", ORDER), ("gs1-128", "00" + f["package.sscc"]), ("qr", qr)}


def _decoded(path: Path) -> set[tuple[str, str]]:
    codes = set()
    for _, image in iter_images(str(path)):
        codes.update((str(d.symbology), d.text) for d in Decoder().decode(image))
    return codes


def test_a_shipping_label_printed_through_cups_comes_out_as_a_pdf_that_reads_back(
    cups: CupsServer, store: LocalStore, demo: DemoSource
) -> None:
    pdf = PrinterSpec(
        "office",
        PrinterKind.CUPS,
        "PDF",
        LabelFormat.PDF,
        300,
        server=cups.server,
        options=("media=Custom.4x6in",),
    )
    queue = _queue(store, demo, pdf)
    (job_id,) = queue.submit("shipping", ORDER)
    assert queue.run_due() == 1
    job = queue.job(job_id)
    assert job is not None
    assert job.state is JobState.DONE, job
    assert job.spooler_job.startswith("PDF-")
    printed = cups.pdf_output(job.spooler_job)
    document = pypdfium2.PdfDocument(str(printed))
    try:
        assert len(document) == 1
        assert document[0].get_size() == pytest.approx((288, 432), abs=1)  # 4 x 6 in
    finally:
        document.close()
    # Rasterised at 300 dpi (pypdfium2) and decoded: every barcode, exactly.
    assert _decoded(printed) == _expected(queue)


def test_the_raster_png_reads_back_the_same(
    tmp_path: Path, store: LocalStore, demo: DemoSource
) -> None:
    folder = PrinterSpec("png", PrinterKind.FILE, str(tmp_path / "out"), LabelFormat.PNG, 203)
    queue = _queue(store, demo, folder)
    (job_id,) = queue.submit("shipping", ORDER)
    queue.run_due()
    job = queue.job(job_id)
    assert job is not None
    assert job.state is JobState.DONE
    written = Path(job.spooler_job)
    assert written.suffix == ".png"
    assert _decoded(written) == _expected(queue)


def _zpl_barcodes(zpl: bytes) -> set[tuple[str, str]]:
    """What the printer's own barcode fields carry (``^BC`` drawn and decoded)."""
    (label,) = zpl_reader.parse(zpl)
    codes = set()
    for field in label.fields:
        if field.barcode == "BC":
            _, values = zpl_reader.code128_values(field.data)
            image = zpl_reader.draw_linear(zpl_reader.code128_modules(values))
            (read,) = Decoder().decode(image)
            codes.add((str(read.symbology), read.text))
        elif field.barcode == "BQ":
            assert field.data.startswith("MA,")  # error level M, automatic input
            codes.add(("qr", field.data[3:]))
    return codes


def test_zpl_arrives_byte_exact_through_the_cups_raw_queue(
    cups: CupsServer, store: LocalStore, demo: DemoSource, listener: RawListener
) -> None:
    name = cups.add_raw_queue(f"ZEBRA{next(_names)}", f"socket://{listener.address}")
    zebra = PrinterSpec("zebra", PrinterKind.CUPS, name, LabelFormat.ZPL, 203, server=cups.server)
    queue = _queue(store, demo, zebra)
    (job_id,) = queue.submit("shipping", ORDER)
    assert queue.run_due() == 1
    (arrived,) = listener.wait_for(1)
    expected = queue.render("shipping", ORDER, zebra).content
    assert arrived == expected
    assert _zpl_barcodes(arrived) == _expected(queue)
    job = queue.job(job_id)
    assert job is not None
    assert job.state is JobState.DONE
    assert job.spooler_job.startswith(name)


def test_zpl_arrives_byte_exact_over_raw_tcp(
    store: LocalStore, demo: DemoSource, listener: RawListener
) -> None:
    zebra = PrinterSpec("zebra", PrinterKind.TCP, listener.address, LabelFormat.ZPL, 300)
    queue = _queue(store, demo, zebra)
    queue.submit("shipping", ORDER)
    queue.submit("product", "SKU-10004")
    assert queue.run_due() == 2
    shipping, product = listener.wait_for(2)
    assert shipping == queue.render("shipping", ORDER, zebra).content
    assert b"^PW1200^LL1800" in shipping  # 300 dpi
    assert _zpl_barcodes(shipping) == _expected(queue)
    (label,) = zpl_reader.parse(product)
    assert [f.data for f in label.fields if f.barcode == "BE"] == ["401234500003"]


def test_a_refusing_printer_leaves_the_job_failed_and_the_retry_prints_it_once(
    store: LocalStore, demo: DemoSource, listener: RawListener
) -> None:
    clock = FakeClock()
    zebra = PrinterSpec(
        "zebra", PrinterKind.TCP, listener.address, LabelFormat.ZPL, 203, timeout_s=3
    )
    queue = _queue(store, demo, zebra, clock=clock)
    listener.refuse()
    (job_id,) = queue.submit("shipping", ORDER)
    assert queue.run_due() == 1
    failed = queue.job(job_id)
    assert failed is not None
    assert failed.state is JobState.FAILED
    assert failed.error_code == PrintErrorCode.REFUSED
    assert failed.error == (
        f"Printer zebra ({listener.address}) refused the connection. Check that it is switched "
        "on and online (not paused, no error light); the label is kept and printed when it "
        "answers."
    )
    listener.accept_again()
    assert queue.run_due() == 0  # the back-off is not over
    clock.advance(2)
    assert queue.run_due() == 1
    assert queue.run_due() == 0
    (arrived,) = listener.wait_for(1)
    assert arrived == queue.render("shipping", ORDER, zebra).content
    time.sleep(0.3)  # nothing else is on its way
    assert len(listener.jobs) == 1
    done = queue.job(job_id)
    assert done is not None
    assert done.state is JobState.DONE
    assert done.attempts == 2


def test_the_worker_retries_a_printer_that_comes_back_and_prints_once(
    store: LocalStore, demo: DemoSource, listener: RawListener
) -> None:
    zebra = PrinterSpec(
        "zebra", PrinterKind.TCP, listener.address, LabelFormat.ZPL, 203, timeout_s=3
    )
    queue = _queue(store, demo, zebra, backoff=Backoff((0.3,)))
    worker = PrintWorker(queue, idle_s=0.5)
    listener.refuse()
    worker.start()
    try:
        (job_id,) = queue.submit("tote", "T-0001")
        deadline = time.monotonic() + 10
        while (job := queue.job(job_id)) is not None and job.attempts < 2:
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
        assert job is not None
        assert job.state in (JobState.FAILED, JobState.PRINTING)
        listener.accept_again()
        listener.wait_for(1, timeout=10)
        while (job := queue.job(job_id)) is not None and job.state is not JobState.DONE:
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
    finally:
        worker.stop()
    time.sleep(0.5)
    assert len(listener.jobs) == 1


def test_a_cups_queue_that_refuses_jobs_keeps_the_label_until_it_accepts(
    cups: CupsServer, store: LocalStore, demo: DemoSource, listener: RawListener
) -> None:
    name = cups.add_raw_queue(f"ZEBRA{next(_names)}", f"socket://{listener.address}")
    clock = FakeClock()
    zebra = PrinterSpec("zebra", PrinterKind.CUPS, name, LabelFormat.ZPL, 203, server=cups.server)
    queue = _queue(store, demo, zebra, clock=clock)
    cups.reject(name)
    (job_id,) = queue.submit("bin", "A-01-02-3")
    queue.run_due()
    failed = queue.job(job_id)
    assert failed is not None
    assert failed.error_code == PrintErrorCode.QUEUE_NOT_ACCEPTING
    assert failed.error is not None
    assert f"print queue {name} is not accepting jobs" in failed.error
    assert failed.next_attempt_at is not None  # retried by itself
    cups.accept(name)
    clock.advance(5)
    assert queue.run_due() == 1
    assert listener.wait_for(1) == [queue.render("bin", "A-01-02-3", zebra).content]
    time.sleep(0.3)
    assert len(listener.jobs) == 1


def test_an_unreachable_cups_server_and_an_unknown_queue_are_told_apart(
    cups: CupsServer, store: LocalStore, demo: DemoSource
) -> None:
    down = PrinterSpec("down", PrinterKind.CUPS, "ZEBRA", server=f"127.0.0.1:{free_port()}")
    missing = PrinterSpec("missing", PrinterKind.CUPS, "NO_SUCH_QUEUE", server=cups.server)
    queue = _queue(store, demo, down, missing)
    first = queue.submit("tote", "T-0001", printer="down")[0]
    second = queue.submit("tote", "T-0001", printer="missing")[0]
    queue.run_due()
    one, two = queue.job(first), queue.job(second)
    assert one is not None
    assert one.error_code == PrintErrorCode.SPOOLER_UNREACHABLE
    assert one.next_attempt_at is not None
    assert two is not None
    assert two.error_code == PrintErrorCode.NO_SUCH_QUEUE
    assert two.waiting_for_person
    assert two.error == (
        f"Printer missing: the print queue NO_SUCH_QUEUE does not exist on {cups.server}. "
        "Check the queue name in Settings."
    )
