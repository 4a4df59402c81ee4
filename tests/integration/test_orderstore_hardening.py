"""What a hostile or clumsy client found, through the real server on both back-ends.

Every test here failed on the store before the fix: 401 came after the body was
parsed, a chunked body had no limit, edge inputs answered 500, an order number with
'/' was created and never found again, a half-sent body was waited for forever,
refusals piled up, one station's event id swallowed another's event.
"""

from __future__ import annotations

import json
import stat
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from alembic import command
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.orm import Session

from app.domain.events import LinePicked, OrderClaimed, new_event
from app.domain.model import Priority, ShipTo
from app.domain.wire import parse_time
from app.orderstore import service
from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import alembic_config, make_engine, upgrade
from app.orderstore.embedded import EmbeddedStore
from app.orderstore.gate import Limits
from app.orderstore.jsonbody import MAX_DEPTH, strict_json
from app.orderstore.models import Counter, EventRow, OrderRow, PackageRow
from app.orderstore.seed import seed
from tests.integration.conftest import ANCHOR, Store, database_url
from tests.integration.rawhttp import RawClient
from tests.integration.test_orderstore_api import event, new_order, order, push

LIMIT = Limits().body_bytes
POSTS = ["/api/v1/events", "/api/v1/orders", "/api/v1/orders/SO-100001/cancel"]


def fingerprint(store: Store) -> tuple[int, ...]:
    """Whatever a write changes: the change counter and the size of every written table."""
    with Session(store.engine) as session:
        counter = session.execute(select(Counter.value)).scalar_one()
        sizes = [
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (EventRow, OrderRow, PackageRow)
        ]
        reasons = session.execute(select(func.count()).where(OrderRow.cancel_reason != "")).scalar()
    return (int(counter), *map(int, sizes), int(reasons or 0))


