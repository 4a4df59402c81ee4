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

from app.domain.events import EventType
from app.domain.model import OrderStatus, Priority
from app.domain.rules import RejectCode
from app.supervisor import detail as details
from app.supervisor import floor, queue
from app.supervisor.detail import Choices, OrderDetail
from app.supervisor.floor import Claim, ExceptionItem, ExceptionKind, OperatorRates
from app.supervisor.queue import QueueFilter, QueueRow, SortKey, StatusCount
from app.supervisor.service import ActionResult, SupervisorService, UnlockError
from ui.printing.words import print_error_text
from ui.reject_text import reject_words
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_model import EXPORTED
from ui.screens.supervisor_text import (
    clock_time,
    column_title,
    hold_reason_word,
    priority_word,
)
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SHIFT = timedelta(hours=8)
"""The window of the people's rates."""


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
    people_note: str = ""


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
    """

    snapshot = Signal(object)
    detailRead = Signal(object)
    failed = Signal(str)
    exported = Signal(object)
    acted = Signal(object)
    unlocked = Signal(object)
    unlockFailed = Signal(object)

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
        self.last_seen: Callable[[], dict[str, datetime]] = dict
        """When each station last synced, where known (the screen's owner may set it)."""

    def read_all(self, chosen: str | None) -> None:
        store, clock, station = self._service.store, self._clock, self._service.station
        last_seen, stale = self.last_seen, self.stale_after

        def read() -> Snapshot:
            now = clock()
            with store.engine.connect() as conn:
                detail = details.order_detail(conn, chosen) if chosen else None
                return Snapshot(
                    queue.status_counts(conn, now),
                    details.choices(conn, station=station),
                    floor.exceptions(conn, now=now, last_seen=last_seen(), stale_after=stale),
                    floor.claims(conn),
                    floor.operator_rates(conn, now - SHIFT, now),
                    detail,
                    _timeline(conn, chosen) if chosen else [],
                )

        self._tasks.run_db(read, on_done=self._on_snapshot, on_error=self._failed, name="floor")

    def _on_snapshot(self, snap: Snapshot) -> None:
        words = [exception_detail(item) for item in snap.exceptions]
        note = QCoreApplication.translate(
            "Supervisor",
            "Rates count this station's work not yet sent to the order store; wrong scans "
            "are not recorded as events yet.",
        )
        self.snapshot.emit(
            Snapshot(
                snap.counts,
                snap.choices,
                snap.exceptions,
                snap.claims,
                snap.rates,
                snap.detail,
                [(at, who, timeline_words(what)) for at, who, what in snap.timeline],
                words,
                note,
            )
        )

    def read_detail(self, number: str) -> None:
        store = self._service.store

        def read() -> tuple[OrderDetail | None, list[tuple[datetime, str, str]]]:
            with store.engine.connect() as conn:
                return details.order_detail(conn, number), _timeline(conn, number)

        def done(read: tuple[OrderDetail | None, list[tuple[datetime, str, str]]]) -> None:
            detail, timeline = read
            self.detailRead.emit(
                (detail, [(at, who, timeline_words(what)) for at, who, what in timeline])
            )

        self._tasks.run_db(read, on_done=done, on_error=self._failed, name="order detail")

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


def event_words(kind: str) -> str:
    words = {
        EventType.ORDER_CLAIMED: QCoreApplication.translate("Supervisor", "started picking"),
        EventType.ORDER_RELEASED: QCoreApplication.translate("Supervisor", "handed back"),
        EventType.LINE_PICKED: QCoreApplication.translate("Supervisor", "picked"),
        EventType.LINE_UNPICKED: QCoreApplication.translate("Supervisor", "pick undone"),
        EventType.LINE_SHORT: QCoreApplication.translate("Supervisor", "reported short"),
        EventType.LINE_SHORT_UNDONE: QCoreApplication.translate("Supervisor", "short undone"),
        EventType.ORDER_PICKED: QCoreApplication.translate("Supervisor", "picking finished"),
        EventType.PACK_STARTED: QCoreApplication.translate("Supervisor", "started packing"),
        EventType.LINE_PACKED: QCoreApplication.translate("Supervisor", "packed an item"),
        EventType.LINE_UNPACKED: QCoreApplication.translate("Supervisor", "took an item out"),
        EventType.PACKAGE_CLOSED: QCoreApplication.translate("Supervisor", "closed a package"),
        EventType.PACK_HELD: QCoreApplication.translate("Supervisor", "held at packing"),
        EventType.ORDER_PACKED: QCoreApplication.translate("Supervisor", "packing finished"),
        EventType.ORDER_SHIPPED: QCoreApplication.translate("Supervisor", "shipped"),
        EventType.ORDER_HELD: QCoreApplication.translate("Supervisor", "held"),
        EventType.ORDER_UNHELD: QCoreApplication.translate("Supervisor", "hold released"),
        EventType.PRIORITY_SET: QCoreApplication.translate("Supervisor", "priority changed"),
        EventType.PICKER_ASSIGNED: QCoreApplication.translate("Supervisor", "picker assigned"),
        EventType.PICKER_UNASSIGNED: QCoreApplication.translate("Supervisor", "picker unassigned"),
        EventType.CLAIM_CANCELLED: QCoreApplication.translate("Supervisor", "claim cancelled"),
        EventType.LABELS_REPRINT: QCoreApplication.translate("Supervisor", "reprint asked"),
    }
    known = kind in EventType.__members__.values()
    return words.get(EventType(kind), kind) if known else kind
