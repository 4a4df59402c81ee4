"""The labels screen on a real station store, a real print worker thread and a real
TCP listener on 127.0.0.1 standing in for a Zebra's raw port (ZPL); page and label
printers as real folders (``file`` printers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.barcodes.resolve import CodePatterns
from app.config import Settings
from app.domain.model import Location, Tote
from app.domain.scan import RawScan, ScanSource
from app.printing import (
    Backoff,
    LabelFormat,
    PrinterKind,
    PrinterSpec,
    PrintQueue,
    PrintSettings,
    PrintWorker,
    TemplateLibrary,
)
from app.store import LocalStore
from app.store.print_jobs import JobState
from tests.app.store.store_helpers import PRODUCTS, make_order
from tests.cups import RawListener
from ui.printing.bridge import PrintBridge
from ui.scanner.pipeline import ScanPipeline, Verdict
from ui.screens.labels import LabelsScreen
from ui.tasks import TaskRunner

BIN = "A-01-01-1"
ORDERS = ("SO-100001", "SO-100002")
NOW = datetime(2026, 11, 29, 9, 41, tzinfo=UTC)


@pytest.fixture
def printer() -> Iterator[RawListener]:
    with RawListener() as listener:
        yield listener


@pytest.fixture
def floor(store: LocalStore) -> LocalStore:
    with store.unit_of_work() as uow:
        uow.locations.save(Location(BIN, "A", "01", 1))
        uow.totes.save(Tote("T-0001"))
        for product in PRODUCTS:
            uow.products.save(product)
        for number in ORDERS:
            uow.orders.save(make_order(number))
        uow.commit()
    return store


Station = tuple[LabelsScreen, PrintQueue, ScanPipeline]
MakeStation = Callable[..., Station]


@pytest.fixture
def make_station(
    floor: LocalStore, printer: RawListener, tasks: TaskRunner, tmp_path: Path, qtbot: QtBot
) -> Iterator[MakeStation]:
    """A labels screen with the Zebra on ``printer`` and the ``extra`` printers, routed
    by ``routes`` (everything to the Zebra by default)."""
    workers: list[tuple[PrintWorker, LabelsScreen]] = []

    def make(extra: tuple[PrinterSpec, ...] = (), routes: dict[str, str] | None = None) -> Station:
        zebra = PrinterSpec("ZEBRA1", PrinterKind.TCP, printer.address, timeout_s=5)
        settings = PrintSettings(printers=(zebra, *extra), routes=routes or {"*": "ZEBRA1"})
        bridge = PrintBridge()
        # No automatic retry during a test: a person retries.
        queue = PrintQueue(
            floor,
            settings,
            TemplateLibrary(),
            clock=lambda: NOW,
            station="pack-03",
            backoff=Backoff((600.0,)),
            on_change=bridge.publish,
        )
        worker = PrintWorker(queue, idle_s=0.2)
        pipeline = ScanPipeline(floor, CodePatterns.from_settings(Settings()))
        screen = LabelsScreen(queue, bridge, tasks, pipeline, tmp_path / "labels")
        bridge.jobChanged.connect(screen.on_job_changed)
        qtbot.addWidget(screen)
        screen.resize(1280, 736)
        screen.show()
        worker.start()
        workers.append((worker, screen))
        return screen, queue, pipeline

    yield make
    for worker, screen in workers:
        worker.stop()
        screen.hide()


@pytest.fixture
def station(make_station: MakeStation) -> Station:
    return make_station()


def _scan(pipeline: ScanPipeline, text: str, qtbot: QtBot) -> Verdict:
    with qtbot.waitSignal(pipeline.answered, timeout=5000) as answered:
        pipeline.submit(RawScan(text, source=ScanSource.TYPED))
    verdict = answered.args[0]
    assert isinstance(verdict, Verdict)
    return verdict


def _states(screen: LabelsScreen) -> list[JobState]:
    return [job.state for job in screen.jobs.jobs]


def test_scanning_a_bin_prints_its_label_byte_complete(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    verdict = _scan(pipeline, BIN, qtbot)
    assert verdict.ok
    assert "bin label for A-01-01-1" in verdict.text
    arrived = printer.wait_for(1, timeout=10)
    spec = queue.settings.printer("ZEBRA1")
    assert spec is not None
    expected = queue.render("bin", BIN, spec).content
    assert arrived == [expected]
    assert expected.startswith(b"^XA")
    assert expected.rstrip().endswith(b"^XZ")
    assert BIN.encode() in expected
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    qtbot.waitUntil(lambda: screen.result.level == "ok", timeout=5000)  # after the list
    assert "Printed bin A-01-01-1" in screen.result.text()
    assert "Printed: bin A-01-01-1" in screen.jobs.item(0).text()


def test_a_refused_connection_fails_with_its_sentence_then_retry_prints_once(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, _queue, pipeline = station
    printer.refuse()
    _scan(pipeline, "T-0001", qtbot)
    qtbot.waitUntil(lambda: _states(screen) == [JobState.FAILED], timeout=10_000)
    text = screen.jobs.item(0).text()
    assert f"Printer ZEBRA1 ({printer.address}) refused the connection" in text
    assert "the label is kept" in text
    assert screen.result.level == "error"
    assert screen.retry_button.isEnabled()

    printer.accept_again()
    screen.jobs.setCurrentRow(0)
    screen.retry_button.click()
    assert printer.wait_for(1, timeout=10)[0].startswith(b"^XA")
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    assert len(printer.jobs) == 1  # printed once, nothing lost, nothing doubled
    assert not screen.retry_button.isEnabled()


def test_reprint_and_print_command_send_the_same_bytes_again(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, _queue, pipeline = station
    _scan(pipeline, BIN, qtbot)
    first = printer.wait_for(1, timeout=10)[0]
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    screen.jobs.setCurrentRow(0)
    screen.reprint_button.click()
    assert printer.wait_for(2, timeout=10)[1] == first
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE] * 2, timeout=5000)
    assert "(reprint)" in screen.jobs.item(0).text()

    verdict = _scan(pipeline, "#CMD:PRINT", qtbot)
    assert verdict.ok
    assert printer.wait_for(3, timeout=10)[2] == first


def test_the_preview_shows_the_selected_label(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    _scan(pipeline, BIN, qtbot)
    printer.wait_for(1, timeout=10)
    qtbot.waitUntil(lambda: not screen.preview.image.isNull(), timeout=10_000)
    image = screen.preview.image
    expected = queue.preview_label("bin", BIN, dpi=203)[0]
    assert (image.width(), image.height()) == expected.size
    pixmap = screen.preview.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() <= screen.preview.width()
    assert pixmap.height() <= screen.preview.height()


def test_an_unknown_code_is_not_printed_and_test_print_is(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, _queue, pipeline = station
    assert not _scan(pipeline, "Z-99-99-9", qtbot).ok
    screen.test_buttons["ZEBRA1"].click()
    arrived = printer.wait_for(1, timeout=10)
    assert arrived[0].startswith(b"^XA")
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    assert screen.jobs.jobs[0].label == "test-print"


def test_the_demo_sheet_is_saved_when_no_printer_takes_pdf(
    station: Station, tmp_path: Path, qtbot: QtBot
) -> None:
    screen, _queue, _pipeline = station
    screen.sheet_button.click()
    target = tmp_path / "labels" / "demo-barcodes.pdf"
    qtbot.waitUntil(lambda: "Saved as" in screen.result.text(), timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert LabelFormat.PDF.extension in screen.result.text()


# -- what a morning on the floor found -----------------------------------------


def _settled(queue: PrintQueue, tasks: TaskRunner) -> bool:
    """Nothing left to do: no task in flight, no job waiting to be sent."""
    counts = queue.counts()
    return (
        tasks.pending() == 0
        and not counts.get(JobState.QUEUED)
        and not counts.get(JobState.PRINTING)
    )


def _tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.usefixtures("real_tap_clock")
def test_a_double_tap_on_reprint_prints_one_label(
    station: Station, printer: RawListener, tasks: TaskRunner, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    _scan(pipeline, BIN, qtbot)
    first = printer.wait_for(1, timeout=10)[0]
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    screen.jobs.setCurrentRow(0)
    _tap(qtbot, screen.reprint_button)
    qtbot.mouseClick(screen.reprint_button, Qt.MouseButton.LeftButton)  # the bounce
    assert printer.wait_for(2, timeout=10)[1] == first
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    qtbot.wait(300)  # time for a second reprint, were there one, to reach the printer
    assert len(queue.jobs()) == 2  # the scan's label and one reprint
    assert len(printer.jobs) == 2
    assert screen.taps.ignored == 1


@pytest.mark.usefixtures("real_tap_clock")
def test_a_double_tap_on_test_print_prints_one_test_label(
    station: Station, printer: RawListener, tasks: TaskRunner, qtbot: QtBot
) -> None:
    screen, queue, _pipeline = station
    button = screen.test_buttons["ZEBRA1"]
    _tap(qtbot, button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    printer.wait_for(1, timeout=10)
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    qtbot.wait(300)
    assert [job.label for job in queue.jobs()] == ["test-print"]
    assert len(printer.jobs) == 1


def test_every_scan_replaces_the_message_and_a_later_print_does_not_cover_an_error(
    station: Station, printer: RawListener, qtbot: QtBot
) -> None:
    screen, _queue, pipeline = station
    reprint_at = screen.reprint_button.geometry()
    _scan(pipeline, BIN, qtbot)
    qtbot.waitUntil(lambda: screen.result.level == "ok", timeout=10_000)
    assert screen.result.text() == "Printed bin A-01-01-1 on printer ZEBRA1."
    assert screen.reprint_button.geometry() == reprint_at  # the message did not push it

    verdict = _scan(pipeline, "Z-99-99-9", qtbot)
    assert not verdict.ok
    assert screen.result.level == "error"  # not the green "Printed ..." any more
    assert screen.result.text() == verdict.text
    assert "Unknown bin Z-99-99-9" in screen.result.text()

    # A label still printing from an earlier scan does not cover a newer error.
    _scan(pipeline, "T-0001", qtbot)
    _scan(pipeline, "Z-99-99-8", qtbot)
    printer.wait_for(2, timeout=10)
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE] * 2, timeout=5000)
    assert screen.result.level == "error"
    assert "Z-99-99-8" in screen.result.text()
    assert screen.reprint_button.geometry() == reprint_at

    # A tap replaces it too.
    screen.jobs.setCurrentRow(0)
    _tap(qtbot, screen.reprint_button)
    assert screen.result.level == "info"
    assert screen.result.text().startswith("Printing tote T-0001 again on printer ZEBRA1")
    printer.wait_for(3, timeout=10)
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE] * 3, timeout=5000)


def test_an_order_prints_its_shipping_label_only_when_scanned_again(
    station: Station, printer: RawListener, tasks: TaskRunner, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    assert not screen.print_button.isEnabled()
    asked = _scan(pipeline, "SO-100001", qtbot)
    assert asked.ok
    assert asked.text == (
        "Order SO-100001: its shipping label would print on printer ZEBRA1. To print it, "
        "scan the order again or tap Print shipping label."
    )
    assert screen.result.text() == asked.text
    assert screen.result.level == "warning"  # stays until the person answers
    assert screen.print_button.isEnabled()
    # The preview shows the label that would print; nothing is queued, nothing sent.
    qtbot.waitUntil(lambda: not screen.preview.image.isNull(), timeout=10_000)
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    assert queue.jobs() == []
    assert printer.jobs == []

    done = _scan(pipeline, "SO-100001", qtbot)
    assert done.ok
    assert done.text == "Printing the shipping label for SO-100001 on printer ZEBRA1…"
    assert not screen.print_button.isEnabled()  # nothing waits any more
    (label,) = printer.wait_for(1, timeout=10)
    assert label.startswith(b"^XA")
    assert b"SO-100001" in label
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    assert [job.title for job in queue.jobs()] == ["shipping SO-100001 1"]


def test_print_confirms_and_another_scan_drops_the_waiting_label(
    station: Station, printer: RawListener, tasks: TaskRunner, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    _scan(pipeline, "SO-100001", qtbot)
    switched = _scan(pipeline, "SO-100002", qtbot)
    assert switched.text.startswith(
        "Not printed: the shipping label for SO-100001. Order SO-100002: its shipping label "
        "would print on printer ZEBRA1."
    )
    _tap(qtbot, screen.print_button)
    assert not screen.print_button.isEnabled()
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert b"SO-100002" in printer.wait_for(1, timeout=10)[0]

    _scan(pipeline, "SO-100001", qtbot)
    moved_on = _scan(pipeline, BIN, qtbot)
    assert moved_on.text == (
        "Not printed: the shipping label for SO-100001. "
        "Printing the bin label for A-01-01-1 on printer ZEBRA1…"
    )
    _scan(pipeline, "SO-100001", qtbot)
    failed = _scan(pipeline, "Z-99-99-9", qtbot)  # a failed scan drops it too, and says so
    assert failed.text.startswith("Not printed: the shipping label for SO-100001. Unknown bin")
    assert screen.result.text() == failed.text
    printer.wait_for(2, timeout=10)
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    qtbot.wait(300)
    assert sorted(job.title for job in queue.jobs()) == ["bin A-01-01-1", "shipping SO-100002 1"]
    assert len(printer.jobs) == 2


def test_leaving_the_screen_drops_the_waiting_label(
    station: Station, tasks: TaskRunner, qtbot: QtBot
) -> None:
    screen, queue, pipeline = station
    _scan(pipeline, "SO-100001", qtbot)
    screen.hide()
    screen.show()
    assert screen.flow.waiting is None
    assert not screen.print_button.isEnabled()
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    assert queue.jobs() == []


def test_type_a_code_asks_for_the_keyboard(station: Station, qtbot: QtBot) -> None:
    screen, _queue, _pipeline = station
    with qtbot.waitSignal(screen.typeCodeRequested, timeout=1000):
        _tap(qtbot, screen.type_button)


def test_printers_are_named_as_printers(
    make_station: MakeStation, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = PrinterSpec("labels", PrinterKind.FILE, str(tmp_path / "out"), LabelFormat.PDF)
    screen, _queue, pipeline = make_station((folder,), {"*": "labels"})
    button = screen.test_buttons["labels"]
    assert button.text() == "printer labels"  # after "Test print:"
    _scan(pipeline, BIN, qtbot)
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=10_000)
    assert screen.result.text() == "Printed bin A-01-01-1 on printer labels."
    assert "on printer labels at" in screen.jobs.item(0).text()
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1


def test_the_demo_sheet_never_goes_to_a_label_printer(
    make_station: MakeStation, tmp_path: Path, tasks: TaskRunner, qtbot: QtBot
) -> None:
    # The station's out-of-the-box printer: label-sized PDFs into a folder.
    folder = PrinterSpec("labels", PrinterKind.FILE, str(tmp_path / "out"), LabelFormat.PDF)
    screen, queue, _pipeline = make_station((folder,), {"*": "labels"})
    _tap(qtbot, screen.sheet_button)
    qtbot.waitUntil(lambda: "Saved as" in screen.result.text(), timeout=60_000)
    assert screen.result.text() == (
        "Demo barcode sheet not printed: no printer here takes A4 pages (printer ZEBRA1, "
        f"printer labels: labels only). Saved as {tmp_path}/labels/demo-barcodes.pdf; print "
        "it on A4 at 100 %."
    )
    assert screen.result.level == "warning"
    assert (tmp_path / "labels" / "demo-barcodes.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: _settled(queue, tasks), timeout=5000)
    assert queue.jobs() == []
    assert not (tmp_path / "out").exists()


def test_the_demo_sheet_goes_to_the_page_printer(
    make_station: MakeStation, printer: RawListener, tmp_path: Path, qtbot: QtBot
) -> None:
    office = PrinterSpec(
        "office", PrinterKind.FILE, str(tmp_path / "office"), LabelFormat.PDF, 300, paper="a4"
    )
    screen, _queue, _pipeline = make_station((office,))  # labels go to the Zebra
    _tap(qtbot, screen.sheet_button)
    qtbot.waitUntil(lambda: screen.result.level == "ok", timeout=60_000)
    assert screen.result.text() == "Printed demo barcode sheet on printer office."
    (printed,) = (tmp_path / "office").glob("*.pdf")
    assert printed.read_bytes().startswith(b"%PDF")
    assert printer.jobs == []  # nothing for the label printer