def refused_whole(answer: requests.Response, status: int = 422) -> dict[str, Any]:
    """A whole-request refusal: the status, a JSON detail and a code."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["detail"]
    assert isinstance(body["code"], str)
    return dict(body)


def bearer(store: Store, role: str = "station") -> dict[str, str]:
    return {"Authorization": f"Bearer {store.tokens[role]}"}


# --- 1 and 2: the token before the body, the limit on every framing ------------------


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("token", [None, "sp_wrong"])
def test_401_comes_before_a_byte_of_the_body(store: Store, path: str, token: str | None) -> None:
    headers = {"Content-Type": "application/json", "Content-Length": "1000"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with RawClient(store.server.base_url, timeout_s=10) as raw:
        raw.head("POST", path, headers, b"{bad")  # 4 of the 1000 bytes, then nothing
        answer = raw.answer(timeout_s=5)
    assert answer.status == 401
    assert answer.json() == {"detail": "missing or unknown station token", "code": "unauthorized"}
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.seconds < 2


@pytest.mark.parametrize("path", POSTS)
def test_malformed_json_without_a_token_is_401_not_422(store: Store, path: str) -> None:
    answer = store.http.post(
        store.server.base_url + path,
        data=b"{bad",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert refused_whole(answer, 401)["code"] == "unauthorized"


def test_unknown_paths_need_a_token_too(store: Store) -> None:
    for path in ("/docs", "/redoc", "/openapi.json", "/api/v1/openapi.json", "/nothing"):
        assert store.http.get(store.server.base_url + path, timeout=10).status_code == 401
        answer = store.http.get(store.server.base_url + path, headers=bearer(store), timeout=10)
        assert refused_whole(answer, 404)["code"] == "not_found"


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("role", ["station", "erp"])
def test_a_chunked_body_stops_at_the_limit_with_413(store: Store, path: str, role: str) -> None:
    before = fingerprint(store)
    headers = {"Transfer-Encoding": "chunked", "Content-Type": "application/json"}
    piece = b" " * (256 * 1024)
    with RawClient(store.server.base_url) as raw:
        raw.head("POST", path, headers | bearer(store, role))
        for _ in range(LIMIT // len(piece)):
            assert raw.chunk(piece)
        assert not raw.answered()  # the limit itself is fine...
        raw.chunk(b" ")  # ...one byte more is not
        answer = raw.answer(timeout_s=10)
    # The client stopped there, so the server read all it was sent before it closed:
    # the answer is not lost to a reset (tests/integration/test_orderstore_memory.py
    # streams on and measures the memory).
    assert answer.status == 413
    assert answer.json() == {
        "detail": f"request body larger than {LIMIT} bytes",
        "code": "body_too_large",
    }
    assert answer.closed  # the rest of the body is not read
    assert fingerprint(store) == before


def test_a_chunked_body_without_a_token_is_thrown_away_and_answered_401(store: Store) -> None:
    body = json.dumps({"events": [event(OrderClaimed("SO-100001"))]}).encode()
    with RawClient(store.server.base_url) as raw:
        raw.head("POST", "/api/v1/events", {"Transfer-Encoding": "chunked"})
        raw.chunk(body[:10])
        raw.chunk(body[10:])
        raw.send(b"0\r\n\r\n")
        answer = raw.answer()
    assert answer.status == 401
    assert not answer.closed  # the body was read to its end: the connection stays usable


@pytest.mark.parametrize("path", POSTS)
def test_a_declared_oversize_body_is_refused_before_it_is_sent(store: Store, path: str) -> None:
    # A client that sends "Expect: 100-continue" (curl does for big bodies) learns it
    # without sending a byte; one that sends anyway finds the connection closed.
    headers = {
        "Content-Type": "application/json",
        "Content-Length": str(LIMIT + 1),
        "Expect": "100-continue",
    }
    with RawClient(store.server.base_url) as raw:
        raw.head("POST", path, headers | bearer(store, "admin"))
        answer = raw.answer(timeout_s=5)
    assert answer.status == 413
    assert answer.json()["code"] == "body_too_large"
    assert answer.closed


def test_a_body_at_the_limit_is_read(store: Store) -> None:
    body = b'{"events": [' + b" " * (LIMIT - 20) + b"]}"
    answer = store.call("POST", "/events", data=body, headers={"Content-Type": "application/json"})
    assert refused_whole(answer)["detail"][0]["type"] == "too_short"  # read, parsed, judged


# --- 5: a read timeout for slow and half-sent bodies ----------------------------------


@pytest.fixture(scope="module")
def impatient(store: Store) -> Iterator[EmbeddedStore]:
    """The same store with a read timeout of one second."""
    server = EmbeddedStore(store.engine, limits=Limits(body_timeout_s=1.0))
    server.start()
    yield server
    server.stop()


def test_a_half_sent_body_answers_408_after_the_read_timeout(
    store: Store, impatient: EmbeddedStore
) -> None:
    before = fingerprint(store)
    headers = {"Content-Type": "application/json", "Content-Length": "500"}
    with RawClient(impatient.base_url) as raw:
        raw.head("POST", "/api/v1/events", headers | bearer(store), b'{"events": [')
        answer = raw.answer(timeout_s=10)
    assert answer.status == 408
    assert answer.json() == {
        "detail": "request body not received within 1 s",
        "code": "body_timeout",
    }
    assert answer.closed
    assert 0.9 < answer.seconds < 5
    assert fingerprint(store) == before


def test_a_body_that_trickles_in_answers_408_when_its_time_is_up(
    store: Store, impatient: EmbeddedStore
) -> None:
    """A byte every 0.3 s would keep a per-read timer from firing: the limit is the whole
    body's."""
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    with RawClient(impatient.base_url) as raw:
        raw.head("POST", "/api/v1/orders", headers | bearer(store, "erp"))
        for _ in range(30):
            if raw.answered():
                break
            raw.chunk(b" ")
            time.sleep(0.3)
        answer = raw.answer(timeout_s=10)
    assert answer.status == 408
    assert answer.seconds < 5


def test_a_body_that_comes_in_time_is_not_hurried(store: Store, impatient: EmbeddedStore) -> None:
    number = new_order(store)
    body = json.dumps({"events": [event(OrderClaimed(number))]}).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
    with RawClient(impatient.base_url) as raw:
        raw.head("POST", "/api/v1/events", headers | bearer(store), body[:20])
        time.sleep(0.5)
        raw.send(body[20:])
        answer = raw.answer()
    assert answer.status == 200
    assert answer.json()["results"][0]["result"] == "applied"


# --- 3 and 5: edge inputs answer 4xx with a JSON detail and write nothing -------------

