"""Storing one page of the order store's ``GET /api/v1/changes`` in one transaction.

The whole page is checked (``app.domain.wire``) before anything is written, so a
malformed page writes nothing, not even the cursor. Then, in one transaction:

1. Each kind of row is upserted with set-based statements, but only rows whose ``seq``
   is newer than the stored one. Re-storing a page is therefore a no-op (the same page
   twice gives the same state) and a stale page can never turn a row back.
2. An order's lines and packages are replaced as a whole; a product's barcodes too.
3. **Local progress survives.** For an order that still has pending outbox events,
   the store's row wins and the station's pending events are applied on top again, in
   outbox order, with the same rules the store uses (``app.domain.rules``). An event
   that no longer applies (the order was cancelled or held meanwhile, another station
   took it...) is skipped for the local copy but stays queued: the order store, not the
   station, decides about it, and its answer comes back through the push.
4. The page's ``next`` becomes the cursor (never moving it backwards).
5. The supervisors' requests to this station (``requests``, see
   ``app.store.station_requests``) are added as ``new``, each once by its ``seq``.

Precondition for step 3, kept by the sync worker: push before pull, and do not store a
page while a push is unanswered. An event the store applied but whose answer was lost
is still pending here; applying it on top of a store row that already contains it
would count it twice until that order changes again.

**How a page of 1,000 orders stays cheap.** ``prepare_page`` turns the page straight
into the parameter tuples of its rows (``PageRows``), and ``store_rows`` hands those to
the SQLite driver (``executemany``), skipping SQLAlchemy's per-row processing:

- The catalogue (products, locations, totes, users: a few hundred rows per pull) is
  read by ``app.domain.wire`` into domain values and mapped by ``app.store.mapping``.
- Orders, lines and packages, the bulk of every pull, first go through
  ``_fast_orders``, which checks whole columns at once (exact JSON types, enum values,
  the invariants of ``Order`` and ``OrderLine``) and zips them into tuples without
  building an ``Order``. It accepts only rows in the exact shape the order store
  writes (every key present, ``type(x) is int``...) and gives up on anything else.
  Then the page's orders are read by ``app.domain.wire`` like the catalogue: the wire
  module stays the one definition of the format, so any row the fast path refuses is
  either a row ``wire`` accepts too (stored the slow way) or a ``PageError`` naming
  the row. ``tests/app/store/test_store_changes_fast.py`` feeds random and broken rows
  to both and checks that whatever the fast path accepts, ``wire`` + ``mapping``
  accept with the same tuples.
- Values are bound with the columns' own SQLAlchemy bind processors (a cutoff becomes
  the naive-UTC text ``UTCDateTime`` stores on SQLite), so the ORM reads back exactly
  what it would have written.
- Keys the tables do not hold yet (a fresh station) need no delete of old lines,
  packages or barcodes: with foreign keys on, none can exist.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import chain, repeat
from typing import Any, Final, TypeVar

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect

from app.domain import wire
from app.domain.events import Event
from app.domain.model import Location, Order, OrderStatus, Priority, Product, Tote, User
from app.domain.rules import Rejection, apply_event, check_user
from app.store import mapping
from app.store.bulk import chunks, paused_gc
from app.store.models import (
    BarcodeRow,
    Base,
    LocationRow,
    OrderLineRow,
    OrderRow,
    PackageRow,
    ProductRow,
    StationRequestRow,
    SyncStateRow,
    ToteRow,
    UserRow,
    table_of,
)
from app.store.outbox import PENDING
from app.store.repositories import CHANGES_SINCE, LAST_PULL_AT
from app.store.station_requests import (
    REQUEST_COLUMNS,
    StationRequest,
    request_params,
    requests_from_page,
)
from app.store.uow import UnitOfWork

_T = TypeVar("_T")
Seqd = list[tuple[int, _T]]  # (the store's seq of the row, the row as a domain value)
Row = tuple[Any, ...]  # one row's values in the column order of its ``_Table``
Processor = Callable[[Any], Any]

# The station store is SQLite; callers with an engine pass its dialect.
_SQLITE: Final = sqlite.dialect()


class PageError(ValueError):
    """A /changes page that does not fit the contract; nothing of it was stored."""


@dataclass(slots=True)
class ChangesPage:
    """A parsed /changes page: every row with its ``seq``, and the next cursor."""

    next: int
    products: Seqd[Product] = field(default_factory=list)
    locations: Seqd[Location] = field(default_factory=list)
    totes: Seqd[Tote] = field(default_factory=list)
    users: Seqd[User] = field(default_factory=list)
    orders: Seqd[Order] = field(default_factory=list)
    requests: list[StationRequest] = field(default_factory=list)


@dataclass(slots=True)
class PageRows:
    """A checked /changes page as bound parameter tuples, ready for ``store_rows``.

    Each tuple holds the columns of ``app.store.mapping``'s ``*_COLUMNS`` in order,
    with values as SQLAlchemy would bind them. A key appears once per table (a row
    listed twice keeps its highest seq); barcodes, lines and packages belong to the
    products and orders listed.
    """

    next: int
    products: list[Row] = field(default_factory=list)
    barcodes: list[Row] = field(default_factory=list)
    locations: list[Row] = field(default_factory=list)
    totes: list[Row] = field(default_factory=list)
    users: list[Row] = field(default_factory=list)
    orders: list[Row] = field(default_factory=list)
    lines: list[Row] = field(default_factory=list)
    packages: list[Row] = field(default_factory=list)
    requests: list[Row] = field(default_factory=list)


# -- reading a page ------------------------------------------------------------------


def parse_page(page: Mapping[str, Any]) -> ChangesPage:
    """Check and parse a /changes response body into domain values.

    Raises:
        PageError: naming the first row (e.g. ``orders[17]``) that is wrong.
    """
    next_seq = _next_of(page)
    return ChangesPage(
        next=next_seq,
        products=_rows(page, "products", wire.product_from_json),
        locations=_rows(page, "locations", wire.location_from_json),
        totes=_rows(page, "totes", wire.tote_from_json),
        users=_rows(page, "users", wire.user_from_json),
        orders=_rows(page, "orders", wire.order_from_json),
        requests=_requests(page),
    )


def prepare_page(page: Mapping[str, Any], dialect: Dialect = _SQLITE) -> PageRows:
    """Check a /changes response body and turn it into the rows to store.

    Accepts and refuses exactly what ``parse_page`` does, and gives the rows that
    ``rows_of(parse_page(page))`` gives, without building an ``Order`` per order when
    the orders are in the shape the order store writes.

    Raises:
        PageError: naming the first row (e.g. ``orders[17]``) that is wrong.
    """
    with paused_gc():
        return _prepare_page(page, dialect)


def _prepare_page(page: Mapping[str, Any], dialect: Dialect) -> PageRows:
    next_seq = _next_of(page)
    parsed = ChangesPage(
        next=next_seq,
        products=_rows(page, "products", wire.product_from_json),
        locations=_rows(page, "locations", wire.location_from_json),
        totes=_rows(page, "totes", wire.tote_from_json),
        users=_rows(page, "users", wire.user_from_json),
        requests=_requests(page),
    )
    raw_orders = page.get("orders", [])
    fast = _fast_orders(raw_orders, dialect) if isinstance(raw_orders, list) else None
    if fast is None:
        parsed.orders = _rows(page, "orders", wire.order_from_json)
    rows = rows_of(parsed, dialect)
    if fast is not None:
        rows.orders, rows.lines, rows.packages = fast
    return rows


def rows_of(page: ChangesPage, dialect: Dialect = _SQLITE) -> PageRows:
    """The rows of a parsed page, keeping the highest seq of a row listed twice."""
    products = _latest(page.products, lambda product: product.sku)
    orders = _latest(page.orders, lambda order: order.order_number)
    return PageRows(
        next=page.next,
        products=_PRODUCTS.bind(dialect, (mapping.product_params(r, s) for s, r in products)),
        barcodes=_BARCODES.bind(
            dialect, (b for _, r in products for b in mapping.barcode_params(r))
        ),
        locations=_LOCATIONS.bind(
            dialect,
            (mapping.location_params(r, s) for s, r in _latest(page.locations, _code)),
        ),
        totes=_TOTES.bind(
            dialect, (mapping.tote_params(r, s) for s, r in _latest(page.totes, _code))
        ),
        users=_USERS.bind(
            dialect,
            (mapping.user_params(r, s) for s, r in _latest(page.users, lambda user: user.username)),
        ),
        orders=_ORDERS.bind(dialect, (mapping.order_params(r, s) for s, r in orders)),
        lines=_LINES.bind(
            dialect,
            (mapping.line_params(r.order_number, line) for _, r in orders for line in r.lines),
        ),
        packages=_PACKAGES.bind(
            dialect,
            (mapping.package_params(r.order_number, p) for _, r in orders for p in r.packages),
        ),
        requests=_REQUESTS.bind(dialect, map(request_params, page.requests)),
    )


def _code(row: Location | Tote) -> str:
    return row.code


def _next_of(page: Mapping[str, Any]) -> int:
    if not isinstance(page, Mapping):
        raise PageError("a /changes page is a JSON object")
    next_seq = page.get("next")
    if isinstance(next_seq, bool) or not isinstance(next_seq, int) or next_seq < 0:
        raise PageError(f"next: must be a whole number >= 0, got {next_seq!r}")
    return next_seq


def _requests(page: Mapping[str, Any]) -> list[StationRequest]:
    try:
        return requests_from_page(page)
    except ValueError as exc:
        raise PageError(str(exc)) from exc


def _rows(page: Mapping[str, Any], name: str, parse: Callable[[wire.JSON], _T]) -> Seqd[_T]:
    raw = page.get(name, [])
    if not isinstance(raw, list):
        raise PageError(f"{name}: must be a list")
    out: Seqd[_T] = []
    for index, item in enumerate(raw):
        try:
            if not isinstance(item, dict):
                raise TypeError("must be an object")
            seq = item["seq"]
            if isinstance(seq, bool) or not isinstance(seq, int):
                raise TypeError(f"seq must be a whole number, got {seq!r}")
            out.append((seq, parse(item)))
        # AttributeError: a nested value that is not an object (a line given as a list).
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PageError(f"{name}[{index}]: {exc}") from exc
    return out


def _latest(rows: Seqd[_T], key_of: Callable[[_T], Any]) -> Seqd[_T]:
    """``rows`` with one entry per key: the one with the highest seq (the first on a tie)."""
    latest: dict[Any, tuple[int, _T]] = {}
    for seq, row in rows:
        key = key_of(row)
        if key not in latest or latest[key][0] < seq:
            latest[key] = (seq, row)
    if len(latest) == len(rows):
        return rows
    return list(latest.values())


# -- the fast path for orders ------------------------------------------------------------

_ORDER_FIELDS: Final = operator.itemgetter(
    "seq",
    "order_number",
    "status",
    "priority",
    "cutoff",
    "carrier",
    "ship_to",
    "assigned_station",
    "assigned_user",
    "hold_reason",
    "held_from",
    "lines",
    "packages",
    "totes",
)
_SHIP_TO_FIELDS: Final = operator.itemgetter("name", "street", "city", "postcode", "country")
_LINE_FIELDS: Final = operator.itemgetter(
    "line_no", "sku", "qty", "picked_qty", "short_qty", "packed_qty", "location"
)
_PACKAGE_FIELDS: Final = operator.itemgetter("package_no", "box", "weight_g", "tracking")
_V1_PACKAGE_KEYS: Final = 4
_STATUSES: Final = frozenset(status.value for status in OrderStatus)
_RANKS: Final = {priority.value: priority.rank for priority in Priority}
_PRIORITIES: Final = frozenset(_RANKS)
_INT: Final[frozenset[type]] = frozenset({int})
_STR: Final[frozenset[type]] = frozenset({str})
_OPT_STR: Final[frozenset[type]] = frozenset({str, type(None)})
_DICT: Final[frozenset[type]] = frozenset({dict})
_LIST: Final[frozenset[type]] = frozenset({list})

FastOrders = tuple[list[Row], list[Row], list[Row]]  # orders, lines, packages


def _only(values: Iterable[Any], types: frozenset[type]) -> bool:
    """Every value is exactly of one of ``types`` (``bool`` is not ``int`` here)."""
    return set(map(type, values)) <= types


def _fast_orders(raw: list[Any], dialect: Dialect) -> FastOrders | None:
    """The rows of ``raw`` orders in the order store's exact shape; None for anything else.

    Column by column (``zip``, ``map``, ``set``: the loops run in C). Never raises and
    never accepts a row ``wire.order_from_json`` refuses; ``None`` sends the caller to
    the wire reader, which then names the bad row or reads an unusual but valid one.
    """
    if not raw:
        return [], [], []
    cutoff_bind = _fast_path_cutoff(dialect)
    if cutoff_bind is None or not _only(raw, _DICT):
        return None
    try:
        return _fast_orders_unchecked(raw, cutoff_bind)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None


def _fast_orders_unchecked(raw: list[dict[str, Any]], cutoff_bind: Processor) -> FastOrders | None:
    (
        seqs,
        numbers,
        statuses,
        priorities,
        cutoffs,
        carriers,
        ship_tos,
        stations,
        users,
        reasons,
        held_from,
        lines,
        packages,
        totes,
    ) = zip(*map(_ORDER_FIELDS, raw), strict=True)
    if not (
        _only(seqs, _INT)
        and _only(numbers, _STR)
        and _only(statuses, _STR)
        and _only(priorities, _STR)
        and _only(cutoffs, _STR)
        and _only(carriers, _STR)
        and _only(ship_tos, _DICT)
        and _only(stations, _OPT_STR)
        and _only(users, _OPT_STR)
        and _only(reasons, _STR)
        and _only(held_from, _OPT_STR)
        and _only(lines, _LIST)
        and _only(packages, _LIST)
        and _only(totes, _LIST)
    ):
        return None
    if not (
        set(statuses) <= _STATUSES
        and set(priorities) <= _PRIORITIES
        # wire reads "" as no held_from; the fast path leaves that to it.
        and set(held_from) - {None} <= _STATUSES
        and len(set(numbers)) == len(numbers)  # a row listed twice: see _latest
        and min(map(len, numbers)) >= 1
        and max(map(len, numbers)) <= 40
        and min(map(len, lines)) >= 1
    ):
        return None
    ship_to = tuple(zip(*map(_SHIP_TO_FIELDS, ship_tos), strict=True))
    if not _only(chain.from_iterable(ship_to), _STR):
        return None
    names, streets, cities, postcodes, countries = ship_to
    # Few distinct cutoffs per page: parse each once, by wire's own reader.
    bound = {text: cutoff_bind(wire.parse_time(text)) for text in set(cutoffs)}

    line_rows = _fast_lines(numbers, lines)
    package_rows = _fast_packages(numbers, packages)
    tote_texts = _fast_totes(totes)
    if line_rows is None or package_rows is None or tote_texts is None:
        return None
    order_rows = list(
        zip(
            numbers,
            seqs,
            statuses,
            priorities,
            map(_RANKS.__getitem__, priorities),
            map(bound.__getitem__, cutoffs),
            carriers,
            names,
            streets,
            cities,
            postcodes,
            countries,
            stations,
            users,
            reasons,
            held_from,
            tote_texts,
            strict=True,
        )
    )
    return order_rows, line_rows, package_rows


def _fast_totes(totes: Sequence[list[Any]]) -> list[str] | None:
    """Each order's totes as the ``totes`` column holds them (comma-separated)."""
    flat = list(chain.from_iterable(totes))
    if not _only(flat, _STR) or not all(flat) or any("," in t for t in flat):
        return None
    if any(len(set(t)) != len(t) for t in totes):
        return None
    return [",".join(t) for t in totes]


