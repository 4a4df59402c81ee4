"""Templates are data: every built-in one loads, and a broken file is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.printing.data import ROW_FIELDS, SUBJECT_FIELDS
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.library import TemplateLibrary, builtin_dir, parse_template
from app.printing.template import BarcodeItem, Pattern, TableItem, all_fields

BUILTIN = {"shipping", "packing-slip", "tote", "bin", "product", "test-print"}

MINIMAL = """
name = "mini"
subject = "tote"
size = [50, 25]
[[item]]
type = "text"
box = [1, 1, 48, 5]
text = "Tote {code}"
"""


def test_every_builtin_template_loads(library: TemplateLibrary) -> None:
    assert set(library.names()) == BUILTIN
    for name in BUILTIN:
        template = library.get(name)
        assert template.name == name
        assert all_fields(template.items) <= SUBJECT_FIELDS[template.subject] | ROW_FIELDS["lines"]


def test_the_issue_s_label_contents(library: TemplateLibrary) -> None:
    shipping = library.get("shipping")
    assert shipping.size == (101.6, 152.4)  # 4 x 6 in
    codes = {(i.symbology, i.data.source) for i in shipping.items if isinstance(i, BarcodeItem)}
    assert ("code128", "{order.number}") in codes
    assert ("gs1-128", "00{package.sscc}") in codes
    assert any(symbology == "qr" for symbology, _ in codes)
    texts = all_fields(shipping.items)
    assert {"ship_to.name", "order.carrier", "order.service", "order.number"} <= texts
    slip = library.get("packing-slip")
    assert slip.size == (210, 297)
    assert slip.page_size("letter") == (215.9, 279.4)
    assert any(isinstance(i, TableItem) and i.rows == "lines" for i in slip.items)
    product = library.get("product")
    symbologies = {i.symbology for i in product.items if isinstance(i, BarcodeItem)}
    assert symbologies == {"ean-upc", "code128"}


def test_a_pattern_fills_fields_from_the_first_scope_that_has_them() -> None:
    pattern = Pattern.parse("{{literal}} {a.b} and {c}")
    assert pattern.fields == ("a.b", "c")
    assert pattern.fill({"a.b": "1"}, {"a.b": "x", "c": "2"}) == "{literal} 1 and 2"
    assert pattern.fill({}) == "{literal}  and "


@pytest.mark.parametrize("source", ["a { b", "a } b", "{Bad-Name}", "{a..b}"])
def test_a_broken_pattern_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match="lone"):
        Pattern.parse(source)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (('text = "Tote {code}"', 'text = "Tote {order.number}"'), r"unknown field.*order\.number"),
        (('type = "text"', 'type = "text"\ncolour = "red"'), "unknown key.*colour"),
        (("box = [1, 1, 48, 5]", "box = [1, 1, 60, 5]"), "runs off"),
        (("box = [1, 1, 48, 5]", "box = [1, 1, 48]"), r"\[x, y, width, height\]"),
        (('subject = "tote"', 'subject = "pallet"'), "'subject' is 'pallet'"),
        (('type = "text"', 'type = "text"\nfont = "comic"'), "'font' is 'comic'"),
        (('type = "text"', 'type = "text"\nsize = true'), "must be a number"),
        (('name = "mini"', 'name = "mini'), "Unterminated|Expected|Invalid|Illegal"),
        (('type = "text"', 'type = "text"\nwhen = "nothing"'), "unknown field 'nothing'"),
    ],
)
def test_a_broken_template_is_refused_with_the_reason(change: tuple[str, str], reason: str) -> None:
    text = MINIMAL.replace(*change)
    with pytest.raises(PrintError, match=reason) as caught:
        parse_template(text, "mini.toml")
    assert caught.value.code is PrintErrorCode.BAD_TEMPLATE
    assert "mini.toml" in str(caught.value)


def test_a_table_wider_than_its_box_is_refused() -> None:
    text = (
        MINIMAL.replace('subject = "tote"', 'subject = "order"').replace(
            'text = "Tote {code}"', 'text = "{order.number}"'
        )
        + """
[[item]]
type = "table"
box = [1, 10, 30, 0]
rows = "lines"
[[item.columns]]
title = "SKU"
text = "{line.sku}"
width = 40
"""
    )
    with pytest.raises(PrintError, match="columns are wider"):
        parse_template(text)


def test_a_site_folder_overrides_a_builtin_template(tmp_path: Path) -> None:
    (tmp_path / "tote.toml").write_text(MINIMAL.replace('"mini"', '"tote"'), encoding="utf-8")
    (tmp_path / "broken.toml").write_text("name = 'broken'\n", encoding="utf-8")
    library = TemplateLibrary(tmp_path, builtin_dir())
    assert library.get("tote").size == (50, 25)
    assert library.get("shipping").size == (101.6, 152.4)
    assert "broken" in library.names()
    with pytest.raises(PrintError) as caught:
        library.get("broken")
    assert caught.value.code is PrintErrorCode.BAD_TEMPLATE
    for name in ("pallet", "../labels/tote", "/etc/passwd", ""):
        with pytest.raises(PrintError) as unknown:
            library.get(name)
        assert unknown.value.code is PrintErrorCode.UNKNOWN_TEMPLATE


def test_a_file_must_carry_its_own_name(tmp_path: Path) -> None:
    (tmp_path / "tote.toml").write_text(MINIMAL, encoding="utf-8")  # calls itself "mini"
    with pytest.raises(PrintError, match="calls itself 'mini'"):
        TemplateLibrary(tmp_path).get("tote")


def test_an_unknown_paper_size_is_refused(library: TemplateLibrary) -> None:
    with pytest.raises(PrintError, match="no paper size 'legal'"):
        library.get("packing-slip").page_size("legal")
