"""The supervisor screen's work off the GUI thread (part of the supervisor screen): the
tiles, choices, exceptions and people in one read, an order's details, the CSV export
and the actions on the database lane; the PIN's unlock on the pool (network and KDF).

What comes back is data; the words are made on the GUI thread (``supervisor_text``),
in the reader's language at that moment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from sqlalchemy import Connection

from app.domain.model import OrderStatus, Priority
from app.domain.rules import RejectCode
from app.supervisor import detail as details
from app.supervisor import floor, queue
from app.supervisor.detail import Choices, OrderDetail
from app.supervisor.floor import Claim, ExceptionItem, ExceptionKind, OperatorRates
from app.supervisor.ledger import (
    Ledger,
    LedgerEntry,
    LedgerUnavailable,
    StationSeen,
    last_seen,
)
from app.supervisor.queue import QueueFilter, QueueRow, SortKey, StatusCount
from app.supervisor.service import ActionResult, SupervisorService, UnlockError
from ui.printing.words import print_error_text
from ui.reject_text import reject_words
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_model import EXPORTED
from ui.screens.supervisor_text import (
    clock_time,
    column_title,
    event_words,
    hold_reason_word,
    priority_word,
)
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SHIFT = timedelta(hours=8)
"""The window of the people's rates."""


