"""ZPL: the printer's own barcode commands carry exactly the label's data.

The ZPL is read back by ``zpl_reader`` (written from the ZPL II manual, independent of
the renderer): ``^BC`` field data becomes Code 128 symbol values and bars, which are
drawn and decoded like any label, so a subset or FNC1 mistake shows as a wrong read.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.barcodes.decode import Decoder
from app.printing.data import LabelData
from app.printing.layout import Symbol, lay_out
from app.printing.library import TemplateLibrary
from app.printing.render import LabelFormat, render
from app.printing.settings import PrintSettings
from app.printing.sources import DemoSource, label_data
from app.printing.zpl import code128_field, field_data
from tests.app.printing import zpl_reader
from tests.app.printing.conftest import TODAY

GS = "\x1d"


def _zpl(library: TemplateLibrary, name: str, data: LabelData, dpi: int = 203) -> bytes:
    return render(library.get(name), data, LabelFormat.ZPL, dpi=dpi).content


def _decode_bc(field: zpl_reader.Field) -> tuple[str, str]:
    """(symbology as decoded, text) of a ^BC field, by drawing its bars."""
    _, values = zpl_reader.code128_values(field.data)
    image = zpl_reader.draw_linear(zpl_reader.code128_modules(values))
    (read,) = Decoder().decode(image)
    return str(read.symbology), read.text


def test_the_shipping_label_s_barcode_fields(
    library: TemplateLibrary, shipping_data: LabelData
) -> None:
    (label,) = zpl_reader.parse(_zpl(library, "shipping", shipping_data))
    assert label.settings["PW"] == "812"
    assert label.settings["LL"] == "1218"
    assert label.settings["CI"] == "28"
    assert sorted(f.barcode for f in label.fields if f.barcode) == ["BC", "BC", "BQ"]
    bc = [f for f in label.fields if f.barcode == "BC"]
    decoded = sorted(_decode_bc(f) for f in bc)
    sscc = shipping_data.fields["package.sscc"]
    assert decoded == [("code128", "SO-100001"), ("gs1-128", "00" + sscc)]
    gs1 = next(f for f in bc if f.data.startswith(">;>8"))
    assert gs1.data == ">;>800" + sscc  # start C, FNC1, then digit pairs
    assert gs1.commands["BC"].startswith("N,")
    assert gs1.commands["BC"].endswith(",N,N,N,N")
    (qr,) = [f for f in label.fields if f.barcode == "BQ"]
    assert qr.commands["BQ"].startswith("N,2,")
    fields = shipping_data.fields
    assert qr.data == "MA," + "|".join(
        fields[k]
        for k in (
            "order.number",
            "package.sscc",
            "order.carrier",
            "order.service",
            "ship_to.postcode",
            "ship_to.country",
        )
    )
    texts = [f.data for f in label.fields if "A0" in f.commands]
    assert "Maria Rossi" in texts
    assert "SO-100001" in texts
    assert "DHL" in texts


def test_no_barcode_is_an_image(library: TemplateLibrary, shipping_data: LabelData) -> None:
    zpl = _zpl(library, "shipping", shipping_data)
    assert b"^GF" not in zpl
    assert b"~DG" not in zpl
    assert b"^XG" not in zpl


@pytest.mark.parametrize("name", ["product", "tote", "bin", "packing-slip", "test-print"])
def test_every_template_s_barcodes_are_printer_commands(
    library: TemplateLibrary, demo: DemoSource, name: str
) -> None:
    keys = {
        "product": "SKU-10004",
        "tote": "T-0001",
        "bin": "A-01-02-3",
        "packing-slip": "SO-100010",
        "test-print": "zebra",
    }
    template = library.get(name)
    data = label_data(template, demo, key=keys[name], settings=PrintSettings(), today=TODAY)
    formats = zpl_reader.parse(_zpl(library, name, data))
    symbols = [
        e for page in lay_out(template, data, 203) for e in page.elements if isinstance(e, Symbol)
    ]
    found = []
    for label in formats:
        for field in label.fields:
            if field.barcode == "BC":
                found.append(_decode_bc(field)[1])
            elif field.barcode == "BE":
                assert len(field.data) == 12  # the printer appends the check digit
                found.append(next(s.data for s in symbols if s.data[:12] == field.data))
            elif field.barcode == "BU":
                assert len(field.data) == 11
                found.append(next(s.data for s in symbols if s.data[:11] == field.data))
    assert sorted(found) == sorted(s.data for s in symbols)


def test_a_multi_page_label_is_one_format_per_page(library: TemplateLibrary) -> None:
    data = LabelData(
        "order",
        "SO-1",
        {"order.number": "SO-1"},
        {"lines": [{"line.no": str(n), "line.sku": f"SKU-{n}"} for n in range(1, 61)]},
    )
    rendered = render(library.get("packing-slip"), data, LabelFormat.ZPL, dpi=203)
    formats = zpl_reader.parse(rendered.content)
    assert len(formats) == rendered.pages == 3
    pages = [[f.data for f in label.fields if f.data.startswith("Page")] for label in formats]
    assert pages == [["Page 1 of 3"], ["Page 2 of 3"], ["Page 3 of 3"]]


def test_characters_zpl_reserves_are_sent_as_hex() -> None:
    assert field_data("plain") == "^FDplain^FS"
    assert field_data("a^b~c_d\\e") == "^FH_^FDa_5Eb_7Ec_5Fd_5Ce^FS"
    assert zpl_reader._unhex("a_5Eb_7Ec_5Fd_5Ce") == "a^b~c_d\\e"
    assert field_data("Müller") == "^FDMüller^FS"  # ^CI28: UTF-8 as it is


def test_long_text_is_cut_before_the_printer_overprints_it(library: TemplateLibrary) -> None:
    from app.printing.data import order_label_data
    from tests.app.printing.conftest import PRODUCTS, make_order

    order = make_order()
    order.ship_to = order.ship_to.__class__("A" * 200, "Street", "City", "1", "DE")
    data = order_label_data(order, PRODUCTS, today=TODAY)
    (label,) = zpl_reader.parse(_zpl(library, "shipping", data))
    name = next(f for f in label.fields if f.data.startswith("AAAA"))
    assert name.data.endswith("...")
    assert len(name.data) < 60


@pytest.mark.parametrize(
    ("data", "gs1", "expected"),
    [
        ("SO-100001", False, ">:SO->5100001"),
        ("T-0001", False, ">:T->50001"),
        ("12345678", False, ">;12345678"),
        ("12", False, ">;12"),
        ("123", False, ">:123"),
        ("A>B", False, ">:A><B"),
        ("00040123450000000017", True, ">;>800040123450000000017"),
        ("0104012345000009" + "10LOT7" + GS + "211", True, ">;>8010401234500000910>6LOT7>8211"),
    ],
)
def test_code128_subsets(data: str, gs1: bool, expected: str) -> None:
    encoded, count = code128_field(data, gs1=gs1)
    assert encoded == expected
    text, values = zpl_reader.code128_values(encoded)
    assert text == data
    assert count == len(values) + 1  # + the check character


_ASCII = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30
)


@given(_ASCII)
def test_any_printable_ascii_round_trips_through_code128(data: str) -> None:
    encoded, count = code128_field(data, gs1=False)
    text, values = zpl_reader.code128_values(encoded)
    assert text == data
    assert count == len(values) + 1


@given(
    st.lists(
        st.one_of(
            st.from_regex(r"\A00[0-9]{18}\Z"),
            st.from_regex(r"\A01[0-9]{14}\Z"),
            st.from_regex(r"\A10[0-9A-Z]{1,20}\Z").map(lambda s: s + GS),
            st.from_regex(r"\A21[0-9a-z]{1,20}\Z").map(lambda s: s + GS),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_gs1_element_strings_keep_fnc1_in_first_position_and_as_separators(
    parts: list[str],
) -> None:
    data = "".join(parts).rstrip(GS)
    encoded, _ = code128_field(data, gs1=True)
    assert encoded[2:4] == ">8"  # FNC1 right after the start character
    text, values = zpl_reader.code128_values(encoded)
    assert text == data
    assert values[1] == zpl_reader.FNC1


def test_gs1_fields_decode_as_gs1_128() -> None:
    data = "0104012345000009" + "10LOT7" + GS + "17270131"
    encoded, _ = code128_field(data, gs1=True)
    _, values = zpl_reader.code128_values(encoded)
    (read,) = Decoder().decode(zpl_reader.draw_linear(zpl_reader.code128_modules(values)))
    assert (str(read.symbology), read.text) == ("gs1-128", data)


def test_non_ascii_cannot_go_into_code128() -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        code128_field("Ä-1", gs1=False)
