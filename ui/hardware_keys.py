"""Hardware keys: a handheld's side keys and function keys do what a tap does.

``Settings.key_*`` names a key for each ``HardwareAction`` (Short, Skip, Undo,
Quantity, Next, Confirm). Screens mark the button for an action with ``bind_key``;
``HardwareKeys``, an application-wide event filter, turns a press of an action's key
into a click of the one button marked for it that is on screen and enabled now, the
same click a tap makes (its guard against double taps included). Where no such button
is shown, the key does nothing, as a tap on nothing would. A key held down acts once.

The filter is installed after the scanner's keyboard-wedge filter, so it sees a key
first (Qt calls the newest filter first): a mapped key never reaches the wedge. The
keys are checked in ``Settings.validate`` not to type characters, so no scanned code
can press one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from app.config import HardwareAction, Settings
from app.packing.flow import PackAction
from app.picking.steps import PickAction
from ui.widgets.key_capture import KeyCapture, key_name

log = logging.getLogger(__name__)

KEY_PROPERTY = "hardwareAction"
OVERLAY_PROPERTY = "keysOverlay"
"""Set on a panel drawn over the screen (the on-screen keyboard): while it is shown,
keys act only on its buttons, never on the screen under it."""

PICK_KEYS = {
    PickAction.SHORT: HardwareAction.SHORT,
    PickAction.SKIP: HardwareAction.SKIP,
    PickAction.UNDO: HardwareAction.UNDO,
    PickAction.QTY: HardwareAction.QUANTITY,
    PickAction.NEXT: HardwareAction.NEXT,
}
"""The pick screen's buttons that have a key."""
PACK_KEYS = {
    PackAction.UNDO: HardwareAction.UNDO,
    PackAction.QTY: HardwareAction.QUANTITY,
    PackAction.NEXT: HardwareAction.NEXT,
    PackAction.CONFIRM: HardwareAction.CONFIRM,
}
"""The pack screen's buttons that have a key."""


def bind_key(button: QAbstractButton, action: HardwareAction | None) -> None:
    """Mark ``button`` as the one a press of ``action``'s key clicks (``None``: none)."""
    button.setProperty(KEY_PROPERTY, action.value if action is not None else None)


def button_for(window: QWidget, action: HardwareAction) -> QAbstractButton | None:
    """The button for ``action`` that is on screen and enabled in ``window`` (in the
    overlay shown over it, if there is one)."""
    overlays = [
        w for w in window.findChildren(QWidget) if w.property(OVERLAY_PROPERTY) and w.isVisible()
    ]
    scope = overlays[-1] if overlays else window
    found = [
        button
        for button in scope.findChildren(QAbstractButton)
        if button.property(KEY_PROPERTY) == action.value
        and button.isVisible()
        and button.isEnabled()
    ]
    if len(found) > 1:  # two panels showing one action: a screen to fix
        log.warning("%d buttons for the %s key: %s", len(found), action.value, found)
    return found[0] if found else None


class HardwareKeys(QObject):
    """The application's key filter for the actions' keys (install with ``install``).

    Args:
        settings: the settings in force (their ``hardware_keys``), asked at each press
            of a key that types nothing.
    """

    def __init__(self, settings: Callable[[], Settings], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._read: tuple[Settings | None, Mapping[str, HardwareAction]] = (None, {})

    def keys(self) -> Mapping[str, HardwareAction]:
        """The actions' keys in the settings in force."""
        settings = self._settings()
        if self._read[0] is not settings:  # saved settings are a new object
            self._read = (settings, settings.hardware_keys())
        return self._read[1]

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False  # the QWindow forwarding a key: its widget gets it next
        assert isinstance(event, QKeyEvent)
        if isinstance(watched, KeyCapture):
            return False  # a key being set on the settings screen
        if event.text().isprintable() and event.text():
            return False  # a character (every scanned one): never an action's key
        action = self.keys().get(key_name(event))
        if action is None:
            return False
        if not event.isAutoRepeat():
            button = button_for(watched.window(), action)
            if button is not None:
                button.animateClick()
        return True