@dataclass(frozen=True, slots=True)
class LedgerRead:
    """What the store's ledger said: ``None`` for a part not asked."""

    stations: list[StationSeen] | None
    rates: list[OperatorRates] | None
    order_number: str | None
    history: list[LedgerEntry]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything but the table, read in one trip."""

    counts: list[StatusCount]
    choices: Choices
    exceptions: list[ExceptionItem]
    claims: list[Claim]
    rates: list[OperatorRates]
    detail: OrderDetail | None = None
    timeline: list[tuple[datetime, str, str]] = field(default_factory=list)
    exception_words: list[str] = field(default_factory=list)


class FloorReads(QObject):
    """Reads and acts for the supervisor screen; answers come back as signals.

    Signals:
        snapshot(object): a ``Snapshot`` (worded).
        detailRead(object): ``(OrderDetail | None, timeline rows)``.
        failed(str): a read failed (logged).
        exported(object): ``(path, rows)`` or ``None`` when the file could not be written.
        acted(object): an ``ActionResult``.
        unlocked(object): an ``Unlocked`` key.
        unlockFailed(object): an ``UnlockError``.
        ledgerRead(object): a ``LedgerRead`` from the order store.
        ledgerFailed(str): the store's ledger could not be read (its code).
    """

    snapshot = Signal(object)
    detailRead = Signal(object)
    failed = Signal(str)
    exported = Signal(object)
    acted = Signal(object)
    unlocked = Signal(object)
    unlockFailed = Signal(object)
    ledgerRead = Signal(object)
    ledgerFailed = Signal(str)

    def __init__(
        self,
        service: SupervisorService,
        tasks: TaskRunner,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        stale_after: timedelta = timedelta(minutes=15),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._clock = clock
        self.stale_after = stale_after
        self.ledger: Ledger | None = None
        """The order store's ledger (the whole site's history, rates, stations); without
        it the screen shows what this station knows."""
        self._seen: dict[str, datetime] = {}
        self._ledger_busy = False
        self._local: tuple[str | None, list[tuple[datetime, str, str]]] = (None, [])
        self._history: tuple[str | None, list[LedgerEntry]] = (None, [])

    def last_seen(self) -> dict[str, datetime]:
        """When each station last talked to the store, as of the last ledger read."""
        return dict(self._seen)

    def read_ledger(self, chosen: str | None) -> None:
        """The stations, the shift's rates and the chosen order's history from the
        store, on the pool (network); one read at a time."""
        ledger, clock = self.ledger, self._clock
        if ledger is None or self._ledger_busy:
            return
        self._ledger_busy = True

        def read() -> LedgerRead:
            now = clock()
            stations = ledger.stations()
            rates = ledger.rates(now - SHIFT, now)
            history = ledger.timeline(chosen) if chosen else []
            return LedgerRead(stations, rates, chosen, history)

        def done(read: LedgerRead) -> None:
            self._ledger_busy = False
            self._seen = last_seen(read.stations or [])
            self._on_ledger(read)

        def failed(error: BaseException) -> None:
            self._ledger_busy = False
            code = error.code if isinstance(error, LedgerUnavailable) else type(error).__name__
            log.info("the order store's ledger could not be read: %s", code)
            self.ledgerFailed.emit(code)

        self._tasks.run(read, on_done=done, on_error=failed, name="ledger")

    def _on_ledger(self, read: LedgerRead) -> None:
        if read.order_number:
            self._history = (read.order_number, read.history)
        self.ledgerRead.emit(read)

    def read_history(self, number: str) -> None:
        """One order's history from the store (``ledgerRead`` with only that)."""
        ledger = self.ledger
        if ledger is None:
            return
        self._tasks.run(
            lambda: LedgerRead(None, None, number, ledger.timeline(number)),
            on_done=self._on_ledger,
            on_error=lambda error: self.ledgerFailed.emit(getattr(error, "code", "")),
            name="order history",
        )

    def read_all(self, chosen: str | None) -> None:
        store, clock, station = self._service.store, self._clock, self._service.station
        seen, stale = self.last_seen(), self.stale_after

        def read() -> Snapshot:
            now = clock()
            with store.engine.connect() as conn:
                detail = details.order_detail(conn, chosen) if chosen else None
                return Snapshot(
                    queue.status_counts(conn, now),
                    details.choices(conn, station=station),
                    floor.exceptions(conn, now=now, last_seen=seen, stale_after=stale),
                    floor.claims(conn),
                    floor.operator_rates(conn, now - SHIFT, now),
                    detail,
                    _timeline(conn, chosen) if chosen else [],
                )

        self._tasks.run_db(read, on_done=self._on_snapshot, on_error=self._failed, name="floor")

    def _on_snapshot(self, snap: Snapshot) -> None:
        words = [exception_detail(item) for item in snap.exceptions]
        timeline: list[tuple[datetime, str, str]] = []
        if snap.detail is not None:
            number = snap.detail.row.order_number
            self._local = (number, snap.timeline)
            timeline = self.timeline_for(number)
        self.snapshot.emit(
            Snapshot(
                snap.counts,
                snap.choices,
                snap.exceptions,
                snap.claims,
                snap.rates,
                snap.detail,
                timeline,
                words,
            )
        )

    def timeline_for(self, number: str) -> list[tuple[datetime, str, str]]:
        """The order's history as known now: the store's (when read) with what only
        this station knows yet, worded."""
        history = self._history[1] if self._history[0] == number else None
        local = self._local[1] if self._local[0] == number else []
        return history_rows(history, local)

    def read_detail(self, number: str) -> None:
        store = self._service.store

        def read() -> tuple[OrderDetail | None, list[tuple[datetime, str, str]]]:
            with store.engine.connect() as conn:
                return details.order_detail(conn, number), _timeline(conn, number)

        def done(read: tuple[OrderDetail | None, list[tuple[datetime, str, str]]]) -> None:
            detail, timeline = read
            self._local = (number, timeline)
            self.detailRead.emit((detail, self.timeline_for(number)))

        self._tasks.run_db(read, on_done=done, on_error=self._failed, name="order detail")
        self.read_history(number)

    def export(self, flt: QueueFilter, sort: SortKey, descending: bool, target: Path) -> None:
        """Write the view to ``target`` (``exported``); the words are the reader's."""
        store = self._service.store
        header = [column_title(key) for key in EXPORTED]
        words = _Words.now()

        def write() -> tuple[Path, int]:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            with (
                store.engine.connect() as conn,
                partial.open("w", newline="", encoding="utf-8-sig") as out,
            ):
                rows = details.export_csv(
                    conn,
                    flt,
                    out,
                    header=header,
                    cells=words.cells,
                    sort=sort,
                    descending=descending,
                )
            partial.replace(target)  # a whole file or none
            return target, rows

        def failed(error: BaseException) -> None:
            log.warning("could not export the queue to %s: %s", target, error)
            self.exported.emit(None)

        self._tasks.run_db(write, on_done=self.exported.emit, on_error=failed, name="export")

    def act(self, action: Callable[[], ActionResult]) -> None:
        self._tasks.run_db(action, on_done=self.acted.emit, on_error=self._act_failed, name="act")

    def unlock(self, username: str, pin: str) -> None:
        service = self._service

        def failed(error: BaseException) -> None:
            if isinstance(error, UnlockError):
                self.unlockFailed.emit(error)
            else:
                log.error("unlocking failed", exc_info=error)
                self.failed.emit(type(error).__name__)

        self._tasks.run(
            lambda: service.unlock(username, pin),
            on_done=self.unlocked.emit,
            on_error=failed,
            name="unlock",
        )

    def _act_failed(self, error: BaseException) -> None:
        log.error("a supervisor action failed", exc_info=error)
        self.acted.emit(ActionResult(None, None))

    def _failed(self, error: BaseException) -> None:
        log.warning("the supervisor's floor could not be read: %s", error)
        self.failed.emit(type(error).__name__)


