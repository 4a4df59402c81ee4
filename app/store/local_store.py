"""The station's local store: open it, work in units, record events, store pulls.

``open_store`` is the one way in: it upgrades the database to the newest schema (never
dropping an existing one) and returns a ``LocalStore``. Close it when done, or use it
as a context manager; a kiosk keeps one open for its whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.domain.events import Event
from app.domain.model import Order
from app.domain.rules import RejectCode, Rejection, apply_event, check_user
from app.store.changes import prepare_page, store_rows
from app.store.engine import create_store_engine, immediate, upgrade, without_checkpoint
from app.store.uow import UnitOfWork

Clock = Callable[[], datetime]

WAL_CEILING_BYTES = 64 * 1024 * 1024
"""Past this, a scan's record checkpoints the WAL after all (see ``record_all``)."""


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def open_store(path: Path, *, clock: Clock | None = None) -> LocalStore:
    """Open (creating or upgrading as needed) the station database at ``path``.

    Args:
        path: the SQLite file; its folder is created when missing.
        clock: what "now" is, for outbox and sync timestamps; UTC wall time by default.

    Raises:
        app.store.engine.StoreError: the database is from a newer scanpack, or its
            upgrade failed (the file is then left as it was).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(path)
    return LocalStore(create_store_engine(path), clock=clock or utc_now)


class LocalStore:
    """The station's durable database.

    Thread use: the store may be shared, a unit of work may not. Each call of
    ``unit_of_work``, ``record`` and ``apply_changes`` uses its own Session and
    connection, so the GUI's database lane and the sync worker can both use the
    store; SQLite serialises their writes (writers begin IMMEDIATE and wait up to the
    busy timeout).
    """

    def __init__(self, engine: Engine, *, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._writes = sessionmaker(immediate(engine), expire_on_commit=False)
        self._reads = sessionmaker(engine, expire_on_commit=False)
        # A scan's record never pays for a WAL checkpoint (``without_checkpoint``)
        # unless the WAL has grown this big: nothing else wrote for a long while.
        self._records = sessionmaker(without_checkpoint(immediate(engine)), expire_on_commit=False)
        database = engine.url.database
        self._wal = Path(f"{database}-wal") if database and database != ":memory:" else None

    @property
    def engine(self) -> Engine:
        return self._engine

    def unit_of_work(self, *, readonly: bool = False) -> UnitOfWork:
        """A new unit of work (use it in a ``with`` block; ``commit()`` to keep changes).

        Args:
            readonly: begin DEFERRED instead of IMMEDIATE, so that reading does not
                take the write lock (a reader then sees one consistent snapshot).
                Writing in a read-only unit may fail with "database is locked".
        """
        return UnitOfWork(self._reads if readonly else self._writes, self._clock)

    def record_unit(self) -> UnitOfWork:
        """A writing unit of work for the GUI thread's durable record of a scan (the
        pack station's answers, which add an SSCC to their events): like
        ``record_all``'s, its commit does not checkpoint the WAL."""
        return UnitOfWork(self._record_sessions(), self._clock)

    def record(self, event: Event) -> Order:
        """Apply a person's action to its order and queue it for the store, atomically.

        In one transaction: load the order, check the acting user, apply the event by
        the domain rules, save the order and append the event to the outbox. Either
        both the new order state and the outbox entry are committed, or neither.

        Returns:
            The order as it is now.

        Raises:
            app.domain.rules.Rejection: the rules refuse the event (unknown order or
                user, wrong status, over-pick...); nothing was written.
            sqlalchemy.exc.IntegrityError: this event id was recorded before.
        """
        return self.record_all([event])[-1]

    def record_all(self, events: Sequence[Event]) -> list[Order]:
        """``record`` for several events (one scan's pick and its order's completion)
        in ONE transaction: all of them, or none.

        Made for the GUI thread: its commit does not checkpoint the WAL (the station's
        other writers do, off the GUI thread), unless the WAL has grown past
        ``WAL_CEILING_BYTES``.

        Returns:
            Each event's order as it is after that event.
        """
        after: list[Order] = []
        with self.record_unit() as uow:
            # Each order is loaded and written once, however many of the events are
            # about it (a scan that completes an order: its pick and OrderPicked).
            loaded: dict[str, Order] = {}
            for event in events:
                order = loaded.get(event.order_number) or _load(uow, event.order_number)
                apply_event(order, event, check_user(uow.users.get(event.user), event))
                uow.outbox.add(event)
                loaded[event.order_number] = order
                after.append(order.copy() if len(events) > 1 else order)
            for order in loaded.values():
                uow.orders.save(order)
            uow.commit()
        return after

    def _record_sessions(self) -> sessionmaker[Session]:
        try:
            too_big = self._wal is not None and self._wal.stat().st_size > WAL_CEILING_BYTES
        except OSError:  # no WAL file yet
            too_big = False
        return self._writes if too_big else self._records

    def apply_changes(self, page: Mapping[str, Any]) -> int:
        """Store one ``GET /api/v1/changes`` page and its cursor in one transaction.

        See ``app.store.changes`` for what wins when an order has local progress.

        Returns:
            How many rows were newer than the local copy (0 for a page stored before).

        Raises:
            app.store.changes.PageError: the page does not fit the contract; nothing
                was written.
        """
        # Checked before the transaction: no write lock while reading the page.
        rows = prepare_page(page, self._engine.dialect)
        with self.unit_of_work() as uow:
            written = store_rows(uow, rows, self._clock())
            uow.commit()
        return written

    def changes_since(self) -> int:
        """The cursor to pass as ``since`` in the next /changes pull."""
        with self.unit_of_work(readonly=True) as uow:
            return uow.sync_state.changes_since()

    def close(self) -> None:
        """Close every pooled connection (checkpoints the WAL on the last one)."""
        self._engine.dispose()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def record_in(uow: UnitOfWork, event: Event) -> Order:
    """``LocalStore.record`` inside the caller's unit of work (which commits).

    Raises:
        app.domain.rules.Rejection: the rules refuse the event; the caller must not
            commit what it did so far in this unit.
    """
    order = _load(uow, event.order_number)
    user = check_user(uow.users.get(event.user), event)
    apply_event(order, event, user)
    uow.orders.save(order)
    uow.outbox.add(event)
    return order


def _load(uow: UnitOfWork, order_number: str) -> Order:
    order = uow.orders.get(order_number)
    if order is None:
        raise Rejection(RejectCode.UNKNOWN_ORDER, f"order {order_number} is not on this station")
    return order
