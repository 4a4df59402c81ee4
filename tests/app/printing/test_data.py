"""Label fields: SSCCs with valid check digits, the same on every reprint; order fields."""

from __future__ import annotations

import pytest
from biip.sscc import Sscc
from hypothesis import given
from hypothesis import strategies as st

from app.domain.gtin import gtin_check_digit
from app.domain.model import Location, Tote
from app.printing.data import (
    bin_label_data,
    make_sscc,
    order_label_data,
    package_serial,
    product_label_data,
    sscc_hri,
    tote_label_data,
)
from tests.app.printing.conftest import PRODUCTS, TODAY, make_order
from tests.app.store.store_helpers import gtin


def test_an_sscc_is_extension_prefix_serial_and_a_gs1_check_digit() -> None:
    sscc = make_sscc("4012345", 123, extension=3)
    assert sscc[:17] == "3" + "4012345" + "000000123"
    assert int(sscc[17]) == gtin_check_digit(sscc[:17])
    # biip (an independent GS1 implementation) agrees, company prefix included.
    parsed = Sscc.parse(make_sscc("0614141", 123456789, extension=1))
    assert parsed.value == "106141411234567897"
    assert parsed.company_prefix is not None
    assert parsed.company_prefix.value == "0614141"
    assert sscc_hri(parsed.value) == "(00) 1 0614141 123456789 7"


@pytest.mark.parametrize(
    ("prefix", "serial", "extension", "reason"),
    [
        ("123456", 1, 0, "7-10 digits"),
        ("12345678901", 1, 0, "7-10 digits"),
        ("40123A5", 1, 0, "7-10 digits"),
        ("4012345", 10**9, 0, "does not fit 9 digits"),
        ("4012345", -1, 0, "does not fit"),
        ("4012345", 1, 10, "extension digit"),
    ],
)
def test_an_impossible_sscc_is_refused(
    prefix: str, serial: int, extension: int, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        make_sscc(prefix, serial, extension)


@given(
    st.text(alphabet="SOPR-0123456789", min_size=1, max_size=20),
    st.integers(1, 99),
    st.sampled_from(["4012345", "40123456", "401234567", "4012345678"]),
)
def test_every_package_gets_a_valid_sscc(order_number: str, package: int, prefix: str) -> None:
    serial = package_serial(order_number, package, prefix)
    sscc = make_sscc(prefix, serial)
    assert len(sscc) == 18
    assert sscc.isdigit()
    assert Sscc.parse(sscc).value == sscc  # biip checks the check digit
    assert serial % 100 == package
    assert package_serial(order_number, package, prefix) == serial  # the same every time


def test_packages_of_one_order_get_different_ssccs() -> None:
    serials = {package_serial("SO-100001", n, "4012345") for n in range(1, 100)}
    assert len(serials) == 99
    assert package_serial("SO-100001", 1, "4012345") == 10000101


def test_order_fields() -> None:
    order = make_order(packages=2)
    data = order_label_data(order, PRODUCTS, package_no=2, station="pack-01", today=TODAY)
    fields = data.fields
    assert data.key == "SO-100001"
    assert fields["order.number"] == "SO-100001"
    assert fields["order.service"] == "EXPRESS"  # urgent
    assert fields["package.no"] == "2"
    assert fields["package.count"] == "2"
    assert fields["package.weight"] == "1.00 kg"  # 1002 g
    assert fields["package.tracking"] == "TRK2"
    assert fields["package.sscc"] == make_sscc("4012345", 10000102)
    assert fields["ship_to.city_line"] == "20121 Milan"
    assert fields["printed"] == "2026-11-30"
    assert fields["station"] == "pack-01"
    lines = data.rows["lines"]
    assert [row["line.sku"] for row in lines] == ["SKU-10001", "SKU-10002"]
    assert lines[0]["line.name"] == "Blue Mug"


def test_an_unpacked_order_is_one_parcel_weighed_from_the_catalogue() -> None:
    data = order_label_data(make_order(), PRODUCTS, today=TODAY)
    assert data.fields["package.count"] == "1"
    assert data.fields["package.weight"] == "2.75 kg"  # 1 x 350 g + 2 x 1200 g
    with pytest.raises(ValueError, match="has 1 package"):
        order_label_data(make_order(), PRODUCTS, package_no=2, today=TODAY)


def test_an_sscc_issued_elsewhere_is_checked() -> None:
    given_sscc = make_sscc("0614141", 42)
    data = order_label_data(make_order(), PRODUCTS, today=TODAY, sscc=given_sscc)
    assert data.fields["package.sscc"] == given_sscc
    with pytest.raises(ValueError, match="not an 18-digit SSCC"):
        order_label_data(make_order(), PRODUCTS, today=TODAY, sscc=given_sscc[:-1] + "0")


def test_code_label_fields() -> None:
    assert tote_label_data(Tote("T-0001"), today=TODAY).fields["code"] == "T-0001"
    bin_fields = bin_label_data(Location("A-01-02-3", "A", "A-01", 70), today=TODAY).fields
    assert (bin_fields["bin.zone"], bin_fields["bin.sequence"]) == ("A", "70")
    mug = product_label_data(PRODUCTS["SKU-10001"], today=TODAY).fields
    assert (mug["product.gtin"], mug["product.gtin_kind"]) == ("4012345000009", "EAN-13")
    assert mug["product.upc"] == gtin("03612300000")
    assert mug["product.size"] == "120 x 90 x 100 mm"
    torch = product_label_data(PRODUCTS["SKU-10002"], today=TODAY).fields
    assert (torch["product.gtin"], torch["product.gtin_kind"]) == (gtin("03612300001"), "UPC-A")
    assert torch["product.upc"] == ""  # it is the main code already
