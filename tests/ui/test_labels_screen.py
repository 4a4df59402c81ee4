"""The labels screen on a real station store, a real print worker thread and a real
TCP listener on 127.0.0.1 standing in for a Zebra's raw port (ZPL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
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
from tests.cups import RawListener
from ui.printing.bridge import PrintBridge
from ui.scanner.pipeline import ScanPipeline, Verdict
from ui.screens.labels import LabelsScreen
from ui.tasks import TaskRunner

BIN = "A-01-01-1"
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
        uow.commit()
    return store


@pytest.fixture
def station(
    floor: LocalStore, printer: RawListener, tasks: TaskRunner, tmp_path: Path, qtbot: QtBot
) -> Iterator[tuple[LabelsScreen, PrintQueue, ScanPipeline]]:
    zebra = PrinterSpec("ZEBRA1", PrinterKind.TCP, printer.address, timeout_s=5)
    settings = PrintSettings(printers=(zebra,), routes={"*": "ZEBRA1"})
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
    screen.resize(1280, 760)
    screen.show()
    worker.start()
    try:
        yield screen, queue, pipeline
    finally:
        worker.stop()
        screen.hide()


def _scan(pipeline: ScanPipeline, text: str, qtbot: QtBot) -> Verdict:
    with qtbot.waitSignal(pipeline.answered, timeout=5000) as answered:
        pipeline.submit(RawScan(text, source=ScanSource.TYPED))
    verdict = answered.args[0]
    assert isinstance(verdict, Verdict)
    return verdict


def _states(screen: LabelsScreen) -> list[JobState]:
    return [job.state for job in screen.jobs.jobs]


def test_scanning_a_bin_prints_its_label_byte_complete(
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], printer: RawListener, qtbot: QtBot
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
    assert screen.result.level == "ok"
    assert "Printed bin A-01-01-1" in screen.result.text()
    assert "Printed: bin A-01-01-1" in screen.jobs.item(0).text()


def test_a_refused_connection_fails_with_its_sentence_then_retry_prints_once(
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], printer: RawListener, qtbot: QtBot
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
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], printer: RawListener, qtbot: QtBot
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
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], printer: RawListener, qtbot: QtBot
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
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], printer: RawListener, qtbot: QtBot
) -> None:
    screen, _queue, pipeline = station
    assert not _scan(pipeline, "Z-99-99-9", qtbot).ok
    screen.test_buttons["ZEBRA1"].click()
    arrived = printer.wait_for(1, timeout=10)
    assert arrived[0].startswith(b"^XA")
    qtbot.waitUntil(lambda: _states(screen) == [JobState.DONE], timeout=5000)
    assert screen.jobs.jobs[0].label == "test-print"


def test_the_demo_sheet_is_saved_when_no_printer_takes_pdf(
    station: tuple[LabelsScreen, PrintQueue, ScanPipeline], tmp_path: Path, qtbot: QtBot
) -> None:
    screen, _queue, _pipeline = station
    screen.sheet_button.click()
    target = tmp_path / "labels" / "demo-barcodes.pdf"
    qtbot.waitUntil(lambda: "saved as" in screen.result.text(), timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert LabelFormat.PDF.extension in screen.result.text()
