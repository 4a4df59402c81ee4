"""What can go wrong when printing, as typed codes, and the one catalogue of sentences.

A back-end raises ``PrintError(code, **args)``; the queue stores the code and its
arguments with the job (and the English sentence, for the log). ``ui/`` words them:
``TEMPLATES`` is plain data keyed by ``PrintErrorCode``, marked for ``pyside6-lupdate``
under the context ``PrintErrors``, so a screen says a stored failure in the reader's
language, not the writer's.

The sentences are for the person at the packing station: what happened, in the
printer's name, and the first thing to check.
"""

from __future__ import annotations

import enum
from typing import Any

from app.catalogue import QT_TRANSLATE_NOOP


class PrintErrorCode(enum.StrEnum):
    """Why a label did not print (or a template could not be rendered)."""

    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    UNKNOWN_HOST = "unknown_host"
    SEND_FAILED = "send_failed"
    NO_SUCH_QUEUE = "no_such_queue"
    QUEUE_NOT_ACCEPTING = "queue_not_accepting"
    SPOOLER_UNREACHABLE = "spooler_unreachable"
    SPOOLER_MISSING = "spooler_missing"
    SPOOLER_ERROR = "spooler_error"
    FILE_ERROR = "file_error"
    WRONG_FORMAT = "wrong_format"
    NO_PRINTER = "no_printer"
    NOT_A_PAGE_PRINTER = "not_a_page_printer"
    INTERRUPTED = "interrupted"
    UNKNOWN_TEMPLATE = "unknown_template"
    BAD_TEMPLATE = "bad_template"
    MISSING_DATA = "missing_data"
    UNKNOWN_ORDER = "unknown_order"
    UNKNOWN_CODE = "unknown_code"
    DOES_NOT_FIT = "does_not_fit"
    CANCELLED = "cancelled"  # a person took the job out of the queue


CONTEXT = "PrintErrors"
"""The translation context of ``TEMPLATES`` (where ``ui/`` looks them up)."""


TEMPLATES: dict[PrintErrorCode, str] = {
    PrintErrorCode.REFUSED: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} ({address}) refused the connection. Check that it is switched "
        "on and online (not paused, no error light); the label is kept and printed when it "
        "answers.",
    ),
    PrintErrorCode.UNREACHABLE: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} ({address}) cannot be reached on the network. Check its cable or "
        "Wi-Fi and its address in Settings; the label is kept and printed when it answers.",
    ),
    PrintErrorCode.TIMEOUT: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} ({address}) did not answer within {seconds} s. Check that it is "
        "switched on and connected; the label is kept and printed when it answers.",
    ),
    PrintErrorCode.UNKNOWN_HOST: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer}: the address {address} is not known on this network. "
        "Check the printer's address in Settings.",
    ),
    PrintErrorCode.SEND_FAILED: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} ({address}) stopped taking the label part-way ({detail}). "
        "Check for an open head, no labels or a paper jam, then retry.",
    ),
    PrintErrorCode.NO_SUCH_QUEUE: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer}: the print queue {queue} does not exist on {server}. "
        "Check the queue name in Settings.",
    ),
    PrintErrorCode.QUEUE_NOT_ACCEPTING: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer}: the print queue {queue} is not accepting jobs. Ask an admin to "
        "enable it; the label is kept and printed when it accepts jobs again.",
    ),
    PrintErrorCode.SPOOLER_UNREACHABLE: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer}: the print service {server} is not answering. Check that CUPS "
        "is running; the label is kept and printed when it answers.",
    ),
    PrintErrorCode.SPOOLER_MISSING: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer}: this computer has no print service command ({command}). "
        "Install the CUPS client tools.",
    ),
    PrintErrorCode.SPOOLER_ERROR: QT_TRANSLATE_NOOP(
        "PrintErrors", "Printer {printer}: the print service said: {detail}"
    ),
    PrintErrorCode.FILE_ERROR: QT_TRANSLATE_NOOP(
        "PrintErrors", "Printer {printer}: cannot write the label to {path} ({detail})."
    ),
    PrintErrorCode.WRONG_FORMAT: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} takes {accepts} labels, not {format}. Check the printer's type in "
        "Settings.",
    ),
    PrintErrorCode.NO_PRINTER: QT_TRANSLATE_NOOP(
        "PrintErrors", "No printer is set up for {label} labels. Choose one in Settings > Printers."
    ),
    PrintErrorCode.NOT_A_PAGE_PRINTER: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Printer {printer} prints on labels, not on sheets of paper: {document} is a page "
        "({width:g} x {height:g} mm) and was not sent. Send it to a printer with A4 or "
        "Letter paper (Settings > Printers).",
    ),
    PrintErrorCode.INTERRUPTED: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "The station stopped while this label was being sent to {printer}. It may or may not "
        "have printed: check the printer, then retry or reprint.",
    ),
    PrintErrorCode.UNKNOWN_TEMPLATE: QT_TRANSLATE_NOOP(
        "PrintErrors", "There is no label template named {name}."
    ),
    PrintErrorCode.BAD_TEMPLATE: QT_TRANSLATE_NOOP(
        "PrintErrors", "Label template {name} is broken: {detail}"
    ),
    PrintErrorCode.MISSING_DATA: QT_TRANSLATE_NOOP("PrintErrors", "Label {name} needs {what}."),
    PrintErrorCode.UNKNOWN_ORDER: QT_TRANSLATE_NOOP(
        "PrintErrors", "Order {code} is not on this station."
    ),
    PrintErrorCode.UNKNOWN_CODE: QT_TRANSLATE_NOOP(
        "PrintErrors", "{kind} {code} is not known at this station."
    ),
    PrintErrorCode.CANCELLED: QT_TRANSLATE_NOOP("PrintErrors", "Cancelled at the station."),
    PrintErrorCode.DOES_NOT_FIT: QT_TRANSLATE_NOOP(
        "PrintErrors",
        "Label {name}: {what} does not fit its place on the label at {dpi} dpi. "
        "Adjust the template.",
    ),
}


def message(code: PrintErrorCode, /, **args: Any) -> str:
    """The operator's sentence for ``code`` with ``args`` filled in (English)."""
    return TEMPLATES[code].format(**args)


class PrintError(Exception):
    """A label could not be rendered or printed.

    Attributes:
        code: the typed reason.
        args_map: the values the sentence is made from (printer, address...).
        retryable: whether trying again later may help (the printer may come back);
            a wrong address or a broken template will not fix itself.
    """

    RETRYABLE = frozenset(
        {
            PrintErrorCode.REFUSED,
            PrintErrorCode.UNREACHABLE,
            PrintErrorCode.TIMEOUT,
            PrintErrorCode.SEND_FAILED,
            PrintErrorCode.QUEUE_NOT_ACCEPTING,
            PrintErrorCode.SPOOLER_UNREACHABLE,
            PrintErrorCode.SPOOLER_ERROR,
            PrintErrorCode.FILE_ERROR,
        }
    )

    def __init__(self, code: PrintErrorCode, /, **args: Any) -> None:
        self.code = code
        self.args_map = args
        super().__init__(message(code, **args))

    @property
    def message(self) -> str:
        return str(self)

    @property
    def retryable(self) -> bool:
        return self.code in self.RETRYABLE
