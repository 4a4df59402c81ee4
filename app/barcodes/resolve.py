"""From a parsed read to the one ``Scan`` every screen uses, by looking it up in the store.

Precedence (the first step that answers wins; a lookup that finds nothing goes on):

====  ===========================================  =============================================
step  when                                         answer
====  ===========================================  =============================================
1     empty, too long, or control characters       ``InvalidScan`` (nothing is looked up)
2     ``#CMD:...``                                 ``CommandScan``, or ``InvalidScan`` for an
                                                   unknown command or a bad quantity
2b    ``SCANPACK<n>|...`` (a station set-up code)  ``SetupScan`` (its token left out of
                                                   ``raw``; ``app.domain.provisioning``)
3     GS1 element string (AIM ``]C1``/``]d2``/      ``ProductScan`` by its GTIN (AI 01/02) with
      ``]Q3``, a GS, HRI, or a ``01``/``00`` lead)  lot, expiry, serial, weight and count; else
                                                   ``UnknownScan`` (``UNKNOWN_PRODUCT``, or
                                                   ``UNKNOWN_SSCC`` for a pallet/parcel label)
4     a valid GTIN (EAN-8/13, UPC-A/E, GTIN-14)    ``ProductScan`` by any form of the GTIN
5     the code matches ``bin_pattern``,            ``BinScan`` / ``ToteScan`` / ``OrderScan`` /
      ``tote_pattern``, ``order_pattern``,         ``BadgeScan`` from that table, in this order
      ``badge_pattern``                            (``*_INACTIVE`` when switched off)
6     a product barcode of any kind, exactly       ``ProductScan`` (Code 128 item labels)
7     a product SKU, exactly                       ``ProductScan``
8     tables whose pattern is empty                as step 5, looked up without a pattern
9     the read had a parse error                   ``InvalidScan`` (bad check digit, malformed)
10    nothing found                                ``UnknownScan``, its code saying what the
                                                   code looked like (order, bin, product...)
====  ===========================================  =============================================

Commands come first so nothing in the store can shadow them. A GTIN or pattern match
that finds nothing still goes on to the later steps, so a site whose order numbers
happen to be 13 digits with a valid check digit still finds its orders. A read with a
parse error still gets steps 5-8 (a 13-digit internal code with a "wrong" check digit
may be a product's Code 128 barcode); only when nothing matches is it ``InvalidScan``.
Codes longer than 64 characters, or holding a GS, skip steps 5-8: nothing in the store
can have them.

Resolution only reads. Give it a ``ScanLookup``; ``StoreLookup`` implements one over a
unit of work (a read-only one is enough, and cheaper)::

    with store.unit_of_work(readonly=True) as uow:
        scan = resolve(parse(raw.text, raw.symbology), StoreLookup(uow), patterns)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.barcodes.parse import CodeKind, Parsed, ParseErrorCode, parse
from app.domain.model import Location, Order, Product, Tote, User
from app.domain.provisioning import SetupCodeError, looks_like_setup, read_setup_code
from app.domain.scan import (
    MAX_CODE_LENGTH,
    BadgeScan,
    BinScan,
    CommandScan,
    InvalidScan,
    OrderScan,
    ProductScan,
    RawScan,
    Scan,
    ScanCode,
    SetupScan,
    ToteScan,
    UnknownScan,
)
from app.domain.symbology import GS

if TYPE_CHECKING:
    from app.barcodes.wedge import Rejected
    from app.config import Settings
    from app.store.uow import UnitOfWork

__all__ = [
    "CodePatterns",
    "ScanLookup",
    "StoreLookup",
    "rejected_scan",
    "resolve",
    "resolve_raw",
]


class ScanLookup(Protocol):
    """What resolution needs from the store: exact-key reads, each ``None`` when absent."""

    def product_by_barcode(self, code: str) -> Product | None: ...

    def product_by_sku(self, sku: str) -> Product | None: ...

    def location(self, code: str) -> Location | None: ...

    def tote(self, code: str) -> Tote | None: ...

    def order(self, order_number: str) -> Order | None: ...

    def user_by_badge(self, badge_code: str) -> User | None: ...


class StoreLookup:
    """``ScanLookup`` over an open unit of work (every read is by primary or unique key)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def product_by_barcode(self, code: str) -> Product | None:
        return self._uow.products.by_barcode(code)

    def product_by_sku(self, sku: str) -> Product | None:
        return self._uow.products.by_sku(sku)

    def location(self, code: str) -> Location | None:
        return self._uow.locations.by_code(code)

    def tote(self, code: str) -> Tote | None:
        return self._uow.totes.by_code(code)

    def order(self, order_number: str) -> Order | None:
        return self._uow.orders.get(order_number)

    def user_by_badge(self, badge_code: str) -> User | None:
        return self._uow.users.by_badge(badge_code)


@dataclass(frozen=True, slots=True)
class CodePatterns:
    """What bin, tote, order and badge codes look like; ``None`` looks every code up."""

    bin: re.Pattern[str] | None
    tote: re.Pattern[str] | None
    order: re.Pattern[str] | None
    badge: re.Pattern[str] | None

    @classmethod
    def from_settings(cls, settings: Settings) -> CodePatterns:
        """The patterns of ``settings`` (``Settings.validate`` has checked they compile).

        Raises:
            re.error: a pattern does not compile.
        """

        def compiled(pattern: str) -> re.Pattern[str] | None:
            return re.compile(pattern) if pattern else None

        return cls(
            bin=compiled(settings.bin_pattern),
            tote=compiled(settings.tote_pattern),
            order=compiled(settings.order_pattern),
            badge=compiled(settings.badge_pattern),
        )