def _fast_lines(numbers: Sequence[str], lines: Sequence[list[Any]]) -> list[Row] | None:
    flat = list(chain.from_iterable(lines))
    if not _only(flat, _DICT):
        return None
    columns = tuple(zip(*map(_LINE_FIELDS, flat), strict=True))
    line_no, sku, qty, picked, short, packed, location = columns
    if not (
        _only(chain(line_no, qty, picked, short, packed), _INT)
        and _only(sku, _STR)
        and _only(location, _OPT_STR)
        # OrderLine's invariants, for every line at once.
        and min(line_no) >= 1
        and min(qty) >= 1
        and min(chain(picked, short, packed)) >= 0
        and all(map(operator.le, map(operator.add, picked, short), qty))
        and all(map(operator.le, packed, picked))
    ):
        return None
    owners = list(chain.from_iterable(map(repeat, numbers, map(len, lines))))
    if len(set(zip(owners, line_no, strict=True))) != len(flat):  # Order: unique line_no
        return None
    return list(zip(owners, *columns, strict=True))


def _fast_packages(numbers: Sequence[str], packages: Sequence[list[Any]]) -> list[Row] | None:
    flat = list(chain.from_iterable(packages))
    if not flat:
        return []
    if not _only(flat, _DICT) or any(len(p) != _V1_PACKAGE_KEYS for p in flat):
        return None  # a package closed at a pack station (SSCC, contents): the full path
    columns = tuple(zip(*map(_PACKAGE_FIELDS, flat), strict=True))
    package_no, box, weight_g, tracking = columns
    if not (
        _only(package_no, _INT)
        and _only(box, _STR)
        and _only(weight_g, _INT)
        and _only(tracking, _STR)
    ):
        return None
    owners = chain.from_iterable(map(repeat, numbers, map(len, packages)))
    return [(*row, "", "") for row in zip(owners, *columns, strict=True)]


