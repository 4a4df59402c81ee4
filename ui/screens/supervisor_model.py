"""The supervisor's orders table: a ``QAbstractTableModel`` over the station's SQL
(part of the supervisor screen).

The model never holds the day: it knows the filtered row count and the blocks of
``BLOCK`` rows that were looked at, at most ``MAX_BLOCKS`` of them (the oldest looked-at
go first). A row not loaded shows empty and asks for its block; every query runs on the
task runner's database lane and the answer is swapped in on the GUI thread, tagged with
the generation it was asked for, so an answer to a filter no longer shown is dropped.

Three ways the data changes, three ways the table follows:

- **filter or sort** (``set_filter``, ``sort``): a new generation; the count and the first
  block come back together and the model resets (the selection goes: the screen finds the
  selected order again with ``position_of``);
- **a pull or a local action** (``update``): the same generation; the derived tables are
  brought up to date, the count and the blocks looked at are read again, rows are inserted
  or removed at the end and the rest signalled as changed, so the view keeps its scroll,
  its sort and its selection by row, and the screen moves the selection to where the
  selected order now is;
- **time** (``tick``): the ship-by column's countdown is signalled as changed; no query.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Connection

from app.store.local_store import LocalStore
from app.supervisor import derived, queue
from app.supervisor.queue import QueueFilter, QueueRow, SortKey
from ui.scanner.pipeline import status_word
from ui.screens.supervisor_text import column_title, countdown, priority_word, progress_text
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

BLOCK = 100
MAX_BLOCKS = 40
"""4,000 rows at most in memory, however far the table is scrolled."""

COLUMNS = (
    SortKey.NUMBER,
    SortKey.STATUS,
    SortKey.PRIORITY,
    SortKey.LINES,
    SortKey.PROGRESS,
    SortKey.PERSON,
    SortKey.STATION,
    SortKey.CUTOFF,
)
"""The table's columns (the carrier is a filter, in the details and in the export)."""
EXPORTED = (*COLUMNS, SortKey.CARRIER)

LATE = QColor("#b00020")
LATE_TEXT = QColor("#ffffff")
SOON = QColor("#8a5a00")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Read:
    """What one trip to the database lane brought back."""

    generation: int
    count: int
    blocks: dict[int, list[QueueRow]]
    position: int | None
    """Where the order the screen asked about is now (``None``: not in the view)."""


def read_block(
    conn: Connection, flt: QueueFilter, sort: SortKey, descending: bool, block: int, count: int
) -> list[QueueRow]:
    """Rows ``block * BLOCK`` on of the view of ``count`` rows.

    Past the middle, the block is read from the other end: the same rows in the other
    direction at the mirrored offset, then reversed. The order is total (ties by order
    number, and SQLite sorts NULL lowest both ways), so they are the same rows; but an
    OFFSET walks every row it skips, and the end of 100,000 sorted by a sum over the
    lines (the ``order_sums`` index, each row looked up in ``orders``) took 65-190 ms
    to reach from the front and 5-10 ms from the back.
    """
    start = block * BLOCK
    end = min(count, start + BLOCK)
    if start < end and count - end < start:
        rows = queue.page(
            conn, flt, sort=sort, descending=not descending, offset=count - end, limit=end - start
        )
        return rows[::-1]
    return queue.page(conn, flt, sort=sort, descending=descending, offset=start, limit=BLOCK)


