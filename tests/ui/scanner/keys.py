"""Key presses as a keyboard-wedge scanner or a person makes them, with timestamps.

``qtbot.keyClicks`` sends untimed events one after the other; a wedge filter needs the
time of each key. :class:`Keyboard` builds ``QKeyEvent`` objects with explicit
timestamps (milliseconds, as ``QKeyEvent.timestamp()`` has them) and sends each with
``QApplication.sendEvent`` to the focused widget, as Qt delivers a real key press.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.symbology import GS

SCANNER_GAP_MS = 4
PERSON_GAP_MS = 180

_SPECIAL = {
    "\r": (Qt.Key.Key_Return, "\r"),
    "\n": (Qt.Key.Key_Return, "\r"),
    "\t": (Qt.Key.Key_Tab, "\t"),
    "\x08": (Qt.Key.Key_Backspace, "\x08"),
}


def key_event(char: str, stamp_ms: int) -> QKeyEvent:
    """The key press that types ``char`` (GS as Ctrl+], as wedges send it)."""
    modifiers = Qt.KeyboardModifier.NoModifier
    text = char
    if char in _SPECIAL:
        key, text = _SPECIAL[char]
    elif char == GS:
        key, modifiers = Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier
    elif " " <= char <= "~":
        key = Qt.Key(ord(char.upper()))
        if char.isupper() or char in '~!@#$%^&*()_+{}|:"<>?':
            modifiers = Qt.KeyboardModifier.ShiftModifier
    else:
        key = Qt.Key.Key_unknown
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)
    event.setTimestamp(stamp_ms)
    return event


def special_event(key: Qt.Key, stamp_ms: int, text: str = "") -> QKeyEvent:
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(stamp_ms)
    return event


class Keyboard:
    """Sends timed key presses; its clock starts at ``start_ms`` and only moves forward."""

    def __init__(self, start_ms: int = 1_000_000) -> None:
        self.now_ms = start_ms

    def target(self, widget: QWidget | None = None) -> QWidget:
        target = widget or QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        return target

    def press(self, event: QKeyEvent, widget: QWidget | None = None) -> None:
        QApplication.sendEvent(self.target(widget), event)

    def type(
        self,
        text: str,
        gap_ms: int | Iterable[int] = PERSON_GAP_MS,
        widget: QWidget | None = None,
    ) -> None:
        """Each character of ``text`` after ``gap_ms`` (one value, or one per key)."""
        gaps = iter([gap_ms] * len(text)) if isinstance(gap_ms, int) else iter(gap_ms)
        for char in text:
            self.now_ms += next(gaps)
            self.press(key_event(char, self.now_ms), widget)

    def scan(self, code: str, widget: QWidget | None = None, end: str = "\r") -> None:
        """A wedge scanner's burst: ``code`` and ``end``, 4 ms apart, after a pause."""
        self.now_ms += 1000
        self.type(code + end, SCANNER_GAP_MS, widget)

    def pause(self, ms: int = 1000) -> None:
        self.now_ms += ms
