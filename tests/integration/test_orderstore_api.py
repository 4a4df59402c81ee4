"""The HTTP contract v1, on SQLite and on PostgreSQL, through a real uvicorn server."""

from __future__ import annotations

import itertools
import threading
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.events import (
    LinePicked,
    LineShort,
    LineUnpicked,
    OrderClaimed,
    OrderHeld,
    OrderPicked,
    Payload,
    ShortReason,
    new_event,
)
from app.orderstore.models import EventRow, OrderRow, TokenRow
from tests.integration.conftest import Store
from tests.integration.rawhttp import RawClient

_numbers = itertools.count(1)


def new_order(store: Store, *lines: tuple[str, int]) -> str:
    """Import a fresh order through the ERP call; returns its number."""
    number = f"T{uuid.uuid4().hex[:10].upper()}-{next(_numbers)}"
    body = {
        "orders": [
            {
                "order_number": number,
                "priority": "high",
                "cutoff": "2026-12-01T15:00:00+00:00",
                "carrier": "DHL",
                "ship_to": {"name": "Test Customer", "city": "Berlin", "country": "DE"},
                "lines": [{"sku": sku, "qty": qty} for sku, qty in lines or (("SKU-10001", 2),)],
            }
        ]
    }
    answer = store.call("POST", "/orders", "erp", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"] == [{"order_number": number, "result": "created"}]
    return number


def event(payload: Payload, station: str = "station-1", user: str = "ana") -> dict[str, Any]:
    return new_event(payload, station=station, user=user).to_json()


def push(store: Store, *events: dict[str, Any], token: str = "station") -> list[dict[str, Any]]:
    answer = store.call("POST", "/events", token, json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


def order(store: Store, number: str) -> dict[str, Any]:
    answer = store.call("GET", f"/orders/{number}")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def count_events(store: Store) -> int:
    with Session(store.engine) as session:
        return int(session.execute(select(func.count()).select_from(EventRow)).scalar_one())


# --- health and authentication ------------------------------------------------------


def test_health_needs_no_token(store: Store) -> None:
    answer = store.call("GET", "/health", token=None)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": "0.1.0", "api": 1}


CALLS = [
    ("GET", "/changes", None),
    ("POST", "/events", {"events": []}),
    ("GET", "/orders", None),
    ("GET", "/orders/SO-100001", None),
    ("POST", "/orders", {"orders": []}),
    ("POST", "/orders/SO-100001/cancel", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), CALLS)
@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_every_call_but_health_answers_401_without_a_valid_token(
    store: Store, method: str, path: str, body: Any, token: str | None
) -> None:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    answer = store.http.request(method, store.base + path, json=body, headers=headers, timeout=30)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "missing or unknown station token", "code": "unauthorized"}
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_basic_auth_header_is_not_a_token(store: Store) -> None:
    answer = store.call("GET", "/changes", None, headers={"Authorization": "Basic YTpi"})
    assert answer.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body", "token"),
    [
        ("GET", "/changes", None, "erp"),
        ("POST", "/events", {"events": []}, "erp"),
        ("POST", "/orders", {"orders": []}, "station"),
        ("POST", "/orders/SO-100001/cancel", {}, "station"),
    ],
)
def test_a_role_that_may_not_gets_403(
    store: Store, method: str, path: str, body: Any, token: str
) -> None:
    answer = store.call(method, path, token, json=body)
    assert answer.status_code == 403
    assert "needs a token with role" in answer.json()["detail"]


def test_tokens_are_stored_hashed(store: Store) -> None:
    with Session(store.engine) as session:
        hashes = set(session.execute(select(TokenRow.token_hash)).scalars())
    assert len(hashes) >= 4
    for token in store.tokens.values():
        assert token not in hashes
        assert all(token not in h for h in hashes)


# --- events: exactly once, rejections ----------------------------------------------------


