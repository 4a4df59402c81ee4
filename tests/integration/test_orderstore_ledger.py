"""The ledger's reads (app/orderstore/ledger.py) over real HTTP on SQLite and
PostgreSQL: an order's timeline, people's figures, stations last seen; their guard and
limits; and the station's client (app/supervisor/ledger.py) on the real store."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.events import (
    LinePacked,
    LinePicked,
    OrderClaimed,
    OrderPacked,
    OrderPicked,
    PackStarted,
    Payload,
    ScanExpected,
    WrongScan,
    new_event,
)
from app.orderstore.auth import TokenRole, create_token
from app.orderstore.models import EventRow, OrderRow
from app.supervisor.ledger import HttpLedger, LedgerUnavailable, last_seen
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import new_order, push

T0 = datetime(2031, 3, 2, 6, 0, tzinfo=UTC)
_windows = iter(range(1, 10_000))


def window() -> datetime:
    """A start of a shift no other test's events fall into (events carry their time)."""
    return T0 + timedelta(days=2 * next(_windows))


def ev(
    payload: Payload, at: datetime, user: str = "ana", station: str = "station-1"
) -> dict[str, Any]:
    return new_event(payload, station=station, user=user, at=at).to_json()


def wrong(number: str, expected: ScanExpected = ScanExpected.BIN) -> WrongScan:
    return WrongScan(number, expected=expected, scanned="A-99-9")


def station_token(store: Store) -> tuple[str, str]:
    name = f"st-{uuid.uuid4().hex[:8]}"
    return name, create_token(store.engine, name, frozenset({TokenRole.STATION}))


def ledger(store: Store, token: str = "station") -> HttpLedger:
    return HttpLedger(store.server.base_url, store.tokens.get(token, token), store.http)


# -- timeline --------------------------------------------------------------------------


def test_the_timeline_of_a_pick_and_pack_has_every_event_oldest_first(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 2))
    start = window()
    steps = [
        (OrderClaimed(number, tote="T-0003"), "ana", "applied"),
        (LinePicked(number, line_no=1, qty=3), "ana", "rejected"),  # over-pick
        (wrong(number), "ana", "applied"),
        (LinePicked(number, line_no=1, qty=2), "ana", "applied"),
        (OrderPicked(number), "ana", "applied"),
        (PackStarted(number), "dan", "applied"),
        (wrong(number, ScanExpected.ITEM), "dan", "applied"),
        (LinePacked(number, line_no=1, qty=2), "dan", "applied"),
        (OrderPacked(number, box="BOX-S", weight_g=400), "dan", "applied"),
        (wrong(number), "nobody", "rejected"),  # unknown user
    ]
    sent = [ev(p, start + timedelta(seconds=i), user) for i, (p, user, _) in enumerate(steps)]
    answers = push(store, *sent[:5])
    answers += push(store, *sent[5:], token="station")
    assert [a["result"] for a in answers] == [result for _, _, result in steps]

    answer = store.call("GET", f"/ledger/orders/{number}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["order_number"], body["more"]) == (number, False)
    events = body["events"]
    assert [e["id"] for e in events] == [e["id"] for e in sent]
    assert [(e["type"], e["user"], e["result"]) for e in events] == [
        (raw["type"], user, result) for raw, (_, user, result) in zip(sent, steps, strict=True)
    ]
    assert events[1]["code"] == "over_pick"
    assert events[-1]["code"] == "unknown_user"
    assert events[2]["payload"] == {
        "order_number": number,
        "expected": "bin",
        "scanned": "A-99-9",
    }
    assert {e["station"] for e in events} == {"station-1"}
    assert datetime.fromisoformat(events[0]["at"]) == start

    entries = ledger(store).timeline(number)
    assert [e.event_id for e in entries] == [e["id"] for e in sent]
    assert entries[1].code == "over_pick"
    assert entries[0].at == start
    assert entries[2].payload["expected"] == "bin"


def test_the_timeline_keeps_the_newest_events_when_capped(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 1))
    start = window()
    sent = [ev(wrong(number), start + timedelta(seconds=i)) for i in range(7)]
    push(store, *sent)
    body = store.call("GET", f"/ledger/orders/{number}?limit=3").json()
    assert body["more"] is True
    assert [e["id"] for e in body["events"]] == [e["id"] for e in sent[-3:]]


