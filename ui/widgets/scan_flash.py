"""The full-window flash after a scan: a colour, a word in huge letters, the sentence."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.theme import set_style_property


class ScanFlash(QFrame):
    """Covers its parent (the main window) for a moment after each scan.

    The colour only repeats the word (OK, WRONG, DONE); the sentence says what was
    scanned or what is wrong. It lets touches through, takes no focus and hides itself
    after the time given to :meth:`flash`.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("scanFlash")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.word = QLabel(self)
        self.word.setObjectName("flashWord")
        self.word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setObjectName("flashText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a scanned code is never markup
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(self.word)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    @property
    def tone(self) -> str:
        """The tone shown (``good``, ``wrong``, ``done``), ``""`` when hidden."""
        return str(self.property("tone") or "") if self.isVisible() else ""

    @property
    def timer(self) -> QTimer:
        """The single-shot timer that hides the flash."""
        return self._timer

    def flash(self, tone: str, word: str, text: str, duration_ms: int) -> None:
        """Show ``word`` and ``text`` in the colours of ``tone`` for ``duration_ms``."""
        # Each widget carries the tone: Qt re-styles a widget whose property changed,
        # not its children.
        for widget in (self, self.word, self.text):
            set_style_property(widget, "tone", tone)
        self.word.setText(word)
        self.text.setText(text)
        self.setAccessibleName(f"{word}: {text}")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._fit()
        self._timer.start(max(1, duration_ms))

    def _fit(self) -> None:
        """The large type when the sentence fits the window, else the smaller one."""
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        for size in ("", "small"):
            for widget in (self.word, self.text):
                set_style_property(widget, "fit", size)
            fits = (
                layout.totalHeightForWidth(self.width()) <= self.height()
                and self.word.sizeHint().width() <= width
            )
            if fits:
                break
        # The wrapped sentence gets all its lines (the layout alone sized it for the
        # last sentence's).
        self.text.setMinimumHeight(self.text.heightForWidth(width))
        layout.activate()

    def dismiss(self) -> None:
        """Hide the flash now."""
        self._timer.stop()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            if self.isVisible():
                self._fit()
        return False

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.hide()
