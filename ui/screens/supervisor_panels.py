"""The supervisor screen's panels (part of the supervisor screen): the status tiles, the
filter bar, an order's details, the exceptions and the people.

Each panel shows what it is given and says what was tapped; none of them reads the
database (the screen does, on the worker lane) or acts (the screen does).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import OrderStatus, Priority
from app.supervisor.detail import Choices, OrderDetail
from app.supervisor.queue import QueueFilter, StatusCount
from ui.i18n import follow_language
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_lists import fill_rows, make_table
from ui.screens.supervisor_text import (
    clock_time,
    hold_reason_word,
    priority_word,
)
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX, set_style_property

TILE_STATUSES = (
    OrderStatus.OPEN,
    OrderStatus.PICKING,
    OrderStatus.PICKED,
    OrderStatus.PACKING,
    OrderStatus.ON_HOLD,
    OrderStatus.PACKED,
)
SEARCH_DELAY_MS = 300


class TwoRows(QWidget):
    """Widgets in one row, each as wide as its words, when they all fit across; else in
    two rows (a smaller screen, a longer language). Unlike ``ReflowRow`` the widths are
    not made equal: a count tile is narrower than a search box."""

    def __init__(
        self, widgets: Sequence[QWidget], parent: QWidget | None = None, *, gap: int = 12
    ) -> None:
        super().__init__(parent)
        self._widgets = list(widgets)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(gap)
        self._columns: tuple[int, tuple[int, ...]] = (0, ())
        self._arrange(len(self._widgets))

    def _shown(self) -> list[QWidget]:
        return [w for w in self._widgets if not w.isHidden()]

    def _columns_for(self, width: int) -> int:
        shown = self._shown()
        gaps = self._grid.horizontalSpacing() * (len(shown) - 1)
        wanted = sum(w.minimumSizeHint().width() for w in shown) + gaps
        return max(1, len(shown) if wanted <= width else (len(shown) + 1) // 2)

    def _arrange(self, columns: int) -> None:
        shown = self._shown()
        key = (columns, tuple(id(w) for w in shown))
        if key == self._columns:
            return
        self._columns = key
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for i, widget in enumerate(shown):
            self._grid.addWidget(widget, i // columns, i % columns)
        # Each as wide as its words; the room left over goes to an empty last column.
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        self._grid.setColumnStretch(columns, 1)
        self.updateGeometry()

    def reflow(self) -> None:
        """Lay out again (the words or the widgets shown changed)."""
        self._arrange(self._columns_for(self.width() if self.isVisible() else 10_000))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._columns_for(event.size().width()))

    def minimumSizeHint(self) -> QSize:
        # Across: two rows' worth (each column as wide as its widest); down: the rows
        # it has now.
        shown = self._shown() or self._widgets
        half = (len(shown) + 1) // 2
        widths = [0] * half
        for i, widget in enumerate(shown):
            widths[i % half] = max(widths[i % half], widget.minimumSizeHint().width())
        across = sum(widths) + self._grid.horizontalSpacing() * max(0, half - 1)
        return QSize(across, self._grid.minimumSize().height())


class StatusTiles(QWidget):
    """A tile per status with its count (tap: show only that status; again: all), and
    how many orders are late or due within the hour.

    Signals:
        statusChosen(object): an ``OrderStatus``, or ``None`` for every status.
    """

    statusChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[OrderStatus, QPushButton] = {}
        for status in TILE_STATUSES:
            button = QPushButton(self)
            button.setObjectName(f"tile_{status.value}")
            button.setProperty("kind", "countTile")
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH_MIN_PX + 24)
            button.clicked.connect(lambda _=False, s=status: self._on_tile_clicked(s))
            self.buttons[status] = button
        self.late = QLabel(self)
        self.late.setObjectName("lateTile")
        self.soon = QLabel(self)
        self.soon.setObjectName("soonTile")
        for label in (self.late, self.soon):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumHeight(TOUCH_MIN_PX + 24)
        self.row = TwoRows([*self.buttons.values(), self.late, self.soon], self, gap=TOUCH_GAP_PX)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.row)
        self._counts: list[StatusCount] = []
        self.retranslate()
        follow_language(self)

    def show_counts(self, counts: Sequence[StatusCount]) -> None:
        self._counts = list(counts)
        self.retranslate()

    def choose(self, status: OrderStatus | None) -> None:
        """Check ``status``'s tile (and no other), without saying so."""
        for key, button in self.buttons.items():
            button.setChecked(key is status)

    def retranslate(self) -> None:
        found = {c.status: c for c in self._counts}
        number = QLocale().toString
        for status, button in self.buttons.items():
            count = found.get(status)
            button.setText(f"{number(count.total if count else 0)}\n{status_word(status)}")
        late = sum(c.overdue for c in self._counts)
        soon = sum(c.due_soon for c in self._counts)
        self.late.setText(self.tr("{count}\nlate").format(count=number(late)))
        self.soon.setText(self.tr("{count}\ndue in 1 h").format(count=number(soon)))
        set_style_property(self.late, "level", "error" if late else "")
        set_style_property(self.soon, "level", "warning" if soon else "")
        self.row.reflow()

    def _on_tile_clicked(self, status: OrderStatus) -> None:
        chosen = status if self.buttons[status].isChecked() else None
        self.choose(chosen)
        self.statusChosen.emit(chosen)


