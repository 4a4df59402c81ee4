"""resolve(): one typed Scan per read, looked up in a real station store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from app.barcodes import messages
from app.barcodes.parse import parse
from app.barcodes.resolve import CodePatterns, StoreLookup, rejected_scan, resolve, resolve_raw
from app.barcodes.wedge import Rejected, RejectReason
from app.config import PatternFault, Problem, ProblemCode, Settings
from app.domain.commands import Command, CommandName
from app.domain.gtin import with_check_digit
from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Priority,
    Product,
    Role,
    Tote,
    User,
)
from app.domain.scan import (
    BadgeScan,
    BinScan,
    CommandScan,
    InvalidScan,
    OrderScan,
    ProductScan,
    RawScan,
    Scan,
    ScanCode,
    ToteScan,
    UnknownScan,
)
from app.domain.symbology import GS, Symbology
from app.store import LocalStore, open_store

CUTOFF = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def demo_ean13(index: int) -> str:
    return with_check_digit(f"40123450{index:04d}")


def demo_upca(index: int) -> str:
    return with_check_digit(f"0361230{index:04d}")


def demo_case(index: int) -> str:
    return with_check_digit(f"140123450{index:04d}")


INTERNAL_13 = "1234567890123"  # 13 digits with a wrong GS1 check digit: a Code 128 label


def demo_products() -> list[Product]:
    """Products in the demo's code formats, plus two with non-GTIN barcodes."""
    products = []
    for index in range(12):
        barcodes = [Barcode(demo_ean13(index), BarcodeKind.EAN13)]
        if index % 3 == 0:
            barcodes.append(Barcode(demo_upca(index), BarcodeKind.UPCA))
        if index % 5 == 0:
            barcodes.append(Barcode(demo_case(index), BarcodeKind.GTIN14))
        products.append(
            Product(
                f"SKU-{10001 + index}",
                f"Widget {index}",
                tuple(barcodes),
                location="A-01-01-1",
                active=index != 11,
            )
        )
    products.append(Product("SKU-20001", "Cable", (Barcode("ITEM-778899", BarcodeKind.OTHER),)))
    products.append(Product("SKU-20002", "Plug", (Barcode(INTERNAL_13, BarcodeKind.OTHER),)))
    # A barcode that reads like a command: commands must still win.
    products.append(Product("SKU-20003", "Odd", (Barcode("#CMD:UNDO", BarcodeKind.OTHER),)))
    return products


def demo_order(number: str, status: OrderStatus = OrderStatus.OPEN) -> Order:
    return Order(
        number,
        Priority.NORMAL,
        CUTOFF,
        [OrderLine(1, "SKU-10001", 2, location="A-01-01-1"), OrderLine(2, "SKU-10002", 1)],
        status=status,
    )


def build_floor(store: LocalStore) -> None:
    """A small floor in the demo's code formats (README "Demo data")."""
    with store.unit_of_work() as uow:
        for product in demo_products():
            uow.products.save(product)
        uow.locations.save(Location("A-01-01-1", "A", "01", 10))
        uow.locations.save(Location("A-01-02-3", "A", "01", 20))
        uow.locations.save(Location("E-06-04-4", "E", "06", 4800, active=False))
        uow.totes.save(Tote("T-0001"))
        uow.totes.save(Tote("T-0040", active=False))
        uow.users.save(User("ana", "Ana", "B-1001", frozenset({Role.PICKER})))
        uow.users.save(User("old", "Old", "B-1099", frozenset({Role.PICKER}), active=False))
        uow.orders.save(demo_order("SO-100001"))
        uow.orders.save(demo_order("SO-100002", OrderStatus.PICKED))
        uow.commit()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with open_store(tmp_path / "station.db") as opened:
        build_floor(opened)
        yield opened


PATTERNS = CodePatterns.from_settings(Settings())


def scan_of(
    store: LocalStore,
    raw: str,
    symbology: Symbology = Symbology.UNKNOWN,
    patterns: CodePatterns = PATTERNS,
) -> Scan:
    with store.unit_of_work(readonly=True) as uow:
        return resolve(parse(raw, symbology), StoreLookup(uow), patterns)


