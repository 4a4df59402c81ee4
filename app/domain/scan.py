"""What a scan is: the raw read every input feeds in, and the one typed result screens use.

Every input (keyboard wedge, serial scanner, camera, a code typed by hand) produces a
``RawScan``; ``app.barcodes.parse`` reads it and ``app.barcodes.resolve`` looks it up in
the station's store, giving exactly one of the ``Scan`` classes below. A screen matches
on the class (``case BinScan(location=loc):``) and shows ``app.barcodes.messages.describe``
of it; every result carries a ``ScanCode`` so nothing above ``app/`` needs to build
sentences, and ``ok`` says green or red.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from app.domain.model import Location, Order, Product, Tote, User
from app.domain.provisioning import SetupCode, SetupCodeFault
from app.domain.symbology import Symbology

if TYPE_CHECKING:
    from app.domain.commands import Command

MAX_SCAN_LENGTH = 4096
"""Longest read accepted (GS1 DataMatrix tops out near 3,100 characters)."""

MAX_CODE_LENGTH = 64
"""Longest bin, tote, order, badge, SKU or product barcode the store can hold."""


class ScanSource(enum.StrEnum):
    """Which input a read came from."""

    WEDGE = "wedge"
    SERIAL = "serial"
    CAMERA = "camera"
    TYPED = "typed"


@dataclass(frozen=True, slots=True)
class RawScan:
    """One read, before it means anything.

    Attributes:
        text: the data, with the scanner's prefix, suffix and AIM identifier removed and
            the GS stand-in turned into ASCII 29.
        symbology: from the AIM identifier or the decoder; ``UNKNOWN`` when neither told.
        aim: the AIM identifier that was removed (``"]C1"``), or ``""``.
        source: which input produced it.
    """

    text: str
    symbology: Symbology = Symbology.UNKNOWN
    aim: str = ""
    source: ScanSource = ScanSource.WEDGE


class ScanCode(enum.StrEnum):
    """Every outcome of a scan; ``app.barcodes.messages`` has a sentence for each.

    The values of ``app.barcodes.parse.ParseErrorCode`` are members here too, so a
    parse error maps by value.
    """

    # Found, usable.
    BIN = "bin"
    TOTE = "tote"
    ORDER = "order"
    BADGE = "badge"
    PRODUCT = "product"
    COMMAND = "command"
    # Found, but switched off in the store.
    BIN_INACTIVE = "bin_inactive"
    TOTE_INACTIVE = "tote_inactive"
    BADGE_INACTIVE = "badge_inactive"
    # Read correctly, not known at this station.
    UNKNOWN_CODE = "unknown_code"
    UNKNOWN_PRODUCT = "unknown_product"
    UNKNOWN_BIN = "unknown_bin"
    UNKNOWN_TOTE = "unknown_tote"
    UNKNOWN_ORDER = "unknown_order"
    UNKNOWN_BADGE = "unknown_badge"
    UNKNOWN_SSCC = "unknown_sscc"
    # Not read correctly (parse errors, same values as ParseErrorCode).
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_PRINTABLE = "not_printable"
    BAD_CHECK_DIGIT = "bad_check_digit"
    MALFORMED_GTIN = "malformed_gtin"
    MALFORMED_GS1 = "malformed_gs1"
    UNKNOWN_COMMAND = "unknown_command"
    BAD_COMMAND_QTY = "bad_command_qty"
    # The keyboard wedge gave up on a burst.
    INCOMPLETE = "incomplete"
    # A station set-up code (``app.domain.provisioning``): for the first-run screen only.
    SETUP_CODE = "setup_code"
    SETUP_VERSION = "setup_version"
    SETUP_MALFORMED = "setup_malformed"


OK_CODES = frozenset(
    {
        ScanCode.BIN,
        ScanCode.TOTE,
        ScanCode.ORDER,
        ScanCode.BADGE,
        ScanCode.PRODUCT,
        ScanCode.COMMAND,
    }
)


@dataclass(frozen=True, slots=True)
class BinScan:
    """A bin label. ``code`` is ``BIN_INACTIVE`` for a bin switched off in the store."""

    raw: str
    location: Location
    code: ScanCode = ScanCode.BIN

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class ToteScan:
    """A tote label. ``code`` is ``TOTE_INACTIVE`` for a retired tote."""

    raw: str
    tote: Tote
    code: ScanCode = ScanCode.TOTE

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class OrderScan:
    """An order document (pick list, packing slip). Its status is the flow's business."""

    raw: str
    order: Order
    code: ScanCode = ScanCode.ORDER

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class BadgeScan:
    """A person's badge. ``code`` is ``BADGE_INACTIVE`` for a user who may not log in."""

    raw: str
    user: User
    code: ScanCode = ScanCode.BADGE

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class ProductScan:
    """An item: by GTIN (plain or GS1), by another product barcode, or by SKU.

    Attributes:
        raw: the data as read.
        product: the product.
        matched: the product barcode that matched, ``""`` when the SKU did.
        qty: how many items this scan stands for: GS1 count (AI 30 or 37), else 1.
        gtin14: the GTIN as 14 digits, when the scan held one.
        lot: GS1 batch/lot (AI 10).
        expiry: GS1 expiry date (AI 17).
        serial: GS1 serial number (AI 21).
        net_weight_kg: GS1 net weight (AI 310n).
    """

    raw: str
    product: Product
    matched: str = ""
    qty: int = 1
    gtin14: str | None = None
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    net_weight_kg: Decimal | None = None
    code: ScanCode = ScanCode.PRODUCT

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class CommandScan:
    """A command barcode (see ``app.domain.commands``)."""

    raw: str
    command: Command
    code: ScanCode = ScanCode.COMMAND

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


