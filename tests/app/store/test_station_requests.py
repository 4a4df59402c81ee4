"""Supervisors' requests in a /changes page: read strictly, stored with the page, once;
a page with a bad request costs the sync a round, never the page."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from sqlalchemy import text

from app.store import LocalStore, PageError
from app.store.changes import parse_page, prepare_page, rows_of
from app.store.station_requests import (
    LABELS_REPRINT,
    MAX_REQUESTS,
    RequestState,
    StationRequest,
    StationRequestRepository,
    requests_from_page,
)
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.problems import SyncProblemCode
from app.sync.state import SyncStatus
from tests.app.store.store_helpers import FakeClock, make_order, page

EVENT = "5b0e4b1c-43d5-4f57-9a49-2f3a1b0c9d11"


def request(seq: int = 9, **changes: Any) -> dict[str, Any]:
    """A request as the order store writes it (app/orderstore/service.py)."""
    return {
        "kind": LABELS_REPRINT,
        "order_number": "SO-1",
        "package_no": None,
        "requested_by": "sam",
        "requested_at": "2026-11-30T08:05:00+00:00",
        "event_id": EVENT if seq == 9 else str(uuid.uuid5(uuid.NAMESPACE_OID, str(seq))),
        "seq": seq,
    } | changes


def with_requests(*requests: Any, next_seq: int = 20) -> dict[str, Any]:
    body = page(next_seq=next_seq, orders=[(3, make_order("SO-1"))])
    body["requests"] = list(requests)
    return body


def stored(store: LocalStore) -> list[StationRequest]:
    with store.unit_of_work(readonly=True) as uow:
        return list(reversed(StationRequestRepository(uow.session).recent()))


# -- reading ---------------------------------------------------------------------------


def test_a_good_request_is_read() -> None:
    [read] = requests_from_page(with_requests(request(package_no=2, extra_key="later")))
    assert read == StationRequest(
        seq=9,
        kind=LABELS_REPRINT,
        order_number="SO-1",
        package_no=2,
        requested_by="sam",
        requested_at=datetime(2026, 11, 30, 8, 5, tzinfo=UTC),
        event_id=EVENT,
    )
    assert read.state is RequestState.NEW


def test_a_page_without_requests_has_none() -> None:
    assert requests_from_page(page(next_seq=0)) == []
    assert parse_page(page(next_seq=0)).requests == []


def test_an_unknown_kind_is_read_not_refused() -> None:
    # The contract grows by adding kinds: the station keeps it and says it cannot.
    [read] = requests_from_page(with_requests(request(kind="order.something_new")))
    assert read.kind == "order.something_new"


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("not a list", "requests: must be a list"),
        ([["a list"]], "requests[0]: must be an object"),
        ([request(seq=True)], "requests[0]: seq"),
        ([request(seq=0)], "requests[0]: seq"),
        ([request(seq="9")], "requests[0]: seq"),
        ([{k: v for k, v in request().items() if k != "order_number"}], "requests[0]"),
        ([request(), request(seq=10, order_number=7)], "requests[1]: order_number"),
        ([request(order_number="")], "requests[0]: order_number"),
        ([request(order_number="SO-" + "9" * 40)], "requests[0]: order_number"),
        ([request(order_number="SO-\u202e1")], "requests[0]: order_number"),
        ([request(kind="k" * 41)], "requests[0]: kind"),
        ([request(requested_by="x" * 201)], "requests[0]: requested_by"),
        ([request(package_no=0)], "requests[0]: package_no"),
        ([request(package_no=1_000_001)], "requests[0]: package_no"),
        ([request(package_no=1.5)], "requests[0]: package_no"),
        ([request(package_no=True)], "requests[0]: package_no"),
        ([request(event_id="not-a-uuid")], "requests[0]: event_id"),
        ([request(event_id=None)], "requests[0]: event_id"),
        ([request(requested_at="2026-11-30T08:05:00")], "requests[0]"),
        ([request(requested_at=17)], "requests[0]"),
    ],
)
def test_a_bad_request_makes_the_page_unreadable(bad: Any, named: str) -> None:
    body = with_requests()
    body["requests"] = bad
    for read in (parse_page, prepare_page):
        with pytest.raises(PageError, match=named.replace("[", r"\[").replace("]", r"\]")):
            read(body)


def test_more_requests_than_a_page_holds_are_refused() -> None:
    many = [request(seq=100 + i) for i in range(MAX_REQUESTS + 1)]
    with pytest.raises(PageError, match="at most 5000"):
        prepare_page(with_requests(*many, next_seq=100 + MAX_REQUESTS))
    assert len(prepare_page(with_requests(*many[:MAX_REQUESTS])).requests) == MAX_REQUESTS


def test_both_readers_give_the_same_rows() -> None:
    body = with_requests(request(), request(seq=11, package_no=3))
    assert prepare_page(body) == rows_of(parse_page(body))


# -- storing ---------------------------------------------------------------------------


def test_requests_are_stored_with_their_page(store: LocalStore) -> None:
    store.apply_changes(with_requests(request(), request(seq=11, package_no=3)))
    assert store.changes_since() == 20
    first, second = stored(store)
    assert (first.seq, first.event_id, first.package_no, first.state) == (
        9,
        EVENT,
        None,
        RequestState.NEW,
    )
    assert first.requested_at == datetime(2026, 11, 30, 8, 5, tzinfo=UTC)
    assert (second.seq, second.package_no) == (11, 3)


def test_a_page_pulled_twice_gives_one_request(store: LocalStore) -> None:
    body = with_requests(request())
    store.apply_changes(body)
    store.apply_changes(body)
    store.apply_changes(with_requests(request(), request()))  # listed twice in one page
    store.apply_changes(with_requests(request(seq=12, event_id=EVENT)))  # one event, once
    assert [r.seq for r in stored(store)] == [9]


def test_a_settled_request_pulled_again_stays_settled(store: LocalStore, clock: FakeClock) -> None:
    store.apply_changes(with_requests(request()))
    with store.unit_of_work() as uow:
        assert StationRequestRepository(uow.session).settle(9, clock(), jobs=[4, 5])
        uow.commit()
    store.apply_changes(with_requests(request()))
    [again] = stored(store)
    assert (again.state, again.jobs, again.acted_at) == (RequestState.DONE, (4, 5), clock())
    with store.unit_of_work() as uow:
        assert not StationRequestRepository(uow.session).settle(9, clock(), code="x")
        assert StationRequestRepository(uow.session).new() == []


def test_a_bad_request_stores_nothing_of_its_page(store: LocalStore) -> None:
    with pytest.raises(PageError):
        store.apply_changes(with_requests(request(), request(seq=11, kind="")))
    assert store.changes_since() == 0
    assert stored(store) == []
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM orders")).scalar() == 0


# -- through the sync engine -------------------------------------------------------------


class PageServer:
    """Stands in for the order store's client: one page, whatever the cursor."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body

    def changes(self, since: int, limit: int) -> dict[str, Any]:
        return self.body

    def push_json(self, ids: list[str], events: list[str]) -> list[dict[str, Any]]:
        raise AssertionError("nothing to push")  # pragma: no cover


def test_the_sync_survives_a_bad_request_and_loses_no_page(store: LocalStore) -> None:
    server = PageServer(with_requests(request(), request(seq=11, event_id="nope")))
    engine = SyncEngine(store, cast(OrderStoreClient, server))
    state = engine.sync_once()
    assert state.status is SyncStatus.OFFLINE
    assert state.problem is not None
    assert state.problem.code is SyncProblemCode.UNREADABLE_DATA
    assert "requests[1]: event_id" in state.last_error
    assert (store.changes_since(), stored(store)) == (0, [])  # pulled again next round
    server.body = with_requests(request(), request(seq=11))  # the store was fixed
    assert engine.sync_once().status is SyncStatus.ONLINE
    assert [r.seq for r in stored(store)] == [9, 11]
    assert store.changes_since() == 20
