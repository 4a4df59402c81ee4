"""The pick screen's task page: the step's card, its row of actions, and its panels.

A view only: it draws the prompt it is given and turns taps and panel answers into
signals; the pick screen (``ui.screens.pick``) decides what happens.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import ShortReason
from app.domain.pick_outcome import PickState, Prompt
from app.picking import PanelAnswer, PickAction
from app.picking.handback import HandBack
from ui.hardware_keys import PICK_KEYS, bind_key
from ui.screens.pick_handback import HandBackPanel
from ui.screens.pick_panels import PickPage, QtyPanel, ShortPanel, make_button, make_label
from ui.screens.pick_text import shorts_text, step_word
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX, set_style_property
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.taps import TapGuard

_TASK_ACTIONS = (
    PickAction.SHORT,
    PickAction.SKIP,
    PickAction.UNDO,
    PickAction.QTY,
    PickAction.HAND_BACK,
)
_DONE_ACTIONS = (PickAction.NEXT, PickAction.CART, PickAction.HOME)


class TaskView(PickPage):
    """The step: the bin big, the item, how many, the tote, progress, and the actions.

    The four picking actions (Short, Skip, Undo, Quantity) sit in one row at the
    bottom, in the same places on every picking step; a stopped order has Set aside
    there, a finished pick Next order, Batch on a cart and Home. Hand back ends the
    picking row, after the four: it is there only while there is work to give back,
    and it asks before it acts (``HandBackPanel``), so a tap meant for Quantity that
    lands on it costs one Cancel.

    Signals:
        action(object): SHORT, SKIP, UNDO, QTY, SET_ASIDE, NEXT, CART, HOME, PAUSE,
            TYPE_CODE, HAND_BACK.
        panelAnswered(object): a ``PanelAnswer`` of the keypad or the short panel.
        handBackConfirmed(object): the ``HandBack`` the picker confirmed.
    """

    panelAnswered = Signal(object)
    handBackConfirmed = Signal(object)

    def __init__(self, guard: TapGuard, parent: QWidget | None = None) -> None:
        super().__init__(guard, parent)
        # The order wraps (a batch's long sentence); the progress, redrawn on every
        # scan, does not (see the card's labels below).
        self.order_label = make_label("pickOrder", self, wrap=True)
        self.order_label.setMinimumWidth(TOUCH_MIN_PX)  # the buttons beside it set the width
        self.progress_label = make_label("pickProgressText", self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pickProgress")
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(28)
        self.type_button = make_button("", "typeCodeButton", self, "secondary")
        self.pause_button = make_button("", "pauseButton", self, "secondary")
        self._connect(self.type_button, PickAction.TYPE_CODE)
        self._connect(self.pause_button, PickAction.PAUSE)
        # Pause hides when the pick is done: the header keeps its height.
        policy = self.pause_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.pause_button.setSizePolicy(policy)

        self.step = make_label("pickStep", self)
        # The captions wrap: they change with the line, not with every scan.
        self.bin_caption = make_label("pickCaption", self, wrap=True)
        self.bin_label = make_label("pickBin", self)
        self.item_name = make_label("pickItem", self)
        self.sku_label = make_label("pickSku", self)
        # The done card's list of shorts wraps; the labels redrawn on every scan do not
        # (a word-wrapped label makes the card lay out again: milliseconds per scan).
        self.shorts_label = make_label("pickSku", self, wrap=True)
        self.qty_caption = make_label("pickCaption", self, wrap=True)
        self.qty_label = make_label("pickQty", self)
        self.tote_caption = make_label("pickCaption", self, wrap=True)
        # The lines across the card do not set its width (the bin, the quantity and
        # the tote do): they have the card's whole width to say their sentence.
        for label in (self.step, self.item_name, self.sku_label, self.shorts_label):
            label.setMinimumWidth(TOUCH_MIN_PX)
        # Nor do the captions' words: the bin, the number and the tote do.
        for label in (self.bin_caption, self.qty_caption, self.tote_caption):
            label.setMinimumWidth(TOUCH_MIN_PX)
        self.tote_label = make_label("pickTote", self)
        self.qty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tote_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

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
        grid.addWidget(self.shorts_label, 5, 0, 1, 3)
        grid.setRowStretch(6, 1)
        # The card takes what is left between the header and the actions (its big
        # labels keep their size); the window never grows past the kiosk's screen: on
        # a screen too short for it (1024x600) the card scrolls under the bin.
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.card_area = QScrollArea(self)
        self.card_area.setObjectName("pickCardScroll")
        self.card_area.setFrameShape(QFrame.Shape.NoFrame)
        self.card_area.setWidgetResizable(True)
        self.card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.card_area.setWidget(card)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.buttons: dict[PickAction, QPushButton] = {}
        kinds = {
            PickAction.SHORT: "warning",
            PickAction.SKIP: "secondary",
            PickAction.UNDO: "secondary",
            PickAction.QTY: "secondary",
            PickAction.HAND_BACK: "secondary",
            PickAction.CART: "secondary",
            PickAction.HOME: "secondary",
        }
        # One row of buttons per kind of step, in a stack: a step that changes the row
        # (an order done, a stopped order) switches one page instead of showing and
        # hiding each button (a third of a millisecond apiece, on the scan's frame).
        # A row whose words do not fit across wraps onto two.
        self._action_pages: dict[PickAction, QWidget] = {}
        self.actions_row = CurrentPageStack(self)
        for group in (_TASK_ACTIONS, (PickAction.SET_ASIDE,), _DONE_ACTIONS):
            page = ReflowRow(parent=self.actions_row)
            for key in group:
                button = make_button("", f"{key.value}Button", page, kinds.get(key, ""))
                button.setMinimumHeight(88)
                self._connect(button, key)
                bind_key(button, PICK_KEYS.get(key))
                page.add(button)
                self.buttons[key] = button
                self._action_pages[key] = page
            self.actions_row.addWidget(page)
        self.main_page = QWidget(self)
        main = QVBoxLayout(self.main_page)
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(14)
        main.addWidget(self.card_area, 1)
        main.addWidget(self.actions_row)
        self.qty_panel = QtyPanel(guard, self)
        self.short_panel = ShortPanel(guard, self)
        answered = self.panelAnswered.emit
        self.qty_panel.accepted.connect(lambda qty: answered(PanelAnswer(False, qty)))
        self.qty_panel.cancelled.connect(lambda: answered(PanelAnswer(False, None)))
        self.short_panel.chosen.connect(
            lambda found, why: answered(PanelAnswer(True, found, ShortReason(why)))
        )
        self.short_panel.cancelled.connect(lambda: answered(PanelAnswer(True, None)))
        self.hand_back_panel = HandBackPanel(guard, self)
        self.hand_back_panel.confirmed.connect(self.handBackConfirmed)
        self.hand_back_panel.cancelled.connect(self.close_panels)
        # A panel takes the card's place: the keypad needs the room, and the picker
        # answers the panel before going on.
        self.body = CurrentPageStack(self)
        self.body.setObjectName("pickBody")
        for page in (self.main_page, self.qty_panel, self.short_panel, self.hand_back_panel):
            self.body.addWidget(page)

        # The order and the buttons on top, the lines done beside their bar: a long
        # order sentence and the buttons share the width without the count.
        header = QHBoxLayout()
        header.setSpacing(TOUCH_GAP_PX)
        header.addWidget(self.order_label, 1)
        header.addWidget(self.type_button)
        header.addWidget(self.pause_button)
        progress = QHBoxLayout()
        progress.setSpacing(16)
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.progress_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        box.addLayout(header)
        box.addLayout(progress)
        box.addWidget(self.body, 1)
        self._drawn: tuple[Prompt, bool, Sequence[str], Sequence[str]] | None = None
        self.step_state: PickState | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Say everything again in the language now in force (the step drawn too)."""
        self.type_button.setText(self.tr("Type a code"))
        self.pause_button.setText(self.tr("Pause"))
        words = {
            PickAction.SHORT: self.tr("Short"),
            PickAction.SKIP: self.tr("Skip"),
            PickAction.UNDO: self.tr("Undo"),
            PickAction.QTY: self.tr("Quantity"),
            PickAction.HAND_BACK: self.tr("Hand back"),
            PickAction.SET_ASIDE: self.tr("Set aside"),
            PickAction.NEXT: self.tr("Next order"),
            PickAction.CART: self.tr("Batch on a cart"),
            PickAction.HOME: self.tr("Home"),
        }
        for action, text in words.items():
            self.buttons[action].setText(text)
        self.qty_panel.retranslate()
        self.short_panel.retranslate()
        self.hand_back_panel.retranslate()
        if self._drawn is not None:
            panel = self.body.currentWidget()
            prompt, batch, orders, totes = self._drawn
            self.show_prompt(prompt, batch=batch, orders=orders, totes=totes)
            self._show_body(panel)  # an open panel stays open

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
        self._drawn = (prompt, batch, orders, totes)
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
        # QProgressBar.setValue repaints at once (to show progress inside a busy loop):
        # off, so that the bar is drawn with the rest, after the scan's feedback.
        bar, total = self.progress, max(1, prompt.lines_total)
        if (bar.maximum(), bar.value()) != (total, prompt.lines_done):
            bar.setUpdatesEnabled(False)
            bar.setRange(0, total)
            bar.setValue(prompt.lines_done)
            bar.setUpdatesEnabled(True)
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
            self.shorts_label.setText("")
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
            # The shorts go with the totes: packing and the supervisor must know.
            self.sku_label.setText("")
            self.shorts_label.setText(shorts_text(prompt.shorts, prompt.lines_total))
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
        # No quantity column off a picking step: the bin (a stopped order's number) and
        # the tote have its width (on a 1024 px screen they need it).
        if self.qty_label.isVisibleTo(self) != task:
            self.qty_label.setVisible(task)
            self.qty_caption.setVisible(task)
        show_tote = prompt.tote is not None and (task or state is PickState.CANCELLED)
        self.tote_caption.setText(self.tr("Tote") if show_tote else "")
        self.tote_label.setText(prompt.tote or "")
        if self.tote_label.isVisibleTo(self) != show_tote:
            self.tote_label.setVisible(show_tote)
        set_style_property(
            self.tote_label, "active", "true" if state is PickState.PUT_IN_TOTE else "false"
        )
        # The same buttons, in the same places, on every picking step: a gloved
        # hand finds them without looking, and the row is not rebuilt on every scan
        # (showing and hiding buttons costs about a third of a millisecond each). One
        # tapped at a step it does not fit is answered with what the step needs.
        done = state is PickState.DONE
        if not done and self.shorts_label.text():
            self.shorts_label.setText("")
        if state is PickState.CANCELLED:
            page = self._action_pages[PickAction.SET_ASIDE]
        else:
            page = self._action_pages[PickAction.NEXT if done else PickAction.SHORT]
        if self.actions_row.currentWidget() is not page:
            self.actions_row.setCurrentWidget(page)
        if state is PickState.SHORT_REASON:
            if self.body.currentWidget() is not self.short_panel:
                self.open_short(prompt.sku or "", prompt.qty_left)
        else:
            self._show_body(self.main_page)  # Pause only while there is work

    @property
    def qty_open(self) -> bool:
        """The quantity keypad is on screen."""
        return self.body.currentWidget() is self.qty_panel

    @property
    def short_open(self) -> bool:
        """The short panel is on screen."""
        return self.body.currentWidget() is self.short_panel

    def open_qty(self, left: int) -> None:
        self.qty_panel.open(left)
        self._show_body(self.qty_panel)

    def open_qty_again(self) -> None:
        """Back to the keypad as it was (a scan it could not take was refused)."""
        self._show_body(self.qty_panel)

    def open_short(self, sku: str, left: int) -> None:
        self.short_panel.open(sku, left)
        self._show_body(self.short_panel)

    @property
    def hand_back_open(self) -> bool:
        """The Hand back panel is on screen."""
        return self.body.currentWidget() is self.hand_back_panel

    def open_hand_back(self, hand_back: HandBack) -> None:
        """Ask the picker to confirm ``hand_back``, saying what to do with the pieces."""
        self.hand_back_panel.open(hand_back)
        self._show_body(self.hand_back_panel)

    def close_panels(self) -> None:
        self._show_body(self.main_page)

    def _show_body(self, page: QWidget) -> None:
        """The card or a panel; a panel takes the header's and the progress row's
        height too (the keypad needs it on a 600 px screen; the panel's caption says
        what it is for), and gives it back when it goes (the header hides before the
        panel comes, so that the window never has to hold both)."""
        panel = page is not self.main_page
        for widget in (self.order_label, self.progress, self.progress_label, self.type_button):
            if widget.isVisibleTo(self) == panel:
                widget.setVisible(not panel)
        # Pause hidden at a done step keeps the header's height; under a panel the
        # header goes with it.
        policy = self.pause_button.sizePolicy()
        if policy.retainSizeWhenHidden() == panel:
            policy.setRetainSizeWhenHidden(not panel)
            self.pause_button.setSizePolicy(policy)
        pause = panel or self.step_state is PickState.DONE
        if self.pause_button.isVisibleTo(self) == pause:
            self.pause_button.setVisible(not pause)
        if self.body.currentWidget() is not page:
            self.body.setCurrentWidget(page)
