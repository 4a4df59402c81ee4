"""A one-line (wrapping) message to the operator, coloured by level and always worded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.theme import set_style_property

LEVELS = ("ok", "info", "warning", "error")


class MessageLabel(QLabel):
    """Shows a message in the colours of its level; hidden when there is none.

    The colour only repeats what the words say (the words carry the meaning).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a typed badge is never markup
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    @property
    def level(self) -> str:
        """The level shown (``""`` when there is no message)."""
        return str(self.property("level") or "")

    def show_message(self, level: str, text: str) -> None:
        """Show ``text`` at ``level`` (one of :data:`LEVELS`).

        Raises:
            ValueError: an unknown level.
        """
        if level not in LEVELS:
            raise ValueError(f"unknown message level {level!r}")
        set_style_property(self, "level", level)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()

    def clear_message(self) -> None:
        """Hide the message."""
        self.clear()
        set_style_property(self, "level", "")
        self.hide()
