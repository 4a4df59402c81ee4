"""The one scan pipeline: every input's read becomes a ``Scan`` and gets its feedback.

``submit(raw)`` parses and resolves the read against the station store right away, on
the GUI thread: resolution is a handful of primary-key reads in a read-only unit of
work (well under a millisecond, measured by ``python -m benchmarks scan``), and the
person holding the scanner must see and hear the answer within one display frame. A
round trip through the database lane would cost more than the lookup itself.

Then, on the same event-loop turn:

1. ``scanned(scan)`` goes to the screens. A screen that acts on the scan may call
   ``respond(verdict)`` from its slot to say something more precise than the scan's own
   sentence ("Log in first", "Logged out").
2. ``answered(verdict)`` carries the final word to the feedback (flash, message, sound)
   and to whatever shows the last scan.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.barcodes.messages import (
    COMMAND_TITLES,
    HOLD_REASON_TITLES,
    SHORT_REASON_TITLES,
    TEMPLATES,
    describe,
    message_args,
    printable,
)
from app.barcodes.resolve import CodePatterns, StoreLookup, rejected_scan, resolve_raw
from app.barcodes.wedge import Rejected
from app.domain.commands import Command
from app.domain.model import OrderStatus
from app.domain.scan import CommandScan, OrderScan, ProductScan, RawScan, Scan
from app.store.uow import UnitOfWork

log = logging.getLogger(__name__)

MESSAGE_CONTEXT = "ScanMessages"
"""The translation context of the scan sentences (``app.barcodes.messages.TEMPLATES``)."""


class ReadStore(Protocol):
    """What the pipeline needs of the station store (``app.store.LocalStore``)."""

    def unit_of_work(self, *, readonly: bool = False) -> UnitOfWork: ...


class Tone(enum.StrEnum):
    """Which of the three feedbacks: its sound, its colour and its word."""

    GOOD = "good"
    WRONG = "wrong"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the person is told about a scan.

    Attributes:
        tone: good (green, "OK"), wrong (red, "WRONG") or done (green, "DONE").
        text: the sentence, already translated.
        scan: the scan it answers, or ``None`` (a store failure).
    """

    tone: Tone
    text: str
    scan: Scan | None = None

    @property
    def ok(self) -> bool:
        return self.tone is not Tone.WRONG


COMMAND_CONTEXT = "CommandTitles"
"""The translation context of the command titles and reasons (``app.barcodes.messages``)."""


def command_words(command: Command) -> str:
    """A command as a person says it, in the reader's language: ``Short pick: bin empty``."""
    title = QCoreApplication.translate(COMMAND_CONTEXT, COMMAND_TITLES[command.name])
    title = title.replace("{qty}", QLocale().toString(command.qty or 0))
    if command.reason is not None:
        reason = SHORT_REASON_TITLES[command.reason]
        title += ": " + QCoreApplication.translate(COMMAND_CONTEXT, reason)
    if command.hold is not None:
        reason = HOLD_REASON_TITLES[command.hold]
        title += ": " + QCoreApplication.translate(COMMAND_CONTEXT, reason)
    return title


def status_word(status: OrderStatus) -> str:
    """An order's status in the reader's language."""
    words = {
        OrderStatus.OPEN: QCoreApplication.translate("OrderStatus", "open"),
        OrderStatus.PICKING: QCoreApplication.translate("OrderStatus", "picking"),
        OrderStatus.PICKED: QCoreApplication.translate("OrderStatus", "picked"),
        OrderStatus.PACKING: QCoreApplication.translate("OrderStatus", "packing"),
        OrderStatus.PACKED: QCoreApplication.translate("OrderStatus", "packed"),
        OrderStatus.SHIPPED: QCoreApplication.translate("OrderStatus", "shipped"),
        OrderStatus.ON_HOLD: QCoreApplication.translate("OrderStatus", "on hold"),
        OrderStatus.CANCELLED: QCoreApplication.translate("OrderStatus", "cancelled"),
    }
    return words.get(status, status.value)


def scan_message(scan: Scan) -> str:
    """``describe(scan)`` through Qt's translator (context ``ScanMessages``)."""
    template = TEMPLATES[scan.code]
    translated = QCoreApplication.translate(MESSAGE_CONTEXT, template)
    args = message_args(scan)
    match scan:
        case CommandScan(command=command):
            args["command"] = command_words(command)
        case OrderScan(order=order):
            args["status"] = status_word(order.status)
        case ProductScan(qty=qty) if qty != 1:
            args["quantity"] = " x " + QLocale().toString(qty)
        case _:
            pass
    try:
        return translated.format(**args)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not cost the operator the message.
        return describe(scan)