def test_claim_and_pick_apply_once_and_replays_answer_duplicate(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 3), ("SKU-10002", 1))
    batch = [
        event(OrderClaimed(number, tote="T-0001")),
        event(LinePicked(number, 1, 2, location="A-01-01-1", tote="T-0001")),
        event(LinePicked(number, 2, 1)),
    ]
    first = push(store, *batch)
    assert [r["result"] for r in first] == ["applied"] * 3
    again = push(store, *batch)
    assert [r["result"] for r in again] == ["duplicate"] * 3
    assert all(r["original"] == "applied" for r in again)
    state = order(store, number)
    assert state["status"] == "picking"
    assert state["assigned_station"] == "station-1"
    assert [line["picked_qty"] for line in state["lines"]] == [2, 1]


def test_a_duplicate_inside_one_batch_applies_once(store: Store) -> None:
    number = new_order(store, ("SKU-10003", 5))
    claim = event(OrderClaimed(number))
    pick = event(LinePicked(number, 1, 1))
    answers = push(store, claim, pick, pick, pick)
    assert [a["result"] for a in answers] == ["applied", "applied", "duplicate", "duplicate"]
    assert order(store, number)["lines"][0]["picked_qty"] == 1


def test_over_pick_is_rejected_with_its_reason_and_replayed_as_such(store: Store) -> None:
    number = new_order(store, ("SKU-10004", 2))
    push(store, event(OrderClaimed(number)))
    too_many = event(LinePicked(number, 1, 3))
    (answer,) = push(store, too_many)
    assert answer["result"] == "rejected"
    assert answer["code"] == "over_pick"
    assert "has 2 left to pick" in answer["reason"]
    (replayed,) = push(store, too_many)
    assert replayed == {
        "id": too_many["id"],
        "result": "duplicate",
        "original": "rejected",
        "code": "over_pick",
        "reason": answer["reason"],
    }
    assert order(store, number)["lines"][0]["picked_qty"] == 0


def test_unknown_order_unknown_user_and_missing_role_are_rejected(store: Store) -> None:
    number = new_order(store)
    answers = push(
        store,
        event(OrderClaimed("NO-SUCH-ORDER")),
        event(OrderClaimed(number), user="nobody"),
        event(OrderClaimed(number), user="dan"),  # a packer, not a picker
        event(OrderHeld(number, "check"), user="ana"),  # a picker may not hold
    )
    assert [(a["result"], a["code"]) for a in answers] == [
        ("rejected", "unknown_order"),
        ("rejected", "unknown_user"),
        ("rejected", "not_allowed"),
        ("rejected", "not_allowed"),
    ]
    assert order(store, number)["status"] == "open"


def test_a_claim_lost_to_another_station_is_rejected_clearly(store: Store) -> None:
    number = new_order(store)
    (won,) = push(
        store, event(OrderClaimed(number), station="station-2", user="ben"), token="station2"
    )
    assert won["result"] == "applied"
    (lost,) = push(store, event(OrderClaimed(number)))
    assert lost["result"] == "rejected"
    assert lost["code"] == "claimed_elsewhere"
    assert "station-2" in lost["reason"]


def test_events_of_another_station_are_refused_with_403_and_nothing_applied(store: Store) -> None:
    number = new_order(store)
    before = count_events(store)
    answer = store.call(
        "POST", "/events", json={"events": [event(OrderClaimed(number), station="station-9")]}
    )
    assert answer.status_code == 403
    assert "station-9" in answer.json()["detail"]
    assert count_events(store) == before


def test_a_whole_pick_with_short_and_undo_reaches_picked(store: Store) -> None:
    number = new_order(store, ("SKU-10005", 3), ("SKU-10006", 2))
    answers = push(
        store,
        event(OrderClaimed(number)),
        event(LinePicked(number, 1, 2)),
        event(LineUnpicked(number, 1, 1)),
        event(LinePicked(number, 1, 2)),
        event(LinePicked(number, 2, 1)),
        event(LineShort(number, 2, 1, ShortReason.DAMAGED)),
        event(OrderPicked(number)),
    )
    assert all(a["result"] == "applied" for a in answers), answers
    state = order(store, number)
    assert state["status"] == "picked"
    assert [(li["picked_qty"], li["short_qty"]) for li in state["lines"]] == [(3, 0), (1, 1)]
    assert state["assigned_station"] is None


