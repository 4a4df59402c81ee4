"""SSCC-18: built, checked and laid out as GS1 says (biip, an independent GS1
implementation, is the judge), and station ranges that can never meet."""

from __future__ import annotations

import pytest
from biip.sscc import Sscc
from hypothesis import given
from hypothesis import strategies as st

from app.domain.sscc import (
    SsccError,
    SsccErrorCode,
    SsccRange,
    is_valid_sscc,
    make_sscc,
    sscc_hri,
)

prefixes = st.integers(7, 10).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)
extensions = st.integers(0, 9)
stations = st.integers(1, 999)

FULL_WIDTH = "\uff14\uff10\uff11\uff12\uff13\uff14\uff15"  # 4012345 in full-width digits


@st.composite
def ranges(draw: st.DrawFn) -> SsccRange:
    return SsccRange(draw(prefixes), draw(extensions), draw(stations))


def test_an_sscc_is_extension_prefix_station_counter_and_check_digit() -> None:
    numbering = SsccRange("4012345", 3, 7)
    sscc = numbering.sscc(42)
    assert sscc[:17] == "3" + "4012345" + "007" + "000042"
    parsed = Sscc.parse(sscc)  # biip checks the length, the digits and the check digit
    assert parsed.value == sscc
    assert parsed.extension_digit == 3
    assert sscc_hri(sscc) == f"(00) 3 4012345 007000042 {sscc[-1]}"
    assert sscc_hri(sscc) == f"(00) {parsed.as_hri(company_prefix_length=7)}"


def test_capacity_is_what_the_prefix_leaves_after_the_station_number() -> None:
    assert SsccRange("4012345", 0, 1).capacity == 999_999
    assert SsccRange("40123456", 0, 1).capacity == 99_999
    assert SsccRange("401234567", 0, 1).capacity == 9_999
    assert SsccRange("4012345678", 0, 1).capacity == 999
    last = SsccRange("4012345678", 0, 999).sscc(999)
    assert last[:17] == "0" + "4012345678" + "999" + "999"


def test_past_the_end_of_the_range_nothing_is_made() -> None:
    numbering = SsccRange("4012345678", 0, 5)
    with pytest.raises(SsccError, match="all 999 SSCCs") as raised:
        numbering.sscc(1000)
    assert raised.value.code is SsccErrorCode.EXHAUSTED
    with pytest.raises(SsccError) as raised:
        numbering.sscc(0)
    assert raised.value.code is SsccErrorCode.SERIAL


@pytest.mark.parametrize(
    ("prefix", "extension", "station", "code"),
    [
        ("", 0, 1, SsccErrorCode.PREFIX),  # not set yet
        ("123456", 0, 1, SsccErrorCode.PREFIX),
        ("12345678901", 0, 1, SsccErrorCode.PREFIX),
        ("40123A5", 0, 1, SsccErrorCode.PREFIX),
        (FULL_WIDTH, 0, 1, SsccErrorCode.PREFIX),
        ("4012345", 10, 1, SsccErrorCode.EXTENSION),
        ("4012345", -1, 1, SsccErrorCode.EXTENSION),
        ("4012345", 0, 0, SsccErrorCode.STATION),  # not set yet
        ("4012345", 0, 1000, SsccErrorCode.STATION),
    ],
)
def test_a_range_that_cannot_be_is_refused(
    prefix: str, extension: int, station: int, code: SsccErrorCode
) -> None:
    with pytest.raises(SsccError) as raised:
        SsccRange(prefix, extension, station)
    assert raised.value.code is code
    assert isinstance(raised.value, ValueError)


@given(ranges(), st.integers(1, 10**9))
def test_every_sscc_of_a_range_is_valid_and_comes_back_to_its_counter(
    numbering: SsccRange, counter: int
) -> None:
    counter = 1 + counter % numbering.capacity
    sscc = numbering.sscc(counter)
    assert Sscc.parse(sscc).value == sscc
    assert Sscc.parse(sscc).extension_digit == numbering.extension
    assert is_valid_sscc(sscc)
    assert sscc[1 : 1 + len(numbering.company_prefix)] == numbering.company_prefix
    assert numbering.counter_of(sscc) == counter


@given(ranges(), stations, st.integers(1, 999), st.integers(1, 999))
def test_two_stations_sharing_a_prefix_never_make_the_same_sscc(
    numbering: SsccRange, other_station: int, mine: int, theirs: int
) -> None:
    other = SsccRange(numbering.company_prefix, numbering.extension, other_station)
    if other_station == numbering.station:
        return
    ours = numbering.sscc(1 + mine % numbering.capacity)
    assert ours != other.sscc(1 + theirs % other.capacity)
    assert other.counter_of(ours) is None


@given(st.one_of(st.text(max_size=20), st.text(alphabet="0123456789", min_size=17, max_size=19)))
def test_validity_agrees_with_biip(code: str) -> None:
    try:
        biip_says = Sscc.parse(code).value == code
    except Exception:  # biip raises ParseError for anything that is not an SSCC
        biip_says = False
    assert is_valid_sscc(code) == biip_says


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_each_wrong_check_digit_is_caught(body: str) -> None:
    right = [d for d in "0123456789" if is_valid_sscc(body + d)]
    assert len(right) == 1
    assert Sscc.parse(body + right[0]).value == body + right[0]


def test_make_sscc_checks_its_parts() -> None:
    assert make_sscc("0614141", 123456789, 1) == "106141411234567897"
    with pytest.raises(SsccError, match="does not fit 9 digits") as raised:
        make_sscc("0614141", 10**9)
    assert raised.value.code is SsccErrorCode.SERIAL