def verdict_of(scan: Scan) -> Verdict:
    """The default answer to ``scan``: green with its sentence when usable, else red."""
    return Verdict(Tone.GOOD if scan.ok else Tone.WRONG, scan_message(scan), scan)


class ScanPipeline(QObject):
    """Turns every input's read into a ``Scan``, tells the screens, then the person.

    Call it from the GUI thread only (inputs on other threads send signals).

    Args:
        store: the station store; each read opens its own read-only unit of work.
        patterns: what bin, tote, order and badge codes look like.

    Signals:
        scanned(object): the ``app.domain.scan.Scan`` of a read. Slots may call
            :meth:`respond` to change what the person is told.
        answered(object): the final :class:`Verdict` of a read (after ``scanned``), for
            the feedback. Also sent alone when the store could not be read.
    """

    scanned = Signal(object)
    answered = Signal(object)

    def __init__(
        self, store: ReadStore, patterns: CodePatterns, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._patterns = patterns
        # One slot per submit in progress (a slot may submit again, e.g. a test).
        self._responses: list[Verdict | None] = []

    @property
    def patterns(self) -> CodePatterns:
        return self._patterns

    def set_patterns(self, patterns: CodePatterns) -> None:
        """Use new code patterns (the settings changed)."""
        self._patterns = patterns

    def resolve(self, raw: RawScan) -> Scan:
        """``raw`` resolved against the store, with no signal (benchmarks, tools).

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the store could not be read.
        """
        with self._store.unit_of_work(readonly=True) as uow:
            return resolve_raw(raw, StoreLookup(uow), self._patterns)

    @Slot(object)
    def submit(self, raw: RawScan) -> Scan | None:
        """Resolve ``raw``, tell the screens and give feedback, all before returning.

        Returns:
            The scan, or ``None`` when the store could not be read (the person is told).
        """
        try:
            scan = self.resolve(raw)
        except Exception as error:  # a broken database must not crash the kiosk
            log.exception("could not resolve a scan")
            self.answered.emit(
                Verdict(
                    Tone.WRONG,
                    self.tr(
                        "Could not look up {code}: {reason}. Scan again; if this keeps "
                        "happening, ask a supervisor."
                    ).format(code=printable(raw.text), reason=type(error).__name__),
                )
            )
            return None
        self._deliver(scan)
        return scan

    @Slot(object)
    def reject(self, rejected: Rejected) -> Scan:
        """A burst the keyboard wedge (or a serial line) refused: red, with its reason."""
        scan = rejected_scan(rejected)
        self._deliver(scan)
        return scan

    def respond(self, verdict: Verdict) -> None:
        """From a ``scanned`` slot: tell the person ``verdict`` instead of the default.

        Raises:
            RuntimeError: called outside a ``scanned`` slot.
        """
        if not self._responses:
            raise RuntimeError("respond() is for slots of ScanPipeline.scanned")
        self._responses[-1] = verdict

    def _deliver(self, scan: Scan) -> None:
        self._responses.append(None)
        try:
            self.scanned.emit(scan)
        finally:
            response = self._responses.pop()
        self.answered.emit(response if response is not None else verdict_of(scan))


class ScansWhileShown(QObject):
    """Connects ``slot`` to ``pipeline.scanned`` while ``screen`` is shown, so that a
    screen in the background never acts on a scan.

    Args:
        screen: the screen (it owns this object).
        pipeline: the scans; ``None`` for a station without a scanner (nothing happens).
        slot: the screen's ``scanned`` handler.
    """

    def __init__(
        self, screen: QWidget, pipeline: ScanPipeline | None, slot: Callable[[Scan], None]
    ) -> None:
        super().__init__(screen)
        self._pipeline = pipeline
        self._slot = slot
        self.listening = False
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._listen(True)
        elif kind == QEvent.Type.Hide:
            self._listen(False)
        return False

    def _listen(self, on: bool) -> None:
        if self._pipeline is None or on == self.listening:
            return
        if on:
            self._pipeline.scanned.connect(self._slot)
        else:
            self._pipeline.scanned.disconnect(self._slot)
        self.listening = on
