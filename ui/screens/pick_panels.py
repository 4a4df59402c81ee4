"""The pick task's panels: the quantity keypad and the short report; and what the pick
screen's pages share: their base (``PickPage``) and the small builders.

Views only: they draw what they are given and turn taps into signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from app.config import HardwareAction
from app.domain.events import ShortReason
from app.picking import PickAction
from ui.hardware_keys import bind_key
from ui.screens.pick_text import reason_name
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.keypad import Keypad
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard


def make_button(text: str, name: str, parent: QWidget, kind: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if kind:
        button.setProperty("kind", kind)
    return button


def make_row(*buttons: QPushButton, stretch: bool = False) -> QHBoxLayout:
    """Buttons side by side, a gloved finger's width apart."""
    row = QHBoxLayout()
    row.setSpacing(TOUCH_GAP_PX)
    for button in buttons:
        row.addWidget(button, 0 if stretch else 1)
    return row


def lay_out_panel(panel: QWidget, caption: QLabel, side: QLayout, keypad: Keypad) -> None:
    """The caption across the top, the side (OK and Cancel, or the reasons) beside the
    keypad under it: the sentence has the whole width. On a screen too short for it,
    the panel scrolls (the caption and the number stay at the top)."""
    row = QHBoxLayout()
    row.setSpacing(TOUCH_GAP_PX)
    row.addLayout(side)  # as wide as its words: the keypad takes the rest (four
    row.addWidget(keypad, 1)  # keys across where it is short)
    box = QVBoxLayout(scroll_page(panel))
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(TOUCH_GAP_PX // 2)
    box.addWidget(caption)
    box.addLayout(row, 1)


def make_label(name: str, parent: QWidget, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class PickPage(QWidget):
    """A page whose buttons ask for actions, one tap one action.

    Signals:
        action(object): a ``PickAction``.
    """

    action = Signal(object)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guard = guard

    def _connect(self, button: QPushButton, action: PickAction) -> None:
        self._guard.connect(button, lambda: self.action.emit(action), action)


class QtyPanel(QWidget):
    """Set how many the next item scan counts.

    Signals:
        accepted(int): OK with the number.
        cancelled(): Cancel.
    """

    accepted = Signal(int)
    cancelled = Signal()

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = make_label("panelCaption", self, wrap=True)
        self.caption.setMinimumWidth(TOUCH_MIN_PX)  # its words, not its longest, set the width
        self.keypad = Keypad(self)
        self.ok_button = make_button("", "qtyOkButton", self)
        bind_key(self.ok_button, HardwareAction.CONFIRM)
        self.cancel_button = make_button("", "qtyCancelButton", self, "secondary")
        self._left = 0
        guard.connect(self.ok_button, self._on_ok_button_clicked)
        self.keypad.valueChanged.connect(lambda value: self.ok_button.setEnabled(value > 0))
        guard.connect(self.cancel_button, self.cancelled.emit)
        side = QVBoxLayout()
        side.setSpacing(TOUCH_GAP_PX)
        side.addStretch(1)
        side.addWidget(self.ok_button)
        side.addWidget(self.cancel_button)
        lay_out_panel(self, self.caption, side, self.keypad)
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force (the number stays)."""
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.caption.setText(
            self.tr(
                "How many are you taking? Type it, then scan ONE of them (OK is not "
                "needed). {left} left."
            ).format(left=self._left)
        )

    @property
    def typed(self) -> int:
        """The number on the keypad (0: nothing typed)."""
        return self.keypad.value

    def open(self, left: int) -> None:
        self._left = left
        self.retranslate()
        self.keypad.set_value(0)
        self.ok_button.setEnabled(False)

    def _on_ok_button_clicked(self) -> None:
        self.accepted.emit(self.keypad.value)


class ShortPanel(QWidget):
    """Report the line short: how many were found, and why.

    Signals:
        chosen(int, str): found quantity and the ``ShortReason`` value.
        cancelled(): Cancel.
    """

    chosen = Signal(int, str)
    cancelled = Signal()

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = make_label("panelCaption", self, wrap=True)
        self.caption.setMinimumWidth(TOUCH_MIN_PX)  # its words, not its longest, set the width
        self.keypad = Keypad(self)
        self.reason_buttons: dict[ShortReason, QPushButton] = {}
        # The reasons two a row, Cancel last; one a row where their words need it.
        reasons = ReflowRow(columns=2)
        for reason in ShortReason:
            button = make_button("", f"short_{reason.value}", reasons)
            button.setProperty("kind", "warning")
            guard.connect(button, lambda r=reason: self._on_reason_chosen(r), "reason")
            self.reason_buttons[reason] = button
            reasons.add(button)
        self.cancel_button = make_button("", "shortCancelButton", reasons, "secondary")
        reasons.add(self.cancel_button)
        self._open: tuple[str, int] = ("", 0)
        guard.connect(self.cancel_button, self.cancelled.emit)
        side = QVBoxLayout()
        side.setSpacing(TOUCH_GAP_PX)
        side.addStretch(1)
        side.addWidget(reasons)
        lay_out_panel(self, self.caption, side, self.keypad)
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force (the number stays)."""
        for reason, button in self.reason_buttons.items():
            button.setText(reason_name(reason).capitalize())
        self.cancel_button.setText(self.tr("Cancel"))
        sku, left = self._open
        self.caption.setText(
            self.tr(
                "{sku}: {left} left to take. How many CAN you take? (0 if none) Then tap why."
            ).format(sku=sku, left=left)
        )

    def open(self, sku: str, left: int) -> None:
        self._open = (sku, left)
        self.retranslate()
        self.keypad.set_value(0)

    def _on_reason_chosen(self, reason: ShortReason) -> None:
        self.chosen.emit(self.keypad.value, reason.value)
