"""Each supervisor action end to end through the queue screen, on SQLite and PostgreSQL:
sam chooses the order by typing its number in the search box and tapping its row, taps
the action, types the PIN on the pad (the salt comes from the real store over HTTP),
answers the question the action asks; the station records the event signed, a sync
round pushes it, the store applies it, and the pull brings it back to the station and
to the screen (``on_sync_state``, as the window wires it).

The screen's own behaviour over a large floor is ``tests/ui/test_supervisor_screen.py``;
the actions without the screen, ``test_supervisor_sync.py`` (whose ``Floor`` this uses).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.events import LinePicked, OrderClaimed, OrderHeld, PickerAssigned
from app.domain.model import OrderStatus, Priority, User
from app.orderstore.seed import DEMO_PIN, DEMO_SUPERVISOR
from app.supervisor.floor import ExceptionItem, ExceptionKind
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event, order, push
from tests.integration.test_orderstore_supervisor import one, packed_order, requests_of, signed
from tests.integration.test_supervisor_sync import Floor, fresh
from tests.ui.leaks import LeakTracker
from ui import qtcompat
from ui.screens.supervisor import Act, SupervisorScreen
from ui.screens.supervisor_text import exception_kind_word
from ui.tasks import TaskRunner
from ui.theme import apply_theme
from ui.widgets import taps

# The same two lines of Qt noise tests/ui/conftest.py ignores (that conftest does not
# reach this folder): the offscreen platform has no window manager, the container no
# sound server.
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise)\(\)$",
    r"^PulseAudioService: pa_context_connect\(\) failed$",
)

WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def _qt(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The UI tests' set-up: the binding's work-arounds and the real style sheets, taps
    seconds apart, and the leak guard (no window, thread, timer or runner left)."""
    qtcompat.install()
    apply_theme(qapp)
    ticks = itertools.count(start=1_000_000, step=10)
    monkeypatch.setattr(taps, "monotonic", lambda: float(next(ticks)))
    tracker = LeakTracker()
    tracker.patch(monkeypatch)
    yield
    # The store's server answers on a pool of AnyIO threads that lives as long as the
    # server (the module): not the screen's.
    tracker.threads_before |= {
        t for t in threading.enumerate() if t.name.startswith("AnyIO worker thread")
    }
    leaks = tracker.leaks(qapp)
    if leaks:
        pytest.fail("the test leaked:\n" + "\n".join(leaks), pytrace=False)


@pytest.fixture
def floor(store: Store, tmp_path: Path) -> Iterator[Floor]:
    made = Floor(store, tmp_path)
    made.round()
    yield made
    made.close()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def screen(qtbot: QtBot, floor: Floor, tasks: TaskRunner, tmp_path: Path) -> SupervisorScreen:
    made = SupervisorScreen(floor.service, tasks, None, export_folder=tmp_path / "out")
    qtbot.addWidget(made)
    made.resize(1280, 760)
    made.show()
    qtbot.waitExposed(made)
    return made


def person(floor: Floor, username: str) -> User:
    with floor.local.unit_of_work(readonly=True) as uow:
        found = uow.users.get(username)
    assert found is not None
    return found


def opened(qtbot: QtBot, screen: SupervisorScreen, user: User) -> None:
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        screen.open(user)
    qtbot.waitUntil(lambda: screen.tiles.buttons[OrderStatus.OPEN].text()[0] != "0")


def choose(qtbot: QtBot, screen: SupervisorScreen, number: str) -> None:
    """Type the order's number in the search box (no Enter: it waits a moment), then
    tap its row; the details pane shows it."""
    screen.filters.search.setFocus()
    with qtbot.waitSignal(screen.model.reset, timeout=WAIT_MS):
        qtbot.keyClicks(screen.filters.search, number)
    assert screen.model.rowCount() == 1
    assert screen.model.order_number(0) == number
    rect = screen.table.visualRect(screen.model.index(0, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            screen.details.detail is not None and screen.details.detail.row.order_number == number
        ),
        timeout=WAIT_MS,
    )


def act(qtbot: QtBot, screen: SupervisorScreen, what: Act, answer: str | None, pin: str) -> None:
    """Tap ``what``, type ``pin`` on the pad, tap ``answer`` where the action asks; the
    screen says it is done (recorded here, for the store to confirm) and reads the view
    again."""
    button = screen.action_buttons[what]
    assert button.isVisible()
    with qtbot.waitSignal(screen.model.updated, timeout=WAIT_MS):
        _tap_through(qtbot, screen, button, answer, pin)
    assert screen.message.level == "ok"
    assert screen.pages.currentWidget() is screen.main_page


