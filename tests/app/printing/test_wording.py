"""Label words: every word of every template is in the catalogue list, and a label's
language changes its words, dates and numbers but never its fields or barcodes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.domain.model import Location
from app.printing import wording
from app.printing.data import LabelData, bin_label_data, order_label_data
from app.printing.layout import Symbol, Text, lay_out
from app.printing.library import TemplateLibrary
from app.printing.template import BarcodeItem, Pattern, TableItem, TextItem
from app.printing.wording import LabelLanguage, has_words
from tests.app.printing.conftest import PRODUCTS, TODAY, make_order

DOUBLE = {
    "FROM": "VON",
    "Printed {printed}": "Gedruckt {printed}",
    "{package.no} of {package.count}": "{package.no} von {package.count}",
    "ORDER": "AUFTRAG",
    "Item": "Artikel",
    "Page {page} of {pages}": "Seite {page} von {pages}",
    "BIN": "FACH",
}


def german(text: str) -> str:
    """A small real catalogue (a dict lookup, as a translator answers)."""
    return DOUBLE.get(text, "")


GERMAN = LabelLanguage(
    german, lambda d: d.strftime("%d.%m.%Y"), lambda v, p: f"{v:.{p}f}".replace(".", ","), "de"
)


def template_texts(library: TemplateLibrary) -> Iterator[tuple[str, str]]:
    """(template, text) of every text with words in the built-in templates."""
    for name in library.names():
        template = library.get(name)
        for item in template.items:
            if isinstance(item, TextItem) and has_words(item.text):
                yield name, item.text.source
            elif isinstance(item, TableItem):
                for column in item.columns:
                    if any(ch.isalpha() for ch in column.title):
                        yield name, column.title
                    if has_words(column.text):
                        yield name, column.text.source


def test_every_word_of_every_template_is_listed_for_translation(library: TemplateLibrary) -> None:
    texts = list(template_texts(library))
    assert len(texts) > 20  # the built-in templates were found
    missing = [(name, text) for name, text in texts if text not in wording.TEMPLATE_WORDS]
    assert not missing, f"add these to app.printing.wording.TEMPLATE_WORDS: {missing}"
    unused = set(wording.TEMPLATE_WORDS) - {text for _, text in texts}
    assert not unused, f"no built-in template says these any more: {unused}"


def test_has_words_looks_outside_the_placeholders() -> None:
    assert not has_words(Pattern.parse("{shipper.city_line}, {shipper.country}"))
    assert not has_words(Pattern.parse("{order.number}"))
    assert has_words(Pattern.parse("{package.no} of {package.count}"))


def test_a_translation_keeps_its_placeholders_or_is_not_used() -> None:
    source = Pattern.parse("Printed {printed}")

    def language(answer: str) -> LabelLanguage:
        return LabelLanguage(lambda _text: answer)

    assert language("Impreso {printed}").pattern(source).fill({"printed": "x"}) == "Impreso x"
    assert language("{printed} impreso").pattern(source).fill({"printed": "x"}) == "x impreso"
    for broken in (
        "Impreso",
        "Impreso {station}",
        "Impreso {printed",
        "Impreso {printed} {printed}",
    ):
        assert language(broken).pattern(source) == source, broken
    assert language("").pattern(source) == source  # no translation: the English text


def test_a_german_label_has_german_words_and_the_same_fields_and_barcodes() -> None:
    order = make_order()
    english = order_label_data(order, PRODUCTS, today=TODAY, station="pack-01")
    german_data = order_label_data(order, PRODUCTS, today=TODAY, station="pack-01", language=GERMAN)
    assert german_data.fields["printed"] == "30.11.2026"
    assert german_data.fields["package.weight"] == "2,75 kg"  # 350 + 2 x 1200 g, estimated
    # The carrier's service name is not translated: the QR code carries it too.
    assert german_data.fields["order.service"] == english.fields["order.service"] == "EXPRESS"
    template = TemplateLibrary().get("shipping")
    (page,) = lay_out(template, german_data, 203, language=GERMAN)
    (plain,) = lay_out(template, english, 203)
    texts = [e.text for e in page.elements if isinstance(e, Text)]
    assert {"VON", "Gedruckt 30.11.2026", "1 von 1", "AUFTRAG", "EXPRESS", "2,75 kg"} <= set(texts)
    assert not {"FROM", "ORDER", "Printed 2026-11-30"} & set(texts)
    assert "SHIP TO" in texts  # no German for it in this catalogue: the English text
    symbols = [e for e in page.elements if isinstance(e, Symbol)]
    assert symbols == [e for e in plain.elements if isinstance(e, Symbol)]
    assert len(symbols) == sum(isinstance(i, BarcodeItem) for i in template.items)


def test_table_titles_and_page_counters_are_translated() -> None:
    order = make_order(lines=3)
    data = order_label_data(order, PRODUCTS, today=TODAY, language=GERMAN)
    pages = lay_out(TemplateLibrary().get("packing-slip"), data, 300, language=GERMAN)
    texts = {e.text for e in pages[0].elements if isinstance(e, Text)}
    assert {"Artikel", "Seite 1 von 1", "SKU", "#"} <= texts
    assert "Item" not in texts


def test_english_labels_are_unchanged_by_default() -> None:
    data: LabelData = bin_label_data(Location("A-01-01-1", "A", "A-01", 1), today=date(2026, 1, 2))
    assert data.fields["printed"] == "2026-01-02"
    (page,) = lay_out(TemplateLibrary().get("bin"), data, 203)
    assert "BIN" in {e.text for e in page.elements if isinstance(e, Text)}
    (german_page,) = lay_out(TemplateLibrary().get("bin"), data, 203, language=GERMAN)
    assert "FACH" in {e.text for e in german_page.elements if isinstance(e, Text)}
