"""SSCC-18, the parcel's Serial Shipping Container Code (GS1 AI 00), and how a station
numbers its parcels so that no SSCC is ever issued twice.

An SSCC is 18 digits: an extension digit (0-9, the company's choice), the GS1 company
prefix (7-10 digits), a serial reference filling the rest up to 17 digits, and the GS1
mod-10 check digit (``app.domain.gtin``)::

    3 4012345 007 000042 5
    | |       |   |      +-- check digit
    | |       |   +--------- counter: the station's n-th parcel (16 - prefix - 3 digits)
    | |       +------------- station number, 001-999 (3 digits)
    | +--------------------- GS1 company prefix (7-10 digits)
    +----------------------- extension digit

**Never the same SSCC twice.** Stations of one site share the company prefix, and each
issues SSCCs on its own (offline included), so their ranges must not overlap: the
serial reference starts with the station's number (``Settings.sscc_station``), three
digits, and the station's durable counter fills the rest. Two stations with different
numbers can never make the same SSCC, whatever their counters; the only agreement the
site needs is one number per station (and per extension digit). Three fixed digits, not
a width chosen per site: a width that differed between two stations would let station
1's serials overlap station 12's, and nothing at one station could notice.

The counter (``app.store.sscc``) lives in the station database, keyed by (prefix,
extension, station); it is taken in the same transaction that stores the package, so a
restart never reuses a number that was committed. A number taken in a transaction that
is rolled back is given out again: it was never stored with a package, so it was never
printed (labels are printed from committed print jobs only).

**Capacity** per station and extension digit: ``10 ** (13 - len(prefix)) - 1``
SSCCs -- 999,999 with a 7-digit prefix, 99,999 with 8, 9,999 with 9, 999 with 10.
The counter never wraps: past the end, ``SsccErrorCode.EXHAUSTED`` is raised and no
SSCC is made; the site then gives the station another extension digit (a fresh range
of the same size; GS1 leaves the extension digit to the company for exactly this) or
another station number. GS1 allows reusing an SSCC a year after shipping; doing so
safely needs the shipping dates, which a station does not keep, so it does not.

Nothing here knows about settings or the database: callers build an :class:`SsccRange`
from ``Settings`` and ask the unit of work for the next number (``uow.sscc.next``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from app.domain.gtin import gtin_check_digit

SSCC_LENGTH: Final = 18
PREFIX_LENGTHS: Final = range(7, 11)
STATION_DIGITS: Final = 3
STATIONS: Final = range(1, 10**STATION_DIGITS)


class SsccErrorCode(enum.StrEnum):
    """Why no SSCC could be made."""

    PREFIX = "prefix"
    """The GS1 company prefix is not 7-10 digits (or is not set)."""
    EXTENSION = "extension"
    """The extension digit is not 0-9."""
    STATION = "station"
    """The station number is not 1-999 (or is not set)."""
    SERIAL = "serial"
    """The serial reference does not fit the digits the prefix leaves."""
    EXHAUSTED = "exhausted"
    """The station's range for this prefix and extension digit is used up."""


class SsccError(ValueError):
    """No SSCC: ``code`` says why (the message is for logs, not for people)."""

    def __init__(self, code: SsccErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _check_prefix(company_prefix: str) -> None:
    if not (_is_digits(company_prefix) and len(company_prefix) in PREFIX_LENGTHS):
        raise SsccError(
            SsccErrorCode.PREFIX, f"a GS1 company prefix is 7-10 digits, got {company_prefix!r}"
        )


def _check_extension(extension: int) -> None:
    if not 0 <= extension <= 9:
        raise SsccError(
            SsccErrorCode.EXTENSION, f"the SSCC extension digit is 0-9, got {extension}"
        )


def make_sscc(company_prefix: str, serial_reference: int, extension: int = 0) -> str:
    """The 18-digit SSCC: extension digit, company prefix, serial reference, check digit.

    Args:
        company_prefix: the GS1 company prefix, 7 to 10 digits.
        serial_reference: fits the ``16 - len(company_prefix)`` digits left.
        extension: 0-9.

    Raises:
        SsccError: ``PREFIX``, ``EXTENSION`` or ``SERIAL``.
    """
    _check_prefix(company_prefix)
    _check_extension(extension)
    width = 16 - len(company_prefix)
    if not 0 <= serial_reference < 10**width:
        raise SsccError(
            SsccErrorCode.SERIAL,
            f"serial reference {serial_reference} does not fit {width} digits after the "
            f"prefix {company_prefix}",
        )
    body = f"{extension}{company_prefix}{serial_reference:0{width}d}"
    return body + str(gtin_check_digit(body))


def is_valid_sscc(code: str) -> bool:
    """True for 18 ASCII digits whose last is the GS1 check digit of the others."""
    return (
        len(code) == SSCC_LENGTH
        and _is_digits(code)
        and gtin_check_digit(code[:-1]) == int(code[-1])
    )


def sscc_hri(sscc: str, prefix_length: int = 7) -> str:
    """The SSCC as people read it, under its barcode: ``(00) 3 4012345 007000042 5``
    (extension, company prefix, serial reference, check digit)."""
    end = 1 + prefix_length
    return f"(00) {sscc[0]} {sscc[1:end]} {sscc[end:17]} {sscc[17]}"


@dataclass(frozen=True, slots=True)
class SsccRange:
    """The SSCCs one station may issue: its counter's range (see the module docstring).

    Attributes:
        company_prefix: the site's GS1 company prefix.
        extension: the extension digit.
        station: the station's number, 1-999.

    Raises:
        SsccError: ``PREFIX``, ``EXTENSION`` or ``STATION`` (an unset prefix or station
            number included: nothing can be issued until both are set).
    """

    company_prefix: str
    extension: int
    station: int

    def __post_init__(self) -> None:
        _check_prefix(self.company_prefix)
        _check_extension(self.extension)
        if self.station not in STATIONS:
            raise SsccError(
                SsccErrorCode.STATION, f"the station number is 1-999, got {self.station}"
            )

    @property
    def counter_digits(self) -> int:
        return 16 - len(self.company_prefix) - STATION_DIGITS

    @property
    def capacity(self) -> int:
        """How many SSCCs the range holds (counters 1 to ``capacity``)."""
        return int(10**self.counter_digits) - 1

    def sscc(self, counter: int) -> str:
        """The range's ``counter``-th SSCC.

        Raises:
            SsccError: ``EXHAUSTED`` past the end of the range (``SERIAL`` below 1).
        """
        if counter > self.capacity:
            raise SsccError(
                SsccErrorCode.EXHAUSTED,
                f"station {self.station} has issued all {self.capacity} SSCCs of prefix "
                f"{self.company_prefix} with extension digit {self.extension}",
            )
        if counter < 1:
            raise SsccError(SsccErrorCode.SERIAL, f"SSCC counters start at 1, got {counter}")
        serial = self.station * 10**self.counter_digits + counter
        return make_sscc(self.company_prefix, serial, self.extension)

    def counter_of(self, sscc: str) -> int | None:
        """The counter that made ``sscc`` when it is one of this range's; else ``None``."""
        start = f"{self.extension}{self.company_prefix}{self.station:0{STATION_DIGITS}d}"
        if not (is_valid_sscc(sscc) and sscc.startswith(start)):
            return None
        counter = int(sscc[len(start) : 17])
        return counter if counter >= 1 else None
