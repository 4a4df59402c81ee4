"""Pick runs: a picker's claimed orders and their totes, kept across restarts.

A run is written in the same transaction as the claims it holds (``OrderClaimed``
events), so after a crash every order this station claimed for a picker is in exactly
one run. Like every repository here it never commits; its unit of work does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.store.models import PickRunOrderRow, PickRunRow


@dataclass(frozen=True, slots=True)
class RunOrder:
    """One order of a run: its tote (``None`` for a single order without one) and the
    id of the event that claimed it."""

    order_number: str
    tote: str | None
    claim_event: uuid.UUID


@dataclass(frozen=True, slots=True)
class PickRun:
    """A picker's run: the orders in the order they were claimed."""

    id: int
    username: str
    started_at: datetime
    orders: tuple[RunOrder, ...]

    @property
    def order_numbers(self) -> tuple[str, ...]:
        return tuple(o.order_number for o in self.orders)

    @property
    def totes(self) -> dict[str, str]:
        """Tote by order number (orders without a tote left out)."""
        return {o.order_number: o.tote for o in self.orders if o.tote is not None}


class PickRunRepository:
    """The pick-run tables, over the unit of work's Session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, username: str, orders: Sequence[RunOrder], now: datetime) -> PickRun:
        """A new run for ``username`` holding ``orders`` (claimed in this transaction)."""
        row = PickRunRow(username=username, started_at=now)
        self._session.add(row)
        self._session.flush()
        self.extend(row.id, orders)
        found = self.get(row.id)
        assert found is not None
        return found

    def extend(self, run_id: int, orders: Sequence[RunOrder]) -> None:
        """Add orders to a run (a lost claim's tote got another order)."""
        start = self._next_position(run_id)
        for i, order in enumerate(orders):
            self._session.add(
                PickRunOrderRow(
                    run_id=run_id,
                    order_number=order.order_number,
                    position=start + i,
                    tote=order.tote,
                    claim_event=str(order.claim_event),
                )
            )
        self._session.flush()
        self._session.expire_all()

    def get(self, run_id: int) -> PickRun | None:
        row = self._session.get(PickRunRow, run_id)
        return _run(row) if row is not None else None

    def open_for(self, username: str) -> PickRun | None:
        """The user's unfinished run (the newest, should there be several)."""
        row = self._session.scalars(
            select(PickRunRow)
            .where(PickRunRow.username == username, PickRunRow.finished_at.is_(None))
            .order_by(PickRunRow.id.desc())
            .limit(1)
        ).first()
        return _run(row) if row is not None else None

    def totes_in_use(self) -> dict[str, str]:
        """Tote -> order number, over every unfinished run at this station."""
        rows = self._session.execute(
            select(PickRunOrderRow.tote, PickRunOrderRow.order_number)
            .join(PickRunRow, PickRunRow.id == PickRunOrderRow.run_id)
            .where(PickRunRow.finished_at.is_(None), PickRunOrderRow.tote.is_not(None))
        )
        return {str(tote): number for tote, number in rows}

    def orders_in_tote(self, tote: str) -> list[str]:
        """The orders picked into ``tote`` at this station, newest run first."""
        rows = self._session.scalars(
            select(PickRunOrderRow.order_number)
            .where(PickRunOrderRow.tote == tote)
            .order_by(PickRunOrderRow.run_id.desc(), PickRunOrderRow.position)
        )
        return list(dict.fromkeys(rows))

    def in_runs(self, order_numbers: Sequence[str]) -> set[str]:
        """Which of ``order_numbers`` belong to an unfinished run."""
        if not order_numbers:
            return set()
        rows = self._session.scalars(
            select(PickRunOrderRow.order_number)
            .join(PickRunRow, PickRunRow.id == PickRunOrderRow.run_id)
            .where(
                PickRunRow.finished_at.is_(None),
                PickRunOrderRow.order_number.in_(list(order_numbers)),
            )
        )
        return set(rows)

    def drop(self, run_id: int, order_numbers: Sequence[str]) -> None:
        """Take orders off a run (their claim was lost, or the store took them back)."""
        if not order_numbers:
            return
        self._session.execute(
            delete(PickRunOrderRow)
            .where(
                PickRunOrderRow.run_id == run_id,
                PickRunOrderRow.order_number.in_(list(order_numbers)),
            )
            .execution_options(synchronize_session=False)
        )
        self._session.expire_all()

    def finish(self, run_id: int, now: datetime) -> None:
        """The picker confirmed the run done (also for a run left empty)."""
        self._session.execute(
            update(PickRunRow)
            .where(PickRunRow.id == run_id, PickRunRow.finished_at.is_(None))
            .values(finished_at=now)
            .execution_options(synchronize_session=False)
        )
        self._session.expire_all()

    def _next_position(self, run_id: int) -> int:
        positions = self._session.scalars(
            select(PickRunOrderRow.position).where(PickRunOrderRow.run_id == run_id)
        ).all()
        return max(positions, default=-1) + 1


def _run(row: PickRunRow) -> PickRun:
    return PickRun(
        id=row.id,
        username=row.username,
        started_at=row.started_at,
        orders=tuple(
            RunOrder(o.order_number, o.tote, uuid.UUID(o.claim_event)) for o in row.orders
        ),
    )
