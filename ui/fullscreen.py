"""Full screen on any X session: with a window manager, under a kiosk compositor, or on
a bare X server with nothing but the kiosk.

``QWidget.showFullScreen`` only *asks* the window manager (``_NET_WM_STATE_FULLSCREEN``
on X11); a bare X server has no one to ask, and the window keeps the size it had, in
the corner of the screen. ``FullScreen`` asks, and also sets the window's geometry to
the screen's itself, which a bare X server carries out as it is and a window manager
takes as the full-screen size it was going to give anyway. It does so again whenever
the screen changes under the window: a rotation or a new resolution (``xrandr``), the
window moved to another screen, the screen unplugged.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QObject, QRect, QTimer, Slot
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget


class FullScreen(QObject):
    """Keeps ``window`` (a top-level widget) covering its screen; owned by the window.

    Call ``show`` instead of ``window.showFullScreen()``.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._screen: QScreen | None = None
        self._following = False
        # A change of the screen comes as several signals in a row (size, then the
        # available area): one re-fit after them.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.primaryScreenChanged.connect(self._follow)
            app.screenRemoved.connect(self._follow)

    def show(self) -> None:
        """Show the window full screen on the screen it is on, and keep it so."""
        self._window.showFullScreen()
        handle = self._window.windowHandle()
        if handle is not None and not self._following:  # shown again: connected already
            handle.screenChanged.connect(self._follow)
            self._following = True
        self._follow()

    @Slot()
    def fit(self) -> None:
        """Cover the current screen (again)."""
        screen = self._window.screen()
        if screen is None:
            return
        if self._window.geometry() != screen.geometry():
            self._window.setGeometry(screen.geometry())
        if not self._window.isFullScreen():
            self._window.showFullScreen()

    @Slot()
    def _follow(self, *_args: object) -> None:
        screen = self._window.screen()
        if screen is not self._screen:
            if self._screen is not None:
                with suppress(RuntimeError, TypeError):  # that screen is gone already
                    self._screen.geometryChanged.disconnect(self._schedule)
            self._screen = screen
            if screen is not None:
                screen.geometryChanged.connect(self._schedule)
        self._refit.start()

    @Slot(QRect)
    def _schedule(self, _geometry: QRect) -> None:
        self._refit.start()