BAD_TEXT = ["a\x00b", "a\x1bb", "bell\x07", "tab\there", "line\nbreak", "del\x7f", "c1\x85c1"]
BAD_TEXT += ["zero\u200bwidth", "bom\ufeff", "no\u00a0break", "private\ue000", "line\u2028sep"]


def _order_body(number: str, **fields: Any) -> dict[str, Any]:
    order_fields: dict[str, Any] = {
        "order_number": number,
        "cutoff": "2026-12-01T15:00:00Z",
        "lines": [{"sku": "SKU-10001", "qty": 1}],
    }
    order_fields.update(fields)
    return {"orders": [order_fields]}


@pytest.mark.parametrize(
    "at",
    [
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59.999999-00:01",
        "0001-01-01T00:00:00+00:01",
    ],
)
def test_an_event_time_beyond_the_calendar_is_422_naming_it(store: Store, at: str) -> None:
    before = fingerprint(store)
    bad = event(LinePicked("SO-100001", 1, 1))
    bad["at"] = at
    answer = store.call("POST", "/events", json={"events": [bad]})
    body = refused_whole(answer)
    assert body["code"] == "invalid_event"
    assert body["detail"][0]["index"] == 0
    assert body["detail"][0]["msg"].startswith("at: ")
    assert fingerprint(store) == before


@pytest.mark.parametrize(
    ("cutoff", "needle"),
    [
        ("9999-12-31T23:59:59-14:00", "years 1-9999"),
        ("0001-01-01T00:00:00+14:00", "years 1-9999"),
        ("0001-01-01T00:00:00Z", "2000 to 2999"),
        ("3000-01-01T00:00:00Z", "2000 to 2999"),
        ("1999-12-31T23:59:59Z", "2000 to 2999"),
    ],
)
def test_a_cutoff_beyond_the_calendar_or_the_contract_is_422(
    store: Store, cutoff: str, needle: str
) -> None:
    before = fingerprint(store)
    number = f"EDGE-{uuid.uuid4().hex[:8]}"
    answer = store.call("POST", "/orders", "erp", json=_order_body(number, cutoff=cutoff))
    body = refused_whole(answer)
    assert needle in json.dumps(body)
    assert fingerprint(store) == before


def test_the_cutoffs_at_the_edges_of_the_contract_are_taken(store: Store) -> None:
    for cutoff, stored in [
        ("2000-01-01T00:00:00Z", "2000-01-01T00:00:00+00:00"),
        ("3000-01-01T13:59:59.999999+14:00", "2999-12-31T23:59:59.999999+00:00"),
    ]:
        number = f"EDGE-{uuid.uuid4().hex[:8]}"
        answer = store.call("POST", "/orders", "erp", json=_order_body(number, cutoff=cutoff))
        assert answer.status_code == 200, answer.text
        assert order(store, number)["cutoff"] == stored


@pytest.mark.parametrize(
    "query",
    [
        "since=99999999999999999999",
        f"since={2**63}",
        f"since={2**64}",
        "since=-9223372036854775809",
        "limit=99999999999999999999",
        "since=1e3",
        "since=%00",
        "since=" + "9" * 5000,
    ],
)
def test_a_change_cursor_beyond_64_bits_is_422(store: Store, query: str) -> None:
    assert refused_whole(store.call("GET", f"/changes?{query}"))["code"] == "invalid"


def test_the_largest_64_bit_cursor_is_an_empty_page(store: Store) -> None:
    answer = store.call("GET", f"/changes?since={2**63 - 1}")
    assert answer.status_code == 200, answer.text
    assert answer.json()["orders"] == []
    assert answer.json()["more"] is False


@pytest.mark.parametrize("field", ["name", "street", "city", "postcode"])
@pytest.mark.parametrize("bad", BAD_TEXT, ids=repr)
def test_control_and_invisible_characters_in_an_address_are_422(
    store: Store, field: str, bad: str
) -> None:
    before = fingerprint(store)
    number = f"TXT-{uuid.uuid4().hex[:8]}"
    answer = store.call("POST", "/orders", "erp", json=_order_body(number, ship_to={field: bad}))
    body = refused_whole(answer)
    assert body["detail"][0]["loc"][-1] == field
    assert "printable" in body["detail"][0]["msg"]
    assert fingerprint(store) == before


