"""The box for a code a scanner cannot read: a damaged or smudged label, typed by hand."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.domain.scan import MAX_SCAN_LENGTH, RawScan, ScanSource
from ui.i18n import follow_language
from ui.theme import TOUCH_GAP_PX


class ManualEntry(QWidget):
    """A big field and an Enter button; what is typed goes into the scan pipeline.

    The field says what it is for while empty ("Type the code from a damaged label"),
    which keeps the box one row high on a crowded home screen. A typed code counts
    exactly like a scan of it (``RawScan`` with source ``TYPED``): the same resolution,
    the same feedback. The field empties after each code.

    A touch-only kiosk has no keyboard for the field: "Type a code" asks for the
    on-screen one (``keyboardRequested``), whose code goes the same way.

    Signals:
        submitted(object): a ``RawScan`` of the typed code (never empty).
        keyboardRequested(): "Type a code" was tapped.
    """

    submitted = Signal(object)
    keyboardRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualEntry")
        self.field = QLineEdit(self)
        self.field.setObjectName("manualCode")
        self.field.setMaxLength(MAX_SCAN_LENGTH)
        self.button = QPushButton(self)
        self.button.setObjectName("manualSubmit")
        self.button.setMinimumWidth(220)
        self.keyboard_button = QPushButton(self)
        self.keyboard_button.setObjectName("typeCodeButton")
        self.keyboard_button.setProperty("kind", "secondary")
        self.keyboard_button.clicked.connect(self.keyboardRequested)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(TOUCH_GAP_PX)
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        row.addWidget(self.keyboard_button)

        self.field.returnPressed.connect(self._on_field_return_pressed)
        self.button.clicked.connect(self._on_button_clicked)
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.field.setPlaceholderText(self.tr("Type the code from a damaged label"))
        self.field.setAccessibleName(self.field.placeholderText())
        self.field.setAccessibleDescription(
            self.tr("A product code, SKU, bin, tote or order number, as printed on the label")
        )
        self.button.setText(self.tr("Enter code"))
        self.keyboard_button.setText(self.tr("Type a code"))

    def submit(self) -> RawScan | None:
        """Send what the field holds (trimmed); nothing when it is empty."""
        text = self.field.text().strip()
        self.field.clear()
        if not text:
            self.field.setFocus()
            return None
        raw = RawScan(text, source=ScanSource.TYPED)
        self.submitted.emit(raw)
        return raw

    @Slot()
    def _on_field_return_pressed(self) -> None:
        self.submit()

    @Slot()
    def _on_button_clicked(self) -> None:
        self.submit()
