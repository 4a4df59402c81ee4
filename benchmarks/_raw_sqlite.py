"""The "raw insert" half of the pull reference: the same rows by plain ``sqlite3``.

The rows of each /changes page are turned into parameter tuples beforehand (not
timed), with the station's own column mapping (``app.store.mapping``), so every table
gets the same rows and columns the sync writes. They go into a fresh file with the
station's schema and indexes (``app.store.engine.upgrade``) and the station's pragmas
(WAL, ``synchronous=FULL``, foreign keys on), by ``executemany``, one transaction per
page, as the sync stores one page per transaction. What this leaves out is exactly what
the station adds on top of SQLite: parsing the JSON into domain objects, the ORM/Core
statement layer, and the "only newer rows" reads of an upsert.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.store import mapping
from app.store.changes import parse_page
from app.store.engine import upgrade
from benchmarks.registry import BenchmarkError

Statement = tuple[str, list[tuple[Any, ...]]]


def page_statements(page: Mapping[str, Any], now: datetime) -> list[Statement]:
    """The INSERTs of one /changes page, with their rows, in foreign-key order."""
    parsed = parse_page(page)
    tables: list[tuple[str, list[dict[str, Any]]]] = [
        ("locations", [mapping.location_params(r, s) for s, r in parsed.locations]),
        ("totes", [mapping.tote_params(r, s) for s, r in parsed.totes]),
        ("users", [mapping.user_params(r, s) for s, r in parsed.users]),
        ("products", [mapping.product_params(r, s) for s, r in parsed.products]),
        (
            "product_barcodes",
            [b for _, r in parsed.products for b in mapping.barcode_params(r)],
        ),
        ("orders", [mapping.order_params(r, s) for s, r in parsed.orders]),
        (
            "order_lines",
            [mapping.line_params(r.order_number, ln) for _, r in parsed.orders for ln in r.lines],
        ),
        (
            "order_packages",
            [
                mapping.package_params(r.order_number, p)
                for _, r in parsed.orders
                for p in r.packages
            ],
        ),
    ]
    statements = [_insert(table, rows) for table, rows in tables if rows]
    # The cursor and the pull time, as the sync stores them with every page.
    statements.append(
        (
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            [("changes_since", str(parsed.next)), ("last_pull_at", now.isoformat())],
        )
    )
    return statements


def _insert(table: str, rows: list[dict[str, Any]]) -> Statement:
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    return sql, [tuple(_sql_value(row[name]) for name in columns) for row in rows]


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        # The text SQLAlchemy's SQLite DateTime stores (naive UTC, see UTCDateTime).
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def timed_insert(path: Path, pages: Sequence[list[Statement]]) -> float:
    """Seconds to insert ``pages`` into a fresh station-schema file at ``path``.

    Raises:
        BenchmarkError: the file did not end up with every order row.
    """
    upgrade(path)  # the station's tables and indexes, as open_store makes them (not timed)
    expected = sum(len(rows) for page in pages for sql, rows in page if "INTO orders " in sql)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal":
            raise BenchmarkError(f"{path}: SQLite refused WAL mode")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        start = time.perf_counter()
        for page in pages:
            conn.execute("BEGIN IMMEDIATE")
            for sql, rows in page:
                conn.executemany(sql, rows)
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - start
        stored = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    finally:
        conn.close()
    if stored != expected:
        raise BenchmarkError(f"the raw insert stored {stored} orders, not {expected}")
    return elapsed
