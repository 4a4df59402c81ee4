"""The pick screen's start page: one order, or a batch onto a cart of totes.

A view only: it draws its words and turns taps into ``PickAction``s; the pick screen
(``ui.screens.pick``) decides what happens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.config import HardwareAction
from app.picking import PickAction
from ui.hardware_keys import bind_key
from ui.screens.pick_panels import PickPage, make_button, make_label, make_row
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.taps import TapGuard


class StartView(PickPage):
    """No work yet: one order, or a batch onto a cart of totes.

    Signals (``action``): NEXT_ORDER, CART, TYPE_CODE, HOME.
    """

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(guard, parent)
        self.title = make_label("pickHeadline", self, wrap=True)
        self.hint = make_label("hint", self, wrap=True)
        self.single_button = make_button("", "nextOrderButton", self)
        bind_key(self.single_button, HardwareAction.NEXT)
        self.single_button.setMinimumHeight(140)
        self.cart_button = make_button("", "cartButton", self, "secondary")
        self.cart_button.setMinimumHeight(140)
        self.type_button = make_button("", "typeCodeButton", self, "secondary")
        self.back_button = make_button("", "pickBackButton", self, "secondary")
        self._connect(self.single_button, PickAction.NEXT_ORDER)
        self._connect(self.cart_button, PickAction.CART)
        self._connect(self.type_button, PickAction.TYPE_CODE)
        self._connect(self.back_button, PickAction.HOME)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(20)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addWidget(ReflowRow((self.single_button, self.cart_button), self))
        box.addStretch(1)
        bottom = make_row(self.type_button, self.back_button, stretch=True)
        bottom.insertStretch(1, 1)
        box.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.title.setText(self.tr("Ready to pick"))
        self.hint.setText(
            self.tr(
                "Tap Next order (or scan the NEXT barcode) for the most urgent order, or "
                "take a cart and pick several orders at once, one tote each."
            )
        )
        self.single_button.setText(self.tr("Next order"))
        self.cart_button.setText(self.tr("Batch on a cart"))
        self.type_button.setText(self.tr("Type a code"))
        self.back_button.setText(self.tr("Back"))

    def set_busy(self, busy: bool) -> None:
        self.single_button.setEnabled(not busy)
        self.cart_button.setEnabled(not busy)
