"""A row of buttons that wraps onto more rows when its words do not fit across.

A translation 40 % longer than English, or a narrow screen, would otherwise cut the
words on a row of touch buttons, or push the window past its screen. The row keeps
its buttons in order, all the same width, a gloved finger's gap apart; when the widest
text does not fit in one column of ``n``, it lays them out in fewer columns (four
buttons: four, then two by two, then one under the other). The widest word decides
for all, so the buttons keep the same places from one step to the next. A row made
``natural`` gives each column its own words' width instead (a row of actions whose
one long word would otherwise wrap a row that fits).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from ui.theme import TOUCH_GAP_PX


class ReflowRow(QWidget):
    """Buttons (or any widgets) in a row that reflows to a grid of fewer columns.

    Args:
        widgets: left to right.
        columns: the most per row (default: all of them in one row).
        gap: the space between two buttons.
        natural: each column as wide as its widest words (default: all as the widest).
    """

    def __init__(
        self,
        widgets: Iterable[QWidget] = (),
        parent: QWidget | None = None,
        *,
        columns: int = 0,
        gap: int = TOUCH_GAP_PX,
        natural: bool = False,
    ) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._max_columns = columns
        self._natural = natural
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(gap)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for widget in widgets:
            self.add(widget)

    @property
    def columns(self) -> int:
        """How many buttons a row holds now."""
        return self._columns

    def set_gap(self, gap: int) -> None:
        """The space between two buttons, across and down."""
        self._grid.setSpacing(gap)
        self._columns = 0  # the columns that fit change with it
        self.reflow()

    def add(self, widget: QWidget) -> None:
        widget.setParent(self)
        self._widgets.append(widget)
        self._columns = 0  # the new one has no place yet
        self._arrange(self._most())

    def _most(self) -> int:
        count = max(1, len(self._widgets))
        return min(count, self._max_columns) if self._max_columns else count

    def _widest(self) -> int:
        shown = [w for w in self._widgets if not w.isHidden()] or self._widgets
        return max((w.sizeHint().width() for w in shown), default=0)

    def needs(self, columns: int) -> int:
        """The width ``columns`` a row need (the gaps too)."""
        gap = self._grid.horizontalSpacing() * (columns - 1)
        if not self._natural:
            return self._widest() * columns + gap
        widths = [0] * columns
        for i, widget in enumerate(self._widgets):  # in their places in the grid
            if not widget.isHidden():
                widths[i % columns] = max(widths[i % columns], widget.sizeHint().width())
        return sum(widths) + gap

    def columns_for(self, width: int) -> int:
        """The most columns whose cells are as wide as their widest text at ``width``."""
        for columns in range(self._most(), 1, -1):
            if self.needs(columns) <= width:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for i, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, i // columns, i % columns)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        self.updateGeometry()

    def reflow(self) -> None:
        """Lay out again for the current width (after the words changed)."""
        # Hidden (a page not shown), its width is not yet the one it will have: a
        # narrow guess would make it one column, and the window as tall as that.
        if self.isVisible():
            self._arrange(self.columns_for(self.width()))

    def minimumSizeHint(self) -> QSize:
        # Across: one column is enough (the row wraps); down: the rows it has now.
        need = self._grid.minimumSize()
        return QSize(self._widest(), need.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.reflow()  # a button's words changed (a new language): it may fit now
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reflow()