def test_a_number_without_events_has_an_empty_timeline(store: Store) -> None:
    body = store.call("GET", "/ledger/orders/NEVER-SEEN-1").json()
    assert body == {"order_number": "NEVER-SEEN-1", "events": [], "more": False}


def test_wrong_scans_change_no_order_and_apply_exactly_once(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 1))
    with Session(store.engine) as session:
        seq = session.execute(select(OrderRow.seq).where(OrderRow.order_number == number))
        before = seq.scalar_one()
    raw = ev(wrong(number), window())
    assert [a["result"] for a in push(store, raw, raw)] == ["applied", "duplicate"]
    assert push(store, raw)[0]["result"] == "duplicate"
    with Session(store.engine) as session:
        seq = session.execute(select(OrderRow.seq).where(OrderRow.order_number == number))
        assert seq.scalar_one() == before  # no change for the stations to pull
        rows = session.execute(
            select(func.count()).select_from(EventRow).where(EventRow.id == raw["id"])
        )
        assert rows.scalar_one() == 1


# -- rates -----------------------------------------------------------------------------


def test_rates_count_applied_events_in_the_window_per_person(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 5), ("SKU-10002", 3))
    start = window()
    at = [start + timedelta(minutes=m) for m in range(12)]
    push(
        store,
        ev(OrderClaimed(number), at[0]),
        ev(LinePicked(number, line_no=1, qty=5), at[1]),
        ev(wrong(number), at[2]),
        ev(wrong(number), at[3]),
        ev(LinePicked(number, line_no=2, qty=9), at[4]),  # over-pick: refused, not counted
        ev(LinePicked(number, line_no=2, qty=3), at[5]),
        ev(OrderPicked(number), at[6]),
        ev(PackStarted(number), at[7], "dan"),
        ev(wrong(number, ScanExpected.ITEM), at[8], "dan"),
        ev(LinePacked(number, line_no=1, qty=5), at[9], "dan"),
        ev(LinePacked(number, line_no=2, qty=3), at[10], "dan"),
        ev(OrderPacked(number, box="BOX-S", weight_g=900), at[11], "dan"),
        ev(wrong(number), start - timedelta(seconds=1), "dan"),  # before the window
        ev(wrong(number), start + timedelta(hours=8), "dan"),  # at its end: outside
    )
    until = start + timedelta(hours=8)
    answer = store.call(
        "GET", "/ledger/rates", params={"since": start.isoformat(), "until": until.isoformat()}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["more"] is False
    assert body["operators"] == [
        {
            "username": "ana",
            "picks": 2,
            "units": 8,
            "packs": 0,
            "wrong_scans": 2,
            "first_at": at[0].isoformat(),
            "last_at": at[6].isoformat(),
        },
        {
            "username": "dan",
            "picks": 0,
            "units": 0,
            "packs": 1,
            "wrong_scans": 1,
            "first_at": at[7].isoformat(),
            "last_at": at[11].isoformat(),
        },
    ]

    ana, dan = ledger(store).rates(start, until)
    assert (ana.username, ana.picks, ana.units, ana.wrong_scans) == ("ana", 2, 8, 2)
    assert ana.hours == 8.0
    assert ana.units_per_hour == 1.0
    assert (dan.packs, dan.wrong_scans, dan.first_at, dan.last_at) == (1, 1, at[7], at[11])


def test_an_empty_window_has_no_one(store: Store) -> None:
    start = window()
    assert ledger(store).rates(start, start + timedelta(hours=1)) == []


@pytest.mark.parametrize(
    ("since", "until", "code"),
    [
        ("2031-01-01T00:00:00+00:00", "2031-01-02T00:00:01+00:00", "bad_window"),  # > 24 h
        ("2031-01-01T10:00:00+00:00", "2031-01-01T10:00:00+00:00", "bad_window"),
        ("2031-01-01T10:00:00+00:00", "2031-01-01T09:00:00+00:00", "bad_window"),
        ("yesterday", "2031-01-01T09:00:00+00:00", "invalid"),
        ("2031-01-01T10:00:00", "2031-01-01T11:00:00", "invalid"),  # no zone
        ("2031-13-01T10:00:00+00:00", "2031-01-01T11:00:00+00:00", "invalid"),
        ("0001-01-01T00:00:00+01:00", "0001-01-01T01:00:00+01:00", "invalid"),
        ("x" * 5000, "2031-01-01T11:00:00+00:00", "invalid"),
        (None, "2031-01-01T11:00:00+00:00", "invalid"),
    ],
)
def test_a_bad_window_answers_422(store: Store, since: str | None, until: str, code: str) -> None:
    params = {"until": until} if since is None else {"since": since, "until": until}
    answer = store.call("GET", "/ledger/rates", params=params)
    assert (answer.status_code, answer.json()["code"]) == (422, code)


def test_exactly_24_hours_is_a_window(store: Store) -> None:
    start = window()
    assert ledger(store).rates(start, start + timedelta(hours=24)) == []


# -- stations --------------------------------------------------------------------------


def _seen(store: Store, station: str) -> dict[str, Any] | None:
    body = store.call("GET", "/ledger/stations").json()
    return next((s for s in body["stations"] if s["station"] == station), None)


def test_a_station_is_seen_by_its_pulls_and_pushes_with_its_last_event(store: Store) -> None:
    name, token = station_token(store)
    assert _seen(store, name) is None
    before = datetime.now(UTC)
    assert store.call("GET", "/changes?limit=1", token).status_code == 200
    seen = _seen(store, name)
    assert seen is not None
    assert seen["last_event"] is None
    first = datetime.fromisoformat(seen["last_seen"])
    assert before - timedelta(seconds=1) <= first <= datetime.now(UTC)

    number = new_order(store, ("SKU-10001", 1))
    at = window()
    push(
        store,
        ev(OrderClaimed(number), at, station=name),
        ev(wrong(number, ScanExpected.TOTE), at + timedelta(seconds=1), station=name),
        token=token,
    )
    seen = _seen(store, name)
    assert seen is not None
    # Throttled: a pull and a push within 30 s write the time once.
    assert datetime.fromisoformat(seen["last_seen"]) == first
    assert seen["last_event"] == {
        "user": "ana",
        "type": "scan.wrong",
        "order_number": number,
        "at": (at + timedelta(seconds=1)).isoformat(),
        "result": "applied",
    }

    [mine] = [s for s in ledger(store).stations() if s.station == name]
    assert (mine.user, mine.type, mine.order_number, mine.result) == (
        "ana",
        "scan.wrong",
        number,
        "applied",
    )
    assert mine.last_seen == first
    assert last_seen([mine]) == {name: first}


# -- guard -----------------------------------------------------------------------------

LEDGER_CALLS = [
    "/ledger/orders/SO-100001",
    "/ledger/rates?since=2031-01-01T00:00:00%2B00:00&until=2031-01-01T01:00:00%2B00:00",
    "/ledger/stations",
]


@pytest.mark.parametrize("path", LEDGER_CALLS)
@pytest.mark.parametrize(("token", "status"), [(None, 401), ("wrong", 401), ("erp", 403)])
def test_the_ledger_is_for_station_tokens(
    store: Store, path: str, token: str | None, status: int
) -> None:
    answer = store.call("GET", path, token)
    assert answer.status_code == status
    assert answer.json()["code"] == {401: "unauthorized", 403: "forbidden"}[status]


@pytest.mark.parametrize("path", LEDGER_CALLS)
def test_an_admin_token_may_read_the_ledger(store: Store, path: str) -> None:
    assert store.call("GET", path, "admin").status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ledger/orders/" + "A" * 41, 422),
        ("/ledger/orders/%20bad", 404),
        ("/ledger/orders/SO-1?limit=0", 422),
        ("/ledger/orders/SO-1?limit=501", 422),
    ],
)
def test_timeline_limits(store: Store, path: str, status: int) -> None:
    answer = store.call("GET", path)
    assert answer.status_code == status
    assert "detail" in answer.json()


def test_the_client_says_why_it_cannot_read(store: Store) -> None:
    with pytest.raises(LedgerUnavailable) as info:
        ledger(store, "erp").stations()
    assert info.value.code == "http_403"
    start = window()
    with pytest.raises(LedgerUnavailable) as info:
        ledger(store).rates(start, start + timedelta(hours=25))
    assert info.value.code == "http_422"
