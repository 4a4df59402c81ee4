"""SVG icons from ``resources/icons/``, recoloured to sit on any background.

The icons are drawn in white (``#ffffff``) or near-black (``#111827``); a caller asks
for the colour the surrounding text has, so an icon never has less contrast than its
label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ui.resources import read_text

_COLOUR = re.compile(r'(stroke|fill)="#(?:ffffff|111827)"')


@lru_cache(maxsize=64)
def _svg(name: str, colour: str) -> bytes:
    text = read_text("icons", f"{name}.svg")
    return _COLOUR.sub(lambda m: f'{m.group(1)}="{colour}"', text).encode()


def icon_pixmap(name: str, colour: str, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The icon ``resources/icons/<name>.svg`` drawn in ``colour`` at ``size`` px square.

    Raises:
        FileNotFoundError: there is no such icon.
    """
    renderer = QSvgRenderer(QByteArray(_svg(name, colour)))
    side = round(size * device_pixel_ratio)
    pixmap = QPixmap(QSize(side, side))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap
