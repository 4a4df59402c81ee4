"""Labels in the station's language and the demo sheet in the reader's, from the real
Spanish catalogue (``resources/translations/scanpack_es.qm``).

A Spanish station's shipping label goes the whole way: rendered by the print queue,
sent as ZPL over TCP to a listener on 127.0.0.1, and read back field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QLocale

from app.barcodes import sheet
from app.barcodes import sheet_words as sw
from app.barcodes.sheet_content import demo_sections
from app.printing.layout import Text, lay_out
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.raster import wrap
from app.printing.render import LabelFormat
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.printing.sources import DEMO_ANCHOR, DemoSource, label_data
from app.printing.template import Pattern
from app.printing.wording import ENGLISH, TEMPLATE_WORDS, LabelLanguage
from app.printing.zpl import TEXT_WIDTH_RATIO
from app.store import open_store
from tests.app.printing import zpl_reader
from tests.cups import RawListener
from ui.i18n import available_languages
from ui.printing.label_language import catalogue, label_language, sheet_words

SPANISH = label_language("es")
SAME_IN_SPANISH = {"SSCC", "SKU"}
ENGLISH_WORDS = ("FROM", "SHIP TO", "PACKAGE", "ORDER", "Printed", " of ")
NOW = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> DemoSource:
    return DemoSource()


def test_every_template_word_is_translated_with_its_placeholders() -> None:
    assert SPANISH.code == "es"
    for text in TEMPLATE_WORDS:
        spanish = SPANISH.words(text)
        assert spanish.strip(), text
        assert sorted(Pattern.parse(spanish).fields) == sorted(Pattern.parse(text).fields), text
        assert (spanish == text) == (text in SAME_IN_SPANISH), (text, spanish)


def test_english_and_languages_without_a_catalogue_print_the_templates_as_written() -> None:
    assert label_language("en") is ENGLISH
    assert label_language("") is ENGLISH
    assert label_language("fr") is ENGLISH  # no scanpack_fr.qm


def test_spanish_dates_and_weights_follow_the_locale(demo: DemoSource) -> None:
    template = TemplateLibrary().get("shipping")
    data = label_data(
        template,
        demo,
        key="SO-100001",
        settings=PrintSettings(),
        today=NOW.date(),
        language=SPANISH,
    )
    assert data.fields["printed"] == "30/11/2026"
    weight = data.fields["package.weight"]
    assert re.fullmatch(r"\d+,\d\d kg", weight), weight


def test_a_spanish_station_s_shipping_label_reaches_the_printer_in_spanish(
    tmp_path: Path, demo: DemoSource
) -> None:
    with RawListener() as printer, open_store(tmp_path / "station.sqlite3") as store:
        zebra = PrinterSpec("zebra", PrinterKind.TCP, printer.address, LabelFormat.ZPL, 203)
        queue = PrintQueue(
            store,
            PrintSettings(printers=(zebra,), routes={"*": "zebra"}),
            TemplateLibrary(),
            source=demo,
            clock=lambda: NOW,
            station="pack-01",
            language=SPANISH,
        )
        queue.submit("shipping", "SO-100001")
        assert queue.run_due() == 1
        [payload] = printer.wait_for(1)
    [label] = zpl_reader.parse(payload)
    texts = [f.data for f in label.fields if f.barcode is None and f.data]
    for spanish in ("REMITENTE", "DESTINATARIO", "BULTO", "PEDIDO", "1 de 1", "Impreso 30/11/2026"):
        assert spanish in texts, (spanish, texts)
    for english in ENGLISH_WORDS:
        assert not [text for text in texts if english in text], (english, texts)
    # The barcodes carry their data as they do in English (the service name too).
    codes = [f.data for f in label.fields if f.barcode is not None]
    assert any(code.startswith("MA,SO-100001|") and "|DPD|" in code for code in codes), codes


def _cut(texts: list[Text]) -> list[bool]:
    """Whether each text is cut, by the raster renderer's measure or the ZPL estimate."""
    draw = ImageDraw.Draw(Image.new("1", (1, 1)))
    out = []
    for text in texts:
        raster = wrap(draw, text)
        per_line = max(1, int(text.w / (TEXT_WIDTH_RATIO * text.size)))
        zpl = len(" ".join(text.text.split())) > per_line * text.max_lines
        out.append((bool(raster) and raster[-1].endswith("…")) or zpl)
    return out


@pytest.mark.parametrize(
    ("template", "key"),
    [
        ("shipping", "SO-100001"),
        ("packing-slip", "SO-100001"),
        ("tote", "T-0001"),
        ("bin", "A-01-01-1"),
        ("product", "SKU-10001"),
        ("test-print", "zebra-pack-01"),
    ],
)
@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("code", [c for c in available_languages() if c != "en"])
def test_translated_words_fit_wherever_the_english_ones_do(
    demo: DemoSource, template: str, key: str, dpi: int, code: str
) -> None:
    layout = TemplateLibrary().get(template)

    def texts(language: LabelLanguage) -> list[Text]:
        data = label_data(
            layout,
            demo,
            key=key,
            settings=PrintSettings(),
            today=DEMO_ANCHOR,
            station="pack-01",
            dpi=dpi,
            language=language,
        )
        first = lay_out(layout, data, dpi, language=language)[0]
        return [e for e in first.elements if isinstance(e, Text)]

    english, translated = texts(ENGLISH), texts(label_language(code))
    assert len(english) == len(translated)
    assert [e.text for e in english] != [t.text for t in translated]  # some words changed
    cut = [
        (e.text, t.text)
        for e, t, e_cut, t_cut in zip(
            english, translated, _cut(english), _cut(translated), strict=True
        )
        if t_cut and not e_cut
    ]
    assert not cut, f"cut in {code} only: {cut}"


@pytest.fixture
def spanish_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("es"))
    try:
        yield
    finally:
        QLocale.setDefault(before)


def test_the_demo_sheet_speaks_the_reader_s_language(spanish_locale: None) -> None:
    words = sheet_words()
    sections = demo_sections(words)
    titles = [section.title for section in sections]
    assert titles[:4] == ["Comandos", "Cantidades", "Tarjetas", "Contenedores"]
    assert "Códigos que el puesto no conoce" in titles
    labels = [label for section in sections for label in section.labels]
    captions = {label.caption for label in labels}
    assert {"Empezar a preparar", "Cantidad 5", "Contenedor", "Ubicación"} <= captions
    assert "Faltante: ubicación vacía" in captions
    details = [label.detail for label in labels if label.kind == "order"]
    assert details[0].startswith("cola n.º 1: abierto, ")
    assert all("líneas: " in detail for detail in details)
    english = demo_sections()
    assert [label.text for s in english for label in s.labels] == [label.text for label in labels]
    assert sw.say(words, sw.CONTINUED, section="Productos") == ("Productos (continuación)")
    pages = sheet.layout(sections, words)
    assert [p.labels for p in pages] == [p.labels for p in sheet.layout(sections)]


def test_every_word_of_the_sheet_is_translated() -> None:
    words = catalogue(QLocale("es"))
    assert words is not None
    texts = [
        value
        for name, value in vars(sw).items()
        if name.isupper() and isinstance(value, str) and name != "CONTEXT"
    ] + [text for table in (sw.STATUS, sw.PRIORITY, sw.ROLE) for text in table.values()]
    assert len(texts) > 40
    same = {"GS1 DataMatrix", "normal", "supervisor"}
    for text in texts:
        spanish = words(sw.CONTEXT, text)
        assert (spanish != text) == (text not in same), text


def test_an_english_kiosk_makes_the_english_sheet() -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("en"))
    try:
        assert sheet_words() is sw.english
    finally:
        QLocale.setDefault(before)


def test_scanpack_label_renders_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import main

    out = tmp_path / "tote.zpl"
    args = ["label", "tote", "--code", "T-0001", "--demo", "-o", str(out)]
    assert main([*args, "--language", "es"]) == 0
    [tote] = zpl_reader.parse(out.read_bytes())
    assert "CONTENEDOR" in [f.data for f in tote.fields]
    assert main([*args, "--language", "fr"]) == 2
    assert "no label catalogue for --language fr" in capsys.readouterr().err
    assert main(args) == 0
    [english] = zpl_reader.parse(out.read_bytes())
    assert "TOTE" in [f.data for f in english.fields]
