"""The pick screen's pages: getting work, the cart of totes, the task, and its panels.

Views only: they draw what they are given and turn taps into signals. The pick screen
(``ui.screens.pick``) decides what happens.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import ShortReason
from app.domain.pick_outcome import PickState, Prompt
from ui.screens.pick_text import reason_name, step_word
from ui.theme import set_style_property
from ui.widgets.keypad import Keypad
from ui.widgets.message import MessageLabel
from ui.widgets.page_stack import CurrentPageStack

CART_SLOTS = 12
"""The most totes a cart can hold (``Settings.cart_totes`` is at most this)."""
_CART_COLUMNS = 4


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


class StartView(QWidget):
    """No work yet: one order, or a batch onto a cart of totes.

    Signals:
        singleRequested(): Next order was tapped.
        cartRequested(): Batch on a cart was tapped.
    """

    singleRequested = Signal()
    cartRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("pickHeadline", self)
        self.title.setText(self.tr("Ready to pick"))
        self.hint = _label("hint", self, wrap=True)
        self.hint.setText(
            self.tr(
                "Tap Next order (or scan the NEXT barcode) for the most urgent order, or "
                "take a cart and pick several orders at once, one tote each."
            )
        )
        self.single_button = _button(self.tr("Next order"), "nextOrderButton", self)
        self.single_button.setMinimumHeight(140)
        self.cart_button = _button(self.tr("Batch on a cart"), "cartButton", self, "secondary")
        self.cart_button.setMinimumHeight(140)
        self.single_button.clicked.connect(self.singleRequested)
        self.cart_button.clicked.connect(self.cartRequested)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.single_button, 1)
        row.addWidget(self.cart_button, 1)
        box = QVBoxLayout(self)
        box.setSpacing(20)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addLayout(row)
        box.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        self.single_button.setEnabled(not busy)
        self.cart_button.setEnabled(not busy)


class CartView(QWidget):
    """Scan the empty totes on the cart, then start the batch.

    Signals:
        startRequested(): Start was tapped.
        clearRequested(): Clear cart was tapped.
    """

    startRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("pickHeadline", self)
        self.title.setText(self.tr("Scan the empty totes on your cart"))
        self.hint = _label("hint", self, wrap=True)
        self.capacity = 0
        self.slots: list[QLabel] = []
        grid = QGridLayout()
        grid.setSpacing(12)
        for i in range(CART_SLOTS):
            slot = _label("cartSlot", self)
            slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
            slot.setMinimumHeight(80)
            grid.addWidget(slot, i // _CART_COLUMNS, i % _CART_COLUMNS)
            self.slots.append(slot)
        self.start_button = _button("", "startCartButton", self)
        self.clear_button = _button(self.tr("Clear cart"), "clearCartButton", self, "secondary")
        self.start_button.clicked.connect(self.startRequested)
        self.clear_button.clicked.connect(self.clearRequested)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        box = QVBoxLayout(self)
        box.setSpacing(16)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addLayout(grid)
        box.addStretch(1)
        box.addLayout(row)
        self.set_capacity(6)

    def set_capacity(self, capacity: int) -> None:
        """How many totes this station's carts hold (1 to ``CART_SLOTS``)."""
        self.capacity = max(1, min(CART_SLOTS, capacity))
        self.hint.setText(
            self.tr("Up to {n} totes; each gets one order. Then tap Start.").format(n=self.capacity)
        )
        for i, slot in enumerate(self.slots):
            slot.setVisible(i < self.capacity)
        self.set_totes([])

    def set_totes(self, totes: list[str]) -> None:
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


