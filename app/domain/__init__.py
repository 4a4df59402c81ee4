"""The plain-Python model of the warehouse floor: no Qt, no SQL, no HTTP."""

from app.domain.events import (
    EVENT_TYPES,
    Event,
    EventError,
    EventType,
    new_event,
    parse_event,
)
from app.domain.gtin import gtin_check_digit, is_valid_gtin
from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Package,
    Priority,
    Product,
    Role,
    ShipTo,
    Tote,
    User,
)

__all__ = [
    "EVENT_TYPES",
    "Barcode",
    "BarcodeKind",
    "Event",
    "EventError",
    "EventType",
    "Location",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Package",
    "Priority",
    "Product",
    "Role",
    "ShipTo",
    "Tote",
    "User",
    "gtin_check_digit",
    "is_valid_gtin",
    "new_event",
    "parse_event",
]
