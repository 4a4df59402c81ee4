"""Rows to domain values and back.

Both the repositories (one object at a time, through the ORM) and the bulk upsert of
``/changes`` pages (thousands of plain parameter dicts) use these, so a column is
written the same way on either path.
"""

from __future__ import annotations

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
from app.store.models import (
    LocationRow,
    OrderLineRow,
    OrderRow,
    PackageRow,
    ProductRow,
    ToteRow,
    UserRow,
)

Params = dict[str, Any]

# The columns each ``*_params`` function fills, in the order of its keys (a test checks
# both). The /changes upsert binds rows as tuples in this order.
PRODUCT_COLUMNS = (
    "sku",
    "name",
    "length_mm",
    "width_mm",
    "height_mm",
    "weight_g",
    "location",
    "active",
    "seq",
)
BARCODE_COLUMNS = ("code", "sku", "kind", "position", "pack_qty")
LOCATION_COLUMNS = ("code", "zone", "aisle", "sequence", "active", "seq")
TOTE_COLUMNS = ("code", "active", "seq")
USER_COLUMNS = ("username", "display_name", "badge_code", "roles", "active", "seq", "language")
ORDER_COLUMNS = (
    "order_number",
    "seq",
    "status",
    "priority",
    "priority_rank",
    "cutoff",
    "carrier",
    "ship_to_name",
    "ship_to_street",
    "ship_to_city",
    "ship_to_postcode",
    "ship_to_country",
    "assigned_station",
    "assigned_user",
    "hold_reason",
    "held_from",
    "totes",
)
LINE_COLUMNS = (
    "order_number",
    "line_no",
    "sku",
    "qty",
    "picked_qty",
    "short_qty",
    "packed_qty",
    "location",
)
PACKAGE_COLUMNS = (
    "order_number",
    "package_no",
    "box",
    "weight_g",
    "tracking",
    "sscc",
    "contents",
)


def product_params(product: Product, seq: int = 0) -> Params:
    return {
        "sku": product.sku,
        "name": product.name,
        "length_mm": product.length_mm,
        "width_mm": product.width_mm,
        "height_mm": product.height_mm,
        "weight_g": product.weight_g,
        "location": product.location,
        "active": product.active,
        "seq": seq,
    }


def barcode_params(product: Product) -> list[Params]:
    return [
        {
            "code": b.code,
            "sku": product.sku,
            "kind": b.kind.value,
            "position": i,
            "pack_qty": b.pack_qty,
        }
        for i, b in enumerate(product.barcodes)
    ]


def product_from_row(row: ProductRow) -> Product:
    return Product(
        sku=row.sku,
        name=row.name,
        barcodes=tuple(Barcode(b.code, BarcodeKind(b.kind), b.pack_qty) for b in row.barcodes),
        length_mm=row.length_mm,
        width_mm=row.width_mm,
        height_mm=row.height_mm,
        weight_g=row.weight_g,
        location=row.location,
        active=row.active,
    )


def location_params(location: Location, seq: int = 0) -> Params:
    return {
        "code": location.code,
        "zone": location.zone,
        "aisle": location.aisle,
        "sequence": location.sequence,
        "active": location.active,
        "seq": seq,
    }


def location_from_row(row: LocationRow) -> Location:
    return Location(row.code, row.zone, row.aisle, row.sequence, row.active)


def tote_params(tote: Tote, seq: int = 0) -> Params:
    return {"code": tote.code, "active": tote.active, "seq": seq}


def tote_from_row(row: ToteRow) -> Tote:
    return Tote(row.code, row.active)


def user_params(user: User, seq: int = 0) -> Params:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "badge_code": user.badge_code or None,
        "roles": ",".join(sorted(role.value for role in user.roles)),
        "active": user.active,
        "seq": seq,
        "language": user.language,
    }


def user_from_row(row: UserRow) -> User:
    return User(
        username=row.username,
        display_name=row.display_name,
        badge_code=row.badge_code or "",
        roles=frozenset(Role(r) for r in row.roles.split(",") if r),
        active=row.active,
        language=row.language or "",
    )


def order_params(order: Order, seq: int = 0) -> Params:
    """The ``orders`` columns of ``order`` (not its lines or packages)."""
    return {
        "order_number": order.order_number,
        "seq": seq,
        **order_state_params(order),
    }


def order_state_params(order: Order) -> Params:
    """The columns an event or a new server copy may change (all but key and seq)."""
    return {
        "status": order.status.value,
        "priority": order.priority.value,
        "priority_rank": order.priority.rank,
        "cutoff": order.cutoff,
        "carrier": order.carrier,
        "ship_to_name": order.ship_to.name,
        "ship_to_street": order.ship_to.street,
        "ship_to_city": order.ship_to.city,
        "ship_to_postcode": order.ship_to.postcode,
        "ship_to_country": order.ship_to.country,
        "assigned_station": order.assigned_station,
        "assigned_user": order.assigned_user,
        "hold_reason": order.hold_reason,
        "held_from": order.held_from.value if order.held_from else None,
        "totes": ",".join(order.totes),
    }


def line_params(order_number: str, line: OrderLine) -> Params:
    return {
        "order_number": order_number,
        "line_no": line.line_no,
        "sku": line.sku,
        "qty": line.qty,
        "picked_qty": line.picked_qty,
        "short_qty": line.short_qty,
        "packed_qty": line.packed_qty,
        "location": line.location,
    }


def package_params(order_number: str, package: Package) -> Params:
    return {
        "order_number": order_number,
        "package_no": package.package_no,
        "box": package.box,
        "weight_g": package.weight_g,
        "tracking": package.tracking,
        "sscc": package.sscc,
        "contents": package.contents_text,
    }


def order_from_row(row: OrderRow) -> Order:
    return Order(
        order_number=row.order_number,
        priority=Priority(row.priority),
        cutoff=row.cutoff,
        lines=[line_from_row(line) for line in row.lines],
        status=OrderStatus(row.status),
        ship_to=ShipTo(
            name=row.ship_to_name,
            street=row.ship_to_street,
            city=row.ship_to_city,
            postcode=row.ship_to_postcode,
            country=row.ship_to_country,
        ),
        carrier=row.carrier,
        assigned_station=row.assigned_station,
        assigned_user=row.assigned_user,
        hold_reason=row.hold_reason,
        held_from=OrderStatus(row.held_from) if row.held_from else None,
        packages=[
            Package(
                p.package_no,
                p.box,
                p.weight_g,
                p.tracking,
                p.sscc,
                Package.contents_from(p.contents),
            )
            for p in row.packages
        ],
        totes=tuple(row.totes.split(",")) if row.totes else (),
    )


def line_from_row(row: OrderLineRow) -> OrderLine:
    return OrderLine(
        line_no=row.line_no,
        sku=row.sku,
        qty=row.qty,
        picked_qty=row.picked_qty,
        short_qty=row.short_qty,
        packed_qty=row.packed_qty,
        location=row.location,
    )


def package_row(order_number: str, package: Package) -> PackageRow:
    return PackageRow(**package_params(order_number, package))


def line_row(order_number: str, line: OrderLine) -> OrderLineRow:
    return OrderLineRow(**line_params(order_number, line))