@pytest.mark.parametrize("bad", BAD_TEXT, ids=repr)
def test_control_characters_in_a_carrier_or_a_cancel_reason_are_422(store: Store, bad: str) -> None:
    number = new_order(store)
    before = fingerprint(store)
    answer = store.call("POST", f"/orders/{number}/cancel", "erp", json={"reason": bad})
    assert "printable" in refused_whole(answer)["detail"][0]["msg"]
    fresh = f"TXT-{uuid.uuid4().hex[:8]}"
    answer = store.call("POST", "/orders", "erp", json=_order_body(fresh, carrier=bad))
    assert "printable" in refused_whole(answer)["detail"][0]["msg"]
    assert fingerprint(store) == before
    assert order(store, number)["status"] == "open"


@pytest.mark.parametrize("field", ["station", "user"])
@pytest.mark.parametrize("bad", BAD_TEXT, ids=repr)
def test_control_characters_in_an_event_are_422_on_every_back_end(
    store: Store, field: str, bad: str
) -> None:
    before = fingerprint(store)
    held = event(LinePicked("SO-100001", 1, 1, tote="T-0001"))
    held[field] = bad
    answer = store.call("POST", "/events", json={"events": [held]})
    assert "printable" in refused_whole(answer)["detail"][0]["msg"]
    assert fingerprint(store) == before


GOOD_TEXT = [
    "Müller & Söhne GmbH",
    "東京都港区",
    "Ørsted 😀 ✓",
    'O\'Brien, "Apt" 5/7',
    "Straße-Nº 1",
]


@pytest.mark.parametrize("good", GOOD_TEXT)
def test_printable_text_round_trips_exactly_on_every_back_end(store: Store, good: str) -> None:
    number = f"TXT-{uuid.uuid4().hex[:8]}"
    answer = store.call(
        "POST",
        "/orders",
        "erp",
        json=_order_body(number, carrier=good[:40], ship_to={"name": good, "street": good}),
    )
    assert answer.status_code == 200, answer.text
    state = order(store, number)
    assert (state["carrier"], state["ship_to"]["name"]) == (good[:40], good)
    cancelled = store.call("POST", f"/orders/{number}/cancel", "erp", json={"reason": good})
    assert cancelled.status_code == 200
    with Session(store.engine) as session:
        reason = session.execute(
            select(OrderRow.cancel_reason).where(OrderRow.order_number == number)
        ).scalar_one()
    assert reason == good


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b'{"events": [{"id": "\xff\xfe"}]}', "not UTF-8"),
        (b'\xff\xfe{\x00"\x00}\x00', "not UTF-8"),  # UTF-16: JSON is UTF-8 only
        (b'{"events": [' * 100_000, "nested deeper"),
        (b"[" * 30 + b"]" * 30, "nested deeper"),
        (b'{"events": [NaN]}', "NaN"),
        (b'{"events": [Infinity]}', "Infinity"),
        (b'{"events": [{"id": "\\ud800"}]}', "surrogate"),
        (b'{"events": [{"\\udfff": 1}]}', "surrogate"),
        (b'{"events": [' + b"9" * 5000 + b"]}", "digits"),
        (b'\xef\xbb\xbf{"events": []}', "BOM"),
        (b'{"events": [{"id": "\xed\xa0\x80"}]}', "not UTF-8"),  # an encoded surrogate
    ],
)
def test_bodies_json_cannot_carry_are_422_not_400_or_500(
    store: Store, body: bytes, needle: str
) -> None:
    before = fingerprint(store)
    answer = store.call("POST", "/events", data=body, headers={"Content-Type": "application/json"})
    problem = refused_whole(answer)
    assert problem["detail"][0]["type"] == "json_invalid"
    assert needle in problem["detail"][0]["msg"]
    assert fingerprint(store) == before


