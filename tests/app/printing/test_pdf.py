"""PDF: the raster pages at 300 dpi, at the paper's true size, read back exactly."""

from __future__ import annotations

import numpy as np
import pypdfium2  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
import pytest

from app.barcodes.decode import Decoder
from app.printing.data import LabelData
from app.printing.layout import lay_out
from app.printing.library import TemplateLibrary
from app.printing.raster import draw_page
from app.printing.render import LabelFormat, render
from app.printing.settings import PrintSettings
from app.printing.sources import DemoSource, label_data
from tests.app.printing.conftest import TODAY

POINTS_PER_MM = 72 / 25.4


def _pages(pdf: bytes) -> list[tuple[tuple[float, float], np.ndarray]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for index in range(len(document)):
            page = document[index]
            size = page.get_size()
            image = page.render(scale=300 / 72, grayscale=True).to_pil()
            out.append((size, np.asarray(image) < 128))
            page.close()
        return out
    finally:
        document.close()


def test_the_shipping_label_pdf_is_4_by_6_inches_with_the_exact_raster(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    template = library.get("shipping")
    rendered = render(template, shipping_data, LabelFormat.PDF)
    assert rendered.dpi == 300
    document = pypdfium2.PdfDocument(rendered.content)
    try:
        page = document[0]
        assert page.get_size() == pytest.approx((4 * 72, 6 * 72), abs=0.01)
        (image,) = [o for o in page.get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        info = image.get_metadata()
        # One lossless 1-bit image, 300 dpi over the whole page...
        assert (info.width, info.height, info.bits_per_pixel) == (1200, 1800, 1)
        assert (info.horizontal_dpi, info.vertical_dpi) == (300, 300)
        assert image.get_filters() == ["CCITTFaxDecode"]
        embedded = np.asarray(image.get_bitmap(render=False).to_pil().convert("L")) < 128
        page.close()
    finally:
        document.close()
    # ... and it is the raster renderer's page, dot for dot.
    raster = np.asarray(draw_page(lay_out(template, shipping_data, 300)[0]).convert("L")) < 128
    assert np.array_equal(embedded, raster)
    # Rendered by pdfium at 300 dpi it reads back like the label.
    ((_, pixels),) = _pages(rendered.content)
    codes = sorted(d.text for d in Decoder().decode(np.where(pixels, 0, 255).astype(np.uint8)))
    assert "00" + shipping_data.fields["package.sscc"] in codes
    assert "SO-100001" in codes


@pytest.mark.parametrize("paper", [None, "letter"])
def test_the_packing_slip_pdf_has_the_paper_s_size_and_every_page(
    library: TemplateLibrary, demo: DemoSource, paper: str | None
) -> None:
    template = library.get("packing-slip")
    data = label_data(template, demo, key="SO-100010", settings=PrintSettings(), today=TODAY)
    many = LabelData(data.subject, data.key, data.fields, {"lines": list(data.rows["lines"]) * 20})
    rendered = render(template, many, LabelFormat.PDF, paper=paper)
    pages = _pages(rendered.content)
    assert len(pages) == rendered.pages >= 2
    width, height = (215.9, 279.4) if paper == "letter" else (210, 297)
    for size, pixels in pages:
        assert size == pytest.approx((width * POINTS_PER_MM, height * POINTS_PER_MM), abs=0.5)
        gray = np.where(pixels, 0, 255).astype(np.uint8)
        (read,) = Decoder().decode(gray)
        assert read.text == "SO-100010"


def test_the_same_label_gives_the_same_bytes(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    first = render(library.get("shipping"), shipping_data, LabelFormat.PDF).content
    second = render(library.get("shipping"), shipping_data, LabelFormat.PDF).content
    assert first == second
    assert first.startswith(b"%PDF-")
