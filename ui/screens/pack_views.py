"""The pack screen's pages: the start (scan an order or a tote) and the work page.

Views only: they draw what they are given and turn taps into signals. The pack screen
(``ui.screens.pack``) decides what happens. The work page keeps the order's lines on
the left at every step; the right side shows what the step needs (the keypad, the hold
reasons, the cartons, the weight, the labels, the next order), and the same row of
actions sits at the bottom.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import PackHoldReason
from app.domain.pack_outcome import PackPrompt, PackState
from ui.screens.pack_text import hold_reason_name, step_word
from ui.theme import TOUCH_GAP_PX, set_style_property
from ui.widgets.keypad import Keypad
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.taps import TapGuard


class PackAction(enum.StrEnum):
    """What a tap on the pack screen asks for."""

    HOLD = "hold"
    UNDO = "undo"
    QTY = "qty"
    CLOSE = "close"
    TYPE_CODE = "type_code"
    PAUSE = "pause"
    """Back to the home screen; the order stays where it is."""
    CONFIRM = "confirm"
    """The suggested carton."""
    CANCEL = "cancel"
    RETRY = "retry"
    NEXT = "next"
    HOME = "home"


_ROW = (PackAction.HOLD, PackAction.UNDO, PackAction.QTY, PackAction.CLOSE)
"""The packing actions' row, left to right."""

START_CHOICES = 6
"""The most orders of one tote listed as buttons on the start page."""


