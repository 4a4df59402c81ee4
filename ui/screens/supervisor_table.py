"""The supervisor's orders table view (part of the supervisor screen): dense rows a
finger can still tap, columns sized from their words, the chosen order selected again
where it now is.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.model import OrderStatus, Priority
from app.supervisor.queue import SortKey
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_model import COLUMNS, QueueModel
from ui.screens.supervisor_text import priority_word

ROW_PX = 44
"""A row: a finger's width (about 12 mm), dense enough to see a dozen orders."""

SAMPLES = {
    SortKey.NUMBER: "SO-000000-00",
    SortKey.LINES: "000",
    SortKey.PROGRESS: "100 %",
    SortKey.PERSON: "username",
    SortKey.STATION: "STATION-00",
}
"""The widest a column's data usually is (order numbers, counts, names)."""


class QueueTable(QTableView):
    """The orders, sorted by a header tap (the query sorts), one row chosen at a time."""

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        self._model = model
        self.setSortingEnabled(True)
        header = self.horizontalHeader()
        header.setSortIndicator(COLUMNS.index(SortKey.CUTOFF), Qt.SortOrder.AscendingOrder)
        # Widths from the words, never from the rows: sizing to the contents would ask
        # every row of the day for its text (and load them all).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def size_columns(self) -> None:
        """Each column as wide as its title or its widest usual value (in the language
        in force)."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        for column, key in enumerate(COLUMNS):
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal))
            words = SAMPLES.get(key, "")
            if key is SortKey.STATUS:
                words = max((status_word(s) for s in OrderStatus), key=len)
            elif key is SortKey.PRIORITY:
                words = max((priority_word(p) for p in Priority), key=len)
            width = max(metrics.horizontalAdvance(title) + 36, metrics.horizontalAdvance(words))
            header.resizeSection(column, width + 16)

    def visible_rows(self) -> range:
        """The rows on screen (the first one when none is)."""
        top = self.rowAt(0)
        bottom = self.rowAt(max(0, self.viewport().height() - 1))
        if top < 0:
            return range(0, 1)
        if bottom < 0:
            bottom = self._model.rowCount() - 1
        return range(top, bottom + 1)

    def select(self, position: int | None, *, scroll: bool) -> None:
        """Select row ``position`` without saying so (it is the same order); ``None``:
        the order is not in the view (any more), so a tap on any row chooses it."""
        selection = self.selectionModel()
        selection.blockSignals(True)
        if position is None:
            selection.clear()
        else:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(self._model.index(position, 0), flags)
        selection.blockSignals(False)
        self.viewport().update()
        if scroll and position is not None:
            self.scrollTo(
                self._model.index(position, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            )