def history_rows(
    history: list[LedgerEntry] | None, local: list[tuple[datetime, str, str]]
) -> list[tuple[datetime, str, str]]:
    """The store's history of an order with what only this station knows yet (its
    events not sent, its print jobs), oldest first, worded; without the store's
    (``None``: not read), this station's own."""
    if history is None:
        return [(at, who, timeline_words(what)) for at, who, what in local]
    rows = [
        (
            entry.at,
            " · ".join(part for part in (entry.user, entry.station) if part),
            entry.type + (f"!{entry.code or ''}" if entry.result == "rejected" else ""),
        )
        for entry in history
    ]
    rows += [row for row in local if row[2].startswith("print:") or "!" not in row[2]]
    rows.sort(key=lambda row: row[0])
    return [(at, who, timeline_words(what)) for at, who, what in rows]


def _timeline(conn: Connection, number: str) -> list[tuple[datetime, str, str]]:
    rows = []
    for entry in floor.timeline(conn, number):
        who = " · ".join(part for part in (entry.user, entry.station) if part)
        what = entry.what if entry.kind is floor.TimelineKind.EVENT else f"print:{entry.what}"
        if entry.state == "rejected":
            what += f"!{entry.code or ''}"
        rows.append((entry.at, who, what))
    return rows


@dataclass(frozen=True, slots=True)
class _Words:
    """The export's cell words, made on the GUI thread before the export starts (a
    worker thread writes them, never asks a translator)."""

    statuses: dict[str, str]
    priorities: dict[str, str]

    @classmethod
    def now(cls) -> _Words:
        return cls(
            {s.value: status_word(s) for s in OrderStatus},
            {p.value: priority_word(p) for p in Priority},
        )

    def cells(self, row: QueueRow) -> list[object]:
        return [
            row.order_number,
            self.statuses[row.status.value],
            self.priorities[row.priority.value],
            row.lines,
            round(row.progress * 100),
            row.person or "",
            row.station or "",
            row.cutoff.isoformat(),
            row.carrier,
        ]


def exception_detail(item: ExceptionItem) -> str:
    """What one exception's detail says to a person."""
    match item.kind:
        case ExceptionKind.HELD:
            return hold_reason_word(item.detail)
        case ExceptionKind.SHORT:
            return QCoreApplication.translate("Supervisor", "{count} short").format(
                count=item.detail
            )
        case ExceptionKind.REFUSED:
            known = item.detail in RejectCode.__members__.values()
            return reject_words(RejectCode(item.detail) if known else None)
        case ExceptionKind.CLAIM:
            return QCoreApplication.translate(
                "Supervisor", "{station} has not synced since {time}"
            ).format(station=item.detail, time=clock_time(item.at) if item.at else "?")
        case ExceptionKind.PRINT_FAILED:
            return print_error_text(item.detail or None, {})
        case ExceptionKind.REPRINT_FAILED:
            asker = str(item.extra.get("requested_by") or "?")
            if item.detail == "no_labels_here":
                return QCoreApplication.translate(
                    "Supervisor", "{person} asked; this station never printed this order"
                ).format(person=asker)
            return QCoreApplication.translate(
                "Supervisor", "{person} asked; this station cannot do that request"
            ).format(person=asker)
    return item.detail  # pragma: no cover


def timeline_words(what: str) -> str:
    """A timeline entry's "what": an event type or ``print:<label>``, and ``!<code>``
    when the store refused it."""
    what, mark, refused = what.partition("!")
    if what.startswith("print:"):
        text = QCoreApplication.translate("Supervisor", "label printed: {label}").format(
            label=what.removeprefix("print:")
        )
    else:
        text = event_words(what)
    if mark:
        known = refused in RejectCode.__members__.values()
        text = QCoreApplication.translate("Supervisor", "{what} (refused: {why})").format(
            what=text, why=reject_words(RejectCode(refused) if known else None)
        )
    return text
