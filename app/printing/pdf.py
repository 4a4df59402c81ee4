"""PDF labels: the raster pages at 300 dpi, one PDF page each, at the paper's true size.

A PDF goes to office printers (CUPS, the Windows spooler) and to carriers' portals. The
pages are the raster renderer's 1-bit images, embedded losslessly (CCITT G4) with
every module a whole number of 300 dpi dots; a 600 or 1200 dpi laser prints each dot
as an exact 2x2 or 4x4 block, so the bars keep their widths. (A vector PDF would scale
cleanly to any printer, but its text would need a font embedded by hand; the module
rule is what makes a label scan, and the raster keeps it.) The file is the same bytes
on every run: no timestamps.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow loads with the first raster label, not with the kiosk
    from PIL import Image

PDF_DPI = 300
MM_PER_POINT = 25.4 / 72


def pdf_page_sizes_mm(payload: bytes) -> list[tuple[float, float]]:
    """The size of each page of the PDF ``payload`` as (width, height) in mm.

    Raises:
        ValueError: ``payload`` is not a PDF that can be read.
    """
    import pypdfium2  # type: ignore[import-untyped]

    try:
        document = pypdfium2.PdfDocument(payload)
    except pypdfium2.PdfiumError as error:
        raise ValueError(f"not a readable PDF: {error}") from error
    try:
        sizes = []
        for index in range(len(document)):
            width, height = document[index].get_size()
            sizes.append((width * MM_PER_POINT, height * MM_PER_POINT))
        return sizes
    finally:
        document.close()


def pdf_document(images: Sequence[Image.Image], dpi: int, title: str = "label") -> bytes:
    """The pages ``images`` (drawn at ``dpi``) as one PDF whose pages are their true size."""
    if not images:
        raise ValueError("a PDF needs at least one page")
    buffer = io.BytesIO()
    first, *rest = images
    first.save(
        buffer,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=float(dpi),
        title=title,
        creator="scanpack",
        producer="scanpack",
        creationDate=None,
        modDate=None,
    )
    return buffer.getvalue()
