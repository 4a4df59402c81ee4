"""Benchmark ``import``: ``scanpack-store import`` of products and of order lines.

Targets (issue 15, "Scale"): each import within 3x of the reference measured in the
same run: the same CSV file read with ``csv.reader`` and its rows written with a raw
``sqlite3`` ``executemany`` into the same tables (products and their barcodes; order
heads and lines), in one transaction, with no checks. The import checks every row
(text, GTIN check digits, home bins, barcodes of other products, known SKUs), keeps
change numbers, writes each order's document for the pull, and streams the file in
chunks.

``products_rows`` and ``order_lines_rows`` check that every row arrived. The same
again on PostgreSQL (``_pg``; reference: psycopg's ``executemany``) when the tests'
throwaway server (``tests/pgserver.py``) can start.
"""

from __future__ import annotations

import contextlib
import csv
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from app.domain.gtin import with_check_digit
from app.orderstore.db import make_engine, upgrade
from app.orderstore.importing import ImportKind, run_import
from app.orderstore.importing import Options as ImportOptions
from benchmarks.registry import Metric, Options, Target, benchmark, median, rounded

PRODUCTS = 20_000
ORDER_LINES = 20_000
RATIO_TARGET = 3.0
BINS = 500
PRODUCT_COLUMNS = ["sku", "name", "barcode", "location", "weight_g"]
ORDER_COLUMNS = ["order_id", "date", "ship_mode", "customer", "address", "city"]
ORDER_COLUMNS += ["postcode", "country", "sku", "quantity"]


@benchmark(
    "import",
    summary="import 20,000 products and 20,000 order lines from CSV vs raw executemany",
    budget_s=900,
)
def run(options: Options) -> Iterator[Metric]:
    products, lines = options.scaled(PRODUCTS), options.scaled(ORDER_LINES)
    with tempfile.TemporaryDirectory(prefix="scanpack-bench-import-") as tmp:
        folder = Path(tmp)
        files = _files(folder, products, lines)
        sqlite_db = _SQLite(folder)
        yield from _measure("", sqlite_db, files, (products, lines), options)
        with contextlib.ExitStack() as stack:
            postgres = _postgres(stack, options)
            if postgres is not None:
                yield from _measure("_pg", postgres, files, (products, lines), options)


class _SQLite:
    """Fresh SQLite databases in ``folder``, and a raw ``sqlite3`` connection to one."""

    mark = "?"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = 0

    def new(self) -> str:
        self.made += 1
        return f"sqlite:///{self.folder / f'store-{self.made}.sqlite3'}"

    def connect(self, url: str) -> Any:
        return sqlite3.connect(url.removeprefix("sqlite:///"))


class _Postgres:
    """Fresh databases on the throwaway PostgreSQL server of ``tests/pgserver.py``."""

    mark = "%s"

    def __init__(self, server: Any) -> None:
        self.server = server
        self.made = 0

    def new(self) -> str:
        self.made += 1
        return str(self.server.create_database(f"bench_import_{self.made}"))

    def connect(self, url: str) -> Any:
        import psycopg

        return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))


def _postgres(stack: contextlib.ExitStack, options: Options) -> _Postgres | None:
    """The PostgreSQL server the tests use, when its tooling and binaries are here."""
    try:
        from tests.pgserver import PostgresServer

        server = stack.enter_context(PostgresServer())
    except (ImportError, RuntimeError, OSError) as error:
        options.log(f"import: no PostgreSQL server ({error}); SQLite only")
        return None
    return _Postgres(server)


def _measure(
    suffix: str,
    backend: _SQLite | _Postgres,
    files: tuple[Path, Path],
    sizes: tuple[int, int],
    options: Options,
) -> Iterator[Metric]:
    product_file, order_file = files
    timings: dict[str, list[float]] = {"products": [], "raw_products": []}
    timings |= {"orders": [], "raw_orders": []}
    counts: dict[str, int] = {}
    for attempt in range(options.repeat):
        url = backend.new()
        engine = make_engine(url)
        upgrade(engine)
        _import(engine, ImportKind.LOCATIONS, _bins_file(product_file.parent))
        timings["products"].append(_import(engine, ImportKind.PRODUCTS, product_file))
        timings["orders"].append(_import(engine, ImportKind.ORDERS, order_file))
        engine.dispose()
        conn = backend.connect(url)
        try:
            counts = _counts(conn)
        finally:
            conn.close()
        raw = backend.new()
        raw_engine = make_engine(raw)
        upgrade(raw_engine)
        raw_engine.dispose()
        conn = backend.connect(raw)
        try:
            timings["raw_products"].append(_raw_products(conn, backend.mark, product_file))
            timings["raw_orders"].append(_raw_orders(conn, backend.mark, order_file))
        finally:
            conn.close()
        options.log(
            f"import{suffix} run {attempt + 1}: "
            + ", ".join(f"{name} {values[-1]:.2f} s" for name, values in timings.items())
        )
    for name, rows in (("products", sizes[0]), ("orders", sizes[1])):
        value, reference = median(timings[name]), median(timings[f"raw_{name}"])
        yield Metric(
            name + suffix,
            value,
            "s",
            Target.ratio_at_most(RATIO_TARGET),
            reference=reference,
            details={
                "rows": rows,
                "rows_per_s": round(rows / value),
                "raw_rows_per_s": round(rows / reference),
                "runs": rounded(timings[name]),
                "raw_runs": rounded(timings[f"raw_{name}"]),
            },
        )
    products_in, lines_in = counts["products"], counts["order_lines"]
    yield Metric(f"products_rows{suffix}", products_in, "rows", Target.equals(sizes[0]), check=True)
    yield Metric(f"order_lines_rows{suffix}", lines_in, "rows", Target.equals(sizes[1]), check=True)


