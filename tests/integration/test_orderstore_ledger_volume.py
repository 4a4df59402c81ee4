"""The ledger's reads over a day of a busy site: 500,000 events (100,000 orders x 5)
on SQLite and PostgreSQL, each read timed (printed; run with ``-s`` to see them).

The bounds asserted are loose (a shared CI machine); the figures measured on the
development machine are in app/orderstore/ledger.py's note.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from app.orderstore import ledger
from app.orderstore.db import make_engine, upgrade
from app.orderstore.models import StationSeenRow
from tests.integration.conftest import database_url

DAY = datetime(2031, 5, 4, tzinfo=UTC)
ORDERS = 100_000
STATIONS = 50
PEOPLE = 40
STEPS = ("order.claimed", "line.picked", "line.picked", "scan.wrong", "order.packed")


COLUMNS = (
    "id, type, station, username, order_number, at, received_at, result, code, reason, payload, qty"
)


def _rows(first: int, count: int) -> Iterator[tuple[object, ...]]:
    received = DAY + timedelta(hours=1)
    for n in range(first, first + count):
        number = f"SO-{n:07d}"
        station = f"ST-{n % STATIONS:02d}"
        user = f"user{n % PEOPLE:02d}"
        start = DAY + timedelta(seconds=n * 86_000 / ORDERS)
        for i, kind in enumerate(STEPS):
            payload: dict[str, object] = {"order_number": number}
            qty = None
            if kind == "line.picked":
                payload |= {"line_no": i, "qty": 2}
                qty = 2
            event = {"type": kind, "user": user, "station": station, "payload": payload}
            result = "rejected" if n % 50 == 0 and i == 1 else "applied"
            yield (
                str(uuid.UUID(int=n * 8 + i)),
                kind,
                station,
                user,
                number,
                start + timedelta(seconds=i),
                received,
                result,
                None,
                None,
                json.dumps(event),
                qty,
            )


def _sqlite_time(moment: object) -> str:
    # SQLAlchemy's SQLite form of a UTC time: naive, with microseconds.
    assert isinstance(moment, datetime)
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def _fill(engine: Engine) -> None:
    """The day's events, written the fastest way each back-end has (the reads are
    measured here, not the push)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cursor, cursor.copy(f"COPY events ({COLUMNS}) FROM STDIN") as copy:
                for row in _rows(0, ORDERS):
                    copy.write_row(row)
        else:
            conn.exec_driver_sql(
                f"INSERT INTO events ({COLUMNS}) VALUES ({', '.join('?' * 12)})",
                [
                    (*r[:5], _sqlite_time(r[5]), _sqlite_time(r[6]), *r[7:])
                    for r in _rows(0, ORDERS)
                ],
            )
        conn.execute(
            insert(StationSeenRow),
            [{"station": f"ST-{s:02d}", "last_seen": DAY} for s in range(STATIONS)],
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def day(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    folder: Path = tmp_path_factory.mktemp("ledger")
    url = database_url(
        str(request.param), folder, lambda: request.getfixturevalue("postgres_server")
    )
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    _fill(engine)
    print(
        f"\n{request.param}: {ORDERS * len(STEPS)} events in {time.perf_counter() - started:.1f} s"
    )
    if engine.dialect.name == "postgresql":
        # What autovacuum does on a live store: statistics, and the visibility map
        # that lets the figures be read from the index alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE events")
    yield engine
    engine.dispose()


def _timed(what: str, engine: Engine, read: object) -> float:
    assert callable(read)
    read()  # warm the cache: a supervisor's screen asks again and again
    best = min(_once(read) for _ in range(3))
    print(f"{engine.dialect.name} {what}: {best * 1000:.0f} ms")
    return best


def _once(read: object) -> float:
    assert callable(read)
    started = time.perf_counter()
    read()
    return time.perf_counter() - started


def test_a_days_rates_over_500k_events(day: Engine) -> None:
    body: dict[str, object] = {}

    def read() -> None:
        body.update(ledger.rates(day, DAY, DAY + timedelta(hours=24)))

    assert _timed("rates, 24 h of 500,000 events", day, read) < 10.0
    operators = body["operators"]
    assert isinstance(operators, list)
    assert len(operators) == PEOPLE
    assert sum(o["picks"] for o in operators) == 2 * ORDERS - ORDERS // 50
    assert sum(o["units"] for o in operators) == 2 * (2 * ORDERS - ORDERS // 50)
    assert sum(o["wrong_scans"] for o in operators) == ORDERS
    assert sum(o["packs"] for o in operators) == ORDERS


def test_an_hours_rates_timeline_and_stations(day: Engine) -> None:
    assert _timed("rates, 1 h", day, lambda: ledger.rates(day, DAY, DAY + timedelta(hours=1))) < 2
    assert _timed("timeline", day, lambda: ledger.timeline(day, "SO-0054321")) < 0.5
    assert _timed("stations (50)", day, lambda: ledger.stations(day)) < 1.0
    assert len(ledger.timeline(day, "SO-0054321")["events"]) == len(STEPS)
    assert len(ledger.stations(day)["stations"]) == STATIONS
