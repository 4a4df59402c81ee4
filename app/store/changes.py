"""Storing one page of the order store's ``GET /api/v1/changes`` in one transaction.

The whole page is parsed (``app.domain.wire``) before anything is written, so a
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

Precondition for step 3, kept by the sync worker: push before pull, and do not store a
page while a push is unanswered. An event the store applied but whose answer was lost
is still pending here; applying it on top of a store row that already contains it
would count it twice until that order changes again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.dialects.sqlite import insert

from app.domain import wire
from app.domain.events import Event
from app.domain.model import Location, Order, Product, Tote, User
from app.domain.rules import Rejection, apply_event, check_user
from app.store import mapping
from app.store.bulk import delete_where_in, seqs_of, upsert
from app.store.models import (
    BarcodeRow,
    Base,
    LocationRow,
    OrderLineRow,
    OrderRow,
    PackageRow,
    ProductRow,
    ToteRow,
    UserRow,
    table_of,
)
from app.store.repositories import LAST_PULL_AT, release_badges
from app.store.uow import UnitOfWork

_T = TypeVar("_T")
Seqd = list[tuple[int, _T]]  # (the store's seq of the row, the row as a domain value)


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


def parse_page(page: Mapping[str, Any]) -> ChangesPage:
    """Check and parse a /changes response body.

    Raises:
        PageError: naming the first row (e.g. ``orders[17]``) that is wrong.
    """
    if not isinstance(page, Mapping):
        raise PageError("a /changes page is a JSON object")
    next_seq = page.get("next")
    if isinstance(next_seq, bool) or not isinstance(next_seq, int) or next_seq < 0:
        raise PageError(f"next: must be a whole number >= 0, got {next_seq!r}")
    return ChangesPage(
        next=next_seq,
        products=_rows(page, "products", wire.product_from_json),
        locations=_rows(page, "locations", wire.location_from_json),
        totes=_rows(page, "totes", wire.tote_from_json),
        users=_rows(page, "users", wire.user_from_json),
        orders=_rows(page, "orders", wire.order_from_json),
    )


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
        except (KeyError, TypeError, ValueError) as exc:
            raise PageError(f"{name}[{index}]: {exc}") from exc
    return out


def store_page(uow: UnitOfWork, page: ChangesPage, now: datetime) -> int:
    """Store ``page`` in ``uow``'s transaction (the caller commits).

    Returns:
        How many rows (products, locations, totes, users, orders) were newer than the
        local copy and written; 0 when the page was already stored.
    """
    written = 0
    written += _store_locations(uow, page.locations)
    written += _store_totes(uow, page.totes)
    written += _store_users(uow, page.users)
    written += _store_products(uow, page.products)
    orders = _newer(uow, OrderRow, page.orders, _order_key)
    _store_orders(uow, orders)
    written += len(orders)
    uow.session.expire_all()  # the statements above bypassed the identity map
    _reapply_pending(uow, [order.order_number for _, order in orders])
    uow.sync_state.set_changes_since(max(uow.sync_state.changes_since(), page.next))
    uow.sync_state.set(LAST_PULL_AT, now.isoformat())
    return written


def _newer(
    uow: UnitOfWork, row_class: type[Base], rows: Seqd[_T], key_of: Callable[[_T], str]
) -> Seqd[_T]:
    """The rows whose seq is above the stored one (or that are not stored yet).

    A row listed twice in one page keeps its highest seq.
    """
    latest: dict[str, tuple[int, _T]] = {}
    for seq, row in rows:
        key = key_of(row)
        if key not in latest or latest[key][0] < seq:
            latest[key] = (seq, row)
    table = table_of(row_class)
    (key_column,) = table.primary_key.columns
    stored = seqs_of(uow.session, key_column, table.c.seq, list(latest))
    return [(seq, row) for key, (seq, row) in latest.items() if seq > stored.get(key, -1)]


def _order_key(order: Order) -> str:
    return order.order_number


def _store_locations(uow: UnitOfWork, rows: Seqd[Location]) -> int:
    newer = _newer(uow, LocationRow, rows, lambda loc: loc.code)
    upsert(uow.session, table_of(LocationRow), [mapping.location_params(r, s) for s, r in newer])
    return len(newer)


def _store_totes(uow: UnitOfWork, rows: Seqd[Tote]) -> int:
    newer = _newer(uow, ToteRow, rows, lambda tote: tote.code)
    upsert(uow.session, table_of(ToteRow), [mapping.tote_params(r, s) for s, r in newer])
    return len(newer)


def _store_users(uow: UnitOfWork, rows: Seqd[User]) -> int:
    newer = _newer(uow, UserRow, rows, lambda user: user.username)
    params = [mapping.user_params(r, s) for s, r in sorted(newer, key=lambda item: item[0])]
    # A badge can move between people. Take every incoming badge off its current
    # holder first; within the page, the later change (higher seq) keeps a badge.
    holder: dict[str, dict[str, Any]] = {}
    for p in params:
        badge = p["badge_code"]
        if badge is not None:
            if badge in holder:
                holder[badge]["badge_code"] = None
            holder[badge] = p
    release_badges(uow.session, list(holder))
    upsert(uow.session, table_of(UserRow), params)
    return len(newer)


def _store_products(uow: UnitOfWork, rows: Seqd[Product]) -> int:
    newer = _newer(uow, ProductRow, rows, lambda product: product.sku)
    session = uow.session
    upsert(session, table_of(ProductRow), [mapping.product_params(r, s) for s, r in newer])
    barcodes = table_of(BarcodeRow)
    delete_where_in(session, barcodes.c.sku, [r.sku for _, r in newer])
    # Upsert, not insert: a code may move here from a product not in this page.
    upsert(session, barcodes, [b for _, r in newer for b in mapping.barcode_params(r)])
    return len(newer)


def _store_orders(uow: UnitOfWork, rows: Seqd[Order]) -> None:
    session = uow.session
    upsert(session, table_of(OrderRow), [mapping.order_params(r, s) for s, r in rows])
    numbers = [r.order_number for _, r in rows]
    lines, packages = table_of(OrderLineRow), table_of(PackageRow)
    delete_where_in(session, lines.c.order_number, numbers)
    delete_where_in(session, packages.c.order_number, numbers)
    line_params = [mapping.line_params(r.order_number, line) for _, r in rows for line in r.lines]
    if line_params:
        session.execute(insert(lines), line_params)
    package_params = [
        mapping.package_params(r.order_number, p) for _, r in rows for p in r.packages
    ]
    if package_params:
        session.execute(insert(packages), package_params)


def _reapply_pending(uow: UnitOfWork, order_numbers: Sequence[str]) -> None:
    """Apply the station's pending events again on top of fresh store rows."""
    if not order_numbers or not uow.outbox.count_pending():
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