def _import(engine: Engine, kind: ImportKind, path: Path) -> float:
    start = time.perf_counter()
    report = run_import(engine, kind, path, ImportOptions())
    seconds = time.perf_counter() - start
    if report.errors or not report.written:
        raise RuntimeError(f"import {kind} refused rows: {report.errors[:3]}")
    return seconds


def _bins_file(folder: Path) -> Path:
    path = folder / "bins.csv"
    if not path.exists():
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["code", "zone", "aisle", "sequence"])
            writer.writerows([f"A-{n:04d}", "A", f"{n // 20:02d}", n] for n in range(BINS))
    return path


def _files(folder: Path, products: int, lines: int) -> tuple[Path, Path]:
    rng = random.Random(15)
    product_file = folder / "products.csv"
    with product_file.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(PRODUCT_COLUMNS)
        for n in range(products):
            code = with_check_digit(f"400{n:09d}")
            writer.writerow([f"SKU-{n:06d}", f"Artículo {n}", code, f"A-{n % BINS:04d}", n % 900])
    order_file = folder / "orders.csv"
    with order_file.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ORDER_COLUMNS)
        written, number = 0, 0
        while written < lines:
            number += 1
            head = [f"SO-{number:07d}", "2026-12-07", "Standard", "Zoë Müller"]
            head += ["Hauptstraße 5", "Köln", "50667", "DE"]
            for sku in rng.sample(range(products), min(rng.randint(1, 5), lines - written)):
                writer.writerow([*head, f"SKU-{sku:06d}", rng.randint(1, 3)])
                written += 1
    return product_file, order_file


def _raw_products(conn: Any, mark: str, path: Path) -> float:
    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        next(reader)
        products, barcodes = [], []
        for seq, (sku, name, code, location, weight) in enumerate(reader, start=1):
            products.append((sku, name, 0, 0, 0, int(weight), location, True, seq))
            barcodes.append((code, sku, "ean13", 1))
    cursor = conn.cursor()
    cursor.executemany(
        "INSERT INTO products (sku, name, length_mm, width_mm, height_mm, weight_g, "
        f"location, active, seq) VALUES ({_marks(mark, 9)})",
        products,
    )
    cursor.executemany(
        f"INSERT INTO product_barcodes (code, sku, kind, pack_qty) VALUES ({_marks(mark, 4)})",
        barcodes,
    )
    conn.commit()
    return time.perf_counter() - start


def _marks(mark: str, count: int) -> str:
    return ", ".join([mark] * count)


def _raw_orders(conn: Any, mark: str, path: Path) -> float:
    start = time.perf_counter()
    heads: dict[str, tuple[object, ...]] = {}
    lines = []
    with path.open(newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        next(reader)
        for number, day, mode, name, street, city, postcode, country, sku, qty in reader:
            if number not in heads:
                heads[number] = (number, "open", "normal", day, mode, name, street, city)
                heads[number] += (postcode, country, "", "", day, day, len(heads) + 1)
            line_no = sum(1 for line in lines[-5:] if line[0] == number) + 1
            lines.append((number, line_no, sku, int(qty), 0, 0, 0, None))
    cursor = conn.cursor()
    cursor.executemany(
        "INSERT INTO orders (order_number, status, priority, cutoff, carrier, ship_name, "
        "ship_street, ship_city, ship_postcode, ship_country, hold_reason, cancel_reason, "
        f"created_at, updated_at, seq) VALUES ({_marks(mark, 15)})",
        list(heads.values()),
    )
    cursor.executemany(
        "INSERT INTO order_lines (order_number, line_no, sku, qty, picked_qty, short_qty, "
        f"packed_qty, location) VALUES ({_marks(mark, 8)})",
        lines,
    )
    conn.commit()
    return time.perf_counter() - start


def _counts(conn: Any) -> dict[str, int]:
    cursor = conn.cursor()
    found = {}
    for table in ("products", "order_lines"):
        cursor.execute(f"SELECT count(*) FROM {table}")
        found[table] = int(cursor.fetchone()[0])
    return found