def _tap_through(
    qtbot: QtBot, screen: SupervisorScreen, button: QPushButton, answer: str | None, pin: str
) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.pin_page
    for digit in pin:
        qtbot.mouseClick(screen.pin_page.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pin_page.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.unlocked is not None, timeout=WAIT_MS)
    if answer is None:
        assert screen.pages.currentWidget() is screen.main_page
    else:
        assert screen.pages.currentWidget() is screen.choice_page
        qtbot.mouseClick(screen.choice_page.answers[answer], Qt.MouseButton.LeftButton)


def synced(qtbot: QtBot, screen: SupervisorScreen, floor: Floor) -> None:
    """One sync round (push, then pull), and the screen told of it as the window does."""
    state = floor.sync.sync_once()
    assert state.last_success is not None, state
    with qtbot.waitSignal(screen.model.updated, timeout=WAIT_MS):
        screen.on_sync_state(state)


def detail_status(screen: SupervisorScreen) -> OrderStatus | None:
    detail = screen.details.detail
    return detail.row.status if detail is not None else None


# -- each action ---------------------------------------------------------------------


def claimed_by_station_2(floor: Floor) -> str:
    """An order station-2 is picking (one line of two picked)."""
    number = fresh(floor, ("SKU-10001", 2))
    results = push(
        floor.store,
        event(OrderClaimed(number, tote="T-0003"), station="station-2"),
        event(LinePicked(number, line_no=1, qty=1), station="station-2"),
        token="station2",
    )
    assert [r["result"] for r in results] == ["applied", "applied"], results
    floor.round()
    assert floor.local_order(number).assigned_station == "station-2"
    return number


def assigned_to_ana(floor: Floor) -> str:
    number = fresh(floor)
    answer = one(floor.store, signed(floor.store, PickerAssigned(number, picker="ana")))
    assert answer["result"] == "applied", answer
    floor.round()
    assert floor.local_order(number).assigned_user == "ana"
    return number


def held(floor: Floor) -> str:
    number = fresh(floor)
    answer = one(floor.store, signed(floor.store, OrderHeld(number, reason="stock_check")))
    assert answer["result"] == "applied", answer
    floor.round()
    assert floor.local_order(number).status is OrderStatus.ON_HOLD
    return number


def packed(floor: Floor) -> str:
    """A packed order; and station-2 holds another one, so that the reprint can be
    sent there (the screen offers the stations holding orders, and this one)."""
    claimed_by_station_2(floor)
    number = packed_order(floor.store)
    floor.round()
    return number


@dataclass(frozen=True)
class Case:
    act: Act
    ready: Callable[[Floor], str]
    answer: str | None
    expect: Callable[[Floor, str, int], None]
    """Asserts the store and the station's copy after the round (``since``: the
    store's change feed before the action)."""

    def __str__(self) -> str:
        return self.act.value


def _urgent(floor: Floor, number: str, _since: int) -> None:
    assert order(floor.store, number)["priority"] == "urgent"
    assert floor.local_order(number).priority is Priority.URGENT


def _for_ben(floor: Floor, number: str, _since: int) -> None:
    assert order(floor.store, number)["assigned_user"] == "ben"
    assert floor.local_order(number).assigned_user == "ben"
    refused = push(
        floor.store, event(OrderClaimed(number), station="station-2", user="ana"), token="station2"
    )
    assert refused[0]["code"] == "assigned_elsewhere"


def _for_anyone(floor: Floor, number: str, _since: int) -> None:
    assert order(floor.store, number)["assigned_user"] is None
    assert floor.local_order(number).assigned_user is None


def _on_hold(floor: Floor, number: str, _since: int) -> None:
    remote = order(floor.store, number)
    assert (remote["status"], remote["hold_reason"]) == ("on_hold", "address_check")
    local = floor.local_order(number)
    assert (local.status, local.hold_reason) == (OrderStatus.ON_HOLD, "address_check")


def _open_again(floor: Floor, number: str, _since: int) -> None:
    remote = order(floor.store, number)
    assert (remote["status"], remote["assigned_station"]) == ("open", None)
    local = floor.local_order(number)
    assert (local.status, local.assigned_station) == (OrderStatus.OPEN, None)


def _open_with_the_work_done(floor: Floor, number: str, since: int) -> None:
    _open_again(floor, number, since)
    assert order(floor.store, number)["lines"][0]["picked_qty"] == 1
    assert floor.local_order(number).lines[0].picked_qty == 1


def _reprint_asked(floor: Floor, number: str, since: int) -> None:
    [request] = [
        r for r in requests_of(floor.store, "station2", since) if r["order_number"] == number
    ]
    assert request["kind"] == "order.labels_reprint"
    assert request["requested_by"] == DEMO_SUPERVISOR
    assert [
        r for r in requests_of(floor.store, "station", since) if r["order_number"] == number
    ] == []
    assert order(floor.store, number)["status"] == "packed"