@lru_cache(maxsize=16)
def _fast_path_cutoff(dialect: Dialect) -> Processor | None:
    """The cutoff's bind processor, when it is the only one orders, lines and packages
    have on ``dialect`` (the fast path binds every other value as JSON gave it)."""
    cutoff = mapping.ORDER_COLUMNS.index("cutoff")
    if any(_LINES.processors(dialect)) or any(_PACKAGES.processors(dialect)):
        return None
    processors = _ORDERS.processors(dialect)
    if any(p for i, p in enumerate(processors) if i != cutoff):
        return None
    return processors[cutoff] or (lambda value: value)


# -- writing rows ------------------------------------------------------------------------


class _Table:
    """One table as the /changes upsert writes it: SQL text and bind processors."""

    def __init__(self, row_class: type[Base], columns: Sequence[str], key: str) -> None:
        self.table = table_of(row_class)
        self.columns = tuple(columns)
        self.key = key
        self.key_at = operator.itemgetter(self.columns.index(key))
        self.seq_at = operator.itemgetter(self.columns.index("seq")) if "seq" in columns else None
        self.index = self.columns.index
        names = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" * len(self.columns))
        pk = [c.name for c in self.table.primary_key.columns]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in self.columns if c not in pk)
        self.insert_sql = f'INSERT INTO "{self.table.name}" ({names}) VALUES ({marks})'
        self.upsert_sql = f"{self.insert_sql} ON CONFLICT ({', '.join(pk)}) DO UPDATE SET {updates}"
        self._get = operator.itemgetter(*self.columns)

    def processors(self, dialect: Dialect) -> tuple[Processor | None, ...]:
        """What SQLAlchemy applies to each column's value before the driver sees it."""
        return _processors(self, dialect)

    def bind(self, dialect: Dialect, params: Iterable[mapping.Params]) -> list[Row]:
        """``mapping``'s parameter dicts as tuples, bound as SQLAlchemy would bind them."""
        rows: Iterable[Row] = map(self._get, params)
        converters = [(i, p) for i, p in enumerate(self.processors(dialect)) if p is not None]
        if not converters:
            return list(rows)
        out: list[Row] = []
        for row in rows:
            values = list(row)
            for i, convert in converters:
                values[i] = convert(values[i])
            out.append(tuple(values))
        return out

    def stored_seqs(self, conn: Connection, keys: Sequence[Any]) -> dict[Any, int]:
        """The stored ``seq`` of every key in ``keys`` that exists."""
        found: dict[Any, int] = {}
        for part in chunks(keys):
            marks = ", ".join("?" * len(part))
            result = conn.exec_driver_sql(
                f'SELECT "{self.key}", seq FROM "{self.table.name}" '
                f'WHERE "{self.key}" IN ({marks})',
                tuple(part),
            )
            for key, seq in result:
                found[key] = seq
        return found

    def delete_where(self, conn: Connection, column: str, values: Sequence[Any]) -> None:
        for part in chunks(values):
            marks = ", ".join("?" * len(part))
            conn.exec_driver_sql(
                f'DELETE FROM "{self.table.name}" WHERE "{column}" IN ({marks})', tuple(part)
            )

    def upsert(self, conn: Connection, rows: list[Row]) -> None:
        if rows:
            conn.exec_driver_sql(self.upsert_sql, rows)

    def insert(self, conn: Connection, rows: list[Row]) -> None:
        if rows:
            conn.exec_driver_sql(self.insert_sql, rows)

    def insert_new(self, conn: Connection, rows: list[Row]) -> None:
        """Insert the rows whose key is not stored yet; a stored row stays as it is."""
        if rows:
            conn.exec_driver_sql(self.insert_sql + " ON CONFLICT DO NOTHING", rows)


