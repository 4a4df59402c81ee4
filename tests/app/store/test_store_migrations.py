"""Alembic migrations: empty and older databases reach head, and head equals the models."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect

from app.domain.model import OrderStatus
from app.domain.sscc import SsccRange
from app.store import StoreError, open_store
from app.store.engine import (
    create_store_engine,
    current_revision,
    downgrade,
    head_revision,
    migration_head,
    upgrade,
)
from app.store.models import Base
from tests.app.store.store_helpers import T0

TABLES = {
    "alembic_version",
    "locations",
    "order_lines",
    "order_packages",
    "order_sums",
    "order_zones",
    "orders",
    "outbox",
    "pick_run_orders",
    "pick_runs",
    "print_jobs",
    "product_barcodes",
    "products",
    "sscc_counters",
    "station_requests",
    "sync_state",
    "totes",
    "users",
}


def _schema_diffs(path: Path, metadata: MetaData) -> list[object]:
    engine = create_store_engine(path)
    try:
        with engine.connect() as conn:
            return list(compare_metadata(MigrationContext.configure(conn), metadata))
    finally:
        engine.dispose()


def _tables(path: Path) -> set[str]:
    engine = create_store_engine(path)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_an_empty_database_is_migrated_to_head(db_path: Path) -> None:
    assert not db_path.exists()
    with open_store(db_path):
        pass
    assert head_revision() == "0012"
    assert current_revision(db_path) == "0012"
    assert _tables(db_path) == TABLES


def test_the_migrated_schema_equals_the_models(db_path: Path) -> None:
    with open_store(db_path):
        pass
    assert _schema_diffs(db_path, Base.metadata) == []


def test_the_schema_comparison_sees_a_difference(db_path: Path) -> None:
    # Proves the test above can fail: a model column the migrations lack is reported.
    with open_store(db_path):
        pass
    drifted = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["orders"].append_column(Column("extra", Integer))
    diffs = _schema_diffs(db_path, drifted)
    assert [d[0] for d in diffs if isinstance(d, tuple)] == ["add_column"]


def test_an_older_database_is_upgraded_and_keeps_its_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    upgrade(db_path, "0001")
    assert current_revision(db_path) == "0001"
    assert "sync_state" not in _tables(db_path)
    _insert_0001_rows(db_path)

    with open_store(db_path) as store:
        assert current_revision(db_path) == "0012"
        with store.unit_of_work(readonly=True) as uow:
            order = uow.orders.get("SO-7")
            assert order is not None
            assert order.status is OrderStatus.PICKING
            assert order.cutoff == T0
            assert [(line.sku, line.picked_qty) for line in order.lines] == [("SKU-1", 1)]
            user = uow.users.by_badge("B1001")
            assert user is not None
            assert user.username == "ana"
            # An event queued by the old version is an ordinary pending event now.
            (entry,) = uow.outbox.pending()
            assert str(entry.event.id) == EVENT_ID
            assert (entry.attempts, entry.state, entry.last_error) == (0, "pending", None)
            assert uow.sync_state.changes_since() == 0
    assert _schema_diffs(db_path, Base.metadata) == []


def test_downgrade_then_upgrade_keeps_the_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    upgrade(db_path, "0001")
    _insert_0001_rows(db_path)
    upgrade(db_path)
    downgrade(db_path, "0001")
    assert current_revision(db_path) == "0001"
    with open_store(db_path) as store, store.unit_of_work(readonly=True) as uow:
        assert [e.event.order_number for e in uow.outbox.pending()] == ["SO-7"]
        # AUTOINCREMENT survived the table rebuild: positions are never reused.
        assert (
            uow.session.connection()
            .exec_driver_sql("SELECT count(*) FROM sqlite_sequence WHERE name = 'outbox'")
            .scalar()
            == 1
        )


def test_opening_twice_changes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store, store.unit_of_work() as uow:
        uow.sync_state.set_changes_since(42)
        uow.commit()
    with open_store(db_path) as store:
        assert store.changes_since() == 42
    assert current_revision(db_path) == "0012"


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    with open_store(db_path):
        pass
    raw = sqlite3.connect(db_path)
    try:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
        raw.commit()
    finally:
        raw.close()
    with pytest.raises(StoreError, match="newer version"):
        open_store(db_path)
    assert current_revision(db_path) == "0099"


EVENT_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"


def _insert_0001_rows(path: Path) -> None:
    """Rows as revision 0001 stores them, written without the current models."""
    raw = sqlite3.connect(path)
    try:
        raw.executescript(
            f"""
            INSERT INTO users VALUES ('ana', 'Ana', 'B1001', 'picker', 1, 4);
            INSERT INTO orders VALUES ('SO-7', 'picking', 'normal', 1,
                '2026-11-30 08:00:00.000000', 'DHL', 'Kim', '', '', '', 'DE',
                'ST-01', 'ana', '', NULL, 9);
            INSERT INTO order_lines VALUES ('SO-7', 1, 'SKU-1', 2, 1, 0, 0, 'A-01-01-1');
            INSERT INTO outbox (event_id, type, order_number, payload, created_at) VALUES
                ('{EVENT_ID}', 'line.picked', 'SO-7',
                 '{{"id":"{EVENT_ID}","type":"line.picked","station":"ST-01","user":"ana",'
                 || '"at":"2026-11-30T08:00:00+00:00","payload":{{"order_number":"SO-7",'
                 || '"line_no":1,"qty":1}}}}',
                 '2026-11-30 08:00:00.000000');
            """
        )
        raw.commit()
    finally:
        raw.close()


def test_sscc_counters_are_added_to_a_0004_database_and_taken_away_again(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    upgrade(db_path, "0004")
    _insert_0001_rows(db_path)
    assert "sscc_counters" not in _tables(db_path)
    with open_store(db_path) as store, store.unit_of_work() as uow:
        assert uow.orders.get("SO-7") is not None  # the older data is kept
        numbering = SsccRange("4012345", 0, 7)
        assert uow.sscc.next(numbering) == numbering.sscc(1)
        uow.commit()
    downgrade(db_path, "0004")
    assert "sscc_counters" not in _tables(db_path)
    upgrade(db_path)
    assert _schema_diffs(db_path, Base.metadata) == []


def test_packages_gain_their_sscc_and_contents_from_0005(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    upgrade(db_path, "0005")
    _insert_0001_rows(db_path)
    raw = sqlite3.connect(db_path)
    try:
        raw.execute(
            "INSERT INTO order_packages (order_number, package_no, box, weight_g, tracking)"
            " VALUES ('SO-7', 1, 'BOX-M', 900, '')"
        )
        raw.commit()
    finally:
        raw.close()
    with open_store(db_path) as store, store.unit_of_work() as uow:
        order = uow.orders.get("SO-7")
        assert order is not None
        (package,) = order.packages  # the v1 package: no SSCC, no contents
        assert (package.box, package.sscc, package.contents) == ("BOX-M", "", ())
        order.packages = [replace(package, sscc="340123450000000017", contents=((1, 1),))]
        uow.orders.save(order)
        uow.commit()
    with open_store(db_path) as store, store.unit_of_work(readonly=True) as uow:
        again = uow.orders.get("SO-7")
        assert again is not None
        assert again.packages[0].contents == ((1, 1),)
    downgrade(db_path, "0005")
    upgrade(db_path)
    assert _schema_diffs(db_path, Base.metadata) == []


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    # open_store skips Alembic when the database stands at this revision (cold start).
    assert migration_head() == head_revision()


def test_a_database_one_revision_behind_is_still_upgraded(db_path: Path) -> None:
    open_store(db_path).close()
    head = head_revision()
    downgrade(db_path, "0011")
    assert current_revision(db_path) == "0011" != head
    open_store(db_path).close()
    assert current_revision(db_path) == head
