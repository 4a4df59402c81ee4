"""A number keypad for gloved fingers: big keys, the number shown large above them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import follow_language
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX

MAX_DIGITS = 4


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
        grid = QGridLayout()
        grid.setSpacing(TOUCH_GAP_PX)
        self.keys: dict[str, QPushButton] = {}
        layout = ("7", "8", "9", "4", "5", "6", "1", "2", "3", "clear", "0", "back")
        for i, key in enumerate(layout):
            button = QPushButton(key if key.isdigit() else "", self)
            button.setObjectName(f"key_{key}")
            button.setProperty("kind", "key")
            button.setMinimumSize(110, TOUCH_MIN_PX + 3)
            button.clicked.connect(self._on_key_clicked)
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.display)
        box.addLayout(grid)
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.keys["clear"].setText(self.tr("Clear"))
        self.keys["back"].setText(self.tr("⌫"))
        self.keys["back"].setAccessibleName(self.tr("Delete last digit"))

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