def test_order_picked_with_items_left_is_rejected(store: Store) -> None:
    number = new_order(store, ("SKU-10007", 2))
    push(store, event(OrderClaimed(number)), event(LinePicked(number, 1, 1)))
    (answer,) = push(store, event(OrderPicked(number)))
    assert (answer["result"], answer["code"]) == ("rejected", "incomplete")


def test_concurrent_replays_of_one_batch_apply_each_event_once(store: Store) -> None:
    number = new_order(store, ("SKU-10008", 40))
    push(store, event(OrderClaimed(number)))
    batch = [event(LinePicked(number, 1, 1)) for _ in range(20)]
    results: list[list[dict[str, Any]]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            results.append(push(store, *batch))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert len(results) == 4
    for position in range(20):
        outcomes = sorted(r[position]["result"] for r in results)
        assert outcomes == ["applied", "duplicate", "duplicate", "duplicate"]
    assert order(store, number)["lines"][0]["picked_qty"] == 20


def test_concurrent_claims_from_two_stations_give_the_order_to_one(store: Store) -> None:
    for _ in range(5):
        number = new_order(store)
        answers: dict[str, str] = {}

        def claim(
            station: str,
            token: str,
            user: str,
            number: str = number,
            answers: dict[str, str] = answers,
        ) -> None:
            (answer,) = push(
                store, event(OrderClaimed(number), station=station, user=user), token=token
            )
            answers[station] = answer["result"]

        threads = [
            threading.Thread(target=claim, args=("station-1", "station", "ana")),
            threading.Thread(target=claim, args=("station-2", "station2", "ben")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(answers.values()) == ["applied", "rejected"]
        winner = next(s for s, r in answers.items() if r == "applied")
        assert order(store, number)["assigned_station"] == winner


# --- malformed bodies: 422, nothing half-applied ----------------------------------------


@pytest.mark.parametrize("bad_qty", [-1, 0, 1.5, 2.0, "2", True, None, 10**12], ids=repr)
def test_a_bad_quantity_fails_the_whole_batch_with_422(store: Store, bad_qty: Any) -> None:
    number = new_order(store, ("SKU-10009", 5))
    good = event(OrderClaimed(number))
    bad = event(LinePicked(number, 1, 1))
    bad["payload"]["qty"] = bad_qty
    before = count_events(store)
    answer = store.call("POST", "/events", json={"events": [good, bad]})
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["index"] == 1
    assert problem["id"] == bad["id"]
    assert "qty" in problem["msg"]
    assert count_events(store) == before
    assert order(store, number)["status"] == "open"
    # The good event was not recorded: sent alone it applies, it is no duplicate.
    assert push(store, good)[0]["result"] == "applied"


@pytest.mark.parametrize(
    ("mangle", "field"),
    [
        (lambda e: e.pop("id"), "id"),
        (lambda e: e.update(id="not-a-uuid"), "id"),
        (lambda e: e.update(type="line.teleported"), "type"),
        (lambda e: e.update(at="2026-11-29T10:00:00"), "at"),
        (lambda e: e.update(at="yesterday"), "at"),
        (lambda e: e.update(station=""), "station"),
        (lambda e: e.update(user=7), "user"),
        (lambda e: e.update(extra=1), "extra"),
        (lambda e: e["payload"].pop("line_no"), "line_no"),
        (lambda e: e["payload"].update(line_no=-3), "line_no"),
        (lambda e: e["payload"].update(colour="red"), "colour"),
        (lambda e: e.update(payload=[1, 2]), "payload"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_malformed_events_answer_422_naming_the_field(
    store: Store, mangle: Any, field: str
) -> None:
    bad = event(LinePicked("SO-100001", 1, 1))
    mangle(bad)
    before = count_events(store)
    answer = store.call("POST", "/events", json={"events": [bad]})
    assert answer.status_code == 422, answer.text
    assert field in answer.json()["detail"][0]["msg"]
    assert count_events(store) == before


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"events": "many"}',
        b'{"events": []}',
        b'{"events": [1, 2]}',
        b'{"events": [], "more": 1}',
        b"",
    ],
)
def test_malformed_event_bodies_answer_422(store: Store, body: bytes) -> None:
    answer = store.call("POST", "/events", data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert "detail" in answer.json()


def test_an_oversize_batch_answers_422_and_applies_nothing(store: Store) -> None:
    number = new_order(store, ("SKU-10010", 1))
    batch = [event(OrderClaimed(number))] + [event(LinePicked(number, 1, 1)) for _ in range(500)]
    before = count_events(store)
    answer = store.call("POST", "/events", json={"events": batch})
    assert answer.status_code == 422
    assert "500" in answer.text
    assert count_events(store) == before


def test_a_huge_body_answers_413(store: Store) -> None:
    # Answered from the headers, before the body comes; the connection is closed, so a
    # client that sends the 9 MB anyway may find it reset (test_orderstore_hardening.py).
    headers = {
        "Content-Type": "application/json",
        "Content-Length": str(9 * 1024 * 1024),
        "Authorization": f"Bearer {store.tokens['station']}",
    }
    with RawClient(store.server.base_url) as raw:
        raw.head("POST", "/api/v1/events", headers)
        answer = raw.answer(timeout_s=10)
    assert answer.status == 413
    assert answer.json()["code"] == "body_too_large"


@pytest.mark.parametrize("query", ["since=-1", "since=abc", "limit=0", "limit=5001", "limit=1.5"])
def test_bad_changes_queries_answer_422(store: Store, query: str) -> None:
    assert store.call("GET", f"/changes?{query}").status_code == 422


# --- orders: import, read, cancel ----------------------------------------------------------


def test_import_is_idempotent_by_order_number(store: Store) -> None:
    number = new_order(store, ("SKU-10011", 1))
    body = {
        "orders": [
            {
                "order_number": number,
                "cutoff": "2026-12-01T15:00:00Z",
                "lines": [{"sku": "SKU-10012", "qty": 9}],
            }
        ]
    }
    answer = store.call("POST", "/orders", "erp", json=body)
    assert answer.json()["results"] == [{"order_number": number, "result": "exists"}]
    assert order(store, number)["lines"][0]["sku"] == "SKU-10011"


def test_an_imported_order_carries_the_products_bin(store: Store) -> None:
    number = new_order(store, ("SKU-10013", 1))
    state = order(store, number)
    product = next(
        p
        for p in store.call("GET", "/changes?limit=5000").json()["products"]
        if p["sku"] == "SKU-10013"
    )
    assert state["lines"][0]["location"] == product["location"]
    assert state["priority"] == "high"
    assert state["cutoff"] == "2026-12-01T15:00:00+00:00"


@pytest.mark.parametrize(
    ("orders", "needle"),
    [
        (
            [
                {
                    "order_number": "X-1",
                    "cutoff": "2026-12-01T15:00:00Z",
                    "lines": [{"sku": "NO-SUCH-SKU", "qty": 1}],
                }
            ],
            "NO-SUCH-SKU",
        ),
        (
            [
                {
                    "order_number": "X-2",
                    "cutoff": "2026-12-01T15:00:00",
                    "lines": [{"sku": "SKU-10001", "qty": 1}],
                }
            ],
            "timezone",
        ),
        (
            [
                {
                    "order_number": "X-3",
                    "cutoff": "2026-12-01T15:00:00Z",
                    "lines": [{"sku": "SKU-10001", "qty": 0}],
                }
            ],
            "greater than or equal",
        ),
        (
            [
                {
                    "order_number": "X-4",
                    "cutoff": "2026-12-01T15:00:00Z",
                    "lines": [{"sku": "SKU-10001", "qty": "1"}],
                }
            ],
            "valid integer",
        ),
        ([{"order_number": "X-5", "cutoff": "2026-12-01T15:00:00Z", "lines": []}], "at least 1"),
        (
            [
                {
                    "order_number": "X-6",
                    "cutoff": "2026-12-01T15:00:00Z",
                    "priority": "asap",
                    "lines": [{"sku": "SKU-10001", "qty": 1}],
                }
            ],
            "priority",
        ),
        (
            [
                {
                    "order_number": "X-7",
                    "cutoff": "2026-12-01T15:00:00Z",
                    "lines": [{"sku": "SKU-10001", "qty": 1}],
                }
            ]
            * 2,
            "repeated",
        ),
    ],
)
def test_a_bad_import_answers_422_and_creates_nothing(
    store: Store, orders: list[dict[str, Any]], needle: str
) -> None:
    fine = {
        "order_number": f"OK-{uuid.uuid4().hex[:8]}",
        "cutoff": "2026-12-01T15:00:00Z",
        "lines": [{"sku": "SKU-10001", "qty": 1}],
    }
    answer = store.call("POST", "/orders", "erp", json={"orders": [fine, *orders]})
    assert answer.status_code == 422, answer.text
    assert needle in answer.text
    assert store.call("GET", f"/orders/{fine['order_number']}").status_code == 404


def test_unknown_order_answers_404(store: Store) -> None:
    answer = store.call("GET", "/orders/NOPE-1")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "unknown order 'NOPE-1'", "code": "unknown_order"}
    assert store.call("POST", "/orders/NOPE-1/cancel", "erp", json={}).status_code == 404


def test_cancel_stops_station_events_and_is_idempotent(store: Store) -> None:
    number = new_order(store, ("SKU-10014", 2))
    push(store, event(OrderClaimed(number)), event(LinePicked(number, 1, 1)))
    answer = store.call("POST", f"/orders/{number}/cancel", "erp", json={"reason": "fraud"})
    assert answer.status_code == 200
    assert answer.json()["status"] == "cancelled"
    assert answer.json()["assigned_station"] is None
    (late,) = push(store, event(LinePicked(number, 1, 1)))
    assert (late["result"], late["code"]) == ("rejected", "order_cancelled")
    again = store.call("POST", f"/orders/{number}/cancel", "erp")
    assert again.status_code == 200
    assert again.json()["status"] == "cancelled"
    assert order(store, number)["lines"][0]["picked_qty"] == 1


def test_a_shipped_order_cannot_be_cancelled(store: Store) -> None:
    shipped = store.call("GET", "/orders?status=shipped&limit=1").json()["orders"][0]
    answer = store.call("POST", f"/orders/{shipped['order_number']}/cancel", "erp", json={})
    assert answer.status_code == 409
    assert "shipped" in answer.json()["detail"]


def test_order_list_pages_by_status_without_gaps(store: Store) -> None:
    with Session(store.engine) as session:
        expected = sorted(
            session.execute(
                select(OrderRow.order_number).where(OrderRow.status.in_(["picked", "on_hold"]))
            ).scalars()
        )
    seen: list[str] = []
    after = None
    for _ in range(100):
        query = "/orders?status=picked&status=on_hold&limit=7" + (
            f"&after={after}" if after else ""
        )
        page = store.call("GET", query, "erp").json()
        assert all(o["status"] in ("picked", "on_hold") for o in page["orders"])
        seen += [o["order_number"] for o in page["orders"]]
        after = page["next"]
        if after is None:
            break
    assert seen == expected
    assert len(expected) > 14


def test_order_list_refuses_an_unknown_status(store: Store) -> None:
    answer = store.call("GET", "/orders?status=lost")
    assert answer.status_code == 422
