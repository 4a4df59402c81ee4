"""The pick screen's body: its three pages and the one message area under them.

What the pick screen draws, without what it does (``ui.screens.pick.PickScreen``
builds on this): the start page, the cart page and the task page in a stack, each
page's taps coming out of ``action``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.pick import Prompt
from ui.screens.pick_cart import CartView
from ui.screens.pick_start import StartView
from ui.screens.pick_task import TaskView
from ui.widgets.message import MessageLabel
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.taps import TapGuard


class PickPages(QWidget):
    """The start, cart and task pages, and the message area.

    Signals:
        action(object): a page's ``PickAction`` (the tap guard let it through).
    """

    action = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = TapGuard(self)
        self.start_view = StartView(self.guard, self)
        self.cart_view = CartView(self.guard, self)
        self.task_view = TaskView(self.guard, self)
        self.pages = CurrentPageStack(self)
        for page in (self.start_view, self.cart_view, self.task_view):
            self.pages.addWidget(page)
            page.action.connect(self.action)
        # One message area for every page, under the buttons, always this tall: what
        # it says never moves a button.
        self.message = MessageLabel(self, lines=2)
        self.message.setProperty("emphasis", "large")
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 14, 28, 10)
        box.setSpacing(12)
        box.addWidget(self.pages, 1)
        box.addWidget(self.message)

    def retranslate(self) -> None:
        """Every page in the language now in force, the step shown drawn again."""
        for page in (self.start_view, self.cart_view, self.task_view):
            page.retranslate()

    def show_start(self) -> None:
        self.show_page(self.start_view)

    def show_busy(self, busy: bool, totes: int) -> None:
        """Asking for work (or not): the buttons that would ask again wait."""
        self.start_view.set_busy(busy)
        self.cart_view.set_busy(busy, totes)

    def show_cart(self, totes: Sequence[str], *, busy: bool) -> None:
        self.cart_view.set_totes(list(totes))
        self.cart_view.set_busy(busy, len(totes))
        self.show_page(self.cart_view)

    def show_task(
        self, prompt: Prompt, *, batch: bool, orders: Sequence[str], totes: Sequence[str]
    ) -> None:
        self.task_view.show_prompt(prompt, batch=batch, orders=orders, totes=totes)
        self.show_page(self.task_view)

    def show_page(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page:
            self.pages.setCurrentWidget(page)
