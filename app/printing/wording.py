"""The words printed on labels, and the language a label is printed in.

A template's ``text`` items hold English words around their ``{field}`` placeholders
("SHIP TO", "Printed {printed}"). ``app/`` never translates: ``TEMPLATE_WORDS`` lists
every such text of the built-in templates as plain data, marked for
``pyside6-lupdate`` under the context ``LabelTemplate`` (a test fails when a template
gains a text that is not listed), and ``ui/`` hands the renderers a ``LabelLanguage``
whose ``words`` looks a text up in the station's catalogue. Labels are printed in the
station's language, not the logged-in person's: a parcel's label is read by the next
person who handles it.

A translation keeps the placeholders of its source: one that loses, adds or breaks a
placeholder is not used (the English text is printed), so a faulty catalogue never
stops a label from printing. Dates and decimal numbers in label fields are written by
the language too (``day``, ``decimal``); the default is English with ISO dates. Other
field values stay as they are: names, codes, and the carrier's service name (which
the shipping label's QR code also carries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.catalogue import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # app.printing.template imports app.printing.data, which imports this
    from app.printing.template import Pattern

CONTEXT = "LabelTemplate"
"""The translation context of the template words (where ``ui/`` looks them up)."""

TEMPLATE_WORDS: tuple[str, ...] = (
    # shipping
    QT_TRANSLATE_NOOP("LabelTemplate", "FROM"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Printed {printed}"),
    QT_TRANSLATE_NOOP("LabelTemplate", "SHIP TO"),
    QT_TRANSLATE_NOOP("LabelTemplate", "PACKAGE"),
    QT_TRANSLATE_NOOP("LabelTemplate", "{package.no} of {package.count}"),
    QT_TRANSLATE_NOOP("LabelTemplate", "ORDER"),
    QT_TRANSLATE_NOOP("LabelTemplate", "SSCC"),
    # packing slip
    QT_TRANSLATE_NOOP("LabelTemplate", "PACKING SLIP"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Order {order.number}"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Ship to"),
    QT_TRANSLATE_NOOP("LabelTemplate", "From"),
    QT_TRANSLATE_NOOP(
        "LabelTemplate",
        "Carrier: {order.carrier} {order.service} | Lines: {order.line_count} | "
        "Units: {order.units} | Printed: {printed}",
    ),
    QT_TRANSLATE_NOOP("LabelTemplate", "SKU"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Item"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Bin"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Ordered"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Packed"),
    QT_TRANSLATE_NOOP("LabelTemplate", "Questions about your parcel? Quote order {order.number}."),
    QT_TRANSLATE_NOOP("LabelTemplate", "Page {page} of {pages}"),
    # tote, bin, product
    QT_TRANSLATE_NOOP("LabelTemplate", "TOTE"),
    QT_TRANSLATE_NOOP("LabelTemplate", "BIN"),
    QT_TRANSLATE_NOOP(
        "LabelTemplate",
        "Zone {bin.zone}  |  Aisle {bin.aisle}  |  Pick sequence {bin.sequence}",
    ),
    QT_TRANSLATE_NOOP("LabelTemplate", "Bin {product.location}"),
    # a printer's test label
    QT_TRANSLATE_NOOP("LabelTemplate", "TEST PRINT"),
    QT_TRANSLATE_NOOP(
        "LabelTemplate",
        "{printer}: {printer.format}, {printer.dpi} dpi, station {station}",
    ),
    # Field values are not translated: ``order.service`` (EXPRESS, STANDARD...) is the
    # carrier's service name, and it is in the shipping label's QR code as well.
)


def has_words(pattern: Pattern) -> bool:
    """Whether the literal text of ``pattern`` (outside its placeholders) has a letter."""
    return any(
        not is_field and any(ch.isalpha() for ch in text) for is_field, text in pattern.parts
    )


def _same(text: str) -> str:
    return text


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}"


@dataclass(frozen=True, slots=True)
class LabelLanguage:
    """How a label speaks: its words, its dates, its decimal numbers.

    Made by ``ui/`` for the station's language (``app/`` has no translator); the
    default is the templates' own English with ISO dates. Every callable must be safe
    to call from any thread (labels are rendered off the GUI thread).

    Attributes:
        words: a template text (``LabelTemplate`` context) in this language, or the
            text itself when it has no translation.
        day: a date as people here write it (``printed``).
        decimal: a number with ``places`` decimals (``2.35`` / ``2,35``).
        code: the language's code, for logs and tests (``en``, ``es``).
    """

    words: Callable[[str], str] = _same
    day: Callable[[date], str] = date.isoformat
    decimal: Callable[[float, int], str] = _decimal
    code: str = "en"

    def text(self, source: str) -> str:
        """``source`` (a template word) in this language."""
        return self.words(source) or source

    def pattern(self, pattern: Pattern) -> Pattern:
        """``pattern`` in this language, with the same placeholders (else unchanged)."""
        if not has_words(pattern):
            return pattern
        translated = self.text(pattern.source)
        if translated == pattern.source:
            return pattern
        try:
            parsed = type(pattern).parse(translated)
        except ValueError:
            return pattern
        if sorted(parsed.fields) != sorted(pattern.fields):
            return pattern
        return parsed


ENGLISH = LabelLanguage()
"""The templates as they are written, ISO dates."""
