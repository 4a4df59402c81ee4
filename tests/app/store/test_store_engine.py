"""The SQLite connection setup: pragmas, transaction begin modes, threads."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.domain.events import LinePicked, OrderClaimed
from app.domain.model import Order, OrderStatus
from app.store import LocalStore
from tests.app.store.store_helpers import event


def test_every_pooled_connection_has_the_station_pragmas(store: LocalStore) -> None:
    with store.engine.connect() as first, store.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_the_file_itself_is_in_wal_mode(store: LocalStore, db_path: Path) -> None:
    # WAL is persistent: a plain sqlite3 connection sees it too.
    with store.unit_of_work() as uow:
        uow.sync_state.set("probe", "1")
        uow.commit()
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()
    assert db_path.with_name(db_path.name + "-wal").exists()


def test_foreign_keys_are_enforced(store: LocalStore) -> None:
    with store.unit_of_work() as uow, pytest.raises(IntegrityError):
        uow.session.execute(
            text(
                "INSERT INTO order_lines (order_number, line_no, sku, qty, picked_qty,"
                " short_qty, packed_qty) VALUES ('NOPE', 1, 'SKU-1', 1, 0, 0, 0)"
            )
        )


def test_a_writing_unit_holds_the_write_lock_from_its_start(
    store: LocalStore, db_path: Path
) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with store.unit_of_work() as uow:
            uow.sync_state.get("anything")  # a read is enough to have begun IMMEDIATE
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released when the unit ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_only_unit_does_not_block_writers(floor: LocalStore) -> None:
    with floor.unit_of_work(readonly=True) as reader:
        before = reader.orders.get("SO-1")
        floor.record(event(OrderClaimed("SO-1")))
        # The reader keeps its snapshot while the writer commits.
        reader.session.expire_all()
        assert reader.orders.get("SO-1") == before
    with floor.unit_of_work(readonly=True) as reader:
        order = reader.orders.get("SO-1")
        assert order is not None
        assert order.status is OrderStatus.PICKING


def test_units_of_work_run_on_other_threads(floor: LocalStore) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    results: list[Order] = []
    errors: list[BaseException] = []

    def pick() -> None:
        try:
            results.append(floor.record(event(LinePicked("SO-1", line_no=1, qty=1))))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    workers = [threading.Thread(target=pick) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert not errors
    with floor.unit_of_work(readonly=True) as uow:
        order = uow.orders.get("SO-1")
        assert order is not None
        assert order.line(1).picked_qty == 2
        assert uow.outbox.count_pending() == 3
