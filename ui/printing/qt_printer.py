"""The system-printer back-end: QtPrintSupport (CUPS here, the Windows spooler there).

``QtPrinter`` implements ``app.printing.Printer`` for ``PrinterKind.SYSTEM`` printers,
whose ``address`` is the operating system's printer name. A PNG label is printed at the
printer's own resolution (``QPrinter.setResolution(spec.dpi)``, full page, a page the
size of the image): one image pixel is one printer dot, nothing is resampled, so the
bars keep their whole-dot widths and scan. A PDF document is drawn page by page with
pypdfium2 at the printer's dpi and printed the same way. ZPL is refused: a printer that
speaks ZPL is a ``tcp`` or ``cups`` raw printer.

Threads: the print worker calls ``send`` on its own (non-Qt) thread. Qt documents
QPainter on a QPrinter as usable outside the GUI thread ("QPainter can be used in a
thread to paint onto QImage, QPrinter, and QPicture paint devices"), and nothing here
draws text, so no font database is touched; ``tests/ui/printing`` prints from a plain
thread to prove it. Each ``send`` builds its own ``QPrinter``: nothing is shared.

The CUPS server is libcups's: ``CUPS_SERVER`` in the environment or the computer's
default; ``spec.server`` applies to the ``cups`` (``lp``) back-end only.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.printing import LabelFormat, PrinterKind, PrintError, PrintErrorCode, PrinterSpec
from app.printing.backends import Printer, make_printer

if TYPE_CHECKING:  # Pillow loads with the first label printed, not with the kiosk
    from PIL import Image

MM_PER_INCH = 25.4


def _qimage(image: Image.Image) -> QImage:
    """A Pillow image as a QImage (8-bit grey; a 1-bit label stays black and white)."""
    grey = image.convert("L")
    data = grey.tobytes()
    qimage = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return qimage.copy()  # own the pixels: ``data`` goes away with this frame


def pages_of(payload: bytes, fmt: LabelFormat, dpi: int) -> list[Image.Image]:
    """The pages to print, each one printer dot per pixel at ``dpi``.

    Raises:
        ValueError: ZPL (the printer must draw it itself) or unreadable bytes.
    """
    from PIL import Image

    if fmt is LabelFormat.PNG:
        with Image.open(io.BytesIO(payload)) as image:
            return [image.copy()]
    if fmt is LabelFormat.PDF:
        import pypdfium2  # type: ignore[import-untyped]

        document = pypdfium2.PdfDocument(payload)
        try:
            return [document[i].render(scale=dpi / 72).to_pil() for i in range(len(document))]
        finally:
            document.close()
    raise ValueError(f"a system printer cannot print {fmt.value.upper()}")


class QtPrinter:
    """A printer the operating system knows, through QtPrintSupport.

    Args:
        spec: a ``system`` printer; ``address`` is its name as the OS lists it.
        output_file: print to this PDF file with Qt's own PDF engine instead (for
            tests and for a computer without a print system); ``address`` is ignored.
    """

    def __init__(self, spec: PrinterSpec, *, output_file: Path | None = None) -> None:
        self._spec = spec
        self._output_file = output_file

    @property
    def spec(self) -> PrinterSpec:
        return self._spec

    def _error(self, code: PrintErrorCode, **extra: object) -> PrintError:
        return PrintError(
            code, printer=self._spec.name, queue=self._spec.address, server="this computer",
            **extra,
        )  # fmt: skip

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        if fmt is LabelFormat.ZPL:
            raise PrintError(
                PrintErrorCode.WRONG_FORMAT, printer=self._spec.name, accepts="PNG or PDF",
                format="ZPL",
            )  # fmt: skip
        try:
            pages = pages_of(payload, fmt, self._spec.dpi)
        except Exception as exc:  # a broken document: waiting will not fix it
            raise PrintError(
                PrintErrorCode.BAD_TEMPLATE, name=title or "label", detail=str(exc)
            ) from exc
        if not pages:
            return ""
        printer = self._printer(title, pages[0])
        painter = QPainter()
        if not painter.begin(printer):
            raise self._error(
                PrintErrorCode.SPOOLER_ERROR,
                detail=f"could not start a job on {self._spec.address or 'the printer'}",
            )
        try:
            for number, page in enumerate(pages):
                if number:
                    printer.setPageSize(self._page_size(page))
                    if not printer.newPage():
                        raise self._error(
                            PrintErrorCode.SPOOLER_ERROR, detail="the printer refused a new page"
                        )
                # One pixel, one dot: the device's resolution is the label's dpi.
                painter.drawImage(0, 0, _qimage(page))
        finally:
            painter.end()
        if printer.printerState() is QPrinter.PrinterState.Error:
            raise self._error(PrintErrorCode.SPOOLER_ERROR, detail="the job was not accepted")
        return str(self._output_file) if self._output_file else ""

    def _page_size(self, page: Image.Image) -> QPageSize:
        dpi = self._spec.dpi
        size = QSizeF(page.width * MM_PER_INCH / dpi, page.height * MM_PER_INCH / dpi)
        exact = QPageSize.SizeMatchPolicy.ExactMatch  # never "the nearest A/Letter size"
        return QPageSize(size, QPageSize.Unit.Millimeter, "label", exact)

    def _printer(self, title: str, first: Image.Image) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self._output_file))
        else:
            info = QPrinterInfo.printerInfo(self._spec.address)
            if info.isNull():
                raise self._error(PrintErrorCode.NO_SUCH_QUEUE)
            printer.setPrinterName(self._spec.address)
        printer.setDocName(title or "label")
        printer.setResolution(self._spec.dpi)
        printer.setFullPage(True)
        printer.setPageSize(self._page_size(first))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        return printer


def make_kiosk_printer(
    output_files: Callable[[PrinterSpec], Path | None] | None = None,
) -> Callable[[PrinterSpec], Printer]:
    """``make_printer`` that also builds ``system`` printers (the kiosk's ``printers``)."""

    def build(spec: PrinterSpec) -> Printer:
        if spec.kind is PrinterKind.SYSTEM:
            out = output_files(spec) if output_files is not None else None
            return QtPrinter(spec, output_file=out)
        return make_printer(spec)

    return build
