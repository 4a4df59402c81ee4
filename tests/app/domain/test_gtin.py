"""GS1 mod-10 check digits (app/domain/gtin.py) against published examples."""

from __future__ import annotations

import pytest

from app.domain.gtin import gtin_check_digit, is_valid_gtin, with_check_digit

# Published examples: GS1 General Specifications, Wikipedia's EAN/UPC articles, real packs.
KNOWN_GOOD = [
    pytest.param("5901234123457", id="GTIN-13 GS1 example"),
    pytest.param("4006381333931", id="GTIN-13 Stabilo pen"),
    pytest.param("036000291452", id="UPC-A Wikipedia example"),
    pytest.param("012345678905", id="UPC-A 0123456789"),
    pytest.param("96385074", id="EAN-8 Wikipedia example"),
    pytest.param("73513537", id="EAN-8"),
    pytest.param("10012345678902", id="GTIN-14 case of a GTIN-12"),
    pytest.param("00000000000000", id="GTIN-14 all zeros"),
]


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_known_good_codes_are_valid(code: str) -> None:
    assert is_valid_gtin(code)
    assert gtin_check_digit(code[:-1]) == int(code[-1])
    assert with_check_digit(code[:-1]) == code


def test_sscc_check_digit_uses_the_same_algorithm() -> None:
    # GS1's SSCC example (00)106141411234567897: 17 digits + check digit 7.
    assert gtin_check_digit("10614141123456789") == 7


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_every_wrong_check_digit_is_refused(code: str) -> None:
    right = int(code[-1])
    for wrong in set(range(10)) - {right}:
        assert not is_valid_gtin(code[:-1] + str(wrong))


def _other_digits(code: str, zero: str) -> str:
    """``code`` written with another script's digits (str.isdigit() is True for them)."""
    return code.translate({ord("0") + i: ord(zero) + i for i in range(10)})


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("590123412345a", id="letter"),
        pytest.param("5901234 23457", id="space"),
        pytest.param("+901234123457", id="sign"),
        pytest.param(_other_digits("5901234123457", "\uff10"), id="full-width digits"),
        pytest.param(_other_digits("5901234123457", "\u0660"), id="arabic-indic digits"),
        pytest.param("", id="empty"),
    ],
)
def test_non_digits_are_not_gtins(code: str) -> None:
    assert not is_valid_gtin(code)


@pytest.mark.parametrize("length", [1, 7, 9, 10, 11, 15, 18])
def test_only_gtin_lengths_are_gtins(length: int) -> None:
    code = with_check_digit("1" * (length - 1)) if length > 1 else "0"
    assert not is_valid_gtin(code)


@pytest.mark.parametrize("body", ["", "12a", "\u0661\u0662\u0663", "12 3", "12.3"])
def test_check_digit_needs_ascii_digits(body: str) -> None:
    with pytest.raises(ValueError, match="digits only"):
        gtin_check_digit(body)
