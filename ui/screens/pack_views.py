"""The pack screen's pages: the start (scan an order or a tote) and the work page.

Views only: they draw what they are given and turn taps into signals. The pack screen
(``ui.screens.pack``) decides what happens. The work page keeps the order's lines on
the left at every step; the right side shows what the step needs (the keypad, the hold
reasons, the cartons, the weight, the labels, the next order), and the same row of
actions sits at the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.pack_outcome import PackPrompt, PackState
from ui.hardware_keys import PACK_KEYS, bind_key
from ui.screens.pack_lines import LinesTable
from ui.screens.pack_panels import (
    ACTION_ROW,
    START_CHOICES,
    CartonPanel,
    HoldPanel,
    InfoPanel,
    KeypadPanel,
    PackAction,
    button_row,
    make_button,
    make_label,
)
from ui.screens.pack_text import step_word
from ui.theme import TOUCH_GAP_PX, set_style_property
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.scroll_page import scroll_page
from ui.widgets.taps import TapGuard
from ui.widgets.wrap_label import WrapLabel


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
        self.title = make_label("packHeadline", self)
        self.hint = make_label("hint", self, wrap=True)
        self.order_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(TOUCH_GAP_PX)
        for i in range(START_CHOICES):
            button = make_button("", f"packOrder{i}", self)
            button.setMinimumHeight(90)
            button.hide()
            guard.connect(button, lambda b=button: self.chosen.emit(b.property("order")), "order")
            grid.addWidget(button, i // 3, i % 3)
            self.order_buttons.append(button)
        self.type_button = make_button("", "typeCodeButton", self, "secondary")
        self.back_button = make_button("", "packBackButton", self, "secondary")
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
        self._choices: tuple[str, Sequence[str]] = ("", [])
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Ready to pack"))
        self.type_button.setText(self.tr("Type a code"))
        self.back_button.setText(self.tr("Back"))
        self.show_choices(*self._choices)

    def show_choices(self, tote: str, orders: Sequence[str]) -> None:
        """List ``orders`` of ``tote`` to tap (none: the plain start page)."""
        self._choices = (tote, list(orders))
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


class WorkView(QWidget):
    """The order's lines, the step's panel and the actions.

    Signals:
        action(object): a ``PackAction`` from the action row or an info panel.
    """

    action = Signal(object)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The step's word wraps where Type a code and Pause leave it too little width.
        self.step = WrapLabel(self)
        self.step.setObjectName("packStep")
        self.step.setTextFormat(Qt.TextFormat.PlainText)
        self.order_label = make_label("packOrder", self)
        self.table = LinesTable(self)

        self.scan_panel = InfoPanel(guard, (), self)
        self.qty_panel = KeypadPanel(guard, "qty", self)
        self.weigh_panel = KeypadPanel(guard, "weigh", self)
        self.hold_panel = HoldPanel(guard, self)
        self.carton_panel = CartonPanel(guard, self)
        self.print_panel = InfoPanel(guard, [(PackAction.RETRY, "", "printRetryButton")], self)
        self.done_panel = InfoPanel(
            guard,
            [(PackAction.NEXT, "", "packNextButton"), (PackAction.HOME, "", "packHomeButton")],
            self,
        )
        self.done_panel.big.hide()  # its caption says the order; the height is needed
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
        for action, kind in (
            (PackAction.HOLD, "warning"),
            (PackAction.UNDO, "secondary"),
            (PackAction.QTY, "secondary"),
            (PackAction.CLOSE, ""),
            (PackAction.TYPE_CODE, "secondary"),
            (PackAction.PAUSE, "secondary"),
        ):
            button = make_button("", f"pack_{action.value}", self, kind)
            bind_key(button, PACK_KEYS.get(action))
            guard.connect(button, lambda a=action: self.action.emit(a), action)
            self.buttons[action] = button

        # Type a code and Pause at the top right; the order's number over the step's
        # panel; the packing actions at the bottom, in the same places at every step
        # (hidden while a keypad needs the height), onto two rows where they do not fit
        # across. On a screen too short for all of it the page scrolls, the lines and
        # the counts first.
        head = QHBoxLayout()
        head.setSpacing(TOUCH_GAP_PX)
        head.addWidget(self.step, 0, Qt.AlignmentFlag.AlignTop)
        head.addStretch(1)
        self.head_buttons = button_row(
            self.buttons[PackAction.TYPE_CODE], self.buttons[PackAction.PAUSE]
        )
        head.addWidget(self.head_buttons)
        side = QVBoxLayout()
        side.setSpacing(TOUCH_GAP_PX // 2)
        side.addWidget(self.order_label)
        side.addWidget(self.side, 1)
        middle = self.middle = QHBoxLayout()
        middle.setSpacing(TOUCH_GAP_PX)
        middle.addWidget(self.left, 2)
        middle.addLayout(side, 1)
        self.actions = button_row(*(self.buttons[a] for a in ACTION_ROW))
        box = QVBoxLayout(scroll_page(self))
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(TOUCH_GAP_PX)
        box.addLayout(head)
        box.addLayout(middle, 1)
        box.addWidget(self.actions)
        self.state: PackState | None = None
        self.retranslate()

    def _fit_head(self) -> None:
        """Type a code and Pause side by side while the step's word can wrap instead;
        one under the other only where its longest word leaves too little width."""
        row, page = self.head_buttons, self.head_buttons.parentWidget()
        across = row.needs(2)
        room = page.width() - self.step.minimumSizeHint().width() - TOUCH_GAP_PX
        wanted = across if across <= room else 0
        if row.minimumWidth() != wanted:
            row.setMinimumWidth(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_head()

    def retranslate(self) -> None:
        """The words that do not depend on the order (``show_prompt`` draws the rest
        again: the lines are redrawn at the next prompt)."""
        self.table.set_headers(
            [self.tr("Item"), self.tr("SKU"), self.tr("Verified"), self.tr("Left")]
        )
        words = {
            PackAction.HOLD: self.tr("Hold"),
            PackAction.UNDO: self.tr("Undo"),
            PackAction.QTY: self.tr("Quantity"),
            PackAction.CLOSE: self.tr("Close package"),
            PackAction.TYPE_CODE: self.tr("Type a code"),
            PackAction.PAUSE: self.tr("Pause"),
        }
        for action, text in words.items():
            self.buttons[action].setText(text)
        self.print_panel.buttons[PackAction.RETRY].setText(self.tr("Retry"))
        self.done_panel.buttons[PackAction.NEXT].setText(self.tr("Next order"))
        self.done_panel.buttons[PackAction.HOME].setText(self.tr("Home"))
        for panel in (self.qty_panel, self.weigh_panel, self.hold_panel, self.carton_panel):
            panel.retranslate()

    def show_prompt(self, prompt: PackPrompt) -> None:
        """Draw ``prompt``: the step, the lines, the step's panel."""
        state = self.state = prompt.state
        set_style_property(self.step, "state", state.value)
        self.step.setText(step_word(state))
        self._fit_head()
        self.order_label.setText(prompt.order_number)
        left = {
            PackState.CARTON: self.carton_panel.grid_page,
            PackState.HOLD_REASON: self.hold_panel.grid_page,
        }.get(state, self.table)
        if self.left.currentWidget() is not left:
            self.left.setCurrentWidget(left)
        self.table.show_lines(prompt.lines)
        working = state in (PackState.VERIFY, PackState.CARTON, PackState.WEIGH, PackState.OVERRIDE)
        for action in (PackAction.HOLD, PackAction.UNDO):
            self.buttons[action].setEnabled(working or state is PackState.HOLD_REASON)
        self.buttons[PackAction.QTY].setEnabled(state is PackState.VERIFY)
        self.buttons[PackAction.CLOSE].setEnabled(state is PackState.VERIFY)
        self.buttons[PackAction.PAUSE].setEnabled(state is not PackState.DONE)
        if state is PackState.VERIFY:
            if self.side.currentWidget() is not self.qty_panel:
                self.scan_panel.caption.setText(
                    self.tr("Package {n}: scan each item into the carton.").format(
                        n=prompt.package_no
                    )
                )
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
            self.tr("Print pending.")  # the message under it says what to do
            if pending
            else self.tr("Labels printing…")
        )
        self.print_panel.buttons[PackAction.RETRY].setEnabled(pending)

    def _show_side(self, panel: QWidget) -> None:
        """Show ``panel`` on the right; a keypad takes the actions' height (the actions
        go before the keypad comes and come back after it went, so that the window
        never grows to hold both)."""
        keypad = panel in (self.qty_panel, self.weigh_panel)
        self.middle.setStretch(0, 1 if keypad else 2)
        self.middle.setStretch(1, 2 if keypad else 1)
        if not keypad and self.side.currentWidget() is not panel:
            self.side.setCurrentWidget(panel)
        # A keypad takes the whole width too: beside the lines its sentences were cut.
        for widget in (self.actions, self.left, self.head_buttons):
            if widget.isVisibleTo(self) == keypad:
                widget.setVisible(not keypad)
        if keypad:
            self.side.setCurrentWidget(panel)
        # The order's number over the panel, but for a keypad (its caption says what
        # it is for: the height is the keys') and the done panel (which says it).
        number = not keypad and panel is not self.done_panel
        if self.order_label.isVisibleTo(self) != number:
            self.order_label.setVisible(number)

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
