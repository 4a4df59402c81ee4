"""The raster renderer: one pixel per printer dot, every module a whole number of dots,
and every barcode on every template reads back exactly (203 and 300 dpi)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from app.barcodes.decode import Decoder
from app.barcodes.render import linear_modules, matrix_modules
from app.printing.data import LabelData
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.layout import Symbol, Text, lay_out
from app.printing.library import TemplateLibrary, parse_template
from app.printing.raster import draw_page, png_bytes, wrap
from app.printing.render import LabelFormat, render
from app.printing.settings import PrintSettings
from app.printing.sources import DemoSource, label_data
from app.printing.symbols import LINEAR, QUIET, SYMBOLOGY, place
from tests.app.printing.conftest import TODAY

KEYS = {
    "shipping": "SO-100001",
    "packing-slip": "SO-100010",
    "tote": "T-0007",
    "bin": "C-04-02-3",
    "product": "SKU-10004",  # index 3: EAN-13 and UPC-A
    "test-print": "zebra-1",
}


def _data(library: TemplateLibrary, demo: DemoSource, name: str) -> LabelData:
    return label_data(
        library.get(name), demo, key=KEYS[name], settings=PrintSettings(), today=TODAY
    )


def expected_codes(page_symbols: list[Symbol]) -> list[tuple[str, str]]:
    """(symbology, text) as the decoder reports them, for the laid-out symbols."""
    names = {"ean13": "ean13", "upca": "upca", "ean8": "ean8"}
    out = []
    for symbol in page_symbols:
        kind = names.get(symbol.symbology, str(SYMBOLOGY[symbol.symbology]))
        out.append((kind, symbol.data))
    return sorted(out)


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_template_decodes_exactly(
    library: TemplateLibrary, demo: DemoSource, name: str, dpi: int
) -> None:
    template = library.get(name)
    data = _data(library, demo, name)
    pages = lay_out(template, data, dpi)
    for page in pages:
        image = draw_page(page, name)
        assert image.mode == "1"
        assert image.size == (page.width, page.height)
        symbols = [e for e in page.elements if isinstance(e, Symbol)]
        read = sorted((str(d.symbology), d.text) for d in Decoder().decode(image))
        assert read == expected_codes(symbols)


def test_the_shipping_label_is_4_by_6_inches_at_the_printer_s_resolution(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    template = library.get("shipping")
    assert draw_page(lay_out(template, shipping_data, 203)[0]).size == (812, 1218)
    assert draw_page(lay_out(template, shipping_data, 300)[0]).size == (1200, 1800)


def test_the_sscc_barcode_is_gs1_128_with_fnc1(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    image = draw_page(lay_out(library.get("shipping"), shipping_data, 203)[0])
    sscc = shipping_data.fields["package.sscc"]
    gs1 = [d for d in Decoder().decode(image) if str(d.symbology) == "gs1-128"]
    assert [d.text for d in gs1] == ["00" + sscc]
    assert gs1[0].accepted_by in ("agreement", "gs1-check")


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", ["shipping", "product", "packing-slip", "bin"])
def test_every_module_is_a_whole_number_of_dots(
    library: TemplateLibrary, demo: DemoSource, name: str, dpi: int
) -> None:
    template = library.get(name)
    page = lay_out(template, _data(library, demo, name), dpi)[0]
    pixels = np.asarray(draw_page(page).convert("L")) < 128  # True = black
    checked = 0
    for symbol in (e for e in page.elements if isinstance(e, Symbol)):
        m = symbol.module
        if symbol.symbology in LINEAR:
            bars = linear_modules(SYMBOLOGY[symbol.symbology], symbol.data)
            spot = place(symbol, len(bars), None, name, dpi)
            expected = np.repeat(np.array([b == "1" for b in bars]), m)
            for row in (spot.y, spot.y + spot.height // 2, spot.y + spot.height - 1):
                assert np.array_equal(pixels[row, spot.x : spot.x + spot.width], expected)
            # the quiet zones are white
            quiet = QUIET[symbol.symbology] * m
            assert not pixels[spot.y, spot.x - quiet : spot.x].any()
            assert not pixels[spot.y, spot.x + spot.width : spot.x + spot.width + quiet].any()
        else:
            dark = matrix_modules(SYMBOLOGY[symbol.symbology], symbol.data)
            spot = place(symbol, dark.shape[1], dark.shape[0], name, dpi)
            expected = np.repeat(np.repeat(dark, m, axis=0), m, axis=1)
            drawn = pixels[spot.y : spot.y + spot.height, spot.x : spot.x + spot.width]
            assert np.array_equal(drawn, expected)
        checked += 1
    assert checked >= 1


def test_module_sizes_are_rounded_to_dots(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    modules = {
        dpi: {
            e.symbology: e.module
            for e in lay_out(library.get("shipping"), shipping_data, dpi)[0].elements
            if isinstance(e, Symbol)
        }
        for dpi in (203, 300)
    }
    # 0.5 mm SSCC X dimension: 4 dots at 8 dots/mm (0.500 mm), 6 at 11.8 (0.508 mm).
    assert modules[203]["gs1-128"] == 4
    assert modules[300]["gs1-128"] == 6
    assert modules[203]["code128"] == 3
    assert modules[300]["code128"] == 4


def test_a_barcode_too_wide_for_its_box_is_refused(library: TemplateLibrary) -> None:
    template = parse_template(
        """
