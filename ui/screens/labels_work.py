"""The labels screen's words and its work off the GUI thread.

``LabelWords`` says what the screen says (through Qt's translator, context
``LabelWords``): printers are always named as "printer labels", never by their bare
name, so that a printer called "labels" or "office" does not read as a caption. The
functions below run on the task runner's pool and never touch a widget.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject

from app.barcodes.sheet_words import SheetWords, english
from app.printing import PrintError, PrinterSpec, PrintQueue
from app.printing.label_scan import LabelRequest
from app.store.print_jobs import PrintJob
from ui.printing.words import error_text

DEMO_SHEET_TITLE = "demo barcode sheet"


class LabelWords(QObject):
    """The sentences of the labels screen."""

    def printer(self, name: str) -> str:
        """A printer as the screen names it: ``printer labels``."""
        return self.tr("printer {name}").format(name=name)

    def label(self, template: str) -> str:
        """A label template as people say it (``bin``, ``shipping``)."""
        names = {
            "bin": self.tr("bin"),
            "tote": self.tr("tote"),
            "product": self.tr("product"),
            "shipping": self.tr("shipping"),
            "packing-slip": self.tr("packing slip"),
            "test-print": self.tr("test"),
        }
        return names.get(template, template)

    def printing(self, request: LabelRequest, printer: str) -> str:
        """A label on its way (``printer`` empty when none is set up: the queue says)."""
        if not printer:
            return self.tr("Printing the {label} label for {key}…").format(
                label=self.label(request.template), key=request.key
            )
        return self.tr("Printing the {label} label for {key} on {printer}…").format(
            label=self.label(request.template), key=request.key, printer=self.printer(printer)
        )

    def asking(self, request: LabelRequest, printer: str) -> str:
        """A label that waits for the person to confirm it."""
        return self.tr(
            "Order {key}: its {label} label would print on {printer}. To print it, scan the "
            "order again or tap Print shipping label."
        ).format(key=request.key, label=self.label(request.template), printer=self.printer(printer))

    def dropped(self, request: LabelRequest) -> str:
        """A waiting label the person moved on from (ends with a space: more follows)."""
        return (
            self.tr("Not printed: the {label} label for {key}.").format(
                label=self.label(request.template), key=request.key
            )
            + " "
        )

    def no_page_printer(self, printers: Sequence[PrinterSpec]) -> str:
        """Why there is nowhere to print a page."""
        if not printers:
            return self.tr("no printer is set up")
        names = ", ".join(self.printer(spec.name) for spec in printers)
        return self.tr("no printer here takes A4 pages ({printers}: labels only)").format(
            printers=names
        )

    def print_error(self, error: PrintError) -> str:
        """A print failure, in the reader's language."""
        return error_text(error)


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")  # type: ignore[attr-defined]
    return out.getvalue()


def job_png(queue: PrintQueue, job_id: int) -> bytes:
    """The first page of job ``job_id`` as PNG bytes (pool thread)."""
    return _png(queue.preview(job_id)[0])


def label_png(queue: PrintQueue, request: LabelRequest, spec: PrinterSpec) -> bytes:
    """The first page of the label ``request`` as ``spec`` would print it, as PNG bytes,
    without queueing anything (pool thread)."""
    images = queue.preview_label(
        request.template, request.key, dpi=spec.dpi, paper=spec.paper_variant
    )
    return _png(images[0])


def demo_sheet_pdf(words: SheetWords = english) -> bytes:
    """The demo barcode sheet (``app.barcodes.sheet``), A4, in ``words``
    (``ui.printing.label_language.sheet_words``), as PDF bytes (pool thread)."""
    from app.barcodes.sheet import write_sheet

    with tempfile.TemporaryDirectory(prefix="scanpack-sheet-") as folder:
        path = Path(folder) / "sheet.pdf"
        write_sheet(path, words)
        return path.read_bytes()


def save_file(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` (making its folder); returns ``target`` (pool thread)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


class ActionJobs:
    """Which print jobs the screen's message speaks of: those of the last scan or tap.

    Every scan or tap :meth:`begin` s an action; the jobs it queues are :meth:`watched`
    once their ids come back from the database lane. A job can print (or fail) before
    its id is back: such changes are kept while ids are on their way and said when they
    arrive. Jobs of older actions are never said (the list shows them), so a label
    printing from an earlier scan never covers the answer to the latest one.
    """

    def __init__(self) -> None:
        self.action = 0
        self._watched: set[int] = set()
        self._early: dict[int, PrintJob] = {}
        self._in_flight = 0

    def begin(self) -> int:
        """A new scan or tap; returns its number."""
        self.action += 1
        self._watched = set()
        self._early = {}
        return self.action

    def sent(self) -> None:
        """Work that queues jobs went to the database lane."""
        self._in_flight += 1

    def arrived(self, action: int, ids: Sequence[int]) -> list[PrintJob] | None:
        """The ids of the jobs ``action`` queued came back. Returns the changes to say
        now (jobs that changed before), or ``None`` when ``action`` is not the last."""
        self._in_flight -= 1
        early = self._early
        if not self._in_flight:
            self._early = {}
        if action != self.action:
            return None
        self._watched = set(ids)
        return [early[job_id] for job_id in ids if job_id in early]

    def failed(self, action: int) -> bool:
        """The work of ``action`` failed; whether it is the last action."""
        self._in_flight -= 1
        return action == self.action

    def changed(self, job: PrintJob) -> bool:
        """``job`` changed; whether to say so."""
        if job.id in self._watched:
            return True
        if self._in_flight:
            self._early[job.id] = job  # maybe a job whose id is on its way back
        return False
