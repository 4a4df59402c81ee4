"""A supervisor's reprint request end to end: station A asks (signed), the order store
hands it to station B on B's pull, B prints the label it printed before again to its
printer (a real raw TCP port on 127.0.0.1), exactly once however often both sync."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.domain.events import (
    LinePacked,
    LinePicked,
    OrderClaimed,
    OrderPacked,
    OrderPicked,
    PackStarted,
)
from app.orderstore.seed import DEMO_PIN, DEMO_SUPERVISOR
from app.printing import PrintQueue, PrintWorker, TemplateLibrary
from app.printing.render import LabelFormat
from app.printing.reprints import act_on_requests
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.store import LocalStore, open_store
from app.store.local_store import utc_now
from app.store.station_requests import RequestState
from app.supervisor.salts import HttpSaltSource
from app.supervisor.service import SupervisorService
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.state import SyncStatus
from tests.cups import RawListener
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event
from tests.integration.test_orderstore_supervisor import one


@pytest.fixture(scope="module")
def backend() -> str:
    """SQLite only: the store's side of requests runs on both backends in
    test_orderstore_supervisor.py; this test is about the stations."""
    return "sqlite"


def packed_order(store: Store) -> str:
    """A packed order with one package and a number like a shop's (the test helpers'
    long numbers do not fit the shipping label's barcode)."""
    number = f"SO-{uuid.uuid4().int % 10**6:06d}"
    body = {
        "orders": [
            {
                "order_number": number,
                "priority": "high",
                "cutoff": "2026-12-01T15:00:00+00:00",
                "carrier": "DHL",
                "ship_to": {"name": "Test Customer", "city": "Berlin", "country": "DE"},
                "lines": [{"sku": "SKU-10001", "qty": 1}],
            }
        ]
    }
    answer = store.call("POST", "/orders", "erp", json=body)
    assert answer.status_code == 200, answer.text
    for raw in (
        event(OrderClaimed(number, tote="T-0002")),
        event(LinePicked(number, line_no=1, qty=1)),
        event(OrderPicked(number)),
        event(PackStarted(number), user="dan"),
        event(LinePacked(number, line_no=1, qty=1), user="dan"),
        event(OrderPacked(number, box="BOX-S", weight_g=400), user="dan"),
    ):
        assert one(store, raw)["result"] == "applied", raw
    return number


class Station:
    """A station synced with the store: its database and sync engine."""

    def __init__(self, store: Store, folder: Path, token: str) -> None:
        self.local: LocalStore = open_store(folder / "station.sqlite3")
        self.client = OrderStoreClient(store.server.base_url, store.tokens[token])
        self.sync = SyncEngine(self.local, self.client, rng=random.Random(7))

    def round(self) -> None:
        state = self.sync.sync_once()
        assert state.status is SyncStatus.ONLINE, state.last_error

    def close(self) -> None:
        self.client.close()
        self.local.close()


@pytest.fixture
def zebra() -> Iterator[RawListener]:
    with RawListener() as listener:
        yield listener


@pytest.fixture
def stations(store: Store, tmp_path: Path) -> Iterator[tuple[Station, Station]]:
    a = Station(store, tmp_path / "a", "station")  # station-1, where the supervisor is
    b = Station(store, tmp_path / "b", "station2")  # station-2, which packed the order
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def test_a_reprint_request_prints_the_label_again_once(
    store: Store, stations: tuple[Station, Station], zebra: RawListener
) -> None:
    a, b = stations
    printing = PrintSettings(
        printers=(PrinterSpec("zebra", PrinterKind.TCP, zebra.address, LabelFormat.ZPL, 203),),
        routes={"*": "zebra"},
    )
    queue = PrintQueue(b.local, printing, TemplateLibrary(), station="station-2")
    # A long idle time: the reprint goes out because acting wakes the worker.
    worker = PrintWorker(queue, idle_s=60.0)
    worker.start()
    http = requests.Session()
    try:
        number = packed_order(store)
        a.round()
        b.round()
        queue.submit("shipping", number, package_no=1)
        [label] = zebra.wait_for(1)
        assert label.startswith(b"^XA")

        salts = HttpSaltSource(store.server.base_url, store.tokens["station"], http)
        supervisor = SupervisorService(a.local, salts, station="station-1", clock=utc_now)
        sam = supervisor.unlock(DEMO_SUPERVISOR, DEMO_PIN)
        assert supervisor.reprint_labels(sam, number, "station-2").ok
        a.round()  # pushed, signed; the store hands it to station-2
        b.round()  # pulled and stored with the page

        [settled] = act_on_requests(b.local, queue)
        assert (settled.order_number, settled.state, settled.requested_by) == (
            number,
            RequestState.DONE,
            DEMO_SUPERVISOR,
        )
        assert len(settled.jobs) == 1
        first, again = zebra.wait_for(2)
        assert again == first  # the same bytes: the same SSCC on the parcel

        for _ in range(2):  # more rounds on both stations change nothing
            a.round()
            b.round()
            assert act_on_requests(b.local, queue) == []
        assert queue.run_due() == 0
        assert queue.seconds_until_due() is None
        assert len(zebra.jobs) == 2
    finally:
        worker.stop()
        http.close()
