"""A stacked widget as big as the page it shows."""

from __future__ import annotations

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import QStackedWidget, QWidget


class CurrentPageStack(QStackedWidget):
    """A stack that asks for the room of the page shown, not of its biggest page
    (as QStackedWidget does), so that a tall page elsewhere in the stack does not
    push a kiosk window past its screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    @Slot(int)
    def _on_current_changed(self, _index: int) -> None:
        self.updateGeometry()
