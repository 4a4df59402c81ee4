"""The pick task's Hand back panel: what handing the pick back does, then Yes or Cancel.

``app.picking.handback`` says what a hand-back gives back as orders, totes and piece
counts; the words are here (context ``HandBackPanel``): the panel's, and the sentence
the start page says once it is done, so that both tell the picker the same about the
pieces they carry. A view only: the pick screen records the hand-back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.picking.handback import HandBack, HandBackItem
from ui.screens.pick_panels import make_button, make_label
from ui.theme import TOUCH_MIN_PX
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard

CONFIRM = "hand_back_confirm"
"""The confirm button's action for the tap guard: a double tap confirms once."""


def item_sentence(item: HandBackItem) -> str:
    """What becomes of one order's pieces."""
    if item.tote is not None and item.picked:
        text = QCoreApplication.translate(
            "HandBackPanel", "Tote {tote} ({order}): {n} picked. Take it to packing."
        )
    elif item.tote is not None:
        text = QCoreApplication.translate(
            "HandBackPanel", "Tote {tote} ({order}): empty. Keep it for your next pick."
        )
    elif item.picked:
        text = QCoreApplication.translate(
            "HandBackPanel",
            "Order {order}: {n} picked. Take them to packing with the order number.",
        )
    else:
        text = QCoreApplication.translate("HandBackPanel", "Order {order}: nothing picked yet.")
    return text.format(tote=item.tote or "", order=item.order_number, n=item.picked)


def handed_back_sentence(hand_back: HandBack) -> str:
    """What the start page says once the pick is handed back."""
    items = hand_back.items
    if hand_back.batch:
        text = QCoreApplication.translate("HandBackPanel", "{n} orders handed back.").format(
            n=len(items)
        )
    else:
        text = QCoreApplication.translate("HandBackPanel", "Order {order} handed back.").format(
            order=items[0].order_number
        )
    totes = [item.tote for item in items if item.tote is not None and item.picked]
    if totes:
        text += " " + QCoreApplication.translate(
            "HandBackPanel", "Totes to packing: {totes}."
        ).format(totes=", ".join(totes))
    elif any(item.picked for item in items):
        text += " " + QCoreApplication.translate(
            "HandBackPanel", "Take what you picked to packing."
        )
    return text


class HandBackPanel(QWidget):
    """Confirm a hand-back: which orders go back to the queue, and what to do with the
    pieces already picked for each.

    Signals:
        confirmed(object): the ``HandBack`` shown, confirmed (once per tap burst).
        cancelled(): Keep picking.
    """

    confirmed = Signal(object)
    cancelled = Signal()

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hand_back: HandBack | None = None
        self.caption = make_label("panelCaption", self, wrap=True)
        self.details = make_label("hint", self, wrap=True)
        self.footer = make_label("hint", self, wrap=True)
        for label in (self.caption, self.details, self.footer):
            label.setMinimumWidth(TOUCH_MIN_PX)  # its words, not its longest, set the width
        self.confirm_button = make_button("", "handBackConfirmButton", self, "warning")
        self.cancel_button = make_button("", "handBackCancelButton", self, "secondary")
        for button in (self.confirm_button, self.cancel_button):
            button.setMinimumHeight(88)
        guard.connect(self.confirm_button, self._on_confirm_button_clicked, CONFIRM)
        guard.connect(self.cancel_button, self.cancelled.emit)
        # A cart of twelve totes is twelve lines: on a short screen the page scrolls.
        box = QVBoxLayout(scroll_page(self))
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)
        box.addWidget(self.caption)
        box.addWidget(self.details)
        box.addWidget(self.footer)
        box.addStretch(1)
        box.addWidget(ReflowRow((self.cancel_button, self.confirm_button), self))
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.confirm_button.setText(self.tr("Yes, hand back"))
        self.cancel_button.setText(self.tr("Keep picking"))
        self.footer.setText(
            self.tr("What you picked stays counted: the next picker picks only the rest.")
        )
        hand_back = self.hand_back
        if hand_back is None:
            self.caption.setText("")
            self.details.setText("")
            return
        if hand_back.batch:
            caption = self.tr(
                "Hand back all {n} orders of your cart? They go back to the queue for "
                "other pickers."
            ).format(n=len(hand_back.items))
        else:
            caption = self.tr(
                "Hand back order {order}? It goes back to the queue for another picker."
            ).format(order=hand_back.items[0].order_number)
        self.caption.setText(caption)
        self.details.setText("\n".join(item_sentence(item) for item in hand_back.items))

    def open(self, hand_back: HandBack) -> None:
        self.hand_back = hand_back
        self.retranslate()

    def _on_confirm_button_clicked(self) -> None:
        if self.hand_back is not None:
            self.confirmed.emit(self.hand_back)
