"""One tap, one action: a double tap on a touch screen must not act twice.

A gloved finger on a resistive or capacitive kiosk screen often lands twice on the
same button (a bounce, or a habit from double-clicking): on the floor one double tap
on Undo took back two pieces, one on Skip skipped two lines, one on Reprint printed
two labels. A :class:`TapGuard` lets the first tap through and ignores the same
action again until the finger has been off it for :data:`REPEAT_MS`. A tap often
changes the page, and the second tap of a double tap then lands on whatever button
appeared under the finger (a short reason's button sits where Skip was a moment
before): any tap closer than :data:`ANY_MS` to the last one is ignored too. No person
means two different buttons a gloved finger's width apart within that time. Scans are
not taps and never go through it; neither do keypad digits ("11" is two taps).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton

REPEAT_MS = 600
"""A repeat of the same action closer than this to the last tap of it is ignored.

Qt's double-click interval is 400 ms by default; a bounce or a double tap is well
inside 600 ms, a picker who means two Undos takes longer than that (and every
sentence says the true total, so a tap that was ignored is seen)."""
ANY_MS = 350
"""Any tap closer than this to the last tap is ignored (the second half of a double tap
on a button that the first half replaced)."""


def monotonic() -> float:
    """The guards' clock, in seconds (tests replace it to step time)."""
    return _clock()


_clock: Callable[[], float] = time.monotonic


@contextmanager
def scripted(step_s: float = 10.0) -> Iterator[None]:
    """Taps made by a program (the screenshots, the benchmarks) rather than a person:
    the guards see them ``step_s`` apart (0: all at the same moment, a double tap)."""
    global _clock
    saved = _clock
    ticks = itertools.count(start=saved() + 1.0, step=step_s)  # time never goes back
    _clock = lambda: next(ticks)  # noqa: E731
    try:
        yield
    finally:
        _clock = saved


class TapGuard(QObject):
    """Lets one action through per tap burst.

    Args:
        parent: the screen that owns the buttons.
        repeat_ms: how long after a tap the same action is ignored. Each ignored repeat
            starts the time again, so a burst of taps is one action.
        any_ms: how long after a tap any other action is ignored.
    """

    def __init__(
        self, parent: QObject | None = None, *, repeat_ms: int = REPEAT_MS, any_ms: int = ANY_MS
    ) -> None:
        super().__init__(parent)
        self.repeat_s = repeat_ms / 1000
        self.any_s = any_ms / 1000
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
        now = monotonic()
        since = now - self._at
        repeat = since < self.any_s or (action == self._last and since < self.repeat_s)
        self._last, self._at = action, now
        if repeat:
            self.ignored += 1
            return False
        slot()
        return True

    def forget(self) -> None:
        """The next tap of any action counts (the screen changed under the finger)."""
        self._last, self._at = None, float("-inf")
