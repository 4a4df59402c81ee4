"""An on-screen keyboard for a code a scanner cannot read, sized for gloves.

A touch-only kiosk or a handheld has no keyboard, yet a torn or smudged label has to
be entered somehow: the "Type a code" button of every scanning screen opens this
keyboard over the window. It has the characters bin, tote, order, SKU and product
codes are made of (letters, digits, dash), one big display of what is typed, and
Enter, which sends the code into the same scan pipeline as a scanner (a ``RawScan``
with source ``TYPED``): the same resolution, the same feedback, the same counting.

Keys keep the kiosk's touch-target sizes (``ui.theme.TOUCH_MIN_PX`` tall,
``TOUCH_GAP_PX`` apart) and are laid out in ten columns on a landscape kiosk; a narrow
handheld screen gets six columns with half the gap (its pixels are smaller, and all
37 keys must fit on it), and so does a short one (1024x600: four rows of keys and the
commands must fit its height). Enter ends the last row of keys.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import HardwareAction
from app.domain.scan import MAX_SCAN_LENGTH, RawScan, ScanSource
from ui.hardware_keys import OVERLAY_PROPERTY, bind_key
from ui.i18n import follow_language
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.taps import TapGuard

KEYS = string.digits + "QWERTYUIOP" + "ASDFGHJKL-" + "ZXCVBNM"
"""The character keys, in keyboard order (digits first: most codes are mostly digits)."""
WIDE_COLUMNS = 10
NARROW_COLUMNS = 6
NARROW_BELOW_PX = 900
"""A window narrower than this gets the six-column layout."""
SHORT_BELOW_PX = 700
"""A window shorter than this (a 1024x600 screen) gets half the gap between keys."""
MAX_CODE = min(MAX_SCAN_LENGTH, 48)
"""Longer than any code printed on a label here."""


class CodeKeyboard(QFrame):
    """Covers its parent (the main window) while a code is typed.

    Signals:
        submitted(object): Enter with a code: its ``RawScan`` (source ``TYPED``).
        closed(): the keyboard went away (Enter or Cancel).
    """

    submitted = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("codeKeyboard")
        self._typed = ""
        self._columns: tuple[int, bool] = (0, False)
        self.guard = TapGuard(self)

        self.panel = QFrame(self)
        self.panel.setObjectName("codeKeyboardPanel")
        self.title = QLabel(self.panel)
        self.title.setObjectName("keyboardTitle")
        self.display = QLabel(self.panel)
        self.display.setObjectName("keyboardDisplay")
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        for char in KEYS:
            button = QPushButton(char, self.panel)
            button.setObjectName(f"codeKey_{char}")
            button.setProperty("kind", "codeKey")
            button.setMinimumSize(TOUCH_MIN_PX, TOUCH_MIN_PX)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Typing the same character twice is normal ("00"): keys are not guarded.
            button.clicked.connect(lambda _=False, c=char: self.type_text(c))
            self.keys[char] = button
        self.back_button = self._command("", "keyboardBack", "secondary")
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.clear_button = self._command("", "keyboardClear", "secondary")
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.cancel_button = self._command("", "keyboardCancel", "secondary")
        self.guard.connect(self.cancel_button, self.cancel)
        self.enter_button = self._command("", "keyboardEnter", "")
        bind_key(self.enter_button, HardwareAction.CONFIRM)
        self.setProperty(OVERLAY_PROPERTY, True)  # keys act on this keyboard while shown
        self.guard.connect(self.enter_button, self.enter)

        self.grid = QGridLayout()
        # Enter ends the last row of keys (where the keyboard's Enter is); the other
        # commands in a row under them, two by two where their words do not fit.
        self.commands = ReflowRow(
            (self.back_button, self.clear_button, self.cancel_button), self.panel, natural=True
        )
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(24, 16, 24, 16)
        box.setSpacing(16)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        box.addLayout(top)
        box.addWidget(self.display)
        box.addLayout(self.grid)
        self._between = QWidget(self.panel)  # the gap between keys and commands
        box.addWidget(self._between)
        box.addWidget(self.commands)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addStretch(1)
        outer.addWidget(self.panel)
        outer.addStretch(1)

        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.retranslate()
        follow_language(self)
        self._lay_out_keys()
        self._show_typed()
        self.hide()

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.title.setText(self.tr("Type the code from the label"))
        self.back_button.setText(self.tr("⌫ Delete"))
        self.back_button.setAccessibleName(self.tr("Delete the last character"))
        self.clear_button.setText(self.tr("Clear"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.enter_button.setText(self.tr("Enter"))

    def _command(self, text: str, name: str, kind: str) -> QPushButton:
        button = QPushButton(text, self.panel)
        button.setObjectName(name)
        if kind:
            button.setProperty("kind", kind)
        button.setMinimumHeight(TOUCH_MIN_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # -- use ---------------------------------------------------------------------------

    @property
    def typed(self) -> str:
        """What is typed so far."""
        return self._typed

    def open(self) -> None:
        """Show the keyboard, empty, over the whole window."""
        self._typed = ""
        self._show_typed()
        self.guard.forget()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._lay_out_keys()
        self.show()
        self.raise_()
        self.setFocus()

    def type_text(self, text: str) -> None:
        """Type ``text`` (what the keys and a physical keyboard do): characters of
        :data:`KEYS` only, upper-cased, up to :data:`MAX_CODE`."""
        for char in text.upper():
            if char in KEYS and len(self._typed) < MAX_CODE:
                self._typed += char
        self._show_typed()

    def enter(self) -> RawScan | None:
        """Send the code typed (nothing when empty) and close."""
        code = self._typed.strip()
        if not code:
            return None
        self.close_keyboard()
        raw = RawScan(code, source=ScanSource.TYPED)
        self.submitted.emit(raw)
        return raw

    def cancel(self) -> None:
        """Close without sending anything."""
        self.close_keyboard()

    def close_keyboard(self) -> None:
        self._typed = ""
        self.hide()
        self.closed.emit()

    # -- layout ------------------------------------------------------------------------

    def _lay_out_keys(self) -> None:
        width = self.width() if self.width() > 0 else WIDE_COLUMNS * 100
        columns = WIDE_COLUMNS if width >= NARROW_BELOW_PX else NARROW_COLUMNS
        short = 0 < self.height() < SHORT_BELOW_PX
        if (columns, short) == self._columns:
            return
        self._columns = (columns, short)
        gap = TOUCH_GAP_PX if columns == WIDE_COLUMNS and not short else TOUCH_GAP_PX // 2
        self.grid.setSpacing(gap)
        self.commands.set_gap(gap)
        self._between.setFixedHeight(max(0, gap - 2 * 16))
        for button in (*self.keys.values(), self.enter_button):
            self.grid.removeWidget(button)
        for i, char in enumerate(KEYS):
            self.grid.addWidget(self.keys[char], i // columns, i % columns)
        last = len(KEYS) - 1
        free = columns - 1 - last % columns  # the cells after the last key
        if free >= 2:
            self.grid.addWidget(self.enter_button, last // columns, last % columns + 1, 1, free)
        else:
            self.grid.addWidget(self.enter_button, last // columns + 1, 0, 1, columns)

    def _show_typed(self) -> None:
        self.display.setText(self._typed or " ")
        self.display.setAccessibleName(self._typed)
        self.enter_button.setEnabled(bool(self._typed))

    # -- events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self._lay_out_keys()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A station that has a keyboard after all may type here too.
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif key == Qt.Key.Key_Backspace:
            self._on_back_button_clicked()
        elif event.text():
            self.type_text(event.text())
        else:
            super().keyPressEvent(event)

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self._typed = self._typed[:-1]
        self._show_typed()

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        self._typed = ""
        self._show_typed()
