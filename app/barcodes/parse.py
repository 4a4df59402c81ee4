"""Reading what a scan says: GTINs normalised, GS1 element strings parsed, commands read.

``parse(raw, symbology)`` never raises: whatever comes in, the answer is a ``Parsed``
whose ``error`` is ``None`` or a ``ParseError`` with a typed code. It looks nothing up;
``app.barcodes.resolve`` does that.

How the data is read, in order:

1. Longer than ``MAX_SCAN_LENGTH`` -> ``TOO_LONG`` (nothing else is looked at).
2. A leading AIM symbology identifier (``]C1``, ``]E0``, ``]d2``, ``]Q3``...) is removed
   and sets the symbology, unless the caller already knew the symbology.
3. Surrounding white space goes (Python counts GS as white space, so a leading or
   trailing GS goes too; it carries nothing there).
4. ``#CMD:...`` -> a command (``app.domain.commands``) or ``UNKNOWN_COMMAND`` /
   ``BAD_COMMAND_QTY``.
5. A control character other than GS -> ``NOT_PRINTABLE``.
6. GS1 element strings, read by biip, when the symbology is a GS1 one (``]C1``, ``]d2``,
   ``]Q3``), when the data holds a GS, when it is typed as HRI (``(01)0401...(17)2612...``),
   or when it starts like a GS1 label (``00`` + 18 digits, ``01``/``02`` + 14 digits)
   and biip reads all of it. A scanner that cannot send GS still works when every
   variable-length AI but the last is preceded only by fixed-length ones (the usual
   ``01`` + ``17`` + ``10`` layout). A wrong GTIN or SSCC check digit inside is
   ``BAD_CHECK_DIGIT``, anything else biip refuses (unknown AI, impossible date,
   missing data) ``MALFORMED_GS1``.
7. Digits only, 8, 12, 13 or 14 of them: a GTIN (EAN-8, UPC-A, EAN-13, GTIN-14), and
   8 digits that are not a valid EAN-8 are tried as UPC-E. UPC-E (also 6 and 7 digits
   when the symbology says UPC-E) is expanded to UPC-A. A wrong check digit is
   ``BAD_CHECK_DIGIT``; an EAN/UPC symbology with anything but a GTIN is ``MALFORMED_GTIN``.
   18 digits with a valid check digit are an SSCC.
8. Anything else is plain text (a bin, tote, order, badge, SKU or other product barcode,
   for resolution to find out).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain import commands
from app.domain.commands import Command
from app.domain.gtin import gtin_check_digit, is_valid_gtin
from app.domain.scan import MAX_CODE_LENGTH, MAX_SCAN_LENGTH
from app.domain.symbology import AIM_IDS, GS, Symbology

if TYPE_CHECKING:
    # biip (~0.1 s to import) loads with the first GS1 or UPC-E read, or from
    # ``warm_up`` (the kiosk calls it after its first frame), not with the kiosk.
    from biip.gs1_messages import GS1Message

__all__ = [
    "CodeKind",
    "ParseError",
    "ParseErrorCode",
    "Parsed",
    "parse",
    "split_aim",
]


class ParseErrorCode(enum.StrEnum):
    """What is wrong with a read (values are also ``ScanCode`` members)."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_PRINTABLE = "not_printable"
    BAD_CHECK_DIGIT = "bad_check_digit"
    MALFORMED_GTIN = "malformed_gtin"
    MALFORMED_GS1 = "malformed_gs1"
    UNKNOWN_COMMAND = "unknown_command"
    BAD_COMMAND_QTY = "bad_command_qty"


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why a read cannot be used: a code for the operator, a detail for the log."""

    code: ParseErrorCode
    detail: str = ""


class CodeKind(enum.StrEnum):
    """What the data looked like."""

    TEXT = "text"
    GTIN = "gtin"
    GS1 = "gs1"
    SSCC = "sscc"
    COMMAND = "command"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A read, understood as far as possible without the store.

    Attributes:
        raw: the input exactly as given.
        text: the data: AIM identifier and surrounding white space removed, GS kept.
        symbology: from the caller or the AIM identifier.
        kind: what the data looked like (also set when ``error`` is).
        aim: the AIM identifier removed here, or ``""``.
        gtin: the GTIN as scanned (8, 12, 13 or 14 digits; a UPC-E as its UPC-A).
        gtin14: the same GTIN as 14 digits.
        sscc: the SSCC (18 digits), plain or from AI 00.
        lot: batch/lot, AI 10.
        expiry: expiry date, AI 17.
        serial: serial number, AI 21.
        net_weight_kg: net weight in kg, AI 3100-3105.
        count: items contained, AI 30 (variable count) or 37 (count of trade items).
        elements: every GS1 (AI, value) pair in order, for what is not a field above.
        command: the command of a ``#CMD:`` barcode.
        error: ``None`` when the read is sound.
        alt_gtin14: the UPC-E reading (as 14 digits) of 8 digits, without a symbology,
            that are a valid EAN-8 and a valid UPC-E alike; ``gtin`` is the EAN-8.
    """

    raw: str
    text: str
    symbology: Symbology = Symbology.UNKNOWN
    kind: CodeKind = CodeKind.TEXT
    aim: str = ""
    gtin: str | None = None
    gtin14: str | None = None
    sscc: str | None = None
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    net_weight_kg: Decimal | None = None
    count: int | None = None
    elements: tuple[tuple[str, str], ...] = ()
    command: Command | None = None
    error: ParseError | None = None
    alt_gtin14: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def net_weight_g(self) -> Decimal | None:
        return None if self.net_weight_kg is None else self.net_weight_kg * 1000

    @property
    def gtin_forms(self) -> tuple[str, ...]:
        """Every form a product barcode may hold this GTIN in, the scanned form first.

        The same GTIN is printed as EAN-13 ``4012345000016``, carried in GS1 as
        ``04012345000016``, and a UPC-A ``036000291452`` arrives from some scanners as
        ``0036000291452``; the store keeps whichever form the catalogue had.
        """
        if self.gtin14 is None:
            return ()
        forms = [self.gtin] if self.gtin else []
        for g14 in (self.gtin14, self.alt_gtin14):
            if g14 is not None:
                forms.extend(
                    g14[14 - n :]
                    for n in (8, 12, 13, 14)
                    if g14[: 14 - n].strip("0") == "" and g14[14 - n :] not in forms
                )
        return tuple(forms)