class QtyPanel(QWidget):
    """Set how many the next item scan counts.

    Signals:
        accepted(int): OK with the number.
        cancelled(): Cancel.
    """

    accepted = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = _label("panelCaption", self, wrap=True)
        self.keypad = Keypad(self)
        self.ok_button = _button(self.tr("OK"), "qtyOkButton", self)
        self.cancel_button = _button(self.tr("Cancel"), "qtyCancelButton", self, "secondary")
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.keypad.valueChanged.connect(lambda value: self.ok_button.setEnabled(value > 0))
        self.cancel_button.clicked.connect(self.cancelled)
        side = QVBoxLayout()
        side.addWidget(self.caption)
        side.addStretch(1)
        side.addWidget(self.ok_button)
        side.addWidget(self.cancel_button)
        box = QHBoxLayout(self)
        box.addLayout(side, 1)
        box.addWidget(self.keypad, 1)

    def open(self, left: int) -> None:
        self.caption.setText(
            self.tr("How many are you taking? Then scan ONE of them. ({left} left)").format(
                left=left
            )
        )
        self.keypad.set_value(0)
        self.ok_button.setEnabled(False)

    @Slot()
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = _label("panelCaption", self, wrap=True)
        self.keypad = Keypad(self)
        self.reason_buttons: dict[ShortReason, QPushButton] = {}
        side = QVBoxLayout()
        side.addWidget(self.caption)
        for reason in ShortReason:
            button = _button(reason_name(reason).capitalize(), f"short_{reason.value}", self)
            button.setProperty("kind", "warning")
            button.clicked.connect(self._on_reason_button_clicked)
            self.reason_buttons[reason] = button
            side.addWidget(button)
        self.cancel_button = _button(self.tr("Cancel"), "shortCancelButton", self, "secondary")
        self.cancel_button.clicked.connect(self.cancelled)
        side.addStretch(1)
        side.addWidget(self.cancel_button)
        box = QHBoxLayout(self)
        box.addLayout(side, 1)
        box.addWidget(self.keypad, 1)

    def open(self, sku: str, left: int) -> None:
        self.caption.setText(
            self.tr(
                "{sku}: {left} left to take. How many CAN you take? (0 if none) Then tap why."
            ).format(sku=sku, left=left)
        )
        self.keypad.set_value(0)

    @Slot()
    def _on_reason_button_clicked(self) -> None:
        button = self.sender()
        assert isinstance(button, QPushButton)
        reason = button.objectName().removeprefix("short_")
        self.chosen.emit(self.keypad.value, reason)


