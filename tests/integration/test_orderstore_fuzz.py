"""Property-based fuzz of every endpoint against the real server, on SQLite and PostgreSQL.

Requests are built from the contract's shapes (docs/http-contract.md) and pushed to
their edges: sizes around each limit, any Unicode (lone surrogates, NUL, controls,
format characters), integers around 32 and 64 bits, times at the ends of the
calendar and with any offset, missing and extra fields, broken JSON and bytes that
are not UTF-8. Whatever comes, the store must answer 2xx or 4xx (a station retries
a 5xx forever), in strict JSON (the station reads with orjson), with a ``detail`` and
a ``code`` on a 4xx, and a 4xx must write nothing.

The number of examples keeps the module under a minute in CI on both back-ends.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import orjson
import pytest
import requests
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from app.domain.events import (
    EVENT_TYPES,
    MAX_SCANNED,
    EventType,
    PackHoldReason,
    ScanExpected,
    ShortReason,
)
from app.domain.gtin import with_check_digit
from app.domain.model import OrderStatus, Priority
from tests.integration.conftest import Store
from tests.integration.test_orderstore_hardening import fingerprint

# About 30 s for the module on both back-ends on a 2-core CI machine.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_WRITES = settings(FUZZ, max_examples=100)

INT_EDGES = [0, 1, -1, 40, 41, 200, 201, 500, 501, 5000, 5001, 100_000, 100_001, 1_000_000]
INT_EDGES += [1_000_001, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1]
INT_EDGES += [2**64, 10**30]
integers = st.one_of(st.sampled_from(INT_EDGES), st.integers())
TEXT_EDGES = ["", " ", "\x00", "a\x00b", "\x1b[31m", "\x07", "\t", "\u200b", "\ufeff", "\u00a0"]
TEXT_EDGES += ["\ud800", "x\udfffy", "😀", "\u2028", "é" * 41, "x" * 40, "x" * 41, "x" * 200]
TEXT_EDGES += ["x" * 201, "y" * 5000, "PO/2026/7", "SO-100001", "../..", "%2F", "null"]
texts = st.one_of(st.sampled_from(TEXT_EDGES), st.text(st.characters(), max_size=60))
ORDERS = [f"SO-{100001 + i}" for i in range(0, 240, 7)]
SKUS = [f"SKU-{10001 + i}" for i in range(0, 320, 11)]
USERS = ["ana", "ben", "dan", "finn", "sam", "ada", "nobody"]
STATIONS = ["station-1", "station-1", "station-1", "station-2"]

offsets = st.integers(min_value=-24 * 60 + 1, max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
TIME_EDGES = [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59.999999+00:00",
    "0001-01-01T00:00:00Z",
    "1999-12-31T23:59:59Z",
    "2000-01-01T00:00:00Z",
    "2999-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
    "2026-12-01T15:00:00",
    "2026-13-01T00:00:00Z",
    "yesterday",
]
times = st.one_of(
    st.sampled_from(TIME_EDGES),
    st.builds(
        lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
        offsets,
    ),
)


# Text the contract takes (wire.check_text): printable, at most ``size`` characters.
def printable(size: int) -> st.SearchStrategy[str]:
    letters = st.characters(exclude_categories=("C", "Z"), include_characters=" ")
    return st.text(letters, max_size=size).filter(str.isprintable)


good_times = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    offsets,
)
good_cutoffs = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
    st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2999, 12, 30)),
    offsets,
)
scalars = st.one_of(st.none(), st.booleans(), integers, st.floats(allow_nan=False), texts)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def sometimes(good: st.SearchStrategy[Any], odds: int = 4) -> st.SearchStrategy[Any]:
    """Mostly ``good``; now and then anything at all."""
    return st.one_of(*[good] * odds, json_values)


@st.composite
def shaped(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """An object with the given fields; now and then one missing or one extra."""
    out = {name: draw(strategy) for name, strategy in fields.items()}
    if out and draw(st.integers(0, 9)) == 0:
        out.pop(draw(st.sampled_from(sorted(out))))
    if draw(st.integers(0, 9)) == 0:
        out[draw(texts)] = draw(json_values)
    return out


SSCC = with_check_digit("34012345" + "000000001")

PAYLOAD_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "order_number": sometimes(st.sampled_from(ORDERS)),
    "line_no": sometimes(st.one_of(st.integers(1, 4), integers)),
    "qty": sometimes(st.one_of(st.integers(1, 3), integers)),
    "tote": sometimes(st.one_of(st.none(), st.just("T-0001"), texts)),
    "location": sometimes(st.one_of(st.none(), texts)),
    "reason": sometimes(
        st.one_of(st.sampled_from([r.value for r in (*ShortReason, *PackHoldReason)]), texts)
    ),
    "box": sometimes(texts),
    "weight_g": sometimes(integers),
    "tracking": sometimes(st.one_of(st.none(), texts)),
    "priority": sometimes(st.one_of(st.sampled_from([p.value for p in Priority]), texts)),
    "package_no": sometimes(st.one_of(st.none(), st.integers(1, 3), integers)),
    "lot": sometimes(st.one_of(st.none(), texts)),
    "expiry": sometimes(st.one_of(st.none(), texts)),
    "serial": sometimes(st.one_of(st.none(), texts)),
    "sscc": sometimes(st.one_of(st.just(SSCC), texts)),
    "carton": sometimes(texts),
    "expected_g": sometimes(integers),
    "override_by": sometimes(st.one_of(st.none(), texts)),
    "picker": sometimes(st.one_of(st.sampled_from(["ana", "dan"]), texts)),
    "station": sometimes(st.one_of(st.sampled_from(["station-1", "station-2"]), texts)),
    "expected": sometimes(st.one_of(st.sampled_from([e.value for e in ScanExpected]), texts)),
    "scanned": sometimes(texts),
}


GOOD_PAYLOAD: dict[str, st.SearchStrategy[Any]] = {
    "order_number": st.sampled_from([*ORDERS, "SO-999999"]),
    "line_no": st.integers(1, 4),
    "qty": st.one_of(st.integers(1, 3), st.sampled_from([1_000_000])),
    "tote": st.one_of(st.none(), st.just("T-0001"), printable(200).filter(str.strip)),
    "location": st.one_of(st.none(), printable(200).filter(str.strip)),
    "reason": st.one_of(
        st.sampled_from([r.value for r in (*ShortReason, *PackHoldReason)]), printable(200)
    ),
    "box": printable(200).filter(str.strip),
    "weight_g": st.integers(1, 1_000_000),
    "tracking": st.one_of(st.none(), printable(200).filter(str.strip)),
    "priority": st.sampled_from([p.value for p in Priority]),
    "package_no": st.one_of(st.none(), st.integers(1, 3)),
    "lot": st.one_of(st.none(), printable(20).filter(str.strip)),
    "expiry": st.one_of(st.none(), st.just("2027-05-31")),
    "serial": st.one_of(st.none(), printable(20).filter(str.strip)),
    "sscc": st.one_of(st.just(SSCC), st.just("340123450000000000")),
    "carton": printable(40).filter(str.strip),
    "expected_g": st.integers(1, 1_000_000),
    "override_by": st.one_of(st.none(), st.sampled_from(["sam", "ana"])),
    "picker": st.one_of(
        st.sampled_from(["ana", "dan", "nobody"]), printable(200).filter(str.strip)
    ),
    "station": st.one_of(
        st.sampled_from(["station-1", "station-2"]), printable(200).filter(str.strip)
    ),
    "expected": st.sampled_from([e.value for e in ScanExpected]),
    "scanned": printable(MAX_SCANNED).filter(str.strip),
}


@st.composite
def good_events(draw: st.DrawFn) -> dict[str, Any]:
    """Events the store reads: types, sizes and times at their edges, Unicode text."""
    kind = draw(st.sampled_from(list(EventType)))
    names = [f.name for f in dataclasses.fields(EVENT_TYPES[kind])]
    return {
        "id": str(draw(st.uuids())),
        "type": kind.value,
        "station": "station-1",
        "user": draw(st.sampled_from(USERS)),
        "at": draw(good_times),
        "payload": {name: draw(GOOD_PAYLOAD[name]) for name in names},
    }


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(EventType)))
    names = [f.name for f in dataclasses.fields(EVENT_TYPES[kind])]
    payload = draw(shaped({name: PAYLOAD_FIELDS[name] for name in names}))
    return draw(
        shaped(
            {
                "id": sometimes(st.uuids().map(str)),
                "type": sometimes(st.just(kind.value)),
                "station": sometimes(st.sampled_from(STATIONS)),
                "user": sometimes(st.sampled_from(USERS)),
                "at": sometimes(times),
                "payload": sometimes(st.just(payload)),
            }
        )
    )


new_numbers = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")
order_numbers = st.one_of(new_numbers, st.sampled_from(ORDERS), texts)
good_orders = st.fixed_dictionaries(
    {
        "order_number": new_numbers,
        "cutoff": good_cutoffs,
        "lines": st.lists(
            st.fixed_dictionaries(
                {
                    "sku": st.sampled_from(SKUS),
                    "qty": st.one_of(st.integers(1, 5), st.just(100_000)),
                }
            ),
            min_size=1,
            max_size=4,
        ),
    },
    optional={
        "priority": st.sampled_from([p.value for p in Priority]),
        "carrier": printable(40),
        "ship_to": st.fixed_dictionaries(
            {},
            optional={
                "name": printable(100),
                "street": printable(200),
                "city": printable(100),
                "postcode": printable(20),
                "country": st.sampled_from(["DE", "", "FR"]),
            },
        ),
    },
)
new_orders = shaped(
    {
        "order_number": order_numbers,
        "priority": sometimes(st.sampled_from([p.value for p in Priority])),
        "cutoff": sometimes(times),
        "carrier": sometimes(texts),
        "ship_to": sometimes(
            shaped(
                {
                    "name": texts,
                    "street": texts,
                    "city": texts,
                    "postcode": texts,
                    "country": st.one_of(st.sampled_from(["DE", "", "de", "DEU"]), texts),
                }
            )
        ),
        "lines": sometimes(
            st.lists(
                shaped(
                    {
                        "sku": sometimes(st.sampled_from(SKUS)),
                        "qty": sometimes(st.one_of(st.integers(1, 5), integers)),
                    }
                ),
                max_size=4,
            )
        ),
    }
)


@st.composite
def bodies(draw: st.DrawFn, value: st.SearchStrategy[Any]) -> bytes:
    """``value`` as a request body: mostly JSON as clients write it, now and then broken."""
    data = draw(value)
    how = draw(st.sampled_from(["ascii", "utf8", "utf8", "utf8", "cut", "bytes", "nest"]))
    if how == "ascii":
        return json.dumps(data, ensure_ascii=True).encode()
    text = json.dumps(data, ensure_ascii=False)
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate: not UTF-8
    if how == "cut":
        return raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    if how == "bytes":
        spot = draw(st.integers(0, len(raw)))
        return raw[:spot] + draw(st.binary(min_size=1, max_size=4)) + raw[spot:]
    if how == "nest":
        depth = draw(st.sampled_from([15, 16, 17, 1000, 5000]))
        return b"[" * depth + raw + b"]" * depth
    return raw


def path_part(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


tokens = st.sampled_from(["right"] * 6 + ["other-role", "wrong", None])


def send(
    store: Store,
    method: str,
    path: str,
    token: str | None,
    role: str,
    body: bytes | None = None,
) -> Any:
    """One request; checks the answer and, on a 4xx, that nothing was written."""
    names = {"right": role, "other-role": "erp" if role == "station" else "station"}
    before = fingerprint(store)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    name = names.get(token, token) if token else None
    if name is not None:
        headers["Authorization"] = f"Bearer {store.tokens.get(name, name)}"
    # A connection per request: on a kept-alive connection each answer waits ~40 ms for
    # a delayed ACK (uvicorn writes the head and the body apart), 10x the request.
    answer = requests.request(method, store.base + path, data=body, headers=headers, timeout=60)
    if currently_in_test_context():
        event(f"{method} HTTP {answer.status_code}")
    assert 200 <= answer.status_code < 500, (answer.status_code, answer.text[:500])
    assert answer.headers["content-type"] == "application/json", answer.headers
    decoded = orjson.loads(answer.content)  # strict: UTF-8, no lone surrogates, no NaN
    if answer.status_code >= 400:
        assert decoded["detail"], decoded
        assert isinstance(decoded["code"], str)
        assert fingerprint(store) == before, (answer.status_code, decoded)
    return decoded


@FUZZ_WRITES
@given(
    batch=st.one_of(
        st.fixed_dictionaries({"events": st.lists(good_events(), min_size=1, max_size=6)}),
        st.fixed_dictionaries({"events": st.lists(good_events(), min_size=1, max_size=6)}),
        shaped({"events": st.lists(events(), min_size=1, max_size=6)}),
        shaped({"events": st.lists(json_values, max_size=3)}),
        json_values,
    ),
    token=tokens,
    data=st.data(),
)
def test_fuzz_post_events(store: Store, batch: Any, token: str | None, data: st.DataObject) -> None:
    body = data.draw(bodies(st.just(batch)))
    answer = send(store, "POST", "/events", token, "station", body)
    if "results" in answer:  # each event answered, in order
        sent = json.loads(body)["events"]
        assert [r["id"] for r in answer["results"]] == [str(uuid.UUID(e["id"])) for e in sent]
        assert {r["result"] for r in answer["results"]} <= {"applied", "duplicate", "rejected"}


@FUZZ_WRITES
@given(
    batch=st.one_of(
        st.fixed_dictionaries({"orders": st.lists(good_orders, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"orders": st.lists(good_orders, min_size=1, max_size=3)}),
        shaped({"orders": st.lists(new_orders, min_size=1, max_size=3)}),
        json_values,
    ),
    token=tokens,
    data=st.data(),
)
def test_fuzz_post_orders(store: Store, batch: Any, token: str | None, data: st.DataObject) -> None:
    body = data.draw(bodies(st.just(batch)))
    send(store, "POST", "/orders", token, "erp", body)


@FUZZ_WRITES
@given(
    number=st.one_of(st.sampled_from(ORDERS), order_numbers),
    reason=st.one_of(
        st.none(),
        st.fixed_dictionaries({"reason": printable(200)}),
        shaped({"reason": texts}),
        json_values,
    ),
    token=tokens,
    data=st.data(),
)
def test_fuzz_post_cancel(
    store: Store, number: str, reason: Any, token: str | None, data: st.DataObject
) -> None:
    body = None if reason is None else data.draw(bodies(st.just(reason)))
    send(store, "POST", f"/orders/{path_part(number)}/cancel", token, "erp", body)


@FUZZ
@given(number=st.one_of(st.sampled_from(ORDERS), order_numbers), token=tokens)
def test_fuzz_get_order(store: Store, number: str, token: str | None) -> None:
    send(store, "GET", f"/orders/{path_part(number)}", token, "station")


query_values = st.one_of(integers.map(str), texts)


@FUZZ
@given(
    statuses=st.lists(
        st.one_of(st.sampled_from([s.value for s in OrderStatus]), texts), max_size=3
    ),
    after=st.one_of(st.none(), st.sampled_from(ORDERS), texts),
    limit=st.one_of(st.none(), query_values),
    token=tokens,
)
def test_fuzz_get_orders(
    store: Store, statuses: list[str], after: str | None, limit: str | None, token: str | None
) -> None:
    query = [f"status={path_part(s)}" for s in statuses]
    query += [f"after={path_part(after)}"] if after is not None else []
    query += [f"limit={path_part(limit)}"] if limit is not None else []
    send(store, "GET", "/orders?" + "&".join(query), token, "erp")


@FUZZ
@given(
    since=st.one_of(st.none(), query_values),
    limit=st.one_of(st.none(), query_values),
    token=tokens,
)
def test_fuzz_get_changes(
    store: Store, since: str | None, limit: str | None, token: str | None
) -> None:
    query = [f"since={path_part(since)}"] if since is not None else []
    query += [f"limit={path_part(limit)}"] if limit is not None else []
    send(store, "GET", "/changes?" + "&".join(query), token, "station")


moments = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    query_values,
)


@FUZZ
@given(
    since=st.one_of(st.none(), moments),
    until=st.one_of(st.none(), moments),
    number=st.one_of(st.sampled_from(ORDERS), texts),
    limit=st.one_of(st.none(), query_values),
    token=tokens,
)
def test_fuzz_get_ledger(
    store: Store,
    since: str | None,
    until: str | None,
    number: str,
    limit: str | None,
    token: str | None,
) -> None:
    query = [f"since={path_part(since)}"] if since is not None else []
    query += [f"until={path_part(until)}"] if until is not None else []
    send(store, "GET", "/ledger/rates?" + "&".join(query), token, "station")
    query = [f"limit={path_part(limit)}"] if limit is not None else []
    send(store, "GET", f"/ledger/orders/{path_part(number)}?" + "&".join(query), token, "station")
    send(store, "GET", "/ledger/stations", token, "station")


@settings(max_examples=20, deadline=None)
@given(query=texts, token=tokens)
def test_fuzz_get_health(store: Store, query: str, token: str | None) -> None:
    send(store, "GET", f"/health?{path_part(query)}", token, "station")


@pytest.mark.parametrize(
    "body",
    [json.dumps({"events": [{"id": "x"}]}).encode(), b"{}", b"", b"\x00", b"[" * 20],
)
def test_fuzz_seeds_the_obvious(store: Store, body: bytes) -> None:
    for path, role in (
        ("/events", "station"),
        ("/orders", "erp"),
        ("/orders/SO-100001/cancel", "erp"),
    ):
        send(store, "POST", path, "right", role, body)
