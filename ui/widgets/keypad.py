"""A number keypad for gloved fingers: big keys, the number shown large above them.

Three keys across and four rows where there is the height (a telephone's keypad);
where there is not (a 1024x600 screen, a panel under a header), four across and three
rows: the digits keep their places, Delete and Clear go to the right of them and 0
under Delete. The keys never get smaller than a gloved finger needs.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import follow_language
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX

MAX_DIGITS = 4
KEY_MIN_WIDTH = 110

TALL = ("7", "8", "9", "4", "5", "6", "1", "2", "3", "clear", "0", "back")
"""Three across, four rows."""
WIDE = ("7", "8", "9", "back", "4", "5", "6", "clear", "1", "2", "3", "0")
"""Four across, three rows."""


class Keypad(QWidget):
    """Digits 0-9, Clear and Back; no text field, so no on-screen keyboard pops up.

    Signals:
        valueChanged(int): the number shown changed.
    """

    valueChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, max_digits: int = MAX_DIGITS) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._max_digits = max_digits
        self._digits = ""
        self.display = QLabel("0", self)
        self.display.setObjectName("keypadDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = self._grid = QGridLayout()
        grid.setSpacing(TOUCH_GAP_PX)
        self.keys: dict[str, QPushButton] = {}
        for key in TALL:
            button = QPushButton(key if key.isdigit() else "", self)
            button.setObjectName(f"key_{key}")
            button.setProperty("kind", "key")
            button.setMinimumSize(KEY_MIN_WIDTH, TOUCH_MIN_PX + 3)
            button.clicked.connect(self._on_key_clicked)
            self.keys[key] = button
        self._order: tuple[str, ...] = ()
        self._arrange(TALL)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.display)
        box.addLayout(grid)
        box.addStretch(1)  # more height than the keys need goes under them
        self.retranslate()
        follow_language(self)

    @property
    def columns(self) -> int:
        """Three (tall) or four (wide) keys across."""
        return 3 if self._order == TALL else 4

    def _arrange(self, order: tuple[str, ...]) -> None:
        if order == self._order:
            return
        self._order = order
        columns = 3 if order == TALL else 4
        for button in self.keys.values():
            self._grid.removeWidget(button)
        for column in range(4):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for i, key in enumerate(order):
            self._grid.addWidget(self.keys[key], i // columns, i % columns)
        self.updateGeometry()

    def _fit_words(self) -> None:
        """The word keys (Clear, Delete) as wide as their words: a longer language
        widens their column, not every key."""
        for key in ("clear", "back"):
            button = self.keys[key]
            button.setMinimumWidth(max(KEY_MIN_WIDTH, button.sizeHint().width()))

    def _key_height(self) -> int:
        return max(k.minimumSizeHint().height() for k in self.keys.values())

    def _height(self, rows: int) -> int:
        key, gap = self._key_height(), self._grid.verticalSpacing()
        return self.display.minimumSizeHint().height() + 8 + rows * key + (rows - 1) * gap

    def _width(self, columns: int) -> int:
        words = max(self.keys["clear"].minimumWidth(), self.keys["back"].minimumWidth())
        digits = max(KEY_MIN_WIDTH, *(self.keys[d].sizeHint().width() for d in "0123456789"))
        gaps = (columns - 1) * self._grid.horizontalSpacing()
        if columns == 4:  # three columns of digits and one of words
            return 3 * digits + words + gaps
        return 3 * max(digits, words) + gaps

    def _order_for(self, size: QSize) -> tuple[str, ...]:
        """Tall where it has the height (or not the width for four across)."""
        if size.height() >= self._height(4) or size.width() < self._width(4):
            return TALL
        return WIDE

    def minimumSizeHint(self) -> QSize:
        # Three keys across; three rows down (four across where it is short: the
        # pick and pack panels give it the width for that at 1024 px and up).
        return QSize(self._width(3), self._height(3))

    def sizeHint(self) -> QSize:
        # No more than it needs: more height is given, not asked for (a keypad on a
        # page that scrolls would otherwise ask for four rows and never go wide).
        return self.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._order_for(event.size()))

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.keys["clear"].setText(self.tr("Clear"))
        self.keys["back"].setText(self.tr("⌫"))
        self.keys["back"].setAccessibleName(self.tr("Delete last digit"))
        self._fit_words()

    @property
    def value(self) -> int:
        return int(self._digits or "0")

    def set_value(self, value: int) -> None:
        self._digits = str(value) if value else ""
        self._show()

    @Slot()
    def _on_key_clicked(self) -> None:
        button = self.sender()
        assert isinstance(button, QPushButton)
        key = button.objectName().removeprefix("key_")
        if key == "clear":
            self._digits = ""
        elif key == "back":
            self._digits = self._digits[:-1]
        elif len(self._digits) < self._max_digits:
            self._digits = (self._digits + key).lstrip("0")
        self._show()

    def _show(self) -> None:
        self.display.setText(str(self.value))
        self.valueChanged.emit(self.value)
