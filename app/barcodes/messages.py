"""The one catalogue of what a scan means, in sentences for the person holding the scanner.

``describe(scan)`` is what the screen shows (large, coloured by ``scan.ok``). The
templates are plain data keyed by ``ScanCode``, marked for ``pyside6-lupdate`` under
the context ``ScanMessages`` (the command titles and reasons under ``CommandTitles``),
so that ``ui/`` looks each up in the reader's language and formats it with
``message_args(scan)``.

A code from a scan is never shown raw: ``printable`` shortens it and makes control
characters visible (a GS shows as ``<GS>``), so a 10,000-character burst or a stray
escape sequence cannot flood or garble the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from app.catalogue import QT_TRANSLATE_NOOP
from app.domain.commands import Command, CommandName
from app.domain.events import PackHoldReason, ShortReason
from app.domain.scan import (
    MAX_SCAN_LENGTH,
    BadgeScan,
    BinScan,
    CommandScan,
    InvalidScan,
    OrderScan,
    ProductScan,
    Scan,
    ScanCode,
    SetupScan,
    ToteScan,
    UnknownScan,
)
from app.domain.symbology import GS

SHOWN_LENGTH = 40
"""At most this many characters of a scanned code appear in a message."""

TEMPLATES: dict[ScanCode, str] = {
    ScanCode.SETUP_CODE: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Set-up code of station {code}: it sets up a new station, not one in use.",
    ),
    ScanCode.SETUP_VERSION: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "This set-up code was made by a newer scanpack. Update this station, or print "
        "the code again with this version.",
    ),
    ScanCode.SETUP_MALFORMED: QT_TRANSLATE_NOOP(
        "ScanMessages", "This set-up code is damaged or incomplete. Print it again."
    ),
    ScanCode.BIN: QT_TRANSLATE_NOOP("ScanMessages", "Bin {code}."),
    ScanCode.TOTE: QT_TRANSLATE_NOOP("ScanMessages", "Tote {code}."),
    ScanCode.ORDER: QT_TRANSLATE_NOOP("ScanMessages", "Order {code} ({status})."),
    ScanCode.BADGE: QT_TRANSLATE_NOOP("ScanMessages", "Hello {name}."),
    ScanCode.PRODUCT: QT_TRANSLATE_NOOP("ScanMessages", "{name} ({sku}){quantity}."),
    ScanCode.COMMAND: QT_TRANSLATE_NOOP("ScanMessages", "{command}."),
    ScanCode.BIN_INACTIVE: QT_TRANSLATE_NOOP(
        "ScanMessages", "Bin {code} is switched off. Ask a supervisor."
    ),
    ScanCode.TOTE_INACTIVE: QT_TRANSLATE_NOOP(
        "ScanMessages", "Tote {code} is retired. Take another tote."
    ),
    ScanCode.BADGE_INACTIVE: QT_TRANSLATE_NOOP(
        "ScanMessages", "Badge {code} is disabled. Ask a supervisor."
    ),
    ScanCode.UNKNOWN_CODE: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Unknown barcode {code}: not a product, bin, tote or order at this station. "
        "Check the label or type the code.",
    ),
    ScanCode.UNKNOWN_PRODUCT: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Unknown product {code}: not in this station's catalogue. "
        "Check the label, or type the SKU.",
    ),
    ScanCode.UNKNOWN_BIN: QT_TRANSLATE_NOOP(
        "ScanMessages", "Unknown bin {code}: not on this station's pick path. Check the label."
    ),
    ScanCode.UNKNOWN_TOTE: QT_TRANSLATE_NOOP(
        "ScanMessages", "Unknown tote {code}. Take another tote, or ask a supervisor."
    ),
    ScanCode.UNKNOWN_ORDER: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Unknown order {code}: not on this station. Check the number; new orders "
        "arrive with the next sync.",
    ),
    ScanCode.UNKNOWN_BADGE: QT_TRANSLATE_NOOP(
        "ScanMessages", "Unknown badge {code}. Ask a supervisor to set it up."
    ),
    ScanCode.UNKNOWN_SSCC: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Pallet or parcel label {code}: not used at this station. "
        "Scan the item or the order instead.",
    ),
    ScanCode.EMPTY: QT_TRANSLATE_NOOP("ScanMessages", "The scan was empty. Scan again."),
    ScanCode.TOO_LONG: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "That barcode is too long to be a code here (over {limit} characters). "
        "Scan the right barcode.",
    ),
    ScanCode.NOT_PRINTABLE: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Barcode {code} holds characters that no code here has. "
        "Check the scanner's settings, or type the code.",
    ),
    ScanCode.BAD_CHECK_DIGIT: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "Barcode {code} was misread (its check digit is wrong). Scan again or type the code.",
    ),
    ScanCode.MALFORMED_GTIN: QT_TRANSLATE_NOOP(
        "ScanMessages", "Barcode {code} is not a valid EAN or UPC. Scan again or type the code."
    ),
    ScanCode.MALFORMED_GS1: QT_TRANSLATE_NOOP(
        "ScanMessages",
        "GS1 barcode {code} cannot be read. Check the label, or scan another barcode on it.",
    ),
    ScanCode.UNKNOWN_COMMAND: QT_TRANSLATE_NOOP(
        "ScanMessages", "Command {code} is not one this app knows. Use the command sheet."
    ),
    ScanCode.BAD_COMMAND_QTY: QT_TRANSLATE_NOOP(
        "ScanMessages", "Quantity command {code}: the quantity must be 1 to 9999."
    ),
    ScanCode.INCOMPLETE: QT_TRANSLATE_NOOP(
        "ScanMessages", "The scan was cut off before its end. Scan again."
    ),
}

COMMAND_TITLES: dict[CommandName, str] = {
    CommandName.START_PICK: QT_TRANSLATE_NOOP("CommandTitles", "Start picking"),
    CommandName.START_PACK: QT_TRANSLATE_NOOP("CommandTitles", "Start packing"),
    CommandName.CONFIRM: QT_TRANSLATE_NOOP("CommandTitles", "Confirm"),
    CommandName.SKIP: QT_TRANSLATE_NOOP("CommandTitles", "Skip"),
    CommandName.SHORT: QT_TRANSLATE_NOOP("CommandTitles", "Short pick"),
    CommandName.UNDO: QT_TRANSLATE_NOOP("CommandTitles", "Undo"),
    CommandName.NEXT: QT_TRANSLATE_NOOP("CommandTitles", "Next order"),
    CommandName.CANCEL: QT_TRANSLATE_NOOP("CommandTitles", "Cancel"),
    CommandName.PRINT: QT_TRANSLATE_NOOP("CommandTitles", "Print labels again"),
    CommandName.LOGOUT: QT_TRANSLATE_NOOP("CommandTitles", "Log out"),
    CommandName.QTY: QT_TRANSLATE_NOOP("CommandTitles", "Quantity {qty}"),
    CommandName.CLOSE: QT_TRANSLATE_NOOP("CommandTitles", "Close this package"),
    CommandName.HOLD: QT_TRANSLATE_NOOP("CommandTitles", "Put on hold"),
}

HOLD_REASON_TITLES: dict[PackHoldReason, str] = {
    PackHoldReason.MISSING_ITEM: QT_TRANSLATE_NOOP("CommandTitles", "item missing"),
    PackHoldReason.DAMAGED_ITEM: QT_TRANSLATE_NOOP("CommandTitles", "item damaged"),
    PackHoldReason.WRONG_ITEM: QT_TRANSLATE_NOOP("CommandTitles", "wrong item"),
    PackHoldReason.OTHER: QT_TRANSLATE_NOOP("CommandTitles", "other"),
}

SHORT_REASON_TITLES: dict[ShortReason, str] = {
    ShortReason.BIN_EMPTY: QT_TRANSLATE_NOOP("CommandTitles", "bin empty"),
    ShortReason.DAMAGED: QT_TRANSLATE_NOOP("CommandTitles", "damaged"),
    ShortReason.NOT_FOUND: QT_TRANSLATE_NOOP("CommandTitles", "not found"),
}


def printable(code: str, limit: int = SHOWN_LENGTH) -> str:
    """``code`` safe to show: control characters visible, at most ``limit`` characters."""
    shown = code[:limit]
    if not shown.isprintable():
        shown = "".join(
            "<GS>" if ch == GS else ch if ch.isprintable() else f"<{ord(ch):02X}>" for ch in shown
        )
    return shown + ("…" if len(code) > limit else "")


COMMAND_CONTEXT = "CommandTitles"
"""The translation context of the command titles and reasons."""


def command_title(command: Command, words: Callable[[str, str], str] | None = None) -> str:
    """A command as a person says it: ``Quantity 12``, ``Short pick: bin empty``.

    ``words(context, english)`` gives each part in the reader's language (the demo
    sheet passes one); without it, English.
    """

    def say(text: str) -> str:
        return (words(COMMAND_CONTEXT, text) or text) if words is not None else text

    title = say(COMMAND_TITLES[command.name]).replace("{qty}", str(command.qty))
    if command.reason is not None:
        title += ": " + say(SHORT_REASON_TITLES[command.reason])
    if command.hold is not None:
        title += ": " + say(HOLD_REASON_TITLES[command.hold])
    return title


def message_args(scan: Scan) -> dict[str, str]:
    """The values ``TEMPLATES[scan.code]`` is formatted with."""
    # Every name any template uses, so that no combination of class and code can fail.
    args = dict.fromkeys(("name", "sku", "status", "quantity", "command"), "")
    args["code"] = printable(scan.raw)
    args["limit"] = str(MAX_SCAN_LENGTH)
    match scan:
        case BinScan(location=location):
            args["code"] = location.code
        case ToteScan(tote=tote):
            args["code"] = tote.code
        case OrderScan(order=order):
            args["code"] = order.order_number
            args["status"] = order.status.value.replace("_", " ")
        case BadgeScan(user=user):
            args["name"] = user.display_name
        case ProductScan(product=product, qty=qty):
            args["name"] = product.name
            args["sku"] = product.sku
            args["quantity"] = f" x {qty}" if qty != 1 else ""
        case CommandScan(command=command):
            args["command"] = command_title(command)
        case SetupScan(setup=setup) if setup is not None:
            args["code"] = printable(setup.station)
        case UnknownScan() | InvalidScan() | SetupScan():
            pass
    return args


def describe(scan: Scan) -> str:
    """The sentence to show for ``scan``."""
    return TEMPLATES[scan.code].format(**message_args(scan))
