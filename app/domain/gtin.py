"""GS1 check digits for GTIN-8/12/13/14 (EAN-8, UPC-A, EAN-13, ITF-14) and SSCC.

The algorithm is GS1's mod-10: from the right, digits are weighted 3, 1, 3, 1...
"""

from __future__ import annotations

GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def gtin_check_digit(body: str) -> int:
    """Return the GS1 check digit for ``body`` (the digits without the check digit).

    Raises:
        ValueError: ``body`` is empty or holds anything but ASCII digits.
    """
    if not body or not (body.isascii() and body.isdigit()):
        raise ValueError(f"a GS1 number holds digits only, got {body!r}")
    backwards = body[::-1]
    total = 3 * sum(map(int, backwards[0::2])) + sum(map(int, backwards[1::2]))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True when ``code`` is an 8, 12, 13 or 14 digit GTIN with a correct check digit."""
    if len(code) not in GTIN_LENGTHS or not (code.isascii() and code.isdigit()):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def with_check_digit(body: str) -> str:
    """Append the GS1 check digit to ``body``."""
    return body + str(gtin_check_digit(body))


def is_sscc(code: str) -> bool:
    """True when ``code`` is an 18-digit SSCC with a correct check digit."""
    if len(code) != 18 or not (code.isascii() and code.isdigit()):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def is_case_gtin(code: str) -> bool:
    """True for a GTIN-14 with indicator digit 1-8: a case or inner pack, whose label
    says nothing about how many items are inside (GS1 General Specifications 3.3.2)."""
    return len(code) == 14 and code.isdigit() and code[0] in "12345678"
