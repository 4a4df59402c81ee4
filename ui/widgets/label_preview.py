"""A label picture scaled to fit its box (never up-scaled past 2x), or a sentence."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class LabelPreview(QLabel):
    """Shows a rendered label (PNG bytes) scaled to fit, keeping its proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()

    @property
    def image(self) -> QImage:
        """The label shown, at full size (null when a sentence is shown)."""
        return self._image

    def show_png(self, png: bytes) -> bool:
        """Show the label in ``png``; False (and nothing shown) if it is not an image."""
        image = QImage.fromData(png, "PNG")
        if image.isNull():
            return False
        self._image = image
        self._rescale()
        return True

    def show_text(self, text: str) -> None:
        self._image = QImage()
        self.setPixmap(QPixmap())
        self.setText(text)

    # QLabel asks for its pixmap's size; the picture follows the box instead (a label
    # drawn at 300 dpi must not push the buttons off a 800-pixel screen).
    def minimumSizeHint(self) -> QSize:
        return QSize(200, 160)

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image.isNull():
            return
        box = self.contentsRect().size()
        fitted = self._image.scaled(
            box.boundedTo(self._image.size() * 2),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.setPixmap(QPixmap.fromImage(fitted))
