"""The supervisor's queue: what will miss today's truck, who is stuck, and the actions
that fix it from the floor.

Three tabs under the status tiles: the orders (filters, a table over SQL, the chosen
order's details and actions), the exceptions (what needs a person) and the people (who
works where, and their rates). Every read runs on the task runner's database lane
(``supervisor_model`` for the table); the screen swaps the answers in.

**Live.** ``on_sync_state`` follows the sync: each completed pull (its
``last_success`` moves) updates the view in place (``QueueModel.update``) keeping the
sort, the scroll and the chosen order, which is selected again where it now is. A
one-second timer ticks the countdowns; the tiles, the exceptions and the people are
read again with each update.

**Acting.** Only a supervisor sees the action buttons, and only those that apply to the
chosen order. The first action asks for the PIN (``PinPage``); the key it unlocks
(``SupervisorService.unlock``, on the pool: it fetches the salt from the store and runs
the KDF) signs every action until log-out.
Each action is an event through the outbox (``SupervisorService``); the local rules'
refusal is said at once, the store's comes back as a refused event (Exceptions).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import OrderStatus, Priority, Role, User
from app.domain.rules import RejectCode
from app.domain.scan import OrderScan, ProductScan, Scan, ToteScan
from app.supervisor.detail import Choices, OrderDetail
from app.supervisor.queue import QueueFilter, SortKey
from app.supervisor.service import (
    ActionResult,
    HoldReason,
    SupervisorService,
    Unlocked,
    UnlockError,
)
from app.sync.state import SyncState
from ui.i18n import follow_language
from ui.reject_text import reject_words
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, status_word
from ui.screens.supervisor_model import COLUMNS, QueueModel
from ui.screens.supervisor_pages import ChoicePage, PinPage
from ui.screens.supervisor_panels import (
    DetailsPane,
    ExceptionsList,
    FilterBar,
    PeopleList,
    StatusTiles,
)
from ui.screens.supervisor_reads import FloorReads, Snapshot
from ui.screens.supervisor_text import priority_word, supervisor_reason_word, unlock_problem
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.message import MessageLabel
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard

log = logging.getLogger(__name__)

TICK_MS = 1000
ROW_PX = 44
"""A table row: a finger's width (about 12 mm), the rows dense enough to see a dozen."""


class Act(enum.StrEnum):
    """The supervisor's actions on the chosen order."""

    PRIORITY = "priority"
    ASSIGN = "assign"
    UNASSIGN = "unassign"
    HOLD = "hold"
    RELEASE = "release"
    HAND_BACK = "hand_back"
    CANCEL_CLAIM = "cancel_claim"
    REPRINT = "reprint"


_WORKING = (OrderStatus.PICKING, OrderStatus.PACKING)


def can_act(act: Act, status: OrderStatus, person: str | None, station: str | None) -> bool:
    """Whether ``act`` makes sense for an order in ``status`` (the rules decide; this
    only keeps buttons that could not work from being offered)."""
    match act:
        case Act.PRIORITY | Act.HOLD:
            return not status.is_final
        case Act.ASSIGN:
            return status is OrderStatus.OPEN
        case Act.UNASSIGN:
            return status is OrderStatus.OPEN and bool(person)
        case Act.RELEASE:
            return status is OrderStatus.ON_HOLD
        case Act.HAND_BACK | Act.CANCEL_CLAIM:
            return status in _WORKING and bool(station)
        case Act.REPRINT:
            return status is OrderStatus.PACKED
    return False  # pragma: no cover


