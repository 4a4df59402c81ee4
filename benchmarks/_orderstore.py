"""A seeded order store on 127.0.0.1 for the benchmarks, and row counts on both sides."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType

import requests
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine, upgrade
from app.orderstore.models import EventRow, OrderLineRow
from app.orderstore.seed import seed
from app.store.bulk import chunks

# Fixed, so that every run seeds the same bytes (cutoffs are placed from this day).
ANCHOR = date(2026, 11, 30)

# The tables a pull fills, by the same name on both sides.
PULLED_TABLES = (
    "locations",
    "totes",
    "users",
    "products",
    "product_barcodes",
    "orders",
    "order_lines",
)


class SeededStore:
    """An order store on SQLite in ``folder`` with ``orders`` generated open orders.

    Attributes:
        station: the station the token is for.
        token: a ``station`` token.
    """

    def __init__(self, folder: Path, orders: int, station: str, log: Callable[[str], None]) -> None:
        self.station = station
        self.engine = make_engine(f"sqlite:///{folder / 'orderstore.sqlite3'}")
        upgrade(self.engine)
        log(seed(self.engine, orders, anchor=ANCHOR))
        self.token = create_token(self.engine, station, frozenset({TokenRole.STATION}))
        # A process of its own, as in a warehouse: the store does not share the
        # station's interpreter (nor its GIL).
        self.server = StoreProcess(str(self.engine.url))

    @property
    def url(self) -> str:
        return self.server.base_url

    def counts(self) -> dict[str, int]:
        """Rows per pulled table in the store."""
        with self.engine.connect() as conn:
            return {
                table: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in PULLED_TABLES
            }

    def event_results(self, event_ids: Sequence[str]) -> dict[str, str]:
        """``id -> result`` of the events the store holds among ``event_ids``."""
        found: dict[str, str] = {}
        with Session(self.engine) as session:
            for part in chunks(event_ids):
                rows = session.execute(
                    select(EventRow.id, EventRow.result).where(EventRow.id.in_(part))
                )
                found.update((event_id, result) for event_id, result in rows)
        return found

    def picked_units(self, order_numbers: Iterable[str]) -> int:
        """Units picked on the store's copies of ``order_numbers``."""
        total = 0
        with Session(self.engine) as session:
            for part in chunks(sorted(set(order_numbers))):
                rows = session.execute(
                    select(OrderLineRow.picked_qty).where(OrderLineRow.order_number.in_(part))
                ).scalars()
                total += sum(rows)
        return total

    def __enter__(self) -> SeededStore:
        self.server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.stop()
        self.engine.dispose()


class StoreProcess:
    """``scanpack-store`` serving a database on a free loopback port, in a subprocess."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.orderstore.cli",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        with requests.Session() as http:
            http.trust_env = False
            while True:
                try:
                    if http.get(f"{self.base_url}/api/v1/health", timeout=1).ok:
                        return
                except requests.RequestException:
                    pass
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the order store did not start on {self.base_url}")
                time.sleep(0.05)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None


def station_counts(path: Path) -> dict[str, int]:
    """Rows per pulled table in the station database at ``path`` (closed by its owner)."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in PULLED_TABLES
        }
    finally:
        conn.close()
