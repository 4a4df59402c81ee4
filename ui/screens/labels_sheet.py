"""The Demo barcode sheet button of the labels screen.

The sheet (``app.barcodes.sheet``: every code a person needs to walk the demo) is an A4
PDF, in the language the kiosk speaks when the button is tapped (the person printing
it walks the demo with it). It is drawn on the task runner's pool (a few seconds),
then queued for a printer that takes pages (``PrintSettings.page_printer``), never for
a label printer; when the station has none, it is saved as a file and the screen says
why and where.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.printing import LabelFormat, PrintError
from ui.printing.label_language import sheet_words
from ui.screens.labels_work import DEMO_SHEET_TITLE, demo_sheet_pdf, save_file

if TYPE_CHECKING:
    from ui.screens.labels import LabelsScreen

    _Base = LabelsScreen
else:
    _Base = object

DEMO_SHEET = "demo-barcodes.pdf"


class DemoSheetActions(_Base):
    """What the Demo barcode sheet button does (a part of ``LabelsScreen``).

    Its words are in the screen's context, written out: a mixin's ``self.tr`` asks for
    the final class's context (``LabelsScreen``), not the one ``pyside6-lupdate``
    files them under (this class's name), so they would never be translated."""

    def _on_sheet_tapped(self) -> None:
        before = self._begin()
        self.sheet_button.setEnabled(False)
        self.result.show_message(
            "info",
            before + QCoreApplication.translate("LabelsScreen", "Making the demo barcode sheet…"),
        )
        action = self.actions.action
        words = sheet_words()  # the language of the person printing it, taken now
        self._tasks.run(
            lambda: demo_sheet_pdf(words),
            on_done=lambda pdf: self._on_sheet_made(action, pdf),
            on_error=lambda error: self._on_sheet_failed(action, error),
            name="demo sheet",
        )

    def _on_sheet_failed(self, action: int, error: BaseException) -> None:
        self.sheet_button.setEnabled(True)
        if isinstance(error, OSError):
            if action == self.actions.action:
                self.result.show_message(
                    "error",
                    QCoreApplication.translate(
                        "LabelsScreen", "The demo barcode sheet could not be saved: {reason}"
                    ).format(reason=error.strerror or error),
                )
        elif action == self.actions.action or not isinstance(error, PrintError):
            self._on_task_failed(error)

    def _on_sheet_made(self, action: int, pdf: bytes) -> None:
        self.sheet_button.setEnabled(True)
        spec = self._queue.settings.page_printer()
        if spec is not None and spec.format is LabelFormat.PDF:
            queue, name = self._queue, spec.name
            if action == self.actions.action:
                self.result.show_message(
                    "info",
                    QCoreApplication.translate(
                        "LabelsScreen", "Sending the demo barcode sheet (A4 pages) to {printer}…"
                    ).format(printer=self.words.printer(name)),
                )
            self._queue_work(
                lambda: [
                    queue.submit_document(
                        pdf, LabelFormat.PDF, title=DEMO_SHEET_TITLE, reference="demo",
                        printer=name,
                    )
                ],
                action,
            )  # fmt: skip
            return
        if spec is not None:
            why = QCoreApplication.translate(
                "LabelsScreen", "{printer} takes pages but not PDF"
            ).format(printer=self.words.printer(spec.name))
        else:
            why = self.words.no_page_printer(self._queue.settings.printers)
        target = self._save_folder / DEMO_SHEET
        self._tasks.run(
            lambda: save_file(target, pdf),
            on_done=lambda path: self._on_sheet_saved(action, why, path),
            on_error=lambda error: self._on_sheet_failed(action, error),
            name="save demo sheet",
        )

    def _on_sheet_saved(self, action: int, why: str, path: Path) -> None:
        if action != self.actions.action:
            return
        self.result.show_message(
            "warning",
            QCoreApplication.translate(
                "LabelsScreen",
                "Demo barcode sheet not printed: {why}. Saved as {path}; print it on A4 at 100 %.",
            ).format(why=why, path=path),
        )
