"""Prints one label file through ``QtPrinter`` in a process of its own.

    python -m tests.ui.printing.qt_print_job QUEUE DPI FORMAT FILE TITLE

Run by ``test_qt_printer`` with ``CUPS_SERVER`` set to the test's private cupsd: libcups
reads that variable once per thread, and Qt's CUPS plug-in lists the printers once per
process, so the test's own process (and its Qt) never sees that server. The send runs
on a plain thread, as in the kiosk's print worker. Exit status 0 and the spooler's
reference on stdout, or 1 and the error sentence on stderr.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from app.printing import LabelFormat, PrinterKind, PrintError, PrinterSpec
from ui.printing.qt_printer import QtPrinter


def main(argv: list[str]) -> int:
    queue, dpi, fmt, file, title = argv
    app = QGuiApplication([sys.argv[0]])  # QtPrintSupport needs an application object
    spec = PrinterSpec(queue, PrinterKind.SYSTEM, queue, format=LabelFormat(fmt), dpi=int(dpi))
    outcome: list[str | PrintError] = []

    def send() -> None:
        try:
            outcome.append(QtPrinter(spec).send(Path(file).read_bytes(), spec.format, title))
        except PrintError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=send, name="print")
    worker.start()
    worker.join()
    del app
    if isinstance(outcome[0], PrintError):
        print(outcome[0], file=sys.stderr)
        return 1
    print(outcome[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
