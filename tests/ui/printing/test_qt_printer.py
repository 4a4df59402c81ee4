"""The QtPrintSupport back-end: a label printed at the printer's dpi scans back exactly.

Two ways out: Qt's own PDF engine to a file (any computer), and a real CUPS server with
a cups-pdf queue (``tests.cups``; needs root and the Debian CUPS packages, and fails
loudly without them, as the other CUPS tests do).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from app.barcodes import decode_cli
from app.printing import (
    DemoSource,
    LabelFormat,
    PrinterKind,
    PrintError,
    PrintErrorCode,
    PrinterSpec,
    PrintSettings,
    TemplateLibrary,
    label_data,
    render,
)
from tests.cups import CupsServer
from ui.printing.qt_printer import QtPrinter

ROOT = Path(__file__).resolve().parents[3]


def _label(template: str, key: str, fmt: LabelFormat, dpi: int) -> bytes:
    library = TemplateLibrary()
    found = library.get(template)
    data = label_data(
        found, DemoSource(), key=key, settings=PrintSettings(), today=date(2026, 11, 29), dpi=dpi
    )
    return render(found, data, fmt, dpi=dpi).content


def _decoded(pdf: Path) -> list[str]:
    out = io.StringIO()
    assert decode_cli.run([str(pdf)], True, out) == 0
    return [json.loads(line)["text"] for line in out.getvalue().splitlines()]


def _spec(dpi: int, fmt: LabelFormat = LabelFormat.PNG) -> PrinterSpec:
    return PrinterSpec("office", PrinterKind.SYSTEM, "Office", format=fmt, dpi=dpi)


@pytest.mark.parametrize("dpi", [203, 300])
def test_a_png_label_prints_dot_for_dot_from_a_plain_thread(tmp_path: Path, dpi: int) -> None:
    out = tmp_path / "bin.pdf"
    payload = _label("bin", "A-01-01-1", LabelFormat.PNG, dpi)
    result: list[object] = []
    worker = threading.Thread(
        target=lambda: result.append(
            QtPrinter(_spec(dpi), output_file=out).send(payload, LabelFormat.PNG, "bin A-01-01-1")
        )
    )
    worker.start()
    worker.join(30)
    assert result == [str(out)]
    assert _decoded(out) == ["A-01-01-1"]
    import pypdfium2  # type: ignore[import-untyped]

    # The page is the label's own size: width in pixels / dpi, in points.
    document = pypdfium2.PdfDocument(str(out))
    try:
        width_pt, _ = document[0].get_size()
    finally:
        document.close()
    from PIL import Image

    with Image.open(io.BytesIO(payload)) as image:
        assert width_pt == pytest.approx(image.width / dpi * 72, abs=0.5)


def test_a_pdf_document_prints_every_page(tmp_path: Path) -> None:
    out = tmp_path / "tote.pdf"
    payload = _label("tote", "T-0001", LabelFormat.PDF, 300)
    QtPrinter(_spec(300, LabelFormat.PDF), output_file=out).send(payload, LabelFormat.PDF, "t")
    assert "T-0001" in _decoded(out)


def test_zpl_and_unknown_printers_are_refused_with_a_sentence() -> None:
    with pytest.raises(PrintError) as zpl:
        QtPrinter(_spec(203)).send(b"^XA^XZ", LabelFormat.ZPL, "x")
    assert zpl.value.code is PrintErrorCode.WRONG_FORMAT
    payload = _label("bin", "A-01-01-1", LabelFormat.PNG, 203)
    missing = PrinterSpec("ghost", PrinterKind.SYSTEM, "No_Such_Printer_Here", LabelFormat.PNG)
    with pytest.raises(PrintError) as unknown:
        QtPrinter(missing).send(payload, LabelFormat.PNG, "x")
    assert unknown.value.code is PrintErrorCode.NO_SUCH_QUEUE
    assert "No_Such_Printer_Here" in str(unknown.value)


def test_a_label_printed_through_cups_comes_out_as_a_pdf_that_scans(tmp_path: Path) -> None:
    label = tmp_path / "product.png"
    label.write_bytes(_label("product", "SKU-10001", LabelFormat.PNG, 300))
    with CupsServer() as cups:
        queue = cups.add_pdf_queue("QTPDF")
        env = dict(os.environ, CUPS_SERVER=cups.server, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.printing.qt_print_job", queue, "300", "png",
             str(label), "product SKU-10001"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        # A fresh server: Qt's job is the queue's first.
        pdf = cups.pdf_output(f"{queue}-1")
        codes = _decoded(pdf)
    expected = DemoSource().product("SKU-10001")
    assert expected is not None
    assert "SKU-10001" in codes or any(b.code in codes for b in expected.barcodes)
