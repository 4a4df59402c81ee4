"""A station killed with SIGKILL while it acts on a reprint request prints the labels
again exactly once after its restart: a kill inside the transaction leaves the request
new and no job, a kill after the commit leaves the request done and its jobs queued."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.model import Location, Tote
from app.printing import PrintQueue, TemplateLibrary
from app.printing.render import LabelFormat
from app.printing.reprints import act_on_requests
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.store import LocalStore, open_store
from app.store.local_store import utc_now
from app.store.print_jobs import PrintJobRepository
from app.store.station_requests import LABELS_REPRINT, RequestState, StationRequestRepository
from tests.app.printing.conftest import PRODUCTS, make_order
from tests.app.store.store_helpers import page
from tests.cups import RawListener

ROOT = Path(__file__).resolve().parents[2]
ORDER = "SO-100001"
WORKER = "tests.integration.reprint_kill_worker"


def settings(address: str) -> PrintSettings:
    spec = PrinterSpec("zebra", PrinterKind.TCP, address, LabelFormat.ZPL, 203)
    return PrintSettings(printers=(spec,), routes={"*": "zebra"})


@pytest.fixture
def zebra() -> Iterator[RawListener]:
    with RawListener() as listener:
        yield listener


def prepared(db: Path, zebra: RawListener) -> None:
    """A station that printed both packages' labels, with a request to print them again."""
    with open_store(db) as store:
        with store.unit_of_work() as uow:
            for product in PRODUCTS.values():
                uow.products.save(product)
            uow.locations.save(Location("A-01-01-1", "A", "A-01", 10))
            uow.totes.save(Tote("T-0001"))
            uow.orders.save(make_order(ORDER, packages=2))
            uow.commit()
        queue = PrintQueue(store, settings(zebra.address), TemplateLibrary())
        for package_no in (1, 2):
            queue.submit("shipping", ORDER, package_no=package_no)
        assert queue.run_due() == 2
        body = page(next_seq=50)
        body["requests"] = [
            {
                "seq": 50,
                "kind": LABELS_REPRINT,
                "order_number": ORDER,
                "package_no": None,
                "requested_by": "sam",
                "requested_at": "2026-11-30T08:05:00+00:00",
                "event_id": str(uuid.uuid4()),
            }
        ]
        store.apply_changes(body)
    assert len(zebra.wait_for(2)) == 2


def reprints(store: LocalStore) -> list[int]:
    with store.unit_of_work(readonly=True) as uow:
        jobs = PrintJobRepository(uow.session, utc_now).recent(100)
    return sorted(job.id for job in jobs if job.reprint_of is not None)


@pytest.mark.parametrize("when", ["mid", "after"])
def test_a_kill_while_acting_prints_the_labels_again_once(
    tmp_path: Path, zebra: RawListener, when: str
) -> None:
    db = tmp_path / "station.sqlite3"
    prepared(db, zebra)
    done = subprocess.run(
        [sys.executable, "-m", WORKER, str(db), zebra.address, when],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-3000:]

    with open_store(db) as store:  # the restart
        with store.unit_of_work(readonly=True) as uow:
            [request] = StationRequestRepository(uow.session).recent()
        if when == "mid":
            assert (request.state, reprints(store)) == (RequestState.NEW, [])
        else:
            assert request.state is RequestState.DONE
            assert list(request.jobs) == reprints(store)
        queue = PrintQueue(store, settings(zebra.address), TemplateLibrary())
        queue.recover()
        settled = act_on_requests(store, queue)
        assert len(settled) == (1 if when == "mid" else 0)
        assert act_on_requests(store, queue) == []
        assert queue.run_due() == 2
        assert queue.run_due() == 0
        assert len(reprints(store)) == 2
    first, second, *again = zebra.wait_for(4)
    assert again == [first, second]
    assert len(zebra.jobs) == 4
