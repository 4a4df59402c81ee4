"""Products, bins, totes, orders and users as the station and the store both see them.

Everything here is a frozen value or a small mutable aggregate with its invariants
checked in one place; nothing touches a database, a network or a widget.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from app.domain.gtin import is_valid_gtin


class OrderStatus(enum.StrEnum):
    """Where an order is in its life (DESIGN.md vocabulary)."""

    OPEN = "open"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        """True for statuses that no station event moves on from."""
        return self in (OrderStatus.SHIPPED, OrderStatus.CANCELLED)


class Priority(enum.StrEnum):
    """How urgent an order is; ``rank`` orders them, higher first."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}


class Role(enum.StrEnum):
    """What a person may do at a station."""

    PICKER = "picker"
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class BarcodeKind(enum.StrEnum):
    """The symbology family of a product barcode."""

    EAN13 = "ean13"
    UPCA = "upca"
    EAN8 = "ean8"
    GTIN14 = "gtin14"
    OTHER = "other"


_GTIN_KIND_BY_LENGTH = {
    13: BarcodeKind.EAN13,
    12: BarcodeKind.UPCA,
    8: BarcodeKind.EAN8,
    14: BarcodeKind.GTIN14,
}


@dataclass(frozen=True, slots=True)
class Barcode:
    """One barcode printed on a product; GTIN kinds carry a valid check digit.

    ``pack_qty`` is how many units one scan of it stands for: 1 for the unit's own
    code, 12 for a case label of twelve.
    """

    code: str
    kind: BarcodeKind
    pack_qty: int = 1

    def __post_init__(self) -> None:
        if not self.code or len(self.code) > 64 or not self.code.isprintable():
            raise ValueError(f"barcode {self.code!r} must be 1-64 printable characters")
        if self.pack_qty < 1:
            raise ValueError(f"barcode {self.code!r}: pack quantity must be at least 1")
        if self.kind is not BarcodeKind.OTHER:
            if not is_valid_gtin(self.code):
                raise ValueError(f"barcode {self.code!r} is not a valid {self.kind.value}")
            if _GTIN_KIND_BY_LENGTH[len(self.code)] is not self.kind:
                raise ValueError(
                    f"barcode {self.code!r} has the wrong length for {self.kind.value}"
                )

    @classmethod
    def gtin(cls, code: str) -> Barcode:
        """A GTIN barcode whose kind follows from its length."""
        kind = _GTIN_KIND_BY_LENGTH.get(len(code), BarcodeKind.OTHER)
        return cls(code, kind if is_valid_gtin(code) else BarcodeKind.OTHER)


SKU_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


@dataclass(frozen=True, slots=True)
class Product:
    """A stock-keeping unit; ``location`` is the bin it is picked from.

    Dimensions are millimetres and weight grams, integers: a packing station never
    needs finer, and integers compare exactly.
    """

    sku: str
    name: str
    barcodes: tuple[Barcode, ...] = ()
    length_mm: int = 0
    width_mm: int = 0
    height_mm: int = 0
    weight_g: int = 0
    location: str | None = None
    active: bool = True

    def __post_init__(self) -> None:
        if not SKU_PATTERN.fullmatch(self.sku):
            raise ValueError(f"SKU {self.sku!r} must be 1-40 letters, digits or . _ / -")
        if not self.name.strip():
            raise ValueError(f"product {self.sku} needs a name")
        for value in (self.length_mm, self.width_mm, self.height_mm, self.weight_g):
            if value < 0:
                raise ValueError(f"product {self.sku}: dimensions and weight cannot be negative")

    @property
    def volume_mm3(self) -> int:
        return self.length_mm * self.width_mm * self.height_mm


@dataclass(frozen=True, slots=True)
class Location:
    """A bin on the pick path. ``sequence`` is its place on the walk, lowest first."""

    code: str
    zone: str
    aisle: str
    sequence: int
    active: bool = True

    def __post_init__(self) -> None:
        if not self.code or not self.code.isprintable():
            raise ValueError(f"location code {self.code!r} is not printable")
        if self.sequence < 0:
            raise ValueError(f"location {self.code}: pick-path sequence cannot be negative")


@dataclass(frozen=True, slots=True)
class Tote:
    """A reusable container a picker fills and a packer empties."""

    code: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class User:
    """A person who logs in by scanning a badge.

    ``language`` is the person's language as a BCP 47 / POSIX code (``es``, ``pt_BR``);
    empty means the station's default language.
    """

    username: str
    display_name: str
    badge_code: str
    roles: frozenset[Role]
    active: bool = True
    language: str = ""

    def __post_init__(self) -> None:
        if not self.roles:
            raise ValueError(f"user {self.username} needs at least one role")

    def can(self, role: Role) -> bool:
        """True when the user holds ``role``; an admin holds every role."""
        return role in self.roles or Role.ADMIN in self.roles


