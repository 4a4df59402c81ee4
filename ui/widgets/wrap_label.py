"""A word-wrapping label that asks for the width of its text on one line.

Qt's word-wrapping label asks for a block of a pleasing shape, so that a short title
("ESCANEAR ARTÍCULOS") goes onto two lines even where a whole row is free. This one
asks for one line, and wraps only where the layout cannot give it that (a longer
language, a narrower screen): its lines then grow down, never past its edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class WrapLabel(QLabel):
    """A word-wrapping ``QLabel`` whose preferred width is its text's on one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._hint: tuple[str, QSize] | None = None

    def sizeHint(self) -> QSize:
        text = self.text()
        if self._hint is None or self._hint[0] != text:
            self._hint = (text, self._one_line())
        return self._hint[1]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None  # measured in another font
        super().changeEvent(event)

    def _one_line(self) -> QSize:
        """The narrowest width at which the text takes one line (by halving)."""
        hint = super().sizeHint()
        one = self.minimumSizeHint().height()  # a wrapping label's: one line high
        low, high = hint.width(), max(hint.width(), 4 * hint.width())
        if self.heightForWidth(high) > one:
            return hint  # several lines of its own ("\n"): Qt's shape
        while high - low > 1:
            middle = (low + high) // 2
            if self.heightForWidth(middle) > one:
                low = middle
            else:
                high = middle
        return QSize(high, one)