@dataclass(frozen=True, slots=True)
class UnknownScan:
    """Read correctly, but nothing at this station has that code.

    ``code`` says what it looked like (``UNKNOWN_ORDER`` for ``SO-999999``...), so the
    operator hears "order not on this station" rather than a bare "unknown".
    """

    raw: str
    code: ScanCode = ScanCode.UNKNOWN_CODE

    @property
    def ok(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class InvalidScan:
    """Not read correctly: bad check digit, malformed GS1, too long, incomplete burst...

    Attributes:
        raw: the data as read (possibly very long: shorten before showing).
        code: what is wrong.
        detail: a technical sentence for the log (biip's message, for instance).
    """

    raw: str
    code: ScanCode
    detail: str = ""

    @property
    def ok(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class SetupScan:
    """A station set-up code. Only the first-run screen acts on one; anywhere else it
    is refused (a station in use is not set up again by a scan).

    Attributes:
        raw: the code's text with the token left out (``SetupCode.masked``): safe to
            show, log or record, as every ``raw`` is.
        setup: the code, or ``None`` when it is of another version or broken.
        code: ``SETUP_CODE``, ``SETUP_VERSION`` or ``SETUP_MALFORMED``.
    """

    raw: str
    setup: SetupCode | None
    code: ScanCode = ScanCode.SETUP_CODE

    @property
    def ok(self) -> bool:
        return False

    @classmethod
    def refused(cls, raw: str, fault: SetupCodeFault) -> SetupScan:
        """A set-up code that cannot be used; ``raw`` keeps only its version tag."""
        code = (
            ScanCode.SETUP_VERSION if fault is SetupCodeFault.VERSION else ScanCode.SETUP_MALFORMED
        )
        return cls(raw.split("|", 1)[0] + "|***", None, code)


Scan: TypeAlias = (
    BinScan
    | ToteScan
    | OrderScan
    | BadgeScan
    | ProductScan
    | CommandScan
    | UnknownScan
    | InvalidScan
    | SetupScan
)
"""The one typed value a scan becomes."""