def _button(text: str, name: str, parent: QWidget, kind: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if kind:
        button.setProperty("kind", kind)
    return button


def _label(name: str, parent: QWidget, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(TOUCH_GAP_PX)
    for button in buttons:
        row.addWidget(button, 1)
    return row


class StartView(QWidget):
    """No order yet: scan an order or a tote; a tote of several orders lists them.

    Signals:
        action(object): TYPE_CODE or HOME.
        chosen(str): an order number tapped in the list.
    """

    action = Signal(object)
    chosen = Signal(str)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("packHeadline", self)
        self.title.setText(self.tr("Ready to pack"))
        self.hint = _label("hint", self, wrap=True)
        self.order_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(TOUCH_GAP_PX)
        for i in range(START_CHOICES):
            button = _button("", f"packOrder{i}", self)
            button.setMinimumHeight(90)
            button.hide()
            guard.connect(button, lambda b=button: self.chosen.emit(b.property("order")), "order")
            grid.addWidget(button, i // 3, i % 3)
            self.order_buttons.append(button)
        self.type_button = _button(self.tr("Type a code"), "typeCodeButton", self, "secondary")
        self.back_button = _button(self.tr("Back"), "packBackButton", self, "secondary")
        guard.connect(self.type_button, lambda: self.action.emit(PackAction.TYPE_CODE))
        guard.connect(self.back_button, lambda: self.action.emit(PackAction.HOME))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(20)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addLayout(grid)
        box.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setSpacing(TOUCH_GAP_PX)
        bottom.addWidget(self.type_button)
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        box.addLayout(bottom)
        self.show_choices("", [])

    def show_choices(self, tote: str, orders: Sequence[str]) -> None:
        """List ``orders`` of ``tote`` to tap (none: the plain start page)."""
        if orders:
            self.hint.setText(
                self.tr("Tote {tote} holds {n} orders: tap the one you pack, or scan it.").format(
                    tote=tote, n=len(orders)
                )
            )
        else:
            self.hint.setText(
                self.tr(
                    "Scan the order's packing slip or its tote (or tap Type a code). Every item "
                    "is then scanned into the carton."
                )
            )
        for i, button in enumerate(self.order_buttons):
            number = orders[i] if i < len(orders) else ""
            button.setProperty("order", number)
            button.setText(number)
            button.setVisible(bool(number))


class _Panel(QWidget):
    """A right-hand panel of the work page: a caption, and what the step needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = _label("panelCaption", self, wrap=True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(TOUCH_GAP_PX)
        self.box.addWidget(self.caption)


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
        self.big = _label("packBig", self, wrap=True)
        self.keypad = Keypad(self, max_digits=6)
        self.ok_button = _button(self.tr("OK"), f"{name}OkButton", self)
        self.cancel_button = _button(self.tr("Cancel"), f"{name}CancelButton", self, "secondary")
        guard.connect(self.ok_button, lambda: self.accepted.emit(self.keypad.value))
        guard.connect(self.cancel_button, self.cancelled.emit)
        self.keypad.valueChanged.connect(lambda value: self.ok_button.setEnabled(value > 0))
        self.box.removeWidget(self.caption)  # beside the keypad: the height is the keypad's
        side = QVBoxLayout()
        side.setSpacing(TOUCH_GAP_PX // 2)
        side.addWidget(self.caption)
        side.addWidget(self.big)
        side.addStretch(1)
        side.addWidget(self.ok_button)
        side.addSpacing(TOUCH_GAP_PX // 2)
        side.addWidget(self.cancel_button)
        column = QWidget(self)
        column.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        column.setMaximumWidth(220)  # the keypad takes the rest: "Clear" fits its key
        row = QHBoxLayout()
        row.setSpacing(TOUCH_GAP_PX)
        row.addWidget(column, 1)
        row.addWidget(self.keypad, 2)
        self.box.addLayout(row, 1)

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
        self.caption.setText(self.tr("Why can this order not be packed?"))
        self.reason_buttons: dict[PackHoldReason, QPushButton] = {}
        # The reasons, big: a grid where the lines are (see WorkView).
        self.grid_page = QWidget(parent)
        grid = QGridLayout(self.grid_page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(TOUCH_GAP_PX)
        grid.setRowStretch(2, 1)
        for i, reason in enumerate(PackHoldReason):
            button = _button(
                hold_reason_name(reason).capitalize(), f"hold_{reason.value}", self.grid_page
            )
            button.setProperty("kind", "warning")
            button.setMinimumHeight(90)
            guard.connect(button, lambda r=reason: self.chosen.emit(r.value), "reason")
            grid.addWidget(button, i // 2, i % 2)
            self.reason_buttons[reason] = button
        self.cancel_button = _button(self.tr("Cancel"), "holdCancelButton", self, "secondary")
        guard.connect(self.cancel_button, self.cancelled.emit)
        self.box.addStretch(1)
        self.box.addWidget(self.cancel_button)


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
        self.big = _label("packBig", self)
        self.confirm_button = _button(self.tr("Confirm"), "cartonConfirmButton", self)
        self.cancel_button = _button(self.tr("Back"), "cartonCancelButton", self, "secondary")
        guard.connect(self.confirm_button, lambda: self.action.emit(PackAction.CONFIRM))
        guard.connect(self.cancel_button, lambda: self.action.emit(PackAction.CANCEL))
        # The station's cartons: a grid where the lines are (see WorkView).
        self.grid_page = QWidget(parent)
        self.grid = QGridLayout(self.grid_page)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(TOUCH_GAP_PX)
        self.carton_buttons: dict[str, QPushButton] = {}
        self._guard = guard
        self.big.hide()
        self.caption.hide()  # the message under the page says it; the height is needed
        self.box.addStretch(1)
        self.box.addWidget(self.confirm_button)
        self.box.addWidget(self.cancel_button)

    def set_cartons(self, codes: Sequence[str]) -> None:
        """The cartons of this station, as buttons (four a row)."""
        for button in self.carton_buttons.values():
            button.deleteLater()
        self.carton_buttons = {}
        for i, code in enumerate(codes):
            button = _button(code, f"carton_{code}", self.grid_page, "key")
            self._guard.connect(button, lambda c=code: self.chosen.emit(c), "carton")
            self.grid.addWidget(button, i // 4, i % 4)
            self.carton_buttons[code] = button
        self.grid.setRowStretch(len(codes) // 4 + 1, 1)

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
        self.big = _label("packStatus", self, wrap=True)
        self.buttons: dict[PackAction, QPushButton] = {}
        for action, text, name in buttons:
            button = _button(text, name, self)
            button.setMinimumHeight(90)
            guard.connect(button, lambda a=action: self.action.emit(a), action)
            self.buttons[action] = button
        self.box.addWidget(self.big)
        self.box.addStretch(1)
        self.box.addLayout(_row(*self.buttons.values()))


class WorkView(QWidget):
    """The order's lines, the step's panel and the actions.

    Signals:
        action(object): a ``PackAction`` from the action row or an info panel.
    """

    action = Signal(object)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = _label("packStep", self)
        self.order_label = _label("packOrder", self)
        self.order_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("packLines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("SKU"),
                self.tr("Item"),
                self.tr("Picked"),
                self.tr("Verified"),
                self.tr("Left"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.scan_panel = InfoPanel(guard, (), self)
        self.qty_panel = KeypadPanel(guard, "qty", self)
        self.weigh_panel = KeypadPanel(guard, "weigh", self)
        self.hold_panel = HoldPanel(guard, self)
        self.carton_panel = CartonPanel(guard, self)
        self.print_panel = InfoPanel(
            guard, [(PackAction.RETRY, self.tr("Retry"), "printRetryButton")], self
        )
        self.done_panel = InfoPanel(
            guard,
            [
                (PackAction.NEXT, self.tr("Next order"), "packNextButton"),
                (PackAction.HOME, self.tr("Home"), "packHomeButton"),
            ],
            self,
        )
        self.left = CurrentPageStack(self)
        self.left.addWidget(self.table)
        self.left.addWidget(self.carton_panel.grid_page)
        self.left.addWidget(self.hold_panel.grid_page)
        self.side = CurrentPageStack(self)
        for panel in (
            self.scan_panel,
            self.qty_panel,
            self.weigh_panel,
            self.hold_panel,
            self.carton_panel,
            self.print_panel,
            self.done_panel,
        ):
            self.side.addWidget(panel)
        self.carton_panel.action.connect(self.action.emit)
        self.print_panel.action.connect(self.action.emit)
        self.done_panel.action.connect(self.action.emit)

        self.buttons: dict[PackAction, QPushButton] = {}
        for action, text, kind in (
            (PackAction.HOLD, self.tr("Hold"), "warning"),
            (PackAction.UNDO, self.tr("Undo"), "secondary"),
            (PackAction.QTY, self.tr("Quantity"), "secondary"),
            (PackAction.CLOSE, self.tr("Close package"), ""),
            (PackAction.TYPE_CODE, self.tr("Type a code"), "secondary"),
            (PackAction.PAUSE, self.tr("Pause"), "secondary"),
        ):
            button = _button(text, f"pack_{action.value}", self, kind)
            guard.connect(button, lambda a=action: self.action.emit(a), action)
            self.buttons[action] = button

        # Type a code and Pause at the top right; the packing actions at the bottom, in
        # the same places at every step (hidden while a keypad needs the height).
        head = QHBoxLayout()
        head.setSpacing(TOUCH_GAP_PX)
        head.addWidget(self.step)
        head.addWidget(self.order_label, 1)
        head.addWidget(self.buttons[PackAction.TYPE_CODE])
        head.addWidget(self.buttons[PackAction.PAUSE])
        middle = self.middle = QHBoxLayout()
        middle.setSpacing(TOUCH_GAP_PX)
        middle.addWidget(self.left, 5)
        middle.addWidget(self.side, 4)
        self.actions = QWidget(self)
        row = _row(*(self.buttons[a] for a in _ROW))
        row.setContentsMargins(0, 0, 0, 0)
        self.actions.setLayout(row)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(TOUCH_GAP_PX)
        box.addLayout(head)
        box.addLayout(middle, 1)
        box.addWidget(self.actions)
        self.state: PackState | None = None

    def show_prompt(self, prompt: PackPrompt) -> None:
        """Draw ``prompt``: the step, the lines, the step's panel."""
        state = self.state = prompt.state
        set_style_property(self.step, "state", state.value)
        self.step.setText(step_word(state))
        self.order_label.setText(
            self.tr("{order} · package {n}").format(order=prompt.order_number, n=prompt.package_no)
        )
        left = {
            PackState.CARTON: self.carton_panel.grid_page,
            PackState.HOLD_REASON: self.hold_panel.grid_page,
        }.get(state, self.table)
        self.left.setCurrentWidget(left)
        self.table.setRowCount(len(prompt.lines))
        for row, line in enumerate(prompt.lines):
            values = (line.sku, line.name, line.picked, line.verified, line.left)
            for column, value in enumerate(values):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(str(value))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        working = state in (PackState.VERIFY, PackState.CARTON, PackState.WEIGH, PackState.OVERRIDE)
        for action in (PackAction.HOLD, PackAction.UNDO):
            self.buttons[action].setEnabled(working or state is PackState.HOLD_REASON)
        self.buttons[PackAction.QTY].setEnabled(state is PackState.VERIFY)
        self.buttons[PackAction.CLOSE].setEnabled(state is PackState.VERIFY)
        self.buttons[PackAction.PAUSE].setEnabled(state is not PackState.DONE)
        if state is PackState.VERIFY:
            if self.side.currentWidget() is not self.qty_panel:
                self.scan_panel.caption.setText(self.tr("Scan each item into the carton."))
                self.scan_panel.big.setText(
                    self.tr("{n} left").format(n=prompt.units_left)
                    if prompt.pending_qty is None
                    else self.tr("Next scan counts {n}").format(n=prompt.pending_qty)
                )
                self._show_side(self.scan_panel)
        elif state is PackState.HOLD_REASON:
            self._show_side(self.hold_panel)
        elif state is PackState.CARTON:
            self.carton_panel.show_prompt(prompt)
            self._show_side(self.carton_panel)
        elif state in (PackState.WEIGH, PackState.OVERRIDE):
            if self.side.currentWidget() is not self.weigh_panel or state is PackState.OVERRIDE:
                caption = (
                    self.tr("Weight off: weigh again, or a supervisor scans their badge.")
                    if state is PackState.OVERRIDE
                    else self.tr("Carton {carton}: put the parcel on the scale, or type grams.")
                ).format(carton=prompt.carton or "")
                self.weigh_panel.open(
                    caption, self.tr("Expected\n{g} g").format(g=prompt.expected_g)
                )
            self._show_side(self.weigh_panel)
        elif state is PackState.PRINT:
            self._show_side(self.print_panel)
        else:
            self.done_panel.caption.setText(
                self.tr("Order {order}").format(order=prompt.order_number)
            )
            self._show_side(self.done_panel)

    def set_printing(self, pending: bool, package_no: int) -> None:
        """The print panel: labels printing, or pending with Retry."""
        self.print_panel.caption.setText(self.tr("Package {n}").format(n=package_no))
        self.print_panel.big.setText(
            self.tr("Print pending: check the printer, then tap Retry.")
            if pending
            else self.tr("Labels printing…")
        )
        self.print_panel.buttons[PackAction.RETRY].setEnabled(pending)

    def _show_side(self, panel: QWidget) -> None:
        """Show ``panel`` on the right; a keypad takes the actions' height (the actions
        go before the keypad comes and come back after it went, so that the window
        never grows to hold both)."""
        keypad = panel in (self.qty_panel, self.weigh_panel)
        self.middle.setStretch(0, 1 if keypad else 5)
        self.middle.setStretch(1, 2 if keypad else 4)
        if not keypad:
            self.side.setCurrentWidget(panel)
        for widget in (
            self.actions,
            self.buttons[PackAction.TYPE_CODE],
            self.buttons[PackAction.PAUSE],
        ):
            if widget.isVisibleTo(self) == keypad:
                widget.setVisible(not keypad)
        if keypad:
            self.side.setCurrentWidget(panel)

    @property
    def qty_open(self) -> bool:
        return self.side.currentWidget() is self.qty_panel

    def open_qty(self, left: int) -> None:
        self.qty_panel.open(
            self.tr("How many identical items? Type it, then scan ONE of them. {n} left.").format(
                n=left
            )
        )
        self._show_side(self.qty_panel)

    def close_qty(self) -> None:
        if self.qty_open:
            self._show_side(self.scan_panel)
