"""A print job as pictures, for the screen (``PrintQueue.preview``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat
from app.store.print_jobs import PrintJob

if TYPE_CHECKING:  # Pillow loads with the first picture, not with the kiosk
    from PIL import Image

DrawLabel = Callable[..., "list[Image.Image]"]
"""``PrintQueue.preview_label``: a template and key drawn again."""


def job_images(job: PrintJob, payload: bytes, draw_label: DrawLabel) -> list[Image.Image]:
    """The pictures of ``job``: PNG and PDF jobs from their bytes, ZPL jobs drawn
    again from their template by ``draw_label`` (the printer draws ZPL itself).

    Raises:
        PrintError: a ZPL document from elsewhere (nothing here can draw ZPL).
    """
    from PIL import Image

    if job.format == LabelFormat.PNG:
        return [Image.open(io.BytesIO(payload)).copy()]
    if job.format == LabelFormat.PDF:
        import pypdfium2  # type: ignore[import-untyped]

        document = pypdfium2.PdfDocument(payload)
        try:
            return [document[i].render(scale=200 / 72).to_pil() for i in range(len(document))]
        finally:
            document.close()
    request = job.request
    if request.get("document") or "template" not in request:
        raise PrintError(
            PrintErrorCode.WRONG_FORMAT, printer=job.printer, accepts="PNG or PDF", format="ZPL"
        )
    return draw_label(
        str(request["template"]),
        str(request["key"]),
        package_no=int(request.get("package", 1)),
        dpi=int(request.get("dpi", 203)),
        paper=request.get("paper"),
    )