@lru_cache(maxsize=64)
def _processors(table: _Table, dialect: Dialect) -> tuple[Processor | None, ...]:
    return tuple(
        table.table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in table.columns
    )


_PRODUCTS: Final = _Table(ProductRow, mapping.PRODUCT_COLUMNS, "sku")
_BARCODES: Final = _Table(BarcodeRow, mapping.BARCODE_COLUMNS, "code")
_LOCATIONS: Final = _Table(LocationRow, mapping.LOCATION_COLUMNS, "code")
_TOTES: Final = _Table(ToteRow, mapping.TOTE_COLUMNS, "code")
_USERS: Final = _Table(UserRow, mapping.USER_COLUMNS, "username")
_ORDERS: Final = _Table(OrderRow, mapping.ORDER_COLUMNS, "order_number")
_LINES: Final = _Table(OrderLineRow, mapping.LINE_COLUMNS, "order_number")
_PACKAGES: Final = _Table(PackageRow, mapping.PACKAGE_COLUMNS, "order_number")
_SYNC_STATE: Final = _Table(SyncStateRow, ("key", "value"), "key")
_REQUESTS: Final = _Table(StationRequestRow, REQUEST_COLUMNS, "seq")


def store_page(uow: UnitOfWork, page: ChangesPage, now: datetime) -> int:
    """Store a parsed ``page`` in ``uow``'s transaction (the caller commits).

    Returns:
        How many rows (products, locations, totes, users, orders) were newer than the
        local copy and written; 0 when the page was already stored.
    """
    return store_rows(uow, rows_of(page, uow.session.get_bind().dialect), now)


