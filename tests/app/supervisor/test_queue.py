"""The supervisor's queue queries over the demo data, against brute force in Python."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from app.bootstrap import DEMO_FLOOR_ANCHOR as ANCHOR
from app.bootstrap import demo_floor_station, mix_statuses
from app.domain.events import LinePicked, OrderClaimed, new_event
from app.domain.model import OrderStatus, Priority
from app.store import open_store
from app.store.local_store import LocalStore
from app.store.models import LocationRow, OrderLineRow, OrderRow, OrderSumRow, table_of
from app.store.print_jobs import NewJob, PrintJobRepository
from app.supervisor import derived, floor, queue
from app.supervisor.floor import ExceptionKind
from app.supervisor.queue import QueueFilter, SortKey

NOW = datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_floor_station(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    """The demo catalogue with 600 generated orders in a mid-shift mix, totes on some."""
    path = demo_floor_station(tmp_path_factory.mktemp("mixed"), 600)
    mix_statuses(path)
    with open_store(path) as store:
        with store.engine.begin() as conn:
            assert derived.refresh(conn) == 600
            assert derived.refresh(conn) == 0
            conn.execute(
                text(
                    "UPDATE orders SET totes = 'T-00' || substr(order_number, 8) || ',T-0040' "
                    "WHERE status IN ('picking', 'picked')"
                )
            )
        yield store


@pytest.fixture
def conn(mixed: LocalStore) -> Iterator[Connection]:
    with mixed.engine.connect() as connection:
        yield connection


def everything(conn: Connection) -> list[dict[str, Any]]:
    """Every order with its line sums and zones: the brute-force reference."""
    orders = table_of(OrderRow)
    lines = table_of(OrderLineRow)
    locations = table_of(LocationRow)
    zone_of = dict(conn.execute(select(locations.c.code, locations.c.zone)).all())
    found: dict[str, dict[str, Any]] = {
        row.order_number: dict(row._mapping)
        | {"lines": 0, "qty": 0, "done": 0, "skus": set(), "zones": set()}
        for row in conn.execute(select(orders))
    }
    for line in conn.execute(select(lines)):
        order = found[line.order_number]
        order["lines"] += 1
        order["qty"] += line.qty
        order["done"] += line.picked_qty + line.short_qty + line.packed_qty
        order["skus"].add(line.sku)
        order["zones"].add(zone_of.get(line.location))
    return list(found.values())


def brute_key(sort: SortKey, order: dict[str, Any]) -> Any:
    value = {
        SortKey.NUMBER: order["order_number"],
        SortKey.STATUS: order["status"],
        SortKey.PRIORITY: order["priority_rank"],
        SortKey.LINES: order["lines"],
        SortKey.PROGRESS: order["done"] / order["qty"],
        SortKey.PERSON: order["assigned_user"],
        SortKey.STATION: order["assigned_station"],
        SortKey.CUTOFF: order["cutoff"],
        SortKey.CARRIER: order["carrier"],
    }[sort]
    then = order["cutoff"] if sort in (SortKey.STATUS, SortKey.PRIORITY, SortKey.CARRIER) else 0
    return (value is not None, value, then, order["order_number"])  # SQLite: NULLs first


def all_pages(conn: Connection, flt: QueueFilter, sort: SortKey, descending: bool) -> list[str]:
    numbers: list[str] = []
    while True:
        rows = queue.page(
            conn, flt, sort=sort, descending=descending, offset=len(numbers), limit=37
        )
        numbers += [row.order_number for row in rows]
        if len(rows) < 37:
            return numbers


# -- counts -----------------------------------------------------------------------------


def test_counts_on_the_demo_data_match_brute_force(demo_path: Path) -> None:
    with open_store(demo_path) as store, store.engine.connect() as conn:
        orders = everything(conn)
        counts = queue.status_counts(conn, NOW)
    assert [c.status for c in counts] == list(OrderStatus)
    for count in counts:
        mine = [o for o in orders if o["status"] == count.status.value]
        assert count.total == len(mine)
        late = count.status in queue.OPEN_WORK
        assert count.overdue == (sum(o["cutoff"] < NOW for o in mine) if late else 0)
        soon = sum(NOW <= o["cutoff"] < NOW + timedelta(hours=1) for o in mine)
        assert count.due_soon == (soon if late else 0)
    assert sum(c.total for c in counts) == 240
    assert sum(c.overdue for c in counts) > 0  # the anchor day's 12:00 cutoffs have passed


def test_counts_on_the_mixed_floor(conn: Connection) -> None:
    counts = {c.status: c for c in queue.status_counts(conn, NOW)}
    assert counts[OrderStatus.OPEN].total == 360
    assert counts[OrderStatus.PICKING].total == 48
    assert counts[OrderStatus.SHIPPED].overdue == 0


# -- the table ---------------------------------------------------------------------------


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_every_column_sorts_and_pages_like_brute_force(
    conn: Connection, sort: SortKey, descending: bool
) -> None:
    expected = sorted(everything(conn), key=lambda o: brute_key(sort, o), reverse=descending)
    assert all_pages(conn, QueueFilter(), sort, descending) == [o["order_number"] for o in expected]


FILTERS: list[tuple[QueueFilter, Any]] = [
    (QueueFilter(statuses=(OrderStatus.PICKING,)), lambda o: o["status"] == "picking"),
    (
        QueueFilter(statuses=(OrderStatus.OPEN, OrderStatus.ON_HOLD)),
        lambda o: o["status"] in ("open", "on_hold"),
    ),
    (QueueFilter(carrier="DHL"), lambda o: o["carrier"] == "DHL"),
    (QueueFilter(person="ana"), lambda o: o["assigned_user"] == "ana"),
    (QueueFilter(priorities=(Priority.URGENT,)), lambda o: o["priority"] == "urgent"),
    (QueueFilter(zone="B"), lambda o: "B" in o["zones"]),
    (QueueFilter(search="SO-1002"), lambda o: o["order_number"].startswith("SO-1002")),
    (QueueFilter(search="SKU-10007"), lambda o: "SKU-10007" in o["skus"]),
    (QueueFilter(search="T-0040"), lambda o: "T-0040" in o["totes"].split(",")),
    (QueueFilter(search="T-0032"), lambda o: "T-0032" in o["totes"].split(",")),
    (
        QueueFilter(statuses=(OrderStatus.PICKING,), carrier="UPS", person="ben"),
        lambda o: (o["status"], o["carrier"], o["assigned_user"]) == ("picking", "UPS", "ben"),
    ),
    (QueueFilter(search="nothing like it"), lambda o: False),
]


@pytest.mark.parametrize(("flt", "keep"), FILTERS)
def test_filters_match_brute_force(conn: Connection, flt: QueueFilter, keep: Any) -> None:
    expected = sorted(
        (o for o in everything(conn) if keep(o)), key=lambda o: brute_key(SortKey.CUTOFF, o)
    )
    assert all_pages(conn, flt, SortKey.CUTOFF, False) == [o["order_number"] for o in expected]
    assert queue.count(conn, flt) == len(expected)
    if flt.search != "nothing like it":
        assert expected, "a filter that keeps nothing proves little"


def test_a_row_carries_what_the_table_shows(conn: Connection) -> None:
    [row] = queue.rows_of(conn, [_first(conn, "picking")])
    assert row.status is OrderStatus.PICKING
    assert row.person in ("ana", "ben")
    assert row.station is not None
    assert row.station.startswith("ST-")
    assert row.lines >= 1
    assert 0 < row.progress < 0.5
    assert row.picked + row.short <= row.qty


@pytest.mark.parametrize("sort", [SortKey.PRIORITY, SortKey.PROGRESS, SortKey.NUMBER])
def test_position_of_finds_a_row_again(conn: Connection, sort: SortKey) -> None:
    flt = QueueFilter(statuses=(OrderStatus.OPEN, OrderStatus.PICKING))
    numbers = all_pages(conn, flt, sort, True)
    for index in (0, 17, len(numbers) - 1):
        found = queue.position_of(conn, flt, numbers[index], sort=sort, descending=True)
        assert found == index
    assert queue.position_of(conn, flt, _first(conn, "packed")) is None


@pytest.mark.parametrize(("offset", "limit"), [(-1, 10), (0, 0), (0, queue.MAX_PAGE + 1)])
def test_a_page_is_bounded(conn: Connection, offset: int, limit: int) -> None:
    with pytest.raises(ValueError, match="a page is"):
        queue.page(conn, QueueFilter(), offset=offset, limit=limit)


# -- exceptions, timeline, people ------------------------------------------------------


def _first(conn: Connection, status: str) -> str:
    orders = table_of(OrderRow)
    return str(
        conn.execute(
            select(orders.c.order_number)
            .where(orders.c.status == status)
            .order_by(orders.c.order_number)
        ).scalar()
    )


def test_exceptions_list_what_needs_a_person(mixed: LocalStore) -> None:
    with mixed.engine.connect() as conn:
        open_number = _first(conn, "open")
    claim = new_event(OrderClaimed(open_number), station="ST-7", user="ana", at=NOW)
    mixed.record(claim)
    with mixed.unit_of_work() as uow:
        uow.outbox.mark_rejected(claim.id, "claimed_elsewhere", "taken")
        jobs = PrintJobRepository(uow.session, lambda: NOW)
        job = jobs.add(NewJob("shipping", "shipping x", open_number, "zebra", "zpl", b"^XA^XZ"))
        jobs.mark_failed(job, "printer_offline", "no route", None)
        uow.commit()
    seen = {"ST-0": NOW - timedelta(hours=1), "ST-1": NOW - timedelta(minutes=2)}
    with mixed.engine.connect() as conn:
        items = floor.exceptions(conn, now=NOW, last_seen=seen)
        orders = everything(conn)
    by_kind: dict[ExceptionKind, list[floor.ExceptionItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    held = [o for o in orders if o["status"] == "on_hold"]
    assert len(by_kind[ExceptionKind.HELD]) == len(held) == 24
    assert {i.detail for i in by_kind[ExceptionKind.HELD]} == {"address check"}
    shorts = {o["order_number"] for o in orders if o["status"] == "picking" and o["done"]}
    assert {i.order_number for i in by_kind[ExceptionKind.SHORT]} <= shorts
    assert by_kind[ExceptionKind.SHORT]
    [refused] = by_kind[ExceptionKind.REFUSED]
    assert (refused.order_number, refused.detail) == (open_number, "claimed_elsewhere")
    stale = {o["order_number"] for o in orders if o["assigned_station"] == "ST-0"}
    assert {i.order_number for i in by_kind[ExceptionKind.CLAIM]} == stale
    [failed] = by_kind[ExceptionKind.PRINT_FAILED]
    assert (failed.order_number, failed.detail) == (open_number, "printer_offline")


def test_claims_by_station(conn: Connection) -> None:
    claims = floor.claims(conn)
    assert {"ST-0", "ST-1", "ST-2"} <= {c.station for c in claims}  # ST-7: a test above
    assert {c.status for c in claims} == {OrderStatus.PICKING, OrderStatus.PACKING}


def test_timeline_and_rates_from_this_stations_events(mixed: LocalStore) -> None:
    with mixed.engine.connect() as conn:
        number = all_pages(conn, QueueFilter((OrderStatus.OPEN,)), SortKey.NUMBER, False)[-1]
    at = NOW + timedelta(minutes=5)
    mixed.record(new_event(OrderClaimed(number, tote="T-0001"), station="ST-7", user="cleo", at=at))
    mixed.record(
        new_event(
            LinePicked(number, line_no=1, qty=1, tote="T-0001"), station="ST-7", user="cleo", at=at
        )
    )
    with mixed.engine.connect() as conn:
        entries = floor.timeline(conn, number)
        # The outbox keeps when an event was recorded (the store's clock: real time).
        wall = datetime.now(UTC)
        rates = floor.operator_rates(
            conn, wall - timedelta(minutes=30), wall + timedelta(minutes=30)
        )
    assert [(e.what, e.user, e.station, e.state) for e in entries] == [
        ("order.claimed", "cleo", "ST-7", "pending"),
        ("line.picked", "cleo", "ST-7", "pending"),
    ]
    with mixed.engine.begin() as conn:  # a local change: its sums follow at refresh
        assert derived.refresh(conn) == 0
    with mixed.engine.connect() as conn:
        [row] = queue.rows_of(conn, [number])
        sums = table_of(OrderSumRow)
        kept = conn.execute(select(sums.c.progress).where(sums.c.order_number == number)).scalar()
    assert kept == pytest.approx(1 / row.qty)
    [cleo] = [r for r in rates if r.username == "cleo"]
    assert (cleo.picks, cleo.units, cleo.packs, cleo.wrong_scans) == (1, 1, 0, 0)
    assert cleo.picks_per_hour == pytest.approx(1.0)
    assert cleo.units_per_hour == pytest.approx(1.0)
