"""The keyboard wedge: an application-wide key filter around ``WedgeRecogniser``.

Installed on the ``QApplication``, the filter sees every key press before the focused
widget does. It holds each character key back and asks the recogniser (the rules are in
``app.barcodes.wedge``) what the keys were:

- a scan: its keys are swallowed (the focused field never sees them) and ``scanned``
  carries the ``RawScan``;
- a burst that is cut off or too long: swallowed too, ``rejected`` carries it (the
  pipeline turns it into a red "scan again");
- a person typing: the held keys are sent again, in order, to the focused widget, and
  the filter lets them pass this time. A person therefore types normally; each
  character reaches the field ``scanner_max_gap_ms`` (40 ms) later, which nobody sees.

Time is the key event's own timestamp (``QKeyEvent.timestamp()``, milliseconds), so a
GUI thread that stalls does not turn a person's keys into a burst. Events made by a
program without a timestamp (0) are timed when they arrive. After each held key a
single-shot timer is armed for the recogniser's ``deadline()``: then ``flush`` decides
the burst, so a person's last character is not held until the next key.

Keys are looked at only where they reach a widget (not the ``QWindow`` that forwards
them), so each press is seen once. Modifier keys (Shift, which a scanner presses for
every capital letter) pass untouched and do not break a burst; auto-repeated keys are a
person holding a key and pass untouched.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.barcodes.wedge import (
    PassKey,
    PassThrough,
    Rejected,
    ScannerConfig,
    WedgeAction,
    WedgeRecogniser,
)
from app.domain.scan import RawScan

log = logging.getLogger(__name__)

Key = Qt.Key

# Keys that produce no character for the recogniser, by the name it knows them by.
SPECIAL_KEYS: dict[Key, str] = {
    Key.Key_Return: "Return",
    Key.Key_Enter: "Enter",
    Key.Key_Tab: "Tab",
    Key.Key_Backtab: "Backtab",
    Key.Key_Backspace: "Backspace",
    Key.Key_Delete: "Delete",
    Key.Key_Escape: "Escape",
    Key.Key_Left: "Left",
    Key.Key_Right: "Right",
    Key.Key_Up: "Up",
    Key.Key_Down: "Down",
    Key.Key_Home: "Home",
    Key.Key_End: "End",
    Key.Key_PageUp: "PageUp",
    Key.Key_PageDown: "PageDown",
    Key.Key_Insert: "Insert",
}
_KEY_OF_NAME = {name: key for key, name in SPECIAL_KEYS.items()}
_SPECIAL_BY_VALUE = {int(key.value): name for key, name in SPECIAL_KEYS.items()}

MODIFIER_KEYS = frozenset(
    {
        Key.Key_Shift,
        Key.Key_Control,
        Key.Key_Alt,
        Key.Key_AltGr,
        Key.Key_Meta,
        Key.Key_Super_L,
        Key.Key_Super_R,
        Key.Key_CapsLock,
        Key.Key_NumLock,
        Key.Key_ScrollLock,
    }
)

_MODIFIER_VALUES = frozenset(int(key.value) for key in MODIFIER_KEYS)

FLUSH_SLACK_MS = 2
"""Added to the flush timer so that it fires after the deadline, not just before."""


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """A key press held back until the recogniser decides; enough to send it again."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    native_scan_code: int
    native_virtual_key: int
    native_modifiers: int
    receiver: QWidget

    @classmethod
    def of(cls, event: QKeyEvent, receiver: QWidget) -> _HeldKey:
        return cls(
            event.key(),
            event.modifiers(),
            event.text(),
            event.nativeScanCode(),
            event.nativeVirtualKey(),
            event.nativeModifiers(),
            receiver,
        )

    def event(self) -> QKeyEvent:
        return QKeyEvent(
            QEvent.Type.KeyPress,
            self.key,
            self.modifiers,
            self.native_scan_code,
            self.native_virtual_key,
            self.native_modifiers,
            self.text,
        )


