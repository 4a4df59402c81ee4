"""What only the order store knows, for the supervisor's screens: an order's timeline,
each person's figures for a shift and when each station last called the store, read
from the store's events ledger (``GET /api/v1/ledger/...``, docs/http-contract.md).

A station's own database cannot answer these (see ``app.supervisor.floor``'s note).
``HttpLedger`` asks the store: one short request per call on the caller's worker
(never the GUI thread), an answer read up to a bound, and parsed strictly: an answer
that does not fit the contract raises ``LedgerUnavailable`` with a code, never a
half list. ``Ledger`` is the Protocol the screen takes, so tests can give it a fake.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

import requests

from app.supervisor.floor import OperatorRates
from app.supervisor.salts import StationHttp

MAX_TIMELINE_BODY = 4 * 1024 * 1024  # 500 events of a few hundred bytes, with room
MAX_LIST_BODY = 1024 * 1024  # 1,000 people or 500 stations
_MAX_TEXT = 400


class LedgerUnavailable(Exception):
    """The ledger could not be read. ``code`` says why, for the screen's catalogue:
    ``http_<status>`` (the store refused), ``too_large`` (an answer past the bound),
    ``bad_answer`` (not the contract), or the name of the ``requests`` error
    (``ConnectionError``, ``Timeout``...)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One event the store received about an order, applied or refused."""

    event_id: str
    order_number: str
    at: datetime
    """When the person did it (the station's clock)."""
    received_at: datetime
    """When the store got it (the store's clock)."""
    station: str
    user: str
    type: str
    """The event type (``app.domain.events.EventType`` values; kept as text, so a
    store newer than this station does not make the whole timeline unreadable)."""
    result: str
    """``applied`` or ``rejected``."""
    code: str | None = None
    """The refusal's code (``app.domain.rules.RejectCode`` values)."""
    reason: str | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StationSeen:
    """A station as the store last heard of it. ``user`` ... ``result`` describe the
    newest event it sent; all ``None`` when it sent none."""

    station: str
    last_seen: datetime
    """Its last ``/changes`` or ``/events`` call (up to 30 s behind: the store writes
    it at most that often)."""
    user: str | None = None
    type: str | None = None
    order_number: str | None = None
    at: datetime | None = None
    result: str | None = None


class Ledger(Protocol):
    def timeline(self, order_number: str) -> list[LedgerEntry]:
        """The order's newest events (at most 500), oldest first.

        Raises:
            LedgerUnavailable: the store cannot answer now, or answered oddly.
        """

    def rates(self, since: datetime, until: datetime) -> list[OperatorRates]:
        """Each person's figures between ``since`` and ``until`` (at most 24 h).

        Raises:
            LedgerUnavailable: as ``timeline``; ``http_422`` for a bad window.
        """

    def stations(self) -> list[StationSeen]:
        """Every station the store heard from, most recently seen first.

        Raises:
            LedgerUnavailable: as ``timeline``.
        """


def last_seen(stations: Sequence[StationSeen]) -> dict[str, datetime]:
    """``stations`` as ``app.supervisor.floor.exceptions`` takes them (``last_seen``),
    so that claims of stations silent too long are listed."""
    return {seen.station: seen.last_seen for seen in stations}


class HttpLedger:
    """The order store's ledger as a ``Ledger``.

    Args:
        base_url: the store's address (``https://store:8000``).
        token: the station's token.
        http: the session to send with (the caller owns it).
        timeout: seconds to connect and between two reads.
    """

    def __init__(
        self, base_url: str, token: str, http: requests.Session, timeout: float = 5.0
    ) -> None:
        self._base = base_url.rstrip("/") + "/api/v1/ledger"
        self._token = token
        self._http = http
        self._timeout = timeout

    def timeline(self, order_number: str) -> list[LedgerEntry]:
        path = f"/orders/{quote(order_number, safe='')}"
        body = self._get(path, {}, MAX_TIMELINE_BODY)
        return parse_timeline(body)

    def rates(self, since: datetime, until: datetime) -> list[OperatorRates]:
        query = {"since": since.isoformat(), "until": until.isoformat()}
        return parse_rates(self._get("/rates", query, MAX_LIST_BODY), since, until)

    def stations(self) -> list[StationSeen]:
        return parse_stations(self._get("/stations", {}, MAX_LIST_BODY))

    def _get(self, path: str, query: Mapping[str, str], limit: int) -> bytes:
        try:
            answer = self._http.get(
                self._base + path,
                params=query,
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=self._timeout,
                stream=True,
            )
            try:
                body = answer.raw.read(limit + 1, decode_content=True)
            finally:
                answer.close()
        except requests.RequestException as error:
            raise LedgerUnavailable(type(error).__name__) from None
        except OSError:  # urllib3's read errors that requests does not wrap
            raise LedgerUnavailable("ConnectionError") from None
        if answer.status_code != 200:
            raise LedgerUnavailable(f"http_{answer.status_code}")
        if len(body) > limit:
            raise LedgerUnavailable("too_large")
        return bytes(body)


# -- parsing: every field checked, or LedgerUnavailable("bad_answer") --------------------


class _Bad(Exception):
    pass


def _load(body: bytes, key: str) -> tuple[Mapping[str, Any], list[Any]]:
    data = json.loads(body)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise _Bad
    return data, data[key]


def _obj(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad
    return value


def _text(data: Mapping[str, Any], key: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > _MAX_TEXT:
        raise _Bad
    return value


def _count(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad
    return value


def _time(data: Mapping[str, Any], key: str, *, optional: bool = False) -> Any:
    text = _text(data, key, optional=optional)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _Bad from None
    if moment.tzinfo is None:
        raise _Bad
    return moment.astimezone(UTC)


_ODD = (_Bad, KeyError, TypeError, ValueError, OverflowError)


def parse_timeline(body: bytes) -> list[LedgerEntry]:
    """The entries of a ``GET /ledger/orders/{n}`` answer, oldest first.

    Raises:
        LedgerUnavailable: ``bad_answer``, for anything that is not the contract.
    """
    try:
        return _parse_timeline(body)
    except _ODD:
        raise LedgerUnavailable("bad_answer") from None


def parse_rates(body: bytes, since: datetime, until: datetime) -> list[OperatorRates]:
    """The figures of a ``GET /ledger/rates`` answer; ``hours`` is the window's.

    Raises:
        LedgerUnavailable: as ``parse_timeline``.
    """
    try:
        return _parse_rates(body, since, until)
    except _ODD:
        raise LedgerUnavailable("bad_answer") from None


def parse_stations(body: bytes) -> list[StationSeen]:
    """The stations of a ``GET /ledger/stations`` answer.

    Raises:
        LedgerUnavailable: as ``parse_timeline``.
    """
    try:
        return _parse_stations(body)
    except _ODD:
        raise LedgerUnavailable("bad_answer") from None


def _parse_timeline(body: bytes) -> list[LedgerEntry]:
    data, events = _load(body, "events")
    number = _text(data, "order_number")
    entries = []
    for raw in events:
        item = _obj(raw)
        if item.get("result") not in ("applied", "rejected"):
            raise _Bad
        entries.append(
            LedgerEntry(
                event_id=_text(item, "id"),
                order_number=number,
                at=_time(item, "at"),
                received_at=_time(item, "received_at"),
                station=_text(item, "station"),
                user=_text(item, "user"),
                type=_text(item, "type"),
                result=item["result"],
                code=_text(item, "code", optional=True),
                reason=_optional_reason(item),
                payload=dict(_obj(item.get("payload"))),
            )
        )
    return entries


def _optional_reason(item: Mapping[str, Any]) -> str | None:
    reason = item.get("reason")
    if reason is None:
        return None
    if not isinstance(reason, str) or len(reason) > 4000:
        raise _Bad
    return reason


def _parse_rates(body: bytes, since: datetime, until: datetime) -> list[OperatorRates]:
    hours = max((until - since).total_seconds() / 3600, 0.0)
    out = []
    for raw in _load(body, "operators")[1]:
        item = _obj(raw)
        out.append(
            OperatorRates(
                username=_text(item, "username"),
                picks=_count(item, "picks"),
                units=_count(item, "units"),
                packs=_count(item, "packs"),
                hours=hours,
                wrong_scans=_count(item, "wrong_scans"),
                first_at=_time(item, "first_at", optional=True),
                last_at=_time(item, "last_at", optional=True),
            )
        )
    return out


def _parse_stations(body: bytes) -> list[StationSeen]:
    out = []
    for raw in _load(body, "stations")[1]:
        item = _obj(raw)
        last = item.get("last_event")
        event = None if last is None else _obj(last)
        if event is not None and event.get("result") not in ("applied", "rejected"):
            raise _Bad
        out.append(
            StationSeen(
                station=_text(item, "station"),
                last_seen=_time(item, "last_seen"),
                user=None if event is None else _text(event, "user"),
                type=None if event is None else _text(event, "type"),
                order_number=None if event is None else _text(event, "order_number"),
                at=None if event is None else _time(event, "at"),
                result=None if event is None else event["result"],
            )
        )
    return out


class StationLedger(StationHttp):
    """The ledger of the station's order store."""

    @contextmanager
    def _ledger(self) -> Iterator[HttpLedger]:
        with self._reach(LedgerUnavailable) as (link, http):
            yield HttpLedger(link.server_url, link.token, http, link.request_timeout_s)

    def timeline(self, order_number: str) -> list[LedgerEntry]:
        with self._ledger() as ledger:
            return ledger.timeline(order_number)

    def rates(self, since: datetime, until: datetime) -> list[OperatorRates]:
        with self._ledger() as ledger:
            return ledger.rates(since, until)

    def stations(self) -> list[StationSeen]:
        with self._ledger() as ledger:
            return ledger.stations()
