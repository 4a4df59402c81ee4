"""A screen whose page scrolls up and down when the screen is smaller than it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _Page(QWidget):
    """Scrolls up and down only: across, it takes the screen's width as a screen
    without a scroll area would (its rows wrap or squeeze, never run off the edge)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())


def scroll_page(screen: QWidget) -> QWidget:
    """Give ``screen`` a vertically scrolling page and return the page to lay out on.

    On the kiosk's 1280x800 the page fits and nothing scrolls; on a 1024x600 screen,
    or in a language whose words are longer, the page scrolls rather than pushing the
    window past the screen's edge. Widths never scroll: what a page shows must wrap.
    """
    area = QScrollArea(screen)
    area.setObjectName("screenScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page = _Page()
    page.setObjectName("screenPage")
    area.setWidget(page)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return page
