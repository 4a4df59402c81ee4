"""Carries print-job changes from the print worker's thread to the widgets.

``app.printing.PrintQueue`` calls its ``on_change`` callback on whichever thread changed
a job (the print worker's plain Python thread, or the database lane). The kiosk passes
``PrintBridge.publish``; ``jobChanged`` is always emitted on the GUI thread, in order.
Built like ``ui.sync_bridge.SyncBridge``: stop the print worker before the bridge is
deleted (``Kiosk.close`` does); a change published to a deleted bridge is dropped.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.store.print_jobs import PrintJob
from ui import qtcompat

log = logging.getLogger(__name__)


class PrintBridge(QObject):
    """Thread-safe mailbox for ``PrintJob`` changes.

    Signals:
        jobChanged(object): a ``PrintJob`` after a change of state, on the GUI thread.
        _published(object): internal; a job on its way to the GUI thread.
    """

    jobChanged = Signal(object)
    _published = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        qtcompat.install()  # publish() emits from the print thread: see ui/qtcompat.py
        # Queued even from the GUI thread: receivers never run inside the queue's call.
        self._published.connect(self._on_bridge_published, Qt.ConnectionType.QueuedConnection)

    def publish(self, job: PrintJob) -> None:
        """Hand ``job`` to the GUI; callable from any thread, never blocks."""
        try:
            self._published.emit(job)
        except RuntimeError:  # the C++ object is gone: the kiosk closed first
            log.debug("print job change published after the bridge was deleted: dropped")

    @Slot(object)
    def _on_bridge_published(self, job: PrintJob) -> None:
        self.jobChanged.emit(job)