class TaskView(QWidget):
    """The step: the bin big, the item, how many, the tote, progress, and the actions.

    Signals:
        action(str): ``short``, ``skip``, ``undo``, ``qty``, ``confirm`` (tote set
            aside / carry on), ``next`` (next order), ``pause``.
    """

    action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order_label = _label("pickOrder", self)
        self.progress_label = _label("pickProgressText", self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pickProgress")
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(28)
        self.pause_button = _button(self.tr("Pause"), "pauseButton", self, "secondary")
        self.pause_button.clicked.connect(lambda: self.action.emit("pause"))

        self.step = _label("pickStep", self)
        self.bin_caption = _label("pickCaption", self)
        self.bin_label = _label("pickBin", self)
        self.item_name = _label("pickItem", self)
        self.sku_label = _label("pickSku", self)
        self.qty_caption = _label("pickCaption", self)
        self.qty_label = _label("pickQty", self)
        self.tote_caption = _label("pickCaption", self)
        self.tote_label = _label("pickTote", self)
        self.qty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tote_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = MessageLabel(self)
        self.message.setProperty("emphasis", "large")

        card = QFrame(self)
        card.setObjectName("pickCard")
        grid = QGridLayout(card)
        grid.setContentsMargins(24, 12, 24, 12)
        grid.setVerticalSpacing(4)
        grid.setHorizontalSpacing(32)
        grid.addWidget(self.step, 0, 0, 1, 3)
        grid.addWidget(self.bin_caption, 1, 0)
        grid.addWidget(self.qty_caption, 1, 1)
        grid.addWidget(self.tote_caption, 1, 2)
        grid.addWidget(self.bin_label, 2, 0)
        grid.addWidget(self.qty_label, 2, 1)
        grid.addWidget(self.tote_label, 2, 2)
        grid.addWidget(self.item_name, 3, 0, 1, 3)
        grid.addWidget(self.sku_label, 4, 0, 1, 3)
        # The card gives way to a long message rather than the window growing past
        # the kiosk's screen: it takes what is left (its big labels keep their size).
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("short", self.tr("Short"), "warning"),
            ("skip", self.tr("Skip"), "secondary"),
            ("undo", self.tr("Undo"), "secondary"),
            ("qty", self.tr("Quantity"), "secondary"),
            ("confirm", self.tr("Set aside"), ""),
            ("next", self.tr("Next order"), ""),
        )
        row = QHBoxLayout()
        row.setSpacing(16)
        for key, text, kind in actions:
            button = _button(text, f"{key}Button", self, kind)
            button.setMinimumHeight(88)
            button.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            button.hide()  # show_prompt shows the ones for the step
            row.addWidget(button, 1)
            self.buttons[key] = button
        self.actions_row = QWidget(self)
        self.actions_row.setLayout(row)
        self.main_page = QWidget(self)
        main = QVBoxLayout(self.main_page)
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(14)
        main.addWidget(card, 1)
        main.addWidget(self.actions_row)
        self.qty_panel = QtyPanel(self)
        self.short_panel = ShortPanel(self)
        # A panel takes the card's place: the keypad needs the room, and the picker
        # answers the panel before going on.
        self.body = CurrentPageStack(self)
        self.body.setObjectName("pickBody")
        for page in (self.main_page, self.qty_panel, self.short_panel):
            self.body.addWidget(page)

        header = QHBoxLayout()
        header.addWidget(self.order_label, 1)
        header.addWidget(self.progress_label)
        header.addWidget(self.pause_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        box.addLayout(header)
        box.addWidget(self.progress)
        box.addWidget(self.body, 1)
        box.addWidget(self.message)

    def show_prompt(
        self, prompt: Prompt, *, batch: bool, orders: Sequence[str], totes: Sequence[str]
    ) -> None:
        """Draw ``prompt``: what to do, where, what and how many.

        Args:
            prompt: the session's prompt.
            batch: several orders on a cart.
            orders: the order numbers still in the session (for DONE).
            totes: their totes (for DONE).
        """
        state = self.step_state = prompt.state
        set_style_property(self.step, "state", state.value)
        self.step.setText(step_word(state, batch))
        if batch:
            self.order_label.setText(
                self.tr("Batch of {n} orders · {order}").format(
                    n=len(orders), order=prompt.order_number or ""
                )
            )
        else:
            self.order_label.setText(
                self.tr("Order {order}").format(
                    order=prompt.order_number or (orders[0] if orders else "")
                )
            )
        self.progress_label.setText(
            self.tr("{done} of {total} lines").format(
                done=prompt.lines_done, total=prompt.lines_total
            )
        )
        self.progress.setRange(0, max(1, prompt.lines_total))
        self.progress.setValue(prompt.lines_done)
        task = state not in (PickState.DONE, PickState.CANCELLED)
        if task:
            self.bin_caption.setText(self.tr("Bin"))
            self.bin_label.setText(prompt.bin or self.tr("no bin"))
            self.item_name.setText(prompt.name or "")
            self.sku_label.setText(
                self.tr("SKU {sku} · line {line}").format(sku=prompt.sku, line=prompt.line_no)
            )
        elif state is PickState.CANCELLED:
            self.bin_caption.setText(self.tr("Stopped order"))
            self.bin_label.setText(prompt.order_number or "")
            self.item_name.setText(
                self.tr("Take its tote off the cart.")
                if prompt.tote
                else self.tr("Set the items you took for it aside.")
            )
            self.sku_label.setText("")
        elif not orders:
            self.bin_caption.setText("")
            self.bin_label.setText("—")
            self.item_name.setText(self.tr("Nothing is left to pick here."))
            self.sku_label.setText("")
        else:
            self.bin_caption.setText(self.tr("Picked"))
            self.bin_label.setText(
                orders[0] if len(orders) == 1 else self.tr("{n} orders").format(n=len(orders))
            )
            self.item_name.setText(
                self.tr("Totes to packing: {totes}").format(totes=", ".join(totes))
                if totes
                else self.tr("Take it to packing.")
            )
            self.sku_label.setText(self.tr("{lines} lines").format(lines=prompt.lines_total))
        pending = prompt.pending_qty
        take = pending if pending is not None and state is not PickState.SHORT_REASON else None
        if task:
            self.qty_caption.setText(
                self.tr("Take ({ordered} ordered)").format(ordered=prompt.qty_ordered)
            )
            self.qty_label.setText(str(take if take is not None else prompt.qty_left))
        else:
            self.qty_caption.setText("")
            self.qty_label.setText("")
        show_tote = prompt.tote is not None and (task or state is PickState.CANCELLED)
        self.tote_caption.setText(self.tr("Tote") if show_tote else "")
        self.tote_label.setText(prompt.tote or "")
        if self.tote_label.isVisibleTo(self) != show_tote:
            self.tote_label.setVisible(show_tote)
        set_style_property(
            self.tote_label, "active", "true" if state is PickState.PUT_IN_TOTE else "false"
        )
        # The same four buttons, in the same places, on every picking step: a gloved
        # hand finds them without looking, and the row is not rebuilt on every scan
        # (showing and hiding buttons costs about a third of a millisecond each). One
        # tapped at a step it does not fit is answered with what the step needs.
        visible = {
            "short": task,
            "skip": task,
            "undo": task,
            "qty": task,
            "confirm": state is PickState.CANCELLED,
            "next": state is PickState.DONE,
        }
        for key, button in self.buttons.items():
            if button.isVisibleTo(self) != visible[key]:
                button.setVisible(visible[key])
        if state is PickState.SHORT_REASON:
            if self.body.currentWidget() is not self.short_panel:
                self.open_short(prompt.sku or "", prompt.qty_left)
        else:
            self.body.setCurrentWidget(self.main_page)

    def open_qty(self, left: int) -> None:
        self.qty_panel.open(left)
        self.body.setCurrentWidget(self.qty_panel)

    def open_short(self, sku: str, left: int) -> None:
        self.short_panel.open(sku, left)
        self.body.setCurrentWidget(self.short_panel)

    def close_panels(self) -> None:
        self.body.setCurrentWidget(self.main_page)
