"""The supervisor's queue screen over a mid-shift floor of 600 generated orders (the demo
catalogue): tiles, filters, sort, scrolling, live updates that keep the place, the PIN
and the actions, the export, the exceptions and the role guard; real clicks.

The store behind the actions is not here (``tests/integration/test_supervisor_screen_sync``
takes them end to end): the PIN's salt comes from a fixed source, the key is derived
from it as at a real unlock, and each action lands in the station's outbox signed.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import DEMO_FLOOR_ANCHOR as ANCHOR
from app.bootstrap import demo_floor_station, mix_statuses
from app.domain import proof
from app.domain.model import OrderStatus, Role, User
from app.store import open_store
from app.store.local_store import LocalStore
from app.supervisor import derived, queue
from app.supervisor.floor import ExceptionItem, ExceptionKind
from app.supervisor.queue import QueueFilter, SortKey
from app.supervisor.service import SupervisorService
from ui.screens.supervisor import Act, SupervisorScreen
from ui.screens.supervisor_model import BLOCK, COLUMNS, MAX_BLOCKS
from ui.screens.supervisor_reads import exception_detail
from ui.screens.supervisor_text import exception_kind_word
from ui.tasks import TaskRunner

ORDERS = 600
NOW = datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)
PIN = "2468"
SALT = b"0123456789abcdef"
KDF = proof.Kdf(n=2**10, r=8, p=1, length=32)


class FixedSalts:
    """The salt a store would hand out for every supervisor's PIN."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def pin_salt(self, username: str) -> tuple[bytes, proof.Kdf] | None:
        self.asked.append(username)
        return SALT, KDF


@pytest.fixture(scope="module")
def floor_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = demo_floor_station(tmp_path_factory.mktemp("floor"), ORDERS)
    mix_statuses(path)
    with open_store(path) as store, store.engine.begin() as conn:
        derived.refresh(conn)
    return path


@pytest.fixture
def station(floor_path: Path, tmp_path: Path) -> Iterator[LocalStore]:
    copy = tmp_path / "station.sqlite3"
    shutil.copy(floor_path, copy)
    with open_store(copy) as store:
        yield store


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def salts() -> FixedSalts:
    return FixedSalts()


@pytest.fixture
def screen(
    qtbot: QtBot,
    station: LocalStore,
    tasks: TaskRunner,
    tmp_path: Path,
    clock: Clock,
    salts: FixedSalts,
) -> SupervisorScreen:
    service = SupervisorService(station, salts, station="ST-SUP", clock=clock)
    made = SupervisorScreen(service, tasks, None, export_folder=tmp_path / "out", clock=clock)
    qtbot.addWidget(made)
    made.resize(1280, 760)
    made.show()
    qtbot.waitExposed(made)
    return made


def person(station: LocalStore, username: str) -> User:
    with station.unit_of_work(readonly=True) as uow:
        found = uow.users.get(username)
    assert found is not None
    return found


def opened(qtbot: QtBot, screen: SupervisorScreen, user: User) -> None:
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        screen.open(user)
    qtbot.waitUntil(lambda: screen.tiles.buttons[OrderStatus.OPEN].text()[0] != "0")


def sam(station: LocalStore) -> User:
    return person(station, "sam")


def numbers_shown(screen: SupervisorScreen, first: int, last: int) -> list[str | None]:
    return [screen.model.order_number(row) for row in range(first, last)]


