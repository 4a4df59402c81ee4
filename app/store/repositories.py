"""Repositories: domain objects in, domain objects out, over one Session.

A repository never commits; its unit of work does. Repositories hand out domain values
(``app.domain.model``), never rows, so nothing above the store can change a row behind
the unit of work's back.

The catalogue repositories write with set-based upserts (``app.store.bulk``) and then
expire the Session, because those statements bypass the identity map. Orders are
written through the ORM instead: ``record()`` loads an order, changes a line or two
and saves it, and the ORM then updates just the changed columns of the rows it loaded.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from app.domain.model import Location, Order, OrderStatus, Product, Tote, User
from app.store import mapping
from app.store.bulk import chunks, delete_where_in, upsert
from app.store.models import (
    BarcodeRow,
    LocationRow,
    OrderRow,
    ProductRow,
    SyncStateRow,
    ToteRow,
    UserRow,
    table_of,
)


class ProductRepository:
    """Products and their barcodes."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_sku(self, sku: str) -> Product | None:
        row = self._session.get(ProductRow, sku)
        return mapping.product_from_row(row) if row else None

    def by_barcode(self, code: str) -> Product | None:
        """The product that carries barcode ``code``, if any."""
        row = self._session.scalars(
            select(ProductRow).join(BarcodeRow).where(BarcodeRow.code == code)
        ).first()
        return mapping.product_from_row(row) if row else None

    def save(self, product: Product) -> None:
        """Insert or overwrite ``product``; its barcodes replace the stored ones.

        A barcode that belonged to another product moves to this one.
        """
        upsert(self._session, table_of(ProductRow), [mapping.product_params(product)])
        delete_where_in(self._session, table_of(BarcodeRow).c.sku, [product.sku])
        upsert(self._session, table_of(BarcodeRow), mapping.barcode_params(product))
        self._session.expire_all()


class LocationRepository:
    """Bins on the pick path."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_code(self, code: str) -> Location | None:
        row = self._session.get(LocationRow, code)
        return mapping.location_from_row(row) if row else None

    def save(self, location: Location) -> None:
        upsert(self._session, table_of(LocationRow), [mapping.location_params(location)])
        self._session.expire_all()


class ToteRepository:
    """Totes (reusable pick containers)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_code(self, code: str) -> Tote | None:
        row = self._session.get(ToteRow, code)
        return mapping.tote_from_row(row) if row else None

    def save(self, tote: Tote) -> None:
        upsert(self._session, table_of(ToteRow), [mapping.tote_params(tote)])
        self._session.expire_all()