def test_bin_tote_order_badge_by_the_demo_formats(store: LocalStore) -> None:
    bin_scan = scan_of(store, "A-01-02-3")
    assert isinstance(bin_scan, BinScan)
    assert (bin_scan.location.code, bin_scan.code, bin_scan.ok) == ("A-01-02-3", ScanCode.BIN, True)
    tote = scan_of(store, "T-0001")
    assert isinstance(tote, ToteScan)
    assert tote.tote.code == "T-0001"
    order = scan_of(store, "SO-100002")
    assert isinstance(order, OrderScan)
    assert order.order.status is OrderStatus.PICKED
    assert [line.sku for line in order.order.lines] == ["SKU-10001", "SKU-10002"]
    badge = scan_of(store, "B-1001")
    assert isinstance(badge, BadgeScan)
    assert badge.user.username == "ana"


@pytest.mark.parametrize(
    ("raw", "cls", "code"),
    [
        ("E-06-04-4", BinScan, ScanCode.BIN_INACTIVE),
        ("T-0040", ToteScan, ScanCode.TOTE_INACTIVE),
        ("B-1099", BadgeScan, ScanCode.BADGE_INACTIVE),
    ],
)
def test_switched_off_entities_are_found_but_not_ok(
    store: LocalStore, raw: str, cls: type, code: ScanCode
) -> None:
    scan = scan_of(store, raw)
    assert isinstance(scan, cls)
    assert scan.code is code
    assert not scan.ok


@pytest.mark.parametrize(
    ("raw", "symbology", "sku", "matched"),
    [
        (demo_ean13(1), Symbology.UNKNOWN, "SKU-10002", demo_ean13(1)),
        ("]E0" + demo_ean13(1), Symbology.UNKNOWN, "SKU-10002", demo_ean13(1)),
        (demo_upca(3), Symbology.UNKNOWN, "SKU-10004", demo_upca(3)),
        ("0" + demo_upca(3), Symbology.EAN13, "SKU-10004", demo_upca(3)),  # UPC-A as EAN-13
        (demo_case(5), Symbology.ITF14, "SKU-10006", demo_case(5)),
        ("SKU-10003", Symbology.UNKNOWN, "SKU-10003", ""),
        ("ITEM-778899", Symbology.CODE128, "SKU-20001", "ITEM-778899"),
        (INTERNAL_13, Symbology.UNKNOWN, "SKU-20002", INTERNAL_13),  # "bad" check digit
        ("SKU-10012", Symbology.UNKNOWN, "SKU-10012", ""),  # inactive product: still found
    ],
)
def test_products_by_any_gtin_form_barcode_or_sku(
    store: LocalStore, raw: str, symbology: Symbology, sku: str, matched: str
) -> None:
    scan = scan_of(store, raw, symbology)
    assert isinstance(scan, ProductScan), scan
    assert (scan.product.sku, scan.matched, scan.qty, scan.ok) == (sku, matched, 1, True)


def test_a_gs1_label_carries_lot_expiry_serial_weight_and_count(store: LocalStore) -> None:
    gtin14 = "0" + demo_ean13(2)
    raw = f"]C101{gtin14}1727031510L-42{GS}21S-0001{GS}3102012345{GS}306"
    scan = scan_of(store, raw)
    assert isinstance(scan, ProductScan)
    assert scan.product.sku == "SKU-10003"
    assert scan.matched == demo_ean13(2)
    assert scan.gtin14 == gtin14
    assert (scan.lot, scan.serial, scan.expiry) == ("L-42", "S-0001", date(2027, 3, 15))
    assert scan.net_weight_kg == Decimal("123.45")
    assert scan.qty == 6


