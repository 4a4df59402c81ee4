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

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Role, User
from app.domain.scan import OrderScan, ProductScan, Scan, ToteScan
from app.supervisor.detail import Choices, OrderDetail
from app.supervisor.queue import QueueFilter
from app.supervisor.service import SupervisorService, Unlocked
from app.sync.state import SyncState
from ui.i18n import follow_language
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict
from ui.screens.supervisor_acting import Act, SupervisorActing, can_act
from ui.screens.supervisor_lists import ExceptionsList, PeopleList
from ui.screens.supervisor_model import QueueModel
from ui.screens.supervisor_pages import ChoicePage, PinPage
from ui.screens.supervisor_panels import DetailsPane, FilterBar, StatusTiles, TwoRows
from ui.screens.supervisor_reads import FloorReads, LedgerRead, Snapshot
from ui.screens.supervisor_table import QueueTable
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.message import MessageLabel
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard

log = logging.getLogger(__name__)

TICK_MS = 1000


class SupervisorScreen(SupervisorActing, QWidget):
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
        self.table = QueueTable(self.model, self)
        self.details = DetailsPane(self)
        self.action_buttons: dict[Act, QPushButton] = {}
        for act in Act:
            button = self._button(f"act_{act.value}")
            self.taps.connect(button, lambda a=act: self._on_act(a))  # type: ignore[misc]
            self.action_buttons[act] = button
        # Back and the actions that apply to the chosen order (four at most), under the
        # table: a gloved finger's gap apart (the floor's rule), in two rows when the
        # words are too long for one.
        self.action_area = QWidget(self)
        self.action_area.setObjectName("supervisorActions")
        self.actions_row = TwoRows(
            [self.back_button, *self.action_buttons.values()], self.action_area, gap=TOUCH_GAP_PX
        )
        actions_box = QHBoxLayout(self.action_area)
        actions_box.setContentsMargins(0, 0, 0, 0)
        actions_box.addWidget(self.actions_row)
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
        orders_box.setContentsMargins(0, TOUCH_GAP_PX + 8, 0, 0)
        orders_box.setSpacing(TOUCH_GAP_PX // 2)
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
        tools_box.setContentsMargins(0, 2, 0, 0)
        tools_box.setSpacing(TOUCH_GAP_PX)
        tools_box.addWidget(self.type_button)
        tools_box.addWidget(self.export_button)
        self.tabs.setCornerWidget(tools, Qt.Corner.TopRightCorner)

        # A screen shorter than the page (or longer words that wrap the tiles) scrolls
        # it up and down; the table keeps the rows a person can read.
        main = QWidget(self)
        box = QVBoxLayout(scroll_page(main))
        box.setSpacing(TOUCH_GAP_PX)
        box.addWidget(self.tiles)
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
        self.tabs.currentChanged.connect(lambda _i: self._say_actions())
        self.reads.snapshot.connect(self._on_snapshot)
        self.reads.detailRead.connect(self._on_detail_read)
        self.reads.failed.connect(self._on_read_failed)
        self.reads.ledgerRead.connect(self._on_ledger_read)
        self.reads.ledgerFailed.connect(self._on_ledger_failed)
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
        self.reads.read_ledger(self._chosen)
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
        self.model.update(self._chosen, self.table.visible_rows())
        self.reads.read_all(self._chosen)
        self.reads.read_ledger(self._chosen)

    # -- words ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.table.size_columns()
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
        on_orders = self.tabs.currentIndex() == 0  # the actions are the chosen order's
        for act, button in self.action_buttons.items():
            button.setVisible(
                acting
                and on_orders
                and row is not None
                and can_act(act, row.status, row.person, row.station)
            )
        self.actions_row.reflow()

    def _say(self, level: str, text: str) -> None:
        self.message.show_message(level, text)

    # -- reading -------------------------------------------------------------------------

    @Slot(object)
    def _on_filter_changed(self, flt: QueueFilter) -> None:
        self.tiles.choose(flt.statuses[0] if len(flt.statuses) == 1 else None)
        self.model.set_filter(flt, keep=self._chosen)

    @Slot(object)
    def _on_model_reset(self, position: int | None) -> None:
        self.table.select(position, scroll=True)

    @Slot(object)
    def _on_model_updated(self, position: int | None) -> None:
        self.table.select(position, scroll=False)

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
        self.people.show_station(snapshot.rates, snapshot.claims, names)
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

    @Slot(object)
    def _on_ledger_read(self, read: LedgerRead) -> None:
        self.people.show_store(read.rates, read.stations)
        if read.order_number is not None and read.order_number == self._chosen:
            self.details.show_timeline(self.reads.timeline_for(read.order_number))

    @Slot(str)
    def _on_ledger_failed(self, _code: str) -> None:
        self.people.store_unreachable()

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
