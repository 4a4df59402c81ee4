"""The supervisor screen's lists (part of the supervisor screen): what needs a person,
and who works where; and the read-only tables every panel of the screen uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.supervisor.floor import Claim, ExceptionItem, ExceptionKind, OperatorRates
from app.supervisor.ledger import StationSeen
from ui.i18n import follow_language
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_text import clock_time, event_words, exception_kind_word


def make_table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(44)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(80)
    return table


def fill_rows(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


class ExceptionsList(QWidget):
    """Everything that needs a person, one row each (tap: open the order).

    Signals:
        orderChosen(str): the order of the tapped row.
    """

    orderChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(self, "exceptions", 4)
        self.table.cellClicked.connect(self._on_cell_clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        self._items: list[ExceptionItem] = []
        self._words: list[str] = []
        self.retranslate()
        follow_language(self)

    @property
    def items(self) -> list[ExceptionItem]:
        return self._items

    def show_items(self, items: Sequence[ExceptionItem], words: Sequence[str]) -> None:
        """``words``: each item's detail as the screen words it (a code's sentence)."""
        self._items, self._words = list(items), list(words)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Order"), self.tr("Detail"), self.tr("When")]
        )
        fill_rows(
            self.table,
            [
                (
                    exception_kind_word(item.kind),
                    item.order_number,
                    words,
                    clock_time(item.at) if item.at else "",
                )
                for item, words in zip(self._items, self._words, strict=True)
            ],
        )
        for r, item in enumerate(self._items):
            if item.kind in (ExceptionKind.REFUSED, ExceptionKind.PRINT_FAILED):
                cell = self.table.item(r, 0)
                if cell is not None:
                    cell.setForeground(Qt.GlobalColor.darkRed)

    @Slot(int, int)
    def _on_cell_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._items):
            self.orderChosen.emit(self._items[row].order_number)


class PeopleList(QWidget):
    """Who works where on what, and each person's rates for the shift."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setObjectName("peopleNote")
        self.note.setWordWrap(True)
        self.table = make_table(self, "people", 7)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.note)
        box.addWidget(self.table)
        self._local_rates: list[OperatorRates] = []
        self._store_rates: list[OperatorRates] | None = None
        self._claims: list[Claim] = []
        self._names: dict[str, str] = {}
        self._stations: list[StationSeen] = []
        self.retranslate()
        follow_language(self)

    def show_station(
        self, rates: Sequence[OperatorRates], claims: Sequence[Claim], names: dict[str, str]
    ) -> None:
        """What this station knows: the claims it holds, the names of the people, and the
        rates of its own work not sent yet (shown while the store cannot be reached)."""
        self._local_rates, self._claims, self._names = list(rates), list(claims), dict(names)
        self.retranslate()

    def show_store(
        self,
        rates: Sequence[OperatorRates] | None,
        stations: Sequence[StationSeen] | None,
    ) -> None:
        """The store's ledger: the shift's rates and what each station last sent, for the
        people holding no order now. ``None`` leaves that part as it was."""
        if stations is not None:
            self._stations = list(stations)
        if rates is not None:
            self._store_rates = list(rates)
            self.retranslate()

    def store_unreachable(self) -> None:
        """The ledger could not be read: rates fall back to this station's own."""
        self._store_rates = None
        self.retranslate()

    def rows(self) -> list[tuple[str, str, str, str, str, str, str]]:
        number = QLocale().toString
        working: dict[str, list[Claim]] = {}
        for claim in self._claims:
            if claim.user:
                working.setdefault(claim.user, []).append(claim)
        shown = self._local_rates if self._store_rates is None else self._store_rates
        rates = {r.username: r for r in shown}
        last: dict[str, StationSeen] = {}
        for station in self._stations:  # newest first: a person's latest station wins
            if station.user and station.user not in last:
                last[station.user] = station
        people = sorted(set(working) | set(rates) | set(last), key=lambda u: self._names.get(u, u))
        rows = []
        for user in people:
            held = working.get(user, [])
            where = ", ".join(sorted({c.station for c in held}))
            doing = ", ".join(f"{status_word(c.status)} {c.order_number}" for c in held[:3])
            if len(held) > 3:
                doing += self.tr(" and {count} more").format(count=len(held) - 3)
            seen = last.get(user)
            if not held and seen is not None and seen.type:
                where = seen.station
                doing = self.tr("{what} {order} at {time}").format(
                    what=event_words(seen.type),
                    order=seen.order_number or "",
                    time=clock_time(seen.at) if seen.at else "",
                )
            rate = rates.get(user)
            rows.append(
                (
                    self._names.get(user, user),
                    where,
                    doing,
                    number(round(rate.picks_per_hour)) if rate else "",
                    number(round(rate.units_per_hour)) if rate else "",
                    number(round(rate.packs_per_hour)) if rate else "",
                    number(rate.wrong_scans) if rate else "",
                )
            )
        return rows

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Person"),
                self.tr("Station"),
                self.tr("Working on"),
                self.tr("Picks/h"),
                self.tr("Units/h"),
                self.tr("Packs/h"),
                self.tr("Wrong scans"),
            ]
        )
        if self._store_rates is not None:
            note = self.tr("Rates of the last 8 hours, from the order store's events.")
        else:
            note = self.tr(
                "The order store cannot be reached: the rates count only this station's "
                "work not sent yet."
            )
        self.note.setText(note)
        fill_rows(self.table, self.rows())