CASES = [
    Case(Act.PRIORITY, fresh, Priority.URGENT.value, _urgent),
    Case(Act.ASSIGN, fresh, "ben", _for_ben),
    Case(Act.UNASSIGN, assigned_to_ana, None, _for_anyone),
    Case(Act.HOLD, fresh, "address_check", _on_hold),
    Case(Act.RELEASE, held, None, _open_again),
    Case(Act.HAND_BACK, claimed_by_station_2, None, _open_again),
    Case(Act.CANCEL_CLAIM, claimed_by_station_2, None, _open_with_the_work_done),
    Case(Act.REPRINT, packed, "station-2", _reprint_asked),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_action_through_the_screen_reaches_the_store_and_comes_back(
    qtbot: QtBot, screen: SupervisorScreen, floor: Floor, case: Case
) -> None:
    number = case.ready(floor)
    opened(qtbot, screen, person(floor, DEMO_SUPERVISOR))
    choose(qtbot, screen, number)
    before = detail_status(screen)
    since = floor.store.call("GET", "/changes?since=0&limit=1", "station2").json()["next"]
    act(qtbot, screen, case.act, case.answer, DEMO_PIN)
    synced(qtbot, screen, floor)
    assert floor.outbox() == []  # applied: delivered and gone
    case.expect(floor, number, since)
    # The screen follows the pull: the same order, as the station now has it.
    local = floor.local_order(number)
    qtbot.waitUntil(lambda: detail_status(screen) is local.status, timeout=WAIT_MS)
    assert screen.chosen == number
    assert screen.model.order_number(screen.table.currentIndex().row()) == number
    if case.act in (Act.HOLD, Act.RELEASE, Act.HAND_BACK, Act.CANCEL_CLAIM):
        assert detail_status(screen) is not before
    assert all(item.kind is not ExceptionKind.REFUSED for item in screen.exceptions.items)


def test_a_wrong_pin_typed_on_the_pad_is_refused_by_the_store_and_listed(
    qtbot: QtBot, screen: SupervisorScreen, floor: Floor
) -> None:
    number = fresh(floor)
    opened(qtbot, screen, person(floor, DEMO_SUPERVISOR))
    choose(qtbot, screen, number)
    # The station cannot tell a wrong PIN (it has no copy of the PINs): it signs.
    act(qtbot, screen, Act.PRIORITY, Priority.LOW.value, "1357")
    synced(qtbot, screen, floor)
    assert floor.outbox() == [("rejected", "supervisor_proof")]
    assert order(floor.store, number)["priority"] == "high"

    def refusals() -> list[ExceptionItem]:
        return [i for i in screen.exceptions.items if i.kind is ExceptionKind.REFUSED]

    qtbot.waitUntil(lambda: bool(refusals()), timeout=WAIT_MS)
    [refused] = refusals()
    assert (refused.order_number, refused.detail) == (number, "supervisor_proof")
    # The Exceptions tab, tapped as a person does, lists it.
    bar = screen.tabs.tabBar()
    assert bar.tabText(1) == f"Exceptions ({len(screen.exceptions.items)})"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert screen.tabs.currentIndex() == 1
    table = screen.exceptions.table
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    [row] = [r for r in rows if r[1] == number]
    assert row[0] == exception_kind_word(ExceptionKind.REFUSED) == "Refused by the store"
    assert row[2]  # the store's code, worded
    # The actions are the Orders tab's (Back stays: it is the screen's).
    assert not any(button.isVisible() for button in screen.action_buttons.values())
    assert screen.back_button.isVisible()


def test_after_a_refusal_the_station_shows_the_stores_order_again(
    qtbot: QtBot, screen: SupervisorScreen, floor: Floor
) -> None:
    number = fresh(floor)
    opened(qtbot, screen, person(floor, DEMO_SUPERVISOR))
    choose(qtbot, screen, number)
    act(qtbot, screen, Act.PRIORITY, Priority.LOW.value, "1357")
    synced(qtbot, screen, floor)
    assert floor.outbox() == [("rejected", "supervisor_proof")]
    assert order(floor.store, number)["priority"] == "high"
    # The store sent the order out again: the pull put the station's copy right, and
    # the screen follows (its details come with the read after the table's update).
    assert floor.local_order(number).priority is Priority.HIGH
    qtbot.waitUntil(
        lambda: (
            screen.details.detail is not None
            and screen.details.detail.row.priority is Priority.HIGH
        ),
        timeout=10_000,
    )


def test_a_picker_sees_the_queue_and_no_action(
    qtbot: QtBot, screen: SupervisorScreen, floor: Floor
) -> None:
    number = claimed_by_station_2(floor)
    opened(qtbot, screen, person(floor, "ana"))
    choose(qtbot, screen, number)
    assert not screen.is_acting()
    assert not any(button.isVisible() for button in screen.action_buttons.values())
    # Even a tap on a hidden button does nothing: no PIN asked, nothing recorded.
    screen.action_buttons[Act.HAND_BACK].click()
    assert screen.pages.currentWidget() is screen.main_page
    assert floor.outbox() == []
