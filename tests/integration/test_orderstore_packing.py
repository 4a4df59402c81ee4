"""Packing events at the order store, on SQLite and PostgreSQL: a pack in two packages
with their SSCCs, applied exactly once and carried in the order and the pull; a hold
from the pack station with its reason; what the rules refuse, refused with a code."""

from __future__ import annotations

from typing import Any

from app.domain.events import (
    LinePacked,
    LinePicked,
    LineUnpacked,
    OrderClaimed,
    OrderPacked,
    OrderPicked,
    PackageClosed,
    PackHeld,
    PackHoldReason,
    PackStarted,
)
from app.domain.gtin import with_check_digit
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event, new_order, order, push

SSCC_1 = with_check_digit("34012345" + "007000001")
SSCC_2 = with_check_digit("34012345" + "007000002")


def picked(store: Store, *lines: tuple[str, int]) -> str:
    number = new_order(store, *lines)
    events = [event(OrderClaimed(number))]
    events += [event(LinePicked(number, i, qty)) for i, (_, qty) in enumerate(lines, start=1)]
    events += [event(OrderPicked(number))]
    assert {r["result"] for r in push(store, *events)} == {"applied"}
    return number


def packs(*payloads: Any) -> list[dict[str, Any]]:
    return [event(p, station="station-2", user="dan") for p in payloads]


def test_a_pack_in_two_packages_is_applied_once_and_pulled(store: Store) -> None:
    number = picked(store, ("SKU-10001", 2), ("SKU-10002", 1))
    batch = packs(
        PackStarted(number),
        LinePacked(number, 1, 2, lot="L7", expiry="2027-05-31"),
        LineUnpacked(number, 1, 1),
        PackageClosed(number, 1, SSCC_1, "B03", weight_g=640, expected_g=620),
        LinePacked(number, 1, 1, package_no=2),
        LinePacked(number, 2, 1, package_no=2),
        PackageClosed(number, 2, SSCC_2, "B05", weight_g=900, expected_g=990, override_by="sam"),
        OrderPacked(number, box="B05", weight_g=1540),
    )
    answers = push(store, *batch, token="station2")
    assert [a["result"] for a in answers] == ["applied"] * len(batch)
    again = push(store, *batch, token="station2")  # the answer was lost: sent again
    assert [a["result"] for a in again] == ["duplicate"] * len(batch)
    doc = order(store, number)
    assert doc["status"] == "packed"
    assert [(p["sscc"], p["box"], p["contents"]) for p in doc["packages"]] == [
        (SSCC_1, "B03", [[1, 1]]),
        (SSCC_2, "B05", [[1, 1], [2, 1]]),
    ]
    assert [line["packed_qty"] for line in doc["lines"]] == [2, 1]
    pulled = store.call("GET", "/changes?since=0&limit=5000", "station").json()
    mine = [o for o in pulled["orders"] if o["order_number"] == number]
    assert mine[-1]["packages"] == doc["packages"]


def test_the_pack_rules_refuse_with_a_code(store: Store) -> None:
    number = picked(store, ("SKU-10001", 1))
    answers = push(
        store,
        *packs(
            PackStarted(number),
            PackageClosed(number, 1, SSCC_1, "B03", weight_g=100, expected_g=100),  # empty
            LinePacked(number, 1, 2),  # more than was picked
            LinePacked(number, 1, 1),
            PackageClosed(number, 2, SSCC_1, "B03", weight_g=100, expected_g=100),  # not next
            PackageClosed(number, 1, SSCC_1[:-1] + "0", "B03", weight_g=100, expected_g=100),
        ),
        token="station2",
    )
    assert [a.get("code", a["result"]) for a in answers] == [
        "applied",
        "empty_package",
        "over_pack",
        "applied",
        "package_out_of_order",
        "bad_sscc",
    ]
    # Another station may not pack it meanwhile.
    (elsewhere,) = push(store, event(LinePacked(number, 1, 1), user="dan"))
    assert elsewhere["code"] == "claimed_elsewhere"


def test_a_hold_from_the_pack_station_keeps_the_closed_package(store: Store) -> None:
    number = picked(store, ("SKU-10001", 2))
    answers = push(
        store,
        *packs(
            PackStarted(number),
            LinePacked(number, 1, 1),
            PackageClosed(number, 1, SSCC_1, "B03", weight_g=300, expected_g=300),
            LinePacked(number, 1, 1, package_no=2),
            PackHeld(number, PackHoldReason.DAMAGED_ITEM, line_no=1),
        ),
        token="station2",
    )
    assert {a["result"] for a in answers} == {"applied"}
    doc = order(store, number)
    assert (doc["status"], doc["hold_reason"], doc["held_from"]) == (
        "on_hold",
        "damaged_item",
        "picked",
    )
    assert doc["lines"][0]["packed_qty"] == 1  # the loose unit went back to the tote
    assert [p["sscc"] for p in doc["packages"]] == [SSCC_1]


def test_an_order_carries_the_totes_it_was_picked_into(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 2), ("SKU-10002", 1))
    answers = push(
        store,
        event(OrderClaimed(number, tote="T-0031")),
        event(LinePicked(number, 1, 2, tote="T-0031")),
        event(LinePicked(number, 2, 1, tote="T-0032")),  # the first tote was full
        event(OrderPicked(number)),
    )
    assert {a["result"] for a in answers} == {"applied"}
    assert order(store, number)["totes"] == ["T-0031", "T-0032"]
    pulled = store.call("GET", "/changes?since=0&limit=5000", "station").json()
    mine = [o for o in pulled["orders"] if o["order_number"] == number]
    assert mine[-1]["totes"] == ["T-0031", "T-0032"]