name = "narrow"
subject = "tote"
size = [30, 20]
[[item]]
type = "barcode"
box = [0, 0, 30, 10]
symbology = "code128"
data = "{code}"
module = 0.5
"""
    )
    data = LabelData("tote", "T-0001", {"code": "T-000000001"})
    with pytest.raises(PrintError) as caught:
        render(template, data, LabelFormat.PNG)
    assert caught.value.code is PrintErrorCode.DOES_NOT_FIT
    assert "203 dpi" in str(caught.value)
    assert "T-000000001" in str(caught.value)


def test_bad_product_codes_are_refused(library: TemplateLibrary) -> None:
    data = LabelData("product", "X", {"product.gtin": "4012345000000", "product.sku": "X"})
    with pytest.raises(PrintError, match="valid 13-digit EAN13"):
        render(library.get("product"), data, LabelFormat.PNG)


def test_long_text_wraps_and_is_cut_with_an_ellipsis() -> None:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("1", (10, 10)))
    text = Text(
        0, 0, 300, 60, "Wireless Torch with a very long name that never fits", "bold", 30, "left", 2
    )
    lines = wrap(draw, text)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(draw.textlength(line, font=_font(30)) <= 300 for line in lines)
    one_word = Text(0, 0, 100, 30, "Supercalifragilistic", "regular", 30, "left", 1)
    assert wrap(draw, one_word)[0].endswith("…")


def _font(size: int):  # type: ignore[no-untyped-def]
    from app.barcodes.sheet import font

    return font("bold", size)


def test_png_keeps_the_resolution(library: TemplateLibrary, shipping_data: LabelData) -> None:
    rendered = render(library.get("shipping"), shipping_data, LabelFormat.PNG, dpi=300)
    with Image.open(io.BytesIO(rendered.content)) as image:
        assert image.size == (1200, 1800)
        assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
    assert png_bytes(draw_page(lay_out(library.get("tote"), _tote(), 203)[0]), 203).startswith(
        b"\x89PNG"
    )


def _tote() -> LabelData:
    return LabelData("tote", "T-1", {"code": "T-1"})


def test_items_with_an_empty_when_field_are_left_out(library: TemplateLibrary) -> None:
    no_gtin = LabelData(
        "product", "SKU-1", {"product.sku": "SKU-1", "product.name": "Thing", "product.gtin": ""}
    )
    page = lay_out(library.get("product"), no_gtin, 203)[0]
    assert [e.symbology for e in page.elements if isinstance(e, Symbol)] == ["code128"]