class WedgeFilter(QObject):
    """Tells scanner bursts from typing for the whole application.

    Args:
        config: the scanner's setup (gap, minimum length, prefix, suffix, GS stand-in).
        clock: monotonic seconds; for events without a timestamp and for the flush.

    Signals:
        scanned(object): a ``RawScan`` (source ``WEDGE``) whose keys were swallowed.
        rejected(object): an ``app.barcodes.wedge.Rejected`` burst (keys swallowed).
    """

    scanned = Signal(object)
    rejected = Signal(object)

    def __init__(
        self,
        config: ScannerConfig,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._recogniser = WedgeRecogniser(config)
        self._clock = clock
        # Held keys, oldest first; past the recogniser's cap only counted (the burst is
        # then too long and will be swallowed whole), so memory stays bounded.
        self._held: deque[_HeldKey] = deque()
        self._held_cap = config.max_length + len(config.prefix) + len(config.suffix) + 1
        self._uncounted = 0
        self._replaying = False
        self._installed_on: QApplication | None = None
        # The event time of the last key, and the clock when it was handled: the flush
        # timer turns clock time back into event time with them.
        self._last_t = 0.0
        self._last_clock = 0.0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._on_flush_timer_timeout)

    @property
    def config(self) -> ScannerConfig:
        return self._recogniser.config

    @property
    def installed(self) -> bool:
        return self._installed_on is not None

    @property
    def flush_timer(self) -> QTimer:
        """The single-shot timer that decides a held burst at its deadline."""
        return self._flush_timer

    def install(self, app: QApplication | None = None) -> None:
        """Start filtering the keys of ``app`` (default: the running application)."""
        if self._installed_on is not None:
            return
        app = app or QApplication.instance()  # type: ignore[assignment]
        if not isinstance(app, QApplication):
            raise RuntimeError("the keyboard wedge needs a QApplication")
        app.installEventFilter(self)
        self._installed_on = app

    def remove(self) -> None:
        """Stop filtering; keys still held are dropped. Safe to call twice."""
        self._flush_timer.stop()
        self._recogniser.reset()
        self._held.clear()
        self._uncounted = 0
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def set_config(self, config: ScannerConfig) -> None:
        """Use a new scanner setup; a burst being held is decided first."""
        self.decide_now()
        self._recogniser = WedgeRecogniser(config)
        self._held_cap = config.max_length + len(config.prefix) + len(config.suffix) + 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        if not isinstance(watched, QWidget):
            return False  # the QWindow forwarding it; the widget gets it next
        assert isinstance(event, QKeyEvent)
        key = int(event.key())
        if key in _MODIFIER_VALUES:
            return False
        if event.isAutoRepeat() and not self._recogniser.pending:
            return False
        stamp = event.timestamp()
        now = self._clock()
        t = stamp / 1000 if stamp else now
        self._last_t, self._last_clock = t, now
        # Decide a burst that this key's gap ends first, so that what is held below
        # always belongs to one burst (the one this key joins or starts).
        self._perform(self._recogniser.flush(t), None)
        special = _SPECIAL_BY_VALUE.get(key)
        text = event.text()
        if special is None and text:
            self._hold(_HeldKey.of(event, watched))
            deliver = self._perform(self._recogniser.key(text, t), None)
        else:
            name = special or f"Key-{key:x}"
            deliver = self._perform(self._recogniser.key_special(name, t), name)
        self._arm()
        return not deliver

    def _hold(self, held: _HeldKey) -> None:
        if len(self._held) < self._held_cap:
            self._held.append(held)
        else:
            self._uncounted += len(held.text)

    def _take(self, chars: int) -> list[_HeldKey]:
        """The oldest held keys that produced ``chars`` characters."""
        taken: list[_HeldKey] = []
        while chars > 0 and self._held:
            held = self._held.popleft()
            taken.append(held)
            chars -= len(held.text)
        if chars > 0:
            self._uncounted = max(0, self._uncounted - chars)
        return taken

    def _perform(self, actions: list[WedgeAction], current: str | None) -> bool:
        """Carry out ``actions``; True when the current special key should go on."""
        deliver = False
        for index, action in enumerate(actions):
            match action:
                case RawScan():
                    # Only a terminated burst is a scan, and it is all that is held.
                    self._held.clear()
                    self._uncounted = 0
                    self.scanned.emit(action)
                case Rejected(length=length):
                    self._take(length)
                    self.rejected.emit(action)
                case PassThrough(text=text):
                    self._replay(self._take(len(text)))
                case PassKey(name=name):
                    if name == current and index == len(actions) - 1:
                        deliver = True  # the key being filtered: let Qt deliver it
                    else:
                        self._replay_special(name)
        if not self._recogniser.pending:
            self._held.clear()
            self._uncounted = 0
        return deliver

    def _replay(self, keys: list[_HeldKey]) -> None:
        if not keys:
            return
        self._replaying = True
        try:
            for held in keys:
                target = self._target(held.receiver)
                if target is not None:
                    QApplication.sendEvent(target, held.event())
        finally:
            self._replaying = False

    def _replay_special(self, name: str) -> None:
        key = _KEY_OF_NAME.get(name)
        target = self._target(None)
        if key is None or target is None:
            return
        text = {"Return": "\r", "Enter": "\r", "Tab": "\t"}.get(name, "")
        self._replaying = True
        try:
            QApplication.sendEvent(
                target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
            )
        finally:
            self._replaying = False

    @staticmethod
    def _target(receiver: QWidget | None) -> QWidget | None:
        # Where the focus is now: a person's keys follow the focus as they would have.
        focus = QApplication.focusWidget()
        if focus is not None:
            return focus
        if receiver is not None and shiboken6.isValid(receiver):
            return receiver
        return None

    def _arm(self) -> None:
        deadline = self._recogniser.deadline()
        if deadline is None:
            self._flush_timer.stop()
            return
        wait_s = max(0.0, deadline - self._last_t)
        self._flush_timer.start(math.ceil(wait_s * 1000) + FLUSH_SLACK_MS)

    def decide_now(self) -> None:
        """Decide a held burst now, as if its deadline had passed (typed keys go to the
        focus, a burst without its end is rejected)."""
        if self._recogniser.pending:
            self._perform(self._recogniser.flush(math.inf), None)
        self._flush_timer.stop()

    @Slot()
    def _on_flush_timer_timeout(self) -> None:
        now = self._last_t + (self._clock() - self._last_clock)
        self._perform(self._recogniser.flush(now), None)
        self._arm()
