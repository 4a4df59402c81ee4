"""Label printers and page printers: an A4 document never goes to a roll of labels."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from app.barcodes.sheet import write_sheet
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.library import TemplateLibrary
from app.printing.pdf import pdf_page_sizes_mm
from app.printing.queue import PrintQueue
from app.printing.render import LabelFormat
from app.printing.settings import (
    Media,
    PrinterKind,
    PrinterSpec,
    PrintSettings,
    is_page_size,
)
from app.store import LocalStore
from tests.app.store.store_helpers import FakeClock

ZEBRA = PrinterSpec("zebra", PrinterKind.TCP, "127.0.0.1:9", LabelFormat.ZPL)
# The station's out-of-the-box printer: label PDFs into a folder, at the label's size.
FOLDER = PrinterSpec("labels", PrinterKind.FILE, "/tmp/labels", LabelFormat.PDF, 300)
OFFICE = PrinterSpec("office", PrinterKind.CUPS, "Office", LabelFormat.PDF, 300, paper="a4")


@pytest.mark.parametrize(
    ("spec", "pages"),
    [
        (ZEBRA, False),  # ZPL is a label language
        (PrinterSpec("z", PrinterKind.CUPS, "ZEBRA", LabelFormat.ZPL, paper="a4"), False),
        (FOLDER, False),  # paper "default": each label at its own size
        (OFFICE, True),
        (PrinterSpec("o", PrinterKind.SYSTEM, "HP", LabelFormat.PNG, paper="letter"), True),
        (PrinterSpec("o", PrinterKind.CUPS, "HP", LabelFormat.PDF, paper="Legal"), True),
        # The table may say so either way.
        (PrinterSpec("o", PrinterKind.CUPS, "HP", LabelFormat.PDF, media=Media.PAGE), True),
        (
            PrinterSpec("z", PrinterKind.CUPS, "Z", LabelFormat.PDF, paper="a4", media=Media.LABEL),
            False,
        ),
    ],
)
def test_a_printer_takes_pages_by_its_media_or_its_format_and_paper(
    spec: PrinterSpec, pages: bool
) -> None:
    assert spec.takes_pages is pages


def test_media_round_trips_through_toml_and_is_left_out_when_judged() -> None:
    table = {
        "printers": [
            {"name": "zebra", "kind": "tcp", "address": "10.0.4.21:9100"},
            {"name": "hp", "kind": "cups", "address": "HP", "format": "pdf", "media": "page"},
        ],
    }
    settings = PrintSettings.from_mapping(table)
    zebra, office = settings.printers
    assert (zebra.media, office.media) == (None, Media.PAGE)
    assert office.takes_pages
    mapping = settings.to_mapping()
    assert "media" not in mapping["printers"][0]
    assert mapping["printers"][1]["media"] == "page"
    assert PrintSettings.from_mapping(tomllib.loads(tomli_w.dumps(mapping))) == settings


def test_a_zpl_printer_set_to_pages_is_refused() -> None:
    table = {"printers": [{"name": "z", "kind": "tcp", "address": "h", "media": "page"}]}
    with pytest.raises(ValueError, match="prints labels, not pages"):
        PrintSettings.from_mapping(table)


def test_the_page_printer_is_the_route_s_when_it_takes_pages_else_the_first_that_does() -> None:
    assert PrintSettings(printers=(ZEBRA, FOLDER), routes={"*": "zebra"}).page_printer() is None
    both = PrintSettings(printers=(ZEBRA, OFFICE), routes={"*": "zebra"})
    assert both.page_printer() == OFFICE
    second = PrinterSpec("office2", PrinterKind.CUPS, "O2", LabelFormat.PDF, paper="letter")
    routed = PrintSettings(
        printers=(ZEBRA, OFFICE, second), routes={"packing-slip": "office2", "*": "zebra"}
    )
    assert routed.page_printer("packing-slip") == second
    assert routed.page_printer() == OFFICE


def test_page_size_starts_at_a5() -> None:
    assert is_page_size(210, 297)  # A4
    assert is_page_size(148, 210)  # A5
    assert not is_page_size(101.6, 152.4)  # a 4x6 in shipping label
    assert not is_page_size(101.6, 203.2)  # 4x8 in


@pytest.fixture
def queue(store: LocalStore, library: TemplateLibrary, clock: FakeClock) -> PrintQueue:
    settings = PrintSettings(
        printers=(ZEBRA, FOLDER, OFFICE), routes={"packing-slip": "zebra", "*": "labels"}
    )
    return PrintQueue(store, settings, library, clock=clock, station="pack-01")


@pytest.fixture(scope="module")
def a4_sheet(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path: Path = tmp_path_factory.mktemp("sheet") / "demo-barcodes.pdf"
    write_sheet(path)
    return path.read_bytes()


def test_the_a4_sheet_is_measured_as_pages(a4_sheet: bytes) -> None:
    sizes = pdf_page_sizes_mm(a4_sheet)
    assert sizes
    assert all(round(w) == 210 and round(h) == 297 for w, h in sizes)
    with pytest.raises(ValueError, match="not a readable PDF"):
        pdf_page_sizes_mm(b"%PDF-1.4 broken")


def test_an_a4_pdf_is_refused_by_a_label_printer_and_nothing_is_queued(
    queue: PrintQueue, a4_sheet: bytes
) -> None:
    with pytest.raises(PrintError) as caught:
        queue.submit_document(
            a4_sheet, LabelFormat.PDF, title="demo barcode sheet", reference="demo",
            printer="labels",
        )  # fmt: skip
    assert caught.value.code is PrintErrorCode.NOT_A_PAGE_PRINTER
    assert caught.value.args_map["printer"] == "labels"
    assert not caught.value.retryable
    assert str(caught.value).startswith(
        "Printer labels prints on labels, not on sheets of paper: demo barcode sheet is a "
        "page (210 x 297 mm) and was not sent."
    )
    assert queue.jobs() == []
    job_id = queue.submit_document(
        a4_sheet, LabelFormat.PDF, title="demo barcode sheet", reference="demo", printer="office"
    )
    assert [job.id for job in queue.jobs()] == [job_id]


def test_a_label_sized_pdf_still_goes_to_a_label_printer(queue: PrintQueue) -> None:
    (rendered,) = queue.render("tote", "T-0001", FOLDER).documents
    job_id = queue.submit_document(
        rendered, LabelFormat.PDF, title="carrier label", reference="x", printer="labels"
    )
    assert queue.job(job_id) is not None


def test_a_page_sized_template_is_refused_by_a_label_printer(queue: PrintQueue) -> None:
    with pytest.raises(PrintError) as caught:
        queue.submit("packing-slip", "SO-100001")  # routed to the Zebra by mistake
    assert caught.value.code is PrintErrorCode.NOT_A_PAGE_PRINTER
    assert caught.value.args_map["printer"] == "zebra"
    assert queue.jobs() == []
    (job_id,) = queue.submit("packing-slip", "SO-100001", printer="office")
    assert queue.job(job_id) is not None
