"""Opening an order at the pack screen: its reads on the task runner's database lane
(part of the pack screen).

A scan is answered at once from what its look-up brought (the order and its status,
or a tote's code); the session is read off the GUI thread (the order, its products,
the other orders of its tote) and handed to the screen, which records its start (the
durable record, on the GUI thread). A tote is looked up the same way: none, one order
(opened) or several (listed to choose from).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.domain.model import User
from app.domain.pack import PackSession
from app.packing.service import Candidate, PackService, Startable
from ui.scanner.pipeline import Tone
from ui.screens.pack_text import start_sentence
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

OPENABLE = (Startable.READY, Startable.RESUME)


class OrderOpener(QObject):
    """Finds and opens the order to pack, off the GUI thread.

    Signals:
        opened(object, bool): the ``PackSession`` read, and whether it rebuilds the one
            on screen (an answer was not saved) rather than opening an order.
        choices(str, list): a tote's orders, to tap or scan one.
        failed(object, str): (tone, sentence): nothing to open, or it could not be read.
    """

    opened = Signal(object, bool)
    choices = Signal(str, list)
    failed = Signal(object, str)

    def __init__(
        self, service: PackService, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._busy = False
        self._tote: str | None = None
        self._choices: dict[str, Candidate] = {}  # the tote's orders, by number

    @property
    def busy(self) -> bool:
        """An order or a tote is being read."""
        return self._busy

    def forget(self) -> None:
        """No tote's orders to choose from any more (an order opened, a log-out)."""
        self._tote, self._choices = None, {}

    def choice(self, number: str) -> Candidate | None:
        """``number`` if it is one of the listed tote's orders."""
        return self._choices.get(number)

    def open(self, user: User, candidate: Candidate) -> tuple[Tone, str]:
        """Open ``candidate`` for ``user`` when it can be packed here; the answer now
        (``opened`` follows, or ``failed``)."""
        text = start_sentence(candidate)
        if candidate.startable not in OPENABLE:
            return Tone.WRONG, text
        number, tote = candidate.order_number, self._tote
        self._run(lambda: self._service.open(user, number, tote=tote), rebuild=False)
        return Tone.GOOD, text

    def reopen(self, user: User, number: str) -> None:
        """Read ``number``'s session again as the station holds it (``opened``)."""
        self._run(lambda: self._service.open(user, number), rebuild=True)

    def find_tote(self, user: User, tote: str) -> str:
        """Look for the orders in ``tote``; the sentence for now."""
        self._busy = True
        self._tasks.run_db(
            lambda: self._service.find_tote(tote),
            on_done=lambda found: self._on_tote(user, tote, found),
            on_error=self._on_failed,
            name="pack tote",
        )
        return self.tr("Tote {tote}: looking for its orders…").format(tote=tote)

    def _on_tote(self, user: User, tote: str, candidates: list[Candidate]) -> None:
        self._busy = False
        if not candidates:
            text = self.tr("Tote {tote} holds no order to pack: scan the order instead.")
            self.failed.emit(Tone.WRONG, text.format(tote=tote))
        elif len(candidates) == 1:
            self._tote = tote
            tone, text = self.open(user, candidates[0])
            if tone is Tone.WRONG:
                self.failed.emit(tone, text)
        else:
            self._tote = tote
            self._choices = {c.order_number: c for c in candidates}
            self.choices.emit(tote, list(self._choices))

    def _run(self, read: object, *, rebuild: bool) -> None:
        self._busy = True
        self._tasks.run_db(
            read,  # type: ignore[arg-type]
            on_done=lambda session: self._on_opened(session, rebuild),
            on_error=self._on_failed,
            name="pack reopen" if rebuild else "pack open",
        )

    def _on_opened(self, session: PackSession, rebuild: bool) -> None:
        self._busy = False
        self.opened.emit(session, rebuild)

    def _on_failed(self, error: BaseException) -> None:
        self._busy = False
        log.warning("could not open the order to pack: %s", error)
        text = self.tr("This order cannot be opened now: scan it again.")
        if isinstance(error, ValueError):  # changed since the scan (the last pull)
            text = self.tr("This order cannot be packed here any more: scan it again.")
        self.failed.emit(Tone.WRONG, text)
