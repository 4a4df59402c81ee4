"""The pack screen's order lines: the item, its SKU, how many of it are verified of
those picked, and what is left to scan (bold; a finished line greyed with a tick).

The item's name is what the packer looks for: where the table is too narrow for it
beside the SKU (a 1024 px screen, a longer language's headers), the SKU column goes
(every message about a line still names its SKU).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.pack_outcome import PackLine
from ui.theme import Theme

LINE_ROW_PX = 58  # a line of the order: large enough to read at arm's length
SKU_COLUMN = 1


class LinesTable(QTableWidget):
    """The order's lines, large; a row is written only when what it shows changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("packLines")
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(LINE_ROW_PX)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._rows: list[PackLine | None] = []  # what each row shows
        self._muted = QColor(Theme().text_muted)
        self._text = self.palette().color(QPalette.ColorRole.Text)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def set_headers(self, labels: Sequence[str]) -> None:
        """The columns' words (a new language); the rows are written again."""
        self.setHorizontalHeaderLabels(list(labels))
        self._rows = [None] * len(self._rows)
        self._fit_columns()

    def show_lines(self, lines: Sequence[PackLine]) -> None:
        """Draw ``lines`` (a scan changes one of them: one row is written)."""
        if self.rowCount() != len(lines):
            self.setRowCount(len(lines))
            self._rows = [None] * len(lines)
        changed = False
        for row, line in enumerate(lines):
            if self._rows[row] != line:
                self._rows[row] = line
                self._write(row, line)
                changed = True
        if changed:
            self._fit_columns()

    def _write(self, row: int, line: PackLine) -> None:
        done = line.left == 0
        values = (
            line.name,
            line.sku,
            QCoreApplication.translate("WorkView", "{verified} of {picked}").format(
                verified=line.verified, picked=line.picked
            ),
            "✓" if done else str(line.left),
        )
        for column, value in enumerate(values):
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
            item.setText(value)
            if column == 3:
                font = item.font()
                font.setBold(not done)
                item.setFont(font)
            item.setForeground(self._muted if done else self._text)

    def _column_width(self, column: int) -> int:
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def _fit_columns(self) -> None:
        """The SKU column only where the item's name keeps at least as much width."""
        counts = sum(self._column_width(c) for c in (2, 3))
        sku = self._column_width(SKU_COLUMN)
        names = max((self._column_width(0), sku))
        hide = self.viewport().width() - counts - sku < min(names, 2 * sku)
        if self.isColumnHidden(SKU_COLUMN) != hide:
            self.setColumnHidden(SKU_COLUMN, hide)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()