class UserRepository:
    """People who log in by badge."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, username: str) -> User | None:
        row = self._session.get(UserRow, username)
        return mapping.user_from_row(row) if row else None

    def by_badge(self, badge_code: str) -> User | None:
        """The user whose badge is ``badge_code``; ``None`` for an empty or unknown code."""
        if not badge_code:
            return None
        row = self._session.scalars(select(UserRow).where(UserRow.badge_code == badge_code)).first()
        return mapping.user_from_row(row) if row else None

    def save(self, user: User) -> None:
        """Insert or overwrite ``user``; a badge held by someone else moves to ``user``."""
        params = mapping.user_params(user)
        if params["badge_code"] is not None:
            release_badges(self._session, [params["badge_code"]])
        upsert(self._session, table_of(UserRow), [params])
        self._session.expire_all()


def release_badges(session: Session, badge_codes: Sequence[str]) -> None:
    """Take ``badge_codes`` off whoever holds them, so they can be handed out again.

    The badge index is unique, and a badge can move from one person to another; the
    old holder keeps the account but can no longer log in with that badge.
    """
    for part in chunks(badge_codes):
        session.execute(
            update(UserRow)
            .where(UserRow.badge_code.in_(part))
            .values(badge_code=None)
            .execution_options(synchronize_session=False)
        )


class OrderRepository:
    """Orders with their lines and packages, as ``app.domain.model.Order``."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # The Session holds rows weakly: keep the ones ``get`` loaded, so that the
        # ``save`` that usually follows (``record``) does not select them again.
        self._loaded: dict[str, OrderRow] = {}

    def get(self, order_number: str) -> Order | None:
        """The order numbered ``order_number``, as a domain aggregate free to change."""
        # One statement for the order with its lines and packages (the relationships'
        # default, selectin, would take three): this runs once per counted scan.
        row = self._session.get(
            OrderRow,
            order_number,
            options=[joinedload(OrderRow.lines), joinedload(OrderRow.packages)],
        )
        if row is None:
            return None
        self._loaded[order_number] = row
        return mapping.order_from_row(row)

    def save(self, order: Order) -> None:
        """Write ``order`` back: its columns, and its lines and packages by number.

        Only what differs from the stored rows is written. The server's ``seq`` of the
        row is kept: a local change does not make the local copy newer than the store's.
        """
        row = self._session.get(OrderRow, order.order_number)
        if row is None:
            row = OrderRow(**mapping.order_params(order))
            self._session.add(row)
        else:
            for name, value in mapping.order_state_params(order).items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        self._sync_lines(row, order)
        self._sync_packages(row, order)

        # Flush now so that a broken row fails here, inside the caller's transaction,
        # and not at an unrelated later query.
        self._session.flush()

    def in_tote(self, tote: str) -> list[str]:
        """The unpacked orders picked into ``tote`` (as the orders themselves say,
        pulled or recorded here)."""
        # Only picked orders not packed yet are looked at (a few hundred at most on a
        # busy day, read through the status index); the exact tote is checked here.
        rows = self._session.execute(
            select(OrderRow.order_number, OrderRow.totes)
            .where(
                OrderRow.status.in_([OrderStatus.PICKED.value, OrderStatus.PACKING.value]),
                OrderRow.totes.contains(tote),
            )
            .order_by(OrderRow.order_number)
        )
        return [number for number, totes in rows if tote in totes.split(",")]

    def next_open(self) -> Order | None:
        """The work queue's head: open, highest priority rank, then earliest cutoff.

        Served by the ``ix_orders_queue`` index without a sort.
        """
        row = self._session.scalars(
            select(OrderRow)
            .where(OrderRow.status == OrderStatus.OPEN.value)
            .order_by(OrderRow.priority_rank.desc(), OrderRow.cutoff, OrderRow.order_number)
            .limit(1)
        ).first()
        return mapping.order_from_row(row) if row else None

    def open_queue(self, limit: int, exclude: Collection[str] = ()) -> list[Order]:
        """The first ``limit`` open orders in queue order (see ``next_open``), leaving
        out ``exclude``; read through the ``ix_orders_queue`` index."""
        rows = self._session.scalars(
            select(OrderRow)
            .where(OrderRow.status == OrderStatus.OPEN.value)
            .order_by(OrderRow.priority_rank.desc(), OrderRow.cutoff, OrderRow.order_number)
            .limit(limit + len(exclude))
        )
        wanted = [row for row in rows if row.order_number not in exclude][:limit]
        return [mapping.order_from_row(row) for row in wanted]

    def count(self, status: OrderStatus | None = None) -> int:
        """How many orders there are, of ``status`` when given."""
        stmt = select(func.count()).select_from(OrderRow)
        if status is not None:
            stmt = stmt.where(OrderRow.status == status.value)
        return self._session.scalar(stmt) or 0

    @staticmethod
    def _sync_lines(row: OrderRow, order: Order) -> None:
        stored = {line.line_no: line for line in row.lines}
        wanted = {line.line_no for line in order.lines}
        for line in order.lines:
            line_row = stored.get(line.line_no)
            if line_row is None:
                row.lines.append(mapping.line_row(order.order_number, line))
                continue
            for name, value in mapping.line_params(order.order_number, line).items():
                if getattr(line_row, name) != value:
                    setattr(line_row, name, value)
        for line_no, line_row in stored.items():
            if line_no not in wanted:
                row.lines.remove(line_row)

    @staticmethod
    def _sync_packages(row: OrderRow, order: Order) -> None:
        stored = {p.package_no: p for p in row.packages}
        wanted = {p.package_no for p in order.packages}
        for package in order.packages:
            package_row = stored.get(package.package_no)
            if package_row is None:
                row.packages.append(mapping.package_row(order.order_number, package))
                continue
            for name, value in mapping.package_params(order.order_number, package).items():
                if getattr(package_row, name) != value:
                    setattr(package_row, name, value)
        for package_no, package_row in stored.items():
            if package_no not in wanted:
                row.packages.remove(package_row)


CHANGES_SINCE: Final = "changes_since"
LAST_PULL_AT: Final = "last_pull_at"


class SyncStateRepository:
    """Key/value facts of the sync, such as the /changes cursor."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        row = self._session.get(SyncStateRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        upsert(self._session, table_of(SyncStateRow), [{"key": key, "value": value}])
        self._session.expire_all()

    def changes_since(self) -> int:
        """The ``since`` of the next /changes pull (0 before the first)."""
        value = self.get(CHANGES_SINCE)
        return int(value) if value else 0

    def set_changes_since(self, seq: int) -> None:
        self.set(CHANGES_SINCE, str(seq))

    def last_pull_at(self) -> datetime | None:
        """When a /changes page was last stored, if ever."""
        value = self.get(LAST_PULL_AT)
        return datetime.fromisoformat(value) if value else None
