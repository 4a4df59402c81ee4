"""One way to render a label: template + data -> ZPL, PNG or PDF bytes.

``render`` is what the print queue, ``scanpack label`` and the labels screen's preview
all call, so a file written by the command is byte for byte what a printer is sent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.printing.data import LabelData
from app.printing.layout import lay_out
from app.printing.pdf import PDF_DPI, pdf_document
from app.printing.template import Template
from app.printing.wording import ENGLISH, LabelLanguage
from app.printing.zpl import zpl_pages

if TYPE_CHECKING:
    from PIL import Image

DEFAULT_DPI = 203  # the common thermal label printer (8 dots/mm)


class LabelFormat(enum.StrEnum):
    """What a printer (or a file) takes."""

    ZPL = "zpl"
    PNG = "png"
    PDF = "pdf"

    @property
    def extension(self) -> str:
        return f".{self.value}"

    @property
    def media_type(self) -> str:
        """The MIME type (``lp`` and the Qt back-end use it to pick a filter)."""
        return {
            LabelFormat.ZPL: "application/vnd.zebra-zpl",
            LabelFormat.PNG: "image/png",
            LabelFormat.PDF: "application/pdf",
        }[self]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered label.

    Attributes:
        format: ZPL, PNG or PDF.
        documents: the bytes: one document for ZPL (one format per page) and PDF (one
            page per page), one PNG per page.
        dpi: the resolution it was made for.
        pages: how many pages.
    """

    format: LabelFormat
    documents: tuple[bytes, ...]
    dpi: int
    pages: int

    @property
    def content(self) -> bytes:
        """The one document (a multi-page PNG has none: use ``documents``)."""
        if len(self.documents) != 1:
            raise ValueError(f"this {self.format} label has {len(self.documents)} documents")
        return self.documents[0]


def default_dpi(fmt: LabelFormat) -> int:
    return PDF_DPI if fmt is LabelFormat.PDF else DEFAULT_DPI


def render(
    template: Template,
    data: LabelData,
    fmt: LabelFormat,
    *,
    dpi: int | None = None,
    paper: str | None = None,
    language: LabelLanguage = ENGLISH,
) -> Rendered:
    """Render ``template`` with ``data`` as ``fmt`` at ``dpi`` (203; PDF 300 by default),
    its words in ``language``.

    Raises:
        PrintError: data for another subject, a barcode that cannot carry its data or
            does not fit, an unknown paper size.
    """
    dpi = dpi or default_dpi(fmt)
    pages = lay_out(template, data, dpi, paper, language)
    if fmt is LabelFormat.ZPL:
        return Rendered(fmt, (zpl_pages(pages, template.name),), dpi, len(pages))
    # Pillow and numpy load with the first raster label, not with the kiosk (cold start).
    from app.printing.raster import png_bytes, raster_pages

    images = raster_pages(pages, template.name)
    if fmt is LabelFormat.PNG:
        return Rendered(fmt, tuple(png_bytes(image, dpi) for image in images), dpi, len(images))
    title = f"{template.name} {data.key}".strip()
    return Rendered(fmt, (pdf_document(images, dpi, title),), dpi, len(images))


def preview(
    template: Template,
    data: LabelData,
    *,
    dpi: int = DEFAULT_DPI,
    paper: str | None = None,
    language: LabelLanguage = ENGLISH,
) -> list[Image.Image]:
    """The label as images (one per page), exactly as the raster renderer prints it."""
    from app.printing.raster import raster_pages

    return raster_pages(lay_out(template, data, dpi, paper, language), template.name)
