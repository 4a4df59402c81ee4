"""The pack screen's reads on the task runner's database lane (part of the pack screen):
an order's session (the order, its products, the other orders of its tote), and the
orders in a tote. What they mean is ``app.packing.flow.PackFlow``'s business.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.domain.model import User
from app.packing.service import PackService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class OrderReader(QObject):
    """Reads for opening an order, off the GUI thread.

    Signals:
        opened(object, bool): the ``PackSession`` read, and whether it rebuilds the one
            on screen (an answer was not saved) rather than opening an order.
        toteRead(str, list): a tote's orders (``Candidate``) that can be packed.
        failed(str): the read failed; the sentence, worded.
    """

    opened = Signal(object, bool)
    toteRead = Signal(str, list)
    failed = Signal(str)

    def __init__(
        self, service: PackService, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks

    def session(self, user: User, number: str, tote: str = "", *, rebuild: bool = False) -> None:
        """Read ``number``'s pack session for ``user`` (``opened`` or ``failed``)."""
        service = self._service
        self._tasks.run_db(
            lambda: service.open(user, number, tote=tote or None),
            on_done=lambda session: self.opened.emit(session, rebuild),
            on_error=self._on_failed,
            name="pack reopen" if rebuild else "pack open",
        )

    def tote(self, tote: str) -> None:
        """Read the orders in ``tote`` (``toteRead`` or ``failed``)."""
        self._tasks.run_db(
            lambda: self._service.find_tote(tote),
            on_done=lambda found: self.toteRead.emit(tote, found),
            on_error=self._on_failed,
            name="pack tote",
        )

    def _on_failed(self, error: BaseException) -> None:
        log.warning("could not open the order to pack: %s", error)
        text = self.tr("This order cannot be opened now: scan it again.")
        if isinstance(error, ValueError):  # changed since the scan (the last pull)
            text = self.tr("This order cannot be packed here any more: scan it again.")
        self.failed.emit(text)
