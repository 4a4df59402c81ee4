"""A wrong scan recorded at the station (app/store/wrong_scans.py): into the outbox with
the order untouched, in every order status; refused for an unknown or inactive user."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.events import MAX_SCANNED, EventType, ScanExpected, WrongScan
from app.domain.model import OrderStatus
from app.domain.rules import RejectCode, Rejection
from app.store import LocalStore
from app.store.wrong_scans import UNREADABLE, record_wrong_scan, scanned_text
from tests.app.store.store_helpers import STATION

AT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def record(store: LocalStore, user: str = "ana", code: str = "A-01-2") -> WrongScan:
    event = record_wrong_scan(
        store,
        user=user,
        station=STATION,
        order_number="SO-1",
        expected=ScanExpected.BIN,
        code=code,
        at=AT,
    )
    assert isinstance(event.payload, WrongScan)
    return event.payload


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("user", ["ana", "pat", "sue"])
def test_a_wrong_scan_joins_the_outbox_and_changes_no_order(
    floor: LocalStore, status: OrderStatus, user: str
) -> None:
    with floor.unit_of_work() as uow:
        order = uow.orders.get("SO-1")
        assert order is not None
        order.status = status
        uow.orders.save(order)
        uow.commit()
    with floor.unit_of_work(readonly=True) as uow:
        before = uow.orders.get("SO-1")
    payload = record(floor, user)
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == before
        [entry] = uow.outbox.pending()
    assert entry.event.type is EventType.SCAN_WRONG
    assert (entry.event.user, entry.event.station, entry.event.at) == (user, STATION, AT)
    assert entry.event.payload == payload == WrongScan("SO-1", ScanExpected.BIN, "A-01-2")


@pytest.mark.parametrize("user", ["nobody", "old"])
def test_an_unknown_or_inactive_user_records_nothing(floor: LocalStore, user: str) -> None:
    with pytest.raises(Rejection) as info:
        record(floor, user)
    assert info.value.code is RejectCode.UNKNOWN_USER
    with floor.unit_of_work(readonly=True) as uow:
        assert uow.outbox.pending() == []


def test_an_order_not_in_the_station_copy_is_refused(floor: LocalStore) -> None:
    with pytest.raises(Rejection) as info:
        record_wrong_scan(
            floor,
            user="ana",
            station=STATION,
            order_number="SO-404",
            expected=ScanExpected.ORDER,
            code="SO-405",
        )
    assert info.value.code is RejectCode.UNKNOWN_ORDER


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        ("A-01-2", "A-01-2"),
        ("  A-01-2\r\n", "A-01-2"),
        ("]C1010401234567890110\x1dLOT-7", f"]C1010401234567890110{UNREADABLE}LOT-7"),
        ("\x00\x1d", f"{UNREADABLE}{UNREADABLE}"),
        ("", UNREADABLE),
        ("   ", UNREADABLE),
        ("9" * 500, "9" * MAX_SCANNED),
    ],
)
def test_the_scanned_code_is_made_fit_for_an_event(code: str, kept: str) -> None:
    assert scanned_text(code) == kept


def test_a_long_binary_scan_is_recorded_cut(floor: LocalStore) -> None:
    payload = record(floor, code="\x1d" * 3 + "X" * 1000)
    assert payload.scanned == UNREADABLE * 3 + "X" * (MAX_SCANNED - 3)
