"""What the events ledger tells a supervisor: an order's timeline, each person's
figures for a shift, and when each station last called the store.

The ledger (``EventRow``) is the system of record: every event the store applied or
refused, with who sent it, from where and when. These reads never keep figures on the
side; they count events. Each is bounded (``MAX_TIMELINE``, ``MAX_WINDOW``,
``MAX_OPERATORS``, ``MAX_STATIONS``) and served by an index of migration 0008:

- timeline: ``ix_events_order_number`` (an order has tens of events);
- rates: ``ix_events_window`` (at, result, username, type, qty) covers the query, so
  a window is read from the index alone, and a pick's units are the ``qty`` column
  (written with the event), not read from its JSON (with an index on ``at`` alone
  and the JSON read per pick, a day took 4.2 s on SQLite);
- stations: ``ix_events_station_received`` (station, received_at, at) gives each
  station's newest event with one index probe (without ``at`` in it, the events of
  one batch, which share ``received_at``, were sorted: 1.5 s for 50 stations).

Measured (tests/integration/test_orderstore_ledger_volume.py, 500,000 events of
100,000 orders in one day, 40 people, 50 stations, best of 3 on the 2-core
development box): a whole day's rates 1.7 s on SQLite and 0.47 s on PostgreSQL; one
hour's 37 ms / 55 ms; a timeline 2-3 ms; the stations 24 ms / 48 ms. A site that
busy runs PostgreSQL; a screen that refreshes the shift's figures asks for the
shift so far, not for a day.

**Last seen.** ``Sightings.saw`` is called by ``/changes`` and ``/events``. A pull
every few seconds must not be a write every few seconds, so each process writes a
station's time at most once per ``SEEN_EVERY``; the write itself only moves the time
forward when the stored one is that old, so several workers behind a load balancer
write a station's row at most once per ``SEEN_EVERY`` between them (the others' upserts
change nothing). A station's ``last_seen`` is thus up to ``SEEN_EVERY`` behind: a
claim is stale only after minutes, so that is far inside what a supervisor needs.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain.events import EventType
from app.orderstore.db import writer
from app.orderstore.models import EventRow, StationSeenRow

log = logging.getLogger(__name__)

MAX_TIMELINE = 500
MAX_WINDOW = timedelta(hours=24)
MAX_OPERATORS = 1000
MAX_STATIONS = 500
SEEN_EVERY = 30.0
"""Seconds: a station's last-seen time is written at most this often."""
_MAX_SIGHTINGS = 10_000  # stations a process remembers writing for (a site has tens)

APPLIED = "applied"


def timeline(engine: Engine, order_number: str, limit: int = MAX_TIMELINE) -> dict[str, Any]:
    """The newest ``limit`` events of an order (applied and refused), oldest first.

    An order number with no event has an empty timeline (the ledger also holds
    events refused as ``unknown_order``, so an unknown number is not an error here).
    """
    with Session(engine) as session:
        rows = session.execute(
            select(
                EventRow.at,
                EventRow.received_at,
                EventRow.station,
                EventRow.username,
                EventRow.type,
                EventRow.result,
                EventRow.code,
                EventRow.reason,
                EventRow.payload,
                EventRow.id,
            )
            .where(EventRow.order_number == order_number)
            .order_by(EventRow.at.desc(), EventRow.received_at.desc(), EventRow.id.desc())
            .limit(limit + 1)
        ).all()
    events = [
        {
            "id": row.id,
            "at": row.at.isoformat(),
            "received_at": row.received_at.isoformat(),
            "station": row.station,
            "user": row.username,
            "type": row.type,
            "result": row.result,
            "code": row.code,
            "reason": row.reason,
            "payload": _payload_of(row.payload),
        }
        for row in rows[:limit]
    ]
    events.reverse()
    return {"order_number": order_number, "events": events, "more": len(rows) > limit}


def _payload_of(stored: str) -> dict[str, Any]:
    # The event as received; only its payload is news (the rest is in the entry).
    try:
        payload = json.loads(stored).get("payload")
    except (ValueError, AttributeError):  # pragma: no cover - the store wrote it
        return {}
    return payload if isinstance(payload, dict) else {}


