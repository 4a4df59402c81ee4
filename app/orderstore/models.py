"""The order store's tables (SQLAlchemy 2.x typed models).

Every row that stations pull carries ``seq``: a number from one counter row, taken
again on every change, so ``/changes?since=SEQ`` finds each changed row once in its
latest state. Times are stored as UTC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.dbtypes import UTCDateTime


class Base(DeclarativeBase):
    pass


class Counter(Base):
    """Named counters; ``changes`` hands out ``seq`` numbers in commit order."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ProductRow(Base):
    __tablename__ = "products"
    sku: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    length_mm: Mapped[int] = mapped_column(Integer, default=0)
    width_mm: Mapped[int] = mapped_column(Integer, default=0)
    height_mm: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(default=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class BarcodeRow(Base):
    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    # Units one scan of the code stands for (a case label counts its contents).
    pack_qty: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class LocationRow(Base):
    __tablename__ = "locations"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    zone: Mapped[str] = mapped_column(String(20))
    aisle: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(default=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class ToteRow(Base):
    __tablename__ = "totes"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    active: Mapped[bool] = mapped_column(default=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class UserRow(Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    badge_code: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[str] = mapped_column(String(100))  # comma-separated Role values
    active: Mapped[bool] = mapped_column(default=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The person's language code ("es"); "" leaves it to each station's default.
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")


class OrderRow(Base):
    __tablename__ = "orders"
    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    priority: Mapped[str] = mapped_column(String(10))
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime())
    carrier: Mapped[str] = mapped_column(String(40), default="")
    ship_name: Mapped[str] = mapped_column(String(100), default="")
    ship_street: Mapped[str] = mapped_column(String(200), default="")
    ship_city: Mapped[str] = mapped_column(String(100), default="")
    ship_postcode: Mapped[str] = mapped_column(String(20), default="")
    ship_country: Mapped[str] = mapped_column(String(2), default="")
    assigned_station: Mapped[str | None] = mapped_column(String(200))
    assigned_user: Mapped[str | None] = mapped_column(String(200))
    hold_reason: Mapped[str] = mapped_column(String(200), default="")
    held_from: Mapped[str | None] = mapped_column(String(12))
    # The totes it was picked into, comma-separated in first-use order (packing finds
    # the order by them).
    totes: Mapped[str] = mapped_column(String(400), default="", server_default="")
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The order as the pull sends it (wire.order_to_json plus seq), written in the same
    # statement as ``seq``: a page of orders is then read, not rebuilt.
    doc: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_orders_status_cutoff", "status", "cutoff"),)


class OrderLineRow(Base):
    __tablename__ = "order_lines"
    order_number: Mapped[str] = mapped_column(ForeignKey("orders.order_number"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    qty: Mapped[int] = mapped_column(Integer)
    picked_qty: Mapped[int] = mapped_column(Integer, default=0)
    short_qty: Mapped[int] = mapped_column(Integer, default=0)
    packed_qty: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str | None] = mapped_column(String(40))


class PackageRow(Base):
    __tablename__ = "packages"
    order_number: Mapped[str] = mapped_column(ForeignKey("orders.order_number"), primary_key=True)
    package_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    box: Mapped[str] = mapped_column(String(200))
    weight_g: Mapped[int] = mapped_column(Integer)
    tracking: Mapped[str] = mapped_column(String(200), default="")
    # Closed at a pack station (package.closed): the SSCC and the contents as
    # ``Package.contents_text``; empty for a package made by a v1 order.packed.
    sscc: Mapped[str] = mapped_column(String(18), default="", server_default="")
    contents: Mapped[str] = mapped_column(String(4000), default="", server_default="")


class EventRow(Base):
    """Every event received, with the answer it got: the exactly-once ledger.

    An event is known by its station and its id: one station's id cannot stand for
    another station's event. Applied events are kept for good; of the refused ones
    only the newest ``service.REFUSALS_KEPT`` per station (the partial index finds
    them).
    """

    __tablename__ = "events"
    station: Mapped[str] = mapped_column(String(200), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    username: Mapped[str] = mapped_column(String(200))
    order_number: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    result: Mapped[str] = mapped_column(String(10))  # applied | rejected
    code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)  # the event's JSON as received
    # The units of a ``line.picked`` (from its payload; ``None`` for other types):
    # the people figures add them from the index below, reading no JSON.
    qty: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        # The ledger's reads (app.orderstore.ledger): a window of a shift for the
        # people figures, a station's newest event for the stations list.
        # Covering: a day's figures are read from the index alone.
        Index("ix_events_window", "at", "result", "username", "type", "qty"),
        Index("ix_events_station_received", "station", "received_at", "at"),
        Index(
            "ix_events_refusals",
            "station",
            "received_at",
            sqlite_where=text("result = 'rejected'"),
            postgresql_where=text("result = 'rejected'"),
        ),
    )


class StationSeenRow(Base):
    """When a station last called ``/changes`` or ``/events``, written at most once per
    ``app.orderstore.ledger.SEEN_EVERY`` per station (a pull is not a write each time)."""

    __tablename__ = "station_seen"
    station: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())


class TokenRow(Base):
    """A station's API token, stored as its SHA-256 (tokens are 256 random bits)."""

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SupervisorPinRow(Base):
    """A supervisor's PIN as the store can check it: a random salt and the key scrypt
    derives from the PIN with it (``app.domain.proof``), never the PIN. ``failures``
    counts wrong proofs in a row; past a limit the user is locked until
    ``locked_until`` (kept in the database: workers share no memory)."""

    __tablename__ = "supervisor_pins"
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))  # hex
    key: Mapped[str] = mapped_column(String(128))  # hex
    kdf: Mapped[str] = mapped_column(String(100))  # JSON of app.domain.proof.Kdf
    set_at: Mapped[datetime] = mapped_column(UTCDateTime())
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StationRequestRow(Base):
    """Something a supervisor asked one station to do (reprint an order's labels),
    handed to that station by its pulls (``/changes``, ``requests``). ``event_id``
    is the supervisor's event."""

    __tablename__ = "station_requests"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    station: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    order_number: Mapped[str] = mapped_column(String(40))
    package_no: Mapped[int | None] = mapped_column(Integer)
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    event_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (Index("ix_station_requests_station_seq", "station", "seq"),)
