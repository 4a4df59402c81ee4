"""The durable outbox: events waiting to be pushed to the order store, in send order.

Life of an entry:

- ``add`` queues it as ``pending`` in the same transaction as the state change it
  describes (``LocalStore.record``).
- The push sends ``pending(limit)`` in position order. A transport failure is noted
  with ``record_failure`` (attempts + 1, last error) and the entry stays pending.
- ``applied`` and ``duplicate`` answers ``mark_sent``: the entry is **deleted**. The
  order store is the system of record and keeps every event by id; a station that kept
  sent events would only grow a second, unread copy of that log, and ``pending()`` and
  ``count_pending()`` stay index-only reads over a small table.
- A ``rejected`` answer ``mark_rejected``: the entry stays, in state ``rejected`` with
  the store's code and reason, out of the send queue, for a supervisor to see.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from app.domain.events import Event, parse_event
from app.store.bulk import chunks
from app.store.models import OutboxRow

PENDING: Final = "pending"
REJECTED: Final = "rejected"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One queued event and its delivery record.

    Attributes:
        position: place in the send order (increasing, never reused).
        event: the event exactly as recorded.
        attempts: failed sends so far.
        last_error: why the last send failed, if it did.
        state: ``"pending"`` or ``"rejected"``.
        reject_code: the store's code for a rejected event.
        reject_reason: the store's sentence for a rejected event.
        created_at: when the event was queued (UTC).
    """

    position: int
    event: Event
    attempts: int
    last_error: str | None
    state: str
    reject_code: str | None
    reject_reason: str | None
    created_at: datetime


class OutboxRepository:
    """The outbox table, over the unit of work's Session."""

    def __init__(self, session: Session, clock: Callable[[], datetime]) -> None:
        self._session = session
        self._clock = clock

    def add(self, event: Event) -> int:
        """Queue ``event`` as pending; returns its position.

        Raises:
            sqlalchemy.exc.IntegrityError: an event with this id is already queued.
        """
        row = OutboxRow(
            event_id=str(event.id),
            type=event.type.value,
            order_number=event.order_number,
            payload=json.dumps(event.to_json(), separators=(",", ":"), sort_keys=True),
            created_at=self._clock(),
            attempts=0,
            state=PENDING,
        )
        self._session.add(row)
        self._session.flush()  # assigns the position and checks the unique id now
        return row.position

    def pending(self, limit: int = 500) -> list[OutboxEntry]:
        """Up to ``limit`` pending entries, oldest position first (the send order)."""
        rows = self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state == PENDING)
            .order_by(OutboxRow.position)
            .limit(limit)
        )
        return [_entry(row) for row in rows]

    def pending_json(self, limit: int = 500) -> list[tuple[uuid.UUID, str]]:
        """Up to ``limit`` pending events as ``(id, JSON text)``, in send order.

        The text is the event exactly as recorded (``Event.to_json``): the push sends
        it as it is, without parsing and encoding it again.
        """
        rows = self._session.execute(
            select(OutboxRow.event_id, OutboxRow.payload)
            .where(OutboxRow.state == PENDING)
            .order_by(OutboxRow.position)
            .limit(limit)
        )
        return [(uuid.UUID(event_id), payload) for event_id, payload in rows]

    def pending_for(self, order_numbers: Iterable[str]) -> list[OutboxEntry]:
        """The pending entries of the given orders, in position order."""
        numbers = sorted(set(order_numbers))
        rows: list[OutboxRow] = []
        for part in chunks(numbers):
            rows.extend(
                self._session.scalars(
                    select(OutboxRow).where(
                        OutboxRow.state == PENDING, OutboxRow.order_number.in_(part)
                    )
                )
            )
        rows.sort(key=lambda row: row.position)
        return [_entry(row) for row in rows]

    def rejected(self, limit: int = 500) -> list[OutboxEntry]:
        """Up to ``limit`` entries the store refused, oldest first."""
        rows = self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state == REJECTED)
            .order_by(OutboxRow.position)
            .limit(limit)
        )
        return [_entry(row) for row in rows]

    def count_pending(self) -> int:
        """How many events wait to be sent."""
        stmt = select(func.count()).select_from(OutboxRow).where(OutboxRow.state == PENDING)
        return self._session.scalar(stmt) or 0

    def undelivered(self, event_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, OutboxEntry]:
        """Which of ``event_ids`` are still here: pending, or rejected with the store's
        reason. An id not in the answer was delivered (sent entries are deleted) or was
        never queued; the caller knows which ids it queued."""
        ids = [str(event_id) for event_id in event_ids]
        found: dict[uuid.UUID, OutboxEntry] = {}
        for part in chunks(ids):
            for row in self._session.scalars(select(OutboxRow).where(OutboxRow.event_id.in_(part))):
                found[uuid.UUID(row.event_id)] = _entry(row)
        return found

    def count_rejected(self) -> int:
        """How many events the store refused (kept for a person to see)."""
        stmt = select(func.count()).select_from(OutboxRow).where(OutboxRow.state == REJECTED)
        return self._session.scalar(stmt) or 0

    def mark_sent(self, event_ids: Iterable[uuid.UUID]) -> int:
        """Forget events the store answered ``applied`` or ``duplicate``.

        Returns:
            How many entries were removed (ids not in the outbox are ignored, so a
            repeated answer is harmless).
        """
        ids = [str(event_id) for event_id in event_ids]
        removed = 0
        for part in chunks(ids):
            result = self._session.execute(
                delete(OutboxRow)
                .where(OutboxRow.event_id.in_(part))
                .execution_options(synchronize_session=False)
            )
            removed += cast("CursorResult[Any]", result).rowcount
        self._session.expire_all()
        return removed

    def mark_rejected(self, event_id: uuid.UUID, code: str, reason: str) -> None:
        """Take an event the store refused out of the send queue, keeping why."""
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.event_id == str(event_id))
            .values(state=REJECTED, reject_code=code, reject_reason=reason)
            .execution_options(synchronize_session=False)
        )
        self._session.expire_all()

    def record_failure(self, event_ids: Iterable[uuid.UUID], error: str) -> None:
        """Note a failed send (no answer, or an error for the whole batch)."""
        ids = [str(event_id) for event_id in event_ids]
        for part in chunks(ids):
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.event_id.in_(part), OutboxRow.state == PENDING)
                .values(attempts=OutboxRow.attempts + 1, last_error=error)
                .execution_options(synchronize_session=False)
            )
        self._session.expire_all()


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        position=row.position,
        event=parse_event(json.loads(row.payload)),
        attempts=row.attempts,
        last_error=row.last_error,
        state=row.state,
        reject_code=row.reject_code,
        reject_reason=row.reject_reason,
        created_at=row.created_at,
    )
