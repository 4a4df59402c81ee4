"""The JSON shapes of the HTTP contract, one function each way.

The order store writes these, the station reads them; both import this module, so the
two sides cannot drift apart. Readers raise ``ValueError`` (or ``KeyError``/``TypeError``
for a missing or ill-typed field) on anything that does not fit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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

JSON = dict[str, Any]


def product_to_json(product: Product) -> JSON:
    return {
        "sku": product.sku,
        "name": product.name,
        "barcodes": [{"code": b.code, "kind": b.kind.value} for b in product.barcodes],
        "length_mm": product.length_mm,
        "width_mm": product.width_mm,
        "height_mm": product.height_mm,
        "weight_g": product.weight_g,
        "location": product.location,
        "active": product.active,
    }


def product_from_json(data: JSON) -> Product:
    return Product(
        sku=str(data["sku"]),
        name=str(data["name"]),
        barcodes=tuple(
            Barcode(str(b["code"]), BarcodeKind(b["kind"])) for b in data.get("barcodes", ())
        ),
        length_mm=int(data.get("length_mm", 0)),
        width_mm=int(data.get("width_mm", 0)),
        height_mm=int(data.get("height_mm", 0)),
        weight_g=int(data.get("weight_g", 0)),
        location=data.get("location"),
        active=bool(data.get("active", True)),
    )


def location_to_json(location: Location) -> JSON:
    return {
        "code": location.code,
        "zone": location.zone,
        "aisle": location.aisle,
        "sequence": location.sequence,
        "active": location.active,
    }


def location_from_json(data: JSON) -> Location:
    return Location(
        code=str(data["code"]),
        zone=str(data["zone"]),
        aisle=str(data["aisle"]),
        sequence=int(data["sequence"]),
        active=bool(data.get("active", True)),
    )


def tote_to_json(tote: Tote) -> JSON:
    return {"code": tote.code, "active": tote.active}


def tote_from_json(data: JSON) -> Tote:
    return Tote(code=str(data["code"]), active=bool(data.get("active", True)))


def user_to_json(user: User) -> JSON:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "badge_code": user.badge_code,
        "roles": sorted(role.value for role in user.roles),
        "active": user.active,
    }


def user_from_json(data: JSON) -> User:
    return User(
        username=str(data["username"]),
        display_name=str(data["display_name"]),
        badge_code=str(data["badge_code"]),
        roles=frozenset(Role(r) for r in data["roles"]),
        active=bool(data.get("active", True)),
    )


def order_to_json(order: Order) -> JSON:
    return {
        "order_number": order.order_number,
        "status": order.status.value,
        "priority": order.priority.value,
        "cutoff": order.cutoff.astimezone(UTC).isoformat(),
        "carrier": order.carrier,
        "ship_to": {
            "name": order.ship_to.name,
            "street": order.ship_to.street,
            "city": order.ship_to.city,
            "postcode": order.ship_to.postcode,
            "country": order.ship_to.country,
        },
        "assigned_station": order.assigned_station,
        "assigned_user": order.assigned_user,
        "hold_reason": order.hold_reason,
        "held_from": order.held_from.value if order.held_from else None,
        "lines": [
            {
                "line_no": line.line_no,
                "sku": line.sku,
                "qty": line.qty,
                "picked_qty": line.picked_qty,
                "short_qty": line.short_qty,
                "packed_qty": line.packed_qty,
                "location": line.location,
            }
            for line in order.lines
        ],
        "packages": [
            {
                "package_no": p.package_no,
                "box": p.box,
                "weight_g": p.weight_g,
                "tracking": p.tracking,
            }
            for p in order.packages
        ],
    }


def order_from_json(data: JSON) -> Order:
    ship_to = data.get("ship_to") or {}
    held_from = data.get("held_from")
    return Order(
        order_number=str(data["order_number"]),
        status=OrderStatus(data["status"]),
        priority=Priority(data["priority"]),
        cutoff=parse_time(data["cutoff"]),
        carrier=str(data.get("carrier", "")),
        ship_to=ShipTo(
            name=str(ship_to.get("name", "")),
            street=str(ship_to.get("street", "")),
            city=str(ship_to.get("city", "")),
            postcode=str(ship_to.get("postcode", "")),
            country=str(ship_to.get("country", "")),
        ),
        assigned_station=data.get("assigned_station"),
        assigned_user=data.get("assigned_user"),
        hold_reason=str(data.get("hold_reason", "")),
        held_from=OrderStatus(held_from) if held_from else None,
        lines=[
            OrderLine(
                line_no=int(line["line_no"]),
                sku=str(line["sku"]),
                qty=int(line["qty"]),
                picked_qty=int(line.get("picked_qty", 0)),
                short_qty=int(line.get("short_qty", 0)),
                packed_qty=int(line.get("packed_qty", 0)),
                location=line.get("location"),
            )
            for line in data["lines"]
        ],
        packages=[
            Package(
                package_no=int(p["package_no"]),
                box=str(p["box"]),
                weight_g=int(p["weight_g"]),
                tracking=str(p.get("tracking", "")),
            )
            for p in data.get("packages", ())
        ],
    )


def parse_time(value: object) -> datetime:
    """An ISO 8601 time with a zone, as UTC.

    Raises:
        ValueError: not text, not ISO 8601, or without a time zone.
    """
    if not isinstance(value, str):
        raise ValueError(f"a time is ISO 8601 text, got {value!r}")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} must carry a time zone")
    return moment.astimezone(UTC)