def test_an_emoji_escaped_as_a_surrogate_pair_is_fine(store: Store) -> None:
    number = f"TXT-{uuid.uuid4().hex[:8]}"
    body = json.dumps(_order_body(number, ship_to={"name": "Ana 😀"}), ensure_ascii=True)
    assert "\\ud83d\\ude00" in body
    answer = store.call(
        "POST", "/orders", "erp", data=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 200, answer.text
    assert order(store, number)["ship_to"]["name"] == "Ana 😀"


def test_a_refusal_never_echoes_the_body(store: Store) -> None:
    huge = "x" * 100_000
    answer = store.call("POST", "/orders", "erp", json={"orders": [{"order_number": huge}]})
    refused_whole(answer)
    assert len(answer.content) < 5_000


@pytest.mark.parametrize("path", ["/orders/%00", "/orders/A%00B", "/orders/%1b", "/orders/%C3%A9"])
def test_an_order_number_the_store_never_took_is_404_unknown(store: Store, path: str) -> None:
    assert refused_whole(store.call("GET", path), 404)["code"] == "unknown_order"
    answer = store.call("POST", f"{path}/cancel", "erp", json={})
    assert refused_whole(answer, 404)["code"] == "unknown_order"


@pytest.mark.parametrize("after", ["%00", "A%00", "%1b%5b31m", "x" * 41])
def test_a_bad_orders_cursor_is_422(store: Store, after: str) -> None:
    assert refused_whole(store.call("GET", f"/orders?after={after}"))["code"] == "invalid"


@pytest.mark.parametrize("limit", [0, 501, 2**63, -1])
def test_the_orders_list_limit_is_1_to_500(store: Store, limit: int) -> None:
    refused_whole(store.call("GET", f"/orders?limit={limit}"))
    assert store.call("GET", "/orders?limit=500").status_code == 200


# --- 4: order numbers with '/' --------------------------------------------------------


@pytest.mark.parametrize("number", ["PO/2026/7", "/lead", "a/..", "PO%2F1", "PO 1", "PO#1", "PO?1"])
def test_an_order_number_that_cannot_be_a_path_segment_is_refused_at_import(
    store: Store, number: str
) -> None:
    before = fingerprint(store)
    answer = store.call("POST", "/orders", "erp", json=_order_body(number))
    problem = refused_whole(answer)["detail"][0]
    assert problem["loc"][-1] == "order_number"
    assert "[A-Za-z0-9._-]" in problem["msg"]
    assert fingerprint(store) == before


def test_an_order_with_a_slash_from_before_the_rule_can_still_be_read_and_cancelled(
    store: Store,
) -> None:
    number = f"PO/{uuid.uuid4().hex[:6]}/7"
    service.import_orders(  # as the store took it before the rule
        store.engine,
        [
            service.NewOrder(
                number,
                Priority.NORMAL,
                parse_time("2026-12-01T15:00:00+00:00"),
                "DHL",
                ShipTo("Legacy Customer"),
                (service.NewLine("SKU-10001", 1),),
            )
        ],
    )
    escaped = number.replace("/", "%2F")
    assert store.call("GET", f"/orders/{number}").json()["order_number"] == number
    assert store.call("GET", f"/orders/{escaped}").json()["order_number"] == number
    listed = store.call("GET", f"/orders?after={escaped[:-1]}&limit=1").json()["orders"]
    assert listed[0]["order_number"] == number
    (claimed,) = push(store, event(OrderClaimed(number)))
    assert claimed["result"] == "applied"
    answer = store.call("POST", f"/orders/{escaped}/cancel", "erp", json={"reason": "legacy"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "cancelled"


# --- 5: refusals are bounded per station ------------------------------------------------


def test_a_station_keeps_at_most_its_newest_refusals(store: Store) -> None:
    station = f"flood-{uuid.uuid4().hex[:6]}"
    token = create_token(store.engine, station, frozenset({TokenRole.STATION}))
    elsewhere = event(OrderClaimed("NO-SUCH-ELSEWHERE"), station="station-2", user="ben")
    assert push(store, elsewhere, token="station2")[0]["result"] == "rejected"
    claim = new_event(OrderClaimed(new_order(store)), station=station, user="ana").to_json()
    assert push(store, claim, token=token)[0]["result"] == "applied"
    first = new_event(OrderClaimed("NO-SUCH-1"), station=station, user="ana").to_json()
    assert push(store, first, token=token)[0]["result"] == "rejected"
    flood = [
        new_event(OrderClaimed(f"NO-SUCH-{i}"), station=station, user="ana").to_json()
        for i in range(service.REFUSALS_KEPT + 200)
    ]
    last = None
    for start in range(0, len(flood), 500):
        last = push(store, *flood[start : start + 500], token=token)
    assert last is not None
    assert {a["result"] for a in last} == {"rejected"}
    with Session(store.engine) as session:
        kept = dict(
            session.execute(
                select(EventRow.result, func.count())
                .where(EventRow.station == station)
                .group_by(EventRow.result)
            ).all()
        )
        kept_elsewhere = session.get(EventRow, {"station": "station-2", "id": elsewhere["id"]})
    assert kept == {"applied": 1, "rejected": service.REFUSALS_KEPT}
    assert kept_elsewhere is not None  # another station's refusals are its own
    # The newest refusals are still known: sent again they are duplicates.
    assert push(store, flood[-1], token=token)[0]["result"] == "duplicate"
    # The oldest went: sent again it is decided again (refused again, and kept again).
    assert push(store, first, token=token)[0]["result"] == "rejected"
    # Applied events are never forgotten.
    assert push(store, claim, token=token)[0] == {
        "id": claim["id"],
        "result": "duplicate",
        "original": "applied",
    }


# --- 5: event ids are scoped by station --------------------------------------------------


def test_another_stations_event_with_the_same_id_is_its_own_event(store: Store) -> None:
    first_order, second_order = new_order(store), new_order(store)
    mine = event(OrderClaimed(first_order), station="station-1", user="ana")
    theirs = event(OrderClaimed(second_order), station="station-2", user="ben")
    theirs["id"] = mine["id"]  # a clumsy (or hostile) station reuses an id
    assert push(store, mine)[0]["result"] == "applied"
    (answer,) = push(store, theirs, token="station2")
    assert answer == {"id": mine["id"], "result": "applied"}
    assert order(store, second_order)["assigned_station"] == "station-2"
    # Each station's resend is still a duplicate of its own event, with its own answer.
    assert push(store, mine)[0] == {"id": mine["id"], "result": "duplicate", "original": "applied"}
    assert push(store, theirs, token="station2")[0]["result"] == "duplicate"
    with Session(store.engine) as session:
        stations = sorted(
            session.execute(select(EventRow.station).where(EventRow.id == mine["id"])).scalars()
        )
    assert stations == ["station-1", "station-2"]


def test_a_station_resending_while_another_reuses_the_id_applies_each_once(store: Store) -> None:
    numbers = [new_order(store, ("SKU-10016", 50)) for _ in range(2)]
    push(store, event(OrderClaimed(numbers[0])))
    push(store, event(OrderClaimed(numbers[1]), station="station-2", user="ben"), token="station2")
    ids = [str(uuid.uuid4()) for _ in range(20)]
    batches = {
        "station": [event(LinePicked(numbers[0], 1, 1)) | {"id": i} for i in ids],
        "station2": [
            event(LinePicked(numbers[1], 1, 1), station="station-2", user="ben") | {"id": i}
            for i in ids
        ],
    }
    results: list[tuple[str, list[dict[str, Any]]]] = []

    def send(token: str) -> None:
        results.append((token, push(store, *batches[token], token=token)))

    threads = [threading.Thread(target=send, args=(t,)) for t in ("station", "station2") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 6
    for token in ("station", "station2"):
        mine = [answers for who, answers in results if who == token]
        for position in range(20):
            outcomes = sorted(answers[position]["result"] for answers in mine)
            assert outcomes == ["applied", "duplicate", "duplicate"]
    assert [order(store, n)["lines"][0]["picked_qty"] for n in numbers] == [20, 20]


# --- 5: no banner, no public docs ------------------------------------------------------


def test_no_answer_names_the_server_software(store: Store) -> None:
    for answer in (
        store.call("GET", "/health", token=None),
        store.call("GET", "/changes?limit=1"),
        store.call("GET", "/changes", token=None),
        store.call("GET", "/orders/NOPE"),
    ):
        assert "server" not in {name.lower() for name in answer.headers}
        assert "date" in {name.lower() for name in answer.headers}


def test_the_openapi_document_is_served_only_when_asked_for(store: Store) -> None:
    with EmbeddedStore(store.engine, docs=True) as documented:
        answer = requests.get(documented.base_url + "/api/v1/openapi.json", timeout=10)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
        paths = answer.json()["paths"]
        assert {"/api/v1/events", "/api/v1/changes", "/api/v1/orders"} <= set(paths)
        assert "bearer" in json.dumps(answer.json()["components"]["securitySchemes"]).lower()
        for page in ("/docs", "/redoc", "/docs/oauth2-redirect"):
            assert requests.get(documented.base_url + page, timeout=10).status_code in (401, 404)
        # Everything else still needs a token.
        assert requests.get(documented.base_url + "/api/v1/changes", timeout=10).status_code == 401
    hidden = store.call("GET", "/openapi.json")
    assert hidden.status_code == 404


# --- 5: the SQLite file is the owner's alone --------------------------------------------


def test_the_sqlite_database_and_its_wal_and_shm_are_0600(backend: str, store: Store) -> None:
    if backend != "sqlite":
        pytest.skip("a file on SQLite only")
    push(store, event(OrderClaimed(new_order(store))))  # the server has written: WAL in use
    path = Path(store.engine.url.database or "")
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert name.exists(), name
        assert stat.S_IMODE(name.stat().st_mode) == 0o600, name


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    path.chmod(0o644)
    Path(f"{path}-wal").write_bytes(b"")
    Path(f"{path}-wal").chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(f"{path}-wal").stat().st_mode) == 0o600
    fresh = tmp_path / "new" / "deeper" / "store.sqlite3"
    make_engine(f"sqlite:///{fresh}").dispose()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700


# --- PostgreSQL in a time zone where the year 1 UTC is a date BC -------------------------


@pytest.mark.postgres
def test_an_event_at_the_first_instant_replays_on_a_database_west_of_greenwich(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = database_url("postgresql", tmp_path, lambda: request.getfixturevalue("postgres_server"))
    admin = make_engine(url)
    with admin.begin() as connection:
        name = admin.url.database
        connection.execute(text(f"ALTER DATABASE {name} SET timezone TO 'America/New_York'"))
    admin.dispose()
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, 3, anchor=ANCHOR)
    token = create_token(engine, "station-1", frozenset({TokenRole.STATION}))
    with EmbeddedStore(engine) as server:
        early = new_event(OrderClaimed("SO-100001"), station="station-1", user="ana").to_json()
        early["at"] = "0001-01-01T00:00:00+00:00"
        late = new_event(OrderClaimed("SO-100002"), station="station-1", user="ana").to_json()
        late["at"] = "9999-12-31T23:59:59+00:00"
        for _ in range(2):  # the second time the stored rows are read back
            answer = requests.post(
                server.base_url + "/api/v1/events",
                json={"events": [early, late]},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            assert answer.status_code == 200, answer.text
        assert [r["result"] for r in answer.json()["results"]] == ["duplicate", "duplicate"]
    engine.dispose()


def test_json_may_nest_16_levels_and_no_more() -> None:
    assert strict_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) == _nested(MAX_DEPTH)
    assert strict_json(b'{"a":' * MAX_DEPTH + b"1" + b"}" * MAX_DEPTH)
    for body in (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), b'{"a":' * 17 + b"1" + b"}" * 17):
        with pytest.raises(json.JSONDecodeError, match="nested deeper than 16"):
            strict_json(body)


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


# --- migration 0003: the ledger re-keyed without losing an event --------------------------


def test_migration_0003_keeps_every_event_and_keys_it_by_station(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = database_url(backend, tmp_path, lambda: request.getfixturevalue("postgres_server"))
    engine = make_engine(url)
    config = alembic_config()

    def migrate(step: Any, revision: str) -> None:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)

    migrate(command.upgrade, "0002")
    row = {
        "id": str(uuid.uuid4()),
        "type": "order.claimed",
        "station": "station-1",
        "username": "ana",
        "order_number": "SO-1",
        "at": parse_time("2026-11-30T10:00:00+00:00"),
        "received_at": parse_time("2026-11-30T10:00:01+00:00"),
        "result": "rejected",
        "code": "unknown_order",
        "reason": "unknown order 'SO-1'",
        "payload": "{}",
    }
    with engine.begin() as connection:
        connection.execute(insert(EventRow.__table__), [row])
    for step, revision in ((command.upgrade, "head"), (command.downgrade, "0002")):
        migrate(step, revision)
    upgrade(engine)
    try:
        inspector = inspect(engine)
        assert inspector.get_pk_constraint("events")["constrained_columns"] == ["station", "id"]
        assert "ix_events_refusals" in {i["name"] for i in inspector.get_indexes("events")}
        with Session(engine) as session:
            kept = session.get(EventRow, {"station": "station-1", "id": row["id"]})
            assert kept is not None
            assert (kept.result, kept.code) == ("rejected", "unknown_order")
    finally:
        engine.dispose()