class QueueModel(QAbstractTableModel):
    """The filtered, sorted orders of the station, fetched as they scroll into view.

    Signals:
        reset(object): a new filter or sort is shown; the position of the order asked
            about (``int`` or ``None``).
        updated(object): a live update was swapped in; the position likewise.
        failed(str): a query failed (logged); the table keeps what it shows.
    """

    reset = Signal(object)
    updated = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        store: LocalStore,
        tasks: TaskRunner,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._clock = clock
        self._filter = QueueFilter()
        self._sort = SortKey.CUTOFF
        self._descending = False
        self._generation = 0
        self._count = 0
        self._blocks: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._asked: set[int] = set()
        self._updating = False
        self._again: tuple[str | None, range] | None = None

    # -- what the table shows ------------------------------------------------------

    @property
    def view(self) -> tuple[QueueFilter, SortKey, bool]:
        """The filter, the sort column and its direction in force."""
        return self._filter, self._sort, self._descending

    @property
    def generation(self) -> int:
        return self._generation

    def loaded_rows(self) -> int:
        """Rows held in memory now (at most ``BLOCK * MAX_BLOCKS``)."""
        return sum(len(rows) for rows in self._blocks.values())

    def set_filter(self, flt: QueueFilter, *, keep: str | None = None) -> None:
        """Show ``flt``'s orders (``reset`` tells where ``keep`` is in them)."""
        self._filter = flt
        self._reload(keep)

    def set_sort(self, key: SortKey, descending: bool, *, keep: str | None = None) -> None:
        self._sort, self._descending = key, descending
        self._reload(keep)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The view's header calls this on a click: the query sorts, not Python.
        if 0 <= column < len(COLUMNS):
            self.set_sort(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)

    def row(self, index: int) -> QueueRow | None:
        """The order at row ``index`` if its block is loaded (no query)."""
        block = index // BLOCK
        rows = self._blocks.get(block)
        if rows is None or index % BLOCK >= len(rows):
            return None
        self._blocks.move_to_end(block)  # looked at: the last to be dropped
        return rows[index % BLOCK]

    def order_number(self, index: int) -> str | None:
        found = self.row(index)
        return found.order_number if found else None

    # -- reading ---------------------------------------------------------------------

    def _reload(self, keep: str | None) -> None:
        self._generation += 1
        generation = self._generation
        flt, sort, descending = self.view
        self._asked = {0}

        def read() -> Read:
            with self._store.engine.connect() as conn:
                count = queue.count(conn, flt)
                first = queue.page(conn, flt, sort=sort, descending=descending, limit=BLOCK)
                position = None
                if keep:
                    position = queue.position_of(conn, flt, keep, sort=sort, descending=descending)
                return Read(generation, count, {0: first}, position)

        self._tasks.run_db(read, on_done=self._on_reset, on_error=self._on_failed, name="queue")

    def _on_reset(self, read: Read) -> None:
        if read.generation != self._generation:
            return  # a filter or sort shown since
        self.beginResetModel()
        self._count = read.count
        self._blocks = OrderedDict(read.blocks)
        self._asked = set()
        self.endResetModel()
        self.reset.emit(read.position)

    def _want(self, block: int) -> None:
        if block in self._asked or block in self._blocks:
            return
        self._asked.add(block)
        generation = self._generation
        flt, sort, descending = self.view

        count = self._count

        def read() -> Read:
            with self._store.engine.connect() as conn:
                rows = read_block(conn, flt, sort, descending, block, count)
            return Read(generation, -1, {block: rows}, None)

        self._tasks.run_db(read, on_done=self._on_block, on_error=self._on_failed, name="rows")

    def _on_block(self, read: Read) -> None:
        if read.generation != self._generation:
            return
        for block, rows in read.blocks.items():
            self._asked.discard(block)
            self._keep(block, rows)
            last = min(self._count, block * BLOCK + len(rows)) - 1
            if last >= block * BLOCK:
                self.dataChanged.emit(
                    self.index(block * BLOCK, 0), self.index(last, len(COLUMNS) - 1)
                )

    def _keep(self, block: int, rows: list[QueueRow]) -> None:
        self._blocks[block] = rows
        self._blocks.move_to_end(block)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)

    def update(self, keep: str | None, visible: range) -> None:
        """Read the view again after a pull or a local action, keeping its place.

        ``visible`` are the rows on screen: their blocks are read again; the other
        blocks are dropped and read when they scroll into view. One update at a time:
        one asked for meanwhile runs after it, with the latest arguments.
        """
        if self._updating:
            self._again = (keep, visible)
            return
        self._updating = True
        generation = self._generation
        flt, sort, descending = self.view
        blocks = sorted({row // BLOCK for row in visible if row >= 0}) or [0]

        def read() -> Read:
            with self._store.engine.begin() as conn:
                derived.refresh(conn)
            with self._store.engine.connect() as conn:
                count = queue.count(conn, flt)
                pages = {
                    block: read_block(conn, flt, sort, descending, block, count)
                    for block in blocks
                    if block * BLOCK < max(count, 1)
                }
                position = None
                if keep:
                    position = queue.position_of(conn, flt, keep, sort=sort, descending=descending)
            return Read(generation, count, pages, position)

        self._tasks.run_db(read, on_done=self._on_updated, on_error=self._on_failed, name="live")

    def _on_updated(self, read: Read) -> None:
        self._updating = False
        if read.generation == self._generation:
            self._swap(read)
            self.updated.emit(read.position)
        again, self._again = self._again, None
        if again is not None:
            self.update(*again)

    def _swap(self, read: Read) -> None:
        old, new = self._count, read.count
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._count = new
            self._replace(read.blocks)
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._count = new
            self._replace(read.blocks)
            self.endRemoveRows()
        else:
            self._replace(read.blocks)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def _replace(self, blocks: dict[int, list[QueueRow]]) -> None:
        self._blocks = OrderedDict(blocks)
        self._asked = set()

    def _on_failed(self, error: BaseException) -> None:
        self._updating = False
        log.warning("the supervisor's queue could not be read: %s", error)
        self.failed.emit(type(error).__name__)

    def tick(self) -> None:
        """A second went by: the countdowns are said again (no query)."""
        if self._count:
            column = COLUMNS.index(SortKey.CUTOFF)
            self.dataChanged.emit(self.index(0, column), self.index(self._count - 1, column))

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        found = self.row(index.row())
        if found is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row() // BLOCK)
                return "…"
            return None
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(found, key)
        if key is SortKey.CUTOFF and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return self._late_colour(found, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in (
            SortKey.LINES,
            SortKey.PROGRESS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and found.hold_reason:
            return found.hold_reason
        return None

    def _text(self, row: QueueRow, key: SortKey) -> str:
        match key:
            case SortKey.NUMBER:
                return row.order_number
            case SortKey.STATUS:
                return status_word(row.status)
            case SortKey.PRIORITY:
                return priority_word(row.priority)
            case SortKey.LINES:
                return str(row.lines)
            case SortKey.PROGRESS:
                return progress_text(row.progress)
            case SortKey.PERSON:
                return row.person or ""
            case SortKey.STATION:
                return row.station or ""
            case SortKey.CUTOFF:
                return countdown(row.cutoff, self._clock(), late=self._is_late(row))
            case SortKey.CARRIER:
                return row.carrier
        return ""  # pragma: no cover - every column is matched

    def _is_late(self, row: QueueRow) -> bool:
        return row.status in queue.OPEN_WORK and row.cutoff < self._clock()

    def _late_colour(self, row: QueueRow, role: int) -> QBrush | None:
        if not self._is_late(row):
            if (
                role == Qt.ItemDataRole.ForegroundRole
                and row.status in queue.OPEN_WORK
                and row.cutoff - self._clock() < queue.DUE_SOON
            ):
                return QBrush(SOON)
            return None
        return QBrush(LATE if role == Qt.ItemDataRole.BackgroundRole else LATE_TEXT)
