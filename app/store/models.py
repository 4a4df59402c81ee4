"""The station's tables as SQLAlchemy 2.x typed models.

These classes are the *target* of the Alembic migrations in ``migrations/versions``;
the migrations are written by hand and a test checks that ``upgrade head`` produces
exactly this schema. Change both together.

Rows are persistence shapes only: repositories turn them into the frozen values and
aggregates of ``app.domain.model`` (see ``app.store.mapping``), so nothing above the
store ever holds a row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.dbtypes import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base of the station store; ``Base.metadata`` is Alembic's target."""


def table_of(row_class: type[Base]) -> Table:
    """The Core ``Table`` of a model, for set-based statements (typed as such for mypy)."""
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


class ProductRow(Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    length_mm: Mapped[int] = mapped_column(Integer, default=0)
    width_mm: Mapped[int] = mapped_column(Integer, default=0)
    height_mm: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The order store's change sequence of this row; 0 for rows made locally.
    seq: Mapped[int] = mapped_column(Integer, default=0)

    barcodes: Mapped[list[BarcodeRow]] = relationship(
        order_by="BarcodeRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class BarcodeRow(Base):
    """One code on one product. A code belongs to at most one product: it is the key."""

    __tablename__ = "product_barcodes"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    sku: Mapped[str] = mapped_column(
        String(40), ForeignKey("products.sku", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    # Keeps the store's order of a product's barcodes, so a product round-trips equal.
    position: Mapped[int] = mapped_column(Integer, default=0)


class LocationRow(Base):
    __tablename__ = "locations"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    zone: Mapped[str] = mapped_column(String(40))
    aisle: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


class ToteRow(Base):
    __tablename__ = "totes"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_badge_code", "badge_code", unique=True),)

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    # NULL (not "") when a user has no badge: a unique index allows many NULLs, and a
    # badge handed to someone else is taken off its old holder by setting NULL.
    badge_code: Mapped[str | None] = mapped_column(String(64))
    # Comma-separated role values, sorted; a handful of short words needs no JSON.
    roles: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    # The person's language code ("es"); "" is the station's default.
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")


class OrderRow(Base):
    __tablename__ = "orders"

    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    priority_rank: Mapped[int] = mapped_column(Integer)
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime())
    carrier: Mapped[str] = mapped_column(String(64), default="")
    ship_to_name: Mapped[str] = mapped_column(String(200), default="")
    ship_to_street: Mapped[str] = mapped_column(String(200), default="")
    ship_to_city: Mapped[str] = mapped_column(String(200), default="")
    ship_to_postcode: Mapped[str] = mapped_column(String(40), default="")
    ship_to_country: Mapped[str] = mapped_column(String(64), default="")
    assigned_station: Mapped[str | None] = mapped_column(String(64))
    assigned_user: Mapped[str | None] = mapped_column(String(64))
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    held_from: Mapped[str | None] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    # The totes it was picked into, comma-separated in first-use order: a column, not
    # a table, so that loading an order (once per counted scan) joins nothing more.
    totes: Mapped[str] = mapped_column(String(400), default="", server_default="")

    lines: Mapped[list[OrderLineRow]] = relationship(
        order_by="OrderLineRow.line_no",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    packages: Mapped[list[PackageRow]] = relationship(
        order_by="PackageRow.package_no",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


# The work queue: open orders, most urgent first, then earliest cutoff. The index
# matches ``OrderRepository.next_open``'s ORDER BY column for column (DESC included),
# so SQLite reads the first entry instead of sorting 100k orders on every "next order".
# It leads with ``status``, so it also serves every filter by status.
Index(
    "ix_orders_queue",
    OrderRow.status,
    OrderRow.priority_rank.desc(),
    OrderRow.cutoff,
    OrderRow.order_number,
)


class OrderLineRow(Base):
    __tablename__ = "order_lines"

    order_number: Mapped[str] = mapped_column(
        String(40), ForeignKey("orders.order_number", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40))
    qty: Mapped[int] = mapped_column(Integer)
    picked_qty: Mapped[int] = mapped_column(Integer, default=0)
    short_qty: Mapped[int] = mapped_column(Integer, default=0)
    packed_qty: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str | None] = mapped_column(String(64))


class PackageRow(Base):
    __tablename__ = "order_packages"

    order_number: Mapped[str] = mapped_column(
        String(40), ForeignKey("orders.order_number", ondelete="CASCADE"), primary_key=True
    )
    package_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    box: Mapped[str] = mapped_column(String(64))
    weight_g: Mapped[int] = mapped_column(Integer)
    tracking: Mapped[str] = mapped_column(String(64), default="")
    # A package closed at a pack station: its SSCC, and what is in it as
    # "line:qty,line:qty" (``Package.contents_text``); both empty for a v1 package.
    sscc: Mapped[str] = mapped_column(String(18), default="", server_default="")
    contents: Mapped[str] = mapped_column(String(4000), default="", server_default="")


class OutboxRow(Base):
    """One event waiting for (or refused by) the order store.

    ``position`` is AUTOINCREMENT so a position is never reused after a delete: the
    send order is the order in which people acted, even across restarts.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_event_id", "event_id", unique=True),
        Index("ix_outbox_order_number", "order_number"),
        # ``pending()`` and ``count_pending()`` read only this index.
        Index("ix_outbox_state_position", "state", "position"),
        {"sqlite_autoincrement": True},
    )

    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36))
    type: Mapped[str] = mapped_column(String(40))
    order_number: Mapped[str] = mapped_column(String(40))
    # The whole ``Event.to_json()`` as JSON text: what is pushed is exactly what was
    # recorded, whatever the columns beside it say.
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    reject_code: Mapped[str | None] = mapped_column(String(40))
    reject_reason: Mapped[str | None] = mapped_column(Text)


class SyncStateRow(Base):
    """Small key/value facts of the sync: the changes cursor, the last pull time."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PrintJobRow(Base):
    """One label for one printer, kept until long after it printed (for reprints).

    ``payload`` is exactly what was (or will be) sent: a reprint sends the same bytes,
    so a parcel keeps its SSCC. ``request`` (JSON) says how it was made, so that a
    preview can draw it again (ZPL cannot be previewed from its bytes). ``id`` is
    AUTOINCREMENT: a job number is never reused, even after old jobs are purged.
    States: ``queued``, ``printing``, ``done``, ``failed`` (``app.store.print_jobs``).
    """

    __tablename__ = "print_jobs"
    __table_args__ = (
        # The worker's "what is due" query reads this index only.
        Index("ix_print_jobs_state_due", "state", "next_attempt_at"),
        Index("ix_print_jobs_reference", "reference"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    label: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(64))
    printer: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(8))
    request: Mapped[str] = mapped_column(Text)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_args: Mapped[str | None] = mapped_column(Text)  # JSON object
    error: Mapped[str | None] = mapped_column(Text)  # English, for the log
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    spooler_job: Mapped[str] = mapped_column(String(200), default="")
    reprint_of: Mapped[int | None] = mapped_column(Integer)


class PickRunRow(Base):
    """A picker's trip: one order, or a batch of orders into one tote each.

    Station-local (never synced): it remembers who is picking which claimed orders
    into which totes, so that a restarted kiosk puts the same picker back into the
    same run. ``finished_at`` is set when the picker confirms the run done.
    """

    __tablename__ = "pick_runs"
    __table_args__ = (
        Index("ix_pick_runs_open", "username", "finished_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    orders: Mapped[list[PickRunOrderRow]] = relationship(
        order_by="PickRunOrderRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class PickRunOrderRow(Base):
    """One claimed order of a pick run, its tote and the event that claimed it."""

    __tablename__ = "pick_run_orders"
    __table_args__ = (Index("ix_pick_run_orders_order", "order_number"),)

    run_id: Mapped[int] = mapped_column(
        ForeignKey("pick_runs.id", ondelete="CASCADE"), primary_key=True
    )
    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    tote: Mapped[str | None] = mapped_column(String(40))
    claim_event: Mapped[str] = mapped_column(String(36))


class SsccCounterRow(Base):
    """The last SSCC counter this station issued in one range (``app.domain.sscc``).

    Station-local (never synced), and never decreased: a counter only moves up, in the
    transaction that stores what the SSCC is for (``app.store.sscc``).
    """

    __tablename__ = "sscc_counters"

    company_prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    extension: Mapped[int] = mapped_column(Integer, primary_key=True)
    station: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_counter: Mapped[int] = mapped_column(Integer)


# The supervisor's queue (app.supervisor.queue): each sortable column of the orders
# table has an index ending in the order number, so that a sorted page is read from
# an index (ORDER BY col, order_number LIMIT n) instead of sorting 100,000 rows, and a
# filter on it (carrier, person) is a range of the same index. Station migration 0010.
Index("ix_orders_cutoff", OrderRow.cutoff, OrderRow.order_number)
# totes last: a search by tote among the orders in a tote reads this index only.
Index(
    "ix_orders_status_cutoff",
    OrderRow.status,
    OrderRow.cutoff,
    OrderRow.order_number,
    OrderRow.totes,
)
Index("ix_orders_priority", OrderRow.priority_rank, OrderRow.cutoff, OrderRow.order_number)
Index("ix_orders_carrier", OrderRow.carrier, OrderRow.cutoff, OrderRow.order_number)
Index("ix_orders_user", OrderRow.assigned_user, OrderRow.order_number)
Index("ix_orders_station", OrderRow.assigned_station, OrderRow.order_number)
Index("ix_order_lines_sku", OrderLineRow.sku, OrderLineRow.order_number)  # covering
# What a pull brought since the derived tables were made, and the few lines reported
# short (the exceptions): without them both read every order. Station migration 0012.
Index("ix_orders_seq", OrderRow.seq)
Index(
    "ix_order_lines_short",
    OrderLineRow.order_number,
    sqlite_where=OrderLineRow.short_qty > 0,
)


class OrderZoneRow(Base):
    """Which zones an order's lines are picked from: the supervisor's zone filter.

    Derived, station-local: ``app.supervisor.derived.refresh`` fills it from the
    lines and the bins after each pull (a line's bin is fixed when the order is
    imported), so that filtering 100,000 orders by zone reads one index range instead
    of every line. Station migration 0010.
    """

    __tablename__ = "order_zones"

    zone: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)


class OrderSumRow(Base):
    """An order's line count and progress (picked, short and packed units over
    ordered units), for sorting the supervisor's table by them without adding up
    every line of 100,000 orders. Derived, station-local, kept by
    ``app.supervisor.derived.refresh``. Station migration 0010.
    """

    __tablename__ = "order_sums"
    __table_args__ = (
        Index("ix_order_sums_lines", "lines", "order_number"),
        Index("ix_order_sums_progress", "progress", "order_number"),
    )

    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    lines: Mapped[int] = mapped_column(Integer)
    progress: Mapped[float | None] = mapped_column(Float)


class StationRequestRow(Base):
    """Something a supervisor asked this station to do (``order.labels_reprint``),
    as the order store handed it in a pull (``/changes``, ``requests``).

    Stored in the transaction of the page that brought it, keyed by the store's
    ``seq`` (a page pulled twice stores it once; ``event_id``, the supervisor's event,
    is unique too). ``state`` is ``new`` until the station acted on it: ``done`` with
    the ids of the reprint jobs in ``jobs``, or ``failed`` with a ``code``, written in
    the transaction that queues those jobs (``app.printing.reprints``). Station
    migration 0011.
    """

    __tablename__ = "station_requests"
    __table_args__ = (Index("ix_station_requests_state", "state", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    order_number: Mapped[str] = mapped_column(String(40))
    package_no: Mapped[int | None] = mapped_column(Integer)
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16), default="new")
    code: Mapped[str | None] = mapped_column(String(40))
    jobs: Mapped[str] = mapped_column(Text, default="")  # comma-separated job ids
    acted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
