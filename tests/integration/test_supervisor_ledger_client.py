"""The ledger client (app/supervisor/ledger.py) against a small real HTTP server on
loopback that answers what a test says: good answers parse, odd, refused, oversize or
lost ones raise ``LedgerUnavailable`` with a code, never a half list."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
import requests

from app.supervisor.ledger import (
    MAX_LIST_BODY,
    MAX_TIMELINE_BODY,
    HttpLedger,
    LedgerEntry,
    LedgerUnavailable,
    StationSeen,
)

AT = "2026-12-07T09:00:00+00:00"
SINCE = datetime(2026, 12, 7, 6, tzinfo=UTC)
UNTIL = SINCE + timedelta(hours=8)


class Canned(BaseHTTPRequestHandler):
    status: ClassVar[int] = 200
    body: ClassVar[bytes] = b"{}"
    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.headers.get("Authorization")))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[Canned]]]:
    handler = type("Handler", (Canned,), {"seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def answer(handler: type[Canned], body: Any, status: int = 200) -> None:
    handler.body = body if isinstance(body, bytes) else json.dumps(body).encode()
    handler.status = status


def entry(**changes: Any) -> dict[str, Any]:
    return {
        "id": "7c4f3c2e-5a8e-4f57-9a7c-2b0e4d1f0a11",
        "at": AT,
        "received_at": "2026-12-07T09:00:01+00:00",
        "station": "PICK-1",
        "user": "ana",
        "type": "line.picked",
        "result": "applied",
        "code": None,
        "reason": None,
        "payload": {"order_number": "SO-1", "line_no": 1, "qty": 2},
    } | changes


def operator(**changes: Any) -> dict[str, Any]:
    return {
        "username": "ana",
        "picks": 40,
        "units": 80,
        "packs": 0,
        "wrong_scans": 3,
        "first_at": AT,
        "last_at": "2026-12-07T13:00:00+00:00",
    } | changes


def station(**changes: Any) -> dict[str, Any]:
    last = {"user": "ana", "type": "scan.wrong", "order_number": "SO-1", "at": AT}
    return {
        "station": "PICK-1",
        "last_seen": AT,
        "last_event": last | {"result": "applied"},
    } | changes


def test_good_answers_parse(server: tuple[str, type[Canned]], http: requests.Session) -> None:
    base, handler = server
    ledger = HttpLedger(base + "/", "tok", http, timeout=2.0)
    refused = entry(result="rejected", code="over_pick", reason="over-pick")
    answer(handler, {"order_number": "SO/1", "events": [entry(), refused], "more": False})
    first, second = ledger.timeline("SO/1")
    assert first == LedgerEntry(
        event_id="7c4f3c2e-5a8e-4f57-9a7c-2b0e4d1f0a11",
        order_number="SO/1",
        at=datetime(2026, 12, 7, 9, tzinfo=UTC),
        received_at=datetime(2026, 12, 7, 9, 0, 1, tzinfo=UTC),
        station="PICK-1",
        user="ana",
        type="line.picked",
        result="applied",
        payload={"order_number": "SO-1", "line_no": 1, "qty": 2},
    )
    assert (second.result, second.code, second.reason) == ("rejected", "over_pick", "over-pick")
    assert handler.seen[-1] == ("/api/v1/ledger/orders/SO%2F1", "Bearer tok")

    answer(handler, {"operators": [operator()], "since": AT, "until": AT, "more": False})
    [ana] = ledger.rates(SINCE, UNTIL)
    assert (ana.picks, ana.units, ana.wrong_scans, ana.hours) == (40, 80, 3, 8.0)
    assert ana.picks_per_hour == 5.0
    assert ana.last_at == datetime(2026, 12, 7, 13, tzinfo=UTC)
    assert handler.seen[-1][0] == (
        "/api/v1/ledger/rates?since=2026-12-07T06%3A00%3A00%2B00%3A00"
        "&until=2026-12-07T14%3A00%3A00%2B00%3A00"
    )

    answer(handler, {"stations": [station(), station(station="PACK-1", last_event=None)]})
    busy, quiet = ledger.stations()
    assert busy.type == "scan.wrong"
    assert quiet == StationSeen("PACK-1", datetime(2026, 12, 7, 9, tzinfo=UTC))


BAD_TIMELINES = [
    b"",
    b"not json",
    b"[]",
    json.dumps({"events": [entry()]}).encode(),  # no order number
    json.dumps({"order_number": "SO-1", "events": {}}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(), 7]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(at="2026-12-07T09:00:00")]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(at="soon")]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(result="maybe")]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(user=None)]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(user="")]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(code=5)]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(payload=[])]}).encode(),
    json.dumps({"order_number": "SO-1", "events": [entry(station="x" * 401)]}).encode(),
]
BAD_RATES = [
    {"operators": [operator(picks=-1)]},
    {"operators": [operator(picks=True)]},
    {"operators": [operator(units=1.5)]},
    {"operators": [operator(wrong_scans=None)]},
    {"operators": [operator(first_at="yesterday")]},
    {"operators": [operator(username=3)]},
    {"operators": None},
]
BAD_STATIONS = [
    {"stations": [station(last_seen=None)]},
    {"stations": [station(last_event=[])]},
    {"stations": [station(last_event={"user": "ana"})]},
    {"stations": [station(), {"station": "PACK-1"}]},
    {"station": []},
]


@pytest.mark.parametrize("body", BAD_TIMELINES)
def test_an_odd_timeline_is_refused_whole(
    server: tuple[str, type[Canned]], http: requests.Session, body: bytes
) -> None:
    base, handler = server
    answer(handler, body)
    with pytest.raises(LedgerUnavailable) as info:
        HttpLedger(base, "tok", http).timeline("SO-1")
    assert info.value.code == "bad_answer"


@pytest.mark.parametrize("body", BAD_RATES)
def test_odd_rates_are_refused_whole(
    server: tuple[str, type[Canned]], http: requests.Session, body: Any
) -> None:
    base, handler = server
    answer(handler, body)
    with pytest.raises(LedgerUnavailable) as info:
        HttpLedger(base, "tok", http).rates(SINCE, UNTIL)
    assert info.value.code == "bad_answer"


@pytest.mark.parametrize("body", BAD_STATIONS)
def test_odd_stations_are_refused_whole(
    server: tuple[str, type[Canned]], http: requests.Session, body: Any
) -> None:
    base, handler = server
    answer(handler, body)
    with pytest.raises(LedgerUnavailable) as info:
        HttpLedger(base, "tok", http).stations()
    assert info.value.code == "bad_answer"


def test_oversize_answers_are_not_read_past_the_bound(
    server: tuple[str, type[Canned]], http: requests.Session
) -> None:
    base, handler = server
    ledger = HttpLedger(base, "tok", http)
    answer(handler, b" " * (MAX_LIST_BODY + 1))
    with pytest.raises(LedgerUnavailable) as info:
        ledger.stations()
    assert info.value.code == "too_large"
    answer(handler, b" " * (MAX_TIMELINE_BODY + 1))
    with pytest.raises(LedgerUnavailable) as info:
        ledger.timeline("SO-1")
    assert info.value.code == "too_large"


@pytest.mark.parametrize("status", [401, 403, 404, 422, 500, 503])
def test_a_refusal_says_its_status(
    server: tuple[str, type[Canned]], http: requests.Session, status: int
) -> None:
    base, handler = server
    answer(handler, {"detail": "no", "code": "x"}, status)
    with pytest.raises(LedgerUnavailable) as info:
        HttpLedger(base, "tok", http).stations()
    assert info.value.code == f"http_{status}"


def test_a_store_that_is_not_there(http: requests.Session) -> None:
    with pytest.raises(LedgerUnavailable) as info:
        HttpLedger("http://127.0.0.1:9", "tok", http, timeout=1.0).stations()
    assert info.value.code == "ConnectionError"
