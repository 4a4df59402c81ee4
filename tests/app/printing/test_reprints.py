"""Acting on a supervisor's reprint request: the printed labels again, once, or a code."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from app.printing.errors import PrintErrorCode
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.reprints import RequestCode, act_on_requests
from app.store import LocalStore
from app.store.print_jobs import JobState, PrintJob, PrintJobRepository
from app.store.station_requests import LABELS_REPRINT, RequestState, StationRequestRepository
from app.supervisor import floor
from app.supervisor.floor import ExceptionKind
from tests.app.printing.conftest import make_order
from tests.app.printing.test_queue import SETTINGS, FakePrinter
from tests.app.store.store_helpers import FakeClock, page

ORDER = "SO-100001"
_seqs = iter(range(1000, 10_000))
T = FakeClock().now  # the printing tests' clock stands still


@pytest.fixture
def printers() -> dict[str, FakePrinter]:
    return {spec.name: FakePrinter(spec) for spec in SETTINGS.printers}


@pytest.fixture
def changes() -> list[PrintJob]:
    return []


@pytest.fixture
def queue(
    store: LocalStore,
    library: TemplateLibrary,
    clock: FakeClock,
    printers: dict[str, FakePrinter],
    changes: list[PrintJob],
) -> PrintQueue:
    return PrintQueue(
        store,
        SETTINGS,
        library,
        printers=lambda spec: printers[spec.name],
        clock=clock,
        station="pack-01",
        on_change=changes.append,
    )


@pytest.fixture(autouse=True)
def _two_packages(store: LocalStore) -> None:
    with store.unit_of_work() as uow:
        uow.orders.save(make_order(ORDER, packages=2))
        uow.commit()


def ask(store: LocalStore, *, package_no: int | None = None, **fields: Any) -> int:
    """Store a request as a pull brings it; its seq."""
    seq = next(_seqs)
    body = page(next_seq=seq)
    body["requests"] = [
        {
            "seq": seq,
            "kind": LABELS_REPRINT,
            "order_number": ORDER,
            "package_no": package_no,
            "requested_by": "sam",
            "requested_at": "2026-11-30T08:05:00+00:00",
            "event_id": str(uuid.uuid4()),
        }
        | fields
    ]
    store.apply_changes(body)
    return seq


def printed(queue: PrintQueue, label: str, package_no: int = 1) -> int:
    """Print a label of the order (as the pack screen does); its job id."""
    printer = "office" if label == "packing-slip" else None
    (job_id,) = queue.submit(label, ORDER, package_no=package_no, printer=printer)
    assert queue.run_due() == 1
    return job_id


def jobs(store: LocalStore, clock: FakeClock) -> list[PrintJob]:
    with store.unit_of_work(readonly=True) as uow:
        return list(reversed(PrintJobRepository(uow.session, clock).recent(100)))


def payload(store: LocalStore, clock: FakeClock, job_id: int) -> bytes | None:
    with store.unit_of_work(readonly=True) as uow:
        return PrintJobRepository(uow.session, clock).payload(job_id)


def test_the_printed_labels_are_queued_again_once(
    store: LocalStore,
    queue: PrintQueue,
    clock: FakeClock,
    printers: dict[str, FakePrinter],
    changes: list[PrintJob],
) -> None:
    ship1 = printed(queue, "shipping", 1)
    slip1 = printed(queue, "packing-slip", 1)
    ship2 = printed(queue, "shipping", 2)
    seq = ask(store)
    sent_before = {name: list(p.sent) for name, p in printers.items()}
    changes.clear()

    [settled] = act_on_requests(store, queue, clock=clock)

    assert (settled.seq, settled.state, settled.code) == (seq, RequestState.DONE, None)
    made = {job.id: job for job in jobs(store, clock) if job.reprint_of is not None}
    assert list(settled.jobs) == sorted(made)
    # Printing order: package 1's shipping label and slip, then package 2's label.
    assert [made[i].reprint_of for i in settled.jobs] == [ship1, slip1, ship2]
    for job_id in settled.jobs:
        job = made[job_id]
        assert job.state is JobState.QUEUED
        assert job.request["station_request"] == seq
        assert payload(store, clock, job_id) == payload(store, clock, job.reprint_of or 0)
    assert {job.id for job in changes} == set(settled.jobs)  # announced to the listener
    with store.unit_of_work(readonly=True) as uow:
        stored = StationRequestRepository(uow.session).get(seq)
    assert stored is not None
    assert (stored.state, stored.jobs, stored.acted_at) == (RequestState.DONE, settled.jobs, T)

    assert act_on_requests(store, queue, clock=clock) == []  # once
    assert queue.run_due() == 3
    assert queue.run_due() == 0
    assert printers["zebra"].sent == sent_before["zebra"] * 2
    assert printers["office"].sent[-1][0] == sent_before["office"][0][0]


def test_one_package_only(store: LocalStore, queue: PrintQueue, clock: FakeClock) -> None:
    printed(queue, "shipping", 1)
    ship2 = printed(queue, "shipping", 2)
    ask(store, package_no=2)
    [settled] = act_on_requests(store, queue, clock=clock)
    [job] = [j for j in jobs(store, clock) if j.id in settled.jobs]
    assert (job.reprint_of, job.request["package"]) == (ship2, 2)


def test_the_newest_printed_job_is_the_original(
    store: LocalStore, queue: PrintQueue, clock: FakeClock, printers: dict[str, FakePrinter]
) -> None:
    printed(queue, "shipping", 1)
    newer = printed(queue, "shipping", 1)
    printers["zebra"].down = PrintErrorCode.REFUSED
    (never,) = queue.submit("shipping", ORDER, package_no=1)  # failed, never printed
    queue.run_due()
    ask(store)
    [settled] = act_on_requests(store, queue, clock=clock)
    [job] = [j for j in jobs(store, clock) if j.id in settled.jobs]
    assert job.reprint_of == newer != never


def test_a_station_that_never_printed_the_order_says_so(
    store: LocalStore, queue: PrintQueue, clock: FakeClock
) -> None:
    queue.submit("tote", "T-0001")  # another label, about something else
    queue.run_due()
    printed(queue, "shipping", 1)
    seq = ask(store, package_no=3)  # not a package printed here
    [settled] = act_on_requests(store, queue, clock=clock)
    assert (settled.state, settled.code, settled.jobs) == (
        RequestState.FAILED,
        RequestCode.NO_LABELS_HERE.value,
        (),
    )
    assert not [j for j in jobs(store, clock) if j.reprint_of is not None]
    with store.engine.connect() as conn:
        listed = floor.exceptions(conn, now=T)
    [item] = [i for i in listed if i.kind is ExceptionKind.REPRINT_FAILED]
    assert (item.order_number, item.detail, item.at) == (ORDER, "no_labels_here", T)
    assert item.extra == {"request": seq, "requested_by": "sam", "package_no": 3}
    assert act_on_requests(store, queue, clock=clock) == []


def test_an_unknown_kind_is_settled_unsupported(
    store: LocalStore, queue: PrintQueue, clock: FakeClock
) -> None:
    printed(queue, "shipping", 1)
    ask(store, kind="order.something_new")
    [settled] = act_on_requests(store, queue, clock=clock)
    assert (settled.state, settled.code) == (RequestState.FAILED, "unsupported")


def test_a_crash_while_acting_keeps_nothing_and_the_next_call_acts_once(
    store: LocalStore, queue: PrintQueue, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed(queue, "shipping", 1)
    printed(queue, "shipping", 2)
    seq = ask(store)
    real_add = PrintJobRepository.add
    calls = []

    def add_then_die(self: PrintJobRepository, *args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("power cut")
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(PrintJobRepository, "add", add_then_die)
    with pytest.raises(OSError, match="power cut"):
        act_on_requests(store, queue, clock=clock)
    assert not [j for j in jobs(store, clock) if j.reprint_of is not None]
    with store.unit_of_work(readonly=True) as uow:
        assert [r.seq for r in StationRequestRepository(uow.session).new()] == [seq]

    monkeypatch.setattr(PrintJobRepository, "add", real_add)
    [settled] = act_on_requests(store, queue, clock=clock)
    assert len(settled.jobs) == 2
    assert act_on_requests(store, queue, clock=clock) == []
    assert len([j for j in jobs(store, clock) if j.reprint_of is not None]) == 2


def test_nothing_new_takes_no_write_lock(store: LocalStore, queue: PrintQueue) -> None:
    # Another writer holds the lock (a long pull): a round with nothing to do returns.
    with store.unit_of_work() as uow:
        uow.session.connection()
        assert act_on_requests(store, queue) == []
