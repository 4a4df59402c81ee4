"""The supervisor's queue screen over 100,000 generated orders: every filter, sort and
scroll shows what plain SQL says, the table never holds the day, and a live update
keeps the place; real clicks and typing.

One module-scoped station (as ``tests/app/supervisor/test_queue_100k.py`` builds it: a
seeded order store pulled into a station database, then a mid-shift mix; some picking
orders get totes); building it takes about a minute. The reference answers come from
the same file through plain sqlite3, written out here rather than taken from
``app.supervisor.queue``.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import bindparam, text

from app.bootstrap import DEMO_FLOOR_ANCHOR as ANCHOR
from app.bootstrap import demo_floor_station, mix_statuses
from app.domain import proof
from app.domain.model import OrderStatus, User
from app.store import open_store
from app.store.local_store import LocalStore
from app.supervisor import derived
from app.supervisor.queue import SortKey
from app.supervisor.service import SupervisorService
from ui.screens.supervisor import SupervisorScreen
from ui.screens.supervisor_model import BLOCK, COLUMNS, MAX_BLOCKS
from ui.tasks import TaskRunner

ORDERS = 100_000
NOW = datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)
WAIT_MS = 30_000
TOTE = "T-0007"  # the seed has T-0001 to T-0040

# Some picking and picked orders carry totes (the generated day has none yet).
TOTES = f"""
UPDATE orders SET totes = CASE WHEN CAST(substr(order_number, 4) AS INTEGER) % 2 = 0
    THEN '{TOTE}' ELSE 'T-0006,{TOTE}' END
