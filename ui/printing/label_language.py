"""The language of what is printed: labels in the station's, the demo sheet in the reader's.

``app/`` draws labels and the demo barcode sheet but never translates; it takes plain
callables. These are made here from a ``QTranslator`` of their own, loaded from
``resources/translations/scanpack_<lang>.qm`` and never installed in the application,
so a badge log-in (which switches the installed translators) cannot change a label half
way through, and the print worker or the task runner's pool may call them from their
threads (``QTranslator.translate`` and a ``QLocale`` made per call are safe there).

* ``label_language(language)``: the station's default language (``Settings.language``)
  for every label it prints: template words, dates and decimal numbers. A shipping
  label is read by whoever handles the parcel next, not by the person logged in.
* ``sheet_words()``: the language the kiosk speaks now, for the demo barcode sheet (the
  person printing it is the one who walks the demo with it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QTranslator

from app.barcodes.sheet_words import SheetWords, english
from app.printing.wording import CONTEXT, ENGLISH, LabelLanguage
from ui.i18n import ENGLISH as ENGLISH_CODE
from ui.resources import resource_path


def catalogue(locale: QLocale) -> Callable[[str, str], str] | None:
    """``words(context, english)`` from scanpack's catalogue for ``locale``, or ``None``
    when there is none (English, or a language without a ``.qm``)."""
    translator = QTranslator()
    if not translator.load(locale, "scanpack", "_", str(resource_path("translations"))):
        return None

    def words(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return words


def _date_format(language: str) -> str:
    """The locale's short date with the year in full (``d/M/yyyy``): a label may be read
    years later."""
    pattern = QLocale(language).dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def label_language(language: str) -> LabelLanguage:
    """Labels in ``language`` (a code such as ``es``); English, with ISO dates, for
    English or a language without a catalogue."""
    if not language or language == ENGLISH_CODE:
        return ENGLISH
    words = catalogue(QLocale(language))
    if words is None:
        return ENGLISH
    day_format = _date_format(language)

    def word(text: str) -> str:
        return words(CONTEXT, text)

    def day(value: date) -> str:
        return QLocale(language).toString(QDate(value.year, value.month, value.day), day_format)

    def decimal(value: float, places: int) -> str:
        return QLocale(language).toString(value, "f", places)

    return LabelLanguage(word, day, decimal, language)


def sheet_words() -> SheetWords:
    """The demo sheet's words in the language the kiosk speaks now (call it on the GUI
    thread; the result may be used on any)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.English:
        return english
    return catalogue(locale) or english
