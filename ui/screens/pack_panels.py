"""The pack screen's right-hand panels: a keypad, the hold reasons, the cartons, and a
status with buttons. Views only: they draw what they are given and turn taps into
signals (``ui.screens.pack_views.WorkView`` shows one at a time).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import HardwareAction
from app.domain.events import PackHoldReason
from app.domain.pack_outcome import PackPrompt
from app.packing.flow import PackAction
from ui.hardware_keys import PACK_KEYS, bind_key
from ui.screens.pack_text import hold_reason_name
from ui.theme import TOUCH_GAP_PX
from ui.widgets.keypad import Keypad
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.taps import TapGuard

ACTION_ROW = (PackAction.HOLD, PackAction.UNDO, PackAction.QTY, PackAction.CLOSE)
"""The packing actions' row, left to right."""

START_CHOICES = 6
"""The most orders of one tote listed as buttons on the start page."""


def make_button(text: str, name: str, parent: QWidget, kind: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if kind:
        button.setProperty("kind", kind)
    return button


def make_label(name: str, parent: QWidget, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def button_row(*buttons: QWidget) -> ReflowRow:
    """Buttons side by side, each as wide as its words; onto more rows where they do
    not fit across (a longer language, a narrower screen)."""
    return ReflowRow(buttons, natural=True)


class _Panel(QWidget):
    """A right-hand panel of the work page: a caption, and what the step needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = make_label("panelCaption", self, wrap=True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(TOUCH_GAP_PX // 2)  # buttons keep the whole gap (below)
        self.box.addWidget(self.caption)

    # A stack asks each of its pages for its room, shown or not: a hidden keypad's
    # height would make the work page scroll for nothing.
    def heightForWidth(self, width: int) -> int:
        return super().heightForWidth(width) if not self.isHidden() else 0

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint() if not self.isHidden() else QSize(0, 0)


class KeypadPanel(_Panel):
    """A number (a quantity, or grams) with OK and Cancel.

    Signals:
        accepted(int): OK with the number.
        cancelled(): Cancel.
    """

    accepted = Signal(int)
    cancelled = Signal()

    def __init__(self, guard: TapGuard, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.big = make_label("packBig", self, wrap=True)
        self.keypad = Keypad(self, max_digits=6)
        self.ok_button = make_button("", f"{name}OkButton", self)
        bind_key(self.ok_button, HardwareAction.CONFIRM)
        self.cancel_button = make_button("", f"{name}CancelButton", self, "secondary")
        guard.connect(self.ok_button, lambda: self.accepted.emit(self.keypad.value))
        guard.connect(self.cancel_button, self.cancelled.emit)
        self.keypad.valueChanged.connect(lambda value: self.ok_button.setEnabled(value > 0))
        # The caption across the top (its sentence has the whole width); the big line,
        # OK and Cancel beside the keypad, as wide as their words: the keypad takes the
        # rest (four keys across where it is short).
        side = QVBoxLayout()
        side.setSpacing(TOUCH_GAP_PX // 2)
        side.addWidget(self.big)
        side.addStretch(1)
        side.addWidget(self.ok_button)
        side.addSpacing(TOUCH_GAP_PX // 2)
        side.addWidget(self.cancel_button)
        self.retranslate()
        column = QWidget(self)
        column.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        column.setMinimumWidth(220)
        row = QHBoxLayout()
        row.setSpacing(TOUCH_GAP_PX)
        row.addWidget(column)
        row.addWidget(self.keypad, 1)
        self.box.addLayout(row, 1)

    def retranslate(self) -> None:
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))

    @property
    def typed(self) -> int:
        return self.keypad.value

    def open(self, caption: str, big: str = "") -> None:
        self.caption.setText(caption)
        self.big.setText(big)
        self.keypad.set_value(0)
        self.ok_button.setEnabled(False)


class HoldPanel(_Panel):
    """Four big reasons and Cancel.

    Signals:
        chosen(str): a ``PackHoldReason`` value.
        cancelled(): Cancel.
    """

    chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason_buttons: dict[PackHoldReason, QPushButton] = {}
        # The reasons, big: a grid where the lines are (see WorkView).
        # Two a row, one a row where their words need it.
        self.grid_page = QWidget(parent)
        reasons = ReflowRow(parent=self.grid_page, columns=2, natural=True)
        for reason in PackHoldReason:
            button = make_button("", f"hold_{reason.value}", reasons)
            button.setProperty("kind", "warning")
            button.setMinimumHeight(90)
            guard.connect(button, lambda r=reason: self.chosen.emit(r.value), "reason")
            reasons.add(button)
            self.reason_buttons[reason] = button
        page = QVBoxLayout(self.grid_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(reasons)
        page.addStretch(1)
        self.cancel_button = make_button("", "holdCancelButton", self, "secondary")
        guard.connect(self.cancel_button, self.cancelled.emit)
        self.box.addStretch(1)
        self.box.addWidget(self.cancel_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Why can this order not be packed?"))
        for reason, button in self.reason_buttons.items():
            button.setText(hold_reason_name(reason).capitalize())
        self.cancel_button.setText(self.tr("Cancel"))


class CartonPanel(_Panel):
    """The suggested carton big, Confirm, and the station's other cartons.

    Signals:
        action(object): CONFIRM or CANCEL.
        chosen(str): a carton's code tapped.
    """

    action = Signal(object)
    chosen = Signal(str)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.big = make_label("packBig", self)
        self.confirm_button = make_button("", "cartonConfirmButton", self)
        bind_key(self.confirm_button, HardwareAction.CONFIRM)
        self.cancel_button = make_button("", "cartonCancelButton", self, "secondary")
        guard.connect(self.confirm_button, lambda: self.action.emit(PackAction.CONFIRM))
        guard.connect(self.cancel_button, lambda: self.action.emit(PackAction.CANCEL))
        # The station's cartons: a grid where the lines are (see WorkView).
        self.grid_page = QWidget(parent)
        self._page = QVBoxLayout(self.grid_page)
        self._page.setContentsMargins(0, 0, 0, 0)
        self._page.addStretch(1)
        self._row = ReflowRow(parent=self.grid_page, columns=4)
        self.carton_buttons: dict[str, QPushButton] = {}
        self._guard = guard
        self.big.hide()
        self.caption.hide()  # the message under the page says it; the height is needed
        self.box.addStretch(1)
        self.box.addWidget(self.confirm_button)
        self.box.addSpacing(TOUCH_GAP_PX - TOUCH_GAP_PX // 2)
        self.box.addWidget(self.cancel_button)
        self.retranslate()

    def retranslate(self) -> None:
        """The words that do not depend on the step (``show_prompt`` draws the rest)."""
        self.confirm_button.setText(self.tr("Confirm"))
        self.cancel_button.setText(self.tr("Back"))

    def set_cartons(self, codes: Sequence[str]) -> None:
        """The cartons of this station, as buttons (four a row, fewer where narrow)."""
        self._row.deleteLater()
        self._row = ReflowRow(parent=self.grid_page, columns=4)
        self._page.insertWidget(0, self._row)
        self.carton_buttons = {}
        for code in codes:
            button = make_button(code, f"carton_{code}", self._row, "key")
            self._guard.connect(button, lambda c=code: self.chosen.emit(c), "carton")
            self._row.add(button)
            self.carton_buttons[code] = button

    def show_prompt(self, prompt: PackPrompt) -> None:
        suggested = prompt.suggested or ""
        self.caption.setText(
            self.tr("Package {n}: take carton {carton}, or tap or scan another.").format(
                n=prompt.package_no, carton=suggested or "?"
            )
            if suggested
            else self.tr("Package {n}: tap or scan a carton.").format(n=prompt.package_no)
        )
        self.big.setText(suggested)
        self.confirm_button.setText(
            self.tr("Confirm {carton}").format(carton=suggested)
            if suggested
            else self.tr("Confirm")
        )
        self.confirm_button.setEnabled(bool(suggested))


class InfoPanel(_Panel):
    """A big line and up to two buttons (labels printing, done).

    Signals:
        action(object): the ``PackAction`` of a button.
    """

    action = Signal(object)

    def __init__(
        self,
        guard: TapGuard,
        buttons: Sequence[tuple[PackAction, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.big = make_label("packStatus", self, wrap=True)
        self.buttons: dict[PackAction, QPushButton] = {}
        for action, text, name in buttons:
            button = make_button(text, name, self)
            button.setMinimumHeight(90)
            bind_key(button, PACK_KEYS.get(action))
            guard.connect(button, lambda a=action: self.action.emit(a), action)
            self.buttons[action] = button
        self.box.addWidget(self.big)
        self.box.addStretch(1)
        self.box.addWidget(button_row(*self.buttons.values()))