def rates(engine: Engine, since: datetime, until: datetime) -> dict[str, Any]:
    """Per person, what they did between ``since`` (inclusive) and ``until`` by the
    events' own times, counting applied events only: picks (``line.picked``), units
    (their quantities), packs (``order.packed``), wrong scans (``scan.wrong``), and
    the first and last applied event of any type. An undo (``line.unpicked``) is not
    subtracted: it is work too, and the timeline shows it.

    The caller checks the window (``check_window``).
    """
    picked = EventRow.type == EventType.LINE_PICKED.value
    query = (
        select(
            EventRow.username,
            func.sum(case((picked, 1), else_=0)),
            func.sum(case((picked, EventRow.qty), else_=0)),
            func.sum(case((EventRow.type == EventType.ORDER_PACKED.value, 1), else_=0)),
            func.sum(case((EventRow.type == EventType.SCAN_WRONG.value, 1), else_=0)),
            func.min(EventRow.at),
            func.max(EventRow.at),
        )
        .where(EventRow.at >= since, EventRow.at < until, EventRow.result == APPLIED)
        .group_by(EventRow.username)
        .order_by(EventRow.username)
        .limit(MAX_OPERATORS + 1)
    )
    with Session(engine) as session:
        rows = session.execute(query).all()
    operators = [
        {
            "username": row[0],
            "picks": int(row[1] or 0),
            "units": int(row[2] or 0),
            "packs": int(row[3] or 0),
            "wrong_scans": int(row[4] or 0),
            "first_at": _utc(row[5]),
            "last_at": _utc(row[6]),
        }
        for row in rows[:MAX_OPERATORS]
    ]
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "operators": operators,
        "more": len(rows) > MAX_OPERATORS,
    }


def _utc(value: Any) -> str | None:
    # min()/max() of the zone type come back as the driver's values: SQLite's are
    # naive UTC text, PostgreSQL's zone-aware times.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return str(moment.astimezone(UTC).isoformat())


def check_window(since: datetime, until: datetime) -> str | None:
    """Why ``since``..``until`` is no window to count (``None`` when it is one)."""
    if until <= since:
        return "until must be after since"
    if until - since > MAX_WINDOW:
        return f"the window is at most {int(MAX_WINDOW.total_seconds() // 3600)} hours"
    return None


def stations(engine: Engine) -> dict[str, Any]:
    """Every station that called ``/changes`` or ``/events`` (since migration 0008),
    most recently seen first, with the newest event it sent (applied or refused)."""
    out = []
    with Session(engine) as session:
        seen = session.execute(
            select(StationSeenRow.station, StationSeenRow.last_seen)
            .order_by(StationSeenRow.last_seen.desc(), StationSeenRow.station)
            .limit(MAX_STATIONS + 1)
        ).all()
        for station, last_seen in seen[:MAX_STATIONS]:
            last = session.execute(
                select(
                    EventRow.username,
                    EventRow.type,
                    EventRow.order_number,
                    EventRow.at,
                    EventRow.result,
                )
                .where(EventRow.station == station)
                .order_by(EventRow.received_at.desc(), EventRow.at.desc())
                .limit(1)
            ).first()
            out.append(
                {
                    "station": station,
                    "last_seen": last_seen.isoformat(),
                    "last_event": None
                    if last is None
                    else {
                        "user": last.username,
                        "type": last.type,
                        "order_number": last.order_number,
                        "at": last.at.isoformat(),
                        "result": last.result,
                    },
                }
            )
    return {"stations": out, "more": len(seen) > MAX_STATIONS}


class Sightings:
    """Records when stations call the store, at most once per ``every`` seconds per
    station and process (see the module's note).

    Args:
        engine: the store's database.
        every: seconds between two writes of one station's time.
        clock: the time to record (UTC, zone-aware).
        monotonic: the clock the throttle counts with.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        every: float = SEEN_EVERY,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._every = every
        self._clock = clock
        self._monotonic = monotonic
        self._written: dict[str, float] = {}
        self._lock = threading.Lock()

    def saw(self, station: str) -> bool:
        """Note that ``station`` called now; True when that was written."""
        tick = self._monotonic()
        with self._lock:
            last = self._written.get(station)
            if last is not None and tick - last < self._every:
                return False
            if len(self._written) >= _MAX_SIGHTINGS:
                self._written.clear()
            self._written[station] = tick
        try:
            self._upsert(station, self._clock())
        except SQLAlchemyError:
            # Bookkeeping must not fail the pull or the push it rides on: the next
            # call tries again.
            log.warning("could not record that station %r called", station, exc_info=True)
            with self._lock:
                self._written.pop(station, None)
            return False
        return True

    def _upsert(self, station: str, now: datetime) -> None:
        dialect = self._engine.dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(StationSeenRow).values(station=station, last_seen=now)
        table = StationSeenRow.__table__
        stale = now - timedelta(seconds=self._every)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.station],
            set_={"last_seen": stmt.excluded.last_seen},
            where=and_(table.c.last_seen < stale),
        )
        with Session(writer(self._engine)) as session, session.begin():
            session.execute(stmt)