def test_a_gs1_label_from_a_scanner_that_sends_no_gs(store: LocalStore) -> None:
    scan = scan_of(store, f"010{demo_ean13(4)}1727031510L-42")
    assert isinstance(scan, ProductScan)
    assert (scan.product.sku, scan.lot) == ("SKU-10005", "L-42")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("SO-999999", ScanCode.UNKNOWN_ORDER),
        ("A-09-09-9", ScanCode.UNKNOWN_BIN),
        ("T-9999", ScanCode.UNKNOWN_TOTE),
        ("B-7777", ScanCode.UNKNOWN_BADGE),
        (demo_ean13(99), ScanCode.UNKNOWN_PRODUCT),
        (f"]C101{'0' + demo_ean13(99)}10X", ScanCode.UNKNOWN_PRODUCT),
        ("340123450000000017", ScanCode.UNKNOWN_SSCC),
        ("]C100340123450000000017", ScanCode.UNKNOWN_SSCC),
        ("]C11012345", ScanCode.UNKNOWN_CODE),  # GS1 with only a lot
        ("123", ScanCode.UNKNOWN_CODE),
        ("hello world", ScanCode.UNKNOWN_CODE),
    ],
)
def test_unknown_codes_say_what_they_looked_like(
    store: LocalStore, raw: str, code: ScanCode
) -> None:
    scan = scan_of(store, raw)
    assert isinstance(scan, UnknownScan)
    assert scan.code is code
    assert not scan.ok


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", ScanCode.EMPTY),
        ("x" * 5000, ScanCode.TOO_LONG),
        ("A\x00", ScanCode.NOT_PRINTABLE),
        (demo_ean13(1)[:-1] + "0", ScanCode.BAD_CHECK_DIGIT),
        (f"]C101{'0' + demo_ean13(1)[:-1]}0", ScanCode.BAD_CHECK_DIGIT),
        ("]C1017", ScanCode.MALFORMED_GS1),
        ("#CMD:JUMP", ScanCode.UNKNOWN_COMMAND),
        ("#CMD:QTY:0", ScanCode.BAD_COMMAND_QTY),
    ],
)
def test_unreadable_scans_are_invalid_with_a_code(
    store: LocalStore, raw: str, code: ScanCode
) -> None:
    scan = scan_of(store, raw)
    assert isinstance(scan, InvalidScan)
    assert scan.code is code
    assert not scan.ok


def test_commands_come_first(store: LocalStore) -> None:
    # SKU-20003 carries the barcode "#CMD:UNDO"; the command still wins.
    assert scan_of(store, "#CMD:UNDO") == CommandScan("#CMD:UNDO", Command(CommandName.UNDO))
    scan = scan_of(store, "#cmd:qty:12")
    assert isinstance(scan, CommandScan)
    assert scan.command.qty == 12


def test_configured_patterns_replace_the_demo_formats(store: LocalStore, tmp_path: Path) -> None:
    with store.unit_of_work() as uow:
        uow.orders.save(demo_order("12345670"))  # 8 digits that are also a valid EAN-8
        uow.orders.save(demo_order("WEB-77"))
        uow.locations.save(Location("DOCK7", "D", "0", 1))
        uow.commit()
    settings = Settings(order_pattern=r"\d{8}|WEB-\d+", bin_pattern="")
    assert settings.validate() == []
    patterns = CodePatterns.from_settings(settings)
    assert patterns.bin is None
    for number in ("12345670", "WEB-77"):
        scan = scan_of(store, number, patterns=patterns)
        assert isinstance(scan, OrderScan)
        assert scan.order.order_number == number
    # An empty pattern looks every code up in that table, after products.
    dock = scan_of(store, "DOCK7", patterns=patterns)
    assert isinstance(dock, BinScan)
    # And the demo order format no longer looks like an order.
    assert scan_of(store, "SO-100001", patterns=patterns) == UnknownScan("SO-100001")


def test_a_bad_pattern_is_refused_by_settings_and_patterns() -> None:
    settings = Settings(tote_pattern="T-(\\d{4}")
    assert settings.validate() == [
        Problem(ProblemCode.PATTERN, "tote_pattern", {"fault": PatternFault.UNCLOSED, "at": 3})
    ]
    with pytest.raises(re.error):
        CodePatterns.from_settings(settings)