def store_rows(uow: UnitOfWork, rows: PageRows, now: datetime) -> int:
    """Store a prepared page in ``uow``'s transaction (the caller commits).

    Returns:
        How many rows (products, locations, totes, users, orders) were newer than the
        local copy and written; 0 when the page was already stored.
    """
    conn = uow.session.connection()  # begins the transaction: may wait for the lock
    with paused_gc():
        written = 0
        written += _store_plain(conn, _LOCATIONS, rows.locations)
        written += _store_plain(conn, _TOTES, rows.totes)
        written += _store_users(conn, rows.users)
        written += _store_products(conn, rows.products, rows.barcodes)
        orders = _store_orders(conn, rows)
        written += len(orders)
    uow.session.expire_all()  # the statements above bypassed the identity map
    _reapply_pending(uow, conn, orders)
    _REQUESTS.insert_new(conn, rows.requests)
    _move_cursor(conn, rows.next, now)
    return written


def _newer(conn: Connection, table: _Table, rows: list[Row]) -> tuple[list[Row], list[Any]]:
    """The rows whose seq is above the stored one (or that are not stored yet), and
    the keys among those that are stored."""
    if not rows:
        return [], []
    key_at, seq_at = table.key_at, table.seq_at
    assert seq_at is not None
    stored = table.stored_seqs(conn, list(map(key_at, rows)))
    if not stored:  # none of them is stored yet: a fresh station, or new rows
        return rows, []
    newer = [row for row in rows if seq_at(row) > stored.get(key_at(row), -1)]
    return newer, [key_at(row) for row in newer if key_at(row) in stored]


