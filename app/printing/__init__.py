"""Labels: templates as data -> ZPL / raster / PDF; the print queue; TCP, CUPS and file
back-ends. No Qt here: the QtPrintSupport back-end for system printers lives in ``ui/``
and implements ``Printer``.

The parts, top down:

* ``PrintQueue`` (``queue``) / ``PrintWorker`` (``worker``): submit a label, persist it,
  send it, retry, reprint, preview; the labels screen and the pack flow use this.
* ``PrintSettings`` / ``PrinterSpec`` (``settings``): printers and label routes.
* ``Printer``, ``RawTcpPrinter``, ``CupsPrinter``, ``FilePrinter``, ``make_printer``
  (``backends``).
* ``render`` / ``preview`` / ``LabelFormat`` (``render``): template + data -> bytes.
* ``TemplateLibrary`` (``template``): the templates in ``resources/labels``.
* ``label_data``, ``StoreSource``, ``DemoSource`` (``sources``) and the field
  builders of ``data``: what a label says.
* ``PrintError`` / ``PrintErrorCode`` (``errors``): typed reasons, one sentence catalogue.
"""

from app.printing.backends import (
    CupsPrinter,
    FilePrinter,
    Printer,
    RawTcpPrinter,
    make_printer,
)
from app.printing.data import LabelData, Shipper, make_sscc
from app.printing.errors import TEMPLATES, PrintError, PrintErrorCode, message
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.render import LabelFormat, Rendered, preview, render
from app.printing.sending import Backoff
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.printing.sources import DemoSource, LabelSource, StoreSource, label_data
from app.printing.template import Template
from app.printing.worker import PrintWorker

__all__ = [
    "TEMPLATES",
    "Backoff",
    "CupsPrinter",
    "DemoSource",
    "FilePrinter",
    "LabelData",
    "LabelFormat",
    "LabelSource",
    "PrintError",
    "PrintErrorCode",
    "PrintQueue",
    "PrintSettings",
    "PrintWorker",
    "Printer",
    "PrinterKind",
    "PrinterSpec",
    "RawTcpPrinter",
    "Rendered",
    "Shipper",
    "StoreSource",
    "Template",
    "TemplateLibrary",
    "label_data",
    "make_printer",
    "make_sscc",
    "message",
    "preview",
    "render",
]