_UNREADABLE = frozenset(
    {ParseErrorCode.EMPTY, ParseErrorCode.TOO_LONG, ParseErrorCode.NOT_PRINTABLE}
)


def resolve(parsed: Parsed, lookup: ScanLookup, patterns: CodePatterns) -> Scan:
    """The one ``Scan`` that ``parsed`` is at this station (precedence in the module doc).

    Never raises for any read; errors of the lookup itself (a broken database) do.
    """
    raw = parsed.text
    error = parsed.error
    if error is not None and error.code in _UNREADABLE:
        return InvalidScan(raw, ScanCode(error.code.value), error.detail)
    if parsed.kind is CodeKind.COMMAND:
        if parsed.command is not None:
            return CommandScan(raw, parsed.command)
        assert error is not None
        return InvalidScan(raw, ScanCode(error.code.value), error.detail)
    if looks_like_setup(raw):
        return _setup(raw)
    if parsed.kind is CodeKind.GS1 and error is None:
        return _gs1(parsed, lookup)
    hint = ScanCode.UNKNOWN_CODE
    if parsed.kind is CodeKind.GTIN and error is None:
        found = _product_by_gtin(parsed, lookup)
        if found is not None:
            return found
        hint = ScanCode.UNKNOWN_PRODUCT
    elif parsed.kind is CodeKind.SSCC:
        hint = ScanCode.UNKNOWN_SSCC
    if len(raw) <= MAX_CODE_LENGTH and GS not in raw:
        unpatterned = []
        for target, pattern in _targets(patterns):
            if pattern is None:
                unpatterned.append(target)
            elif pattern.fullmatch(raw):
                scan = _lookup(target, raw, lookup)
                if scan is not None:
                    return scan
                if hint is ScanCode.UNKNOWN_CODE:
                    hint = _UNKNOWN[target]
        if raw not in parsed.gtin_forms:
            product = lookup.product_by_barcode(raw)
            if product is not None:
                return ProductScan(raw, product, matched=raw)
        product = lookup.product_by_sku(raw)
        if product is not None:
            return ProductScan(raw, product)
        for target in unpatterned:
            scan = _lookup(target, raw, lookup)
            if scan is not None:
                return scan
    if error is not None:
        return InvalidScan(raw, ScanCode(error.code.value), error.detail)
    return UnknownScan(raw, hint)


def resolve_raw(raw: RawScan, lookup: ScanLookup, patterns: CodePatterns) -> Scan:
    """``resolve(parse(raw.text, raw.symbology), ...)``: a read from any input, resolved."""
    return resolve(parse(raw.text, raw.symbology), lookup, patterns)


def rejected_scan(rejected: Rejected) -> InvalidScan:
    """A burst the keyboard wedge refused, as the ``Scan`` a screen shows."""
    return InvalidScan(
        rejected.head, ScanCode(rejected.reason.value), f"{rejected.length} keys in the burst"
    )


_BIN, _TOTE, _ORDER, _BADGE = "bin", "tote", "order", "badge"
_UNKNOWN = {
    _BIN: ScanCode.UNKNOWN_BIN,
    _TOTE: ScanCode.UNKNOWN_TOTE,
    _ORDER: ScanCode.UNKNOWN_ORDER,
    _BADGE: ScanCode.UNKNOWN_BADGE,
}


def _targets(patterns: CodePatterns) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
    return (
        (_BIN, patterns.bin),
        (_TOTE, patterns.tote),
        (_ORDER, patterns.order),
        (_BADGE, patterns.badge),
    )


def _lookup(target: str, raw: str, lookup: ScanLookup) -> Scan | None:
    if target == _BIN:
        location = lookup.location(raw)
        if location is not None:
            code = ScanCode.BIN if location.active else ScanCode.BIN_INACTIVE
            return BinScan(raw, location, code)
    elif target == _TOTE:
        tote = lookup.tote(raw)
        if tote is not None:
            return ToteScan(raw, tote, ScanCode.TOTE if tote.active else ScanCode.TOTE_INACTIVE)
    elif target == _ORDER:
        order = lookup.order(raw)
        if order is not None:
            return OrderScan(raw, order)
    else:
        user = lookup.user_by_badge(raw)
        if user is not None:
            return BadgeScan(raw, user, ScanCode.BADGE if user.active else ScanCode.BADGE_INACTIVE)
    return None


def _product_by_gtin(parsed: Parsed, lookup: ScanLookup) -> ProductScan | None:
    for form in parsed.gtin_forms:
        product = lookup.product_by_barcode(form)
        if product is not None:
            return ProductScan(
                parsed.text,
                product,
                matched=form,
                qty=parsed.count or 1,
                gtin14=parsed.gtin14,
                lot=parsed.lot,
                expiry=parsed.expiry,
                serial=parsed.serial,
                net_weight_kg=parsed.net_weight_kg,
            )
    return None


def _setup(raw: str) -> SetupScan:
    try:
        code = read_setup_code(raw)
    except SetupCodeError as error:
        return SetupScan.refused(raw, error.fault)
    return SetupScan(code.masked, code)


def _gs1(parsed: Parsed, lookup: ScanLookup) -> Scan:
    if parsed.gtin14 is not None:
        found = _product_by_gtin(parsed, lookup)
        if found is not None:
            return found
        return UnknownScan(parsed.text, ScanCode.UNKNOWN_PRODUCT)
    if parsed.sscc is not None:
        return UnknownScan(parsed.text, ScanCode.UNKNOWN_SSCC)
    return UnknownScan(parsed.text, ScanCode.UNKNOWN_CODE)
