"""Carries the sync engine's state from its worker thread to the widgets.

The sync loop (``app.sync``) runs on a plain Python thread and knows nothing of Qt; it
is given ``bridge.publish`` as its ``on_state`` callback. ``publish`` may be called
from any thread; ``stateChanged`` is always emitted on the GUI thread, in the order
the states were published.

Stop the sync loop before the bridge is deleted (the composition root does so on
quit): a state published to a deleted bridge is dropped.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.sync.state import SyncState
from ui import qtcompat

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    """Thread-safe mailbox for :class:`app.sync.state.SyncState` snapshots.

    Signals:
        stateChanged(object): a new ``SyncState``, on the GUI thread.
        _published(object): internal; a state on its way to the GUI thread.
    """

    stateChanged = Signal(object)
    _published = Signal(object)

    def __init__(self, initial: SyncState | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        qtcompat.install()  # publish() emits from the sync thread: see ui/qtcompat.py
        self._lock = threading.Lock()
        self._latest = initial or SyncState()
        # Queued even when publish() runs on the GUI thread: the receiver is always
        # called from the event loop, never re-entrantly from inside publish().
        self._published.connect(self._on_bridge_published, Qt.ConnectionType.QueuedConnection)

    @property
    def latest(self) -> SyncState:
        """The state most recently published (the initial one before any)."""
        with self._lock:
            return self._latest

    def publish(self, state: SyncState) -> None:
        """Hand ``state`` to the GUI; callable from any thread, never blocks on the GUI."""
        with self._lock:
            self._latest = state
        try:
            self._published.emit(state)
        except RuntimeError:  # the C++ object is gone: the window was closed first
            log.debug("sync state published after the bridge was deleted: dropped")

    @Slot(object)
    def _on_bridge_published(self, state: SyncState) -> None:
        self.stateChanged.emit(state)