_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# When a scanner sends an AIM identifier that is not in AIM_IDS, its code character
# still tells the family (ISO/IEC 15424).
_AIM_FAMILY = {
    "C": Symbology.CODE128,
    "E": Symbology.EAN13,
    "I": Symbology.ITF,
    "A": Symbology.CODE39,
    "Q": Symbology.QR,
    "d": Symbology.DATAMATRIX,
}
_EAN_UPC = frozenset({Symbology.EAN13, Symbology.EAN8, Symbology.UPCA, Symbology.UPCE})
_HRI = re.compile(r"\(\d{2,4}\)")
# A GS1 label scanned without AIM and without GS: SSCC, or GTIN of the item or content.
_GS1_LEAD = re.compile(r"00\d{18}|0[12]\d{14}")


def _gs1_errors() -> tuple[type[Exception], ...]:
    """What biip may raise on a bad read: its ParseError for what it expects; the others
    guard against a biip bug turning a bad scan into a crash at the station."""
    import biip

    return (biip.ParseError, ValueError, IndexError, ArithmeticError)


def warm_up() -> None:
    """Load what GS1 and UPC-E reads need now, so that the first one does not wait."""
    import biip.gs1_messages
    import biip.upc  # noqa: F401


def split_aim(data: str) -> tuple[str, Symbology, str]:
    """Split a leading AIM symbology identifier off ``data``.

    Returns:
        ``(aim, symbology, rest)``; ``("", Symbology.UNKNOWN, data)`` when ``data``
        does not start with one.
    """
    if not _AIM.match(data):
        return "", Symbology.UNKNOWN, data
    aim = data[:3]
    symbology = AIM_IDS.get(aim) or _AIM_FAMILY.get(aim[1], Symbology.UNKNOWN)
    return aim, symbology, data[3:]


def parse(raw: str, symbology: Symbology = Symbology.UNKNOWN) -> Parsed:
    """Read ``raw`` (see the module docstring for the rules, in order).

    Args:
        raw: the data of one read, possibly with an AIM identifier in front.
        symbology: what the input already knows (a camera decoder); ``UNKNOWN`` lets a
            leading AIM identifier decide.
    """
    if len(raw) > MAX_SCAN_LENGTH:
        return Parsed(
            raw,
            raw[:MAX_CODE_LENGTH],
            symbology,
            error=ParseError(ParseErrorCode.TOO_LONG, f"{len(raw)} characters"),
        )
    aim = ""
    data = raw
    if symbology is Symbology.UNKNOWN:
        aim, symbology, data = split_aim(raw)
    text = data.strip()
    base = Parsed(raw, text, symbology, aim=aim)
    if not text:
        return _with(base, error=ParseError(ParseErrorCode.EMPTY))
    if commands.is_command(text):
        return _parse_command(base)
    if not text.isprintable() and not text.replace(GS, "").isprintable():
        return _with(base, error=ParseError(ParseErrorCode.NOT_PRINTABLE, repr(text[:64])))
    if symbology.is_gs1 or GS in data or _HRI.match(text):
        message, why = _read_gs1(text)
        if message is None:
            return _with(
                base, kind=CodeKind.GS1, error=ParseError(ParseErrorCode.MALFORMED_GS1, why)
            )
        return _gs1(base, message)
    if symbology not in _EAN_UPC and _GS1_LEAD.match(text):
        message, _ = _read_gs1(text)
        if message is not None:  # else: not GS1 after all, but some other code
            return _gs1(base, message)
    if text.isascii() and text.isdigit():
        return _parse_digits(base)
    if symbology in _EAN_UPC:
        return _with(
            base, kind=CodeKind.GTIN, error=ParseError(ParseErrorCode.MALFORMED_GTIN, "not digits")
        )
    return base


