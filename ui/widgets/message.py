"""A screen's message area: fixed height, coloured by level, always worded.

One per screen, in the same place whatever it says: a message of one line or three
never moves the buttons around it (on the floor a growing message moved the pick
screen's buttons by up to 130 px, and a gloved tap landed on the wrong one). Text
shrinks to fit the area before anything else; only a sentence that does not fit at the
smallest size is cut, with an ellipsis (the whole sentence stays the accessible name
and the tooltip).

Errors and warnings stay until the screen says something else (the next scan or tap);
success and information fade after :data:`FADE_MS`, so a "Hello Ana" is not still
there minutes later. The area keeps its room while empty.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.theme import set_style_property

LEVELS = ("ok", "info", "warning", "error")
FADING = frozenset({"ok", "info"})
FADE_MS = 6000
"""How long a success or information sentence stays."""
MIN_FONT_PX = 18
"""The smallest text the area shrinks to (still readable at arm's length)."""
_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


class MessageLabel(QLabel):
    """Shows a message in the colours of its level, in a fixed-height area.

    The colour only repeats what the words say (the words carry the meaning).

    Args:
        parent: the screen.
        lines: how many lines of the style's font the area holds; it is this tall
            whether it shows a message or not.
        fade_ms: how long ``ok`` and ``info`` messages stay (0: until replaced).
        keep_room: hold the room while empty (a status line that is rarely shown and
            has no buttons below it may give it up).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        lines: int = 2,
        fade_ms: int = FADE_MS,
        keep_room: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a typed badge is never markup
        self.lines = max(1, lines)
        self.fade_ms = fade_ms
        self._text = ""
        # (text, width, height, base font) -> (font, text drawn): redrawn per frame.
        self._fitted: tuple[tuple[str, int, int, str], QFont, str] | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(keep_room)  # empty, it still holds its room
        self.setSizePolicy(policy)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._on_fade_timeout)
        self.hide()

    # -- what it says ------------------------------------------------------------------

    @property
    def level(self) -> str:
        """The level shown (``""`` when there is no message)."""
        return str(self.property("level") or "")

    @property
    def fade_timer(self) -> QTimer:
        """The timer that clears a success or information message."""
        return self._fade

    def text(self) -> str:  # type: ignore[override]
        """The whole sentence shown (``""`` when none)."""
        return self._text

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._text = text
        self._fitted = None
        self.setToolTip(text)
        self.update()

    def clear(self) -> None:
        self.setText("")

    def show_message(self, level: str, text: str) -> None:
        """Show ``text`` at ``level`` (one of :data:`LEVELS`), replacing what was shown.

        Raises:
            ValueError: an unknown level.
        """
        if level not in LEVELS:
            raise ValueError(f"unknown message level {level!r}")
        set_style_property(self, "level", level)
        self.setText(text)
        self.setAccessibleName(text)
        if self.isHidden():
            self.show()
        if level in FADING and self.fade_ms > 0:
            self._fade.start(self.fade_ms)
        else:
            self._fade.stop()

    def clear_message(self) -> None:
        """Say nothing (the area keeps its room)."""
        self._fade.stop()
        self.setText("")
        self.setAccessibleName("")
        set_style_property(self, "level", "")
        self.hide()

    # -- drawing -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        metrics = QFontMetrics(self.font())
        margins = self.contentsMargins()
        height = self.lines * metrics.lineSpacing() + margins.top() + margins.bottom()
        return QSize(metrics.averageCharWidth() * 20, height)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(self.contentsMargins().left() * 2 + 40, hint.height())

    def hasHeightForWidth(self) -> bool:
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # the styled box (QLabel's own text is always empty)
        if not self._text:
            return
        rect = self.contentsRect()
        font, text = self._fit(rect)
        painter = QPainter(self)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, _FLAGS, text)
        painter.end()

    def fitted_pixel_size(self) -> int:
        """The font size the message is drawn at (shrunk to fit), in pixels."""
        return self._fit(self.contentsRect())[0].pixelSize()

    def _fit(self, rect: QRect) -> tuple[QFont, str]:
        base = self.font()
        key = (self._text, rect.width(), rect.height(), base.key())
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1], self._fitted[2]
        font = QFont(base)
        largest = base.pixelSize() if base.pixelSize() > 0 else QFontMetrics(base).height()

        def fits(size: int) -> bool:
            font.setPixelSize(size)
            return (
                QFontMetrics(font).boundingRect(rect, _FLAGS, self._text).height() <= rect.height()
            )

        # Most sentences fit at the style's size: one measurement. Else the largest
        # size that fits, by halving (a few measurements, not one per pixel).
        size = largest
        if not fits(largest):
            low, high = MIN_FONT_PX, largest - 1
            while low < high:
                mid = (low + high + 1) // 2
                if fits(mid):
                    low = mid
                else:
                    high = mid - 1
            size = low
        font.setPixelSize(size)
        text = self._text
        if size == MIN_FONT_PX and not fits(size):
            text = self._cut(font, rect)
        font.setPixelSize(size)
        self._fitted = (key, font, text)
        return font, text

    def _cut(self, font: QFont, rect: QRect) -> str:
        """The longest start of the sentence that fits, ending in an ellipsis."""
        metrics = QFontMetrics(font)
        words = self._text.split()
        low, high = 0, len(words)
        while low < high:
            mid = (low + high + 1) // 2
            candidate = " ".join(words[:mid]) + " …"
            if metrics.boundingRect(rect, _FLAGS, candidate).height() <= rect.height():
                low = mid
            else:
                high = mid - 1
        return " ".join(words[:low]) + " …"

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen ends a success message (and its timer: a kiosk runs all
        # shift, and a timer must not outlive what it was for).
        if self._fade.isActive():
            self._fade.stop()
            if self.level in FADING:
                self._text = ""
                self._fitted = None
                set_style_property(self, "level", "")
        super().hideEvent(event)

    @Slot()
    def _on_fade_timeout(self) -> None:
        self.clear_message()
