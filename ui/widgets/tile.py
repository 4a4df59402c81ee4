"""A big home-screen tile: icon, title and a subtitle, one touch target."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.icons import icon_pixmap
from ui.theme import Theme, set_style_property

ICON_SIZE = 56
TILE_SIZE = QSize(320, 112)


class _Icon(QWidget):
    """Draws its pixmap as given, enabled or not.

    A disabled QLabel would fade the icon to a light grey that fails the 3:1 contrast
    graphics need; the tile already draws it in the unavailable colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setFixedSize(ICON_SIZE, ICON_SIZE)

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def setPixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        painter = QPainter(self)
        painter.drawPixmap(QPoint(0, 0), self._pixmap)
        painter.end()


class Tile(QPushButton):
    """A large push button for one action of the home screen.

    A tile whose screen is not built yet is disabled, grey, dashed, and says
    "Not yet available" in words; it is never a fake screen.

    Signals:
        clicked(bool): inherited; only an available tile can be clicked.
    """

    def __init__(
        self,
        key: str,
        title: str,
        icon: str,
        *,
        subtitle: str = "",
        available: bool = True,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self._icon_name = icon
        self._theme = theme or Theme()
        self._subtitle_text = subtitle
        self.setObjectName(f"tile_{key}")
        self.setProperty("tile", True)
        # As wide as its grid column, always the same height: one tile for a picker is
        # not a wall-sized button.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.icon_label = _Icon(self)
        self.icon_label.setObjectName("tileIcon")
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("tileTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("tileSubtitle")
        self.subtitle_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.subtitle_label.setWordWrap(True)
        for label in (self.icon_label, self.title_label, self.subtitle_label):
            # The labels only draw: touches go to the button underneath.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        # Icon beside the words: two rows of tiles, the scan row and the refused
        # events fit the kiosk's 800 pixels with a gloved finger's gap between rows.
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addStretch(1)
        words.addWidget(self.title_label)
        words.addWidget(self.subtitle_label)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 12, 6)
        layout.setSpacing(16)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)
        self.set_available(available)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        content = layout.minimumSize() if layout is not None else QSize()
        return content.expandedTo(TILE_SIZE)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # A wrapped title or subtitle (a narrow screen, a longer language) makes the
        # tile taller rather than cutting its words.
        layout = self.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(TILE_SIZE.height(), needed)

    def minimumSizeHint(self) -> QSize:
        # As tall as its hint, but narrower when the screen is (three tiles in a row
        # on a 1024 px screen): the title and subtitle wrap.
        layout = self.layout()
        content = layout.minimumSize() if layout is not None else QSize()
        return QSize(content.width(), self.sizeHint().height())

    @property
    def title(self) -> str:
        return self.title_label.text()

    @property
    def subtitle(self) -> str:
        return self.subtitle_label.text()

    @property
    def available(self) -> bool:
        return bool(self.property("available"))

    def set_texts(self, title: str, subtitle: str = "") -> None:
        """Say the tile again (a language change): its title and subtitle."""
        self.title_label.setText(title)
        self._subtitle_text = subtitle
        self.set_available(self.available)

    def set_available(self, available: bool) -> None:
        """Make the tile usable, or grey it out with "Not yet available"."""
        set_style_property(self, "available", available)
        self.setEnabled(available)
        subtitle = self._subtitle_text if available else self.tr("Not yet available")
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        colour = self._theme.on_primary if available else self._theme.on_disabled
        self.icon_label.setPixmap(
            icon_pixmap(self._icon_name, colour, ICON_SIZE, self.devicePixelRatioF())
        )
        self.setAccessibleName(f"{self.title}. {subtitle}" if subtitle else self.title)