def _store_plain(conn: Connection, table: _Table, rows: list[Row]) -> int:
    newer, _ = _newer(conn, table, rows)
    table.upsert(conn, newer)
    return len(newer)


def _store_users(conn: Connection, rows: list[Row]) -> int:
    newer, _ = _newer(conn, _USERS, rows)
    seq_at = _USERS.seq_at
    assert seq_at is not None
    params = sorted(newer, key=seq_at)
    # A badge can move between people. Take every incoming badge off its current
    # holder first; within the page, the later change (higher seq) keeps a badge.
    badge = _USERS.index("badge_code")
    holder: dict[str, int] = {}
    for i, row in enumerate(params):
        code = row[badge]
        if code is not None:
            if code in holder:
                earlier = params[holder[code]]
                params[holder[code]] = (*earlier[:badge], None, *earlier[badge + 1 :])
            holder[code] = i
    for part in chunks(list(holder)):
        marks = ", ".join("?" * len(part))
        conn.exec_driver_sql(
            f"UPDATE users SET badge_code = NULL WHERE badge_code IN ({marks})", tuple(part)
        )
    _USERS.upsert(conn, params)
    return len(newer)


def _store_products(conn: Connection, rows: list[Row], barcodes: list[Row]) -> int:
    newer, stored = _newer(conn, _PRODUCTS, rows)
    _PRODUCTS.upsert(conn, newer)
    # With foreign keys on, only stored products can have barcodes to replace.
    _BARCODES.delete_where(conn, "sku", stored)
    if len(newer) < len(rows):
        skus = set(map(_PRODUCTS.key_at, newer))
        sku_at = operator.itemgetter(_BARCODES.index("sku"))
        barcodes = [b for b in barcodes if sku_at(b) in skus]
    # Upsert, not insert: a code may move here from a product not in this page.
    _BARCODES.upsert(conn, barcodes)
    return len(newer)