class SupervisorScreen(QWidget):
    """The supervisor's queue view and actions.

    Signals:
        backRequested(): Back was tapped.
        typeCodeRequested(): "Type a code" was tapped (the window's keyboard opens).
    """

    backRequested = Signal()
    typeCodeRequested = Signal()

    def __init__(
        self,
        service: SupervisorService,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None = None,
        *,
        export_folder: Path,
        clock: Callable[[], datetime] | None = None,
        stale_after: timedelta = timedelta(minutes=15),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorScreen")
        self._service = service
        self._tasks = tasks
        self._pipeline = pipeline
        clock = clock or service.clock
        self._clock = clock
        self._user: User | None = None
        self._unlocked: Unlocked | None = None
        self._pending: Callable[[Unlocked], None] | None = None
        self._choice: Callable[[str], None] | None = None
        self._chosen: str | None = None
        self._last_pull: datetime | None = None
        self._choices = Choices((), (), (), ())
        self.export_folder = export_folder
        self.taps = TapGuard(self)
        self.model = QueueModel(service.store, tasks, clock=clock, parent=self)
        self.reads = FloorReads(service, tasks, clock=clock, stale_after=stale_after, parent=self)

        self.back_button = self._button("supervisorBack")
        self.type_button = self._button("supervisorTypeCode")
        self.export_button = self._button("supervisorExport")
        self.tiles = StatusTiles(self)
        self.filters = FilterBar(self)
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COLUMNS.index(SortKey.CUTOFF), Qt.SortOrder.AscendingOrder)
        # Widths from the words, never from the rows: sizing to the contents would ask
        # every row of the day for its text (and load them all).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.details = DetailsPane(self)
        self.action_buttons: dict[Act, QPushButton] = {}
        for act in Act:
            button = self._button(f"act_{act.value}")
            self.taps.connect(button, lambda a=act: self._on_act(a))  # type: ignore[misc]
            self.action_buttons[act] = button
        # Only the actions that apply to the chosen order show (four at most), in a row
        # under the table and the details.
        self.action_area = QWidget(self)
        self.action_area.setObjectName("supervisorActions")
        self.actions_row = QHBoxLayout(self.action_area)
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.actions_row.setSpacing(TOUCH_GAP_PX // 2)
        for button in self.action_buttons.values():
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)
        self.exceptions = ExceptionsList(self)
        self.people = PeopleList(self)
        self.message = MessageLabel(self, lines=1)

        orders = QWidget(self)
        split = QSplitter(Qt.Orientation.Horizontal, orders)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([2000, 1000])  # two thirds for the table, whatever the hints say
        split.setChildrenCollapsible(False)
        orders_box = QVBoxLayout(orders)
        orders_box.setContentsMargins(0, TOUCH_GAP_PX // 2, 0, 0)
        orders_box.addWidget(self.filters)
        orders_box.addWidget(split, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("supervisorTabs")
        self.tabs.addTab(orders, "")
        self.tabs.addTab(self.exceptions, "")
        self.tabs.addTab(self.people, "")
        # The screen's tools beside the tabs (the tabs are as tall as a button).
        tools = QWidget(self)
        tools_box = QHBoxLayout(tools)
        tools_box.setContentsMargins(0, 0, 0, 4)
        tools_box.setSpacing(TOUCH_GAP_PX // 2)
        tools_box.addWidget(self.type_button)
        tools_box.addWidget(self.export_button)
        self.tabs.setCornerWidget(tools, Qt.Corner.TopRightCorner)

        main = QWidget(self)
        head = QHBoxLayout()
        head.setSpacing(TOUCH_GAP_PX)
        head.addWidget(self.back_button)
        head.addWidget(self.tiles, 1)
        # A screen shorter than the page (or longer words that wrap the tiles) scrolls
        # it up and down; the table keeps the rows a person can read.
        box = QVBoxLayout(scroll_page(main))
        box.setSpacing(TOUCH_GAP_PX // 2)
        box.addLayout(head)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.action_area)
        box.addWidget(self.message)
        self.pin_page = PinPage(self)
        self.choice_page = ChoicePage(self)
        self.pages = QStackedWidget(self)
        for page in (main, self.pin_page, self.choice_page):
            self.pages.addWidget(page)
        self.main_page = main
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.model.tick)

        self.taps.connect(self.back_button, self.backRequested.emit)
        self.type_button.clicked.connect(self.typeCodeRequested)
        self.taps.connect(self.export_button, self._on_export)
        self.tiles.statusChosen.connect(self.filters.set_status)
        self.filters.changed.connect(self._on_filter_changed)
        self.model.reset.connect(self._on_model_reset)
        self.model.updated.connect(self._on_model_updated)
        self.model.failed.connect(self._on_read_failed)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)
        self.exceptions.orderChosen.connect(self._on_exception_chosen)
        # The actions are the chosen order's: shown with the orders only.
        self.tabs.currentChanged.connect(lambda i: self.action_area.setVisible(i == 0))
        self.reads.snapshot.connect(self._on_snapshot)
        self.reads.detailRead.connect(self._on_detail_read)
        self.reads.failed.connect(self._on_read_failed)
        self.reads.exported.connect(self._on_exported)
        self.reads.acted.connect(self._on_acted)
        self.reads.unlocked.connect(self._on_unlocked)
        self.reads.unlockFailed.connect(self._on_unlock_failed)
        self.pin_page.entered.connect(self._on_pin_entered)
        self.pin_page.cancelled.connect(self._show_main)
        self.choice_page.chosen.connect(self._on_choice)
        self.choice_page.cancelled.connect(self._show_main)
        self._scans = ScansWhileShown(self, pipeline, self._on_scanned)
        self.retranslate()
        follow_language(self)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_MIN_PX)
        return button

    # -- the session -------------------------------------------------------------------

    @property
    def user(self) -> User | None:
        return self._user

    @property
    def unlocked(self) -> Unlocked | None:
        return self._unlocked

    @property
    def chosen(self) -> str | None:
        """The order shown in the details pane."""
        return self._chosen

    def open(self, user: User) -> None:
        """Show the queue to ``user``; the actions only to a supervisor."""
        if self._user is None or self._user.username != user.username:
            self._unlocked = None
        self._user = user
        self._show_main()
        if self.isVisible():
            self._ticker.start()
        self.model.set_filter(self.filters.current(), keep=self._chosen)
        self.reads.read_all(self._chosen)
        self._say_actions()

    def close_session(self) -> None:
        """Log-out: forget the key, the chosen order and any question asked."""
        self._user = None
        self._unlocked = None
        self._pending = None
        self._chosen = None
        self._ticker.stop()
        self.details.show_detail(None)
        self.message.clear_message()
        self._show_main()
        self._say_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._user is not None:
            self._ticker.start()  # the countdowns tick while they are seen

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)

    def is_acting(self) -> bool:
        """Whether this person sees the action controls."""
        user = self._user
        return user is not None and user.can(Role.SUPERVISOR)

    @Slot(object)
    def on_sync_state(self, state: SyncState) -> None:
        """A pull completed: update the view in place (when shown)."""
        if state.last_success is None or state.last_success == self._last_pull:
            return
        self._last_pull = state.last_success
        if self.isVisible() and self._user is not None:
            self.refresh()

    def refresh(self) -> None:
        """Read everything again, keeping the place (a live update)."""
        self.model.update(self._chosen, self._visible_rows())
        self.reads.read_all(self._chosen)

    def _visible_rows(self) -> range:
        top = self.table.rowAt(0)
        bottom = self.table.rowAt(max(0, self.table.viewport().height() - 1))
        if top < 0:
            return range(0, 1)
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        return range(top, bottom + 1)

    # -- words ---------------------------------------------------------------------------

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        samples = {
            SortKey.NUMBER: "SO-000000-00",
            SortKey.LINES: "000",
            SortKey.PROGRESS: "100 %",
            SortKey.PERSON: "username",
            SortKey.STATION: "STATION-00",
        }
        header = self.table.horizontalHeader()
        for column, key in enumerate(COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            words = samples.get(key, "")
            if key is SortKey.STATUS:
                words = max((status_word(s) for s in OrderStatus), key=len)
            elif key is SortKey.PRIORITY:
                words = max((priority_word(p) for p in Priority), key=len)
            width = max(metrics.horizontalAdvance(title) + 36, metrics.horizontalAdvance(words))
            header.resizeSection(column, width + 16)

    def retranslate(self) -> None:
        self._size_columns()
        self.back_button.setText(self.tr("Back"))
        self.type_button.setText(self.tr("Type a code"))
        self.export_button.setText(self.tr("Export CSV"))
        self.tabs.setTabText(0, self.tr("Orders"))
        self._say_exception_count()
        self.tabs.setTabText(2, self.tr("People"))
        words = {
            Act.PRIORITY: self.tr("Priority"),
            Act.ASSIGN: self.tr("Assign picker"),
            Act.UNASSIGN: self.tr("Unassign"),
            Act.HOLD: self.tr("Hold"),
            Act.RELEASE: self.tr("Release hold"),
            Act.HAND_BACK: self.tr("Hand back"),
            Act.CANCEL_CLAIM: self.tr("Cancel claim"),
            Act.REPRINT: self.tr("Reprint labels"),
        }
        for act, button in self.action_buttons.items():
            button.setText(words[act])
        self._say_actions()

    def _say_exception_count(self) -> None:
        count = len(self.exceptions.items)
        self.tabs.setTabText(1, self.tr("Exceptions ({count})").format(count=count))

    def _say_actions(self) -> None:
        acting = self.is_acting()
        detail = self.details.detail
        row = detail.row if detail else None
        for act, button in self.action_buttons.items():
            button.setVisible(
                acting and row is not None and can_act(act, row.status, row.person, row.station)
            )

    def _say(self, level: str, text: str) -> None:
        self.message.show_message(level, text)

    # -- reading -------------------------------------------------------------------------

    @Slot(object)
    def _on_filter_changed(self, flt: QueueFilter) -> None:
        self.tiles.choose(flt.statuses[0] if len(flt.statuses) == 1 else None)
        self.model.set_filter(flt, keep=self._chosen)

    @Slot(object)
    def _on_model_reset(self, position: int | None) -> None:
        self._select(position, scroll=True)

    @Slot(object)
    def _on_model_updated(self, position: int | None) -> None:
        self._select(position, scroll=False)

    def _select(self, position: int | None, *, scroll: bool) -> None:
        selection = self.table.selectionModel()
        if position is None:  # not in the view (any more): a tap on any row chooses it
            selection.blockSignals(True)
            selection.clear()
            selection.blockSignals(False)
            return
        index = self.model.index(position, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.blockSignals(True)  # the same order: no new details read
        selection.setCurrentIndex(index, flags)
        selection.blockSignals(False)
        self.table.viewport().update()
        if scroll:
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    @Slot()
    def _on_current_row_changed(self) -> None:
        row = self.table.currentIndex().row()
        number = self.model.order_number(row) if row >= 0 else None
        if number and number != self._chosen:
            self._chosen = number
            self.reads.read_detail(number)

    @Slot(str)
    def _on_exception_chosen(self, number: str) -> None:
        self._chosen = number
        self.tabs.setCurrentIndex(0)
        self.filters.set_search(number)
        self.reads.read_detail(number)

    @Slot(object)
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.tiles.show_counts(snapshot.counts)
        if snapshot.choices != self._choices:
            self._choices = snapshot.choices
            self.filters.set_choices(snapshot.choices)
        self.exceptions.show_items(snapshot.exceptions, snapshot.exception_words)
        self._say_exception_count()
        names = {p.username: p.display_name for p in snapshot.choices.people}
        self.people.show_people(snapshot.rates, snapshot.claims, names, snapshot.people_note)
        if snapshot.detail is not None or self._chosen is None:
            self.details.show_detail(snapshot.detail)
            self.details.show_timeline(snapshot.timeline)
        self._say_actions()

    @Slot(object)
    def _on_detail_read(
        self, read: tuple[OrderDetail | None, list[tuple[datetime, str, str]]]
    ) -> None:
        detail, timeline = read
        if detail is not None and detail.row.order_number != self._chosen:
            return  # another order was chosen since
        self.details.show_detail(detail)
        self.details.show_timeline(timeline)
        self._say_actions()

    @Slot(str)
    def _on_read_failed(self, _what: str) -> None:
        self._say("error", self.tr("The queue could not be read just now; it tries again."))

    # -- scans ---------------------------------------------------------------------------

    def _on_scanned(self, scan: Scan) -> None:
        """Any code scanned here is searched for (an order, a tote, a SKU)."""
        if self.pages.currentWidget() is not self.main_page or self._pipeline is None:
            return
        match scan:
            case OrderScan(order=order):
                text = order.order_number
            case ToteScan(tote=tote):
                text = tote.code
            case ProductScan(product=product):
                text = product.sku
            case _:
                return
        self.tabs.setCurrentIndex(0)
        self.filters.set_search(text)
        self._pipeline.respond(
            Verdict(Tone.GOOD, self.tr("Looking for {code}.").format(code=text), scan)
        )

    # -- export --------------------------------------------------------------------------

    @Slot()
    def _on_export(self) -> None:
        flt, sort, descending = self.model.view
        stamp = self._clock().astimezone().strftime("%Y%m%d-%H%M%S")
        target = self.export_folder / f"queue-{stamp}.csv"
        self.export_button.setEnabled(False)
        self._say("info", self.tr("Exporting the orders shown…"))
        self.reads.export(flt, sort, descending, target)

    @Slot(object)
    def _on_exported(self, outcome: tuple[Path, int] | None) -> None:
        self.export_button.setEnabled(True)
        if outcome is None:
            self._say(
                "error",
                self.tr("The export could not be written. Check the disk and try again."),
            )
            return
        path, rows = outcome
        self._say("ok", self.tr("Exported %n orders to {file}.", "", rows).format(file=path))

    # -- acting --------------------------------------------------------------------------

    def _show_main(self) -> None:
        self._choice = None
        self.pages.setCurrentWidget(self.main_page)
        self.taps.forget()

    def _with_key(self, then: Callable[[Unlocked], None]) -> None:
        if self._unlocked is not None:
            then(self._unlocked)
            return
        user = self._user
        if user is None:
            return
        self._pending = then
        self.pin_page.ask(user.display_name)
        self.pages.setCurrentWidget(self.pin_page)

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        user = self._user
        if user is None:
            return
        self.pin_page.message.show_message("info", self.tr("Checking…"))
        self.reads.unlock(user.username, pin)

    @Slot(object)
    def _on_unlocked(self, unlocked: Unlocked) -> None:
        if self._user is None or unlocked.username != self._user.username:
            return
        self._unlocked = unlocked
        self._show_main()
        self._say_actions()
        then, self._pending = self._pending, None
        if then is not None:
            then(unlocked)

    @Slot(object)
    def _on_unlock_failed(self, error: UnlockError) -> None:
        if self._user is None:
            return
        self.pin_page.ask(self._user.display_name, unlock_problem(error.code))

    def _ask(
        self, question: str, answers: list[tuple[str, str]], then: Callable[[str], None]
    ) -> None:
        self._choice = then
        self.choice_page.ask(question, answers)
        self.pages.setCurrentWidget(self.choice_page)
        self.taps.forget()

    @Slot(str)
    def _on_choice(self, key: str) -> None:
        then = self._choice
        self._show_main()
        if then is not None:
            then(key)

    def _on_act(self, act: Act) -> None:
        if self.details.detail is not None and self.is_acting():
            self._with_key(lambda who: self._act(act, who))

    def _act(self, act: Act, who: Unlocked) -> None:
        """The chosen order's ``act`` by ``who`` (the PIN typed): a question first where
        the action needs an answer, then the event on the database lane."""
        detail = self.details.detail
        if detail is None:
            return
        row = detail.row
        number = row.order_number
        service = self._service

        def run(action: Callable[[], ActionResult]) -> None:
            self.reads.act(action)

        match act:
            case Act.PRIORITY:
                self._ask(
                    self.tr("New priority for {order}?").format(order=number),
                    [(p.value, priority_word(p)) for p in sorted(Priority, key=lambda p: -p.rank)],
                    lambda key: run(lambda: service.set_priority(who, number, Priority(key))),
                )
            case Act.ASSIGN:
                self._ask(
                    self.tr("Keep {order} for which picker?").format(order=number),
                    [(p.username, p.display_name) for p in self._choices.pickers()],
                    lambda key: run(lambda: service.assign_picker(who, number, key)),
                )
            case Act.UNASSIGN:
                run(lambda: service.unassign_picker(who, number))
            case Act.HOLD:
                self._ask(
                    self.tr("Why hold {order}?").format(order=number),
                    [(r.value, supervisor_reason_word(r)) for r in HoldReason],
                    lambda key: run(lambda: service.hold(who, number, key)),
                )
            case Act.RELEASE:
                run(lambda: service.release_hold(who, number))
            case Act.HAND_BACK:
                run(lambda: service.hand_back(who, number))
            case Act.CANCEL_CLAIM:
                station = row.station or ""
                run(lambda: service.cancel_claim(who, number, station))
            case Act.REPRINT:
                self._ask(
                    self.tr("Reprint the labels of {order} at which station?").format(order=number),
                    [(s, s) for s in self._choices.stations],
                    lambda key: run(lambda: service.reprint_labels(who, number, key)),
                )

    @Slot(object)
    def _on_acted(self, result: ActionResult) -> None:
        if result.ok:
            self._say("ok", self.tr("Done. The order store confirms it with the next sync."))
            self.refresh()
            return
        code: RejectCode | None = result.code
        self._say("error", self.tr("Not done: {why}.").format(why=reject_words(code)))
