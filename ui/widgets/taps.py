"""One tap, one action: a double tap on a touch screen must not act twice.

A gloved finger on a resistive or capacitive kiosk screen often lands twice on the
same button (a bounce, or a habit from double-clicking): on the floor one double tap
on Undo took back two pieces, one on Skip skipped two lines, one on Reprint printed
two labels. A :class:`TapGuard` lets the first tap through and ignores the same
action again until the finger has been off it for :data:`REPEAT_MS`; a different
action is never held back. Scans are not taps and never go through it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton

REPEAT_MS = 600
"""A repeat of the same action closer than this to the last tap of it is ignored.

Qt's double-click interval is 400 ms by default; a bounce or a double tap is well
inside 600 ms, a picker who means two Undos takes longer than that (and every
sentence says the true total, so a tap that was ignored is seen)."""


class TapGuard(QObject):
    """Lets one action through per tap burst.

    Args:
        parent: the screen that owns the buttons.
        repeat_ms: how long after a tap the same action is ignored. Each ignored repeat
            starts the time again, so a burst of taps is one action.
        clock: seconds, monotonic (tests pass a fake to step time).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        repeat_ms: int = REPEAT_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.repeat_s = repeat_ms / 1000
        self._clock = clock
        self._last: Hashable | None = None
        self._at = float("-inf")
        self.ignored = 0
        """How many repeats were ignored (for tests and logs)."""

    def connect(
        self, button: QAbstractButton, slot: Callable[[], None], action: Hashable | None = None
    ) -> None:
        """Run ``slot`` when ``button`` is clicked, once per tap burst.

        Args:
            button: the button.
            slot: what the tap does.
            action: what counts as "the same action" (default: the button). Two
                buttons that do the same thing share an action.
        """
        key: Hashable = action if action is not None else id(button)
        button.clicked.connect(lambda _checked=False: self.tap(key, slot))

    def tap(self, action: Hashable, slot: Callable[[], None]) -> bool:
        """Run ``slot`` for a tap of ``action`` unless it repeats the last tap.

        Returns:
            Whether ``slot`` ran.
        """
        now = self._clock()
        repeat = action == self._last and now - self._at < self.repeat_s
        self._last, self._at = action, now
        if repeat:
            self.ignored += 1
            return False
        slot()
        return True

    def forget(self) -> None:
        """The next tap of any action counts (the screen changed under the finger)."""
        self._last, self._at = None, float("-inf")
