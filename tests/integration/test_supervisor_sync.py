"""Each supervisor action end to end, on SQLite and PostgreSQL: the station records it
signed, the sync pushes it, the store checks role and proof and applies it, and the
next pull brings the change back to the station."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.domain.events import LinePicked, OrderClaimed
from app.domain.model import Order, OrderStatus, Priority
from app.orderstore.seed import DEMO_PIN, DEMO_SUPERVISOR
from app.store import open_store
from app.store.local_store import utc_now
from app.supervisor.salts import HttpSaltSource
from app.supervisor.service import SupervisorService, Unlocked
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.state import SyncStatus
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event, new_order, order, push
from tests.integration.test_orderstore_supervisor import packed_order, requests_of

STATION = "station-1"


class Floor:
    """One station synced with the store, and its supervisor service."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store = store
        self.local = open_store(folder / "station.sqlite3")
        self.client = OrderStoreClient(store.server.base_url, store.tokens["station"])
        self.sync = SyncEngine(self.local, self.client, rng=random.Random(7))
        self.http = requests.Session()
        salts = HttpSaltSource(store.server.base_url, store.tokens["station"], self.http)
        self.service = SupervisorService(self.local, salts, station=STATION, clock=utc_now)

    def round(self) -> None:
        assert self.sync.sync_once().status is SyncStatus.ONLINE

    def local_order(self, number: str) -> Order:
        with self.local.unit_of_work(readonly=True) as uow:
            found = uow.orders.get(number)
        assert found is not None
        return found

    def outbox(self) -> list[tuple[str, str | None]]:
        with self.local.unit_of_work(readonly=True) as uow:
            entries = uow.outbox.pending() + uow.outbox.rejected()
        return [(e.state, e.reject_code) for e in entries]

    def close(self) -> None:
        self.http.close()
        self.client.close()
        self.local.close()


@pytest.fixture
def floor(store: Store, tmp_path: Path) -> Iterator[Floor]:
    made = Floor(store, tmp_path)
    made.round()
    yield made
    made.close()


@pytest.fixture
def sam(floor: Floor) -> Unlocked:
    return floor.service.unlock(DEMO_SUPERVISOR, DEMO_PIN)


def fresh(floor: Floor, *lines: tuple[str, int]) -> str:
    number = new_order(floor.store, *lines)
    floor.round()
    return number


def test_priority_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = fresh(floor)
    assert floor.service.set_priority(sam, number, Priority.URGENT).ok
    floor.round()
    assert floor.outbox() == []  # applied: delivered and gone
    assert order(floor.store, number)["priority"] == "urgent"
    assert floor.local_order(number).priority is Priority.URGENT


def test_assign_and_unassign_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = fresh(floor)
    assert floor.service.assign_picker(sam, number, "ben").ok
    floor.round()
    assert order(floor.store, number)["assigned_user"] == "ben"
    [refused] = push(
        floor.store, event(OrderClaimed(number), station="station-2", user="ana"), token="station2"
    )
    assert refused["code"] == "assigned_elsewhere"
    assert floor.service.unassign_picker(sam, number).ok
    floor.round()
    assert order(floor.store, number)["assigned_user"] is None
    assert floor.local_order(number).assigned_user is None


def test_hold_and_release_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = fresh(floor)
    assert floor.service.hold(sam, number, "address check").ok
    floor.round()
    assert order(floor.store, number)["status"] == "on_hold"
    assert floor.service.release_hold(sam, number, "confirmed by phone").ok
    floor.round()
    assert order(floor.store, number)["status"] == "open"
    assert floor.local_order(number).status is OrderStatus.OPEN


def test_hand_back_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = fresh(floor)
    push(floor.store, event(OrderClaimed(number), station="station-2"), token="station2")
    floor.round()
    assert floor.local_order(number).assigned_station == "station-2"
    assert floor.service.hand_back(sam, number).ok
    floor.round()
    assert floor.outbox() == []
    assert order(floor.store, number)["status"] == "open"
    assert floor.local_order(number).assigned_station is None


def test_cancel_a_dead_stations_claim_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = fresh(floor, ("SKU-10001", 2))
    push(
        floor.store,
        event(OrderClaimed(number, tote="T-0003"), station="station-2"),
        event(LinePicked(number, line_no=1, qty=1), station="station-2"),
        token="station2",
    )
    floor.round()
    assert floor.service.cancel_claim(sam, number, "station-2").ok
    floor.round()
    remote = order(floor.store, number)
    assert (remote["status"], remote["lines"][0]["picked_qty"]) == ("open", 1)
    assert floor.local_order(number).status is OrderStatus.OPEN


def test_reprint_end_to_end(floor: Floor, sam: Unlocked) -> None:
    number = packed_order(floor.store)
    floor.round()
    since = floor.store.call("GET", "/changes?since=0&limit=1", "station2").json()["next"]
    assert floor.service.reprint_labels(sam, number, "station-2").ok
    floor.round()
    assert floor.outbox() == []
    [request] = [
        r for r in requests_of(floor.store, "station2", since) if r["order_number"] == number
    ]
    assert request["requested_by"] == DEMO_SUPERVISOR


def test_a_wrong_pin_is_refused_by_the_store(floor: Floor) -> None:
    number = fresh(floor)
    wrong = floor.service.unlock(DEMO_SUPERVISOR, "1111")  # the station cannot tell
    assert floor.service.set_priority(wrong, number, Priority.LOW).ok
    floor.round()
    assert floor.outbox() == [("rejected", "supervisor_proof")]
    assert order(floor.store, number)["priority"] == "high"
