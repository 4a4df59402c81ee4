"""The supervisor screen's two question pages (part of the supervisor screen): the PIN
typed after the badge, and a choice among a few big buttons (a priority, a picker, a
reason, a station).

Pages in the screen's stack, not modal dialogs: no nested event loop, a scan or the
idle log-out finds the screen as it is, and a test taps them like any other button.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import follow_language
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX
from ui.widgets.message import MessageLabel
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.scroll_page import scroll_page

PIN_MAX = 12
PAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back")


class PinPage(QWidget):
    """Twelve keys and a masked entry: the PIN never shows, never goes to a text field
    (no on-screen keyboard, no input method keeps it).

    Signals:
        entered(str): OK with the digits typed.
        cancelled(): Cancel.
    """

    entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPage")
        self._digits = ""
        self.prompt = QLabel(self)
        self.prompt.setObjectName("pinPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setMinimumWidth(240)  # it wraps: its own hint asks for one long line
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = QLabel(self)
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = MessageLabel(self, fade_ms=0)
        grid = QGridLayout()
        grid.setSpacing(TOUCH_GAP_PX)
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(PAD):
            button = QPushButton(key if key.isdigit() else "", self)
            button.setObjectName(f"pin_{key}")
            button.setProperty("kind", "key")
            button.setMinimumSize(120, TOUCH_MIN_PX + 3)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: self._on_key(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.ok = QPushButton(self)
        self.ok.setObjectName("pinOk")
        self.ok.setProperty("kind", "primary")
        self.ok.setMinimumHeight(TOUCH_MIN_PX)
        self.ok.clicked.connect(self._on_ok)
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("pinCancel")
        self.cancel.setMinimumHeight(TOUCH_MIN_PX)
        self.cancel.clicked.connect(self._on_cancel)
        # Side by side: the words and OK on the left, the keys on the right (a kiosk's
        # landscape screen has the width, not the height, for both).
        words = QVBoxLayout()
        words.setSpacing(TOUCH_GAP_PX // 2)  # words; Cancel and OK keep their gap
        words.addWidget(self.prompt)
        words.addWidget(self.dots)
        words.addWidget(self.message)
        words.addStretch(1)
        words.addWidget(ReflowRow([self.cancel, self.ok], self))
        box = QHBoxLayout(self)
        box.setSpacing(2 * TOUCH_GAP_PX)
        box.addLayout(words, 2)
        box.addLayout(grid, 3)
        self.retranslate()
        follow_language(self)

    def ask(self, name: str, problem: str = "") -> None:
        """Ask ``name`` for their PIN (``problem``: why the last one did not do)."""
        self._digits = ""
        self._name = name
        self._show()
        self.retranslate()
        if problem:
            self.message.show_message("error", problem)
        else:
            self.message.clear_message()

    def retranslate(self) -> None:
        self.prompt.setText(
            self.tr("{name}, type your supervisor PIN to act on orders.").format(
                name=getattr(self, "_name", "")
            )
        )
        self.ok.setText(self.tr("OK"))
        self.cancel.setText(self.tr("Cancel"))
        self.keys["clear"].setText(self.tr("Clear"))
        self.keys["back"].setText(self.tr("Delete"))

    def _show(self) -> None:
        self.dots.setText("●" * len(self._digits) if self._digits else "-")
        self.ok.setEnabled(len(self._digits) >= 4)

    def _on_key(self, key: str) -> None:
        if key == "clear":
            self._digits = ""
        elif key == "back":
            self._digits = self._digits[:-1]
        elif len(self._digits) < PIN_MAX:
            self._digits += key
        self._show()

    @Slot()
    def _on_ok(self) -> None:
        digits, self._digits = self._digits, ""
        self._show()
        if digits:
            self.entered.emit(digits)

    @Slot()
    def _on_cancel(self) -> None:
        self._digits = ""
        self._show()
        self.cancelled.emit()


class ChoicePage(QWidget):
    """A question and one big button per answer, and Cancel.

    Signals:
        chosen(str): the key of the answer tapped.
        cancelled(): Cancel.
    """

    chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choicePage")
        self.question = QLabel(self)
        self.question.setObjectName("choiceQuestion")
        self.question.setWordWrap(True)
        self.answers: dict[str, QPushButton] = {}
        self._row = ReflowRow([], self, columns=3)
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("choiceCancel")
        self.cancel.setMinimumHeight(TOUCH_MIN_PX)
        self.cancel.clicked.connect(self.cancelled)
        page = scroll_page(self)
        self._box = QVBoxLayout(page)
        self._box.setSpacing(TOUCH_GAP_PX)
        self._box.addWidget(self.question)
        self._box.addWidget(self._row)
        self._box.addStretch(1)
        self._box.addWidget(self.cancel)
        self.retranslate()
        follow_language(self)

    def ask(self, question: str, answers: Sequence[tuple[str, str]]) -> None:
        """Ask ``question``; ``answers`` are ``(key, words)``, shown in that order."""
        self.question.setText(question)
        self.answers = {}
        row = ReflowRow([], self, columns=3)
        for key, words in answers:
            button = QPushButton(words, row)
            button.setObjectName(f"choice_{key}")
            button.setMinimumHeight(TOUCH_MIN_PX + 12)
            button.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            self.answers[key] = button
            row.add(button)
        self._box.replaceWidget(self._row, row)
        self._row.hide()
        self._row.deleteLater()
        self._row = row
        row.show()
        row.reflow()

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("Cancel"))