def click_header(qtbot: QtBot, screen: SupervisorScreen, key: SortKey) -> None:
    header = screen.table.horizontalHeader()
    section = COLUMNS.index(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def choose_row(qtbot: QtBot, screen: SupervisorScreen, row: int) -> str:
    screen.table.scrollTo(screen.model.index(row, 0))
    qtbot.waitUntil(lambda: screen.model.order_number(row) is not None)
    rect = screen.table.visualRect(screen.model.index(row, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    number = screen.model.order_number(row)
    assert number is not None
    qtbot.waitUntil(
        lambda: (
            screen.details.detail is not None and screen.details.detail.row.order_number == number
        )
    )
    return number


def reference(station: LocalStore, flt: QueueFilter, sort: SortKey, desc: bool) -> list[str]:
    with station.engine.connect() as conn:
        return [
            row.order_number
            for row in queue.page(conn, flt, sort=sort, descending=desc, limit=queue.MAX_PAGE)
        ]


def test_it_opens_on_the_tiles_and_the_first_rows_by_ship_by(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    with station.engine.connect() as conn:
        counts = {c.status: c for c in queue.status_counts(conn, NOW)}
    for status, button in screen.tiles.buttons.items():
        assert button.text().split("\n")[0] == QLocale().toString(counts[status].total)
    late = sum(c.overdue for c in counts.values())
    assert screen.tiles.late.text().startswith(f"{late}\n")
    assert screen.model.rowCount() == ORDERS
    expected = reference(station, QueueFilter(), SortKey.CUTOFF, False)[:BLOCK]
    assert numbers_shown(screen, 0, BLOCK) == expected
    assert screen.tabs.tabText(1).startswith("Exceptions (")


def test_a_tile_filters_by_its_status_and_a_second_tap_shows_all(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    tile = screen.tiles.buttons[OrderStatus.ON_HOLD]
    held = int(tile.text().split("\n")[0])
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == held > 0
    assert screen.filters.status.currentData() == OrderStatus.ON_HOLD.value
    assert all(screen.model.row(r).status is OrderStatus.ON_HOLD for r in range(held))  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == ORDERS


def test_the_filters_and_the_search_narrow_the_table_like_the_query(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    bar = screen.filters
    qtbot.waitUntil(lambda: bar.zone.count() > 1)
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        bar.zone.setCurrentIndex(1)
    zone = bar.zone.currentData()
    flt = QueueFilter(zone=zone)
    assert screen.model.view[0] == flt
    with station.engine.connect() as conn:
        assert screen.model.rowCount() == queue.count(conn, flt) > 0
    # The search box, typed as a person types (no Enter: it waits a moment).
    first = reference(station, flt, SortKey.CUTOFF, False)[0]
    bar.search.setFocus()
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        qtbot.keyClicks(bar.search, first)
    assert screen.model.rowCount() == 1
    assert screen.model.order_number(0) == first


def test_a_header_click_sorts_in_the_query_both_ways(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    click_header(qtbot, screen, SortKey.LINES)
    flt, sort, desc = screen.model.view
    assert sort is SortKey.LINES
    assert numbers_shown(screen, 0, BLOCK) == reference(station, flt, sort, desc)[:BLOCK]
    click_header(qtbot, screen, SortKey.LINES)
    assert screen.model.view[2] is not desc
    assert (
        numbers_shown(screen, 0, BLOCK) == reference(station, flt, SortKey.LINES, not desc)[:BLOCK]
    )


def test_rows_are_fetched_as_they_scroll_into_view_and_never_all_at_once(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    assert screen.model.loaded_rows() == BLOCK
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: screen.model.order_number(ORDERS - 1) is not None, timeout=10_000)
    last = reference(station, QueueFilter(), SortKey.CUTOFF, True)[0]
    assert screen.model.order_number(ORDERS - 1) == last
    assert screen.model.loaded_rows() <= BLOCK * MAX_BLOCKS
    assert screen.model.loaded_rows() < ORDERS


def test_a_live_update_keeps_the_sort_the_scroll_and_the_chosen_order(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    click_header(qtbot, screen, SortKey.NUMBER)
    chosen = choose_row(qtbot, screen, 150)
    scroll = screen.table.verticalScrollBar().value()
    assert scroll > 0
    # A pull brings 5 new orders that sort before the chosen one: it moves down 5 rows.
    with station.engine.begin() as conn:
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(orders)")]
        chosen_copy = ", ".join(":number" if c == "order_number" else c for c in columns)
        for n in range(5):
            conn.execute(
                text(f"INSERT INTO orders SELECT {chosen_copy} FROM orders WHERE order_number=:c"),
                {"number": f"SO-0{n}", "c": chosen},
            )
    with qtbot.waitSignal(screen.model.updated, timeout=10_000):
        screen.refresh()
    assert screen.model.rowCount() == ORDERS + 5
    assert screen.model.view[1] is SortKey.NUMBER
    assert screen.table.verticalScrollBar().value() == scroll
    current = screen.table.currentIndex().row()
    assert current == 155
    assert screen.model.order_number(current) == chosen == screen.chosen
    assert screen.table.selectionModel().isRowSelected(current)


def test_a_pull_updates_the_view_only_when_the_sync_completed_one(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    from app.sync.state import SyncState, SyncStatus

    opened(qtbot, screen, sam(station))
    with station.engine.begin() as conn:
        conn.execute(text("UPDATE orders SET status = 'cancelled' WHERE status = 'on_hold'"))
    state = SyncState(SyncStatus.ONLINE, last_success=NOW)
    with qtbot.waitSignal(screen.model.updated, timeout=10_000):
        screen.on_sync_state(state)
    qtbot.waitUntil(lambda: screen.tiles.buttons[OrderStatus.ON_HOLD].text().startswith("0\n"))
    with qtbot.assertNotEmitted(screen.model.updated, wait=300):
        screen.on_sync_state(state)  # the same pull again: nothing to do


def test_the_countdown_ticks_and_a_late_order_is_red(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, clock: Clock
) -> None:
    opened(qtbot, screen, sam(station))
    column = COLUMNS.index(SortKey.CUTOFF)
    row = next(
        r
        for r in range(BLOCK)
        if (found := screen.model.row(r)) is not None
        and found.status in queue.OPEN_WORK
        and NOW < found.cutoff < NOW + timedelta(hours=3)
    )
    index = screen.model.index(row, column)
    before = index.data()
    assert " · in " in before
    with qtbot.waitSignal(screen.model.dataChanged, timeout=3000):
        clock.now += timedelta(seconds=1)  # the screen's own timer ticks
    assert index.data() != before
    found = screen.model.row(row)
    assert found is not None
    clock.now = found.cutoff + timedelta(minutes=2)
    screen.model.tick()
    assert index.data().endswith(" late")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


def unlock_with_pin(qtbot: QtBot, screen: SupervisorScreen, pin: str = PIN) -> None:
    assert screen.pages.currentWidget() is screen.pin_page
    for digit in pin:
        qtbot.mouseClick(screen.pin_page.keys[digit], Qt.MouseButton.LeftButton)
    assert "2468" not in screen.pin_page.dots.text()
    qtbot.mouseClick(screen.pin_page.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.unlocked is not None, timeout=10_000)


def outbox(station: LocalStore) -> list[tuple[str, str, str]]:
    with station.engine.connect() as conn:
        return [
            (row.type, row.order_number, row.payload)
            for row in conn.execute(text("SELECT type, order_number, payload FROM outbox"))
        ]


def test_hold_asks_the_pin_once_then_records_a_signed_event(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, salts: FixedSalts
) -> None:
    opened(qtbot, screen, sam(station))
    assert not screen.action_buttons[Act.HOLD].isVisible()  # no order chosen yet
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        screen.filters.set_status(OrderStatus.OPEN)
    number = choose_row(qtbot, screen, 3)
    shown = {act for act, button in screen.action_buttons.items() if button.isVisible()}
    assert shown == {Act.PRIORITY, Act.ASSIGN, Act.HOLD}
    qtbot.mouseClick(screen.action_buttons[Act.HOLD], Qt.MouseButton.LeftButton)
    unlock_with_pin(qtbot, screen)
    assert salts.asked == ["sam"]
    assert screen.pages.currentWidget() is screen.choice_page
    qtbot.mouseClick(screen.choice_page.answers["address_check"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.level == "ok", timeout=10_000)
    [(kind, order, payload)] = outbox(station)
    assert (kind, order) == ("order.held", number)
    assert '"proof"' in payload
    assert '"address_check"' in payload
    # The view follows: the order is on hold now, and still the one shown.
    qtbot.waitUntil(
        lambda: (
            screen.details.detail is not None
            and screen.details.detail.row.status is OrderStatus.ON_HOLD
        ),
        timeout=10_000,
    )
    assert screen.action_buttons[Act.RELEASE].isVisible()
    assert not screen.action_buttons[Act.ASSIGN].isVisible()
    # The next action needs no PIN again.
    qtbot.mouseClick(screen.action_buttons[Act.RELEASE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(outbox(station)) == 2, timeout=10_000)
    assert salts.asked == ["sam"]
    assert [k for k, _, _ in outbox(station)] == ["order.held", "order.unheld"]


def test_a_double_tap_on_an_action_records_it_once(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        screen.filters.set_status(OrderStatus.ON_HOLD)
    first = choose_row(qtbot, screen, 0)
    qtbot.mouseClick(screen.action_buttons[Act.RELEASE], Qt.MouseButton.LeftButton)
    unlock_with_pin(qtbot, screen)
    qtbot.waitUntil(lambda: len(outbox(station)) == 1, timeout=10_000)
    # The released order leaves the view; the next one held is tapped twice at once.
    qtbot.waitUntil(lambda: screen.model.order_number(0) not in (None, first), timeout=10_000)
    second = choose_row(qtbot, screen, 0)
    from ui.widgets import taps

    with taps.scripted(0.05):
        qtbot.mouseClick(screen.action_buttons[Act.RELEASE], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(screen.action_buttons[Act.RELEASE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(outbox(station)) == 2, timeout=10_000)
    qtbot.wait(300)
    assert [(k, n) for k, n, _ in outbox(station)] == [
        ("order.unheld", first),
        ("order.unheld", second),
    ]


def test_a_short_pin_cannot_be_sent_and_cancel_goes_back(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, salts: FixedSalts
) -> None:
    opened(qtbot, screen, sam(station))
    choose_row(qtbot, screen, 0)
    qtbot.mouseClick(screen.action_buttons[Act.HOLD], Qt.MouseButton.LeftButton)
    for digit in "12":
        qtbot.mouseClick(screen.pin_page.keys[digit], Qt.MouseButton.LeftButton)
    assert not screen.pin_page.ok.isEnabled()
    qtbot.mouseClick(screen.pin_page.cancel, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.main_page
    assert screen.unlocked is None
    assert salts.asked == []


def test_a_refusal_by_the_local_rules_is_said_and_records_nothing(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        screen.filters.set_status(OrderStatus.OPEN)
    number = choose_row(qtbot, screen, 0)
    # Meanwhile a pull put it on hold: the button still shows, the rules refuse.
    with station.engine.begin() as conn:
        conn.execute(
            text("UPDATE orders SET status = 'on_hold' WHERE order_number = :n"), {"n": number}
        )
    qtbot.mouseClick(screen.action_buttons[Act.ASSIGN], Qt.MouseButton.LeftButton)
    unlock_with_pin(qtbot, screen)
    qtbot.mouseClick(screen.choice_page.answers["ana"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.level == "error", timeout=10_000)
    assert "Not done" in screen.message.text()
    assert outbox(station) == []


def test_the_export_writes_the_filtered_sorted_view(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, tmp_path: Path
) -> None:
    opened(qtbot, screen, sam(station))
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        screen.filters.set_status(OrderStatus.PICKED)
    click_header(qtbot, screen, SortKey.NUMBER)
    flt, sort, desc = screen.model.view
    with qtbot.waitSignal(screen.reads.exported, timeout=10_000):
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    [written] = list((tmp_path / "out").glob("queue-*.csv"))
    with written.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Order", "Status", "Priority"]
    assert [r[0] for r in rows[1:]] == reference(station, flt, sort, desc)
    assert {r[1] for r in rows[1:]} == {"picked"}
    assert screen.message.level == "ok"
    assert str(len(rows) - 1) in screen.message.text()


def test_the_export_says_when_it_cannot_write(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore, tmp_path: Path
) -> None:
    opened(qtbot, screen, sam(station))
    (tmp_path / "blocked").write_text("a file where the folder should be")
    screen.export_folder = tmp_path / "blocked" / "out"
    with qtbot.waitSignal(screen.reads.exported, timeout=10_000):
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert screen.message.level == "error"
    assert screen.export_button.isEnabled()


def test_an_exception_opens_its_order(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    qtbot.mouseClick(
        screen.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=screen.tabs.tabBar().tabRect(1).center(),
    )
    table = screen.exceptions.table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    assert table.item(0, 0).text() == "On hold"
    number = table.item(0, 1).text()
    rect = table.visualItemRect(table.item(0, 1))
    with qtbot.waitSignal(screen.model.reset, timeout=10_000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.tabs.currentIndex() == 0
    assert screen.model.rowCount() == 1
    assert screen.model.order_number(0) == number
    qtbot.waitUntil(lambda: screen.details.detail is not None)
    assert screen.details.title.text() == number


def test_the_people_tab_lists_who_works_where(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    qtbot.waitUntil(lambda: screen.people.table.rowCount() > 0)
    rows = screen.people.rows()
    names = {r[0] for r in rows}
    assert {"Ana", "Ben", "Dan"} <= {n.split()[0] for n in names}
    assert all(r[1].startswith("ST-") for r in rows)


def test_a_person_without_the_supervisor_role_sees_no_actions(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    ana = person(station, "ana")
    assert not ana.can(Role.SUPERVISOR)
    opened(qtbot, screen, ana)
    choose_row(qtbot, screen, 0)
    assert not any(button.isVisible() for button in screen.action_buttons.values())


def test_log_out_forgets_the_key(
    qtbot: QtBot, screen: SupervisorScreen, station: LocalStore
) -> None:
    opened(qtbot, screen, sam(station))
    choose_row(qtbot, screen, 0)
    qtbot.mouseClick(screen.action_buttons[Act.PRIORITY], Qt.MouseButton.LeftButton)
    unlock_with_pin(qtbot, screen)
    assert screen.pages.currentWidget() is screen.choice_page
    screen.close_session()
    assert screen.pages.currentWidget() is screen.main_page
    assert screen.unlocked is None
    assert screen.chosen is None


@pytest.mark.parametrize("kind", list(ExceptionKind))
def test_every_kind_of_exception_is_worded(qapp: object, kind: ExceptionKind) -> None:
    item = ExceptionItem(kind, "SO-1", "no_labels_here", NOW, {"requested_by": "sam"})
    assert exception_kind_word(kind)
    assert exception_detail(item)