def _with(base: Parsed, **changes: Any) -> Parsed:
    return dataclasses.replace(base, **changes)


def _parse_command(base: Parsed) -> Parsed:
    try:
        command = commands.parse_command(base.text)
    except commands.CommandError as exc:
        return _with(
            base, kind=CodeKind.COMMAND, error=ParseError(ParseErrorCode(exc.code), str(exc))
        )
    return _with(base, kind=CodeKind.COMMAND, command=command)


def _read_gs1(text: str) -> tuple[GS1Message | None, str]:
    """biip's reading of ``text`` (HRI when it starts with ``(``), or ``None`` and why not."""
    from biip.gs1_messages import GS1Message

    try:
        return (GS1Message.parse_hri(text) if text[0] == "(" else GS1Message.parse(text)), ""
    except _gs1_errors() as exc:
        return None, str(exc)[:200]


def _gs1(base: Parsed, message: GS1Message) -> Parsed:
    """``base`` with the fields of a GS1 message biip has read."""
    fields: dict[str, Any] = {"kind": CodeKind.GS1}
    elements = []
    problems: list[ParseError] = []
    for element in message.element_strings:
        ai, value = element.ai.ai, element.value
        elements.append((ai, value))
        check_error = element.gtin_error or element.sscc_error or element.gln_error
        if check_error:
            problems.append(ParseError(ParseErrorCode.BAD_CHECK_DIGIT, check_error))
        if ai in ("01", "02") and element.gtin is not None and "gtin" not in fields:
            fields["gtin14"] = value
            fields["gtin"] = value
        elif ai == "00" and element.sscc is not None:
            fields["sscc"] = value
        elif ai == "10":
            fields["lot"] = value
        elif ai == "17":
            fields["expiry"] = element.date
        elif ai == "21":
            fields["serial"] = value
        elif ai[:3] == "310" and ai[3] in "012345":
            fields["net_weight_kg"] = element.decimal
        elif ai in ("30", "37"):
            # biip lets an empty count through (AI 30 with nothing after it).
            fields["count"] = int(value) if value.isdigit() else 0
            if not fields["count"]:
                problems.append(ParseError(ParseErrorCode.MALFORMED_GS1, f"AI {ai}: a count of 0"))
    fields["elements"] = tuple(elements)
    if problems:
        fields["error"] = problems[0]
    return _with(base, **fields)


def _parse_digits(base: Parsed) -> Parsed:
    text, symbology = base.text, base.symbology
    n = len(text)
    if symbology is Symbology.UPCE or (n == 8 and symbology is not Symbology.EAN8):
        upc_a = _expand_upc_e(text)
        if symbology is Symbology.UPCE:
            return _bad_gtin(base) if upc_a is None else _gtin(base, upc_a)
        if upc_a is not None:
            if not is_valid_gtin(text):
                return _gtin(base, upc_a)
            return _with(_gtin(base, text), alt_gtin14=upc_a.zfill(14))
    if n in (8, 12, 13, 14):
        if is_valid_gtin(text):
            return _gtin(base, text)
        return _bad_gtin(base)
    if n == 18 and symbology is Symbology.UNKNOWN and _check_digit_ok(text):
        return _with(base, kind=CodeKind.SSCC, sscc=text)
    if symbology in _EAN_UPC:
        return _with(
            base, kind=CodeKind.GTIN, error=ParseError(ParseErrorCode.MALFORMED_GTIN, f"{n} digits")
        )
    return base


def _gtin(base: Parsed, gtin: str) -> Parsed:
    return _with(base, kind=CodeKind.GTIN, gtin=gtin, gtin14=gtin.zfill(14))


def _bad_gtin(base: Parsed) -> Parsed:
    n = len(base.text)
    if n in (6, 7, 8, 12, 13, 14):
        error = ParseError(ParseErrorCode.BAD_CHECK_DIGIT, f"check digit of {base.text} is wrong")
    else:
        error = ParseError(ParseErrorCode.MALFORMED_GTIN, f"{n} digits")
    return _with(base, kind=CodeKind.GTIN, error=error)


def _expand_upc_e(text: str) -> str | None:
    """The UPC-A of a UPC-E (6, 7 or 8 digits), or ``None`` when it is not a valid one."""
    if len(text) not in (6, 7, 8):
        return None
    from biip.upc import Upc

    try:
        return Upc.parse(text).as_upc_a()
    except _gs1_errors():
        return None


def _check_digit_ok(digits: str) -> bool:
    """The GS1 mod-10 check of any length (SSCC: 18 digits)."""
    return gtin_check_digit(digits[:-1]) == int(digits[-1])
