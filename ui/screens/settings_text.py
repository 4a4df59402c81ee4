"""What the settings screen says: problems with the settings, and scanner tests.

``app.config.Settings.validate`` returns typed problems (no sentences in ``app/``);
``SettingsWords`` words them through Qt's translator (context ``SettingsWords``), each
naming the field by its title as the form shows it. ``ui.cli`` words them the same way
before the kiosk starts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from app.barcodes.messages import printable
from app.config import PatternFault, Problem, ProblemCode, Settings
from app.domain.scan import (
    BadgeScan,
    BinScan,
    CommandScan,
    OrderScan,
    ProductScan,
    Scan,
    ToteScan,
    UnknownScan,
)
from ui.scanner.pipeline import command_words

TITLE_CONTEXT = "SettingsScreen"  # where the field titles are (ui.screens.settings)


class SettingsWords(QObject):
    """The sentences of the settings screen."""

    def field_title(self, name: str) -> str:
        """The field's title as the form shows it (translated), without its note in
        brackets: "CA bundle", not "CA bundle (PEM file, empty = system CAs)"."""
        title = QCoreApplication.translate(TITLE_CONTEXT, Settings.titles().get(name, name))
        return title.split(" (")[0]

    def fault(self, fault: object) -> str:
        """Why a pattern is not a valid regular expression, in plain words."""
        faults = {
            PatternFault.UNCLOSED: self.tr("a bracket or parenthesis is not closed"),
            PatternFault.UNOPENED: self.tr("a parenthesis is closed that was never opened"),
            PatternFault.NOTHING_TO_REPEAT: self.tr("a *, + or ? has nothing before it to repeat"),
            PatternFault.BAD_ESCAPE: self.tr(
                "a backslash is followed by a letter that means nothing"
            ),
            PatternFault.BACKWARDS: self.tr("a range runs backwards, like z-a or {2,1}"),
        }
        return faults.get(fault, self.tr("check it with the site's admin"))  # type: ignore[call-overload]

    def problem(self, problem: Problem) -> str:
        """``problem`` as a sentence for the operator."""
        title = self.field_title(problem.field)
        args = problem.args
        match problem.code:
            case ProblemCode.URL_FORM:
                text = self.tr("{title} must look like https://host:port (http or https).")
            case ProblemCode.STATION_FORM:
                text = self.tr("{title} must be at most 64 printable characters.")
            case ProblemCode.STATION_MISSING:
                text = self.tr("{title} is needed to talk to the order store.")
            case ProblemCode.CA_BUNDLE_MISSING:
                text = self.tr("{title}: the file {path} does not exist.")
            case ProblemCode.TOKEN_SPACES:
                text = self.tr("{title} cannot contain spaces.")
            case ProblemCode.LANGUAGE:
                text = self.tr("{title} must be a language code such as en or es.")
            case ProblemCode.TERMINATOR:
                text = self.tr("{title} must be CR, LF, CRLF, TAB or 1-16 characters.")
            case ProblemCode.COMPANY_PREFIX:
                text = self.tr("{title}: 7 to 10 digits, as GS1 gave them to you (or empty).")
            case ProblemCode.PATTERN:
                text = self.tr("{title} is not a valid pattern ({fault}).")
            case ProblemCode.OUT_OF_RANGE:
                text = self.tr("{title} must be between {low} and {high}.")
            case ProblemCode.KEY_TYPES:
                text = self.tr(
                    "{title}: {key} types a character, as a scanner does; choose a key "
                    "such as F1 or a handheld's side key."
                )
            case ProblemCode.KEY_TWICE:
                text = self.tr("{title}: {key} is already the key of another action.")
            case _:  # a code added in app/ and not worded yet
                text = "{title}: " + str(problem.code)
        low, high = args.get("low", 0), args.get("high", 0)
        return text.format(
            title=title,
            path=args.get("path", ""),
            key=args.get("key", ""),
            fault=self.fault(args.get("fault")),
            low=f"{low:g}" if isinstance(low, int | float) else low,
            high=f"{high:g}" if isinstance(high, int | float) else high,
        )

    def scanner_test(self, scan: Scan, scan_sentence: str) -> str:
        """What a scan on the settings screen is, for an admin testing a scanner.

        Args:
            scan: the scan.
            scan_sentence: the pipeline's own sentence for it (said for codes that are
                not usable here: switched off, misread, too long).
        """
        match scan:
            case BinScan(location=location) if scan.ok:
                what = self.tr("that is bin {code}.").format(code=location.code)
            case ToteScan(tote=tote) if scan.ok:
                what = self.tr("that is tote {code}.").format(code=tote.code)
            case OrderScan(order=order) if scan.ok:
                what = self.tr("that is order {code}.").format(code=order.order_number)
            case ProductScan(product=product) if scan.ok:
                what = self.tr("that is a product: {name} ({sku}).").format(
                    name=product.name, sku=product.sku
                )
            case BadgeScan(user=user) if scan.ok:
                what = self.tr("that is the badge of {name}.").format(name=user.display_name)
            case CommandScan(command=command) if scan.ok:
                what = self.tr("that is the command {command}.").format(
                    command=command_words(command)
                )
            case UnknownScan():
                what = self.tr(
                    "an unknown barcode (not a product, bin, tote, order or badge here)."
                )
            case _:
                what = scan_sentence
        return self.tr("Scanner test: read “{code}”: {what}").format(
            code=printable(scan.raw), what=what
        )


def problem_text(problem: Problem) -> str:
    """``problem`` as a sentence (for callers without a screen: ``ui.cli``)."""
    return SettingsWords().problem(problem)
