"""The station set-up code's text: round trip, versions, and a token never shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.provisioning import (
    SetupCode,
    SetupCodeError,
    SetupCodeFault,
    read_setup_code,
)

TOKEN = "sp_" + "A1b2-_" * 7


@given(
    station=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
        min_size=1,
        max_size=64,
    ).filter(lambda s: s.strip() and s.isprintable()),
    port=st.integers(1, 65535),
)
def test_any_station_name_survives_the_round_trip(station: str, port: int) -> None:
    code = SetupCode(f"http://10.0.0.5:{port}", station, TOKEN)
    text = code.text()
    assert text.isascii()
    assert text.isprintable()
    assert text.count("|") == 3
    assert read_setup_code(f"  {text}\n") == code


def test_the_token_is_never_in_its_repr_str_or_masked_text() -> None:
    code = SetupCode("https://orders.example", "pack-03", TOKEN)
    for shown in (repr(code), str(code), code.masked):
        assert TOKEN not in shown
    assert code.masked == "SCANPACK1|https://orders.example|pack-03|***"


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("SKU-10001", SetupCodeFault.NOT_SETUP),
        ("", SetupCodeFault.NOT_SETUP),
        ("SCANPACK2|http://a|b|c", SetupCodeFault.VERSION),
        ("SCANPACK1|http://a|b", SetupCodeFault.MALFORMED),
        ("SCANPACK1|http://a|b|c|d", SetupCodeFault.MALFORMED),
        ("SCANPACK1|ftp://a|b|c", SetupCodeFault.MALFORMED),
        ("SCANPACK1|http://a||c", SetupCodeFault.MALFORMED),
        ("SCANPACK1|http://a|b|two words", SetupCodeFault.MALFORMED),
        ("SCANPACK1|http://a|%FF|c", SetupCodeFault.MALFORMED),
    ],
)
def test_what_is_not_a_usable_code_says_why(text: str, fault: SetupCodeFault) -> None:
    with pytest.raises(SetupCodeError) as raised:
        read_setup_code(text)
    assert raised.value.fault is fault
    assert str(raised.value) == fault.value  # never the text: it may hold a token
