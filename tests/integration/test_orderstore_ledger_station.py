"""The ledger with a real station and its bookkeeping, on SQLite and PostgreSQL: a
station's wrong scan reaching the ledger, a silent station's claim seen from another,
last-seen writes throttled and never failing a call, migration 0008 on old events."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.dbtypes import UTCDateTime
from app.domain.events import LinePicked, OrderClaimed, ScanExpected
from app.orderstore.db import alembic_config, make_engine, upgrade
from app.orderstore.ledger import Sightings, rates
from app.orderstore.models import EventRow, StationSeenRow
from app.store.wrong_scans import record_wrong_scan
from app.supervisor.floor import ExceptionKind, exceptions
from app.supervisor.ledger import last_seen
from tests.integration.conftest import Store, database_url
from tests.integration.test_orderstore_api import new_order, push
from tests.integration.test_orderstore_ledger import ev, ledger, window
from tests.integration.test_supervisor_sync import STATION, Floor


def test_sightings_write_at_most_once_per_interval(store: Store) -> None:
    station = f"st-{uuid.uuid4().hex[:8]}"
    ticks = [100.0]
    now = [datetime(2031, 1, 1, 8, tzinfo=UTC)]
    seen = Sightings(store.engine, every=30, clock=lambda: now[0], monotonic=lambda: ticks[0])

    def stored() -> datetime | None:
        with Session(store.engine) as session:
            row = session.get(StationSeenRow, station)
            return None if row is None else row.last_seen

    assert seen.saw(station) is True
    assert stored() == now[0]
    ticks[0], now[0] = 129.0, now[0] + timedelta(seconds=29)
    assert seen.saw(station) is False
    assert stored() == now[0] - timedelta(seconds=29)
    ticks[0], now[0] = 131.0, now[0] + timedelta(seconds=2)
    assert seen.saw(station) is True
    assert stored() == now[0]
    # Another worker (its own throttle) a moment later: the stored time stays.
    other = Sightings(
        store.engine, every=30, clock=lambda: now[0] + timedelta(seconds=5), monotonic=lambda: 0
    )
    other.saw(station)
    assert stored() == now[0]


# -- a wrong scan from a station, end to end -------------------------------------------


def test_a_stations_wrong_scan_reaches_the_ledger_once(store: Store, tmp_path: Path) -> None:
    floor = Floor(store, tmp_path)
    try:
        floor.round()
        number = new_order(store, ("SKU-10001", 1))
        floor.round()
        at = window()
        made = record_wrong_scan(
            floor.local,
            user="ana",
            station=STATION,
            order_number=number,
            expected=ScanExpected.ITEM,
            code="4012345\x1d99",
            at=at,
        )
        floor.round()
        floor.round()  # nothing is sent twice
        assert floor.outbox() == []
    finally:
        floor.close()
    with Session(store.engine) as session:
        rows = session.execute(select(EventRow).where(EventRow.id == str(made.id))).scalars()
        [row] = rows.all()
    assert (row.type, row.result, row.username) == ("scan.wrong", "applied", "ana")
    [ana] = ledger(store).rates(at, at + timedelta(minutes=1))
    assert (ana.username, ana.wrong_scans, ana.picks) == ("ana", 1, 0)
    [entry] = ledger(store).timeline(number)
    assert entry.payload == {"order_number": number, "expected": "item", "scanned": "4012345?99"}


# -- migration 0008 --------------------------------------------------------------------


def test_the_migration_fills_in_the_units_of_events_already_there(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = database_url(backend, tmp_path, lambda: request.getfixturevalue("postgres_server"))
    engine = make_engine(url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0007")
        at = window()
        picked = ev(LinePicked("SO-1", line_no=1, qty=4, tote="T-1"), at)
        claimed = ev(OrderClaimed("SO-1"), at)
        with engine.begin() as connection:
            for raw in (picked, claimed):
                connection.execute(
                    text(
                        "INSERT INTO events (station, id, type, username, order_number, at,"
                        " received_at, result, payload) VALUES ('station-1', :id, :type,"
                        " 'ana', 'SO-1', :at, :at, 'applied', :payload)"
                    ).bindparams(bindparam("at", type_=UTCDateTime())),
                    {"id": raw["id"], "type": raw["type"], "at": at, "payload": json.dumps(raw)},
                )
        upgrade(engine)
        with Session(engine) as session:
            units = dict(session.execute(select(EventRow.type, EventRow.qty)).all())
        assert units == {"line.picked": 4, "order.claimed": None}
        [ana] = rates(engine, at, at + timedelta(hours=1))["operators"]
        assert (ana["picks"], ana["units"]) == (1, 4)
    finally:
        engine.dispose()


def test_a_claim_of_a_silent_station_is_an_exception_at_another(
    store: Store, tmp_path: Path
) -> None:
    number = new_order(store, ("SKU-10001", 1))
    at = datetime.now(UTC)
    claim = ev(OrderClaimed(number), at, station="station-2")
    assert push(store, claim, token="station2")[0]["result"] == "applied"
    floor = Floor(store, tmp_path)
    try:
        floor.round()
        seen = last_seen(ledger(store).stations())
        assert "station-2" in seen
        with floor.local.engine.connect() as conn:
            fresh = exceptions(conn, now=seen["station-2"], last_seen=seen)
            later = exceptions(
                conn,
                now=seen["station-2"] + timedelta(minutes=16),
                last_seen=seen,
                stale_after=timedelta(minutes=15),
            )
    finally:
        floor.close()
    claims = [(i.order_number, i.detail) for i in later if i.kind is ExceptionKind.CLAIM]
    assert (number, "station-2") in claims
    assert not [i for i in fresh if i.kind is ExceptionKind.CLAIM and i.order_number == number]


def test_a_failed_sighting_fails_nothing_and_is_tried_again(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    station = f"st-{uuid.uuid4().hex[:8]}"
    broken = make_engine("sqlite:///" + str(Path("/nonexistent/dir/x.sqlite3")))
    seen = Sightings(broken, clock=lambda: datetime.now(UTC))
    with caplog.at_level("WARNING", logger="app.orderstore.ledger"):
        assert seen.saw(station) is False
        assert seen.saw(station) is False  # not throttled: tried again
    assert caplog.text.count("could not record") == 2
    broken.dispose()
