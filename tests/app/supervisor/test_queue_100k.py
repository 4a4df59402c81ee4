"""The supervisor's queue over 100,000 generated orders: right answers, index-only
sorts, and never the whole day in Python.

One module-scoped station (built like the benchmark's: a seeded order store pulled
into a station database, then a mid-shift mix); building it takes about a minute.
"""

from __future__ import annotations

import sqlite3
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite

from app.bootstrap import DEMO_FLOOR_ANCHOR as ANCHOR
from app.bootstrap import demo_floor_station, mix_statuses
from app.domain.model import OrderStatus, Priority
from app.store import open_store
from app.store.local_store import LocalStore
from app.supervisor import derived, floor, queue
from app.supervisor.queue import QueueFilter, SortKey

ORDERS = 100_000
NOW = datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = demo_floor_station(tmp_path_factory.mktemp("big"), ORDERS)
    mix_statuses(built)
    with open_store(built) as store, store.engine.begin() as conn:
        assert derived.refresh(conn) == ORDERS
    return built


@pytest.fixture(scope="module")
def store(path: Path) -> Iterator[LocalStore]:
    with open_store(path) as opened:
        yield opened


@pytest.fixture
def conn(store: LocalStore) -> Iterator[Connection]:
    with store.engine.connect() as connection:
        yield connection


@pytest.fixture(scope="module")
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """The same database through plain sqlite3: the reference answers."""
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_the_tiles_add_up_to_every_order(conn: Connection, raw: sqlite3.Connection) -> None:
    counts = queue.status_counts(conn, NOW)
    assert sum(c.total for c in counts) == ORDERS
    expected = dict(raw.execute("SELECT status, count(*) FROM orders GROUP BY status").fetchall())
    assert {c.status.value: c.total for c in counts if c.total} == expected
    late = raw.execute(
        "SELECT count(*) FROM orders WHERE cutoff < ? AND status IN "
        "('open', 'picking', 'picked', 'packing', 'on_hold')",
        (NOW.replace(tzinfo=None).isoformat(sep=" "),),
    ).fetchone()[0]
    assert sum(c.overdue for c in counts) == late > 0


@pytest.mark.parametrize("offset", [0, 50_000, ORDERS - 100])
def test_pages_by_cutoff_are_those_of_a_plain_order_by(
    conn: Connection, raw: sqlite3.Connection, offset: int
) -> None:
    expected = [
        row[0]
        for row in raw.execute(
            "SELECT order_number FROM orders ORDER BY cutoff, order_number LIMIT 100 OFFSET ?",
            (offset,),
        )
    ]
    rows = queue.page(conn, QueueFilter(), offset=offset, limit=100)
    assert [row.order_number for row in rows] == expected


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_every_column_sorts_from_an_index(
    conn: Connection, sort: SortKey, descending: bool
) -> None:
    query = queue.sorted_numbers(conn, QueueFilter(), sort, descending).limit(100)
    compiled = query.compile(dialect=sqlite.dialect())
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    plan = " | ".join(
        str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
    )
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    ("flt", "sql"),
    [
        (QueueFilter(statuses=(OrderStatus.PICKING,)), "status = 'picking'"),
        (QueueFilter(carrier="UPS"), "carrier = 'UPS'"),
        (QueueFilter(person="ana"), "assigned_user = 'ana'"),
        (QueueFilter(priorities=(Priority.URGENT,)), "priority = 'urgent'"),
        (
            QueueFilter(zone="C"),
            "order_number IN (SELECT l.order_number FROM order_lines l "
            "JOIN locations z ON z.code = l.location WHERE z.zone = 'C')",
        ),
        (
            QueueFilter(search="SKU-10042"),
            "order_number IN (SELECT order_number FROM order_lines WHERE sku = 'SKU-10042')",
        ),
        (QueueFilter(search="SO-1999"), "order_number LIKE 'SO-1999%'"),
    ],
)
def test_filter_counts_match_plain_sql(
    conn: Connection, raw: sqlite3.Connection, flt: QueueFilter, sql: str
) -> None:
    expected = raw.execute(f"SELECT count(*) FROM orders WHERE {sql}").fetchone()[0]
    assert queue.count(conn, flt) == expected > 0
    first = queue.page(conn, flt, limit=50)
    assert len(first) == min(50, expected)


def test_the_queries_never_hold_the_day_in_python(conn: Connection) -> None:
    tracemalloc.start()
    try:
        queue.status_counts(conn, NOW)
        total = queue.count(conn, QueueFilter())
        queue.page(conn, QueueFilter(), limit=queue.MAX_PAGE)
        queue.page(conn, QueueFilter(), offset=total - queue.MAX_PAGE, limit=queue.MAX_PAGE)
        queue.page(conn, QueueFilter(zone="B"), sort=SortKey.PRIORITY, descending=True)
        floor.exceptions(conn, now=NOW)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 100,000 order rows as Python objects take well over 50 MB; a page of 500, < 1 MB.
    assert peak < 8 * 1024 * 1024, peak