@dataclass(frozen=True, slots=True)
class ShipTo:
    """Where an order goes."""

    name: str
    street: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""


@dataclass(slots=True)
class OrderLine:
    """One SKU of an order and how far it has come.

    ``short_qty`` is what a picker reported missing; the line is complete for picking
    when ``picked_qty + short_qty == qty``.
    """

    line_no: int
    sku: str
    qty: int
    picked_qty: int = 0
    short_qty: int = 0
    packed_qty: int = 0
    location: str | None = None

    def __post_init__(self) -> None:
        if self.line_no < 1:
            raise ValueError("line numbers start at 1")
        if self.qty < 1:
            raise ValueError(f"line {self.line_no}: quantity must be at least 1")
        if min(self.picked_qty, self.short_qty, self.packed_qty) < 0:
            raise ValueError(f"line {self.line_no}: counts cannot be negative")
        if self.picked_qty + self.short_qty > self.qty:
            raise ValueError(f"line {self.line_no}: picked plus short exceeds the ordered quantity")
        if self.packed_qty > self.picked_qty:
            raise ValueError(f"line {self.line_no}: packed exceeds picked")

    @property
    def open_qty(self) -> int:
        """What is still to be picked."""
        return self.qty - self.picked_qty - self.short_qty

    @property
    def is_picked(self) -> bool:
        return self.open_qty == 0


@dataclass(frozen=True, slots=True)
class Package:
    """A parcel an order left in.

    ``sscc`` and ``contents`` (units per line number) are set when a pack station
    closed the package with ``package.closed``; a package made by a v1
    ``order.packed`` has neither.
    """

    package_no: int
    box: str
    weight_g: int
    tracking: str = ""
    sscc: str = ""
    contents: tuple[tuple[int, int], ...] = ()

    def units_of(self, line_no: int) -> int:
        """How many units of line ``line_no`` are in this package."""
        return sum(qty for number, qty in self.contents if number == line_no)

    @property
    def contents_text(self) -> str:
        """The contents as both databases keep them: ``"1:2,3:1"`` (line 1 twice,
        line 3 once); ``""`` for none."""
        return ",".join(f"{line}:{qty}" for line, qty in self.contents)

    @staticmethod
    def contents_from(text: str) -> tuple[tuple[int, int], ...]:
        """``contents_text`` read back."""
        if not text:
            return ()
        pairs = (part.split(":") for part in text.split(","))
        return tuple((int(line), int(qty)) for line, qty in pairs)


@dataclass(slots=True)
class Order:
    """A customer order: its lines, where it stands and who works on it."""

    order_number: str
    priority: Priority
    cutoff: datetime
    lines: list[OrderLine]
    status: OrderStatus = OrderStatus.OPEN
    ship_to: ShipTo = field(default_factory=lambda: ShipTo(name=""))
    carrier: str = ""
    assigned_station: str | None = None
    assigned_user: str | None = None
    hold_reason: str = ""
    held_from: OrderStatus | None = None
    packages: list[Package] = field(default_factory=list)
    totes: tuple[str, ...] = ()
    """The totes the order was picked into, in the order they were first used."""

    def __post_init__(self) -> None:
        if not self.order_number or len(self.order_number) > 40:
            raise ValueError("an order number is 1-40 characters")
        if not self.lines:
            raise ValueError(f"order {self.order_number} has no lines")
        numbers = [line.line_no for line in self.lines]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"order {self.order_number} repeats a line number")
        if self.cutoff.tzinfo is None:
            raise ValueError(f"order {self.order_number}: cutoff must carry a time zone")

    def line(self, line_no: int) -> OrderLine:
        """The line numbered ``line_no``.

        Raises:
            KeyError: the order has no such line.
        """
        for line in self.lines:
            if line.line_no == line_no:
                return line
        raise KeyError(f"order {self.order_number} has no line {line_no}")

    @property
    def is_fully_picked(self) -> bool:
        return all(line.is_picked for line in self.lines)

    def sealed_qty(self, line_no: int) -> int:
        """Units of line ``line_no`` in closed packages."""
        return sum(package.units_of(line_no) for package in self.packages)

    @property
    def total_qty(self) -> int:
        return sum(line.qty for line in self.lines)

    def queue_key(self) -> tuple[int, datetime, str]:
        """Sort key for the work queue: most urgent first, then earliest cutoff."""
        return (-self.priority.rank, self.cutoff, self.order_number)

    def copy(self) -> Order:
        """A deep copy whose lines can change without touching this order."""
        return replace(
            self, lines=[replace(line) for line in self.lines], packages=list(self.packages)
        )