def _store_orders(conn: Connection, rows: PageRows) -> list[str]:
    """Write the newer orders with their lines and packages; their order numbers."""
    newer, stored = _newer(conn, _ORDERS, rows.orders)
    lines, packages = rows.lines, rows.packages
    if len(newer) < len(rows.orders):
        numbers = set(map(_ORDERS.key_at, newer))
        lines = [line for line in lines if line[0] in numbers]
        packages = [package for package in packages if package[0] in numbers]
    # With foreign keys on, only stored orders can have lines and packages to replace.
    _LINES.delete_where(conn, "order_number", stored)
    _PACKAGES.delete_where(conn, "order_number", stored)
    _ORDERS.upsert(conn, newer)
    _LINES.insert(conn, lines)
    _PACKAGES.insert(conn, packages)
    return list(map(_ORDERS.key_at, newer))


def _move_cursor(conn: Connection, next_seq: int, now: datetime) -> None:
    """``SyncStateRepository.set_changes_since(max(stored, next))`` and the pull time,
    in plain SQL: the ORM would compile its statements anew for every new engine."""
    stored = conn.exec_driver_sql(
        "SELECT value FROM sync_state WHERE key = ?", (CHANGES_SINCE,)
    ).scalar()
    cursor = max(int(stored) if stored else 0, next_seq)
    _SYNC_STATE.upsert(conn, [(CHANGES_SINCE, str(cursor)), (LAST_PULL_AT, now.isoformat())])


def _reapply_pending(uow: UnitOfWork, conn: Connection, order_numbers: Sequence[str]) -> None:
    """Apply the station's pending events again on top of fresh store rows."""
    if not order_numbers:
        return
    pending = conn.exec_driver_sql("SELECT 1 FROM outbox WHERE state = ? LIMIT 1", (PENDING,))
    if pending.first() is None:
        return
    events: dict[str, list[Event]] = defaultdict(list)
    for entry in uow.outbox.pending_for(order_numbers):
        events[entry.event.order_number].append(entry.event)
    for order_number, order_events in events.items():
        order = uow.orders.get(order_number)
        if order is None:  # pragma: no cover - the page just wrote it
            continue
        for event in order_events:
            try:
                apply_event(order, event, check_user(uow.users.get(event.user), event))
            except Rejection:
                # The store will answer this event through the push; until then the
                # local copy shows what the store shows.
                continue
        uow.orders.save(order)
