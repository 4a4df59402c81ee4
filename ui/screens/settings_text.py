"""What the settings screen says: problems with the settings, and scanner tests.

``app.config.Settings.validate`` returns typed problems (no sentences in ``app/``);
they are worded here through Qt's translator (context ``SettingsText``), each naming
the field by its title as the form shows it. ``ui.cli`` words them the same way before
the kiosk starts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.barcodes.messages import command_title, printable
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

CONTEXT = "SettingsText"
TITLE_CONTEXT = "SettingsScreen"  # where the field titles are (ui.screens.settings)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_title(name: str) -> str:
    """The field's title as the form shows it (translated), without its note in
    brackets: "CA bundle", not "CA bundle (PEM file, empty = system CAs)"."""
    title = QCoreApplication.translate(TITLE_CONTEXT, Settings.titles().get(name, name))
    return title.split(" (")[0]


def _fault(fault: object) -> str:
    faults = {
        PatternFault.UNCLOSED: _tr("a bracket or parenthesis is not closed"),
        PatternFault.UNOPENED: _tr("a parenthesis is closed that was never opened"),
        PatternFault.NOTHING_TO_REPEAT: _tr("a *, + or ? has nothing before it to repeat"),
        PatternFault.BAD_ESCAPE: _tr("a backslash is followed by a letter that means nothing"),
        PatternFault.BACKWARDS: _tr("a range runs backwards, like z-a or {2,1}"),
    }
    return faults.get(fault, _tr("check it with the site's admin"))  # type: ignore[call-overload]


def problem_text(problem: Problem) -> str:
    """``problem`` as a sentence for the operator."""
    title = field_title(problem.field)
    args = problem.args
    match problem.code:
        case ProblemCode.URL_FORM:
            return _tr("{title} must look like https://host:port (http or https).").format(
                title=title
            )
        case ProblemCode.STATION_FORM:
            return _tr("{title} must be at most 64 printable characters.").format(title=title)
        case ProblemCode.STATION_MISSING:
            return _tr("{title} is needed to talk to the order store.").format(title=title)
        case ProblemCode.CA_BUNDLE_MISSING:
            return _tr("{title}: the file {path} does not exist.").format(
                title=title, path=args.get("path", "")
            )
        case ProblemCode.TOKEN_SPACES:
            return _tr("{title} cannot contain spaces.").format(title=title)
        case ProblemCode.TERMINATOR:
            return _tr("{title} must be CR, LF, CRLF, TAB or 1-16 characters.").format(title=title)
        case ProblemCode.PATTERN:
            return _tr("{title} is not a valid pattern ({fault}).").format(
                title=title, fault=_fault(args.get("fault"))
            )
        case ProblemCode.OUT_OF_RANGE:
            return _tr("{title} must be between {low} and {high}.").format(
                title=title, low=f"{args['low']:g}", high=f"{args['high']:g}"
            )
    return f"{title}: {problem.code}"  # a code added in app/ and not worded yet


def scanner_test_text(scan: Scan, scan_sentence: str) -> str:
    """What a scan on the settings screen is, for an admin testing a scanner.

    Args:
        scan: the scan.
        scan_sentence: the pipeline's own sentence for it (said for codes that are
            not usable here: unknown, misread, too long).
    """
    read = printable(scan.raw)
    match scan:
        case BinScan(location=location) if scan.ok:
            what = _tr("that is bin {code}.").format(code=location.code)
        case ToteScan(tote=tote) if scan.ok:
            what = _tr("that is tote {code}.").format(code=tote.code)
        case OrderScan(order=order) if scan.ok:
            what = _tr("that is order {code}.").format(code=order.order_number)
        case ProductScan(product=product) if scan.ok:
            what = _tr("that is a product: {name} ({sku}).").format(
                name=product.name, sku=product.sku
            )
        case BadgeScan(user=user) if scan.ok:
            what = _tr("that is the badge of {name}.").format(name=user.display_name)
        case CommandScan(command=command) if scan.ok:
            what = _tr("that is the command {command}.").format(command=command_title(command))
        case UnknownScan():
            what = _tr("an unknown barcode (not a product, bin, tote, order or badge here).")
        case _:
            what = scan_sentence
    return _tr("Scanner test: read “{code}”: {what}").format(code=read, what=what)
