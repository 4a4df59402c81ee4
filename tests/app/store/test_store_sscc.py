"""SSCC counters in the station database: durable across restarts, never shared between
stations, refused when used up, taken in the caller's transaction."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from biip.sscc import Sscc

from app.domain.sscc import SsccError, SsccErrorCode, SsccRange
from app.store import LocalStore, open_store
from tests.app.store.store_helpers import make_order

HERE = SsccRange("4012345", 0, 7)


def issue(store: LocalStore, numbering: SsccRange, count: int) -> list[str]:
    with store.unit_of_work() as uow:
        ssccs = [uow.sscc.next(numbering) for _ in range(count)]
        uow.commit()
    return ssccs


def fail_after_taking(store: LocalStore) -> None:
    with store.unit_of_work() as uow:
        uow.sscc.next(HERE)
        raise RuntimeError("the package could not be stored")


def test_ssccs_follow_each_other_from_the_first_of_the_range(store: LocalStore) -> None:
    assert issue(store, HERE, 3) == [HERE.sscc(1), HERE.sscc(2), HERE.sscc(3)]
    for sscc in issue(store, HERE, 3):
        assert Sscc.parse(sscc).value == sscc
    with store.unit_of_work(readonly=True) as uow:
        assert uow.sscc.last(HERE) == 6
        assert uow.sscc.last(SsccRange("4012345", 1, 7)) == 0


def test_the_counter_survives_closing_and_opening_the_database(db_path: Path) -> None:
    with open_store(db_path) as store:
        first = issue(store, HERE, 2)
    with open_store(db_path) as store:  # a restart: the same file, a new process's view
        again = issue(store, HERE, 2)
    assert again == [HERE.sscc(3), HERE.sscc(4)]
    assert not set(first) & set(again)


def test_the_sscc_is_taken_in_the_same_transaction_as_the_package(store: LocalStore) -> None:
    with store.unit_of_work() as uow:
        uow.orders.save(make_order("SO-1"))
        uow.commit()
    # Closing a package rolled back (a crash, a failed check): its number was never
    # stored with a package nor printed, so it is given out again.
    with store.unit_of_work() as uow:
        dropped = uow.sscc.next(HERE)
        uow.rollback()
    with store.unit_of_work() as uow:
        kept = uow.sscc.next(HERE)
        uow.commit()
    assert kept == dropped == HERE.sscc(1)
    with pytest.raises(RuntimeError):  # an exception leaves nothing either
        fail_after_taking(store)
    assert issue(store, HERE, 1) == [HERE.sscc(2)]


def test_two_stations_sharing_a_prefix_never_issue_the_same_sscc(tmp_path: Path) -> None:
    numbers = {3: SsccRange("4012345", 0, 3), 12: SsccRange("4012345", 0, 12)}
    issued: dict[int, list[str]] = {}
    for station, numbering in numbers.items():
        with open_store(tmp_path / f"station-{station}.db") as store:
            issued[station] = issue(store, numbering, 300)
    assert len(set(issued[3])) == len(set(issued[12])) == 300
    assert not set(issued[3]) & set(issued[12])
    assert all(sscc[8:11] == "003" for sscc in issued[3])
    assert all(sscc[8:11] == "012" for sscc in issued[12])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_whatever_the_order_of_issue_no_sscc_repeats(tmp_path: Path, seed: int) -> None:
    # Three stations, each with its own database, issue in a random order and sometimes
    # roll back, and one restarts now and then: all that was committed is unique.
    rng = random.Random(seed)
    paths = {n: tmp_path / f"{n}.db" for n in (1, 2, 999)}
    stores = {n: open_store(path) for n, path in paths.items()}
    committed: list[str] = []
    try:
        for _ in range(150):
            station = rng.choice(list(stores))
            if rng.random() < 0.05:
                stores[station].close()
                stores[station] = open_store(paths[station])
            with stores[station].unit_of_work() as uow:
                sscc = uow.sscc.next(SsccRange("40123456", 5, station))
                if rng.random() < 0.7:
                    uow.commit()
                    committed.append(sscc)
    finally:
        for store in stores.values():
            store.close()
    assert len(committed) == len(set(committed)) > 50


def test_a_used_up_range_is_refused_and_not_wrapped(store: LocalStore) -> None:
    small = SsccRange("4012345678", 0, 42)  # a 10-digit prefix leaves 999 per station
    ssccs = issue(store, small, 999)
    assert ssccs[-1] == small.sscc(999)
    with store.unit_of_work() as uow:
        with pytest.raises(SsccError) as raised:
            uow.sscc.next(small)
        assert raised.value.code is SsccErrorCode.EXHAUSTED
        assert uow.sscc.last(small) == 999  # left as it was
    # Another extension digit is a fresh range of the same size.
    assert issue(store, SsccRange("4012345678", 1, 42), 1) == [
        SsccRange("4012345678", 1, 42).sscc(1)
    ]
    with store.unit_of_work() as uow, pytest.raises(SsccError):
        uow.sscc.next(small)


def test_units_of_work_on_two_threads_never_take_the_same_number(store: LocalStore) -> None:
    taken: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(50):
            sscc = issue(store, HERE, 1)[0]
            with lock:
                taken.append(sscc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == sorted(HERE.sscc(n) for n in range(1, 151))


def test_a_rebuilt_database_continues_after_the_ssccs_it_is_told_of(tmp_path: Path) -> None:
    with open_store(tmp_path / "old.db") as old:
        shipped = issue(old, HERE, 5)
    with open_store(tmp_path / "new.db") as new:  # the station's disk was replaced
        with new.unit_of_work() as uow:
            # The order store's copies of its packages come back with the pull.
            assert uow.sscc.observe(HERE, shipped[3])
            assert not uow.sscc.observe(HERE, shipped[1])  # behind the counter
            assert not uow.sscc.observe(SsccRange("4012345", 0, 8), shipped[4])  # not ours
            assert not uow.sscc.observe(HERE, "not an sscc")
            assert uow.sscc.observe(HERE, shipped[4])
            uow.commit()
        assert issue(new, HERE, 1) == [HERE.sscc(6)]
