"""The home screen's camera button: on and off, and what the camera says."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from app.domain.model import User
from ui.scanner.camera import CameraScanner
from ui.screens.home import HomeScreen


class HomeCamera(QObject):
    """Keeps the camera button of ``home`` with ``camera`` (hidden when there is none).

    Args:
        user: who is logged in; the button is asked about only then (the home screen
            shows at log-in, and the camera's question loads QtMultimedia and the devices).
    """

    def __init__(
        self,
        home: HomeScreen,
        camera: CameraScanner | None,
        user: Callable[[], User | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = home
        self._camera = camera
        self._user = user
        home.cameraToggled.connect(self._on_toggled)
        if camera is not None:
            camera.activeChanged.connect(self.update)
            camera.statusChanged.connect(self.update)
        self.update()

    @Slot()
    def update(self, *_changed: object) -> None:
        """Show the camera as it is now."""
        camera = self._camera
        if camera is None:
            self._home.camera_button.hide()
            return
        if self._user() is None:
            return
        problem = camera.problem()
        self._home.set_camera_state(
            available=not problem, on=camera.active, message=problem or camera.status
        )

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        camera = self._camera
        if camera is None:
            return
        if on:
            camera.start()
        else:
            camera.stop()
        self.update()
