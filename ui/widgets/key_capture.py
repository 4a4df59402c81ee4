"""An editor that takes the next key pressed as its value (a hardware key for an action).

Tap it, press the handheld's key: its name, as ``QKeySequence`` writes it (``F1``,
``Ctrl+F2``), is the text. Backspace or Delete empties it (no key). It is a read-only
``QLineEdit`` so the settings form fills and reads it like its other text fields.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

_MODIFIERS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)
_CLEAR = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete})


def key_name(event: QKeyEvent) -> str:
    """The key of ``event`` with its modifiers, as settings store it (``Ctrl+F2``)."""
    return QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)


class KeyCapture(QLineEdit):
    """A key, set by pressing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setClearButtonEnabled(True)
        # Read-only hides the cursor; the frame still shows focus, and a tap focuses.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _MODIFIERS or event.isAutoRepeat():
            return
        if key in _CLEAR:
            self.clear()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            super().keyPressEvent(event)  # moves the focus on, as in any form
            return
        elif key != Qt.Key.Key_unknown:
            self.setText(key_name(event))
        event.accept()
