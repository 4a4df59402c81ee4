"""The unit of work: one Session, one transaction, all repositories over it.

Use one unit per user action and never share it across threads (a Session is not
thread-safe). Nothing is written unless ``commit()`` is called; leaving the ``with``
block without it, or by an exception, rolls everything back::

    with store.unit_of_work() as uow:
        order = uow.orders.get("SO-100001")
        ...
        uow.commit()
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from app.store.outbox import OutboxRepository
from app.store.pick_runs import PickRunRepository
from app.store.repositories import (
    LocationRepository,
    OrderRepository,
    ProductRepository,
    SyncStateRepository,
    ToteRepository,
    UserRepository,
)
from app.store.sscc import SsccRepository


class UnitOfWork:
    """A Session-backed unit of work with the station's repositories.

    Attributes:
        products: products and barcodes.
        locations: bins.
        totes: totes.
        users: users and badges.
        orders: orders with lines and packages.
        outbox: events waiting for the order store.
        sync_state: the sync's cursor and timestamps.
        pick_runs: pickers' runs of claimed orders (station-local).
        sscc: the station's SSCC counters (station-local).
    """

    products: ProductRepository
    locations: LocationRepository
    totes: ToteRepository
    users: UserRepository
    orders: OrderRepository
    outbox: OutboxRepository
    sync_state: SyncStateRepository
    pick_runs: PickRunRepository
    sscc: SsccRepository

    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The Session, for set-based statements inside this package."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use it in a with block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        if self._session is not None:
            raise RuntimeError("a unit of work is entered once")
        session = self._sessions()
        self._session = session
        self.products = ProductRepository(session)
        self.locations = LocationRepository(session)
        self.totes = ToteRepository(session)
        self.users = UserRepository(session)
        self.orders = OrderRepository(session)
        self.outbox = OutboxRepository(session, self._clock)
        self.sync_state = SyncStateRepository(session)
        self.pick_runs = PickRunRepository(session)
        self.sscc = SsccRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            # Whatever was not committed is not wanted: an exception, or a read-only use.
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        """Make everything done in this unit durable (fsync'd: synchronous=FULL)."""
        self.session.commit()

    def rollback(self) -> None:
        """Drop everything done in this unit since the last commit."""
        self.session.rollback()