class FilterBar(QWidget):
    """Status, zone, carrier, person and priority to choose, and a search box (order
    number, SKU or tote; a scan lands here too).

    Signals:
        changed(object): the ``QueueFilter`` now chosen.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = self._combo("filterStatus")
        self.zone = self._combo("filterZone")
        self.carrier = self._combo("filterCarrier")
        self.person = self._combo("filterPerson")
        self.priority = self._combo("filterPriority")
        self.search = QLineEdit(self)
        self.search.setObjectName("filterSearch")
        self.search.setMinimumHeight(TOUCH_MIN_PX)
        self.search.setClearButtonEnabled(True)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SEARCH_DELAY_MS)
        self._delay.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._delay.start())
        self.search.returnPressed.connect(self._emit)
        self.search.setMinimumWidth(200)
        self.row = TwoRows(
            [self.status, self.zone, self.carrier, self.person, self.priority, self.search],
            self,
            gap=TOUCH_GAP_PX,
        )
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.row)
        self._choices = Choices((), (), (), ())
        self._quiet = False
        self.retranslate()
        follow_language(self)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setMinimumHeight(TOUCH_MIN_PX)
        # As wide as a short name: a long zone or carrier name is read in the open list.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(lambda _i: self._emit())
        return combo

    def current(self) -> QueueFilter:
        status = self.status.currentData()
        priority = self.priority.currentData()
        return QueueFilter(
            statuses=(OrderStatus(status),) if status else (),
            zone=self.zone.currentData() or "",
            carrier=self.carrier.currentData() or "",
            person=self.person.currentData() or "",
            priorities=(Priority(priority),) if priority else (),
            search=self.search.text().strip(),
        )

    def set_choices(self, choices: Choices) -> None:
        """Fill the lists, keeping what is chosen where it is still offered."""
        self._choices = choices
        self.retranslate()

    def set_status(self, status: OrderStatus | None) -> None:
        self._set(self.status, status.value if status else None)
        self._emit()

    def set_search(self, text: str) -> None:
        self.search.setText(text)
        self._emit()

    def retranslate(self) -> None:
        self._quiet = True
        try:
            self._fill(
                self.status,
                self.tr("Every status"),
                [(s.value, status_word(s)) for s in OrderStatus],
            )
            self._fill(self.zone, self.tr("Every zone"), [(z, z) for z in self._choices.zones])
            self._fill(
                self.carrier, self.tr("Every carrier"), [(c, c) for c in self._choices.carriers]
            )
            self._fill(
                self.person,
                self.tr("Everybody"),
                [(p.username, p.display_name) for p in self._choices.people],
            )
            self._fill(
                self.priority,
                self.tr("Every priority"),
                [(p.value, priority_word(p)) for p in sorted(Priority, key=lambda p: -p.rank)],
            )
            self.search.setPlaceholderText(self.tr("Order, SKU or tote"))
        finally:
            self._quiet = False
        self.row.reflow()

    @staticmethod
    def _fill(combo: QComboBox, every: str, items: Sequence[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(every, None)
        for key, text in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    @staticmethod
    def _set(combo: QComboBox, key: str | None) -> None:
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(key)) if key else 0)
        combo.blockSignals(False)

    @Slot()
    def _emit(self) -> None:
        self._delay.stop()
        if not self._quiet:
            self.changed.emit(self.current())


class DetailsPane(QWidget):
    """The chosen order: who has it, where it goes, its lines and what happened to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDetails")
        self.title = QLabel(self)
        self.title.setObjectName("detailsTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("detailsSummary")
        self.summary.setWordWrap(True)
        self.lines = make_table(self, "detailsLines", 5)
        self.timeline = make_table(self, "detailsTimeline", 3)
        for table in (self.lines, self.timeline):  # the long column takes what is left
            table.horizontalHeader().setStretchLastSection(False)
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.timeline.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.views = QTabWidget(self)
        self.views.setObjectName("detailsViews")
        self.views.addTab(self.lines, "")
        self.views.addTab(self.timeline, "")
        box = QVBoxLayout(self)
        box.setContentsMargins(TOUCH_GAP_PX // 2, 0, 0, 0)
        box.setSpacing(TOUCH_GAP_PX // 2)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addWidget(self.views, 1)
        self._detail: OrderDetail | None = None
        self._timeline: list[tuple[datetime, str, str]] = []
        self.retranslate()
        follow_language(self)

    @property
    def detail(self) -> OrderDetail | None:
        return self._detail

    def show_detail(self, detail: OrderDetail | None) -> None:
        self._detail = detail
        self.retranslate()

    def show_timeline(self, entries: Sequence[tuple[datetime, str, str]]) -> None:
        """``(when, who and where, what)`` rows, oldest first, worded by the screen."""
        self._timeline = list(entries)
        fill_rows(self.timeline, [(clock_time(at), who, what) for at, who, what in entries])

    def retranslate(self) -> None:
        self.views.setTabText(0, self.tr("Lines"))
        self.views.setTabText(1, self.tr("What happened"))
        self.lines.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Bin"), self.tr("Qty"), self.tr("Picked"), self.tr("Packed")]
        )
        self.timeline.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What")])
        detail = self._detail
        if detail is None:
            self.title.setText(self.tr("Tap an order to see it here."))
            self.summary.setText("")
            fill_rows(self.lines, [])
            return
        row = detail.row
        self.title.setText(row.order_number)
        parts = [status_word(row.status), priority_word(row.priority)]
        if row.person:
            parts.append(self.tr("with {person}").format(person=row.person))
        if row.station:
            parts.append(self.tr("at {station}").format(station=row.station))
        if row.hold_reason:
            parts.append(self.tr("held: {reason}").format(reason=hold_reason_word(row.hold_reason)))
        if detail.totes:
            parts.append(self.tr("totes {totes}").format(totes=", ".join(detail.totes)))
        if detail.ship_to:
            parts.append(self.tr("to {place}").format(place=detail.ship_to))
        self.summary.setText(" · ".join(parts))
        number = QLocale().toString
        fill_rows(
            self.lines,
            [
                (
                    f"{line.sku} {line.name}".strip(),
                    line.location,
                    number(line.qty),
                    number(line.picked)
                    + (self.tr(" ({short} short)").format(short=line.short) if line.short else ""),
                    number(line.packed),
                )
                for line in detail.lines
            ],
        )
