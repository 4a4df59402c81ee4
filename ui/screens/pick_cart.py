"""The pick screen's cart page: the empty totes scanned onto the cart, then Start.

A view only: it draws the cart it is given and turns taps into ``PickAction``s; the
pick screen (``ui.screens.pick``) and its flow keep the cart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.config import HardwareAction
from app.picking import CART_SLOTS, PickAction
from ui.hardware_keys import bind_key
from ui.screens.pick_panels import PickPage, make_button, make_label
from ui.theme import set_style_property
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard

_CART_COLUMNS = 4


class CartView(PickPage):
    """Scan the empty totes on the cart, then start the batch.

    Signals (``action``): START_CART, CLEAR_CART, TYPE_CODE, HOME.
    """

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(guard, parent)
        self.title = make_label("pickHeadline", self, wrap=True)
        self.hint = make_label("hint", self, wrap=True)
        self.capacity = 0
        self.totes: list[str] = []
        self.slots: list[QLabel] = []
        grid = QGridLayout()
        grid.setSpacing(12)
        for i in range(CART_SLOTS):
            # Wraps: a long word for "empty slot" must not widen the cart past the screen.
            slot = make_label("cartSlot", self, wrap=True)
            slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
            slot.setMinimumHeight(80)
            grid.addWidget(slot, i // _CART_COLUMNS, i % _CART_COLUMNS)
            self.slots.append(slot)
        for column in range(_CART_COLUMNS):
            grid.setColumnStretch(column, 1)
        self.start_button = make_button("", "startCartButton", self)
        bind_key(self.start_button, HardwareAction.CONFIRM)
        self.clear_button = make_button("", "clearCartButton", self, "secondary")
        self.type_button = make_button("", "typeCodeButton", self, "secondary")
        self.back_button = make_button("", "pickBackButton", self, "secondary")
        self._connect(self.start_button, PickAction.START_CART)
        self._connect(self.clear_button, PickAction.CLEAR_CART)
        self._connect(self.type_button, PickAction.TYPE_CODE)
        self._connect(self.back_button, PickAction.HOME)
        buttons = (self.clear_button, self.type_button, self.back_button, self.start_button)
        # Scrolls up and down where the screen is too short for the slots and the
        # buttons (1024x600 in a longer language).
        box = QVBoxLayout(scroll_page(self))
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(16)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addLayout(grid)
        box.addStretch(1)
        box.addWidget(ReflowRow(buttons, self))
        self.set_capacity(6)
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.title.setText(self.tr("Scan the empty totes on your cart"))
        self.clear_button.setText(self.tr("Clear cart"))
        self.type_button.setText(self.tr("Type a code"))
        self.back_button.setText(self.tr("Back"))
        self._show_capacity()
        self.set_totes(self.totes)

    def set_capacity(self, capacity: int) -> None:
        """How many totes this station's carts hold (1 to ``CART_SLOTS``)."""
        self.capacity = max(1, min(CART_SLOTS, capacity))
        self._show_capacity()
        for i, slot in enumerate(self.slots):
            slot.setVisible(i < self.capacity)
        self.set_totes([])

    def _show_capacity(self) -> None:
        self.hint.setText(
            self.tr("Up to {n} totes; each gets one order. Then tap Start.").format(n=self.capacity)
        )

    def set_totes(self, totes: list[str]) -> None:
        self.totes = list(totes)
        for i, slot in enumerate(self.slots):
            if i < len(totes):
                slot.setText(totes[i])
                set_style_property(slot, "filled", "true")
            else:
                slot.setText(self.tr("empty slot {n}").format(n=i + 1))
                set_style_property(slot, "filled", "false")
        self.start_button.setText(self.tr("Start {n} orders").format(n=len(totes)))
        self.start_button.setEnabled(len(totes) > 0)

    def set_busy(self, busy: bool, totes: int) -> None:
        self.start_button.setEnabled(not busy and totes > 0)
        self.clear_button.setEnabled(not busy)
