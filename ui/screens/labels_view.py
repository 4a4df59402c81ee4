"""The labels screen's widgets and their places (``ui.screens.labels`` adds what they do).

At the kiosk's 1280x800 every button is at least ``ui.theme.TOUCH_MIN_PX`` tall and
``TOUCH_GAP_PX`` from the next one; the message area has a fixed height, so nothing
moves whatever it says:

    Labels  Scan a bin, tote...          [Demo barcode sheet]   [Back]
    [ the message (two lines)                                        ]
    [ recent jobs              ]   [ the label's preview             ]
    [ Reprint ]   [ Retry ]        [ Print shipping label            ]

    Test print:  [printer ZEBRA1]   [printer labels]
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import follow_language
from ui.screens.labels_work import LabelWords
from ui.theme import TOUCH_GAP_PX
from ui.widgets.label_preview import LabelPreview
from ui.widgets.message import MessageLabel
from ui.widgets.print_job_list import PrintJobList
from ui.widgets.reflow_row import ReflowRow
from ui.widgets.scroll_page import scroll_page


class LabelsView(QWidget):
    """The widgets of the labels screen, laid out.

    Args:
        printers: the station's printers' names (one test-print button each).
        parent: the parent widget.
    """

    def __init__(self, printers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelsScreen")
        self.words = LabelWords(self)

        self.title = title = QLabel(self)
        title.setObjectName("screenTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        # Qt guesses a wrapped label's minimum from its font; the hint may wrap narrower.
        self.hint.setMinimumWidth(120)
        self.back_button = QPushButton(self)
        self.back_button.setProperty("kind", "secondary")
        self.back_button.setMinimumWidth(200)
        self.type_button = QPushButton(self)
        self.type_button.setObjectName("typeCodeButton")
        self.type_button.setProperty("kind", "secondary")
        self.sheet_button = QPushButton(self)
        self.sheet_button.setProperty("kind", "secondary")
        self.result = MessageLabel(self, lines=2)

        self.jobs = PrintJobList(self)
        self.preview = LabelPreview(self)

        self.reprint_button = QPushButton(self)
        self.retry_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("confirmPrint")
        self.test_buttons: dict[str, QPushButton] = {}
        for name in printers:
            button = QPushButton(self)
            button.setObjectName("testPrintButton")
            button.setProperty("kind", "secondary")
            button.setProperty("printer", name)
            self.test_buttons[name] = button

        # One row: title, what to do, then the buttons (the list gets the height).
        self._header = header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        header.setSpacing(TOUCH_GAP_PX)
        header.addWidget(title)
        header.addWidget(self.hint, 1)
        header.addWidget(self.sheet_button)
        header.addWidget(self.back_button)

        left = QVBoxLayout()
        left.setSpacing(12)  # (a nested layout would take the body's touch gap)
        left.addWidget(self.jobs, 1)
        self._job_buttons = job_buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        job_buttons.setSpacing(TOUCH_GAP_PX)
        job_buttons.addWidget(self.reprint_button, 1)
        job_buttons.addWidget(self.retry_button, 1)
        left.addLayout(job_buttons)

        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.preview, 1)
        right.addWidget(self.print_button)

        body = QHBoxLayout()
        body.setSpacing(TOUCH_GAP_PX)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        # One row on the kiosk; the title over the buttons where they need its width
        # (three printers), and the printers' buttons wrap where their words do not
        # fit beside each other.
        self._tests = tests = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        tests.setSpacing(TOUCH_GAP_PX)
        self.test_title = test_title = QLabel(self)
        test_title.setObjectName("hint")
        tests.addWidget(test_title)
        self.test_row = ReflowRow(self.test_buttons.values(), self, natural=True)
        buttons = QHBoxLayout()
        buttons.setSpacing(TOUCH_GAP_PX)
        buttons.addWidget(self.test_row)
        buttons.addStretch(1)
        buttons.addWidget(self.type_button)  # a label too torn to scan: its code typed
        tests.addLayout(buttons, 1)

        layout = QVBoxLayout(scroll_page(self))
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.result)
        layout.addLayout(body, 1)
        layout.addSpacing(TOUCH_GAP_PX - layout.spacing())
        layout.addLayout(tests)
        LabelsView.retranslate(self)
        self.preview.show_text(self.tr("Choose a job to see its label."))
        follow_language(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        # Rows of buttons side by side on the kiosk; one above the other when the
        # screen (or a language's longer words) leaves no room across (the page scrolls).
        room = self.width() - 2 * 32  # the page's margins
        rows = (
            (self._header, [self.title, self.hint, self.sheet_button, self.back_button]),
            (self._job_buttons, [self.reprint_button, self.retry_button, self.print_button]),
        )
        narrow = False
        for box, widgets in rows:
            needed = sum(
                w.minimumWidth()
                if isinstance(w, QLabel) and w.wordWrap()
                else max(w.minimumWidth(), w.minimumSizeHint().width())
                for w in widgets
            )
            fits = needed + (len(widgets) - 1) * TOUCH_GAP_PX <= room
            narrow = narrow or not fits
            self._direct(box, fits)
        # The test prints: the title beside the buttons where all of them fit in one row
        # with it (the buttons wrap under the title, not under it and the title).
        across = self.test_row.needs(len(self.test_buttons)) if self.test_buttons else 0
        beside = [
            self.test_title.minimumSizeHint().width(),
            across,
            self.type_button.sizeHint().width(),
        ]
        self._direct(self._tests, sum(beside) + 2 * TOUCH_GAP_PX <= room)
        lines = 3 if narrow else 2  # a narrow screen has more lines for the same sentence
        if self.result.lines != lines:
            self.result.lines = lines
            self.result.updateGeometry()

    @staticmethod
    def _direct(box: QBoxLayout, across: bool) -> None:
        direction = QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        if box.direction() != direction:
            box.setDirection(direction)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.title.setText(self.tr("Labels"))
        self.hint.setText(self.tr("Scan a bin, tote, product or order to print its label."))
        self.back_button.setText(self.tr("Back"))
        self.type_button.setText(self.tr("Type a code"))
        self.sheet_button.setText(self.tr("Demo barcode sheet"))
        self.reprint_button.setText(self.tr("Reprint"))
        self.retry_button.setText(self.tr("Retry"))
        self.print_button.setText(self.tr("Print shipping label"))
        self.test_title.setText(self.tr("Test print:"))
        self._reflow()  # other words, other widths
        for name, button in self.test_buttons.items():
            button.setText(self.words.printer(name))
            button.setToolTip(
                self.tr("Print a test label on {printer}").format(printer=self.words.printer(name))
            )