def test_resolve_raw_and_rejected_bursts(store: LocalStore) -> None:
    with store.unit_of_work(readonly=True) as uow:
        lookup = StoreLookup(uow)
        raw = RawScan(f"01{'0' + demo_ean13(0)}10L1", Symbology.GS1_128, "]C1")
        scan = resolve_raw(raw, lookup, PATTERNS)
    assert isinstance(scan, ProductScan)
    assert (scan.product.sku, scan.lot) == ("SKU-10001", "L1")
    rejected = rejected_scan(Rejected(RejectReason.TOO_LONG, 10_000, "9" * 64))
    assert rejected == InvalidScan("9" * 64, ScanCode.TOO_LONG, "10000 keys in the burst")
    assert rejected_scan(Rejected(RejectReason.INCOMPLETE, 8, "SKU-1032")).code is (
        ScanCode.INCOMPLETE
    )


def test_resolution_only_reads(store: LocalStore) -> None:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        for raw in ("A-01-02-3", "SO-100001", demo_ean13(1), "SKU-10003", "nothing", "#CMD:UNDO"):
            scan_of(store, raw)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert statements
    verbs = {s.split(None, 1)[0].upper() for s in statements}
    assert verbs <= {"SELECT", "BEGIN", "PRAGMA"}, verbs


def test_every_outcome_has_an_operator_sentence(store: LocalStore) -> None:
    assert set(messages.TEMPLATES) == set(ScanCode)
    unknown = scan_of(store, "123456")
    assert messages.describe(unknown) == (
        "Unknown barcode 123456: not a product, bin, tote or order at this station. "
        "Check the label or type the code."
    )
    assert messages.describe(scan_of(store, "SO-100002")) == "Order SO-100002 (picked)."
    assert messages.describe(scan_of(store, "B-1001")) == "Hello Ana."
    assert messages.describe(scan_of(store, "#CMD:SHORT:BIN-EMPTY")) == "Short pick: bin empty."
    assert messages.describe(scan_of(store, "#CMD:QTY:12")) == "Quantity 12."
    gs1 = f"]C101{'0' + demo_ean13(2)}3012"
    assert messages.describe(scan_of(store, gs1)) == "Widget 2 (SKU-10003) x 12."


@pytest.mark.parametrize("code", list(ScanCode))
def test_any_code_on_any_result_formats(code: ScanCode) -> None:
    assert messages.describe(UnknownScan("X-1", code))
    assert messages.describe(InvalidScan("X-1", code))


def test_messages_never_show_a_raw_flood_or_control_characters() -> None:
    long = messages.describe(InvalidScan("9" * 4000, ScanCode.BAD_CHECK_DIGIT))
    assert len(long) < 200
    assert "9" * 40 + "…" in long
    shown = messages.describe(UnknownScan(f"01{GS}\x1b[2J"))
    assert "<GS>" in shown
    assert "\x1b" not in shown
    assert "<1B>" in shown


def test_a_case_barcode_with_a_pack_quantity_counts_its_contents(store: LocalStore) -> None:
    case = with_check_digit("1401234599999")
    unit = with_check_digit("401234599999")
    with store.unit_of_work() as uow:
        uow.products.save(
            Product(
                "SKU-CASE",
                "Tea, case of 12",
                (Barcode(unit, BarcodeKind.EAN13), Barcode(case, BarcodeKind.GTIN14, 12)),
            )
        )
        uow.commit()
    for raw, symbology, qty in [
        (case, Symbology.ITF14, 12),  # the case label: its contents
        (unit, Symbology.EAN13, 1),  # the unit's own code
        (f"]C101{case}3005", Symbology.UNKNOWN, 5),  # a GS1 count wins over the barcode's
    ]:
        scan = scan_of(store, raw, symbology)
        assert isinstance(scan, ProductScan), scan
        assert (scan.product.sku, scan.qty) == ("SKU-CASE", qty), raw
