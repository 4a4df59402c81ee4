"""parse(): GTINs normalised, GS1 through biip, AIM identifiers, errors as codes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.barcodes.parse import CodeKind, ParseErrorCode, parse, split_aim
from app.domain.commands import Command, CommandName
from app.domain.scan import MAX_SCAN_LENGTH
from app.domain.symbology import GS, Symbology

EAN13 = "4012345000009"  # the demo's first EAN-13 (40123450 0000 C)
UPCA = "036123000054"  # a demo-style UPC-A that compresses to UPC-E
UPCE = "03612354"  # valid as UPC-E and, by chance, as EAN-8 too
UPCE_ONLY = "04252614"  # UPC-E of 042100005264; not a valid EAN-8
EAN8 = "96385074"
GTIN14 = "14012345000006"
SSCC = "340123450000000017"


@pytest.mark.parametrize(
    ("data", "aim", "symbology", "rest"),
    [
        ("]C1010", "]C1", Symbology.GS1_128, "010"),
        ("]E04012345000009", "]E0", Symbology.EAN13, EAN13),
        ("]d2010", "]d2", Symbology.GS1_DATAMATRIX, "010"),
        ("]Q3010", "]Q3", Symbology.GS1_QR, "010"),
        ("]C9ABC", "]C9", Symbology.CODE128, "ABC"),  # unknown modifier: family by letter
        ("]e0123", "]e0", Symbology.UNKNOWN, "123"),  # GS1 DataBar: not a symbology here
        ("]C", "", Symbology.UNKNOWN, "]C"),
        ("SKU-1", "", Symbology.UNKNOWN, "SKU-1"),
        ("]-1x", "", Symbology.UNKNOWN, "]-1x"),
    ],
)
def test_split_aim(data: str, aim: str, symbology: Symbology, rest: str) -> None:
    assert split_aim(data) == (aim, symbology, rest)


@pytest.mark.parametrize(
    ("raw", "symbology", "gtin", "gtin14"),
    [
        (EAN13, Symbology.UNKNOWN, EAN13, "0" + EAN13),
        ("]E0" + EAN13, Symbology.UNKNOWN, EAN13, "0" + EAN13),
        (UPCA, Symbology.UNKNOWN, UPCA, "00" + UPCA),
        ("0" + UPCA, Symbology.UNKNOWN, "0" + UPCA, "00" + UPCA),  # UPC-A sent as EAN-13
        (EAN8, Symbology.UNKNOWN, EAN8, "000000" + EAN8),
        (EAN8, Symbology.EAN8, EAN8, "000000" + EAN8),
        (GTIN14, Symbology.UNKNOWN, GTIN14, GTIN14),
        (GTIN14, Symbology.ITF14, GTIN14, GTIN14),
        (UPCE_ONLY, Symbology.UNKNOWN, "042100005264", "00042100005264"),
        (UPCE, Symbology.UNKNOWN, UPCE, "000000" + UPCE),  # EAN-8 first, UPC-E in forms
        (UPCE, Symbology.UPCE, UPCA, "00" + UPCA),
        (UPCE[:-1], Symbology.UPCE, UPCA, "00" + UPCA),  # 7 digits, no check digit
        (UPCE[1:-1], Symbology.UPCE, UPCA, "00" + UPCA),  # 6 digits
        (f"  {EAN13}\n", Symbology.UNKNOWN, EAN13, "0" + EAN13),
    ],
)
def test_gtins_are_normalised(raw: str, symbology: Symbology, gtin: str, gtin14: str) -> None:
    parsed = parse(raw, symbology)
    assert parsed.error is None
    assert parsed.kind is CodeKind.GTIN
    assert (parsed.gtin, parsed.gtin14) == (gtin, gtin14)
    assert parsed.gtin_forms[0] == gtin


def test_gtin_forms_are_every_zero_padded_form() -> None:
    assert parse(UPCA).gtin_forms == (UPCA, "0" + UPCA, "00" + UPCA)
    assert parse(EAN13).gtin_forms == (EAN13, "0" + EAN13)
    assert parse("0" + EAN13, Symbology.GS1_128).gtin_forms == ()  # not GS1: no GTIN
    assert parse(EAN8).gtin_forms == (EAN8, "0000" + EAN8, "00000" + EAN8, "000000" + EAN8)
    assert parse("hello").gtin_forms == ()
    both = parse(UPCE)  # a valid EAN-8 and a valid UPC-E: both readings are looked up
    assert both.gtin_forms[0] == UPCE
    assert UPCA in both.gtin_forms
    assert "0" + UPCA in both.gtin_forms


@pytest.mark.parametrize(
    ("raw", "symbology"),
    [
        ("4012345000008", Symbology.UNKNOWN),
        ("036123000055", Symbology.UNKNOWN),
        ("96385075", Symbology.UNKNOWN),
        ("96385075", Symbology.EAN8),
        ("14012345000007", Symbology.UNKNOWN),
        ("03612355", Symbology.UPCE),
        ("]E04012345000008", Symbology.UNKNOWN),
    ],
)
def test_a_wrong_check_digit_is_an_error_not_an_exception(raw: str, symbology: Symbology) -> None:
    parsed = parse(raw, symbology)
    assert parsed.error is not None
    assert parsed.error.code is ParseErrorCode.BAD_CHECK_DIGIT
    assert parsed.gtin is None
    assert not parsed.ok


@pytest.mark.parametrize(
    ("raw", "symbology"),
    [("40123", Symbology.EAN13), ("ABCDEFGHIJKLM", Symbology.EAN13), ("123", Symbology.UPCE)],
)
def test_an_ean_symbology_without_a_gtin_is_malformed(raw: str, symbology: Symbology) -> None:
    parsed = parse(raw, symbology)
    assert parsed.error is not None
    assert parsed.error.code is ParseErrorCode.MALFORMED_GTIN


def test_gs1_128_with_aim_and_gs() -> None:
    raw = f"]C101{'0' + EAN13}1726123110LOT-7{GS}21SN0001{GS}3103001250{GS}3012"
    parsed = parse(raw)
    assert parsed.error is None
    assert parsed.kind is CodeKind.GS1
    assert parsed.symbology is Symbology.GS1_128
    assert parsed.aim == "]C1"
    assert parsed.gtin == parsed.gtin14 == "0" + EAN13
    assert EAN13 in parsed.gtin_forms
    assert parsed.lot == "LOT-7"
    assert parsed.expiry == date(2026, 12, 31)
    assert parsed.serial == "SN0001"
    assert parsed.net_weight_kg == Decimal("1.250")
    assert parsed.net_weight_g == Decimal("1250")
    assert parsed.count == 12
    assert [ai for ai, _ in parsed.elements] == ["01", "17", "10", "21", "3103", "30"]


@pytest.mark.parametrize(
    "raw",
    [
        f"01{'0' + EAN13}1726123110LOT-7",  # no AIM, no GS: fixed-length AIs first
        f"{GS}01{'0' + EAN13}1726123110LOT-7",  # FNC1 in first position sent as GS
        f"]d201{'0' + EAN13}1726123110LOT-7",
        f"]Q301{'0' + EAN13}1726123110LOT-7",
        f"(01){'0' + EAN13}(17)261231(10)LOT-7",  # typed as printed under the bars
        f"01{'0' + EAN13}1726123110LOT-7{GS}",
    ],
)
def test_gs1_without_separators_aim_or_with_hri_still_parses(raw: str) -> None:
    parsed = parse(raw)
    assert parsed.error is None, parsed.error
    assert (parsed.gtin14, parsed.lot, parsed.expiry) == ("0" + EAN13, "LOT-7", date(2026, 12, 31))


def test_gs1_day_zero_means_the_end_of_the_month() -> None:
    assert parse(f"]C101{'0' + EAN13}17270200").expiry == date(2027, 2, 28)


def test_an_sscc_label() -> None:
    parsed = parse(f"]C100{SSCC}{GS}02{GTIN14}3724")
    assert parsed.error is None
    assert parsed.sscc == SSCC
    assert parsed.gtin14 == GTIN14  # AI 02: the GTIN of the contents
    assert parsed.count == 24
    bare = parse(SSCC)
    assert (bare.kind, bare.sscc, bare.error) == (CodeKind.SSCC, SSCC, None)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (f"]C101{'0' + EAN13[:-1]}8", ParseErrorCode.BAD_CHECK_DIGIT),
        (f"]C100{SSCC[:-1]}8", ParseErrorCode.BAD_CHECK_DIGIT),
        (f"01{'0' + EAN13[:-1]}8{GS}10X", ParseErrorCode.BAD_CHECK_DIGIT),
        (f"01{'0' + EAN13[:-1]}8", ParseErrorCode.BAD_CHECK_DIGIT),  # all of it reads as GS1
        (f"]C101{'0' + EAN13}17261331", ParseErrorCode.MALFORMED_GS1),  # month 13
        ("]C1garbage", ParseErrorCode.MALFORMED_GS1),
        ("]C1", ParseErrorCode.EMPTY),
        (f"]C101{EAN13}", ParseErrorCode.MALFORMED_GS1),  # 13 digits where 14 belong
        (f"]C101{'0' + EAN13}{GS}{GS}99", ParseErrorCode.MALFORMED_GS1),
        (f"]C101{'0' + EAN13}300", ParseErrorCode.MALFORMED_GS1),  # a count of 0
        (f"]C101{'0' + EAN13}30", ParseErrorCode.MALFORMED_GS1),  # AI 30 with no count
        (f"ABC{GS}DEF", ParseErrorCode.MALFORMED_GS1),
        ("(01)123", ParseErrorCode.MALFORMED_GS1),
    ],
)
def test_malformed_gs1_is_an_error(raw: str, code: ParseErrorCode) -> None:
    parsed = parse(raw)
    assert parsed.error is not None
    assert parsed.error.code is code, parsed.error


def test_gs1_lead_that_biip_refuses_is_plain_text() -> None:
    # Starts like (01) but is not GS1 all through: another kind of code, for resolution.
    parsed = parse(f"01{'0' + EAN13}ABC")
    assert (parsed.kind, parsed.error) == (CodeKind.TEXT, None)


@pytest.mark.parametrize("raw", ["", "   ", "\n", "]C1  ", GS])
def test_empty(raw: str) -> None:
    parsed = parse(raw)
    assert parsed.error is not None
    assert parsed.error.code is ParseErrorCode.EMPTY


def test_too_long_is_refused_before_anything_else() -> None:
    parsed = parse("9" * (MAX_SCAN_LENGTH + 1))
    assert parsed.error is not None
    assert parsed.error.code is ParseErrorCode.TOO_LONG
    assert len(parsed.text) <= 64
    assert parse("A" * MAX_SCAN_LENGTH).error is None


@pytest.mark.parametrize("raw", ["A\x00B", "SKU\x1b[2J", "\x07bell", "x\u200by", "tab\tinside"])
def test_control_characters_are_not_printable(raw: str) -> None:
    parsed = parse(raw)
    assert parsed.error is not None
    assert parsed.error.code is ParseErrorCode.NOT_PRINTABLE


@pytest.mark.parametrize(
    "raw", ["A-01-02-3", "T-0001", "SO-100001", "B-1001", "SKU-10001", "12345"]
)
def test_other_codes_are_plain_text(raw: str) -> None:
    parsed = parse(raw)
    assert (parsed.kind, parsed.text, parsed.error, parsed.gtin) == (CodeKind.TEXT, raw, None, None)


def test_commands_are_recognised_by_parse() -> None:
    parsed = parse("]C0#CMD:QTY:6")
    assert parsed.kind is CodeKind.COMMAND
    assert parsed.command == Command(CommandName.QTY, qty=6)
    bad = parse("#CMD:QTY:0")
    assert bad.command is None
    assert bad.error is not None
    assert bad.error.code is ParseErrorCode.BAD_COMMAND_QTY


def test_a_known_symbology_keeps_a_leading_bracket_as_data() -> None:
    parsed = parse("]C1ABC", Symbology.CODE128)
    assert (parsed.text, parsed.aim, parsed.symbology) == ("]C1ABC", "", Symbology.CODE128)