WHERE status IN ('picking', 'picked') AND CAST(substr(order_number, 4) AS INTEGER) % 97 = 0
"""


class NoSalts:
    """These tests never act: a PIN asked for would fail them."""

    def pin_salt(self, username: str) -> tuple[bytes, proof.Kdf] | None:
        raise AssertionError(f"no PIN is typed here ({username})")


@pytest.fixture(scope="module")
def floor_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = demo_floor_station(tmp_path_factory.mktemp("big"), ORDERS)
    mix_statuses(path)
    with open_store(path) as store, store.engine.begin() as conn:
        conn.execute(text(TOTES))
        assert derived.refresh(conn) == ORDERS
    return path


@pytest.fixture(scope="module")
def raw(floor_path: Path) -> Iterator[sqlite3.Connection]:
    """The same database through plain sqlite3: the reference answers."""
    connection = sqlite3.connect(floor_path)
    yield connection
    connection.close()


@pytest.fixture
def station(floor_path: Path) -> Iterator[LocalStore]:
    with open_store(floor_path) as store:
        yield store


def make_screen(qtbot: QtBot, store: LocalStore, tasks: TaskRunner, out: Path) -> SupervisorScreen:
    service = SupervisorService(store, NoSalts(), station="ST-SUP", clock=lambda: NOW)
    made = SupervisorScreen(service, tasks, None, export_folder=out, clock=lambda: NOW)
    qtbot.addWidget(made)
    made.resize(1280, 760)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def screen(
    qtbot: QtBot, station: LocalStore, tasks: TaskRunner, tmp_path: Path
) -> SupervisorScreen:
    return make_screen(qtbot, station, tasks, tmp_path)


def sam(store: LocalStore) -> User:
    with store.unit_of_work(readonly=True) as uow:
        found = uow.users.get("sam")
    assert found is not None
    return found


def opened(qtbot: QtBot, screen: SupervisorScreen, store: LocalStore) -> None:
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        screen.open(sam(store))
    qtbot.waitUntil(lambda: screen.filters.zone.count() > 1, timeout=WAIT_MS)  # the snapshot


def shown(screen: SupervisorScreen, first: int, last: int) -> list[str | None]:
    return [screen.model.order_number(row) for row in range(first, last)]


# -- the reference, in plain SQL ---------------------------------------------------------

# Each column's ORDER BY: ties within a status or priority by cutoff, every tie
# at last by order number, all in the one direction.
ORDER_BY = {
    SortKey.NUMBER: ["o.order_number"],
    SortKey.STATUS: ["o.status", "o.cutoff", "o.order_number"],
    SortKey.PRIORITY: ["o.priority_rank", "o.cutoff", "o.order_number"],
    SortKey.LINES: ["s.lines", "o.order_number"],
    SortKey.PROGRESS: ["s.progress", "o.order_number"],
    SortKey.PERSON: ["o.assigned_user", "o.order_number"],
    SortKey.STATION: ["o.assigned_station", "o.order_number"],
    SortKey.CUTOFF: ["o.cutoff", "o.order_number"],
}
# The lines and progress of each order, from its lines (not the screen's derived table).
SUMS = (
    "(SELECT order_number, count(*) AS lines, "
    "sum(picked_qty + short_qty + packed_qty) * 1.0 / nullif(sum(qty), 0) AS progress "
    "FROM order_lines GROUP BY order_number) AS s ON s.order_number = o.order_number"
)


def numbers(
    raw: sqlite3.Connection,
    where: str = "1",
    args: tuple[object, ...] = (),
    *,
    sort: SortKey = SortKey.CUTOFF,
    desc: bool = False,
    limit: int = BLOCK,
) -> list[str]:
    direction = " DESC" if desc else ""
    order_by = ", ".join(column + direction for column in ORDER_BY[sort])
    join = f"JOIN {SUMS}" if sort in (SortKey.LINES, SortKey.PROGRESS) else ""
    query = f"SELECT o.order_number FROM orders o {join} WHERE {where} ORDER BY {order_by} LIMIT ?"
    return [row[0] for row in raw.execute(query, (*args, limit))]


def count(raw: sqlite3.Connection, where: str, args: tuple[object, ...] = ()) -> int:
    return int(raw.execute(f"SELECT count(*) FROM orders o WHERE {where}", args).fetchone()[0])


# -- opening -----------------------------------------------------------------------------


def test_it_opens_on_every_order_by_ship_by_and_the_tiles_add_up(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, raw: sqlite3.Connection
) -> None:
    opened(qtbot, screen, station)
    assert screen.model.rowCount() == ORDERS
    assert shown(screen, 0, BLOCK) == numbers(raw)
    assert screen.model.loaded_rows() == BLOCK
    by_status = dict(raw.execute("SELECT status, count(*) FROM orders GROUP BY status"))
    qtbot.waitUntil(lambda: screen.tiles.buttons[OrderStatus.OPEN].text()[0] != "0")
    for status, button in screen.tiles.buttons.items():
        # In the reader's number format ("60,000" in English).
        wanted = QLocale().toString(by_status.get(status.value, 0))
        assert button.text().split("\n")[0] == wanted, status


# -- filtering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [OrderStatus.PICKING, OrderStatus.ON_HOLD, OrderStatus.PACKED], ids=str
)
def test_a_status_tile_shows_the_orders_of_plain_sql(
    qtbot: QtBot,
    screen: SupervisorScreen,
    station: LocalStore,
    raw: sqlite3.Connection,
    status: OrderStatus,
) -> None:
    opened(qtbot, screen, station)
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        qtbot.mouseClick(screen.tiles.buttons[status], Qt.MouseButton.LeftButton)
    where, args = "o.status = ?", (status.value,)
    assert screen.model.rowCount() == count(raw, where, args) > 0
    assert shown(screen, 0, BLOCK) == numbers(raw, where, args)


def choose_in(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index > 0, (combo.objectName(), value)
    combo.setCurrentIndex(index)


ZONE = (
    "o.order_number IN (SELECT l.order_number FROM order_lines l "
    "JOIN locations z ON z.code = l.location WHERE z.zone = ?)"
)


@pytest.mark.parametrize(
    ("chosen", "where", "args"),
    [
        ({"zone": "C"}, ZONE, ("C",)),
        ({"carrier": "UPS"}, "o.carrier = ?", ("UPS",)),
        ({"person": "ana"}, "o.assigned_user = ?", ("ana",)),
        ({"priority": "urgent"}, "o.priority = ?", ("urgent",)),
        (
            {"zone": "B", "carrier": "DPD", "priority": "high"},
            f"{ZONE} AND o.carrier = ? AND o.priority = ?",
            ("B", "DPD", "high"),
        ),
        (
            {"status": "picking", "person": "ben", "carrier": "GLS"},
            "o.status = ? AND o.assigned_user = ? AND o.carrier = ?",
            ("picking", "ben", "GLS"),
        ),
    ],
    ids=["zone", "carrier", "person", "priority", "zone+carrier+priority", "status+person+carrier"],
)
def test_the_lists_narrow_the_table_like_plain_sql(
    qtbot: QtBot,
    screen: SupervisorScreen,
    station: LocalStore,
    raw: sqlite3.Connection,
    chosen: dict[str, str],
    where: str,
    args: tuple[object, ...],
) -> None:
    opened(qtbot, screen, station)
    for name, value in chosen.items():
        combo = getattr(screen.filters, name)
        with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
            choose_in(combo, value)
    qtbot.waitUntil(lambda: screen.model.view[0] == screen.filters.current())
    assert screen.model.rowCount() == count(raw, where, args) > 0
    assert shown(screen, 0, min(BLOCK, screen.model.rowCount())) == numbers(raw, where, args)


TOTE_WHERE = (
    "o.status IN ('picking', 'picked', 'packing', 'on_hold') AND (',' || o.totes || ',') LIKE ?"
)


@pytest.mark.parametrize(
    ("typed", "where", "args"),
    [
        ("SO-150123", "o.order_number = ?", ("SO-150123",)),
        ("SO-19999", "o.order_number LIKE ?", ("SO-19999%",)),
        (
            "SKU-10042",
            "o.order_number IN (SELECT order_number FROM order_lines WHERE sku = ?)",
            ("SKU-10042",),
        ),
        (TOTE, TOTE_WHERE, (f"%,{TOTE},%",)),
    ],
    ids=["order", "order start", "sku", "tote"],
)
def test_the_search_box_typed_finds_what_plain_sql_finds(
    qtbot: QtBot,
    screen: SupervisorScreen,
    station: LocalStore,
    raw: sqlite3.Connection,
    typed: str,
    where: str,
    args: tuple[object, ...],
) -> None:
    opened(qtbot, screen, station)
    screen.filters.search.setFocus()
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        qtbot.keyClicks(screen.filters.search, typed)  # no Enter: it waits a moment
    assert screen.model.view[0].search == typed
    expected = count(raw, where, args)
    assert screen.model.rowCount() == expected > 0
    assert shown(screen, 0, min(BLOCK, expected)) == numbers(raw, where, args)


# -- sorting -----------------------------------------------------------------------------


def click_header(qtbot: QtBot, screen: SupervisorScreen, key: SortKey) -> None:
    header = screen.table.horizontalHeader()
    section = COLUMNS.index(key)
    screen.table.scrollTo(screen.model.index(screen.table.rowAt(0), section))
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    assert 0 <= x < header.viewport().width(), key
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@pytest.mark.parametrize("key", COLUMNS, ids=str)
def test_a_header_click_sorts_both_ways_like_plain_sql(
    qtbot: QtBot,
    screen: SupervisorScreen,
    station: LocalStore,
    raw: sqlite3.Connection,
    key: SortKey,
) -> None:
    opened(qtbot, screen, station)
    directions = []
    for _ in range(2):
        click_header(qtbot, screen, key)
        _, sort, desc = screen.model.view
        assert sort is key
        directions.append(desc)
        assert screen.model.rowCount() == ORDERS
        assert shown(screen, 0, BLOCK) == numbers(raw, sort=key, desc=desc), desc
    assert sorted(directions) == [False, True]


# -- scrolling ---------------------------------------------------------------------------


def test_scrolling_to_the_end_loads_the_last_rows_and_never_the_day(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, raw: sqlite3.Connection
) -> None:
    opened(qtbot, screen, station)
    bar = screen.table.verticalScrollBar()
    most = 0
    # Down the day in 60 jumps (more blocks than the model keeps), as a finger drags.
    for step in range(1, 61):
        bar.setValue(bar.maximum() * step // 60)
        top = screen.table.rowAt(0)
        assert top >= 0
        qtbot.waitUntil(lambda top=top: screen.model.order_number(top) is not None, timeout=WAIT_MS)
        most = max(most, screen.model.loaded_rows())
        assert screen.model.loaded_rows() <= BLOCK * MAX_BLOCKS
    screen.table.scrollToBottom()
    last = ORDERS - 1
    qtbot.waitUntil(lambda: screen.model.order_number(last) is not None, timeout=WAIT_MS)
    bottom = screen.table.rowAt(screen.table.viewport().height() - 1)
    assert bottom == last
    top = screen.table.rowAt(0)
    expected = numbers(raw, desc=True, limit=ORDERS - top)[::-1]
    assert shown(screen, top, ORDERS) == expected
    assert shown(screen, ORDERS - BLOCK, ORDERS) == numbers(raw, desc=True)[::-1]
    assert BLOCK * (MAX_BLOCKS // 2) < most <= BLOCK * MAX_BLOCKS < ORDERS


# -- live ---------------------------------------------------------------------------------


def test_a_live_update_keeps_the_chosen_order_the_sort_and_the_scroll(
    qtbot: QtBot, floor_path: Path, tasks: TaskRunner, tmp_path: Path
) -> None:
    copy = tmp_path / "station.sqlite3"
    shutil.copy(floor_path, copy)
    with open_store(copy) as store:
        screen = make_screen(qtbot, store, tasks, tmp_path)
        opened(qtbot, screen, store)
        with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
            qtbot.mouseClick(screen.tiles.buttons[OrderStatus.OPEN], Qt.MouseButton.LeftButton)
        click_header(qtbot, screen, SortKey.NUMBER)
        if screen.model.view[2]:
            click_header(qtbot, screen, SortKey.NUMBER)
        flt, sort, desc = screen.model.view
        assert (flt.statuses, sort, desc) == ((OrderStatus.OPEN,), SortKey.NUMBER, False)
        row = 30_000
        chosen = choose_row(qtbot, screen, row)
        scroll = screen.table.verticalScrollBar().value()
        assert scroll > 0
        # A pull: 25 open orders before the chosen one are picked now (they leave the
        # view), 3 after it too; the chosen one moves up 25 rows.
        with store.engine.begin() as conn:
            before = conn.execute(
                text(
                    "SELECT order_number FROM orders WHERE status = 'open' AND order_number < :c "
                    "ORDER BY order_number DESC LIMIT 25"
                ),
                {"c": chosen},
            ).scalars()
            after = conn.execute(
                text(
                    "SELECT order_number FROM orders WHERE status = 'open' AND order_number > :c "
                    "ORDER BY order_number LIMIT 3"
                ),
                {"c": chosen},
            ).scalars()
            moved = [*before, *after]
            conn.execute(
                text(
                    "UPDATE orders SET status = 'picking' WHERE order_number IN :moved"
                ).bindparams(bindparam("moved", expanding=True)),
                {"moved": moved},
            )
        total = screen.model.rowCount()
        with qtbot.waitSignal(screen.model.updated, timeout=WAIT_MS):
            screen.refresh()
        assert screen.model.rowCount() == total - 28
        assert screen.model.view == (flt, SortKey.NUMBER, False)
        assert screen.table.verticalScrollBar().value() == scroll
        current = screen.table.currentIndex().row()
        assert current == row - 25
        assert screen.model.order_number(current) == chosen == screen.chosen
        assert screen.table.selectionModel().isRowSelected(current)
        assert screen.model.loaded_rows() <= BLOCK * MAX_BLOCKS
        screen.close()


def choose_row(qtbot: QtBot, screen: SupervisorScreen, row: int) -> str:
    screen.table.scrollTo(screen.model.index(row, 0))
    qtbot.waitUntil(lambda: screen.model.order_number(row) is not None, timeout=WAIT_MS)
    rect = screen.table.visualRect(screen.model.index(row, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    number = screen.model.order_number(row)
    assert number is not None
    qtbot.waitUntil(
        lambda: (
            screen.details.detail is not None and screen.details.detail.row.order_number == number
        ),
        timeout=WAIT_MS,
    )
    return number
